"""What the fault tests share (imported by name: tests/faults is on ``sys.path`` while they
run): a small folder of news articles, ``whosaid`` run as a real process, the checks that a
database is consistent, a SQLite copy and a PostgreSQL database made from a template, and a
private PostgreSQL server that a test may stop and start.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from whosaid.store import corpus as store_corpus
from whosaid.store import open_store, schema

PUBLISHED = "2023-03-14"

# Short news texts whose people and bodies recur across articles, so that the corpus pass
# merges their mentions ("Olaf Scholz", "Chancellor Scholz", "Scholz") into one entity.
ARTICLES: tuple[str, ...] = (
    "Scholz pledges more air defence for Ukraine\n\n"
    "Chancellor Olaf Scholz said on Monday that Germany would send two more air defence "
    "systems to Ukraine before the winter. \"We will not let Kyiv freeze in the dark,\" "
    "Scholz told reporters in Berlin. Defence minister Boris Pistorius said the first "
    "system could arrive within weeks.",
    "Kremlin dismisses talk of a ceasefire\n\n"
    "Kremlin spokesman Dmitry Peskov said on Tuesday that no talks with Kyiv were planned. "
    "\"There is no basis for negotiations at the moment,\" Peskov told journalists. "
    "Russian Foreign Minister Sergei Lavrov accused the West of prolonging the war.",
    "Macron calls for a European defence fund\n\n"
    "French President Emmanuel Macron said on Wednesday that Europe needed a common "
    "defence fund. \"Our security cannot depend on others,\" Macron said in Paris. "
    "Chancellor Olaf Scholz was more cautious, saying the fund would need the support of "
    "every member state.",
    "Blinken meets Kuleba in Washington\n\n"
    "Secretary of State Antony Blinken said on Thursday that the United States would keep "
    "supporting Ukraine \"for as long as it takes\". Ukrainian Foreign Minister Dmytro "
    "Kuleba thanked Blinken and said Kyiv needed more artillery shells. According to a "
    "State Department official, a new aid package would be announced next week.",
    "Peskov rejects reports of troop withdrawal\n\n"
    "Dmitry Peskov, the Kremlin spokesman, denied on Friday that Russian troops were "
    "withdrawing from the east. \"These reports are false,\" he said. Sergei Lavrov later "
    "said that Moscow remained open to talks on its own terms.",
    "European Commission proposes new sanctions\n\n"
    "The European Commission proposed on Monday a twelfth package of sanctions against "
    "Russia. Commission President Ursula von der Leyen said the package would target "
    "Russian diamond exports. \"We are cutting off another source of revenue,\" von der "
    "Leyen told the European Parliament in Strasbourg.",
    "Pistorius announces new tank orders\n\n"
    "German Defence Minister Boris Pistorius said on Tuesday that the army would order 18 "
    "new Leopard tanks. \"We are replacing what we sent to Ukraine,\" Pistorius said. "
    "Chancellor Scholz welcomed the order, his spokesman Steffen Hebestreit said.",
    "Kuleba urges faster deliveries\n\n"
    "Ukrainian Foreign Minister Dmytro Kuleba said on Wednesday that promised weapons were "
    "arriving too slowly. \"Every week of delay costs lives,\" Kuleba told reporters in "
    "Brussels. NATO Secretary General Jens Stoltenberg said allies had agreed to speed up "
    "production.",
    "Stoltenberg warns of a long war\n\n"
    "NATO Secretary General Jens Stoltenberg said on Thursday that the war could last for "
    "years. \"We must be prepared for the long haul,\" Stoltenberg said in an interview. "
    "Antony Blinken said Washington agreed with that assessment.",
    "Lavrov blames the West for grain crisis\n\n"
    "Russian Foreign Minister Sergei Lavrov said on Friday that Western sanctions were "
    "to blame for rising grain prices. \"The West is starving Africa,\" Lavrov claimed at a "
    "news conference in Moscow. Ursula von der Leyen called the claim absurd.",
    "Macron and Scholz meet in Paris\n\n"
    "Emmanuel Macron and Olaf Scholz met in Paris on Saturday. \"France and Germany stand "
    "together,\" Macron said after the meeting. Scholz said the two leaders had agreed on a "
    "joint plan for energy prices, according to his spokesman Steffen Hebestreit.",
    "Von der Leyen visits Kyiv\n\n"
    "European Commission President Ursula von der Leyen arrived in Kyiv on Sunday. "
    "\"Ukraine's future is in the European Union,\" she told President Volodymyr Zelensky. "
    "Zelensky said Ukraine was ready to start accession talks this year.",
    "Zelensky thanks allies for support\n\n"
    "President Volodymyr Zelensky said on Monday that Ukraine was grateful for the new aid. "
    "\"Together we will win,\" Zelensky said in his nightly address. Dmytro Kuleba said the "
    "first shells had already reached the front.",
    "Hebestreit: no decision on long-range missiles\n\n"
    "Government spokesman Steffen Hebestreit said on Tuesday that Chancellor Olaf Scholz had "
    "not decided whether to send long-range missiles. \"The chancellor weighs every step "
    "carefully,\" Hebestreit said. Boris Pistorius declined to comment.",
)

BASE = 6  # the articles analysed (and the corpus built over) before a faulted run


def write_articles(folder: Path, articles: Sequence[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, body in enumerate(articles):
        (folder / f"news-{i:02d}.txt").write_text(body, encoding="utf-8")
    return folder


def corpus_folders(root: Path) -> tuple[Path, Path]:
    """``base/`` (the first articles) and ``all/`` (every article), written under ``root``."""
    return (write_articles(root / "base", ARTICLES[:BASE]),
            write_articles(root / "all", ARTICLES))


# ---------------------------------------------------------------------------------------
# whosaid as a real process

ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "200"}


def whosaid_args(*args: object) -> list[str]:
    return [sys.executable, "-m", "whosaid", *(str(a) for a in args)]


def analyze_args(folder: Path, db: str) -> list[str]:
    return whosaid_args("analyze", folder, "--db", db, "--published", PUBLISHED,
                        "-q", "--no-show")


def run(args: Sequence[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=ENV, timeout=timeout,
                          check=False)


def ok(args: Sequence[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = run(args, timeout)
    assert done.returncode == 0, f"{' '.join(args)} -> {done.returncode}\n{done.stderr}"
    return done


def start(args: Sequence[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=ENV)


def kill9(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGKILL ``proc`` (if still running); its exit status and what it wrote to stderr."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    _out, err = proc.communicate(timeout=60)
    return proc.returncode, err


def corpus_entities(db: str) -> list[dict[str, Any]]:
    """The corpus entities as ``whosaid corpus-entities -f json --members`` lists them, with
    each one's member article entities, sorted, without ids: name, type, aliases, titles,
    counts, articles, statements and members."""
    with open_store(db) as store:
        rows = store_corpus.corpus_entities_rows(store, members=True)
        with store.read("read corpus members") as conn:
            members: dict[str, list[list[str]]] = {}
            for cid, aid, eid in conn.execute(text(
                    "SELECT corpus_entity_id, article_id, entity_id FROM corpus_members "
                    "ORDER BY article_id, entity_id")):
                members.setdefault(cid, []).append([aid, eid])
    for row in rows:
        row["members"] = members.get(row.pop("id"), [])
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


# ---------------------------------------------------------------------------------------
# Consistency


@dataclass
class State:
    """What a database holds after a fault."""

    articles: int
    statements: int
    pending: int
    corpus_entities: int


def check_consistent(db: str) -> State:
    """Assert what must hold whatever point a run was stopped at, and return the counts.

    - every stored article is complete (``Store.incomplete_articles()``), and every row of
      an article's tables belongs to a stored article;
    - on SQLite the full-text rows are exactly the statements';
    - every entity of a stored article is in the corpus or its article is pending (so the
      next corpus update takes it in), and every corpus member is an entity of a stored
      article.
    """
    with open_store(db) as store:
        assert store.incomplete_articles() == []
        with store.read("check consistency") as conn:
            for table in ("entities", "mentions", "statements", "dates", "corpus_members"):
                orphans = conn.execute(text(
                    f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                    "(SELECT 1 FROM articles a WHERE a.id = t.article_id)")).scalar_one()
                assert orphans == 0, f"{orphans} rows of {table} without their article"
            if store.dialect == "sqlite":
                fts = set(conn.execute(text(
                    f"SELECT rowid, statement_id FROM {schema.SQLITE_FTS_TABLE}")).all())
                rows = set(conn.execute(text("SELECT seq, id FROM statements")).all())
                assert fts == rows, "full-text rows differ from the statements"
            outside = conn.execute(text(
                "SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM corpus_members m"
                " WHERE m.article_id = e.article_id AND m.entity_id = e.id) AND NOT EXISTS "
                "(SELECT 1 FROM corpus_pending p WHERE p.article_id = e.article_id)"
            )).scalar_one()
            built = store_corpus.corpus_built(conn)
            assert not built or outside == 0, f"{outside} article entities left out of the corpus"
            stray = conn.execute(text(
                "SELECT count(*) FROM corpus_members m WHERE NOT EXISTS (SELECT 1 FROM entities e"
                " WHERE e.article_id = m.article_id AND e.id = m.entity_id)")).scalar_one()
            assert stray == 0, f"{stray} corpus members that are no article entity"
            pending = len(store_corpus.pending_articles(conn))
            size = conn.execute(text("SELECT count(*) FROM corpus_entities")).scalar_one()
        counts = store.counts()
    return State(counts["articles"], counts["statements"], pending, size)


# ---------------------------------------------------------------------------------------
# Databases: a fresh copy of a prepared one


def copy_sqlite(source: Path, target: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return str(target)


def _admin(url: str) -> Any:
    # no pool: a test may restart the server between two uses
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT",
                         connect_args={"connect_timeout": 5}, poolclass=NullPool)


@contextmanager
def pg_databases(url: str) -> Iterator[Any]:
    """``make(template=None)``: a fresh database on ``url``'s server (a copy of ``template``,
    a database name, when given); yields ``make``, drops every database made on exit."""
    admin = _admin(url)
    made: list[str] = []

    def make(template: str | None = None) -> str:
        name = f"whosaid_fault_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'
                              + (f' TEMPLATE "{template}"' if template else "")))
        made.append(name)
        return make_url(url).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def database_of(url: str) -> str:
    return str(make_url(url).database)


# ---------------------------------------------------------------------------------------
# A private PostgreSQL server (so stopping it disturbs nobody else's tests)


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    """A PostgreSQL server of its own (``initdb`` in a temporary folder, on a free loopback
    port, trust authentication), run as the ``postgres`` user when we are root."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="whosaid-pg-"))
        self.data = self.root / "data"
        self.user: str | None = None

    def why_not(self) -> str | None:
        """Why this machine cannot run one (None when it can)."""
        if self.bin is None:
            return "PostgreSQL's initdb and pg_ctl are not installed"
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                return "runuser is missing (PostgreSQL refuses to run as root)"
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                return "there is no postgres user to run the server as"
            self.user = "postgres"
        return None

    def _cmd(self, *args: str) -> list[str]:
        assert self.bin is not None
        cmd = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else cmd

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(self._cmd(*args), capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr or done.stdout}")

    def init(self) -> None:
        if self.user:
            shutil.chown(self.root, self.user)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.root} -c fsync=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def running(self) -> bool:
        done = subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "status"),
                              capture_output=True, check=False)
        return done.returncode == 0

    def ready(self, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                engine = create_engine(self.url("postgres"), connect_args={"connect_timeout": 2})
                try:
                    with engine.connect() as conn:
                        conn.execute(text("SELECT 1"))
                    return True
                finally:
                    engine.dispose()
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.2)
        return False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def close(self) -> None:
        try:
            if self.data.exists() and self.running():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Prepared databases, made in the test process


