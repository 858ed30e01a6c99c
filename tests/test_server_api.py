"""The HTTP API of ``whosaid serve``, over real HTTP against a live server, on SQLite and on
PostgreSQL (the PostgreSQL runs skip without a server, and fail under ``CI=true``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from serverkit import AUTH, SEED, SEED_PUBLISHED, TOKEN, analyse_seed, live_server

BACKENDS = ["sqlite", "postgresql"]


def _db(request: pytest.FixtureRequest, tmp: Path, fixture: str) -> str:
    if request.param == "sqlite":
        return str(tmp / "whosaid.db")
    return str(request.getfixturevalue(fixture))


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           analyzer: Any) -> Iterator[tuple[httpx.Client, dict[str, Any]]]:
    """A live server over a database holding the analysed seed article (read-only tests)."""
    db = _db(request, tmp_path_factory.mktemp("api"), "pg_url")
    with live_server(db, analyzer=analyzer) as url, httpx.Client(base_url=url) as client:
        yield client, analyse_seed(client)


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path,
          analyzer: Any) -> Iterator[httpx.Client]:
    """A live server over a new database holding the seed article, for tests that write."""
    db = _db(request, tmp_path, "pg_schema_url")
    with live_server(db, analyzer=analyzer) as url, httpx.Client(base_url=url) as client:
        analyse_seed(client)
        yield client


def _error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    if code is not None:
        assert body["error"]["code"] == code, body
    assert "Traceback" not in response.text
    err: dict[str, Any] = body["error"]
    return err


def _entity(mention: dict[str, Any] | None) -> str | None:
    return (mention or {}).get("entity")


def _relays(st: dict[str, Any]) -> list[str]:
    return [r["entity"] or r["text"] for r in st["relays"]]


def _said_on(st: dict[str, Any]) -> str | None:
    return (st["said_on"] or {}).get("value")


def _all_statements(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        page = client.get("/api/statements", params=params | ({"cursor": cursor} if cursor
                                                               else {})).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("pagination did not end")


# ---------------------------------------------------------------------------------------
# Reading


def test_server_api_health_and_openapi(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["writes"] is True
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{ref}", "/api/statements", "/api/entities",
                 "/api/entities/{name}", "/api/analyze", "/api/entities/merge",
                 "/api/entities/split", "/api/audit", "/api/corpus-entities",
                 "/api/articles/{article_id}/statements/{statement_id}/speaker"):
        assert path in schema["paths"], path
    assert "ErrorResponse" in schema["components"]["schemas"]


def test_server_api_analyse_returns_the_statements(
        seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, seed = seeded
    assert seed["article"]["published"] == SEED_PUBLISHED
    assert seed["article"]["site"] == "example.org"
    speakers = {_entity(s["speaker"]) for s in seed["statements"]}
    assert {"Vladimir Putin", "Olaf Scholz", "Institute for the Study of War"} <= speakers
    article = client.get(f"/api/articles/{seed['article']['id']}").json()
    assert article["text"] == SEED.read_text(encoding="utf-8")
    assert len(article["statements"]) == seed["article"]["statement_count"] >= 10
    assert any(f["text"].startswith("Leave a Reply") for f in article["furniture"])
    by_doc = client.get("/api/articles/isw-putin-ceasefire").json()
    assert by_doc["id"] == article["id"]


def test_server_api_articles_filter_by_source_and_date(
        seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, seed = seeded
    aid = seed["article"]["id"]

    def ids(**params: Any) -> list[str]:
        return [a["id"] for a in client.get("/api/articles", params=params).json()["items"]]

    assert aid in ids()
    assert aid in ids(source="EXAMPLE")
    assert aid not in ids(source="nowhere.test")
    assert aid in ids(since="2022-12-04", until="2022-12")
    assert aid not in ids(since="2022-12-05")


def test_server_api_statements_filters(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    everything = _all_statements(client)

    def ids(rows: list[dict[str, Any]]) -> set[str]:
        return {r["id"] for r in rows}

    ceasefire = _all_statements(client, q="ceasefire")
    assert ceasefire and all("ceasefire" in s["content"]["text"].lower() for s in ceasefire)
    putin = _all_statements(client, speaker="putin")  # an alias, any case
    assert ids(putin) == ids(s for s in everything if _entity(s["speaker"]) == "Vladimir Putin")
    assert putin and ids(_all_statements(client, speaker="Vladimir Putin")) == ids(putin)
    # each filter against the same filter applied here to the whole list
    addressee = next(_entity(s["addressee"]) for s in everything if _entity(s["addressee"]))
    assert ids(_all_statements(client, addressee=addressee)) == ids(
        s for s in everything if _entity(s["addressee"]) == addressee)
    relay = next(r for s in everything for r in _relays(s))
    assert ids(_all_statements(client, relay=relay)) == ids(
        s for s in everything if relay in _relays(s))
    for kind in ("direct", "indirect", "mixed"):
        assert ids(_all_statements(client, kind=kind)) == ids(
            s for s in everything if s["kind"] == kind)
    day = next(_said_on(s) for s in everything if (s["said_on"] or {}).get("from") == "text")
    assert ids(_all_statements(client, since=day, until=day)) == ids(
        s for s in everything if _said_on(s) == day)
    assert _all_statements(client, speaker="nobody-at-all-xyz") == []
    bound = sorted(s["confidence"] for s in everything)[len(everything) // 2]
    confident = _all_statements(client, min_confidence=bound)
    assert ids(confident) == ids(s for s in everything if s["confidence"] >= bound)
    assert 0 < len(confident) < len(everything)
    assert client.get("/api/statements", params={"min_confidence": 2}).status_code == 422


def test_server_api_statements_cursor_pagination(
        seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, seed = seeded
    everything = _all_statements(client, limit=200)
    for sort in ("-said_on", "said_on", "-published", "published"):
        paged = _all_statements(client, limit=2, sort=sort)
        assert sorted(s["id"] for s in paged) == sorted(s["id"] for s in everything)
        assert len({(s["article"]["id"], s["id"]) for s in paged}) == len(paged)
    newest = [_said_on(s) for s in _all_statements(client, limit=3, sort="-said_on")]
    dated = [d for d in newest if d]
    assert dated == sorted(dated, reverse=True)
    one = _all_statements(client, article=seed["article"]["id"])
    assert len(one) == seed["article"]["statement_count"]


def test_server_api_entities_search_and_detail(
        seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    found = client.get("/api/entities", params={"q": "scholes"}).json()["items"]
    assert found[0]["name"] == "Olaf Scholz"  # by a machine-translated alias
    top = client.get("/api/entities").json()["items"]
    assert top[0]["statements"] >= top[-1]["statements"]
    putin = client.get("/api/entities/Vladimir Putin").json()
    assert {a["alias"] for a in putin["aliases"]} >= {"Putin", "Vladimir Putin"}
    assert putin["said"]["count"] >= 2 and putin["said"]["recent"]
    said = _all_statements(client, speaker="Vladimir Putin")
    addressed = {t["name"]: t["addressed"] for t in putin["talked_to"] if t["addressed"]}
    expected: dict[str, int] = {}
    for st in said:
        if to := _entity(st["addressee"]):
            expected[to] = expected.get(to, 0) + 1
    assert addressed == expected
    days: dict[str, int] = {}
    for st in said:
        day = _said_on(st)
        if day and len(day) == 10 and day[0].isdigit():
            days[day] = days.get(day, 0) + 1
    assert {d["date"]: d["count"] for d in putin["per_day"]} == days
    assert putin["undated"] == len(said) - sum(days.values())
    for name in {t["name"] for t in putin["talked_to"]} | {"Vladimir Putin"}:
        heard = _all_statements(client, addressee=name)
        detail = client.get(f"/api/entities/{name}").json()
        assert detail["received"]["count"] == len(heard)
        by: dict[str, int] = {}
        for st in heard:
            if who := _entity(st["speaker"]):
                by[who] = by.get(who, 0) + 1
        assert {t["name"]: t["addressed_by"] for t in detail["talked_to"]
                if t["addressed_by"]} == by
    isw = client.get("/api/entities/Institute for the Study of War").json()
    assert {"name": "Kyiv Independent", "count": 1} in isw["relayed_by"]
    _error(client.get("/api/entities/Nobody Atall"), 404, "not_found")


# ---------------------------------------------------------------------------------------
# Errors and limits


def test_server_api_one_error_shape(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    _error(client.get("/api/articles/0000000000"), 404, "not_found")
    _error(client.get("/api/no-such-route"), 404, "not_found")
    detail = _error(client.get("/api/statements", params={"limit": 201}), 422,
                    "invalid_request")["detail"]
    assert detail[0]["loc"] == ["query", "limit"]
    _error(client.get("/api/statements", params={"since": "December"}), 422)
    _error(client.get("/api/statements", params={"cursor": "not-a-cursor"}), 400)
    cursor = client.get("/api/statements", params={"limit": 1}).json()["next_cursor"]
    _error(client.get("/api/statements", params={"cursor": cursor, "sort": "said_on"}), 400)
    _error(client.delete("/api/statements"), 405, "method_not_allowed")
    _error(client.post("/api/analyze", content=b"{not json", headers=AUTH | {
        "Content-Type": "application/json"}), 422)
    _error(client.post("/api/analyze", json={"text": "x", "html": "<p>x</p>"}, headers=AUTH),
           422)
    _error(client.post("/api/analyze", json={"text": "   "}, headers=AUTH), 400, "bad_document")


def test_server_api_body_size_limit(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    big = b'{"text": "' + b"a" * (6 * 1024 * 1024) + b'"}'
    _error(client.post("/api/analyze", content=big, headers=AUTH | {
        "Content-Type": "application/json"}), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as it streams
        for _ in range(7):
            yield b"a" * (1024 * 1024)

    _error(client.post("/api/analyze", content=chunks(), headers=AUTH | {
        "Content-Type": "application/json"}), 413, "too_large")


def test_server_api_writes_need_the_token(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    merge = {"source": "Kremlin", "target": "Vladimir Putin"}
    _error(client.post("/api/entities/merge", json=merge), 401, "unauthorized")
    _error(client.post("/api/entities/merge", json=merge,
                       headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    _error(client.post("/api/analyze", json={"text": "He said so."}), 401)
    assert client.get("/api/entities/Kremlin").status_code == 200  # nothing changed


def test_server_api_read_only_without_token(tmp_path: Path) -> None:
    with live_server(str(tmp_path / "ro.db"), token=None) as url:
        response = httpx.post(f"{url}/api/entities/merge", headers=AUTH,
                              json={"source": "A", "target": "B"})
        _error(response, 403, "forbidden")
        assert httpx.get(f"{url}/api/health").json()["writes"] is False


# ---------------------------------------------------------------------------------------
# Corrections


def test_server_api_corrections_are_audited_and_survive_reanalysis(
        fresh: httpx.Client) -> None:
    client = fresh
    merged = client.post("/api/entities/merge", headers=AUTH,
                         json={"source": "Ukrainian", "target": "Ukraine"})
    assert merged.status_code == 200, merged.text
    assert "Ukrainian" in merged.json()["aliases"]
    _error(client.get("/api/entities/Ukrainian"), 404)
    split = client.post("/api/entities/split", headers=AUTH,
                        json={"entity": "Olaf Scholz", "alias": "Scholes"})
    assert split.json()["name"] == "Scholes"
    scholz = client.get("/api/entities/Olaf Scholz").json()
    assert "Scholes" not in {a["alias"] for a in scholz["aliases"]}
    white_house = _all_statements(client, speaker="White House")[0]
    fixed = client.post(
        f"/api/articles/{white_house['article']['id']}/statements/{white_house['id']}/speaker",
        headers=AUTH, json={"speaker": "Joe Biden"})
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["speaker_name"] == "Joe Biden"
    assert white_house["id"] in {s["id"] for s in _all_statements(client, speaker="Joe Biden")}

    audit = client.get("/api/audit").json()["items"]
    assert [a["action"] for a in audit[:4]] == ["speaker", "split", "merge", "analyze"]
    assert all(a["actor"].startswith("tester (") for a in audit)
    assert audit[0]["before"]["speaker_name"] == "White House"
    assert audit[0]["after"]["speaker_name"] == "Joe Biden"
    assert audit[2]["before"]["source"]["name"] == "Ukrainian"

    analyse_seed(client)  # the same article analysed again replaces its rows
    assert client.get("/api/entities/Ukrainian").status_code == 404
    assert "Ukrainian" in {a["alias"] for a in
                           client.get("/api/entities/Ukraine").json()["aliases"]}
    assert "Scholes" not in {a["alias"] for a in
                             client.get("/api/entities/Olaf Scholz").json()["aliases"]}
    again = _all_statements(client, q="dialogue")
    assert again and _entity(again[0]["speaker"]) == "Joe Biden"
    assert client.get("/api/audit").json()["items"][0]["action"] == "analyze"


@pytest.mark.parametrize("backend", BACKENDS)
def test_server_api_corrections_reach_the_corpus_entities(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path, analyzer: Any) -> None:
    from whosaid.corpus import build_corpus_entities
    from whosaid.store import open_store

    db = str(tmp_path / "whosaid.db") if backend == "sqlite" else \
        str(request.getfixturevalue("pg_schema_url"))
    with live_server(db, analyzer=analyzer) as url, httpx.Client(base_url=url) as client:
        analyse_seed(client)
        for doc_id, text in (
                ("scholes", "German Chancellor Scholes told reporters in Berlin that he had "
                            "spoken with Vladimir Putin."),
                ("sholz", "Chancellor Olav Sholz said the talks in Paris had failed.")):
            analyse_seed(client, doc_id=doc_id, text=text)
        # the first analysis built the corpus and the next ones joined it
        assert client.get("/api/corpus-entities").json()["items"] != []
        with open_store(db) as store:  # what `whosaid corpus` does: the same result
            build_corpus_entities(store)

        def settle() -> None:
            """Wait for the corpus refresh a correction queued after its response."""
            deadline = time.monotonic() + 120
            while client.get("/api/corpus-entities").json()["pending"]:
                assert time.monotonic() < deadline, "the corpus refresh never ran"
                time.sleep(0.1)

        def holding(alias: str) -> dict[str, Any]:
            items = client.get("/api/corpus-entities",
                               params={"q": alias, "members": "true"}).json()["items"]
            found = [e for e in items if alias in {a["alias"] for a in e["aliases"]}]
            assert len(found) == 1, (alias, items)
            return found[0]

        assert holding("Scholes")["name"] == "Olaf Scholz"
        assert holding("Olav Sholz")["id"] != holding("Scholes")["id"]
        # split: "Scholes" is not Olaf Scholz, in the seed and so in every article
        split = client.post("/api/entities/split", headers=AUTH,
                            json={"entity": "Olaf Scholz", "alias": "Scholes"})
        assert split.status_code == 200, split.text
        assert split.json()["corpus_pending"] is True  # taken in after the response
        settle()
        scholes = holding("Scholes")
        assert scholes["name"] == "Scholes" and scholes["articles"] == 2
        # merge: "Olav Sholz" is Olaf Scholz
        merged = client.post("/api/entities/merge", headers=AUTH,
                             json={"source": "Olav Sholz", "target": "Olaf Scholz"})
        assert merged.status_code == 200, merged.text
        settle()
        scholz = holding("Olav Sholz")
        assert scholz["name"] == "Olaf Scholz" and scholz["articles"] == 2
        # speaker: the White House statement is Joe Biden's
        white_house = _all_statements(client, speaker="White House")[0]
        pair = [white_house["article"]["id"], white_house["id"]]
        fixed = client.post(f"/api/articles/{pair[0]}/statements/{pair[1]}/speaker",
                            headers=AUTH, json={"speaker": "Joe Biden"})
        assert fixed.status_code == 200 and fixed.json()["corpus_pending"], fixed.text
        settle()
        assert pair in holding("Joe Biden")["statement_ids"]
        assert pair not in holding("White House")["statement_ids"]
        before = client.get("/api/corpus-entities",
                            params={"limit": 200, "members": "true"}).json()["items"]
        with open_store(db) as store:  # `whosaid corpus` again: the corrections hold
            build_corpus_entities(store)
        assert holding("Scholes")["id"] != holding("Olav Sholz")["id"]
        assert holding("Olav Sholz")["name"] == "Olaf Scholz"
        assert pair in holding("Joe Biden")["statement_ids"]
        after = client.get("/api/corpus-entities",
                           params={"limit": 200, "members": "true"}).json()["items"]
        assert sorted((e["name"], e["statement_ids"]) for e in after) == \
            sorted((e["name"], e["statement_ids"]) for e in before)
        # an article posted once the corpus is built joins it at once
        analyse_seed(client, doc_id="later", text="Olaf Scholz said in Rome that the "
                                                 "ceasefire talks would resume.")
        scholz = holding("Olaf Scholz")
        assert scholz["articles"] == 3
        # one corpus entity in full: the API, the entity's link to it and the pages
        detail = client.get(f"/api/corpus-entities/{scholz['id']}")
        assert detail.status_code == 200, detail.text
        body = detail.json()
        assert {n["name"] for n in body["names"]} >= {"Olaf Scholz"}
        assert len(body["article_list"]) == 3 and body["recent"]
        assert all(_entity(st["speaker"]) for st in body["recent"])
        assert (body["article_ids"], body["statement_ids"]) == ([], [])  # members=false
        full = client.get(f"/api/corpus-entities/{scholz['id']}",
                          params={"members": "true"}).json()
        assert (full["article_ids"], full["statement_ids"]) == \
            (scholz["article_ids"], scholz["statement_ids"]) and len(full["article_ids"]) == 3
        assert client.get("/api/corpus-entities/nope").status_code == 404
        # without members=true, a listing leaves the ids out (the default, as the CLI's)
        for params in ({"q": "Scholz", "members": "false"}, {"q": "Scholz"}):
            brief = client.get("/api/corpus-entities", params=params)
            assert [(e["id"], e["article_ids"], e["statement_ids"])
                    for e in brief.json()["items"] if e["id"] == scholz["id"]] == \
                [(scholz["id"], [], [])]
        across = client.get("/api/entities/Olaf Scholz").json()["corpus"]
        assert across == [{"id": scholz["id"], "name": "Olaf Scholz"}]
        listing = client.get("/corpus", params={"q": "Scholz"})
        assert listing.status_code == 200 and f'/corpus/{scholz["id"]}' in listing.text
        page = client.get(f"/corpus/{scholz['id']}")
        assert page.status_code == 200 and "Olav Sholz" in page.text
        assert "ceasefire talks would resume" in page.text
        assert f'/corpus/{scholz["id"]}' in client.get("/entities/Olaf Scholz").text


@pytest.mark.parametrize("backend", BACKENDS)
def test_server_api_corpus_pages_before_any_corpus(backend: str, request: pytest.FixtureRequest,
                                                   tmp_path: Path) -> None:
    db = str(tmp_path / "whosaid.db") if backend == "sqlite" else \
        str(request.getfixturevalue("pg_schema_url"))
    with live_server(db) as url, httpx.Client(base_url=url) as empty:
        page = empty.get("/corpus")
        assert page.status_code == 200 and 'id="not-built"' in page.text
        assert "whosaid corpus" in page.text
        missing = empty.get("/corpus/no-such-id")
        assert missing.status_code == 404 and "no corpus entity" in missing.text


def test_server_api_first_analysis_builds_the_corpus(fresh: httpx.Client) -> None:
    page = fresh.get("/corpus")
    assert page.status_code == 200 and 'id="not-built"' not in page.text
    names = {e["name"] for e in fresh.get("/api/corpus-entities").json()["items"]}
    assert {"Vladimir Putin", "Olaf Scholz"} <= names


def test_server_api_correction_errors(fresh: httpx.Client) -> None:
    client = fresh
    _error(client.post("/api/entities/merge", headers=AUTH,
                       json={"source": "Nobody Atall", "target": "Ukraine"}), 404)
    _error(client.post("/api/entities/merge", headers=AUTH,
                       json={"source": "Ukraine", "target": "Ukraine"}), 400)
    _error(client.post("/api/entities/split", headers=AUTH,
                       json={"entity": "Ukraine", "alias": "Nope"}), 404)
    _error(client.post("/api/articles/x/statements/y/speaker", headers=AUTH,
                       json={"speaker": "A"}), 404)
    _error(client.post("/api/entities/merge", headers=AUTH, json={"source": "", "target": "B"}),
           422)
    assert client.get("/api/audit").json()["items"][0]["action"] == "analyze"


# ---------------------------------------------------------------------------------------
# Pages over HTTP: escaping and cross-site form posts


INJECTION = (
    'The mayor said "<script>alert(1)</script> was never our plan '
    '<img src=x onerror=alert(1)>" on Monday.\n\n'
    "Officials said the ceasefire would hold."
)


class _Elements(HTMLParser):
    """What a browser would make elements of: images, inline scripts, event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(str(attrs))
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def test_server_api_pages_escape_article_text(tmp_path: Path, analyzer: Any) -> None:
    with live_server(str(tmp_path / "x.db"), analyzer=analyzer) as url, \
            httpx.Client(base_url=url) as client:
        body = client.post("/api/analyze", headers=AUTH, json={
            "text": INJECTION, "title": "<script>alert(2)</script>",
            "source": '"><img src=y onerror=alert(3)>', "published": "2024-01-02"}).json()
        aid = body["article"]["id"]
        for page in (f"/articles/{aid}", "/?q=plan", "/articles", "/?q=ceasefire"):
            found = _Elements()
            found.feed(client.get(page).text)
            assert found.images == [] and found.handlers == [], page
            assert all("alert" not in s for s in found.scripts), page
        shown = _Elements()
        shown.feed(client.get(f"/articles/{aid}").text)
        text = "".join(shown.text)  # the markup is shown as the text it is
        assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
        assert "<script>alert(2)</script>" in text


