"""``whosaid export``: statements, entities, claims and positions as Parquet, JSONL or CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import WhosaidError
from ..settings import DEFAULT_DB
from .options import DbOption, QuietOption, err, fail, store, with_stages


class ExportFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f",
                                              help="parquet, jsonl or csv.")] =
    ExportFormat.parquet,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (made when "
                                      "missing; each table's folder is replaced).")] =
    Path("export"),
    what: Annotated[str, typer.Option("--what", help="Tables, comma-separated: statements, "
                                      "entities, claims, positions.")] =
    "statements,entities,claims,positions",
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
) -> None:
    """Export the store's records for DuckDB, pandas or Spark: one folder a table, one file
    a month of publication (statements/month=2022-12/part-0.parquet)."""
    from ..usecases.export import export_store, parse_what

    try:
        tables = parse_what(what)
    except WhosaidError as exc:
        raise fail(str(exc), 2) from None
    with store(db) as opened:
        summary = with_stages(
            lambda report: export_store(opened, out, fmt.value, tables, progress=report), quiet)
    for name in tables:
        files = summary.files[name]
        err.print(f"{name}: {summary.rows[name]:,} rows in {len(files):,} "
                  f"{'file' if len(files) == 1 else 'files'}", highlight=False)
    print(out)
