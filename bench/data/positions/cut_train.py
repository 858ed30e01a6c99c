"""Cut the candidates of the ``train`` split (positions set) out of PolNeAR train gold.

    python bench/data/positions/cut_train.py > /tmp/train_candidates.jsonl

Like ``cut_polnear.py`` (its sentence cutting is reused), but only from PolNeAR train
articles that no statement of ``polnear.jsonl`` comes from, so that no held-out (or dev)
article gives a train statement. The pick favours statements whose content holds a topic
stem (the stance classes need examples): up to two topical statements an article and one
other in every fourth article; a seeded pick of 300 topical and 40 other statements.
No label is made here: every label in ``train.jsonl`` was written by hand after reading.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cut_polnear import SHARED, STEMS, sentence_around  # noqa: E402

HERE = Path(__file__).resolve().parent


def used_articles() -> set[str]:
    """The PolNeAR articles the dev and held-out splits already use."""
    used: set[str] = set()
    with (HERE / "polnear.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            used.add(item["id"].rsplit("-", 1)[0])
    return used


def main() -> None:
    rng = random.Random(1414)
    used = used_articles()
    out = []
    with gzip.open(SHARED / "train.jsonl.gz", "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    for n, doc in enumerate(docs):
        if f"pn-train-{doc['id']}" in used:
            continue
        text = doc["text"]
        topical, other = [], []
        for st in doc["statements"]:
            s, e = st["content"]
            if st.get("source") is None or not 30 <= e - s <= 350:
                continue
            (topical if STEMS.search(text[s:e]) else other).append(st)
        rng.shuffle(topical)
        rng.shuffle(other)
        for st in topical[:2] + (other[:1] if n % 4 == 0 else []):
            lo = min(st["content"][0], st["source"][0])
            hi = max(st["content"][1], st["source"][1])
            a, b = sentence_around(text, lo, hi)
            a = len(text[:a]) + (len(text[a:b]) - len(text[a:b].lstrip()))
            if b - a > 700:
                a, b = lo, hi
            cue = st.get("cue")
            inside = cue is not None and a <= cue[0] and cue[1] <= b
            out.append({"id": f"pn-train-{doc['id']}-{st['content'][0]}",
                        "text": text[a:b].rstrip(),
                        "content": [st["content"][0] - a, st["content"][1] - a],
                        "cue": [cue[0] - a, cue[1] - a] if inside else None,
                        "speaker": text[st["source"][0]:st["source"][1]],
                        "topical": st in topical})
    rng.shuffle(out)
    pick = [i for i in out if i["topical"]][:300] + [i for i in out if not i["topical"]][:40]
    random.Random(15).shuffle(pick)
    for item in pick:
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
