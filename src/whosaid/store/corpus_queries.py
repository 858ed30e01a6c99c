"""Store queries of the corpus pass and the knowledge base (migration 3 tables).

Functions take a :class:`whosaid.store.Store` and use its read and write transactions, so
database errors come out as ``StoreError`` naming the database. Rows are plain JSON-ready
dicts:

``corpus_entities(store, name)`` -> per corpus entity ``id, name, type, kb_id, kb_name,
kb_score, aliases ([{"alias", "count"}], most written first), titles, mentions, articles,
statements``; with ``members=True`` also ``article_ids`` and ``statement_ids``
(``[[article_id, statement_id], ...]``: the statements it is the speaker of). Ordered by
mentions (most first), then name.

``refresh_corpus(conn, names, keys)`` re-runs the corpus pass over the part of the corpus a
correction touched, inside the correction's transaction (see :mod:`whosaid.corpus_constraints`);
``could_hold`` finds the corpus entities a name could join (through ``corpus_keys``) and
``recluster`` clusters a part of the corpus again (also for :mod:`.corpus_attach`).
``corpus_detail(store, id)`` is one corpus entity with its names, articles and latest
statements.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, delete, exists, func, insert, or_, select

from ..corpus.cluster import CorpusEntity, MemberEntity, cluster_members, reassign_ids
from ..corpus.constraints import Constraints, from_corrections
from ..corpus.kb import KBEntry
from ..errors import NotFoundError
from ..names.linking import ParsedName, blocking_keys, name_score, parse_name
from .api_queries import recent_statements
from .schema import (
    aliases,
    articles,
    corpus_aliases,
    corpus_entities,
    corpus_keys,
    corpus_members,
    corrections,
    entities,
    kb_aliases,
    kb_entities,
    links,
    mentions,
    statements,
)

if TYPE_CHECKING:
    from . import Store

Row = dict[str, Any]
_CHUNK = 500
# The other names of an article kept as context for each of its entities
_CO_MENTIONS = 30
# A corpus entity with this many statements finds its latest ones soon among the latest
# of all; one with fewer, in its own articles (on 20,000 articles: 12,741 statements, 9 ms
# against 339 ms; 6 statements, 5 ms against 586 ms)
_MANY_STATEMENTS = 500
# A corpus entity is clustered again with a new name when one of its aliases scores this
# much against it (well under what any stage of the pass joins at)
COULD_HOLD = 0.5


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _insert(conn: Connection, table: Any, rows: Sequence[Row]) -> None:
    for i in range(0, len(rows), _CHUNK):
        conn.execute(insert(table), list(rows[i:i + _CHUNK]))


# ---------------------------------------------------------------------------------------
# Reading what the corpus pass needs


def load_members(store: Store) -> list[MemberEntity]:
    """Every analysed article's entities with aliases, titles, counts and co-mentions."""
    with store._read("read article entities") as conn:
        return _load_members(conn, None)


def _article_chunks(table: Any, article_ids: Collection[str] | None
                    ) -> Iterable[list[ColumnElement[bool]]]:
    """WHERE clauses covering the articles ``article_ids`` (all when None), in chunks."""
    if article_ids is None:
        yield []
        return
    ids = sorted(article_ids)
    for i in range(0, len(ids), _CHUNK):
        yield [table.c.article_id.in_(ids[i:i + _CHUNK])]


