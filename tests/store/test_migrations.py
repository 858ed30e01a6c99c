"""Schema versions: migrating, refusing newer schemas, and what migrations backfill."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select

from storekit import contents, make_analysis
from whosaid.errors import MigrationError
from whosaid.settings import db_url
from whosaid.store import LATEST_VERSION, StatementFilter, Store, open_store, schema


def test_migrate_is_idempotent(store: Store, db: str) -> None:
    assert store.version() == LATEST_VERSION
    assert store.migrate() == []
    store.save(make_analysis())
    with open_store(db) as again:
        assert again.migrate() == []
        assert again.counts()["statements"] == 3


def test_newer_schema_is_refused(store: Store, db: str) -> None:
    engine = create_engine(db_url(db))
    with engine.begin() as conn:
        conn.execute(
            insert(schema.schema_version).values(
                version=LATEST_VERSION + 1, description="from the future",
                applied_at="2030-01-01T00:00:00"
            )
        )
    engine.dispose()
    message = re.escape(
        f"database schema version {LATEST_VERSION + 1} is newer than this whosaid "
        f"({LATEST_VERSION}); upgrade whosaid"
    )
    with pytest.raises(MigrationError, match=message):
        open_store(db)
    with pytest.raises(MigrationError, match=message):
        store.migrate()
    with pytest.raises(MigrationError, match="newer"):
        open_store(db, migrate=False)


def test_unmigrated_database_without_migrate(db: str) -> None:
    with pytest.raises(MigrationError, match="version 0 is older"):
        open_store(db, migrate=False)
    with open_store(db) as s:
        assert s.version() == LATEST_VERSION


def test_migration_backfills_full_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Statements stored at version 1 become searchable when migration 2 runs (SQLite)."""
    from whosaid.store import migrations
    from whosaid.store.engine import make_engine, write_transaction
    from whosaid.store.write import article_rows

    path = str(tmp_path / "old.db")
    engine, _ = make_engine(path)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        assert migrations.migrate(lambda: write_transaction(engine)) == [1]
    rows = article_rows(make_analysis(), "2024-01-01T00:00:00+00:00")
    with write_transaction(engine) as conn:
        conn.execute(insert(schema.articles), [rows.article])
        conn.execute(insert(schema.statements), rows.statements)
    engine.dispose()
    with open_store(path) as s:
        assert s.version() == LATEST_VERSION
        assert contents(s.statements(StatementFilter(q="ceasefire"))) == [
            "the ceasefire would hold through the holidays"
        ]


def test_corpus_built_before_migration_5_gets_its_keys_from_the_corpus_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus built at version 4: migration 5 makes the keys table only (derived data is
    not a migration's), and the corpus pass files the corpus the first time it looks a name
    up, so new articles find its corpus entities."""
    from whosaid.corpus import service as corpus_service
    from whosaid.store import migrations
    from whosaid.store.engine import make_engine, write_transaction

    path = str(tmp_path / "v4.db")
    engine, _ = make_engine(path)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        assert migrations.migrate(lambda: write_transaction(engine)) == [1, 2, 3, 4]
    with write_transaction(engine) as conn:
        conn.execute(insert(schema.corpus_entities).values(
            id="ce1", name="Olaf Scholz", type="PERSON", mentions=3, articles=2, statements=1,
            titles="[]", built_at="2024-01-01T00:00:00+00:00"))
        conn.execute(insert(schema.corpus_aliases), [
            {"corpus_entity_id": "ce1", "alias": "Olaf Scholz", "count": 2},
            {"corpus_entity_id": "ce1", "alias": "Scholz", "count": 1}])
    engine.dispose()
    with open_store(path) as s:
        assert s.version() == LATEST_VERSION
        with s.read("keys") as conn:
            assert conn.execute(select(schema.corpus_keys)).first() is None
        with s.write("keys") as conn:
            assert corpus_service.could_hold(conn, {("Olaf Scholes", "PERSON")}) == {"ce1"}
            assert corpus_service.could_hold(conn, {("Angela Merkel", "PERSON")}) == set()
            owners = set(conn.execute(select(schema.corpus_keys.c.corpus_entity_id)).scalars())
            assert owners == {"ce1"}
