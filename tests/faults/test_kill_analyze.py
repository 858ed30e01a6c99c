"""``kill -9`` at random points of a real ``whosaid analyze`` process, on SQLite and on
PostgreSQL, with a corpus built first so that the run updates it.

Each trial copies a prepared database (some articles analysed, the corpus built), starts
``python -m whosaid analyze`` over a folder holding those articles and new ones, kills it
with SIGKILL after a random delay within the length of one uninterrupted run, then checks
that the database is consistent (every stored article complete, no orphan rows, full-text
rows matching on SQLite, every article entity in the corpus or pending), that a re-run
completes, and that the corpus then equals that of an uninterrupted run. Half the trials
start from 6 of 14 articles (the update rebuilds the corpus), half from 12 (the new
articles' entities join the corpus entities that could take them in).

``WHOSAID_FAULT_TRIALS`` sets the trials per backend (by default, as ``make test`` runs them,
4 on SQLite and 2 on PostgreSQL; the hardening issue's full run is 20) and
``WHOSAID_FAULT_SEED`` the random seed.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faultkit as fk
import pytest
from sqlalchemy import text

from whosaid.errors import WhosaidError
from whosaid.store import open_store

TRIALS = int(os.environ.get("WHOSAID_FAULT_TRIALS", "4"))
# PostgreSQL's trials cost twice SQLite's (a database copied from a template, a slower
# start): ``make test`` runs two there, one of each kind, to keep the suite under 10 minutes
PG_TRIALS = int(os.environ.get("WHOSAID_FAULT_TRIALS", "2"))
SEED = int(os.environ.get("WHOSAID_FAULT_SEED", "20240611"))
BASES = (fk.BASE, len(fk.ARTICLES) - 2)  # a full corpus pass; an incremental attach


class Prepared:
    """Per base size: a database to copy, and what an uninterrupted run gives."""

    def __init__(self, db: str, seconds: float, corpus: list[dict[str, Any]],
                 state: fk.State) -> None:
        self.db, self.seconds, self.corpus, self.state = db, seconds, corpus, state


def _prepare(folders: Path, analyzer: Any, fresh: Callable[[], str],
             copy: Callable[[str], str]) -> dict[int, Prepared]:
    everything = fk.write_articles(folders / "all", fk.ARTICLES)
    prepared = {}
    for base in BASES:
        db = fresh()
        fk.prepare(db, fk.write_articles(folders / f"base{base}", fk.ARTICLES[:base]), analyzer)
        reference = copy(db)
        started = time.perf_counter()
        fk.ok(fk.analyze_args(everything, reference))
        seconds = time.perf_counter() - started
        state = fk.check_consistent(reference)
        assert state.articles == len(fk.ARTICLES) and state.pending == 0
        prepared[base] = Prepared(db, seconds, fk.corpus_entities(reference), state)
    return prepared


def _articles(db: str) -> int:
    try:
        with open_store(db, migrate=False) as store, store.read("count") as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except WhosaidError:
        return -1


def timed(trial: int) -> bool:
    """Whether a trial kills at a random time (else just after the k-th article is stored):
    trials 0-3 are timed, article, article, timed, so that the first two cover both kinds
    and both bases (``BASES[trial % 2]``) and the first four each kind on each base."""
    return (trial + trial // 2) % 2 == 0


def _kill_when(proc: Any, rng: random.Random, trial: int, trials: int, base: int,
               seconds: float, db: str) -> str:
    """Wait for trial's kill point: a random time within the run's length, or just after
    the run stored its k-th new article (saves and the corpus update, which a random time
    hits less often)."""
    if timed(trial):
        # stratified: the i-th of these trials kills in the i-th slice of the run's length
        slices = sum(map(timed, range(trials)))
        before = sum(map(timed, range(trial)))
        delay = seconds * (before + rng.random()) / slices
        time.sleep(delay)
        return f"after {delay:.2f} s of {seconds:.2f} s"
    target = rng.randint(base + 1, len(fk.ARTICLES))
    extra = rng.uniform(0, 0.05)
    deadline = time.monotonic() + 10 * seconds
    while proc.poll() is None and time.monotonic() < deadline and _articles(db) < target:
        time.sleep(0.005)
    time.sleep(extra)
    return f"{extra * 1000:.0f} ms after article {target} of {len(fk.ARTICLES)} was stored"


def _trials(backend: str, folders: Path, prepared: dict[int, Prepared],
            copy: Callable[[str], str], trials: int) -> list[str]:
    everything = folders / "all"
    rng = random.Random(f"{SEED}-{backend}")
    outcomes = []
    for trial in range(trials):
        base = BASES[trial % 2]
        ref = prepared[base]
        db = copy(ref.db)
        proc = fk.start(fk.analyze_args(everything, db))
        when = _kill_when(proc, rng, trial, trials, base, ref.seconds, db)
        code, err = fk.kill9(proc)
        where = f"{backend} trial {trial} (seed {SEED}, base {base}, kill {when}, exit {code})"
        try:
            after_kill = fk.check_consistent(db)
            rerun = fk.run(fk.analyze_args(everything, db))
            assert rerun.returncode == 0, f"re-run exit {rerun.returncode}\n{rerun.stderr}"
            final = fk.check_consistent(db)
            assert final == ref.state
            assert fk.corpus_entities(db) == ref.corpus, "the corpus differs from a clean run's"
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}\nkilled run's stderr:\n{err}") from exc
        outcomes.append(f"{where}: left {after_kill.articles} articles, "
                        f"{after_kill.pending} pending, {after_kill.corpus_entities} "
                        "corpus entities; re-run ok, corpus as a clean run's")
    return outcomes


@pytest.mark.slow
def test_kill_9_during_analyze_on_sqlite(tmp_path: Path, analyzer: Any) -> None:
    made = iter(range(1_000_000))

    def fresh() -> str:
        return str(tmp_path / f"db{next(made)}.db")

    def copy(source: str) -> str:
        return fk.copy_sqlite(Path(source), Path(fresh()))

    prepared = _prepare(tmp_path, analyzer, fresh, copy)
    print("\n".join(_trials("sqlite", tmp_path, prepared, copy, TRIALS)))


@pytest.mark.slow
@pytest.mark.postgres
def test_kill_9_during_analyze_on_postgresql(tmp_path: Path, pg_url: str, analyzer: Any
                                             ) -> None:
    with fk.pg_databases(pg_url) as make:

        def copy(source: str) -> str:
            return str(make(template=fk.database_of(source)))

        prepared = _prepare(tmp_path, analyzer, lambda: str(make()), copy)
        print("\n".join(_trials("postgresql", tmp_path, prepared, copy, PG_TRIALS)))
