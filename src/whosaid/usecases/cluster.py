"""``whosaid analyze --cluster``: a batch run on a Dask cluster, through the same steps as
:func:`whosaid.usecases.run_analyze` (:func:`.analyse.analysed`, :func:`.analyse.record_analysis`,
:func:`.analyse.update_passes`), so the records and ids are those of a single process.

The client cuts the inputs where they lie (:func:`whosaid.io.partition.partition_inputs`:
files, JSONL line ranges, feed items, WARC records) and sends each worker small task
descriptors, never the documents; at most ``IN_FLIGHT_PER_THREAD`` tasks per worker thread
wait, so a client holds offsets, not a corpus. Each worker loads the spaCy pipeline once
(:class:`AnalyzerPlugin`, a Dask worker plugin) and reads, cleans and analyses its parts.

- On PostgreSQL each worker opens the database by URL and writes every article in its own
  transaction (the advisory lock of ``Store.save`` serialises two writers of one article);
  the client gathers counts and failures.
- On SQLite (one writer) the analyses come back to the client, which stores each as it
  arrives (``as_completed``), as a single run does; the workers are told which articles are
  stored unchanged (ids and text hashes) so that they skip them as a single run does.

Then the corpus pass runs on the same workers when it rebuilds the corpus
(:func:`map_blocks_on`): the client reads one block of article entities at a time, each block
is clustered on a worker (:class:`whosaid.corpus.service.BlockJob`, pure), and the client
writes the blocks' rows in their order, so the corpus is the one a single process makes.

A task that fails (a worker bug, a worker killed three times: ``KilledWorker``) is reported
as a failure of its parts, named by file and range, and the run goes on. A worker killed
mid-run loses nothing: Dask runs its tasks again elsewhere, and a save replaces the article
whole, so nothing is doubled. A failing database stops the run as it stops a single one; a
scheduler that goes away stops it with a ClusterError. Either way every stored article is
complete and the next run finishes the rest (stored ones are "unchanged").
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import multiprocessing
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any, TypeVar

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, get_worker, wait
from distributed.utils import get_mp_context

from ..analysis import Analyzer
from ..claims.blocks import ClaimsBlock, ClaimsJob, ClusteredClaims, MapClaims
from ..corpus.service import BlockInput, BlockJob, ClusteredBlock, MapBlocks
from ..errors import ClusterError, ModelError, StoreError, WhosaidError
from ..io.partition import PART_SIZE, Task, partition_inputs, read_task
from ..model import (
    EXTRACTOR_VERSION,
    Analysis,
    CleanDocument,
    Failure,
    Issue,
    KBEntry,
    text_hash,
)
from ..nlp import load_pipeline
from ..settings import Settings
from ..store import Store, open_store
from ..store.corpus import kb_role_holders
from .analyse import (
    Summary,
    analysed,
    record_analysis,
    stopped_error,
    stored_current,
    update_passes,
)
from .positions import stored_catalogue

log = logging.getLogger(__name__)

J = TypeVar("J")  # a pass's job: the same for every block
B = TypeVar("B")  # one block
R = TypeVar("R")  # one block's result

# Seconds to reach a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10.0
# Tasks waiting per worker thread: enough that no worker waits for the client between two
# tasks (a 16-document task takes a few seconds), few enough that the client holds little.
IN_FLIGHT_PER_THREAD = 3
PLUGIN_PREFIX = "whosaid-analyzer"
# Seconds between looks at the scheduler while no result comes.
POLL_S = 2.0

# A local cluster's periodic monitors, slowed or off: the workers' statistical profiler (a
# stack sample every 10 ms), the event loops' tick (20 ms), the system monitor (500 ms, disk
# counters) and the memory monitor (100 ms). They cost CPU every second the cluster is up,
# busy or not, so most on a loaded machine, where a run is long: two idle workers and their
# scheduler took 0.079 CPU-s a second with Dask's defaults, 0.012 with these (load ~11).
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
    # glibc's own malloc thresholds, as one process and the --workers pool have them. Dask's
    # nanny starts a worker with MALLOC_TRIM_THRESHOLD_=65536, which also freezes glibc's
    # mmap threshold at 128 kB: every larger buffer the parser allocates for an article is
    # mapped and unmapped again. On 300 recombined PolNeAR articles (load 9) that was 1.1
    # million page faults and 3.9 s of system CPU per worker; analysing took 146.5 ms of a
    # worker's CPU an article with it, 125.0 without (the forked pool: 132.1).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
# Local workers forked from one server process that has imported whosaid and loaded the
# default model (PRELOAD), as the --workers pool's processes are forked from one that has:
# each spawned worker spent ~4.5 CPU-s importing and loading before its first article.
FORKSERVER = "forkserver"
PRELOAD = ("distributed", "whosaid.usecases.cluster_preload")

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?\[?[\w.\-:]+?\]?:\d{1,5}")


def parse_cluster(value: str) -> tuple[str, int]:
    """``("local", N)`` for ``local:N``, else ``(address, 0)`` for a scheduler address
    (``tcp://host:8786``, ``host:8786``); anything else is a ClusterError."""
    value = value.strip()
    local = _LOCAL.fullmatch(value)
    if local:
        n = int(local.group(1))
        if n < 1:
            raise ClusterError(f"--cluster {value!r}: a local cluster needs at least 1 worker")
        return "local", n
    if _ADDRESS.fullmatch(value):
        return value, 0
    raise ClusterError(f"--cluster {value!r} is not a Dask scheduler address "
                       "(tcp://host:8786) nor local:N (N worker processes here)")


@contextlib.contextmanager
def open_cluster(spec: str, timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Client]:
    """A ``distributed.Client`` on the cluster ``spec`` names: a running scheduler, or a
    ``LocalCluster`` of N worker processes of one thread each (with ``LOCAL_CONFIG``),
    closed when done."""
    address, n = parse_cluster(spec)
    cluster = None
    # a lost scheduler is said once, as a ClusterError, not as the client's tracebacks
    quiet = logging.getLogger("distributed.client")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        if address == "local":
            with dask.config.set(LOCAL_CONFIG), dask.config.set(local_start_method()):
                # read as the scheduler and workers start
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster, timeout=timeout)
        else:
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:  # RuntimeError: a
        # LocalCluster whose worker processes could not start
        if cluster is not None:
            cluster.close()
        quiet.setLevel(level)
        what = f"start {n} local worker processes" if address == "local" \
            else f"reach the Dask scheduler at {address}"
        raise ClusterError(f"cannot {what}: "
                           f"{' '.join(str(exc).split()) or type(exc).__name__}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        quiet.setLevel(level)


def local_start_method() -> dict[str, str]:
    """Dask's setting for how a local cluster starts its worker processes: forked from a
    forkserver that imports ``PRELOAD`` once (where the platform has one), else spawned."""
    if FORKSERVER not in multiprocessing.get_all_start_methods():
        return {}
    with dask.config.set({"distributed.worker.multiprocessing-method": FORKSERVER}):
        # Dask sets its own preload list on its first call, once per process; ours after it.
        # A forkserver already running keeps the list it started with.
        get_mp_context().set_forkserver_preload(list(PRELOAD))
    return {"distributed.worker.multiprocessing-method": FORKSERVER}


# ---------------------------------------------------------------------------------------
# On the workers


class AnalyzerPlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker (when the plugin is registered, and on a
    worker that joins or restarts later) and opens the database once per worker."""

    idempotent = True  # registered again by the next run: kept, not set up twice

    def __init__(self, model: str, learned: bool) -> None:
        self.model, self.learned = model, learned
        self.lock = threading.Lock()  # one pipeline per worker, not made for threads
        self.stores: dict[str, Store] = {}

    @property
    def name(self) -> str:
        return f"{PLUGIN_PREFIX}-{self.model}-{int(self.learned)}"

    async def setup(self, worker: Any) -> None:
        # off the worker's event loop, which must answer the scheduler's heartbeats
        await asyncio.to_thread(load_pipeline, self.model, self.learned)

    def teardown(self, worker: Any) -> None:
        for store in self.stores.values():
            store.close()
        self.stores.clear()

    def analyzer(self, settings: Settings, issues: tuple[Issue, ...] | None,
                 kb_roles: tuple[KBEntry, ...]) -> Analyzer:
        """An Analyzer on the client's stored catalogue and knowledge-base roles, so a
        cluster run finds the same positions and role holders as a single run."""
        return Analyzer(settings, load_pipeline(self.model, self.learned),  # loaded: cached
                        issues=issues, kb_roles=kb_roles)

    def store(self, url: str) -> Store:
        """The worker's store at ``url`` (the client has migrated it already)."""
        with self.lock:
            if url not in self.stores:
                self.stores[url] = open_store(url, migrate=False)
            return self.stores[url]

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "learned": self.learned}

    def __setstate__(self, state: dict[str, Any]) -> None:
        AnalyzerPlugin.__init__(self, state["model"], state["learned"])


