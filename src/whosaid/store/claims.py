"""SQL of the claims tables (migration 7): what the claims pass reads, the rows it writes, and
the reads of the surfaces (``whosaid claims``, ``whosaid trace``, ``/api/claims``, the claim
pages). No clustering, no scoring: :mod:`whosaid.claims.service` decides, this module reads
and writes.

Functions taking ``conn`` run inside a transaction the caller holds; those taking ``store``
(the surfaces' reads) open their own.

A statement's speaker key, as the claims pass blocks by it: its speaker's corpus entity id
(``corpus_members``), else its canonical name (``speaker_name``); no speaker entity, no key
(the statement is in no claim). Its ``published``, ``site`` and ``doc_id`` are its article's;
its relays are names (the entity's canonical name, else the text), nearest first.

The claim shape (one JSONL line of ``whosaid claims``, an item of ``/api/claims``)::

    {"id", "speaker": {"entity", "entity_id"},
     "origin": {"statement_id", "doc_id", "article_id", "start", "end", "published", "site"},
     "statements": [{"id", "doc_id", "article_id", "published", "site",
                     "content": {"start", "end", "text"}, "relays": [...],
                     "drift": {"meaning_changed", "flags", "added", "dropped", "changed"}}],
     "pending"}

``statements`` are the versions in time order (the origin first); offsets index each
article's stored text. ``pending`` is true while an analyst's correction waits for its claims
refresh (``claims_stale``): the claims may still show the speakers as they were before it.
:func:`claim_detail` adds ``edges`` (``[{"source", "target", "kind", "article_id"}]``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from ..errors import ConfigError, NotFoundError
from ..model import Claim, ClaimStatement, CopyDocument, CopyGroup, Drift
from . import filters, queues
from .api_queries import MAX_PAGE, decode_cursor, encode_cursor
from .corpus import CHUNK, article_chunks, corpus_refresh_pending
from .filters import StatementFilter
from .schema import (
    articles,
    claim_bands,
    claim_cites,
    claim_copies,
    claim_edges,
    claim_terms,
    claim_versions,
    claims,
    claims_pending,
    claims_stale,
    corpus_entities,
    corpus_members,
    relays,
    statements,
)

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]
Key = tuple[str, str]  # a statement: (article_id, statement_id)
CLAIM_SORTS = ("-published", "published")


def _insert(conn: Connection, table: Any, rows: Iterable[Row]) -> None:
    """Insert ``rows`` :data:`CHUNK` at a time, taking them as they come: the claims pass over
    20,000 bench articles files 1.7 million content keys, which as one list of dicts held
    hundreds of megabytes."""
    it = iter(rows)
    while part := list(islice(it, CHUNK)):
        conn.execute(insert(table), part)


def _keyed(article: Any, statement: Any, keys: Sequence[Key]) -> ColumnElement[bool]:
    """Rows of these statements: an index-friendly superset of the pairs (article ids in a
    list, statement ids in another); statement ids are unique across articles, so it is the
    pairs themselves."""
    return and_(article.in_(sorted({a for a, _ in keys})),
                statement.in_(sorted({s for _, s in keys})))


def _chunks(items: Collection[Any]) -> Iterable[list[Any]]:
    ordered = sorted(items)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i:i + CHUNK]


# ---------------------------------------------------------------------------------------
# Pending articles, built or not


def pending_articles(conn: Connection) -> list[str]:
    """The articles saved since the claims last took them in (``claims_pending``)."""
    return sorted(conn.execute(select(claims_pending.c.article_id)).scalars())


def clear_pending(conn: Connection, article_ids: Collection[str]) -> None:
    for chunk in _chunks(article_ids):
        conn.execute(delete(claims_pending).where(claims_pending.c.article_id.in_(chunk)))


def claims_built(conn: Connection) -> bool:
    """Whether a claims pass ever ran (it leaves claims, copies or band keys)."""
    return any(conn.execute(select(t.c.article_id if t is not claims else t.c.id).limit(1))
               .first() is not None for t in (claims, claim_versions, claim_bands))


def analysed_articles(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(articles)
                            .where(articles.c.analyzed.is_(True))).scalar() or 0)


# The PostgreSQL advisory lock serialising writers of the claim tables.
_PG_CLAIMS_LOCK = 0x77_68_63_6C  # "whcl"


def lock_claims(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_CLAIMS_LOCK)))


# ---------------------------------------------------------------------------------------
# What corrections left for the claims refresh (claims_stale, migration 14)


@dataclass(frozen=True)
class Stale:
    """What the corrections not yet taken in left for the claims to weigh again: the rows
    (``seqs``, removed once taken in), the speakers' names, the corpus entities the corpus
    refresh rewrote and the statements given a speaker."""

    seqs: tuple[int, ...] = ()
    names: frozenset[str] = frozenset()
    corpus_ids: frozenset[str] = frozenset()
    statements: frozenset[Key] = frozenset()


def mark_stale(conn: Connection, names: Collection[str] = (), corpus_ids: Collection[str] = (),
               statements: Collection[Key] = ()) -> None:
    """Note what a correction left for the claims refresh to weigh again."""
    queues.note(conn, claims_stale, [("name", n) for n in sorted(set(names))]
                + [("corpus", c) for c in sorted(set(corpus_ids))]
                + [("statement", _dumps(list(k))) for k in sorted(set(statements))])


def stale_work(conn: Connection) -> Stale:
    """Everything :func:`mark_stale` noted that no refresh has taken in yet."""
    found = queues.noted(conn, claims_stale)
    return Stale(found.seqs, found.of("name"), found.of("corpus"),
                 frozenset((str(a), str(i)) for a, i in map(json.loads, found.of("statement"))))


def clear_stale(conn: Connection, seqs: Collection[int]) -> None:
    """Remove the rows a refresh took in (by their numbers: a correction committed while
    the refresh ran keeps its own)."""
    queues.clear(conn, claims_stale, seqs)


def claims_pending_refresh(conn: Connection) -> bool:
    """Whether a correction's claims refresh is still to run (the claim reads say so)."""
    return queues.waiting(conn, claims_stale)


# ---------------------------------------------------------------------------------------
# Statements as the claims pass reads them


