"""Attribution benchmark: whosaid on gold texts, scored by the shared scorer, with speed.

    python bench/attribution.py ../shared/data/polnear/dev.jsonl.gz [--out PRED.jsonl]

Writes predictions in the shared scorer's format, prints the scorer's table, then the
words/s of whosaid's analysis next to a bare spaCy ``nlp.pipe`` over the same texts, in
the same process.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--out", type=Path, help="where to write predictions (default: a temp file)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--no-speed", action="store_true", help="skip the bare spaCy comparison")
    args = ap.parse_args()

    gold = read_jsonl(args.gold)[: args.limit]
    texts = [g["text"] for g in gold]
    words = sum(len(t.split()) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    inputs = work / "gold.jsonl"
    with inputs.open("w", encoding="utf-8") as fh:
        for g in gold:
            fh.write(json.dumps({"id": g["id"], "text": g["text"]}) + "\n")
    settings = Settings()
    analyzer = Analyzer(settings)  # the model loads outside the timing, as for bare spaCy

    # the whole of `whosaid analyze`: ingest, clean, analyse, store, --jsonl-out
    t0 = time.perf_counter()
    with open_store(str(work / "bench.db")) as store, (work / "out.jsonl").open("w") as out_fh:
        summary = run_analyze([inputs], settings, store, jsonl_out=out_fh, analyzer=analyzer)
    t_whosaid = time.perf_counter() - t0
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
        subprocess.run([sys.executable, str(SCORER), str(args.gold), str(out)], check=False)
    else:
        print(f"scorer not found at {SCORER}; skipping the score")

    print(f"\nwhosaid analyze (ingest, clean, analyse, store): {t_whosaid:.1f} s, "
          f"{words / t_whosaid:,.0f} words/s "
          f"({len(gold)} articles, {words:,} words)")
    if not args.no_speed:
        bare = spacy.load(settings.model)
        list(bare.pipe(texts[:2]))
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        t_bare = time.perf_counter() - t0
        print(f"bare spaCy nlp.pipe: {t_bare:.1f} s, {words / t_bare:,.0f} words/s")
        print(f"ratio whosaid / bare spaCy: {t_bare / t_whosaid:.2f}x the words/s")


if __name__ == "__main__":
    main()