# The plugin of a worker that took a task before its plugin was set up: one per process.
_FALLBACK: dict[str, AnalyzerPlugin] = {}


@dataclass
class PartResult:
    """What one task sends back: its summary (PostgreSQL: what the worker stored), the
    analyses for the client to store (SQLite), the JSON lines of ``--jsonl-out`` and how
    many documents it went through."""

    summary: Summary
    analyses: list[Analysis] = field(default_factory=list)
    jsonl: str = ""
    done: int = 0


def analyse_task(task: Task, settings: Settings, plugin_name: str, db: str | None,
                 current: frozenset[tuple[str, str]], force: bool, jsonl: bool,
                 issues: tuple[Issue, ...] | None = None, kb_roles: tuple[KBEntry, ...] = ()
                 ) -> PartResult:
    """On a worker: read, clean and analyse one task's parts; with ``db`` (a PostgreSQL URL)
    store each article there, else return the analyses. ``current``: (id, text hash) of the
    articles stored unchanged, for a SQLite run (PostgreSQL: the worker asks the database)."""
    plugin = get_worker().plugins.get(plugin_name)
    if not isinstance(plugin, AnalyzerPlugin):  # a worker that joined before it was set up
        plugin = _FALLBACK.setdefault(plugin_name,
                                      AnalyzerPlugin(settings.model, settings.learned))
    result = PartResult(Summary())
    summary = result.summary
    store = plugin.store(db) if db else None
    out = io.StringIO() if jsonl else None

    def tick() -> None:
        result.done += 1

    def is_current(aid: str, doc: CleanDocument) -> bool:
        if force or jsonl:
            return False
        if store is not None:
            return stored_current(store, summary, aid, doc)
        return (aid, text_hash(doc.text)) in current

    with plugin.lock:
        docs = analysed(read_task(task, settings), settings, summary,
                        plugin.analyzer(settings, issues, kb_roles), is_current, tick)
        for analysis in docs:
            if store is None:
                result.analyses.append(analysis)
                continue
            try:
                record_analysis(analysis, store, summary, out)
            except StoreError as exc:  # the client words the stop for the whole run
                raise StoreError(str(exc.__cause__ or exc)) from None
            result.done += 1
    result.jsonl = out.getvalue() if out is not None else ""
    return result


# ---------------------------------------------------------------------------------------
# On the client


def merge(into: Summary, part: Summary) -> None:
    """Add a part's summary to the run's (counts summed, lists joined; a whole-file failure
    each part of the file met is counted once)."""
    seen = set(into.failures)
    for f in fields(Summary):
        mine, theirs = getattr(into, f.name), getattr(part, f.name)
        if f.name == "failures":
            into.failures.extend(x for x in theirs if x not in seen)
        elif isinstance(mine, list):
            mine.extend(theirs)
        elif isinstance(mine, int) and not isinstance(mine, bool):
            setattr(into, f.name, mine + theirs)


def run_cluster(paths: Sequence[str | Path], settings: Settings, store: Store, cluster: str, *,
                jsonl_out: IO[str] | None = None, force: bool = False,
                on_item: Callable[[], None] = lambda: None, part_size: int = PART_SIZE,
                connect_timeout: float = CONNECT_TIMEOUT_S,
                on_client: Callable[[Any], None] = lambda client: None) -> Summary:
    """Analyse every document under ``paths`` into ``store`` on the Dask cluster
    ``cluster`` (an address or ``local:N``), then keep the corpus and the claims current.
    ``on_client`` is given the ``distributed.Client`` once the workers are ready."""
    summary = Summary()
    with open_cluster(cluster, connect_timeout) as client:
        plugin = AnalyzerPlugin(settings.model, settings.learned)
        try:
            client.register_plugin(plugin, name=plugin.name)
        except Exception as exc:  # a worker without whosaid or its model
            raise ClusterError(f"the workers at {cluster} cannot load whosaid's analyzer: "
                               f"{type(exc).__name__}: {exc}") from None
        on_client(client)
        on_pg = store.dialect == "postgresql"
        current: frozenset[tuple[str, str]] = frozenset()
        if not on_pg and not force and jsonl_out is None:
            current = frozenset(store.current_articles(EXTRACTOR_VERSION))
        # one object (a set given alone would be scattered element by element)
        shared = client.scatter([current], broadcast=True)[0] if current else current
        job = _Job(client, summary, store, jsonl_out, on_item)
        one = settings.with_(workers=1)
        db = store.url if on_pg else None
        # the catalogue and the knowledge base's role holders sent to every worker once,
        # not pickled into each task's message (the packaged catalogue: 26 issues, 13 kB)
        issues, kb_roles = client.scatter([stored_catalogue(store),
                                           tuple(kb_role_holders(store))],
                                          broadcast=True, hash=False)

        def submit(task: Task) -> Any:
            return client.submit(analyse_task, task, one, plugin.name, db, shared, force,
                                 jsonl_out is not None, issues, kb_roles,
                                 pure=False, retries=0)

        job.run(partition_inputs(paths, settings, part_size), submit, cluster)
        # the corpus and claims passes' blocks on the workers, while they are up
        update_passes(store, summary, map_blocks=map_blocks_on(client),
                      map_claims=map_claim_blocks_on(client))
    return summary


