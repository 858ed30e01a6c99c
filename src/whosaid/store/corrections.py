"""Analysts' corrections and the audit trail (tables of migration 4).

Three corrections exist, each kept in the ``corrections`` table and applied at once:

- ``merge``: entity ``source`` becomes entity ``target`` in every article (its rows are
  renamed, its aliases become the target's, statements said, received and relayed move).
- ``split``: mentions written ``alias`` of entity ``entity`` become a separate entity
  ``new_name`` (in every article where that entity has that alias).
- ``speaker``: the statement of one article whose content is the span ``[content_start,
  content_end)`` gets ``speaker`` as its speaker entity.

Each correction function runs in the caller's write transaction and returns a
:class:`Correction`: the record after, and the names and article entities whose corpus
entities the corpus pass must weigh again. The use case (:mod:`whosaid.usecases.corrections`)
re-runs the pass over those in the same transaction, and the corpus pass always reads the
corrections back as constraints (:mod:`whosaid.corpus.constraints`): a merge joins, a split
keeps apart, a fixed speaker's statement moves to its new speaker's corpus entity.

A new analysis of an article replaces its rows, so :func:`apply_corrections` replays every
correction that concerns it, oldest first, in the same transaction as the save; that is how
corrections survive re-analysis. Every write made through the server also gets an ``audit``
row: who, when, what, and the record before and after.

Functions taking a :class:`~whosaid.store.Store` open their own transaction; those taking a
``Connection`` run inside the caller's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    column,
    delete,
    func,
    insert,
    or_,
    select,
    table,
    text,
    tuple_,
    update,
)

from ..errors import ConfigError, NotFoundError
from ..model import content_id
from .chunks import chunks
from .schema import (
    SQLITE_FTS_TABLE,
    aliases,
    articles,
    audit,
    corrections,
    entities,
    mentions,
    relays,
    statements,
)
from .write import sync_position_holders

if TYPE_CHECKING:
    from .engine import Transactions

Row = dict[str, Any]

MAX_NAME = 200  # longest entity name or alias a correction accepts


@dataclass(frozen=True)
class Correction:
    """What a correction did: the record after it, and what the corpus pass must weigh
    again (entities so named, and article entities ``(article_id, entity_id)``)."""

    after: Row
    names: tuple[str, ...]
    keys: tuple[tuple[str, str], ...] = ()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _name(value: str, what: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise ConfigError(f"{what} must not be empty")
    if len(cleaned) > MAX_NAME:
        raise ConfigError(f"{what} is longer than {MAX_NAME} characters")
    return cleaned


# ---------------------------------------------------------------------------------------
# Audit


def record_audit(
    conn: Connection, actor: str, action: str, target: str, before: object, after: object
) -> int:
    """Add an audit row; returns its sequence number."""
    result = conn.execute(
        insert(audit).values(
            at=_now(),
            actor=actor,
            action=action,
            target=target,
            before=_dumps(before),
            after=_dumps(after),
        )
    )
    key = result.inserted_primary_key
    return int(key[0]) if key else 0


def audit_rows(store: Transactions, limit: int = 50, before_seq: int | None = None) -> list[Row]:
    """Audit rows, newest first; ``before_seq`` pages on (rows older than it)."""
    query = select(audit).order_by(audit.c.seq.desc()).limit(limit)
    if before_seq is not None:
        query = query.where(audit.c.seq < before_seq)
    with store.read("read the audit trail") as conn:
        return [
            {
                "seq": r["seq"],
                "at": r["at"],
                "actor": r["actor"],
                "action": r["action"],
                "target": r["target"],
                "before": json.loads(r["before"]),
                "after": json.loads(r["after"]),
            }
            for r in conn.execute(query).mappings()
        ]


def article_brief(conn: Connection, article_id: str) -> Row | None:
    """What the audit keeps of an article: enough to tell two versions apart."""
    row = (
        conn.execute(
            select(
                articles.c.id,
                articles.c.doc_id,
                articles.c.title,
                articles.c.published,
                articles.c.text_hash,
                articles.c.extractor,
                articles.c.statement_count,
            ).where(articles.c.id == article_id)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def record_analysis(store: Transactions, actor: str, article_id: str, before: Row | None) -> int:
    """Audit an analysed-and-saved article (``before``: its brief before the save)."""
    with store.write(f"audit article {article_id}") as conn:
        after = article_brief(conn, article_id)
        return record_audit(conn, actor, "analyze", article_id, before, after)


def brief_before_save(store: Transactions, article_id: str) -> Row | None:
    with store.read(f"read article {article_id}") as conn:
        return article_brief(conn, article_id)


# ---------------------------------------------------------------------------------------
# Entity summaries for the audit and for checks


def entity_brief(conn: Connection, name: str) -> Row | None:
    """An entity (all rows with this canonical name): types, aliases, statement count."""
    e = entities
    types = [
        t
        for t, _ in conn.execute(
            select(e.c.type, func.count())
            .where(e.c.name == name)
            .group_by(e.c.type)
            .order_by(func.count().desc(), e.c.type)
        )
    ]
    said = conn.execute(
        select(func.count()).select_from(statements).where(statements.c.speaker_name == name)
    ).scalar()
    if not types and not said:
        return None
    alias_list = sorted(
        set(
            conn.execute(
                select(aliases.c.alias)
                .join(
                    e,
                    (aliases.c.article_id == e.c.article_id) & (aliases.c.entity_id == e.c.id),
                )
                .where(e.c.name == name)
            ).scalars()
        )
    )
    return {"name": name, "types": types, "aliases": alias_list, "statements": int(said or 0)}


def _main_type(conn: Connection, name: str) -> str | None:
    brief = entity_brief(conn, name)
    return brief["types"][0] if brief and brief["types"] else None


# ---------------------------------------------------------------------------------------
# Applying corrections


def _scope(table: Table, article_id: str | None) -> list[ColumnElement[bool]]:
    return [] if article_id is None else [table.c.article_id == article_id]


def _refresh_fts(conn: Connection, seqs: Sequence[int]) -> None:
    """Keep SQLite's full-text index in step with renamed speakers."""
    if conn.dialect.name != "sqlite" or not seqs:
        return
    fts = SQLITE_FTS_TABLE
    for chunk in chunks(seqs):
        marks = ",".join(str(int(s)) for s in chunk)
        conn.execute(
            text(
                f"UPDATE {fts} SET speaker_name = (SELECT COALESCE(s.speaker_name, "
                f"s.speaker_text) FROM statements s WHERE s.seq = {fts}.rowid) "
                f"WHERE rowid IN ({marks})"
            )
        )


