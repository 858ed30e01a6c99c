"""SQL of ``whosaid export``: the rows of statements, corpus entities, claims and positions,
streamed in chunks (never a whole table in memory), each row with the month of its
article's publication so the writer can partition by it. The writing itself (Parquet,
JSONL, CSV) is :mod:`whosaid.usecases.export`; this module only reads.

A table is described by :class:`ExportTable` (its columns with a plain kind: ``text``,
``int``, ``float`` or ``bool``); :func:`export_rows` yields lists of dicts holding those
columns plus ``month`` (``YYYY-MM``; None when undated or the table has no date), ordered by
month so each month's rows come together.

Statements: ``statement_id, article_id, doc_id, published, site, url, title, kind, mode,
content_text, content_start, content_end, speaker_text, speaker_entity_id,
speaker_corpus_id, speaker_name, speaker_corpus_name, cue_text, cue_lemma, cue_start,
cue_end, addressee_text, addressee_entity_id, addressee_name, said_on, said_on_precision,
said_on_from, said_on_to, relays`` (JSON text: ``[{"start", "end", "text", "entity"}]``,
nearest the speaker first, as in the one statement shape) ``, confidence, extractor,
claim_id``. Entities (corpus entities): ``id, name, type, mentions, articles, statements,
titles`` (JSON list) ``, aliases`` (JSON ``[{"alias", "count"}]``) ``, kb_id, kb_score``.
Claims: every ``claims`` column. Positions: every ``positions`` column (whatever the
schema holds) plus the article's ``doc_id`` and ``published``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Connection, Float, Integer, Select, func, inspect, select
from sqlalchemy.sql.elements import ColumnElement

from .queries import relays_by_statement
from .schema import (
    articles,
    claim_versions,
    claims,
    corpus_aliases,
    corpus_entities,
    corpus_members,
    links,
    positions,
    statements,
)

Row = dict[str, Any]
TABLES = ("statements", "entities", "claims", "positions")
CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class ExportTable:
    """One exported table: its name, its columns as ``(name, kind)`` and whether its rows
    have a month of publication to partition by."""

    name: str
    columns: tuple[tuple[str, str], ...]
    dated: bool


def _kind(column: ColumnElement[Any]) -> str:
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, Float):
        return "float"
    return "text"


def _month(published: ColumnElement[Any]) -> ColumnElement[Any]:
    # "2022-12-04" -> "2022-12" (substr is the same function in SQLite and PostgreSQL)
    return func.substr(published, 1, 7).label("month")


def _statements_query() -> Select[Any]:
    s, a, cm, ce, cv = statements, articles, corpus_members, corpus_entities, claim_versions
    speaker_corpus = ce.alias("speaker_corpus")
    month = _month(a.c.published)
    return (
        select(s.c.id.label("statement_id"), s.c.article_id, a.c.doc_id, a.c.published,
               a.c.site, a.c.url, a.c.title, s.c.kind, s.c.mode, s.c.content_text,
               s.c.content_start, s.c.content_end, s.c.speaker_text, s.c.speaker_entity_id,
               cm.c.corpus_entity_id.label("speaker_corpus_id"), s.c.speaker_name,
               speaker_corpus.c.name.label("speaker_corpus_name"), s.c.cue_text,
               s.c.cue_lemma, s.c.cue_start, s.c.cue_end, s.c.addressee_text,
               s.c.addressee_entity_id, s.c.addressee_name, s.c.said_on,
               s.c.said_on_precision, s.c.said_on_from, s.c.said_on_to, s.c.confidence,
               s.c.extractor, cv.c.claim_id, month)
        .join(a, a.c.id == s.c.article_id)
        .outerjoin(cm, (cm.c.article_id == s.c.article_id)
                   & (cm.c.entity_id == s.c.speaker_entity_id))
        .outerjoin(speaker_corpus, speaker_corpus.c.id == cm.c.corpus_entity_id)
        .outerjoin(cv, (cv.c.article_id == s.c.article_id) & (cv.c.statement_id == s.c.id))
        .order_by(month.nulls_first(), a.c.published, s.c.article_id, s.c.position))


def _entities_query() -> Select[Any]:
    ce = corpus_entities
    return (select(ce.c.id, ce.c.name, ce.c.type, ce.c.mentions, ce.c.articles,
                   ce.c.statements, ce.c.titles, links.c.kb_id,
                   links.c.score.label("kb_score"))
            .outerjoin(links, links.c.corpus_entity_id == ce.c.id)
            .order_by(ce.c.mentions.desc(), ce.c.name, ce.c.id))


def _claims_query() -> Select[Any]:
    month = _month(claims.c.published)
    return select(claims, month).order_by(month.nulls_first(), claims.c.published, claims.c.id)


def _positions_query(conn: Connection) -> Select[Any]:
    # the columns the database has: a store made before a later positions migration still
    # exports (the positions pass is young and its table may grow)
    p, a = positions, articles
    have = {c["name"] for c in inspect(conn).get_columns(p.name)}
    month = _month(a.c.published)
    return (select(*(c for c in p.columns if c.name in have), a.c.doc_id, a.c.published,
                   month)
            .join(a, a.c.id == p.c.article_id)
            .order_by(month.nulls_first(), a.c.published, p.c.article_id, p.c.position))


def _query(conn: Connection, name: str) -> Select[Any]:
    if name == "positions":
        return _positions_query(conn)
    return {"statements": _statements_query, "entities": _entities_query,
            "claims": _claims_query}[name]()


def export_table(conn: Connection, name: str) -> ExportTable:
    """The shape of the exported table ``name`` (one of :data:`TABLES`)."""
    query = _query(conn, name)
    cols = [(c.name, _kind(c)) for c in query.selected_columns if c.name != "month"]
    if name == "statements":  # relays is filled per chunk; it goes after said_on_to
        at = [n for n, _ in cols].index("said_on_to") + 1
        cols.insert(at, ("relays", "text"))
    elif name == "entities":
        cols.insert([n for n, _ in cols].index("titles") + 1, ("aliases", "text"))
    return ExportTable(name, tuple(cols), dated=name != "entities")


def export_rows(conn: Connection, name: str, chunk: int = 5000) -> Iterator[list[Row]]:
    """The rows of the exported table ``name`` in lists of at most ``chunk``, ordered by
    month (see the module docstring); read with a server-side cursor on PostgreSQL, so only
    a chunk is held at a time."""
    result = conn.execute(_query(conn, name), execution_options={"yield_per": chunk})
    for part in result.mappings().partitions(chunk):
        rows = [dict(r) for r in part]
        if name == "statements":
            _add_relays(conn, rows)
        elif name == "entities":
            _add_aliases(conn, rows)
            for r in rows:
                r["month"] = None
        yield rows


def _add_relays(conn: Connection, rows: list[Row]) -> None:
    found = relays_by_statement(conn, [r["article_id"] for r in rows])
    for r in rows:
        r["relays"] = json.dumps(
            [{"start": x["start_char"], "end": x["end_char"], "text": x["text"],
              "entity": x["entity_name"]}
             for x in found.get((r["article_id"], r["statement_id"]), [])],
            ensure_ascii=False)


def _add_aliases(conn: Connection, rows: Sequence[Row]) -> None:
    ids = sorted({r["id"] for r in rows})
    names: dict[str, list[Row]] = defaultdict(list)
    ca = corpus_aliases
    for i in range(0, len(ids), CHUNK):
        for cid, alias, count in conn.execute(
                select(ca.c.corpus_entity_id, ca.c.alias, ca.c.count)
                .where(ca.c.corpus_entity_id.in_(ids[i:i + CHUNK]))):
            names[cid].append({"alias": alias, "count": int(count)})
    for r in rows:
        held = sorted(names.get(r["id"], []), key=lambda a: (-a["count"], a["alias"]))
        r["aliases"] = json.dumps(held, ensure_ascii=False)
