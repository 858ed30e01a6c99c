"""Confidence calibration: does a statement's confidence say how often it is right?

    python bench/calibration.py analyse ../shared/data/polnear/train.jsonl.gz \
        --out build/calibration/train.jsonl [--limit 300]
    python bench/calibration.py fit build/calibration/train.jsonl --omit tagger \
        [--out src/whosaid/data/calibration.json]
    python bench/calibration.py report ../shared/data/polnear/dev.jsonl.gz \
        [--cache build/calibration/dev.jsonl]

``analyse`` runs whosaid over gold articles and writes, for every statement, the features
calibration reads (``attribution/calibration.py``), the passes' own confidence, the
calibrated one and whether the statement is right: its content matches a gold statement
and its speaker the gold source, as the shared scorer counts end-to-end F1 (its one-to-one
matching and ``speaker_ok``, imported from ``../shared/bench/attribution/score.py``).
``fit`` fits the logistic table on such a cache (never on dev). The shipped table omits the
``tagger`` feature (whether the trained tagger read the statement too): the tagger learned
all of PolNeAR train, so on the train articles its readings are right far more often than on
new text, and a weight fitted there over-trusts it (with it, dev ECE 0.051; without, 0.041).
``analyse --tagger WEIGHTS`` analyses with a tagger trained without the fitting articles
(``scripts/train_attribution.py`` on the other train articles), after which the feature can
be fitted honestly. ``report`` prints, before
(the passes' confidence) and after (the shipped table), the reliability table — per tenth
of confidence: count, mean confidence, accuracy — with the expected calibration error
(ECE, 10 equal-width bins), and the end-to-end F1 of the predictions with and without a
``--min-confidence`` filter.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy

from whosaid.analysis import Analyzer
from whosaid.attribution.calibration import FEATURES, Features, Table, logit, recording
from whosaid.clean import clean_document
from whosaid.model import Analysis, SourceDocument
from whosaid.nlp.pipeline import load_pipeline
from whosaid.nlp.tagger import add_to_pipeline
from whosaid.settings import Settings

HERE = Path(__file__).resolve().parent
SCORER_DIR = HERE.parent.parent / "shared" / "bench" / "attribution"
TABLE = HERE.parent / "src" / "whosaid" / "data" / "calibration.json"
BINS = 10
# the L2 penalty of the fit (5-fold cross-validation on PolNeAR train: 0.1, 1 and 10 give
# ECE 0.018, 0.016, 0.016)
PENALTY = 1.0


def scorer() -> Any:
    """The shared scorer's module (its matching is what "right" means here)."""
    if not (SCORER_DIR / "score.py").exists():
        sys.exit(f"the shared scorer is missing: {SCORER_DIR / 'score.py'}")
    sys.path.insert(0, str(SCORER_DIR))
    return importlib.import_module("score")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def span(m: Any) -> dict[str, int] | None:
    return None if m is None else {"start": m.start, "end": m.end}


def rights(score: Any, gold: dict[str, Any], preds: list[dict[str, Any]]) -> list[bool]:
    """For every prediction, whether the scorer counts it end-to-end right: matched one to
    one to a gold content (word Jaccard >= 0.5) with the speaker right."""
    doc = score.Doc(gold["text"])
    golds = gold["statements"]
    g_sets = [doc.tokens([tuple(f) for f in g.get("content_fragments") or [g["content"]]])
              for g in golds]
    g_env = [doc.tokens([tuple(g["content"])]) for g in golds]
    p_sets = [doc.tokens([(p["content"]["start"], p["content"]["end"])]) for p in preds]
    out = [False] * len(preds)
    for gi, pi in score.match(g_sets, p_sets, g_env, exact=False).items():
        spk = preds[pi]["speaker"]
        out[pi] = bool(score.speaker_ok(doc, golds[gi], None if spk is None else
                                        (spk["start"], spk["end"]), use_coref=False))
    return out


def analyse(gold_path: Path, out: Path, limit: int | None, tagger: Path | None = None
            ) -> None:
    """Analyse the gold articles one at a time and write the cache (one article a line);
    ``tagger``: weights to use instead of the shipped tagger's."""
    score = scorer()
    gold = read_jsonl(gold_path)[:limit]
    settings = Settings()
    nlp = None
    if tagger is not None:
        nlp = load_pipeline(settings.model, learned=False)
        add_to_pipeline(nlp, tagger.read_bytes())
    analyzer = Analyzer(settings, nlp=nlp)
    out.parent.mkdir(parents=True, exist_ok=True)
    skipped = n = 0
    t0 = time.perf_counter()
    tmp = out.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for g in gold:
            source = SourceDocument(doc_id=g["id"], origin=f"{gold_path.name}:{g['id']}",
                                    text=g["text"])
            with recording() as rows:
                result = next(iter(analyzer.analyze_many([clean_document(source, settings)])))
            if not isinstance(result, Analysis) or result.article.text != g["text"] or \
                    len(rows) != len(result.statements):
                skipped += 1  # offsets would not be the gold's, or rows not the statements
                continue
            preds: list[dict[str, Any]] = [
                {"content": {"start": st.content.start, "end": st.content.end},
                 "speaker": span(st.speaker), "cue": span(st.cue)}
                for st in result.statements]
            for p, row, ok in zip(preds, rows, rights(score, g, preds), strict=True):
                p.update(features=row.features.categories(), raw=row.features.raw,
                         confidence=row.confidence, right=ok)
            fh.write(json.dumps({"id": g["id"], "statements": preds}) + "\n")
            n += 1
    tmp.replace(out)
    print(f"{out}: {n} articles ({skipped} skipped), {time.perf_counter() - t0:.0f} s")


