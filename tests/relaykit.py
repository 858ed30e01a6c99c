"""What the relay tests read off an analysis: the statement whose content holds some words,
and its relays by their listed outlet's name."""

from __future__ import annotations

from whosaid.attribution.outlets import canonical
from whosaid.model import Analysis, Statement


def statement_with(result: Analysis, contains: str) -> Statement:
    """The first statement whose content holds ``contains`` (fails the test when none)."""
    found = [s for s in result.statements if contains in s.content.text]
    assert found, f"no statement with {contains!r} in {[s.content.text for s in result.statements]}"
    return found[0]


def relay_names(st: Statement) -> list[str]:
    """The relays by their listed outlet's name ("AA" → "Anadolu Agency"), else as written."""
    return [canonical(m.text) or m.text for m in st.relays]
