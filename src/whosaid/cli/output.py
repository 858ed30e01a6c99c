"""Shared output for listing commands: a Rich table, JSON, JSONL or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

WIDE_COLUMNS = {"content", "title", "aliases", "text"}


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " → ".join(_cell(v) for v in value) if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def emit(rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[tuple[str, str]],
         *, title: str | None = None, out: IO[str] | None = None,
         console: Console | None = None) -> None:
    """Print ``rows``. ``columns`` are (key, header) pairs for the table and CSV; JSON and JSONL
    print whole rows."""
    out = out or sys.stdout
    if fmt is Format.json:
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        writer = csv.writer(out)
        writer.writerow([key for key, _ in columns])
        for row in rows:
            writer.writerow([_cell(row.get(key)) for key, _ in columns])
    else:
        table = Table(title=Text(title) if title else None, show_lines=True, expand=False)
        for key, header in columns:
            wide = key in WIDE_COLUMNS
            table.add_column(header, overflow="fold", ratio=3 if wide else 1,
                             min_width=24 if wide else None)
        for row in rows:
            # article text is untrusted: cells are plain text, never Rich markup
            table.add_row(*[Text(_cell(row.get(key))) for key, _ in columns])
        # piped output gets a readable width rather than Rich's 80-column default
        console = console or Console(file=out, width=None if out.isatty() else 160)
        console.print(table)
