"""Analysts' corrections as constraints on the corpus pass.

The server's corrections (:mod:`whosaid.store.corrections`) change article entities by
name: a merge renames entity ``source`` to ``target`` in every article, a split gives the
mentions written ``alias`` of ``entity`` a new entity ``new_name``, a speaker fix points a
statement at an entity named ``speaker``. The corpus pass reads them back as constraints:

- ``together``: the article entities named a merge's ``target`` form one corpus entity,
  whose canonical name is ``target`` (unless a more complete name of it is known: merging
  "V. Putin" into "Putin" keeps "Vladimir Putin");
- ``apart``: the article entities named a split's ``entity`` and those named its
  ``new_name`` never share a corpus entity, however alike the names look ("Olaf Scholz",
  "Scholes");
- a speaker fix needs no constraint: the statement's new speaker entity is clustered with
  the others by its name.

Constraints refer to names as they are after the corrections were applied, so a later
correction that renames an entity away (merging the split-off entity back) lifts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Constraints:
    """Must-link names (``together``, oldest correction first) and cannot-link pairs."""

    together: tuple[str, ...] = ()
    apart: tuple[tuple[str, str], ...] = ()
    _blocked: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False,
                                                   repr=False)

    def __post_init__(self) -> None:
        blocked: dict[str, set[str]] = {}
        for a, b in self.apart:
            blocked.setdefault(a, set()).add(b)
            blocked.setdefault(b, set()).add(a)
        object.__setattr__(self, "_blocked", {k: frozenset(v) for k, v in blocked.items()})

    def __bool__(self) -> bool:
        return bool(self.together or self.apart)

    def blocked(self, name: str) -> frozenset[str]:
        """The names an entity called ``name`` must never share a corpus entity with."""
        return self._blocked.get(name, frozenset())

    @property
    def constrained(self) -> frozenset[str]:
        """Every name some cannot-link mentions."""
        return frozenset(self._blocked)

    def names(self) -> frozenset[str]:
        return frozenset(self.together) | self.constrained


NONE = Constraints()


def from_corrections(rows: Iterable[tuple[str, str | Mapping[str, Any]]]) -> Constraints:
    """Constraints from ``(kind, data)`` rows of the corrections table, oldest first
    (``data`` as stored, JSON text, or already decoded)."""
    together: list[str] = []
    apart: list[tuple[str, str]] = []
    for kind, raw in rows:
        data = json.loads(raw) if isinstance(raw, str) else raw
        if kind == "merge" and data.get("target"):
            target = str(data["target"])
            if target in together:
                together.remove(target)
            together.append(target)
        elif kind == "split" and data.get("entity") and data.get("new_name"):
            pair = (str(data["entity"]), str(data["new_name"]))
            if pair[0] != pair[1] and pair not in apart:
                apart.append(pair)
    return Constraints(tuple(together), tuple(apart))
