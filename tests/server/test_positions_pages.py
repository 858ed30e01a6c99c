"""The position and event pages over real HTTP: the entity page's timelines (one per issue,
shifts marked, reported positions apart from the holder's own words), the issues index, an
issue's actors over time, the events list and one event, the article page's positions and
events per statement; and in a real browser (Debian's Chromium, skipped when absent except
under ``CI=true``) the charts drawn, saving ``docs/screenshots/positions-timeline.png`` and
``docs/screenshots/issue.png``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from serverkit import live_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def base_url(positions_db: str) -> Iterator[str]:
    with live_server(positions_db, token=None) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30, headers={"Accept": "text/html"}) as c:
        yield c


def _json_block(page: str, block_id: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>',
                      page, re.S)
    assert found, block_id
    return json.loads(html.unescape(found.group(1)))


def test_entity_page_shows_a_timeline_per_issue_with_shifts(client: httpx.Client) -> None:
    page = client.get("/entities/Olaf Scholz")
    assert page.status_code == 200
    charts = {c["label"]: c for c in _json_block(page.text, "positions-data")}
    assert {"Peace talks", "Ceasefire"} <= set(charts)
    talks = charts["Peace talks"]
    assert [(p["date"], p["stance"]) for p in talks["points"]] == [
        ("2022-11-18", "supports"), ("2022-12-08", "opposes")]
    assert talks["shifts"] == [{"start": "2022-11-18", "date": "2022-12-08",
                                "holder": "Olaf Scholz", "label": "supports → opposes"}]
    assert talks["stances"] == ["supports", "neutral", "conditional", "opposes"]
    assert page.text.count('class="chart position-chart"') == len(charts)
    assert 'href="/issues/peace_talks"' in page.text and "/static/positions.js" in page.text


def test_reported_positions_stay_apart_from_own_words(client: httpx.Client) -> None:
    page = client.get("/entities/Vladimir Putin").text
    charts = {c["label"]: c for c in _json_block(page, "positions-data")}
    talks = charts["Peace talks"]
    own = [p["evidence"] for p in talks["points"] if not p["reported"]]
    assert own == ["ready for peace talks", "refusal to negotiate"]
    assert {p["voice"] for p in talks["points"] if p["reported"]} == {
        "as reported by Institute for the Study of War", "as reported by White House"}
    # one label where two reporters' rings share a place
    assert [r["label"] for r in talks["reported"]] == [
        "as reported by Institute for the Study of War, White House"]
    assert charts["Ceasefire"]["reported"] == [
        {"date": "2022-12-04", "stance": "opposes",
         "label": "as reported by Institute for the Study of War (2)"}]
    assert page.count('class="reported-by"') >= 4


def test_issue_pages_compare_actors_over_time(client: httpx.Client) -> None:
    index = client.get("/issues").text
    assert 'href="/issues/ceasefire"' in index and 'href="/issues"' in index  # nav link
    page = client.get("/issues/ceasefire")
    assert page.status_code == 200 and '<h1 class="issue-title">Ceasefire</h1>' in page.text
    chart = _json_block(page.text, "issue-chart-data")
    assert {"Olaf Scholz", "Vladimir Putin", "Kremlin"} <= set(chart["actors"])
    assert {(s["holder"], s["label"]) for s in chart["shifts"]} == {
        ("Olaf Scholz", "conditional → supports")}
    assert {"holder": "Kremlin", "date": "2022-12-09",
            "label": "as reported by Dmitry Peskov"} in chart["reported"]
    assert "shift: conditional → supports" in page.text
    assert "condition: if Russia withdraws its troops" in page.text
    assert client.get("/issues/no-such-issue").status_code == 404


def test_event_pages_show_who_when_where_and_what_was_said(client: httpx.Client) -> None:
    listing = client.get("/events").text
    call_id = re.search(r'href="/events/([0-9a-f]+)">call</a>', listing)
    assert call_id, "the 2 December call is listed"
    page = client.get(f"/events/{call_id.group(1)}").text
    facts = page[page.index('id="event-facts"'):page.index("What was said there")]
    assert "2022-12-02" in facts and "telephone conversation" in facts
    assert 'href="/entities/Vladimir%20Putin"' in facts and \
        'href="/entities/Olaf%20Scholz"' in facts
    assert page.count('<tr class="statement"') == 3 and "Arms supply to Ukraine" in page
    assert "No entity is named" in client.get("/events", params={"entity": "Nobody Atall"}).text


def test_article_page_lists_each_statements_positions_and_event(
        client: httpx.Client) -> None:
    listing = client.get("/api/articles", params={"limit": 10}).json()["items"]
    seed = next(a for a in listing if a["doc_id"] == "isw-putin-ceasefire")
    page = client.get(f"/articles/{seed['id']}").text
    call = next(e for e in client.get("/api/events").json()["items"] if e["type"] == "call")
    item = page[page.index(f'id="st-{call["statement_ids"][0]}"'):]
    item = item[:item.index("</li>")]
    assert f'href="/events/{call["id"]}">call, 2022-12-02</a>' in item
    assert 'href="/issues/' in item and "stance-opposes" in item
    assert "as reported by Institute for the Study of War" in page


# ---------------------------------------------------------------------------------------
# In a browser



def test_position_charts_render_in_a_browser(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base_url + "/entities/Vladimir%20Putin")
        charts = page.locator(".position-chart")
        assert charts.count() >= 2
        page.wait_for_selector(".position-chart[data-rendered=true] svg")
        page.wait_for_function("() => [...document.querySelectorAll('.position-chart')]"
                               ".every(e => e.dataset.rendered === 'true')")
        talks = page.locator(".position-timeline", has_text="Peace talks").locator(
            ".position-chart svg")
        points = talks.locator("g.mark-symbol.role-mark path")
        assert points.count() == 4  # two own points, two rings
        box = points.first.bounding_box()
        assert box is not None and box["width"] > 5 and box["height"] > 5
        assert talks.locator("g.mark-rule line, g.mark-rule path").count() >= 1  # the shift
        assert "as reported by Institute for the Study of War, White House" in \
            talks.locator("g.mark-text.role-mark").all_text_contents()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#positions").screenshot(
            path=str(SCREENSHOTS / "positions-timeline.png"))

        page.goto(base_url + "/issues/ceasefire")
        page.wait_for_selector("#issue-chart[data-rendered=true] svg")
        rows = page.locator("#issue-chart svg g.mark-symbol.role-mark path")
        assert rows.count() >= 6
        page.screenshot(path=str(SCREENSHOTS / "issue.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
