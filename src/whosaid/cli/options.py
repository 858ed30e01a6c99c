"""What every command module shares, defined once: the options (``--db``, ``--format``,
``--quiet``), the error console, a clean failure and an open store (as spaCy's ``cli/_util.py``
and sqlite-utils' ``output_options`` do)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import ConfigError, WhosaidError
from ..store import Store, open_store
from ..store.filters import date_range
from .output import Format

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="WHOSAID_DB",
                 help="SQLite file or database URL (postgresql://…)."),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: table, json, jsonl or csv.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
T = TypeVar("T")

# soft wrap: a long path in a message stays on one line for grep
err = Console(stderr=True, soft_wrap=True, highlight=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` (plain text, never markup) and return the exit to raise."""
    err.print(Text.assemble(("error: ", "bold red"), message))
    return typer.Exit(code)


def check_dates(since: str | None, until: str | None) -> None:
    """Refuse a bad ``--since``/``--until`` (exit 2, the option named) before the store opens."""
    for value, what in ((since, "--since"), (until, "--until")):
        if value:
            try:
                date_range(value, what)
            except ConfigError as exc:
                raise fail(str(exc), 2) from None


@contextlib.contextmanager
def store(db: str) -> Iterator[Store]:
    """The database at ``db``; any whosaid error while it is open ends the command cleanly."""
    try:
        opened = open_store(db)
    except WhosaidError as exc:
        raise fail(str(exc)) from None
    try:
        yield opened
    except WhosaidError as exc:
        raise fail(str(exc)) from None
    finally:
        opened.close()


def with_stages(run: Callable[[Callable[[str, int, int], None]], T], quiet: bool) -> T:
    """Run a pass that reports ``(stage, done, total)`` under a progress bar a stage, on
    the error console (none when ``quiet`` or not a terminal); returns what the pass does."""
    progress = Progress(TextColumn("{task.description:<12}"), BarColumn(),
                        TimeElapsedColumn(), console=err,
                        disable=quiet or not err.is_terminal)
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        return run(report)
