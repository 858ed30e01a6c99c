"""Keeping a built corpus in step with new articles (after ``whosaid analyze`` and after each
article posted to the server).

:func:`attach_articles` puts a batch's article entities into the corpus entities. It finds
the corpus entities that could take them in (:func:`corpus_queries.could_hold`: an alias
filed under one of their names' blocking keys that scores against one of them) and then:

- when those hold few article entities (``exact_limit``), clusters them all again together
  with the new ones and replaces them, as the whole pass would for that part of the corpus;
- otherwise (a corpus entity such as "Donald Trump" gathers thousands of article entities),
  clusters the new ones with a fixed sample of each candidate's members (``SAMPLE``, chosen
  by article id, so the same each time) and only adds: a new article entity joins the corpus
  entity most of whose sampled members share its cluster, or forms a new one where none
  does. Existing memberships stay; the corpus entities it joins get their aliases, counts,
  canonical name and keys recomputed from all their members in SQL. A new article that
  would join two existing corpus entities into one joins the likelier; the next full
  ``whosaid corpus`` weighs such merges.

Everything happens in one transaction, serialised with the corpus's other writers.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, exists, func, insert, select, update

from ..corpus.cluster import (
    CorpusEntity,
    MemberEntity,
    canonical_name,
    cluster_members,
    reassign_ids,
)
from ..names.linking import parse_name
from .corpus_queries import (
    _article_chunks,
    _filed_keys,
    _load_constraints,
    _load_kb,
    _load_members,
    _write_rows,
    could_hold,
    lock_corpus,
    recluster,
)
from .schema import (
    aliases,
    corpus_aliases,
    corpus_entities,
    corpus_keys,
    corpus_members,
    links,
    mentions,
    statements,
)

if TYPE_CHECKING:
    from . import Store

# Up to this many article entities in the candidate corpus entities, they are clustered
# again in full; beyond, each candidate is represented by SAMPLE of its members.
EXACT_LIMIT = 2000
SAMPLE = 60

Key = tuple[str, str]  # (article_id, entity_id)


def attach_articles(store: Store, article_ids: Collection[str],
                    exact_limit: int = EXACT_LIMIT) -> list[str]:
    """Put the entities of the analysed articles ``article_ids`` into the corpus entities
    (see the module docstring). Returns the ids of the corpus entities written; none when
    no corpus was built."""
    ids = sorted(set(article_ids))
    if not ids:
        return []
    with store._write(f"update corpus entities for {len(ids)} articles") as conn:
        if conn.execute(select(corpus_entities.c.id).limit(1)).first() is None:
            return []
        lock_corpus(conn)
        # an article analysed again lost its memberships: drop what they leave empty
        conn.execute(delete(corpus_entities).where(~exists().where(
            corpus_members.c.corpus_entity_id == corpus_entities.c.id)))
        new = _load_members(conn, ids)
        touched = could_hold(conn, {(name, m.type) for m in new
                                    for name in {m.name, *m.aliases}})
        for where in _article_chunks(corpus_members, ids):  # those holding them already
            touched.update(conn.execute(
                select(corpus_members.c.corpus_entity_id).distinct().where(*where)).scalars())
        sizes = _sizes(conn, touched)
        new_keys = {(m.article_id, m.entity_id) for m in new}
        if sum(sizes.values()) <= exact_limit:
            return recluster(conn, touched, new_keys)
        held: set[str] = set()
        for where in _article_chunks(corpus_members, ids):  # placed afresh below
            held.update(conn.execute(select(corpus_members.c.corpus_entity_id).distinct()
                                     .where(*where)).scalars())
            conn.execute(delete(corpus_members).where(*where))
        return _attach_sampled(conn, sizes, new_keys, held)


def _sizes(conn: Connection, ids: Collection[str]) -> dict[str, int]:
    cm = corpus_members
    out: dict[str, int] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        out.update((cid, int(n)) for cid, n in conn.execute(
            select(cm.c.corpus_entity_id, func.count())
            .where(cm.c.corpus_entity_id.in_(wanted[i:i + 500]))
            .group_by(cm.c.corpus_entity_id)))
    return out


def _stale(conn: Connection, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` whose stored article count is not their members' (a re-analysed
    article took an article entity away)."""
    cm, ce = corpus_members, corpus_entities
    wanted = sorted(ids)
    out: set[str] = set()
    for i in range(0, len(wanted), 500):
        actual: dict[str, int] = {cid: int(n) for cid, n in conn.execute(
            select(cm.c.corpus_entity_id, func.count(func.distinct(cm.c.article_id)))
            .where(cm.c.corpus_entity_id.in_(wanted[i:i + 500]))
            .group_by(cm.c.corpus_entity_id))}
        out.update(cid for cid, n in conn.execute(
            select(ce.c.id, ce.c.articles).where(ce.c.id.in_(wanted[i:i + 500])))
            if actual.get(cid, 0) != n)
    return out