def _load_members(conn: Connection, article_ids: Collection[str] | None,
                  only: Collection[tuple[str, str]] | None = None) -> list[MemberEntity]:
    """The entities of the analysed articles ``article_ids`` (all when None); with ``only``,
    just those article entities (``(article_id, entity_id)``), their articles' other names
    still their context."""
    alias_rows: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    mention_counts: dict[tuple[str, str], int] = {}
    speaker_counts: dict[tuple[str, str], int] = {}
    rows: list[Any] = []
    for where in _article_chunks(aliases, article_ids):
        for aid, eid, alias, count in conn.execute(
                select(aliases.c.article_id, aliases.c.entity_id, aliases.c.alias,
                       aliases.c.count).where(*where)):
            if only is None or (aid, eid) in only:
                alias_rows[(aid, eid)][alias] = int(count or 0)
    for where in _article_chunks(mentions, article_ids):
        mention_counts.update(
            ((aid, eid), int(n)) for aid, eid, n in conn.execute(
                select(mentions.c.article_id, mentions.c.entity_id, func.count())
                .where(*where).group_by(mentions.c.article_id, mentions.c.entity_id)))
    for where in _article_chunks(statements, article_ids):
        speaker_counts.update(
            ((aid, eid), int(n)) for aid, eid, n in conn.execute(
                select(statements.c.article_id, statements.c.speaker_entity_id, func.count())
                .where(statements.c.speaker_entity_id.is_not(None), *where)
                .group_by(statements.c.article_id, statements.c.speaker_entity_id)))
    for where in _article_chunks(entities, article_ids):
        rows += conn.execute(
            select(entities.c.article_id, entities.c.id, entities.c.name, entities.c.type,
                   entities.c.titles)
            .join(articles, articles.c.id == entities.c.article_id)
            .where(articles.c.analyzed.is_(True), *where)
            .order_by(entities.c.article_id, entities.c.position))
    by_article: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_article[r[0]].append(r)
    out: list[MemberEntity] = []
    for aid, ents in by_article.items():
        names = [(r[1], r[2]) for r in ents if r[3] in ("PERSON", "ORG", "GPE")]
        for _aid, eid, name, etype, titles in ents:
            key = (aid, eid)
            if only is not None and key not in only:
                continue
            co = tuple(islice((n for other, n in names if other != eid), _CO_MENTIONS))
            out.append(MemberEntity(
                article_id=aid, entity_id=eid, name=name, type=etype,
                aliases=alias_rows.get(key, {}), titles=tuple(json.loads(titles or "[]")),
                mentions=mention_counts.get(key, 0), statements=speaker_counts.get(key, 0),
                co_mentions=co))
    return out


def load_kb(store: Store) -> list[KBEntry]:
    """The imported knowledge base (empty when none was imported)."""
    with store._read("read the knowledge base") as conn:
        return _load_kb(conn)


def _load_kb(conn: Connection) -> list[KBEntry]:
    names: dict[str, list[str]] = defaultdict(list)
    for kb_id, alias in conn.execute(
            select(kb_aliases.c.kb_id, kb_aliases.c.alias)
            .order_by(kb_aliases.c.kb_id, kb_aliases.c.position)):
        names[kb_id].append(alias)
    return [
        KBEntry(r.id, r.name, r.type, tuple(names.get(r.id, ())), r.description)
        for r in conn.execute(select(kb_entities).order_by(kb_entities.c.id))
    ]


def load_constraints(store: Store) -> Constraints:
    """The analysts' corrections as constraints on the corpus pass."""
    with store._read("read corrections") as conn:
        return _load_constraints(conn)


def _load_constraints(conn: Connection) -> Constraints:
    return from_corrections(
        (kind, data) for kind, data in conn.execute(
            select(corrections.c.kind, corrections.c.data)
            .where(corrections.c.kind.in_(("merge", "split")))
            .order_by(corrections.c.seq)))


def kb_size(store: Store) -> int:
    with store._read("count knowledge-base entries") as conn:
        return int(conn.execute(select(func.count()).select_from(kb_entities)).scalar() or 0)


def analysed_articles(store: Store) -> int:
    """How many articles are stored analysed (the corpus pass reads their entities)."""
    with store._read("count analysed articles") as conn:
        return int(conn.execute(select(func.count()).select_from(articles)
                                .where(articles.c.analyzed.is_(True))).scalar() or 0)


def corpus_size(store: Store) -> int:
    with store._read("count corpus entities") as conn:
        return int(conn.execute(select(func.count()).select_from(corpus_entities)).scalar()
                   or 0)


