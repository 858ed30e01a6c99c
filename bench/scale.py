"""Throughput as the corpus grows: one process, ``--workers 2`` and ``--cluster local:2`` on
the same input, on SQLite and PostgreSQL.

    python bench/scale.py [--sizes 1000 10000] [--backends sqlite postgresql]
                          [--modes one workers2 cluster2] [--pg postgresql://postgres@127.0.0.1/test]
                          [--out build/scale]

1. Makes each corpus (``--sizes`` articles, JSONL) by recombining PolNeAR train articles
   (``../shared/data/polnear/train.jsonl.gz``): article i takes the title and first
   paragraphs of one article and later paragraphs of another (at most ``--paragraphs``), so
   every text, and so every article id, is new, and lengths stay those of news articles.
2. For each backend and mode, analyses the corpus into a fresh database in a child process
   (``python bench/scale.py --child``, through the use cases ``whosaid analyze`` runs) while
   this process samples the memory (RSS) of the child and of every process under it twice a
   second.
3. Prints, per run: articles/s over the documents (from the start, model and cluster start
   included, to the last document stored), the steady articles/s (after the first document
   came back: model and cluster up), the seconds of the corpus and claims passes
   after them, each mode's ratio to one process, the peak RSS of the client and of the
   largest worker process, articles per CPU-second (the CPU of every process of the run,
   model loads and passes included: the per-core throughput, which a busy machine changes
   little) and the load average (2 cores shared with other work: a busy machine slows every
   mode's wall clock), the CPU seconds of the client and of the processes under it (pool or
   Dask workers; sampled, so a worker's last half second may be missed), the workers' system
   CPU seconds (page faults: Dask's nanny's ``MALLOC_TRIM_THRESHOLD_`` once cost a LocalCluster's
   workers 3.9 s each per 150 articles) and the client's and the workers' CPU milliseconds per
   article of the corpus. Across sizes, the seconds per article show how the cost grows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl.gz"
MODES = {"one": [], "workers2": ["--workers", "2"], "cluster2": ["--cluster", "local:2"]}


def make_corpus(n: int, path: Path, paragraphs: int, seed: int = 15) -> float:
    """Write ``n`` recombined articles to ``path``; returns their mean length in words."""
    with gzip.open(POLNEAR, "rt", encoding="utf-8") as fh:
        sources = [json.loads(line) for line in fh if line.strip()]
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b = rng.sample(sources, 2)
            pa = [p for p in a["text"].split("\n\n") if p.strip()]
            pb = [p for p in b["text"].split("\n\n") if p.strip()]
            head = max(2, paragraphs // 2)
            body = pa[:head] + pb[len(pb) // 3:][: paragraphs - head]
            text = "\n\n".join(body)
            words += len(text.split())
            day = f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps({"id": f"scale-{n}-{i}", "text": text, "published": day,
                                  "source": a.get("publisher")}) + "\n")
    return words / max(1, n)


# ---------------------------------------------------------------------------------------
# The child: one run through the use cases, timed


def child(args: argparse.Namespace) -> None:
    from whosaid.settings import Settings
    from whosaid.store import open_store
    from whosaid.usecases import run_analyze

    stamps: list[float] = []
    started = time.perf_counter()
    workers = 2 if args.mode == "workers2" else 1
    settings = Settings(workers=workers)
    with open_store(args.db) as store:
        if args.mode == "cluster2":
            from whosaid.usecases.cluster import run_cluster

            summary = run_cluster([args.input], settings, store, "local:2",
                                  on_item=lambda: stamps.append(time.perf_counter()))
        else:
            summary = run_analyze([args.input], settings, store,
                                  on_item=lambda: stamps.append(time.perf_counter()))
    ended = time.perf_counter()
    # CPU of this process and every process under it (the pool's, the cluster's workers:
    # ended and waited for by now), model loads and the passes included
    cpu = sum(getattr(resource.getrusage(who), f) for who in
              (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime"))
    docs = (stamps[-1] if stamps else ended) - started
    # after the first document: the model and the cluster are up
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    print(json.dumps({"analysed": summary.analyzed, "failed": len(summary.failures),
                      "statements": summary.statements, "docs_s": docs, "steady": steady,
                      "passes_s": ended - started - docs, "total_s": ended - started,
                      "cpu_s": cpu}))


# ---------------------------------------------------------------------------------------
# The parent: corpora, databases, memory


class Sampler(threading.Thread):
    """Peak RSS and CPU seconds of a process and of each process under it, sampled twice a
    second (a process's last half second of CPU before it ends may be missed)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.sys: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for p in procs:
                try:
                    self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), p.memory_info().rss)
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                    self.sys[p.pid] = times.system
                except psutil.Error:
                    continue
            self.stop.wait(0.5)

    def client_mb(self) -> float:
        return self.peaks.get(self.root.pid, 0) / 2**20

    def worker_mb(self) -> float:
        others = [v for k, v in self.peaks.items() if k != self.root.pid]
        return max(others, default=0) / 2**20

    def client_cpu(self) -> float:
        """CPU seconds of the client (with a local cluster: its scheduler and nannies)."""
        return self.cpu.get(self.root.pid, 0.0)

    def others_cpu(self) -> float:
        """CPU seconds of every process under the client (pool or Dask workers)."""
        return sum(v for k, v in self.cpu.items() if k != self.root.pid)

    def others_sys(self) -> float:
        """The system CPU seconds of those (page faults: a worker's malloc thresholds)."""
        return sum(v for k, v in self.sys.items() if k != self.root.pid)


