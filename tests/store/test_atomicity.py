"""Every article is stored entirely or not at all: failed saves, concurrent writers, and
writers killed mid-save."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from storekit import DEFAULT_QUOTES, make_analysis, table_counts
from whosaid.errors import StoreError
from whosaid.model import Analysis
from whosaid.store import StatementFilter, Store, open_store


def test_failed_save_leaves_previous_rows(store: Store, db: str) -> None:
    good = make_analysis()
    store.save(good)
    before = table_counts(db)
    # Two statements with one id violate the (article_id, id) key half-way through the save,
    # after the old rows are deleted and the new article, entities and mentions inserted.
    changed = with_duplicate_statement_ids(
        make_analysis(quotes=[("Olaf Scholz", "Scholz", "gas prices must fall", None)] * 2)
    )
    with pytest.raises(StoreError, match="cannot save article art1"):
        store.save(changed)
    assert table_counts(db) == before
    assert store.analysis("art1") == good
    assert len(store.statements(StatementFilter(q="ceasefire"))) == 1
    assert store.statements(StatementFilter(q="gas")) == []

    # A new article that fails leaves nothing at all.
    with pytest.raises(StoreError):
        store.save(with_duplicate_statement_ids(make_analysis("art2")))
    assert [a["id"] for a in store.articles()] == ["art1"]
    assert table_counts(db) == before


def test_concurrent_writers(db: str) -> None:
    """Writers in several threads, each with its own store, neither fail nor mix articles."""

    def write(worker: int) -> None:
        with open_store(db) as s:
            for i in range(8):
                s.save(make_analysis(f"w{worker}-{i}"))
                s.save(make_analysis(f"shared-{i}"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))
    with open_store(db) as s:
        assert s.counts() == {"articles": 40, "statements": 120, "entities": 2}
        assert s.incomplete_articles() == []


def with_duplicate_statement_ids(analysis: Analysis) -> Analysis:
    first, *rest = analysis.statements
    return replace(analysis, statements=(first, *(replace(st, id=first.id) for st in rest)))


def test_inconsistent_analysis_is_refused(store: Store) -> None:
    analysis = make_analysis()
    bad = replace(analysis, statements=(replace(analysis.statements[0], article_id="other"),))
    with pytest.raises(StoreError, match="belongs to article other"):
        store.save(bad)
    assert store.articles() == []


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from sqlalchemy import event
    from storekit import make_analysis, DEFAULT_QUOTES
    from whosaid.store import open_store

    SELF_KILL_AT = int(sys.argv[3])  # -1: wait for the parent's SIGKILL
    quotes = list(DEFAULT_QUOTES) * 40
    current = 0

    def maybe_die(conn, cursor, statement, *args):
        # Die inside the transaction, after the article's statements are inserted.
        if current == SELF_KILL_AT and statement.startswith("INSERT INTO statements "):
            os.kill(os.getpid(), signal.SIGKILL)

    with open_store(sys.argv[1]) as store:
        event.listen(store._live_engine(), "after_cursor_execute", maybe_die)
        for current in range(1_000_000):
            store.save(make_analysis(f"art{current:06d}", quotes))
            if current == 0:
                print("saving", flush=True)
    """
)


@pytest.mark.parametrize("self_kill_at", [-1, 5], ids=["killed-by-parent", "killed-mid-save"])
def test_killed_writer_leaves_consistent_database(tmp_path: Path, self_kill_at: int) -> None:
    """SIGKILL while saving articles in a loop: every stored article is complete."""
    path = tmp_path / "killed.db"
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    args = [str(path), str(Path(__file__).resolve().parents[1]), str(self_kill_at)]
    with subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stderr is not None
            line = proc.stdout.readline()
            assert line.strip() == b"saving", proc.stderr.read().decode()
            if self_kill_at < 0:
                time.sleep(0.8)  # about 100 articles of 120 statements each
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    with open_store(str(path)) as store:
        stored = store.articles()
        assert len(stored) >= 1
        if self_kill_at >= 0:
            assert [a["id"] for a in stored] == [f"art{i:06d}" for i in range(self_kill_at)]
        assert store.incomplete_articles() == []
        assert all(a["statement_count"] == 120 for a in stored)
        counts = store.counts()
        assert counts["statements"] == 120 * len(stored)
        rows = table_counts(str(path))
        assert rows["statements_fts"] == rows["mentions"] == rows["statements"]
        assert rows["relays"] == len(stored) and rows["dates"] == 80 * len(stored)
        # The interrupted batch can be completed: the next save of each article works.
        store.save(make_analysis("art999999", list(DEFAULT_QUOTES) * 40))
        assert store.incomplete_articles() == []