def statements(cache: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [st for doc in cache for st in doc["statements"]]


def feature_rows(sts: Sequence[dict[str, Any]]) -> list[Features]:
    return [Features(**st["features"], raw=st["raw"]) for st in sts]


# categories whose weights may not fall along these orders (lowest first), so that a direct
# quotation with a named speaker never ranks below a pronoun's indirect statement for its
# category alone: a violating pair is tied into one weight and the model fitted again (the
# passes' own confidence keeps the finer order: it adds 0.1 to a direct quotation, takes
# 0.1 from a pronoun speaker)
ORDERS = {"kind": ("indirect", "mixed", "direct"),
          "speaker": ("none", "pronoun", "role", "named")}

Column = tuple[str, tuple[str, ...]]  # a feature and the categories that share one weight


def design(rows: Sequence[Features], columns: list[Column]) -> numpy.ndarray:
    x = numpy.zeros((len(rows), 2 + len(columns)))
    index = {(name, v): i for i, (name, values) in enumerate(columns) for v in values}
    for r, f in enumerate(rows):
        x[r, 0] = 1.0
        x[r, 1] = logit(f.raw)
        for name, value in f.categories().items():
            if (name, value) in index:
                x[r, 2 + index[(name, value)]] = 1.0
    return x


def newton(x: numpy.ndarray, y: numpy.ndarray) -> numpy.ndarray:
    """L2-penalised logistic regression (the intercept not shrunk), by Newton's method."""
    w = numpy.zeros(x.shape[1])
    penalty = numpy.full(x.shape[1], PENALTY)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + numpy.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + numpy.diag(penalty + 1e-9)
        step = numpy.linalg.solve(hess, grad)
        w -= step
        if float(numpy.abs(step).max()) < 1e-8:
            break
    return w


def violation(columns: list[Column], w: numpy.ndarray) -> tuple[int, int] | None:
    """Two columns of one ordered feature whose weights run against its order."""
    for name, order in ORDERS.items():
        cols = [(min(order.index(v) for v in vals), i) for i, (n, vals) in enumerate(columns)
                if n == name and all(v in order for v in vals)]
        cols.sort()
        for (_, a), (_, b) in zip(cols, cols[1:], strict=False):
            if w[2 + a] > w[2 + b]:
                return a, b
    return None


def fit(cache_path: Path, out: Path, min_count: int, omit: Sequence[str] = ()) -> None:
    """Fit the logistic table and write it (``omit``: features given no weight)."""
    sts = statements(read_jsonl(cache_path))
    rows = feature_rows(sts)
    y = numpy.array([1.0 if st["right"] else 0.0 for st in sts])
    counts: dict[tuple[str, str], int] = {}
    for f in rows:
        for c in f.categories().items():
            counts[c] = counts.get(c, 0) + 1
    # a category seen fewer than min_count times keeps weight 0 (the average of its feature)
    columns: list[Column] = sorted((name, (v,)) for (name, v), k in counts.items()
                                   if k >= min_count and name not in omit)
    w = newton(design(rows, columns), y)
    while (pair := violation(columns, w)) is not None:
        a, b = pair
        tied = (columns[a][0], columns[a][1] + columns[b][1])
        columns = [c for i, c in enumerate(columns) if i not in pair] + [tied]
        w = newton(design(rows, columns), y)
    weights: dict[str, dict[str, float]] = {name: {} for name in FEATURES}
    for (name, values), v in zip(columns, w[2:], strict=True):
        for value in values:
            weights[name][value] = round(float(v), 4)
    table = {
        "about": "Statement confidence calibration (attribution/calibration.py): a logistic "
                 "model of the chance that a statement is right (content and speaker as the "
                 "shared scorer's e2e counts them), fitted by bench/calibration.py fit.",
        "fitted_on": f"{cache_path.name}: {len(sts)} statements, {int(y.sum())} right",
        "omitted": sorted(omit),
        "intercept": round(float(w[0]), 4),
        "raw_logit": round(float(w[1]), 4),
        "weights": weights,
    }
    out.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: fitted on {len(sts)} statements ({y.mean():.3f} right), "
          f"{len(columns)} category weights")
    calibrated = [Table.of(table).apply(f) for f in rows]
    print_reliability("train, after (in-sample)", calibrated, [bool(v) for v in y])