def _attach_sampled(conn: Connection, sizes: dict[str, int], new_keys: set[Key],
                    held: set[str]) -> list[str]:
    cm = corpus_members
    holder: dict[Key, str] = {}
    for cid in sorted(sizes):
        for aid, eid in conn.execute(
                select(cm.c.article_id, cm.c.entity_id).where(cm.c.corpus_entity_id == cid)
                .order_by(cm.c.article_id, cm.c.entity_id).limit(SAMPLE)):
            holder[(aid, eid)] = cid
    loaded = new_keys | set(holder)
    members = _load_members(conn, {aid for aid, _ in loaded}, loaded)
    found = cluster_members(members, _load_kb(conn), _load_constraints(conn))
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
    reassign_ids(fresh, set(conn.execute(select(corpus_entities.c.id)).scalars()))
    _write_rows(conn, fresh)
    rows = [{"article_id": m.article_id, "entity_id": m.entity_id, "corpus_entity_id": cid}
            for cid, ms in sorted(joins.items()) for m in ms]
    for i in range(0, len(rows), 500):
        conn.execute(insert(cm), rows[i:i + 500])
    _add_titles(conn, joins)
    # those that gained members, and those that held the new article entities before
    restated = _restate(conn, sorted(set(joins) | held | _stale(conn, sizes)))
    return sorted({e.id for e in fresh} | set(restated))


def _add_titles(conn: Connection, joins: dict[str, list[MemberEntity]]) -> None:
    ce = corpus_entities
    for cid, ms in joins.items():
        old = conn.execute(select(ce.c.titles).where(ce.c.id == cid)).scalar()
        titles: list[str] = json.loads(old or "[]")
        titles += [t for t, _ in Counter(t for m in ms for t in m.titles).most_common()
                   if t not in titles]
        conn.execute(update(ce).where(ce.c.id == cid)
                     .values(titles=json.dumps(titles[:10], ensure_ascii=False)))


def _restate(conn: Connection, ids: Sequence[str]) -> list[str]:
    """Recompute aliases, counts, canonical name and keys of the corpus entities ``ids``
    from all their members; one left without members goes. Returns the ids still there."""
    cm, ce = corpus_members, corpus_entities
    same_entity = (aliases.c.article_id == cm.c.article_id) & (aliases.c.entity_id ==
                                                                cm.c.entity_id)
    kept: list[str] = []
    pinned = set(_load_constraints(conn).together)
    for cid in ids:
        row = conn.execute(select(ce.c.name, ce.c.type).where(ce.c.id == cid)).first()
        if row is None:
            continue
        name, etype = row
        counts: Counter[str] = Counter({
            alias: int(n or 0) for alias, n in conn.execute(
                select(aliases.c.alias, func.sum(aliases.c.count)).join(cm, same_entity)
                .where(cm.c.corpus_entity_id == cid).group_by(aliases.c.alias))})
        n_articles = int(conn.execute(
            select(func.count(func.distinct(cm.c.article_id)))
            .where(cm.c.corpus_entity_id == cid)).scalar() or 0)
        if not n_articles:
            conn.execute(delete(ce).where(ce.c.id == cid))
            continue
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
        best = canonical_name(counts, etype, parse_name(name, etype).suffix) if counts else name
        linked = conn.execute(select(links.c.kb_id).where(links.c.corpus_entity_id == cid)
                              ).first() is not None
        if name in pinned or linked:  # an analyst's merge or the knowledge base named it
            best = name
        conn.execute(update(ce).where(ce.c.id == cid).values(
            name=best, mentions=n_mentions, articles=n_articles, statements=n_said))
        conn.execute(delete(corpus_aliases).where(corpus_aliases.c.corpus_entity_id == cid))
        conn.execute(insert(corpus_aliases), [
            {"corpus_entity_id": cid, "alias": a, "count": n} for a, n in sorted(counts.items())]
            or [{"corpus_entity_id": cid, "alias": best, "count": 0}])
        keys = set().union(*(_filed_keys(a, etype) for a in counts or {best: 0}))
        conn.execute(delete(corpus_keys).where(corpus_keys.c.corpus_entity_id == cid))
        if keys:
            conn.execute(insert(corpus_keys), [{"key": k, "corpus_entity_id": cid}
                                               for k in sorted(keys)])
        kept.append(cid)
    return kept

