"""Communication events: calls, meetings, talks, speeches … found in the text."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Article, DateExpr, Entity, Event, Statement


def find_events(article: Article, doc: Doc, entities: Sequence[Entity],
                dates: Sequence[DateExpr], statements: Sequence[Statement]) -> tuple[Event, ...]:
    """The events the article tells of, each with the statements made at it."""
    return ()
