"""Tag TempEval-style gold documents with whosaid.dates and score them.

usage: python bench/dates.py GOLD.jsonl[.gz] [--out PRED.jsonl] [--errors N]

GOLD lines: {"id", "dct": "YYYY-MM-DD", "text", "timexes": [...]}. Predictions are written as
{"id", "timexes": [{"start", "end", "type", "value"}]} to --out (or a temporary file); when the
shared scorer (../shared/bench/temporal/score.py) is present it is run on them and its table
printed. The tagging speed (documents/s, excluding I/O; a first pass and a warm second pass)
is printed either way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from whosaid.dates import tag_dates

SCORER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "temporal" / "score.py"


def load(path: str) -> list[dict[str, Any]]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", help="gold JSONL (optionally .gz)")
    ap.add_argument("--out", help="write predictions here (default: a temporary file)")
    ap.add_argument("--errors", type=int, default=0, help="ask the scorer for N error lines")
    ap.add_argument("--scorer", default=str(SCORER), help="path of the shared score.py")
    args = ap.parse_args(argv)

    docs = load(args.gold)
    preds: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for doc in docs:
        dct = dt.date.fromisoformat(doc["dct"]) if doc.get("dct") else None
        found = tag_dates(doc["text"], dct)
        preds.append({
            "id": doc["id"],
            "timexes": [
                {"start": e.start, "end": e.end, "type": e.type, "value": e.value or ""}
                for e in found
            ],
        })
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()  # again, with every regex already compiled
    for doc in docs:
        tag_dates(doc["text"], dt.date.fromisoformat(doc["dct"]) if doc.get("dct") else None)
    warm = time.perf_counter() - t1

    if args.out:
        out = Path(args.out)
    else:
        out = Path(tempfile.mkstemp(prefix="whosaid-dates-", suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    print(f"predictions: {out}")

    if Path(args.scorer).is_file():
        cmd = [sys.executable, args.scorer, args.gold, str(out)]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=True)
    else:
        print(f"scorer not found at {args.scorer}; skipping scoring", file=sys.stderr)
    print(f"documents: {len(docs)}  first pass: {elapsed * 1000:.1f} ms "
          f"({len(docs) / elapsed:.0f} documents/s, includes compiling)  "
          f"warm: {warm * 1000:.1f} ms ({len(docs) / warm:.0f} documents/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
