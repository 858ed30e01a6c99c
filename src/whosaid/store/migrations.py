"""Numbered schema migrations.

The ``schema_version`` table holds one row per applied migration; the database's version
is the highest. :func:`migrate` applies the missing migrations in order, each in its own
transaction together with its ``schema_version`` row, so a migration is applied entirely
or not at all, and running :func:`migrate` again does nothing. Concurrent migrators are
serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level advisory lock),
and each re-reads the version after taking the lock.

To add a migration: write ``_mNNN(conn)`` and append it to ``MIGRATIONS``. Never change a
released migration; see the note in ``schema.py`` about migration 1 and ``create_all``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, inspect, select, text

from ..errors import MigrationError
from .engine import DB_ERRORS, describe_error
from .schema import (
    ARTICLE_TABLES,
    CLAIM_TABLES,
    CORPUS_TABLES,
    PG_FTS_COLUMN,
    PG_FTS_COLUMN_INDEX,
    PG_FTS_CONFIG,
    PG_FTS_INDEX,
    POSITION_TABLES,
    SERVE_INDEXES,
    SQLITE_FTS_TABLE,
    audit,
    claims_stale,
    corpus_keys,
    corpus_name_aliases,
    corpus_names,
    corpus_pending,
    corpus_stale,
    corrections,
    entity_names,
    kb_roles,
    metadata,
    schema_version,
)

# Any constant will do: it names the lock whosaid's migrators share on PostgreSQL.
_PG_ADVISORY_LOCK_KEY = 0x77_68_6F_73  # "whos"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _m001_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(ARTICLE_TABLES), checkfirst=False)


def _m002_full_text(conn: Connection) -> None:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        try:
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {SQLITE_FTS_TABLE} USING fts5("
                "content_text, speaker_name, article_id UNINDEXED, statement_id UNINDEXED, "
                "tokenize = 'porter unicode61')"
            )
        except DB_ERRORS as exc:
            if "fts5" in describe_error(exc).lower():
                raise MigrationError(
                    "this SQLite library has no FTS5 full-text search; "
                    "use a Python built with FTS5 or PostgreSQL"
                ) from None
            raise
        conn.exec_driver_sql(
            f"INSERT INTO {SQLITE_FTS_TABLE}"
            "(rowid, content_text, speaker_name, article_id, statement_id) "
            "SELECT seq, content_text, COALESCE(speaker_name, speaker_text), article_id, id "
            "FROM statements"
        )
    elif dialect == "postgresql":
        conn.execute(
            text(
                f"CREATE INDEX {PG_FTS_INDEX} ON statements USING gin "
                f"(to_tsvector('{PG_FTS_CONFIG}'::regconfig, content_text))"
            )
        )
    # Other databases have no full-text index; ``about`` falls back to word matching.


def _m003_corpus(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(CORPUS_TABLES), checkfirst=False)


def _m004_audit_corrections(conn: Connection) -> None:
    audit.create(conn)
    corrections.create(conn)
    entity_names.create(conn)
    for name, table_name, columns in SERVE_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})")
    conn.exec_driver_sql(
        "INSERT INTO entity_names (alias, name) "
        "SELECT a.alias, e.name FROM aliases a JOIN entities e "
        "ON a.article_id = e.article_id AND a.entity_id = e.id "
        "UNION SELECT name, name FROM entities"
    )


def _m005_corpus_keys(conn: Connection) -> None:
    # The table only: the keys are derived data (they follow the name rules of
    # whosaid.names.linking, which change). The corpus pass files a corpus built before
    # this migration the first time it needs the keys (whosaid.corpus.service.ensure_keys).
    corpus_keys.create(conn)


def _m006_corpus_pending(conn: Connection) -> None:
    corpus_pending.create(conn)


def _m007_claims(conn: Connection) -> None:
    # The tables only: claims are derived data, built by the claims pass (the first analysis
    # after this migration builds them, as it does the corpus).
    metadata.create_all(conn, tables=list(CLAIM_TABLES), checkfirst=False)


def _m008_positions(conn: Connection) -> None:
    # The tables only: the issue catalogue is seeded with the packaged default the first time
    # it is read (whosaid.usecases), and positions and events come from analysis.
    metadata.create_all(conn, tables=list(POSITION_TABLES), checkfirst=False)


# Indexes migration 9 adds for the server's reads under load (bench/load.py on the
# 20,000-article store of bench/serve.py). Raw DDL, as migration 4's, so that migration 1's
# ``create_all`` stays as it was.
READ_INDEXES: tuple[tuple[str, str, str], ...] = (
    # an entity's latest statements said / received, and /api/statements?speaker=: the
    # listing's sort key after the name, so the top 20 of Hillary Clinton's 10,216 statements
    # come from the index instead of a sort of all of them (115 ms -> 0.1 ms)
    ("ix_statements_speaker_recent", "statements",
     "speaker_name, (COALESCE(said_on_from, '')), seq"),
    ("ix_statements_addressee_recent", "statements",
     "addressee_name, (COALESCE(said_on_from, '')), seq"),
    # an entity's counts (said, per day, whom it addressed) and its statements' keys (for
    # who relayed it) from the index alone (160 ms -> 2 ms for Hillary Clinton's counts)
    ("ix_statements_speaker_cover", "statements",
     "speaker_name, said_on_from, said_on_to, addressee_name, article_id, id"),
    # a corpus entity's statement ids: its members' (article, entity) pairs to statements
    # without reading a statement row (Donald Trump's 13,035: 1.2 s -> 0.15 s)
    ("ix_statements_article_speaker", "statements",
     "article_id, speaker_entity_id, position, id"),
    # a corpus entity's members, and the corpus entities of an article entity, from the index
    ("ix_corpus_members_cover", "corpus_members", "corpus_entity_id, article_id, entity_id"),
    ("ix_corpus_members_member", "corpus_members", "article_id, entity_id, corpus_entity_id"),
    # an article entity's canonical name by its key (a corpus entity's names)
    ("ix_entities_key_name", "entities", "article_id, id, name"),
)
# Indexes the ones above make redundant (the same leading columns): gone, so that every
# save updates fewer indexes and the planner cannot pick the narrower one.
READ_INDEXES_REPLACE = (
    "ix_statements_speaker_name",  # by ix_statements_speaker_cover
    "ix_statements_speaker_said",  # by ix_statements_speaker_cover
    "ix_statements_addressee_name",  # by ix_statements_addressee_recent
    "ix_corpus_members_corpus_entity_id",  # by ix_corpus_members_cover
)


def _m009_read_indexes(conn: Connection) -> None:
    for name, table_name, columns in READ_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})")
    for name in READ_INDEXES_REPLACE:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    # Statistics for the new indexes where the database keeps them: without them SQLite
    # prefers a unique index that needs the table row to a covering one of the same columns
    # (a corpus entity's names: 250 ms -> 100 ms with them). A database never analysed keeps
    # the planner's defaults.
    if conn.dialect.name == "postgresql":
        for table_name in sorted({t for _, t, _ in READ_INDEXES}):
            conn.exec_driver_sql(f"ANALYZE {table_name}")
    elif conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first() is not None:
        for name, _, _ in READ_INDEXES:
            conn.exec_driver_sql(f"ANALYZE {name}")


def _m010_kb_roles(conn: Connection) -> None:
    kb_roles.create(conn)


# Indexes migration 11 adds for an entity's positions (the entity page's timelines, `whosaid
# positions NAME`): the holder by its canonical name, and by its article entity (what a corpus
# entity's members name). Without them SQLite answered "positions of Donald Trump" by scanning
# every article and probing positions for each (47 ms on the 20,000-article bench store with
# no positions at all, growing with the corpus); with them, two index searches (MULTI-INDEX
# OR). ``ix_positions_holder`` (an article entity id alone, "e3") selects nothing useful.
POSITION_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_positions_holder_name", "positions", "holder_name"),
    ("ix_positions_holder_member", "positions", "article_id, holder_entity_id"),
)


def _m011_position_indexes(conn: Connection) -> None:
    for name, table_name, columns in POSITION_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_positions_holder")


def _m012_pg_stored_text_vector(conn: Connection) -> None:
    """PostgreSQL: the statement's text vector stored (a generated column) and indexed. A
    search for "economy", latest first, walked the said-on index and computed the vector of
    each statement it passed (5,049 of them: 51 ms on the 20,000-article bench store; the
    planner rightly prefers that walk to the GIN index for a common word); reading the
    stored vector instead takes 3-8 ms. SQLite's FTS5 table is unchanged."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(
        f"ALTER TABLE statements ADD COLUMN IF NOT EXISTS {PG_FTS_COLUMN} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{PG_FTS_CONFIG}'::regconfig, content_text)) STORED")
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {PG_FTS_COLUMN_INDEX} ON statements "
                         f"USING gin ({PG_FTS_COLUMN})")
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_FTS_INDEX}")
    conn.exec_driver_sql("ANALYZE statements")


