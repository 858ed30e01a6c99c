"""The one statement filter: what ``whosaid statements``, ``/api/statements`` and the search
page ask for, and the one function that turns it into SQL (as datasette's ``filters.py``
turns a query string into WHERE clauses).

A :class:`StatementFilter` names what every matching statement must have; :func:`where`
turns it into WHERE clauses over the ``statements`` table, or None when it can match
nothing (a name that names no entity), so a caller can skip the query.

Names (``speaker``, ``addressee``, ``relay``) are canonical entity names: the exact name
when some entity (or statement) has it, else every entity any of whose aliases contains
the text, case-insensitively (so "putin" finds Vladimir Putin). ``speaker_contains`` asks
for the looser match instead: the text anywhere in the speaker's canonical name, in any
alias of the speaker entity or in the mention itself (which also finds speakers never
resolved to an entity, such as "a senior official").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
)

from ..errors import ConfigError
from .schema import (
    PG_FTS_COLUMN,
    PG_FTS_CONFIG,
    aliases,
    articles,
    entities,
    entity_names,
    relays,
    statements,
    statements_fts,
)
from .write import date_bounds

KINDS = ("direct", "indirect", "mixed")
MAX_NAMES = 50  # entities an alias search stands in for one name


@dataclass(frozen=True)
class StatementFilter:
    """What a statement search asks for; every field given must match.

    q: words that must all occur in the content (full-text: FTS5 with Porter stemming on
        SQLite, ``websearch_to_tsquery('english', ...)`` on PostgreSQL). The CLI's
        ``--about``.
    speaker, addressee, relay: names, resolved to canonical names (see the module doc).
    speaker_contains: match ``speaker`` as a case-insensitive substring of the speaker's
        canonical name, of any alias of the speaker entity or of the mention text.
    kind: direct, indirect or mixed.
    since, until: YYYY-MM-DD, YYYY-MM or YYYY. A statement matches when every day its
        ``said_on`` can stand for lies in the range ("2022-12" matches since 2022-12-01 but
        not since 2022-12-15); values that are not calendar dates or periods ("XXXX-12-02")
        never match a range.
    article: an article id, a unique id prefix or a document id.
    min_confidence: statements whose confidence is at or above it (0 to 1).
    """

    q: str | None = None
    speaker: str | None = None
    speaker_contains: bool = False
    addressee: str | None = None
    relay: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    min_confidence: float | None = None


# ---------------------------------------------------------------------------------------
# Values


def date_range(value: str, what: str) -> tuple[str, str]:
    """The first and last day of a ``since``/``until`` value (YYYY-MM-DD, YYYY-MM or YYYY);
    ConfigError for anything else or an impossible date."""
    v = value.strip()
    try:
        bounds = date_bounds(v) if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v) else None
    except ValueError:  # date_bounds raises it for year 0
        raise ConfigError(f"invalid {what} date {value!r}: no such day") from None
    if bounds is None:
        raise ConfigError(f"invalid {what} date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    return bounds


def contains(dialect: str, col: Any, needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match, wildcards taken literally. SQLite's LIKE ignores
    ASCII case natively (fast); its lower() (Unicode-aware, set on connect) serves
    non-ASCII needles."""
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if dialect == "postgresql":
        result: ColumnElement[bool] = col.ilike(pattern, escape="\\")
    elif needle.isascii():
        result = col.like(pattern, escape="\\")
    else:
        result = func.lower(col).like(pattern.lower(), escape="\\")
    return result


# ---------------------------------------------------------------------------------------
# Names


def matching_names(conn: Connection, text: str, limit: int = MAX_NAMES) -> list[str]:
    """Canonical names whose name or any alias contains ``text`` (case-insensitive), from
    the names index; each confirmed to still name an entity."""
    needle = " ".join(text.split())
    if not needle:
        return []
    n = entity_names
    candidates = list(
        conn.execute(
            select(n.c.name)
            .where(contains(conn.dialect.name, n.c.alias, needle))
            .distinct()
            .order_by(n.c.name)
            .limit(limit * 2)
        ).scalars()
    )
    if not candidates:
        return []
    live = set(
        conn.execute(
            select(entities.c.name).where(entities.c.name.in_(candidates)).distinct()
        ).scalars()
    )
    return [c for c in candidates if c in live][:limit]


def _exists_name(conn: Connection, column: Any, name: str) -> bool:
    return conn.execute(select(literal(1)).where(column == name).limit(1)).first() is not None


def resolve_names(conn: Connection, text: str, column: Any) -> list[str]:
    """The canonical names ``text`` stands for in ``column``: itself when that column or an
    entity has exactly this name, else :func:`matching_names`."""
    name = " ".join(text.split())
    if not name:
        return []
    if _exists_name(conn, column, name) or _exists_name(conn, entities.c.name, name):
        return [name]
    return matching_names(conn, name)


