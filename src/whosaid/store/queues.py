"""What a correction leaves for a later refresh: rows of ``(seq, kind, value)`` in a queue
table (``corpus_stale`` of migration 16, ``claims_stale`` of migration 14).

An analyst's split of "Sanders" off "Bernie Sanders" commits at once and notes what the
corpus refresh and then the claims refresh must weigh again; the refreshes read the queue,
do the work, and remove only the rows they read (by ``seq``), so a correction committed
while a refresh ran keeps its own rows for the next one. Reads of the corpus and the claims
say ``pending`` while a queue holds anything. Both queues share these four steps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from .chunks import chunks


@dataclass(frozen=True)
class Noted:
    """The rows a queue holds: their numbers (to clear once taken in) and values by kind."""

    seqs: tuple[int, ...] = ()
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def of(self, kind: str) -> frozenset[str]:
        """The values noted under ``kind`` (none: an empty set)."""
        return self.values.get(kind, frozenset())


def note(conn: Connection, table: Any, rows: Iterable[tuple[str, str]]) -> None:
    """Add ``(kind, value)`` rows to the queue ``table``, in a stable order."""
    ordered = [{"kind": k, "value": v} for k, v in rows]
    for part in chunks(ordered):
        conn.execute(insert(table), list(part))


def noted(conn: Connection, table: Any) -> Noted:
    """Everything the queue ``table`` holds, read in one pass."""
    seqs: list[int] = []
    found: dict[str, set[str]] = defaultdict(set)
    t = table
    for seq, kind, value in conn.execute(select(t.c.seq, t.c.kind, t.c.value).order_by(t.c.seq)):
        seqs.append(int(seq))
        found[str(kind)].add(str(value))
    return Noted(tuple(seqs), {k: frozenset(v) for k, v in found.items()})


def clear(conn: Connection, table: Any, seqs: Collection[int]) -> None:
    """Remove the rows a refresh took in, by number."""
    for part in chunks(sorted(seqs)):
        conn.execute(delete(table).where(table.c.seq.in_(part)))


def waiting(conn: Connection, table: Any) -> bool:
    """Whether the queue ``table`` holds anything (a refresh is still to run)."""
    return conn.execute(select(table.c.seq).limit(1)).first() is not None


__all__ = ["Noted", "clear", "note", "noted", "waiting"]
