"""``whosaid export``: the store's statements, corpus entities, claims and positions as files
for DuckDB, pandas or Spark: Parquet (pyarrow), JSONL or CSV.

Each table goes to its own folder under the output folder, one file a month of publication
in Hive style (``statements/month=2022-12/part-0.parquet``; undated rows under
``month=__HIVE_DEFAULT_PARTITION__``, which pyarrow and Spark read back as null). Corpus
entities have no date: ``entities/part-0.parquet``; a table with no rows yet (positions
before the positions pass ran) is one file holding just its columns (or a CSV header).

The rows stream from the store in chunks (:func:`whosaid.store.export.export_rows`), each
chunk written as one Parquet row group, so memory holds a chunk, not a table (on the 20,000
article bench store: 170,752 statements). Everything is written into a hidden staging
folder first and moved into place table by table when all went well: a failed export leaves
the previous one as it was.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection

from ..errors import ConfigError
from ..store import Store
from ..store import export as sql

FORMATS = ("parquet", "jsonl", "csv")
TABLES = sql.TABLES
NULL_MONTH = "__HIVE_DEFAULT_PARTITION__"  # Hive's (and pyarrow's) name for a null value
CHUNK = 5000
_ARROW = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
Row = dict[str, Any]
Progress = Callable[[str, int, int], None]


@dataclass
class ExportSummary:
    """What an export wrote: per table, its rows and files."""

    out: Path
    fmt: str
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)


class _Part(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


class _ParquetPart:
    def __init__(self, path: Path, table: sql.ExportTable) -> None:
        self.schema = pa.schema([(n, _ARROW[k]) for n, k in table.columns])
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")

    def write(self, rows: Sequence[Row]) -> None:
        # one row group a chunk: readers can skip them by their statistics
        self.writer.write_table(pa.Table.from_pylist(list(rows), schema=self.schema))

    def close(self) -> None:
        self.writer.close()


class _JsonlPart:
    def __init__(self, path: Path, table: sql.ExportTable) -> None:
        self.names = [n for n, _ in table.columns]
        self.fh: IO[str] = path.open("w", encoding="utf-8", newline="\n")

    def write(self, rows: Sequence[Row]) -> None:
        self.fh.writelines(json.dumps({n: r.get(n) for n in self.names}, ensure_ascii=False)
                           + "\n" for r in rows)

    def close(self) -> None:
        self.fh.close()


class _CsvPart:
    def __init__(self, path: Path, table: sql.ExportTable) -> None:
        self.names = [n for n, _ in table.columns]
        self.fh: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.out = csv.writer(self.fh)
        self.out.writerow(self.names)

    def write(self, rows: Sequence[Row]) -> None:
        self.out.writerows([_csv_value(r.get(n)) for n in self.names] for r in rows)

    def close(self) -> None:
        self.fh.close()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


_PARTS: dict[str, Callable[[Path, sql.ExportTable], _Part]] = {
    "parquet": _ParquetPart, "jsonl": _JsonlPart, "csv": _CsvPart}


def parse_what(what: str) -> list[str]:
    """``"statements,claims"`` -> the tables to export, in :data:`TABLES` order; raises
    :class:`~whosaid.errors.ConfigError` naming an unknown one."""
    asked = [w.strip().lower() for w in what.split(",") if w.strip()]
    unknown = [w for w in asked if w not in TABLES]
    if unknown or not asked:
        named = ", ".join(map(repr, unknown)) or "(none given)"
        raise ConfigError(f"--what: unknown table {named} (choose from {', '.join(TABLES)})")
    return [t for t in TABLES if t in asked]


def _staging(out: Path) -> Path:
    """A hidden folder inside ``out`` to write into; raises
    :class:`~whosaid.errors.ConfigError` naming the folder when it cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".whosaid-export-", dir=out))
    except OSError as exc:
        raise ConfigError(f"cannot write to {str(out)!r}: {exc.strerror or exc}") from None


def _write_table(conn: Connection, table: sql.ExportTable, folder: Path, fmt: str,
                 chunk: int) -> tuple[int, list[str]]:
    """Stream one table into ``folder``; returns its rows and files (relative paths)."""
    folder.mkdir()
    make = _PARTS[fmt]
    files: list[str] = []
    rows = 0
    month: str | None = None
    part: _Part | None = None

    def open_part(at: Path) -> _Part:
        at.parent.mkdir(parents=True, exist_ok=True)
        files.append(at.relative_to(folder.parent).as_posix())
        return make(at, table)

    try:
        for batch in sql.export_rows(conn, table.name, chunk):
            # a chunk may cross a month: write each month's run to its own file
            start = 0
            while start < len(batch):
                here = batch[start]["month"] if table.dated else None
                end = start
                while end < len(batch) and (batch[end]["month"] if table.dated
                                            else None) == here:
                    end += 1
                if part is None or here != month:
                    if part is not None:
                        part.close()
                    name = f"part-0.{fmt}"
                    at = (folder / f"month={here or NULL_MONTH}" / name if table.dated
                          else folder / name)
                    part, month = open_part(at), here
                part.write(batch[start:end])
                rows += end - start
                start = end
        if part is None:  # no rows: one file with the columns only
            part = open_part(folder / f"part-0.{fmt}")
            part.write([])
    finally:
        if part is not None:
            part.close()
    return rows, files


def export_store(store: Store, out: Path, fmt: str, what: Sequence[str] = TABLES,
                 chunk: int = CHUNK, progress: Progress | None = None) -> ExportSummary:
    """Write the tables ``what`` of ``store`` under ``out`` as ``fmt`` (see the module
    docstring); each table's folder replaces the one a previous export left. Raises
    :class:`~whosaid.errors.ConfigError` for an unknown format or table or when ``out``
    cannot be written; nothing is left half-written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    unknown = [t for t in what if t not in TABLES]
    if unknown:
        raise ConfigError(f"unknown table {unknown[0]!r} (choose from {', '.join(TABLES)})")
    report = progress or (lambda _stage, _done, _total: None)
    summary = ExportSummary(out, fmt)
    staging = _staging(out)
    try:
        in_the_way = [p for t in what if (p := out / t).exists()
                      and (p.is_symlink() or not p.is_dir())]
        if in_the_way:
            raise ConfigError(f"cannot write {str(in_the_way[0])!r}: a file is in the way")
        # one snapshot: the claim ids of the statements are those of the claims written
        with store.read("export tables") as conn:
            tables = [sql.export_table(conn, t) for t in what]
            for i, table in enumerate(tables):
                report("exporting", i, len(tables))
                try:
                    summary.rows[table.name], summary.files[table.name] = _write_table(
                        conn, table, staging / table.name, fmt, chunk)
                except OSError as exc:
                    raise ConfigError(f"cannot write {table.name} under {str(out)!r}: "
                                      f"{exc.strerror or exc}") from None
        report("exporting", len(what), len(what))
        for name in what:  # all written: move each into place
            final = out / name
            if final.is_dir():
                shutil.rmtree(final)
            os.replace(staging / name, final)
    except OSError as exc:
        raise ConfigError(f"cannot write to {str(out)!r}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary
