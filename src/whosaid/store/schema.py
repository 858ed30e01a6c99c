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
# Since migration 12 the vector is a stored generated column of ``statements`` (PostgreSQL
# only, so not in the table above: SQLite has no such column) with a GIN index of its own.
PG_FTS_COLUMN = "content_tsv"
PG_FTS_COLUMN_INDEX = "ix_statements_content_tsv"

# ---------------------------------------------------------------------------------------
# Migration 4: the audit trail and analysts' corrections (whosaid serve).

# One row per write made through the server: who, when, what, and the record before/after.
audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),  # ISO 8601 UTC
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),  # analyze | merge | split | speaker
    Column("target", Text, nullable=False),
    Column("before", Text, nullable=False),  # JSON
    Column("after", Text, nullable=False),  # JSON
)

# Corrections, re-applied in ``seq`` order whenever an article is saved again, so that
# re-analysis keeps them. ``article_id`` is NULL for corrections of the whole corpus
# (entity merges, alias splits) and set for speaker fixes.
corrections = Table(
    "corrections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),  # merge | split | speaker
    Column("article_id", Text),
    Column("data", Text, nullable=False),  # JSON, see whosaid.store.corrections
    Column("audit_seq", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Index(None, "article_id"),
)

# Every (alias, canonical name) pair seen in any article, and (name, name): a small table that
# answers "which entities does this text name?" without scanning every article's aliases.
# Rows are added when an article is saved and renamed by corrections; one may outlive the
# last article that had it, so callers confirm the names they get.
entity_names = Table(
    "entity_names",
    metadata,
    Column("alias", Text, nullable=False),
    Column("name", Text, nullable=False),
    PrimaryKeyConstraint("alias", "name"),
    Index(None, "name"),
)

# Indexes migration 4 adds to the article tables for the server's filters. Created with raw
# DDL (not attached to the tables) so that migration 1's ``create_all`` stays as it was.
SERVE_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_statements_addressee_name", "statements", "addressee_name"),
    ("ix_relays_entity_name", "relays", "entity_name"),
    ("ix_articles_site", "articles", "site"),
    ("ix_statements_speaker_said", "statements", "speaker_name, said_on_from"),
    # covering indexes for one entity's page: its rows, then its aliases with their counts
    ("ix_entities_name_cover", "entities", "name, type, article_id, id"),
    ("ix_aliases_entity_cover", "aliases", "article_id, entity_id, alias, count"),
    # the statement listings' sort keys, undated last (see whosaid.store.api_queries)
    ("ix_statements_said_desc", "statements", "(COALESCE(said_on_from, '')), seq"),
    ("ix_statements_said_asc", "statements", "(COALESCE(said_on_from, '~')), seq"),
)

# ---------------------------------------------------------------------------------------
# Migration 3: entities across documents (whosaid corpus) and the user's knowledge base
# (whosaid kb import). The corpus tables are rebuilt whole by each corpus pass.

corpus_entities = Table(
    "corpus_entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),  # the canonical name
    Column("type", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("statements", Integer, nullable=False),  # as speaker
    Column("titles", Text, nullable=False),  # JSON list, most frequent first
    Column("built_at", Text, nullable=False),  # ISO 8601 UTC
    Index(None, "name"),
)

corpus_aliases = Table(
    "corpus_aliases",
    metadata,
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           nullable=False),
    Column("alias", Text, nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("corpus_entity_id", "alias"),
    Index(None, "alias"),
)

# Which corpus entity each article entity belongs to. Re-analysing an article drops its
# rows (the article's key cascades); whosaid.corpus.update_corpus then puts them back.
corpus_members = Table(
    "corpus_members",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           nullable=False),
    PrimaryKeyConstraint("article_id", "entity_id"),
    Index(None, "corpus_entity_id"),
)

kb_entities = Table(
    "kb_entities",
    metadata,
    Column("id", Text, primary_key=True),  # the user's id ("Q567")
    Column("name", Text, nullable=False),
    Column("type", Text),
    Column("description", Text),
    Column("source", Text, nullable=False),  # the file it was imported from
    Column("imported_at", Text, nullable=False),
)

