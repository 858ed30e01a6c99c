"""Load benchmark: the real server under 16 concurrent readers while a writer posts articles.

    python bench/load.py --db build/bench-serve.db [--seconds 30] [--max-requests 20000]
                         [--readers 16] [--no-writer] [--workers 2] [--json out.json]
    python bench/load.py --db postgresql://postgres@127.0.0.1:5432/bench \\
                         --copy-from build/bench-serve.db   # load the SQLite store first

1. Starts ``whosaid.server.create_app`` over ``--db`` (a SQLite file or a PostgreSQL URL)
   under uvicorn in a child process, on a free 127.0.0.1 port only, with a write token;
   ``--workers N`` runs N server processes, as ``whosaid serve --workers N`` does.
2. Picks targets from the store itself: entity names, article ids, corpus entity ids,
   statement-page cursors.
3. For ``--seconds`` (or until ``--max-requests`` reads), runs ``--readers`` async httpx
   loops over a mix of reads — ``/api/statements`` with and without filters and cursors,
   ``/api/entities``, ``/api/articles/{id}``, ``/api/corpus-entities``, and the pages ``/``
   (search, with and without words), ``/statements`` (when the server has it) and
   ``/entities/NAME`` — while one writer posts articles to ``/api/analyze`` back to back
   (PolNeAR dev texts from ../shared when present, else the bundled example; each made new
   with a numbered line, so every post stores a new article and updates the corpus); the
   readers start once the first post is back (it loads the writer's model), so the writer
   posts throughout.
4. Prints a table — backend, requests, req/s, p50, p95, p99, max, errors — for reads and
   for writes, then one row per read endpoint (slowest p99 first), and the load average
   (1 minute) at the start and at the end of the load.

Targets: 0 errors, and reads' p99 at most 500 ms while the writer runs. The numbers depend on
the machine and on what else runs on it.

``--copy-from SQLITE`` first copies every table of a SQLite store into ``--db`` (a fresh
PostgreSQL database: its schema is made by the migrations), so both backends serve the same
articles (the 20,000-article store of ``bench/serve.py``, say).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import func, insert, select, text

from whosaid.settings import db_url
from whosaid.store import open_store, schema

HERE = Path(__file__).resolve().parent
POLNEAR_DEV = HERE.parent.parent / "shared" / "data" / "polnear" / "dev.jsonl.gz"
EXAMPLE = HERE.parent / "examples" / "isw-putin-ceasefire.txt"
TOKEN = "bench-load-token"
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Whosaid-User": "bench-load"}
WORDS = ["tax", "immigration", "email", "debate", "polls", "wall", "economy", "Russia", "jobs",
         "border", "campaign", "voters", "health", "police", "trade", "war", "ceasefire"]
TARGET_P99_MS = 500.0


# ---------------------------------------------------------------------------------------
# Copying a SQLite store into PostgreSQL


def copy_store(source: str, target: str, chunk: int = 5000) -> None:
    """Every row of every table of ``source`` into ``target`` (migrated, empty), in one
    transaction; the serial columns' sequences are moved past the copied values."""
    started = time.perf_counter()
    with open_store(source) as src, open_store(target) as dst:
        with dst.read("check the target") as conn:
            if conn.execute(select(func.count()).select_from(schema.articles)).scalar():
                raise SystemExit(f"{target}: not empty; give a fresh database")
        tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_version"]
        with src.read("read rows") as rconn, dst.write("copy rows") as wconn:
            for table in tables:
                rows = rconn.execute(select(table)).mappings()
                n = 0
                while batch := [dict(r) for r in rows.fetchmany(chunk)]:
                    wconn.execute(insert(table), batch)
                    n += len(batch)
                print(f"  {table.name}: {n:,} rows", file=sys.stderr)
            if dst.dialect == "postgresql":
                for table in tables:
                    for col in table.columns:
                        if col.primary_key and col.autoincrement is True:
                            wconn.execute(text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                                f"'{col.name}'), COALESCE(MAX({col.name}), 0) + 1, false) "
                                f"FROM {table.name}"))
        if dst.dialect == "postgresql":
            with dst.write("analyse") as conn:
                conn.exec_driver_sql("ANALYZE")
    print(f"copied {source} into the target in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)


def fresh_pg_database(url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """A new empty PostgreSQL database beside the one ``url`` names (``prefix`` + a random
    suffix), and the function that drops it (for bench/scale.py, bench/corpus_blocks.py)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(db_url(url))
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


# ---------------------------------------------------------------------------------------
# The server, in a child process


SERVE = """
import os, sys, uvicorn
from whosaid.server import create_app
db, token, port, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if workers == 1:
    uvicorn.run(create_app(db, token), host="127.0.0.1", port=port, log_level="warning")
else:  # as whosaid serve --workers N runs them
    from whosaid.server.app import SERVE_DB_ENV, SERVE_TOKEN_ENV
    create_app(db, token, writer_process=False).state.services.store.close()  # migrate once
    os.environ[SERVE_DB_ENV], os.environ[SERVE_TOKEN_ENV] = db, token
    from whosaid.cli.serve import WORKER_HEALTHCHECK_S
    uvicorn.run("whosaid.server.app:app_from_env", factory=True, workers=workers,
                host="127.0.0.1", port=port, log_level="warning",
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, workers: int = 1, threads: int | None = None
                 ) -> subprocess.Popen[bytes]:
    env = os.environ | ({"WHOSAID_SERVE_THREADS": str(threads)} if threads else {})
    server = subprocess.Popen([sys.executable, "-c", SERVE, db, TOKEN, str(port),
                               str(workers)], env=env)
    deadline = time.monotonic() + 120
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"the server exited with {server.returncode}")
            try:
                if client.get("/api/health").status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 120 s")


# ---------------------------------------------------------------------------------------
# What to ask for


def targets(client: httpx.Client, rng: random.Random) -> dict[str, list[str]]:
    """Request URLs per endpoint label, picked from what the store holds."""
    names = [e["name"] for e in client.get("/api/entities", params={"limit": 200}).json()
             ["items"]] or ["x"]
    ids = [a["id"] for a in client.get("/api/articles", params={"limit": 200}).json()
           ["items"]] or ["x"]
    corpus = [c for c in client.get("/api/corpus-entities",
                                    params={"limit": 100, "members": "false"}).json()["items"]]
    cursors: list[str] = []
    url = "/api/statements?limit=50"
    for _ in range(20):  # the first pages' cursors, for paging deeper
        page = client.get(url).json()
        if not page.get("next_cursor"):
            break
        cursors.append(page["next_cursor"])
        url = f"/api/statements?limit=50&cursor={quote(page['next_cursor'])}"

    def n(k: int = 40) -> range:
        return range(k)

    def pick(items: Sequence[str]) -> str:
        return rng.choice(items)

    def surname(name: str) -> str:
        return name.split()[-1]

    mix: dict[str, list[str]] = {
        "API statements": ["/api/statements", "/api/statements?sort=said_on&limit=20"],
        "API statements (words)": [f"/api/statements?q={quote(pick(WORDS))}" for _ in n()],
        "API statements (speaker)": [f"/api/statements?speaker={quote(pick(names))}&limit=50"
                                     for _ in n()],
        "API statements (filters)": [
            f"/api/statements?q={quote(pick(WORDS))}&kind=direct&since=2016-03-01"
            f"&until=2016-10-31" for _ in n()],
        "API statements (cursor)": [f"/api/statements?limit=50&cursor={quote(c)}"
                                    for c in cursors] or ["/api/statements?limit=50"],
        "API entities": ["/api/entities", *[f"/api/entities?q={quote(surname(pick(names))[:5])}"
                                            for _ in n()]],
        "API article": [f"/api/articles/{pick(ids)}" for _ in n()],
        "API corpus entities": ["/api/corpus-entities?limit=20&members=false",
                                *[f"/api/corpus-entities?q={quote(surname(pick(names))[:5])}"
                                  "&limit=20" for _ in n()]],
        "page search": ["/", *[f"/?q={quote(pick(WORDS))}" for _ in n()]],
        "page entity": [f"/entities/{quote(pick(names), safe='')}" for _ in n()],
    }
    if corpus:
        mix["API corpus entity"] = [f"/api/corpus-entities/{pick([c['id'] for c in corpus])}"
                                    for _ in n()]
    probe = client.get("/statements")
    if probe.status_code == 200:
        mix["page statements"] = ["/statements",
                                  *[f"/statements?q={quote(pick(WORDS))}" for _ in n()]]
    else:
        print(f"note: GET /statements answers {probe.status_code}: not in the mix",
              file=sys.stderr)
    return mix


def documents(limit: int = 400) -> list[dict[str, Any]]:
    """Texts for the writer: PolNeAR dev when ../shared has it, else the bundled example."""
    if POLNEAR_DEV.exists():
        with gzip.open(POLNEAR_DEV, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()][:limit]
        return [{"text": r["text"], "source": r.get("publisher")} for r in rows]
    return [{"text": EXAMPLE.read_text(encoding="utf-8"), "source": "example.org"}]


# ---------------------------------------------------------------------------------------
# The load


@dataclass
class Timings:
    ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add(self, ms: float, error: str | None) -> None:
        self.ms.append(ms)
        if error is not None:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(error)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def timed(client: httpx.AsyncClient, method: str, url: str, **kw: Any
                ) -> tuple[float, str | None]:
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kw)
        error = None if response.status_code < 400 else \
            f"{method} {url}: {response.status_code} {response.text[:160]}"
    except httpx.HTTPError as exc:
        error = f"{method} {url}: {type(exc).__name__} {exc}"
    return (time.perf_counter() - started) * 1000, error


