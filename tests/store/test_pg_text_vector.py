"""Migration 12: on PostgreSQL the statements' text vector is a stored generated column with
its own GIN index (the expression index of migration 2 goes), and a words filter reads it:
a search latest-first no longer computes the vector of every statement it walks past."""

from __future__ import annotations

import pytest

from storekit import index_names, make_analysis
from whosaid.store import StatementFilter, open_store
from whosaid.store.filters import about_clause
from whosaid.store.schema import PG_FTS_COLUMN, PG_FTS_COLUMN_INDEX, PG_FTS_INDEX

pytestmark = pytest.mark.postgres


def test_migration_12_stores_the_text_vector_and_indexes_it(pg_schema_url: str) -> None:
    found = index_names(pg_schema_url)
    assert PG_FTS_COLUMN_INDEX in found
    assert PG_FTS_INDEX not in found
    with open_store(pg_schema_url) as store, store.read("columns") as conn:
        kind = conn.exec_driver_sql(
            "SELECT data_type, is_generated FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'statements' "
            f"AND column_name = '{PG_FTS_COLUMN}'").one()
    assert tuple(kind) == ("tsvector", "ALWAYS")


def test_a_words_filter_finds_statements_through_the_stored_vector(pg_schema_url: str) -> None:
    with open_store(pg_schema_url) as store:
        store.save(make_analysis("abc123", doc_id="report-1"))
        found = store.statements(StatementFilter(q="ceasefires holding"))
        clause = str(about_clause("postgresql", "ceasefire"))
    assert [s["content"]["text"] for s in found] == \
        ["the ceasefire would hold through the holidays"]
    assert PG_FTS_COLUMN in clause and "to_tsvector" not in clause