kb_aliases = Table(
    "kb_aliases",
    metadata,
    Column("kb_id", Text, ForeignKey("kb_entities.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("alias", Text, nullable=False),
    PrimaryKeyConstraint("kb_id", "position"),
)

# Migration 10: the roles a knowledge-base entry held ("foreign minister" of Russia from
# 2004-03-09, open), by which "the Russian foreign minister" in an article names it.
kb_roles = Table(
    "kb_roles",
    metadata,
    Column("kb_id", Text, ForeignKey("kb_entities.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("of", Text),
    Column("start", Text),  # ISO date; NULL: open
    Column("end", Text),
    PrimaryKeyConstraint("kb_id", "position"),
)

# A corpus entity's knowledge-base entry, as the corpus pass linked it.
links = Table(
    "links",
    metadata,
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("kb_id", Text, ForeignKey("kb_entities.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Index(None, "kb_id"),
)

# Parents first (create order; delete in reverse).
CORPUS_TABLES: tuple[Table, ...] = (
    corpus_entities,
    corpus_aliases,
    corpus_members,
    kb_entities,
    kb_aliases,
    links,
)

# ---------------------------------------------------------------------------------------
# Migration 5: the blocking keys of each corpus entity's aliases (surname, its sound and
# skeleton, acronym, a body's words: whosaid.linking.blocking_keys), so that a new article's
# entities find the corpus entities that could take them in by index, not by reading every
# alias. Written with the corpus entities; a full `whosaid corpus` rebuilds them.
corpus_keys = Table(
    "corpus_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           nullable=False),
    PrimaryKeyConstraint("key", "corpus_entity_id"),
    Index(None, "corpus_entity_id"),
)

# ---------------------------------------------------------------------------------------
# Migration 13: the canonical names each corpus entity's members bear, with the number of
# articles each is borne in: written with the corpus entities (whole pass, re-clustering,
# restating), so that a corpus entity's page reads its few names and an entity page the
# corpus entities holding its name by index, not by joining thousands of members to their
# entities (Donald Trump's 20,790 on the 20,000-article bench store). Not in CORPUS_TABLES:
# migration 3 creates those.
corpus_names = Table(
    "corpus_names",
    metadata,
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           nullable=False),
    Column("name", Text, nullable=False),
    Column("articles", Integer, nullable=False),  # articles with a member of this name
    PrimaryKeyConstraint("corpus_entity_id", "name"),
    Index("ix_corpus_names_name", "name", "corpus_entity_id"),
)

# Migration 15: the aliases of the members of each corpus entity by their canonical name, with
# their mention counts, written with ``corpus_names``: the entity page of Donald Trump read
# its alias counts by joining 21,535 article entities to their aliases (a scan of every alias
# on PostgreSQL: 390 ms on the 20,000-article bench store); it reads them here when the
# corpus holds every article entity of the name (see whosaid.store.api_queries).
corpus_name_aliases = Table(
    "corpus_name_aliases",
    metadata,
    Column("corpus_entity_id", Text, ForeignKey("corpus_entities.id", ondelete="CASCADE"),
           nullable=False),
    Column("name", Text, nullable=False),
    Column("alias", Text, nullable=False),
    Column("count", Integer, nullable=False),  # mentions written so, summed over the members
    PrimaryKeyConstraint("corpus_entity_id", "name", "alias"),
    Index("ix_corpus_name_aliases_name", "name"),
)

# ---------------------------------------------------------------------------------------
# Migration 6: the articles saved since the corpus last took them in. A save adds its article
# in the same transaction; the corpus pass removes those it took in. So a run stopped after
# saving (kill -9, Ctrl-C, a crash) leaves them here, and the next corpus update takes them in,
# even when the re-run finds the articles themselves unchanged.
corpus_pending = Table(
    "corpus_pending",
    metadata,
    Column("article_id", Text, primary_key=True),
)

# Migration 16: what an analyst's correction left for the corpus to weigh again, as
# claims_stale does for the claims: a canonical name the correction touched ('Sanders' split
# off 'Bernie Sanders') or an article entity ('["article id", "entity id"]'). The corpus
# refresh runs after the correction commits (the server: after its response); it, the next
# update or a whole pass removes the rows it took in, and until then the corpus reads say
# ``pending``.
corpus_stale = Table(
    "corpus_stale",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),  # name | key
    Column("value", Text, nullable=False),
)

# ---------------------------------------------------------------------------------------
# Migration 7: claims (whosaid.claims): one utterance across the articles that print it.
# Derived data, written by the claims pass (whosaid.claims.service): a full pass replaces
# every table below but claims_pending; an update replaces the claims of the speakers a new
# article touches. Statement ids are the analysis's (unique across articles: they hash the
# article id), keyed with their article as everywhere else.

# A claim: its speaker (``speaker_key``: the corpus entity id, or the canonical name without
# a corpus entity), its origin statement and what its versions add up to.
claims = Table(
    "claims",
    metadata,
    Column("id", Text, primary_key=True),
    Column("speaker_key", Text, nullable=False),
    Column("speaker_name", Text),
    Column("speaker_entity_id", Text),  # the corpus entity, when the speaker has one
    Column("origin_article_id", Text, nullable=False),
    Column("origin_statement_id", Text, nullable=False),
    Column("published", Text),  # the origin's publication date, YYYY-MM-DD
    Column("versions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("meaning_changed", Boolean, nullable=False),
    Index(None, "speaker_key"),
    Index(None, "published", "id"),
)

# Each printing of a claim, in time order (position 0 is the origin), with its drift from the
# origin as JSON ({"meaning_changed", "flags", "added", "dropped", "changed"}). The key makes a
# statement part of one claim at most. ``day`` is the day the claims pass places the statement
# on (said_on, else published; a proleptic ordinal), for the speaker-changed window.
claim_versions = Table(
    "claim_versions",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("statement_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("drift", Text, nullable=False),
    Column("meaning_changed", Boolean, nullable=False),
    Column("day", Integer),
    PrimaryKeyConstraint("article_id", "statement_id"),
    Index(None, "claim_id", "position"),
)

# A claim's relay graph: speaker → relays → outlets (kind relay) and copy links (kind copy).
claim_edges = Table(
    "claim_edges",
    metadata,
    Column("claim_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("kind", Text, nullable=False),  # relay | copy
    Column("article_id", Text, nullable=False),
    PrimaryKeyConstraint("claim_id", "position"),
)

# Copies and near-copies: each article of a copy group, with the group's original (itself
# for the original) and its place in the group's order.
claim_copies = Table(
    "claim_copies",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("original_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Index(None, "original_id"),
)

# The MinHash LSH band keys of each article's text without furniture: a new article finds the
# articles it may copy (or be copied by) by index, as the full pass's LSH would pair them.
claim_bands = Table(
    "claim_bands",
    metadata,
    Column("band", Text, nullable=False),
    Column("article_id", Text, nullable=False),
    PrimaryKeyConstraint("band", "article_id"),
    Index(None, "article_id"),
)

# The outlets each article credits (its statements' relays), folded (``key``): how many
# articles credit an outlet breaks ties between same-day copies.
claim_cites = Table(
    "claim_cites",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "position"),
    Index(None, "key"),
)

# The content keys of each claim version that can carry the speaker-changed flag, by day:
# near-identical words under another speaker are found by index.
claim_terms = Table(
    "claim_terms",
    metadata,
    Column("key", Text, nullable=False),
    Column("day", Integer),
    Column("article_id", Text, nullable=False),
    Column("statement_id", Text, nullable=False),
    Index(None, "key", "day"),
    Index(None, "article_id", "statement_id"),
)

# The articles saved since the claims last took them in (as corpus_pending for the corpus).
claims_pending = Table(
    "claims_pending",
    metadata,
    Column("article_id", Text, primary_key=True),
)

# Migration 14: what an analyst's correction left for the claims to weigh again (the claims
# refresh runs in a transaction of its own after the correction's): a speaker's canonical
# name, a corpus entity the corpus refresh rewrote, or one statement ('["article id",
# "statement id"]'). The refresh, an update or a rebuild removes the rows it took in; while
# any is left, the claim reads mark their claims pending.
claims_stale = Table(
    "claims_stale",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),  # name | corpus | statement
    Column("value", Text, nullable=False),
)

CLAIM_TABLES: tuple[Table, ...] = (
    claims,
    claim_versions,
    claim_edges,
    claim_copies,
    claim_bands,
    claim_cites,
    claim_terms,
    claims_pending,
)

# Positions and events (migration 8). The issue catalogue lives in the database so that an
# imported catalogue is what every later analysis and every surface uses.
issues = Table(
    "issues",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text, nullable=False),
    Column("keywords", Text, nullable=False),  # JSON: ["truce", "cease-fire", ...]
    Column("description", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False),  # catalogue order
)

positions = Table(
    "positions",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("statement_id", Text, nullable=False),
    Column("position", Integer, nullable=False),  # order within the article
    Column("issue", Text, nullable=False),
    Column("stance", Text, nullable=False),
    Column("holder_text", Text),
    Column("holder_start", Integer),
    Column("holder_end", Integer),
    Column("holder_entity_id", Text),  # an entity of the same article
    Column("holder_name", Text),
    Column("holder_title", Text),
    Column("reported_by_text", Text),
    Column("reported_by_start", Integer),
    Column("reported_by_end", Integer),
    Column("reported_by_entity_id", Text),
    Column("reported_by_name", Text),
    Column("reported_by_title", Text),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("condition_start", Integer),
    Column("condition_end", Integer),
    Column("condition_text", Text),
    Column("confidence", Float, nullable=False),
    Column("said_on", Text),  # the statement's said_on value, copied for timelines
    Column("said_on_from", Text),
    Column("said_on_to", Text),  # the last day said_on stands for (--since/--until)
    Index("ix_positions_article", "article_id", "statement_id"),
    Index("ix_positions_issue", "issue", "said_on_from"),
    Index("ix_positions_holder", "holder_entity_id"),
)

events = Table(
    "events",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("date", Text),
    Column("date_from", Text),
    Column("place", Text),
    Column("participants", Text, nullable=False),  # JSON: [entity id, ...] of the article
    Column("statement_ids", Text, nullable=False),  # JSON: [statement id, ...]
    Index("ix_events_article", "article_id", "id", unique=True),
    Index("ix_events_date", "date_from"),
)

POSITION_TABLES: tuple[Table, ...] = (issues, positions, events)