async def load(base: str, mix: dict[str, list[str]], docs: list[dict[str, Any]], seconds: float,
               max_requests: int, readers: int, writer: bool, seed: int
               ) -> tuple[dict[str, Timings], Timings, float]:
    per_endpoint: dict[str, Timings] = defaultdict(Timings)
    writes = Timings()
    labels = sorted(mix)
    deadline = time.monotonic() + seconds
    issued = 0
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=readers + 2, max_keepalive_connections=readers + 2)

    async def reader(k: int) -> None:
        nonlocal issued
        rng = random.Random(f"{seed}-{k}")
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
            while not stop.is_set() and time.monotonic() < deadline:
                if issued >= max_requests:
                    break
                issued += 1
                label = rng.choice(labels)
                ms, error = await timed(client, "GET", rng.choice(mix[label]))
                per_endpoint[label].add(ms, error)
        stop.set()

    warm = asyncio.Event()

    async def write() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=300) as client:
            i = 0
            while not stop.is_set() and (not warm.is_set() or time.monotonic() < deadline):
                doc = docs[i % len(docs)]
                body = {"text": f"{doc['text']}\n\nBench load write {seed}-{i}.",
                        "doc_id": f"bench-load-{seed}-{i}", "published": "2016-11-01",
                        "source": doc.get("source")}
                ms, error = await timed(client, "POST", "/api/analyze", json=body,
                                        headers=AUTH)
                if warm.is_set():
                    writes.add(ms, error)
                else:  # the first post loads the writer's model: before the clock starts
                    print(f"first post (the writer loads its model): {ms / 1000:.1f} s"
                          + (f", {error}" if error else ""), file=sys.stderr)
                    warm.set()
                i += 1

    writing = asyncio.create_task(write()) if writer else None
    if writing is not None:  # on the connection (so the server process) the posts keep
        await warm.wait()
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(reader(k) for k in range(readers)))
    elapsed = time.perf_counter() - started  # the readers' time: req/s are over it
    if writing is not None:  # a post still under way is left to the server, not timed
        writing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writing
    return per_endpoint, writes, elapsed


