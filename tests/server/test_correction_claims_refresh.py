"""A correction through the server answers before its claims refresh and leaves it queued:
the response says ``claims_pending``, the refresh runs after the response (a background task,
in the writer process when the server has one), and the claims then equal a rebuild — with no
later request, analysis or ``whosaid claims --rebuild`` needed."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from claimstorekit import articles, dump
from serverkit import AUTH, TOKEN, live_server
from whosaid.claims.service import build_claims
from whosaid.store import open_store


def _store_with_claims(db: str) -> None:
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)


def _settled(client: httpx.Client, seconds: float = 60) -> list[dict[str, object]]:
    """The claims once none is pending any more (the background refresh has run)."""
    deadline = time.monotonic() + seconds
    while True:
        items: list[dict[str, object]] = client.get(
            "/api/claims", params={"limit": 200}).json()["items"]
        if not any(c["pending"] for c in items) or time.monotonic() > deadline:
            return items
        time.sleep(0.2)


@pytest.mark.parametrize("writer_process", [False, True])
def test_api_merge_refreshes_its_claims_after_the_response(
        tmp_path: Path, writer_process: bool) -> None:
    db = str(tmp_path / "w.db")
    _store_with_claims(db)
    with live_server(db, writer_process=writer_process) as url, \
            httpx.Client(base_url=url, timeout=120) as client:
        assert {c["pending"] for c in client.get("/api/claims").json()["items"]} == {False}
        merged = client.post("/api/entities/merge", headers=AUTH,
                             json={"source": "Sergei Lavrov", "target": "Dmitry Peskov"})
        assert merged.status_code == 200, merged.text
        assert merged.json()["claims_pending"] is True
        items = _settled(client)
        assert items and not any(c["pending"] for c in items)
        speakers = {c["speaker"]["entity"] for c in items}  # type: ignore[index]
        assert "Sergei Lavrov" not in speakers and "Dmitry Peskov" in speakers
    with open_store(db) as store:  # what the background refresh left is what a rebuild gives
        after = dump(store)
        build_claims(store)
        assert dump(store) == after


def test_page_split_queues_the_claims_refresh(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    _store_with_claims(db)
    with live_server(db) as url, httpx.Client(base_url=url, timeout=120) as client:
        client.get("/login")
        csrf = str(client.cookies.get("whosaid_csrf"))
        signed = client.post("/login", data={"token": TOKEN, "name": "Ann", "csrf_token": csrf})
        assert signed.status_code == 303
        moved = client.post("/entities/Dmitry%20Peskov/split", data={
            "alias": "Dmitry Peskov", "new_name": "Peskov Two", "csrf_token": csrf})
        assert moved.status_code == 303, moved.text
        items = _settled(client)
        assert not any(c["pending"] for c in items)
        assert "Peskov Two" in {c["speaker"]["entity"] for c in items}  # type: ignore[index]


def test_corpus_pages_say_a_correction_is_being_taken_in(tmp_path: Path) -> None:
    """While a correction's corpus refresh waits (the server stopped before running it, say),
    the corpus pages and the API say so; once the refresh has run they do not."""
    from whosaid.corpus import build_corpus_entities
    from whosaid.usecases import merge_entities, refresh_after_corrections

    db = str(tmp_path / "w.db")
    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_corpus_entities(store)
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester", refresh_later=True)
    with live_server(db, token=None) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = client.get("/corpus")
        assert page.status_code == 200 and 'id="corpus-pending"' in page.text
        listed = client.get("/api/corpus-entities").json()
        assert listed["pending"] is True
        one = listed["items"][0]["id"]
        assert 'id="corpus-pending"' in client.get(f"/corpus/{one}").text
        with open_store(db) as store:
            assert refresh_after_corrections(store)["corpus_pending"] is False
        assert 'id="corpus-pending"' not in client.get("/corpus").text
        assert client.get(f"/api/corpus-entities/{one}").json()["pending"] is False


def test_claim_pages_say_a_correction_is_being_taken_in(tmp_path: Path) -> None:
    """A correction whose corpus refresh has not run yet will change the claims as well: the
    claim list, a claim's page and the claims API say so until the refresh has run."""
    from whosaid.usecases import merge_entities, refresh_after_corrections

    db = str(tmp_path / "w.db")
    _store_with_claims(db)
    with open_store(db) as store:
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester", refresh_later=True)
    with live_server(db, token=None) as url, httpx.Client(base_url=url, timeout=60) as client:
        listed = client.get("/api/claims").json()["items"]
        assert listed and all(c["pending"] for c in listed)
        one = listed[0]["id"]
        assert 'id="claims-pending"' in client.get("/claims").text
        assert 'id="claims-pending"' in client.get(f"/claims/{one}").text
        with open_store(db) as store:
            refresh_after_corrections(store)
        after = client.get("/api/claims").json()["items"]
        assert after and not any(c["pending"] for c in after)
        assert 'id="claims-pending"' not in client.get("/claims").text
        assert 'id="claims-pending"' not in client.get(f"/claims/{after[0]['id']}").text
