"""Positions and events as records again, for the statement shape (every statement listing
carries its positions) and :meth:`whosaid.store.Store.analysis`. Read here, apart from
:mod:`.positions`, so that :mod:`.queries` reads them without importing the surfaces' reads."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from sqlalchemy import Connection, RowMapping, select

from ..model import Event, EventType, Mention, Position, Span, Stance
from .schema import events, positions

CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _mention(r: RowMapping, prefix: str) -> Mention | None:
    if r[f"{prefix}_start"] is None:
        return None
    return Mention(r[f"{prefix}_start"], r[f"{prefix}_end"], r[f"{prefix}_text"],
                   r[f"{prefix}_entity_id"], r[f"{prefix}_name"], r[f"{prefix}_title"])


def position_record(r: RowMapping) -> Position:
    """A ``positions`` row as a record."""
    condition = None if r["condition_start"] is None else \
        Span(r["condition_start"], r["condition_end"], r["condition_text"])
    return Position(statement_id=r["statement_id"], issue=r["issue"],
                    stance=cast(Stance, r["stance"]), holder=_mention(r, "holder"),
                    evidence=Span(r["evidence_start"], r["evidence_end"], r["evidence_text"]),
                    confidence=float(r["confidence"]), reported_by=_mention(r, "reported_by"),
                    condition=condition)


def positions_by_statement(conn: Connection, article_ids: Iterable[str]
                           ) -> dict[tuple[str, str], list[Position]]:
    """The stored positions of these articles' statements, by (article id, statement id)."""
    found: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for chunk in _chunks(sorted(set(article_ids))):
        for r in conn.execute(select(positions).where(positions.c.article_id.in_(chunk))
                              .order_by(positions.c.article_id, positions.c.position)
                              ).mappings():
            found[(r["article_id"], r["statement_id"])].append(position_record(r))
    return found


def event_record(r: RowMapping) -> Event:
    """An ``events`` row as a record."""
    return Event(id=r["id"], article_id=r["article_id"], type=cast(EventType, r["type"]),
                 evidence=Span(r["evidence_start"], r["evidence_end"], r["evidence_text"]),
                 participants=tuple(json.loads(r["participants"])), date=r["date"],
                 place=r["place"], statement_ids=tuple(json.loads(r["statement_ids"])))


def article_records(conn: Connection, article_id: str
                    ) -> tuple[tuple[Position, ...], tuple[Event, ...]]:
    """One article's stored positions and events as records, in saved order."""
    found = tuple(position_record(r) for r in conn.execute(
        select(positions).where(positions.c.article_id == article_id)
        .order_by(positions.c.position)).mappings())
    evs = tuple(event_record(r) for r in conn.execute(
        select(events).where(events.c.article_id == article_id)
        .order_by(events.c.position)).mappings())
    return found, evs
