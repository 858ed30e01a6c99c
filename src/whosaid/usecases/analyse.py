"""Analyse and store: a batch run (``whosaid analyze``) and one posted document (the server).

Read inputs, clean, analyse, store — one document at a time, each in its own transaction, so an
interrupted run leaves a consistent database that the next run completes — then keep a built
corpus in step with the saved articles.

A bad document is reported and the batch goes on; a failing database stops it. A lost
connection (a PostgreSQL server restarting) is tried again on a fresh one for a few seconds
(``RETRY_DELAYS_S``); when the database still fails — or fails otherwise (disk full, read-only
file, a lock that never came) — the batch stops with a StoreError that names the database and
says what is stored, rather than failing every document that remains.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from ..analysis import Analyzer
from ..claims.blocks import MapClaims
from ..claims.service import update_claims
from ..clean import clean_document
from ..corpus import CorpusUpdate, keep_corpus
from ..corpus.service import MapBlocks
from ..errors import InputError, StoreError, WhosaidError
from ..io import analysis_json, read_inputs
from ..model import (
    EXTRACTOR_VERSION,
    Analysis,
    CleanDocument,
    Failure,
    SourceDocument,
    article_id_for,
    text_hash,
)
from ..settings import Settings
from ..store import Store
from ..store import corrections as audit
from ..store.corpus import kb_role_holders
from ..store.engine import connection_lost, database_failed
from .corrections import refresh_corpus_after
from .positions import catalogue_analyzer, stored_catalogue

log = logging.getLogger(__name__)
T = TypeVar("T")

# Pauses before trying a database operation again after a lost connection: 7.5 s in all,
# about what a PostgreSQL restart takes.
RETRY_DELAYS_S: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)


@dataclass
class Summary:
    """What a batch run did."""

    analyzed: int = 0
    unchanged: int = 0  # already stored with the same text by this extractor
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    failures: list[Failure] = field(default_factory=list)
    statements: int = 0
    words: int = 0
    article_ids: list[str] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)  # the articles this run (re)wrote
    corpus_entities: int = 0  # corpus entities rewritten to take in the saved articles
    corpus_error: str | None = None
    claims: int = 0  # claims rewritten to take in the saved articles
    claims_built: bool = False  # the claims were built whole (the first time, or a big batch)
    claims_error: str | None = None


@dataclass
class Kept:
    """What keeping the corpus and the claims current did; a failure of either is a message
    (the articles stay pending for the next update)."""

    corpus_entities: int = 0
    claims: int = 0
    claims_built: bool = False
    errors: list[str] = field(default_factory=list)


def _clean_all(items: Iterable[SourceDocument | Failure], settings: Settings, summary: Summary,
               on_item: Callable[[], None]) -> Iterator[CleanDocument]:
    for item in items:
        if isinstance(item, Failure):
            summary.failures.append(item)
            on_item()
            continue
        try:
            yield clean_document(item, settings)
        except InputError as exc:
            summary.failures.append(Failure(item.origin, str(exc), item.doc_id))
            on_item()


def run_analyze(paths: Sequence[str | Path], settings: Settings, store: Store, *,
                jsonl_out: IO[str] | None = None, force: bool = False,
                on_item: Callable[[], None] = lambda: None,
                analyzer: Analyzer | None = None) -> Summary:
    """Analyse every document under ``paths`` into ``store``; bad documents are reported in the
    summary and the batch goes on."""
    summary = Summary()
    analyzer = catalogue_analyzer(store, settings, analyzer)  # on the stored issues

    def current(aid: str, doc: CleanDocument) -> bool:
        return not force and jsonl_out is None and stored_current(store, summary, aid, doc)

    for result in analysed(read_inputs(paths, settings), settings, summary, analyzer, current,
                           on_item):
        record_analysis(result, store, summary, jsonl_out)
        on_item()
    update_passes(store, summary)
    return summary


def analysed(items: Iterable[SourceDocument | Failure], settings: Settings, summary: Summary,
             analyzer: Analyzer, current: Callable[[str, CleanDocument], bool],
             on_item: Callable[[], None] = lambda: None) -> Iterator[Analysis]:
    """Clean and analyse ``items``: the analyses to store (the caller calls ``on_item`` for
    each); a bad document goes to ``summary.failures``, one ``current(article_id, doc)``
    says is stored unchanged to ``summary.unchanged`` (a batch run here, a cluster's part
    on a worker: :mod:`whosaid.usecases.cluster`)."""

    def todo() -> Iterator[CleanDocument]:
        for doc in _clean_all(items, settings, summary, on_item):
            aid = article_id_for(doc.text, doc.url)
            if current(aid, doc):
                summary.unchanged += 1
                summary.article_ids.append(aid)
                on_item()
                continue
            yield doc

    for result in analyzer.analyze_many(todo()):
        if isinstance(result, Failure):
            summary.failures.append(result)
            on_item()
        else:
            yield result


def _retrying(action: Callable[[], T]) -> T:
    """``action()``, tried again after each of ``RETRY_DELAYS_S`` while it fails on a lost
    database connection; any other error, or the last one, is raised."""
    for delay in RETRY_DELAYS_S:
        try:
            return action()
        except StoreError as exc:
            if not connection_lost(exc):
                raise
            log.warning("%s; trying again in %.1f s", exc, delay)
            time.sleep(delay)
    return action()


def stopped_error(exc: StoreError, summary: Summary) -> StoreError:
    """The error that stops a batch on a failing database, saying what is stored."""
    n = len(summary.saved)
    if not n:
        return StoreError(f"{exc}. Stopped: this run stored no article; run the same "
                          "command again once the database is writable")
    return StoreError(
        f"{exc}. Stopped: the {n} {'article' if n == 1 else 'articles'} this run stored "
        "before it are complete; run the same command again to finish the rest")


def stored_current(store: Store, summary: Summary, aid: str, doc: CleanDocument) -> bool:
    try:
        return _retrying(
            lambda: store.has_current(aid, text_hash(doc.text), EXTRACTOR_VERSION))
    except StoreError as exc:
        raise stopped_error(exc, summary) from exc


CORPUS_FAILED = "corpus entities not updated ({}); run `whosaid corpus`"
CLAIMS_FAILED = "claims not updated ({}); run `whosaid claims --rebuild`"


def update_passes(store: Store, summary: Summary, map_blocks: MapBlocks = map,
                  map_claims: MapClaims = map) -> None:
    """As :func:`keep_current`, but a failing database (disk full, server gone) ends the
    batch with an error: the articles are stored, and stay pending for the next update.
    ``map_blocks``, ``map_claims``: how a whole corpus pass and a whole claims pass cluster
    their blocks (``--cluster``: on Dask)."""
    refresh_corpus_after(store)  # a correction's corpus refresh that never ran, first
    found, summary.corpus_error = _after_storing(
        lambda: keep_corpus(store, summary.saved, build=True, map_blocks=map_blocks),
        "the corpus takes in the new ones at the next run or `whosaid corpus`", CORPUS_FAILED)
    corpus = found or CorpusUpdate()
    if found is not None:
        summary.corpus_entities = found.entities
    done, summary.claims_error = _after_storing(
        lambda: update_claims(store, summary.saved, build=True, corpus_ids=corpus.rewritten,
                              regrouped=corpus.regrouped, map_blocks=map_claims),
        "the claims take in the new ones at the next run or `whosaid claims --rebuild`",
        CLAIMS_FAILED)
    if done is not None:
        summary.claims, summary.claims_built = len(done.claims), done.rebuilt


def _after_storing(run: Callable[[], T], next_step: str, failed: str
                   ) -> tuple[T | None, str | None]:
    """One pass after the articles are stored: its result, or the error to report. A failing
    database stops the run (every article is stored; ``next_step`` says what takes them in);
    any other error is reported with ``failed`` and the run goes on."""
    try:
        return _retrying(run), None
    except StoreError as exc:
        if database_failed(exc):
            raise StoreError(f"{exc}. Every article is stored; {next_step}") from exc
        return None, failed.format(exc)
    except WhosaidError as exc:
        return None, failed.format(exc)


def keep_current(store: Store, article_ids: Sequence[str]) -> Kept:
    """Keep the corpus, then the claims, in step with the saved articles (the first analysis
    builds each). The articles are stored either way; a failure of either is logged and
    returned, and the articles stay pending for the next update (``whosaid corpus``,
    ``whosaid claims --rebuild`` rebuild everything)."""
    kept = Kept()
    corpus = CorpusUpdate()
    refresh_corpus_after(store)  # a correction's corpus refresh that never ran, first
    try:
        corpus = keep_corpus(store, article_ids, build=True)
        kept.corpus_entities = corpus.entities
    except WhosaidError as exc:
        log.warning("corpus entities not updated: %s", exc)
        kept.errors.append(CORPUS_FAILED.format(exc))
    try:
        done = update_claims(store, article_ids, build=True, corpus_ids=corpus.rewritten,
                             regrouped=corpus.regrouped)
        kept.claims, kept.claims_built = len(done.claims), done.rebuilt
    except WhosaidError as exc:
        log.warning("claims not updated: %s", exc)
        kept.errors.append(CLAIMS_FAILED.format(exc))
    return kept


def keep_corpus_current(store: Store, article_ids: Sequence[str]) -> tuple[int, str | None]:
    """Keep the corpus in step (only): the saved articles' entities join its corpus entities
    (the first analysis builds it). Returns how many corpus entities were rewritten, and the
    failure if any. :func:`keep_current` keeps the claims current too."""
    refresh_corpus_after(store)  # a correction's corpus refresh that never ran, first
    try:
        return keep_corpus(store, article_ids, build=True).entities, None
    except WhosaidError as exc:
        log.warning("corpus entities not updated: %s", exc)
        return 0, CORPUS_FAILED.format(exc)


def analyse_one(store: Store, analyzer: Analyzer, doc: SourceDocument, settings: Settings,
                actor: str, lock: AbstractContextManager[object] | None = None) -> Analysis:
    """Clean, analyse and store one document (posted to the server), audit the write as
    ``actor``'s, and keep the corpus and the claims in step. ``lock`` guards the one spaCy pipeline
    (not made for concurrent use)."""
    settings = settings.with_(published=doc.published) if doc.published else settings
    cleaned = clean_document(doc, settings)
    article_id = article_id_for(cleaned.text, cleaned.url)
    before = audit.brief_before_save(store, article_id)
    with lock or nullcontext():
        analysis = Analyzer(settings, analyzer.nlp, issues=stored_catalogue(store),
                            kb_roles=kb_role_holders(store)).analyze(cleaned)
    store.save(analysis)
    audit.record_analysis(store, actor, analysis.article.id, before)
    keep_current(store, [analysis.article.id])
    return analysis


def record_analysis(analysis: Analysis, store: Store, summary: Summary, jsonl_out: IO[str] | None
            ) -> None:
    art = analysis.article
    try:
        _retrying(lambda: store.save(analysis))
    except StoreError as exc:
        if database_failed(exc):  # every further save would fail too: stop the batch
            raise stopped_error(exc, summary) from exc
        summary.failures.append(Failure(art.origin, f"{art.origin}: {exc}", art.doc_id))
        return
    except WhosaidError as exc:
        summary.failures.append(Failure(art.origin, f"{art.origin}: {exc}", art.doc_id))
        return
    if jsonl_out is not None:
        jsonl_out.write(json.dumps(analysis_json(analysis), ensure_ascii=False) + "\n")
        jsonl_out.flush()
    summary.article_ids.append(art.id)
    summary.saved.append(art.id)
    if art.analyzed:
        summary.analyzed += 1
        summary.statements += len(analysis.statements)
        summary.words += len(art.text.split())
    else:
        summary.skipped.append((art.origin, art.skip_reason or "not analysed"))
