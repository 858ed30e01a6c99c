"""A split moves the same rows as the one-article-at-a-time code it replaced.

``_old_apply_split`` below is a frozen copy of ``store.corrections._apply_split`` before it
became set-based (it ran 61,665 statements for "Sanders" off "Bernie Sanders" on the 20k
bench store). The test applies the same splits to two copies of one small store, old code on
one, :func:`whosaid.store.corrections.split_alias` on the other, and compares every row of
the tables a split touches.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, Connection, create_engine, func, insert, select, text, update

from whosaid.model import content_id
from whosaid.store import open_store
from whosaid.store.corrections import split_alias
from whosaid.store.schema import aliases, entities, mentions, relays, statements
from whosaid.store.write import sync_position_holders

Row = dict[str, Any]

TEXTS = (
    "German Chancellor Olaf Scholz said on Monday that Berlin would keep supplying arms. "
    "Scholz added that talks with Moscow were possible.",
    "Olaf Scholz told reporters in Berlin that he had spoken with Vladimir Putin. "
    "\"We will not give in,\" Scholz said. Putin said the talks had failed.",
    "Chancellor Olaf Scholz said the talks in Paris had failed.",
)
TABLES = ("entities", "aliases", "mentions", "statements", "relays", "positions",
          "statements_fts")


# --- frozen copy of the old code (do not edit) ------------------------------------------


def _old_update_statements(conn: Connection, where: Sequence[ColumnElement[bool]],
                           values: Row) -> int:
    s = statements
    found = [(int(seq), str(aid), str(sid)) for seq, aid, sid in
             conn.execute(select(s.c.seq, s.c.article_id, s.c.id).where(*where))]
    if not found:
        return 0
    conn.execute(update(s).where(*where).values(**values))
    if "speaker_name" in values:
        marks = ",".join(str(seq) for seq, _, _ in found)
        conn.execute(text(
            "UPDATE statements_fts SET speaker_name = (SELECT COALESCE(s.speaker_name, "
            "s.speaker_text) FROM statements s WHERE s.seq = statements_fts.rowid) "
            f"WHERE rowid IN ({marks})"))
    if "speaker_name" in values or "speaker_entity_id" in values:
        sync_position_holders(conn, [(aid, sid) for _, aid, sid in found])
    return len(found)


def _old_rename_entity_row(conn: Connection, aid: str, eid: str, name: str) -> None:
    s = statements
    conn.execute(update(entities).where(entities.c.article_id == aid, entities.c.id == eid)
                 .values(name=name))
    _old_update_statements(conn, [s.c.article_id == aid, s.c.speaker_entity_id == eid],
                           {"speaker_name": name})
    _old_update_statements(conn, [s.c.article_id == aid, s.c.addressee_entity_id == eid],
                           {"addressee_name": name})
    conn.execute(update(relays).where(relays.c.article_id == aid, relays.c.entity_id == eid)
                 .values(entity_name=name))


def _old_apply_split(conn: Connection, name: str, alias: str, new_name: str) -> None:
    e, al, s = entities, aliases, statements
    rows = list(conn.execute(
        select(e.c.article_id, e.c.id, e.c.type)
        .join(al, (al.c.article_id == e.c.article_id) & (al.c.entity_id == e.c.id))
        .where(e.c.name == name, al.c.alias == alias)).mappings())
    for r in rows:
        aid, eid = r["article_id"], r["id"]
        others = conn.execute(select(func.count()).select_from(al).where(
            al.c.article_id == aid, al.c.entity_id == eid, al.c.alias != alias)).scalar()
        if not others:
            _old_rename_entity_row(conn, aid, eid, new_name)
            continue
        new_id = "split-" + content_id(eid, alias, new_name, size=12)
        last = conn.execute(select(func.max(e.c.position)).where(e.c.article_id == aid)).scalar()
        conn.execute(insert(e).values(article_id=aid, id=new_id, name=new_name, type=r["type"],
                                      position=int(last) + 1 if last is not None else 0,
                                      titles="[]"))
        conn.execute(update(al).where(al.c.article_id == aid, al.c.entity_id == eid,
                                      al.c.alias == alias).values(entity_id=new_id, position=0))
        conn.execute(update(mentions).where(mentions.c.article_id == aid,
                                            mentions.c.entity_id == eid,
                                            mentions.c.text == alias).values(entity_id=new_id))
        _old_update_statements(
            conn, [s.c.article_id == aid, s.c.speaker_entity_id == eid, s.c.speaker_text == alias],
            {"speaker_entity_id": new_id, "speaker_name": new_name})
        _old_update_statements(
            conn, [s.c.article_id == aid, s.c.addressee_entity_id == eid,
                   s.c.addressee_text == alias],
            {"addressee_entity_id": new_id, "addressee_name": new_name})
        conn.execute(update(relays).where(relays.c.article_id == aid, relays.c.entity_id == eid,
                                          relays.c.text == alias)
                     .values(entity_id=new_id, entity_name=new_name))


# --- the test ---------------------------------------------------------------------------


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        out = {t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}"))), key=repr)
               for t in TABLES}
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, analyze_text: Any) -> Path:
    path = tmp_path_factory.mktemp("split") / "base.db"
    with open_store(str(path)) as store:
        for body in TEXTS:
            store.save(analyze_text(body, "2022-12-05"))
    return path


@pytest.mark.parametrize(("entity", "alias", "new_name"), [
    ("Olaf Scholz", "Scholz", "Scholz"),  # a second alias: new entity rows
    ("Olaf Scholz", "Olaf Scholz", "Olaf Scholz Two"),  # the only alias somewhere: renames
    ("Vladimir Putin", "Putin", "Another Putin"),
])
def test_split_writes_the_same_rows_as_the_article_by_article_code(
    saved: Path, tmp_path: Path, entity: str, alias: str, new_name: str
) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    shutil.copy(saved, old)
    shutil.copy(saved, new)
    before = _dump(saved)
    with open_store(str(old)) as store, store.write("old split") as conn:
        _old_apply_split(conn, entity, alias, new_name)
    with open_store(str(new)) as store, store.write("new split") as conn:
        split_alias(conn, entity, alias, new_name, "tester")
    after_old, after_new = _dump(old), _dump(new)
    assert after_old != before  # the split did something
    for table in TABLES:
        assert after_new[table] == after_old[table], table
