"""Reading the record: ``whosaid statements``, ``entities``, ``articles`` and ``show``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..errors import ConfigError
from ..settings import DEFAULT_DB, parse_iso_date
from .options import DbOption, FormatOption
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit

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


def statement_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
    emit(statement_rows(rows) if fmt is Format.table else rows, fmt, STATEMENT_COLUMNS,
         title=f"{len(rows)} statements")


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


def articles(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """List stored articles."""
    with _store(db) as store:
        rows = store.articles()
    emit(rows, fmt, ARTICLE_COLUMNS, title=f"{len(rows)} articles")


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
