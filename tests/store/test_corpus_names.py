"""The names of each corpus entity's members (``corpus_names``, migration 13) and their aliases
by name (``corpus_name_aliases``, migration 15): written by every corpus pass that changes
members — whole, in blocks, attaching new articles in full or by samples, after a re-analysis,
after an analyst's split, merge or speaker fix — always equal to what the members bear, and
what the entity and corpus entity pages read. On SQLite and PostgreSQL (the ``db`` fixture of
this folder), on the real model."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, select, text

from whosaid import usecases
from whosaid.analysis import Analyzer
from whosaid.clean.document import clean_document
from whosaid.corpus import build_corpus_entities
from whosaid.corpus import service as corpus_service
from whosaid.model import SourceDocument
from whosaid.settings import Settings
from whosaid.store import Store, api_queries, open_store, schema
from whosaid.store import corpus as store_corpus

TEXTS = (
    "German Chancellor Olaf Scholz said on Monday that Berlin would keep supplying arms. "
    "Scholz added that talks with Moscow were possible.",
    "German Chancellor Scholes told reporters in Berlin that he had spoken with Vladimir "
    "Putin.",
    "Chancellor Olav Sholz said the talks in Paris had failed.",
    "Kremlin spokesman Dmitry Peskov told reporters on Tuesday that the talks had failed. "
    "Vladimir Putin said the ceasefire was not on the table.",
    "Russian President Vladimir Putin said on Friday that the army had enough shells.",
)
LATER = ("Chancellor Olaf Scholz said on Wednesday that he had spoken with President "
         "Wladimir Putin, who said the talks were over.")


def _table(store: Store) -> dict[str, dict[str, int]]:
    cn = schema.corpus_names
    out: dict[str, dict[str, int]] = {}
    with store.read("read corpus names") as conn:
        for cid, name, n in conn.execute(select(cn.c.corpus_entity_id, cn.c.name,
                                                cn.c.articles)):
            out.setdefault(cid, {})[name] = int(n)
    return out


def _alias_table(store: Store) -> dict[str, dict[tuple[str, str], int]]:
    cna = schema.corpus_name_aliases
    out: dict[str, dict[tuple[str, str], int]] = {}
    with store.read("read corpus name aliases") as conn:
        for cid, name, alias, n in conn.execute(select(cna.c.corpus_entity_id, cna.c.name,
                                                       cna.c.alias, cna.c.count)):
            out.setdefault(cid, {})[(name, alias)] = int(n)
    return out


def _borne(store: Store) -> dict[str, dict[str, int]]:
    """What the members bear, read from the members themselves."""
    with store.read("read member names") as conn:
        return store_corpus.member_names(conn, store_corpus.corpus_ids(conn))


def _assert_kept(store: Store) -> None:
    table = _table(store)
    assert table, "no corpus names written"
    assert table == _borne(store)
    with store.read("read member aliases") as conn:
        assert _alias_table(store) == store_corpus.member_aliases(conn,
                                                                  store_corpus.corpus_ids(conn))


def _corpus_of(store: Store, name: str) -> list[dict[str, str]]:
    """The corpus entities holding an article entity named ``name``, as the entity page read
    them before migration 13 (members joined to their entities)."""
    cm, e, ce = schema.corpus_members, schema.entities, schema.corpus_entities
    with store.read("read holders") as conn:
        held = select(cm.c.corpus_entity_id).join(
            e, (e.c.article_id == cm.c.article_id) & (e.c.id == cm.c.entity_id)
        ).where(e.c.name == name)
        return [{"id": cid, "name": n} for cid, n in conn.execute(
            select(ce.c.id, ce.c.name).where(ce.c.id.in_(held)).order_by(ce.c.name, ce.c.id))]


def _aliases_of(store: Store, name: str) -> list[dict[str, Any]]:
    """The aliases of the article entities named ``name`` with their mentions, as the entity
    page read them before migration 15 (article entities joined to their aliases)."""
    al, e = schema.aliases, schema.entities
    total = func.sum(al.c.count)
    with store.read("read aliases") as conn:
        return [{"alias": a, "count": int(n)} for a, n in conn.execute(
            select(al.c.alias, total)
            .join(e, (al.c.article_id == e.c.article_id) & (al.c.entity_id == e.c.id))
            .where(e.c.name == name).group_by(al.c.alias).order_by(total.desc(), al.c.alias))]


def _recent_of(store: Store, cid: str) -> list[tuple[str, str]]:
    """A corpus entity's latest 20 statements, as its page read them before (EXISTS)."""
    cm, s = schema.corpus_members, schema.statements
    spoke: ColumnElement[bool] = exists().where(
        cm.c.corpus_entity_id == cid, cm.c.article_id == s.c.article_id,
        cm.c.entity_id == s.c.speaker_entity_id)
    with store.read("read recent") as conn:
        rows = api_queries.recent_statements(conn, spoke, 20)
    return [(r["article"]["id"], r["id"]) for r in rows]


