"""Opening SQLite and PostgreSQL databases, and the errors when they cannot be opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from storekit import make_analysis
from whosaid.errors import StoreError
from whosaid.settings import db_url
from whosaid.store import open_store


def test_sqlite_setup(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(str(path)) as s:
        assert s.dialect == "sqlite"
        engine = create_engine(db_url(str(path)))
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        engine.dispose()
    with open_store(":memory:") as mem:
        mem.save(make_analysis())
        assert mem.counts()["statements"] == 3


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory .* does not exist") as info:
        open_store(str(tmp_path / "missing" / "w.db"))
    assert not (tmp_path / "missing").exists()
    assert "missing" in str(info.value)

    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a SQLite database, just some text" * 20)
    with pytest.raises(StoreError, match="cannot open database .*junk.db.*not a database"):
        open_store(str(junk))

    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("nosuchdb://host/db")

    with pytest.raises(StoreError) as refused:
        open_store("postgresql://someone:hunter2secret@127.0.0.1:1/whosaid")
    message = str(refused.value)
    assert message.startswith("cannot open database 'postgresql://someone:***@127.0.0.1:1/")
    assert "refused" in message.lower()
    assert "hunter2secret" not in message


def test_closed_store(tmp_path: Path) -> None:
    s = open_store(str(tmp_path / "w.db"))
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.counts()


@pytest.mark.postgres
def test_postgres_errors(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    missing = url.set(database="whosaid_no_such_db").render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="cannot open database .*whosaid_no_such_db"):
        open_store(missing)
    wrong = url.set(username="no_such_user_x", password="pw-secret-1")
    with pytest.raises(StoreError) as info:
        open_store(wrong.render_as_string(hide_password=False))
    assert "pw-secret-1" not in str(info.value)
    assert "no_such_user_x:***@" in str(info.value)