def _m013_corpus_names(conn: Connection) -> None:
    """The names each corpus entity's members bear (``corpus_names``), filled from a corpus
    already built; the corpus pass keeps them from then on. An entity page read the corpus
    entities of Donald Trump by joining his 20,790 article entities to their memberships
    (57 ms on PostgreSQL, the 20,000-article bench store), a corpus entity's page its names
    the same way."""
    corpus_names.create(conn)
    conn.exec_driver_sql(
        "INSERT INTO corpus_names (corpus_entity_id, name, articles) "
        "SELECT cm.corpus_entity_id, e.name, COUNT(DISTINCT cm.article_id) "
        "FROM corpus_members cm JOIN entities e "
        "ON e.article_id = cm.article_id AND e.id = cm.entity_id "
        "GROUP BY cm.corpus_entity_id, e.name")
    # statistics where the database keeps them (see migration 9)
    if conn.dialect.name == "postgresql" or conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first() is not None:
        conn.exec_driver_sql("ANALYZE corpus_names")


def _m014_claims_stale(conn: Connection) -> None:
    claims_stale.create(conn)


def _m016_corpus_stale(conn: Connection) -> None:
    corpus_stale.create(conn)


# The corpus entity page's articles, latest first (``published DESC NULLS LAST, id``): a
# PostgreSQL index walks them in that order. Its ascending ``published`` index walked
# backwards puts undated articles first, so PostgreSQL sorted all 20,000 articles of the bench
# store for Donald Trump's 200 latest (80-110 ms); SQLite's backward walk already has the
# order it needs (NULL is lowest), and takes no NULLS LAST in an index.
PG_LATEST_ARTICLES = ("ix_articles_published_latest", "articles",
                      "published DESC NULLS LAST, id")


