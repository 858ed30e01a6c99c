"""Entities across documents and the knowledge base: ``whosaid corpus``, ``whosaid
corpus-entities``, ``whosaid kb import`` and ``whosaid resolve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import InputError
from ..settings import DEFAULT_DB
from .inputs import Tally, jsonl_lines, out
from .options import DbOption, FormatOption, QuietOption, err, with_stages
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit

RESOLVE_COLUMNS = [("query", "Name"), ("entity_name", "Entity"), ("entity", "Id"),
                   ("type", "Type"), ("score", "Score")]
CORPUS_COLUMNS = [("name", "Entity"), ("type", "Type"), ("kb_id", "KB"), ("aliases", "Aliases"),
                  ("statements", "Statements"), ("mentions", "Mentions"),
                  ("articles", "Articles")]

kb_app = typer.Typer(help="Your own knowledge base of entities.", no_args_is_help=True,
                     add_completion=False)


# ---------------------------------------------------------------------------------------
# whosaid corpus, whosaid corpus-entities


def _run_corpus(store: Any, quiet: bool) -> Any:
    from ..corpus import build_corpus_entities

    return with_stages(lambda report: build_corpus_entities(store, report), quiet)


def _print_corpus_summary(s: Any) -> None:
    kinds = ", ".join(f"{n:,} {t}" for t, n in s.by_type.items())
    linked = (f"; {s.linked:,} linked to the knowledge base ({s.kb_entries:,} entries)"
              if s.kb_entries else "; no knowledge base")
    fixes = getattr(s, "corrections", 0)
    obeyed = f"; {fixes:,} merges and splits made through the server obeyed" if fixes else ""
    err.print(f"{s.articles:,} articles, {s.members:,} article entities -> {s.entities:,} "
              f"corpus entities ({kinds}){linked}{obeyed}; {s.seconds:.1f} s", highlight=False)


def corpus(
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
) -> None:
    """Merge the articles' entities into corpus entities (re-run after analysing more)."""
    with _store(db) as store:
        summary = _run_corpus(store, quiet)
    _print_corpus_summary(summary)


def corpus_entities(
    name: Annotated[str | None, typer.Argument(help="Name or alias to look for.")] = None,
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    members: Annotated[bool, typer.Option(
        "--members", help="Also list each entity's articles and statements (JSON, JSONL).")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """List corpus entities: canonical name, aliases, knowledge-base link, counts."""
    from ..store import corpus as corpus_queries

    with _store(db) as store:
        rows = corpus_queries.corpus_entities_rows(store, name, limit, members)
        if not rows and not corpus_queries.corpus_size(store):
            err.print("no corpus entities yet: run `whosaid corpus` first", style="yellow")
    if fmt in (Format.table, Format.csv):
        rows = [{**r, "aliases": ", ".join(f"{a['alias']} ({a['count']})"
                                           for a in r["aliases"][:8])} for r in rows]
    emit(rows, fmt, CORPUS_COLUMNS, title=f"{len(rows)} corpus entities")


# ---------------------------------------------------------------------------------------
# whosaid kb import


@kb_app.command("import")
def kb_import(
    file: Annotated[Path, typer.Argument(help="JSONL or CSV: id, name, type, aliases, "
                                              "description.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Drop the knowledge base imported before.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Import a knowledge base and link the corpus entities to it."""
    from ..corpus.kb import read_kb
    from ..store import corpus as corpus_queries

    try:
        entries = read_kb(file)
    except InputError as exc:
        raise _fail(str(exc)) from None
    with _store(db) as store:
        total = corpus_queries.import_kb(store, entries, str(file), replace=replace)
        err.print(f"imported {len(entries):,} entries from {file}; the knowledge base holds "
                  f"{total:,}", highlight=False)
        if corpus_queries.corpus_size(store):
            _print_corpus_summary(_run_corpus(store, quiet))
        else:
            err.print("run `whosaid corpus` to link the corpus entities to it", style="dim")


# ---------------------------------------------------------------------------------------
# whosaid resolve


def _knowledge_base(kb: Path | None, db: str) -> Any:
    """The entities names link to: --kb FILE, else the knowledge base imported into the
    database, else its corpus entities (or None when it has neither)."""
    from ..corpus.kb import KBEntry, KnowledgeBase, read_kb

    if kb is not None:
        try:
            return KnowledgeBase(read_kb(kb))
        except InputError as exc:
            raise _fail(str(exc)) from None
    if "://" not in db and not Path(db).expanduser().exists():
        return None
    from ..store import corpus as corpus_queries

    with _store(db) as store:
        with store.read("read the knowledge base") as conn:
            entries = corpus_queries.load_kb(conn)
        if not entries:
            entries = [KBEntry(r["id"], r["name"], r["type"],
                               tuple(a["alias"] for a in r["aliases"]))
                       for r in corpus_queries.corpus_entities_rows(store)]
    return KnowledgeBase(entries) if entries else None


def resolve(
    names: Annotated[list[str] | None, typer.Argument(help="Names to link.",
                                                      show_default=False)] = None,
    kb: Annotated[Path | None, typer.Option(
        "--kb", help="Knowledge base file (JSONL or CSV) instead of the database's.")] = None,
    jsonl: Annotated[Path | None, typer.Option(
        "--jsonl", help="Read lines {id, text, type} from this file ('-': stdin) and print "
                        "{id, entity, score} per line.")] = None,
    entity_type: Annotated[str | None, typer.Option(
        "--type", help="The type of the NAMEs: PERSON, ORG, GPE, ...")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """Link names to the knowledge base (or, without one, to the corpus entities)."""
    if bool(names) == (jsonl is not None):
        raise _fail("give either NAMEs or --jsonl QUERIES", 2)
    base = _knowledge_base(kb, db)
    if base is None:
        err.print(f"no knowledge base and no corpus entities in {db}: every name is none "
                  "(give --kb FILE, or run `whosaid kb import` or `whosaid corpus`)",
                  style="yellow")
    if names:
        rows = []
        for name in names:
            match = base.link(name, entity_type) if base is not None else None
            entry = base.entries.get(match.key) if base is not None and match and \
                match.key else None
            rows.append({"query": name, "entity": entry.id if entry else None,
                         "entity_name": entry.name if entry else "none",
                         "type": entry.type if entry else None,
                         "score": round(match.score, 4) if match else 0.0})
        emit(rows, fmt, RESOLVE_COLUMNS, title=None)
        return
    assert jsonl is not None
    tally = Tally()
    with jsonl_lines(jsonl) as fh:
        for where, data, text in tally.texts(fh, str(jsonl)):
            etype = data.get("type")
            if etype is not None and not isinstance(etype, str):
                tally.problem(f"{where}: 'type' must be a string")
                continue
            match = base.link(text, etype or entity_type) if base is not None else None
            out({"id": data.get("id"), "entity": match.key if match else None,
                  "score": round(match.score, 4) if match else 0.0})
    if tally.failed:
        raise typer.Exit(1)
