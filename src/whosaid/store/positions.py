"""SQL of the issue catalogue, positions and events (migration 8): the rows an analysis writes,
the catalogue's reads and writes, and the reads of the surfaces (``whosaid positions``,
``whosaid events``, ``whosaid issues``, the API and pages). No stance finding and no event
rules here: :mod:`whosaid.positions` decides, this module reads and writes.

Functions taking ``conn`` run inside a transaction the caller holds; those taking ``store``
open their own.

Holders and participants are grouped as the claims are: by the corpus entity holding the
article entity (``corpus_members``) once ``whosaid corpus`` has run, else by canonical name.
An entity reference (``positions_for``, ``events``) is a corpus entity id or a name: the
canonical names it resolves to (as ``whosaid statements --speaker`` resolves them), widened to
every article entity their corpus entities hold (so "Scholz" finds the positions of "Olaf
Scholes" once the corpus has merged the two).

The position row (one item of :func:`positions_for`)::

    {"statement_id", "article": {"id", "doc_id", "title", "published", "site", "url"},
     "issue", "stance", "confidence", "said_on", "date",
     "holder": {"start", "end", "text", "entity", "entity_id", "key", "name"} | None,
     "reported_by": {"start", "end", "text", "entity", "entity_id"} | None,
     "evidence": {"start", "end", "text"}, "condition": {"start", "end", "text"} | None}

``date`` is the first day the statement's ``said_on`` stands for (None when it has no
calendar date); ``holder.key`` is the corpus entity id, else the canonical name, and
``holder.name`` that corpus entity's name, else the canonical name. Rows are in time order
(undated last), then article and statement order.

The event row (one item of :func:`events`)::

    {"id", "type", "article": {...}, "date", "place", "evidence": {"start", "end", "text"},
     "participants": [{"entity_id", "name", "key"}], "statement_ids": [...]}

:func:`event_detail` adds ``statements`` (the one statement shape, with ``article``).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
)

from ..errors import NotFoundError
from ..model import Issue, Position, Statement
from .filters import date_range, resolve_names
from .queries import listed_select, listed_statements
from .schema import (
    articles,
    corpus_entities,
    corpus_members,
    entities,
    events,
    issues,
    positions,
    statements,
)
from .write import insert_position_rows, position_rows

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]
Key = tuple[str, str]  # an article entity: (article_id, entity_id)
CHUNK = 500  # ids per IN (...) list


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def replace_positions(conn: Connection, article_id: str, found: Sequence[Position],
                      said: Sequence[Statement]) -> None:
    """Put ``found`` in place of the stored positions of one article (``whosaid issues
    import`` finding them again on a new catalogue); its events stay."""
    conn.execute(delete(positions).where(positions.c.article_id == article_id))
    insert_position_rows(conn, position_rows(article_id, found, said), ())


# ---------------------------------------------------------------------------------------
# The catalogue


def read_issues(conn: Connection) -> tuple[Issue, ...]:
    """The stored catalogue, in its order (empty before it is first seeded)."""
    rows = conn.execute(select(issues).order_by(issues.c.position, issues.c.id)).mappings()
    return tuple(Issue(r["id"], r["label"], tuple(json.loads(r["keywords"])),
                       r["description"] or "") for r in rows)


def write_issues(conn: Connection, found: Sequence[Issue], replace: bool) -> tuple[Issue, ...]:
    """Store ``found``: in place of the catalogue (``replace``), or added to it (an issue with
    a stored id is updated where it stands, a new one goes last). Returns the catalogue."""
    old = () if replace else read_issues(conn)
    merged: dict[str, Issue] = {i.id: i for i in old}
    for issue in found:
        merged[issue.id] = issue
    conn.execute(delete(issues))
    if merged:
        conn.execute(insert(issues), [
            {"id": i.id, "label": i.label, "keywords": _dumps(list(i.keywords)),
             "description": i.description, "position": n}
            for n, i in enumerate(merged.values())])
    return tuple(merged.values())


def catalogue(store: Transactions) -> tuple[Issue, ...]:
    """The stored catalogue (its own transaction)."""
    with store.read("read the issue catalogue") as conn:
        return read_issues(conn)


def issue_rows(store: Transactions) -> list[Row]:
    """The catalogue as rows, ``id, label, keywords, description, positions`` (how many
    stored positions are on it), in catalogue order."""
    with store.read("list issues") as conn:
        counts: dict[str, int] = dict(conn.execute(select(positions.c.issue, func.count())
                                   .group_by(positions.c.issue)).all())
        return [{"id": i.id, "label": i.label, "keywords": list(i.keywords),
                 "description": i.description, "positions": int(counts.get(i.id, 0))}
                for i in read_issues(conn)]


def articles_with_statements(store: Transactions) -> list[str]:
    """Ids of the analysed articles that have statements (whose positions a new catalogue
    may change)."""
    with store.read("list articles with statements") as conn:
        return list(conn.execute(select(articles.c.id).where(articles.c.statement_count > 0)
                                 .order_by(articles.c.id)).scalars())


# ---------------------------------------------------------------------------------------
# Who is who: corpus entities, else canonical names

_ARTICLE_REF = ("id", "doc_id", "title", "published", "site", "url")


def _corpus_of(conn: Connection, keys: Iterable[Key]) -> dict[Key, tuple[str, str]]:
    """``(article_id, entity_id)`` → (corpus entity id, its name), for those in the corpus."""
    keys = set(keys)
    found: dict[Key, tuple[str, str]] = {}
    cm, ce = corpus_members, corpus_entities
    for chunk in _chunks(sorted({a for a, _ in keys})):
        for aid, eid, cid, name in conn.execute(
                select(cm.c.article_id, cm.c.entity_id, ce.c.id, ce.c.name)
                .join(ce, ce.c.id == cm.c.corpus_entity_id)
                .where(cm.c.article_id.in_(chunk))):
            if (aid, eid) in keys:
                found[(aid, eid)] = (cid, name)
    return found


def _entity_names(conn: Connection, keys: Iterable[Key]) -> dict[Key, str]:
    keys = set(keys)
    found: dict[Key, str] = {}
    for chunk in _chunks(sorted({a for a, _ in keys})):
        for aid, eid, name in conn.execute(
                select(entities.c.article_id, entities.c.id, entities.c.name)
                .where(entities.c.article_id.in_(chunk))):
            if (aid, eid) in keys:
                found[(aid, eid)] = name
    return found


def resolve_entity(conn: Connection, ref: str, held_by: Collection[str] | None = None
                   ) -> tuple[set[str], set[str]]:
    """What an entity reference stands for: ``(canonical names, corpus entity ids)``. A
    corpus entity id stands for itself; a name for the canonical names it resolves to and
    the corpus entities holding an entity of those names (``held_by``, when the caller read
    them for a name that resolves to itself alone: the entity page). Raises NotFoundError
    when it names nothing."""
    ref = ref.strip()
    ce, cm = corpus_entities, corpus_members
    if conn.execute(select(ce.c.id).where(ce.c.id == ref)).first() is not None:
        return set(), {ref}
    names = set(resolve_names(conn, ref, entities.c.name))
    if not names:
        raise NotFoundError(f"no entity {ref!r}")
    if held_by is not None and names == {ref}:
        return names, set(held_by)
    ids: set[str] = set()
    name_list = sorted(names)
    for chunk in _chunks(name_list):
        ids.update(conn.execute(
            select(cm.c.corpus_entity_id).distinct()
            .join(entities, and_(entities.c.article_id == cm.c.article_id,
                                 entities.c.id == cm.c.entity_id))
            .where(entities.c.name.in_(chunk))).scalars())
    return names, ids


def _holder_clause(conn: Connection, names: set[str], ids: set[str],
                   aid_col: Any, eid_col: Any, name_col: Any) -> ColumnElement[bool]:
    """Rows whose article entity has one of ``names`` or is held by one of ``ids``."""
    cm = corpus_members
    held = select(cm.c.article_id, cm.c.entity_id).where(cm.c.corpus_entity_id.in_(sorted(ids)))
    clauses: list[ColumnElement[bool]] = []
    if names:
        clauses.append(name_col.in_(sorted(names)))
    if ids:
        clauses.append(tuple_(aid_col, eid_col).in_(held))
    return or_(*clauses)


# ---------------------------------------------------------------------------------------
# Reading positions


def _span(start: int | None, end: int | None, text: str | None) -> Row | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def _position_rows(conn: Connection, where: Sequence[ColumnElement[bool]]) -> list[Row]:
    p, a = positions, articles
    query = (select(p, *(a.c[k].label(f"ref_{k}") for k in _ARTICLE_REF))
             .join(a, a.c.id == p.c.article_id).where(*where)
             .order_by(p.c.said_on_from.asc().nulls_last(), a.c.published.asc().nulls_last(),
                       p.c.article_id, p.c.position))
    rows = list(conn.execute(query).mappings())
    holders = [(r["article_id"], r["holder_entity_id"]) for r in rows
               if r["holder_entity_id"] is not None]
    corpus = _corpus_of(conn, holders)
    out: list[Row] = []
    for r in rows:
        key = (r["article_id"], r["holder_entity_id"])
        cid, cname = corpus.get(key, (None, None))
        holder = None if r["holder_start"] is None else {
            "start": r["holder_start"], "end": r["holder_end"], "text": r["holder_text"],
            "entity": r["holder_name"], "entity_id": r["holder_entity_id"],
            "key": cid or r["holder_name"], "name": cname or r["holder_name"]}
        reported = None if r["reported_by_start"] is None else {
            "start": r["reported_by_start"], "end": r["reported_by_end"],
            "text": r["reported_by_text"], "entity": r["reported_by_name"],
            "entity_id": r["reported_by_entity_id"]}
        out.append({
            "statement_id": r["statement_id"],
            "article": {k: r[f"ref_{k}"] for k in _ARTICLE_REF},
            "issue": r["issue"], "stance": r["stance"],
            "confidence": float(r["confidence"]), "said_on": r["said_on"],
            "date": r["said_on_from"], "holder": holder, "reported_by": reported,
            "evidence": _span(r["evidence_start"], r["evidence_end"], r["evidence_text"]),
            "condition": _span(r["condition_start"], r["condition_end"], r["condition_text"]),
        })
    return out


def _dated(since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """As ``whosaid statements``: every day said_on stands for lies in the range."""
    where: list[ColumnElement[bool]] = []
    if since:
        where.append(positions.c.said_on_from >= date_range(since, "since")[0])
    if until:
        where.append(positions.c.said_on_to <= date_range(until, "until")[1])
    return where


def positions_for(store: Transactions, entity: str, issue: str | None = None,
                  since: str | None = None, until: str | None = None,
                  held_by: Collection[str] | None = None) -> list[Row]:
    """The positions an entity holds (a corpus entity id or a name, see the module doc),
    on one ``issue`` or all, said within ``since``..``until`` (YYYY-MM-DD, YYYY-MM or YYYY),
    in time order. ``held_by``: the corpus entities holding the entities named exactly
    ``entity``, when the caller has read them already (the entity page: the join of a most
    quoted name's 20,000 article entities to their corpus entities is not done twice).
    Raises NotFoundError for a name that names nothing, ConfigError for a bad date."""
    where = _dated(since, until)
    if issue is not None:
        where.append(positions.c.issue == issue)
    with store.read(f"read the positions of {entity!r}") as conn:
        names, ids = resolve_entity(conn, entity, held_by)
        where.append(_holder_clause(conn, names, ids, positions.c.article_id,
                                    positions.c.holder_entity_id, positions.c.holder_name))
        return _position_rows(conn, where)


def issue_positions(store: Transactions, issue: str, since: str | None = None,
                    until: str | None = None) -> Row:
    """Every holder's positions on one issue over time: ``{"issue": {id, label, keywords,
    description}, "holders": [{"key", "name", "positions": [position rows]}]}``, holders
    with most positions first (then by name); positions without a holder come under
    ``key`` None. Raises NotFoundError for an issue not in the catalogue."""
    with store.read(f"read the positions on {issue!r}") as conn:
        found = next((i for i in read_issues(conn) if i.id == issue), None)
        if found is None:
            raise NotFoundError(f"no issue {issue!r} in the catalogue (`whosaid issues list`)")
        rows = _position_rows(conn, [positions.c.issue == issue, *_dated(since, until)])
    groups: dict[str | None, Row] = {}
    for r in rows:
        h = r["holder"]
        key = h["key"] if h else None
        group = groups.setdefault(key, {"key": key, "name": h["name"] if h else None,
                                        "positions": []})
        group["positions"].append(r)
    holders = sorted(groups.values(), key=lambda g: (-len(g["positions"]), g["name"] or "~"))
    return {"issue": {"id": found.id, "label": found.label, "keywords": list(found.keywords),
                      "description": found.description},
            "holders": holders}


# ---------------------------------------------------------------------------------------
# Reading events


def _event_rows(conn: Connection, rows: Sequence[RowMapping]) -> list[Row]:
    keys = {(r["article_id"], eid) for r in rows for eid in json.loads(r["participants"])}
    names = _entity_names(conn, keys)
    corpus = _corpus_of(conn, keys)
    out: list[Row] = []
    for r in rows:
        parts = []
        for eid in json.loads(r["participants"]):
            key = (r["article_id"], eid)
            cid, cname = corpus.get(key, (None, None))
            parts.append({"entity_id": eid, "name": cname or names.get(key),
                          "key": cid or names.get(key)})
        out.append({
            "id": r["id"], "type": r["type"],
            "article": {k: r[f"ref_{k}"] for k in _ARTICLE_REF},
            "date": r["date"], "place": r["place"],
            "evidence": _span(r["evidence_start"], r["evidence_end"], r["evidence_text"]),
            "participants": parts, "statement_ids": json.loads(r["statement_ids"]),
        })
    return out


def _events_select() -> Any:
    e, a = events, articles
    return (select(e, *(a.c[k].label(f"ref_{k}") for k in _ARTICLE_REF))
            .join(a, a.c.id == e.c.article_id)
            .order_by(func.coalesce(e.c.date_from, a.c.published).asc().nulls_last(),
                      e.c.article_id, e.c.position))


def events_list(store: Transactions, entity: str | None = None, limit: int | None = None
                ) -> list[Row]:
    """Events in time order (their date, else the article's publication date; undated last),
    those an entity takes part in when ``entity`` is given (a corpus entity id or a name).
    Raises NotFoundError for a name that names nothing."""
    with store.read("list events") as conn:
        query = _events_select()
        wanted: set[Key] | None = None
        if entity is not None:
            names, ids = resolve_entity(conn, entity)
            wanted = _keys_of(conn, names, ids)
            arts = sorted({a for a, _ in wanted})
            if not arts:
                return []
            rows = [r for chunk in _chunks(arts)
                    for r in conn.execute(query.where(events.c.article_id.in_(chunk)))
                    .mappings()
                    if any((r["article_id"], p) in wanted for p in json.loads(r["participants"]))]
            rows.sort(key=lambda r: (r["date_from"] or r["ref_published"] or "~",
                                     r["article_id"], r["position"]))
        else:
            rows = list(conn.execute(query).mappings())
        if limit is not None:
            rows = rows[:limit]
        return _event_rows(conn, rows)


def _keys_of(conn: Connection, names: set[str], ids: set[str]) -> set[Key]:
    """The article entities named ``names`` or held by the corpus entities ``ids``."""
    keys: set[Key] = set()
    for chunk in _chunks(sorted(names)):
        keys.update((str(a), str(e)) for a, e in conn.execute(
            select(entities.c.article_id, entities.c.id).where(entities.c.name.in_(chunk))))
    for chunk in _chunks(sorted(ids)):
        keys.update((str(a), str(e)) for a, e in conn.execute(
            select(corpus_members.c.article_id, corpus_members.c.entity_id)
            .where(corpus_members.c.corpus_entity_id.in_(chunk))))
    return keys


def event_detail(store: Transactions, event_id: str) -> Row:
    """One event (its id or a unique prefix) with ``statements``: those made at it, in the
    one statement shape with ``article``. Raises NotFoundError when no event or several
    match."""
    ref = event_id.strip()
    with store.read(f"read event {ref}") as conn:
        rows = list(conn.execute(_events_select().where(events.c.id == ref)).mappings())
        if not rows and ref:
            rows = list(conn.execute(_events_select().where(
                events.c.id.startswith(ref, autoescape=True)).limit(6)).mappings())
        if not rows:
            raise NotFoundError(f"no event {ref!r}")
        if len({r["id"] for r in rows}) > 1:
            raise NotFoundError(f"event reference {ref!r} is ambiguous: give more of the id")
        row = _event_rows(conn, rows[:1])[0]
        ids = row["statement_ids"]
        found = listed_statements(conn, list(conn.execute(listed_select().where(
            statements.c.article_id == row["article"]["id"],
            statements.c.id.in_(ids))).mappings())) if ids else []
        order = {sid: n for n, sid in enumerate(ids)}
        row["statements"] = sorted(found, key=lambda s: order.get(s["id"], len(order)))
    return row


def event_counts(store: Transactions) -> dict[str, int]:
    """How many events and positions are stored, and issues in the catalogue."""
    with store.read("count events") as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                for t in (events, positions, issues)}
