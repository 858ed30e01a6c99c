"""A live ``whosaid serve`` for the server tests: a real uvicorn on a free loopback port, in a
background thread of the test process (so it can share the session's loaded spaCy model).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from whosaid.server import create_app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "isw-putin-ceasefire.txt"
SEED_PUBLISHED = "2022-12-04"
TOKEN = "test-token-9f2c"
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Whosaid-User": "tester"}


@contextmanager
def live_server(db: str, token: str | None = TOKEN, analyzer: Any = None,
                **kwargs: Any) -> Iterator[str]:
    """Serve ``db`` on 127.0.0.1 at a free port; yields the base URL."""
    app = create_app(db, token, analyzer=analyzer, **kwargs)
    # IPPROTO_TCP, so that asyncio sets TCP_NODELAY on the connections it accepts (with proto
    # 0 it does not, and every response waited 40 ms for a delayed ACK)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def analyse_seed(client: httpx.Client, **extra: Any) -> dict[str, Any]:
    """Post the bundled seed article to /api/analyze; returns the response body."""
    body = {"text": SEED.read_text(encoding="utf-8"), "published": SEED_PUBLISHED,
            "doc_id": "isw-putin-ceasefire", "source": "example.org"} | extra
    response = client.post("/api/analyze", json=body, headers=AUTH, timeout=120)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data
