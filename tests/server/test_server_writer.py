"""Posted articles are analysed in the server's writer process (the readers keep the server's
own): the same records, the same errors, and reads answered while a post is analysed."""

from __future__ import annotations

from pathlib import Path

import httpx

from serverkit import AUTH, SEED, SEED_PUBLISHED, live_server


def test_posts_are_analysed_in_the_writer_process_with_the_same_answers(tmp_path: Path) -> None:
    with live_server(str(tmp_path / "w.db")) as base, httpx.Client(base_url=base,
                                                                   timeout=120) as client:
        posted = client.post("/api/analyze", headers=AUTH, json={
            "text": SEED.read_text(encoding="utf-8"), "published": SEED_PUBLISHED,
            "doc_id": "isw-putin-ceasefire"})
        assert posted.status_code == 200, posted.text
        statements = posted.json()["statements"]
        assert any(s["speaker"] and s["speaker"]["entity"] == "Olaf Scholz" for s in statements)
        article = client.get(f"/api/articles/{posted.json()['article']['id']}").json()
        assert article["statements"] == statements
        # an error raised in the writer comes back as the same error
        empty = client.post("/api/analyze", headers=AUTH, json={"text": "   "})
        assert empty.status_code == 400 and empty.json()["error"]["code"] == "bad_document"
        assert "no text" in empty.json()["error"]["message"]
        # the corpus was built there too
        names = {e["name"] for e in client.get("/api/corpus-entities").json()["items"]}
        assert "Vladimir Putin" in names
