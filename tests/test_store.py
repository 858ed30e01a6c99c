"""Tests of the storage layer (whosaid.store) on SQLite and on PostgreSQL.

PostgreSQL tests use the ``pg_schema_url`` fixture from conftest.py: they are skipped when
the server is unreachable, and fail instead under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text

from whosaid.errors import ConfigError, MigrationError, NotFoundError, StoreError
from whosaid.model import (
    Analysis,
    Article,
    Cue,
    DateExpr,
    Entity,
    Mention,
    SaidOn,
    Span,
    Statement,
    text_hash,
)
from whosaid.settings import db_url
from whosaid.store import LATEST_VERSION, Store, open_store, schema
from whosaid.store.write import date_bounds

# ---------------------------------------------------------------------------------------
# A small factory of hand-made analyses

FURNITURE = "Advertisement\n"

# (speaker's canonical name, the mention's text, content, said_on value or None)
Quote = tuple[str, str, str, str | None]

DEFAULT_QUOTES: tuple[Quote, ...] = (
    ("Vladimir Putin", "Putin", "the ceasefire would hold through the holidays", "2022-12-02"),
    ("Dmitry Peskov", "Peskov", "talks with Kyiv were not planned", "2022-12"),
    ("Vladimir Putin", "the Russian president", "the army had enough shells", None),
)


def make_analysis(
    article_id: str = "art1",
    quotes: Sequence[Quote] = DEFAULT_QUOTES,
    *,
    doc_id: str | None = None,
    published: str | None = "2022-12-02",
    title: str | None = "Putin and the ceasefire",
    extra_aliases: dict[str, tuple[str, ...]] | None = None,
) -> Analysis:
    """An analysis of a made-up article with one "X said on Friday that Y." per quote.

    Entity ids ("e0", "e1", ...) and statement ids ("s0", ...) are deliberately only
    unique within the article, as an analysis may make them.
    """
    parts: list[str] = [FURNITURE]
    pos = len(FURNITURE)
    entity_ids: dict[str, str] = {}
    entity_mentions: dict[str, list[Mention]] = {}
    entity_aliases: dict[str, list[str]] = {}
    statements: list[Statement] = []
    dates: list[DateExpr] = []

    def add(chunk: str) -> Span:
        nonlocal pos
        span = Span(pos, pos + len(chunk), chunk)
        parts.append(chunk)
        pos += len(chunk)
        return span

    for i, (name, mention_text, content, said_on) in enumerate(quotes):
        eid = entity_ids.setdefault(name, f"e{len(entity_ids)}")
        m_span = add(mention_text)
        mention = Mention(m_span.start, m_span.end, m_span.text, eid, name)
        entity_mentions.setdefault(name, []).append(mention)
        aliases = entity_aliases.setdefault(name, [])
        if mention_text not in aliases:
            aliases.append(mention_text)
        add(" ")
        c_span = add("said")
        cue = Cue(c_span.start, c_span.end, c_span.text, "say")
        add(" on ")
        d_span = add("Friday")
        add(" that ")
        content_span = add(content)
        add(". ")
        said = SaidOn(said_on, "day", "text", d_span) if said_on else None
        if said_on:
            dates.append(DateExpr(d_span.start, d_span.end, d_span.text, "DATE", said_on, "day"))
        relays: tuple[Mention, ...] = ()
        addressee = None
        if i == 0:
            r_span = add("Interfax")
            relays = (Mention(r_span.start, r_span.end, r_span.text, None, None, "agency"),)
            add(" reported. ")
            a_span = add("reporters")
            addressee = Mention(a_span.start, a_span.end, a_span.text)
            add(" listened. ")
        statements.append(
            Statement(
                id=f"s{i}",
                article_id=article_id,
                kind="indirect",
                content=content_span,
                fragments=((content_span.start, content_span.end),),
                speaker=mention,
                cue=cue,
                addressee=addressee,
                relays=relays,
                said_on=said,
                confidence=0.75,
            )
        )
    body = "".join(parts)
    entities = tuple(
        Entity(
            id=eid,
            name=name,
            type="PERSON",
            aliases=tuple(entity_aliases[name]) + (extra_aliases or {}).get(name, ()),
            mentions=tuple(entity_mentions[name]),
            titles=("president",) if name == "Vladimir Putin" else (),
        )
        for name, eid in entity_ids.items()
    )
    article = Article(
        id=article_id,
        doc_id=doc_id or f"doc-{article_id}",
        origin=f"/news/{article_id}.txt",
        text=body,
        text_hash=text_hash(body),
        language="en",
        furniture=(Span(0, len(FURNITURE) - 1, FURNITURE.strip()),),
        url=f"https://example.com/{article_id}",
        title=title,
        published=published,
        site="example.com",
        author="A. Writer",
    )
    return Analysis(article, entities, tuple(statements), tuple(dates))


# ---------------------------------------------------------------------------------------
# Fixtures


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


def table_counts(db: str) -> dict[str, int]:
    """Rows per table, read with a separate engine."""
    engine = create_engine(db_url(db))
    try:
        with engine.connect() as conn:
            counts = {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                for t in schema.ARTICLE_TABLES
            }
            if engine.dialect.name == "sqlite":
                counts["statements_fts"] = int(
                    conn.execute(text("SELECT count(*) FROM statements_fts")).scalar() or 0
                )
        return counts
    finally:
        engine.dispose()


STATEMENT_KEYS = {
    "id",
    "article_id",
    "doc_id",
    "article_title",
    "published",
    "kind",
    "mode",
    "content",
    "content_start",
    "content_end",
    "fragments",
    "speaker",
    "speaker_entity",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_lemma",
    "cue_start",
    "cue_end",
    "addressee",
    "addressee_entity",
    "addressee_start",
    "addressee_end",
    "relays",
    "said_on",
    "said_on_precision",
    "said_on_source",
    "confidence",
    "extractor",
}


def contents(rows: list[dict[str, object]]) -> list[str]:
    return [str(r["content"]) for r in rows]


# ---------------------------------------------------------------------------------------
# Round trips


def test_round_trip(store: Store) -> None:
    analysis = make_analysis()
    store.save(analysis)
    assert store.analysis("art1") == analysis

    art = store.article("art1")
    json.dumps(art)  # JSON-ready
    assert art["id"] == "art1"
    assert art["text"] == analysis.article.text
    assert art["furniture"] == [{"start": 0, "end": 13, "text": "Advertisement"}]
    assert art["analyzed"] is True
    assert art["statement_count"] == 3
    assert art["extractor"] == analysis.extractor
    assert art["analyzed_at"]
    assert [d["value"] for d in art["dates"]] == ["2022-12-02", "2022-12"]
    putin = art["entities"][0]
    assert putin["name"] == "Vladimir Putin"
    assert putin["titles"] == ["president"]
    assert putin["aliases"] == [
        {"alias": "Putin", "count": 1},
        {"alias": "the Russian president", "count": 1},
    ]
    assert [m["text"] for m in putin["mentions"]] == ["Putin", "the Russian president"]

    stmts = art["statements"]
    assert [s["id"] for s in stmts] == ["s0", "s1", "s2"]
    first = stmts[0]
    assert set(first) == STATEMENT_KEYS
    text_ = analysis.article.text
    assert first["content"] == text_[first["content_start"] : first["content_end"]]
    assert first["content"] == "the ceasefire would hold through the holidays"
    assert first["fragments"] == [[first["content_start"], first["content_end"]]]
    assert first["speaker"] == "Putin"
    assert first["speaker_entity"] == "Vladimir Putin"
    assert first["cue"] == "said" and first["cue_lemma"] == "say"
    assert text_[first["speaker_start"] : first["speaker_end"]] == "Putin"
    assert text_[first["cue_start"] : first["cue_end"]] == "said"
    assert text_[first["addressee_start"] : first["addressee_end"]] == "reporters"
    assert first["addressee"] == "reporters" and first["addressee_entity"] is None
    assert first["relays"] == ["Interfax"]
    assert first["said_on"] == "2022-12-02"
    assert first["said_on_precision"] == "day" and first["said_on_source"] == "text"
    assert first["confidence"] == 0.75
    assert first["doc_id"] == "doc-art1" and first["article_title"] == "Putin and the ceasefire"
    assert stmts[2]["said_on"] is None

    assert store.statements() == stmts
    json.dumps(store.statements())


def test_skipped_article_round_trip(store: Store) -> None:
    base = make_analysis("skip1", quotes=())
    skipped = replace(
        base,
        article=replace(base.article, language="de", analyzed=False, skip_reason="not English"),
    )
    store.save(skipped)
    assert store.analysis("skip1") == skipped
    (row,) = store.articles()
    assert row == {
        "id": "skip1",
        "doc_id": "doc-skip1",
        "title": "Putin and the ceasefire",
        "published": "2022-12-02",
        "language": "de",
        "analyzed": False,
        "skip_reason": "not English",
        "statement_count": 0,
    }


def test_resave_does_not_duplicate(store: Store, db: str) -> None:
    analysis = make_analysis()
    store.save(analysis)
    before = table_counts(db)
    store.save(analysis)
    store.save(analysis)
    assert table_counts(db) == before
    assert before["statements"] == 3 and before["relays"] == 1 and before["aliases"] == 3
    assert store.counts() == {"articles": 1, "statements": 3, "entities": 2}
    assert store.analysis("art1") == analysis
    assert len(store.statements(about="ceasefire")) == 1


def test_update_replaces(store: Store, db: str) -> None:
    old = make_analysis()
    store.save(old)
    new = make_analysis(quotes=[("Olaf Scholz", "Scholz", "gas prices must fall", "2023-01-05")])
    store.save(new)
    assert store.analysis("art1") == new
    assert store.statements(about="ceasefire") == []
    assert contents(store.statements(about="gas")) == ["gas prices must fall"]
    assert [e["name"] for e in store.entities()] == ["Olaf Scholz"]
    counts = table_counts(db)
    assert counts["statements"] == 1 and counts["entities"] == 1
    assert counts.get("statements_fts", 1) == 1
    assert not store.has_current("art1", old.article.text_hash, old.extractor)
    assert store.has_current("art1", new.article.text_hash, new.extractor)


def test_has_current(store: Store) -> None:
    analysis = make_analysis()
    h = analysis.article.text_hash
    assert not store.has_current("art1", h, analysis.extractor)
    store.save(analysis)
    assert store.has_current("art1", h, analysis.extractor)
    assert not store.has_current("art1", h, "whosaid-rules-v2")
    assert not store.has_current("art1", "0" * 64, analysis.extractor)
    assert not store.has_current("art2", h, analysis.extractor)


def test_delete(store: Store, db: str) -> None:
    store.save(make_analysis("art1"))
    store.save(make_analysis("art2"))
    assert store.delete("art1") is True
    assert store.delete("art1") is False
    assert [a["id"] for a in store.articles()] == ["art2"]
    counts = table_counts(db)
    assert counts["statements"] == 3 and counts.get("statements_fts", 3) == 3


# ---------------------------------------------------------------------------------------
# Queries


def test_about_full_text(store: Store) -> None:
    store.save(make_analysis("art1"))
    store.save(
        make_analysis(
            "art2", quotes=[("Olaf Scholz", "Scholz", "the CEASEFIRE talks failed", None)]
        )
    )
    found = store.statements(about="ceasefire")
    assert sorted(contents(found)) == [
        "the CEASEFIRE talks failed",
        "the ceasefire would hold through the holidays",
    ]
    assert contents(store.statements(about="ceasefire holidays")) == [
        "the ceasefire would hold through the holidays"
    ]
    # Stemming: "ceasefires" and "holiday" find "ceasefire ... holidays".
    assert len(store.statements(about="ceasefires holiday")) == 1
    # Only the content is searched, not the speaker.
    assert store.statements(about="Peskov") == []
    assert store.statements(about="ceasefire", speaker="scholz")[0]["speaker"] == "Scholz"
    # The user's words are terms, never query syntax.
    for nasty in ['"', "ceasefire AND OR NOT", "NEAR(a b)", "'; DROP TABLE statements; --", "*"]:
        store.statements(about=nasty)
    assert contents(store.statements(about='ceasefire" talks')) == ["the CEASEFIRE talks failed"]
    assert store.statements(about="") == []
    assert store.statements(about="nothing-like-this-anywhere") == []


def test_speaker_search(store: Store) -> None:
    store.save(make_analysis(extra_aliases={"Vladimir Putin": ("Vladimir Vladimirovich",)}))
    # Canonical name, case-insensitive substring.
    assert len(store.statements(speaker="vladimir putin")) == 2
    assert len(store.statements(speaker="PUTIN")) == 2
    # An alias of the speaker entity that neither the name nor the mention contains.
    assert len(store.statements(speaker="vladimirovich")) == 2
    # An alias matches every statement of the entity, whatever the mention said.
    assert len(store.statements(speaker="russian pres")) == 2
    assert contents(store.statements(speaker="peskov")) == ["talks with Kyiv were not planned"]
    assert store.statements(speaker="Scholz") == []
    # The mention text alone, for a speaker the analysis did not resolve to an entity.
    analysis = make_analysis("art2")
    last = analysis.statements[2]
    assert last.speaker is not None
    unresolved = replace(last.speaker, text="a senior official", entity_id=None, entity=None)
    store.save(
        replace(analysis, statements=(*analysis.statements[:2], replace(last, speaker=unresolved)))
    )
    found = store.statements(speaker="SENIOR off")
    assert [(s["article_id"], s["speaker"], s["speaker_entity"]) for s in found] == [
        ("art2", "a senior official", None)
    ]
    # LIKE wildcards are literal.
    assert store.statements(speaker="%") == []
    assert store.statements(speaker="P_tin") == []


def test_speaker_search_unicode(store: Store) -> None:
    store.save(make_analysis(quotes=[("Ümit Şahin", "Şahin", "prices rose", None)]))
    assert len(store.statements(speaker="şahin")) == 1
    assert len(store.statements(speaker="ÜMIT")) == 1
    assert [e["name"] for e in store.entities("ŞAHIN")] == ["Ümit Şahin"]


def test_since_until(store: Store) -> None:
    quotes = [
        ("A", "A", "day in december", "2022-12-02"),
        ("B", "B", "month of december", "2022-12"),
        ("C", "C", "partial date", "XXXX-12-02"),
        ("D", "D", "undated", None),
        ("E", "E", "january", "2023-01-05T10:00"),
        ("F", "F", "the year", "2022"),
        ("G", "G", "a week", "2022-W48"),
    ]
    store.save(make_analysis(quotes=quotes))

    def found(since: str | None = None, until: str | None = None) -> list[str]:
        return sorted(contents(store.statements(since=since, until=until)))

    assert found(since="2022-12-01", until="2022-12-31") == sorted(
        ["day in december", "month of december"]
    )
    assert found(since="2022-12-15") == ["january"]
    assert found(until="2022-12-31") == sorted(
        ["day in december", "month of december", "the year", "a week"]
    )
    assert found(since="2022-11-28", until="2022-12-04") == sorted(["a week", "day in december"])
    assert found(since="2022", until="2022") == sorted(
        ["day in december", "month of december", "the year", "a week"]
    )
    assert found(since="2022-12") == sorted(["day in december", "month of december", "january"])
    assert "partial date" not in found(since="0001-01-01")
    for bad in ("yesterday", "2022-13-01", "12/02/2022", "XXXX-12-02"):
        with pytest.raises(ConfigError, match="invalid since date"):
            store.statements(since=bad)


def test_article_filter_and_order(store: Store) -> None:
    store.save(make_analysis("bbb222", doc_id="second", published="2022-12-05"))
    store.save(make_analysis("aaa111", doc_id="first", published="2022-12-01"))
    store.save(make_analysis("ccc333", doc_id="undated", published=None))
    ids = [(s["article_id"], s["id"]) for s in store.statements()]
    assert ids == [(a, s) for a in ("aaa111", "bbb222", "ccc333") for s in ("s0", "s1", "s2")]
    assert {s["article_id"] for s in store.statements(article="bbb")} == {"bbb222"}
    assert {s["article_id"] for s in store.statements(article="first")} == {"aaa111"}
    assert {s["article_id"] for s in store.statements(article="ccc333")} == {"ccc333"}
    assert store.statements(article="zzz") == []
    assert len(store.statements(limit=4)) == 4
    assert [a["id"] for a in store.articles()] == ["aaa111", "bbb222", "ccc333"]


def test_article_lookup(store: Store) -> None:
    store.save(make_analysis("abc123", doc_id="report-1"))
    store.save(make_analysis("abd456", doc_id="report-2"))
    assert store.article("abc123")["id"] == "abc123"
    assert store.article("abc")["id"] == "abc123"
    assert store.article("report-2")["id"] == "abd456"
    with pytest.raises(NotFoundError, match="ambiguous.*abc123, abd456"):
        store.article("ab")
    with pytest.raises(NotFoundError, match="no article 'zzz'"):
        store.article("zzz")
    with pytest.raises(NotFoundError):
        store.article("a%")


def test_entities(store: Store) -> None:
    store.save(make_analysis("art1", extra_aliases={"Vladimir Putin": ("Vladimir Vladimirovich",)}))
    store.save(make_analysis("art2"))
    everyone = store.entities()
    json.dumps(everyone)
    assert [(e["name"], e["type"]) for e in everyone] == [
        ("Dmitry Peskov", "PERSON"),
        ("Vladimir Putin", "PERSON"),
    ]
    putin = everyone[1]
    assert putin == {
        "name": "Vladimir Putin",
        "type": "PERSON",
        "aliases": [
            {"alias": "Putin", "count": 2},
            {"alias": "Vladimir Vladimirovich", "count": 0},
            {"alias": "the Russian president", "count": 2},
        ],
        "articles": 2,
        "statements": 4,
        "mentions": 4,
    }
    assert [e["name"] for e in store.entities("vladimirovich")] == ["Vladimir Putin"]
    assert [e["name"] for e in store.entities("PESK")] == ["Dmitry Peskov"]
    assert store.entities("nobody") == []
    assert store.counts() == {"articles": 2, "statements": 6, "entities": 2}


# ---------------------------------------------------------------------------------------
# Migrations


def test_migrate_is_idempotent(store: Store, db: str) -> None:
    assert store.version() == LATEST_VERSION
    assert store.migrate() == []
    store.save(make_analysis())
    with open_store(db) as again:
        assert again.migrate() == []
        assert again.counts()["statements"] == 3


def test_newer_schema_is_refused(store: Store, db: str) -> None:
    engine = create_engine(db_url(db))
    with engine.begin() as conn:
        conn.execute(
            insert(schema.schema_version).values(
                version=7, description="from the future", applied_at="2030-01-01T00:00:00"
            )
        )
    engine.dispose()
    message = re.escape(
        f"database schema version 7 is newer than this whosaid ({LATEST_VERSION}); upgrade whosaid"
    )
    with pytest.raises(MigrationError, match=message):
        open_store(db)
    with pytest.raises(MigrationError, match=message):
        store.migrate()
    with pytest.raises(MigrationError, match="newer"):
        open_store(db, migrate=False)


def test_unmigrated_database_without_migrate(db: str) -> None:
    with pytest.raises(MigrationError, match="version 0 is older"):
        open_store(db, migrate=False)
    with open_store(db) as s:
        assert s.version() == LATEST_VERSION


def test_migration_backfills_full_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Statements stored at version 1 become searchable when migration 2 runs (SQLite)."""
    from whosaid.store import migrations
    from whosaid.store.engine import make_engine, write_transaction
    from whosaid.store.write import article_rows

    path = str(tmp_path / "old.db")
    engine, _ = make_engine(path)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        assert migrations.migrate(lambda: write_transaction(engine)) == [1]
    rows = article_rows(make_analysis(), "2024-01-01T00:00:00+00:00")
    with write_transaction(engine) as conn:
        conn.execute(insert(schema.articles), [rows.article])
        conn.execute(insert(schema.statements), rows.statements)
    engine.dispose()
    with open_store(path) as s:
        assert s.version() == LATEST_VERSION
        assert contents(s.statements(about="ceasefire")) == [
            "the ceasefire would hold through the holidays"
        ]


