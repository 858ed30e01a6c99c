"""Ids in pieces: a long ``IN (...)`` list split into lists of :data:`CHUNK` ids.

The split of "Sanders" off "Bernie Sanders" reads the last entity position of each of its
15,000 articles; one ``IN`` list of them all would pass 15,000 bound parameters in one
statement. The store's readers and correctors take the ids :data:`CHUNK` at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK = 500  # ids per IN (...) list

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in order, ``size`` at a time (the last piece may be shorter)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


__all__ = ["CHUNK", "chunks"]
