"""Positions and events over real HTTP: ``/api/issues`` (the catalogue with counts),
``/api/issues/{id}`` (every actor's positions over time, with shifts), ``/api/positions``
(an entity's timelines), ``/api/events`` and ``/api/events/{id}``, their errors, and the
schema ``/docs`` shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from serverkit import live_server


@pytest.fixture(scope="module")
def client(positions_db: str) -> Iterator[httpx.Client]:
    with live_server(positions_db, token=None) as url, \
            httpx.Client(base_url=url, timeout=30) as c:
        yield c


def _holder(detail: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(h for h in detail["holders"] if h["name"] == name)
    return found


def test_issues_lists_the_catalogue_with_position_counts(client: httpx.Client) -> None:
    items = client.get("/api/issues").json()["items"]
    counts = {i["id"]: i["positions"] for i in items}
    assert counts["ceasefire"] >= 4 and counts["peace_talks"] >= 5
    ceasefire = client.get("/api/issues/ceasefire").json()
    assert sum(len(h["positions"]) for h in ceasefire["holders"]) == counts["ceasefire"]
    assert ceasefire["issue"]["label"] == "Ceasefire" and "truce" in \
        ceasefire["issue"]["keywords"]


def test_issue_gives_each_actor_over_time_reported_ones_apart(client: httpx.Client) -> None:
    detail = client.get("/api/issues/ceasefire").json()
    scholz = _holder(detail, "Olaf Scholz")
    assert [(p["date"], p["stance"]) for p in scholz["positions"]] == [
        ("2022-11-18", "conditional"), ("2022-12-08", "supports")]
    assert scholz["positions"][0]["condition"]["text"] == "if Russia withdraws its troops"
    assert [(s["from"], s["to"]) for s in scholz["shifts"]] == [("conditional", "supports")]
    assert scholz["positions"][1]["shift"] == "conditional → supports"
    putin = _holder(detail, "Vladimir Putin")
    # ISW's reading of Putin, never Putin's own words
    assert {p["reported_by"]["entity"] for p in putin["positions"]} == {
        "Institute for the Study of War"}
    assert {p["stance"] for p in putin["positions"]} == {"opposes"}
    # the evidence is the article's own words, at its offsets
    seed = putin["positions"][0]
    text = client.get(f"/api/articles/{seed['article']['id']}").json()["text"]
    ev = seed["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] == "little interest in ceasefire"
    since = client.get("/api/issues/ceasefire", params={"since": "2022-12"}).json()
    assert [p["date"] for p in _holder(since, "Olaf Scholz")["positions"]] == ["2022-12-08"]


def test_positions_give_an_entitys_timelines_with_shifts(client: httpx.Client) -> None:
    body = client.get("/api/positions", params={"entity": "Scholz",
                                                "issue": "peace_talks"}).json()
    (talks,) = body["items"]
    assert talks["name"] == "Olaf Scholz" and talks["issue"] == "peace_talks"
    assert [(p["date"], p["stance"], p["shift"]) for p in talks["positions"]] == [
        ("2022-11-18", "supports", None), ("2022-12-08", "opposes", "supports → opposes")]
    (shift,) = talks["shifts"]
    assert (shift["from"], shift["to"]) == ("supports", "opposes")
    assert shift["before"]["evidence"]["text"] == "supports peace talks"
    assert shift["after"]["article"]["doc_id"] == "scholz-talks-2"
    later = client.get("/api/positions", params={"entity": "Scholz", "issue": "peace_talks",
                                                 "since": "2022-12-01"}).json()["items"]
    assert [p["stance"] for p in later[0]["positions"]] == ["opposes"] and not later[0]["shifts"]
    putin = client.get("/api/positions", params={"entity": "Vladimir Putin",
                                                 "issue": "peace_talks"}).json()["items"]
    own = [p for t in putin for p in t["positions"] if p["reported_by"] is None]
    reported = [p for t in putin for p in t["positions"] if p["reported_by"]]
    assert [p["evidence"]["text"] for p in own] == ["ready for peace talks",
                                                    "refusal to negotiate"]
    assert {p["reported_by"]["entity"] for p in reported} == {
        "Institute for the Study of War", "White House"}


def test_events_of_an_entity_and_one_event_with_its_statements(client: httpx.Client) -> None:
    events = client.get("/api/events", params={"entity": "Scholz"}).json()["items"]
    call = next(e for e in events if e["type"] == "call")
    assert call["date"] == "2022-12-02" and call["evidence"]["text"] == "telephone conversation"
    assert {p["name"] for p in call["participants"]} == {"Vladimir Putin", "Olaf Scholz"}
    assert [e["date"] or "~" for e in events] == sorted(e["date"] or "~" for e in events)
    detail = client.get(f"/api/events/{call['id'][:8]}").json()
    assert detail["id"] == call["id"]
    assert [s["id"] for s in detail["statements"]] == call["statement_ids"]
    assert {s["article"]["id"] for s in detail["statements"]} == {call["article"]["id"]}
    assert any("Arms supply" in s["content"]["text"] for s in detail["statements"])
    everything = client.get("/api/events", params={"limit": 2}).json()["items"]
    assert len(everything) == 2


def test_unknown_ids_are_404_and_bad_dates_are_refused(client: httpx.Client) -> None:
    for path, params, words in (
            ("/api/issues/no-such-issue", {}, "no-such-issue"),
            ("/api/events/ffffffffffff", {}, "ffffffffffff"),
            ("/api/positions", {"entity": "Nobody Atall"}, "Nobody Atall"),
            ("/api/positions", {"entity": "Scholz", "issue": "no-such-issue"}, "no-such-issue"),
            ("/api/events", {"entity": "Nobody Atall"}, "Nobody Atall")):
        r = client.get(path, params=params)
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"]["code"] == "not_found" and words in r.json()["error"]["message"]
    for params in ({"since": "2022-1"}, {"until": "12/2022"}):
        r = client.get("/api/positions", params={"entity": "Scholz"} | params)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
        assert client.get("/api/issues/ceasefire", params=params).status_code == 422
    # a month that does not exist is refused as /api/statements refuses it
    expected = client.get("/api/statements", params={"since": "2022-13"}).status_code
    assert expected >= 400
    assert client.get("/api/positions", params={"entity": "Scholz",
                                                "since": "2022-13"}).status_code == expected
    assert client.get("/api/positions").status_code == 422  # entity is required


def test_openapi_describes_the_position_answers(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    refs = {path: op["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            for path, op in schema["paths"].items()
            if path.startswith(("/api/issues", "/api/positions", "/api/events"))}
    assert {p: r.rsplit("/", 1)[1] for p, r in refs.items()} == {
        "/api/issues": "IssueList", "/api/issues/{issue_id}": "IssueDetail",
        "/api/positions": "PositionTimelines", "/api/events": "EventList",
        "/api/events/{event_id}": "EventDetail"}
    shift = schema["components"]["schemas"]["ShiftOut"]["properties"]
    assert set(shift) == {"from", "to", "before", "after"}