def row(backend: str, kind: str, t: Timings, elapsed: float) -> str:
    n = len(t.ms)
    if not n:
        return f"| {backend} | {kind} | 0 | 0.0 | - | - | - | - | {t.errors} |"
    return (f"| {backend} | {kind} | {n:,} | {n / elapsed:.1f} | "
            f"{statistics.median(t.ms):.0f} | {percentile(t.ms, 95):.0f} | "
            f"{percentile(t.ms, 99):.0f} | {max(t.ms):.0f} | {t.errors} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=20000, help="reads at most")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--writer", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--copy-from", help="a SQLite store to copy into --db first")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (as whosaid serve --workers)")
    parser.add_argument("--threads", type=int,
                        help="requests each server process works on at once (as whosaid "
                             "serve --threads; default: the server's)")
    args = parser.parse_args()

    if args.copy_from:
        copy_store(args.copy_from, args.db)
    backend = "postgresql" if db_url(args.db).startswith("postgresql") else "sqlite"
    with open_store(args.db) as store:
        counts = store.counts()
    port = free_port()
    server = start_server(args.db, port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            mix = targets(client, random.Random(args.seed))
            for urls in mix.values():  # warm-up: caches, first compilations
                client.get(urls[0])
        load_before = os.getloadavg()[0]
        per_endpoint, writes, elapsed = asyncio.run(load(
            base, mix, documents(), args.seconds, args.max_requests, args.readers,
            args.writer, args.seed))
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    reads = Timings()
    for t in per_endpoint.values():
        reads.ms += t.ms
        reads.errors += t.errors
        reads.error_samples += t.error_samples
    print(f"\n{counts['articles']:,} articles, {counts['statements']:,} statements; {backend}; "
          f"{args.readers} readers{' + 1 writer' if args.writer else ''}; "
          f"{args.workers} server process{'es' if args.workers > 1 else ''}; {elapsed:.1f} s; "
          f"{os.cpu_count()} CPUs; load average {load_before:.2f} at the start, "
          f"{load_after:.2f} at the end\n")
    print("| backend | requests | count | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    print(row(backend, "reads", reads, elapsed))
    if args.writer:
        print(row(backend, "writes (POST /api/analyze)", writes, elapsed))
    print("\n| read endpoint | count | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, t in sorted(per_endpoint.items(), key=lambda kv: -percentile(kv[1].ms, 99)):
        print(row(label, "", t, elapsed).replace(f"| {label} |  |", f"| {label} |"))
    p99 = percentile(reads.ms, 99)
    verdict = "met" if reads.errors == 0 and writes.errors == 0 and p99 <= TARGET_P99_MS \
        else "NOT met"
    print(f"\ntarget (0 errors, reads p99 <= {TARGET_P99_MS:.0f} ms): {verdict}")
    for sample in (reads.error_samples + writes.error_samples)[:10]:
        print(f"error: {sample}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({
            "backend": backend, "counts": counts, "seconds": elapsed, "workers": args.workers,
            "load_average": [load_before, load_after],
            "reads": {"n": len(reads.ms), "p50": statistics.median(reads.ms) if reads.ms else None,
                      "p99": p99, "max": max(reads.ms, default=None), "errors": reads.errors},
            "writes": {"n": len(writes.ms), "p50": statistics.median(writes.ms)
                       if writes.ms else None, "p99": percentile(writes.ms, 99),
                       "max": max(writes.ms, default=None), "errors": writes.errors},
            "endpoints": {k: {"n": len(t.ms), "p50": statistics.median(t.ms),
                              "p95": percentile(t.ms, 95), "p99": percentile(t.ms, 99),
                              "max": max(t.ms),
                              "errors": t.errors} for k, t in per_endpoint.items() if t.ms},
        }, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
