"""Train the attribution tagger (``make train``) and ship its weights in the package.

    python scripts/train_attribution.py --train ../shared/data/polnear/train.jsonl.gz \
        --dev ../shared/data/polnear/dev.jsonl.gz

PolNeAR statements become BIO labels over tokens (CUE over SRC over CON where they nest). A
noisy copy of part of train (bench/noise.py) teaches the tagger broken typography. The
spaCy pipeline is frozen: the tagger learns on top of its tok2vec and labels. Fixed seeds;
the epoch with the best dev span F1 is kept. One tagger is trained per seed (``--seeds``, in
parallel processes) and the shipped model averages their label probabilities.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import pickle
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam, fix_random_seed, warmup_linear

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from noise import noisy  # noqa: E402
from whosaid.nlp import load_pipeline  # noqa: E402
from whosaid.nlp.tagger import ARCHITECTURE, COMPONENT, LABELS, MODEL_FILE, bio_spans  # noqa: E402
from whosaid.settings import DEFAULT_MODEL  # noqa: E402

OUT = ROOT / "src" / "whosaid" / "models" / MODEL_FILE
PRIORITY = {"CON": 1, "SRC": 2, "CUE": 3}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return [json.loads(line) for line in fh if line.strip()]


def token_labels(doc: Doc, gold: dict[str, Any]) -> list[str]:
    """BIO labels for the tokens of ``doc`` from the gold statements' character spans."""
    best = [(0, "O")] * len(doc)
    starts = {tok.idx: tok.i for tok in doc}
    for st in gold["statements"]:
        for typ, key in (("CON", "content_fragments"), ("SRC", "source_fragments"),
                         ("CUE", "cue_fragments")):
            for frag in st.get(key) or []:
                if not frag:
                    continue
                s, e = frag
                first = True
                for tok in doc:
                    if tok.is_space or tok.idx < s or tok.idx + len(tok) > e:
                        continue
                    tag = ("B-" if first or tok.idx == s and tok.idx in starts else "I-") + typ
                    first = False
                    if PRIORITY[typ] >= best[tok.i][0]:
                        best[tok.i] = (PRIORITY[typ], tag)
    return [t for _, t in best]


def parse_all(nlp: Language, texts: list[str], cache: Path) -> list[Doc]:
    key = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:16]
    path = cache / f"parsed-{key}.pkl"
    if path.exists():
        blobs = pickle.loads(path.read_bytes())
        return [Doc(nlp.vocab).from_bytes(b) for b in blobs]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    print(f"parsed {len(docs)} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # members parse at once: rename is atomic
    tmp.write_bytes(pickle.dumps([d.to_bytes() for d in docs]))
    tmp.replace(path)
    return docs


def examples_for(nlp: Language, golds: list[dict[str, Any]], docs: list[Doc]) -> list[Example]:
    out = []
    for gold, doc in zip(golds, docs, strict=True):
        ref = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  tags=token_labels(doc, gold))
        out.append(Example(doc, ref))
    return out


def span_f1(tagger: Any, examples: list[Example]) -> float:
    """Exact-span F1 of CON/SRC/CUE spans predicted against the gold labels."""
    docs = [eg.predicted for eg in examples]
    tagger.set_annotations(docs, tagger.predict(docs))
    tp = n_pred = n_gold = 0
    for eg, doc in zip(examples, docs, strict=True):
        pred = {(t, s, e) for t, s, e, _ in bio_spans(doc)}
        gold_doc = eg.reference
        gold_doc.user_data = {}
        gold = set()
        cur = None
        for tok in gold_doc:
            tag = tok.tag_
            if tag == "O" or tok.is_space:
                if cur and tag == "O":
                    gold.add((cur[0], cur[1], tok.i))
                    cur = None
                continue
            kind, typ = tag.split("-")
            if kind == "B" or cur is None or cur[0] != typ:
                if cur:
                    gold.add((cur[0], cur[1], tok.i))
                cur = (typ, tok.i)
        if cur:
            gold.add((cur[0], cur[1], len(gold_doc)))
        gold = {(t, s, _trim_space(gold_doc, s, e)) for t, s, e in gold}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _trim_space(doc: Doc, s: int, e: int) -> int:
    while e > s and doc[e - 1].is_space:
        e -= 1
    return e


