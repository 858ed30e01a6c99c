"""The store tests' database: each test runs on SQLite and on PostgreSQL (``pg_schema_url``
from tests/conftest.py: skipped when the server is unreachable, failing under ``CI=true``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from whosaid.store import Store, open_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite path, or a URL to a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "whosaid.db")
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as s:
        yield s
