"""Claims: statements in different articles that report one utterance of one speaker.

On 2 December TASS prints «We are ready for talks, but Kyiv must accept the new realities»,
Peskov said. RIA Novosti writes that Peskov said Russia was ready for talks; a content
farm copies TASS with other quote marks and "Peskow"; a week-old Peskov statement in the
same TASS article ("We will not comment on this") is another utterance. The first three
are one :class:`whosaid.model.Claim`, the fourth is a claim of its own.

How (:func:`cluster_claims`):

1. **Blocking.** Statements with an unknown speaker (``speaker_key is None``) are left out.
   The others are grouped by ``speaker_key`` and, within a speaker, compared only with
   statements dated at most :data:`WINDOW_DAYS` days apart (``said_on`` when it is a full
   date, else ``published``; an undated statement is compared with all of its speaker's).
   Within the window, a statement is compared only with those sharing a content word (an
   inverted index over :mod:`whosaid.claims.text` keys, words shared by more than
   :data:`POSTING_CAP` statements of the window left out of the index). So the pass is
   near linear in the number of statements.
2. **Scoring** (:func:`pair_score`): weighted Jaccard of the two contents' keys, or their
   weighted containment (a truncated re-report is contained in its origin) discounted when
   the smaller content says little (below :data:`CONTAIN_FULL` of weight).
3. **Linking.** Pairs at or above :data:`LINK` join, best first, if the two groups are
   alike on average (:data:`AVERAGE_MIN`), except that
   two statements of one speaker in one article are never joined, even through others,
   unless they are the same utterance repeated (a headline repeating a body quote: score
   at least :data:`REPEAT`), or the article's first statement paraphrasing a quote printed
   below it (at least :data:`LEAD_REPEAT`, :func:`repeat_min`). A repeat is one utterance
   printed twice, so it joins as one more version; two different statements of one speaker
   in one article never share a claim. A content of two clauses or more ("There are issues
   that we need to discuss. And I think we need to talk to our American colleagues …")
   reports the utterance of its first clause (:func:`whosaid.claims.text.head`: its first
   sentence, or what comes before a clause-opening "but"): a pair where neither content's
   first clause is in the other (:func:`heads_meet`, containment below :data:`HEAD_MIN`)
   joins after all the others, and only when one side is still alone, so a report of a
   later sentence ("he might call Trump to discuss the issue") keeps its own claim when
   both have other versions. Nor do two groups join when their dated statements would
   then span more than :data:`SPAN_DAYS` days: an undated statement is compared with all
   of its speaker's, so without this it chains claims a year apart ("Türkiye is ready to
   host negotiations", undated, May 2025, between "Turkey is ready to host a peace
   summit" of 8 March 2024 and "Turkey was ready to host peace negotiations" of 11 May
   2025). Real re-report set, dev part (by speaker: Putin, Peskov,
   Trump): pairwise F1 0.813 → 0.967; held-out part (Rubio, Zelensky) 0.829 → 0.874;
   generated dev 0.965 → 0.966; generated train 0.971 → 0.972.
4. **Claims.** Each group's origin, time order and relay graph come from
   :mod:`whosaid.claims.origin`, each version's drift from :mod:`whosaid.claims.drift`.
   ``Claim.id`` hashes the origin's statement id: the same statements give the same ids.
5. **Speaker changed.** Near-identical words (score at least :data:`SPEAKER_CHANGED`, with
   at least :data:`SPEAKER_CHANGED_WEIGHT` of content) under two speakers within the
   window, in two articles: the version whose claim has fewer versions is flagged
   ``speaker_changed`` (most outlets give the words to the other speaker; of equal claims,
   the one published later; equal on both counts, neither).

Claims of one speaker depend only on that speaker's statements (step 5 aside), so keeping
claims current after a new article means clustering again only its speakers' statements.

Thresholds, measured on the generated PolNeAR *train* re-report set (21,781 statements;
``python bench/claims.py --tune build/claims/generated-train.jsonl.gz``; the dev set and the
real set are kept for reporting). Pairwise F1 by :data:`LINK` with :data:`CONTAIN_FULL` 4:
0.3: 0.929, 0.4: 0.962 (precision falls as same-topic statements of one speaker join),
0.5: 0.971, 0.6: 0.977, 0.7: 0.978 (recall 0.975 → 0.970 as reworded and truncated
versions stay apart); :data:`CONTAIN_FULL` 2 is worse at every link (0.954 at 0.5), 6 the
same as 4 from 0.5 up. :data:`LINK` 0.5 is a judgement within 0.007 F1 of the best: the
generator's rewording is milder than translation and paraphrase in real re-reports, so the
margin goes to recall. :data:`WINDOW_DAYS`: pairwise F1 0 days 0.700, 1: 0.917, 3: 0.953,
7: 0.971, 14: 0.969, 30: 0.948, 90: 0.846 (the generator re-reports within 5 days, one in
ten 6-20 days later, half of those dated by ``said_on``). :data:`AVERAGE_MIN` 0.3 (a join
needs the two groups alike on average, over up to :data:`_SAMPLE` members each) changes
nothing on the generated sets (0.0-0.4 give the same figures); it was added after the real
set showed quotations that run two utterances together chaining their claims, and lifted
pairwise F1 there from 0.76 to 0.82 — so its value is not a measured choice.
:data:`SPAN_DAYS` (pairwise F1, generated dev / third real batch ``fresh2``): no limit
0.9656 / 0.523; 7 days 0.965 / 0.535; 14, 30 or 60 days 0.9656 / 0.535 (14 kept: two
windows); real dev 0.967 and the fresh batch 0.904 unchanged throughout.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Claim, ClaimStatement, ClaimVersion, CopyGroup, content_id
from .drift import drift, with_flag
from .origin import UNDATED, copied_from, relay_edges, time_order
from .text import STOP, content_weight, head, similarity, weighted_set

WINDOW_DAYS = 7
LINK = 0.5
CONTAIN_FULL = 4.0
REPEAT = 0.9
LEAD_REPEAT = 0.65
SPEAKER_CHANGED = 0.8
SPEAKER_CHANGED_WEIGHT = 2.0
POSTING_CAP = 400
AVERAGE_MIN = 0.3
SPAN_DAYS = 14
HEAD_MIN = 0.5
_SAMPLE = 8
_PREFIX_KEYS = 4

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def day_of(statement: ClaimStatement) -> int | None:
    """The day a statement is placed on for blocking: ``said_on`` when it is a full date,
    else the publication date, as a proleptic ordinal; ``None`` when neither is known."""
    for value in (statement.said_on, statement.published):
        m = _DAY.match(value or "")
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
            except ValueError:
                continue
    return None


def pair_score(a: dict[str, float], b: dict[str, float]) -> float:
    """How likely two contents (as :func:`whosaid.claims.text.weighted_set` gives them)
    report one utterance: the larger of their weighted Jaccard and their weighted
    containment, the containment scaled down when the smaller content weighs less than
    :data:`CONTAIN_FULL` ("we will" is contained in most sentences)."""
    return weighed_score(a, content_weight(a), b, content_weight(b))


def weighed_score(a: dict[str, float], wa: float, b: dict[str, float], wb: float) -> float:
    """:func:`pair_score` of two bags whose weights (:func:`whosaid.claims.text.content_weight`)
    are known: clustering sums each statement's once, not four times per pair scored (a
    13-speaker article's update on the 20,000-article bench store scored 266,000 pairs)."""
    if len(a) > len(b):
        a, wa, b, wb = b, wb, a, wa
    inter = sum(w for k, w in a.items() if k in b)
    if not wa or not wb:
        return 0.0
    jac, cont = inter / (wa + wb - inter), inter / min(wa, wb)
    return max(jac, cont * min(1.0, min(wa, wb) / CONTAIN_FULL))


