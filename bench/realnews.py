"""Real-news attribution benchmark: whosaid on noisy excerpts of stored public web pages
(re-posts, machine translations, wire rewrites) against gold labelled by reading.

    python bench/realnews.py                       # dev and held-out, figures only
    python bench/realnews.py --errors              # and every miss on dev (never on held-out)
    python bench/realnews.py --json build/realnews.json

``bench/data/realnews/excerpts.jsonl`` holds the text as found (with its page address) and
``gold.jsonl`` what a careful analyst expects of it; the README beside them says how they
were found and labelled, and which phenomena each excerpt shows (a role instead of a name,
statements as a list under a frame, metonymy, spelling variants, reporting-like words that
report nothing, naming constructions, relays, dates without a year).

Matching (one to one, per excerpt): a gold statement is *found* when a predicted statement's
content holds its ``content_contains`` (quotes, case and white space normalised) and the
predicted speaker names the gold speaker (a name fold of the mention or of its entity, or one
of the gold ``aliases``: "Zelenskiy" for Volodymyr Zelensky). A gold statement whose content
is found under a wrong speaker counts for the speaker accuracy, not as found. Printed per
split and per phenomenon:

- P/R/F1: found statements over predicted statements (less those matched to an ``optional``
  gold statement, which neither helps nor hurts) and over required gold statements;
- speaker: of the gold statements whose content was found, those with the speaker right;
- chain: relayed gold statements (content found) whose relay chain is exactly the gold one,
  nearest first; clean: unrelayed ones found with no relay;
- said_on: content-found statements whose date is right (a gold ``null`` is right when the
  tool gives none or falls back to the publication date, marked as such); dated: the same
  over gold statements with a date;
- false: ``not_statements`` (reporting-like words that report nothing, page furniture) that
  a predicted statement's content holds.

Name matching and chain comparison are those of ``bench/relays.py`` (imported from it).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relays import chain_right, same_name
from whosaid.model import Mention, Statement

DATA = Path(__file__).resolve().parent / "data" / "realnews"
SPLITS = ("dev", "heldout")

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u2032": "'"})


def loose(text: str) -> str:
    """Text for a loose substring test: curly quotes made straight, case and spaces folded."""
    return " ".join(text.translate(_QUOTES).lower().split())


def holds(content: str, wanted: str) -> bool:
    return loose(wanted) in loose(content)


def speaker_right(gold: dict[str, Any], aliases: dict[str, list[str]],
                  mention: Mention | None) -> bool:
    """Whether a predicted speaker names the gold speaker or one of its aliases."""
    names = [gold["speaker"], *aliases.get(gold["speaker"], [])]
    return same_name("|".join(names), mention)


def said_on_right(gold: str | None, st: Statement) -> bool:
    if gold is None:
        return st.said_on is None or st.said_on.source == "published"
    return st.said_on is not None and st.said_on.value == gold


@dataclass(frozen=True)
class Pairing:
    """Which predicted statement each gold statement got (``None``: none), and how."""

    found: dict[int, int]  # gold index -> predicted index, content and speaker right
    content_only: dict[int, int]  # gold index -> predicted index, content right, speaker wrong


def pair(golds: Sequence[dict[str, Any]], aliases: dict[str, list[str]],
         preds: Sequence[Statement]) -> Pairing:
    """One-to-one pairing: required gold statements first, then optional ones; of several
    candidates the shortest content wins (a list item over the whole list). A second pass
    pairs the rest by content alone, for the speaker accuracy and the error list."""
    order = sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional")))
    used: set[int] = set()
    found: dict[int, int] = {}
    for gi in order:
        g = golds[gi]
        cands = [pi for pi, p in enumerate(preds) if pi not in used
                 and holds(p.content.text, g["content_contains"])
                 and speaker_right(g, aliases, p.speaker)]
        if cands:
            best = min(cands, key=lambda pi: len(preds[pi].content.text))
            found[gi] = best
            used.add(best)
    content_only: dict[int, int] = {}
    for gi in order:
        if gi in found:
            continue
        cands = [pi for pi, p in enumerate(preds) if pi not in used
                 and holds(p.content.text, golds[gi]["content_contains"])]
        if cands:
            best = min(cands, key=lambda pi: len(preds[pi].content.text))
            content_only[gi] = best
            used.add(best)
    return Pairing(found, content_only)


def name_of(m: Mention | None) -> str | None:
    return None if m is None else (m.entity or m.text)


@dataclass
class Tally:
    gold: int = 0  # required gold statements
    pred: int = 0  # predicted statements, less those paired with optional gold
    found: int = 0
    content: int = 0  # required gold statements whose content was found (any speaker)
    relayed: int = 0
    chain: int = 0
    unrelayed: int = 0
    clean: int = 0
    dated_all: int = 0
    said_on: int = 0
    dated: int = 0
    dated_right: int = 0
    nots: int = 0
    false: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: dict[str, Any], preds: Sequence[Statement]) -> None:
        golds = gold["statements"]
        aliases = gold.get("aliases", {})
        pairing = pair(golds, aliases, preds)
        optional_hits = sum(1 for gi in (*pairing.found, *pairing.content_only)
                            if golds[gi].get("optional"))
        self.pred += len(preds) - optional_hits
        where = gold["id"]
        for gi, g in enumerate(golds):
            if g.get("optional"):
                continue
            self.gold += 1
            pi = pairing.found.get(gi, pairing.content_only.get(gi))
            if pi is None:
                self.misses.append(f"{where}: not found: {g['content_contains']!r} "
                                   f"({g['speaker']})")
                continue
            st = preds[pi]
            self.content += 1
            if gi in pairing.found:
                self.found += 1
            else:
                self.misses.append(f"{where}: {g['content_contains'][:50]!r}: speaker "
                                   f"{name_of(st.speaker)!r} (gold {g['speaker']!r})")
            ok = chain_right(g["relays"], st.relays)
            if g["relays"]:
                self.relayed += 1
                self.chain += ok
            else:
                self.unrelayed += 1
                self.clean += ok
            if not ok:
                self.misses.append(f"{where}: {g['content_contains'][:50]!r}: relays "
                                   f"{[name_of(m) for m in st.relays]} (gold {g['relays']})")
            self.dated_all += 1
            right = said_on_right(g.get("said_on"), st)
            self.said_on += right
            if g.get("said_on") is not None:
                self.dated += 1
                self.dated_right += right
            if not right:
                got = st.said_on and (st.said_on.value, st.said_on.source)
                self.misses.append(f"{where}: {g['content_contains'][:50]!r}: said_on {got} "
                                   f"(gold {g.get('said_on')})")
        for bad in gold.get("not_statements", []):
            self.nots += 1
            hit = next((p for p in preds if holds(p.content.text, bad)), None)
            if hit is not None:
                self.false += 1
                self.misses.append(f"{where}: false statement {hit.content.text[:60]!r} "
                                   f"holds {bad!r}")

    def figures(self) -> dict[str, Any]:
        p = self.found / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"gold": self.gold, "pred": self.pred, "found": self.found,
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                "content_found": self.content,
                "speaker_accuracy": round(self.found / max(1, self.content), 3),
                "relayed": self.relayed, "chain": self.chain,
                "chain_accuracy": round(self.chain / max(1, self.relayed), 3),
                "unrelayed": self.unrelayed, "clean": self.clean,
                "said_on_accuracy": round(self.said_on / max(1, self.dated_all), 3),
                "dated": self.dated, "dated_right": self.dated_right,
                "not_statements": self.nots, "false_statements": self.false}

    def row(self, name: str) -> str:
        f = self.figures()
        return (f"{name:24} {f['gold']:4} {f['pred']:4} {f['precision']:5.3f} "
                f"{f['recall']:5.3f} {f['f1']:5.3f} {f['speaker_accuracy']:5.3f} "
                f"{self.chain:3}/{self.relayed:<3} {self.clean:3}/{self.unrelayed:<3} "
                f"{f['said_on_accuracy']:5.3f} {self.dated_right:3}/{self.dated:<3} "
                f"{self.false:3}/{self.nots}")


HEADER = (f"{'':24} {'gold':>4} {'pred':>4} {'P':>5} {'R':>5} {'F1':>5} {'spkr':>5} "
          f"{'chain':>7} {'clean':>7} {'date':>5} {'dated':>7} false")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON: {exc}") from exc
    return rows


def load(data: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(excerpt, gold) pairs, in file order; every excerpt needs its gold and the reverse."""
    excerpts = read_jsonl(data / "excerpts.jsonl")
    gold = {g["id"]: g for g in read_jsonl(data / "gold.jsonl")}
    missing = [e["id"] for e in excerpts if e["id"] not in gold]
    extra = sorted(set(gold) - {e["id"] for e in excerpts})
    if missing or extra:
        raise SystemExit(f"{data}: excerpts without gold {missing}, gold without excerpt {extra}")
    return [(e, gold[e["id"]]) for e in excerpts]


