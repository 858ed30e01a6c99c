"""Hand-made analyses and table counts for the store tests in tests/store (imported by name,
as serverkit is: tests/ is on ``sys.path`` through its conftest.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import create_engine, func, select, text

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
from whosaid.store import schema

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


def contents(rows: list[dict[str, object]]) -> list[str]:
    return [str(r["content"]["text"]) for r in rows]  # type: ignore[index]


def index_names(db: str) -> set[str]:
    """The names of the indexes a store (a SQLite file or PostgreSQL URL) has, after opening
    it (so migrated)."""
    from whosaid.store import open_store

    with open_store(db) as store, store.read("list indexes") as conn:
        listing = ("SELECT name FROM sqlite_master WHERE type = 'index'"
                   if conn.dialect.name == "sqlite" else
                   "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        return set(conn.exec_driver_sql(listing).scalars())