# ---------------------------------------------------------------------------------------
# Writing


# The key of the PostgreSQL advisory lock that serialises writers of the corpus tables (SQLite
# serialises all writers anyway): two partial passes at once would both rewrite an entity.
_PG_CORPUS_LOCK = 0x77_68_63_70  # "whcp"


def lock_corpus(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_CORPUS_LOCK)))


def _clear_corpus(conn: Connection) -> None:
    for table in (links, corpus_keys, corpus_members, corpus_aliases, corpus_entities):
        conn.execute(delete(table))


def _filed_keys(alias: str, etype: str) -> set[str]:
    """The keys an alias is filed under (see :func:`whosaid.linking.blocking_keys`)."""
    return blocking_keys(parse_name(alias, etype))


def write_keys(conn: Connection) -> None:
    """File every corpus entity's aliases under their blocking keys (migration 5)."""
    rows = {(k, cid) for cid, alias, etype in conn.execute(
        select(corpus_aliases.c.corpus_entity_id, corpus_aliases.c.alias,
               corpus_entities.c.type)
        .join(corpus_entities, corpus_entities.c.id == corpus_aliases.c.corpus_entity_id))
        for k in _filed_keys(alias, etype)}
    _insert(conn, corpus_keys, [{"key": k, "corpus_entity_id": cid}
                                for k, cid in sorted(rows)])


def _corpus_rows(found: Iterable[CorpusEntity]
                 ) -> tuple[list[Row], list[Row], list[Row], list[Row], list[Row]]:
    built = _now()
    ent_rows: list[Row] = []
    alias_rows: list[Row] = []
    member_rows: list[Row] = []
    link_rows: list[Row] = []
    key_rows: list[Row] = []
    for e in found:
        keys = set().union(*(_filed_keys(a, e.type) for a in e.aliases))
        key_rows += [{"key": k, "corpus_entity_id": e.id} for k in sorted(keys)]
        ent_rows.append({"id": e.id, "name": e.name, "type": e.type, "mentions": e.mentions,
                         "articles": e.articles, "statements": e.statements,
                         "titles": json.dumps(e.titles[:10], ensure_ascii=False),
                         "built_at": built})
        alias_rows += [{"corpus_entity_id": e.id, "alias": a, "count": n}
                       for a, n in sorted(e.aliases.items())]
        member_rows += [{"article_id": m.article_id, "entity_id": m.entity_id,
                         "corpus_entity_id": e.id} for m in e.members]
        if e.kb_id is not None:
            link_rows.append({"corpus_entity_id": e.id, "kb_id": e.kb_id,
                              "score": float(e.kb_score or 0.0)})
    return ent_rows, alias_rows, member_rows, link_rows, key_rows


def _write_rows(conn: Connection, found: Iterable[CorpusEntity]) -> None:
    ent_rows, alias_rows, member_rows, link_rows, key_rows = _corpus_rows(found)
    _insert(conn, corpus_entities, ent_rows)
    _insert(conn, corpus_aliases, alias_rows)
    _insert(conn, corpus_members, member_rows)
    _insert(conn, links, link_rows)
    _insert(conn, corpus_keys, key_rows)


def replace_corpus(store: Store, found: Iterable[CorpusEntity]) -> None:
    """Replace every corpus table row by ``found``, in one transaction."""
    found = list(found)
    with store._write("write corpus entities") as conn:
        lock_corpus(conn)
        _clear_corpus(conn)
        _write_rows(conn, found)


