"""``whosaid analyze --cluster`` (whosaid.usecases.cluster) on a real Dask LocalCluster of two
worker processes and a real PostgreSQL database: the rows a single process stores, a
worker killed mid-run, a scheduler gone mid-run, bad addresses.

One cluster for the module (each worker loads the spaCy model once); eleven short inputs
(ten articles and a bad line) cut into tasks of two documents.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from claimstorekit import articles as claim_articles
from claimstorekit import dump as claim_dump
from storekit import make_analysis
from whosaid.claims.service import build_claims
from whosaid.cli import app
from whosaid.corpus import build_corpus_entities
from whosaid.errors import ClusterError
from whosaid.settings import Settings
from whosaid.store import corpus as store_corpus
from whosaid.store import open_store, schema
from whosaid.usecases import Summary, run_analyze
from whosaid.usecases.cluster import (
    map_blocks_on,
    map_claim_blocks_on,
    open_cluster,
    parse_cluster,
    run_cluster,
)
from whosaid.usecases.positions import import_issues

pytestmark = pytest.mark.postgres

distributed = pytest.importorskip("distributed")

PEOPLE = (
    ("Olaf Scholz", "Chancellor", "Berlin", "air defence"),
    ("Dmitry Peskov", "Kremlin spokesman", "Moscow", "ceasefire talks"),
    ("Emmanuel Macron", "President", "Paris", "a defence fund"),
    ("Antony Blinken", "Secretary of State", "Washington", "the aid package"),
    ("Ursula von der Leyen", "Commission President", "Brussels", "new sanctions"),
    ("Boris Pistorius", "Defence Minister", "Munich", "tank orders"),
    ("Dmytro Kuleba", "Foreign Minister", "Kyiv", "faster deliveries"),
    ("Jens Stoltenberg", "NATO Secretary General", "Vilnius", "a long war"),
    ("Sergei Lavrov", "Foreign Minister", "Moscow", "grain prices"),
    ("Volodymyr Zelensky", "President", "Kyiv", "the counter-offensive"),
)
SETTINGS = Settings()


def article(i: int) -> dict[str, str]:
    name, role, city, topic = PEOPLE[i]
    surname = name.split()[-1]
    other = PEOPLE[(i + 1) % len(PEOPLE)][0]
    body = (f"{surname} speaks on {topic}\n\n"
            f"{role} {name} said on Monday that {topic} would be discussed this week. "
            f"\"We will not wait any longer,\" {surname} told reporters in {city}. "
            f"{other} said the plan needed more support, according to officials.")
    return {"id": f"c{i}", "text": body, "published": f"2023-03-{10 + i:02d}"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("cluster-inputs")
    lines = [json.dumps(article(i)) for i in range(len(PEOPLE))]
    lines.insert(4, "{not json")  # a bad document: reported with its FILE:LINE
    path = root / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


@pytest.fixture(scope="module")
def schemas(pg_url: str) -> Iterator[Callable[[], str]]:
    """Fresh schemas in the module's database, dropped at its end."""
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:10]}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        made.append(name)
        url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    yield make
    with engine.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()


@dataclasses.dataclass(frozen=True)
class Cluster:
    scheduler_address: str


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """whosaid's own ``local:2``: a LocalCluster of two worker processes of one thread,
    started as ``--cluster local:2`` starts it; none of its processes is left."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    # a nanny started earlier in this process may have left Dask's malloc setting behind
    with pytest.MonkeyPatch.context() as env:
        env.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
        with open_cluster("local:2") as client:
            yield Cluster(client.scheduler.address)
    # multiprocessing's resource tracker and forkserver (the workers' parent, whosaid
    # imported and the model loaded once) stay with this process, whatever starts them
    left = [p for p in psutil.Process().children(recursive=True)
            if p.pid not in before and not any(server in " ".join(p.cmdline())
                                               for server in ("resource_tracker", "forkserver"))]
    gone, alive = psutil.wait_procs(left, timeout=15)
    for p in alive:
        p.kill()
    assert not alive, f"processes left behind: {[p.pid for p in alive]}"


@pytest.fixture(scope="module")
def watcher(cluster: Cluster) -> Iterator[Any]:
    """A second client on the module's cluster, for the tests to look at and kill workers."""
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    yield client
    client.close()


