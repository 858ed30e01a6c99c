"""SQL of the corpus tables (migrations 3 and 5) and the knowledge base: reads for the corpus
pass and the surfaces, and the writes the pass asks for. No clustering and no name scoring
happen here: :mod:`whosaid.corpus` decides, this module reads and writes.

Functions named ``..._rows``/``corpus_detail``/``corpus_size``/``kb_size``/``import_kb`` take a
:class:`whosaid.store.Store` and open their own transaction; the others take the ``conn`` of
a transaction the caller holds (``with store.write(...) as conn``), so that a correction and
the corpus refresh it causes commit together. Rows are plain JSON-ready dicts:

``corpus_entities_rows(store, name)`` -> per corpus entity ``id, name, type, kb_id, kb_name,
kb_score, aliases ([{"alias", "count"}], most written first), titles, mentions, articles,
statements``; with ``members=True`` also ``article_ids`` and ``statement_ids``
(``[[article_id, statement_id], ...]``: the statements it is the speaker of). Ordered by
mentions (most first), then name. ``corpus_detail(store, id)`` is one corpus entity with its
names, articles and latest statements.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)

from ..errors import NotFoundError
from ..model import CorpusEntity, KBEntry, KBRole, MemberEntity
from . import queues
from .api_queries import custom_plans, recent_by_speaker_names, recent_statements
from .schema import (
    aliases,
    articles,
    corpus_aliases,
    corpus_entities,
    corpus_keys,
    corpus_members,
    corpus_name_aliases,
    corpus_names,
    corpus_pending,
    corpus_stale,
    corrections,
    entities,
    kb_aliases,
    kb_entities,
    kb_roles,
    links,
    mentions,
    statements,
)

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]
Key = tuple[str, str]  # an article entity: (article_id, entity_id)
CHUNK = 500  # ids per IN (...) list
# The other names of an article kept as context for each of its entities
_CO_MENTIONS = 30
# A corpus entity with this many statements finds its latest ones soon among the latest
# of all; one with fewer, in its own articles (on 20,000 articles: 12,741 statements, 9 ms
# against 339 ms; 6 statements, 5 ms against 586 ms)
_MANY_STATEMENTS = 500
# A corpus entity with at most this many names has its latest statements found name by name
# (one index search each); on the 20,000-article store none has more than 5.
_FEW_NAMES = 40


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _insert(conn: Connection, table: Any, rows: Sequence[Row]) -> None:
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(table), list(rows[i:i + CHUNK]))


# ---------------------------------------------------------------------------------------
# Reading what the corpus pass needs


def article_chunks(table: Any, article_ids: Collection[str] | None
                   ) -> Iterable[list[ColumnElement[bool]]]:
    """WHERE clauses covering the articles ``article_ids`` (all when None), in chunks."""
    if article_ids is None:
        yield []
        return
    ids = sorted(article_ids)
    for i in range(0, len(ids), CHUNK):
        yield [table.c.article_id.in_(ids[i:i + CHUNK])]


def member_chunks(table: Any, entity_col: Any, article_ids: Collection[str] | None,
                  wanted: Collection[Key] | None) -> Iterable[list[ColumnElement[bool]]]:
    """WHERE clauses covering the rows of ``table`` that belong to the article entities
    ``wanted`` (``(article_id, entity id)``; in chunks of articles, each with the entity ids
    wanted in them, so a few rows of other entities may come too: check the key), or, when
    ``wanted`` is None, to every entity of the articles ``article_ids``. Re-clustering
    "Bernie Sanders" after a split wants 13,985 of the 9,483 articles' 200,000-odd entities:
    reading only theirs cut the members' load from 3.1 to 2.1 CPU-s (bench/corrections.py)."""
    if wanted is None:
        yield from article_chunks(table, article_ids)
        return
    by_article: dict[str, set[str]] = defaultdict(set)
    for aid, eid in wanted:
        by_article[aid].add(eid)
    chunk: list[str] = []
    eids: set[str] = set()
    for aid in sorted(by_article):  # at most CHUNK articles and about CHUNK * 4 ids a query
        chunk.append(aid)
        eids |= by_article[aid]
        if len(chunk) >= CHUNK or len(eids) >= 4 * CHUNK:
            yield [table.c.article_id.in_(chunk), entity_col.in_(sorted(eids))]
            chunk, eids = [], set()
    if chunk:
        yield [table.c.article_id.in_(chunk), entity_col.in_(sorted(eids))]


