"""Copies: articles that are copies or near-copies of one another.

A TASS story at 09:12 is on a content farm at 09:40 with another headline, a "Source: TASS"
line and a "Subscribe to our Telegram" footer, and on a second site the next day with its
last paragraph cut. :func:`find_copies` puts the three in one :class:`CopyGroup` whose
``original`` is the TASS article: the earliest published; on the same day, the one the
others credit (an article whose ``cites`` name another's ``site`` came after it), then the
one whose outlet more articles of the input credit (wire services are credited, content
farms are not), then the one that credits fewer, then the smallest id.

How: each text (without its furniture) is cut into overlapping :data:`SHINGLE`-word
shingles of :func:`whosaid.claims.text.normalise`\\ d words; a MinHash of
:data:`NUM_PERM` permutations with a fixed seed (datasketch) feeds an LSH index that
proposes candidate pairs at about :data:`THRESHOLD` estimated Jaccard; each candidate pair
is then checked on the exact Jaccard of the two shingle sets, and pairs at or above
:data:`THRESHOLD` are joined (single link: a copy of a copy is in the group). Articles with
fewer than :data:`MIN_SHINGLES` shingles are left alone (a two-line brief shares its few
shingles with any other brief on the same statement). Output is sorted, and the same input
gives the same groups on every run.

Measured (``python bench/claims.py --copies --set build/claims/generated-train.jsonl.gz``)
on the generated PolNeAR train corpus (2,680 articles): its 377 gold copy pairs (new
headline, furniture lines left in, the last paragraph cut, quote marks changed) have shingle
Jaccard 0.60-1.0 with one another (5th percentile 0.82, median 0.96); each article's most
similar non-copy has median 0.08, 99th percentile 0.33 (re-reports quoting the same
statements). Pairwise precision / recall of the groups by threshold: 0.4: 0.952 / 1.0;
0.5: 0.972 / 1.0; 0.6: 0.987 / 1.0; 0.7: 0.995 / 0.984. :data:`THRESHOLD` 0.5 keeps a
margin below the least similar generated copy for re-posts that change more than the
generator does (an added intro, a cut in the middle).
"""

from __future__ import annotations

import functools
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..attribution.outlets import canonical
from ..model import CopyDocument, CopyGroup
from ..names.normalise import fold
from .text import normalise

SHINGLE = 5
NUM_PERM = 128
SEED = 1
THRESHOLD = 0.5
MIN_SHINGLES = 8


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The text's overlapping word ``size``-grams, normalised (quote marks, case and
    punctuation do not count)."""
    words = normalise(text).split()
    return {" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class Signature:
    """What the copy search keeps of one text: its shingles as sorted 64-bit hashes (CRC-32
    and Adler-32 of each shingle side by side: the exact Jaccard of two texts, at 8 bytes a
    shingle) and their MinHash. Kept as strings, the shingle sets of 5,000 recombined bench
    articles took 360 MB (72 KB an article), most of the claims pass's peak."""

    hashes: np.ndarray
    minhash: MinHash


def _as_is(value: int) -> int:
    """The MinHash's hash function on values hashed already (the shingles' CRC-32)."""
    return value


@functools.lru_cache(maxsize=1)
def _template() -> MinHash:
    """The permutations every MinHash shares (made once: 128 random pairs)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def signature(text: str) -> Signature | None:
    """The text's :class:`Signature`, or None when it has fewer than :data:`MIN_SHINGLES`
    shingles. The MinHash is the one of the shingles' UTF-8 bytes under CRC-32 (each shingle
    hashed once, for both)."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    crcs: list[int] = []
    both: list[int] = []
    for s in sh:
        b = s.encode("utf-8")
        c = zlib.crc32(b)
        crcs.append(c)
        both.append((c << 32) | zlib.adler32(b))
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_as_is, permutations=t.permutations,
                scheme=t.scheme)
    m.update_batch(crcs)
    return Signature(np.unique(np.array(both, dtype=np.uint64)), m)


# A signature's hashes when only its MinHash is kept (no pair with it is weighed)
NO_HASHES = np.zeros(0, dtype=np.uint64)


