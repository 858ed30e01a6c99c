"""The ``whosaid`` command line: a thin layer over the library."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from .. import __version__
from ..errors import ConfigError, WhosaidError
from ..io import count_inputs
from ..settings import DEFAULT_DB, Settings, parse_iso_date
from ..store import Store
from ..usecases import Summary, run_analyze
from .options import err
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit

app = typer.Typer(
    help="whosaid: who said what, to whom, when, and according to whom — from news.",
    no_args_is_help=True,
    add_completion=False,
)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="WHOSAID_DB",
                 help="SQLite file or database URL (postgresql://…)."),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: table, json, jsonl or csv.")
]

STATEMENT_COLUMNS = [
    ("speaker_entity", "Speaker"),
    ("cue", "Cue"),
    ("content", "What"),
    ("kind", "Kind"),
    ("addressee_entity", "To"),
    ("said_on", "Said on"),
    ("relays", "According to"),
    ("confidence", "Conf."),
]
ENTITY_COLUMNS = [("name", "Entity"), ("type", "Type"), ("aliases", "Aliases"),
                  ("statements", "Statements"), ("mentions", "Mentions"), ("articles", "Articles")]
ARTICLE_COLUMNS = [("id", "Article"), ("doc_id", "Document"), ("title", "Title"),
                   ("published", "Published"), ("language", "Lang."),
                   ("statement_count", "Statements"), ("skip_reason", "Skipped")]


def _statement_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table view: the entity name when known, else the mention; dates marked by origin."""
    out = []
    for r in rows:
        r = dict(r)
        r["speaker_entity"] = r.get("speaker_entity") or r.get("speaker")
        r["addressee_entity"] = r.get("addressee_entity") or r.get("addressee")
        if r.get("said_on") and r.get("said_on_source") == "published":
            r["said_on"] = f"{r['said_on']} (published)"
        out.append(r)
    return out


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories: text, HTML, JSONL, "
                                                      "RSS/Atom, WARC.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY-MM-DD for every document (overrides their own).")] = None,
    jsonl_out: Annotated[Path | None, typer.Option(
        "--jsonl-out", help="Also write one JSON line per document to this file.")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", envvar="WHOSAID_MAX_BYTES", help="Largest document read, in bytes.")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-analyse articles already stored unchanged.")] = False,
    show: Annotated[bool, typer.Option(
        "--show/--no-show", help="Print the statements found (for up to 5 documents).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes for analysis (2 uses both cores).")] = 1,
) -> None:
    """Analyse news documents and store who said what."""
    try:
        settings = Settings(db=db, published=published, workers=workers)
        if max_bytes is not None:
            settings = settings.with_(max_bytes=max_bytes)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    started = time.perf_counter()
    with _store(db) as store:
        try:
            out_fh = jsonl_out.open("w", encoding="utf-8") if jsonl_out else None
        except OSError as exc:
            raise _fail(f"cannot write {jsonl_out}: {exc.strerror or exc}") from None
        total = count_inputs(paths, settings)
        progress = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=err,
                            disable=quiet or total < 2 or not err.is_terminal)
        try:
            with progress:
                task = progress.add_task("analyse", total=total)
                summary = run_analyze(paths, settings, store, jsonl_out=out_fh, force=force,
                                      on_item=lambda: progress.advance(task))
        except KeyboardInterrupt:
            err.print("[yellow]interrupted:[/] every article stored so far is complete; "
                      "run the same command again to finish the rest.")
            raise typer.Exit(130) from None
        except WhosaidError as exc:
            raise _fail(str(exc)) from None
        finally:
            if out_fh:
                out_fh.close()
        if show and 0 < len(summary.article_ids) <= 5:
            for aid in summary.article_ids:
                rows = store.statements(article=aid)
                if not rows:
                    continue
                emit(_statement_rows(rows), Format.table, STATEMENT_COLUMNS,
                     title=f"Who said what — {_title(store, aid)}")
    _print_summary(summary, time.perf_counter() - started)
    if summary.failures:
        raise typer.Exit(1)


def _title(store: Store, aid: str) -> str:
    art = store.article(aid)
    return str(art.get("title") or art.get("doc_id") or aid)


