"""Migration 9: the indexes the server's reads use under load, on SQLite and PostgreSQL, and
an entity's latest statements read from one of them (no sort of all its statements)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storekit import index_names
from whosaid.store import open_store
from whosaid.store.migrations import READ_INDEXES, READ_INDEXES_REPLACE

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_9_makes_the_read_indexes_and_drops_those_they_replace(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db") if backend == "sqlite" else \
        str(request.getfixturevalue("pg_schema_url"))
    found = index_names(db)
    assert {name for name, _, _ in READ_INDEXES} <= found
    assert not found & set(READ_INDEXES_REPLACE)


def test_an_entitys_latest_statements_come_from_the_index(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store, store.read("plan") as conn:
        plan = " ".join(str(row[3]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT seq FROM statements WHERE speaker_name = 'Hillary "
            "Clinton' ORDER BY COALESCE(said_on_from, '') DESC, seq DESC LIMIT 20"))
    assert "ix_statements_speaker_recent" in plan and "TEMP B-TREE" not in plan, plan