def prepare(db: str, folder: Path, analyzer: Any, corpus: bool = True) -> None:
    """Analyse ``folder`` into ``db`` as ``whosaid analyze`` does (with the test session's
    loaded model), then build the corpus."""
    from whosaid.analysis import Analyzer
    from whosaid.corpus import build_corpus_entities
    from whosaid.settings import Settings
    from whosaid.usecases import run_analyze

    settings = Settings(published=PUBLISHED)
    with open_store(db) as store:
        summary = run_analyze([folder], settings, store,
                              analyzer=Analyzer(settings, analyzer.nlp))
        assert not summary.failures, summary.failures
        if corpus:
            build_corpus_entities(store)


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, f"a traceback instead of a message:\n{stderr}"


def save_only(db: str, folder: Path, analyzer: Any) -> None:
    """Store ``folder``'s articles as ``whosaid analyze`` does, without the corpus update
    that follows: what a run killed after its last save leaves (the articles pending)."""
    from whosaid.analysis import Analyzer
    from whosaid.clean import clean_document
    from whosaid.io import read_inputs
    from whosaid.model import EXTRACTOR_VERSION, Failure, article_id_for, text_hash
    from whosaid.settings import Settings

    settings = Settings(published=PUBLISHED)
    with open_store(db) as store:
        docs = []
        for item in read_inputs([folder], settings):
            assert not isinstance(item, Failure), item
            doc = clean_document(item, settings)
            aid = article_id_for(doc.text, doc.url)
            if not store.has_current(aid, text_hash(doc.text), EXTRACTOR_VERSION):
                docs.append(doc)
        for result in Analyzer(settings, analyzer.nlp).analyze_many(docs):
            assert not isinstance(result, Failure), result
            store.save(result)
