"""The read queries. Results are plain JSON-ready dicts (see the ``whosaid.store`` docstring),
or, from :func:`load_analysis`, the model's records again.

Nothing here opens connections or maps errors; :class:`whosaid.store.Store` does both.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    exists,
    func,
    or_,
    select,
    tuple_,
)

from ..io.export import listed_statement_json
from ..model import (
    Analysis,
    Article,
    Cue,
    DateExpr,
    Entity,
    Mention,
    SaidOn,
    Span,
    Statement,
)
from .chunks import chunks
from .position_records import article_records, positions_by_statement
from .schema import aliases, articles, dates, entities, mentions, relays, statements

Row = dict[str, Any]


# ---------------------------------------------------------------------------------------
# Reading: statements


def _icontains(col: Any, needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match (SQLite's lower() is made Unicode-aware on connect)."""
    result: ColumnElement[bool] = func.lower(col).contains(needle.lower(), autoescape=True)
    return result


def relays_by_statement(
    conn: Connection, article_ids: Sequence[str]
) -> dict[tuple[str, str], list[RowMapping]]:
    """The relay rows of these articles' statements, by (article id, statement id), nearest
    to the speaker first."""
    found: dict[tuple[str, str], list[RowMapping]] = defaultdict(list)
    for chunk in chunks(sorted(set(article_ids))):
        rows = conn.execute(
            select(relays)
            .where(relays.c.article_id.in_(chunk))
            .order_by(relays.c.article_id, relays.c.statement_id, relays.c.position)
        ).mappings()
        for r in rows:
            found[(r["article_id"], r["statement_id"])].append(r)
    return found


def _mention(
    text_: str | None,
    start: int | None,
    end: int | None,
    entity_id: str | None,
    entity: str | None,
    title: str | None,
) -> Mention | None:
    if text_ is None or start is None or end is None:
        return None
    return Mention(start, end, text_, entity_id=entity_id, entity=entity, title=title)


def statement_record(row: RowMapping, relay_rows: Sequence[RowMapping]) -> Statement:
    """A ``statements`` row (and its ``relays`` rows) as the record it was saved from."""
    r = row
    said: SaidOn | None = None
    if r["said_on"] is not None:
        span = (
            Span(r["said_on_start"], r["said_on_end"], r["said_on_text"] or "")
            if r["said_on_start"] is not None and r["said_on_end"] is not None
            else None
        )
        said = SaidOn(r["said_on"], r["said_on_precision"], r["said_on_source"], span)
    cue = (
        Cue(r["cue_start"], r["cue_end"], r["cue_text"], r["cue_lemma"] or "")
        if r["cue_text"] is not None
        else None
    )
    return Statement(
        id=r["id"],
        article_id=r["article_id"],
        kind=r["kind"],
        content=Span(r["content_start"], r["content_end"], r["content_text"]),
        fragments=tuple((int(s), int(e)) for s, e in json.loads(r["fragments"])),
        speaker=_mention(
            r["speaker_text"],
            r["speaker_start"],
            r["speaker_end"],
            r["speaker_entity_id"],
            r["speaker_name"],
            r["speaker_title"],
        ),
        cue=cue,
        addressee=_mention(
            r["addressee_text"],
            r["addressee_start"],
            r["addressee_end"],
            r["addressee_entity_id"],
            r["addressee_name"],
            r["addressee_title"],
        ),
        relays=tuple(
            Mention(
                x["start_char"], x["end_char"], x["text"], x["entity_id"], x["entity_name"],
                x["title"],
            )
            for x in relay_rows
        ),
        said_on=said,
        confidence=float(r["confidence"]),
        mode=r["mode"],
        extractor=r["extractor"],
    )


def article_statements(conn: Connection, article_id: str) -> list[Statement]:
    """One article's statements as records, in the order they were saved."""
    relay_map = relays_by_statement(conn, [article_id])
    return [
        statement_record(r, relay_map.get((article_id, r["id"]), []))
        for r in conn.execute(
            select(statements)
            .where(statements.c.article_id == article_id)
            .order_by(statements.c.position)
        ).mappings()
    ]


