"""A correction's claims refresh in a transaction of its own: the correction commits with what
the claims must weigh again noted (``claims_stale``), the claim reads mark their claims
pending until the refresh (or the next update, or a rebuild) takes it in, and then the claims
are what a rebuild gives; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimstorekit import article, articles, dump
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import build_corpus_entities
from whosaid.store import Store, open_store
from whosaid.store import claims as store_claims
from whosaid.usecases.corrections import (
    fix_speaker,
    merge_entities,
    refresh_claims_after,
    refresh_corpus_after,
    split_alias,
)


def _stale(store: Store) -> store_claims.Stale:
    with store.read("stale") as conn:
        return store_claims.stale_work(conn)


def _same_as_a_rebuild(store: Store) -> None:
    after = dump(store)
    build_claims(store)
    assert after == dump(store)


def _pending(store: Store) -> set[bool]:
    rows = store_claims.claim_rows(store)
    assert rows
    return {r["pending"] for r in rows}


@pytest.mark.parametrize("corpus", [False, True])
def test_claims_marked_pending_until_the_refresh_then_equal_a_rebuild(
        db: str, mode: str, corpus: bool) -> None:
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        if corpus:
            build_corpus_entities(store)
        build_claims(store)
        assert _pending(store) == {False}
        before = dump(store)
        done = merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester",
                              refresh_later=True)
        assert done["claims_pending"] is True
        assert dump(store) == before  # the claims wait, untouched, and say so
        assert _pending(store) == {True}
        some = store_claims.claim_rows(store)[0]["id"]
        assert store_claims.claim_detail(store, some)["pending"] is True
        assert _stale(store).names == {"Dmitry Peskov"}
        assert done["corpus_pending"] is corpus  # the corpus refresh waits too
        assert not _stale(store).corpus_ids  # noted by the corpus refresh, when it runs

        sid = next(s["id"] for s in store.article("a7")["statements"]
                   if s["speaker"]["entity"] == "Dmitry Peskov")
        fix_speaker(store, "a7", sid, "Volodymyr Zelensky", "tester", refresh_later=True)
        assert ("a7", sid) in _stale(store).statements
        assert bool(refresh_corpus_after(store)) == corpus  # the corpus first
        assert bool(_stale(store).corpus_ids) == corpus
        update = refresh_claims_after(store)  # both corrections at once
        assert update is not None and update.claims
        assert _stale(store).seqs == ()
        assert _pending(store) == {False}
        assert "Sergei Lavrov" not in {r["speaker"]["entity"]
                                       for r in store_claims.claim_rows(store)}
        _same_as_a_rebuild(store)


def test_a_correction_refreshes_its_claims_right_after_by_default(db: str, mode: str) -> None:
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
        done = split_alias(store, "Dmitry Peskov", "Dmitry Peskov", "Peskov Two", "tester")
        assert done["claims_pending"] is False
        assert _stale(store).seqs == () and _pending(store) == {False}
        _same_as_a_rebuild(store)


def test_the_next_update_takes_in_a_pending_refresh(db: str, mode: str) -> None:
    """A refresh that never ran (the server stopped first) is done by the next update, with
    the new article's."""
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:-1]:
            store.save(a)
        build_claims(store)
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester", refresh_later=True)
        store.save(analyses[-1])
        update_claims(store, [analyses[-1].article.id])
        assert _stale(store).seqs == () and _pending(store) == {False}
        _same_as_a_rebuild(store)
        # with no new article, the update still takes in what a correction left
        split_alias(store, "Dmitry Peskov", "Dmitry Peskov", "Peskov Two", "tester",
                    refresh_later=True)
        assert update_claims(store).claims
        assert _stale(store).seqs == ()
        _same_as_a_rebuild(store)


def test_a_rebuild_takes_in_a_pending_refresh(db: str) -> None:
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester", refresh_later=True)
        build_claims(store)
        assert _stale(store).seqs == () and _pending(store) == {False}
        assert refresh_claims_after(store) is not None  # nothing left: nothing done
        assert "Sergei Lavrov" not in {r["speaker"]["entity"]
                                       for r in store_claims.claim_rows(store)}


def test_corrections_before_the_first_claims_pass_note_nothing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        for a in articles():
            store.save(a)
        done = merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester",
                              refresh_later=True)
        assert done["claims_pending"] is False and _stale(store).seqs == ()


def test_a_refresh_removes_only_the_marks_it_took_in(tmp_path: Path) -> None:
    """A correction committed while a refresh runs keeps its marks for the next one."""
    with open_store(str(tmp_path / "w.db")) as store:
        store.save(article("a1", "2022-12-01", "tass.com", []))
        with store.write("first") as conn:
            store_claims.mark_stale(conn, names=["Dmitry Peskov"], corpus_ids=["c1"],
                                    statements=[("a1", "s1")])
            taken = store_claims.stale_work(conn)
            store_claims.mark_stale(conn, names=["Sergei Lavrov"])
            store_claims.clear_stale(conn, taken.seqs)
            left = store_claims.stale_work(conn)
        assert taken.names == {"Dmitry Peskov"} and taken.corpus_ids == {"c1"}
        assert taken.statements == {("a1", "s1")}
        assert left.names == {"Sergei Lavrov"} and len(left.seqs) == 1