def _update_statements(
    conn: Connection, where: Sequence[ColumnElement[bool]], values: Row
) -> int:
    s = statements
    found = [(int(seq), str(aid), str(sid)) for seq, aid, sid in
             conn.execute(select(s.c.seq, s.c.article_id, s.c.id).where(*where))]
    if not found:
        return 0
    seqs = [seq for seq, _, _ in found]
    conn.execute(update(s).where(*where).values(**values))
    if "speaker_name" in values:
        _refresh_fts(conn, seqs)
    if "speaker_name" in values or "speaker_entity_id" in values:  # positions follow
        sync_position_holders(conn, [(aid, sid) for _, aid, sid in found])
    return len(seqs)


def _apply_merge(conn: Connection, data: Row, article_id: str | None) -> int:
    source, target, etype = data["source"], data["target"], data.get("type")
    e = entities
    values: Row = {"name": target} | ({"type": etype} if etype else {})
    changed = conn.execute(
        update(e).where(e.c.name == source, *_scope(e, article_id)).values(**values)
    ).rowcount or 0
    s = statements
    changed += _update_statements(
        conn, [s.c.speaker_name == source, *_scope(s, article_id)], {"speaker_name": target}
    )
    changed += _update_statements(
        conn, [s.c.addressee_name == source, *_scope(s, article_id)], {"addressee_name": target}
    )
    changed += conn.execute(
        update(relays)
        .where(relays.c.entity_name == source, *_scope(relays, article_id))
        .values(entity_name=target)
    ).rowcount or 0
    return changed


def _next_position(conn: Connection, article_id: str) -> int:
    found = conn.execute(
        select(func.max(entities.c.position)).where(entities.c.article_id == article_id)
    ).scalar()
    return int(found) + 1 if found is not None else 0


def _add_entity_row(conn: Connection, article_id: str, entity_id: str, name: str,
                    etype: str) -> None:
    """A new entity of one article, placed after its others."""
    conn.execute(
        insert(entities).values(
            article_id=article_id,
            id=entity_id,
            position=_next_position(conn, article_id),
            name=name,
            type=etype,
            titles="[]",
        )
    )


# The article entities one correction rewrites, in a temporary table that the updates join
# by index. Lists of 400 (article_id, entity_id) pairs made SQLite weigh each candidate row
# against the list: splitting "Sanders" off "Bernie Sanders" (9,000 article entities on the
# 20,000-article bench store) ran 46 such updates, 1.7 of its 1.9 CPU-s.
_KEYS = "correction_keys"
_keys = table(_KEYS, column("article_id"), column("entity_id"), column("new_id"))