def refresh_corpus(conn: Connection, names: Iterable[str],
                   keys: Iterable[tuple[str, str]] = ()) -> list[str]:
    """After a correction: re-run the corpus pass over the corpus entities that hold an
    article entity named one of ``names`` or one of the article entities ``keys``
    (``(article_id, entity_id)``) or that could hold one so named (:func:`could_hold`),
    together with every article entity so named that none holds yet, obeying all
    corrections; replace those corpus entities in the caller's
    transaction. Returns the ids of the corpus entities written (none when no corpus was
    built: ``whosaid corpus`` will apply the corrections)."""
    if conn.execute(select(corpus_entities.c.id).limit(1)).first() is None:
        return []
    lock_corpus(conn)
    wanted = sorted(set(names))
    cm = corpus_members
    touched: set[str] = set()
    member_keys: set[tuple[str, str]] = set()
    named: set[tuple[str, str]] = set()
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i:i + _CHUNK]
        for aid, eid, name, etype in conn.execute(
                select(entities.c.article_id, entities.c.id, entities.c.name, entities.c.type)
                .join(articles, articles.c.id == entities.c.article_id)
                .where(entities.c.name.in_(chunk), articles.c.analyzed.is_(True))):
            member_keys.add((aid, eid))
            named.add((name, etype))
        touched.update(conn.execute(
            select(cm.c.corpus_entity_id).distinct()
            .join(entities, (entities.c.article_id == cm.c.article_id)
                  & (entities.c.id == cm.c.entity_id))
            .where(entities.c.name.in_(chunk))).scalars())
    for aid, eid in keys:
        touched.update(conn.execute(
            select(cm.c.corpus_entity_id)
            .where(cm.c.article_id == aid, cm.c.entity_id == eid)).scalars())
    # a split-off name may belong with some third corpus entity: those are weighed too
    touched |= could_hold(conn, named)
    return recluster(conn, touched, member_keys)


def could_hold(conn: Connection, named: Iterable[tuple[str, str]]) -> set[str]:
    """The corpus entities that could take in an entity with one of these (name, type)
    pairs: an alias of theirs is filed under one of the name's blocking keys (surname, its
    sound and skeleton, acronym, a body's words: :func:`whosaid.linking.blocking_keys`,
    looked up in ``corpus_keys``) and scores at least ``COULD_HOLD`` against that name."""
    by_key: dict[str, list[ParsedName]] = defaultdict(list)
    for name, etype in named:
        parsed = parse_name(name, etype)
        for key in blocking_keys(parsed, query=True, loose=False):
            by_key[key].append(parsed)
    keys = sorted(by_key)
    rivals: dict[str, list[ParsedName]] = defaultdict(list)  # corpus entity -> names to weigh
    for i in range(0, len(keys), _CHUNK):
        for key, cid in conn.execute(
                select(corpus_keys.c.key, corpus_keys.c.corpus_entity_id)
                .where(corpus_keys.c.key.in_(keys[i:i + _CHUNK]))):
            rivals[cid] += by_key[key]
    ids = sorted(rivals)
    found: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        for cid, alias, etype in conn.execute(
                select(corpus_aliases.c.corpus_entity_id, corpus_aliases.c.alias,
                       corpus_entities.c.type)
                .join(corpus_entities, corpus_entities.c.id == corpus_aliases.c.corpus_entity_id)
                .where(corpus_aliases.c.corpus_entity_id.in_(ids[i:i + _CHUNK]))):
            if cid in found:
                continue
            held = parse_name(alias, etype)
            if any(max(name_score(q, held, COULD_HOLD), name_score(held, q, COULD_HOLD))
                   >= COULD_HOLD for q in set(rivals[cid])):
                found.add(cid)
    return found


