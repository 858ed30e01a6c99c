"""The store: one database (SQLite or PostgreSQL) behind a public transaction API.

``Store.read(action)`` and ``Store.write(action)`` give a connection inside one transaction,
with database errors mapped to :class:`~whosaid.errors.StoreError` (as datasette's
``Database.execute_fn`` does); the query modules of this package take that connection. The
shapes the read methods return are in the package docstring (:mod:`whosaid.store`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from ..errors import ConfigError, MigrationError, NotFoundError, StoreError, WhosaidError
from ..io.export import statement_json
from ..model import Analysis, Issue, Position, Statement
from . import corrections, filters, migrations, queries, schema, write
from . import positions as position_queries
from .engine import DB_ERRORS, describe_error, make_engine, read_transaction, write_transaction
from .filters import StatementFilter
from .migrations import LATEST_VERSION
from .position_records import positions_by_statement

__all__ = ["Store", "open_store"]


class Store:
    """A whosaid database. Use :func:`open_store` to get one; close it when done
    (or use it as a context manager)."""

    def __init__(self, engine: Engine, display: str) -> None:
        self._engine: Engine | None = engine
        self.display = display  # the database as named in messages (no password)

    # -- plumbing -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database's SQLAlchemy URL, password included: for opening it again in another
        process (the server's writer). Never print it; :attr:`display` is for messages."""
        return self._live_engine().url.render_as_string(hide_password=False)

    @property
    def dialect(self) -> str:
        """``"sqlite"``, ``"postgresql"``, ..."""
        return self._live_engine().dialect.name

    def _live_engine(self) -> Engine:
        if self._engine is None:
            raise StoreError(f"database {self.display!r} is closed")
        return self._engine

    def _password(self) -> str | None:
        password = self._live_engine().url.password
        return str(password) if password else None

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Map database errors raised inside to StoreError naming ``action``."""
        try:
            yield
        except WhosaidError:
            raise
        except DB_ERRORS as exc:
            raise StoreError(
                f"cannot {action} in database {self.display!r}: "
                f"{describe_error(exc, self._password())}"
            ) from exc

    @contextmanager
    def read(self, action: str) -> Iterator[Connection]:
        """A read transaction: ``with store.read("list speakers") as conn: conn.execute(...)``.

        Database errors raised inside come out as :class:`~whosaid.errors.StoreError`
        naming ``action`` and the database (never its password). The store's query modules
        (``whosaid.store.queries``, ``.corpus``, ``.corrections``) take this ``conn``.
        """
        with self._guard(action), read_transaction(self._live_engine()) as conn:
            yield conn

    @contextmanager
    def write(self, action: str) -> Iterator[Connection]:
        """A write transaction, committed when the block ends and rolled back on any error:
        ``with store.write("merge entities") as conn: ...``. On SQLite the write lock is
        taken up front (``BEGIN IMMEDIATE``); errors map as for :meth:`read`."""
        with self._guard(action), write_transaction(self._live_engine()) as conn:
            yield conn

    def close(self) -> None:
        """Release the connections. Further calls raise StoreError."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display!r})"

    # -- schema -------------------------------------------------------------------------

    def version(self) -> int:
        """The database's schema version (0 for an empty database)."""
        with self.read("read the schema version") as conn:
            return migrations.version_of(conn)

    def migrate(self) -> list[int]:
        """Apply the missing migrations, each in its own transaction; returns those applied.

        Raises MigrationError when the database is newer than this whosaid or a migration
        fails (that migration is rolled back; earlier ones stay).
        """
        engine = self._live_engine()
        try:
            return migrations.migrate(lambda: write_transaction(engine))
        except WhosaidError:
            raise
        except DB_ERRORS as exc:
            raise MigrationError(
                f"cannot migrate database {self.display!r}: {describe_error(exc, self._password())}"
            ) from exc

    def check_version(self) -> None:
        """Raise MigrationError unless the schema is exactly the one this code uses."""
        found = self.version()
        if found > LATEST_VERSION:
            raise migrations.newer_error(found)
        if found < LATEST_VERSION:
            raise MigrationError(
                f"database schema version {found} is older than this whosaid "
                f"({LATEST_VERSION}); migrate it first"
            )

    # -- writing ------------------------------------------------------------------------

    def save(self, analysis: Analysis) -> None:
        """Store one analysed article, replacing whatever was stored under its id.

        One transaction: on any error nothing of this article changes (the previous
        version, if any, stays) and StoreError is raised.
        """
        article_id = analysis.article.id
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = write.article_rows(analysis, now)
        with self.write(f"save article {article_id}") as conn:
            write.lock_article(conn, article_id)
            write.delete_article(conn, article_id)
            write.insert_article(conn, rows)
            # Analysts' corrections (whosaid serve) outlive re-analysis: replay them.
            corrections.apply_corrections(conn, article_id)

    def delete(self, article_id: str) -> bool:
        """Delete one article and all its rows; False when it was not stored."""
        with self.write(f"delete article {article_id}") as conn:
            write.lock_article(conn, article_id)
            return write.delete_article(conn, article_id) > 0

    def has_current(self, article_id: str, text_hash: str, extractor: str) -> bool:
        """Whether this article is stored with this text and by this extractor version
        (so a re-run can skip it). A stored article is always complete."""
        a = schema.articles
        query = select(a.c.id).where(
            a.c.id == article_id, a.c.text_hash == text_hash, a.c.extractor == extractor
        )
        with self.read(f"look up article {article_id}") as conn:
            return conn.execute(query).first() is not None

    def current_articles(self, extractor: str) -> set[tuple[str, str]]:
        """(id, text hash) of every article stored by ``extractor``: what :meth:`has_current`
        asks one article at a time, for workers that cannot ask the database
        (``whosaid analyze --cluster`` on SQLite)."""
        a = schema.articles
        with self.read("list the stored articles") as conn:
            rows = conn.execute(select(a.c.id, a.c.text_hash).where(a.c.extractor == extractor))
            return {(str(i), str(h)) for i, h in rows}

    # -- reading ------------------------------------------------------------------------

    def statements(
        self, f: StatementFilter | None = None, *, limit: int | None = None, **fields: Any
    ) -> list[dict[str, Any]]:
        """Statements matching every field of ``f`` (see
        :class:`~whosaid.store.filters.StatementFilter`), at most ``limit`` of them, in the
        shape and order the module docstring gives. The filter's fields may also be given
        as keywords: ``store.statements(speaker="Putin", since="2022-12")``. Raises
        ConfigError for a bad filter."""
        if limit is not None and limit < 0:
            raise ConfigError(f"limit must not be negative, got {limit}")
        try:
            wanted = dataclasses.replace(f or StatementFilter(), **fields)
        except TypeError as exc:
            raise ConfigError(f"not a statement filter: {exc}") from None
        with self.read("query statements") as conn:
            clauses = filters.where(conn, wanted)
            if clauses is None:
                return []
            query = queries.listed_select().where(*clauses).order_by(*queries.listing_order())
            if limit is not None:
                query = query.limit(limit)
            return queries.listed_statements(conn, list(conn.execute(query).mappings()))

    def entities(self, name: str | None = None) -> list[dict[str, Any]]:
        """Entities by (canonical name, type) across articles; ``name`` filters by a
        case-insensitive substring of the name or of any alias."""
        with self.read("query entities") as conn:
            return queries.entity_summaries(conn, name)

    def resolve(self, ref: str) -> str:
        """The id of the article ``ref`` names: an id, a unique id prefix, or a doc_id.

        Raises NotFoundError when nothing matches or the reference is ambiguous.
        """
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no article reference given")
        a = schema.articles
        with self.read(f"look up article {ref}") as conn:
            if conn.execute(select(a.c.id).where(a.c.id == ref)).first() is not None:
                return ref
            by_doc = list(
                conn.execute(select(a.c.id).where(a.c.doc_id == ref).order_by(a.c.id)).scalars()
            )
            if not by_doc:
                by_doc = list(
                    conn.execute(
                        select(a.c.id)
                        .where(a.c.id.startswith(ref, autoescape=True))
                        .order_by(a.c.id)
                        .limit(6)
                    ).scalars()
                )
        if len(by_doc) == 1:
            return str(by_doc[0])
        if not by_doc:
            raise NotFoundError(f"no article {ref!r} in database {self.display!r}")
        shown = ", ".join(by_doc[:5]) + (", ..." if len(by_doc) > 5 else "")
        raise NotFoundError(
            f"article reference {ref!r} is ambiguous: it matches {shown}; give more of the id"
        )

    def article(self, ref: str) -> dict[str, Any]:
        """One article with its statements, entities, dates and furniture (see module doc)."""
        article_id = self.resolve(ref)
        with self.read(f"read article {article_id}") as conn:
            row = (
                conn.execute(select(schema.articles).where(schema.articles.c.id == article_id))
                .mappings()
                .first()
            )
            if row is None:  # deleted since resolve()
                raise NotFoundError(f"no article {ref!r} in database {self.display!r}")
            data = queries.article_dict(row)
            records = queries.article_statements(conn, article_id)
            # in text order (a stable sort: saved order among equal starts)
            records.sort(key=lambda st: st.content.start)
            held = positions_by_statement(conn, [article_id])
            data["statements"] = [statement_json(st, held.get((article_id, st.id), ()))
                                  for st in records]
            data["entities"] = queries.article_entities(conn, article_id)
            data["dates"] = queries.article_dates(conn, article_id)
        return data

    def analysis(self, ref: str) -> Analysis:
        """The stored article as records again (the inverse of :meth:`save`)."""
        article_id = self.resolve(ref)
        with self.read(f"read article {article_id}") as conn:
            return queries.load_analysis(conn, article_id)

    def articles(self) -> list[dict[str, Any]]:
        """A summary row per article, by publication date (undated last) then id."""
        a = schema.articles
        cols = [a.c[k] for k in queries.ARTICLE_SUMMARY_COLUMNS]
        with self.read("list articles") as conn:
            rows = conn.execute(select(*cols).order_by(*queries.article_order())).mappings()
            return [dict(r) | {"analyzed": bool(r["analyzed"])} for r in rows]

    def counts(self) -> dict[str, int]:
        """How many articles, statements and distinct (canonical name, type) entities."""
        e = schema.entities
        distinct_entities = select(e.c.name, e.c.type).distinct().subquery()
        with self.read("count rows") as conn:
            n_articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar()
            n_statements = conn.execute(
                select(func.count()).select_from(schema.statements)
            ).scalar()
            n_entities = conn.execute(select(func.count()).select_from(distinct_entities)).scalar()
        return {
            "articles": int(n_articles or 0),
            "statements": int(n_statements or 0),
            "entities": int(n_entities or 0),
        }

    # -- positions and events (the surfaces' reads: whosaid.store.positions) ------------

    def issues(self) -> tuple[Issue, ...]:
        """The stored issue catalogue, in its order (empty until first seeded)."""
        return position_queries.catalogue(self)

    def set_issues(self, issues: tuple[Issue, ...], *, replace: bool) -> tuple[Issue, ...]:
        """Store an issue catalogue: in place of the stored one (``replace``) or added to it
        (an issue of a stored id is updated in place). Returns the catalogue now stored."""
        with self.write("store the issue catalogue") as conn:
            return position_queries.write_issues(conn, issues, replace)

    def replace_positions(self, article_id: str, positions: tuple[Position, ...],
                          statements: tuple[Statement, ...]) -> None:
        """Put ``positions`` in place of one article's stored positions (its events stay)."""
        with self.write(f"store the positions of article {article_id}") as conn:
            write.lock_article(conn, article_id)
            position_queries.replace_positions(conn, article_id, positions, statements)

    def positions(self, entity: str, issue: str | None = None, since: str | None = None,
                  until: str | None = None, held_by: Collection[str] | None = None
                  ) -> list[dict[str, Any]]:
        """An entity's positions in time order (:func:`.positions.positions_for`)."""
        return position_queries.positions_for(self, entity, issue, since, until, held_by)

    def events(self, entity: str | None = None, limit: int | None = None
               ) -> list[dict[str, Any]]:
        """Events in time order, an entity's when given (:func:`.positions.events_list`)."""
        return position_queries.events_list(self, entity, limit)

    def event(self, ref: str) -> dict[str, Any]:
        """One event with its statements (:func:`.positions.event_detail`)."""
        return position_queries.event_detail(self, ref)

    def incomplete_articles(self) -> list[str]:
        """Ids of articles whose stored statements do not number ``statement_count``
        (always empty unless the database was changed outside whosaid)."""
        a, s = schema.articles, schema.statements
        n = (
            select(func.count())
            .select_from(s)
            .where(and_(s.c.article_id == a.c.id))
            .scalar_subquery()
        )
        with self.read("check articles") as conn:
            return list(
                conn.execute(
                    select(a.c.id).where(a.c.statement_count != n).order_by(a.c.id)
                ).scalars()
            )


def open_store(url_or_path: str, *, migrate: bool = True) -> Store:
    """Open a database: a SQLite path (its directory must exist) or a SQLAlchemy URL
    (``postgresql://`` is read as ``postgresql+psycopg://``).

    With ``migrate`` (the default) the schema is brought up to date; without it the schema
    must already be current. Raises StoreError when the database cannot be opened and
    MigrationError when its schema is newer than this whosaid.
    """
    engine, display = make_engine(url_or_path)
    store = Store(engine, display)
    try:
        try:
            with engine.connect():
                pass
        except DB_ERRORS as exc:
            raise StoreError(
                f"cannot open database {display!r}: {describe_error(exc, store._password())}"
            ) from None
        if migrate:
            store.migrate()
        else:
            store.check_version()
    except BaseException:
        store.close()
        raise
    return store