def _fill_keys(conn: Connection, rows: Sequence[tuple[str, str, str | None]]) -> None:
    """Make ``(article_id, entity_id, new_id)`` the rows of the keys table."""
    conn.execute(text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_KEYS} (article_id TEXT NOT "
                      "NULL, entity_id TEXT NOT NULL, new_id TEXT, PRIMARY KEY (article_id, "
                      "entity_id))"))
    conn.execute(delete(_keys))
    conn.execute(insert(_keys), [{"article_id": a, "entity_id": e, "new_id": n}
                                 for a, e, n in rows])


def _listed(aid_col: Any, eid_col: Any) -> ColumnElement[bool]:
    """Rows of the article entities in the keys table."""
    return tuple_(aid_col, eid_col).in_(select(_keys.c.article_id, _keys.c.entity_id))


def _new_id(aid_col: Any, eid_col: Any) -> Any:
    """The new id the keys table gives the article entity of a row."""
    return (select(_keys.c.new_id)
            .where(_keys.c.article_id == aid_col, _keys.c.entity_id == eid_col)
            .scalar_subquery())


def _rename_entity_rows(conn: Connection, keys: Sequence[tuple[str, str]], name: str) -> int:
    """Rename the article entities ``keys`` (all of them at once) to ``name``."""
    s, e, r = statements, entities, relays
    _fill_keys(conn, [(a, i, None) for a, i in keys])
    n = conn.execute(update(e).where(_listed(e.c.article_id, e.c.id)).values(name=name)
                     ).rowcount or 0
    n += _update_statements(
        conn, [_listed(s.c.article_id, s.c.speaker_entity_id)], {"speaker_name": name})
    n += _update_statements(
        conn, [_listed(s.c.article_id, s.c.addressee_entity_id)], {"addressee_name": name})
    n += conn.execute(update(r).where(_listed(r.c.article_id, r.c.entity_id))
                      .values(entity_name=name)).rowcount or 0
    return n


def _split_entity_rows(conn: Connection, rows: Sequence[Row], alias: str, new_name: str) -> int:
    """Move the mentions written ``alias`` of the article entities ``rows`` (article_id,
    id, type, new_id) to their new entities, a few statements for all of them at once
    (the split of "Sanders" off "Bernie Sanders", 15,000 articles, ran 61,665 statements,
    one article at a time, in 244 s)."""
    s, al, e, m, r = statements, aliases, entities, mentions, relays
    _fill_keys(conn, [(x["article_id"], x["id"], x["new_id"]) for x in rows])
    last: dict[str, int] = {}
    for chunk in chunks(sorted({x["article_id"] for x in rows})):
        last.update((str(a), int(n)) for a, n in conn.execute(
            select(e.c.article_id, func.max(e.c.position))
            .where(e.c.article_id.in_(chunk)).group_by(e.c.article_id)))
    new_rows = []
    for x in rows:  # new entities come after the article's others, in the order found
        position = last[x["article_id"]] + 1 if last.get(x["article_id"]) is not None else 0
        last[x["article_id"]] = position
        new_rows.append({"article_id": x["article_id"], "id": x["new_id"], "position": position,
                         "name": new_name, "type": x["type"], "titles": "[]"})
    conn.execute(insert(e), new_rows)
    conn.execute(update(al).where(_listed(al.c.article_id, al.c.entity_id), al.c.alias == alias)
                 .values(entity_id=_new_id(al.c.article_id, al.c.entity_id), position=0))
    conn.execute(update(m).where(_listed(m.c.article_id, m.c.entity_id), m.c.text == alias)
                 .values(entity_id=_new_id(m.c.article_id, m.c.entity_id)))
    changed = _update_statements(
        conn, [_listed(s.c.article_id, s.c.speaker_entity_id), s.c.speaker_text == alias],
        {"speaker_entity_id": _new_id(s.c.article_id, s.c.speaker_entity_id),
         "speaker_name": new_name})
    changed += _update_statements(
        conn, [_listed(s.c.article_id, s.c.addressee_entity_id), s.c.addressee_text == alias],
        {"addressee_entity_id": _new_id(s.c.article_id, s.c.addressee_entity_id),
         "addressee_name": new_name})
    changed += conn.execute(
        update(r).where(_listed(r.c.article_id, r.c.entity_id), r.c.text == alias)
        .values(entity_id=_new_id(r.c.article_id, r.c.entity_id), entity_name=new_name)
    ).rowcount or 0
    return changed + len(rows)