def load_members(conn: Connection, article_ids: Collection[str] | None = None,
                 only: Collection[Key] | None = None,
                 named: Collection[tuple[str, str]] | None = None, counts: bool = True
                 ) -> list[MemberEntity]:
    """The entities of the analysed articles ``article_ids`` (all when None) with aliases,
    titles, counts and co-mentions; with ``only``, just those article entities, and with
    ``named``, just those whose ``(type, name)`` is one of these (a block of the corpus
    pass); their articles' other names still their context. Without ``counts``, mentions
    and statements are left 0 (what planning the corpus pass's blocks needs not)."""
    rows: list[Any] = []
    for where in article_chunks(entities, article_ids):
        rows += conn.execute(
            select(entities.c.article_id, entities.c.id, entities.c.name, entities.c.type,
                   entities.c.titles)
            .join(articles, articles.c.id == entities.c.article_id)
            .where(articles.c.analyzed.is_(True), *where)
            .order_by(entities.c.article_id, entities.c.position))
    wanted: set[Key] | None = None
    if only is not None or named is not None:
        wanted = {(r[0], r[1]) for r in rows
                  if (only is None or (r[0], r[1]) in only)
                  and (named is None or (r[3], r[2]) in named)}
    alias_rows: dict[Key, dict[str, int]] = defaultdict(dict)
    mention_counts: dict[Key, int] = {}
    speaker_counts: dict[Key, int] = {}
    for where in member_chunks(aliases, aliases.c.entity_id, article_ids, wanted):
        for aid, eid, alias, count in conn.execute(
                select(aliases.c.article_id, aliases.c.entity_id, aliases.c.alias,
                       aliases.c.count).where(*where)):
            if wanted is None or (aid, eid) in wanted:
                alias_rows[(aid, eid)][alias] = int(count or 0)
    if counts:
        for where in member_chunks(mentions, mentions.c.entity_id, article_ids, wanted):
            mention_counts.update(
                ((aid, eid), int(n)) for aid, eid, n in conn.execute(
                    select(mentions.c.article_id, mentions.c.entity_id, func.count())
                    .where(*where).group_by(mentions.c.article_id, mentions.c.entity_id))
                if wanted is None or (aid, eid) in wanted)
        speaker = statements.c.speaker_entity_id
        for where in member_chunks(statements, speaker, article_ids, wanted):
            speaker_counts.update(
                ((aid, eid), int(n)) for aid, eid, n in conn.execute(
                    select(statements.c.article_id, speaker, func.count())
                    .where(speaker.is_not(None), *where)
                    .group_by(statements.c.article_id, speaker))
                if wanted is None or (aid, eid) in wanted)
    by_article: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_article[r[0]].append(r)
    out: list[MemberEntity] = []
    for aid, ents in by_article.items():
        names = [(r[1], r[2]) for r in ents if r[3] in ("PERSON", "ORG", "GPE")]
        for _aid, eid, name, etype, titles in ents:
            key = (aid, eid)
            if wanted is not None and key not in wanted:
                continue
            co = tuple(islice((n for other, n in names if other != eid), _CO_MENTIONS))
            out.append(MemberEntity(
                article_id=aid, entity_id=eid, name=name, type=etype,
                aliases=alias_rows.get(key, {}), titles=tuple(json.loads(titles or "[]")),
                mentions=mention_counts.get(key, 0), statements=speaker_counts.get(key, 0),
                co_mentions=co))
    return out


def load_kb(conn: Connection) -> list[KBEntry]:
    """The imported knowledge base (empty when none was imported)."""
    names: dict[str, list[str]] = defaultdict(list)
    for kb_id, alias in conn.execute(
            select(kb_aliases.c.kb_id, kb_aliases.c.alias)
            .order_by(kb_aliases.c.kb_id, kb_aliases.c.position)):
        names[kb_id].append(alias)
    held = _kb_roles(conn)
    return [
        KBEntry(r.id, r.name, r.type, tuple(names.get(r.id, ())), r.description,
                tuple(held.get(r.id, ())))
        for r in conn.execute(select(kb_entities).order_by(kb_entities.c.id))
    ]


def _kb_roles(conn: Connection) -> dict[str, list[KBRole]]:
    held: dict[str, list[KBRole]] = defaultdict(list)
    for r in conn.execute(select(kb_roles).order_by(kb_roles.c.kb_id, kb_roles.c.position)):
        held[r.kb_id].append(KBRole(r.title, r.of, r.start, r.end))
    return held


def kb_role_holders(store: Transactions) -> list[KBEntry]:
    """The knowledge-base entries that held a role (what the Analyzer reads to name the
    holder of "the Russian foreign minister"), ordered by id; empty without roles."""
    with store.read("read knowledge-base roles") as conn:
        held = _kb_roles(conn)
        if not held:
            return []
        rows = conn.execute(select(kb_entities).where(kb_entities.c.id.in_(sorted(held)))
                            .order_by(kb_entities.c.id)).all()
    return [KBEntry(r.id, r.name, r.type, (), r.description, tuple(held[r.id])) for r in rows]


def entity_corrections(conn: Connection) -> list[tuple[str, str]]:
    """The analysts' merges and splits, oldest first: ``(kind, data as JSON)``."""
    return [(kind, data) for kind, data in conn.execute(
        select(corrections.c.kind, corrections.c.data)
        .where(corrections.c.kind.in_(("merge", "split")))
        .order_by(corrections.c.seq))]


def kb_size(store: Transactions) -> int:
    with store.read("count knowledge-base entries") as conn:
        return int(conn.execute(select(func.count()).select_from(kb_entities)).scalar() or 0)


def analysed_article_ids(conn: Connection) -> list[str]:
    """The ids of the analysed articles, sorted (the corpus pass reads them a chunk at a
    time)."""
    return list(conn.execute(select(articles.c.id).where(articles.c.analyzed.is_(True))
                             .order_by(articles.c.id)).scalars())


def analysed_articles(conn: Connection) -> int:
    """How many articles are stored analysed (the corpus pass reads their entities)."""
    return int(conn.execute(select(func.count()).select_from(articles)
                            .where(articles.c.analyzed.is_(True))).scalar() or 0)


def corpus_built(conn: Connection) -> bool:
    """Whether a corpus pass ever wrote corpus entities."""
    return conn.execute(select(corpus_entities.c.id).limit(1)).first() is not None


def corpus_size(store: Transactions) -> int:
    with store.read("count corpus entities") as conn:
        return int(conn.execute(select(func.count()).select_from(corpus_entities)).scalar()
                   or 0)


def corpus_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(corpus_entities.c.id)).scalars())


def keys_missing(conn: Connection) -> bool:
    """A corpus built before its aliases were filed under blocking keys (migration 5 made
    the table; the corpus pass fills it)."""
    return corpus_built(conn) and conn.execute(
        select(corpus_keys.c.key).limit(1)).first() is None