# The article columns a listed statement carries, under these labels.
_ARTICLE_REF = {"id": "article_ref_id", "doc_id": "article_ref_doc_id",
                "title": "article_ref_title", "published": "article_ref_published",
                "site": "article_ref_site", "url": "article_ref_url"}


def listed_select() -> Select[Any]:
    """Statements joined to their articles, with the columns :func:`listed_statements`
    reads; add WHERE, ORDER BY and LIMIT."""
    s, a = statements, articles
    return select(s, *(a.c[col].label(label) for col, label in _ARTICLE_REF.items())).join(
        a, a.c.id == s.c.article_id
    )


def listing_order() -> tuple[Any, ...]:
    """``whosaid statements`` order: the article's publication date (undated last), its id,
    then the position in the text."""
    s, a = statements, articles
    return (a.c.published.asc().nulls_last(), a.c.id, s.c.content_start, s.c.position)


def listed_statements(conn: Connection, rows: Sequence[RowMapping]) -> list[Row]:
    """Rows of :func:`listed_select` as statements listed outside their article: the one
    statement shape (:func:`whosaid.io.export.statement_json`) plus ``article``."""
    relay_map = relays_by_statement(conn, [r["article_id"] for r in rows])
    held = positions_by_statement(conn, [r["article_id"] for r in rows])
    return [
        listed_statement_json(
            statement_record(r, relay_map.get((r["article_id"], r["id"]), [])),
            {key: r[label] for key, label in _ARTICLE_REF.items()},
            held.get((r["article_id"], r["id"]), ()),
        )
        for r in rows
    ]


# ---------------------------------------------------------------------------------------
# Reading: entities


def entity_summaries(conn: Connection, name: str | None) -> list[Row]:
    """Entities grouped by canonical name and type across articles."""
    e = entities
    group = (e.c.name, e.c.type)
    where: list[ColumnElement[bool]] = []
    if name is not None and name.strip():
        needle = name.strip()
        alias_match = exists().where(
            aliases.c.article_id == e.c.article_id,
            aliases.c.entity_id == e.c.id,
            _icontains(aliases.c.alias, needle),
        )
        keys = select(*group).where(or_(_icontains(e.c.name, needle), alias_match)).distinct()
        where.append(tuple_(*group).in_(keys))
    out: dict[tuple[str, str], Row] = {}
    base = (
        select(*group, func.count(func.distinct(e.c.article_id)))
        .where(*where)
        .group_by(*group)
        .order_by(*group)
    )
    for ename, etype, n in conn.execute(base):
        out[(ename, etype)] = {
            "name": ename,
            "type": etype,
            "aliases": [],
            "articles": int(n),
            "statements": 0,
            "mentions": 0,
        }
    mentions_q = (
        select(*group, func.count())
        .select_from(
            mentions.join(
                e, and_(mentions.c.article_id == e.c.article_id, mentions.c.entity_id == e.c.id)
            )
        )
        .where(*where)
        .group_by(*group)
    )
    for ename, etype, n in conn.execute(mentions_q):
        out[(ename, etype)]["mentions"] = int(n)
    s = statements
    statements_q = (
        select(*group, func.count())
        .select_from(
            s.join(e, and_(s.c.article_id == e.c.article_id, s.c.speaker_entity_id == e.c.id))
        )
        .where(*where)
        .group_by(*group)
    )
    for ename, etype, n in conn.execute(statements_q):
        out[(ename, etype)]["statements"] = int(n)
    aliases_q = (
        select(*group, aliases.c.alias, func.sum(aliases.c.count))
        .select_from(
            aliases.join(
                e, and_(aliases.c.article_id == e.c.article_id, aliases.c.entity_id == e.c.id)
            )
        )
        .where(*where)
        .group_by(*group, aliases.c.alias)
        .order_by(*group, aliases.c.alias)
    )
    for ename, etype, alias, n in conn.execute(aliases_q):
        out[(ename, etype)]["aliases"].append({"alias": alias, "count": int(n or 0)})
    return list(out.values())


