"""Hand-made analyses for the claims-over-a-store tests (tests/claims, tests/cli, the server
tests): articles whose statements re-report one another, a near-copy, the same words under
another speaker, an undated article; and a dump of the claim tables (imported by name, as
serverkit is)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

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
from whosaid.store import Store, schema

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
