"""Positions found in one hand-built statement (no parse): the stance tests on news wording
build a Statement over ``content`` in ``text``, with an optional cue, and read the default
catalogue's positions of it, keyed by issue."""

from __future__ import annotations

from whosaid.model import Cue, Position, Span, Statement
from whosaid.positions.catalogue import default_catalogue
from whosaid.positions.stance import find_positions


def positions_of(text: str, content: str, cue: str | None = None,
                 lemma: str | None = None) -> dict[str, Position]:
    """The positions of the statement whose content is ``content`` (its first occurrence in
    ``text``), with the cue ``cue`` (lemma ``lemma``, else the cue lower-cased)."""
    start = text.index(content)
    said = None
    if cue is not None:
        at = text.index(cue)
        said = Cue(at, at + len(cue), cue, lemma or cue.lower())
    statement = Statement(id="s", article_id="a", kind="indirect",
                          content=Span(start, start + len(content), content),
                          fragments=((start, start + len(content)),), speaker=None, cue=said)
    return {p.issue: p for p in find_positions([statement], text, (), default_catalogue())}
