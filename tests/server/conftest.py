"""Fixtures of the server tests in this folder.

``positions_db``: one SQLite database, built once per session through the real server
(``POST /api/analyze``, the real model), holding the bundled seed article (a byte-for-byte
copy of ``../shared/data/seed/isw-putin-ceasefire.txt``, published 2022-12-04) and two short
articles that make stances shift: Scholz supports peace talks on 18 November and opposes them
on 8 December; his ceasefire stance goes from conditional to supports; Putin is "ready for
peace talks" on 17 November before his 2 December "refusal to negotiate". The position and
event tests only read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from serverkit import AUTH, analyse_seed, live_server

SHIFT_DOCS: tuple[dict[str, str], ...] = (
    {"doc_id": "scholz-talks-1", "published": "2022-11-20", "source": "example.net",
     "title": "Scholz backs talks with Moscow",
     "text": "German Chancellor Olaf Scholz said on Friday that he supports peace talks with "
             "Russia.\n\nScholz also said on Friday that he would support a ceasefire if "
             "Russia withdraws its troops.\n\nRussian President Vladimir Putin said on "
             "Thursday that he is ready for peace talks with Ukraine.\n\nKremlin spokesman "
             "Dmitry Peskov said on Saturday that Moscow rejects a ceasefire."},
    {"doc_id": "scholz-talks-2", "published": "2022-12-10", "source": "example.com",
     "title": "Scholz rules out talks for now",
     "text": "Chancellor Olaf Scholz said on Thursday that he opposes peace talks with Russia "
             "for now.\n\nScholz told the Bundestag on Thursday that he supports a ceasefire."
             "\n\nDmitry Peskov said on Friday that the Kremlin supports a ceasefire, "
             "according to TASS."},
)


@pytest.fixture(scope="session")
def positions_db(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> str:
    """The seed and the two shift articles, analysed and stored (read-only for tests)."""
    db = str(Path(tmp_path_factory.mktemp("positions")) / "positions.db")
    with live_server(db, analyzer=analyzer) as url, \
            httpx.Client(base_url=url, timeout=120) as client:
        analyse_seed(client)
        for doc in SHIFT_DOCS:
            response = client.post("/api/analyze", json=doc, headers=AUTH)
            assert response.status_code == 200, response.text
    return db
