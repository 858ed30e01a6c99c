"""whosaid.corpus.service.attach_articles: new articles join a built corpus, in full and by samples,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from whosaid.corpus import build_corpus_entities
from whosaid.corpus import service as corpus_service
from whosaid.store import corpus as store_corpus
from whosaid.store import open_store

BACKENDS = ["sqlite", "postgresql"]

CORPUS = [
    "Chancellor Olaf Scholz said on Monday that Germany would send more aid to Ukraine.",
    "Olaf Scholz told reporters in Berlin that the talks had stalled. Scholz added that he "
    "would call Vladimir Putin.",
    "Vladimir Putin said the ceasefire was not on the table, according to the Kremlin.",
    "The Kremlin said Putin had spoken with Olaf Scholz by phone on Friday.",
    "Joe Biden said on Tuesday that the United States would keep supporting Ukraine.",
]
LATER = ("German Chancellor Olaf Scholes said on Wednesday that he had spoken with President "
         "Wladimir Putin.")


def _db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        return str(tmp_path / "corpus.db")
    return str(request.getfixturevalue("pg_schema_url"))


def _holding(store: Any, alias: str) -> dict[str, Any]:
    rows = store_corpus.corpus_entities_rows(store, alias, members=True)
    found = [r for r in rows if alias in {a["alias"] for a in r["aliases"]}]
    assert len(found) == 1, (alias, rows)
    return found[0]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("exact_limit", [corpus_service.EXACT_LIMIT, 0])
def test_corpus_attach_new_article_joins_its_corpus_entities(
        backend: str, exact_limit: int, request: pytest.FixtureRequest, tmp_path: Path,
        analyze_text: Any) -> None:
    with open_store(_db(backend, request, tmp_path)) as store:
        for text in CORPUS:
            store.save(analyze_text(text, "2022-12-04"))
        build_corpus_entities(store)
        scholz = _holding(store, "Olaf Scholz")
        putin = _holding(store, "Vladimir Putin")
        later = analyze_text(LATER, "2022-12-08")
        store.save(later)  # what `whosaid analyze` does, then the corpus takes it in
        written = corpus_service.attach_articles(store, [later.article.id], exact_limit)
        assert written
        joined = _holding(store, "Olaf Scholes")
        assert joined["id"] in written and joined["name"] == "Olaf Scholz"
        assert joined["articles"] == scholz["articles"] + 1
        assert joined["mentions"] == scholz["mentions"] + 1
        assert later.article.id in joined["article_ids"]
        wladimir = _holding(store, "Wladimir Putin")
        assert wladimir["name"] == "Vladimir Putin"
        assert wladimir["articles"] == putin["articles"] + 1
        # the same again changes nothing
        before = store_corpus.corpus_entities_rows(store, members=True)
        corpus_service.attach_articles(store, [later.article.id], exact_limit)
        assert _shape(store_corpus.corpus_entities_rows(store, members=True)) == \
            _shape(before)
        # a whole pass agrees on who is who
        build_corpus_entities(store)
        assert _shape(store_corpus.corpus_entities_rows(store, members=True)) == \
            _shape(before)


def _shape(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((r["name"], r["type"], r["mentions"], r["articles"], r["statements"],
                   tuple(sorted((a["alias"], a["count"]) for a in r["aliases"])),
                   tuple(r["article_ids"])) for r in rows)


def test_corpus_attach_keeps_the_knowledge_base_name(tmp_path: Path, analyze_text: Any) -> None:
    from whosaid.corpus.kb import KBEntry

    with open_store(str(tmp_path / "kb.db")) as store:
        for text in CORPUS:
            store.save(analyze_text(text, "2022-12-04"))
        store_corpus.import_kb(store, [KBEntry("Q567", "Olaf Scholz (politician)", "PERSON",
                                                 ("Olaf Scholz",))], "kb.jsonl")
        build_corpus_entities(store)
        assert _holding(store, "Olaf Scholz")["name"] == "Olaf Scholz (politician)"
        later = analyze_text(LATER, "2022-12-08")
        store.save(later)
        corpus_service.attach_articles(store, [later.article.id], exact_limit=0)
        joined = _holding(store, "Olaf Scholes")
        assert (joined["name"], joined["kb_id"]) == ("Olaf Scholz (politician)", "Q567")