def statement_rows(db: str) -> list[tuple[Any, ...]]:
    """The statements table as stored, without its surrogate key (``seq``: save order)."""
    with open_store(db) as store, store.read("read statements") as conn:
        rows = conn.execute(text("SELECT * FROM statements ORDER BY article_id, id")).mappings()
        return [tuple(v for k, v in r.items() if k != "seq") for r in rows]


def article_rows(db: str) -> list[tuple[Any, ...]]:
    with open_store(db) as store, store.read("read articles") as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT id, doc_id, origin, text_hash, statement_count FROM articles ORDER BY id"))]


@pytest.fixture(scope="module")
def reference(inputs: list[Path], schemas: Callable[[], str], analyzer: Any
              ) -> tuple[str, Summary]:
    """One process (``--workers 1``) over the same inputs."""
    db = schemas()
    with open_store(db) as store:
        summary = run_analyze(inputs, SETTINGS, store, analyzer=analyzer)
    return db, summary


def run(inputs: list[Path], db: str, address: str, **kwargs: Any) -> Summary:
    with open_store(db) as store:
        return run_cluster(inputs, SETTINGS, store, address, part_size=2, **kwargs)


def test_a_cluster_stores_the_rows_one_process_stores(
        inputs: list[Path], schemas: Callable[[], str], cluster: Cluster,
        reference: tuple[str, Summary]) -> None:
    ref_db, ref = reference
    db = schemas()
    out = io.StringIO()  # --jsonl-out: the workers' lines come back with their counts
    summary = run(inputs, db, cluster.scheduler_address, jsonl_out=out)
    assert statement_rows(db) == statement_rows(ref_db) and statement_rows(db)
    assert sorted(json.loads(line)["article_id"] for line in out.getvalue().splitlines()) \
        == [row[0] for row in article_rows(ref_db)]
    assert article_rows(db) == article_rows(ref_db)
    assert (summary.analyzed, summary.statements) == (ref.analyzed, ref.statements) == \
        (10, ref.statements)
    assert [f.message for f in summary.failures] == [f.message for f in ref.failures]
    assert summary.failures[0].origin == f"{inputs[0]}:5"  # the bad line, by its origin
    assert summary.corpus_entities > 0 and summary.claims_built  # the passes after, as today
    assert corpus_rows(db) == corpus_rows(ref_db)  # its blocks clustered on the workers
    again = run(inputs, db, cluster.scheduler_address)
    assert (again.analyzed, again.unchanged) == (0, 10)


def preloaded() -> bool:
    """On a worker: whether it came with whosaid's preload (imported and the model loaded
    in the forkserver it was forked from), not imported and loaded on its own."""
    import sys

    return "whosaid.usecases.cluster_preload" in sys.modules


def test_local_workers_are_forked_with_whosaid_and_the_model_loaded(cluster: Cluster) -> None:
    with distributed.Client(cluster.scheduler_address) as client:
        ready = client.run(preloaded)
    assert len(ready) == 2 and all(ready.values())