def _score(x: _Placed, y: _Placed) -> float:
    """:func:`pair_score` of two items, with their weights summed once per statement."""
    return weighed_score(x.bag, x.weight, y.bag, y.weight)


def heads_meet(a: ClaimStatement, b: ClaimStatement) -> bool:
    """Whether two contents can report one utterance by where they meet: a content of two
    clauses or more reports the utterance its first clause reports, so the other content
    must hold that first clause (containment at least :data:`HEAD_MIN`), or hold the other's
    first clause when it has more than one clause too. "I think we need to talk to our
    American colleagues… Maybe have a phone call with President Trump" is not the claim of
    "he might call Trump to discuss the issue", which meets only its second sentence."""
    return _meet(head_bag(a.content), weighted_set(a.content),
                 head_bag(b.content), weighted_set(b.content))


def head_bag(content: str) -> dict[str, float] | None:
    """The keys of the content's first clause (:func:`whosaid.claims.text.head`) as
    :func:`whosaid.claims.text.weighted_set` gives them; None for a content of one
    clause."""
    h = head(content)
    return None if h is None else weighted_set(h)


def _meet(head_a: dict[str, float] | None, bag_a: dict[str, float],
          head_b: dict[str, float] | None, bag_b: dict[str, float]) -> bool:
    """:func:`heads_meet` of two contents given as their keys and their first clauses'."""
    heads = [(h, other) for h, other in ((head_a, bag_b), (head_b, bag_a)) if h is not None]
    return not heads or any(similarity(h, other)[1] >= HEAD_MIN for h, other in heads)