def bins(conf: Sequence[float], right: Sequence[bool]) -> list[tuple[int, float, float]]:
    """Per tenth of confidence: (count, mean confidence, accuracy); 1.0 in the last bin."""
    acc: list[list[tuple[float, bool]]] = [[] for _ in range(BINS)]
    for c, r in zip(conf, right, strict=True):
        acc[min(BINS - 1, int(math.floor(c * BINS)))].append((c, r))
    return [(len(b), sum(c for c, _ in b) / len(b) if b else 0.0,
             sum(r for _, r in b) / len(b) if b else 0.0) for b in acc]


def ece(conf: Sequence[float], right: Sequence[bool]) -> float:
    n = len(conf)
    return sum(k * abs(m - a) for k, m, a in bins(conf, right)) / n if n else 0.0


def print_reliability(title: str, conf: Sequence[float], right: Sequence[bool]) -> None:
    print(f"\n{title}: {len(conf)} statements, {sum(right)} right, "
          f"ECE {ece(conf, right):.3f}")
    print(f"{'confidence':<12}{'count':>7}{'mean conf':>11}{'accuracy':>10}")
    for i, (k, m, a) in enumerate(bins(conf, right)):
        label = f"{i / BINS:.1f}-{(i + 1) / BINS:.1f}"
        print(f"{label:<12}{k:>7}" + (f"{m:>11.3f}{a:>10.3f}" if k else f"{'-':>11}{'-':>10}"))


def e2e(score: Any, gold: list[dict[str, Any]], cache: list[dict[str, Any]],
        key: str, threshold: float) -> tuple[int, float]:
    """The scorer's end-to-end F1 over the predictions whose confidence ``key`` is at or
    above ``threshold`` (and how many those are)."""
    preds = {doc["id"]: {"statements": [st for st in doc["statements"]
                                        if st[key] >= threshold]}
             for doc in cache}
    ids = set(preds)
    res = score.score([g for g in gold if g["id"] in ids], preds)
    return sum(len(p["statements"]) for p in preds.values()), float(res["all"]["e2e"][2])


def report(gold_path: Path, cache_path: Path | None, thresholds: list[float],
           table_path: Path = TABLE) -> None:
    score = scorer()
    if cache_path is None or not cache_path.exists():
        cache_path = cache_path or Path("build/calibration") / (gold_path.name.split(".")[0]
                                                               + ".jsonl")
        analyse(gold_path, cache_path, None)
    cache = read_jsonl(cache_path)
    sts = statements(cache)
    right = [bool(st["right"]) for st in sts]
    table = Table.of(json.loads(table_path.read_text(encoding="utf-8")))
    after = [table.apply(f) for f in feature_rows(sts)]
    shipped = [st["confidence"] for st in sts]
    if after != shipped:
        print("note: the cache was made with another table; 'after' is the current table "
              f"({sum(a != s for a, s in zip(after, shipped, strict=True))} differ)")
    print_reliability(f"{gold_path.name}, before (the passes' confidence)",
                      [st["raw"] for st in sts], right)
    print_reliability(f"{gold_path.name}, after (calibrated)", after, right)
    gold = read_jsonl(gold_path)
    conf_after = iter(after)
    for doc in cache:
        for st in doc["statements"]:
            st["after"] = next(conf_after)
    print(f"\n{'--min-confidence':<18}{'kept before':>12}{'e2e F1':>8}{'kept after':>12}"
          f"{'e2e F1':>8}")
    for t in thresholds:
        kb, fb = e2e(score, gold, cache, "raw", t)
        ka, fa = e2e(score, gold, cache, "after", t)
        print(f"{t:<18.2f}{kb:>12}{fb:>8.3f}{ka:>12}{fa:>8.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyse", help="analyse gold articles into a cache")
    a.add_argument("gold", type=Path)
    a.add_argument("--out", type=Path, required=True)
    a.add_argument("--limit", type=int, help="only the first N articles")
    a.add_argument("--tagger", type=Path,
                   help="tagger weights instead of the shipped ones (one trained without "
                        "these articles: the shipped tagger learned all of PolNeAR train)")
    f = sub.add_parser("fit", help="fit the table on a cache (train, never dev)")
    f.add_argument("cache", type=Path)
    f.add_argument("--out", type=Path, default=TABLE)
    f.add_argument("--min-count", type=int, default=20,
                   help="categories seen fewer times keep weight 0")
    f.add_argument("--omit", nargs="*", default=[], choices=FEATURES,
                   help="features to give no weight")
    r = sub.add_parser("report", help="reliability and ECE before and after, and e2e F1")
    r.add_argument("gold", type=Path)
    r.add_argument("--cache", type=Path, help="a cache of these articles (made if missing)")
    r.add_argument("--min-confidence", type=float, nargs="*", default=[0.0, 0.3, 0.5, 0.7],
                   help="thresholds to compare e2e F1 at")
    r.add_argument("--table", type=Path, default=TABLE, help="the table to report on")
    args = ap.parse_args()
    if args.command == "analyse":
        analyse(args.gold, args.out, args.limit, args.tagger)
    elif args.command == "fit":
        if "dev" in args.cache.name:
            sys.exit("fit on train, never on dev")
        fit(args.cache, args.out, args.min_count, args.omit)
    else:
        report(args.gold, args.cache, args.min_confidence, args.table)


if __name__ == "__main__":
    main()