NAMES = ("Olaf Scholz", "Vladimir Putin", "Dmitry Peskov", "Scholes")


def _assert_pages(store: Store) -> None:
    for name in NAMES:
        detail = api_queries.entity_detail(store, name)
        assert detail["corpus"] == _corpus_of(store, name) != []
        assert detail["aliases"] == _aliases_of(store, name) != []


def _save_all(store: Store, analyze_text: Any) -> None:
    for i, body in enumerate(TEXTS):
        store.save(analyze_text(body, f"2022-12-0{i + 1}"))


def test_corpus_names_follow_the_whole_pass_and_blocks(store: Store, analyze_text: Any) -> None:
    _save_all(store, analyze_text)
    build_corpus_entities(store)
    _assert_kept(store)
    whole = sorted(map(sorted, (d.items() for d in _table(store).values())))
    build_corpus_entities(store, block_members=3)  # many blocks: ids renumbered across them
    _assert_kept(store)
    assert sorted(map(sorted, (d.items() for d in _table(store).values()))) == whole


def _at_url(analyzer: Any, body: str, url: str) -> Any:
    """The analysis of ``body`` as the article at ``url`` (the same article whatever its
    text)."""
    settings = Settings(published="2022-12-09")
    doc = clean_document(SourceDocument("t", "t.txt", text=body, url=url), settings)
    return Analyzer(settings, analyzer.nlp).analyze(doc)


def test_corpus_names_follow_attached_and_reanalysed_articles(store: Store, analyzer: Any,
                                                             analyze_text: Any) -> None:
    _save_all(store, analyze_text)
    build_corpus_entities(store)
    later = analyze_text(LATER, "2022-12-08")
    store.save(later)
    corpus_service.attach_articles(store, [later.article.id], exact_limit=0)  # by samples
    _assert_kept(store)
    scholz = [names for names in _table(store).values() if "Olaf Scholz" in names]
    assert len(scholz) == 1 and scholz[0]["Olaf Scholz"] == 2
    # analysed again with another text: its memberships go, then the update takes it in
    again = analyze_text(LATER.replace("Wednesday", "Thursday"), "2022-12-08")
    store.save(again)
    corpus_service.update_corpus(store, [again.article.id])
    _assert_kept(store)
    corpus_service.attach_articles(store, [again.article.id])  # in full
    _assert_kept(store)
    # taken in again by samples: its memberships go, then come back
    corpus_service.attach_articles(store, [again.article.id], exact_limit=0)
    _assert_kept(store)
    # one article (one URL) analysed again with another text, then taken in by samples:
    # the members it lost with its old text are found
    url = "https://example.com/scholz"
    store.save(_at_url(analyzer, TEXTS[0], url))
    corpus_service.attach_articles(store, [_at_url(analyzer, TEXTS[0], url).article.id],
                                   exact_limit=0)
    _assert_kept(store)
    again_at_url = _at_url(analyzer, TEXTS[0].replace("Olaf Scholz", "Olaf Scholz and "
                                                     "Vladimir Putin"), url)
    store.save(again_at_url)
    corpus_service.attach_articles(store, [again_at_url.article.id], exact_limit=0)
    _assert_kept(store)


def test_corpus_names_follow_corrections(store: Store, analyze_text: Any) -> None:
    _save_all(store, analyze_text)
    build_corpus_entities(store)
    usecases.split_alias(store, "Olaf Scholz", "Scholz", None, "t")
    _assert_kept(store)
    usecases.merge_entities(store, "Olav Sholz", "Olaf Scholz", "t")
    _assert_kept(store)
    merged = [names for names in _table(store).values() if "Olaf Scholz" in names]
    assert len(merged) == 1 and "Olav Sholz" not in merged[0]  # renamed by the merge
    peskov = [r for r in store_corpus.corpus_entities_rows(store, members=True)
              if r["name"] == "Dmitry Peskov"][0]
    aid, sid = peskov["statement_ids"][0]
    usecases.fix_speaker(store, aid, sid, "Vladimir Putin", "t")
    _assert_kept(store)


