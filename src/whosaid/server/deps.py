"""What the routes share, and how they get it: the store, the write guard, the templates and
the spaCy pipeline (loaded on the first analysis, one per process).

The application (:mod:`.app`) makes one :class:`Services` and keeps it on ``app.state``; the
routes (:mod:`.api`, :mod:`.pages`) take it through the :func:`services` dependency and never
import the application.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import jinja2
from anyio import CapacityLimiter, to_thread
from fastapi import BackgroundTasks, Request

from ..analysis import Analyzer
from ..model import Analysis, SourceDocument
from ..settings import Settings
from ..store import Store
from ..usecases import analyse_one, refresh_after_corrections
from .security import Guard
from .writer import WriterProcess

T = TypeVar("T")

# Posts and the refreshes after corrections wait seconds for the writer: they wait in threads
# of their own, these many at once, so that none holds one of the readers' few threads
# (READ_THREADS in .app).
WRITE_THREADS = 4


@dataclass
class Services:
    """What the routes share: the store, the write guard, the templates and, loaded on the
    first analysis, the spaCy pipeline (one per process)."""

    store: Store
    guard: Guard
    settings: Settings
    templates: jinja2.Environment
    analyzer_: Analyzer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    writer: WriterProcess | None = None  # when set, posts are analysed in the child process
    writes_: CapacityLimiter | None = None  # made on first use, in the event loop

    async def apart(self, work: Callable[[], T]) -> T:
        """Run ``work`` (a post's analysis, a refresh) in a thread of the writes' own, not
        one of the readers': with 4 read threads a process, one post waiting 3-10 s for the
        writer would take a quarter of them."""
        if self.writes_ is None:
            self.writes_ = CapacityLimiter(WRITE_THREADS)
        return await to_thread.run_sync(work, limiter=self.writes_)

    def analyzer(self) -> Analyzer:
        if self.analyzer_ is None:
            self.analyzer_ = Analyzer(self.settings)
        return self.analyzer_

    def analyse(self, doc: SourceDocument, actor: str) -> Analysis:
        """Clean, analyse and store one posted document, and audit the write: in the writer
        process when there is one, else here."""
        if self.writer is not None:
            return self.writer.analyse(doc, actor)
        return analyse_one(self.store, self.analyzer(), doc, self.settings, actor, self.lock)

    def after_correction(self, row: dict[str, Any], background: BackgroundTasks
                         ) -> dict[str, Any]:
        """A correction's record, with the corpus and claims refresh it left pending queued
        to run after the response (:meth:`refresh_after`)."""
        if row.get("corpus_pending") or row.get("claims_pending"):
            background.add_task(self.apart, self.refresh_after)
        return row

    def refresh_after(self) -> None:
        """The corpus and claims refresh a correction left pending, run after the
        correction's response (a background task): in the writer process when there is one,
        else here, one writer at a time. Splitting "Sanders" off "Bernie Sanders" on the
        20,000-article bench store, the analyst's transaction takes about 1.5 CPU-s, this
        refresh about 2.7 (the corpus) and 19 (the claims) (bench/corrections.py), so the
        analyst waits for neither; until they have run, the corpus and claim reads say
        ``pending``."""
        if self.writer is not None:
            self.writer.refresh_after().result()
            return
        with self.lock:
            refresh_after_corrections(self.store)


async def services(request: Request) -> Services:
    """The application's :class:`Services`. Async, so FastAPI resolves it in the event loop:
    a sync dependency takes a trip through the thread pool — one of the 4 read threads of a
    process — for every request, only to read ``app.state``."""
    found: Services = request.app.state.services
    return found
