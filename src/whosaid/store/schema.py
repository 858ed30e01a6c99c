"""The database schema, as SQLAlchemy Core tables.

Every row belongs to one article, and every child table carries ``article_id``: the ids the
analysis gives to entities and statements only need to be unique within their article,
so their keys are ``(article_id, id)``. Deleting an article deletes all of its rows
(``ON DELETE CASCADE``; the store also deletes them explicitly).

Character offsets are named ``start_char``/``end_char`` (``end`` is a reserved word in SQL).
JSON values (``furniture``, ``titles``, ``fragments``) are stored as JSON text.

Date columns hold ISO strings: ``said_on`` is the TIMEX3 value as the analysis gave it
("2022-12-02", "2022-12", "XXXX-12-02"); ``said_on_from``/``said_on_to`` are the first and
last day it can stand for, set only when the value is a calendar date or period
("2022-12" -> 2022-12-01 .. 2022-12-31), and are what date-range queries compare.

These definitions are the schema at the latest migration. Migration 1 creates them with
``create_all``; a later migration that alters one of these tables must first freeze a copy
of the version-1 definition in ``migrations.py`` for migration 1 to use.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    column,
    table,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# One row per applied migration; the schema version is the highest ``version``.
schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("doc_id", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Text),  # YYYY-MM-DD
    Column("site", Text),
    Column("author", Text),
    Column("language", Text, nullable=False),
    Column("input_format", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_hash", Text, nullable=False),
    Column("furniture", Text, nullable=False),  # JSON: [{"start", "end", "text"}, ...]
    Column("analyzed", Boolean, nullable=False),
    Column("skip_reason", Text),
    Column("extractor", Text, nullable=False),
    Column("analyzed_at", Text, nullable=False),  # when it was saved, ISO 8601 UTC
    Column("statement_count", Integer, nullable=False),  # rows in statements, for checks
    Index(None, "published"),
    Index(None, "doc_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),  # order within the analysis
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("titles", Text, nullable=False),  # JSON list of strings
    PrimaryKeyConstraint("article_id", "id"),
    Index(None, "name"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("alias", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("count", Integer, nullable=False),  # mentions of the entity with this exact text
    PrimaryKeyConstraint("article_id", "entity_id", "alias"),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.id"],
        ondelete="CASCADE",
    ),
    Index(None, "alias"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("title", Text),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.id"],
        ondelete="CASCADE",
    ),
)

statements = Table(
    "statements",
    metadata,
    # A surrogate key: SQLite's full-text index refers to statements by this rowid.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("mode", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("fragments", Text, nullable=False),  # JSON: [[start, end], ...]
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity_id", Text),  # an entity of the same article; no foreign key
    Column("speaker_name", Text),  # the speaker entity's canonical name
    Column("speaker_title", Text),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_lemma", Text),
    Column("addressee_text", Text),
    Column("addressee_start", Integer),
    Column("addressee_end", Integer),
    Column("addressee_entity_id", Text),
    Column("addressee_name", Text),
    Column("addressee_title", Text),
    Column("said_on", Text),
    Column("said_on_precision", Text),
    Column("said_on_source", Text),
    Column("said_on_start", Integer),
    Column("said_on_end", Integer),
    Column("said_on_text", Text),
    Column("said_on_from", Text),  # first day said_on can stand for, YYYY-MM-DD
    Column("said_on_to", Text),  # last day
    Column("confidence", Float, nullable=False),
    Column("extractor", Text, nullable=False),
    # Also serves look-ups by article_id alone.
    UniqueConstraint("article_id", "id"),
    Index(None, "speaker_name"),
    Index(None, "said_on"),
    Index(None, "said_on_from", "said_on_to"),
)

relays = Table(
    "relays",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("statement_id", Text, nullable=False),
    Column("position", Integer, nullable=False),  # 0 = nearest to the speaker
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("entity_id", Text),
    Column("entity_name", Text),
    Column("title", Text),
    PrimaryKeyConstraint("article_id", "statement_id", "position"),
    ForeignKeyConstraint(
        ["article_id", "statement_id"],
        ["statements.article_id", "statements.id"],
        ondelete="CASCADE",
    ),
)

dates = Table(
    "dates",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("value", Text),
    Column("precision", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
)

# The tables of one article, parents first (create order; delete in reverse).
ARTICLE_TABLES: tuple[Table, ...] = (
    articles,
    entities,
    aliases,
    mentions,
    statements,
    relays,
    dates,
)

# SQLite full-text index (migration 2): an FTS5 table whose rowid is statements.seq.
SQLITE_FTS_TABLE = "statements_fts"
statements_fts = table(SQLITE_FTS_TABLE, column("rowid", Integer), column("content_text"))
# PostgreSQL full-text index (migration 2): a GIN index on this expression.
PG_FTS_CONFIG = "english"
PG_FTS_INDEX = "ix_statements_content_fts"