def test_pages_read_the_names_the_members_bear(store: Store, analyze_text: Any) -> None:
    _save_all(store, analyze_text)
    build_corpus_entities(store)
    _assert_pages(store)
    borne = _borne(store)
    for cid in borne:
        detail = store_corpus.corpus_detail(store, cid, members=False)
        assert detail["names"] == [{"name": n, "count": k} for n, k in
                                   sorted(borne[cid].items(), key=lambda nk: (-nk[1], nk[0]))]
        assert [(r["article"]["id"], r["id"]) for r in detail["recent"]] == \
            _recent_of(store, cid)
    # an article the corpus has yet to take in: the entity page counts it all the same
    before = _aliases_of(store, "Olaf Scholz")
    later = analyze_text(LATER, "2022-12-08")
    store.save(later)
    _assert_pages(store)
    assert api_queries.entity_detail(store, "Olaf Scholz")["aliases"] != before
    corpus_service.update_corpus(store, [later.article.id])
    _assert_pages(store)
    # an article deleted (the corpus keeps its members' counts until a pass): the same
    assert store.delete(later.article.id)
    _assert_pages(store)


def test_migrations_13_and_15_fill_names_from_a_built_corpus(db: str,
                                                              analyze_text: Any) -> None:
    with open_store(db) as store:
        _save_all(store, analyze_text)
        build_corpus_entities(store)
        written, aliases_written = _table(store), _alias_table(store)
        with store.write("as before migrations 13 and 15") as conn:
            conn.execute(delete(schema.schema_version)
                         .where(schema.schema_version.c.version.in_((13, 15))))
            conn.execute(text("DROP TABLE corpus_name_aliases"))
            conn.execute(text("DROP TABLE corpus_names"))
    with open_store(db) as store:
        assert _table(store) == written
        assert _alias_table(store) == aliases_written
        with store.read("count") as conn:
            assert conn.execute(select(func.count()).select_from(schema.corpus_names)
                                ).scalar() == sum(len(v) for v in written.values())
            if conn.dialect.name == "postgresql":  # the articles, latest first
                assert conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexname = "
                                         "'ix_articles_published_latest'")).first()


def test_restating_reads_again_the_names_of_members_lost_by_a_delete(store: Store,
                                                                     analyze_text: Any) -> None:
    _save_all(store, analyze_text)
    build_corpus_entities(store)
    gone = analyze_text(TEXTS[-1], "2022-12-05")  # Vladimir Putin's own article
    assert store.delete(gone.article.id)  # its memberships go by cascade: names now behind
    assert _table(store) != _borne(store)
    with store.write("restate") as conn:
        for cid in sorted(store_corpus.corpus_ids(conn)):
            counts, n_articles, n_mentions, n_said = store_corpus.member_totals(conn, cid)
            head = store_corpus.head_of(conn, cid)
            assert head is not None
            store_corpus.restate_entity(conn, cid, head[0], counts,
                                        (n_articles, n_mentions, n_said), ())
    _assert_kept(store)


def test_releasing_the_only_article_with_an_alias_takes_the_alias_away(
        store: Store, analyze_text: Any) -> None:
    # "Scholz" alone is an alias of Olaf Scholz in one article; released (as an article
    # placed afresh elsewhere is) while another article still bears the name, the alias
    # leaves the names tables: it stayed with a count of 0 while the released members were
    # still there to "bear" it
    first = analyze_text(TEXTS[0], "2022-12-01")
    store.save(first)
    store.save(analyze_text(LATER, "2022-12-08"))
    build_corpus_entities(store)
    key = ("Olaf Scholz", "Scholz")
    assert any(key in rows for rows in _alias_table(store).values())
    with store.write("release one article") as conn:
        store_corpus.release_articles(conn, [first.article.id])
    assert any("Olaf Scholz" in names for names in _table(store).values())
    assert not any(key in rows for rows in _alias_table(store).values())
    _assert_kept(store)
