"""Reads for the server (``whosaid serve``): filtered, sorted, cursor-paginated statements and
articles, entity search by any alias, and one entity's detail.

Every function takes a :class:`~whosaid.store.Store` and returns plain JSON-ready dicts.
Pagination is by key set, not offset, so a page costs the same deep into the results: a
cursor is an opaque string naming the sort and the last row's sort key.

Statements are filtered by a :class:`~whosaid.store.filters.StatementFilter` (the same
one ``whosaid statements`` uses, with the same meaning) and come in the one statement shape
with their ``article`` (:func:`whosaid.io.export.listed_statement_json`).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    distinct,
    func,
    literal_column,
    or_,
    select,
)

from ..errors import ConfigError, NotFoundError
from . import filters, queries, queues
from .filters import StatementFilter
from .schema import (
    aliases,
    articles,
    corpus_entities,
    corpus_name_aliases,
    corpus_names,
    corpus_pending,
    corpus_stale,
    entities,
    relays,
    statements,
)

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]

MAX_PAGE = 200  # the largest page any listing returns
STATEMENT_SORTS = ("-said_on", "said_on", "-published", "published")
ARTICLE_SORTS = ("-published", "published")
# Sort keys of undated rows, last either way; written into the SQL as literals so that the
# expression indexes of migration 4 (``COALESCE(said_on_from, '')``) serve the sort.
_LOW: Any = literal_column("''")
_HIGH: Any = literal_column("'~'")


# ---------------------------------------------------------------------------------------
# Cursors


def encode_cursor(sort: str, key: str, last: int | str) -> str:
    raw = json.dumps([sort, key, last], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[str, Any]:
    """The sort key and tie-breaker a cursor carries; ConfigError when it is not one of ours
    or was made for another sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, key, last = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ConfigError("invalid cursor: pass the next_cursor of a previous page") from None
    if got_sort != sort or not isinstance(key, str) or not isinstance(last, int | str):
        raise ConfigError("invalid cursor: it belongs to another sort order or listing")
    if isinstance(last, int) and not -(2**31) <= last < 2**31 or "\x00" in key + str(last):
        raise ConfigError("invalid cursor: pass the next_cursor of a previous page")
    return key, last


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise ConfigError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    return limit


# ---------------------------------------------------------------------------------------
# Statements


def _statement_key(sort: str) -> tuple[ColumnElement[Any], bool]:
    """The sort key expression and whether it runs descending."""
    desc = sort.startswith("-")
    col = statements.c.said_on_from if sort.endswith("said_on") else articles.c.published
    return func.coalesce(col, _LOW if desc else _HIGH), desc


def statement_page(
    store: Transactions,
    f: StatementFilter,
    *,
    sort: str = "-said_on",
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Row], str | None]:
    """One page of statements and the cursor of the next page (None on the last)."""
    if sort not in STATEMENT_SORTS:
        raise ConfigError(f"sort must be one of {', '.join(STATEMENT_SORTS)}, got {sort!r}")
    _check_limit(limit)
    key, desc = _statement_key(sort)
    with store.read("search statements") as conn:
        clauses = filters.where(conn, f)
        if clauses is None:
            return [], None
        query = queries.listed_select().where(*clauses)
        seq = statements.c.seq
        if cursor:
            k, last = decode_cursor(cursor, sort)
            if not isinstance(last, int):
                raise ConfigError("invalid cursor: it belongs to another listing")
            query = query.where(
                or_(key < k, and_(key == k, seq < last)) if desc
                else or_(key > k, and_(key == k, seq > last))
            )
        order = (key.desc(), seq.desc()) if desc else (key.asc(), seq.asc())
        query = query.add_columns(key.label("sort_key")).order_by(*order).limit(limit + 1)
        rows = list(conn.execute(query).mappings())
        more = len(rows) > limit
        rows = rows[:limit]
        items = queries.listed_statements(conn, rows)
    next_cursor = encode_cursor(sort, rows[-1]["sort_key"], rows[-1]["seq"]) if more else None
    return items, next_cursor


# ---------------------------------------------------------------------------------------
# Articles


