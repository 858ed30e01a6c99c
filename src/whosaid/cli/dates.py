"""``whosaid dates``: the dates of a text, without the rest of the pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError
from ..settings import parse_iso_date
from .inputs import Tally, jsonl_lines, out
from .options import FormatOption
from .options import fail as _fail
from .output import Format, emit

DATE_COLUMNS = [("start", "Start"), ("end", "End"), ("text", "Expression"), ("type", "Type"),
                ("value", "Value")]



def _date_rows(text: str, published: dt.date | None) -> list[dict[str, Any]]:
    from ..dates import tag_dates

    return [{"start": d.start, "end": d.end, "text": d.text, "type": d.type, "value": d.value}
            for d in tag_dates(text, published)]


def dates(
    text: Annotated[str | None, typer.Argument(help="The text to read dates from.",
                                               show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY-MM-DD that relative dates count from.")] = None,
    jsonl: Annotated[Path | None, typer.Option(
        "--jsonl", help="Read lines {id, text, published} from this file ('-': stdin) and "
                        "print {id, dates} per line.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Find and resolve the dates in a text, without the rest of the pipeline."""
    if (text is None) == (jsonl is None):
        raise _fail("give either TEXT or --jsonl FILE", 2)
    try:
        pub = parse_iso_date(published, "--published date") if published else None
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    if text is not None:
        rows = _date_rows(text, pub)
        emit(rows, fmt, DATE_COLUMNS, title=f"{len(rows)} dates")
        return
    assert jsonl is not None
    tally = Tally()
    with jsonl_lines(jsonl) as fh:
        for where, data, doc_text in tally.texts(fh, str(jsonl)):
            line_pub = pub
            if data.get("published") is not None:
                try:
                    line_pub = parse_iso_date(str(data["published"]), "published date")
                except ConfigError as exc:
                    tally.problem(f"{where}: {exc}")
                    continue
            out({"id": data.get("id"), "dates": _date_rows(doc_text, line_pub)})
    if tally.failed:
        raise typer.Exit(1)