def tally(pairs: Iterable[tuple[dict[str, Any], Sequence[Statement]]]
          ) -> dict[str, dict[str, Tally]]:
    """Per split: the whole split under "all" and each phenomenon under its name."""
    out: dict[str, dict[str, Tally]] = {s: defaultdict(Tally) for s in SPLITS}
    for gold, preds in pairs:
        split = out[gold["split"]]
        split["all"].add(gold, preds)
        for ph in gold["phenomena"]:
            split[ph].add(gold, preds)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true",
                    help="print every miss on dev (held-out misses are never printed)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    import whosaid

    pairs = []
    for ex, gold in load(args.data):
        result = whosaid.analyze(ex["text"], published=ex.get("published"), doc_id=ex["id"])
        pairs.append((gold, result.statements))
    tallies = tally(pairs)
    for s in SPLITS:
        n = sum(1 for g, _ in pairs if g["split"] == s)
        print(f"\n{s} ({n} excerpts)")
        print(HEADER)
        print(tallies[s]["all"].row("all"))
        for ph in sorted(k for k in tallies[s] if k != "all"):
            print(tallies[s][ph].row("  " + ph))
    if args.errors:
        print("\ndev misses:")
        for line in tallies["dev"]["all"].misses:
            print("  " + line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {s: {k: t.figures() for k, t in sorted(tallies[s].items())} for s in SPLITS}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
