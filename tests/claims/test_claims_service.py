"""The claims pass over a store: an update gives what a full rebuild gives (claims, versions,
drift flags, edges, ids, copy groups), whether articles come one at a time or in a batch,
when one is analysed again, and with a corpus; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from whosaid.claims import service
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import build_corpus_entities, keep_corpus
from whosaid.model import (
    Analysis,
    Article,
    Cue,
    Entity,
    Mention,
    Span,
    Statement,
    content_id,
    text_hash,
)
from whosaid.store import Store, open_store, schema
from whosaid.store import claims as store_claims

BODY = ("The talks in Istanbul were the first in months, and officials on both sides said the "
        "delegations met for several hours behind closed doors before leaving the palace "
        "without a statement to the press waiting outside in the rain. ")

# (speaker or None, content, relays, kind)
Quote = tuple[str | None, str, tuple[str, ...], str]

READY = "We are ready for talks, but Kyiv must accept the new realities on the ground"
SHELLS = "the army has enough shells for the whole winter campaign in the east"


def article(aid: str, published: str | None, site: str, quotes: Sequence[Quote],
            body: str = "") -> Analysis:
    """A made-up article: the body, then one "X said: «content»." per quote."""
    parts: list[str] = [body]
    pos = len(body)
    names: dict[str, list[Mention]] = {}
    statements: list[Statement] = []

    def add(chunk: str) -> Span:
        nonlocal pos
        span = Span(pos, pos + len(chunk), chunk)
        parts.append(chunk)
        pos += len(chunk)
        return span

    for i, (speaker, content, relays, kind) in enumerate(quotes):
        mention = None
        if speaker:
            m = add(speaker)
            mention = Mention(m.start, m.end, m.text, f"e-{speaker}", speaker)
            names.setdefault(speaker, []).append(mention)
        else:
            add("A source")
        c = add(" said")
        add(": «")
        body_span = add(content)
        add("»")
        relay_mentions = []
        for r in relays:
            add(", ")
            rs = add(r)
            add(" reported")
            relay_mentions.append(Mention(rs.start, rs.end, rs.text))
        add(". ")
        statements.append(Statement(
            id=content_id("statement", aid, i), article_id=aid, kind=kind,  # type: ignore[arg-type]
            content=body_span, fragments=((body_span.start, body_span.end),),
            speaker=mention, cue=Cue(c.start + 1, c.end, "said", "say"),
            relays=tuple(relay_mentions), confidence=0.8))
    text = "".join(parts)
    entities = tuple(Entity(id=f"e-{n}", name=n, type="PERSON", aliases=(n,),
                            mentions=tuple(ms)) for n, ms in names.items())
    art = Article(id=aid, doc_id=f"doc-{aid}", origin=f"{aid}.txt", text=text,
                  text_hash=text_hash(text), language="en", published=published, site=site,
                  title=f"Article {aid}")
    return Analysis(art, entities, tuple(statements), ())


def articles() -> list[Analysis]:
    copy_body = BODY * 2
    return [
        article("a1", "2022-12-01", "tass.com", [
            ("Dmitry Peskov", READY, (), "direct"),
            ("Vladimir Putin", SHELLS, (), "direct"),
            (None, "the delegations would meet again next week", (), "indirect")],
            body=copy_body),
        article("a2", "2022-12-01", "ria.ru", [
            ("Dmitry Peskov", "Russia was ready for talks but Kyiv must accept the new "
             "realities", ("TASS",), "indirect")]),
        # a near-copy of a1 on a content farm, a day later
        article("a3", "2022-12-02", "farm.example", [
            ("Dmitry Peskov", READY, (), "direct"),
            ("Vladimir Putin", SHELLS.replace("enough", "not enough"), (), "direct")],
            body=copy_body + "Subscribe to our channel. "),
        # the same words under another speaker, later: speaker changed
        article("a4", "2022-12-03", "other.example", [
            ("Sergei Lavrov", READY, (), "direct")]),
        article("a5", "2022-12-20", "tass.com", [
            ("Dmitry Peskov", "We will not comment on the reports about the prisoner swap",
             (), "direct"),
            ("Dmitry Peskov", READY + " at last", (), "direct")]),
        # undated: compared within its speaker
        article("a6", None, "blog.example", [
            ("Dmitry Peskov", "We are not ready for talks, but Kyiv must accept the new "
             "realities on the ground", (), "direct")]),
        article("a7", "2022-12-04", "kyivindependent.com", [
            ("Volodymyr Zelensky", "there will be no talks with Russia while its troops remain "
             "on our land", (), "direct"),
            ("Dmitry Peskov", "Moscow sees no basis for a ceasefire before the new year",
             (), "indirect")]),
        article("a8", "2022-12-05", "ukrinform.ua", [
            ("Volodymyr Zelensky", "there will be no talks with Russia while its 5000 troops "
             "remain on our land", ("Kyiv Independent",), "indirect"),
            ("Sergei Lavrov", "Moscow sees no basis for a ceasefire before the new year",
             (), "indirect")]),
    ]


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every claim table but the pending marks, sorted."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.read("dump") as conn:
        for table in schema.CLAIM_TABLES:
            if table is schema.claims_pending:
                continue
            out[table.name] = sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "w.db")
    else:
        yield str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def rebuilt(tmp_path: Path) -> Any:
    """The claims a full pass builds over some articles (on SQLite)."""

    def run(analyses: Sequence[Analysis], corpus: bool = False) -> dict[str, Any]:
        path = tmp_path / f"full-{content_id(*[a.article.id for a in analyses])}.db"
        with open_store(str(path)) as store:
            for a in analyses:
                store.save(a)
            if corpus:
                build_corpus_entities(store)
            build_claims(store)
            return dump(store)

    return run


@pytest.fixture(params=["exact", "around"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Updates as they come (no batch is large enough for a full pass); "around" clusters
    every speaker again only around the new statements."""
    monkeypatch.setattr(service, "FULL_PASS_SHARE", 2.0)
    if request.param == "around":
        monkeypatch.setattr(service, "EXACT_LIMIT", 0)
    return str(request.param)


