"""Claims over a large store: the whole pass, then one new article joining.

    python bench/claims_scale.py [--db build/claims-bench.db] [--source build/bench-serve.db]
                                 [--runs 5] [--skip-build] [--block-statements 20000]

1. Copies ``--source`` (the 20,000-article store ``bench/serve.py`` builds; make it first
   with ``python bench/serve.py --articles 20000 --db build/bench-serve.db``) to ``--db``
   when that does not exist, so the server bench's store stays as it was.
2. Runs the whole claims pass (``whosaid claims --rebuild``: copies, claims, flags, the
   indexes) and prints its time per stage, its peak memory (``ru_maxrss``, also as it
   stood at the end of each stage) and what it found.
3. ``--runs`` times: saves one new article (a copy of a stored one, published a day later,
   with new ids: it joins a copy group and its speakers' claims), keeps the corpus current
   (timed apart) and times :func:`whosaid.claims.service.update_claims` for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from whosaid.claims.blocks import BLOCK_STATEMENTS
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import keep_corpus
from whosaid.model import Analysis, content_id
from whosaid.store import claims as store_claims
from whosaid.store import open_store


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copy_of(a: Analysis, i: int) -> Analysis:
    """A copy of a stored article under new ids, published a day later."""
    aid = content_id("claims-bench", i, a.article.id)
    published = a.article.published
    if published:
        published = (dt.date.fromisoformat(published) + dt.timedelta(days=1)).isoformat()
    art = replace(a.article, id=aid, doc_id=f"claims-bench-{i}", published=published)
    statements = tuple(replace(s, id=content_id(aid, s.id), article_id=aid)
                       for s in a.statements)
    return Analysis(art, a.entities, statements, a.dates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("build/claims-bench.db"))
    parser.add_argument("--source", type=Path, default=Path("build/bench-serve.db"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--block-statements", type=int, default=BLOCK_STATEMENTS,
                        help="statements a speaker block of the whole pass holds at most")
    parser.add_argument("--skip-build", action="store_true",
                        help="time the new articles only (the claims are built)")
    args = parser.parse_args()
    if not args.db.exists():
        if not args.source.exists():
            raise SystemExit(f"{args.source} is absent: run python bench/serve.py first")
        shutil.copyfile(args.source, args.db)
    with open_store(str(args.db)) as store:
        counts = store.counts()
        print(f"store: {counts['articles']:,} articles, {counts['statements']:,} statements")
        if not args.skip_build:
            stages: dict[str, float] = {}
            peaks: dict[str, float] = {}
            last = [time.perf_counter()]

            def report(stage: str, done: int, total: int) -> None:
                now = time.perf_counter()
                if done == 0:
                    last[0] = now
                    stages.setdefault(stage, 0.0)
                if done == total or done > 0:
                    stages[stage] = stages.get(stage, 0.0) + now - last[0]
                    peaks[stage] = peak_mb()
                last[0] = now

            before = peak_mb()
            s = build_claims(store, report, block_statements=args.block_statements)
            print(f"whole pass: {s.seconds:.1f} s ("
                  + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items())
                  + f"); peak memory {peak_mb():,.0f} MB (before {before:,.0f} MB; by the "
                  + "end of " + ", ".join(f"{k} {v:,.0f}" for k, v in peaks.items()) + ")")
            print(f"  {s.statements:,} statements ({s.unknown_speaker:,} without a speaker), "
                  f"{s.speakers:,} speakers -> {s.claims:,} claims ({s.repeated:,} printed "
                  f"more than once, {s.meaning_changed:,} with a changed meaning); "
                  f"{s.copy_groups:,} copy groups; {s.undated:,} undated")
        rng = random.Random(args.seed)
        ids = [r["id"] for r in store.articles() if r["statement_count"] >= 3]
        update_s: list[float] = []
        for i in range(args.runs):
            a = copy_of(store.analysis(rng.choice(ids)), i)
            store.save(a)
            t0 = time.perf_counter()
            corpus = keep_corpus(store, [a.article.id])
            t1 = time.perf_counter()
            done = update_claims(store, [a.article.id], corpus_ids=corpus.rewritten,
                                 regrouped=corpus.regrouped)
            t2 = time.perf_counter()
            update_s.append(t2 - t1)
            with store.read("count") as conn:
                left = len(store_claims.pending_articles(conn))
            print(f"  new article {i + 1}: {len(a.statements)} statements; corpus "
                  f"{t1 - t0:.2f} s; claims {t2 - t1:.2f} s ({len(done.claims)} claims "
                  f"written, {done.speakers} speakers; {left} pending)")
        if update_s:
            print(f"one new article joining the claims: median {statistics.median(update_s):.2f}"
                  f" s, max {max(update_s):.2f} s over {len(update_s)} runs; peak memory "
                  f"{peak_mb():,.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
