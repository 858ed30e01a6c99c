"""Positions: the issues a statement is about and the stance it takes on each."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Entity, Issue, Position, Statement


def find_positions(statements: Sequence[Statement], text: str, entities: Sequence[Entity],
                   issues: Sequence[Issue]) -> tuple[Position, ...]:
    """Every position the statements take on the catalogue's issues, in statement order."""
    return ()