def _m015_corpus_name_aliases(conn: Connection) -> None:
    """The aliases of each corpus entity's members by name (``corpus_name_aliases``), filled
    from a corpus already built; the corpus pass keeps them from then on. And PostgreSQL's
    index of the articles latest first."""
    corpus_name_aliases.create(conn)
    conn.exec_driver_sql(
        "INSERT INTO corpus_name_aliases (corpus_entity_id, name, alias, count) "
        "SELECT cm.corpus_entity_id, e.name, a.alias, COALESCE(SUM(a.count), 0) "
        "FROM corpus_members cm JOIN entities e "
        "ON e.article_id = cm.article_id AND e.id = cm.entity_id "
        "JOIN aliases a ON a.article_id = cm.article_id AND a.entity_id = cm.entity_id "
        "GROUP BY cm.corpus_entity_id, e.name, a.alias")
    if conn.dialect.name == "postgresql":
        name, table_name, columns = PG_LATEST_ARTICLES
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table_name} ({columns})")
        conn.exec_driver_sql("ANALYZE corpus_name_aliases")
        conn.exec_driver_sql("ANALYZE articles")
    elif conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first() is not None:
        conn.exec_driver_sql("ANALYZE corpus_name_aliases")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, entities, statements and their parts", _m001_initial),
    Migration(2, "full-text search over statement content", _m002_full_text),
    Migration(3, "corpus entities, knowledge base and links", _m003_corpus),
    Migration(4, "audit trail, corrections and server indexes", _m004_audit_corrections),
    Migration(5, "blocking keys of corpus entities", _m005_corpus_keys),
    Migration(6, "articles the corpus has yet to take in", _m006_corpus_pending),
    Migration(7, "claims, their versions, relay graphs and copies", _m007_claims),
    Migration(8, "issues, positions and events", _m008_positions),
    Migration(9, "indexes for the server's reads under load", _m009_read_indexes),
    Migration(10, "roles of knowledge-base entries", _m010_kb_roles),
    Migration(11, "indexes for an entity's positions", _m011_position_indexes),
    Migration(12, "PostgreSQL: the statements' text vector stored", _m012_pg_stored_text_vector),
    Migration(13, "the names of each corpus entity's members", _m013_corpus_names),
    Migration(14, "what corrections left for the claims to weigh again", _m014_claims_stale),
    Migration(15, "the aliases of each corpus entity's members by name; PostgreSQL: articles "
                  "latest first", _m015_corpus_name_aliases),
    Migration(16, "what corrections left for the corpus to weigh again", _m016_corpus_stale),
)
LATEST_VERSION = MIGRATIONS[-1].version