def alias_types(conn: Connection, ids: Collection[str] | None = None
                ) -> list[tuple[str, str, str]]:
    """``(corpus_entity_id, alias, type)`` of every alias of the corpus entities ``ids``
    (all when None)."""
    query = (select(corpus_aliases.c.corpus_entity_id, corpus_aliases.c.alias,
                    corpus_entities.c.type)
             .join(corpus_entities, corpus_entities.c.id == corpus_aliases.c.corpus_entity_id))
    if ids is None:
        return [(cid, alias, etype) for cid, alias, etype in conn.execute(query)]
    wanted = sorted(ids)
    return [(cid, alias, etype) for i in range(0, len(wanted), CHUNK)
            for cid, alias, etype in conn.execute(
                query.where(corpus_aliases.c.corpus_entity_id.in_(wanted[i:i + CHUNK])))]


def filed_under(conn: Connection, keys: Collection[str]) -> list[tuple[str, str]]:
    """``(key, corpus_entity_id)`` for every corpus entity filed under one of ``keys``."""
    wanted = sorted(keys)
    return [(key, cid) for i in range(0, len(wanted), CHUNK)
            for key, cid in conn.execute(
                select(corpus_keys.c.key, corpus_keys.c.corpus_entity_id)
                .where(corpus_keys.c.key.in_(wanted[i:i + CHUNK])))]


def named_members(conn: Connection, names: Iterable[str]
                  ) -> tuple[set[Key], set[tuple[str, str]], set[str]]:
    """For article entities named one of ``names``: their keys, their ``(name, type)``s and
    the corpus entities holding any of them."""
    wanted = sorted(set(names))
    cm = corpus_members
    keys: set[Key] = set()
    named: set[tuple[str, str]] = set()
    holders: set[str] = set()
    for i in range(0, len(wanted), CHUNK):
        chunk = wanted[i:i + CHUNK]
        for aid, eid, name, etype in conn.execute(
                select(entities.c.article_id, entities.c.id, entities.c.name, entities.c.type)
                .join(articles, articles.c.id == entities.c.article_id)
                .where(entities.c.name.in_(chunk), articles.c.analyzed.is_(True))):
            keys.add((aid, eid))
            named.add((name, etype))
        holders.update(conn.execute(
            select(cm.c.corpus_entity_id).distinct()
            .join(entities, (entities.c.article_id == cm.c.article_id)
                  & (entities.c.id == cm.c.entity_id))
            .where(entities.c.name.in_(chunk))).scalars())
    return keys, named, holders


def holders_of(conn: Connection, keys: Iterable[Key]) -> set[str]:
    """The corpus entities holding the article entities ``keys``."""
    cm = corpus_members
    found: set[str] = set()
    for aid, eid in keys:
        found.update(conn.execute(
            select(cm.c.corpus_entity_id)
            .where(cm.c.article_id == aid, cm.c.entity_id == eid)).scalars())
    return found


def holders_of_articles(conn: Connection, article_ids: Collection[str]) -> set[str]:
    """The corpus entities holding an entity of one of ``article_ids``."""
    found: set[str] = set()
    for where in article_chunks(corpus_members, article_ids):
        found.update(conn.execute(
            select(corpus_members.c.corpus_entity_id).distinct().where(*where)).scalars())
    return found


def members_of(conn: Connection, ids: Collection[str]) -> set[Key]:
    """The article entities the corpus entities ``ids`` hold."""
    cm = corpus_members
    wanted = sorted(ids)
    return {(aid, eid) for i in range(0, len(wanted), CHUNK)
            for aid, eid in conn.execute(
                select(cm.c.article_id, cm.c.entity_id)
                .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK])))}


def sample_members(conn: Connection, corpus_entity_id: str, size: int) -> list[Key]:
    """A fixed sample of a corpus entity's members: the first ``size`` by article id."""
    cm = corpus_members
    return [(aid, eid) for aid, eid in conn.execute(
        select(cm.c.article_id, cm.c.entity_id).where(cm.c.corpus_entity_id == corpus_entity_id)
        .order_by(cm.c.article_id, cm.c.entity_id).limit(size))]


def sizes(conn: Connection, ids: Collection[str]) -> dict[str, int]:
    """How many article entities each of the corpus entities ``ids`` holds."""
    cm = corpus_members
    out: dict[str, int] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), CHUNK):
        out.update((cid, int(n)) for cid, n in conn.execute(
            select(cm.c.corpus_entity_id, func.count())
            .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK]))
            .group_by(cm.c.corpus_entity_id)))
    return out


