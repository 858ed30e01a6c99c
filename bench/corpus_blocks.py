"""Corpus pass, whole corpus against block by block: time, peak memory, and the same result.

    python bench/corpus_blocks.py [--db build/bench-serve.db] [--block-members N]

Copies the database twice (the original is left alone; ``bench/serve.py`` makes a 20,000
article one) and, each in its own process so that each peak RSS is its own:

- ``whole``: the pass as it was before blocks: every article entity read at once, clustered
  together (:func:`whosaid.corpus.cluster_members`), written in one transaction;
- ``blocks``: :func:`whosaid.corpus.build_corpus_entities`, a block at a time.

Prints the seconds and peak RSS of each, the blocks (components before packing, the
largest component, blocks, the largest block), and whether the two left the same corpus
tables (every row of corpus_entities but its build time, corpus_aliases, corpus_members,
links and corpus_keys).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
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


def whole(db: str) -> dict[str, Any]:
    """The pass before blocks, step for step."""
    started = time.perf_counter()
    with open_store(db) as store:
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
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(),
            "members": len(members), "entities": len(entities)}


def blocks(db: str, block_members: int) -> dict[str, Any]:
    with open_store(db) as store:
        summary = build_corpus_entities(store, block_members=block_members or None)
        seconds, peak = summary.seconds, _peak_mb()
        with store.read("plan") as conn:  # the plan again, for its figures
            plan = plan_corpus(conn, sql.load_kb(conn), block_members=block_members or None)
    return {"seconds": seconds, "peak_mb": peak, "members": summary.members,
            "entities": summary.entities, "components": plan.components,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("build/bench-serve.db"))
    parser.add_argument("--block-members", type=int, default=0,
                        help="pack components up to N article entities (default: 50,000 "
                        "or the largest component)")
    parser.add_argument("--mode", choices=["whole", "blocks"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode == "whole":
        print(json.dumps(whole(str(args.db))))
        return
    if args.mode == "blocks":
        print(json.dumps(blocks(str(args.db), args.block_members)))
        return
    if not args.db.exists():
        raise SystemExit(f"{args.db} is absent: make it with bench/serve.py --articles 20000")
    tmp = Path(tempfile.mkdtemp(prefix="corpus-blocks-"))
    try:
        figures = {}
        for mode in ("whole", "blocks"):
            copy = tmp / f"{mode}.db"
            _copy(args.db, copy)
            run = subprocess.run([sys.executable, __file__, "--mode", mode, "--db", str(copy),
                                  "--block-members", str(args.block_members)],
                                 check=True, capture_output=True, text=True)
            figures[mode] = json.loads(run.stdout.splitlines()[-1])
        same = same_tables(str(tmp / "whole.db"), str(tmp / "blocks.db"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    w, b = figures["whole"], figures["blocks"]
    print(f"{w['members']:,} article entities -> {w['entities']:,} corpus entities "
          f"({args.db})")
    print(f"whole corpus : {w['seconds']:6.1f} s, peak RSS {w['peak_mb']:6.0f} MB")
    print(f"block by block: {b['seconds']:6.1f} s, peak RSS {b['peak_mb']:6.0f} MB "
          f"({b['components']:,} components, the largest {b['largest_component']:,} article "
          f"entities; {b['blocks']:,} blocks, the largest {b['largest_block']:,})")
    print("same corpus tables: " + ", ".join(f"{t} {'yes' if ok else 'NO'}"
                                             for t, ok in same.items()))


if __name__ == "__main__":
    main()