def train_member(args: argparse.Namespace, seed: int) -> tuple[bytes, float, int]:
    """One tagger trained from ``seed``: its best dev epoch's bytes, dev span F1 and epoch."""
    random.seed(seed)
    numpy.random.seed(seed)
    fix_random_seed(seed)
    train = read_jsonl(args.train)
    dev = read_jsonl(args.dev)
    rng = random.Random(seed)
    extra = [noisy(g, rng) for g in train if rng.random() < args.noisy_fraction]
    train_all = train + extra
    print(f"seed {seed}: train {len(train)} + {len(extra)} noisy documents; dev {len(dev)}",
          flush=True)

    nlp = load_pipeline(DEFAULT_MODEL)
    train_docs = parse_all(nlp, [g["text"] for g in train_all], args.cache)
    dev_docs = parse_all(nlp, [g["text"] for g in dev], args.cache)
    train_eg = examples_for(nlp, train_all, train_docs)
    dev_eg = examples_for(nlp, dev, dev_docs)

    tagger = nlp.add_pipe(COMPONENT, last=True,
                          config={"model": {"@architectures": ARCHITECTURE, **_arch(args)}})
    tagger.initialize(lambda: train_eg[:20], nlp=nlp, labels=list(LABELS))
    # linear warm-up then decay to zero; the weights' running average is what dev sees and
    # what ships, steadier than the last step's
    steps = args.epochs * -(-len(train_eg) // args.batch)
    optimizer = Adam(warmup_linear(args.learn_rate, args.warmup, steps), grad_clip=5.0,
                     use_averages=True)
    best = (-1.0, b"", 0)
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        order = list(range(len(train_eg)))
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for i in range(0, len(order), args.batch):
            batch = [train_eg[j] for j in order[i:i + args.batch]]
            tagger.update(batch, drop=0.2, sgd=optimizer, losses=losses)
            optimizer.step_schedules()
        with tagger.model.use_params(optimizer.averages):
            f1 = span_f1(tagger, dev_eg)
            print(f"seed {seed} epoch {epoch:2d}  loss {losses[COMPONENT]:10.1f}  "
                  f"dev span F1 {f1:.3f}  {time.perf_counter() - t0:.0f} s", flush=True)
            if f1 > best[0]:
                best = (f1, tagger.to_bytes(exclude=["vocab"]), epoch)
    return best[1], best[0], best[2]


def _arch(args: argparse.Namespace) -> dict[str, int]:
    return {"hidden": args.hidden, "depth": args.depth}


def combine(members: list[bytes], arch: dict[str, int]) -> bytes:
    """One tagger component whose model averages the members' label probabilities."""
    nlp = load_pipeline(DEFAULT_MODEL)
    model_bytes = []
    for k, data in enumerate(members):
        one = nlp.add_pipe(COMPONENT, name=f"member{k}", last=True,
                           config={"model": {"@architectures": ARCHITECTURE, **arch}})
        one.from_bytes(data)
        model_bytes.append(one.model.to_bytes())
    if len(members) == 1:
        return members[0]
    pipe = nlp.add_pipe(COMPONENT, name="ensemble", last=True, config={"model": {
        "@architectures": ARCHITECTURE, **arch, "members": len(members)}})
    for layer, data in zip(pipe.model.layers, model_bytes, strict=True):
        layer.from_bytes(data)
    for label in LABELS:
        pipe.add_label(label)
    return cast(bytes, pipe.to_bytes(exclude=["vocab"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = ROOT.parent / "shared" / "data" / "polnear"
    ap.add_argument("--train", type=Path, default=shared / "train.jsonl.gz")
    ap.add_argument("--dev", type=Path, default=shared / "dev.jsonl.gz")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seeds", default="13:14,41:12",
                    help="SEED[:EPOCHS],…: one tagger is trained per seed (for that many epochs, "
                         "else --epochs); the shipped model averages them")
    ap.add_argument("--noisy-fraction", type=float, default=0.5)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--learn-rate", type=float, default=0.002, help="peak learning rate")
    ap.add_argument("--warmup", type=int, default=300, help="warm-up steps")
    ap.add_argument("--hidden", type=int, default=128, help="BiLSTM width (both directions)")
    ap.add_argument("--depth", type=int, default=1, help="BiLSTM layers")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "train-cache")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="members trained at once, one process each")
    ap.add_argument("--combine", type=Path, nargs="+", metavar="MEMBER.bin",
                    help="no training: average these trained taggers into --out")
    args = ap.parse_args()

    started = time.perf_counter()
    arch = _arch(args)
    if args.combine:
        members = [p.read_bytes() for p in args.combine]
    else:
        plan = [(int(x.split(":")[0]), int(x.split(":")[1]) if ":" in x else args.epochs)
                for x in args.seeds.split(",")]
        seeds = [seed for seed, _ in plan]
        # members train apart, each in its own process when there are cores for it
        with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(seeds))),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            trained = list(pool.map(train_member, [argparse.Namespace(**{**vars(args),
                                                   "epochs": epochs}) for _, epochs in plan],
                                    seeds))
        members = []
        for seed, (data, f1, epoch) in zip(seeds, trained, strict=True):
            print(f"seed {seed}: best epoch {epoch} (dev span F1 {f1:.3f})", flush=True)
            member = args.cache / f"member-{seed}.bin"
            member.parent.mkdir(parents=True, exist_ok=True)
            member.write_bytes(data)
            members.append(data)
    data = combine(members, arch)
    if len(members) > 1:
        arch = {**arch, "members": len(members)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    args.out.with_suffix(".json").write_text(json.dumps(arch) + "\n")
    print(f"wrote {args.out} ({len(data) / 1e6:.2f} MB, {len(members)} member(s)); "
          f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
