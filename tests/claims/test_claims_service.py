"""The claims pass over a store: an update gives what a full rebuild gives (claims, versions,
drift flags, edges, ids, copy groups), whether articles come one at a time or in a batch,
when one is analysed again, and with a corpus; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from claimstorekit import SHELLS, article, articles, dump
from whosaid.claims import service
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import build_corpus_entities, keep_corpus
from whosaid.model import Analysis, content_id
from whosaid.store import claims as store_claims
from whosaid.store import open_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "w.db")
    else:
        yield str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def rebuilt(tmp_path: Path) -> Any:
    """The claims a full pass builds over some articles (on SQLite)."""

    def run(analyses: Sequence[Analysis], corpus: bool = False) -> dict[str, Any]:
        path = tmp_path / f"full-{content_id(*[a.article.id for a in analyses])}.db"
        with open_store(str(path)) as store:
            for a in analyses:
                store.save(a)
            if corpus:
                build_corpus_entities(store)
            build_claims(store)
            return dump(store)

    return run


@pytest.fixture(params=["exact", "around"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Updates as they come (no batch is large enough for a full pass); "around" clusters
    every speaker again only around the new statements."""
    monkeypatch.setattr(service, "FULL_PASS_SHARE", 2.0)
    if request.param == "around":
        monkeypatch.setattr(service, "EXACT_LIMIT", 0)
    return str(request.param)


def test_the_full_pass_finds_claims_copies_and_flags(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        for a in articles():
            store.save(a)
        summary = build_claims(store)
        assert summary.statements == 14 and summary.unknown_speaker == 1
        assert summary.copy_groups == 1 and summary.undated == 1
        rows = {tuple(r["statements"][0]["content"]["text"].split()[:3]): r
                for r in store_claims.claim_rows(store)}
        ready = next(r for r in store_claims.claim_rows(store)
                     if r["origin"]["article_id"] == "a1"
                     and r["speaker"]["entity"] == "Dmitry Peskov")
        assert [s["article_id"] for s in ready["statements"]][:3] == ["a1", "a2", "a3"]
        lavrov = next(r for r in store_claims.claim_rows(store)
                      if r["speaker"]["entity"] == "Sergei Lavrov"
                      and r["origin"]["article_id"] == "a4")
        assert "speaker_changed" in lavrov["statements"][0]["drift"]["flags"]
        detail = store_claims.claim_detail(store, ready["id"])
        assert {"source": "tass.com", "target": "farm.example", "kind": "copy",
                "article_id": "a3"} in detail["edges"]
        with store.read("pending") as conn:
            assert store_claims.pending_articles(conn) == []
        assert rows


def test_one_article_at_a_time_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    with open_store(db) as store:
        store.save(analyses[0])
        update_claims(store, [analyses[0].article.id], build=True)  # the first builds
        for a in analyses[1:]:
            store.save(a)
            update_claims(store, [a.article.id])
            with store.read("pending") as conn:
                assert store_claims.pending_articles(conn) == []
        assert dump(store) == rebuilt(analyses)


def test_a_batch_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:2]:
            store.save(a)
        build_claims(store)
        for a in analyses[2:]:  # saved, never taken in (a run stopped): pending
            store.save(a)
        update_claims(store)
        assert dump(store) == rebuilt(analyses)


def test_analysing_an_article_again_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    again = article("a3", "2022-12-02", "farm.example", [
        ("Sergei Lavrov", SHELLS, (), "indirect"),
        ("Dmitry Peskov", "We will not comment on the reports about the prisoner swap", (),
         "direct")], body="A different page altogether. " * 3)
    with open_store(db) as store:
        for a in analyses:
            store.save(a)
        build_claims(store)
        store.save(again)
        update_claims(store, ["a3"])
        assert dump(store) == rebuilt([*(a for a in analyses if a.article.id != "a3"), again])
        store.delete("a4")  # a deleted article leaves its claims at the next update
        update_claims(store, ["a4"])
        assert dump(store) == rebuilt([*(a for a in analyses
                                         if a.article.id not in ("a3", "a4")), again])


@pytest.mark.parametrize("sampled", [False, True])
def test_with_a_corpus_updates_equal_a_rebuild(db: str, mode: str, rebuilt: Any,
                                               sampled: bool,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Also when the corpus update only adds the new entities (sampled candidates): then the
    claims weigh only the statements whose key changed."""
    from whosaid.corpus import service as corpus_service

    monkeypatch.setattr(corpus_service, "FULL_PASS_SHARE", 2.0)  # never the whole corpus
    if sampled:
        monkeypatch.setattr(corpus_service, "EXACT_LIMIT", 0)
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:3]:
            store.save(a)
        build_corpus_entities(store)
        build_claims(store)
        sampled_runs = 0
        for a in analyses[3:]:
            store.save(a)
            corpus = keep_corpus(store, [a.article.id])
            assert corpus.rewritten is not None and corpus.regrouped is not None
            assert set(corpus.regrouped) <= set(corpus.rewritten)
            sampled_runs += not corpus.regrouped and bool(corpus.rewritten)
            update_claims(store, [a.article.id], corpus_ids=corpus.rewritten,
                          regrouped=corpus.regrouped)
        assert bool(sampled_runs) == sampled
        got = dump(store)
        keys = {r[1] for r in got["claims"]}
        assert keys and all(len(k) == 16 for k in keys)  # corpus entity ids
        assert got == rebuilt(analyses, corpus=True)


@pytest.mark.parametrize("corpus", [False, True])
def test_corrections_refresh_the_claims_of_their_speakers(db: str, mode: str,
                                                          corpus: bool) -> None:
    from whosaid.usecases import fix_speaker, merge_entities, split_alias

    with open_store(db) as store:
        for a in articles():
            store.save(a)
        if corpus:
            build_corpus_entities(store)
        build_claims(store)

        def same_as_a_rebuild() -> None:
            after = dump(store)
            build_claims(store)
            assert after == dump(store)

        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester")
        same_as_a_rebuild()
        speakers = {r["speaker"]["entity"] for r in store_claims.claim_rows(store)}
        assert "Sergei Lavrov" not in speakers
        sid = next(s["id"] for s in store.article("a7")["statements"]
                   if s["speaker"]["entity"] == "Dmitry Peskov")
        fix_speaker(store, "a7", sid, "Volodymyr Zelensky", "tester")
        same_as_a_rebuild()
        split_alias(store, "Dmitry Peskov", "Dmitry Peskov", "Peskov Two", "tester")
        same_as_a_rebuild()