def _print_summary(s: Summary, seconds: float) -> None:
    for origin, reason in s.skipped:
        err.print(Text.assemble(("skipped: ", "yellow"), f"{origin}: {reason}"))
    for f in s.failures:
        err.print(Text.assemble(("failed: ", "red"), f.message))
    if s.corpus_error:
        err.print(Text.assemble(("corpus: ", "yellow"), s.corpus_error))
    elif s.corpus_entities:
        n = s.corpus_entities
        err.print(f"corpus: {n} corpus {'entity' if n == 1 else 'entities'} updated",
                  highlight=False)
    rate = f", {s.words / seconds:,.0f} words/s" if seconds > 0 and s.words else ""
    err.print(
        f"{s.analyzed} analysed, {s.unchanged} unchanged, {len(s.skipped)} skipped, "
        f"{len(s.failures)} failed; {s.statements} statements; {seconds:.1f} s{rate}",
        highlight=False,
    )


@app.command()
def statements(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Speaker name or alias.")] = None,
    about: Annotated[str | None, typer.Option(help="Words the content contains.")] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Said on or before YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id, id prefix or document id.")
                       ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List stored statements."""
    for value, what in ((since, "--since"), (until, "--until")):
        if value:
            try:
                parse_iso_date(value, what)
            except ConfigError as exc:
                raise _fail(str(exc), 2) from None
    with _store(db) as store:
        rows = store.statements(speaker=speaker, about=about, since=since, until=until,
                                article=article, limit=limit)
    emit(_statement_rows(rows) if fmt is Format.table else rows, fmt, STATEMENT_COLUMNS,
         title=f"{len(rows)} statements")


@app.command()
def entities(
    name: Annotated[str | None, typer.Argument(help="Name or alias to look for.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """List entities with their aliases."""
    with _store(db) as store:
        rows = store.entities(name)
    if fmt in (Format.table, Format.csv):
        rows = [{**r, "aliases": ", ".join(f"{a['alias']} ({a['count']})" for a in r["aliases"])}
                for r in rows]
    emit(rows, fmt, ENTITY_COLUMNS, title=f"{len(rows)} entities")


@app.command()
def articles(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """List stored articles."""
    with _store(db) as store:
        rows = store.articles()
    emit(rows, fmt, ARTICLE_COLUMNS, title=f"{len(rows)} articles")


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id, id prefix or document id.")],
    db: DbOption = DEFAULT_DB,
    furniture: Annotated[bool, typer.Option(
        "--furniture/--no-furniture", help="Show removed page furniture (dimmed).")] = True,
) -> None:
    """Print an article with its statements marked: speakers, cues and contents."""
    with _store(db) as store:
        art = store.article(article)
    console = Console()
    console.print(Text(str(art.get("title") or art["doc_id"]), style="bold"))
    console.print(f"published {art.get('published') or 'unknown'} · {art['id']}",
                  style="dim", highlight=False)
    console.print(render_article(art, furniture))
    console.print(Text("Legend: ", style="dim") + Text("speaker", style="bold cyan") +
                  Text(" · ") + Text("cue", style="bold magenta") + Text(" · ") +
                  Text("content", style="green") + Text(" · ") + Text("furniture", style="dim"))


def render_article(art: dict[str, Any], furniture: bool = True) -> Text:
    text = Text(art["text"])
    for f in art.get("furniture", []):
        text.stylize("dim strike" if furniture else "conceal", f["start"], f["end"])
    for st in art.get("statements", []):
        for s, e in st.get("fragments") or [[st["content_start"], st["content_end"]]]:
            text.stylize("green", s, e)
        if st.get("speaker_start") is not None:
            text.stylize("bold cyan", st["speaker_start"], st["speaker_end"])
        if st.get("cue_start") is not None:
            text.stylize("bold magenta", st["cue_start"], st["cue_end"])
    return text


def version_callback(value: bool) -> None:
    if value:
        print(f"whosaid {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                          is_eager=True, help="Print the version.")] = False,
) -> None:
    """whosaid: who said what, to whom, when, and according to whom."""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())

from .serve import register as _register_serve  # noqa: E402

_register_serve(app)

from .corpus import register as _register_corpus  # noqa: E402

_register_corpus(app)