def article_entities(conn: Connection, article_id: str) -> list[Row]:
    """The entities of one article, in analysis order, with aliases and mentions."""
    alias_rows: dict[str, list[Row]] = defaultdict(list)
    for r in conn.execute(
        select(aliases).where(aliases.c.article_id == article_id).order_by(aliases.c.position)
    ).mappings():
        alias_rows[r["entity_id"]].append({"alias": r["alias"], "count": r["count"]})
    mention_rows: dict[str, list[Row]] = defaultdict(list)
    for r in conn.execute(
        select(mentions).where(mentions.c.article_id == article_id).order_by(mentions.c.position)
    ).mappings():
        mention_rows[r["entity_id"]].append(
            {"start": r["start_char"], "end": r["end_char"], "text": r["text"], "title": r["title"]}
        )
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "titles": json.loads(r["titles"]),
            "aliases": alias_rows.get(r["id"], []),
            "mentions": mention_rows.get(r["id"], []),
        }
        for r in conn.execute(
            select(entities)
            .where(entities.c.article_id == article_id)
            .order_by(entities.c.position)
        ).mappings()
    ]


# ---------------------------------------------------------------------------------------
# Reading: articles

ARTICLE_SUMMARY_COLUMNS = (
    "id",
    "doc_id",
    "title",
    "published",
    "language",
    "analyzed",
    "skip_reason",
    "statement_count",
)


def article_order() -> tuple[Any, ...]:
    return (articles.c.published.asc().nulls_last(), articles.c.id)


def article_dict(row: RowMapping) -> Row:
    data = {k: row[k] for k in articles.c.keys()}  # noqa: SIM118
    data["analyzed"] = bool(data["analyzed"])
    data["furniture"] = json.loads(data["furniture"])
    return data


def article_dates(conn: Connection, article_id: str) -> list[Row]:
    return [
        {
            "start": r["start_char"],
            "end": r["end_char"],
            "text": r["text"],
            "type": r["type"],
            "value": r["value"],
            "precision": r["precision"],
        }
        for r in conn.execute(
            select(dates).where(dates.c.article_id == article_id).order_by(dates.c.position)
        ).mappings()
    ]


# ---------------------------------------------------------------------------------------
# Reading back records


def load_analysis(conn: Connection, article_id: str) -> Analysis:
    """The stored records of one article (mentions carry their entity's id and name)."""
    arow = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().one()
    article = Article(
        id=arow["id"],
        doc_id=arow["doc_id"],
        origin=arow["origin"],
        text=arow["text"],
        text_hash=arow["text_hash"],
        language=arow["language"],
        furniture=tuple(
            Span(f["start"], f["end"], f["text"]) for f in json.loads(arow["furniture"])
        ),
        url=arow["url"],
        title=arow["title"],
        published=arow["published"],
        site=arow["site"],
        author=arow["author"],
        input_format=arow["input_format"],
        analyzed=bool(arow["analyzed"]),
        skip_reason=arow["skip_reason"],
    )
    ents = [
        Entity(
            id=e["id"],
            name=e["name"],
            type=e["type"],
            aliases=tuple(a["alias"] for a in e["aliases"]),
            mentions=tuple(
                Mention(m["start"], m["end"], m["text"], e["id"], e["name"], m["title"])
                for m in e["mentions"]
            ),
            titles=tuple(e["titles"]),
        )
        for e in article_entities(conn, article_id)
    ]
    stmts = article_statements(conn, article_id)
    date_exprs = tuple(
        DateExpr(d["start"], d["end"], d["text"], d["type"], d["value"], d["precision"])
        for d in article_dates(conn, article_id)
    )
    held, evs = article_records(conn, article_id)
    return Analysis(
        article=article,
        entities=tuple(ents),
        statements=tuple(stmts),
        dates=date_exprs,
        extractor=arow["extractor"],
        positions=held,
        events=evs,
    )
