"""``whosaid serve --workers N``: N server processes answer reads, a post is stored by one
worker's writer process (the token reaches every worker), and the writers of one database
take turns on one lock."""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from serverkit import AUTH, TOKEN
from whosaid.server.writer import lock_path, one_writer


def _children(pid: int) -> list[str]:
    """The command lines of the processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                             .decode())
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return found


def test_serve_with_two_workers_answers_reads_and_stores_a_post(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a free port (the server binds it a moment later)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = os.environ | {"WHOSAID_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-m", "whosaid", "serve", "--db", str(tmp_path / "w.db"), "--port",
         str(port), "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=180) as client:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.2)
            workers = [c for c in _children(proc.pid) if "spawn_main" in c]
            assert len(workers) == 2, _children(proc.pid)
            assert client.get("/api/health").json()["writes"] is True
            posted = client.post("/api/analyze", headers=AUTH, json={
                "text": "Olaf Scholz said on Monday that the talks in Paris had failed.",
                "published": "2022-12-05", "doc_id": "scholz-paris"})
            assert posted.status_code == 200, posted.text
            article_id = posted.json()["article"]["id"]
            for _ in range(6):  # whichever worker answers has the article
                assert client.get(f"/api/articles/{article_id}").status_code == 200
            assert client.post("/api/analyze", json={"text": "x"}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_writers_of_one_database_take_turns(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    path = lock_path(db)
    assert path == lock_path(db) and path != lock_path(f"sqlite:///{tmp_path / 'other.db'}")
    with one_writer(path), open(path, "a+b") as other, pytest.raises(BlockingIOError):
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # another writer waits
    with open(path, "a+b") as other:  # released
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
