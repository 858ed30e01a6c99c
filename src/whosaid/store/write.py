"""Writing an analysis: the rows to store, and deleting/inserting one article's rows.

``date_bounds`` turns a TIMEX3 value into the first and last day it stands for; the store
keeps them with each statement for date-range queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    func,
    insert,
    select,
    text,
    tuple_,
    update,
)

from ..errors import StoreError
from ..model import Analysis, Event, Mention, Position, Statement
from .schema import (
    ARTICLE_TABLES,
    SQLITE_FTS_TABLE,
    aliases,
    articles,
    claims_pending,
    corpus_pending,
    dates,
    entities,
    events,
    mentions,
    positions,
    relays,
    statements,
    statements_fts,
)

Row = dict[str, Any]

# ---------------------------------------------------------------------------------------
# Dates


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day a TIMEX3 date value stands for, or None when it is not a
    calendar date or period ("XXXX-12-02", "PRESENT_REF", "P3D").

    >>> date_bounds("2022-12")
    ('2022-12-01', '2022-12-31')
    >>> date_bounds("1998-10-XX")  # a day of October 1998, not known which
    ('1998-10-01', '1998-10-31')
    """
    if not value:
        return None
    v = value.strip()
    first: dt.date | None = None
    last: dt.date | None = None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", v):
        first = last = _day(int(m[1]), int(m[2]), int(m[3]))
    elif m := re.fullmatch(r"(\d{4})-(\d{2})(-XX)?", v):  # "that day" of October 1998
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            first, last = dt.date(y, mo, 1), _month_end(y, mo)
    elif m := re.fullmatch(r"(\d{4})(-XX-XX)?", v):
        y = int(m[1])
        first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    elif m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
        try:
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        except ValueError:
            first = None
        last = first + dt.timedelta(days=1 if m[3] else 6) if first else None
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m[1]), int(m[2])
        first, last = dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
        y = int(m[1])
        a, b = _SEASONS[m[2]]
        first = dt.date(y, a, 1)
        last = _month_end(y + (b - 1) // 12, (b - 1) % 12 + 1)
    elif m := re.fullmatch(r"(\d{3})", v):  # a decade: "199" is the 1990s
        y = int(m[1]) * 10
        first, last = dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    if first is None or last is None:
        return None
    return first.isoformat(), last.isoformat()


# ---------------------------------------------------------------------------------------
# Rows


@dataclass
class ArticleRows:
    """The rows of one analysed article, per table, in insert order."""

    article: Row
    entities: list[Row] = field(default_factory=list)
    aliases: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    statements: list[Row] = field(default_factory=list)
    relays: list[Row] = field(default_factory=list)
    dates: list[Row] = field(default_factory=list)
    positions: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _mention_cols(prefix: str, mention: Mention | None) -> Row:
    if mention is None:
        return {f"{prefix}_{k}": None for k in ("text", "start", "end", "entity_id", "name")} | {
            f"{prefix}_title": None
        }
    return {
        f"{prefix}_text": mention.text,
        f"{prefix}_start": mention.start,
        f"{prefix}_end": mention.end,
        f"{prefix}_entity_id": mention.entity_id,
        f"{prefix}_name": mention.entity,
        f"{prefix}_title": mention.title,
    }


def _statement_row(article_id: str, position: int, st: Statement) -> Row:
    cue = st.cue
    said = st.said_on
    bounds = date_bounds(said.value) if said else None
    row: Row = {
        "article_id": article_id,
        "id": st.id,
        "position": position,
        "kind": st.kind,
        "mode": st.mode,
        "content_start": st.content.start,
        "content_end": st.content.end,
        "content_text": st.content.text,
        "fragments": _dumps([[s, e] for s, e in st.fragments]),
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "said_on": said.value if said else None,
        "said_on_precision": said.precision if said else None,
        "said_on_source": said.source if said else None,
        "said_on_start": said.span.start if said and said.span else None,
        "said_on_end": said.span.end if said and said.span else None,
        "said_on_text": said.span.text if said and said.span else None,
        "said_on_from": bounds[0] if bounds else None,
        "said_on_to": bounds[1] if bounds else None,
        "confidence": float(st.confidence),
        "extractor": st.extractor,
    }
    row.update(_mention_cols("speaker", st.speaker))
    row.update(_mention_cols("addressee", st.addressee))
    return row


def article_rows(analysis: Analysis, analyzed_at: str) -> ArticleRows:
    """The rows to store for ``analysis``; raises StoreError when it is inconsistent."""
    art = analysis.article
    aid = art.id
    for st in analysis.statements:
        if st.article_id != aid:
            raise StoreError(
                f"cannot save article {aid}: statement {st.id} belongs to article {st.article_id}"
            )
    rows = ArticleRows(
        article={
            "id": aid,
            "doc_id": art.doc_id,
            "origin": art.origin,
            "url": art.url,
            "title": art.title,
            "published": art.published,
            "site": art.site,
            "author": art.author,
            "language": art.language,
            "input_format": art.input_format,
            "text": art.text,
            "text_hash": art.text_hash,
            "furniture": _dumps(
                [{"start": f.start, "end": f.end, "text": f.text} for f in art.furniture]
            ),
            "analyzed": bool(art.analyzed),
            "skip_reason": art.skip_reason,
            "extractor": analysis.extractor,
            "analyzed_at": analyzed_at,
            "statement_count": len(analysis.statements),
        }
    )
    for pos, ent in enumerate(analysis.entities):
        rows.entities.append(
            {
                "article_id": aid,
                "id": ent.id,
                "position": pos,
                "name": ent.name,
                "type": ent.type,
                "titles": _dumps(list(ent.titles)),
            }
        )
        seen: set[str] = set()
        for alias in ent.aliases:
            if alias in seen:
                continue
            seen.add(alias)
            count = sum(1 for m in ent.mentions if m.text == alias)
            rows.aliases.append(
                {
                    "article_id": aid,
                    "entity_id": ent.id,
                    "alias": alias,
                    "position": len(seen) - 1,
                    "count": count,
                }
            )
        for mpos, m in enumerate(ent.mentions):
            rows.mentions.append(
                {
                    "article_id": aid,
                    "entity_id": ent.id,
                    "position": mpos,
                    "start_char": m.start,
                    "end_char": m.end,
                    "text": m.text,
                    "title": m.title,
                }
            )
    for pos, st in enumerate(analysis.statements):
        rows.statements.append(_statement_row(aid, pos, st))
        for rpos, r in enumerate(st.relays):
            rows.relays.append(
                {
                    "article_id": aid,
                    "statement_id": st.id,
                    "position": rpos,
                    "start_char": r.start,
                    "end_char": r.end,
                    "text": r.text,
                    "entity_id": r.entity_id,
                    "entity_name": r.entity,
                    "title": r.title,
                }
            )
    for pos, d in enumerate(analysis.dates):
        rows.dates.append(
            {
                "article_id": aid,
                "position": pos,
                "start_char": d.start,
                "end_char": d.end,
                "text": d.text,
                "type": d.type,
                "value": d.value,
                "precision": d.precision,
            }
        )
    rows.positions, rows.events = analysis_position_rows(analysis)
    return rows


# ---------------------------------------------------------------------------------------
# Rows of positions and events (migration 8)


def _position_mention_cols(prefix: str, m: Mention | None) -> Row:
    return {f"{prefix}_text": m.text if m else None, f"{prefix}_start": m.start if m else None,
            f"{prefix}_end": m.end if m else None,
            f"{prefix}_entity_id": m.entity_id if m else None,
            f"{prefix}_name": m.entity if m else None, f"{prefix}_title": m.title if m else None}


def position_rows(article_id: str, found: Sequence[Position],
                  said: Sequence[Statement]) -> list[Row]:
    """The ``positions`` rows of one article; ``said`` are its statements (whose said_on
    each position copies, for timelines)."""
    when = {st.id: st.said_on.value if st.said_on else None for st in said}
    rows: list[Row] = []
    for pos, p in enumerate(found):
        value = when.get(p.statement_id)
        bounds = date_bounds(value)
        row: Row = {
            "article_id": article_id, "statement_id": p.statement_id, "position": pos,
            "issue": p.issue, "stance": p.stance,
            "evidence_start": p.evidence.start, "evidence_end": p.evidence.end,
            "evidence_text": p.evidence.text,
            "condition_start": p.condition.start if p.condition else None,
            "condition_end": p.condition.end if p.condition else None,
            "condition_text": p.condition.text if p.condition else None,
            "confidence": float(p.confidence), "said_on": value,
            "said_on_from": bounds[0] if bounds else None,
            "said_on_to": bounds[1] if bounds else None,
        }
        row.update(_position_mention_cols("holder", p.holder))
        row.update(_position_mention_cols("reported_by", p.reported_by))
        rows.append(row)
    return rows


def event_rows(article_id: str, found: Sequence[Event]) -> list[Row]:
    """The ``events`` rows of one article."""
    rows: list[Row] = []
    for pos, ev in enumerate(found):
        bounds = date_bounds(ev.date)
        rows.append({
            "article_id": article_id, "id": ev.id, "position": pos, "type": ev.type,
            "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
            "evidence_text": ev.evidence.text, "date": ev.date,
            "date_from": bounds[0] if bounds else None, "place": ev.place,
            "participants": _dumps(list(ev.participants)),
            "statement_ids": _dumps(list(ev.statement_ids)),
        })
    return rows


def analysis_position_rows(analysis: Analysis) -> tuple[list[Row], list[Row]]:
    """The ``positions`` and ``events`` rows of one analysed article."""
    aid = analysis.article.id
    return (position_rows(aid, analysis.positions, analysis.statements),
            event_rows(aid, analysis.events))


def delete_position_rows(conn: Connection, article_id: str) -> None:
    """Delete one article's positions and events (before it is saved again or deleted)."""
    conn.execute(delete(positions).where(positions.c.article_id == article_id))
    conn.execute(delete(events).where(events.c.article_id == article_id))


def insert_position_rows(conn: Connection, position_batch: Sequence[Row],
                         event_batch: Sequence[Row]) -> None:
    """Insert positions and events rows (after :func:`delete_position_rows`)."""
    if position_batch:
        conn.execute(insert(positions), list(position_batch))
    if event_batch:
        conn.execute(insert(events), list(event_batch))


def pairs_in(aid_col: Any, second_col: Any, keys: Sequence[tuple[str, str]]
             ) -> ColumnElement[bool]:
    """``(article_id, second) IN keys``, led by ``article_id IN (...)`` so that SQLite and
    PostgreSQL walk the (article_id, ...) index instead of scanning the table: the row-value
    IN alone made SQLite scan positions (32 s of the 15,000-article "Sanders" split)."""
    return and_(aid_col.in_(sorted({a for a, _ in keys})),
                tuple_(aid_col, second_col).in_(list(keys)))


def sync_position_holders(conn: Connection, keys: Sequence[tuple[str, str]]) -> None:
    """After a correction changed the speakers of the statements ``keys`` ((article id,
    statement id)), give their positions the new speaker: as holder where the speaker holds
    the position, as ``reported_by`` where the speaker reports someone else's."""
    p, s = positions, statements
    speaker = {col: select(s.c[f"speaker_{col}"]).where(
        s.c.article_id == p.c.article_id, s.c.id == p.c.statement_id).scalar_subquery()
        for col in ("entity_id", "name")}
    for i in range(0, len(keys), 500):
        mine = pairs_in(p.c.article_id, p.c.statement_id, keys[i:i + 500])
        conn.execute(update(p).where(mine, p.c.reported_by_start.is_(None),
                                     p.c.holder_start.is_not(None))
                     .values(holder_entity_id=speaker["entity_id"],
                             holder_name=speaker["name"]))
        conn.execute(update(p).where(mine, p.c.reported_by_start.is_not(None))
                     .values(reported_by_entity_id=speaker["entity_id"],
                             reported_by_name=speaker["name"]))


_PG_ARTICLE_LOCK_CLASS = 0x776873  # the first key of whosaid's per-article advisory locks


def lock_article(conn: Connection, article_id: str) -> None:
    """Serialise writers of one article (PostgreSQL; SQLite writers are serialised anyway).

    Without it two transactions saving the same new article both find nothing to delete
    and the second fails on the primary key.
    """
    if conn.dialect.name == "postgresql":
        digest = hashlib.sha256(article_id.encode("utf-8")).digest()
        key = int.from_bytes(digest[:4], "big", signed=True)
        conn.execute(select(func.pg_advisory_xact_lock(_PG_ARTICLE_LOCK_CLASS, key)))


def delete_article(conn: Connection, article_id: str) -> int:
    """Delete every row of one article; returns how many articles rows went (0 or 1).

    An article not stored yet has no rows anywhere (its child rows and pending marks are
    only written with its ``articles`` row, under foreign keys): one indexed look-up then
    stands for the ~15 DELETEs, which cost 0.3 CPU-s of the 360 new PolNeAR dev articles.
    """
    if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
        return 0
    if conn.dialect.name == "sqlite":
        conn.execute(
            delete(statements_fts).where(
                statements_fts.c.rowid.in_(
                    select(statements.c.seq).where(statements.c.article_id == article_id)
                )
            )
        )
    delete_position_rows(conn, article_id)
    for tbl in reversed(ARTICLE_TABLES[1:]):
        conn.execute(delete(tbl).where(tbl.c.article_id == article_id))
    conn.execute(delete(corpus_pending)
                 .where(corpus_pending.c.article_id == article_id))
    conn.execute(delete(claims_pending)
                 .where(claims_pending.c.article_id == article_id))
    return conn.execute(delete(articles).where(articles.c.id == article_id)).rowcount or 0


def insert_article(conn: Connection, rows: ArticleRows) -> None:
    """Insert one article's rows (after :func:`delete_article`), and mark it as one the
    corpus and the claims have yet to take in (``corpus_pending``, ``claims_pending``)."""
    conn.execute(insert(articles), [rows.article])
    conn.execute(insert(corpus_pending), [{"article_id": rows.article["id"]}])
    conn.execute(insert(claims_pending), [{"article_id": rows.article["id"]}])
    for tbl, batch in (
        (entities, rows.entities),
        (aliases, rows.aliases),
        (mentions, rows.mentions),
        (statements, rows.statements),
        (relays, rows.relays),
        (dates, rows.dates),
    ):
        if batch:
            conn.execute(insert(tbl), batch)
    insert_position_rows(conn, rows.positions, rows.events)
    if conn.dialect.name == "sqlite" and rows.statements:
        conn.execute(
            text(
                f"INSERT INTO {SQLITE_FTS_TABLE}"
                "(rowid, content_text, speaker_name, article_id, statement_id) "
                "SELECT seq, content_text, COALESCE(speaker_name, speaker_text), article_id, id "
                "FROM statements WHERE article_id = :aid"
            ),
            {"aid": rows.article["id"]},
        )