def _apply_split(conn: Connection, data: Row, article_id: str | None) -> int:
    name, alias, new_name = data["entity"], data["alias"], data["new_name"]
    e, al = entities, aliases
    other = al.alias("other")
    others = (
        select(func.count())
        .select_from(other)
        .where(other.c.article_id == e.c.article_id, other.c.entity_id == e.c.id,
               other.c.alias != alias)
        .scalar_subquery()
    )
    rows = [
        dict(r)
        for r in conn.execute(
            select(e.c.article_id, e.c.id, e.c.type, others.label("others"))
            .join(al, (al.c.article_id == e.c.article_id) & (al.c.entity_id == e.c.id))
            .where(e.c.name == name, al.c.alias == alias, *_scope(e, article_id))
        ).mappings()
    ]
    # the alias is all the entity is in that article: rename it there
    renamed = [(r["article_id"], r["id"]) for r in rows if not r["others"]]
    split = [r | {"new_id": "split-" + content_id(r["id"], alias, new_name, size=12)}
             for r in rows if r["others"]]
    changed = _rename_entity_rows(conn, renamed, new_name) if renamed else 0
    if split:
        changed += _split_entity_rows(conn, split, alias, new_name)
    return changed


def _apply_speaker(conn: Connection, data: Row, article_id: str) -> int:
    s, e = statements, entities
    where = [
        s.c.article_id == article_id,
        s.c.content_start == data["content_start"],
        s.c.content_end == data["content_end"],
    ]
    if conn.execute(select(s.c.seq).where(*where)).first() is None:
        return 0  # re-analysis found no statement there any more
    speaker = data["speaker"]
    eid = conn.execute(
        select(e.c.id)
        .where(e.c.article_id == article_id, e.c.name == speaker)
        .order_by(e.c.position)
    ).scalar()
    if eid is None:
        eid = "fix-" + content_id(speaker, size=12)
        _add_entity_row(conn, article_id, eid, speaker, data.get("type") or "PERSON")
    return _update_statements(conn, where, {"speaker_entity_id": eid, "speaker_name": speaker})


def _apply(conn: Connection, kind: str, data: Row, article_id: str | None) -> int:
    if kind == "merge":
        return _apply_merge(conn, data, article_id)
    if kind == "split":
        return _apply_split(conn, data, article_id)
    if kind == "speaker" and article_id is not None:
        return _apply_speaker(conn, data, article_id)
    return 0


# ---------------------------------------------------------------------------------------
# The names index (entity_names)


def _add_names(conn: Connection, select_sql: str, params: Row) -> None:
    """Insert (alias, name) pairs given by a SELECT, skipping those already there."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT OR IGNORE INTO entity_names (alias, name) {select_sql}"),
                     params)
    else:
        conn.execute(text(f"INSERT INTO entity_names (alias, name) {select_sql} "
                          "ON CONFLICT DO NOTHING"), params)


def index_names(conn: Connection, article_id: str) -> None:
    """Add the article's (alias, canonical name) pairs to the names index."""
    _add_names(
        conn,
        "SELECT a.alias, e.name FROM aliases a JOIN entities e "
        "ON a.article_id = e.article_id AND a.entity_id = e.id WHERE a.article_id = :aid "
        "UNION SELECT name, name FROM entities WHERE article_id = :aid",
        {"aid": article_id},
    )


def _rename_names(conn: Connection, source: str, target: str) -> None:
    _add_names(conn, "SELECT alias, CAST(:target AS TEXT) FROM entity_names "
               "WHERE name = :source UNION SELECT CAST(:source AS TEXT), CAST(:target AS TEXT)",
               {"source": source, "target": target})
    conn.execute(text("DELETE FROM entity_names WHERE name = :source"), {"source": source})


def apply_corrections(conn: Connection, article_id: str) -> int:
    """Replay, oldest first, every correction that concerns this (freshly saved) article,
    then add its names to the names index.

    Call it inside the transaction that saved the article. Returns how many rows changed.
    """
    c = corrections
    rows = list(
        conn.execute(
            select(c.c.kind, c.c.data)
            .where(or_(c.c.article_id.is_(None), c.c.article_id == article_id))
            .order_by(c.c.seq)
        )
    )
    changed = sum(_apply(conn, kind, json.loads(data), article_id) for kind, data in rows)
    index_names(conn, article_id)
    return changed


