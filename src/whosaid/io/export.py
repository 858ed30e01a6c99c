"""Records as JSON-ready data: the ``analyze --jsonl-out`` line format, and the one JSON shape
of a statement (:func:`statement_json`) that every surface prints: ``--jsonl-out``,
``whosaid statements -f json/jsonl`` and the API. A statement listed outside its article
(:func:`listed_statement_json`) adds one key, ``article``.

A statement carries its ``positions`` (:func:`position_json`: where it stands on catalogue
issues) and an analysed document its ``events`` (:func:`event_json`: the calls, meetings and
speeches it tells of, with the ids of the statements made at them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..model import Analysis, Entity, Event, Mention, Position, Span, Statement


def _mention(m: Mention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"start": m.start, "end": m.end, "text": m.text, "entity": m.entity,
            "entity_id": m.entity_id, "title": m.title}


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def position_json(p: Position) -> dict[str, Any]:
    """``{"issue", "stance", "holder", "reported_by", "condition", "evidence", "confidence"}``:
    holder and reported_by in the mention shape (or null), condition a span or null."""
    return {"issue": p.issue, "stance": p.stance, "holder": _mention(p.holder),
            "reported_by": _mention(p.reported_by),
            "condition": None if p.condition is None else _span(p.condition),
            "evidence": _span(p.evidence), "confidence": p.confidence}


def event_json(ev: Event) -> dict[str, Any]:
    """``{"id", "type", "participants": [entity ids], "date", "place", "evidence",
    "statement_ids"}``."""
    return {"id": ev.id, "type": ev.type, "participants": list(ev.participants),
            "date": ev.date, "place": ev.place, "evidence": _span(ev.evidence),
            "statement_ids": list(ev.statement_ids)}


def statement_json(st: Statement, positions: Sequence[Position] = ()) -> dict[str, Any]:
    """The one statement shape; ``positions`` are the statement's own."""
    return {
        "id": st.id,
        "kind": st.kind,
        "mode": st.mode,
        "content": {**_span(st.content), "fragments": [list(f) for f in st.fragments]},
        "speaker": _mention(st.speaker),
        "cue": None if st.cue is None else {"start": st.cue.start, "end": st.cue.end,
                                             "text": st.cue.text, "lemma": st.cue.lemma},
        "addressee": _mention(st.addressee),
        "relays": [{"start": r.start, "end": r.end, "text": r.text, "entity": r.entity}
                   for r in st.relays],
        "said_on": None if st.said_on is None else {
            "value": st.said_on.value, "precision": st.said_on.precision,
            "from": st.said_on.source,
            "span": None if st.said_on.span is None else _span(st.said_on.span)},
        "confidence": st.confidence,
        "extractor": st.extractor,
        "positions": [position_json(p) for p in positions],
    }


def listed_statement_json(st: Statement, article: dict[str, Any],
                          positions: Sequence[Position] = ()) -> dict[str, Any]:
    """A statement listed outside its article: :func:`statement_json` plus ``"article":
    {"id", "doc_id", "title", "published", "site", "url"}`` (``article`` gives them)."""
    ref = {k: article.get(k) for k in ("id", "doc_id", "title", "published", "site", "url")}
    return {**statement_json(st, positions), "article": ref}


def grouped_positions(found: Sequence[Position]) -> dict[str, list[Position]]:
    """Positions by their statement's id, in the order given."""
    out: dict[str, list[Position]] = defaultdict(list)
    for p in found:
        out[p.statement_id].append(p)
    return out


def entity_json(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
            "titles": list(e.titles),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions]}


def analysis_json(a: Analysis) -> dict[str, Any]:
    """One ``--jsonl-out`` line: every offset points into this line's ``text``."""
    art = a.article
    held = grouped_positions(a.positions)
    return {
        "id": art.doc_id,
        "article_id": art.id,
        "title": art.title,
        "url": art.url,
        "published": art.published,
        "site": art.site,
        "language": art.language,
        "analyzed": art.analyzed,
        "skip_reason": art.skip_reason,
        "text": art.text,
        "statements": [statement_json(s, held.get(s.id, ())) for s in a.statements],
        "entities": [entity_json(e) for e in a.entities],
        "dates": [{"start": d.start, "end": d.end, "text": d.text, "type": d.type,
                   "value": d.value} for d in a.dates],
        "furniture": [_span(f) for f in art.furniture],
        "events": [event_json(e) for e in a.events],
        "extractor": a.extractor,
    }
