"""What keeping claims current needs beyond the whole pass, pure: the copy-detection band keys
of one article, copy groups ordered with the whole store's credits, and the cross-speaker
``speaker_changed`` flag over any set of claim versions.

* :func:`band_keys`: the MinHash LSH band keys :func:`whosaid.claims.copies.find_copies`
  files an article under (the same shingles, permutations and bands): two articles share a
  key exactly when that LSH pairs them, so a stored key finds a new article's copy
  candidates by index.
* :func:`regroup`: copy groups among some articles, ordered as :func:`find_copies` orders
  them over the whole store (``credited`` counts every stored article's credits).
* The speaker-changed flag (step 5 of :mod:`whosaid.claims.cluster`), pairwise: a version is
  flagged when a version of another speaker's claim in another article, dated within the
  window (or either of them undated), counts as earlier (:func:`earlier`: its claim has
  more versions, the words most outlets give that speaker; of equal claims, the one
  published first), has near-identical words (:func:`~whosaid.claims.cluster.pair_score`
  at least ``SPEAKER_CHANGED``), both saying at least ``SPEAKER_CHANGED_WEIGHT`` and sharing a
  content word. :func:`flag_all` finds every such pair of a whole set by prefix filtering
  (complete for that threshold: the lighter content's rarest keys, more than a fifth of its
  weight, must meet the other's keys); the claims service finds a few versions' partners in
  the store by a few of their keys (:func:`lookup_keys`, the prefix keys filed with them).
  Both give every flag the pairwise rule gives, so an update flags as the whole pass does.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from datasketch import MinHash, MinHashLSH

from ..model import CopyDocument, CopyGroup, Drift
from .cluster import SPEAKER_CHANGED, SPEAKER_CHANGED_WEIGHT, pair_score
from .copies import (
    NUM_PERM,
    THRESHOLD,
    Signature,
    find_copies,
    order_by_evidence,
    signature,
)
from .drift import MEANING_FLAGS, with_flag
from .origin import UNDATED
from .text import STOP

FLAG = "speaker_changed"
_PREFIX_SHARE = 0.25  # more than the 0.2 that a score of 0.8 leaves out, with a margin


# ---------------------------------------------------------------------------------------
# Copies


@functools.lru_cache(maxsize=1)
def _lsh_bands() -> tuple[tuple[int, int], ...]:
    """The bands of the LSH :func:`find_copies` builds (its parameters are worked out by
    numerical integration: once)."""
    lsh = MinHashLSH(threshold=max(0.05, THRESHOLD - 0.1), num_perm=NUM_PERM)
    return tuple(lsh.hashranges)


def bands_of(minhash: MinHash) -> list[str]:
    """The band keys of a MinHash in the LSH :func:`find_copies` builds."""
    return [f"{i}.{hashlib.sha1(bytes(minhash.hashvalues[a:b].byteswap().data)).hexdigest()[:20]}"
            for i, (a, b) in enumerate(_lsh_bands())]


def banded_together(bands: Mapping[str, Iterable[str]]) -> set[str]:
    """The articles (``bands``: each one's band keys) that share a band key with another:
    those the LSH of :func:`find_copies` gives a candidate, the only ones whose shingle
    hashes it weighs."""
    first: dict[str, str] = {}
    out: set[str] = set()
    for aid, keys in bands.items():
        for k in keys:
            other = first.setdefault(k, aid)
            if other != aid:
                out.update((aid, other))
    return out


def band_keys(text: str) -> list[str]:
    """The band keys :func:`find_copies` files ``text`` under (none for a text too short to
    compare)."""
    sig = signature(text)
    return bands_of(sig.minhash) if sig is not None else []


def regroup(docs: Sequence[CopyDocument], credited: Mapping[str, int],
            signatures: Mapping[str, Signature | None] | None = None) -> list[CopyGroup]:
    """The copy groups among ``docs`` (as :func:`find_copies` finds them), each ordered with
    ``credited``, the whole store's count of articles crediting each outlet; ``signatures``
    are those already made (the new articles'), the others are made here."""
    by_id = {d.article_id: d for d in docs}
    out: list[CopyGroup] = []
    for g in find_copies(docs, signatures=signatures):
        ordered = order_by_evidence([by_id[m] for m in g.members], dict(credited))
        out.append(CopyGroup(ordered[0].article_id, tuple(d.article_id for d in ordered)))
    return sorted(out, key=lambda g: g.original)


def reorder(groups: Iterable[CopyGroup], docs: Mapping[str, CopyDocument],
            credited: Mapping[str, int]) -> list[CopyGroup]:
    """Stored groups ordered again with new credit counts."""
    out = []
    for g in groups:
        ordered = order_by_evidence([docs[m] for m in g.members], dict(credited))
        out.append(CopyGroup(ordered[0].article_id, tuple(d.article_id for d in ordered)))
    return out


# ---------------------------------------------------------------------------------------
# The speaker-changed flag


@dataclass(frozen=True)
class Printed:
    """One claim version as the flag weighs it."""

    key: tuple[str, str]  # (article_id, statement_id)
    speaker_key: str
    published: str | None
    size: int  # versions of its claim
    day: int | None
    bag: dict[str, float]
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    weight: float = field(init=False, repr=False, compare=False)  # the bag's, summed
    stop: float = field(init=False, repr=False, compare=False)  # of it, the stop words'

    def __post_init__(self) -> None:
        keys = frozenset(content_keys(self.bag))
        weight = sum(self.bag.values())
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "stop", weight - sum(self.bag[k] for k in keys))


def eligible(bag: Mapping[str, float]) -> bool:
    """Whether a content says enough to be flagged (or to flag another)."""
    return sum(w for k, w in bag.items() if k not in STOP) >= SPEAKER_CHANGED_WEIGHT


def content_keys(bag: Mapping[str, float]) -> set[str]:
    """The keys a version is filed under for the flag: its content words."""
    return {k for k in bag if k not in STOP}


# A claim_terms key so marked is one of the version's prefix keys (see :func:`prefix_keys`)
PREFIX_MARK = "^"


def _rarity(key: str) -> tuple[bool, int, str]:
    """A fixed order of content keys, likelier rare first: longer words, then names and
    numbers (the same on every run, whatever the store holds, so an update files what a
    rebuild files). Names are the commonest keys of political news ("~TRMP", "~KLNTN": one
    version in eight on the bench store); looking each version's partners up on that store
    cost 10,528 postings a version (whole year) this way, 17,108 with names first."""
    return (key.startswith(("~", "#")), -len(key), key)


def prefix_keys(bag: Mapping[str, float]) -> set[str]:
    """Enough of a content's keys that any partner at least as heavy shares one of them.

    Partners score at least ``SPEAKER_CHANGED`` (0.8), so they share 0.8 of the lighter
    one's weight: its content keys (weight 1 each) left unshared weigh at most a fifth of
    it, and any ``floor(_PREFIX_SHARE * weight) + 1`` of them include a shared one. So a
    version's partners are the versions filed under one of its prefix keys (those it is
    the lighter of) and those whose prefix keys are among its content keys (those lighter
    than it): looked up by a few rare keys instead of all its words. On the 20,000-article
    bench store, after splitting "Sanders" off "Bernie Sanders", looking up ~11,000
    versions by all their words gathered 4.1 million candidate pairs."""
    ordered = sorted(content_keys(bag), key=_rarity)
    return set(ordered[:int(_PREFIX_SHARE * sum(bag.values())) + 1])


def lookup_keys(filed: Collection[str], counts: Mapping[str, int] | None = None) -> set[str]:
    """The ``claim_terms`` keys that find the partners of a version filed under ``filed``
    (its content keys and its marked prefix keys, see :func:`prefix_keys`): its content keys
    marked (lighter partners filed one as a prefix key) and as many of its content keys as
    it has prefix keys (partners at least as heavy share one of any so many): the rarest by
    ``counts`` (how many versions each key files) when given, else its prefix keys. On the
    bench store the rarest cost 1,083 postings a version (whole year), the prefix 5,265."""
    prefix = {k[1:] for k in filed if k.startswith(PREFIX_MARK)}
    plain = {k for k in filed if not k.startswith(PREFIX_MARK)}
    if counts is not None and prefix:
        prefix = set(sorted(plain, key=lambda k: (counts.get(k, 0), k))[:len(prefix)])
    return (prefix or plain) | {PREFIX_MARK + k for k in plain}


def earlier(a: Printed, b: Printed) -> bool:
    """Whether ``a`` counts as printed before ``b``: its claim has more versions (most
    outlets give the words to its speaker), or as many and it was published first."""
    pa, pb = a.published or UNDATED, b.published or UNDATED
    return a.size > b.size or (a.size == b.size and pa < pb)


def partners(a: Printed, b: Printed, window: int) -> bool:
    """Whether ``a`` and ``b`` are near-identical words of two speakers within the window."""
    if a.speaker_key == b.speaker_key or a.key[0] == b.key[0]:
        return False
    if a.day is not None and b.day is not None and abs(a.day - b.day) > window:
        return False
    if a.keys.isdisjoint(b.keys):
        return False
    # they must share SPEAKER_CHANGED of the lighter one's weight: content words weigh 1
    # each, and at most the lighter stop weight of theirs is shared (a bound, before the
    # score: most of a version's candidates share a word or two)
    if len(a.keys & b.keys) + min(a.stop, b.stop) \
            < SPEAKER_CHANGED * min(a.weight, b.weight) - 1e-9:
        return False
    return pair_score(a.bag, b.bag) >= SPEAKER_CHANGED


def flagged(v: Printed, others: Iterable[Printed], window: int) -> bool:
    """Whether an earlier partner of ``v`` is among ``others``."""
    return any(earlier(u, v) and partners(u, v, window) for u in others)


def flag_all(rows: Sequence[Printed], window: int) -> set[tuple[str, str]]:
    """The keys of the versions the pairwise rule flags, among ``rows`` (all eligible)."""
    df: Counter[str] = Counter(k for r in rows for k in r.keys)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        for k in r.keys:
            postings[k].append(i)
    out: set[tuple[str, str]] = set()
    for i, v in enumerate(rows):
        total = sum(v.bag.values())
        seen: set[int] = {i}
        got = 0.0
        for k in sorted(v.keys, key=lambda k: (df[k], k)):
            for j in postings[k]:
                if j in seen:
                    continue
                seen.add(j)
                u = rows[j]
                if partners(u, v, window):
                    if earlier(u, v):
                        out.add(v.key)
                    if earlier(v, u):
                        out.add(u.key)
            got += v.bag[k]
            if got > _PREFIX_SHARE * total:
                break
    return out


def without_flag(d: Drift) -> Drift:
    """``d`` without the speaker-changed flag."""
    if FLAG not in d.flags:
        return d
    flags = tuple(f for f in d.flags if f != FLAG)
    return replace(d, flags=flags, meaning_changed=any(f in MEANING_FLAGS for f in flags))


def with_speaker_flag(d: Drift, on: bool) -> Drift:
    """``d`` with the speaker-changed flag set or not."""
    base = without_flag(d)
    return with_flag(base, FLAG) if on else base


__all__ = ["FLAG", "PREFIX_MARK", "Printed", "band_keys", "banded_together", "bands_of",
           "content_keys", "earlier", "eligible", "flag_all", "flagged", "lookup_keys", "partners",
           "prefix_keys", "regroup", "reorder", "with_speaker_flag", "without_flag"]