def hashed_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard of two sorted, unique hash arrays (:attr:`Signature.hashes`)."""
    inter = int(np.intersect1d(a, b, assume_unique=True).size)
    return inter / (a.size + b.size - inter)


@functools.lru_cache(maxsize=65536)
def outlet_key(name: str) -> str:
    """An outlet's name folded for comparison: "TASS", "tass.com" and "www.tass.com" →
    ``tass``; "RIA Novosti" → ``rianovosti``; a listed outlet's alias or a phrase around
    its name is the outlet ("TASS news agency.", "the TASS agency", "Russia's TASS" →
    ``tass``: :func:`whosaid.attribution.outlets.canonical`), so an end-to-end relay edge
    from "TASS news agency." meets the one from "TASS"."""
    low = fold(name).strip()
    domain = low.startswith(("http://", "https://", "www.")) or (
        "." in low.rstrip(".") and " " not in low)
    if low.startswith(("http://", "https://")):
        low = low.split("://", 1)[1]
    low = low.split("/", 1)[0] if "." in low.split("/", 1)[0] else low
    if low.startswith("www."):
        low = low[4:]
    if "." in low and " " not in low:
        low = low.rsplit(".", 1)[0]
    listed = canonical(low if domain else name)  # a name's capitals tell a name beside it
    if listed is not None:
        low = fold(listed)
    return "".join(c for c in low if c.isalnum())


def credits(doc_cites: Iterable[str], site: str | None) -> bool:
    """Whether an article that credits ``doc_cites`` credits the outlet ``site``."""
    if not site:
        return False
    key = outlet_key(site)
    if not key:
        return False
    for c in doc_cites:
        ck = outlet_key(c)
        if ck and (ck == key or (min(len(ck), len(key)) >= 3
                                 and (ck.startswith(key) or key.startswith(ck)))):
            return True
    return False


def order_by_evidence(docs: list[CopyDocument],
                      credited: dict[str, int] | None = None) -> list[CopyDocument]:
    """Articles in the order they came out: by publication date (unknown last); within one
    day an article the day's others credit comes first, then one whose outlet more articles
    credit anywhere (``credited``: outlet key → count), then one that credits fewer, then by
    id."""
    undated = "9999-99-99"
    credited = credited or {}
    docs = sorted(docs, key=lambda d: (d.published or undated, d.article_id))
    out: list[CopyDocument] = []
    i = 0
    while i < len(docs):
        j = i
        while j < len(docs) and (docs[j].published or undated) == (docs[i].published or undated):
            j += 1
        day = docs[i:j]
        # how many of the day's others credit each article: the most credited first
        here = {d.article_id: sum(1 for o in day if o is not d and credits(o.cites, d.site))
                for d in day}
        crediting = {d.article_id: sum(1 for o in day if o is not d and credits(d.cites, o.site))
                     for d in day}
        out += sorted(day, key=lambda d: (-here[d.article_id],
                                          -credited.get(outlet_key(d.site or ""), 0),
                                          crediting[d.article_id], len(d.cites),
                                          d.article_id))
        i = j
    return out


def _lsh_pairs(hashes: Mapping[str, MinHash], threshold: float) -> Iterator[tuple[str, str]]:
    """The candidate pairs ``(a, b)``, ``a < b``, of a MinHash LSH over ``hashes``."""
    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.1), num_perm=NUM_PERM)
    for aid in sorted(hashes):
        lsh.insert(aid, hashes[aid])
    for aid in sorted(hashes):
        for other in sorted(lsh.query(hashes[aid])):
            if other > aid:
                yield aid, other


def _band_pairs(ids: Sequence[str], bands: Mapping[str, Sequence[str]],
                find: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """The pairs of ``ids`` that share a band key (the LSH's candidates), a band at a time,
    each pair once, but not those already in one group (``find``)."""
    seen: set[tuple[str, str]] = set()
    for band in range(max((len(bands[a]) for a in ids), default=0)):
        buckets: dict[str, list[str]] = defaultdict(list)
        for aid in ids:
            buckets[bands[aid][band]].append(aid)
        for members in buckets.values():
            for i, aid in enumerate(members):
                for other in members[i + 1:]:
                    if (aid, other) not in seen and find(aid) != find(other):
                        seen.add((aid, other))
                        yield aid, other


def find_copies(docs: Iterable[CopyDocument], threshold: float = THRESHOLD,
                signatures: Mapping[str, Signature | None] | None = None,
                bands: Mapping[str, Sequence[str]] | None = None) -> list[CopyGroup]:
    """Groups of articles that are copies or near-copies of one another (each of at least
    two articles), sorted by their original's id. See the module's docstring.
    ``signatures`` (article id → :func:`signature`) saves computing them again; ``bands``
    (each article's LSH band keys, :func:`whosaid.claims.index.bands_of`, in band order, for
    the default ``threshold``) give the LSH's candidates without building its index (on the
    20,000-article bench store the index took 200 MB)."""
    by_id: dict[str, CopyDocument] = {}
    for d in docs:
        by_id.setdefault(d.article_id, d)
    ids = sorted(by_id)
    sets: dict[str, np.ndarray] = {}
    hashes: dict[str, MinHash] = {}
    for aid in ids:
        sig = signatures[aid] if signatures is not None and aid in signatures \
            else signature(by_id[aid].text)
        if sig is None:
            continue
        sets[aid] = sig.hashes
        hashes[aid] = sig.minhash
    parent = {aid: aid for aid in sets}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # a union-find's groups do not depend on the order its pairs are joined in
    for aid, other in (_lsh_pairs(hashes, threshold) if bands is None
                       else _band_pairs(sorted(sets), bands, find)):
        if hashed_jaccard(sets[aid], sets[other]) >= threshold:
            ra, rb = find(aid), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for aid in sorted(sets):
        groups.setdefault(find(aid), []).append(aid)
    credited: dict[str, int] = {}
    for d in by_id.values():
        for c in set(map(outlet_key, d.cites)):
            credited[c] = credited.get(c, 0) + 1
    out: list[CopyGroup] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = order_by_evidence([by_id[m] for m in members], credited)
        out.append(CopyGroup(original=ordered[0].article_id,
                             members=tuple(d.article_id for d in ordered)))
    return sorted(out, key=lambda g: g.original)


__all__ = ["MIN_SHINGLES", "NO_HASHES", "NUM_PERM", "SEED", "SHINGLE", "THRESHOLD", "Signature",
           "credits", "find_copies", "hashed_jaccard", "jaccard", "order_by_evidence", "outlet_key",
           "shingles", "signature"]