def _relay_names(conn: Connection, article_ids: Collection[str]) -> dict[Key, list[str]]:
    found: dict[Key, list[str]] = defaultdict(list)
    r = relays
    for where in article_chunks(r, article_ids):
        for aid, sid, text, name in conn.execute(
                select(r.c.article_id, r.c.statement_id, r.c.text, r.c.entity_name)
                .where(*where).order_by(r.c.article_id, r.c.statement_id, r.c.position)):
            found[(aid, sid)].append(name or text)
    return found


def _statement_select() -> Any:
    s, a, cm, ce = statements, articles, corpus_members, corpus_entities
    return (select(s.c.article_id, s.c.id, a.c.doc_id, cm.c.corpus_entity_id, ce.c.name,
                   s.c.speaker_name, s.c.content_text, s.c.kind, s.c.said_on, a.c.published,
                   a.c.site, s.c.position)
            .join(a, a.c.id == s.c.article_id)
            .outerjoin(cm, and_(cm.c.article_id == s.c.article_id,
                                cm.c.entity_id == s.c.speaker_entity_id))
            .outerjoin(ce, ce.c.id == cm.c.corpus_entity_id))


def _records(conn: Connection, rows: Iterable[Any]) -> list[ClaimStatement]:
    rows = list(rows)
    relay_map = _relay_names(conn, {r[0] for r in rows})
    out: list[ClaimStatement] = []
    for aid, sid, doc_id, cid, cname, sname, content, kind, said_on, published, site, pos \
            in rows:
        key = cid if cid is not None else sname
        name = cname if cid is not None else sname
        out.append(ClaimStatement(
            statement_id=sid, article_id=aid, doc_id=doc_id, speaker_key=key,
            speaker_name=name, content=content, kind=kind, said_on=said_on,
            published=published, site=site, relays=tuple(relay_map.get((aid, sid), ())),
            position=int(pos)))
    return out


def claim_statements(conn: Connection, speaker_keys: Collection[str] | None = None,
                     keys: Collection[Key] | None = None,
                     article_ids: Collection[str] | None = None) -> list[ClaimStatement]:
    """The statements of the analysed articles as :class:`ClaimStatement`\\ s: all of them
    (no argument), or those whose speaker key is one of ``speaker_keys``, or the statements
    ``keys``, or those of ``article_ids`` (unioned)."""
    s, cm = statements, corpus_members
    base = _statement_select()
    if speaker_keys is None and keys is None and article_ids is None:
        return _records(conn, conn.execute(base))
    rows: dict[Key, Any] = {}
    for chunk in _chunks(speaker_keys or ()):
        for r in conn.execute(base.where(cm.c.corpus_entity_id.in_(chunk))):
            rows[(r[0], r[1])] = r
        for r in conn.execute(base.where(cm.c.corpus_entity_id.is_(None),
                                         s.c.speaker_name.in_(chunk))):
            rows[(r[0], r[1])] = r
    for chunk in _chunks(article_ids or ()):
        for r in conn.execute(base.where(s.c.article_id.in_(chunk))):
            rows[(r[0], r[1])] = r
    for chunk in _chunks(set(keys or ()) - set(rows)):
        for r in conn.execute(base.where(_keyed(s.c.article_id, s.c.id,
                                                chunk))):
            rows[(r[0], r[1])] = r
    return _records(conn, [rows[k] for k in sorted(rows)])


def speaker_counts(conn: Connection) -> tuple[dict[str, int], int]:
    """How many statements each speaker key has (the whole pass plans its blocks by them),
    and how many have no key."""
    s, a, cm = statements, articles, corpus_members
    key = func.coalesce(cm.c.corpus_entity_id, s.c.speaker_name)
    counts: dict[str, int] = {}
    unknown = 0
    for k, n in conn.execute(
            select(key, func.count()).select_from(
                s.join(a, a.c.id == s.c.article_id)
                .outerjoin(cm, and_(cm.c.article_id == s.c.article_id,
                                    cm.c.entity_id == s.c.speaker_entity_id)))
            .group_by(key)):
        if k is None:
            unknown += int(n)
        else:
            counts[str(k)] = int(n)
    return counts, unknown


def stored_speakers(conn: Connection, keys: Collection[Key] = (),
                    article_ids: Collection[str] = ()) -> set[str]:
    """The speaker keys of the stored claims holding the statements ``keys`` or a statement
    of ``article_ids``."""
    cv, c = claim_versions, claims
    found: set[str] = set()
    q = select(c.c.speaker_key).distinct().join(cv, cv.c.claim_id == c.c.id)
    for chunk in _chunks(article_ids):
        found.update(conn.execute(q.where(cv.c.article_id.in_(chunk))).scalars())
    for chunk in _chunks(keys):
        found.update(conn.execute(q.where(_keyed(cv.c.article_id, cv.c.statement_id, chunk)))
                     .scalars())
    return found


def rekeyed_statements(conn: Connection, corpus_ids: Collection[str]) -> set[Key]:
    """Statements whose speaker key differs from their stored claim's (or that are in no
    claim; see :func:`_rekeyed_select`), among those whose speaker a corpus entity of
    ``corpus_ids`` holds now or whose stored claim is keyed by one of them."""
    found: set[Key] = set()
    for chunk in _chunks(corpus_ids):
        for held in (corpus_members.c.corpus_entity_id, claims.c.speaker_key):
            found.update((a, i) for a, i in conn.execute(
                _rekeyed_select().where(held.in_(chunk))))
    return found


def _rekeyed_select() -> Any:
    """Statements whose speaker key now (corpus entity, else name) is not the key of the
    stored claim holding them: in no claim with a key now, or in one with none now."""
    s, cm, cv, c = statements, corpus_members, claim_versions, claims
    now = func.coalesce(cm.c.corpus_entity_id, s.c.speaker_name)
    return (select(s.c.article_id, s.c.id)
            .outerjoin(cm, and_(cm.c.article_id == s.c.article_id,
                                cm.c.entity_id == s.c.speaker_entity_id))
            .outerjoin(cv, and_(cv.c.article_id == s.c.article_id, cv.c.statement_id == s.c.id))
            .outerjoin(c, c.c.id == cv.c.claim_id)
            .where(or_(and_(c.c.speaker_key.is_(None), now.is_not(None)),
                       and_(c.c.speaker_key.is_not(None),
                            or_(now.is_(None), now != c.c.speaker_key)))))