def article_page(
    store: Transactions,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str = "-published",
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Row], str | None]:
    """One page of article summaries (with ``site`` and ``url``), filtered by outlet (a
    case-insensitive substring of the site) and publication date."""
    if sort not in ARTICLE_SORTS:
        raise ConfigError(f"sort must be one of {', '.join(ARTICLE_SORTS)}, got {sort!r}")
    _check_limit(limit)
    a = articles
    desc = sort.startswith("-")
    key = func.coalesce(a.c.published, _LOW if desc else _HIGH)
    cols = [a.c[k] for k in queries.ARTICLE_SUMMARY_COLUMNS] + [a.c.site, a.c.url]
    query = select(*cols, key.label("sort_key"))
    with store.read("list articles") as conn:
        if source and source.strip():
            query = query.where(filters.contains(conn.dialect.name, a.c.site, source.strip()))
        if since:
            query = query.where(a.c.published >= filters.date_range(since, "since")[0])
        if until:
            query = query.where(a.c.published <= filters.date_range(until, "until")[1])
        if cursor:
            k, last = decode_cursor(cursor, sort)
            last = str(last)
            query = query.where(
                or_(key < k, and_(key == k, a.c.id < last)) if desc
                else or_(key > k, and_(key == k, a.c.id > last))
            )
        order = (key.desc(), a.c.id.desc()) if desc else (key.asc(), a.c.id.asc())
        rows = list(conn.execute(query.order_by(*order).limit(limit + 1)).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {k: v for k, v in r.items() if k != "sort_key"} | {"analyzed": bool(r["analyzed"])}
        for r in rows
    ]
    next_cursor = encode_cursor(sort, rows[-1]["sort_key"], rows[-1]["id"]) if more else None
    return items, next_cursor


# ---------------------------------------------------------------------------------------
# Entities


def _said_counts(conn: Connection, names: Sequence[str]) -> dict[str, int]:
    s = statements
    counts: dict[str, int] = {}
    for i in range(0, len(names), 200):
        chunk = list(names[i : i + 200])
        for name, n in conn.execute(
            select(s.c.speaker_name, func.count())
            .where(s.c.speaker_name.in_(chunk))
            .group_by(s.c.speaker_name)
        ):
            counts[name] = int(n)
    return counts


def _types(conn: Connection, names: Sequence[str]) -> dict[str, list[str]]:
    e = entities
    found: dict[str, list[str]] = {}
    for name, etype, _n in conn.execute(
        select(e.c.name, e.c.type, func.count())
        .where(e.c.name.in_(list(names)))
        .group_by(e.c.name, e.c.type)
        .order_by(e.c.name, func.count().desc(), e.c.type)
    ):
        found.setdefault(name, []).append(etype)
    return found


def entity_search(store: Transactions, q: str | None, limit: int = 50) -> list[Row]:
    """Entities whose name or any alias contains ``q`` (or, without ``q``, those that said
    most): ``name, types, statements``; exact name first, then by statements said."""
    _check_limit(limit)
    with store.read("search entities") as conn:
        if q and q.strip():
            names = filters.matching_names(conn, q, limit=max(limit, filters.MAX_NAMES))
            counts = _said_counts(conn, names)
            needle = " ".join(q.split()).lower()
            names.sort(key=lambda n: (n.lower() != needle, -counts.get(n, 0), n))
            names = names[:limit]
        else:
            s = statements
            top = conn.execute(
                select(s.c.speaker_name, func.count().label("n"))
                .where(s.c.speaker_name.is_not(None))
                .group_by(s.c.speaker_name)
                .order_by(func.count().desc(), s.c.speaker_name)
                .limit(limit)
            )
            counts = {name: int(n) for name, n in top}
            names = list(counts)
        types = _types(conn, names)
    return [
        {"name": n, "types": types.get(n, []), "statements": counts.get(n, 0)} for n in names
    ]


def recent_statements(conn: Connection, where: ColumnElement[bool], limit: int) -> list[Row]:
    """The latest ``limit`` statements matching ``where`` (latest said first), each with its
    ``article``."""
    rows = list(conn.execute(_latest(where, limit)).mappings())
    return queries.listed_statements(conn, rows)


