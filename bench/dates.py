"""Tag TempEval-style gold documents with whosaid.dates and score them.

usage: python bench/dates.py GOLD.jsonl[.gz] [GOLD2 ...] [--out PRED.jsonl] [--errors N]
                             [--categories N] [--vague]

    python bench/dates.py ../shared/data/tempeval/timebank.jsonl.gz \\
        ../shared/data/tempeval/aquaint.jsonl.gz --categories 5

GOLD lines: {"id", "dct": "YYYY-MM-DD", "text", "timexes": [...]}. Predictions are written as
{"id", "timexes": [{"start", "end", "type", "value"}]} to --out (one gold file; otherwise a
temporary file per corpus); when the shared scorer (../shared/bench/temporal/score.py) is
present it is run on them and its table printed, then one summary line per corpus: DATE value
P/R/F1, DATE and ALL strict (extent) F1, ALL value F1. The tagging speed (documents/s,
excluding I/O; a first pass that includes compiling the rules, and the best of three warm
passes, by the wall clock and by CPU time) is printed either way.

--categories N sorts the DATE errors into kinds (missed, spurious, wrong value by kind: year
inference, weekday direction, quarter anaphora, weeks, vague references ...; wrong extent with
the right value) and prints each kind's count with N examples in context, largest kinds first.

--vague counts, for each vague word ("now", "recent", "soon", "previously" ...), how often the
corpus marks it as a DATE and how many of whosaid's predictions of it are right (an occurrence
inside a longer expression counts: "recent" in "recent years", "earlier" in "a year
earlier"). Since DATE
value F1 = 2 TP / (predicted + gold), one more prediction raises F1 when it is right with a
chance above F1 / 2 (about 0.43 on these corpora): a word the corpus marks less often than
that is better left unmarked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from whosaid.dates import tag_dates

SCORER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "temporal" / "score.py"
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
VAGUE = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def load(path: str) -> list[dict[str, Any]]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def tag(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, float, float]:
    """Predictions for ``docs``, the seconds of a first pass, of the best warm pass, and the
    CPU seconds of the best warm pass (steadier than the wall clock on a loaded machine)."""
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
    first = time.perf_counter() - t0
    warm = cpu = float("inf")
    for _ in range(3):  # again, with every regex compiled: the best of three (a shared machine)
        t1, c1 = time.perf_counter(), time.process_time()
        for doc in docs:
            tag_dates(doc["text"], dt.date.fromisoformat(doc["dct"]) if doc.get("dct") else None)
        warm = min(warm, time.perf_counter() - t1)
        cpu = min(cpu, time.process_time() - c1)
    return preds, first, warm, cpu


def load_scorer(path: str) -> ModuleType | None:
    """The shared scorer as a module (its matching decides what counts as an error)."""
    if not Path(path).is_file():
        return None
    spec = importlib.util.spec_from_file_location("temporal_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- error kinds


def value_kind(value: str) -> str:
    """The shape of a TIMEX3 value: day, week, month, quarter, season, year, decade ..."""
    v = (value or "").upper()
    if v in VAGUE:
        return "vague"
    for kind, pattern in (("time", r".*T.*"), ("day", r"[\dX]{4}-[\dX]{2}-[\dX]{2}"),
                          ("week", r"[\dX]{4}-W.*"), ("month", r"[\dX]{4}-[\dX]{2}"),
                          ("quarter", r"[\dX]{4}-Q.*"), ("half", r"[\dX]{4}-H.*"),
                          ("season", r"[\dX]{4}-(?:SP|SU|FA|WI)"), ("year", r"[\dX]{4}"),
                          ("decade", r"[\dX]{3}"), ("century", r"[\dX]{2}"),
                          ("duration", r"P.*")):
        if re.fullmatch(pattern, v):
            return kind
    return "other" if v else "none"


def wrong_value_kind(text: str, gold: str, pred: str) -> str:
    """Why a matched DATE got the wrong value, by what the words and values say."""
    t, g, p = text.lower(), gold.upper(), pred.upper()
    if g in VAGUE or p in VAGUE:
        return "vague reference (PRESENT_REF ...)"
    if re.search(r"\b(?:ago|earlier|later|before|after|year-ago|year-earlier)\b", t):
        return "ago / earlier / a year earlier"
    if "quarter" in t or "period" in t or "Q" in g[4:6] or "Q" in p[4:6]:
        return "quarter"
    if "fiscal" in t:
        return "fiscal year"
    if WEEKDAY.search(t):
        return "weekday"
    if "W" in g[4:6] or "W" in p[4:6]:
        return "week"
    if value_kind(g) in ("decade", "century") or value_kind(p) in ("decade", "century"):
        return "decade / century"
    if value_kind(g) == "season" or value_kind(p) == "season":
        return "season"
    if len(g) == len(p) and g[4:] == p[4:] and g[:4] != p[:4]:
        return "year inference"
    if re.search(r"\b(?:last|this|next|past|coming|previous)\b", t):
        return "last / this / next"
    if p.startswith(g) or g.startswith(p):
        return "granularity"
    return "other"


def categorize(score: ModuleType, gold: list[dict[str, Any]], preds: list[dict[str, Any]]
               ) -> dict[str, list[str]]:
    """DATE errors by kind, each as a line: gold -> prediction, in context."""
    by_id = {p["id"]: p for p in preds}
    kinds: dict[str, list[str]] = defaultdict(list)
    for doc in gold:
        text = doc["text"]
        golds, found, pairs = score.match_doc(doc, by_id.get(doc["id"]))
        g2p, p2g = dict(pairs), {pi: gi for gi, pi in pairs}

        def where(s: int, e: int, text: str = text) -> str:
            before = text[max(0, s - 60) : s].replace("\n", " ")
            after = text[e : e + 40].replace("\n", " ")
            return f"{before}[[{text[s:e]}]]{after}"

        for gi, g in enumerate(golds):
            if g["type"] != "DATE":
                continue
            pi = g2p.get(gi)
            if pi is None:
                kinds[f"missed: {value_kind(g['value'])}"].append(
                    f"{doc['dct']} gold {g['value']}: {where(g['s'], g['e'])}")
                continue
            p = found[pi]
            gv, pv = score.norm_value(g["value"]), score.norm_value(p["value"])
            if gv != pv:
                kind = wrong_value_kind(text[g["s"] : g["e"]], gv, pv)
                kinds[f"wrong value: {kind}"].append(
                    f"{doc['dct']} gold {gv} pred {pv} ({text[p['s']:p['e']]!r}): "
                    f"{where(g['s'], g['e'])}")
            elif (g["s"], g["e"]) != (p["s"], p["e"]):
                kinds["wrong extent (value right)"].append(
                    f"pred {text[p['s']:p['e']]!r}: {where(g['s'], g['e'])}")
        for pi, p in enumerate(found):
            if pi not in p2g and p["type"] == "DATE":
                kinds[f"spurious: {value_kind(p['value'])}"].append(
                    f"{doc['dct']} pred {p['value']}: {where(p['s'], p['e'])}")
    return kinds


VAGUE_WORDS = ("now", "current", "currently", "recently", "recent", "soon", "the future",
               "future", "the past", "previously", "already", "formerly", "former", "once",
               "then", "earlier", "later", "lately", "presently", "at the moment")


def vague_counts(score: ModuleType, gold: list[dict[str, Any]], preds: list[dict[str, Any]]
                 ) -> dict[str, tuple[int, int, int, int]]:
    """For each of VAGUE_WORDS: (occurrences, marked as a gold DATE, predicted as a DATE,
    predicted with the gold value)."""
    by_id = {p["id"]: p for p in preds}
    counts: dict[str, list[int]] = {w: [0, 0, 0, 0] for w in VAGUE_WORDS}
    patterns = {w: re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE)
                for w in VAGUE_WORDS}
    for doc in gold:
        text, found = doc["text"], by_id.get(doc["id"], {}).get("timexes", [])
        golds = [g for g in doc["timexes"] if g["type"] == "DATE"]
        for word, pattern in patterns.items():
            for m in pattern.finditer(text):
                c = counts[word]
                c[0] += 1
                g = next((g for g in golds if g["start"] < m.end() and m.start() < g["end"]),
                         None)
                p = next((p for p in found if p["start"] < m.end() and m.start() < p["end"]
                          and p.get("type", "DATE") == "DATE"), None)
                c[1] += g is not None
                c[2] += p is not None
                c[3] += g is not None and p is not None and \
                    score.norm_value(g["value"]) == score.norm_value(p["value"])
    return {w: (c[0], c[1], c[2], c[3]) for w, c in counts.items()}


def print_vague(counts: dict[str, tuple[int, int, int, int]], f1: float) -> None:
    print(f"vague words (break-even precision F1/2 = {f1 / 2:.2f}): "
          "word, occurrences, marked DATE, predicted, predicted right")
    for word, (n, marked, pred, right) in counts.items():
        if n:
            share = marked / n
            print(f"  {word:14s} {n:4d} {marked:4d} ({share:4.0%}) {pred:4d} {right:4d}")


def print_categories(kinds: dict[str, list[str]], n: int) -> None:
    print("DATE errors by kind (count, then examples):")
    for kind, lines in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(lines):4d}  {kind}")
        for line in lines[:n]:
            print(f"          {line}")


# --------------------------------------------------------------------------- main


def run_one(path: str, args: argparse.Namespace, score: ModuleType | None) -> str:
    """Tag, write, score and (optionally) categorise one corpus; its summary line."""
    docs = load(path)
    preds, first, warm, cpu = tag(docs)
    if args.out and len(args.gold) == 1:
        out = Path(args.out)
    else:
        out = Path(tempfile.mkstemp(prefix="whosaid-dates-", suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    name = Path(path).name.split(".")[0]
    print(f"== {name}: predictions {out}")
    speed = (f"{len(docs)} documents, first pass {len(docs) / first:.0f} documents/s "
             f"(includes compiling), warm {len(docs) / warm:.0f} documents/s "
             f"({len(docs) / cpu:.0f} by CPU time; load average {os.getloadavg()[0]:.1f})")
    if score is None:
        print(f"scorer not found at {args.scorer}; skipping scoring", file=sys.stderr)
        print(speed)
        return f"{name}: {speed}"
    cmd = [sys.executable, args.scorer, path, str(out)]
    if args.errors:
        cmd += ["--errors", str(args.errors)]
    subprocess.run(cmd, check=True)
    rows, _ = score.score({d["id"]: d for d in docs}, {p["id"]: p for p in preds})
    if args.categories:
        print_categories(categorize(score, docs, preds), args.categories)
    d, a = rows["DATE"], rows["ALL"]
    if args.vague:
        print_vague(vague_counts(score, docs, preds), d["value_f1"])
    print(speed)
    return (f"{name:9s} DATE value P {d['value_p']:.3f} R {d['value_r']:.3f} "
            f"F1 {d['value_f1']:.3f} | DATE extent F1 {d['strict_f1']:.3f} | "
            f"ALL value F1 {a['value_f1']:.3f} extent F1 {a['strict_f1']:.3f} | "
            f"warm {len(docs) / warm:.0f} docs/s ({len(docs) / cpu:.0f} by CPU time, "
            f"load {os.getloadavg()[0]:.1f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL files (optionally .gz)")
    ap.add_argument("--out", help="write predictions here (one gold file; default: a "
                    "temporary file)")
    ap.add_argument("--errors", type=int, default=0, help="ask the scorer for N error lines")
    ap.add_argument("--categories", type=int, default=0, metavar="N",
                    help="DATE errors by kind, with N examples of each")
    ap.add_argument("--vague", action="store_true",
                    help="how often each vague word is marked, against F1/2")
    ap.add_argument("--scorer", default=str(SCORER), help="path of the shared score.py")
    args = ap.parse_args(argv)
    score = load_scorer(args.scorer)
    summary = [run_one(path, args, score) for path in args.gold]
    print("== summary")
    for line in summary:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
