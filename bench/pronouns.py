"""Pronoun speakers on PolNeAR: is "he said" resolved to the person its coreference chain
names?

    python bench/pronouns.py ../shared/data/polnear/train.jsonl.gz --limit 200 --cache /tmp/p \
        --dump before.jsonl
    python bench/pronouns.py ... --dump after.jsonl --compare before.jsonl

PolNeAR gives each statement's source its coreference chain (``source_coref_heads``: the
head words of every mention of it in the article: "Trump", "his", "He", ...), made by
CoreNLP, not by hand: it errs too ("“...,” Bozell notes. “...,” he adds" is chained to
Trump), so the figure is agreement with CoreNLP, a guide, and ``--compare`` prints every
pronoun whose entity changed between two runs, in its context, to be judged by reading. For
each gold
statement whose source is a pronoun ("he", "she", "it", "they", "we", "who", "which") and a
whosaid statement whose speaker mention overlaps it, the speaker's entity is:

- ``right``: one of its mentions overlaps a head of the gold chain;
- ``wrong``: it has an entity, none of whose mentions is in the chain;
- ``unresolved``: no entity, where the chain names an entity whosaid found
  (``resolvable``); left with none where the chain names no entity whosaid found
  (``no name``: "the nominee ... he said") is right, an entity there is ``wrong``.

Printed: right / wrong / unresolved over the pronoun speakers found, by pronoun, and with
``--errors`` every wrong one with its sentence. ``--cache DIR`` keeps the parses
(``DocBin``) so that a second run over the same articles only re-runs names and
attribution: the figures are the same either way. Tune on train, report on dev.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from whosaid.analysis import Analyzer
from whosaid.analysis.analyzer import analyze_parsed, make_article
from whosaid.clean import clean_document
from whosaid.model import Analysis, SourceDocument
from whosaid.nlp import analysis_text
from whosaid.settings import Settings

PRONOUNS = ("he", "she", "it", "they", "we", "who", "which")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def analyses(gold: Sequence[dict[str, Any]], cache: Path | None) -> Iterator[Analysis]:
    """whosaid's analysis of each gold article (parses read from, or written to, ``cache``)."""
    settings = Settings()
    analyzer = Analyzer(settings)
    articles = [make_article(clean_document(SourceDocument(
        doc_id=g["id"], origin=g["id"], text=g["text"]), settings), settings) for g in gold]
    texts = [analysis_text(a.text, a.furniture) for a in articles]
    key = hashlib.sha1("\0".join(texts).encode()).hexdigest()[:12]
    store = cache / f"docs-{key}.spacy" if cache else None
    docs: list[Doc]
    if store is not None and store.exists():
        docs = list(DocBin().from_disk(store).get_docs(analyzer.nlp.vocab))
    else:
        docs = list(analyzer.nlp.pipe(texts, batch_size=settings.batch_size))
        if store is not None:
            store.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs, store_user_data=True).to_disk(store)
    for article, doc in zip(articles, docs, strict=True):
        yield analyze_parsed(article, doc, settings)


def judge(g: dict[str, Any], analysis: Analysis
          ) -> list[tuple[str, str, str, str | None, int]]:
    """(pronoun, outcome, note, entity name, where) for each gold pronoun source that whosaid
    found as a speaker."""
    text = g["text"]
    by_id = {e.id: e for e in analysis.entities}
    found = []
    for st in g["statements"]:
        src = st.get("source")
        if not src or text[src[0]:src[1]].lower() not in PRONOUNS:
            continue
        word = text[src[0]:src[1]].lower()
        pred = next((p for p in analysis.statements if p.speaker is not None and
                     overlaps((p.speaker.start, p.speaker.end), (src[0], src[1]))), None)
        if pred is None or pred.speaker is None:
            continue
        heads = [tuple(h) for h in st.get("source_coref_heads") or []
                 if text[h[0]:h[1]].lower() not in PRONOUNS + ("his", "her", "him", "its",
                                                                "their", "them", "i")]
        named = {e.id for e in analysis.entities for m in e.mentions
                 if any(overlaps((m.start, m.end), h) for h in heads)}
        ent = by_id.get(pred.speaker.entity_id or "")
        line = text[max(0, src[0] - 160):src[1] + 60].replace("\n", " ")
        chain = sorted({text[h[0]:h[1]] for h in heads})[:4]
        if ent is not None and ent.id in named:
            outcome = "right"
        elif ent is not None:
            outcome = "wrong"
        elif named:
            outcome = "unresolved"
        else:
            outcome = "right"  # "the nominee ... he": no entity of whosaid's to name
        found.append((word, outcome, f"{word} -> {ent.name if ent else None!r} (chain "
                      f"{chain}): ...{line}", ent.name if ent else None, src[0]))
    return found


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--cache", type=Path, help="a folder to keep the parses in")
    ap.add_argument("--errors", action="store_true", help="print every wrong one")
    ap.add_argument("--dump", type=Path, help="write each pronoun's entity here (JSONL)")
    ap.add_argument("--compare", type=Path, help="a --dump of another run: print the changes")
    args = ap.parse_args(argv)
    gold = read_jsonl(args.gold)[: args.limit]
    outcomes: Counter[tuple[str, str]] = Counter()
    errors = []
    rows = []
    for g, analysis in zip(gold, analyses(gold, args.cache), strict=True):
        for word, outcome, note, name, k in judge(g, analysis):
            outcomes[word, outcome] += 1
            rows.append({"id": g["id"], "k": k, "entity": name, "outcome": outcome,
                         "note": note})
            if outcome != "right":
                errors.append(f"[{outcome}] {g['id']}: {note}")
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.compare:
        before = {(r["id"], r["k"]): r for r in read_jsonl(args.compare)}
        for r in rows:
            old = before.get((r["id"], r["k"]))
            if old is not None and old["entity"] != r["entity"]:
                print(f"changed {old['entity']!r} ({old['outcome']}) -> {r['entity']!r} "
                      f"({r['outcome']}): {r['id']}: {r['note']}")
    total = Counter[str]()
    for (_word, outcome), n in outcomes.items():
        total[outcome] += n
    n = sum(total.values())
    print(f"{len(gold)} articles, {n} gold pronoun sources found as speakers: right "
          f"{total['right']} ({total['right'] / max(1, n):.3f}), wrong {total['wrong']}, "
          f"unresolved {total['unresolved']}")
    for word in PRONOUNS:
        row = {o: outcomes[word, o] for o in ("right", "wrong", "unresolved")}
        if sum(row.values()):
            print(f"  {word:<6} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