def rekeyed_named(conn: Connection, names: Collection[str]) -> set[Key]:
    """Of the statements whose speaker has one of these canonical names, those whose speaker
    key is not their stored claim's (see :func:`_rekeyed_select`): after a merge of "Olaf
    Scholes" into "Olaf Scholz" with no corpus, the ones once said by "Olaf Scholes"; after
    splitting "Sanders" off "Bernie Sanders", the 5,186 that moved, not the other ~10,000
    of "Bernie Sanders"."""
    s = statements
    found: set[Key] = set()
    for chunk in _chunks(names):
        found.update((a, i) for a, i in conn.execute(
            _rekeyed_select().where(s.c.speaker_name.in_(chunk))))
    return found


def rekeyed_among(conn: Connection, keys: Collection[Key]) -> set[Key]:
    """Those of the statements ``keys`` whose speaker key is not their stored claim's."""
    s = statements
    found: set[Key] = set()
    for chunk in _chunks(keys):
        found.update((a, i) for a, i in conn.execute(
            _rekeyed_select().where(_keyed(s.c.article_id, s.c.id, chunk))))
    return found


def recited_articles(conn: Connection, names: Collection[str]) -> set[str]:
    """The articles with a relay named one of ``names`` whose relay names (what copy
    detection's cites are) are not the stored cites any more: a merge renamed "Sanders told
    CNN" to the target's name there."""
    r = relays
    ids: set[str] = set()
    for chunk in _chunks(names):
        ids.update(conn.execute(select(r.c.article_id).distinct()
                                .where(r.c.entity_name.in_(chunk))).scalars())
    if not ids:
        return set()
    now = _cites(conn, ids)
    stored: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(ids):
        for aid, n in conn.execute(select(claim_cites.c.article_id, claim_cites.c.name)
                                   .where(claim_cites.c.article_id.in_(chunk))):
            stored[aid].add(n)
    return {a for a in ids if set(now.get(a, ())) != stored.get(a, set())}


def relayed_by(conn: Connection, names: Collection[str], article_ids: Collection[str]
               ) -> set[Key]:
    """The statements of ``article_ids`` with a relay named one of ``names``."""
    r = relays
    found: set[Key] = set()
    for chunk in _chunks(article_ids):
        found.update((a, i) for a, i in conn.execute(
            select(r.c.article_id, r.c.statement_id).distinct()
            .where(r.c.article_id.in_(chunk), r.c.entity_name.in_(sorted(names)))))
    return found


def renamed_speakers(conn: Connection, corpus_ids: Collection[str]) -> dict[str, tuple[str, str]]:
    """The corpus entities of ``corpus_ids`` whose stored claims carry another name than
    theirs: ``{id: (stored name, name now)}``."""
    c, ce = claims, corpus_entities
    found: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(corpus_ids):
        for key, stored, now in conn.execute(
                select(c.c.speaker_key, c.c.speaker_name, ce.c.name).distinct()
                .join(ce, ce.c.id == c.c.speaker_key).where(c.c.speaker_key.in_(chunk))):
            if stored != now:
                found[key] = (stored, now)
    return found


def rename_speaker(conn: Connection, speaker_key: str, old: str, new: str) -> None:
    """Give the claims of a speaker key its new name, in the claims and their relay graphs."""
    ids = select(claims.c.id).where(claims.c.speaker_key == speaker_key)
    e = claim_edges
    conn.execute(update(e).where(e.c.claim_id.in_(ids), e.c.source == old).values(source=new))
    conn.execute(update(claims).where(claims.c.speaker_key == speaker_key)
                 .values(speaker_name=new))


def speaker_sizes(conn: Connection, speaker_keys: Collection[str]) -> dict[str, int]:
    """How many claim versions each speaker key has stored."""
    c = claims
    out: dict[str, int] = {}
    for chunk in _chunks(speaker_keys):
        out.update((k, int(n or 0)) for k, n in conn.execute(
            select(c.c.speaker_key, func.sum(c.c.versions))
            .where(c.c.speaker_key.in_(chunk)).group_by(c.c.speaker_key)))
    return out


