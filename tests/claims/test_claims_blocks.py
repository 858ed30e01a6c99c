"""The whole claims pass a block at a time (speaker blocks for the clustering, day blocks for
the speaker-changed flag) gives what clustering every statement at once gives, and the same
tables whatever the blocks' size; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimstorekit import articles, dump
from whosaid.claims import cluster_claims, day_of, find_copies
from whosaid.claims.blocks import day_blocks, speaker_blocks
from whosaid.claims.index import Printed, eligible, flag_all, with_speaker_flag
from whosaid.claims.service import build_claims
from whosaid.claims.text import weighted_set
from whosaid.corpus import build_corpus_entities
from whosaid.store import claims as store_claims
from whosaid.store import open_store


def test_speaker_blocks_hold_whole_speakers_up_to_the_limit() -> None:
    counts = {"putin": 5, "lavrov": 2, "peskov": 3, "zelensky": 1}
    assert speaker_blocks(counts, 4) == [("lavrov",), ("peskov",), ("putin",), ("zelensky",)]
    assert speaker_blocks(counts, 6) == [("lavrov", "peskov"), ("putin", "zelensky")]
    assert speaker_blocks(counts, 100) == [("lavrov", "peskov", "putin", "zelensky")]


def test_day_blocks_cover_every_day_without_cutting_one() -> None:
    counts = {738490: 3, 738491: 1, 738495: 4, 738500: 1}
    assert day_blocks(counts, 4) == [(738490, 738491), (738495, 738495), (738500, 738500)]
    assert day_blocks(counts, 100) == [(738490, 738500)]
    assert day_blocks({}, 4) == []


def _clustered_at_once(store: Any) -> dict[str, tuple[Any, ...]]:
    """Every statement clustered at once, flagged by the pairwise rule over all versions:
    ``{claim id: (speaker key, origin, [(version, flags)])}``."""
    with store.read("all statements") as conn:
        statements = store_claims.claim_statements(conn)
        docs = store_claims.copy_documents(conn)
    found = cluster_claims(statements, find_copies(docs), speaker_changed=False)
    rows = [Printed((v.statement.article_id, v.statement.statement_id), c.speaker_key,
                    v.statement.published, len(c.versions), day_of(v.statement),
                    weighted_set(v.statement.content))
            for c in found for v in c.versions]
    flagged = flag_all([r for r in rows if eligible(r.bag)], 7)
    return {c.id: (c.speaker_key, (c.origin.article_id, c.origin.statement_id),
                   [((v.statement.article_id, v.statement.statement_id),
                     list(with_speaker_flag(v.drift, (v.statement.article_id,
                                                      v.statement.statement_id) in flagged)
                          .flags)) for v in c.versions])
            for c in found}


def _stored(store: Any) -> dict[str, tuple[Any, ...]]:
    out = {}
    for r in store_claims.claim_rows(store):
        detail = store_claims.claim_detail(store, r["id"])
        out[r["id"]] = (detail["speaker_key"],
                        (r["origin"]["article_id"], r["origin"]["statement_id"]),
                        [((s["article_id"], s["id"]), s["drift"]["flags"])
                         for s in r["statements"]])
    return out


def test_block_wise_build_equals_clustering_all_statements_at_once(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        for a in articles():
            store.save(a)
        summary = build_claims(store, block_statements=1, flag_versions=1)
        stored = _stored(store)
        assert stored == _clustered_at_once(store)
        assert summary.claims == len(stored) and summary.speakers == 4
        assert any("speaker_changed" in flags for _, _, vs in stored.values()
                   for _, flags in vs)


def test_blocks_of_any_size_give_the_same_tables(db: str) -> None:
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_corpus_entities(store)
        whole = build_claims(store)
        tables = dump(store)
        small = build_claims(store, block_statements=1, flag_versions=1)
        assert dump(store) == tables
        assert (small.claims, small.repeated, small.meaning_changed, small.speakers,
                small.statements, small.undated) == \
            (whole.claims, whole.repeated, whole.meaning_changed, whole.speakers,
             whole.statements, whole.undated)
