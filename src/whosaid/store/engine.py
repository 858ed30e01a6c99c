"""Opening a database: URLs, SQLite connection setup, transactions and error messages.

Every SQLAlchemy or driver error that leaves the store goes through :func:`describe_error`
so that messages are short, name the database, and never show a password.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..settings import db_url


class Transactions(Protocol):
    """The store's public transaction API (:class:`whosaid.store.Store` has it): the query
    modules take an object with these two methods, never the store's internals."""

    def read(self, action: str) -> AbstractContextManager[Connection]: ...

    def write(self, action: str) -> AbstractContextManager[Connection]: ...


# Execution option that asks for a write transaction. On SQLite it makes the store emit
# ``BEGIN IMMEDIATE``: the write lock is taken up front (waiting up to the busy timeout)
# instead of failing half-way through when a reader upgrades to a writer.
WRITE_OPTION = "whosaid_write"

SQLITE_BUSY_TIMEOUT_S = 30.0
PG_CONNECT_TIMEOUT_S = 10
# Connections kept and opened at most: as many as the server's worker threads (anyio's 40),
# so that no request waits for a connection under load (SQLAlchemy's 5 + 10 made the 16
# concurrent readers of bench/load.py queue for one).
POOL: dict[str, Any] = {"pool_size": 10, "max_overflow": 30}

_PASSWORD_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@?#]*:)[^@/?#]*@")
_SA_BACKGROUND = re.compile(r"\s*\(Background on this error at: [^)]*\)")


def mask_password(text: str) -> str:
    """``text`` with the password of any URL in it replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(lambda m: m.group("head") + "***@", text)


def describe_error(exc: BaseException, secret: str | None = None) -> str:
    """A one-line, password-free description of a database error."""
    orig = getattr(exc, "orig", None)
    source: BaseException = orig if isinstance(orig, BaseException) else exc
    message = _SA_BACKGROUND.sub("", str(source))
    if source is exc and isinstance(exc, SQLAlchemyError):
        # SQLAlchemy's own messages append the statement; keep the first line only.
        message = message.split("\n[SQL:", 1)[0]
    message = " ".join(message.split())
    if secret:
        message = message.replace(secret, "***")
    message = mask_password(message)
    return message or type(source).__name__


def _sqlite_lower(value: object) -> object:
    """SQL ``lower()`` for SQLite with Python's Unicode case mapping (the built-in is ASCII)."""
    return value.lower() if isinstance(value, str) else value


def _wal(cursor: sqlite3.Cursor) -> None:
    """Switch a database to WAL. The switch needs the file to itself and SQLite answers
    "database is locked" at once, without the busy timeout, while another connection opens
    the same new file (parallel writers): so retry, up to that timeout. WAL is kept in the
    file, so later connections find it set and skip the switch."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _install_sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module (it does not BEGIN before
        # DDL or SELECT); the "begin" hook below emits BEGIN itself.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            _wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()
        dbapi_conn.create_function("lower", 1, _sqlite_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _check_sqlite_path(url: URL, display: str) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    path = Path(database)
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(
            f"cannot open database {display!r}: directory {str(parent)!r} does not exist"
        )
    if path.is_dir():
        raise StoreError(f"cannot open database {display!r}: it is a directory")


def display_name(url_or_path: str) -> str:
    """How a database is named in messages: as given, without its password."""
    return mask_password(url_or_path)


def make_engine(url_or_path: str) -> tuple[Engine, str]:
    """An engine for a SQLite path or SQLAlchemy URL, and the name to use in messages.

    Nothing is connected yet; SQLite paths whose directory is missing are refused here.
    """
    display = display_name(url_or_path)
    try:
        url = make_url(db_url(url_or_path))
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"cannot open database {display!r}: not a valid database URL or path "
            f"({describe_error(exc)})"
        ) from None
    if url.password:  # also a password the pattern misses, such as an unquoted "p@ss"
        display = display_name(url_or_path.replace(f":{url.password}@", ":***@"))
    kwargs: dict[str, Any] = {}
    backend = url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_path(url, display)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
        if (url.database or "") in ("", ":memory:"):
            # One shared connection, so every checkout sees the same in-memory database.
            kwargs["poolclass"] = StaticPool
        else:
            kwargs |= POOL
    elif backend == "postgresql":
        if "connect_timeout" not in url.query:
            kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
        # A pooled connection may have outlived its server (a restart, a failover, an idle
        # timeout): test it when it is checked out and open a fresh one instead.
        kwargs["pool_pre_ping"] = True
        kwargs |= POOL
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(
            f"cannot open database {display!r}: unsupported database URL "
            f"({describe_error(exc, url.password and str(url.password))})"
        ) from None
    if backend == "sqlite":
        _install_sqlite_events(engine)
    return engine, display


# Errors a database operation can raise, mapped to StoreError at the store's boundary.
DB_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error)

# SQLSTATE classes of a lost or refused connection: connection exception (08), and operator
# intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
_CONNECTION_SQLSTATES = ("08", "57P")


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__)


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` (a StoreError, or the error it was raised from) says the connection
    to the database server was lost or could not be made — a server restarting, say — so
    that the same operation may succeed on a fresh connection a moment later."""
    for cause in _causes(exc):
        if isinstance(cause, DBAPIError):
            if cause.connection_invalidated:
                return True
            orig = cause.orig
            if isinstance(orig, sqlite3.Error) or not isinstance(cause, OperationalError):
                continue
            # psycopg: a connection that could not be made has no SQLSTATE (libpq's own)
            sqlstate = getattr(orig, "sqlstate", "")
            if sqlstate is None or str(sqlstate).startswith(_CONNECTION_SQLSTATES):
                return True
    return False


def database_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is the database's failure rather than one record's: the server is
    gone, the disk is full, the file cannot be written, a lock never came. Every further
    write would fail the same way (unlike a record the database refuses)."""
    return connection_lost(exc) or any(
        isinstance(cause, OperationalError | InterfaceError | sqlite3.OperationalError)
        for cause in _causes(exc))


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success and rolled back on error."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction (one consistent snapshot)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            # READ COMMITTED would give each query of e.g. ``Store.article`` its own snapshot.
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
