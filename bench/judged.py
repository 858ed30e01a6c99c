"""Hand-judged precision on general news pages (issue 12, item 6): of a seeded sample of the
statements whosaid finds in 181 real news pages, how many are real statements with the right
speaker, and what the wrong ones are.

    python bench/judged.py                          # the figures from the judgement file
    python bench/judged.py --sample PAGES_DIR --out NEW.jsonl   # draw a sample again

``PAGES_DIR`` is ``../shared/data/extraction/news-pages.tar.gz`` unpacked (``html/`` and
``gold.jsonl``). Sampling analyses every page with :func:`whosaid.analyze` (HTML in, the
page's address from ``gold.jsonl``), then draws statements with a fixed seed, at most
``--per-page`` from one page. The judgements (``judgements.jsonl``, one line a sampled
statement: ``real``, ``speaker_right``, ``content_ok``, ``category``, ``note``) were made by
reading each statement's context, not by whosaid; ``bench/data/judged/README.md`` gives the
rules and the commit judged.

Printed: % real, % real with the right speaker (the issue's figure: at least 90%), % content
ok, the same by confidence band (<0.6, 0.6-0.8, >=0.8) and by kind, the wrong ones by
category, and a list of every wrong one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "judged"
CONTEXT = 150  # characters each side of the content: about 300 of context in all


def bands(confidence: float) -> str:
    """The confidence band a statement falls in."""
    if confidence < 0.6:
        return "<0.6"
    if confidence < 0.8:
        return "0.6-0.8"
    return ">=0.8"


def draw(pages: Path, size: int, per_page: int, seed: int) -> list[dict[str, Any]]:
    """Analyse every page and draw ``size`` statements, no page giving more than ``per_page``."""
    import whosaid

    urls = {}
    for line in (pages / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        urls[row["id"]] = row["url"]
    pool: list[dict[str, Any]] = []
    for path in sorted((pages / "html").glob("*.html")):
        page = path.stem
        try:
            analysis = whosaid.analyze(path.read_text(encoding="utf-8", errors="replace"),
                                       html=True, url=urls.get(page), doc_id=page)
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the sample
            print(f"{page}: {exc}")
            continue
        text = analysis.article.text
        for st in analysis.statements:
            sp = st.speaker
            lo, hi = st.content.start, st.content.end
            pool.append({
                "page": page, "url": urls.get(page), "statement": st.id,
                "speaker_mention": sp.text if sp else None,
                "speaker_entity": sp.entity if sp else None,
                "cue": st.cue.text if st.cue else None,
                "content": st.content.text, "kind": st.kind, "mode": st.mode,
                "confidence": round(st.confidence, 3),
                "context": text[max(0, lo - CONTEXT):hi + CONTEXT]
                if hi - lo < 2 * CONTEXT else text[max(0, lo - CONTEXT):lo + 2 * CONTEXT],
            })
    rng = random.Random(seed)
    rng.shuffle(pool)
    taken: Counter[str] = Counter()
    sample = []
    for row in pool:
        if taken[row["page"]] < per_page:
            taken[row["page"]] += 1
            sample.append(row)
        if len(sample) == size:
            break
    print(f"{len(pool)} statements in {len(urls)} pages; sampled {len(sample)} "
          f"from {len(taken)} pages")
    return sample


def wilson(part: int, whole: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson interval of a proportion: 157/220 is 0.65-0.77."""
    if not whole:
        return 0.0, 0.0
    p = part / whole
    mid = (p + z * z / (2 * whole)) / (1 + z * z / whole)
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / (1 + z * z / whole)
    return mid - half, mid + half


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "   - (0/0)"


def report(rows: Sequence[dict[str, Any]]) -> None:
    """Print the figures of a judgement file."""
    def line(label: str, group: Sequence[dict[str, Any]]) -> None:
        real = [r for r in group if r["real"]]
        right = [r for r in real if r["speaker_right"]]
        ok = [r for r in real if r["content_ok"]]
        print(f"  {label:<14} n={len(group):<4} real {pct(len(real), len(group))}  "
              f"real+speaker {pct(len(right), len(group))}  "
              f"content ok (of real) {pct(len(ok), len(real))}")

    print(f"judged statements: {len(rows)}")
    line("all", rows)
    right = sum(1 for r in rows if r["real"] and r["speaker_right"])
    lo, hi = wilson(right, len(rows))
    print(f"  real with the right speaker: 95% interval {100 * lo:.1f}-{100 * hi:.1f}% "
          f"(issue 12 asks for at least 90%)")
    print("by confidence band:")
    by_band: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_band[bands(r["confidence"])].append(r)
    for band in ("<0.6", "0.6-0.8", ">=0.8"):
        line(band, by_band[band])
    print("by kind:")
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
    for kind in sorted(by_kind):
        line(kind, by_kind[kind])
    wrong = [r for r in rows if not (r["real"] and r["speaker_right"])]
    cut = [r for r in rows if r["real"] and r["speaker_right"] and not r["content_ok"]]
    print(f"not a real statement with the right speaker, by category ({len(wrong)}):")
    for cat, n in Counter(r["category"] for r in wrong).most_common():
        print(f"  {cat:<24} {n}")
    print(f"real, right speaker, content not ok, by category ({len(cut)}):")
    for cat, n in Counter(r["category"] for r in cut).most_common():
        print(f"  {cat:<24} {n}")
    print("the wrong ones:")
    for r in [*wrong, *cut]:
        print(f"  [{r['category']}] conf {r['confidence']:.2f} {r['statement']}: "
              f"{r['speaker_mention']!r}/{r['speaker_entity']!r} {r['cue']!r} - {r['note']}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=Path, metavar="PAGES_DIR",
                        help="draw the sample again from the unpacked news pages")
    parser.add_argument("--size", type=int, default=220)
    parser.add_argument("--per-page", type=int, default=4)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=DATA / "sample.jsonl",
                        help="the sample file (written by --sample, read otherwise)")
    parser.add_argument("--judgements", type=Path, default=DATA / "judgements.jsonl")
    args = parser.parse_args(argv)
    if args.sample:
        if args.out.exists():
            raise SystemExit(f"{args.out} exists and its judgements are made: give --out NEW.jsonl")
        drawn = draw(args.sample, args.size, args.per_page, args.seed)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as out:
            for row in drawn:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    sampled: dict[str, dict[str, Any]] = {}
    for line in args.out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sampled[row["statement"]] = row
    rows = []
    for line in args.judgements.read_text(encoding="utf-8").splitlines():
        judged = json.loads(line)
        rows.append({**sampled[judged["statement"]], **judged})
    report(rows)


if __name__ == "__main__":
    main()
