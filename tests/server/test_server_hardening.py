"""What the server shows to anyone: no database path, URL or password, and API docs that work
under the pages' own content security policy (packaged assets, no CDN)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import make_url

from serverkit import live_server

CHROMIUM = Path("/usr/bin/chromium")


def test_docs_page_loads_swagger_from_packaged_assets(tmp_path: Path) -> None:
    with live_server(str(tmp_path / "w.db")) as base, httpx.Client(base_url=base) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "<script>" not in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css",
                      "/static/docs.js"):
            assert client.get(asset).status_code == 200, asset


def test_docs_page_renders_in_a_browser_under_the_csp(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is absent: run `make browser`", pytrace=False)
        pytest.skip(f"{CHROMIUM} is absent: run `make browser`")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with live_server(str(tmp_path / "w.db")) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            page: Any = browser.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(f"{base}/docs")
            page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
            assert "whosaid" in page.inner_text(".swagger-ui .info .title")
            assert page.locator(".opblock").count() > 5  # the routes are listed
        finally:
            browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_not_found_names_no_database_path(tmp_path: Path) -> None:
    db = tmp_path / "secret-folder" / "w.db"
    db.parent.mkdir()
    with live_server(str(db)) as base, httpx.Client(base_url=base) as client:
        for url in ("/api/articles/nope", "/articles/nope"):
            response = client.get(url)
            assert response.status_code == 404
            assert "secret-folder" not in response.text and str(tmp_path) not in response.text
        assert "the database" in client.get("/api/articles/nope").json()["error"]["message"]


@pytest.mark.postgres
def test_serve_start_up_line_hides_the_password(pg_url: str) -> None:
    url = make_url(pg_url).set(password="s3cret-pw").render_as_string(hide_password=False)
    with socket.socket() as sock:  # a free port (the server binds it a moment later)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "whosaid", "serve", "--db", url, "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        line = ""
        while not line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        assert "whosaid serving" in line, line
        assert "s3cret-pw" not in line and "***" in line
    finally:
        proc.terminate()
        proc.wait(timeout=20)