def _latest(where: ColumnElement[bool], limit: int) -> Select[Any]:
    """The listed statements matching ``where``, latest said first (the order of the
    speaker index of migration 9), at most ``limit``."""
    key = func.coalesce(statements.c.said_on_from, _LOW)
    return queries.listed_select().where(where).order_by(key.desc(), statements.c.seq.desc()) \
        .limit(limit)


def recent_by_speaker_names(conn: Connection, names: Collection[str],
                            where: ColumnElement[bool], limit: int) -> list[Row]:
    """As :func:`recent_statements` over the statements of speakers named ``names`` that
    also match ``where``: the latest ``limit`` of each name from the speaker index of
    migration 9 (in its order, so no sort), merged. A corpus entity's latest statements
    sorted every statement of its articles instead (11.7 ms a corpus entity on the
    20,000-article store; Mitt Romney's articles hold 25,000 statements)."""
    found: list[RowMapping] = []
    for name in sorted(names):
        found.extend(conn.execute(_latest(and_(statements.c.speaker_name == name, where),
                                          limit)).mappings())
    # the same key as _latest's: said_on_from, '' for none, then seq
    found.sort(key=lambda r: (r["said_on_from"] or "", r["seq"]), reverse=True)
    return queries.listed_statements(conn, found[:limit])


def _said_by(conn: Connection, name: str) -> tuple[int, list[Row], dict[str, Row]]:
    """How many statements ``name`` said, how many on each single day, and whom they
    addressed: one pass over the covering index of migration 9 (the three counts were three
    queries; Hillary Clinton's 10,216 statements took 45 ms of them on the 20,000-article
    store)."""
    s = statements
    total = 0
    days: dict[str, int] = {}
    talked: dict[str, Row] = {}
    for day_from, day_to, addressee, n in conn.execute(
        select(s.c.said_on_from, s.c.said_on_to, s.c.addressee_name, func.count())
        .where(s.c.speaker_name == name)
        .group_by(s.c.said_on_from, s.c.said_on_to, s.c.addressee_name)
    ):
        n = int(n)
        total += n
        if day_from is not None and day_from == day_to:
            days[day_from] = days.get(day_from, 0) + n
        if addressee is not None:
            row = talked.setdefault(addressee, {"name": addressee, "addressed": 0,
                                                "addressed_by": 0})
            row["addressed"] += n
    per_day = [{"date": day, "count": days[day]} for day in sorted(days)]
    return total, per_day, talked


def _received_by(conn: Connection, name: str, talked: dict[str, Row]) -> int:
    """How many statements were addressed to ``name``; who said them goes into ``talked``
    (``addressed_by``)."""
    s = statements
    total = 0
    for speaker, n in conn.execute(
        select(s.c.speaker_name, func.count())
        .where(s.c.addressee_name == name)
        .group_by(s.c.speaker_name)
    ):
        total += int(n)
        if speaker is not None:
            row = talked.setdefault(speaker, {"name": speaker, "addressed": 0,
                                              "addressed_by": 0})
            row["addressed_by"] = int(n)
    return total


