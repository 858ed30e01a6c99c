"""A noisy copy of an attribution gold file: the damage re-published, machine-translated
news does to text, with every gold offset carried over.

    python bench/noise.py ../shared/data/polnear/dev.jsonl.gz build/noisy-dev.jsonl --seed 7

Per document (seeded, so the copy is reproducible):
- quotation marks: each pair becomes German („…“) or loses its opening mark, or stays;
- some spaces after a sentence end are dropped ("added.Putin");
- a few recurring names are misspelled the way transliteration does (Scholz → Scholes);
- page furniture lines ("Read more", "Advertisement", a tag line, …) go between paragraphs.
Used to measure robustness (bench/attribution.py on the copy) and to augment training.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

FURNITURE = ["Read more", "Advertisement", "Share this article", "See also",
             "Related: Officials weigh new measures", "Leave a Reply",
             "Sign up for our newsletter", "Olaf Scholz Joe Biden Ukraine"]
QUOTE_PAIRS = [("\u201c", "\u201d"), ('"', '"')]
SPELLING = [("z", "s"), ("v", "w"), ("k", "c"), ("ph", "f"), ("y", "i"), ("sh", "ch"),
            ("ll", "l"), ("ss", "s"), ("ck", "k")]



def rewrite(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Apply non-overlapping (start, end, replacement) edits; return the new text and a map
    from every old offset (0..len) to its new offset."""
    edits = sorted(edits)
    out: list[str] = []
    pos_map = [0] * (len(text) + 1)
    old = new = 0
    for s, e, rep in edits:
        if s < old:
            continue
        for i in range(old, s):
            pos_map[i] = new + (i - old)
        out.append(text[old:s])
        new += s - old
        for i in range(s, e):
            pos_map[i] = new  # a replaced character maps to the start of its replacement
        out.append(rep)
        new += len(rep)
        old = e
    for i in range(old, len(text) + 1):
        pos_map[i] = new + (i - old)
    out.append(text[old:])
    return "".join(out), pos_map


def _remap(doc: dict[str, Any], text: str, pos_map: list[int]) -> dict[str, Any]:
    def span(x: list[int] | None) -> list[int] | None:
        if x is None:
            return None
        return [pos_map[x[0]], pos_map[x[1]]]

    statements = []
    for st in doc["statements"]:
        st = dict(st)
        for key in ("content", "source", "cue"):
            st[key] = span(st.get(key))
        for key in ("content_fragments", "source_fragments", "cue_fragments",
                    "source_coref_heads"):
            if st.get(key):
                st[key] = [span(f) for f in st[key]]
        statements.append(st)
    return {**doc, "text": text, "statements": statements}


def _quote_edits(text: str, rng: random.Random) -> list[tuple[int, int, str]]:
    edits = []
    for open_q, close_q in QUOTE_PAIRS:
        pattern = re.compile(re.escape(open_q) + r"([^\n" + re.escape(close_q) + r"]{1,400})"
                             + re.escape(close_q))
        for m in pattern.finditer(text):
            r = rng.random()
            if r < 0.5:  # German typography
                edits += [(m.start(), m.start() + 1, "\u201e"), (m.end() - 1, m.end(), "\u201c")]
            elif r < 0.75:  # the opening mark lost in re-publishing
                edits.append((m.start(), m.start() + 1, ""))
    return edits


def _space_edits(text: str, rng: random.Random) -> list[tuple[int, int, str]]:
    # the space goes, the full stop stays: "added. Putin" → "added.Putin"
    return [(m.start() + 2, m.end() - 1, "") for m in re.finditer(r"[a-z][.] [A-Z]", text)
            if rng.random() < 0.2]


def _name_edits(text: str, rng: random.Random) -> list[tuple[int, int, str]]:
    names: dict[str, int] = {}
    for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]{4,}\b", text):
        names[m.group()] = names.get(m.group(), 0) + 1
    recurring = sorted(n for n, c in names.items() if c >= 2)
    rng.shuffle(recurring)
    edits = []
    for name in recurring[:3]:
        options = [(a, b) for a, b in SPELLING if a in name[1:]]
        if options:
            a, b = rng.choice(options)
            idx = name.index(a, 1)
            wrong = name[:idx] + b + name[idx + len(a):]
        else:
            wrong = name[:-1] + "e" + name[-1]
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            edits.append((m.start(), m.end(), wrong))
    return edits


def _furniture_edits(text: str, rng: random.Random) -> list[tuple[int, int, str]]:
    return [(m.start(), m.start(), f"{rng.choice(FURNITURE)}\n\n")
            for m in re.finditer(r"(?<=\n\n)(?=\S)", text) if rng.random() < 0.2]


STEPS: list[Callable[[str, random.Random], list[tuple[int, int, str]]]] = [
    _quote_edits, _space_edits, _name_edits, _furniture_edits]


def noisy(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One noisy copy of a gold document, offsets remapped."""
    for step in STEPS:
        text, pos_map = rewrite(doc["text"], step(doc["text"], rng))
        doc = _remap(doc, text, pos_map)
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    opener = gzip.open if args.gold.suffix == ".gz" else open
    with opener(args.gold, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        docs = [json.loads(line) for line in fh if line.strip()]
    rng = random.Random(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(noisy(doc, rng), ensure_ascii=False) + "\n")
    print(f"{len(docs)} noisy documents written to {args.out}")


if __name__ == "__main__":
    main()
