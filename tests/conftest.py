"""Shared pytest fixtures.

Add new fixtures in their own clearly marked section; keep each section self-contained.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# =======================================================================================
# PostgreSQL (used by tests/store/ and the PostgreSQL runs of other tests)
#
# ``pg_url``: a URL to a fresh, empty database created for one test module on the server
# at ``WHOSAID_TEST_PG`` (default postgresql://postgres@127.0.0.1:5432/test) and dropped
# after it. ``pg_schema_url``: a URL to a fresh, empty schema inside that database, for one
# test (connections get ``search_path`` set to it), dropped after the test.
#
# When the server cannot be reached the tests are skipped, except under ``CI=true``, where
# they fail: CI must not silently lose the PostgreSQL coverage.
# =======================================================================================

PG_DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_base_url() -> str:
    from whosaid.settings import db_url

    return db_url(os.environ.get("WHOSAID_TEST_PG") or PG_DEFAULT_URL)


def _pg_unavailable(reason: str) -> None:
    message = f"PostgreSQL test server unavailable ({reason}); set WHOSAID_TEST_PG"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# =======================================================================================
# Shared data (../shared: PolNeAR, TempEval, the seed's gold file, the scorers)
#
# ``shared_data("data/seed/isw-putin-ceasefire.gold.json")``: the path of a file under
# ../shared. A fresh clone without ../shared skips the test; under ``CI=true`` (where
# ../shared is always there) a missing file fails it, as trafilatura's evaluation gate does.
# =======================================================================================

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Callable[[str], Path]:
    def need(relative: str) -> Path:
        path = SHARED / relative
        if not path.exists():
            message = f"{path} not found (../shared is absent)"
            if IN_CI:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        return path

    return need


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A URL (``postgresql+psycopg://...``) to a fresh database for this test module."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    base = make_url(_pg_base_url())
    name = f"whosaid_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except SQLAlchemyError as exc:
        admin.dispose()
        orig = getattr(exc, "orig", None) or exc
        _pg_unavailable(" ".join(str(orig).split()))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """A URL to a fresh schema (first on ``search_path``) in the module's test database."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


# =======================================================================================
# Analysis (used by the pipeline, seed, CLI and attribution tests)
#
# ``analyzer``: one Analyzer with the real spaCy model, loaded once per session.
# ``analyze_text``: analyse a plain text (with an optional publication date).
# =======================================================================================


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    from whosaid.analysis import Analyzer
    from whosaid.settings import Settings

    return Analyzer(Settings())


@pytest.fixture(scope="session")
def analyze_text(analyzer):  # type: ignore[no-untyped-def]
    from whosaid.analysis import Analyzer
    from whosaid.clean.document import clean_document
    from whosaid.model import SourceDocument
    from whosaid.settings import Settings

    def run(text: str, published: str | None = None):  # type: ignore[no-untyped-def]
        settings = Settings(published=published)
        doc = clean_document(SourceDocument("t", "t.txt", text=text), settings)
        return Analyzer(settings, analyzer.nlp).analyze(doc)

    return run


CHROMIUM = Path("/usr/bin/chromium")  # Debian's (`make browser`)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium through Playwright; skips when it is absent, fails under CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent: run `make browser` (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