def test_corpus_built_before_migration_5_gets_its_keys_from_the_corpus_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus built at version 4: migration 5 makes the keys table only (derived data is
    not a migration's), and the corpus pass files the corpus the first time it looks a name
    up, so new articles find its corpus entities."""
    from whosaid.corpus import service as corpus_service
    from whosaid.store import migrations
    from whosaid.store.engine import make_engine, write_transaction

    path = str(tmp_path / "v4.db")
    engine, _ = make_engine(path)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        assert migrations.migrate(lambda: write_transaction(engine)) == [1, 2, 3, 4]
    with write_transaction(engine) as conn:
        conn.execute(insert(schema.corpus_entities).values(
            id="ce1", name="Olaf Scholz", type="PERSON", mentions=3, articles=2, statements=1,
            titles="[]", built_at="2024-01-01T00:00:00+00:00"))
        conn.execute(insert(schema.corpus_aliases), [
            {"corpus_entity_id": "ce1", "alias": "Olaf Scholz", "count": 2},
            {"corpus_entity_id": "ce1", "alias": "Scholz", "count": 1}])
    engine.dispose()
    with open_store(path) as s:
        assert s.version() == LATEST_VERSION
        with s.read("keys") as conn:
            assert conn.execute(select(schema.corpus_keys)).first() is None
        with s.write("keys") as conn:
            assert corpus_service.could_hold(conn, {("Olaf Scholes", "PERSON")}) == {"ce1"}
            assert corpus_service.could_hold(conn, {("Angela Merkel", "PERSON")}) == set()
            owners = set(conn.execute(select(schema.corpus_keys.c.corpus_entity_id)).scalars())
            assert owners == {"ce1"}


# ---------------------------------------------------------------------------------------
# Atomicity and crashes


def test_failed_save_leaves_previous_rows(store: Store, db: str) -> None:
    good = make_analysis()
    store.save(good)
    before = table_counts(db)
    # Two statements with one id violate the (article_id, id) key half-way through the save,
    # after the old rows are deleted and the new article, entities and mentions inserted.
    changed = with_duplicate_statement_ids(
        make_analysis(quotes=[("Olaf Scholz", "Scholz", "gas prices must fall", None)] * 2)
    )
    with pytest.raises(StoreError, match="cannot save article art1"):
        store.save(changed)
    assert table_counts(db) == before
    assert store.analysis("art1") == good
    assert len(store.statements(about="ceasefire")) == 1
    assert store.statements(about="gas") == []

    # A new article that fails leaves nothing at all.
    with pytest.raises(StoreError):
        store.save(with_duplicate_statement_ids(make_analysis("art2")))
    assert [a["id"] for a in store.articles()] == ["art1"]
    assert table_counts(db) == before


def test_concurrent_writers(db: str) -> None:
    """Writers in several threads, each with its own store, neither fail nor mix articles."""

    def write(worker: int) -> None:
        with open_store(db) as s:
            for i in range(8):
                s.save(make_analysis(f"w{worker}-{i}"))
                s.save(make_analysis(f"shared-{i}"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))
    with open_store(db) as s:
        assert s.counts() == {"articles": 40, "statements": 120, "entities": 2}
        assert s.incomplete_articles() == []


def with_duplicate_statement_ids(analysis: Analysis) -> Analysis:
    first, *rest = analysis.statements
    return replace(analysis, statements=(first, *(replace(st, id=first.id) for st in rest)))


def test_inconsistent_analysis_is_refused(store: Store) -> None:
    analysis = make_analysis()
    bad = replace(analysis, statements=(replace(analysis.statements[0], article_id="other"),))
    with pytest.raises(StoreError, match="belongs to article other"):
        store.save(bad)
    assert store.articles() == []


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from sqlalchemy import event
    from test_store import make_analysis, DEFAULT_QUOTES
    from whosaid.store import open_store

    SELF_KILL_AT = int(sys.argv[3])  # -1: wait for the parent's SIGKILL
    quotes = list(DEFAULT_QUOTES) * 40
    current = 0

    def maybe_die(conn, cursor, statement, *args):
        # Die inside the transaction, after the article's statements are inserted.
        if current == SELF_KILL_AT and statement.startswith("INSERT INTO statements "):
            os.kill(os.getpid(), signal.SIGKILL)

    with open_store(sys.argv[1]) as store:
        event.listen(store._live_engine(), "after_cursor_execute", maybe_die)
        for current in range(1_000_000):
            store.save(make_analysis(f"art{current:06d}", quotes))
            if current == 0:
                print("saving", flush=True)
    """
)