def repeat_min(a: ClaimStatement, b: ClaimStatement) -> float:
    """The score two statements of one speaker in one article need to be one claim:
    :data:`REPEAT` (one utterance printed twice), or :data:`LEAD_REPEAT` when the article's
    first statement is a paraphrase (indirect or mixed) and the other a quote: the lead
    reports in its own words the quote printed below it ("Guterres said the era of global
    warming was officially over" at the top, "“The era of global warming has ended,”
    Guterres said" below). Two quotes, two paraphrases, or a paraphrase further down keep
    :data:`REPEAT`. Pairwise F1 (fresh real batch / generated dev / generated train):
    :data:`REPEAT` only 0.868 / 0.966 / 0.971; this rule at 0.6-0.7 0.904 / 0.966 / 0.970
    (0.75: no gain; 0.55: generated train 0.969); any earlier paraphrase, not only the
    first statement, at 0.65: 0.904 / 0.963 / 0.967."""
    if a.position > b.position:
        a, b = b, a
    if a.position == 0 and a.kind != "direct" and b.kind == "direct":
        return LEAD_REPEAT
    return REPEAT


@dataclass
class _Placed:
    """A statement as the candidate search and the score see it: its place in the block's
    order (by statement id), its content's keys and its day."""

    index: int
    bag: dict[str, float]
    day: int | None

    @functools.cached_property
    def weight(self) -> float:
        """:func:`whosaid.claims.text.content_weight` of the bag, summed once per statement,
        not four times per pair scored (:func:`_score`)."""
        return content_weight(self.bag)

    @functools.cached_property
    def stop(self) -> float:
        """The weight of its stop words: all two contents can share of them is the lighter
        one's (:meth:`Surroundings.score`)."""
        return sum(w for k, w in self.bag.items() if k in STOP)


@dataclass
class _Item(_Placed):
    """A statement being grouped."""

    statement: ClaimStatement

    @functools.cached_property
    def head(self) -> dict[str, float] | None:
        """:func:`head_bag` of the content, found once per statement, not once per pair
        it is in (generated dev set: the 1,585 pairs scored at :data:`LINK` or more read
        3,170 first clauses of 1,752 statements)."""
        return head_bag(self.statement.content)


