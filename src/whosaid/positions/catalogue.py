"""The issue catalogue: the packaged default and user files (JSON array or JSONL)."""

from __future__ import annotations

from ..model import Issue


def default_catalogue() -> tuple[Issue, ...]:
    """The catalogue shipped in ``data/issues.json``."""
    return ()


def parse_catalogue(text: str, origin: str) -> tuple[Issue, ...]:
    """Issues from a JSON array or JSONL text; raises InputError naming origin and line."""
    return ()
