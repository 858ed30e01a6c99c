"""Make ``src/whosaid/data/claims_common_words.txt``: the words PolNeAR train writes in lower
case inside a sentence at least as often as capitalised there.

``whosaid.claims.text`` keys a capitalised word of this list as the ordinary word, not as a
name, so that a headline-style or emphatic capital does not split one utterance's versions
("Leaders must lead" / "'leaders must lead'", "as Chancellor" / "as chancellor"). A word at a
sentence's start (after ".", "?", "!", ":", a dash or a line break, quote marks skipped) is
not counted; words of one or two letters are left out.

    python bench/claims_common_words.py ../shared/data/polnear/train.jsonl.gz [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from whosaid.names.normalise import fold

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
OUT = Path(__file__).resolve().parents[1] / "src" / "whosaid" / "data" / \
    "claims_common_words.txt"
HEADER = (
    "# Words PolNeAR train writes in lower case inside a sentence at least as often as "
    "capitalised\n"
    "# there (made by bench/claims_common_words.py from ../shared/data/polnear/train.jsonl.gz).\n"
    "# whosaid.claims.text keys a capitalised word in this list as the ordinary word, not as a\n"
    "# name: \"Leaders must lead\" and \"'leaders must lead'\", \"as Chancellor\" and "
    "\"as chancellor\".\n")


def counts(texts: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Lower-case and capitalised uses of each folded word, sentence starts left out."""
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for t in texts:
        for m in WORD.finditer(t):
            w = m.group()
            before = t[max(0, m.start() - 3):m.start()].rstrip(" \"'“‘«")
            if not before or before[-1] in ".?!:\n—-":
                continue
            if w[0].isupper():
                cap[fold(w)] += 1
            elif w.islower():
                low[fold(w)] += 1
    return low, cap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("polnear", type=Path, help="PolNeAR train (JSONL, gzipped)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with gzip.open(args.polnear, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    low, cap = counts(texts)
    words = sorted(w for w, c in low.items() if c >= cap[w] and len(w) > 2 and w.isalpha())
    args.out.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