def _record(
    conn: Connection, kind: str, data: Row, article_id: str | None, audit_seq: int
) -> None:
    conn.execute(
        insert(corrections).values(
            kind=kind,
            article_id=article_id,
            data=_dumps(data),
            audit_seq=audit_seq,
            created_at=_now(),
        )
    )


# ---------------------------------------------------------------------------------------
# The corrections analysts make


def merge_entities(conn: Connection, source: str, target: str, actor: str) -> Correction:
    """Merge entity ``source`` into ``target`` everywhere; ``after`` is the merged entity."""
    source, target = _name(source, "source entity"), _name(target, "target entity")
    if source == target:
        raise ConfigError("cannot merge an entity into itself")
    before_source = entity_brief(conn, source)
    before_target = entity_brief(conn, target)
    if before_source is None:
        raise NotFoundError(f"no entity {source!r}")
    if before_target is None:
        raise NotFoundError(f"no entity {target!r}")
    data = {"source": source, "target": target, "type": _main_type(conn, target)}
    _apply_merge(conn, data, None)
    _rename_names(conn, source, target)
    after = entity_brief(conn, target)
    seq = record_audit(
        conn,
        actor,
        "merge",
        f"{source} -> {target}",
        {"source": before_source, "target": before_target},
        {"target": after},
    )
    _record(conn, "merge", data, None, seq)
    return Correction(after or {}, (target,))


def split_alias(
    conn: Connection, entity: str, alias: str, new_name: str | None, actor: str
) -> Correction:
    """Make mentions written ``alias`` of ``entity`` a separate entity (``new_name``, by
    default the alias itself); ``after`` is the new entity."""
    entity, alias = _name(entity, "entity"), _name(alias, "alias")
    new_name = _name(new_name, "new entity name") if new_name else alias
    if new_name == entity:
        raise ConfigError("the split-off entity needs a name other than the entity's")
    before = entity_brief(conn, entity)
    if before is None:
        raise NotFoundError(f"no entity {entity!r}")
    if alias not in before["aliases"]:
        raise NotFoundError(f"entity {entity!r} has no alias {alias!r}")
    data = {"entity": entity, "alias": alias, "new_name": new_name}
    _apply_split(conn, data, None)
    conn.execute(text("DELETE FROM entity_names WHERE alias = :alias AND name = :name"),
                 {"alias": alias, "name": entity})
    _add_names(conn, "SELECT CAST(:alias AS TEXT), CAST(:new AS TEXT) "
               "UNION SELECT CAST(:new AS TEXT), CAST(:new AS TEXT)",
               {"alias": alias, "new": new_name})
    after = {"entity": entity_brief(conn, entity), "new": entity_brief(conn, new_name)}
    seq = record_audit(
        conn, actor, "split", f"{entity} / {alias} -> {new_name}", {"entity": before}, after
    )
    _record(conn, "split", data, None, seq)
    return Correction(after["new"] or {}, (entity, new_name))


def _statement_brief(conn: Connection, article_id: str, statement_id: str) -> Row | None:
    s = statements
    row = (
        conn.execute(
            select(
                s.c.id,
                s.c.content_start,
                s.c.content_end,
                s.c.content_text,
                s.c.speaker_text,
                s.c.speaker_name,
                s.c.speaker_entity_id,
            ).where(s.c.article_id == article_id, s.c.id == statement_id)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def fix_speaker(
    conn: Connection,
    article_id: str,
    statement_id: str,
    speaker: str,
    actor: str,
    entity_type: str | None = None,
) -> Correction:
    """Set the speaker entity of one statement; ``after`` is the statement's new speaker."""
    speaker = _name(speaker, "speaker")
    before = _statement_brief(conn, article_id, statement_id)
    if before is None:
        raise NotFoundError(f"no statement {statement_id!r} in article {article_id!r}")
    etype = entity_type or _main_type(conn, speaker) or "PERSON"
    data = {
        "statement_id": statement_id,
        "content_start": before["content_start"],
        "content_end": before["content_end"],
        "speaker": speaker,
        "type": etype,
    }
    _apply_speaker(conn, data, article_id)
    index_names(conn, article_id)
    after = _statement_brief(conn, article_id, statement_id)
    seq = record_audit(
        conn, actor, "speaker", f"{article_id}/{statement_id}", before, after
    )
    _record(conn, "speaker", data, article_id, seq)
    old = before["speaker_entity_id"]
    return Correction(after or {}, (speaker,), ((article_id, old),) if old else ())
