"""PostgreSQL stopped and started under a running ``whosaid analyze`` (a real process).

The server is a private one (``initdb`` into a temporary folder, on a free loopback port),
so that stopping it disturbs no other test or user of the shared server at 127.0.0.1:5432;
it is stopped and removed however the test ends. Skipped where PostgreSQL's server programs
are missing, failing under ``CI=true``.

Three faults, each after the run has opened its database (while it loads the model): a
restart (stop, start), which the run gets over (a pooled connection is tested before use);
an outage of about 2 s, which the run waits out (a lost connection is tried again for a few
seconds); and an outage longer than that, which stops the run with a message naming the
database and a non-zero exit, never a traceback or a hang. After each, the next run
completes, the database is consistent and the corpus is that of an uninterrupted run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faultkit as fk
import pytest
from sqlalchemy import create_engine, text

from whosaid.usecases.analyse import RETRY_DELAYS_S

IN_CI = fk.os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def server() -> Iterator[fk.PrivatePostgres]:
    pg = fk.PrivatePostgres()
    reason = pg.why_not()
    if reason:
        message = f"no private PostgreSQL server: {reason}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        pg.init()
        assert pg.ready(), "the private PostgreSQL server did not start"
        yield pg
    finally:
        pg.close()


@pytest.fixture(scope="module")
def prepared(server: fk.PrivatePostgres, tmp_path_factory: pytest.TempPathFactory,
             analyzer: Any) -> Iterator[tuple[Any, Path, str, list[dict[str, Any]], fk.State]]:
    """``make`` (fresh databases), the folder of every article, the template database
    (some articles analysed, the corpus built), and an uninterrupted run's corpus and
    counts."""
    root = tmp_path_factory.mktemp("pg-restart")
    base, everything = fk.corpus_folders(root)
    with fk.pg_databases(server.url()) as make:
        template = make()
        fk.prepare(template, base, analyzer)
        reference = make(template=fk.database_of(template))
        fk.prepare(reference, everything, analyzer, corpus=False)  # keeps the corpus current
        state = fk.check_consistent(reference)
        assert state.articles == len(fk.ARTICLES) and state.pending == 0
        yield make, everything, template, fk.corpus_entities(reference), state


def _wait_connected(server: fk.PrivatePostgres, db: str, proc: Any, timeout: float = 60
                    ) -> None:
    """Until the run has opened ``db``: its connection sits idle in the pool (for 0.2 s,
    while the run loads the model) after the schema check."""
    engine = create_engine(server.url("postgres"))
    name = fk.database_of(db)
    deadline = time.monotonic() + timeout
    idle = 0
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"the run ended early:\n{proc.communicate()[1]}"
            with engine.connect() as conn:
                states = conn.execute(text("SELECT state FROM pg_stat_activity WHERE "
                                           "datname = :d"), {"d": name}).scalars().all()
            idle = idle + 1 if states and all(s == "idle" for s in states) else 0
            if idle >= 4:
                return
            time.sleep(0.05)
        raise AssertionError("the run never connected to its database")
    finally:
        engine.dispose()


def _finish(proc: Any, timeout: float) -> tuple[int, str]:
    try:
        _out, err = proc.communicate(timeout=timeout)
    except fk.subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"the run hung: still running {timeout:.0f} s on") from None
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("down_s", [0.0, 2.0, sum(RETRY_DELAYS_S) + 5],
                         ids=["restart", "short-outage", "long-outage"])
def test_analyze_survives_or_stops_cleanly_when_postgresql_goes_away(
        server: fk.PrivatePostgres, prepared: Any, down_s: float) -> None:
    make, everything, template, corpus, state = prepared
    db = make(template=fk.database_of(template))
    proc = fk.start(fk.analyze_args(everything, db))
    try:
        _wait_connected(server, db, proc)
        server.stop()
        time.sleep(down_s)
    finally:
        if not server.running():
            server.start()
        assert server.ready(), "PostgreSQL did not come back"
    code, err = _finish(proc, timeout=120)
    fk.no_traceback(err)
    if down_s < sum(RETRY_DELAYS_S):
        # the pooled connection is tested before use; a refused one is tried again
        assert code == 0, f"the run did not get over the outage (exit {code}):\n{err}"
    else:
        assert code == 1, f"exit {code}:\n{err}"
        assert "error: cannot" in err and fk.database_of(db) in err, err
        assert "Stopped:" in err and "run the same command again" in err, err
    fk.check_consistent(db)
    fk.ok(fk.analyze_args(everything, db))
    assert fk.check_consistent(db) == state
    assert fk.corpus_entities(db) == corpus