def fresh_db(backend: str, pg: str, folder: Path) -> tuple[str, Any]:
    """A new empty database and the function that drops it."""
    if backend == "sqlite":
        path = folder / f"{uuid.uuid4().hex[:8]}.db"

        def remove() -> None:
            for p in folder.glob(path.name + "*"):
                p.unlink()

        return str(path), remove
    from load import fresh_pg_database  # bench/load.py, beside this file

    return fresh_pg_database(pg, "whosaid_scale")


def measure(corpus: Path, db: str, mode: str) -> dict[str, Any]:
    load = os.getloadavg()[0]
    cmd = [sys.executable, __file__, "--child", "--mode", mode, "--db", db,
           "--input", str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    sampler = Sampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{mode} on {db} failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result |= {"client_mb": sampler.client_mb(), "worker_mb": sampler.worker_mb(),
               "client_cpu": sampler.client_cpu(), "workers_cpu": sampler.others_cpu(),
               "workers_sys": sampler.others_sys(),
               "load": (load + os.getloadavg()[0]) / 2}
    # a local cluster's workers are forked by multiprocessing's forkserver, not by the
    # child: its rusage misses them (29.7 articles per CPU-s on 200 articles, where the
    # sampled processes took 42.5 CPU-s), the sampler does not
    result["cpu_s"] = max(result["cpu_s"], result["client_cpu"] + result["workers_cpu"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--pg", default=os.environ.get("WHOSAID_TEST_PG")
                        or "postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--paragraphs", type=int, default=8)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "scale")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}; PolNeAR train recombined, at most {args.paragraphs} "
          "paragraphs an article", flush=True)
    header = (f"{'articles':>8} {'backend':>10} {'mode':>9} {'art/s':>6} {'x one':>6} "
              f"{'steady':>6} "
              f"{'s/art':>6} {'docs s':>7} {'passes s':>8} {'client MB':>9} "
              f"{'worker MB':>9} {'art/cpu-s':>9} {'cl cpu':>6} {'wk cpu':>6} {'wk sys':>6} "
              f"{'cl ms':>5} {'wk ms':>5} {'load':>5}")
    rows: list[str] = []
    for n in args.sizes:
        corpus = args.out / f"scale-{n}.jsonl"
        if not corpus.exists():
            mean = make_corpus(n, corpus, args.paragraphs)
            print(f"wrote {corpus} ({n} articles, {mean:.0f} words each on average)", flush=True)
        for backend in args.backends:
            base = None
            for mode in args.modes:
                with tempfile.TemporaryDirectory(dir=args.out) as folder:
                    db, drop = fresh_db(backend, args.pg, Path(folder))
                    try:
                        r = measure(corpus, db, mode)
                    finally:
                        drop()
                rate = r["analysed"] / r["docs_s"]
                base = rate if mode == "one" else base
                ratio = f"{rate / base:6.2f}" if base else f"{'-':>6}"
                row = (f"{n:>8} {backend:>10} {mode:>9} {rate:6.2f} {ratio} {r['steady']:6.2f} "
                       f"{r['docs_s'] / max(1, r['analysed']):6.3f} {r['docs_s']:7.1f} "
                       f"{r['passes_s']:8.1f} {r['client_mb']:9.0f} {r['worker_mb']:9.0f} "
                       f"{r['analysed'] / r['cpu_s']:9.2f} {r['client_cpu']:6.1f} "
                       f"{r['workers_cpu']:6.1f} {r['workers_sys']:6.1f} "
                       f"{1000 * r['client_cpu'] / n:5.0f} {1000 * r['workers_cpu'] / n:5.0f} "
                       f"{r['load']:5.2f}")
                if r["failed"]:
                    row += f"  ({r['failed']} failed)"
                rows.append(row)
                if len(rows) == 1:
                    print(header)
                print(row, flush=True)
    print("\n" + header + "\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
