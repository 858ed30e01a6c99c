"""The writer process: articles posted to the server are cleaned, analysed, stored and taken
into the corpus in a child process, one at a time, so the server's own process is left to
the readers.

Why: under one process, a post's spaCy parse and corpus update hold the interpreter, and
every reader waits (measured with ``bench/load.py`` on the 20,000-article store: read p99
2.5-3.4 s while a writer posted, 1.3 s without one). The child loads the model once, on the
first post, and keeps its own connection to the database; errors come back as the same
:class:`~whosaid.errors.WhosaidError` subclasses.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from ..analysis import Analyzer
from ..model import Analysis, SourceDocument
from ..settings import Settings
from ..store import Store, open_store
from ..usecases import analyse_one, refresh_after_corrections

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # not on Windows: there the workers' writers do not take turns
    fcntl = None

_STATE: dict[str, Any] = {}


# How much lower the writer's CPU priority is than the server's (os.nice): a post's parse and
# corpus update may wait a little, a reader should not. On 2 cores with the writer at the
# same priority, the readers of bench/load.py got about one core between them.
WRITER_NICENESS = 10


def _start(url: str, settings: Settings) -> None:
    if hasattr(os, "nice"):  # where not allowed, the writer runs at the server's priority
        with contextlib.suppress(OSError):
            os.nice(WRITER_NICENESS)
    _STATE["store"] = open_store(url, migrate=False)
    _STATE["settings"] = settings
    _STATE["lock"] = lock_path(url)


def lock_path(url: str) -> Path:
    """The file the writers of one database take turns on (one per database URL)."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"whosaid-writer-{digest}.lock"


@contextlib.contextmanager
def one_writer(path: Path) -> Iterator[None]:
    """Hold the writers' lock of one database: under ``whosaid serve --workers N`` each worker
    has its own writer process, and they store one article at a time, as one writer would
    (no two corpus updates wait on each other's write lock). A no-op without ``fcntl``."""
    if fcntl is None:
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _analyse(doc: SourceDocument, actor: str) -> Analysis:
    if "analyzer" not in _STATE:
        _STATE["analyzer"] = Analyzer(_STATE["settings"])
    store: Store = _STATE["store"]
    with one_writer(_STATE["lock"]):
        return analyse_one(store, _STATE["analyzer"], doc, _STATE["settings"], actor)


def _refresh_after() -> bool:
    with one_writer(_STATE["lock"]):
        done = refresh_after_corrections(_STATE["store"])
        return not (done["corpus_pending"] or done["claims_pending"])


class WriterProcess:
    """One child process that runs :func:`whosaid.usecases.analyse_one` for the server."""

    def __init__(self, url: str, settings: Settings) -> None:
        # spawn, not fork: the server's process runs threads and an event loop
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start, initargs=(url, settings))

    def analyse(self, doc: SourceDocument, actor: str) -> Analysis:
        return self._pool.submit(_analyse, doc, actor).result()

    def refresh_after(self) -> Future[bool]:
        """Queue the corpus and claims refresh that corrections left pending behind the posts
        already queued (one writer, one at a time); true when it ran."""
        return self._pool.submit(_refresh_after)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
