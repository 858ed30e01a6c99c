"""The corpus pass over a store: read → cluster → write, through the store's public API.

:func:`build_corpus_entities` rebuilds every corpus entity; :func:`update_corpus` keeps a built
corpus in step after (re-)analysis; :func:`refresh_corpus` re-runs the pass over the part of the
corpus an analyst's correction touched, inside the correction's transaction. The clustering
itself is :mod:`.cluster` (pure); the SQL is :mod:`whosaid.store.corpus`.

Taking in new articles (:func:`attach_articles`): the corpus entities that could take their
entities in are found through blocking keys (:func:`could_hold`: an alias filed under one of
their names' keys that scores against one of them), and then

- when those hold few article entities (``EXACT_LIMIT``), they are clustered again in full
  together with the new ones and replaced, as the whole pass would for that part;
- otherwise (a corpus entity such as "Donald Trump" gathers thousands of article entities),
  the new ones are clustered with a fixed sample of each candidate's members (``SAMPLE``,
  chosen by article id, so the same each time) and only added: a new article entity joins
  the corpus entity most of whose sampled members share its cluster, or forms a new one
  where none does. Existing memberships stay; the corpus entities it joins get their
  aliases, counts, canonical name and keys recomputed from all their members. A new article
  that would join two existing corpus entities into one joins the likelier; the next full
  ``whosaid corpus`` weighs such merges.
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..model import CorpusEntity, KBEntry, MemberEntity
from ..names.linking import ParsedName, blocking_keys, name_score, parse_name
from ..store import corpus as sql
from .blocks import Block, BlockPlan, Named, plan_blocks
from .cluster import (
    ContextStats,
    IdEntry,
    Visits,
    block_ids,
    canonical_name,
    cluster_members,
    id_entries,
    reassign_ids,
)
from .constraints import Constraints, from_corrections

if TYPE_CHECKING:
    from ..store import Store

Progress = Callable[[str, int, int], None]
Key = tuple[str, str]  # an article entity: (article_id, entity_id)

# A batch this large a share of the corpus's articles rebuilds it whole: the partial pass
# would weigh most corpus entities again anyway, more slowly (measured on PolNeAR train: the
# partial pass over all 839 articles took 7.7 s, the whole pass 5.7 s).
FULL_PASS_SHARE = 0.2
# A corpus entity is clustered again with a new name when one of its aliases scores this
# much against it (well under what any stage of the pass joins at)
COULD_HOLD = 0.5
# Up to this many article entities in the candidate corpus entities, they are clustered
# again in full; beyond, each candidate is represented by SAMPLE of its members.
EXACT_LIMIT = 2000
SAMPLE = 60


@dataclass
class CorpusSummary:
    """What a corpus pass did."""

    articles: int
    members: int
    entities: int
    linked: int = 0
    kb_entries: int = 0
    seconds: float = 0.0
    by_type: dict[str, int] = field(default_factory=dict)
    corrections: int = 0  # merges and splits (constraints) the pass obeyed



# ---------------------------------------------------------------------------------------
# Blocking keys


def filed_keys(alias: str, etype: str) -> set[str]:
    """The keys an alias is filed under (see :func:`whosaid.names.linking.blocking_keys`)."""
    return blocking_keys(parse_name(alias, etype))


def keys_of(found: Iterable[CorpusEntity]) -> dict[str, set[str]]:
    """The blocking keys of each corpus entity's aliases."""
    return {e.id: set().union(*(filed_keys(a, e.type) for a in e.aliases)) for e in found}


def ensure_keys(conn: Connection) -> None:
    """File a corpus built before blocking keys existed (migration 5 made their table)."""
    if not sql.keys_missing(conn):
        return
    keys: dict[str, set[str]] = defaultdict(set)
    for cid, alias, etype in sql.alias_types(conn):
        keys[cid] |= filed_keys(alias, etype)
    sql.write_keys(conn, keys)


def constraints_of(conn: Connection) -> Constraints:
    """The analysts' corrections as constraints on the corpus pass."""
    return from_corrections(sql.entity_corrections(conn))


# ---------------------------------------------------------------------------------------
# The whole pass


# One block to cluster: its id, its article entities and the buckets their look-ups visit
# (Block.visits; None: the block is the whole corpus)
BlockInput = tuple[int, list[MemberEntity], Visits | None]


