"""``whosaid positions``, ``whosaid events`` and ``whosaid issues …``: positions and events.

``whosaid positions ENTITY`` lists where an entity stands on the catalogue's issues over time,
marking each shift (a change of stance from its previous dated position on the issue);
``-f json``/``jsonl`` give one timeline per holder and issue with its shifts and both pieces
of evidence. ``whosaid events`` lists the calls, meetings and speeches found. ``whosaid issues
list`` shows the catalogue; ``whosaid issues import FILE`` extends it (or replaces it with
``--replace``) and finds every stored statement's positions again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..errors import ConfigError, InputError, NotFoundError
from ..positions.timeline import marked, timelines
from ..settings import DEFAULT_DB
from .options import DbOption, FormatOption, QuietOption, check_dates, err, with_stages
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit

issues_app = typer.Typer(help="The issue catalogue positions are found on.", no_args_is_help=True)

POSITION_COLUMNS = [("date", "Date"), ("issue", "Issue"), ("stance", "Stance"),
                    ("shift", "Shift"), ("holder", "Holder"), ("reported_by", "Reported by"),
                    ("text", "Evidence"), ("doc_id", "Article")]
EVENT_COLUMNS = [("date", "Date"), ("type", "Type"), ("participants", "Participants"),
                 ("place", "Place"), ("text", "Evidence"), ("statements", "Statements"),
                 ("doc_id", "Article"), ("id", "Event")]
ISSUE_COLUMNS = [("id", "Issue"), ("label", "Label"), ("keywords", "Keywords"),
                 ("positions", "Positions")]


def position_row(r: dict[str, Any]) -> dict[str, Any]:
    """The flat row the table and the CSV show of one position (with its ``shift``)."""
    holder, reported = r["holder"] or {}, r["reported_by"] or {}
    evidence = r["evidence"]["text"]
    if r["condition"]:
        evidence += f"  [if: {r['condition']['text']}]"
    return {"date": r["date"] or r["said_on"], "issue": r["issue"], "stance": r["stance"],
            "shift": r.get("shift"), "holder": holder.get("name") or holder.get("text"),
            "reported_by": reported.get("entity") or reported.get("text"), "text": evidence,
            "doc_id": r["article"]["doc_id"]}


def positions(
    entity: Annotated[str, typer.Argument(
        help="A name (as `whosaid statements --speaker`: \"Scholz\" finds Olaf Scholz) or a "
             "corpus entity id.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    issue: Annotated[str | None, typer.Option(
        help="One issue's id (see `whosaid issues list`).")] = None,
    since: Annotated[str | None, typer.Option(
        help="Said on or after YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Said on or before YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Where an entity stands on each issue over time, with its shifts of stance."""
    check_dates(since, until)
    with _store(db) as store:
        try:
            rows = store.positions(entity, issue, since, until)
        except NotFoundError as exc:
            raise _fail(str(exc)) from None
        except ConfigError as exc:
            raise _fail(str(exc), 2) from None
    if fmt in (Format.json, Format.jsonl):
        emit(timelines(rows), fmt, POSITION_COLUMNS)
        return
    flat = [position_row(r) for r in marked(rows)]
    if fmt is Format.csv:
        emit(flat, fmt, POSITION_COLUMNS)
        return
    emit(flat, fmt, POSITION_COLUMNS, title=f"{len(flat)} positions of {entity}")
    console = Console(highlight=False)
    for t in timelines(rows):
        for s in t["shifts"]:
            b, a = s["before"], s["after"]
            console.print(Text.assemble(
                (t["name"] or "?", "bold cyan"), f" on {t['issue']}: ",
                (f"{s['from']} → {s['to']}", "bold yellow"),
                f"  {b['date']} “{b['evidence']['text']}” → {a['date']} "
                f"“{a['evidence']['text']}”"))


def event_row(r: dict[str, Any]) -> dict[str, Any]:
    """The flat row the table and the CSV show of one event."""
    return {"date": r["date"], "type": r["type"].replace("_", " "),
            "participants": ", ".join(p["name"] or p["entity_id"] for p in r["participants"]),
            "place": r["place"], "text": r["evidence"]["text"],
            "statements": len(r["statement_ids"]), "doc_id": r["article"]["doc_id"],
            "id": r["id"]}


def events(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[str | None, typer.Option(
        help="Only events this entity takes part in (a name or a corpus entity id).")] = None,
    event: Annotated[str | None, typer.Option(
        "--id", help="One event (its id or a unique prefix) with the statements made at it."
    )] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Calls, meetings, talks, speeches, visits, interviews and posts found in the articles."""
    with _store(db) as store:
        try:
            rows = [store.event(event)] if event is not None else store.events(entity, limit)
        except NotFoundError as exc:
            raise _fail(str(exc)) from None
    if fmt in (Format.json, Format.jsonl):
        emit(rows, fmt, EVENT_COLUMNS)
        return
    emit([event_row(r) for r in rows], fmt, EVENT_COLUMNS,
         title=None if fmt is Format.csv else f"{len(rows)} events")
    if event is not None and fmt is Format.table and rows:
        console = Console(highlight=False)
        for st in rows[0].get("statements", []):
            speaker = (st["speaker"] or {}).get("entity") or (st["speaker"] or {}).get("text")
            console.print(Text.assemble((speaker or "?", "bold cyan"), ": ",
                                        st["content"]["text"]))


@issues_app.command("list")
def list_issues(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """The issue catalogue, with how many positions are stored on each."""
    from ..store.positions import issue_rows
    from ..usecases.positions import stored_catalogue

    with _store(db) as store:
        stored_catalogue(store)
        rows = issue_rows(store)
    if fmt in (Format.json, Format.jsonl):
        emit(rows, fmt, ISSUE_COLUMNS)
        return
    emit([{**r, "keywords": ", ".join(r["keywords"])} for r in rows], fmt, ISSUE_COLUMNS,
         title=None if fmt is Format.csv else f"{len(rows)} issues")


@issues_app.command("import")
def import_issues(
    file: Annotated[Path, typer.Argument(
        help="A JSON array or JSONL file of issues: {\"id\", \"label\", \"keywords\", "
             "\"description\"}.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Replace the catalogue (default: add to it; an issue of a known "
                          "id is updated).")] = False,
    quiet: QuietOption = False,
) -> None:
    """Import issues, then find every stored statement's positions again on them."""
    from ..usecases.positions import import_issues as run_import
    from ..usecases.positions import read_catalogue_file

    try:  # read (and check) the whole file before opening the database
        read_catalogue_file(file)
    except InputError as exc:
        raise _fail(str(exc)) from None
    with _store(db) as store:
        done = with_stages(lambda report: run_import(
            store, file, replace=replace,
            on_article=lambda n, total: report("positions", n, total)), quiet)
    err.print(f"{done.read:,} issues read from {file}; the catalogue has {done.catalogue:,}; "
              f"{done.positions:,} positions found in {done.articles:,} articles",
              highlight=False)