# Blocks waiting per worker thread: one clustering, one on its way (a block's article
# entities in the client's memory until the worker has them)
BLOCKS_PER_THREAD = 2


def cluster_block_task(job: BlockJob, block: BlockInput) -> ClusteredBlock:
    """On a worker: cluster one block of the corpus pass."""
    return job(block)


def cluster_claims_task(job: ClaimsJob, block: ClaimsBlock) -> ClusteredClaims:
    """On a worker: cluster one speaker block of the claims pass."""
    return job(block)


def map_blocks_on(client: Any, per_thread: int = BLOCKS_PER_THREAD) -> MapBlocks:
    """A ``map`` for :func:`whosaid.corpus.build_corpus_entities` that clusters each block
    on the workers of ``client``: the job sent once to every worker, each block's article
    entities once to the worker that clusters it, at most ``per_thread`` blocks per worker
    thread under way; results come back in the blocks' order."""

    def run(job: BlockJob, blocks: Iterable[BlockInput]) -> Iterator[ClusteredBlock]:
        return _on_workers(client, cluster_block_task, job, blocks, per_thread, "corpus")

    return run


def map_claim_blocks_on(client: Any, per_thread: int = BLOCKS_PER_THREAD) -> MapClaims:
    """A ``map`` for :func:`whosaid.claims.service.build_claims` that clusters each speaker
    block on the workers of ``client``, as :func:`map_blocks_on` does the corpus pass's
    blocks (each block's statements sent once to the worker that clusters it)."""

    def run(job: ClaimsJob, blocks: Iterable[ClaimsBlock]) -> Iterator[ClusteredClaims]:
        return _on_workers(client, cluster_claims_task, job, blocks, per_thread, "claims")

    return run


def _on_workers(client: Any, task: Callable[[J, B], R], job: J, blocks: Iterable[B],
                per_thread: int, what: str) -> Iterator[R]:
    """``task(job, block)`` for each block on the workers of ``client``, results in the
    blocks' order (see :func:`map_blocks_on`)."""

    def result(future: Any) -> R:
        # a worker or the scheduler lost mid-pass is a ClusterError, as in the analysis: the
        # run reports the pass not updated and goes on
        try:
            done: R = future.result()
        except (CancelledError, asyncio.CancelledError, KilledWorker, OSError,
                TimeoutError) as exc:
            raise ClusterError(f"the {what} pass lost its workers: {type(exc).__name__} "
                               f"{exc}") from None
        return done

    threads = sum(client.nthreads().values()) or 1
    shared = client.scatter([job], broadcast=True, hash=False)[0]
    waiting: deque[Any] = deque()
    try:
        for block in blocks:
            data = client.scatter([block], hash=False)[0]  # not in the task graph
            waiting.append(client.submit(task, shared, data, pure=False))
            del data, block
            if len(waiting) >= per_thread * threads:
                yield result(waiting.popleft())
        while waiting:
            yield result(waiting.popleft())
    finally:
        if waiting:
            with contextlib.suppress(Exception):
                client.cancel(list(waiting))