@dataclass(frozen=True)
class ClusteredBlock:
    """What clustering one block gives the writer: its rows (:func:`whosaid.store.corpus.
    corpus_rows`, plain data), what :func:`.cluster.block_ids` needs of its corpus
    entities, and their counts for the summary. Small and picklable: a cluster worker sends
    it back instead of the corpus entities with all their members."""

    block_id: int
    rows: dict[str, list[dict[str, Any]]]
    ids: dict[tuple[str, str], list[IdEntry]]
    by_type: Counter[str]
    linked: int


@dataclass(frozen=True)
class BlockJob:
    """Cluster one block (:func:`.cluster.cluster_members`, with the corpus's context
    counts) into the rows to write: pure, and the same for every block of a pass, so a
    cluster runner sends it to each worker once."""

    kb: tuple[KBEntry, ...]
    stats: ContextStats | None  # None: the block is the whole corpus
    constraints: Constraints
    built: str  # the pass's build time, on every row

    def __call__(self, block: BlockInput) -> ClusteredBlock:
        block_id, members, visits = block
        entities = cluster_members(members, self.kb, self.constraints, self.stats, visits)
        return ClusteredBlock(block_id, sql.corpus_rows(entities, keys_of(entities), self.built),
                              id_entries(entities, block_id), Counter(e.type for e in entities),
                              sum(1 for e in entities if e.kb_id))


# Runs a BlockJob over blocks and gives the results back in the blocks' order, as ``map``
# does (the default); :func:`whosaid.usecases.cluster.map_blocks_on` runs them on Dask.
MapBlocks = Callable[[BlockJob, Iterable[BlockInput]], Iterable[ClusteredBlock]]


def build_corpus_entities(store: Store, progress: Progress | None = None,
                          block_members: int | None = None,
                          map_blocks: MapBlocks = map) -> CorpusSummary:
    """Rebuild the corpus entities of ``store`` from its articles' entities, a block at a
    time (:mod:`.blocks`): in one snapshot, plan the blocks (the articles read a chunk at a
    time, and set aside on disk: :class:`BlockSpill`), then read each block back and
    cluster it (``map_blocks``: here, or on a cluster's workers, results in order), setting
    its rows aside on disk; then replace the corpus in
    one write transaction (a re-run replaces the previous result; an interrupted one leaves
    it). Memory holds one block, not the corpus: on the 20,000 article bench store, see
    ``bench/corpus_blocks.py``. A corpus of at most ``WHOLE_MEMBERS`` article entities is
    read once and clustered whole, without a plan (:func:`small_corpus`; unless
    ``block_members`` asks for blocks)."""
    started = time.perf_counter()
    report = progress or (lambda _stage, _done, _total: None)
    summary = CorpusSummary(articles=0, members=0, entities=0)
    by_type: Counter[str] = Counter()
    with tempfile.TemporaryFile(prefix="whosaid-corpus-") as aside, \
            tempfile.TemporaryFile(prefix="whosaid-blocks-") as spilled:
        with store.read("read article entities") as conn:
            taken_in = sql.pending_articles(conn)  # read with the articles: all taken in
            corrected = sql.corpus_stale_work(conn).seqs  # and the corrections: all obeyed
            last_correction = sql.last_correction(conn)
            kb = sql.load_kb(conn)
            constraints = constraints_of(conn)
            # a corpus of at most WHOLE_MEMBERS article entities is clustered whole,
            # unplanned (the 1,000-article scale store: 21,103 of them)
            whole, chunks = small_corpus(conn) if block_members is None else \
                (None, member_chunks(conn))
            spill = BlockSpill(spilled)
            if whole is not None:
                plan = BlockPlan([Block(0, frozenset(), (), len(whole))],
                                 articles=len({m.article_id for m in whole}))
            else:
                plan = plan_corpus(conn, kb, report, block_members, constraints.together,
                                   spill.keep(chunks))
            report("clustering", 0, len(plan.blocks))
            built = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            job = BlockJob(tuple(kb), None if whole is not None else plan.stats, constraints,
                           built)
            named: dict[tuple[str, str], list[IdEntry]] = defaultdict(list)
            pieces = 0

            def blocks() -> Iterator[BlockInput]:
                if whole is not None:
                    yield 0, whole, None
                    return
                for block in plan.blocks:
                    yield block.id, spill.read(block), block.visits

            for done, found in enumerate(map_blocks(job, blocks()), 1):
                for key, entries in found.ids.items():
                    named[key] += entries
                for table in sql.CORPUS_TABLES:  # in pieces: writing holds one at a time
                    rows = found.rows[table]
                    for i in range(0, len(rows), ASIDE_ROWS):
                        pickle.dump((found.block_id, table, rows[i:i + ASIDE_ROWS]), aside)
                        pieces += 1
                summary.members += plan.block(found.block_id).members
                summary.entities += len(found.rows["corpus_entities"])
                summary.linked += found.linked
                by_type.update(found.by_type)
                del found
                report("clustering", done, len(plan.blocks))
        report("writing", 0, pieces)
        aside.seek(0)
        with store.write("write corpus entities") as conn:
            sql.lock_corpus(conn)
            sql.clear_corpus(conn)
            renamed = block_ids(named)  # one type and name in two blocks: numbered ids
            del named
            for i in range(pieces):
                block_id, table, piece = pickle.load(aside)
                sql.insert_corpus_rows(conn, _renamed({table: piece}, renamed.get(block_id)))
                report("writing", i + 1, pieces)
            sql.clear_pending(conn, taken_in)
            sql.clear_corpus_stale(conn, corrected)
            # a correction made while the blocks were clustered (its refresh may have run
            # already, on the corpus this replaces): weigh its names again
            later = sql.names_corrected_since(conn, last_correction)
            if later:
                refresh_corpus(conn, later)
    summary.articles = plan.articles
    summary.kb_entries = len(kb)
    summary.seconds = time.perf_counter() - started
    summary.by_type = dict(by_type.most_common())
    summary.corrections = len(constraints.together) + len(constraints.apart)
    return summary