def corpus_rows(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """The corpus tables as stored, without build times."""
    out = {}
    with open_store(db) as store, store.read("read the corpus") as conn:
        for name in store_corpus.CORPUS_TABLES:
            cols = [c for c in schema.metadata.tables[name].columns if c.name != "built_at"]
            out[name] = sorted(tuple(r) for r in conn.execute(
                schema.metadata.tables[name].select().with_only_columns(*cols)))
    return out


def recording(on_dask: Callable[[Any, Any], Iterator[Any]], ran: list[int]
              ) -> Callable[[Any, Any], Iterator[Any]]:
    """A block mapper that runs ``on_dask`` and notes each block's id as its result comes."""

    def counting(job: Any, blocks: Any) -> Iterator[Any]:
        for found in on_dask(job, blocks):
            ran.append(found.block_id)
            yield found

    return counting


def test_the_corpus_pass_clusters_its_blocks_on_the_workers_as_one_process_does(
        tmp_path: Path, watcher: Any) -> None:
    said = "the talks would go on"
    people = [("Olaf Scholz", "Olaf Scholz"), ("Olaf Scholz", "Scholz"),
              ("Olaf Scholes", "Scholes"), ("Vladimir Putin", "Putin"),
              ("Wladimir Putin", "Wladimir Putin"), ("Dmitry Peskov", "Peskov"),
              ("Hunter Biden", "Hunter Biden"), ("Joe Biden", "Biden")]
    db = str(tmp_path / "blocks.db")
    with open_store(db) as store:
        for i in range(12):
            quotes = [(name, text, said, None) for name, text in people[i % 6:i % 6 + 3]]
            store.save(make_analysis(f"art{i:02d}", quotes))
        here = build_corpus_entities(store, block_members=1)
    local = corpus_rows(db)
    ran: list[int] = []
    with open_store(db) as store:
        there = build_corpus_entities(store, block_members=1,
                                      map_blocks=recording(map_blocks_on(watcher), ran))
    assert ran == sorted(ran) and len(ran) >= 4  # the blocks' results, in their order
    assert (there.entities, there.members) == (here.entities, here.members)
    assert corpus_rows(db) == local and local["corpus_members"]


def test_the_claims_pass_clusters_its_speaker_blocks_on_the_workers_as_one_process_does(
        tmp_path: Path, watcher: Any) -> None:
    db = str(tmp_path / "claims.db")
    with open_store(db) as store:
        for a in claim_articles():
            store.save(a)
        here = build_claims(store, block_statements=1)
        local = claim_dump(store)
    ran: list[int] = []
    with open_store(db) as store:
        there = build_claims(store, block_statements=1,
                             map_blocks=recording(map_claim_blocks_on(watcher), ran))
        assert claim_dump(store) == local and local["claims"]
    assert ran == sorted(ran) and len(ran) == here.speakers == 4  # one block a speaker
    assert (there.claims, there.meaning_changed) == (here.claims, here.meaning_changed)


def position_rows(db: str) -> list[tuple[Any, ...]]:
    with open_store(db) as store, store.read("read positions") as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT article_id, statement_id, issue, stance, evidence_text FROM positions "
            "ORDER BY article_id, statement_id, issue, evidence_start"))]


def test_the_workers_find_positions_on_the_databases_own_catalogue(
        inputs: list[Path], schemas: Callable[[], str], cluster: Cluster, analyzer: Any,
        tmp_path: Path) -> None:
    # an imported catalogue replaces the default: the workers must use it, not the packaged one
    catalogue = tmp_path / "issues.jsonl"
    catalogue.write_text(json.dumps({"id": "grain", "label": "Grain",
                                     "keywords": ["grain prices", "grain"]}) + "\n"
                         + json.dumps({"id": "air_defence", "label": "Air defence",
                                       "keywords": ["air defence"]}) + "\n", encoding="utf-8")
    one, many = schemas(), schemas()
    for db in (one, many):
        with open_store(db) as store:
            import_issues(store, catalogue, replace=True)
    with open_store(one) as store:
        run_analyze(inputs, SETTINGS, store, analyzer=analyzer)
    run(inputs, many, cluster.scheduler_address)
    found = position_rows(many)
    assert found == position_rows(one)
    assert {row[2] for row in found} <= {"grain", "air_defence"} and found