def _csrf(client: httpx.Client) -> str:
    client.get("/login")
    token = client.cookies.get("whosaid_csrf")
    assert token
    return str(token)


def test_server_api_forms_refuse_cross_site_posts(fresh: httpx.Client) -> None:
    client = fresh
    csrf = _csrf(client)
    signed = client.post("/login", data={"token": TOKEN, "name": "Ann", "csrf_token": csrf})
    assert signed.status_code == 303 and client.cookies.get("whosaid_auth")
    url = "/entities/Ukraine/merge"
    html = {"Accept": "text/html"}
    # no CSRF field, a wrong one, a foreign Origin: all refused, nothing merged
    assert client.post(url, data={"other": "Ukrainian"}, headers=html).status_code == 403
    assert client.post(url, data={"other": "Ukrainian", "csrf_token": "0" * 64}
                       ).status_code == 403
    assert client.post(url, data={"other": "Ukrainian", "csrf_token": csrf},
                       headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/api/entities/Ukrainian").status_code == 200
    # a signed-out browser with a valid CSRF token cannot write either
    anonymous = httpx.Client(base_url=str(client.base_url))
    anon_csrf = _csrf(anonymous)
    assert anonymous.post(url, data={"other": "Ukrainian", "csrf_token": anon_csrf}
                          ).status_code == 401
    # the real thing
    done = client.post(url, data={"other": "Ukrainian", "csrf_token": csrf})
    assert done.status_code == 303
    assert client.get("/api/entities/Ukrainian").status_code == 404
    assert client.get("/api/audit").json()["items"][0]["actor"].startswith("Ann (")
    wrong = httpx.Client(base_url=str(client.base_url))
    wrong_csrf = _csrf(wrong)
    assert wrong.post("/login", data={"token": "nope", "name": "Eve", "csrf_token": wrong_csrf}
                      ).status_code == 401


def test_server_api_page_errors_are_html(seeded: tuple[httpx.Client, dict[str, Any]]) -> None:
    client, _ = seeded
    page = client.get("/entities/Nobody Atall", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no entity" in page.text and "Traceback" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


# ---------------------------------------------------------------------------------------
# The command


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_api_serve_command(tmp_path: Path) -> None:
    port = _free_port()
    env = os.environ | {"WHOSAID_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from whosaid.cli import app; app()", "serve", "--db",
         str(tmp_path / "cli.db"), "--port", str(port), "--host", "127.0.0.1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "whosaid serve did not start"
                time.sleep(0.2)
        assert health.json()["writes"] is True
        refused = httpx.post(f"http://127.0.0.1:{port}/api/entities/merge",
                             json={"source": "A", "target": "B"})
        assert refused.status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=15)