def _candidates(block: Sequence[_Placed], window: int) -> Iterable[tuple[int, int]]:
    """Pairs of the block (one speaker's statements) within the window sharing a content
    key: a sweep in date order with an inverted index of the window's statements."""
    dated = sorted((it for it in block if it.day is not None),
                   key=lambda it: (it.day, it.index))
    undated = [it for it in block if it.day is None]
    postings: dict[str, deque[_Placed]] = defaultdict(deque)
    for it in dated:
        assert it.day is not None
        seen: set[int] = set()
        for key in it.bag:
            if key in STOP:
                continue
            q = postings[key]
            while q and q[0].day is not None and q[0].day < it.day - window:
                q.popleft()
            if len(q) <= POSTING_CAP:
                for other in q:
                    if other.index not in seen:
                        seen.add(other.index)
                        yield (other.index, it.index)
            q.append(it)
    if undated:
        index: dict[str, list[_Placed]] = defaultdict(list)
        for it in block:
            for key in it.bag:
                if key not in STOP:
                    index[key].append(it)
        for it in undated:
            seen = set()
            for key in it.bag:
                if key in STOP or len(index[key]) > POSTING_CAP:
                    continue
                for other in index[key]:
                    if other.index != it.index and other.index not in seen and (
                            other.day is not None or other.index < it.index):
                        seen.add(other.index)
                        yield (min(other.index, it.index), max(other.index, it.index))


class _Sweep:
    """The candidate pairs :func:`_candidates` yields among dated statements, told one pair
    at a time: a statement meets the earlier ones (by day, then index) within the window
    that share a content key with it when at most :data:`POSTING_CAP` of them file that
    key, so two statements within the window are a pair when the later one meets the
    earlier ones under a key they share (:meth:`paired`)."""

    def __init__(self, items: Iterable[_Placed], window: int) -> None:
        self.order = sorted(items, key=lambda it: (it.day or 0, it.index))
        self.window = window
        self.rank = {it.index: r for r, it in enumerate(self.order)}
        self.postings: dict[str, list[_Placed]] = defaultdict(list)
        for it in self.order:
            for key in it.bag:
                if key not in STOP:
                    self.postings[key].append(it)
        self._filed: dict[str, tuple[list[int], list[int], list[int], list[bool]]] = {}

    def filed(self, key: str) -> tuple[list[int], list[int], list[int], list[bool]]:
        """The days, ranks and indices of the statements filed under ``key``, in order, and
        whether each meets the earlier ones (at most :data:`POSTING_CAP` of them in its
        window)."""
        got = self._filed.get(key)
        if got is None:
            rows = self.postings[key]
            days = [it.day or 0 for it in rows]
            ranks = [self.rank[it.index] for it in rows]
            meets = [j - bisect.bisect_left(days, d - self.window) <= POSTING_CAP
                     for j, d in enumerate(days)]
            got = self._filed[key] = (days, ranks, [it.index for it in rows], meets)
        return got

    def meets(self, it: _Placed, key: str) -> bool:
        """Whether ``it`` (filed under ``key``) meets the earlier statements filed under
        ``key`` within its window: at most :data:`POSTING_CAP` of them."""
        _, ranks, _, meets = self.filed(key)
        return meets[bisect.bisect_left(ranks, self.rank[it.index])]

    def paired(self, u: _Placed, v: _Placed) -> bool:
        """Whether ``u`` and ``v`` (within the window of each other) are a candidate pair:
        the later one meets the earlier ones under a content key the two share."""
        later, other = (u, v) if self.rank[u.index] > self.rank[v.index] else (v, u)
        return any(self.meets(later, k) for k in later.bag if k not in STOP and k in other.bag)


