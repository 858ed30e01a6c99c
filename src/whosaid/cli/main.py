"""The ``whosaid`` command line: every command registered in one place.

Each command group lives in its own module (``analyze``, ``statements``, ``corpus``,
``claims``, ``dates``, ``serve``, ``positions``, ``export``) and never imports this one;
options they share are defined once in :mod:`.options`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import analyze, claims, corpus, dates, export, positions, serve, statements

app = typer.Typer(
    help="whosaid: who said what, to whom, when, and according to whom — from news.",
    no_args_is_help=True,
    add_completion=False,
)

app.command("analyze")(analyze.analyze)
app.command("statements")(statements.statements)
app.command("entities")(statements.entities)
app.command("articles")(statements.articles)
app.command("show")(statements.show)
app.command("serve")(serve.serve)
app.command("dates")(dates.dates)
app.command("corpus")(corpus.corpus)
app.command("corpus-entities")(corpus.corpus_entities)
app.command("resolve")(corpus.resolve)
app.command("claims")(claims.claims)
app.command("trace")(claims.trace)
app.command("positions")(positions.positions)
app.command("events")(positions.events)
app.command("export")(export.export)
app.add_typer(corpus.kb_app, name="kb")
app.add_typer(positions.issues_app, name="issues")


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