def stale(conn: Connection, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` whose stored article count is not their members' (a re-analysed
    article took an article entity away)."""
    cm, ce = corpus_members, corpus_entities
    wanted = sorted(ids)
    out: set[str] = set()
    for i in range(0, len(wanted), CHUNK):
        actual: dict[str, int] = {cid: int(n) for cid, n in conn.execute(
            select(cm.c.corpus_entity_id, func.count(func.distinct(cm.c.article_id)))
            .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK]))
            .group_by(cm.c.corpus_entity_id))}
        out.update(cid for cid, n in conn.execute(
            select(ce.c.id, ce.c.articles).where(ce.c.id.in_(wanted[i:i + CHUNK])))
            if actual.get(cid, 0) != n)
    return out


def member_totals(conn: Connection, corpus_entity_id: str) -> tuple[Counter[str], int, int, int]:
    """What a corpus entity's members add up to: alias counts, articles, mentions and
    statements they are the speaker of."""
    cm = corpus_members
    cid = corpus_entity_id
    same_entity = (aliases.c.article_id == cm.c.article_id) & (aliases.c.entity_id ==
                                                                cm.c.entity_id)
    counts: Counter[str] = Counter({
        alias: int(n or 0) for alias, n in conn.execute(
            select(aliases.c.alias, func.sum(aliases.c.count)).join(cm, same_entity)
            .where(cm.c.corpus_entity_id == cid).group_by(aliases.c.alias))})
    n_articles = int(conn.execute(
        select(func.count(func.distinct(cm.c.article_id)))
        .where(cm.c.corpus_entity_id == cid)).scalar() or 0)
    n_mentions = int(conn.execute(
        select(func.count()).select_from(mentions)
        .join(cm, (mentions.c.article_id == cm.c.article_id)
              & (mentions.c.entity_id == cm.c.entity_id))
        .where(cm.c.corpus_entity_id == cid)).scalar() or 0)
    n_said = int(conn.execute(
        select(func.count()).select_from(statements)
        .join(cm, (statements.c.article_id == cm.c.article_id)
              & (statements.c.speaker_entity_id == cm.c.entity_id))
        .where(cm.c.corpus_entity_id == cid)).scalar() or 0)
    return counts, n_articles, n_mentions, n_said


def pending_articles(conn: Connection) -> list[str]:
    """The articles saved since the corpus last took them in (see ``corpus_pending``)."""
    return sorted(conn.execute(select(corpus_pending.c.article_id)).scalars())


def clear_pending(conn: Connection, article_ids: Collection[str]) -> None:
    """The corpus took these articles in."""
    wanted = sorted(article_ids)
    for i in range(0, len(wanted), CHUNK):
        conn.execute(delete(corpus_pending)
                     .where(corpus_pending.c.article_id.in_(wanted[i:i + CHUNK])))


@dataclass(frozen=True)
class CorpusStale:
    """What the corrections noted for the corpus refresh (``corpus_stale``): the rows' numbers,
    the canonical names and the article entities to weigh again."""

    seqs: tuple[int, ...] = ()
    names: frozenset[str] = frozenset()
    keys: frozenset[Key] = frozenset()


def mark_corpus_stale(conn: Connection, names: Collection[str], keys: Collection[Key]) -> None:
    """Note what a correction left for the corpus refresh to weigh again."""
    queues.note(conn, corpus_stale, [("name", n) for n in sorted(set(names))]
                + [("key", json.dumps(list(k))) for k in sorted(set(keys))])


def corpus_stale_work(conn: Connection) -> CorpusStale:
    """Everything :func:`mark_corpus_stale` noted that no refresh has taken in yet."""
    found = queues.noted(conn, corpus_stale)
    return CorpusStale(found.seqs, found.of("name"),
                       frozenset((str(a), str(e)) for a, e in map(json.loads, found.of("key"))))


def clear_corpus_stale(conn: Connection, seqs: Collection[int]) -> None:
    """Remove the rows a refresh took in (by number: a correction committed meanwhile keeps
    its own)."""
    queues.clear(conn, corpus_stale, seqs)


def corpus_refresh_pending(conn: Connection) -> bool:
    """Whether a correction's corpus refresh is still to run (the corpus reads say so)."""
    return queues.waiting(conn, corpus_stale)


def last_correction(conn: Connection) -> int:
    """The number of the latest correction (0 before any)."""
    return int(conn.execute(select(func.max(corrections.c.seq))).scalar() or 0)


def names_corrected_since(conn: Connection, seq: int) -> set[str]:
    """The names the corrections after ``seq`` name (every string of their data: a merge's
    source and target, a split's entity, alias and new name, a speaker fix's speaker): what
    a corpus pass that read the corrections up to ``seq`` must weigh again."""
    found: set[str] = set()
    for (data,) in conn.execute(select(corrections.c.data).where(corrections.c.seq > seq)):
        found.update(v for v in json.loads(data).values() if isinstance(v, str) and v)
    return found


def corrections_pending(store: Transactions) -> bool:
    """:func:`corpus_refresh_pending`, in a read transaction of its own."""
    with store.read("is a corpus refresh pending") as conn:
        return corpus_refresh_pending(conn)


def head_of(conn: Connection, corpus_entity_id: str) -> tuple[str, str, bool] | None:
    """A corpus entity's name, type and whether it links to the knowledge base."""
    ce = corpus_entities
    row = conn.execute(select(ce.c.name, ce.c.type).where(ce.c.id == corpus_entity_id)).first()
    if row is None:
        return None
    linked = conn.execute(select(links.c.kb_id).where(
        links.c.corpus_entity_id == corpus_entity_id)).first() is not None
    return str(row[0]), str(row[1]), linked


# ---------------------------------------------------------------------------------------
# Writing


# The key of the PostgreSQL advisory lock that serialises writers of the corpus tables (SQLite
# serialises all writers anyway): two partial passes at once would both rewrite an entity.
_PG_CORPUS_LOCK = 0x77_68_63_70  # "whcp"


def lock_corpus(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_CORPUS_LOCK)))


def clear_corpus(conn: Connection) -> None:
    for table in (links, corpus_keys, corpus_name_aliases, corpus_names, corpus_members,
                  corpus_aliases, corpus_entities):
        conn.execute(delete(table))


def write_keys(conn: Connection, keys: Mapping[str, Collection[str]]) -> None:
    """File corpus entities under blocking keys: ``{corpus_entity_id: keys}``."""
    _insert(conn, corpus_keys, [{"key": k, "corpus_entity_id": cid}
                                for cid in sorted(keys) for k in sorted(keys[cid])])


def write_corpus(conn: Connection, found: Iterable[CorpusEntity],
                 keys: Mapping[str, Collection[str]]) -> None:
    """Insert corpus entities with their aliases, members, knowledge-base links and the
    blocking keys ``keys`` (``{corpus_entity_id: keys}``) they are filed under."""
    insert_corpus_rows(conn, corpus_rows(found, keys))


# The corpus tables in the order their rows are inserted (parents first)
CORPUS_TABLES = ("corpus_entities", "corpus_aliases", "corpus_members", "corpus_names",
                 "corpus_name_aliases", "links", "corpus_keys")


def corpus_rows(found: Iterable[CorpusEntity], keys: Mapping[str, Collection[str]],
                built: str | None = None) -> dict[str, list[Row]]:
    """The rows :func:`write_corpus` inserts, by table (:data:`CORPUS_TABLES`): plain data
    a pass can set aside (the block pass keeps them on disk) and insert later."""
    built = built or _now()
    ent_rows: list[Row] = []
    alias_rows: list[Row] = []
    member_rows: list[Row] = []
    name_rows: list[Row] = []
    name_alias_rows: list[Row] = []
    link_rows: list[Row] = []
    key_rows: list[Row] = []
    for e in found:
        key_rows += [{"key": k, "corpus_entity_id": e.id} for k in sorted(keys.get(e.id, ()))]
        ent_rows.append({"id": e.id, "name": e.name, "type": e.type, "mentions": e.mentions,
                         "articles": e.articles, "statements": e.statements,
                         "titles": json.dumps(e.titles[:10], ensure_ascii=False),
                         "built_at": built})
        alias_rows += [{"corpus_entity_id": e.id, "alias": a, "count": n}
                       for a, n in sorted(e.aliases.items())]
        member_rows += [{"article_id": m.article_id, "entity_id": m.entity_id,
                         "corpus_entity_id": e.id} for m in e.members]
        borne = Counter(name for name, _ in {(m.name, m.article_id) for m in e.members})
        name_rows += [{"corpus_entity_id": e.id, "name": n, "articles": k}
                      for n, k in sorted(borne.items())]
        written: Counter[tuple[str, str]] = Counter()
        for m in e.members:
            for alias, n in m.aliases.items():
                written[(m.name, alias)] += n
        name_alias_rows += [{"corpus_entity_id": e.id, "name": n, "alias": a, "count": k}
                            for (n, a), k in sorted(written.items())]
        if e.kb_id is not None:
            link_rows.append({"corpus_entity_id": e.id, "kb_id": e.kb_id,
                              "score": float(e.kb_score or 0.0)})
    return {"corpus_entities": ent_rows, "corpus_aliases": alias_rows,
            "corpus_members": member_rows, "corpus_names": name_rows,
            "corpus_name_aliases": name_alias_rows, "links": link_rows, "corpus_keys": key_rows}


def insert_corpus_rows(conn: Connection, rows: Mapping[str, Sequence[Row]]) -> None:
    """Insert rows made by :func:`corpus_rows` (tables missing from ``rows`` get none)."""
    tables = {"corpus_entities": corpus_entities, "corpus_aliases": corpus_aliases,
              "corpus_members": corpus_members, "corpus_names": corpus_names,
              "corpus_name_aliases": corpus_name_aliases, "links": links,
              "corpus_keys": corpus_keys}
    for name in CORPUS_TABLES:
        _insert(conn, tables[name], rows.get(name, ()))


def delete_corpus_entities(conn: Connection, ids: Collection[str]) -> None:
    """Delete the corpus entities ``ids`` with everything hanging off them."""
    wanted = sorted(ids)
    cm = corpus_members
    for i in range(0, len(wanted), CHUNK):
        chunk = wanted[i:i + CHUNK]
        conn.execute(delete(links).where(links.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_keys).where(corpus_keys.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_names).where(corpus_names.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_name_aliases)
                     .where(corpus_name_aliases.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(cm).where(cm.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_aliases).where(corpus_aliases.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_entities).where(corpus_entities.c.id.in_(chunk)))


def drop_empty(conn: Connection) -> None:
    """Delete the corpus entities left without members (their article was analysed again)."""
    for table in (corpus_names, corpus_name_aliases):
        conn.execute(delete(table).where(~exists().where(
            corpus_members.c.corpus_entity_id == table.c.corpus_entity_id)))
    conn.execute(delete(corpus_entities).where(~exists().where(
        corpus_members.c.corpus_entity_id == corpus_entities.c.id)))


# What one membership adds to its corpus entity's names: (name, article id, {alias: count})
Borne = tuple[str, str, Mapping[str, int]]


def _move_names(conn: Connection, changes: Mapping[str, Sequence[Borne]], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) what the memberships ``changes`` (by corpus entity)
    bear to the ``corpus_names`` and ``corpus_name_aliases`` rows of their corpus entities:
    a few rows read and written, where reading all the members again took Donald Trump's
    restating from 0.67 s to 1.2 s (PostgreSQL, the 20,000-article bench store, under load).
    The articles of ``changes`` have no other membership in those corpus entities (they were
    taken out whole, and are put back whole)."""
    cn, cna = corpus_names, corpus_name_aliases
    for cid in sorted(changes):
        names = {n: int(k) for n, k in conn.execute(
            select(cn.c.name, cn.c.articles).where(cn.c.corpus_entity_id == cid))}
        written: dict[tuple[str, str], int] = {(n, a): int(k) for n, a, k in conn.execute(
            select(cna.c.name, cna.c.alias, cna.c.count).where(cna.c.corpus_entity_id == cid))}
        moved: dict[str, set[str]] = defaultdict(set)
        emptied: set[tuple[str, str]] = set()
        for name, aid, borne in changes[cid]:
            moved[name].add(aid)
            for alias, n in borne.items():
                key = (name, alias)
                written[key] = written.get(key, 0) + sign * n
                if sign < 0 and written[key] <= 0:
                    emptied.add(key)
        for name, ids in moved.items():
            names[name] = names.get(name, 0) + sign * len(ids)
        names = {n: k for n, k in names.items() if k > 0}
        for name, alias in sorted(emptied):  # a count of 0 is kept while a member has it
            if name not in names or not _bears(conn, cid, name, alias):
                written.pop((name, alias), None)
        written = {key: k for key, k in written.items() if key[0] in names}
        _write_names(conn, {cid: names}, {cid: written})
        # the stored article count moves with them, so that restate_entity can tell these
        # names up to date from those of members lost without us (an article analysed again)
        n = len({aid for _, aid, _ in changes[cid]})
        conn.execute(update(corpus_entities).where(corpus_entities.c.id == cid)
                     .values(articles=corpus_entities.c.articles + sign * n))


def _names_again(conn: Connection, ids: Collection[str]) -> None:
    """Read the names of the corpus entities ``ids`` again from their members, and their
    stored article count (see :func:`_move_names`)."""
    restate_names(conn, ids)
    for cid, n in sizes_in_articles(conn, ids).items():
        conn.execute(update(corpus_entities).where(corpus_entities.c.id == cid)
                     .values(articles=n))


def sizes_in_articles(conn: Connection, ids: Collection[str]) -> dict[str, int]:
    """How many articles the members of each of the corpus entities ``ids`` are in."""
    cm = corpus_members
    wanted = sorted(ids)
    out = dict.fromkeys(wanted, 0)
    for i in range(0, len(wanted), CHUNK):
        out.update((cid, int(n)) for cid, n in conn.execute(
            select(cm.c.corpus_entity_id, func.count(func.distinct(cm.c.article_id)))
            .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK]))
            .group_by(cm.c.corpus_entity_id)))
    return out


def _bears(conn: Connection, cid: str, name: str, alias: str) -> bool:
    """Whether a member of ``cid`` named ``name`` has the alias ``alias``."""
    cm, e, al = corpus_members, entities, aliases
    return conn.execute(
        select(cm.c.article_id)
        .join(e, (e.c.article_id == cm.c.article_id) & (e.c.id == cm.c.entity_id))
        .join(al, (al.c.article_id == cm.c.article_id) & (al.c.entity_id == cm.c.entity_id))
        .where(cm.c.corpus_entity_id == cid, e.c.name == name, al.c.alias == alias)
        .limit(1)).first() is not None


def release_articles(conn: Connection, article_ids: Collection[str]) -> set[str]:
    """Take the entities of ``article_ids`` out of their corpus entities; returns those
    that held them. Their names go from those corpus entities' names (read again from the
    members where these were not up to date: see :func:`stale`)."""
    cm, e, al = corpus_members, entities, aliases
    held: set[str] = set()
    for where in article_chunks(cm, article_ids):
        members: dict[tuple[str, str, str], tuple[str | None, dict[str, int]]] = {}
        for cid, eid, name, aid, alias, n in conn.execute(
                select(cm.c.corpus_entity_id, cm.c.entity_id, e.c.name, cm.c.article_id,
                       al.c.alias, al.c.count)
                .select_from(cm.outerjoin(e, (e.c.article_id == cm.c.article_id)
                                          & (e.c.id == cm.c.entity_id))
                             .outerjoin(al, (al.c.article_id == cm.c.article_id)
                                        & (al.c.entity_id == cm.c.entity_id)))
                .where(*where)):
            held.add(cid)
            _, borne = members.setdefault((cid, aid, eid), (name, {}))
            if alias is not None:
                borne[alias] = int(n or 0)
        changes: dict[str, list[Borne]] = defaultdict(list)
        for (cid, aid, _eid), (name, borne) in sorted(members.items()):
            if name is not None:
                changes[cid].append((name, aid, borne))
        behind = stale(conn, changes)
        # the members out first: a name or alias they alone bore then finds no bearer and
        # leaves the names tables (taken away before, it stayed with a count of 0)
        conn.execute(delete(cm).where(*where))
        _move_names(conn, {cid: c for cid, c in changes.items() if cid not in behind}, -1)
        _names_again(conn, behind)
    return held


def add_members(conn: Connection, joins: Mapping[str, Sequence[MemberEntity]]) -> None:
    """Make the article entities ``joins[cid]`` members of the corpus entity ``cid``, and
    add their titles to its own and their names to its names (read again from all its
    members where these were not up to date: see :func:`stale`)."""
    rows = [{"article_id": m.article_id, "entity_id": m.entity_id, "corpus_entity_id": cid}
            for cid, ms in sorted(joins.items()) for m in ms]
    behind = stale(conn, joins)
    _insert(conn, corpus_members, rows)
    _move_names(conn, {cid: [(m.name, m.article_id, m.aliases) for m in ms]
                       for cid, ms in joins.items() if cid not in behind}, 1)
    _names_again(conn, behind)
    ce = corpus_entities
    for cid, ms in joins.items():
        old = conn.execute(select(ce.c.titles).where(ce.c.id == cid)).scalar()
        titles: list[str] = json.loads(old or "[]")
        titles += [t for t, _ in Counter(t for m in ms for t in m.titles).most_common()
                   if t not in titles]
        conn.execute(update(ce).where(ce.c.id == cid)
                     .values(titles=json.dumps(titles[:10], ensure_ascii=False)))


def restate_entity(conn: Connection, corpus_entity_id: str, name: str, counts: Counter[str],
                   totals: tuple[int, int, int], keys: Collection[str]) -> None:
    """Rewrite one corpus entity's name, counts (``articles, mentions, statements``),
    aliases and keys."""
    cid = corpus_entity_id
    n_articles, n_mentions, n_said = totals
    ce = corpus_entities
    # members gone without add_members or release_articles (an article analysed again, or
    # deleted) leave the stored article count behind: then the names are read again
    if conn.execute(select(ce.c.articles).where(ce.c.id == cid)).scalar() != n_articles:
        restate_names(conn, [cid])
    conn.execute(update(ce).where(ce.c.id == cid).values(
        name=name, mentions=n_mentions, articles=n_articles, statements=n_said))
    conn.execute(delete(corpus_aliases).where(corpus_aliases.c.corpus_entity_id == cid))
    conn.execute(insert(corpus_aliases), [
        {"corpus_entity_id": cid, "alias": a, "count": n} for a, n in sorted(counts.items())]
        or [{"corpus_entity_id": cid, "alias": name, "count": 0}])
    conn.execute(delete(corpus_keys).where(corpus_keys.c.corpus_entity_id == cid))
    if keys:
        conn.execute(insert(corpus_keys), [{"key": k, "corpus_entity_id": cid}
                                           for k in sorted(keys)])


def member_names(conn: Connection, ids: Collection[str]) -> dict[str, dict[str, int]]:
    """``{corpus_entity_id: {name: articles}}``: the canonical names the members of the
    corpus entities ``ids`` bear now, each with the number of articles it is borne in (read
    from the members, as :func:`restate_names` writes them)."""
    cm, e = corpus_members, entities
    out: dict[str, dict[str, int]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), CHUNK):
        for cid, name, n in conn.execute(
                select(cm.c.corpus_entity_id, e.c.name, func.count(func.distinct(cm.c.article_id)))
                .join(e, (e.c.article_id == cm.c.article_id) & (e.c.id == cm.c.entity_id))
                .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK]))
                .group_by(cm.c.corpus_entity_id, e.c.name)):
            out.setdefault(cid, {})[name] = int(n)
    return out


def member_aliases(conn: Connection, ids: Collection[str]
                   ) -> dict[str, dict[tuple[str, str], int]]:
    """``{corpus_entity_id: {(name, alias): mentions}}``: the aliases of the members of the
    corpus entities ``ids`` by the members' canonical names, with their mention counts
    summed (read from the members, as :func:`restate_names` writes them)."""
    cm, e, al = corpus_members, entities, aliases
    out: dict[str, dict[tuple[str, str], int]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), CHUNK):
        for cid, name, alias, n in conn.execute(
                select(cm.c.corpus_entity_id, e.c.name, al.c.alias, func.sum(al.c.count))
                .join(e, (e.c.article_id == cm.c.article_id) & (e.c.id == cm.c.entity_id))
                .join(al, (al.c.article_id == cm.c.article_id)
                      & (al.c.entity_id == cm.c.entity_id))
                .where(cm.c.corpus_entity_id.in_(wanted[i:i + CHUNK]))
                .group_by(cm.c.corpus_entity_id, e.c.name, al.c.alias)):
            out.setdefault(cid, {})[(name, alias)] = int(n or 0)
    return out


def restate_names(conn: Connection, ids: Collection[str]) -> None:
    """Rewrite the ``corpus_names`` and ``corpus_name_aliases`` rows of the corpus entities
    ``ids`` from their members (what a change to their members' names, such as an analyst's
    merge or split that the corpus pass does not re-cluster, calls for)."""
    wanted = sorted(ids)
    if not wanted:
        return
    found = member_names(conn, wanted)
    _write_names(conn, {cid: found.get(cid, {}) for cid in wanted}, member_aliases(conn, wanted))


def _write_names(conn: Connection, names: Mapping[str, Mapping[str, int]],
                 name_aliases: Mapping[str, Mapping[tuple[str, str], int]]) -> None:
    """Replace the ``corpus_names`` and ``corpus_name_aliases`` rows of the corpus entities
    ``names`` names (``{id: {name: articles}}``, ``{id: {(name, alias): mentions}}``)."""
    wanted = sorted(names)
    for i in range(0, len(wanted), CHUNK):
        for table in (corpus_names, corpus_name_aliases):
            conn.execute(delete(table)
                         .where(table.c.corpus_entity_id.in_(wanted[i:i + CHUNK])))
    _insert(conn, corpus_names, [{"corpus_entity_id": cid, "name": name, "articles": n}
                                 for cid in wanted for name, n in sorted(names[cid].items())])
    _insert(conn, corpus_name_aliases, [
        {"corpus_entity_id": cid, "name": name, "alias": alias, "count": n}
        for cid in wanted for (name, alias), n in sorted(name_aliases.get(cid, {}).items())])


def import_kb(store: Transactions, entries: Sequence[KBEntry], source: str,
              replace: bool = False) -> int:
    """Store knowledge-base entries in one transaction: an entry replaces the stored one
    with its id; with ``replace`` the whole previous knowledge base goes. Returns how many
    entries the knowledge base holds afterwards."""
    now = _now()
    ids = [e.id for e in entries]
    with store.write(f"import knowledge base {source}") as conn:
        if replace:
            conn.execute(delete(links))
            conn.execute(delete(kb_roles))
            conn.execute(delete(kb_aliases))
            conn.execute(delete(kb_entities))
        else:
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i:i + CHUNK]
                conn.execute(delete(links).where(links.c.kb_id.in_(chunk)))
                conn.execute(delete(kb_roles).where(kb_roles.c.kb_id.in_(chunk)))
                conn.execute(delete(kb_aliases).where(kb_aliases.c.kb_id.in_(chunk)))
                conn.execute(delete(kb_entities).where(kb_entities.c.id.in_(chunk)))
        _insert(conn, kb_entities, [
            {"id": e.id, "name": e.name, "type": e.type, "description": e.description,
             "source": source, "imported_at": now} for e in entries])
        _insert(conn, kb_aliases, [
            {"kb_id": e.id, "position": i, "alias": a}
            for e in entries for i, a in enumerate(e.aliases)])
        _insert(conn, kb_roles, [
            {"kb_id": e.id, "position": i, "title": r.title, "of": r.of, "start": r.start,
             "end": r.end} for e in entries for i, r in enumerate(e.roles)])
        return int(conn.execute(select(func.count()).select_from(kb_entities)).scalar() or 0)


# ---------------------------------------------------------------------------------------
# Reading corpus entities


def corpus_entities_rows(store: Transactions, name: str | None = None, limit: int | None = None,
                         members: bool = False, entity_id: str | None = None) -> list[Row]:
    """Corpus entities (see the module docstring); ``name`` is a case-insensitive
    substring of the canonical name or of any alias; ``entity_id`` picks one."""
    ce = corpus_entities
    query = (select(ce, links.c.kb_id, links.c.score, kb_entities.c.name.label("kb_name"))
             .outerjoin(links, links.c.corpus_entity_id == ce.c.id)
             .outerjoin(kb_entities, kb_entities.c.id == links.c.kb_id)
             .order_by(ce.c.mentions.desc(), ce.c.name, ce.c.id))
    if entity_id is not None:
        query = query.where(ce.c.id == entity_id)
    if name is not None and name.strip():
        needle = name.strip().lower()
        query = query.where(or_(
            func.lower(ce.c.name).contains(needle, autoescape=True),
            exists().where(corpus_aliases.c.corpus_entity_id == ce.c.id,
                           func.lower(corpus_aliases.c.alias).contains(needle,
                                                                       autoescape=True))))
    if limit is not None:
        query = query.limit(limit)
    with store.read("query corpus entities") as conn:
        rows = list(conn.execute(query).mappings())
        ids = [r["id"] for r in rows]
        alias_map: dict[str, list[Row]] = defaultdict(list)
        article_map: dict[str, list[str]] = defaultdict(list)
        statement_map: dict[str, list[list[str]]] = defaultdict(list)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            for cid, alias, count in conn.execute(
                    select(corpus_aliases.c.corpus_entity_id, corpus_aliases.c.alias,
                           corpus_aliases.c.count)
                    .where(corpus_aliases.c.corpus_entity_id.in_(chunk))):
                alias_map[cid].append({"alias": alias, "count": int(count)})
            if not members:
                continue
            cm = corpus_members
            for cid, aid in conn.execute(
                    select(cm.c.corpus_entity_id, cm.c.article_id).distinct()
                    .where(cm.c.corpus_entity_id.in_(chunk))
                    .order_by(cm.c.corpus_entity_id, cm.c.article_id)):
                article_map[cid].append(aid)
            for cid, aid, sid in conn.execute(
                    select(cm.c.corpus_entity_id, statements.c.article_id, statements.c.id)
                    .join(statements, (statements.c.article_id == cm.c.article_id)
                          & (statements.c.speaker_entity_id == cm.c.entity_id))
                    .where(cm.c.corpus_entity_id.in_(chunk))
                    .order_by(cm.c.corpus_entity_id, statements.c.article_id,
                              statements.c.position)):
                statement_map[cid].append([aid, sid])
    out = []
    for r in rows:
        row: Row = {
            "id": r["id"], "name": r["name"], "type": r["type"],
            "kb_id": r["kb_id"], "kb_name": r["kb_name"],
            "kb_score": round(float(r["score"]), 4) if r["score"] is not None else None,
            "aliases": sorted(alias_map.get(r["id"], []), key=lambda a: (-a["count"],
                                                                          a["alias"])),
            "titles": json.loads(r["titles"]),
            "mentions": int(r["mentions"]), "articles": int(r["articles"]),
            "statements": int(r["statements"]),
        }
        if members:
            row["article_ids"] = article_map.get(r["id"], [])
            row["statement_ids"] = statement_map.get(r["id"], [])
        out.append(row)
    return out


def corpus_detail(store: Transactions, entity_id: str, recent: int = 20,
                  members: bool = True) -> Row:
    """One corpus entity: its :func:`corpus_entities_rows` row (with ``members``, its
    article and statement ids), plus ``names`` (the article entities' names it gathers,
    ``[{name, count}]`` by articles), ``article_list`` (``[{id, title, doc_id, published}]``,
    latest first) and ``recent`` (its latest statements). Raises
    :class:`~whosaid.errors.NotFoundError` for an unknown id."""
    found = corpus_entities_rows(store, members=members, entity_id=entity_id)
    if not found:
        raise NotFoundError(f"no corpus entity {entity_id!r} (run `whosaid corpus` to build "
                            "them)")
    row = found[0]
    cm, s, a, cn = corpus_members, statements, articles, corpus_names
    with store.read(f"read corpus entity {entity_id}") as conn:
        custom_plans(conn)
        # from the names table of migration 13: a few rows, where joining the members to
        # their entities read 20,790 of them for Donald Trump
        row["names"] = [
            {"name": n, "count": int(k)} for n, k in conn.execute(
                select(cn.c.name, cn.c.articles).where(cn.c.corpus_entity_id == entity_id)
                .order_by(cn.c.articles.desc(), cn.c.name))]
        held: ColumnElement[bool] = exists().where(cm.c.corpus_entity_id == entity_id,
                                                   cm.c.article_id == a.c.id)
        total = int(conn.execute(select(func.count()).select_from(a)).scalar() or 0)
        if row["articles"] ** 2 <= 200 * total:  # its articles, sorted
            held = a.c.id.in_(select(cm.c.article_id).where(cm.c.corpus_entity_id == entity_id))
        # else every article newest first until 200 are its: Donald Trump is in 16,293 of
        # the 20,000 (sorting them all took 150 ms, this 2 ms); one in 55 is found faster
        # by sorting its own
        row["article_list"] = [
            dict(r) for r in conn.execute(
                select(a.c.id, a.c.title, a.c.doc_id, a.c.published).where(held)
                .order_by(a.c.published.desc().nulls_last(), a.c.id)
                .limit(200)).mappings()]
        # the speaker's corpus entity, one row at most (the members' key): a filter on each
        # statement the speaker index gives, latest first, until enough are its. As EXISTS,
        # PostgreSQL joined all 26,145 members of Donald Trump to his name's 9,363 statements
        # and sorted them (322 ms on the bench store; this 22 ms)
        spoke: ColumnElement[bool] = select(cm.c.corpus_entity_id).where(
            cm.c.article_id == s.c.article_id, cm.c.entity_id == s.c.speaker_entity_id
        ).scalar_subquery() == entity_id
        names = {n["name"] for n in row["names"]}
        if len(names) <= _FEW_NAMES:  # each name's latest from the speaker index
            row["recent"] = recent_by_speaker_names(conn, names, spoke, recent)
            return row
        if row["statements"] < _MANY_STATEMENTS:  # look in its articles only
            spoke = s.c.article_id.in_(
                select(cm.c.article_id).where(cm.c.corpus_entity_id == entity_id)) & spoke
        row["recent"] = recent_statements(conn, spoke, recent)
    return row
