"""Corpus pass, whole corpus against block by block, as the store grows: time, CPU, peak
memory, and the same result.

    python bench/corpus_blocks.py [--db build/bench-serve.db ...] [--modes whole blocks]
                                  [--block-members N] [--postgresql URL]

``--db`` takes one or more SQLite stores (``bench/serve.py --articles N --db
build/scale/store-N.db --build-only`` makes one of N articles). Each is copied for each mode
(the original is left alone), and each mode runs in its own process so that each peak RSS is
its own:

- ``whole``: the pass as it was before blocks: every article entity read at once, clustered
  together (:func:`whosaid.corpus.cluster_members`), written in one transaction;
- ``blocks``: :func:`whosaid.corpus.build_corpus_entities`, a block at a time.

With ``--postgresql URL`` each store is also copied into a fresh PostgreSQL database
(``bench/load.py``'s ``copy_store``) and the block pass timed there.

Prints a table: articles, article entities, components before packing and the largest,
blocks and the largest, then per mode and backend the seconds, the CPU seconds of the pass
(the machine is shared: CPU moves less than the wall clock), the peak RSS of the process
and the RSS it had before the pass (imports, a PostgreSQL driver), and the load average;
and whether the two modes left the same corpus tables (every row of corpus_entities but its
build time, corpus_aliases, corpus_members, links and corpus_keys).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whosaid.corpus import build_corpus_entities, cluster_members
from whosaid.corpus.service import constraints_of, keys_of, plan_corpus
from whosaid.store import corpus as sql
from whosaid.store import open_store

TABLES = {
    "corpus_entities": "id, name, type, mentions, articles, statements, titles",
    "corpus_aliases": "corpus_entity_id, alias, count",
    "corpus_members": "article_id, entity_id, corpus_entity_id",
    "links": "corpus_entity_id, kb_id, score",
    "corpus_keys": "key, corpus_entity_id",
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def whole(db: str) -> dict[str, Any]:
    """The pass before blocks, step for step."""
    with open_store(db) as store:
        base, cpu, started = _rss_mb(), _cpu(), time.perf_counter()
        with store.read("read article entities") as conn:
            taken_in = sql.pending_articles(conn)
            members = sql.load_members(conn)
            kb = sql.load_kb(conn)
            constraints = constraints_of(conn)
        entities = cluster_members(members, kb, constraints)
        keys = keys_of(entities)
        with store.write("write corpus entities") as conn:
            sql.lock_corpus(conn)
            sql.clear_corpus(conn)
            sql.write_corpus(conn, entities, keys)
            sql.clear_pending(conn, taken_in)
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu,
            "peak_mb": _peak_mb(), "base_mb": base, "members": len(members),
            "entities": len(entities)}


def blocks(db: str, block_members: int) -> dict[str, Any]:
    with open_store(db) as store:
        base, cpu = _rss_mb(), _cpu()
        summary = build_corpus_entities(store, block_members=block_members or None)
        seconds, used, peak = summary.seconds, _cpu() - cpu, _peak_mb()
        with store.read("plan") as conn:  # the plan again, for its figures (not timed)
            plan = plan_corpus(conn, sql.load_kb(conn), block_members=block_members or None)
    return {"seconds": seconds, "cpu": used, "peak_mb": peak, "base_mb": base,
            "members": summary.members, "entities": summary.entities,
            "articles": summary.articles, "components": plan.components,
            "largest_component": plan.largest_component, "blocks": len(plan.blocks),
            "largest_block": max((b.members for b in plan.blocks), default=0)}


def same_tables(a: str, b: str) -> dict[str, bool]:
    out = {}
    with sqlite3.connect(a) as ca, sqlite3.connect(b) as cb:
        for table, cols in TABLES.items():
            query = f"SELECT {cols} FROM {table} ORDER BY {cols}"
            ra, rb = ca.execute(query), cb.execute(query)
            out[table] = all(x == y for x, y in zip(ra, rb, strict=False)) and \
                ca.execute(f"SELECT count(*) FROM {table}").fetchone() == \
                cb.execute(f"SELECT count(*) FROM {table}").fetchone()
    return out


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)


def _postgres_copy(src: Path, url: str) -> tuple[str, Callable[[], None]]:
    """A fresh PostgreSQL database holding the rows of ``src``, and its dropper."""
    from load import copy_store, fresh_pg_database  # bench/load.py, beside this file

    target, drop = fresh_pg_database(url, "whosaid_blocks")
    open_store(target).close()  # migrated
    copy_store(str(src), target)
    return target, drop


def _run(mode: str, db: str, block_members: int) -> dict[str, Any]:
    load = os.getloadavg()[0]
    run = subprocess.run([sys.executable, __file__, "--mode", mode, "--db", db,
                          "--block-members", str(block_members)],
                         check=True, capture_output=True, text=True)
    out: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    out["load"] = (load + os.getloadavg()[0]) / 2
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", nargs="+", default=["build/bench-serve.db"])
    parser.add_argument("--modes", nargs="+", default=["whole", "blocks"],
                        choices=["whole", "blocks"])
    parser.add_argument("--block-members", type=int, default=0,
                        help="pack components up to N article entities (default: 20,000 "
                        "or the largest component)")
    parser.add_argument("--postgresql", help="also time the block pass on PostgreSQL (a "
                        "server URL: a fresh database is made there and dropped)")
    parser.add_argument("--postgresql-only", action="store_true",
                        help="with --postgresql: time the block pass there only")
    parser.add_argument("--mode", choices=["whole", "blocks"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode == "whole":
        print(json.dumps(whole(args.db[0])))
        return
    if args.mode == "blocks":
        print(json.dumps(blocks(args.db[0], args.block_members)))
        return
    header = (f"{'articles':>8} {'art.ents':>9} {'comps':>6} {'largest':>8} {'blocks':>6} "
              f"{'largest':>8} {'mode':>6} {'backend':>10} {'s':>7} {'cpu s':>7} "
              f"{'peak MB':>8} {'base MB':>8} {'load':>5}  same")
    rows: list[str] = []
    for path in map(Path, args.db):
        if not path.exists():
            raise SystemExit(f"{path} is absent: make it with bench/serve.py --articles N "
                             f"--db {path} --build-only")
        tmp = Path(tempfile.mkdtemp(prefix="corpus-blocks-", dir=path.parent))
        figures: dict[tuple[str, str], dict[str, Any]] = {}
        try:
            for mode in [] if args.postgresql_only else args.modes:
                copy = tmp / f"{mode}.db"
                _copy(path, copy)
                figures[(mode, "sqlite")] = _run(mode, str(copy), args.block_members)
                print(f"{path} {mode} sqlite: {json.dumps(figures[(mode, 'sqlite')])}",
                      file=sys.stderr, flush=True)
            same = same_tables(str(tmp / "whole.db"), str(tmp / "blocks.db")) \
                if {"whole", "blocks"} <= set(args.modes) else {}
            if args.postgresql and "blocks" in args.modes:
                url, drop = _postgres_copy(path, args.postgresql)
                try:
                    figures[("blocks", "postgresql")] = _run("blocks", url, args.block_members)
                finally:
                    drop()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        plan = next((f for (m, _), f in figures.items() if m == "blocks"), None)
        with sqlite3.connect(path) as conn:
            n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        members = next(iter(figures.values()))["members"]
        agree = ("yes" if all(same.values()) else
                 "NO: " + ", ".join(t for t, ok in same.items() if not ok)) if same else "-"
        for (mode, backend), f in figures.items():
            shape = (f"{plan['components']:>6,} {plan['largest_component']:>8,} "
                     f"{plan['blocks']:>6,} {plan['largest_block']:>8,}") if plan else \
                f"{'-':>6} {'-':>8} {'-':>6} {'-':>8}"
            row = (f"{n_articles:>8,} {members:>9,} {shape} {mode:>6} {backend:>10} "
                   f"{f['seconds']:7.1f} {f['cpu']:7.1f} {f['peak_mb']:8.0f} "
                   f"{f['base_mb']:8.0f} {f['load']:5.2f}  {agree}")
            rows.append(row)
            print(row, flush=True)
    print("\n" + header + "\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
