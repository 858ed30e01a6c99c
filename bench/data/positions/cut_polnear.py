"""Cut candidate statements out of PolNeAR gold for hand labelling (positions set).

    python bench/data/positions/cut_polnear.py > /tmp/candidates.jsonl

Prints the 300 PolNeAR statements of ``polnear.jsonl``, one line each: its id, the
sentence(s) that hold the statement's content and source, the content and cue spans
(offsets into that text) and the source as written. No label
is made here: every label in ``polnear.jsonl`` was written by hand after reading the text.

The pick is seeded and broad: statements whose content holds a topic stem (a wider list than
the catalogue's keywords, so that labels do not inherit its blind spots), and about a third
that hold none, at most three statements an article; 215 and 85 of them are kept.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "polnear"
STEMS = re.compile(
    r"immigra|refugee|border|\bwall\b|deport|muslim|trade|tariff|nafta|\btpp\b|\btax|\bguns?\b"
    r"|second amendment|climate|warming|\bcoal\b|energy|\boil\b|pipeline|\bisis\b|islamic state"
    r"|terror|\biran|syria|iraq|libya|nato|nuclear|troops|military|\bwar\b|peace|sanction"
    r"|health|obamacare|insurance|abortion|planned parenthood|\bwages?\b|rigged|fraud|weapon"
    r"|\ballies\b|russia|putin|ukrain|israel|\bdeal\b|\bpolice\b", re.I)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    right_nl = text.find("\n", end)
    right = len(text) if right_nl < 0 else right_nl
    return left, right


def main() -> None:
    rng = random.Random(14)
    out = []
    for split in ("train", "dev"):
        with gzip.open(SHARED / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh]
        for doc in docs:
            text = doc["text"]
            topical, other = [], []
            for st in doc["statements"]:
                s, e = st["content"]
                if st.get("source") is None or not 30 <= e - s <= 350:
                    continue
                (topical if STEMS.search(text[s:e]) else other).append(st)
            rng.shuffle(topical)
            rng.shuffle(other)
            for st in topical[:2] + other[:1]:
                lo = min(st["content"][0], st["source"][0])
                hi = max(st["content"][1], st["source"][1])
                a, b = sentence_around(text, lo, hi)
                a = len(text[:a]) + (len(text[a:b]) - len(text[a:b].lstrip()))
                if b - a > 700:
                    a, b = lo, hi
                cs, ce = st["content"][0] - a, st["content"][1] - a
                cue = st.get("cue")
                inside = cue is not None and a <= cue[0] and cue[1] <= b
                out.append({"id": f"pn-{split}-{doc['id']}-{st['content'][0]}",
                            "text": text[a:b].rstrip(), "content": [cs, ce],
                            "cue": [cue[0] - a, cue[1] - a] if inside else None,
                            "speaker": text[st["source"][0]:st["source"][1]],
                            "topical": bool(topical and st is not None and st in topical)})
    rng.shuffle(out)
    # the labelled pick: 215 topical and 85 other statements, in a fixed shuffled order
    pick = [i for i in out if i["topical"]][:215] + [i for i in out if not i["topical"]][:85]
    random.Random(7).shuffle(pick)
    for item in pick:
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
