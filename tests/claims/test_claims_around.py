"""Part of a speaker's statements grouped again (what an update does around new statements):
the candidate pairs found one statement at a time are the clustering sweep's, posting cap
included, and a set of linked statements read with the weeks around it is grouped as
clustering all the speaker's statements groups it."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from claimkit import st

from whosaid.claims import cluster
from whosaid.claims.cluster import Placed, Surroundings, claim_groups, day_of
from whosaid.claims.text import weighted_set
from whosaid.model import ClaimStatement

UTTERANCES = [
    "the economy will grow faster than anyone expected next year in every region",
    "we will build the wall along the southern border and the economy will thank us",
    "the trade deal with China is a disaster for the economy and for our workers",
    "our veterans deserve better care and the economy can pay for it",
    "the tax plan cuts rates for the middle class and the economy will boom",
    "the election is rigged against us by the media and the economy pays",
]
EXTRA = ["and", "the", "very", "great", "today", "economy", "believe", "many", "people"]


def _statements(seed: int, n: int = 160) -> list[ClaimStatement]:
    """One speaker's re-reports of a few utterances (cut, padded, reworded), over 60 days,
    all sharing "economy" (so the posting cap bites when it is small)."""
    rng = random.Random(seed)
    out = []
    start = dt.date(2016, 3, 1)
    for i in range(n):
        words = rng.choice(UTTERANCES).split()
        for _ in range(rng.randint(0, 4)):
            op = rng.random()
            if op < 0.4 and len(words) > 5:
                del words[rng.randrange(len(words))]
            elif op < 0.7:
                words.insert(rng.randrange(len(words) + 1), rng.choice(EXTRA))
            else:
                words[rng.randrange(len(words))] = rng.choice(EXTRA)
        day = start + dt.timedelta(days=rng.randrange(60))
        out.append(st(f"s{i:03d}", " ".join(words), article=f"a{rng.randrange(n // 2)}",
                      speaker="trump", name="Donald Trump", published=day.isoformat(),
                      position=rng.randrange(3)))
    return out


def _key(s: ClaimStatement) -> tuple[str, str]:
    return (s.article_id, s.statement_id)


@pytest.mark.parametrize("cap", [3, 400])
def test_candidate_pairs_found_one_statement_at_a_time_group_as_the_sweeps(
        cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "POSTING_CAP", cap)
    statements = _statements(1)
    here = Surroundings([Placed(_key(s), day_of(s), s.content) for s in statements])
    whole = {frozenset(_key(s) for s in g) for g in claim_groups(statements)}
    assert {frozenset(_key(s) for s in g) for g in here.groups(statements)} == whole
    assert 10 < len(whole) < 100


@pytest.mark.parametrize("cap", [3, 400])
def test_a_linked_set_read_around_is_grouped_as_clustering_the_whole_speaker_groups_it(
        cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The windows are read around the seeds and widened till every linked statement's
    window is held (as the claims service reads them)."""
    monkeypatch.setattr(cluster, "POSTING_CAP", cap)
    statements = _statements(2)
    whole = {frozenset(_key(s) for s in g) for g in claim_groups(statements)}
    of = {k: g for g in whole for k in g}
    by_key = {_key(s): s for s in statements}
    placed = [Placed(k, day_of(s), s.content) for k, s in by_key.items()]
    rng = random.Random(3)
    sizes = set()
    for seed in rng.sample(sorted(by_key), 12):
        need = {day_of(by_key[seed])}
        while True:
            ranges = [(d - 14, d + 14) for d in need if d is not None]
            read = [p for p in placed if any(lo <= (p.day or 0) <= hi for lo, hi in ranges)]
            here = Surroundings(read)
            found, unheld = here.linked(
                {seed}, lambda d, r=ranges: any(lo <= d - 7 and d + 7 <= hi for lo, hi in r))
            if not unheld:
                break
            need |= {day_of(by_key[k]) for k in unheld}
        got = {frozenset(_key(s) for s in g) for g in here.groups([by_key[k] for k in found])}
        assert got == {of[k] for k in found}
        sizes.add(len(found))
    assert max(sizes) > 20 and min(sizes) < max(sizes)


def test_the_statements_a_leaving_one_was_linked_to_are_found() -> None:
    statements = _statements(4, n=60)
    gone, rest = statements[0], statements[1:]
    here = Surroundings([Placed(_key(s), day_of(s), s.content) for s in rest])
    near = here.near([Placed(_key(gone), day_of(gone), gone.content)])
    with_it = claim_groups(statements)
    mates = {_key(s) for g in with_it if gone in g for s in g} - {_key(gone)}
    assert mates <= near
    bag = weighted_set(gone.content)
    assert all(abs((day_of(s) or 0) - (day_of(gone) or 0)) <= 7
               and cluster.pair_score(bag, weighted_set(s.content)) >= cluster.LINK
               for s in rest if _key(s) in near)


def test_statements_whose_posting_cap_a_new_one_may_tip_are_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "POSTING_CAP", 3)
    statements = _statements(5, n=60)
    new = next(s for s in statements if "econom" in weighted_set(s.content))
    rest = [s for s in statements if s is not new]
    here = Surroundings([Placed(_key(s), day_of(s), s.content) for s in rest])
    crowded = here.crowded([Placed(_key(new), day_of(new), new.content)])
    d = day_of(new) or 0
    window = {_key(s) for s in rest if abs((day_of(s) or 0) - d) <= 7
              and "econom" in weighted_set(s.content)}
    assert len(window) >= 2 and window <= crowded