def test_the_full_pass_finds_claims_copies_and_flags(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        for a in articles():
            store.save(a)
        summary = build_claims(store)
        assert summary.statements == 14 and summary.unknown_speaker == 1
        assert summary.copy_groups == 1 and summary.undated == 1
        rows = {tuple(r["statements"][0]["content"]["text"].split()[:3]): r
                for r in store_claims.claim_rows(store)}
        ready = next(r for r in store_claims.claim_rows(store)
                     if r["origin"]["article_id"] == "a1"
                     and r["speaker"]["entity"] == "Dmitry Peskov")
        assert [s["article_id"] for s in ready["statements"]][:3] == ["a1", "a2", "a3"]
        lavrov = next(r for r in store_claims.claim_rows(store)
                      if r["speaker"]["entity"] == "Sergei Lavrov"
                      and r["origin"]["article_id"] == "a4")
        assert "speaker_changed" in lavrov["statements"][0]["drift"]["flags"]
        detail = store_claims.claim_detail(store, ready["id"])
        assert {"source": "tass.com", "target": "farm.example", "kind": "copy",
                "article_id": "a3"} in detail["edges"]
        with store.read("pending") as conn:
            assert store_claims.pending_articles(conn) == []
        assert rows


def test_one_article_at_a_time_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    with open_store(db) as store:
        store.save(analyses[0])
        update_claims(store, [analyses[0].article.id], build=True)  # the first builds
        for a in analyses[1:]:
            store.save(a)
            update_claims(store, [a.article.id])
            with store.read("pending") as conn:
                assert store_claims.pending_articles(conn) == []
        assert dump(store) == rebuilt(analyses)


def test_a_batch_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:2]:
            store.save(a)
        build_claims(store)
        for a in analyses[2:]:  # saved, never taken in (a run stopped): pending
            store.save(a)
        update_claims(store)
        assert dump(store) == rebuilt(analyses)


def test_analysing_an_article_again_equals_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    again = article("a3", "2022-12-02", "farm.example", [
        ("Sergei Lavrov", SHELLS, (), "indirect"),
        ("Dmitry Peskov", "We will not comment on the reports about the prisoner swap", (),
         "direct")], body="A different page altogether. " * 3)
    with open_store(db) as store:
        for a in analyses:
            store.save(a)
        build_claims(store)
        store.save(again)
        update_claims(store, ["a3"])
        assert dump(store) == rebuilt([*(a for a in analyses if a.article.id != "a3"), again])
        store.delete("a4")  # a deleted article leaves its claims at the next update
        update_claims(store, ["a4"])
        assert dump(store) == rebuilt([*(a for a in analyses
                                         if a.article.id not in ("a3", "a4")), again])


def test_with_a_corpus_updates_equal_a_rebuild(db: str, mode: str, rebuilt: Any) -> None:
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:3]:
            store.save(a)
        build_corpus_entities(store)
        build_claims(store)
        for a in analyses[3:]:
            store.save(a)
            corpus = keep_corpus(store, [a.article.id])
            update_claims(store, [a.article.id], corpus_ids=corpus.rewritten)
        got = dump(store)
        keys = {r[1] for r in got["claims"]}
        assert keys and all(len(k) == 16 for k in keys)  # corpus entity ids
        assert got == rebuilt(analyses, corpus=True)
