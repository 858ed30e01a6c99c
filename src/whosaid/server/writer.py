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

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..analysis import Analyzer
from ..model import Analysis, SourceDocument
from ..settings import Settings
from ..store import Store, open_store
from ..usecases import analyse_one

_STATE: dict[str, Any] = {}


def _start(url: str, settings: Settings) -> None:
    _STATE["store"] = open_store(url, migrate=False)
    _STATE["settings"] = settings


def _analyse(doc: SourceDocument, actor: str) -> Analysis:
    if "analyzer" not in _STATE:
        _STATE["analyzer"] = Analyzer(_STATE["settings"])
    store: Store = _STATE["store"]
    return analyse_one(store, _STATE["analyzer"], doc, _STATE["settings"], actor)


class WriterProcess:
    """One child process that runs :func:`whosaid.usecases.analyse_one` for the server."""

    def __init__(self, url: str, settings: Settings) -> None:
        # spawn, not fork: the server's process runs threads and an event loop
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start, initargs=(url, settings))

    def analyse(self, doc: SourceDocument, actor: str) -> Analysis:
        return self._pool.submit(_analyse, doc, actor).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
