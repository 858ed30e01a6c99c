"""Events benchmark: whosaid's communication events against hand labels, with P/R/F1.

    python bench/events.py [bench/data/events/polnear_dev.jsonl ...] [--show]

The labels (``bench/data/events/``, see its README) point at PolNeAR paragraphs, read from
``../shared/data/polnear/{dev,train}.jsonl.gz``; each paragraph is analysed alone. A found event
matches a labelled one when its evidence overlaps the labelled trigger (one to one, in text
order); one overlapping another mention of a labelled event (``also``: "the meeting … when
the committee met") is neither right nor wrong. Each file is scored on its own.
Printed: found (any type) and typed (same type) precision, recall and F1; over typed matches,
participants' precision and recall (a labelled name matches a participant when its last word
is a word of the entity's name or aliases) and how many places agree. ``--show`` lists every
miss, every false event and every
typed match whose participants differ.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from whosaid.analysis import Analyzer
from whosaid.model import Analysis, CleanDocument, Event
from whosaid.settings import Settings

HERE = Path(__file__).resolve().parent
GOLD = (HERE / "data" / "events" / "polnear_dev.jsonl",
        HERE / "data" / "events" / "polnear_dev_more.jsonl",
        HERE / "data" / "events" / "polnear_train_heldout.jsonl")
POLNEAR = HERE.parent.parent / "shared" / "data" / "polnear"


def _offsets(text: str, phrase: str, nth: int) -> tuple[int, int]:
    start = [m.start() for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)][nth]
    return start, start + len(phrase)


def passages(gold: Path) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(passage id, text, labelled events with ``start``/``end``) for every labelled line."""
    docs: dict[str, Any] = {}
    for split in ("dev", "train"):
        path = POLNEAR / f"{split}.jsonl.gz"
        if not path.exists():
            sys.exit(f"needs {path} (the shared PolNeAR data)")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            docs.update((d["id"], d) for d in map(json.loads, fh))
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        paras = [p for p in docs[g["doc"]]["text"].split("\n") if p.strip()]
        text = paras[g["paragraph"]]
        if hashlib.sha1(text.encode()).hexdigest()[:12] != g["sha1"]:
            sys.exit(f"{g['doc']} paragraph {g['paragraph']}: not the labelled text")
        events = []
        for ev in g["events"]:
            start, end = _offsets(text, ev["trigger"], ev.get("nth", 0))
            also = [_offsets(text, phrase, nth) for phrase, nth in ev.get("also", [])]
            events.append({**ev, "start": start, "end": end, "spans": also})
        out.append((f"{g['doc']}#{g['paragraph']}", text, events))
    return out


def _names(a: Analysis, ev: Event) -> list[set[str]]:
    words = {e.id: {w.lower() for n in (e.name, *e.aliases) for w in n.split()}
             for e in a.entities}
    return [words.get(p, set()) for p in ev.participants]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, nargs="*", default=list(GOLD))
    ap.add_argument("--show", action="store_true", help="list misses and false events")
    args = ap.parse_args()
    analyzer = Analyzer(Settings())
    for gold in args.gold:
        print(f"== {gold.name}")
        score(passages(gold), analyzer, args.show)


def score(data: list[tuple[str, str, list[dict[str, Any]]]], analyzer: Analyzer,
          show: bool) -> None:
    docs = [CleanDocument(pid, pid, text, "en") for pid, text, _ in data]
    found = found_typed = labelled = predicted = 0
    part_tp = part_pred = part_gold = places = places_labelled = 0
    for (pid, text, gold), a in zip(data, analyzer.analyze_many(docs), strict=True):
        assert isinstance(a, Analysis), a
        labelled += len(gold)
        predicted += len(a.events)
        used: set[int] = set()
        for g in gold:
            match = next((i for i, ev in enumerate(a.events) if i not in used
                          and ev.evidence.start < g["end"] and g["start"] < ev.evidence.end), None)
            if match is None:
                if show:
                    print(f"MISS  {pid}: {g['type']} “{g['trigger']}” in “{text[:160]}”")
                continue
            used.add(match)
            ev = a.events[match]
            found += 1
            if ev.type != g["type"]:
                if show:
                    print(f"TYPE  {pid}: {ev.type} for {g['type']} “{g['trigger']}”")
                continue
            found_typed += 1
            names = _names(a, ev)
            wanted = [n.split()[-1].lower() for n in g["participants"]]
            part_gold += len(wanted)
            part_pred += len(names)
            part_tp += sum(1 for w in wanted if any(w in n for n in names))
            if show and (len(names) != len(wanted) or not all(any(w in n for n in names)
                                                              for w in wanted)):
                print(f"PARTS {pid}: {ev.type} “{g['trigger']}”: labelled {g['participants']}, "
                      f"found {[sorted(n) for n in names]}")
            if g.get("place"):
                places_labelled += 1
                places += bool(ev.place and g["place"].split()[-1].lower()
                               in ev.place.lower())
        for g in gold:  # another mention of a labelled event: neither right nor wrong
            for s, e in g["spans"]:
                for i, ev in enumerate(a.events):
                    if i not in used and ev.evidence.start < e and s < ev.evidence.end:
                        used.add(i)
                        predicted -= 1
        if show:
            for i, ev in enumerate(a.events):
                if i not in used:
                    print(f"FALSE {pid}: {ev.type} “{ev.evidence.text}”")

    def prf(tp: int, pred: int, gold: int) -> str:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp}/{pred} found, {tp}/{gold} labelled)"

    print(f"{len(data)} passages, {labelled} labelled events, {predicted} found")
    print(f"events (any type):  {prf(found, predicted, labelled)}")
    print(f"events (same type): {prf(found_typed, predicted, labelled)}")
    pp = part_tp / part_pred if part_pred else 0.0
    pr = part_tp / part_gold if part_gold else 0.0
    print(f"participants of typed matches: P {pp:.3f}  R {pr:.3f}  "
          f"({part_tp} right of {part_pred} found, {part_gold} labelled); "
          f"places {places}/{places_labelled}")


if __name__ == "__main__":
    main()
