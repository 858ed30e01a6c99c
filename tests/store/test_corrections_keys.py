"""A split rewrites its article entities through a temporary table of their keys: on SQLite
and PostgreSQL, one split after another on the same connection, and after a split that was
rolled back (which, on PostgreSQL, rolls the table's creation back too), moves the right
rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimstorekit import article
from whosaid.model import Analysis, Entity
from whosaid.store import Store
from whosaid.store.corrections import merge_entities, split_alias

WAGE = "we will raise the minimum wage to fifteen dollars an hour for every worker in America"


def _sanders() -> list[Analysis]:
    """a1: "Bernie Sanders"; a2: one entity written "Bernie Sanders" and "Sanders";
    a3: "Jane Sanders"."""
    a2 = article("a2", "2016-03-02", "nbc.com", [("Sanders", WAGE, (), "direct"),
                                                 ("Bernie Sanders", "Congress must act now "
                                                  "on the wage", (), "direct")])
    eid = "e-Bernie Sanders"
    merged = Entity(id=eid, name="Bernie Sanders", type="PERSON",
                    aliases=("Bernie Sanders", "Sanders"),
                    mentions=tuple(replace(m, entity_id=eid, entity="Bernie Sanders")
                                   for e in a2.entities for m in e.mentions))
    said = tuple(replace(s, speaker=replace(s.speaker, entity_id=eid, entity="Bernie Sanders"))
                 if s.speaker is not None else s for s in a2.statements)
    return [article("a1", "2016-03-01", "cnn.com", [("Bernie Sanders", WAGE, (), "direct")]),
            replace(a2, entities=(merged,), statements=said),
            article("a3", "2016-03-03", "fox.com", [("Jane Sanders", "it was a long campaign "
                                                     "for all of us", (), "direct")])]


def _speakers(store: Store) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, speaker text) -> (speaker name, speaker entity id) of every statement."""
    out = {}
    for aid in ("a1", "a2", "a3"):
        for s in store.article(aid)["statements"]:
            out[(aid, s["speaker"]["text"])] = (s["speaker"]["entity"],
                                                s["speaker"]["entity_id"])
    return out


class Undo(Exception):
    pass


def test_splits_one_after_another_and_after_a_rollback(store: Store) -> None:
    for a in _sanders():
        store.save(a)
    before = _speakers(store)
    with pytest.raises(Undo), store.write("a split given up") as conn:
        split_alias(conn, "Bernie Sanders", "Sanders", "Sanders", "tester")
        raise Undo
    assert _speakers(store) == before

    with store.write("split") as conn:  # the alias beside another: a new entity in a2
        split_alias(conn, "Bernie Sanders", "Sanders", "Sanders", "tester")
    after = _speakers(store)
    assert after[("a2", "Sanders")][0] == "Sanders"
    assert after[("a2", "Sanders")][1].startswith("split-")
    assert after[("a2", "Bernie Sanders")] == before[("a2", "Bernie Sanders")]
    assert after[("a1", "Bernie Sanders")] == before[("a1", "Bernie Sanders")]

    with store.write("merge") as conn:
        merge_entities(conn, "Jane Sanders", "Bernie Sanders", "tester")
    with store.write("split again") as conn:  # the only alias in a3: renamed there
        split_alias(conn, "Bernie Sanders", "Jane Sanders", "Jane Sanders", "tester")
    again = _speakers(store)
    assert again[("a3", "Jane Sanders")] == before[("a3", "Jane Sanders")]
    assert again[("a1", "Bernie Sanders")] == before[("a1", "Bernie Sanders")]
    assert again[("a2", "Sanders")] == after[("a2", "Sanders")]