class _Groups:
    """Union-find over one block's statements that keeps two different statements of one
    article apart."""

    def __init__(self, block: Sequence[_Item]) -> None:
        self.items = {it.index: it for it in block}
        self.parent = {it.index: it.index for it in block}
        self.articles: dict[int, dict[str, list[int]]] = {
            it.index: {it.statement.article_id: [it.index]} for it in block}
        self.days: dict[int, tuple[int, int] | None] = {
            it.index: None if it.day is None else (it.day, it.day) for it in block}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _members(self, root: int) -> list[int]:
        return sorted(m for ms in self.articles[root].values() for m in ms)[:_SAMPLE]

    def _close(self, ra: int, rb: int, strict: bool = False) -> bool:
        """Whether two groups are alike on average (not only through their closest pair):
        a quotation that runs two utterances together must not chain their claims."""
        xs, ys = self._members(ra), self._members(rb)
        if strict and len(xs) > 1 and len(ys) > 1:
            return False
        if len(xs) == 1 and len(ys) == 1:
            return True
        total = sum(_score(self.items[x], self.items[y]) for x in xs for y in ys)
        return total / (len(xs) * len(ys)) >= AVERAGE_MIN

    def join(self, a: int, b: int, strict: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        arts_a, arts_b = self.articles[ra], self.articles[rb]
        for art in arts_a.keys() & arts_b.keys():
            for x in arts_a[art]:
                for y in arts_b[art]:
                    if _score(self.items[x], self.items[y]) < repeat_min(
                            self.items[x].statement, self.items[y].statement):
                        return False
        if (AVERAGE_MIN > 0 or strict) and not self._close(ra, rb, strict):
            return False
        span = joined_span(self.days[ra], self.days[rb])
        if span is not None and span[1] - span[0] > SPAN_DAYS:
            return False
        if len(arts_a) < len(arts_b):
            ra, rb, arts_a, arts_b = rb, ra, arts_b, arts_a
        self.days[ra] = span
        self.parent[rb] = ra
        for art, members in arts_b.items():
            arts_a.setdefault(art, []).extend(members)
        del self.articles[rb]
        return True


def joined_span(a: tuple[int, int] | None, b: tuple[int, int] | None
                ) -> tuple[int, int] | None:
    """The first and last day (:func:`day_of`) of two groups' dated statements together;
    None when neither group has a dated statement. A join whose span exceeds
    :data:`SPAN_DAYS` is refused (:class:`_Groups`)."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _link(block: Sequence[_Item], window: int, link: float) -> list[list[int]]:
    items = {it.index: it for it in block}
    return _join(block, ((a, b, _score(items[a], items[b]))
                         for a, b in _candidates(block, window)), link)


def _join(block: Sequence[_Item], scored: Iterable[tuple[int, int, float]], link: float
          ) -> list[list[int]]:
    """The groups (lists of indices) of one speaker's ``block`` that its candidate pairs
    (``scored``: indices and score) scoring at least ``link`` make, joined best first (step
    3)."""
    items = {it.index: it for it in block}
    edges: list[tuple[bool, float, int, int]] = []  # (meets only a later clause, -score, a, b)
    for a, b, s in scored:
        if s >= link:
            x, y = items[a], items[b]
            meet = _meet(x.head, x.bag, y.head, y.bag)
            edges.append((not meet, -s, min(a, b), max(a, b)))
    edges.sort()
    groups = _Groups(block)
    for tail, _, a, b in edges:
        groups.join(a, b, strict=tail)
    out: dict[int, list[int]] = defaultdict(list)
    for it in block:
        out[groups.find(it.index)].append(it.index)
    return list(out.values())


def _claim(members: Sequence[ClaimStatement], copied: dict[str, tuple[str, ...]]) -> Claim:
    ordered = time_order(members, copied)
    origin = ordered[0]
    names = Counter(s.speaker_name for s in ordered if s.speaker_name)
    name = origin.speaker_name
    if names:
        top = max(names.values())
        if not name or names[name] < top:
            name = min(n for n, c in names.items() if c == top)
    versions = tuple(ClaimVersion(s, drift(origin, s)) for s in ordered)
    assert origin.speaker_key is not None
    return Claim(
        id=content_id("claim", origin.statement_id),
        speaker_key=origin.speaker_key,
        speaker_name=name,
        origin=origin,
        versions=versions,
        edges=relay_edges(ordered, name or origin.speaker_key, copied),
    )


def _speaker_changed(claims: list[Claim], window: int) -> list[Claim]:
    """Flag versions whose words an earlier statement gave to another speaker."""
    rows: list[tuple[int, int, ClaimStatement, dict[str, float], int | None]] = []
    for ci, c in enumerate(claims):
        for vi, v in enumerate(c.versions):
            bag = weighted_set(v.statement.content)
            if sum(w for k, w in bag.items() if k not in STOP) >= SPEAKER_CHANGED_WEIGHT:
                rows.append((ci, vi, v.statement, bag, day_of(v.statement)))
    df: Counter[str] = Counter(k for r in rows for k in r[3] if k not in STOP)
    # near-identical contents share one of their rarest keys (prefix filtering)
    prefixes = [sorted((k for k in r[3] if k not in STOP), key=lambda k: (df[k], k))
                [:_PREFIX_KEYS] for r in rows]
    index: dict[str, list[int]] = defaultdict(list)
    for ri, keys in enumerate(prefixes):
        for k in keys:
            index[k].append(ri)
    flagged: set[tuple[int, int]] = set()
    for ri, (ci, vi, st, bag, day) in enumerate(rows):
        seen: set[int] = set()
        for k in prefixes[ri]:
            if len(index[k]) > POSTING_CAP:
                continue
            for rj in index[k]:
                if rj in seen or rj == ri:
                    continue
                seen.add(rj)
                cj, _, other, obag, oday = rows[rj]
                if other.speaker_key == st.speaker_key or other.article_id == st.article_id:
                    continue  # one article printing both speakers' words changed nothing
                if day is not None and oday is not None and abs(day - oday) > window:
                    continue
                su, sv = len(claims[cj].versions), len(claims[ci].versions)
                earlier = su > sv or (su == sv and (other.published or UNDATED) <
                                      (st.published or UNDATED))
                if earlier and pair_score(bag, obag) >= SPEAKER_CHANGED:
                    flagged.add((ci, vi))
    if not flagged:
        return claims
    out = []
    for ci, c in enumerate(claims):
        if any((ci, vi) in flagged for vi in range(len(c.versions))):
            versions = tuple(
                ClaimVersion(v.statement, with_flag(v.drift, "speaker_changed"))
                if (ci, vi) in flagged else v for vi, v in enumerate(c.versions))
            c = Claim(c.id, c.speaker_key, c.speaker_name, c.origin, versions, c.edges)
        out.append(c)
    return out


def cluster_claims(statements: Iterable[ClaimStatement], copies: Iterable[CopyGroup] = (),
                   *, window_days: int = WINDOW_DAYS, link: float = LINK,
                   speaker_changed: bool = True) -> list[Claim]:
    """The claims of these statements (see the module's docstring).

    Every statement with a known speaker is in exactly one claim (a claim may have one
    version); statements with ``speaker_key=None`` are in none. ``copies`` (from
    :func:`whosaid.claims.copies.find_copies`) orders copies after their original and adds
    copy edges. Claims are sorted by their origin's publication date, then id; the output is
    the same for the same input in any order. ``speaker_changed`` False leaves step 5 out
    (the claims service weighs the flag over the whole store, :mod:`.blocks`).
    """
    claims = claims_of(claim_groups(statements, window_days=window_days, link=link), copies)
    if speaker_changed:
        claims = _speaker_changed(claims, window_days)
    return sorted(claims, key=lambda c: (c.origin.published or UNDATED, c.id))


def claim_groups(statements: Iterable[ClaimStatement], *, window_days: int = WINDOW_DAYS,
                 link: float = LINK) -> list[list[ClaimStatement]]:
    """Steps 1-3 of :func:`cluster_claims`: which statements make one claim (each group's
    statements in no set order). The claims service makes claims only of the groups that
    changed: a new article leaves most of its speakers' claims as they were."""
    unique: dict[str, ClaimStatement] = {}
    for s in statements:
        if s.speaker_key is not None:
            unique.setdefault(s.statement_id, s)
    ordered = [unique[k] for k in sorted(unique)]
    items = [_Item(i, weighted_set(s.content), day_of(s), s) for i, s in enumerate(ordered)]
    blocks: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        assert it.statement.speaker_key is not None
        blocks[it.statement.speaker_key].append(it)
    return [[items[i].statement for i in group]
            for key in sorted(blocks) for group in _link(blocks[key], window_days, link)]


def claims_of(groups: Iterable[Sequence[ClaimStatement]], copies: Iterable[CopyGroup] = ()
              ) -> list[Claim]:
    """Step 4 of :func:`cluster_claims`: the claims of the groups :func:`claim_groups`
    gives (without the speaker-changed flag), in the groups' order."""
    copied = copied_from(copies)
    return [_claim(group, copied) for group in groups]


# ---------------------------------------------------------------------------------------
# Part of a speaker's statements again


@dataclass(frozen=True)
class Placed:
    """One stored statement of a speaker as the candidate search places it: its key
    (article id, statement id), day and content."""

    key: tuple[str, str]
    day: int | None
    content: str


class Surroundings:
    """Some of one speaker's dated statements (:class:`Placed`: those of some weeks around
    the statements an update changed), in :func:`claim_groups`' order, with the candidate
    pairs among them (:class:`_Sweep`) and the scores weighed so far.

    Clustering joins only candidate pairs scoring at least ``link``, so a set of statements
    that such pairs link (:meth:`linked`), none linked to a statement outside it, is grouped
    as clustering all the speaker's statements groups it, provided every window of its
    statements is here (:meth:`groups`): the posting cap and the pairs need all of them."""

    def __init__(self, placed: Iterable[Placed], *, window_days: int = WINDOW_DAYS,
                 link: float = LINK) -> None:
        days = {p.key: (p.day, p.content) for p in placed}
        self.keys = sorted(days, key=lambda k: (k[1], k[0]))
        self.items = [_Placed(i, weighted_set(days[k][1]), days[k][0])
                      for i, k in enumerate(self.keys)]
        self.at = dict(zip(self.keys, self.items, strict=True))
        assert all(it.day is not None for it in self.items)
        self.window, self.link = window_days, link
        self.sweep = _Sweep(self.items, window_days)
        # each statement's prefix keys (:meth:`_prefix`), filed by day as the sweep files all
        df = {k: len(rows) for k, rows in self.sweep.postings.items()}
        self._firsts: dict[str, list[_Placed]] = defaultdict(list)
        self._prefixes: dict[int, list[str]] = {}
        for it in self.sweep.order:
            prefix = self._prefixes[it.index] = self._prefix(it, df)
            for key in prefix:
                self._firsts[key].append(it)
        self._first_days = {k: [it.day or 0 for it in rows] for k, rows in self._firsts.items()}
        self._edges: dict[int, dict[int, float]] = {}

    def _prefix(self, it: _Placed, df: Mapping[str, int]) -> list[str]:
        """Enough of a statement's content keys, rarest here (``df``) first, that any
        statement it links to at least as heavy as it shares one: a pair scores at most the
        shared weight over the lighter one's, stop words weighing at most the lighter one's
        (:func:`weighed_score`), so the lighter one shares at least ``link`` of its weight
        less its stop words in content keys (weight 1 each), and any so many of them more
        than it leaves out hold one. On the bench store a new Donald Trump statement's
        linked set of 1,780 (with its corpus) met 102,282 candidate pairs by all their keys."""
        content: list[str] = []
        total = stop = 0.0
        for k, w in it.bag.items():
            total += w
            if k in STOP:
                stop += w
            else:
                content.append(k)
        need = self.link * total - stop - 1e-9
        keep = len(content) - math.ceil(need) + 1 if need > 0 else len(content)
        if keep >= len(content):
            return content
        return heapq.nsmallest(max(keep, 1), content, key=df.__getitem__)

    def _near(self, rows: Sequence[_Placed], days: Sequence[int], day: int
              ) -> Sequence[_Placed]:
        return rows[bisect.bisect_left(days, day - self.window):
                    bisect.bisect_right(days, day + self.window)]

    def edges(self, u: _Placed) -> dict[int, float]:
        """The statements here that make a candidate pair with ``u`` scoring at least
        ``link``, by index, with the score: those within the window that file one of its
        prefix keys, or under one of whose prefix keys it is filed, weighed exactly
        (found once a statement)."""
        got = self._edges.get(u.index)
        if got is not None:
            return got
        assert u.day is not None
        near: dict[int, _Placed] = {}
        for key in self._prefixes[u.index]:
            days, _, _, _ = self.sweep.filed(key)
            near.update((v.index, v) for v in self._near(self.sweep.postings[key], days, u.day))
        for key in u.bag:
            rows = self._firsts.get(key)
            if rows:
                near.update((v.index, v) for v in self._near(rows, self._first_days[key], u.day))
        near.pop(u.index, None)
        got = {}
        for i, v in near.items():
            known = self._edges.get(i)
            if known is not None:
                if u.index in known:
                    got[i] = known[u.index]
                continue
            if self.sweep.paired(u, v):
                score = _score(u, v)
                if score >= self.link:
                    got[i] = score
        self._edges[u.index] = got
        return got

    def linked(self, seeds: Collection[tuple[str, str]], held: Callable[[int], bool]
               ) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
        """The statements here that pairs scoring at least ``link`` link to ``seeds``, and
        those of them whose window is not here whole (``held`` of their day is false):
        their pairs are not followed (the caller reads around them and asks again)."""
        found = {k for k in seeds if k in self.at}
        todo = sorted(found)
        unheld: set[tuple[str, str]] = set()
        while todo:
            k = todo.pop()
            u = self.at[k]
            assert u.day is not None
            if not held(u.day):
                unheld.add(k)
                continue
            for i in self.edges(u):
                other = self.keys[i]
                if other not in found:
                    found.add(other)
                    todo.append(other)
        return found, unheld

    def groups(self, statements: Sequence[ClaimStatement]) -> list[list[ClaimStatement]]:
        """:func:`claim_groups` of ``statements``, whole sets of linked ones
        (:meth:`linked`) whose windows are here: what clustering all the speaker's
        statements gives them."""
        block = [_Item(self.at[k].index, self.at[k].bag, self.at[k].day, s) for s in statements
                 if (k := (s.article_id, s.statement_id)) in self.at]
        mine = {it.index for it in block}
        scored = [(u.index, i, score) for u in block for i, score in self.edges(u).items()
                  if i in mine and u.index < i]
        by_index = {it.index: it.statement for it in block}
        return [[by_index[i] for i in group] for group in _join(block, scored, self.link)]

    def near(self, gone: Iterable[Placed]) -> set[tuple[str, str]]:
        """The statements here that one of ``gone`` (statements leaving the speaker) was or
        could have been linked to: within the window, sharing a content key and scoring at
        least ``link`` (whatever the posting cap: more than the pairs clustering made)."""
        out: set[tuple[str, str]] = set()
        for g in gone:
            it = _Placed(-1, weighted_set(g.content), g.day)
            for other in self._sharing(it):
                if self.keys[other.index] not in out and _score(it, other) >= self.link:
                    out.add(self.keys[other.index])
        return out

    def crowded(self, changed: Iterable[Placed]) -> set[tuple[str, str]]:
        """The statements here whose pairs a statement of ``changed`` joining or leaving may
        make or unmake through the posting cap: for each of its content keys filed by at
        least :data:`POSTING_CAP` statements within its window, those statements (the count
        a later statement meets its earlier ones by, :class:`_Sweep`, moves by one)."""
        out: set[tuple[str, str]] = set()
        for c in changed:
            assert c.day is not None
            for w in weighted_set(c.content):
                if w not in STOP and w in self.sweep.postings:
                    rows = self._window(w, c.day)
                    if len(rows) + 1 >= POSTING_CAP:
                        out.update(self.keys[r.index] for r in rows)
        return out

    def _window(self, key: str, day: int) -> list[_Placed]:
        """The statements here filed under ``key`` within the window of ``day``."""
        days, _, _, _ = self.sweep.filed(key)
        return self.sweep.postings[key][bisect.bisect_left(days, day - self.window):
                                        bisect.bisect_right(days, day + self.window)]

    def _sharing(self, it: _Placed) -> list[_Placed]:
        """The statements here within the window of ``it`` sharing a content key with it."""
        assert it.day is not None
        found: dict[int, _Placed] = {}
        for w in it.bag:
            if w not in STOP and w in self.sweep.postings:
                for other in self._window(w, it.day):
                    found.setdefault(other.index, other)
        return list(found.values())


__all__ = ["CONTAIN_FULL", "HEAD_MIN", "LEAD_REPEAT", "LINK", "POSTING_CAP", "REPEAT",
           "SPAN_DAYS", "SPEAKER_CHANGED", "SPEAKER_CHANGED_WEIGHT", "WINDOW_DAYS", "Placed",
           "Surroundings", "claim_groups", "claims_of", "cluster_claims", "day_of", "head_bag",
           "heads_meet", "joined_span", "pair_score", "repeat_min"]
