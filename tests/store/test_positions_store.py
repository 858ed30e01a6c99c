"""Positions, events and the issue catalogue in the store (SQLite and PostgreSQL): saved with
their article and replaced when it is saved again, read back as records and in the surfaces'
shapes (an entity's positions in time order, grouped by corpus entity once there is a corpus;
an entity's events; one event with its statements), and the catalogue replaced or extended."""

from __future__ import annotations

import dataclasses

import pytest

from storekit import make_analysis
from whosaid.errors import NotFoundError
from whosaid.io.export import position_json
from whosaid.model import Analysis, Event, Issue, Mention, Position, Span
from whosaid.positions.timeline import timelines
from whosaid.store import Store
from whosaid.store import positions as stored
from whosaid.usecases import keep_corpus_current


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _with(analysis: Analysis, stances: dict[str, str], call: bool = True) -> Analysis:
    """``analysis`` with a ceasefire position per statement id in ``stances`` and, with
    ``call``, a phone call of its first two speakers at which s0 was said."""
    text = analysis.article.text
    held = []
    for st in analysis.statements:
        if st.id in stances:
            held.append(Position(st.id, "ceasefire", stances[st.id],  # type: ignore[arg-type]
                                 st.speaker, _span(text, st.content.text), 0.7,
                                 condition=_span(text, "Friday") if stances[st.id]
                                 == "conditional" else None))
    events: tuple[Event, ...] = ()
    if call:
        who = tuple(dict.fromkeys(st.speaker.entity_id for st in analysis.statements
                                  if st.speaker and st.speaker.entity_id))[:2]
        evidence = _span(text, "said")
        events = (Event(f"ev-{analysis.article.id}", analysis.article.id, "call", evidence,
                        who, "2022-12-02", "Moscow", ("s0",)),)
    return dataclasses.replace(analysis, positions=tuple(held), events=events)


def test_positions_and_events_round_trip_and_are_replaced_on_save(store: Store) -> None:
    first = _with(make_analysis("art1"), {"s0": "supports", "s2": "conditional"})
    store.save(first)
    again = store.analysis("art1")
    assert again.positions == first.positions and again.events == first.events
    shown = {st["id"]: st["positions"] for st in store.article("art1")["statements"]}
    assert shown["s0"] == [position_json(first.positions[0])] and shown["s1"] == []
    assert shown["s2"][0]["condition"]["text"] == "Friday"
    assert [p["issue"] for p in store.statements(speaker="Putin")[0]["positions"]] == \
        ["ceasefire"]
    store.save(_with(make_analysis("art1"), {"s1": "opposes"}))  # analysed again
    assert stored.event_counts(store)["positions"] == 1
    assert stored.event_counts(store)["events"] == 1
    assert [p.statement_id for p in store.analysis("art1").positions] == ["s1"]
    store.delete("art1")
    assert stored.event_counts(store)["positions"] == stored.event_counts(store)["events"] == 0


def test_an_entitys_positions_come_in_time_order_grouped_by_corpus_entity(store: Store) -> None:
    store.save(_with(make_analysis("art1"), {"s0": "supports", "s1": "opposes"}))
    later = make_analysis("art2", (("Vladimir Putin", "Putin", "no truce is possible",
                                    "2022-12-10"),), published="2022-12-11")
    store.save(_with(later, {"s0": "opposes"}, call=False))
    rows = store.positions("putin")
    assert [(r["article"]["id"], r["date"], r["stance"]) for r in rows] == [
        ("art1", "2022-12-02", "supports"), ("art2", "2022-12-10", "opposes")]
    assert rows[0]["holder"]["key"] == rows[0]["holder"]["name"] == "Vladimir Putin"
    assert rows[0]["evidence"]["text"] == "the ceasefire would hold through the holidays"
    assert [r["article"]["id"] for r in store.positions("Putin", since="2022-12-05")] == ["art2"]
    assert store.positions("Putin", issue="sanctions") == []
    (line,) = timelines(rows)
    assert [(s["from"], s["to"]) for s in line["shifts"]] == [("supports", "opposes")]
    assert line["shifts"][0]["after"]["evidence"]["text"] == "no truce is possible"
    with pytest.raises(NotFoundError):
        store.positions("Nobody At All")

    keep_corpus_current(store, ["art1", "art2"])
    grouped = store.positions("Putin")
    keys = {r["holder"]["key"] for r in grouped}
    assert len(keys) == 1 and keys != {"Vladimir Putin"}  # one corpus entity's id
    assert store.positions(keys.pop()) == grouped  # asked by corpus entity id
    store.set_issues((Issue("ceasefire", "Ceasefire", ("truce",)),), replace=True)
    by_holder = stored.issue_positions(store, "ceasefire")["holders"]
    assert [len(h["positions"]) for h in by_holder] == [2, 1]  # Putin, then Peskov


def test_an_entitys_events_and_one_event_with_its_statements(store: Store) -> None:
    store.save(_with(make_analysis("art1"), {}))
    store.save(_with(make_analysis("art2", published="2022-11-01"), {}))
    (event,) = [e for e in store.events("Peskov") if e["article"]["id"] == "art1"]
    assert event["type"] == "call" and event["date"] == "2022-12-02"
    assert [p["name"] for p in event["participants"]] == ["Vladimir Putin", "Dmitry Peskov"]
    assert [e["article"]["id"] for e in store.events()] == ["art1", "art2"]  # same day: by id
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.event("ev-art")  # a prefix of two ids
    one = store.event("ev-art1")
    assert [s["id"] for s in one["statements"]] == ["s0"]
    assert one["statements"][0]["speaker"]["entity"] == "Vladimir Putin"
    with pytest.raises(NotFoundError):
        store.event("no-such-event")


def test_the_catalogue_is_replaced_or_extended(store: Store) -> None:
    assert store.issues() == ()
    a, b = Issue("ceasefire", "Ceasefire", ("truce",)), Issue("sanctions", "Sanctions", ("ban",))
    assert store.set_issues((a, b), replace=True) == (a, b)
    a2 = dataclasses.replace(a, keywords=("truce", "armistice"), description="stop firing")
    c = Issue("nato", "NATO", ("nato",))
    assert store.set_issues((c, a2), replace=False) == (a2, b, c)  # in place, new ones last
    assert store.issues() == (a2, b, c)
    assert store.set_issues((c,), replace=True) == (c,)


def test_a_holder_may_be_someone_the_speaker_reports(store: Store) -> None:
    base = make_analysis("art1")
    st = base.statements[1]
    text = base.article.text
    assert st.speaker is not None
    holder = Mention(st.speaker.start, st.speaker.end, st.speaker.text,
                     "e0", "Vladimir Putin", "president")
    p = Position(st.id, "peace_talks", "opposes", holder, _span(text, "not planned"), 0.6,
                 reported_by=st.speaker)
    store.save(dataclasses.replace(base, positions=(p,)))
    assert store.analysis("art1").positions == (p,)
    (row,) = store.positions("Putin")
    assert row["reported_by"]["entity"] == "Dmitry Peskov" and row["date"] == "2022-12-01"


def test_a_corrected_speaker_holds_the_statements_positions(store: Store) -> None:
    from whosaid.usecases import fix_speaker

    store.save(_with(make_analysis("art1"), {"s1": "opposes"}))
    fix_speaker(store, "art1", "s1", "Sergei Lavrov", "analyst")
    (row,) = store.positions("Lavrov")
    assert row["holder"]["entity"] == "Sergei Lavrov" and row["statement_id"] == "s1"
    assert store.positions("Peskov") == []  # he still names an entity, but holds nothing