def custom_plans(conn: Connection) -> None:
    """PostgreSQL: plan the statements of this transaction for the values they are given,
    not once for any value. psycopg prepares a statement it has run five times, and
    PostgreSQL may then keep a generic plan, made for an average name: for ``speaker_name =
    $1`` it expects 172 statements, so it fetched and sorted all 9,363 of Donald Trump's for
    his latest 21 (232 ms on the 20,000-article bench store) where the plan made for his name
    walks the speaker index for 21 (0.3 ms). A page of one name or corpus entity calls it."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def _alias_counts(conn: Connection, name: str, whole: bool) -> list[Row]:
    """The aliases of the article entities named ``name`` with their mentions, most first.
    ``whole``: the corpus holds every one of them (no article waits for the corpus pass, and
    the articles its names table counts for the name are all the name's), so the sums the
    corpus pass wrote (``corpus_name_aliases``, migration 15) are these: a few rows, where
    the article entities joined to their aliases are Donald Trump's 21,535 (a scan of all
    473,302 aliases on PostgreSQL, 390 ms on the 20,000-article bench store)."""
    if whole:
        cna = corpus_name_aliases
        total = func.sum(cna.c.count)
        query = (select(cna.c.alias, total).where(cna.c.name == name).group_by(cna.c.alias)
                 .order_by(total.desc(), cna.c.alias))
    else:
        al, e = aliases, entities
        total = func.sum(al.c.count)
        query = (select(al.c.alias, total)
                 .select_from(al.join(e, and_(al.c.article_id == e.c.article_id,
                                              al.c.entity_id == e.c.id)))
                 .where(e.c.name == name).group_by(al.c.alias)
                 .order_by(total.desc(), al.c.alias))
    return [{"alias": alias, "count": int(n or 0)} for alias, n in conn.execute(query)]


def entity_detail(store: Transactions, name: str, recent: int = 20) -> Row:
    """One entity by canonical name: ``name, types, aliases ([{alias, count}] by count),
    articles, said ({count, recent}), received ({count, recent}), talked_to ([{name,
    addressed, addressed_by}]), relayed_by ([{name, count}]), corpus ([{id, name}]: the
    corpus entities holding it, once ``whosaid corpus`` has run), per_day ([{date, count}]),
    undated`` (statements said with no single-day date)."""
    e, s, r = entities, statements, relays
    with store.read(f"read entity {name!r}") as conn:
        custom_plans(conn)
        types = _types(conn, [name]).get(name, [])
        said, per_day, talked = _said_by(conn, name)
        received = _received_by(conn, name, talked)
        if not types and not said and not received:
            raise NotFoundError(f"no entity {name!r}")
        n_articles = int(
            conn.execute(
                select(func.count(distinct(e.c.article_id))).where(e.c.name == name)
            ).scalar() or 0
        )
        cn, ce = corpus_names, corpus_entities
        # the corpus entities whose members bear the name, from the names table of
        # migration 13 (a DISTINCT over Donald Trump's 20,790 memberships took 57 ms on
        # PostgreSQL), with the articles the name is borne in there
        held = conn.execute(
            select(ce.c.id, ce.c.name, cn.c.articles).join(cn, cn.c.corpus_entity_id == ce.c.id)
            .where(cn.c.name == name).order_by(ce.c.name, ce.c.id)
        ).all()
        corpus = [{"id": cid, "name": cname} for cid, cname, _ in held]
        # nor does a correction wait for its corpus refresh (the sums are the old ones)
        whole = bool(held) and sum(int(k) for _, _, k in held) == n_articles \
            and conn.execute(select(corpus_pending.c.article_id).limit(1)).first() is None \
            and not queues.waiting(conn, corpus_stale)
        alias_rows = _alias_counts(conn, name, whole)
        relay_name = func.coalesce(r.c.entity_name, r.c.text)
        relayed_by = [
            {"name": other, "count": int(n)}
            for other, n in conn.execute(
                select(relay_name, func.count())
                .select_from(
                    r.join(s, and_(r.c.article_id == s.c.article_id, r.c.statement_id == s.c.id))
                )
                .where(s.c.speaker_name == name)
                .group_by(relay_name)
                .order_by(func.count().desc(), relay_name)
                .limit(100)
            )
        ]
        recent_said = recent_statements(conn, s.c.speaker_name == name, recent)
        recent_received = recent_statements(conn, s.c.addressee_name == name, recent)
    return {
        "name": name,
        "types": types,
        "aliases": alias_rows,
        "articles": n_articles,
        "said": {"count": said, "recent": recent_said},
        "received": {"count": received, "recent": recent_received},
        "talked_to": sorted(
            talked.values(), key=lambda t: (-(t["addressed"] + t["addressed_by"]), t["name"])
        ),
        "relayed_by": relayed_by,
        "corpus": corpus,
        "per_day": per_day,
        "undated": said - sum(d["count"] for d in per_day),
    }


def sources(store: Transactions, limit: int = 200) -> list[Row]:
    """Outlets (article sites) with their article counts, most articles first."""
    a = articles
    with store.read("list sources") as conn:
        return [
            {"site": site, "articles": int(n)}
            for site, n in conn.execute(
                select(a.c.site, func.count())
                .where(a.c.site.is_not(None))
                .group_by(a.c.site)
                .order_by(func.count().desc(), a.c.site)
                .limit(limit)
            )
        ]
