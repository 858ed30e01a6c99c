"""Long documents, a window at a time: a text longer than ``WINDOW_CHARS`` is cut at
paragraph breaks into windows, each parsed and analysed on its own, and their records are
put back together with every offset shifted into the whole text.

Why: the parse grows with the text, the passes faster than it (measured on PolNeAR train text
in one document: 50,000 characters took 3.1 s to parse and 0.8 s for the passes, 200,000
characters 13.8 s and 9.0 s, with 846 MB resident), and spaCy refuses more than a million
characters. Windows keep time linear and memory bounded by one window, so ``--max-bytes`` is
the only limit on a document's size, and ``--doc-timeout`` is checked between windows.

What is lost at a window's edge: a statement or an entity cluster that spans two windows. An
entity met in several windows under the same canonical name and type is one entity (its id is
a hash of the article, type and name); under another name it stays apart. Documents under the
window size — every news article of PolNeAR and of the shared news pages — are not cut.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from ..model import (
    Analysis,
    Article,
    DateExpr,
    Entity,
    Event,
    Mention,
    Position,
    SaidOn,
    Span,
    Statement,
)
from ..positions.events import event_id

WINDOW_CHARS = 100_000

T = TypeVar("T", Span, Mention, DateExpr)


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` windows covering ``text``, each at most ``size`` characters, cut after a
    line break where one falls in the window's second half, else after a sentence end or a
    space there, else at ``size``."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            half = start + size // 2
            cut = text.rfind("\n", half, end)
            if cut == -1:
                cut = text.rfind(". ", half, end - 1)
                cut = cut + 1 if cut != -1 else text.rfind(" ", half, end)
            if cut != -1:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def window_article(article: Article, start: int, end: int, first: bool) -> Article:
    """The article as one window shows it: its text, its furniture, and its title only in
    the first window (where the headline is)."""
    furniture = tuple(Span(max(f.start, start) - start, min(f.end, end) - start,
                           article.text[max(f.start, start):min(f.end, end)])
                      for f in article.furniture if f.end > start and f.start < end)
    return dataclasses.replace(article, text=article.text[start:end], furniture=furniture,
                               title=article.title if first else None)


def shifted(span: T, by: int) -> T:
    return dataclasses.replace(span, start=span.start + by, end=span.end + by)


def _maybe(m: Mention | None, by: int) -> Mention | None:
    return None if m is None else shifted(m, by)


def _said(s: SaidOn | None, by: int) -> SaidOn | None:
    if s is None or s.span is None:
        return s
    return dataclasses.replace(s, span=shifted(s.span, by))


def shift_statement(st: Statement, by: int) -> Statement:
    """The statement with every offset moved by ``by`` (its id is made again by the caller)."""
    return dataclasses.replace(
        st,
        content=shifted(st.content, by),
        fragments=tuple((s + by, e + by) for s, e in st.fragments),
        speaker=_maybe(st.speaker, by),
        cue=None if st.cue is None else dataclasses.replace(st.cue, start=st.cue.start + by,
                                                            end=st.cue.end + by),
        addressee=_maybe(st.addressee, by),
        relays=tuple(shifted(r, by) for r in st.relays),
        said_on=_said(st.said_on, by),
    )


def shift_position(p: Position, by: int) -> Position:
    """The position with every offset moved by ``by``."""
    return dataclasses.replace(
        p, holder=_maybe(p.holder, by), reported_by=_maybe(p.reported_by, by),
        evidence=shifted(p.evidence, by),
        condition=None if p.condition is None else shifted(p.condition, by))


def shift_event(ev: Event, by: int) -> Event:
    """The event with its evidence moved by ``by`` and its id made from the new offsets."""
    evidence = shifted(ev.evidence, by)
    return dataclasses.replace(ev, evidence=evidence,
                               id=event_id(ev.article_id, ev.type, evidence.start, evidence.end))


def merge_entities(found: Iterable[tuple[Entity, int]]) -> tuple[Entity, ...]:
    """The entities of all windows (each with its window's offset): one entity per id, its
    mentions shifted and in text order, aliases and titles in first-seen order."""
    merged: dict[str, Entity] = {}
    for e, by in found:
        mentions = tuple(shifted(m, by) for m in e.mentions)
        old = merged.get(e.id)
        if old is None:
            merged[e.id] = dataclasses.replace(e, mentions=mentions)
            continue
        merged[e.id] = dataclasses.replace(
            old,
            aliases=tuple(dict.fromkeys(old.aliases + e.aliases)),
            titles=tuple(dict.fromkeys(old.titles + e.titles)),
            mentions=tuple(sorted(old.mentions + mentions, key=lambda m: (m.start, m.end))),
        )
    return tuple(merged.values())


def join(article: Article, parts: Iterable[tuple[Analysis, int]]) -> Analysis:
    """One analysis of ``article`` from its windows' analyses (each with its offset)."""
    parts = list(parts)
    return Analysis(
        article,
        merge_entities((e, by) for a, by in parts for e in a.entities),
        tuple(shift_statement(s, by) for a, by in parts for s in a.statements),
        tuple(shifted(d, by) for a, by in parts for d in a.dates),
        positions=tuple(shift_position(p, by) for a, by in parts for p in a.positions),
        events=tuple(shift_event(e, by) for a, by in parts for e in a.events),
    )
