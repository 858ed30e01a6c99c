"""``whosaid positions``, ``whosaid events`` and ``whosaid issues …``: positions and events."""

from __future__ import annotations

import typer

issues_app = typer.Typer(help="The issue catalogue positions are found on.", no_args_is_help=True)


def positions() -> None:
    """Where an entity stands on each issue over time (not built yet)."""
    raise NotImplementedError


def events() -> None:
    """Calls, meetings and speeches found in the articles (not built yet)."""
    raise NotImplementedError