def test_on_sqlite_the_client_writes_what_the_workers_analyse(
        inputs: list[Path], tmp_path: Path, cluster: Cluster, watcher: Any,
        reference: tuple[str, Summary]) -> None:
    # local:N keeps glibc's malloc thresholds: Dask's nanny would start each worker with
    # MALLOC_TRIM_THRESHOLD_=65536, and a large buffer then is mapped and unmapped for
    # every article (15% more worker CPU)
    assert set(watcher.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {None}
    db = str(tmp_path / "cluster.db")
    out = io.StringIO()
    summary = run(inputs, db, cluster.scheduler_address, jsonl_out=out)
    assert summary.analyzed == 10 and len(summary.failures) == 1
    assert len(out.getvalue().splitlines()) == 10
    with open_store(db) as store, open_store(reference[0]) as ref:
        assert store.statements() == ref.statements()
    again = run(inputs, db, cluster.scheduler_address)  # the workers told what is stored
    assert (again.analyzed, again.unchanged) == (0, 10)


def kill_a_busy_worker(watcher: Any, killed: list[int]) -> Callable[[], None]:
    """An on_item callback: at the first document back, SIGKILL a worker process that is
    running a task."""

    def on_item() -> None:
        if killed:
            return
        for address, keys in watcher.processing().items():
            if keys:
                pid = watcher.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return

    return on_item


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(
        inputs: list[Path], schemas: Callable[[], str], cluster: Cluster, watcher: Any,
        reference: tuple[str, Summary]) -> None:
    db = schemas()
    killed: list[int] = []
    summary = run(inputs, db, cluster.scheduler_address, on_item=kill_a_busy_worker(watcher,
                                                                                    killed))
    assert killed and not psutil.pid_exists(killed[0])
    assert len(summary.failures) == 1  # only the bad line: the killed tasks ran again
    assert statement_rows(db) == statement_rows(reference[0])
    assert article_rows(db) == article_rows(reference[0])
    with open_store(db) as store:
        assert store.incomplete_articles() == []
    watcher.wait_for_workers(2, timeout=120)  # the nanny started a new one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_gone_mid_run_is_a_cluster_error_and_the_next_run_finishes(
        inputs: list[Path], schemas: Callable[[], str], cluster: Cluster,
        reference: tuple[str, Summary]) -> None:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stderr=subprocess.DEVNULL,
                              start_new_session=True)]
    db = schemas()
    try:
        procs.append(subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            stderr=subprocess.DEVNULL, start_new_session=True))

        def scheduler_dies() -> None:
            if procs[0].poll() is None:
                os.kill(procs[0].pid, signal.SIGKILL)

        with pytest.raises(ClusterError, match=r"lost the Dask cluster .* run the same command"):
            run(inputs, db, address, on_item=scheduler_dies, connect_timeout=30)
    finally:
        for proc in procs:  # the worker's nanny and worker too: a session each
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    with open_store(db) as store:
        stored = store.counts()["articles"]
        assert store.incomplete_articles() == []
    assert 0 < stored < 10
    rerun = run(inputs, db, cluster.scheduler_address)
    assert rerun.unchanged == stored and rerun.analyzed == 10 - stored
    assert statement_rows(db) == statement_rows(reference[0])


def test_bad_cluster_addresses_are_cluster_errors(inputs: list[Path], tmp_path: Path) -> None:
    assert parse_cluster("local:2") == ("local", 2)
    assert parse_cluster("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", 0)
    for bad in ("nonsense", "local:0", "tcp://host", "http://x:8786/path"):
        with pytest.raises(ClusterError, match="--cluster"):
            parse_cluster(bad)
    db = str(tmp_path / "none.db")
    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0"
                                           r"\.1:1"):
        run(inputs, db, "tcp://127.0.0.1:1", connect_timeout=1)
    with open_store(db) as store:
        assert store.counts()["articles"] == 0


def test_cli_refuses_a_bad_cluster_and_an_unreachable_database(inputs: list[Path]) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["analyze", str(inputs[0]), "--cluster", "nonsense", "--db",
                              "unused.db"])
    assert bad.exit_code == 2 and "not a Dask scheduler address" in bad.output
    assert not Path("unused.db").exists()
    gone = runner.invoke(app, ["analyze", str(inputs[0]), "--cluster", "local:1", "--db",
                               "postgresql://postgres@127.0.0.1:1/nowhere"])
    assert gone.exit_code == 1 and "cannot open database" in gone.output
