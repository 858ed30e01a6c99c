"""Claims over real HTTP: ``/api/claims`` (filters, cursor pages), ``/api/claims/{id}`` (by
claim id, statement id or prefix; the relay graph), the claim pages, and links to a claim
from statement rows and the article page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimstorekit import articles
from serverkit import live_server
from whosaid.claims.service import build_claims
from whosaid.store import open_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = str(Path(tmp_path_factory.mktemp("claims")) / "claims.db")
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
    with live_server(db) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


def _ready(client: httpx.Client) -> dict[str, Any]:
    items = client.get("/api/claims", params={"speaker": "Dmitry Peskov", "q": "realities",
                                              "limit": 200}).json()["items"]
    found: dict[str, Any] = next(c for c in items if c["origin"]["article_id"] == "a1")
    return found


def test_list_filters_and_pages(client: httpx.Client) -> None:
    everything = client.get("/api/claims", params={"limit": 200}).json()
    assert everything["next_cursor"] is None
    ids = [c["id"] for c in everything["items"]]
    seen: list[str] = []
    cursor = None
    while True:
        page = client.get("/api/claims", params={"limit": 2} | (
            {"cursor": cursor} if cursor else {})).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ids
    dates = [c["origin"]["published"] or "" for c in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    lavrov = client.get("/api/claims", params={"speaker": "lavrov"}).json()["items"]
    assert {c["speaker"]["entity"] for c in lavrov} == {"Sergei Lavrov"}
    early = client.get("/api/claims", params={"until": "2022-12-01",
                                              "sort": "published"}).json()["items"]
    assert {c["origin"]["published"] for c in early} == {"2022-12-01"}
    assert client.get("/api/claims", params={"cursor": "nonsense"}).status_code == 400
    assert client.get("/api/claims", params={"since": "2022-1"}).status_code == 422


def test_one_claim_by_claim_or_statement_id(client: httpx.Client) -> None:
    ready = _ready(client)
    detail = client.get(f"/api/claims/{ready['id']}").json()
    assert [s["id"] for s in detail["statements"]] == [s["id"] for s in ready["statements"]]
    assert detail["outlets"][:3] == ["tass.com", "ria.ru", "farm.example"]
    assert {"source": "TASS", "target": "ria.ru", "kind": "relay", "article_id": "a2"} in \
        detail["edges"]
    by_statement = client.get(f"/api/claims/{ready['statements'][1]['id']}").json()
    assert by_statement["id"] == ready["id"]
    assert client.get(f"/api/claims/{ready['id'][:10]}").json()["id"] == ready["id"]
    missing = client.get("/api/claims/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_pages_link_statements_to_their_claims(client: httpx.Client) -> None:
    ready = _ready(client)
    listing = client.get("/claims").text
    assert f'href="/claims/{ready["id"]}"' in listing
    page = client.get(f"/claims/{ready['id']}").text
    assert 'id="relay-graph"' in page and 'id="claim-timeline-data"' in page
    assert 'class="drift-changed"' in page and "<script>" not in page.split("</main>")[0]
    assert f'href="/claims/{ready["id"]}"' in client.get("/articles/a1").text
    assert f'href="/claims/{ready["id"]}"' in client.get("/?q=realities").text
    assert client.get("/claims/nothing-here").status_code == 404
