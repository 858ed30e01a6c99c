"""Server benchmark: a SQLite database of 20,000 articles, then latencies over real HTTP.

    python bench/serve.py [--articles 20000] [--real 300] [--db build/bench-serve.db]
                          [--requests 50] [--rebuild]

1. Analyses ``--real`` PolNeAR train articles for real (``../shared/data/polnear``).
2. Makes ``--articles`` articles by recombining runs of their paragraphs (3 sources each),
   with the statements, entities, mentions and dates inside those paragraphs shifted to the
   new offsets, a publication date spread over 2016, and the source's outlet; stores them in
   bulk (500 articles a transaction, through the store's own row writer).
3. Runs the corpus pass (``whosaid corpus``) when the database has no corpus entities yet,
   and the claims pass (``whosaid claims --rebuild``) when it has no claims.
4. Starts ``whosaid serve`` on a loopback port and times ``--requests`` requests of each
   page and API call (varied arguments, after a warm-up), printing the median and 95th
   percentile in milliseconds as a Markdown table (also written to ``<db>.latency.json``).

The database is reused when it exists (``--rebuild`` makes it again); ``--build-only`` stops
after step 2 (stores for ``bench/corpus_blocks.py --sizes``, which times the passes itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import httpx

from whosaid.analysis import Analyzer
from whosaid.attribution import paragraphs
from whosaid.claims.service import build_claims
from whosaid.clean.document import clean_document
from whosaid.corpus import build_corpus_entities
from whosaid.model import (
    Analysis,
    Article,
    Cue,
    DateExpr,
    Entity,
    Failure,
    Mention,
    SaidOn,
    SourceDocument,
    Span,
    Statement,
    content_id,
    text_hash,
)
from whosaid.settings import Settings
from whosaid.store import claims as store_claims
from whosaid.store import corpus as store_corpus
from whosaid.store import corrections, open_store, write

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "data" / "polnear" / "train.jsonl.gz"
SEARCH_WORDS = ["tax", "immigration", "email", "debate", "polls", "wall", "economy", "Russia",
                "jobs", "border", "campaign", "voters", "health", "police", "trade", "war"]


# ---------------------------------------------------------------------------------------
# Real analyses


def real_analyses(n: int, workers: int) -> list[Analysis]:
    with gzip.open(POLNEAR, "rt", encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh if line.strip()][:n]
    settings = Settings(workers=workers)
    docs = [clean_document(SourceDocument(d["id"], f"polnear:{d['id']}", text=d["text"],
                                          source=d.get("publisher")), settings)
            for d in lines]
    started = time.perf_counter()
    out = [a for a in Analyzer(settings).analyze_many(docs) if not isinstance(a, Failure)]
    print(f"analysed {len(out)} real articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return out


# ---------------------------------------------------------------------------------------
# Recombination


def _inside(lo: int, hi: int, *spans: tuple[int, int] | None) -> bool:
    return all(s is None or (lo <= s[0] and s[1] <= hi) for s in spans)


def _m(m: Mention | None) -> tuple[int, int] | None:
    return (m.start, m.end) if m else None


class Piece:
    """A run of paragraphs of one analysis, and what of the analysis lies inside it."""

    def __init__(self, analysis: Analysis, lo: int, hi: int, tag: str) -> None:
        self.a, self.lo, self.hi, self.tag = analysis, lo, hi, tag

    def text(self) -> str:
        return self.a.article.text[self.lo : self.hi]


def _shift_mention(m: Mention | None, delta: int, tag: str) -> Mention | None:
    if m is None:
        return None
    return replace(m, start=m.start + delta, end=m.end + delta,
                   entity_id=f"{tag}{m.entity_id}" if m.entity_id else None)


def recombine(pieces: Sequence[Piece], article_id: str, published: str, site: str | None,
              index: int) -> Analysis:
    texts: list[str] = []
    entities: list[Entity] = []
    statements: list[Statement] = []
    dates: list[DateExpr] = []
    pos = 0
    for p in pieces:
        delta = pos - p.lo
        for e in p.a.entities:
            kept = tuple(_shift_mention(m, delta, p.tag) for m in e.mentions
                         if _inside(p.lo, p.hi, (m.start, m.end)))
            if kept:
                aliases = tuple(dict.fromkeys(m.text for m in kept if m))
                entities.append(replace(e, id=f"{p.tag}{e.id}", aliases=aliases,
                                        mentions=tuple(m for m in kept if m)))
        for st in p.a.statements:
            said = st.said_on
            spans = [(st.content.start, st.content.end), _m(st.speaker), _m(st.addressee),
                     (st.cue.start, st.cue.end) if st.cue else None,
                     *(_m(r) for r in st.relays),
                     (said.span.start, said.span.end) if said and said.span else None]
            if not _inside(p.lo, p.hi, *spans):
                continue
            if said is None or said.source == "published":
                said = SaidOn(published, "day", "published")
            elif said.span:
                said = replace(said, span=Span(said.span.start + delta, said.span.end + delta,
                                               said.span.text))
            cue = st.cue
            statements.append(replace(
                st,
                id=content_id(article_id, st.id, p.tag),
                article_id=article_id,
                content=Span(st.content.start + delta, st.content.end + delta, st.content.text),
                fragments=tuple((s + delta, e + delta) for s, e in st.fragments),
                speaker=_shift_mention(st.speaker, delta, p.tag),
                addressee=_shift_mention(st.addressee, delta, p.tag),
                relays=tuple(m for m in (_shift_mention(r, delta, p.tag) for r in st.relays)
                             if m),
                cue=Cue(cue.start + delta, cue.end + delta, cue.text, cue.lemma) if cue else None,
                said_on=said,
            ))
        for d in p.a.dates:
            if _inside(p.lo, p.hi, (d.start, d.end)):
                dates.append(replace(d, start=d.start + delta, end=d.end + delta))
        texts.append(p.text())
        pos += len(texts[-1]) + 2  # the "\n\n" between pieces
    text = "\n\n".join(texts)
    title = text.split("\n", 1)[0][:120]
    article = Article(id=article_id, doc_id=f"bench-{index:05d}", origin="bench", text=text,
                      text_hash=text_hash(text), language="en", title=title,
                      published=published, site=site, input_format="text")
    return Analysis(article, tuple(entities), tuple(statements), tuple(dates))


def synthetic(analyses: Sequence[Analysis], n: int, seed: int = 7) -> Iterator[Analysis]:
    rng = random.Random(seed)
    paras = [paragraphs(a.article.text) for a in analyses]
    usable = [i for i, p in enumerate(paras) if len(p) >= 3]
    start = dt.date(2016, 1, 1)
    for i in range(n):
        pieces = []
        for j in range(3):
            k = rng.choice(usable)
            ps = paras[k]
            first = rng.randrange(0, max(1, len(ps) - 2))
            last = min(len(ps) - 1, first + rng.randrange(1, 6))
            pieces.append(Piece(analyses[k], ps[first][0], ps[last][1], f"{j}-"))
        published = (start + dt.timedelta(days=rng.randrange(366))).isoformat()
        yield recombine(pieces, content_id("bench", i), published, pieces[0].a.article.site, i)


def build(db: Path, n: int, n_real: int, workers: int) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    analyses = real_analyses(n_real, workers)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_store(str(db)) as store:
        batch: list[Analysis] = []

        def flush() -> None:
            with store.write("bulk insert") as conn:
                for a in batch:
                    write.insert_article(conn, write.article_rows(a, now))
                    corrections.apply_corrections(conn, a.article.id)  # as Store.save does
            batch.clear()

        for count, analysis in enumerate(synthetic(analyses, n), 1):
            batch.append(analysis)
            if len(batch) >= 500:
                flush()
                print(f"\r{count} articles", end="", file=sys.stderr)
        if batch:
            flush()
        counts = store.counts()
        with store.write("analyse") as conn:
            conn.exec_driver_sql("ANALYZE")
    print(f"\nstored {counts} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


# ---------------------------------------------------------------------------------------
# Timing


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _targets(client: httpx.Client, rng: random.Random, n: int,
             corpus_ids: Sequence[str]) -> dict[str, list[str]]:
    top = client.get("/api/entities", params={"limit": 200}).json()["items"]
    names = [e["name"] for e in top]
    heavy = names[:5]  # the entities that said most: the slowest entity pages
    articles = client.get("/api/articles", params={"limit": 200}).json()["items"]
    ids = [a["id"] for a in articles]
    sites = sorted({a["site"] for a in articles if a["site"]}) or ["x"]

    def pick(items: Sequence[str]) -> list[str]:
        return [rng.choice(items) for _ in range(n)]

    words = pick(SEARCH_WORDS)
    people = [heavy[i % len(heavy)] if i % 4 == 0 else rng.choice(names) for i in range(n)]
    return {
        "search page (newest first)": ["/" for _ in range(n)],
        "search page (words)": [f"/?q={quote(w)}" for w in words],
        "search page (speaker + words)": [
            f"/?q={quote(w)}&speaker={quote(p.split()[-1])}" for w, p in zip(words, people,
                                                                            strict=True)],
        "entity page": [f"/entities/{quote(p, safe='')}" for p in people],
        "article page": [f"/articles/{a}" for a in pick(ids)],
        "API statements (newest first)": [
            f"/api/statements?sort={rng.choice(['-said_on', 'said_on'])}" for _ in range(n)],
        "API statements (words)": [f"/api/statements?q={quote(w)}" for w in words],
        "API statements (speaker)": [
            f"/api/statements?speaker={quote(p)}&limit=50" for p in people],
        "API entity": [f"/api/entities/{quote(p, safe='')}" for p in people],
        "API entity search": [f"/api/entities?q={quote(p.split()[-1][:5])}" for p in people],
        "API article": [f"/api/articles/{a}" for a in pick(ids)],
        "API articles (outlet)": [f"/api/articles?source={quote(s[:6])}" for s in pick(sites)],
        # across articles: the 5 largest corpus entities a quarter of the time
        "across-articles page (search)": [f"/corpus?q={quote(p.split()[-1][:5])}"
                                          for p in people],
        "corpus entity page": [f"/corpus/{c}" for c in _corpus_pick(corpus_ids, rng, n)],
        "API corpus entity": [f"/api/corpus-entities/{c}"
                              for c in _corpus_pick(corpus_ids, rng, n)],
    }


def _corpus_pick(ids: Sequence[str], rng: random.Random, n: int) -> list[str]:
    return [ids[i % 5] if i % 4 == 0 else rng.choice(ids) for i in range(n)] if ids else []


def measure(db: Path, requests: int, corpus_ids: Sequence[str]) -> dict[str, dict[str, float]]:
    port = _free_port()
    env = os.environ | {"WHOSAID_TOKEN": "bench"}
    server = subprocess.Popen([sys.executable, "-c", "from whosaid.cli import app; app()",
                               "serve", "--db", str(db), "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/api/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            rng = random.Random(11)
            targets = _targets(client, rng, requests, corpus_ids)
            results: dict[str, dict[str, float]] = {}
            for label, urls in targets.items():
                for url in urls[:3]:  # warm-up: caches, first compilations
                    client.get(url)
                times = []
                for url in urls:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                    if response.status_code >= 500:
                        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
                times.sort()
                results[label] = {
                    "median_ms": statistics.median(times),
                    "p95_ms": times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)],
                    "max_ms": times[-1],
                    "requests": len(times),
                }
            return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--real", type=int, default=300)
    parser.add_argument("--db", type=Path, default=Path("build/bench-serve.db"))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true",
                        help="make the database (steps 1-2) and stop: no corpus or claims "
                        "pass, no requests (bench/corpus_blocks.py times the passes)")
    args = parser.parse_args()
    if not POLNEAR.exists():
        raise SystemExit(f"{POLNEAR} is absent: the benchmark needs ../shared/data/polnear")
    if args.rebuild or not args.db.exists():
        build(args.db, args.articles, args.real, args.workers)
    if args.build_only:
        return
    with open_store(str(args.db)) as store:
        counts = store.counts()
        if store_corpus.corpus_size(store) == 0:
            summary = build_corpus_entities(store)
            print(f"corpus pass: {summary.members:,} article entities -> "
                  f"{summary.entities:,} corpus entities in {summary.seconds:.1f} s",
                  file=sys.stderr)
        with store.read("check the claims") as conn:
            claims_built = store_claims.claims_built(conn)
        if not claims_built:  # else the load benchmark's first post would build them all
            claims = build_claims(store)
            print(f"claims pass: {claims.claims:,} claims in {claims.seconds:.1f} s",
                  file=sys.stderr)
        corpus_ids = [r["id"] for r in store_corpus.corpus_entities_rows(store, limit=200)]
    results = measure(args.db, args.requests, corpus_ids)
    print(f"\n{counts['articles']:,} articles, {counts['statements']:,} statements, "
          f"{counts['entities']:,} entities; SQLite; {args.requests} requests each\n")
    print("| request | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for label, r in results.items():
        print(f"| {label} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} |")
    out = args.db.with_suffix(".latency.json")
    out.write_text(json.dumps({"counts": counts, "results": results}, indent=1),
                   encoding="utf-8")


if __name__ == "__main__":
    main()