def _renamed(rows: dict[str, list[dict[str, Any]]], ids: Mapping[str, str] | None
             ) -> dict[str, list[dict[str, Any]]]:
    """A block's rows with the corpus entity ids ``ids`` (old -> new) replaced."""
    if not ids:
        return rows
    for table, found in rows.items():
        col = "id" if table == "corpus_entities" else "corpus_entity_id"
        for r in found:
            r[col] = ids.get(r[col], r[col])
    return rows


# Rows set aside (and written back) at a time
ASIDE_ROWS = 20_000
# A corpus of at most this many article entities is clustered whole, without a plan: its
# memory is small, and planning costs more than blocks save (the 1,000-article bench store,
# 21,103 of them: whole 2.2 CPU-s, in blocks of 5,000 3.3 CPU-s)
WHOLE_MEMBERS = 50_000
# Articles read at a time while planning the blocks
PLAN_ARTICLES = 1000


def member_chunks(conn: Connection, chunk: int = PLAN_ARTICLES) -> Iterator[list[MemberEntity]]:
    """The entities of every analysed article, with their counts of mentions and statements
    (planning's look-ups go by the names' weight, as the whole pass's do), ``chunk`` articles
    at a time, in the order :func:`whosaid.store.corpus.load_members` reads them all."""
    ids = sql.analysed_article_ids(conn)
    for i in range(0, len(ids), chunk):
        yield sql.load_members(conn, ids[i:i + chunk], counts=True)


def plan_corpus(conn: Connection, kb: Sequence[KBEntry], progress: Progress | None = None,
                block_members: int | None = None, together: Iterable[str] = (),
                chunks: Iterable[list[MemberEntity]] | None = None) -> BlockPlan:
    """The blocks of the stored corpus (see :func:`.blocks.plan_blocks`); ``chunks``: its
    article entities when read already (:func:`member_chunks`)."""
    report = progress or (lambda _stage, _done, _total: None)
    total = sql.analysed_articles(conn)

    def reported() -> Iterator[list[MemberEntity]]:
        done = 0
        report("planning", 0, total)
        # with their counts of mentions: the look-ups run in the order of the names' weight
        for chunk in member_chunks(conn) if chunks is None else chunks:
            yield chunk
            done = min(total, done + PLAN_ARTICLES)
            report("planning", done, total)

    return plan_blocks(reported(), kb, block_members, together)


