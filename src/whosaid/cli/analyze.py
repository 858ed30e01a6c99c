"""``whosaid analyze``: read, clean, analyse and store documents, then show who said what."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import ClusterError, ConfigError, WhosaidError
from ..io import count_inputs
from ..settings import DEFAULT_DB, Settings
from ..store.filters import StatementFilter
from ..usecases import Summary, run_analyze
from .options import DbOption, QuietOption, err
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit
from .statements import STATEMENT_COLUMNS, statement_rows


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
    quiet: QuietOption = False,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes for analysis (2 uses both cores).")] = 1,
    doc_timeout: Annotated[float, typer.Option(
        "--doc-timeout", min=1, help="Seconds one document's analysis may take; a longer "
        "one is reported as failed and the batch goes on.")] = 60.0,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Keep only statements at or above this confidence: the estimated chance, 0 to 1, "
        "that the content and the speaker are right (calibrated on PolNeAR).")] = 0.0,
    allow_dir: Annotated[list[Path] | None, typer.Option(
        "--allow-dir", help="A folder from which feeds may read local pages, besides each "
        "feed's own folder (repeatable).")] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", envvar="WHOSAID_CLUSTER",
        help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
        "(N worker processes here). See README, Running on a cluster.")] = None,
) -> None:
    """Analyse news documents and store who said what."""
    try:
        settings = Settings(published=published, workers=workers, doc_timeout=doc_timeout,
                            min_confidence=min_confidence,
                            allow_dirs=tuple(str(d) for d in allow_dir or ()))
        if max_bytes is not None:
            settings = settings.with_(max_bytes=max_bytes)
        if cluster is not None:  # imported here: dask only for --cluster
            from ..usecases.cluster import parse_cluster, run_cluster

            parse_cluster(cluster)
            if workers > 1:
                raise ConfigError("--workers and --cluster are alternatives: give one")
    except (ConfigError, ClusterError) as exc:
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
                if cluster is None:
                    summary = run_analyze(paths, settings, store, jsonl_out=out_fh, force=force,
                                          on_item=lambda: progress.advance(task))
                else:
                    summary = run_cluster(paths, settings, store, cluster, jsonl_out=out_fh,
                                          force=force, on_item=lambda: progress.advance(task))
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
                rows = store.statements(StatementFilter(article=aid))
                if not rows:
                    continue
                art = rows[0]["article"]
                emit(statement_rows(rows), Format.table, STATEMENT_COLUMNS,
                     title=f"Who said what — {art['title'] or art['doc_id'] or aid}")
    _print_summary(summary, time.perf_counter() - started)
    if summary.failures:
        raise typer.Exit(1)


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
    if s.claims_error:
        err.print(Text.assemble(("claims: ", "yellow"), s.claims_error))
    elif s.claims_built:
        err.print("claims: built (`whosaid claims` lists them)", highlight=False)
    elif s.claims:
        err.print(f"claims: {s.claims} {'claim' if s.claims == 1 else 'claims'} updated",
                  highlight=False)
    rate = f", {s.words / seconds:,.0f} words/s" if seconds > 0 and s.words else ""
    err.print(
        f"{s.analyzed} analysed, {s.unchanged} unchanged, {len(s.skipped)} skipped, "
        f"{len(s.failures)} failed; {s.statements} statements; {seconds:.1f} s{rate}",
        highlight=False,
    )
