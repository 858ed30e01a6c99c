"""Dating pass: the day each statement was said.

"On December 2, they spoke, and Putin said talks were possible." dates Putin's statement
to December 2 (a date expression in its sentence, attached to its cue verb or a verb above
it). A statement a few paragraphs later by someone who took part in that call gets the same
date; any other statement, when asked, the publication date, marked as such.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import DateExpr, SaidOn, Span
from ..names import ArticleEntities
from ..nlp import doc_text
from .drafts import Draft
from .quotes import paragraphs

# how many paragraphs a dated event (a call, a speech) frames statements by its participants
EVENT_REACH = 3


def said_on(doc: Doc, drafts: list[Draft], dates: list[DateExpr], entities: ArticleEntities,
            published: str | None) -> list[SaidOn | None]:
    """The date of each statement: the expression that governs its cue, else that of the event
    its speaker took part in a few paragraphs before, else (when ``published`` is given,
    marked so) the publication date."""
    text = doc_text(doc)
    para_starts = [s for s, _ in paragraphs(text)]
    usable = [d for d in dates if d.type == "DATE" and d.value and not d.value.endswith("_REF")]
    out: list[SaidOn | None] = []
    event: tuple[SaidOn, set[str], int] | None = None  # date, participants, paragraph index
    for d in drafts:
        para = sum(1 for s in para_starts if s <= d.start) - 1
        own = governing_date(doc, d, usable)
        said: SaidOn | None = None
        if own is not None:
            said = SaidOn(own.value or "", own.precision, "text", Span(own.start, own.end,
                                                                         own.text))
            event = (said, participants(doc, own, d, entities), para)
        elif event is not None and d.speaker_entity is not None and \
                d.speaker_entity.id in event[1] and para - event[2] <= EVENT_REACH:
            said = event[0]
        if said is None and published:
            said = SaidOn(published, "day", "published")
        out.append(said)
    return out


def participants(doc: Doc, expr: DateExpr, d: Draft, entities: ArticleEntities) -> set[str]:
    """The people and organisations named in the sentence of a date expression."""
    where = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    lo, hi = (where.sent.start_char, where.sent.end_char) if where else (d.start, d.end)
    return {e.id for m, e in entities.mentions_between(lo, hi) if e.type in ("PERSON", "ORG")}


def governing_date(doc: Doc, d: Draft, dates: list[DateExpr]) -> DateExpr | None:
    """A date expression in the statement's sentence, outside its content, attached to the cue
    verb or to a verb above it ("On December 2, they spoke, and Putin said …")."""
    anchor = d.cue_token
    if anchor is None:
        if d.cue is None:
            return None
        span = doc.char_span(d.cue.start, d.cue.end, alignment_mode="expand")
        if span is None:
            return None
        anchor = span.start
    cue_tok = doc[anchor]
    sent = cue_tok.sent
    ancestors = {cue_tok.i} | {t.i for t in cue_tok.ancestors}
    best: tuple[int, DateExpr] | None = None
    for expr in dates:
        if expr.start < sent.start_char or expr.end > sent.end_char or d.covers(expr.start,
                                                                                 expr.end):
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if not any(t.i in ancestors for t in root.ancestors):
            continue
        dist = abs(root.i - anchor)
        if best is None or dist < best[0]:
            best = (dist, expr)
    return best[1] if best else None