class _Job:
    """The client's side of a run: tasks in flight, results as they complete."""

    def __init__(self, client: Any, summary: Summary, store: Store, jsonl_out: IO[str] | None,
                 on_item: Callable[[], None]) -> None:
        self.client, self.summary, self.store = client, summary, store
        self.jsonl_out, self.on_item = jsonl_out, on_item
        self.tasks: dict[str, Task] = {}

    def run(self, tasks: Iterator[Task | Failure], submit: Callable[[Task], Any],
            cluster: str) -> None:
        threads = sum(self.client.nthreads().values()) or 1
        pending: set[Any] = set()
        try:
            for _ in range(IN_FLIGHT_PER_THREAD * threads):
                self._next(tasks, submit, pending)
            while pending:
                # as_completed, with a look at the scheduler between results: a client whose
                # scheduler went away waits on its futures for ever
                try:
                    finished = wait(pending, timeout=POLL_S, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    finished = set()
                except CancelledError:  # the scheduler is gone: every future cancelled
                    raise self._lost(cluster, "the connection to the scheduler was lost") \
                        from None
                if self.client.status not in ("running", "connecting", "newly-created"):
                    raise self._lost(cluster, f"the client is {self.client.status}")
                for future in finished:
                    pending.discard(future)
                    self._take(future, cluster)
                    self._next(tasks, submit, pending)
        except BaseException:
            with contextlib.suppress(Exception):
                self.client.cancel(list(pending))
            raise

    def _next(self, tasks: Iterator[Task | Failure], submit: Callable[[Task], Any],
              pending: set[Any]) -> None:
        for task in tasks:
            if isinstance(task, Failure):  # a path that cannot be read: no worker needed
                self.summary.failures.append(task)
                self.on_item()
                continue
            future = submit(task)
            self.tasks[future.key] = task
            pending.add(future)
            return

    def _take(self, future: Any, cluster: str) -> None:
        task = self.tasks.pop(future.key)
        try:
            result: PartResult = future.result()
        except StoreError as exc:  # the database failed on a worker: stop, as a single run
            raise stopped_error(exc, self.summary) from None
        except (ModelError, ClusterError):
            raise
        except (CancelledError, asyncio.CancelledError):
            raise self._lost(cluster, "the connection to the scheduler was lost") from None
        except (OSError, TimeoutError) as exc:
            raise self._lost(cluster, exc) from None
        except KilledWorker:
            self._failed(task, "its worker died every time it ran it (KilledWorker)")
            return
        except WhosaidError as exc:
            self._failed(task, str(exc))
            return
        except Exception as exc:  # one bad part never stops the run
            self._failed(task, f"{type(exc).__name__}: {exc}")
            return
        merge(self.summary, result.summary)
        for analysis in result.analyses:  # SQLite: the one writer stores them
            record_analysis(analysis, self.store, self.summary, self.jsonl_out)
            self.on_item()
        if result.jsonl and self.jsonl_out is not None:
            self.jsonl_out.write(result.jsonl)
            self.jsonl_out.flush()
        for _ in range(result.done):
            self.on_item()

    def _failed(self, task: Task, why: str) -> None:
        for part in task:
            self.summary.failures.append(Failure(str(part), f"{part}: analysis failed: {why}"))
            for _ in range(part.size):
                self.on_item()

    def _lost(self, cluster: str, exc: BaseException | str) -> ClusterError:
        n = len(self.summary.saved)
        why = " ".join(str(exc).split()) or type(exc).__name__
        return ClusterError(
            f"lost the Dask cluster {cluster} during the run ({why}). Stopped: the "
            f"{n} {'article' if n == 1 else 'articles'} stored before are complete; run the "
            "same command again to finish the rest")


__all__ = ["CONNECT_TIMEOUT_S", "AnalyzerPlugin", "PartResult", "analyse_task",
           "cluster_block_task", "cluster_claims_task", "map_blocks_on", "map_claim_blocks_on",
           "merge", "open_cluster", "parse_cluster", "run_cluster"]
