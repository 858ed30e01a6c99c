"""A store analysed by an older extractor is analysed again by the next run, so its articles
gain what the new one finds (positions and events since whosaid-rules-v2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from whosaid.model import EXTRACTOR_VERSION
from whosaid.settings import Settings
from whosaid.store import open_store
from whosaid.usecases import run_analyze

ARTICLE = ("Chancellor Olaf Scholz said on Monday that Germany supports a ceasefire in Ukraine. "
           "\"We are ready for talks,\" Scholz told reporters in Berlin.")


def test_an_article_stored_by_an_older_extractor_is_analysed_again(
        tmp_path: Path, analyzer: Any) -> None:
    doc = tmp_path / "scholz.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    settings = Settings(published="2023-03-13")
    with open_store(str(tmp_path / "w.db")) as store:
        first = run_analyze([doc], settings, store, analyzer=analyzer)
        assert first.analyzed == 1
        with store.write("pretend an older extractor") as conn:
            conn.execute(text("UPDATE articles SET extractor = 'whosaid-rules-v1'"))
            conn.execute(text("DELETE FROM positions"))
        again = run_analyze([doc], settings, store, analyzer=analyzer)
        assert (again.analyzed, again.unchanged) == (1, 0)
        with store.read("read back") as conn:
            assert conn.execute(text("SELECT extractor FROM articles")).scalar() \
                == EXTRACTOR_VERSION
            assert conn.execute(text("SELECT count(*) FROM positions")).scalar() > 0
        third = run_analyze([doc], settings, store, analyzer=analyzer)
        assert (third.analyzed, third.unchanged) == (0, 1)
