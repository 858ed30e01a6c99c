"""Reads the position and event pages need beyond :mod:`.positions`: the events one article
tells of, by the statements made at them (the article page shows, under "Putin cited Western
support for Ukraine …", the 2 December telephone call it was said in).

SQL only, each function in its own read transaction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from .schema import events

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]


def statement_events(store: Transactions, article_id: str) -> dict[str, list[Row]]:
    """The events of one article by statement id: ``{statement_id: [{"id", "type", "date",
    "place", "evidence"}]}``, each statement's events in the article's order. A statement
    made at no event is absent."""
    e = events
    query = (select(e.c.id, e.c.type, e.c.date, e.c.place, e.c.evidence_text,
                    e.c.statement_ids)
             .where(e.c.article_id == article_id).order_by(e.c.position))
    found: dict[str, list[Row]] = {}
    with store.read(f"read the events of article {article_id}") as conn:
        for r in conn.execute(query).mappings():
            brief = {"id": r["id"], "type": r["type"], "date": r["date"],
                     "place": r["place"], "evidence": r["evidence_text"]}
            for sid in json.loads(r["statement_ids"]):
                found.setdefault(str(sid), []).append(brief)
    return found