def small_corpus(conn: Connection, limit: int = WHOLE_MEMBERS
                 ) -> tuple[list[MemberEntity] | None, Iterator[list[MemberEntity]]]:
    """Every article entity of the store when they are at most ``limit`` (one block: the
    pass clusters them whole, as it did before blocks, with no plan); else None, and the
    article entities as :func:`member_chunks` reads them with their counts, those read so
    far first. Holds at most ``limit`` article entities and one chunk."""
    chunks = member_chunks(conn)
    held: list[list[MemberEntity]] = []
    size = 0
    for chunk in chunks:
        held.append(chunk)
        size += len(chunk)
        if size > limit:
            return None, itertools.chain(held, chunks)
    return [m for chunk in held for m in chunk], iter(())


class BlockSpill:
    """The article entities read while planning, set aside on disk by (type, name), so
    that each block is read back from there: the store is read once in all, not once more
    per block (a block's articles hold most of the corpus's: on the 10,000-article scale
    store, 3 blocks read back from the store took 33 of the pass's 97 profiled CPU s)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.at: dict[Named, list[tuple[int, int]]] = defaultdict(list)  # (chunk, offset)
        self.chunks = 0

    def keep(self, chunks: Iterable[list[MemberEntity]]) -> Iterator[list[MemberEntity]]:
        """Pass ``chunks`` on, setting each aside: per (type, name), its article entities
        with their places in the chunk."""
        for chunk in chunks:
            groups: dict[Named, list[tuple[int, MemberEntity]]] = defaultdict(list)
            for i, m in enumerate(chunk):
                groups[(m.type, m.name)].append((i, m))
            for named, found in groups.items():
                self.at[named].append((self.chunks, self.fh.tell()))
                pickle.dump(found, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.chunks += 1
            yield chunk

    def read(self, block: Block) -> list[MemberEntity]:
        """The article entities of ``block`` in the order the store gives them (as
        :func:`whosaid.store.corpus.load_members`)."""
        where = sorted(at for named in block.named for at in self.at.get(named, ()))
        out: list[MemberEntity] = []
        for _, group in itertools.groupby(where, key=lambda at: at[0]):
            found: list[tuple[int, MemberEntity]] = []
            for _, offset in group:
                self.fh.seek(offset)
                found += pickle.load(self.fh)
            found.sort(key=lambda p: p[0])
            out += [m for _, m in found]
        return out


@dataclass
class CorpusUpdate:
    """What keeping the corpus current did: how many corpus entities were written, and which
    (``None`` when the whole corpus was built again)."""

    entities: int = 0
    rewritten: list[str] | None = field(default_factory=list)
    # those of ``rewritten`` whose earlier members may have moved (clustered again in
    # full); the others only took in the new articles' entities (and maybe a new name)
    regrouped: list[str] | None = field(default_factory=list)


def update_corpus(store: Store, article_ids: Collection[str] = (), *, build: bool = False
                  ) -> int:
    """After (re-)analysing ``article_ids``: keep the corpus in step (see
    :func:`keep_corpus`). Returns how many corpus entities were written."""
    return keep_corpus(store, article_ids, build=build).entities


def keep_corpus(store: Store, article_ids: Collection[str] = (), *, build: bool = False,
                map_blocks: MapBlocks = map) -> CorpusUpdate:
    """After (re-)analysing ``article_ids``: keep the corpus in step. With no corpus yet,
    ``build`` makes the first (what ``whosaid analyze`` and the server do, so a newcomer's
    Entities page shows "Trump" and "Donald Trump" as one); without it nothing happens.
    Every article saved since the corpus last took it in joins too — one a run stopped by
    ``kill -9`` or Ctrl-C saved but never took in (``corpus_pending``). A small batch joins
    the corpus entities that could take its entities in (:func:`attach_articles`); a batch of
    at least ``FULL_PASS_SHARE`` of the articles rebuilds the corpus. (The use cases run a
    correction's corpus refresh still noted, :func:`defer_corpus_refresh`, before it.)
    Returns how many corpus entities were written and which (``rewritten`` is None after a
    whole pass). A whole pass clusters its blocks with ``map_blocks`` (see
    :func:`build_corpus_entities`)."""
    with store.read("count analysed articles") as conn:
        if not sql.corpus_built(conn):
            first = build and sql.analysed_articles(conn) > 0
            if not first:
                return CorpusUpdate()
            return CorpusUpdate(build_corpus_entities(store, map_blocks=map_blocks).entities,
                                None, None)
        ids = set(article_ids) | set(sql.pending_articles(conn))
        total = sql.analysed_articles(conn)
    if not ids:
        return CorpusUpdate()
    if len(ids) >= FULL_PASS_SHARE * total:
        return CorpusUpdate(build_corpus_entities(store, map_blocks=map_blocks).entities,
                            None, None)
    written, exact = _attach(store, ids)
    return CorpusUpdate(len(written), written, written if exact else [])


# ---------------------------------------------------------------------------------------
# Part of the corpus again


def could_hold(conn: Connection, named: Iterable[tuple[str, str]]) -> set[str]:
    """The corpus entities that could take in an entity with one of these (name, type)
    pairs: an alias of theirs is filed under one of the name's blocking keys (surname, its
    sound and skeleton, acronym, a body's words: :func:`whosaid.names.linking.blocking_keys`)
    and scores at least ``COULD_HOLD`` against that name."""
    ensure_keys(conn)
    by_key: dict[str, list[ParsedName]] = defaultdict(list)
    for name, etype in named:
        parsed = parse_name(name, etype)
        for key in blocking_keys(parsed, query=True, loose=False):
            by_key[key].append(parsed)
    rivals: dict[str, list[ParsedName]] = defaultdict(list)  # corpus entity -> names to weigh
    for key, cid in sql.filed_under(conn, by_key):
        rivals[cid] += by_key[key]
    found: set[str] = set()
    for cid, alias, etype in sql.alias_types(conn, rivals):
        if cid in found:
            continue
        held = parse_name(alias, etype)
        if any(max(name_score(q, held, COULD_HOLD), name_score(held, q, COULD_HOLD))
               >= COULD_HOLD for q in set(rivals[cid])):
            found.add(cid)
    return found


def recluster(conn: Connection, touched: Collection[str], member_keys: set[Key]) -> list[str]:
    """Cluster the members of the corpus entities ``touched`` with the article entities
    ``member_keys``, obeying all corrections, and replace those corpus entities."""
    member_keys |= sql.members_of(conn, touched)
    members = sql.load_members(conn, {aid for aid, _ in member_keys}, member_keys)
    found = cluster_members(members, sql.load_kb(conn), constraints_of(conn))
    sql.delete_corpus_entities(conn, touched)
    reassign_ids(found, sql.corpus_ids(conn))
    sql.write_corpus(conn, found, keys_of(found))
    return [e.id for e in found]


def refresh_corpus(conn: Connection, names: Iterable[str], keys: Iterable[Key] = ()
                   ) -> list[str]:
    """After a correction: re-run the corpus pass over the corpus entities that hold an
    article entity named one of ``names`` or one of the article entities ``keys``, or that
    could hold one so named (:func:`could_hold`), together with every article entity so
    named that none holds yet, obeying all corrections; replace those corpus entities in the
    caller's transaction. Returns the ids of the corpus entities written (none when no
    corpus was built: ``whosaid corpus`` will apply the corrections)."""
    if not sql.corpus_built(conn):
        return []
    sql.lock_corpus(conn)
    member_keys, named, touched = sql.named_members(conn, names)
    touched |= sql.holders_of(conn, keys)
    # a split-off name may belong with some third corpus entity: those are weighed too
    touched |= could_hold(conn, named)
    return recluster(conn, touched, member_keys)


def defer_corpus_refresh(conn: Connection, names: Collection[str], keys: Collection[Key] = ()
                         ) -> bool:
    """Inside an analyst's correction's transaction: note what the corpus must weigh again
    (the arguments of :func:`refresh_corpus`) for :func:`refresh_stale` to do after the
    correction commits, in a transaction of its own (or the next update; a whole pass takes
    it in too). Splitting "Sanders" off "Bernie Sanders" on the 20,000-article bench store,
    the corpus refresh took 2.7 of the correction's 4.2 CPU-s (bench/corrections.py): the
    analyst no longer waits for it. False (and nothing noted) before the first corpus pass."""
    if not sql.corpus_built(conn):
        return False
    sql.mark_corpus_stale(conn, names, keys)
    return True


def refresh_stale(conn: Connection) -> list[str]:
    """In the caller's write transaction: weigh again what the corrections noted with
    :func:`defer_corpus_refresh` (every one not yet taken in), as :func:`refresh_corpus`
    does, and clear those notes. Returns the ids of the corpus entities written."""
    if not sql.corpus_built(conn):
        return []
    sql.lock_corpus(conn)
    stale = sql.corpus_stale_work(conn)
    if not stale.seqs:
        return []
    written = refresh_corpus(conn, stale.names, stale.keys)
    sql.clear_corpus_stale(conn, stale.seqs)
    return written


# ---------------------------------------------------------------------------------------
# New articles


def attach_articles(store: Store, article_ids: Collection[str],
                    exact_limit: int = EXACT_LIMIT) -> list[str]:
    """Put the entities of the analysed articles ``article_ids`` into the corpus entities
    (see the module docstring), in one transaction serialised with the corpus's other
    writers. Returns the ids of the corpus entities written; none when no corpus was
    built."""
    return _attach(store, article_ids, exact_limit)[0]


def _attach(store: Store, article_ids: Collection[str], exact_limit: int | None = None
            ) -> tuple[list[str], bool]:
    """:func:`attach_articles`, and whether the candidates were clustered again in full
    (else the new article entities only joined them)."""
    ids = sorted(set(article_ids))
    if not ids:
        return [], False
    with store.write(f"update corpus entities for {len(ids)} articles") as conn:
        if not sql.corpus_built(conn):
            return [], False
        sql.lock_corpus(conn)
        sql.clear_pending(conn, ids)  # taken in below, in this transaction
        # an article analysed again lost its memberships: drop what they leave empty
        sql.drop_empty(conn)
        new = sql.load_members(conn, ids)
        touched = could_hold(conn, {(name, m.type) for m in new
                                    for name in {m.name, *m.aliases}})
        touched |= sql.holders_of_articles(conn, ids)  # those holding them already
        sizes = sql.sizes(conn, touched)
        new_keys = {(m.article_id, m.entity_id) for m in new}
        if sum(sizes.values()) <= (EXACT_LIMIT if exact_limit is None else exact_limit):
            return recluster(conn, touched, new_keys), True
        held = sql.release_articles(conn, ids)  # placed afresh below
        return _attach_sampled(conn, sizes, new_keys, held), False


def _attach_sampled(conn: Connection, sizes: dict[str, int], new_keys: set[Key],
                    held: set[str]) -> list[str]:
    holder: dict[Key, str] = {}
    for cid in sorted(sizes):
        for key in sql.sample_members(conn, cid, SAMPLE):
            holder[key] = cid
    loaded = new_keys | set(holder)
    members = sql.load_members(conn, {aid for aid, _ in loaded}, loaded)
    found = cluster_members(members, sql.load_kb(conn), constraints_of(conn))
    joins: dict[str, list[MemberEntity]] = defaultdict(list)
    fresh: list[CorpusEntity] = []
    for e in found:
        arrivals = [m for m in e.members if (m.article_id, m.entity_id) in new_keys]
        if not arrivals:
            continue
        votes = Counter(holder[k] for m in e.members
                        if (k := (m.article_id, m.entity_id)) in holder)
        if not votes:
            fresh.append(e)  # only new article entities: a corpus entity of their own
            continue
        target = max(votes, key=lambda c: (votes[c], sizes[c], c))
        joins[target] += arrivals
    reassign_ids(fresh, sql.corpus_ids(conn))
    sql.write_corpus(conn, fresh, keys_of(fresh))
    sql.add_members(conn, joins)
    # those that gained members, and those that held the new article entities before
    restated = _restate(conn, sorted(set(joins) | held | sql.stale(conn, sizes)))
    return sorted({e.id for e in fresh} | set(restated))


def _restate(conn: Connection, ids: Iterable[str]) -> list[str]:
    """Recompute aliases, counts, canonical name and keys of the corpus entities ``ids``
    from all their members; one left without members goes. Returns the ids still there."""
    kept: list[str] = []
    pinned = set(constraints_of(conn).together)
    for cid in ids:
        head = sql.head_of(conn, cid)
        if head is None:
            continue
        name, etype, linked = head
        counts, n_articles, n_mentions, n_said = sql.member_totals(conn, cid)
        if not n_articles:
            sql.delete_corpus_entities(conn, [cid])
            continue
        best = canonical_name(counts, etype, parse_name(name, etype).suffix) if counts else name
        if name in pinned or linked:  # an analyst's merge or the knowledge base named it
            best = name
        keys = set().union(*(filed_keys(a, etype) for a in counts or {best: 0}))
        sql.restate_entity(conn, cid, best, counts, (n_articles, n_mentions, n_said), keys)
        kept.append(cid)
    return kept