# Versions only increase; a gap is allowed (migrations written in parallel may land out of
# order), which is why :func:`migrate` applies every version not yet recorded, not only those
# above the highest.
assert all(a.version < b.version for a, b in zip(MIGRATIONS, MIGRATIONS[1:], strict=False))

Begin = Callable[[], AbstractContextManager[Connection]]


def newer_error(found: int) -> MigrationError:
    return MigrationError(
        f"database schema version {found} is newer than this whosaid ({LATEST_VERSION}); "
        "upgrade whosaid"
    )


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_ADVISORY_LOCK_KEY)))


def version_of(conn: Connection) -> int:
    """The database's schema version: 0 when it has no ``schema_version`` table."""
    if not inspect(conn).has_table(schema_version.name):
        return 0
    found = conn.execute(select(func.max(schema_version.c.version))).scalar()
    return int(found or 0)


def applied_versions(conn: Connection) -> set[int]:
    """Every migration version recorded in ``schema_version``."""
    if not inspect(conn).has_table(schema_version.name):
        return set()
    return {int(v) for v in conn.execute(select(schema_version.c.version)).scalars()}


def migrate(begin: Begin) -> list[int]:
    """Bring the database to ``LATEST_VERSION``; returns the versions applied.

    ``begin`` opens a write transaction. Raises MigrationError when the database is newer
    than this code; database errors propagate for the caller to map.
    """
    with begin() as conn:
        _lock(conn)
        schema_version.create(conn, checkfirst=True)
        current = version_of(conn)
        done = applied_versions(conn)
    if current > LATEST_VERSION:
        raise newer_error(current)
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        with begin() as conn:
            _lock(conn)
            current = version_of(conn)  # another process may have got here first
            if current > LATEST_VERSION:
                raise newer_error(current)
            if migration.version in applied_versions(conn):
                continue
            try:
                migration.apply(conn)
            except MigrationError:
                raise
            except DB_ERRORS as exc:
                raise MigrationError(
                    f"migration {migration.version} ({migration.description}) failed: "
                    f"{describe_error(exc)}"
                ) from None
            conn.execute(
                insert(schema_version).values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                )
            )
        applied.append(migration.version)
    return applied


def description_of(version: int) -> str:
    for migration in MIGRATIONS:
        if migration.version == version:
            return migration.description
    return "unknown"
