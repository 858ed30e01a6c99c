"""Positions benchmark: issues and stances against the hand-labelled set.

    python bench/positions.py                  # dev and held-out, figures only
    python bench/positions.py --errors         # and every dev miss (never held-out)
    python bench/positions.py --split dev      # one split (train: the stance model's set)
    python bench/positions.py --split train --errors   # every train miss
    python bench/positions.py --split train --file news_s23   # one data file's items only

The set (``bench/data/positions/*.jsonl``, see the README and GUIDE beside it) gives for
each item a text, the statement's content span, its speaker and the gold positions. Each
text is analysed with ``whosaid.analyze``; the gold statement is *found* when a predicted
statement's content overlaps it by at least half of the gold's characters (the best
overlap wins), and ``find_positions`` then runs on that statement with the analysis's
entities, as the Analyzer will run it. Printed per split:

- found: gold statements matched by a predicted statement;
- issue P/R/F1 over (statement, issue) pairs of the found statements;
- stance accuracy and macro-F1 (supports, opposes, conditional, neutral) over the pairs
  whose issue was found; holder: of those, the holder right (a name matches when one
  holds the other, case folded; the speaker matches the speaker);
- the same on the gold statements themselves ("gold statements": content, speaker and
  PolNeAR's cue as given, entities from the analysis), so that attribution misses do not
  hide stance misses;
- speed: statements/s of ``find_positions`` alone (warm, best of five) and its share of
  ``analyze`` time on the same texts.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import whosaid
from whosaid.model import Analysis, Cue, Entity, Mention, Position, Span, Statement
from whosaid.positions import default_catalogue, find_positions

DATA = Path(__file__).resolve().parent / "data" / "positions"
SPLITS = ("train", "dev", "heldout")
STANCES = ("supports", "opposes", "conditional", "neutral")


def load(only: str | None = None) -> list[dict[str, Any]]:
    """The labelled items of every data file, or of the file named ``only`` (its stem)."""
    items: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        if only is not None and path.stem != only:
            continue
        with path.open(encoding="utf-8") as fh:
            items += [json.loads(line) for line in fh if line.strip()]
    return items


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("’", "'")).split())


def same_name(gold: str | None, mention: Mention | None) -> bool:
    if gold is None or mention is None:
        return gold is None and mention is None
    g = fold(gold)
    names = [fold(mention.text)] + ([fold(mention.entity)] if mention.entity else [])
    return any(g and n and (g in n or n in g) for n in names)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def found_statement(item: dict[str, Any], analysis: Analysis) -> Statement | None:
    gold = (item["content"][0], item["content"][1])
    best = max(analysis.statements, default=None,
               key=lambda s: overlap(gold, (s.content.start, s.content.end)))
    shared = overlap(gold, (best.content.start, best.content.end)) if best else 0
    if best is None or 2 * shared < gold[1] - gold[0]:
        return None
    return best


def gold_statement(item: dict[str, Any], entities: tuple[Entity, ...]) -> Statement:
    """The gold statement as a record: content, the speaker's mention, PolNeAR's cue."""
    text, (cs, ce) = item["text"], item["content"]
    where = [m.start() for m in re.finditer(re.escape(item["speaker"]), text)]
    outside = [w for w in where if not cs <= w < ce] or where
    speaker = None
    if outside:
        start = outside[0]
        end = start + len(item["speaker"])
        linked = next((e for e in entities for m in e.mentions
                       if overlap((m.start, m.end), (start, end))), None)
        speaker = Mention(start, end, text[start:end], linked.id if linked else None,
                          linked.name if linked else None)
    cue = None
    if item.get("cue"):
        qs, qe = item["cue"]
        cue = Cue(qs, qe, text[qs:qe], text[qs:qe].lower())
    return Statement(id=item["id"], article_id=item["id"], kind="indirect",
                     content=Span(cs, ce, text[cs:ce]), fragments=((cs, ce),),
                     speaker=speaker, cue=cue)


@dataclass
class Tally:
    items: int = 0
    found: int = 0
    gold_pairs: int = 0
    pred_pairs: int = 0
    right_pairs: int = 0
    holder_right: int = 0
    stance: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, item: dict[str, Any], statement: Statement, positions: tuple[Position, ...],
            errors: bool) -> None:
        gold = {p["issue"]: p for p in item["positions"]}
        got = {p.issue: p for p in positions}
        self.gold_pairs += len(gold)
        self.pred_pairs += len(got)
        for issue in sorted(set(gold) | set(got)):
            g, p = gold.get(issue), got.get(issue)
            if g is not None and p is not None:
                self.right_pairs += 1
                self.stance.append((g["stance"], p.stance))
                holder_ok = (same_name(g["holder"], p.holder) if g["reported_by"]
                             else p.reported_by is None)
                self.holder_right += holder_ok
                if errors and (g["stance"] != p.stance or not holder_ok):
                    self.errors.append(f"{item['id']}: {issue} gold {g['stance']} "
                                       f"({g['holder']}) got {p.stance} "
                                       f"({p.holder.text if p.holder else None}) "
                                       f"on {p.evidence.text!r}")
            elif errors:
                self.errors.append(f"{item['id']}: {issue} gold {g['stance'] if g else '-'} "
                                   f"got {p.stance if p else '-'}"
                                   + (f" on {p.evidence.text!r}" if p else "")
                                   + f" | {statement.content.text[:160]!r}")

    def lines(self, name: str) -> list[str]:
        p = self.right_pairs / self.pred_pairs if self.pred_pairs else 0.0
        r = self.right_pairs / self.gold_pairs if self.gold_pairs else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = sum(g == s for g, s in self.stance) / len(self.stance) if self.stance else 0.0
        per = []
        for label in STANCES:
            tp = sum(g == s == label for g, s in self.stance)
            gold_n = sum(g == label for g, _ in self.stance)
            pred_n = sum(s == label for _, s in self.stance)
            pp = tp / pred_n if pred_n else 0.0
            rr = tp / gold_n if gold_n else 0.0
            per.append((label, 2 * pp * rr / (pp + rr) if pp + rr else 0.0, gold_n))
        macro = sum(x[1] for x in per) / len(per)
        holder = self.holder_right / len(self.stance) if self.stance else 0.0
        return [f"  {name}: statements {self.found}/{self.items}; issue P {p:.3f} R {r:.3f} "
                f"F1 {f:.3f} (gold {self.gold_pairs}, predicted {self.pred_pairs}); "
                f"stance acc {acc:.3f} macro-F1 {macro:.3f} over {len(self.stance)}; "
                f"holder {holder:.3f}",
                "    per stance F1: " + ", ".join(f"{lab} {v:.2f} (n={n})" for lab, v, n in per),
                "    gold -> got: " + "; ".join(
                    f"{g[:4]} " + " ".join(f"{s[:4]} {sum(x == (g, s) for x in self.stance)}"
                                           for s in STANCES) for g in STANCES)]


def run_split(items: list[dict[str, Any]], errors: bool) -> tuple[list[str], dict[str, float]]:
    catalogue = default_catalogue()
    found, given = Tally(), Tally()
    jobs: list[tuple[list[Statement], str, tuple[Entity, ...]]] = []
    analyze_s = 0.0
    for item in items:
        t0 = time.perf_counter()
        analysis = whosaid.analyze(item["text"])
        analyze_s += time.perf_counter() - t0
        text = analysis.article.text
        assert text == item["text"], f"{item['id']}: stored text differs from the item's"
        found.items += 1
        given.items += 1
        statement = found_statement(item, analysis)
        if statement is not None:
            found.found += 1
            found.add(item, statement, find_positions([statement], text, analysis.entities,
                                                      catalogue), errors)
        gold = gold_statement(item, analysis.entities)
        given.found += 1
        given.add(item, gold, find_positions([gold], text, analysis.entities, catalogue), False)
        jobs.append((list(analysis.statements), text, analysis.entities))
    n_statements = sum(len(s) for s, _, _ in jobs)
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for statements, text, entities in jobs:
            find_positions(statements, text, entities, catalogue)
        best = min(best, time.perf_counter() - t0)
    lines = found.lines("found statements") + given.lines("gold statements")
    lines.append(f"  speed: find_positions {n_statements / best:,.0f} statements/s "
                 f"({n_statements} statements of {len(jobs)} texts in {best * 1000:.1f} ms); "
                 f"{100 * best / analyze_s:.2f}% of analyze time ({analyze_s:.1f} s)")
    if errors:
        lines += ["  misses:"] + [f"    {e}" for e in found.errors]
    return lines, {"statements_per_s": n_statements / best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--file", metavar="STEM",
                        help="score only the items of one data file (a fresh batch: news_s23)")
    parser.add_argument("--errors", action="store_true",
                        help="print the misses of dev and train (never held-out)")
    args = parser.parse_args()
    items = load(args.file)
    whosaid.analyze("Warm-up: the model loads once, he said.")
    sizes = Counter(i["split"] for i in items)
    print(f"positions set: {len(items)} statements ({sizes['train']} train, {sizes['dev']} "
          f"dev, {sizes['heldout']} held-out), {sum(len(i['positions']) for i in items)} "
          "positions")
    for split in SPLITS:
        if split != args.split and (args.split or split == "train"):
            continue
        print(f"{split}:")
        lines, _ = run_split([i for i in items if i["split"] == split],
                             args.errors and split != "heldout")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
