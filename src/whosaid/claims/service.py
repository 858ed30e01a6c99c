"""The claims pass over a store: read → compute → write, through the store's public API (the
one module of :mod:`whosaid.claims` that talks to the store; the SQL is
:mod:`whosaid.store.claims`).

:func:`build_claims` runs the whole pass (copies, claims, the speaker-changed flag) and
replaces every claim table in one transaction. It works a block at a time
(:mod:`whosaid.claims.blocks`): the statements of a block of speakers read, clustered
(here, or with ``whosaid analyze --cluster`` on the Dask workers) and set aside on disk,
then written, and the flag weighed a day block at a time over the written versions; the
copy search holds each text's MinHash, not its text. On the 20,000-article bench store
(165,828 statements) every claim table is the one clustering all statements at once gave.

:func:`update_claims` keeps built claims current after (re-)analysis and after the corpus
update; :func:`refresh_claims` does the work inside a transaction the caller holds. An
analyst's correction notes in its own transaction what its claims refresh must weigh again
(:func:`defer_refresh`, the ``claims_stale`` table) and commits; :func:`refresh_pending`
then does it in a transaction of its own, or else the next update or rebuild takes it in
(the claim reads mark every claim pending meanwhile). Splitting "Sanders" off "Bernie
Sanders" on the 20,000-article bench store: the correction 4.7 CPU-s, its claims refresh 21
CPU-s after it.

Keeping current, for the articles saved since the claims last took them in
(``claims_pending``) and the corpus entities the corpus update rewrote:

1. **Copies.** Each new article's band keys (:func:`whosaid.claims.index.band_keys`) find
   the stored articles its LSH would pair it with; the copy groups among them, their stored
   groups' members and the new articles are found again, and ordered with the whole store's
   credit counts (groups whose outlets' counts the new articles changed are ordered again).
2. **Speakers.** The affected speaker keys: the new articles' and the re-grouped articles'
   statements' speakers (as they are now and as the stored claims had them), and those of
   the statements whose key a rewritten corpus entity changed (a corpus entity that only
   changed its name renames its claims). ``cluster_claims`` blocks by
   speaker, so clustering again all statements of those speakers gives what the whole pass
   gives for them. Clustering joins only candidate pairs scoring at least ``LINK``, so
   of a speaker with more than ``EXACT_LIMIT`` stored versions only the statements linked
   by such pairs to what changed are grouped again (:class:`whosaid.claims.cluster.
   Surroundings`): to the statements that joined it (or may have new words), to the rest
   of the claims that lost one, and to those whose posting cap a changed one may tip; each
   read with the weeks around it (``versions_near``), widened till every linked
   statement's window is held. Every other statement's pairs and scores stay, so it keeps
   its stored claim: the groups are what clustering the whole speaker gives (a speaker
   with an undated statement, compared with all its speaker's, is clustered whole). On the
   20,000-article bench store (with its corpus) a new Donald Trump statement is linked to
   2 to 1,946 of his 12,172.
3. **Speaker changed.** The flag is pairwise (:mod:`whosaid.claims.index`): it is set again
   for the versions of the claims that changed, for their partners (near-identical words of
   another speaker within the window, found by the content-key index ``claim_terms``: each
   version is filed under its content keys and a few of them marked as its prefix, so a
   version's partners are found by a few keys, :func:`whosaid.claims.index.prefix_keys`)
   and for the flagged partners of versions that went, which is every version whose flag
   can change. A version whose claim only changed size (same words, day, speaker and
   article, not flagged) looks only at partners of its own size range or changed ones
   (:func:`_size_bounds`); an unflagged partner is weighed against the changed versions
   only, a flagged one against claims at least as large as its own. On the 20,000-article
   bench store one new article's update went from 3.02 to 1.48 CPU-s (median of 3).

After an analyst's correction (:func:`refresh_claims` with ``names``), the statements that
changed are those whose speaker key is no longer their stored claim's — after splitting
"Sanders" off "Bernie Sanders", those written "Sanders", not all ~7,000 of both names —
and the articles whose relay names no longer read as the stored cites; the text did not
change, so copy groups stay. For a speaker clustered around the changed statements, the
other statements of the claims that lost one are weighed as new too: they may join a claim
the statement that left kept them from.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..model import Claim, ClaimStatement, ClaimVersion, CopyDocument, CopyGroup
from ..store import claims as sql
from .blocks import (
    BLOCK_STATEMENTS,
    FLAG_VERSIONS,
    ClaimsBlock,
    ClaimsJob,
    MapClaims,
    day_blocks,
    speaker_blocks,
)
from .cluster import WINDOW_DAYS, Placed, Surroundings, claim_groups, claims_of, day_of
from .copies import NO_HASHES, Signature, find_copies, outlet_key, signature
from .index import (
    FLAG,
    PREFIX_MARK,
    Printed,
    banded_together,
    bands_of,
    content_keys,
    earlier,
    eligible,
    flag_all,
    lookup_keys,
    partners,
    prefix_keys,
    regroup,
    reorder,
    with_speaker_flag,
)
from .text import weighted_set

if TYPE_CHECKING:
    from ..store import Store

Progress = Callable[[str, int, int], None]
Key = tuple[str, str]  # a statement: (article_id, statement_id)

# A batch this large a share of the analysed articles rebuilds the claims whole.
FULL_PASS_SHARE = 0.2
# A speaker with more stored versions than this is grouped again only around the changed
# statements (see the module docstring), one with fewer whole (one read of its statements)
EXACT_LIMIT = 100
# The windows a speaker's statements are read in around the changed ones are widened this
# many times (to the days of the claims linked so far) before all its statements are read:
# on the bench store a new Donald Trump statement's linked set was read in four widening
# rounds, each placing the statements read again
WIDEN_ROUNDS = 1
_EVERY_DAY = 10**7  # more days than any date is from day 0 (a window holding every date)
# More versions than any claim has (an upper bound of a size range in SQL)
_MAX_SIZE = 2**31 - 1


@dataclass
class ClaimsSummary:
    """What a claims pass did."""

    articles: int = 0
    statements: int = 0  # statements read
    unknown_speaker: int = 0  # of those, with no speaker: in no claim
    claims: int = 0
    repeated: int = 0  # claims printed more than once
    meaning_changed: int = 0
    copy_groups: int = 0
    undated: int = 0  # statements with neither a said-on date nor a publication date
    seconds: float = 0.0
    speakers: int = 0


@dataclass
class ClaimsUpdate:
    """What an update did: the claims written, and the speakers clustered again."""

    claims: list[str] = field(default_factory=list)
    speakers: int = 0
    rebuilt: bool = False


# ---------------------------------------------------------------------------------------
# The whole pass


def _key(s: ClaimStatement) -> Key:
    return (s.article_id, s.statement_id)


def _with_flags(c: Claim, flagged: Collection[Key]) -> Claim:
    versions = tuple(ClaimVersion(v.statement, with_speaker_flag(v.drift, _key(v.statement)
                                                                 in flagged))
                     for v in c.versions)
    return replace(c, versions=versions)


def _filed(bag: dict[str, float]) -> set[str]:
    """The keys a version is filed under in ``claim_terms``: its content keys, and its
    prefix keys marked (:func:`whosaid.claims.index.prefix_keys`)."""
    return content_keys(bag) | {PREFIX_MARK + k for k in prefix_keys(bag)}


def _terms(found: Iterable[Claim]) -> dict[Key, tuple[int | None, set[str]]]:
    out: dict[Key, tuple[int | None, set[str]]] = {}
    for c in found:
        for v in c.versions:
            bag = weighted_set(v.statement.content)
            if eligible(bag):
                out[_key(v.statement)] = (day_of(v.statement), _filed(bag))
    return out


def ensure_prefixes(conn: Connection) -> None:
    """File the prefix keys of a store whose claims were built before they were filed (an
    update finds partners by them)."""
    if not sql.prefixes_missing(conn, PREFIX_MARK):
        return
    marked = {}
    for key, (day, content) in sql.filed_texts(conn).items():
        marked[key] = (day, {PREFIX_MARK + k for k in prefix_keys(weighted_set(content))})
    sql.write_terms(conn, marked)


def _days(found: Iterable[Claim]) -> dict[Key, int | None]:
    return {_key(v.statement): day_of(v.statement) for c in found for v in c.versions}


def _cites(docs: Iterable[CopyDocument]) -> dict[str, list[tuple[str, str]]]:
    return {d.article_id: [(n, outlet_key(n)) for n in d.cites] for d in docs}


def build_claims(store: Store, progress: Progress | None = None, *,
                 block_statements: int = BLOCK_STATEMENTS, flag_versions: int = FLAG_VERSIONS,
                 map_blocks: MapClaims = map) -> ClaimsSummary:
    """Rebuild every claim of ``store`` (copies, claims, flags, the indexes an update uses):
    in one snapshot, find the copies (each text read a chunk at a time and kept as its
    hashes) and cluster the speakers a block at a time (:mod:`whosaid.claims.blocks`:
    ``block_statements`` statements a block, clustered by ``map_blocks``: here, or on a
    cluster's workers, results in order), setting each block's claims aside on disk; then,
    in one write transaction, write them and weigh the speaker-changed flag a day block at
    a time (``flag_versions`` versions). Memory holds one block, not the store's
    statements. A re-run replaces the previous result, an interrupted one leaves it."""
    started = time.perf_counter()
    report = progress or (lambda _stage, _done, _total: None)
    summary = ClaimsSummary()
    corpus_ids: dict[int, set[str]] = {}
    with tempfile.TemporaryFile(prefix="whosaid-claims-") as aside:
        with store.read("read statements for claims") as conn:
            taken = sql.pending_articles(conn)
            stale = sql.stale_work(conn).seqs  # corrections this pass reads the result of
            report("copies", 0, 1)
            groups, bands, cites = _copies(conn)
            summary.articles, summary.copy_groups = len(cites), len(groups)
            chunks = _set_aside(aside, bands, cites)
            del bands, cites
            report("copies", 1, 1)
            counts, summary.unknown_speaker = sql.speaker_counts(conn)
            summary.statements = sum(counts.values()) + summary.unknown_speaker
            plan = speaker_blocks(counts, block_statements)
            del counts

            def blocks() -> Iterator[ClaimsBlock]:
                for i, keys in enumerate(plan):
                    statements = sql.claim_statements(conn, speaker_keys=keys)
                    corpus_ids[i] = sql.corpus_entity_ids(conn, keys)
                    summary.undated += sum(1 for s in statements if day_of(s) is None)
                    yield i, statements

            report("clustering", 0, len(plan))
            for done, found in enumerate(map_blocks(ClaimsJob(tuple(groups)), blocks()), 1):
                pickle.dump(found, aside, protocol=pickle.HIGHEST_PROTOCOL)
                summary.claims += len(found.claims)
                summary.repeated += sum(1 for c in found.claims if len(c.versions) > 1)
                summary.speakers += len({c.speaker_key for c in found.claims})
                del found
                report("clustering", done, len(plan))
        aside.seek(0)
        with store.write("write claims") as conn:
            _write_all(conn, aside, _Written(groups, chunks, len(plan), corpus_ids),
                       flag_versions, report)
            summary.meaning_changed = sql.meaning_changed_count(conn)
            sql.clear_pending(conn, taken)
            sql.clear_stale(conn, stale)
    summary.seconds = time.perf_counter() - started
    return summary


def _set_aside(aside: IO[bytes], bands: dict[str, list[str]],
               cites: dict[str, list[tuple[str, str]]]) -> int:
    """Set the band keys and cites aside till the writing, as the blocks are (the bench
    store's band keys took 55 MB), a chunk of :data:`COPY_CHUNK` articles at a time
    (pickled whole, their memo held as much again); returns how many chunks."""
    ids = sorted(cites)
    starts = range(0, len(ids), COPY_CHUNK)
    for i in starts:
        part = ids[i:i + COPY_CHUNK]
        pickle.dump(({a: bands[a] for a in part if a in bands}, {a: cites[a] for a in part}),
                    aside, protocol=pickle.HIGHEST_PROTOCOL)
    return len(starts)


@dataclass(frozen=True)
class _Written:
    """What the read phase of :func:`build_claims` set aside for its write phase: the copy
    groups, how many chunks of band keys and cites and how many speaker blocks of claims
    the file holds (in that order), and each block's speaker keys that are corpus
    entities."""

    groups: list[CopyGroup]
    chunks: int
    blocks: int
    corpus_ids: dict[int, set[str]]


def _write_all(conn: Connection, aside: IO[bytes], written: _Written, flag_versions: int,
               report: Progress) -> None:
    """The write phase of :func:`build_claims`, inside its write transaction: replace every
    claim table with what the read phase set ``aside`` (read back a chunk and a block at a
    time, so memory holds one), then set the speaker-changed flag a day block at a time
    (``flag_versions`` versions)."""
    report("writing", 0, written.blocks)
    sql.lock_claims(conn)
    sql.clear_all(conn)
    sql.write_copies(conn, written.groups)
    for _ in range(written.chunks):
        bands, cites = pickle.load(aside)
        sql.replace_bands(conn, bands, delete_first=False)
        sql.replace_cites(conn, cites, delete_first=False)
        del bands, cites
    for done in range(1, written.blocks + 1):
        found = pickle.load(aside)
        sql.write_claims(conn, found.claims, _days(found.claims),
                         written.corpus_ids[found.block_id])
        sql.write_terms(conn, _terms(found.claims))
        del found
        report("writing", done, written.blocks)
    report("flags", 0, 1)
    _flag_by_days(conn, flag_versions)
    report("flags", 1, 1)


# Analysed articles whose texts the copy search reads at once (then keeps their hashes)
COPY_CHUNK = 2000


def _copies(conn: Connection) -> tuple[list[CopyGroup], dict[str, list[str]],
                                       dict[str, list[tuple[str, str]]]]:
    """The copy groups of the store's analysed articles, their band keys and their cites.
    The texts are read :data:`COPY_CHUNK` at a time and kept as their MinHash (and band
    keys); the shingle hashes that weigh a candidate pair exactly are made again for the
    articles that share a band key with another (those the LSH pairs), not kept for all:
    on the 20,000-article bench store every text's hashes took 368 MB."""
    minhashes: dict[str, Signature | None] = {}
    docs: list[CopyDocument] = []
    ids = sql.analysed_ids(conn)
    for i in range(0, len(ids), COPY_CHUNK):
        for d in sql.copy_documents(conn, ids[i:i + COPY_CHUNK]):
            sig = signature(d.text)
            minhashes[d.article_id] = None if sig is None else Signature(NO_HASHES, sig.minhash)
            docs.append(replace(d, text=""))
    bands = {a: bands_of(sig.minhash) for a, sig in minhashes.items() if sig is not None}
    paired = sorted(banded_together(bands))
    for i in range(0, len(paired), COPY_CHUNK):
        for d in sql.copy_documents(conn, paired[i:i + COPY_CHUNK]):
            minhashes[d.article_id] = signature(d.text)
    groups = find_copies(docs, signatures=minhashes, bands=bands)
    return groups, bands, _cites(docs)  # every analysed article's cites (maybe none)


def _flag_by_days(conn: Connection, limit: int) -> None:
    """Set the speaker-changed flag of the stored versions (written without it) by the
    pairwise rule over all of them, a day block at a time (:func:`whosaid.claims.blocks.
    day_blocks`): each block's versions, those within the window around it and the undated
    ones (see :mod:`whosaid.claims.blocks`)."""
    counts = sql.version_day_counts(conn)
    undated = _eligible(sql.printed_days(conn, None))
    ranges = day_blocks({d: n for d, n in counts.items() if d is not None}, limit)
    flagged: dict[Key, dict[str, Any]] = {}
    blocks: list[tuple[int, int] | None] = list(ranges) or [None]  # none dated: undated alone
    for days in blocks:
        rows = undated if days is None else undated | _eligible(
            sql.printed_days(conn, (days[0] - WINDOW_DAYS, days[1] + WINDOW_DAYS)))
        flagged.update((k, rows[k][1]) for k in flag_all([p for p, _ in rows.values()],
                                                         WINDOW_DAYS))
        del rows
    for key in sorted(flagged):
        drift = with_speaker_flag(sql.drift_record(json.loads(str(flagged[key]["drift"]))), True)
        sql.set_drift(conn, key, drift)
    sql.restate_meaning(conn, {str(r["claim_id"]) for r in flagged.values()})


def _eligible(rows: dict[Key, dict[str, Any]]) -> dict[Key, tuple[Printed, dict[str, Any]]]:
    """The stored versions (:func:`whosaid.store.claims.printed`) that say enough to be
    flagged, as the flag weighs them, with their rows."""
    info = _as_printed(rows)
    return {k: (p, rows[k]) for k, p in info.items() if eligible(p.bag)}


# ---------------------------------------------------------------------------------------
# Keeping current


def update_claims(store: Store, article_ids: Collection[str] = (), *, build: bool = False,
                  corpus_ids: Collection[str] | None = (),
                  regrouped: Collection[str] | None = None,
                  map_blocks: MapClaims = map) -> ClaimsUpdate:
    """After (re-)analysing ``article_ids`` and updating the corpus: keep the claims current.
    Every article saved since the claims last took it in joins too (``claims_pending``).
    ``corpus_ids`` are the corpus entities the corpus update rewrote (None: it rebuilt the
    corpus, so the claims are rebuilt too). With no claims yet, ``build`` makes the first
    (what ``whosaid analyze`` and the server do); without it nothing happens.
    ``regrouped`` (default: all of ``corpus_ids``) are those whose earlier members may have
    moved; the others only took in the new articles' entities (as
    :class:`whosaid.corpus.CorpusUpdate` says). A whole pass clusters its speaker blocks with
    ``map_blocks`` (see :func:`build_claims`)."""
    with store.read("check the claims") as conn:
        built = sql.claims_built(conn)
        total = sql.analysed_articles(conn)
        pending = sql.pending_articles(conn)
        corrected = sql.claims_pending_refresh(conn)
    ids = set(article_ids) | set(pending)
    if not built:
        if build and total > 0:
            return ClaimsUpdate(rebuilt=True, claims=[],
                                speakers=build_claims(store, map_blocks=map_blocks).speakers)
        return ClaimsUpdate()
    if corpus_ids is None or (ids and len(ids) >= FULL_PASS_SHARE * total):
        return ClaimsUpdate(rebuilt=True,
                            speakers=build_claims(store, map_blocks=map_blocks).speakers)
    if not ids and not corpus_ids and not corrected:
        return ClaimsUpdate()
    with store.write(f"update claims for {len(ids)} articles") as conn:
        sql.lock_claims(conn)
        stale = sql.stale_work(conn)  # what corrections left: taken in too
        result = refresh_claims(
            conn, article_ids=ids, names=stale.names, statements=stale.statements,
            corpus_ids=set(corpus_ids) | stale.corpus_ids,
            regrouped=None if regrouped is None else set(regrouped) | stale.corpus_ids)
        sql.clear_pending(conn, ids)
        sql.clear_stale(conn, stale.seqs)
    return result


def defer_refresh(conn: Connection, *, names: Collection[str] = (),
                  statements: Collection[Key] = (), corpus_ids: Collection[str] = ()) -> bool:
    """Inside an analyst's correction's transaction: note what the claims must weigh again
    (the arguments of :func:`refresh_claims`) for :func:`refresh_pending` to do in a
    transaction of its own (or the next update or rebuild), so the correction commits
    without waiting for it. Until then the claim reads mark every claim pending. False (and
    nothing noted) before the first claims pass."""
    if not sql.claims_built(conn):
        return False
    sql.mark_stale(conn, names=names, corpus_ids=corpus_ids, statements=statements)
    return True


def refresh_pending(store: Store) -> ClaimsUpdate:
    """Weigh again, in one write transaction, what the corrections noted by
    :func:`defer_refresh` left (every correction not yet taken in): the claims then equal
    what a rebuild gives."""
    with store.read("check for corrections") as conn:
        if not sql.claims_pending_refresh(conn):
            return ClaimsUpdate()
    with store.write("refresh the claims after corrections") as conn:
        sql.lock_claims(conn)
        stale = sql.stale_work(conn)
        result = refresh_claims(conn, names=stale.names, statements=stale.statements,
                                corpus_ids=stale.corpus_ids)
        sql.clear_stale(conn, stale.seqs)
    return result


def refresh_claims(conn: Connection, *, article_ids: Collection[str] = (),
                   statements: Collection[Key] = (), names: Collection[str] = (),
                   corpus_ids: Collection[str] = (),
                   regrouped: Collection[str] | None = None) -> ClaimsUpdate:
    """Keep the claims current inside the caller's write transaction, after the articles
    ``article_ids`` were saved (or deleted), the ``statements`` or those whose speaker is
    named one of ``names`` may have changed speaker (an analyst's correction), and the
    corpus entities ``corpus_ids`` were rewritten (see the module docstring). Nothing
    happens before the first claims pass.

    Of ``statements`` and the statements named, only those whose speaker key is not their
    stored claim's changed anything (their text did not: the copy groups stay), and the
    articles where a relay so named no longer reads as the stored cites: splitting
    "Sanders" off "Bernie Sanders" names ~15,000 statements, of which 5,186 moved; weighing
    all of them again took 277 s (see ``bench/corrections.py``)."""
    if not sql.claims_built(conn):
        return ClaimsUpdate()
    sql.lock_claims(conn)
    ensure_prefixes(conn)
    changed_articles = _update_copies(conn, set(article_ids)) if article_ids else set()
    # a rewritten corpus entity matters where a statement's key changed or its name did
    touched = sql.rekeyed_among(conn, statements) if statements else set()
    touched |= sql.rekeyed_named(conn, names) if names else set()
    touched |= sql.rekeyed_statements(
        conn, corpus_ids if regrouped is None else set(regrouped) & set(corpus_ids))
    recited = sql.recited_articles(conn, names) if names else set()
    if recited:  # relays renamed: their statements, and copies ordered by the new cites
        changed_articles |= _update_copies(conn, recited, saved=False)
        touched |= sql.relayed_by(conn, names, recited)
    for key, (was, now_name) in sql.renamed_speakers(conn, corpus_ids).items():
        sql.rename_speaker(conn, key, was, now_name)
    now = sql.claim_statements(conn, keys=touched, article_ids=changed_articles)
    speakers = {s.speaker_key for s in now if s.speaker_key is not None}
    speakers |= sql.stored_speakers(conn, touched, changed_articles)
    if not speakers:
        return ClaimsUpdate()
    fresh = {_key(s) for s in now} | touched | sql.versions_of_articles(conn, changed_articles)
    return _recluster(conn, speakers, now, fresh, changed_articles, set(article_ids))


def _update_copies(conn: Connection, article_ids: set[str], saved: bool = True) -> set[str]:
    """Bring the copy groups up to date with ``article_ids`` (saved or deleted; not
    ``saved``: only their cites changed); returns every article whose group or place in it
    changed, and those articles when saved."""
    gone = sql.missing_articles(conn) | (article_ids - sql.existing_articles(conn, article_ids))
    docs = sql.copy_documents(conn, article_ids)
    old_cites = sql.cite_keys(conn, article_ids)
    # each new text shingled and hashed once, for its bands and for the regrouping below
    signatures = {d.article_id: signature(d.text) for d in docs}
    bands = {a: bands_of(sig.minhash) if sig is not None else []
             for a, sig in signatures.items()}
    sql.forget_articles(conn, gone)
    sql.replace_bands(conn, {a: bands.get(a, []) for a in article_ids - gone})
    sql.replace_cites(conn, {a: c for a, c in _cites(docs).items()} |
                      {a: [] for a in article_ids - gone - {d.article_id for d in docs}})
    new_cites = {d.article_id: {outlet_key(n) for n in d.cites} for d in docs}
    moved = {k for a in article_ids for k in old_cites.get(a, set()) ^ new_cites.get(a, set())}
    near = sql.band_partners(conn, {b for bs in bands.values() for b in bs})
    start = article_ids | near | gone
    old = sql.copy_groups(conn, start)
    members = start | {m for g in old for m in g.members}
    credited = sql.credited(conn)
    found = regroup(sql.copy_documents(conn, members - gone), credited, signatures)
    seen = {g.original for g in old}
    others = [g for g in sql.copy_groups(conn, sql.groups_with_outlets(conn, moved, outlet_key))
              if g.original not in seen]
    if others:
        loaded = {d.article_id: d for d in sql.copy_documents(
            conn, {m for g in others for m in g.members})}
        found += reorder(others, loaded, credited)
        old += others
    before = {m: (g.original, i) for g in old for i, m in enumerate(g.members)}
    after = {m: (g.original, i) for g in found for i, m in enumerate(g.members)}
    sql.delete_copies(conn, set(before) | set(after) | members)
    sql.write_copies(conn, found)
    changed = {a for a in set(before) | set(after) if before.get(a) != after.get(a)}
    if not saved:
        return changed - gone
    return (changed | article_ids) - gone | (article_ids & gone)


def _recluster(conn: Connection, speakers: set[str], now: Sequence[ClaimStatement],
               fresh: set[Key], changed_articles: set[str], saved: Collection[str]
               ) -> ClaimsUpdate:
    sizes = sql.speaker_sizes(conn, speakers)
    holding = sql.delete_versions_of(conn, fresh)  # the claims that held a changed statement
    old = sql.claims_of_ids(conn, holding)
    days = sql.version_days(conn, holding)
    changes, same = _changes(speakers, {_key(s): s for s in now}, fresh,
                             sql.version_speakers(conn, fresh), days, saved)
    groups: list[list[ClaimStatement]] = []
    around: dict[str, tuple[set[Key], Surroundings]] = {}
    for k in sorted(speakers):
        near = None if sizes.get(k, 0) <= EXACT_LIMIT else _around(conn, k, changes[k], old,
                                                                  days)
        if near is None:  # the whole speaker: few versions, or one undated
            old.update(sql.claims_of_speakers(conn, {k}))
            groups += claim_groups(sql.claim_statements(conn, speaker_keys={k}))
        else:
            around[k] = near[:2]
            old.update(sql.claims_of_ids(conn, near[2] - set(old)))
    grouped = {_key(s) for g in groups for s in g}
    wanted = {m for keys in old.values() for m in keys} | {
        m for linked_keys, _ in around.values() for m in linked_keys}
    statements = {_key(s): s for s in sql.claim_statements(conn, keys=wanted - grouped)}
    for _, (linked_keys, context) in sorted(around.items()):
        groups += context.groups([statements[m] for m in sorted(linked_keys)])
    grouped |= {m for linked_keys, _ in around.values() for m in linked_keys}
    # a claim none of whose statements changed or moved, made again for its copies or relays
    for keys in old.values():
        rest = [statements[m] for m in keys if m not in grouped and m in statements
                and statements[m].speaker_key is not None]
        if rest:
            groups.append(rest)
            grouped |= {_key(s) for s in rest}
    touched = fresh | {m for m in grouped if m[0] in changed_articles}
    groups, kept = _changed_groups(groups, old, touched)
    for cid in kept:
        del old[cid]
    # without the flag (set below where it can change; step 5 over these speakers alone
    # was weighed and dropped)
    found = claims_of(groups, sql.copy_groups(conn, {s.article_id for g in groups for s in g}))

    members_old = {cid: tuple(keys) for cid, keys in old.items()}
    members_new = {c.id: tuple(_key(v.statement) for v in c.versions) for c in found}
    kept_flags = sql.version_flags(conn, [cid for cid, m in members_old.items()
                                          if members_new.get(cid) == m])
    # a statement only copied or relayed otherwise keeps its flag and looks for no partner:
    # what the flag weighs (speaker, words, day, publication, claim size) is as stored
    moved = touched - same
    x_new = {k for cid, m in members_new.items() if members_old.get(cid) != m for k in m}
    x_new |= {k for ks in members_new.values() for k in ks if k in moved}
    x_old = {k for cid, m in members_old.items() if members_new.get(cid) != m for k in m}
    x_old |= {k for ks in members_old.values() for k in ks if k in moved}
    placed = _days(found)
    # a version that stays, on the same day and in an article not saved again, keeps its
    # terms (its words did not change): the "Sanders" split rewrote 11,000 versions' terms
    stored_days = sql.version_days(conn, old)
    stays = {k for k, d in stored_days.items() if k in placed and placed[k] == d
             and k[0] not in changed_articles}
    # the terms a version had matter only where they are not the ones it has (those that
    # stay): a 13-speaker article's update read a Donald Trump claim's 515 twice
    old_terms = sql.terms_of(conn, x_old - (x_new & stays))
    bounds = _size_bounds(x_new, members_old, members_new, moved,
                          sql.flagged_versions(conn, x_old))
    found = [_with_flags(c, {k for k in members_new[c.id] if k not in x_new
                             and kept_flags.get(k, False)}) for c in found]
    corpus_ids = sql.corpus_entity_ids(conn, {c.speaker_key for c in found})
    sql.delete_claims(conn, old, drop_terms=set(stored_days) - stays)
    sql.write_claims(conn, found, placed, corpus_ids)
    sql.write_terms(conn, {k: t for k, t in _terms(found).items() if k not in stays})
    _reflag(conn, x_new, old_terms, bounds,
            {k: len(m) for m in members_new.values() for k in m if k in x_new})
    return ClaimsUpdate(claims=[c.id for c in found], speakers=len(speakers))


def _changed_groups(groups: Iterable[list[ClaimStatement]], old: Mapping[str, Sequence[Key]],
                    touched: Collection[Key]) -> tuple[list[list[ClaimStatement]], set[str]]:
    """The groups (:func:`whosaid.claims.cluster.claim_groups`) that are not a stored claim
    of ``old`` as it was, and the ids of those stored claims that are: the same statements,
    none ``touched`` (its words, article, copy group and speaker as they were), so the
    claim the whole pass makes of them is the stored one, flags and terms included. On the
    20,000-article bench store a 13-speaker article's update made 2,278 claims again to
    change a few hundred."""
    stored = {frozenset(keys): cid for cid, keys in old.items()}
    changed: list[list[ClaimStatement]] = []
    kept: set[str] = set()
    for group in groups:
        keys = frozenset(_key(s) for s in group)
        cid = stored.get(keys)
        if cid is None or not keys.isdisjoint(touched):
            changed.append(group)
        else:
            kept.add(cid)
    return changed, kept


@dataclass
class _Change:
    """How one speaker's statements changed: those that joined it or may have changed (their
    words, day or article may not be the stored ones), and those that left it with their
    stored day, and their words where they are as stored (a statement moved to another
    speaker, not saved again)."""

    added: dict[Key, ClaimStatement] = field(default_factory=dict)
    left: dict[Key, int | None] = field(default_factory=dict)
    words: dict[Key, str] = field(default_factory=dict)


def _changes(speakers: Collection[str], current: Mapping[Key, ClaimStatement],
             fresh: Collection[Key], was: Mapping[Key, str], days: Mapping[Key, int | None],
             saved: Collection[str]) -> tuple[dict[str, _Change], set[Key]]:
    """Each speaker's :class:`_Change`, of the ``fresh`` statements: ``current`` as they are
    (the statements of the changed articles and the touched ones), ``was`` the speaker of
    their stored claim, ``days`` their stored day; those of the articles ``saved`` may
    have new words. And the statements whose speaker, words, day and article stay: they
    change no grouping and no speaker-changed flag (their claim is made again for its
    copies or relays)."""
    out = {k: _Change() for k in speakers}
    same: set[Key] = set()
    for k in sorted(fresh):
        s = current.get(k)
        before, after = was.get(k), s.speaker_key if s is not None else None
        same_words = s is not None and k[0] not in saved
        if before is not None and before == after and same_words and s is not None \
                and days.get(k) == day_of(s):
            same.add(k)
            continue
        if before is not None and before in out:
            out[before].left[k] = days.get(k)
            if same_words and s is not None:
                out[before].words[k] = s.content
        if after is not None and after in out and s is not None:
            out[after].added[k] = s
    return out, same


def _around(conn: Connection, speaker: str, change: _Change, old: Mapping[str, Sequence[Key]],
            days: Mapping[Key, int | None]) -> tuple[set[Key], Surroundings, set[str]] | None:
    """The speaker's statements that clustering could group otherwise after ``change``
    (``old``: the stored claims that held a changed statement; ``days``: their versions'
    stored days): those linked (:meth:`whosaid.claims.cluster.Surroundings.linked`) to the
    statements that joined, to the rest of the claims that lost one, to those a statement
    that left was linked to, and to those whose posting cap it may have tipped; with the
    speaker's statements around them (:func:`whosaid.store.claims.versions_near`, the
    windows read ``2 * WINDOW_DAYS`` wide, widened ``WIDEN_ROUNDS`` times to the days of the
    claims linked so far, then the speaker's every statement) and the ids of the stored
    claims holding them. Every other statement keeps its stored claim: its pairs and their
    scores stay. None when a statement of the speaker is undated (compared with all its
    speaker's): the whole speaker is clustered again. On the 20,000-article bench store
    without its corpus, Donald Trump's 8,817 statements fall into 2,040 such linked sets
    (the largest 714), Hillary Clinton's 7,955 into 2,069."""
    leaving = set(change.left) - set(change.added)
    seeds = set(change.added) | {m for keys in old.values()
                                 if not change.left.keys().isdisjoint(keys) for m in keys}
    seeds -= leaving
    need = {day_of(s) for s in change.added.values()} | set(change.left.values()) | {
        days.get(m) for m in seeds if m not in change.added}
    if None in need:
        return None
    rows: dict[Key, tuple[str, int | None, str]] = {}
    covered: list[tuple[int, int]] = []
    read: set[int] = set()
    spread: set[str] = set()  # claims whose versions' days were read
    gone = [Placed(k, change.left[k], w) for k, w in change.words.items() if k in leaving]
    for round_ in itertools.count():
        if round_ < WIDEN_ROUNDS:
            more = {d for d in need if d is not None} - read
            rows.update(sql.versions_near(conn, speaker, more, 2 * WINDOW_DAYS))
            read |= more
            covered = sql.merged_ranges(covered + [(d - 2 * WINDOW_DAYS, d + 2 * WINDOW_DAYS)
                                         for d in more])
        else:  # the speaker's every statement
            rows = sql.versions_near(conn, speaker, {0}, _EVERY_DAY)
            covered = [(-_EVERY_DAY, _EVERY_DAY)]
        if any(d is None for _, d, _ in rows.values()):
            return None
        placed = [Placed(k, d, text) for k, (_, d, text) in rows.items()
                  if k not in leaving and k not in change.added]
        placed += [Placed(k, day_of(s), s.content) for k, s in change.added.items()]
        here = Surroundings(placed)
        if round_ == 0:  # the window of every changed statement is read by now
            seeds |= here.near(gone)
            seeds |= {p.key for p in placed if p.day is not None and any(
                d is not None and abs(p.day - d) <= WINDOW_DAYS
                for k, d in change.left.items() if k in leaving and k not in change.words)}
            seeds |= here.crowded([*gone, *(p for p in placed if p.key in change.added)])
        found, unheld = here.linked(seeds, functools.partial(_holds, covered))
        claims = {rows[k][0] for k in found if k in rows}
        if not unheld:
            return found, here, claims
        # the rest of their claims is likely linked too: read their days at once
        spread_now = claims - spread
        spread |= spread_now
        need |= {rows[k][1] for k in unheld} | set(sql.version_days(conn, spread_now).values())
    raise AssertionError("unreachable")


def _holds(covered: Sequence[tuple[int, int]], day: int) -> bool:
    """Whether the read ranges ``covered`` (merged, in order) hold the window of ``day``."""
    i = bisect.bisect_right(covered, (day - WINDOW_DAYS, sys.maxsize)) - 1
    return i >= 0 and covered[i][0] <= day - WINDOW_DAYS and day + WINDOW_DAYS <= covered[i][1]


# ---------------------------------------------------------------------------------------
# The speaker-changed flag, again where it can change


def _as_printed(rows: dict[Key, dict[str, Any]]) -> dict[Key, Printed]:
    return {k: Printed(k, str(r["speaker_key"]), r["published"], int(r["size"]), r["day"],
                       weighted_set(str(r["content"])))
            for k, r in rows.items()}


def _near(conn: Connection, targets: dict[Key, tuple[int | None, set[str]]], *,
          by_speaker: bool = False, bounds: Mapping[Key, tuple[int, int]] | None = None,
          changed: Mapping[Key, int] | None = None) -> dict[Key, set[Key]]:
    """For each target (day, the keys it is filed under): the stored versions within the
    window that can be its partners, found by its lookup keys
    (:func:`whosaid.claims.index.lookup_keys`; one query for the targets not in
    ``bounds``, one for those of each size range).

    ``by_speaker``: leave out the versions of the target's own speaker (as its stored claim
    has it) and article, never its partners (:func:`whosaid.claims.index.partners`).
    ``bounds``: for a target there, only the versions whose claim has a size (versions)
    within its bounds, or that are ``changed`` (with their claim's size; those filed are
    targets too, so their rows are made of the targets' keys, not read), whose flag it can
    change or that can change its flag (see :func:`_size_bounds`). On the 20,000-article
    bench store a new article joining a Bernie Sanders claim of 497 versions found 8,426
    other versions sharing a lookup key within the window of one of them, each read and
    weighed for nothing; 697 so. Read by size range, a 13-speaker article's 455 versions of
    a Donald Trump claim that grew by one read 4,574 rows (the store without its corpus),
    not the 86,607 the union of all ranges over the union of all targets' keys and days
    read."""
    if not targets:
        return {}
    counts = sql.key_counts(conn, {k for _, ks in targets.values() for k in ks
                                   if not k.startswith(PREFIX_MARK)})
    lookups = {t: lookup_keys(ks, counts) for t, (_, ks) in targets.items()}
    own = sql.version_speakers(conn, targets) if by_speaker else {}
    bounds = bounds or {}
    changed = changed or {}
    made = [(k, day, t, own[t], changed[t]) for t, (day, ks) in targets.items()
            if t in changed and t in own for k in ks]
    ranges: dict[tuple[int, int] | None, list[Key]] = defaultdict(list)
    for t in targets:
        ranges[bounds.get(t)].append(t)
    out: dict[Key, set[Key]] = {}
    for size, group in sorted(ranges.items(), key=lambda r: r[0] or (-1, -1)):
        days = [d for t in group if (d := targets[t][0]) is not None]
        undated = len(days) < len(group)
        keys = set().union(*(lookups[t] for t in group))
        rows = sql.filed_rows(conn, keys, None if undated else days, WINDOW_DAYS,
                              sizes=None if size is None else [size])
        if size is not None:
            rows += [r for r in made if r[0] in keys]
        out.update(_walk({t: targets[t][0] for t in group}, lookups, rows, own, bounds,
                         changed))
    return out


def _walk(days: Mapping[Key, int | None], lookups: Mapping[Key, set[str]],
          filed: Iterable[tuple[str, int | None, Key, str, int]], own: Mapping[Key, str],
          bounds: Mapping[Key, tuple[int, int]], changed: Collection[Key]
          ) -> dict[Key, set[Key]]:
    """:func:`_near` for the targets on ``days``, from the rows filed under their lookup
    keys (:func:`whosaid.store.claims.filed_rows`)."""
    dated: dict[str, list[tuple[int, Key, str, int]]] = defaultdict(list)
    undated: dict[str, list[tuple[int, Key, str, int]]] = defaultdict(list)
    for k, day, key, speaker, size in filed:
        if day is None:
            undated[k].append((0, key, speaker, size))
        else:
            dated[k].append((day, key, speaker, size))
    # each key's rows by day, so a target walks its window only (a split's 11,000 targets
    # walked whole years of their keys' rows)
    for rows in dated.values():
        rows.sort()
    starts = {k: [d for d, _, _, _ in rows] for k, rows in dated.items()}
    out: dict[Key, set[Key]] = {}
    for t, day in days.items():
        mine = own.get(t)
        lo, hi = bounds.get(t, (0, sys.maxsize))
        found: set[Key] = set()
        for k in lookups[t]:
            rows = dated.get(k, [])
            first, last = 0, len(rows)
            if day is not None and rows:
                first = bisect.bisect_left(starts[k], day - WINDOW_DAYS)
                last = bisect.bisect_right(starts[k], day + WINDOW_DAYS)
            for _, key, speaker, size in itertools.chain(undated.get(k, ()),
                                                         rows[first:last]):
                if speaker != mine and (lo <= size <= hi or key in changed):
                    found.add(key)
        found.discard(t)
        out[t] = found if mine is None else {c for c in found if c[0] != t[0]}
    return out


def _size_bounds(x_new: Collection[Key], members_old: Mapping[str, Sequence[Key]],
                 members_new: Mapping[str, Sequence[Key]], touched: Collection[Key],
                 flagged: Collection[Key]) -> dict[Key, tuple[int, int]]:
    """For the versions of ``x_new`` that only changed claim size (in a claim before, not
    ``touched``, so the same words, day, speaker and article): the claim sizes their
    partner search needs, from the lower of their size before and now to the higher, or
    without an upper bound for those that were ``flagged``.

    Of such a version ``v``'s partners ``u``, those not changed themselves whose claim's
    size lies outside its size before and now count as earlier than ``v``
    (:func:`whosaid.claims.index.earlier`) as they did, and ``v`` as earlier than them as
    it did. So their flags stay, and an unflagged ``v`` stays unflagged by them; a flagged
    one may have been flagged by any partner at least as large as it is now, and none
    smaller counts as earlier."""
    before = {k: len(m) for m in members_old.values() for k in m}
    now = {k: len(m) for m in members_new.values() for k in m}
    on = set(flagged)
    return {k: (min(before[k], now[k]), _MAX_SIZE if k in on else max(before[k], now[k]))
            for k in x_new if k in before and k in now and k not in touched}


def _reflag(conn: Connection, x_new: set[Key],
            old_terms: dict[Key, tuple[int | None, set[str]]],
            bounds: Mapping[Key, tuple[int, int]], sizes: Mapping[Key, int]) -> None:
    """Set the speaker-changed flag again where it can change (see the module docstring);
    ``bounds``: see :func:`_size_bounds`; ``sizes``: the size of each changed version's
    claim."""
    new_terms = sql.terms_of(conn, x_new)
    near_new = _near(conn, new_terms, by_speaker=True, bounds=bounds, changed=sizes)
    near_old = _near(conn, {k: v for k, v in old_terms.items() if k not in new_terms})
    rows = sql.printed(conn, set(new_terms) | {c for cs in near_new.values() for c in cs})
    info = _as_printed(rows)
    # each changed version's partners, weighed once (partners is symmetric)
    mates = {k: {c for c in cands if c in info and partners(info[k], info[c], WINDOW_DAYS)}
             for k, cands in near_new.items() if k in info}
    recheck: set[Key] = set(new_terms).union(*mates.values())
    gone_partners = {c for cs in near_old.values() for c in cs} - recheck
    if gone_partners:
        flagged_now = sql.flagged_versions(conn, gone_partners)
        recheck |= flagged_now
    todo = {k for k in recheck if k not in near_new}
    # a partner of a changed version whose flag is off: its other partners did not change
    # (nor did it), so it is turned on by one of the changed versions or by none; only a
    # flagged one looks for all its partners (on the bench store, a 13-speaker article's
    # 429 partners looked up 21,552 versions)
    off = {k for k in todo if k in rows and FLAG not in json.loads(str(rows[k]["drift"]))["flags"]}
    mated: dict[Key, set[Key]] = defaultdict(set)
    for k, found in mates.items():
        for c in found & off:
            mated[c].add(k)
    near_new.update((k, mated[k]) for k in off)
    # a flagged one only needs the partners that can count as earlier than it: those of
    # claims at least as large as its own (:func:`whosaid.claims.index.earlier`)
    at_least = {k: (int(rows[k]["size"]), _MAX_SIZE) for k in todo - off if k in rows}
    near_new.update(_near(conn, sql.terms_of(conn, todo - off), by_speaker=True,
                          bounds=at_least))
    more = sql.printed(conn, (recheck | {c for k in recheck for c in near_new.get(k, ())})
                       - set(rows))
    rows.update(more)
    info.update(_as_printed(more))
    claims_touched: set[str] = set()
    for k in sorted(recheck):
        if k not in info or k not in rows:
            continue
        v = info[k]
        found = mates[k] if k in mates else {
            c for c in near_new.get(k, ()) if c in info and partners(info[c], v, WINDOW_DAYS)}
        on = any(earlier(info[c], v) for c in found)
        stored = json.loads(str(rows[k]["drift"]))
        if (FLAG in stored["flags"]) == on:
            continue
        drift = with_speaker_flag(sql.drift_record(stored), on)
        sql.set_drift(conn, k, drift)
        claims_touched.add(str(rows[k]["claim_id"]))
    sql.restate_meaning(conn, claims_touched)
