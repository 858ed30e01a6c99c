"""Claims over a large store: the whole pass, then one new article joining.

    python bench/claims_scale.py [--db build/claims-bench.db] [--source build/bench-serve.db]
                                 [--runs 5] [--skip-build] [--block-statements 20000]
                                 [--pick random|speakers] [--profile out.prof] [--hash]
                                 [--check-rebuild]

1. Copies ``--source`` (the 20,000-article store ``bench/serve.py`` builds; make it first
   with ``python bench/serve.py --articles 20000 --db build/bench-serve.db``) to ``--db``
   when that does not exist, so the server bench's store stays as it was.
2. Runs the whole claims pass (``whosaid claims --rebuild``: copies, claims, flags, the
   indexes) and prints its time per stage, its peak memory (``ru_maxrss``, also as it
   stood at the end of each stage) and what it found.
3. ``--runs`` times: saves one new article (a copy of a stored one, published a day later,
   with new ids: it joins a copy group and its speakers' claims), keeps the corpus current
   (timed apart) and times :func:`whosaid.claims.service.update_claims` for it, in wall
   and CPU seconds (the machine is shared: CPU time is the figure to compare). ``--pick
   speakers`` copies the stored articles quoting the most speakers instead (the slowest to
   join: each speaker's claims are weighed again), ``--profile`` writes the updates'
   cProfile statistics.
4. ``--hash`` prints a SHA-256 of the claim tables after the whole pass (two builds of one
   store must print the same); ``--check-rebuild`` hashes them after the new articles,
   rebuilds the claims and says whether the rebuild gave the same tables (keeping current
   must give what a rebuild gives).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import random
import resource
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from whosaid.claims.blocks import BLOCK_STATEMENTS
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import keep_corpus
from whosaid.model import Analysis, content_id
from whosaid.store import Store, open_store, schema
from whosaid.store import claims as store_claims


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


def tables_hash(store: Store) -> str:
    """A SHA-256 of every claim table but the pending marks, rows sorted."""
    digest = hashlib.sha256()
    with store.read("hash the claims") as conn:
        for table in schema.CLAIM_TABLES:
            if table is schema.claims_pending:
                continue
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(r)) for r in conn.execute(select(table))):
                digest.update(row.encode())
    return digest.hexdigest()


def most_quoted(store: Store, n: int) -> list[str]:
    """The ``n`` stored articles quoting the most speakers (by canonical name)."""
    s = schema.statements
    with store.read("articles by speakers") as conn:
        return list(conn.execute(
            select(s.c.article_id).group_by(s.c.article_id)
            .order_by(func.count(func.distinct(s.c.speaker_name)).desc(), s.c.article_id)
            .limit(n)).scalars())


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
    parser.add_argument("--pick", choices=("random", "speakers"), default="random",
                        help="copy random articles (3+ statements) or those quoting the "
                             "most speakers")
    parser.add_argument("--profile", type=Path, help="write the updates' cProfile stats here")
    parser.add_argument("--hash", action="store_true",
                        help="print a hash of the claim tables after the whole pass")
    parser.add_argument("--check-rebuild", action="store_true",
                        help="after the new articles, rebuild and compare the claim tables")
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
            if args.hash:
                print(f"  claim tables: sha256 {tables_hash(store)}")
        rng = random.Random(args.seed)
        if args.pick == "speakers":
            picked = most_quoted(store, args.runs)
        else:
            ids = [r["id"] for r in store.articles() if r["statement_count"] >= 3]
            picked = [rng.choice(ids) for _ in range(args.runs)]
        profile = cProfile.Profile() if args.profile else None
        wall_s: list[float] = []
        cpu_s: list[float] = []
        for i, source in enumerate(picked):
            a = copy_of(store.analysis(source), i)
            store.save(a)
            t0 = time.perf_counter()
            corpus = keep_corpus(store, [a.article.id])
            t1, c1 = time.perf_counter(), time.process_time()
            if profile is not None:
                profile.enable()
            done = update_claims(store, [a.article.id], corpus_ids=corpus.rewritten,
                                 regrouped=corpus.regrouped)
            if profile is not None:
                profile.disable()
            t2, c2 = time.perf_counter(), time.process_time()
            wall_s.append(t2 - t1)
            cpu_s.append(c2 - c1)
            with store.read("count") as conn:
                left = len(store_claims.pending_articles(conn))
            speakers = len({s.speaker.entity for s in a.statements if s.speaker is not None})
            print(f"  new article {i + 1}: {len(a.statements)} statements, {speakers} "
                  f"speakers; corpus {t1 - t0:.2f} s; claims {t2 - t1:.2f} s wall, "
                  f"{c2 - c1:.2f} CPU-s ({len(done.claims)} claims written, {done.speakers} "
                  f"speakers; {left} pending)")
        if wall_s:
            print(f"one new article joining the claims over {len(wall_s)} runs: wall median "
                  f"{statistics.median(wall_s):.2f} s, max {max(wall_s):.2f} s; CPU median "
                  f"{statistics.median(cpu_s):.2f} s, max {max(cpu_s):.2f} s; peak memory "
                  f"{peak_mb():,.0f} MB")
        if profile is not None:
            profile.dump_stats(str(args.profile))
        if args.check_rebuild:
            kept = tables_hash(store)
            build_claims(store, block_statements=args.block_statements)
            again = tables_hash(store)
            print(f"kept current: sha256 {kept}; rebuilt: {again}; "
                  + ("the same" if kept == again else "DIFFERENT"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