@pytest.mark.parametrize("self_kill_at", [-1, 5], ids=["killed-by-parent", "killed-mid-save"])
def test_killed_writer_leaves_consistent_database(tmp_path: Path, self_kill_at: int) -> None:
    """SIGKILL while saving articles in a loop: every stored article is complete."""
    path = tmp_path / "killed.db"
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    args = [str(path), str(Path(__file__).parent), str(self_kill_at)]
    with subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stderr is not None
            line = proc.stdout.readline()
            assert line.strip() == b"saving", proc.stderr.read().decode()
            if self_kill_at < 0:
                time.sleep(0.8)  # about 100 articles of 120 statements each
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    with open_store(str(path)) as store:
        stored = store.articles()
        assert len(stored) >= 1
        if self_kill_at >= 0:
            assert [a["id"] for a in stored] == [f"art{i:06d}" for i in range(self_kill_at)]
        assert store.incomplete_articles() == []
        assert all(a["statement_count"] == 120 for a in stored)
        counts = store.counts()
        assert counts["statements"] == 120 * len(stored)
        rows = table_counts(str(path))
        assert rows["statements_fts"] == rows["mentions"] == rows["statements"]
        assert rows["relays"] == len(stored) and rows["dates"] == 80 * len(stored)
        # The interrupted batch can be completed: the next save of each article works.
        store.save(make_analysis("art999999", list(DEFAULT_QUOTES) * 40))
        assert store.incomplete_articles() == []


# ---------------------------------------------------------------------------------------
# Opening databases


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


# ---------------------------------------------------------------------------------------
# Units


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2022-12-02", ("2022-12-02", "2022-12-02")),
        ("2022-12-02T10:30", ("2022-12-02", "2022-12-02")),
        ("2022-12", ("2022-12-01", "2022-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022", ("2022-01-01", "2022-12-31")),
        ("2022-W48", ("2022-11-28", "2022-12-04")),
        ("2022-W48-WE", ("2022-12-03", "2022-12-04")),
        ("2022-Q4", ("2022-10-01", "2022-12-31")),
        ("2022-SU", ("2022-06-01", "2022-08-31")),
        ("2022-WI", ("2022-12-01", "2023-02-28")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("XXXX-12-02", None),
        ("2022-13", None),
        ("2022-02-30", None),
        ("P3D", None),
        ("PRESENT_REF", None),
        ("", None),
        (None, None),
    ],
)
def test_date_bounds(value: str | None, bounds: tuple[str, str] | None) -> None:
    assert date_bounds(value) == bounds
