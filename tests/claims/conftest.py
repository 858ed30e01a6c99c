"""The claims-over-a-store tests' fixtures: each database test runs on SQLite and on
PostgreSQL (``pg_schema_url`` from tests/conftest.py: skipped when the server is unreachable,
failing under ``CI=true``), and each update test in both of the claims service's modes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from whosaid.claims import service


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite path, or a URL to a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "w.db")
    else:
        yield str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture(params=["exact", "around"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Updates and refreshes as they come (no batch is large enough for a full pass);
    "around" clusters every speaker again only around the new or changed statements."""
    monkeypatch.setattr(service, "FULL_PASS_SHARE", 2.0)
    if request.param == "around":
        monkeypatch.setattr(service, "EXACT_LIMIT", 0)
    return str(request.param)
