"""Attribution benchmark: whosaid on gold texts, scored by the shared scorer, with speed.

    python bench/attribution.py ../shared/data/polnear/dev.jsonl.gz [--out PRED.jsonl]

Writes predictions in the shared scorer's format, prints the scorer's table, then the
words/s of whosaid's analysis next to a bare spaCy ``nlp.pipe`` over the same texts, in
the same process, both warm (bare spaCy parses two texts first; whosaid analyses two
articles first, and that start-up is printed apart). Speeds are CPU time of this process
(``time.process_time``), so a busy machine moves them less; wall time is printed beside it.
``--repeat N`` times both sides N times, alternating, and gives the ratio of the fastest of
each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy

from whosaid.analysis import Analyzer
from whosaid.settings import Settings
from whosaid.store import open_store
from whosaid.usecases import run_analyze

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent / "shared" / "bench" / "attribution" / "score.py"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return [json.loads(line) for line in fh if line.strip()]


def prediction(line: dict[str, Any]) -> dict[str, Any]:
    """A scorer line from one ``analyze --jsonl-out`` line."""
    out = []
    for st in line["statements"]:
        out.append({
            "content": {"start": st["content"]["start"], "end": st["content"]["end"]},
            "fragments": st["content"]["fragments"],
            "speaker": None if st["speaker"] is None else {"start": st["speaker"]["start"],
                                                           "end": st["speaker"]["end"]},
            "cue": None if st["cue"] is None else {"start": st["cue"]["start"],
                                                   "end": st["cue"]["end"]},
            "kind": st["kind"],
            "mode": st["mode"],
        })
    return {"id": line["id"], "statements": out}


def scored_gold(path: Path, gold: list[dict[str, Any]], work: Path) -> Path:
    """The gold the scorer reads: the whole file, or with ``--limit`` only the articles
    analysed (scored against the whole file, every article left out counted its gold
    statements as missed)."""
    if len(gold) == len(read_jsonl(path)):
        return path
    limited = work / "gold-limited.jsonl"
    with limited.open("w", encoding="utf-8") as fh:
        for g in gold:
            fh.write(json.dumps(g) + "\n")
    return limited


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--out", type=Path, help="where to write predictions (default: a temp file)")
    ap.add_argument("--limit", type=int,
                    help="only the first N articles (and only they are scored)")
    ap.add_argument("--no-speed", action="store_true", help="skip the bare spaCy comparison")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time both sides this many times, alternating (default 1)")
    args = ap.parse_args()

    gold = read_jsonl(args.gold)[: args.limit]
    texts = [g["text"] for g in gold]
    words = sum(len(t.split()) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    inputs, warm_inputs = work / "gold.jsonl", work / "warm.jsonl"
    for path, docs in ((inputs, gold), (warm_inputs, gold[:2])):
        with path.open("w", encoding="utf-8") as fh:
            for g in docs:
                fh.write(json.dumps({"id": g["id"], "text": g["text"]}) + "\n")
    settings = Settings()
    analyzer = Analyzer(settings)  # the model loads outside the timing, as for bare spaCy
    # and both sides are warm, as bare spaCy is below: whosaid's rule tables and patterns
    # compile on their first use, once per process (timed apart and printed)
    c0 = time.process_time()
    with open_store(str(work / "warm.db")) as store:
        run_analyze([warm_inputs], settings, store, analyzer=analyzer)
    cpu_start = time.process_time() - c0

    # the whole of `whosaid analyze`: ingest, clean, analyse, store, --jsonl-out
    def run_whosaid(n: int) -> tuple[float, float, Any]:
        db, jsonl = work / f"bench{n}.db", work / "out.jsonl"
        w0, c0 = time.perf_counter(), time.process_time()
        with open_store(str(db)) as store, jsonl.open("w") as out_fh:
            result = run_analyze([inputs], settings, store, jsonl_out=out_fh,
                                 analyzer=analyzer)
        return time.process_time() - c0, time.perf_counter() - w0, result

    cpu_whosaid, t_whosaid, summary = run_whosaid(0)
    for f in summary.failures:
        print(f"failed: {f.message}", file=sys.stderr)
    with (work / "out.jsonl").open(encoding="utf-8") as fh:
        preds = [prediction(json.loads(line)) for line in fh]

    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl", prefix="whosaid-pred-")[1])
    with out.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    n_pred = sum(len(p["statements"]) for p in preds)
    print(f"predictions: {out} ({n_pred} statements, {len(gold)} articles)")

    if SCORER.exists():
        subprocess.run([sys.executable, str(SCORER), str(scored_gold(args.gold, gold, work)),
                        str(out)], check=False)
    else:
        print(f"scorer not found at {SCORER}; skipping the score")

    print(f"\nwhosaid analyze (ingest, clean, analyse, store): {cpu_whosaid:.1f} s CPU "
          f"({t_whosaid:.1f} s wall), {words / cpu_whosaid:,.0f} words/s CPU "
          f"({len(gold)} articles, {words:,} words); before it, start-up on the first two "
          f"articles {cpu_start:.1f} s CPU, once per process")
    if args.no_speed:
        return
    bare = spacy.load(settings.model)
    list(bare.pipe(texts[:2]))

    def run_bare() -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        return time.process_time() - c0, time.perf_counter() - w0

    cpu_bare, t_bare = run_bare()
    best_whosaid, best_bare = cpu_whosaid, cpu_bare
    for n in range(1, args.repeat):
        best_whosaid = min(best_whosaid, run_whosaid(n)[0])
        best_bare = min(best_bare, run_bare()[0])
        print(f"repeat {n + 1}: whosaid {words / best_whosaid:,.0f}, bare "
              f"{words / best_bare:,.0f} words/s CPU (fastest so far)")
    print(f"bare spaCy nlp.pipe: {cpu_bare:.1f} s CPU ({t_bare:.1f} s wall), "
          f"{words / cpu_bare:,.0f} words/s CPU")
    fastest = f", fastest of {args.repeat}" if args.repeat > 1 else ""
    print(f"ratio whosaid / bare spaCy: {best_bare / best_whosaid:.2f}x the words/s "
          f"(CPU{fastest}; "
          f"wall, first run: {t_bare / t_whosaid:.2f}x)")


if __name__ == "__main__":
    main()
