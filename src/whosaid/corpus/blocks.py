"""The corpus in blocks: article entities that the corpus pass could ever join, found before
clustering, so the pass reads, clusters and writes one block at a time (memory bounded by
the largest block, not the corpus) and a cluster runner can run blocks as separate tasks.

:func:`plan_blocks` takes the corpus's article entities a chunk of articles at a time (it
keeps none of them): each one's block nodes (:func:`whosaid.corpus.cluster.block_nodes`:
cleaned names and aliases, acronyms, surname sounds, suffixes, knowledge-base keys) are
joined in a union-find, the context words counted (:class:`~whosaid.corpus.cluster.
ContextStats`) and the names kept with their weight (:class:`~whosaid.corpus.cluster.
Lookups`); then the look-ups of the clustering's stages 2 and 3 run over the names alone,
and the names a look-up finds at a score its stage joins at are joined too. A block's
look-ups then visit the buckets that the whole corpus's did (``Block.visits``).
Two article entities of one type and name always share a block, so a block is a set of
(type, name) pairs and the articles they occur in. Small components are packed together up to
``BLOCK_MEMBERS`` article entities, or the largest component's size when that is larger (a
union of whole components clusters as each would alone), so a corpus of many rare names
does not read its articles once per name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..model import KBEntry, MemberEntity
from .cluster import (
    ContextStats,
    Lookups,
    MemberForm,
    block_nodes,
    counted_as,
    group_node,
    kb_block_keys,
    member_form,
)

# Components are packed into blocks of about this many article entities (a block is read
# back from the spill by its names, so packing costs no reads): on the 10,000-article bench
# store (217,646 article entities, largest component 14,214), 50,000 made 5 blocks, a peak
# of 367 MB and 28.1 CPU-s; 20,000 made 12, 249 MB and 30.0 CPU-s (load ~12: within noise).
BLOCK_MEMBERS = 20_000


class _Components:
    """Union-find over node names (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra


Named = tuple[str, str]  # (type, name) of an article entity


@dataclass(frozen=True)
class Block:
    """One block: the article entities of the articles ``article_ids`` whose (type, name)
    is one of ``named`` (``members`` of them), and the buckets the look-ups of its names
    visit (``visits``: see :class:`~whosaid.corpus.cluster.Lookups`)."""

    id: int
    named: frozenset[Named]
    article_ids: tuple[str, ...]
    members: int
    visits: dict[str, tuple[str, ...]] | None = None


@dataclass
class BlockPlan:
    """The corpus's blocks, largest first, and its context words."""

    blocks: list[Block] = field(default_factory=list)
    stats: ContextStats = field(default_factory=ContextStats)
    components: int = 0  # before packing
    largest_component: int = 0  # article entities
    articles: int = 0  # with at least one entity

    def block_ids(self) -> Iterator[int]:
        """The ids of the blocks, one task each."""
        yield from (b.id for b in self.blocks)

    def block(self, block_id: int) -> Block:
        return self.blocks[block_id]


def plan_blocks(chunks: Iterable[Sequence[MemberEntity]], kb: Sequence[KBEntry] = (),
                block_members: int | None = None, together: Iterable[str] = ()
                ) -> BlockPlan:
    """Blocks of the article entities ``chunks`` yields (the whole corpus, a few articles at
    a time), components packed up to ``block_members`` article entities (by default
    ``BLOCK_MEMBERS`` or the largest component, whichever is larger); ``together``: the
    names analysts merged into (every article entity so named is one corpus entity). See
    the module docstring."""
    kb_keys = kb_block_keys(kb)
    filed = frozenset().union(*kb_keys)
    pinned = frozenset(together)
    found = _Components()
    for keys in kb_keys:  # an entry joins the names that could link to it
        first = next(iter(keys), None)
        for k in keys:
            found.union(first or k, k)
    stats = ContextStats()
    lookups = Lookups()
    groups: dict[Named, set[str]] = defaultdict(set)  # the groups each name falls in
    count: Counter[Named] = Counter()
    articles: dict[Named, set[str]] = defaultdict(set)
    suffixes: set[str] = set()
    # what a form (type, name, aliases) adds is the same every time: its block nodes joined,
    # and whether the context words count (a full name); see member_form
    seen: dict[MemberForm, bool | None] = {}
    for chunk in chunks:
        for m in chunk:
            named = (m.type, m.name)
            key = member_form(m)
            count[named] += 1
            articles[named].add(m.article_id)
            groups[named].add(lookups.add(m, key))
            if key not in seen:
                seen[key] = counted_as(m)
                anchor = _anchor(named)
                if m.name in pinned:
                    found.union(anchor, "T:" + m.name)
                for node in block_nodes(m, filed):
                    found.union(anchor, node)
                    if node.startswith("SFX:"):
                        suffixes.add(node[4:])
            stats.count(seen[key], m)  # as ContextStats.add(m), its name parsed once
    for suffix in suffixes:  # "Don Jr." looks at every full name with his suffix
        found.union("SFX:" + suffix, "SFXF:" + suffix)
    links, visits = lookups.run()
    del lookups
    for a, b in links:  # a look-up found the other at a score its stage joins at
        found.union(group_node(a), group_node(b))
    by_root: dict[str, list[Named]] = defaultdict(list)
    for named in count:
        by_root[found.find(_anchor(named))].append(named)
    components = sorted(by_root.values(), key=lambda ns: (-sum(count[n] for n in ns),
                                                          min(ns)))
    plan = BlockPlan(stats=stats, components=len(components),
                     articles=len(set().union(*articles.values())))
    plan.largest_component = sum(count[x] for x in components[0]) if components else 0
    # memory holds the largest component anyway: by default pack the others up to its
    # size, so the articles are read fewer times
    limit = block_members or max(BLOCK_MEMBERS, plan.largest_component)
    packed: list[list[Named]] = []
    size = 0
    for group in components:
        n = sum(count[x] for x in group)
        if not packed or size + n > limit:
            packed.append([])
            size = 0
        packed[-1] += group
        size += n
    for i, group in enumerate(packed):
        held = set().union(*(articles[n] for n in group))
        plan.blocks.append(Block(i, frozenset(group), tuple(sorted(held)),
                                 sum(count[n] for n in group),
                                 {k: visits[k] for n in group for k in groups[n]
                                  if k in visits}))
    return plan


def _anchor(named: Named) -> str:
    return "M:" + named[0] + "\x1f" + named[1]
