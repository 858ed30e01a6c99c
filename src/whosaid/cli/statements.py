"""Reading the record: ``whosaid statements``, ``entities``, ``articles`` and ``show``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..errors import ConfigError
from ..settings import DEFAULT_DB
from ..store.filters import StatementFilter
from .options import DbOption, FormatOption, check_dates
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


def statement_row(st: dict[str, Any], *, table: bool = True) -> dict[str, Any]:
    """The flat row the table and the CSV show (``STATEMENT_COLUMNS``) of one statement in the
    JSON shape. The table shows the mention when the speaker or addressee has no entity and
    marks dates taken from the publication date; the CSV keeps the plain values."""
    speaker = st.get("speaker") or {}
    addressee = st.get("addressee") or {}
    said = st.get("said_on") or {}
    said_on = said.get("value")
    if table and said_on and said.get("from") == "published":
        said_on = f"{said_on} (published)"
    return {
        "speaker_entity": speaker.get("entity") or (speaker.get("text") if table else None),
        "cue": (st.get("cue") or {}).get("text"),
        "content": st["content"]["text"],
        "kind": st["kind"],
        "addressee_entity": addressee.get("entity")
        or (addressee.get("text") if table else None),
        "said_on": said_on,
        "relays": [r["entity"] or r["text"] for r in st.get("relays") or []],
        "confidence": st["confidence"],
    }


def statement_rows(rows: list[dict[str, Any]], fmt: Format = Format.table) -> list[dict[str, Any]]:
    """What ``emit`` prints in ``fmt``: the statements themselves for JSON and JSONL, their
    flat rows (:func:`statement_row`) for the table and CSV."""
    if fmt in (Format.json, Format.jsonl):
        return rows
    return [statement_row(r, table=fmt is Format.table) for r in rows]


Name = Annotated[str | None, typer.Option(
    help="A canonical name; when no entity has exactly this name, every entity any of "
         "whose aliases contains the text (case-insensitive).")]


def statements(
    db: DbOption = DEFAULT_DB,
    speaker: Name = None,
    speaker_contains: Annotated[bool, typer.Option(
        "--speaker-contains",
        help="Treat --speaker as a case-insensitive substring of the speaker's name, of any "
             "alias or of the mention.")] = False,
    addressee: Name = None,
    relay: Annotated[str | None, typer.Option(
        help="Who passed it on: a name, as for --speaker.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or mixed.")] = None,
    about: Annotated[str | None, typer.Option(help="Words the content contains.")] = None,
    since: Annotated[str | None, typer.Option(
        help="Said on or after YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Said on or before YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    article: Annotated[str | None, typer.Option(help="Article id, id prefix or document id.")
                       ] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only statements at or above this confidence: the estimated chance, 0 to 1, "
        "that the content and the speaker are right.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List stored statements."""
    f = StatementFilter(q=about, speaker=speaker, speaker_contains=speaker_contains,
                        addressee=addressee, relay=relay, kind=kind, since=since, until=until,
                        article=article, min_confidence=min_confidence)
    check_dates(since, until)
    with _store(db) as store:
        try:
            rows = store.statements(f, limit=limit)
        except ConfigError as exc:  # a bad filter (--kind, an ambiguous --article): usage
            raise _fail(str(exc), 2) from None
    emit(statement_rows(rows, fmt), fmt, STATEMENT_COLUMNS, title=f"{len(rows)} statements")


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
        content = st["content"]
        for s, e in content.get("fragments") or [[content["start"], content["end"]]]:
            text.stylize("green", s, e)
        for role, style in (("speaker", "bold cyan"), ("cue", "bold magenta")):
            if st.get(role):
                text.stylize(style, st[role]["start"], st[role]["end"])
    return text
