"""Blocks of the whole claims pass, pure: which speakers are clustered together, which days
the speaker-changed flag weighs together, and the job that clusters one block.

Claims of one speaker depend only on that speaker's statements (step 1 of
:mod:`whosaid.claims.cluster`), so the pass clusters a block of speakers at a time
(:func:`speaker_blocks`: whole speakers, about ``BLOCK_STATEMENTS`` statements a block; the
most quoted speaker alone may be more) and holds one block's statements, not the store's.
Within a block :class:`ClaimsJob` gives the claims :func:`~whosaid.claims.cluster.cluster_claims`
gives for those speakers over all statements: the same ids, versions, drift and edges.

The speaker-changed flag pairs versions of two speakers within ``WINDOW_DAYS`` of each other
(or either undated), so it is weighed by day (:func:`day_blocks`): each block's versions
dated in its days, those dated within the window around them, and the undated ones. A pair
of partners is in one block together (the block of the earlier day holds the later within
its margin), and :func:`whosaid.claims.index.flag_all` finds every pair of a set whatever
else the set holds, so the versions flagged in some block are those flagged over the whole
store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Claim, ClaimStatement, CopyGroup
from .cluster import cluster_claims

# Statements a speaker block holds at most (unless one speaker has more). The 20,000-article
# bench store's 165,805 statements in blocks of 20,000: see bench/claims_scale.py.
BLOCK_STATEMENTS = 20_000
# Claim versions whose speaker-changed flag one day block weighs (its margin aside).
FLAG_VERSIONS = 20_000


def speaker_blocks(counts: Mapping[str, int], limit: int = BLOCK_STATEMENTS
                   ) -> list[tuple[str, ...]]:
    """Speaker keys (``counts``: each key's statements) in blocks of whole speakers, in key
    order, each of at most ``limit`` statements unless one speaker has more."""
    out: list[tuple[str, ...]] = []
    block: list[str] = []
    size = 0
    for key in sorted(counts):
        n = counts[key]
        if block and size + n > limit:
            out.append(tuple(block))
            block, size = [], 0
        block.append(key)
        size += n
    if block:
        out.append(tuple(block))
    return out


def day_blocks(counts: Mapping[int, int], limit: int = FLAG_VERSIONS
               ) -> list[tuple[int, int]]:
    """Consecutive day ranges ``(first, last)`` covering every day of ``counts`` (each
    day's versions), each holding about ``limit`` versions (one day is never cut)."""
    out: list[tuple[int, int]] = []
    first: int | None = None
    size = 0
    days = sorted(counts)
    for day in days:
        if first is None:
            first = day
        size += counts[day]
        if size >= limit:
            out.append((first, day))
            first, size = None, 0
    if first is not None:
        out.append((first, days[-1]))
    return out


# One block to cluster: its number and its speakers' statements.
ClaimsBlock = tuple[int, Sequence[ClaimStatement]]


@dataclass(frozen=True)
class ClusteredClaims:
    """One block's claims (without the speaker-changed flag: the store-wide pass sets it)."""

    block_id: int
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class ClaimsJob:
    """Cluster one block of speakers: pure, and the same for every block of a pass (the
    copy groups order copies after their original), so a cluster runner sends it to each
    worker once."""

    copies: tuple[CopyGroup, ...]

    def __call__(self, block: ClaimsBlock) -> ClusteredClaims:
        block_id, statements = block
        found = cluster_claims(statements, self.copies, speaker_changed=False)
        return ClusteredClaims(block_id, tuple(found))


# Runs a ClaimsJob over blocks and gives the results back in the blocks' order, as ``map``
# does (the default).
MapClaims = Callable[[ClaimsJob, Iterable[ClaimsBlock]], Iterable[ClusteredClaims]]


__all__ = ["BLOCK_STATEMENTS", "FLAG_VERSIONS", "ClaimsBlock", "ClaimsJob", "ClusteredClaims",
           "MapClaims", "day_blocks", "speaker_blocks"]
