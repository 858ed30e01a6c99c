"""Migration 11: an entity's positions are read through the holder indexes (by canonical
name, and by the article entities a corpus entity holds), not by scanning every article;
and a corpus entity's latest statements come name by name from the speaker index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, exists

from storekit import index_names, make_analysis
from whosaid.corpus import build_corpus_entities
from whosaid.store import api_queries, open_store, schema
from whosaid.store import corpus as corpus_queries
from whosaid.store.api_queries import recent_statements
from whosaid.store.migrations import POSITION_INDEXES

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_11_makes_the_holder_indexes_and_drops_the_bare_entity_id_one(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db") if backend == "sqlite" else \
        str(request.getfixturevalue("pg_schema_url"))
    found = index_names(db)
    assert {name for name, _, _ in POSITION_INDEXES} <= found
    assert "ix_positions_holder" not in found


def test_an_entitys_positions_never_scan_the_articles(tmp_path: Path) -> None:
    """The query ``store.positions("Vladimir Putin")`` sends, planned by SQLite: searches of
    positions by the holder indexes, articles by their key (it scanned every article)."""
    seen: list[tuple[str, Any]] = []
    with open_store(str(tmp_path / "w.db")) as store:
        store.save(make_analysis("abc123", doc_id="report-1"))
        build_corpus_entities(store)
        with store.read("engine") as conn:
            engine = conn.engine

        def keep(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
                 executemany: bool) -> None:
            if statement.lstrip().upper().startswith("SELECT POSITIONS."):
                seen.append((statement, params))

        event.listen(engine, "before_cursor_execute", keep)
        try:
            store.positions("Vladimir Putin")
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        assert len(seen) == 1
        statement, params = seen[0]
        with store.read("plan") as conn:
            plan = " | ".join(str(row[3]) for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", params))
    assert "SCAN articles" not in plan, plan
    assert "ix_positions_holder_name" in plan and "ix_positions_holder_member" in plan, plan


def test_a_corpus_entitys_latest_statements_are_those_of_one_sort_of_them_all(
        tmp_path: Path) -> None:
    """Putin speaks in two articles; his corpus entity's ``recent``, merged name by name,
    is the list one sort of every statement his article entities said gives."""
    with open_store(str(tmp_path / "w.db")) as store:
        store.save(make_analysis("abc123", doc_id="report-1"))
        store.save(make_analysis("abd456", doc_id="report-2"))
        build_corpus_entities(store)
        putin = max(corpus_queries.corpus_entities_rows(store, None, 50, members=False),
                    key=lambda r: r["statements"])  # Putin: 4 statements, Peskov 2
        recent = corpus_queries.corpus_detail(store, putin["id"], members=False)["recent"]
        cm, s = schema.corpus_members, schema.statements
        with store.read("one sort") as conn:
            expected = recent_statements(conn, exists().where(
                cm.c.corpus_entity_id == putin["id"], cm.c.article_id == s.c.article_id,
                cm.c.entity_id == s.c.speaker_entity_id), 20)
    assert len(recent) == 4  # two statements in each article
    assert [(r["article"]["id"], r["id"]) for r in recent] == \
        [(r["article"]["id"], r["id"]) for r in expected]


def test_an_entitys_positions_are_the_same_with_the_corpus_entities_given(
        tmp_path: Path, analyze_text: Any) -> None:
    """The entity page passes the corpus entities it read for the name; the positions are
    those the name alone finds (the seed: Putin's ceasefire position, reported by ISW)."""
    seed = Path(__file__).resolve().parents[2] / "examples" / "isw-putin-ceasefire.txt"
    with open_store(str(tmp_path / "w.db")) as store:
        store.save(analyze_text(seed.read_text(encoding="utf-8"), published="2022-12-04"))
        build_corpus_entities(store)
        name = next(r["speaker"]["entity"] for r in store.statements()
                    if r["speaker"] and "Putin" in (r["speaker"]["entity"] or ""))
        held = {c["id"] for c in api_queries.entity_detail(store, name)["corpus"]}
        alone = store.positions(name)
        given = store.positions(name, held_by=held)
    assert held and alone
    assert given == alone