def corpus_entity_ids(conn: Connection, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` that are corpus entities."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(conn.execute(select(corpus_entities.c.id)
                                  .where(corpus_entities.c.id.in_(chunk))).scalars())
    return found


# ---------------------------------------------------------------------------------------
# Articles as copy detection reads them


def _without_furniture(text: str, furniture: str) -> str:
    spans = sorted((int(f["start"]), int(f["end"])) for f in json.loads(furniture or "[]"))
    if not spans:
        return text
    out: list[str] = []
    at = 0
    for start, end in spans:
        if start > at:
            out.append(text[at:start])
        at = max(at, end)
    out.append(text[at:])
    return "\n".join(out)


def analysed_ids(conn: Connection) -> list[str]:
    """The ids of the analysed articles, sorted."""
    a = articles
    return list(conn.execute(select(a.c.id).where(a.c.analyzed.is_(True)).order_by(a.c.id))
                .scalars())


def copy_documents(conn: Connection, article_ids: Collection[str] | None = None
                   ) -> list[CopyDocument]:
    """The analysed articles ``article_ids`` (all when None) as :class:`CopyDocument`\\ s:
    the text without furniture, and the outlets their statements' relays credit."""
    a = articles
    query = (select(a.c.id, a.c.text, a.c.furniture, a.c.published, a.c.site)
             .where(a.c.analyzed.is_(True)).order_by(a.c.id))
    rows: list[Any] = []
    if article_ids is None:
        rows = list(conn.execute(query))
    for chunk in _chunks(article_ids or ()):
        rows += conn.execute(query.where(a.c.id.in_(chunk)))
    cited = _cites(conn, [r[0] for r in rows] if article_ids is not None else None)
    return [CopyDocument(aid, _without_furniture(text, furn), published, site,
                         tuple(cited.get(aid, ())))
            for aid, text, furn, published, site in rows]


def _cites(conn: Connection, article_ids: Collection[str] | None) -> dict[str, list[str]]:
    """The distinct relay names of each article's statements, sorted."""
    r = relays
    name = func.coalesce(r.c.entity_name, r.c.text)
    found: dict[str, set[str]] = defaultdict(set)
    for where in article_chunks(r, article_ids):
        for aid, n in conn.execute(select(r.c.article_id, name).distinct().where(*where)):
            found[aid].add(n)
    return {aid: sorted(names) for aid, names in found.items()}


def copy_groups(conn: Connection, article_ids: Collection[str]) -> list[CopyGroup]:
    """The stored copy groups holding any of ``article_ids``."""
    cc = claim_copies
    originals: set[str] = set()
    for chunk in _chunks(article_ids):
        originals.update(conn.execute(select(cc.c.original_id).distinct()
                                      .where(cc.c.article_id.in_(chunk))).scalars())
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for chunk in _chunks(originals):
        for orig, aid, pos in conn.execute(select(cc.c.original_id, cc.c.article_id,
                                                  cc.c.position)
                                           .where(cc.c.original_id.in_(chunk))):
            members[orig].append((int(pos), aid))
    return [CopyGroup(orig, tuple(aid for _, aid in sorted(ms)))
            for orig, ms in sorted(members.items())]


def groups_with_outlets(conn: Connection, keys: Collection[str],
                        key_of: Any) -> list[str]:
    """Originals of the stored copy groups with a member whose site folds (``key_of``) to
    one of ``keys``."""
    cc, a = claim_copies, articles
    if not keys:
        return []
    found: set[str] = set()
    for orig, site in conn.execute(select(cc.c.original_id, a.c.site)
                                   .join(a, a.c.id == cc.c.article_id)
                                   .where(a.c.site.is_not(None))):
        if key_of(site) in keys:
            found.add(orig)
    return sorted(found)


def band_partners(conn: Connection, bands: Collection[str]) -> set[str]:
    """The articles filed under any of ``bands``."""
    found: set[str] = set()
    for chunk in _chunks(bands):
        found.update(conn.execute(select(claim_bands.c.article_id).distinct()
                                  .where(claim_bands.c.band.in_(chunk))).scalars())
    return found


def missing_articles(conn: Connection) -> set[str]:
    """Articles in copy groups that are no longer stored (deleted). (Band keys of a deleted
    article may stay: the articles they point at are looked up, and it is not found.)"""
    a = articles
    return set(conn.execute(
        select(claim_copies.c.article_id)
        .where(~select(a.c.id).where(a.c.id == claim_copies.c.article_id).exists())).scalars())


def credited(conn: Connection) -> dict[str, int]:
    """How many articles credit each outlet (folded), from the stored cites."""
    cc = claim_cites
    return {k: int(n) for k, n in conn.execute(
        select(cc.c.key, func.count(func.distinct(cc.c.article_id))).group_by(cc.c.key))}


def cite_keys(conn: Connection, article_ids: Collection[str]) -> dict[str, set[str]]:
    cc = claim_cites
    found: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(article_ids):
        for aid, k in conn.execute(select(cc.c.article_id, cc.c.key)
                                   .where(cc.c.article_id.in_(chunk))):
            found[aid].add(k)
    return found


# ---------------------------------------------------------------------------------------
# Writing: copies, bands, cites


def clear_all(conn: Connection) -> None:
    """Every claim table but ``claims_pending``."""
    for table in (claims, claim_versions, claim_edges, claim_copies, claim_bands, claim_cites,
                  claim_terms):
        conn.execute(delete(table))


def delete_copies(conn: Connection, article_ids: Collection[str]) -> None:
    for chunk in _chunks(article_ids):
        conn.execute(delete(claim_copies).where(claim_copies.c.article_id.in_(chunk)))


def write_copies(conn: Connection, groups: Iterable[CopyGroup]) -> None:
    _insert(conn, claim_copies, [{"article_id": m, "original_id": g.original, "position": i}
                                 for g in groups for i, m in enumerate(g.members)])


def replace_bands(conn: Connection, bands: Mapping[str, Collection[str]],
                  delete_first: bool = True) -> None:
    """File the articles under their band keys (``{article_id: bands}``)."""
    if delete_first:
        for chunk in _chunks(bands):
            conn.execute(delete(claim_bands).where(claim_bands.c.article_id.in_(chunk)))
    _insert(conn, claim_bands, ({"band": b, "article_id": aid}
                                for aid in sorted(bands) for b in sorted(set(bands[aid]))))


def replace_cites(conn: Connection, cites: Mapping[str, Sequence[tuple[str, str]]],
                  delete_first: bool = True) -> None:
    """The cites of the articles (``{article_id: [(name, key), ...]}``)."""
    if delete_first:
        for chunk in _chunks(cites):
            conn.execute(delete(claim_cites).where(claim_cites.c.article_id.in_(chunk)))
    _insert(conn, claim_cites, [{"article_id": aid, "position": i, "name": n, "key": k}
                                for aid in sorted(cites) for i, (n, k) in enumerate(cites[aid])])


def forget_articles(conn: Connection, article_ids: Collection[str]) -> None:
    """Drop the band keys, cites and copy rows of articles no longer stored."""
    for chunk in _chunks(article_ids):
        for table in (claim_bands, claim_cites, claim_copies):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))


# ---------------------------------------------------------------------------------------
# Writing: claims


def drift_json(d: Drift) -> Row:
    return {"meaning_changed": d.meaning_changed, "flags": list(d.flags),
            "added": list(d.added), "dropped": list(d.dropped),
            "changed": [list(pair) for pair in d.changed]}


def drift_record(data: Mapping[str, Any]) -> Drift:
    """A stored drift (JSON) as the record."""
    return Drift(bool(data["meaning_changed"]), tuple(data["flags"]), tuple(data["added"]),
                 tuple(data["dropped"]), tuple((a, b) for a, b in data["changed"]))


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_claims(conn: Connection, found: Sequence[Claim], days: Mapping[Key, int | None],
                 corpus_ids: Collection[str]) -> None:
    """Insert claims with their versions and edges; ``days`` gives each version's day,
    ``corpus_ids`` which speaker keys are corpus entities. Rows are made as they are
    written (see :func:`_insert`)."""
    _insert(conn, claims, ({
        "id": c.id, "speaker_key": c.speaker_key, "speaker_name": c.speaker_name,
        "speaker_entity_id": c.speaker_key if c.speaker_key in corpus_ids else None,
        "origin_article_id": c.origin.article_id, "origin_statement_id": c.origin.statement_id,
        "published": c.origin.published, "versions": len(c.versions),
        "articles": len({v.statement.article_id for v in c.versions}),
        "outlets": len(c.outlets), "meaning_changed": c.meaning_changed} for c in found))
    _insert(conn, claim_versions, ({
        "article_id": v.statement.article_id, "statement_id": v.statement.statement_id,
        "claim_id": c.id, "position": i, "drift": _dumps(drift_json(v.drift)),
        "meaning_changed": v.drift.meaning_changed,
        "day": days.get((v.statement.article_id, v.statement.statement_id))}
        for c in found for i, v in enumerate(c.versions)))
    _insert(conn, claim_edges, ({
        "claim_id": c.id, "position": i, "source": e.source, "target": e.target,
        "kind": e.kind, "article_id": e.article_id} for c in found for i, e in enumerate(c.edges)))


def claims_of_speakers(conn: Connection, speaker_keys: Collection[str]) -> dict[str, list[Key]]:
    """The stored claims of these speakers: ``{claim_id: [statement keys in order]}``."""
    c, cv = claims, claim_versions
    found: dict[str, list[tuple[int, Key]]] = defaultdict(list)
    for chunk in _chunks(speaker_keys):
        for cid, aid, sid, pos in conn.execute(
                select(cv.c.claim_id, cv.c.article_id, cv.c.statement_id, cv.c.position)
                .join(c, c.c.id == cv.c.claim_id).where(c.c.speaker_key.in_(chunk))):
            found[cid].append((int(pos), (aid, sid)))
    return {cid: [k for _, k in sorted(v)] for cid, v in found.items()}


def versions_near(conn: Connection, speaker_key: str, days: Collection[int], window: int
                  ) -> dict[Key, tuple[str, int | None, str]]:
    """The stored versions of one speaker's claims dated within ``window`` days of one of
    ``days``, or undated: ``{key: (claim_id, day, content)}`` (only these can be joined by
    a statement of those days; the claims' other versions are not read)."""
    c, cv, s = claims, claim_versions, statements
    near: list[ColumnElement[bool]] = [cv.c.day.is_(None)]
    near += [cv.c.day.between(lo, hi) for lo, hi in _ranges(days, window)]
    return {(a, i_): (cid, day, text) for a, i_, cid, day, text in conn.execute(
        select(cv.c.article_id, cv.c.statement_id, cv.c.claim_id, cv.c.day, s.c.content_text)
        .join(c, c.c.id == cv.c.claim_id)
        .join(s, and_(s.c.article_id == cv.c.article_id, s.c.id == cv.c.statement_id))
        .where(c.c.speaker_key == speaker_key, or_(*near)))}


def _ranges(days: Collection[int], window: int) -> list[tuple[int, int]]:
    return merged_ranges({(d - window, d + window) for d in days})


def delete_claims(conn: Connection, ids: Collection[str], drop_terms: Collection[Key] = ()
                  ) -> None:
    """Delete the claims ``ids`` with their versions and edges, and the terms of the
    versions ``drop_terms`` (the caller knows the versions: :func:`version_days`)."""
    cv = claim_versions
    delete_terms(conn, drop_terms)
    for chunk in _chunks(ids):
        conn.execute(delete(cv).where(cv.c.claim_id.in_(chunk)))
        conn.execute(delete(claim_edges).where(claim_edges.c.claim_id.in_(chunk)))
        conn.execute(delete(claims).where(claims.c.id.in_(chunk)))


def version_days(conn: Connection, claim_ids: Collection[str]) -> dict[Key, int | None]:
    """The stored day of each version of the claims ``claim_ids``."""
    cv = claim_versions
    found: dict[Key, int | None] = {}
    for chunk in _chunks(claim_ids):
        found.update(((a, s), d) for a, s, d in conn.execute(
            select(cv.c.article_id, cv.c.statement_id, cv.c.day)
            .where(cv.c.claim_id.in_(chunk))))
    return found


def claims_of_ids(conn: Connection, ids: Collection[str]) -> dict[str, list[Key]]:
    """The stored claims ``ids``: ``{claim_id: [statement keys in order]}``."""
    cv = claim_versions
    found: dict[str, list[tuple[int, Key]]] = defaultdict(list)
    for chunk in _chunks(ids):
        for cid, aid, sid, pos in conn.execute(
                select(cv.c.claim_id, cv.c.article_id, cv.c.statement_id, cv.c.position)
                .where(cv.c.claim_id.in_(chunk))):
            found[cid].append((int(pos), (aid, sid)))
    return {cid: [k for _, k in sorted(v)] for cid, v in found.items()}


def speakers_of_claims(conn: Connection, ids: Collection[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(conn.execute(select(claims.c.speaker_key).distinct()
                                  .where(claims.c.id.in_(chunk))).scalars())
    return found


def version_flags(conn: Connection, claim_ids: Collection[str]) -> dict[Key, bool]:
    """Whether each version of the claims ``claim_ids`` carries the speaker-changed flag."""
    cv = claim_versions
    found: dict[Key, bool] = {}
    for chunk in _chunks(claim_ids):
        for aid, sid, raw in conn.execute(select(cv.c.article_id, cv.c.statement_id,
                                                 cv.c.drift).where(cv.c.claim_id.in_(chunk))):
            found[(aid, sid)] = "speaker_changed" in json.loads(raw)["flags"]
    return found


def flagged_versions(conn: Connection, keys: Collection[Key]) -> set[Key]:
    """Those of the versions ``keys`` that carry the speaker-changed flag."""
    cv = claim_versions
    found: set[Key] = set()
    for chunk in _chunks(keys):
        for aid, sid, raw in conn.execute(
                select(cv.c.article_id, cv.c.statement_id, cv.c.drift).where(
                    cv.c.meaning_changed.is_(True),
                    _keyed(cv.c.article_id, cv.c.statement_id, chunk))):
            if "speaker_changed" in json.loads(raw)["flags"]:
                found.add((aid, sid))
    return found


def versions_of_articles(conn: Connection, article_ids: Collection[str]) -> set[Key]:
    """The stored claim versions of ``article_ids``."""
    cv = claim_versions
    found: set[Key] = set()
    for chunk in _chunks(article_ids):
        found.update((a, s) for a, s in conn.execute(
            select(cv.c.article_id, cv.c.statement_id).where(cv.c.article_id.in_(chunk))))
    return found


def existing_articles(conn: Connection, article_ids: Collection[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(article_ids):
        found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk)))
                     .scalars())
    return found


def delete_versions_of(conn: Connection, keys: Collection[Key]) -> set[str]:
    """The claims holding any of the statements ``keys`` (to be replaced)."""
    cv = claim_versions
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(conn.execute(select(cv.c.claim_id).distinct().where(
            _keyed(cv.c.article_id, cv.c.statement_id, chunk))).scalars())
    return found


# ---------------------------------------------------------------------------------------
# The speaker-changed index


def write_terms(conn: Connection, terms: Mapping[Key, tuple[int | None, Collection[str]]]
                ) -> None:
    """File claim versions under their content keys: ``{(article_id, statement_id): (day,
    keys)}``."""
    _insert(conn, claim_terms, ({"key": k, "day": day, "article_id": aid, "statement_id": sid}
                                for (aid, sid), (day, ks) in sorted(terms.items())
                                for k in sorted(ks)))


def delete_terms(conn: Connection, keys: Collection[Key]) -> None:
    t = claim_terms
    for chunk in _chunks(keys):
        conn.execute(delete(t).where(_keyed(t.c.article_id, t.c.statement_id,
                                            chunk)))


def prefixes_missing(conn: Connection, mark: str) -> bool:
    """Whether versions are filed but no key marked ``mark`` is (claims built before the
    claims service filed prefix keys)."""
    t = claim_terms
    return (conn.execute(select(t.c.key).limit(1)).first() is not None
            and conn.execute(select(t.c.key).where(t.c.key.startswith(mark, autoescape=True))
                             .limit(1)).first() is None)


def key_counts(conn: Connection, keys: Collection[str]) -> dict[str, int]:
    """How many claim versions are filed under each of ``keys``."""
    t = claim_terms
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        found.update((k, int(n)) for k, n in conn.execute(
            select(t.c.key, func.count()).where(t.c.key.in_(chunk)).group_by(t.c.key)))
    return found


def filed_texts(conn: Connection) -> dict[Key, tuple[int | None, str]]:
    """The day and the content of every claim version filed in ``claim_terms``."""
    t, s = claim_terms, statements
    filed = select(t.c.article_id, t.c.statement_id, t.c.day).distinct().subquery()
    return {(a, i): (day, text) for a, i, day, text in conn.execute(
        select(filed.c.article_id, filed.c.statement_id, filed.c.day, s.c.content_text)
        .join(s, and_(s.c.article_id == filed.c.article_id, s.c.id == filed.c.statement_id)))}


def terms_of(conn: Connection, keys: Collection[Key]) -> dict[Key, tuple[int | None, set[str]]]:
    """The stored day and content keys of claim versions."""
    t = claim_terms
    found: dict[Key, tuple[int | None, set[str]]] = {}
    for chunk in _chunks(keys):
        for aid, sid, k, day in conn.execute(
                select(t.c.article_id, t.c.statement_id, t.c.key, t.c.day)
                .where(_keyed(t.c.article_id, t.c.statement_id, chunk))):
            found.setdefault((aid, sid), (day, set()))[1].add(k)
    return found


def filed_rows(conn: Connection, keys: Collection[str], days: Collection[int] | None,
               window: int, sizes: Collection[tuple[int, int]] | None = None,
               speakers: Collection[str] = ()) -> list[tuple[str, int | None, Key, str, int]]:
    """``(key, day, (article_id, statement_id), speaker_key, size)`` of the claim versions
    filed under one of ``keys``, dated within ``window`` days of one of ``days`` or undated
    (any day when ``days`` is None). The speaker key and the size (versions) are those of
    the version's claim (a version filed but in no claim is left out: it flags nothing).
    ``sizes`` (ranges, first and last): only the versions of claims of such a size or of
    one of ``speakers``."""
    t, cv, c = claim_terms, claim_versions, claims
    when: list[ColumnElement[bool]] = []
    if days is not None:
        near: list[ColumnElement[bool]] = [t.c.day.is_(None)]
        near += [t.c.day.between(lo, hi) for lo, hi in _ranges(days, window)]
        when.append(or_(*near))
    if sizes is not None:
        sized = [c.c.versions.between(lo, hi) for lo, hi in merged_ranges(sizes)]
        when.append(or_(*sized, c.c.speaker_key.in_(sorted(speakers))))
    out: list[tuple[str, int | None, Key, str, int]] = []
    for chunk in _chunks(keys):
        out += [(k, d, (a, s), sp, int(n)) for k, d, a, s, sp, n in conn.execute(
            select(t.c.key, t.c.day, t.c.article_id, t.c.statement_id, c.c.speaker_key,
                   c.c.versions)
            .join(cv, and_(cv.c.article_id == t.c.article_id,
                           cv.c.statement_id == t.c.statement_id))
            .join(c, c.c.id == cv.c.claim_id)
            .where(t.c.key.in_(chunk), *when))]
    return out


def merged_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges (first and last, inclusive) with those that overlap or touch merged."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def version_speakers(conn: Connection, keys: Collection[Key]) -> dict[Key, str]:
    """The speaker key of the stored claim of each of the versions ``keys`` (in one)."""
    cv, c = claim_versions, claims
    found: dict[Key, str] = {}
    for chunk in _chunks(keys):
        found.update(((a, s), k) for a, s, k in conn.execute(
            select(cv.c.article_id, cv.c.statement_id, c.c.speaker_key)
            .join(c, c.c.id == cv.c.claim_id)
            .where(_keyed(cv.c.article_id, cv.c.statement_id, chunk))))
    return found


def printed(conn: Connection, keys: Collection[Key]) -> dict[Key, Row]:
    """What the speaker-changed flag weighs of stored claim versions: ``speaker_key``,
    ``published``, ``size`` (its claim's versions), ``day``, ``content``, ``claim_id``,
    ``drift`` (the JSON)."""
    cv = claim_versions
    found: dict[Key, Row] = {}
    for chunk in _chunks(keys):
        found.update(_printed_where(conn, _keyed(cv.c.article_id, cv.c.statement_id, chunk)))
    return found


def printed_days(conn: Connection, days: tuple[int, int] | None) -> dict[Key, Row]:
    """As :func:`printed`, the claim versions dated ``days`` (first and last, inclusive), or
    the undated ones (None)."""
    cv = claim_versions
    return _printed_where(conn, cv.c.day.is_(None) if days is None
                          else cv.c.day.between(days[0], days[1]))


def _printed_where(conn: Connection, where: ColumnElement[bool]) -> dict[Key, Row]:
    cv, c, s, a = claim_versions, claims, statements, articles
    found: dict[Key, Row] = {}
    for r in conn.execute(
            select(cv.c.article_id, cv.c.statement_id, c.c.speaker_key, a.c.published,
                   c.c.versions, cv.c.day, s.c.content_text, cv.c.claim_id, cv.c.drift)
            .join(c, c.c.id == cv.c.claim_id)
            .join(s, and_(s.c.article_id == cv.c.article_id, s.c.id == cv.c.statement_id))
            .join(a, a.c.id == cv.c.article_id)
            .where(where)):
        found[(r[0], r[1])] = {"speaker_key": r[2], "published": r[3], "size": int(r[4]),
                               "day": r[5], "content": r[6], "claim_id": r[7],
                               "drift": r[8]}
    return found


def version_day_counts(conn: Connection) -> dict[int | None, int]:
    """How many claim versions each day has (None: undated)."""
    cv = claim_versions
    return {d: int(n) for d, n in conn.execute(
        select(cv.c.day, func.count()).group_by(cv.c.day))}


def meaning_changed_count(conn: Connection) -> int:
    """How many stored claims changed meaning."""
    return int(conn.execute(select(func.count()).select_from(claims)
                            .where(claims.c.meaning_changed.is_(True))).scalar() or 0)


def set_drift(conn: Connection, key: Key, drift: Drift) -> None:
    cv = claim_versions
    conn.execute(update(cv).where(cv.c.article_id == key[0], cv.c.statement_id == key[1])
                 .values(drift=_dumps(drift_json(drift)), meaning_changed=drift.meaning_changed))


def restate_meaning(conn: Connection, claim_ids: Collection[str]) -> None:
    """Recompute ``claims.meaning_changed`` from the versions."""
    cv = claim_versions
    for chunk in _chunks(claim_ids):
        changed = set(conn.execute(select(cv.c.claim_id).distinct().where(
            cv.c.claim_id.in_(chunk), cv.c.meaning_changed.is_(True))).scalars())
        for cid in chunk:
            conn.execute(update(claims).where(claims.c.id == cid)
                         .values(meaning_changed=cid in changed))


# ---------------------------------------------------------------------------------------
# Reading claims (the surfaces)


def _drift_out(raw: str) -> Row:
    d = json.loads(raw)
    return {"meaning_changed": bool(d["meaning_changed"]), "flags": d["flags"],
            "added": d["added"], "dropped": d["dropped"], "changed": d["changed"]}


def _shapes(conn: Connection, ids: Sequence[str]) -> list[Row]:
    """The claims ``ids`` in the claim shape (see the module docstring), in that order."""
    c, cv, s, a = claims, claim_versions, statements, articles
    heads: dict[str, Any] = {}
    versions: dict[str, list[Any]] = defaultdict(list)
    for chunk in _chunks(ids):
        for r in conn.execute(select(c).where(c.c.id.in_(chunk))).mappings():
            heads[r["id"]] = r
        for r in conn.execute(
                select(cv.c.claim_id, cv.c.position, cv.c.drift, s.c.article_id, s.c.id,
                       s.c.content_start, s.c.content_end, s.c.content_text, a.c.doc_id,
                       a.c.published, a.c.site)
                .join(s, and_(s.c.article_id == cv.c.article_id, s.c.id == cv.c.statement_id))
                .join(a, a.c.id == cv.c.article_id)
                .where(cv.c.claim_id.in_(chunk))).mappings():
            versions[r["claim_id"]].append(r)
    relay_map = _relay_names(conn, {v["article_id"] for vs in versions.values() for v in vs})
    # A correction whose corpus refresh still waits will change these claims too (the corpus
    # refresh notes them stale when it runs): read "pending" from both, never a false "no".
    pending = claims_pending_refresh(conn) or corpus_refresh_pending(conn)
    out: list[Row] = []
    for cid in ids:
        head = heads.get(cid)
        if head is None:
            continue
        vs = sorted(versions.get(cid, []), key=lambda v: v["position"])
        items = [{
            "id": v["id"], "doc_id": v["doc_id"], "article_id": v["article_id"],
            "published": v["published"], "site": v["site"],
            "content": {"start": int(v["content_start"]), "end": int(v["content_end"]),
                        "text": v["content_text"]},
            "relays": relay_map.get((v["article_id"], v["id"]), []),
            "drift": _drift_out(v["drift"]),
        } for v in vs]
        origin = next((v for v in items if v["id"] == head["origin_statement_id"]
                       and v["article_id"] == head["origin_article_id"]), None)
        out.append({
            "id": cid,
            "speaker": {"entity": head["speaker_name"], "entity_id": head["speaker_entity_id"]},
            "origin": {
                "statement_id": head["origin_statement_id"],
                "doc_id": origin["doc_id"] if origin else None,
                "article_id": head["origin_article_id"],
                "start": origin["content"]["start"] if origin else None,
                "end": origin["content"]["end"] if origin else None,
                "published": head["published"],
                "site": origin["site"] if origin else None,
            },
            "statements": items,
            "pending": pending,
        })
    return out


def _filtered(conn: Connection, f: StatementFilter) -> Any | None:
    """The claim query for a filter: ``speaker`` and ``q`` match any of the claim's
    statements as ``whosaid statements`` matches them; ``since``/``until`` bound the claim's
    first publication (the origin's). None when nothing can match."""
    c, cv, s = claims, claim_versions, statements
    query = select(c.c.id, c.c.published)
    words = StatementFilter(q=f.q, speaker=f.speaker, speaker_contains=f.speaker_contains,
                            addressee=f.addressee, relay=f.relay, kind=f.kind,
                            article=f.article)
    clauses = filters.where(conn, words)
    if clauses is None:
        return None
    if clauses:
        query = query.where(c.c.id.in_(
            select(cv.c.claim_id).join(s, and_(s.c.article_id == cv.c.article_id,
                                              s.c.id == cv.c.statement_id)).where(*clauses)))
    if f.since:
        query = query.where(c.c.published >= filters.date_range(f.since, "since")[0])
    if f.until:
        query = query.where(c.c.published <= filters.date_range(f.until, "until")[1])
    return query


def claim_rows(store: Transactions, f: StatementFilter | None = None,
               limit: int | None = None) -> list[Row]:
    """Claims matching ``f`` (see :func:`_filtered`) in the claim shape, by first
    publication (undated last), then id."""
    c = claims
    with store.read("query claims") as conn:
        query = _filtered(conn, f or StatementFilter())
        if query is None:
            return []
        query = query.order_by(c.c.published.asc().nulls_last(), c.c.id)
        if limit is not None:
            query = query.limit(limit)
        ids = [r[0] for r in conn.execute(query)]
        return _shapes(conn, ids)


def claim_page(store: Transactions, f: StatementFilter, *, sort: str = "-published",
               limit: int = 50, cursor: str | None = None) -> tuple[list[Row], str | None]:
    """One page of claims (as :func:`claim_rows`) and the next page's cursor."""
    if sort not in CLAIM_SORTS:
        raise ConfigError(f"sort must be one of {', '.join(CLAIM_SORTS)}, got {sort!r}")
    if not 1 <= limit <= MAX_PAGE:
        raise ConfigError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    c = claims
    desc = sort.startswith("-")
    key = func.coalesce(c.c.published, "" if desc else "~")
    with store.read("list claims") as conn:
        query = _filtered(conn, f)
        if query is None:
            return [], None
        query = query.add_columns(key.label("sort_key"))
        if cursor:
            k, last = decode_cursor(cursor, sort)
            last = str(last)
            query = query.where(or_(key < k, and_(key == k, c.c.id < last)) if desc
                                else or_(key > k, and_(key == k, c.c.id > last)))
        order = (key.desc(), c.c.id.desc()) if desc else (key.asc(), c.c.id.asc())
        rows = list(conn.execute(query.order_by(*order).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        items = _shapes(conn, [r[0] for r in rows])
    nxt = encode_cursor(sort, rows[-1][2], rows[-1][0]) if more else None
    return items, nxt


def find_claim(conn: Connection, ref: str) -> str | None:
    """The claim ``ref`` names: a claim id, the id of one of its statements, or a unique
    prefix of either. None when the reference names a statement that is in no claim;
    NotFoundError when it names nothing, ConfigError when a prefix is ambiguous."""
    ref = ref.strip()
    if not ref:
        raise NotFoundError("no claim or statement id given")
    c, cv, s = claims, claim_versions, statements
    if conn.execute(select(c.c.id).where(c.c.id == ref)).first() is not None:
        return ref
    held = list(conn.execute(select(cv.c.claim_id).distinct()
                             .where(cv.c.statement_id == ref)).scalars())
    if len(held) == 1:
        return str(held[0])
    if conn.execute(select(s.c.id).where(s.c.id == ref).limit(1)).first() is not None:
        return None
    found = set(conn.execute(select(c.c.id).where(c.c.id.startswith(ref, autoescape=True))
                             .limit(6)).scalars())
    by_statement = set(conn.execute(
        select(cv.c.claim_id).distinct()
        .where(cv.c.statement_id.startswith(ref, autoescape=True)).limit(6)).scalars())
    if len(found | by_statement) == 1:
        return str((found | by_statement).pop())
    if not found and not by_statement:
        statement = list(conn.execute(select(s.c.id).where(
            s.c.id.startswith(ref, autoescape=True)).limit(2)).scalars())
        if len(statement) == 1:
            return None
        raise NotFoundError(f"no claim or statement {ref!r}")
    shown = ", ".join(sorted(found | by_statement)[:5])
    raise ConfigError(f"claim reference {ref!r} is ambiguous: it matches claims {shown}; "
                      "give more of the id")


def claim_detail(store: Transactions, ref: str) -> Row:
    """One claim (by claim id, statement id or a unique prefix) in the claim shape, with
    ``edges``, ``speaker_key``, ``meaning_changed`` and ``outlets``. NotFoundError for an
    unknown id or a statement in no claim."""
    c = claims
    with store.read(f"read claim {ref}") as conn:
        cid = find_claim(conn, ref)
        if cid is None:
            raise NotFoundError(f"statement {ref.strip()!r} is in no claim: its speaker is "
                                "unknown")
        shaped = _shapes(conn, [cid])
        if not shaped:
            raise NotFoundError(f"no claim {ref!r}")
        row = shaped[0]
        head = conn.execute(select(c).where(c.c.id == cid)).mappings().one()
        row["edges"] = [dict(r) for r in conn.execute(
            select(claim_edges.c.source, claim_edges.c.target, claim_edges.c.kind,
                   claim_edges.c.article_id)
            .where(claim_edges.c.claim_id == cid).order_by(claim_edges.c.position))
            .mappings()]
    row["speaker_key"] = head["speaker_key"]
    row["meaning_changed"] = bool(head["meaning_changed"])
    row["outlets"] = list(dict.fromkeys(v["site"] or f"article:{v['article_id']}"
                                        for v in row["statements"]))
    return row


def claims_of_statements(store: Transactions, keys: Collection[Key]) -> dict[Key, str]:
    """The claim of each statement ``(article_id, statement_id)`` that is in one."""
    cv = claim_versions
    found: dict[Key, str] = {}
    with store.read("look up claims") as conn:
        for chunk in _chunks(keys):
            found.update(((a, s), cid) for a, s, cid in conn.execute(
                select(cv.c.article_id, cv.c.statement_id, cv.c.claim_id).where(
                    _keyed(cv.c.article_id, cv.c.statement_id, chunk))))
    return found


def claim_counts(store: Transactions) -> dict[str, int]:
    """How many claims, versions, claims with more than one version, claims whose meaning
    changed, copy groups and undated versions are stored."""
    c, cv = claims, claim_versions
    with store.read("count claims") as conn:
        n = int(conn.execute(select(func.count()).select_from(c)).scalar() or 0)
        return {
            "claims": n,
            "versions": int(conn.execute(select(func.count()).select_from(cv)).scalar() or 0),
            "repeated": int(conn.execute(select(func.count()).select_from(c)
                                         .where(c.c.versions > 1)).scalar() or 0),
            "meaning_changed": int(conn.execute(select(func.count()).select_from(c).where(
                c.c.meaning_changed.is_(True))).scalar() or 0),
            "copy_groups": int(conn.execute(select(func.count(func.distinct(
                claim_copies.c.original_id)))).scalar() or 0),
            "undated": int(conn.execute(select(func.count()).select_from(cv)
                                        .where(cv.c.day.is_(None))).scalar() or 0),
        }