def recluster(conn: Connection, touched: Collection[str],
               member_keys: set[tuple[str, str]]) -> list[str]:
    """Cluster the members of the corpus entities ``touched`` with the article entities
    ``member_keys``, obeying all corrections, and replace those corpus entities."""
    cm = corpus_members
    ids = sorted(touched)
    for i in range(0, len(ids), _CHUNK):
        member_keys.update(
            (aid, eid) for aid, eid in conn.execute(
                select(cm.c.article_id, cm.c.entity_id)
                .where(cm.c.corpus_entity_id.in_(ids[i:i + _CHUNK]))))
    members = _load_members(conn, {aid for aid, _ in member_keys}, member_keys)
    found = cluster_members(members, _load_kb(conn), _load_constraints(conn))
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        conn.execute(delete(links).where(links.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_keys).where(corpus_keys.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(cm).where(cm.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_aliases).where(corpus_aliases.c.corpus_entity_id.in_(chunk)))
        conn.execute(delete(corpus_entities).where(corpus_entities.c.id.in_(chunk)))
    reassign_ids(found, set(conn.execute(select(corpus_entities.c.id)).scalars()))
    _write_rows(conn, found)
    return [e.id for e in found]


def import_kb(store: Store, entries: Sequence[KBEntry], source: str,
              replace: bool = False) -> int:
    """Store knowledge-base entries in one transaction: an entry replaces the stored one
    with its id; with ``replace`` the whole previous knowledge base goes. Returns how many
    entries the knowledge base holds afterwards."""
    now = _now()
    ids = [e.id for e in entries]
    with store._write(f"import knowledge base {source}") as conn:
        if replace:
            conn.execute(delete(links))
            conn.execute(delete(kb_aliases))
            conn.execute(delete(kb_entities))
        else:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i:i + _CHUNK]
                conn.execute(delete(links).where(links.c.kb_id.in_(chunk)))
                conn.execute(delete(kb_aliases).where(kb_aliases.c.kb_id.in_(chunk)))
                conn.execute(delete(kb_entities).where(kb_entities.c.id.in_(chunk)))
        _insert(conn, kb_entities, [
            {"id": e.id, "name": e.name, "type": e.type, "description": e.description,
             "source": source, "imported_at": now} for e in entries])
        _insert(conn, kb_aliases, [
            {"kb_id": e.id, "position": i, "alias": a}
            for e in entries for i, a in enumerate(e.aliases)])
        return int(conn.execute(select(func.count()).select_from(kb_entities)).scalar() or 0)


# ---------------------------------------------------------------------------------------
# Reading corpus entities


def corpus_entities_rows(store: Store, name: str | None = None, limit: int | None = None,
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
    with store._read("query corpus entities") as conn:
        rows = list(conn.execute(query).mappings())
        ids = [r["id"] for r in rows]
        alias_map: dict[str, list[Row]] = defaultdict(list)
        article_map: dict[str, list[str]] = defaultdict(list)
        statement_map: dict[str, list[list[str]]] = defaultdict(list)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
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


def corpus_detail(store: Store, entity_id: str, recent: int = 20,
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
    cm, s, e, a = corpus_members, statements, entities, articles
    with store._read(f"read corpus entity {entity_id}") as conn:
        row["names"] = [
            {"name": n, "count": int(k)} for n, k in conn.execute(
                select(e.c.name, func.count(func.distinct(e.c.article_id)))
                .join(cm, (cm.c.article_id == e.c.article_id) & (cm.c.entity_id == e.c.id))
                .where(cm.c.corpus_entity_id == entity_id)
                .group_by(e.c.name).order_by(func.count(func.distinct(e.c.article_id)).desc(),
                                             e.c.name))]
        row["article_list"] = [
            dict(r) for r in conn.execute(
                select(a.c.id, a.c.title, a.c.doc_id, a.c.published).distinct()
                .join(cm, cm.c.article_id == a.c.id)
                .where(cm.c.corpus_entity_id == entity_id)
                .order_by(a.c.published.desc().nulls_last(), a.c.id)
                .limit(200)).mappings()]
        spoke: ColumnElement[bool] = exists().where(
            cm.c.corpus_entity_id == entity_id, cm.c.article_id == s.c.article_id,
            cm.c.entity_id == s.c.speaker_entity_id)
        if row["statements"] < _MANY_STATEMENTS:  # look in its articles only
            spoke = s.c.article_id.in_(
                select(cm.c.article_id).where(cm.c.corpus_entity_id == entity_id)) & spoke
        row["recent"] = recent_statements(conn, spoke, recent)
    return row
