"""Per-endpoint read latency with one client and no writer, in this process (no HTTP server).

    python bench/read_latency.py --db build/bench-serve.db [--requests 50] [--seed 1]
                                 [--only "page entity"] [--top 5] [--sql 5] [--json out.json]

Picks the same request mix as ``bench/load.py`` (entity names, article ids, corpus entity
ids, cursors read from the store itself; same ``--seed``, same URLs), then sends
``--requests`` requests of each kind one after another through Starlette's TestClient and
prints, per endpoint, the median and 95th percentile of the wall-clock time and the median
CPU time of this process (``time.process_time``: on PostgreSQL the database server's CPU is
not in it), with the load average beside them. ``--sql N`` also prints, per endpoint, the N
statements that took longest in total (wall-clock, summed over its requests), for EXPLAIN.

This separates the cost of each read from the queueing of ``bench/load.py``'s 16 readers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import percentile, targets  # noqa: E402
from whosaid.server import create_app  # noqa: E402

_SQL: dict[str, list[float]] = defaultdict(list)
_STARTED: list[float] = []


def _before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
    _STARTED.append(time.perf_counter())


def _after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
    _SQL[statement].append((time.perf_counter() - _STARTED.pop()) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file or PostgreSQL URL")
    parser.add_argument("--requests", type=int, default=50, help="per endpoint")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", action="append", help="endpoint labels to time (repeatable)")
    parser.add_argument("--sql", type=int, default=0, help="slowest statements per endpoint")
    parser.add_argument("--top", type=int, default=0,
                        help="also time the pages of the N most quoted names and the N "
                             "largest corpus entities (the slowest)")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()

    app = create_app(args.db, writer_process=False)
    out: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        mix = targets(client, random.Random(args.seed))
        if args.top:  # the slowest pages: the most quoted names and the largest corpus entities
            top = [e["name"] for e in client.get("/api/entities",
                                                 params={"limit": args.top}).json()["items"]]
            biggest = [c["id"] for c in client.get(
                "/api/corpus-entities", params={"limit": args.top, "members": "false"}
            ).json()["items"]]
            mix["page entity (most quoted)"] = [f"/entities/{quote(n, safe='')}" for n in top]
            mix["API entity (most quoted)"] = [f"/api/entities/{quote(n, safe='')}"
                                               for n in top]
            mix["page corpus entity (largest)"] = [f"/corpus/{c}" for c in biggest]
            mix["API corpus entity (largest)"] = [f"/api/corpus-entities/{c}" for c in biggest]
        labels = sorted(mix) if not args.only else [k for k in sorted(mix) if k in args.only]
        for label in labels:  # warm-up: caches, first compilations
            for url in mix[label][:3]:
                client.get(url)
        if args.sql:
            event.listen(Engine, "before_cursor_execute", _before)
            event.listen(Engine, "after_cursor_execute", _after)
        load_before = os.getloadavg()[0]
        print("| endpoint | n | p50 ms | p95 ms | max ms | CPU p50 ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for label in labels:
            _SQL.clear()
            urls = mix[label]
            wall: list[float] = []
            cpu: list[float] = []
            for i in range(args.requests):
                url = urls[i % len(urls)]
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url)
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                if response.status_code >= 400:
                    print(f"  {url}: {response.status_code}", file=sys.stderr)
            out[label] = {"n": len(wall), "p50": statistics.median(wall),
                          "p95": percentile(wall, 95), "max": max(wall),
                          "cpu_p50": statistics.median(cpu)}
            r = out[label]
            print(f"| {label} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
                  f"{r['cpu_p50']:.1f} |", flush=True)
            if args.sql:
                slow = sorted(_SQL.items(), key=lambda kv: -sum(kv[1]))[:args.sql]
                print(f"{label}:", file=sys.stderr)
                for statement, ms in slow:
                    one = " ".join(statement.split())
                    print(f"    {sum(ms) / args.requests:7.1f} ms/request  {len(ms):4d}x  "
                          f"max {max(ms):6.1f}  {one[:400]}", file=sys.stderr)
        load_after = os.getloadavg()[0]
    print(f"\nload average {load_before:.2f} at the start, {load_after:.2f} at the end")
    if args.json:
        args.json.write_text(json.dumps({"db": args.db, "load_average": [load_before, load_after],
                                         "endpoints": out}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