def _speaker_contains(dialect: str, needle: str) -> ColumnElement[bool]:
    s = statements
    alias_match = exists().where(
        aliases.c.article_id == s.c.article_id,
        aliases.c.entity_id == s.c.speaker_entity_id,
        contains(dialect, aliases.c.alias, needle),
    )
    return or_(
        contains(dialect, s.c.speaker_name, needle),
        contains(dialect, s.c.speaker_text, needle),
        alias_match,
    )


# ---------------------------------------------------------------------------------------
# Content and articles


def about_clause(dialect: str, about: str) -> ColumnElement[bool]:
    """Statements whose content holds every word of ``about``; the user's words are terms,
    never query syntax (on SQLite)."""
    words = re.findall(r"\w+", about)
    if not words:
        return false()
    s = statements
    if dialect == "sqlite":
        # Each word a quoted FTS5 term (implicit AND); the column on the left of MATCH
        # restricts the search to the statement content.
        query = " ".join(f'"{w}"' for w in words)
        return s.c.seq.in_(
            select(statements_fts.c.rowid).where(
                statements_fts.c.content_text.match(query)
            )
        )
    if dialect == "postgresql":
        # the stored vector (migration 12), not to_tsvector(content_text) again per row
        config: ColumnElement[Any] = literal_column(f"'{PG_FTS_CONFIG}'::regconfig")
        vector: ColumnElement[Any] = literal_column(f"{s.name}.{PG_FTS_COLUMN}")
        return vector.bool_op("@@")(func.websearch_to_tsquery(config, about))
    return and_(*(contains(dialect, s.c.content_text, w) for w in words))


def article_ids(conn: Connection, ref: str) -> list[str]:
    """The articles ``ref`` names: the one with this id, else those with this document id,
    else the one whose id starts with it; ConfigError when a prefix names several."""
    ref = ref.strip()
    if not ref:
        return []
    a = articles
    if conn.execute(select(a.c.id).where(a.c.id == ref)).first() is not None:
        return [ref]
    found = list(conn.execute(select(a.c.id).where(a.c.doc_id == ref).order_by(a.c.id)).scalars())
    if found:
        return found
    found = list(
        conn.execute(
            select(a.c.id).where(a.c.id.startswith(ref, autoescape=True)).order_by(a.c.id).limit(6)
        ).scalars()
    )
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise ConfigError(
            f"article reference {ref!r} is ambiguous: it matches {shown}; give more of the id"
        )
    return found


# ---------------------------------------------------------------------------------------
# The clauses


def where(conn: Connection, f: StatementFilter) -> list[ColumnElement[bool]] | None:
    """The WHERE clauses over ``statements`` that ``f`` asks for (all must hold), or None
    when it matches nothing. Raises ConfigError for a bad kind, date, confidence or article
    prefix."""
    dialect = conn.dialect.name
    s = statements
    clauses: list[ColumnElement[bool]] = []
    if f.kind:
        if f.kind not in KINDS:
            raise ConfigError(f"kind must be one of {', '.join(KINDS)}, got {f.kind!r}")
        clauses.append(s.c.kind == f.kind)
    if f.min_confidence is not None:
        if not 0.0 <= f.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, got {f.min_confidence}")
        clauses.append(s.c.confidence >= f.min_confidence)
    if f.since:
        clauses.append(s.c.said_on_from >= date_range(f.since, "since")[0])
    if f.until:
        clauses.append(s.c.said_on_to <= date_range(f.until, "until")[1])
    if f.speaker and f.speaker.strip() and f.speaker_contains:
        clauses.append(_speaker_contains(dialect, f.speaker.strip()))
    elif f.speaker and f.speaker.strip():
        names = resolve_names(conn, f.speaker, s.c.speaker_name)
        if not names:
            return None
        clauses.append(s.c.speaker_name.in_(names))
    if f.addressee and f.addressee.strip():
        names = resolve_names(conn, f.addressee, s.c.addressee_name)
        if not names:
            return None
        clauses.append(s.c.addressee_name.in_(names))
    if f.relay and f.relay.strip():
        names = resolve_names(conn, f.relay, relays.c.entity_name)
        if not names:
            return None
        r = relays
        clauses.append(
            select(literal(1))
            .where(
                r.c.article_id == s.c.article_id,
                r.c.statement_id == s.c.id,
                or_(r.c.entity_name.in_(names), r.c.text.in_(names)),
            )
            .exists()
        )
    if f.q and f.q.strip():
        clauses.append(about_clause(dialect, f.q))
    if f.article and f.article.strip():
        ids = article_ids(conn, f.article)
        if not ids:
            return None
        clauses.append(s.c.article_id.in_(ids))
    return clauses
