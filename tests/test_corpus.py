"""Entities across documents: the clustering itself (fast, on hand-made article entities) and
the corpus pass over a real SQLite store filled by the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from whosaid.corpus import CorpusEntity, MemberEntity, build_corpus_entities, cluster_members
from whosaid.kb import KBEntry
from whosaid.store import Store, corpus_queries, open_store, schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "isw-putin-ceasefire.txt"


def member(article: str, name: str, etype: str = "PERSON", aliases: dict[str, int] | None = None,
           co: tuple[str, ...] = (), titles: tuple[str, ...] = (), n: int = 1) -> MemberEntity:
    aliases = aliases or {name: 1}
    return MemberEntity(article, f"e{n}", name, etype, aliases, titles, sum(aliases.values()), 0,
                        co)


def clusters_of(members: list[MemberEntity], kb: list[KBEntry] | None = None
                ) -> dict[tuple[str, str], CorpusEntity]:
    return {(m.article_id, m.entity_id): c for c in cluster_members(members, kb)
            for m in c.members}


def test_corpus_joins_translations_and_transliterations() -> None:
    members = [
        member("a1", "Olaf Scholz", aliases={"Olaf Scholz": 2, "Scholz": 3}),
        member("a2", "Scholes", aliases={"Scholes": 2}),
        member("a3", "Olaf Scholes"),
        member("a1", "Institute for the Study of War", "ORG",
               {"Institute for the Study of War": 1, "ISW": 2}, n=2),
        member("a2", "War Research Institute", "ORG", n=2),
        member("a4", "ISW", "ORG", {"ISW": 3}),
        member("a5", "Volodymyr Zelenskyy"),
        member("a6", "Wolodymyr Selenskyj"),
        member("a7", "Zelensky"),
        member("a8", "Dmitry Peskov", titles=("Kremlin spokesman",)),
        member("a9", "Peskow, Dmitri"),
    ]
    of = clusters_of(members)
    scholz = of[("a1", "e1")]
    assert of[("a2", "e1")] is scholz and of[("a3", "e1")] is scholz
    assert scholz.name == "Olaf Scholz" and scholz.type == "PERSON"
    assert scholz.aliases == {"Olaf Scholz": 2, "Scholz": 3, "Scholes": 2, "Olaf Scholes": 1}
    assert scholz.articles == 3
    isw = of[("a1", "e2")]
    assert of[("a2", "e2")] is isw and of[("a4", "e1")] is isw
    assert isw.name == "Institute for the Study of War"
    assert of[("a5", "e1")] is of[("a6", "e1")] is of[("a7", "e1")]
    assert of[("a8", "e1")] is of[("a9", "e1")]


def test_corpus_keeps_different_people_and_namesakes_apart() -> None:
    members = [
        member("a1", "Olaf Scholz"),
        member("a2", "Olaf Scholl"),
        member("a3", "Joe Biden", aliases={"Joe Biden": 2, "Biden": 4}),
        member("a3", "Hunter Biden", n=2),
        member("a4", "Wagner Group", "ORG"),
        member("a5", "Wagner College", "ORG"),
        member("a6", "Wagner", "PERSON"),
        member("a7", "George W. Bush"),
        member("a8", "George H. W. Bush"),
        member("a9", "Donald Trump"),
        member("a10", "Donald Trump Jr."),
    ]
    of = clusters_of(members)
    for a, b in [("a1", "a2"), ("a4", "a5"), ("a4", "a6"), ("a7", "a8"), ("a9", "a10")]:
        assert of[(a, "e1")] is not of[(b, "e1")], (a, b)
    assert of[("a3", "e1")] is not of[("a3", "e2")]


def test_corpus_surname_alone_goes_by_context() -> None:
    # two Bushes; a third article names only "Bush", beside the people of the campaign
    campaign = ("Marco Rubio", "Ted Cruz", "Donald Trump")
    war = ("Dick Cheney", "Saddam Hussein", "Iraq")
    members = [member(f"c{i}", "Jeb Bush", co=campaign) for i in range(6)]
    members += [member(f"w{i}", "George W. Bush", co=war) for i in range(6)]
    members += [member("x1", "Bush", co=("Marco Rubio", "Ted Cruz")),
                member("x2", "Bush", co=("Saddam Hussein", "Dick Cheney")),
                member("x3", "Bush")]
    of = clusters_of(members)
    assert of[("x1", "e1")].name == "Jeb Bush"
    assert of[("x2", "e1")].name == "George W. Bush"
    assert of[("x3", "e1")].name == "Bush"  # nothing tells which: stays apart


def test_corpus_links_knowledge_base_and_merges_what_it_joins() -> None:
    kb = [KBEntry("Q1", "William Jefferson Clinton", "PERSON", ("Bill Clinton",),
                  "42nd president of the United States"),
          KBEntry("Q2", "Institute for the Study of War", "organization", ("ISW",))]
    members = [member("a1", "Bill Clinton"), member("a2", "William Clinton"),
               member("a3", "ISW", "ORG"), member("a4", "Hillary Clinton")]
    of = clusters_of(members, kb)
    bill = of[("a1", "e1")]
    assert bill is of[("a2", "e1")]
    assert (bill.kb_id, bill.name) == ("Q1", "William Jefferson Clinton")
    assert of[("a3", "e1")].kb_id == "Q2"
    assert of[("a4", "e1")].kb_id is None


def test_corpus_ids_are_stable() -> None:
    members = [member("a1", "Olaf Scholz"), member("a2", "Emmanuel Macron")]
    first = sorted(e.id for e in cluster_members(members))
    assert first == sorted(e.id for e in cluster_members(list(reversed(members))))


# ---------------------------------------------------------------------------------------
# The pass over a store

TEXTS = {
    "scholz": "German Chancellor Olaf Scholz said on Monday that Berlin would keep supplying "
              "arms. Scholz added that talks with Moscow were possible.",
    "scholes": "German Chancellor Scholes told reporters in Berlin that he had spoken with "
               "Vladimir Putin. The War Research Institute said Putin was not interested in "
               "talks.",
    "scholl": "Olaf Scholl, a teacher in Hamburg, said the school would reopen on Monday.",
    "wagner": "The Wagner Group said its fighters had left the town. Wagner College said its "
              "students were safe.",
}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, analyze_text) -> Iterator[str]:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with open_store(str(path)) as store:
        store.save(analyze_text(EXAMPLE.read_text(encoding="utf-8"), "2022-12-04"))
        for text in TEXTS.values():
            store.save(analyze_text(text, "2022-12-05"))
    yield str(path)


def _row(store: Store, name: str) -> dict:  # type: ignore[type-arg]
    rows = [r for r in corpus_queries.corpus_entities_rows(store, name, members=True)
            if r["name"] == name]
    assert len(rows) == 1, [r["name"] for r in corpus_queries.corpus_entities_rows(store)]
    return rows[0]


def test_corpus_pass_over_store(corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        summary = build_corpus_entities(store)
        assert summary.articles == 5 and summary.entities > 5
        scholz = _row(store, "Olaf Scholz")
        aliases = {a["alias"] for a in scholz["aliases"]}
        assert {"Olaf Scholz", "Scholz", "Scholes"} <= aliases
        assert "Olaf Scholl" not in aliases
        assert scholz["articles"] == 3 and len(scholz["article_ids"]) == 3
        assert scholz["statements"] == len(scholz["statement_ids"]) >= 2
        isw = _row(store, "Institute for the Study of War")
        assert {"ISW", "War Research Institute"} <= {a["alias"] for a in isw["aliases"]}
        assert _row(store, "Wagner Group")["id"] != _row(store, "Wagner College")["id"]


def test_corpus_pass_is_idempotent_and_follows_reanalysis(corpus_db: str,
                                                          analyze_text) -> None:  # type: ignore[no-untyped-def]
    with open_store(corpus_db) as store:
        build_corpus_entities(store)
        before = corpus_queries.corpus_entities_rows(store, members=True)
        build_corpus_entities(store)
        assert corpus_queries.corpus_entities_rows(store, members=True) == before
        # analysing an article again drops its memberships until the next pass
        again = analyze_text(TEXTS["scholl"], "2022-12-05")
        store.save(again)
        cm = schema.corpus_members
        count = select(func.count()).select_from(cm).where(cm.c.article_id == again.article.id)
        with store._read("count") as conn:
            assert conn.execute(count).scalar() == 0
        build_corpus_entities(store)
        with store._read("count") as conn:
            assert conn.execute(count).scalar() == len(again.entities)
        assert corpus_queries.corpus_entities_rows(store, members=True) == before


@pytest.mark.postgres
def test_corpus_pass_on_postgresql(pg_schema_url: str, analyze_text) -> None:  # type: ignore[no-untyped-def]
    with open_store(pg_schema_url) as store:
        for text in TEXTS.values():
            store.save(analyze_text(text, "2022-12-05"))
        corpus_queries.import_kb(store, [KBEntry("Q567", "Olaf Scholz", "PERSON")], "kb")
        summary = build_corpus_entities(store)
        assert summary.articles == 4 and summary.linked == 1
        scholz = _row(store, "Olaf Scholz")
        assert scholz["kb_id"] == "Q567" and scholz["articles"] == 2
        assert {"Scholz", "Scholes"} <= {a["alias"] for a in scholz["aliases"]}
        before = corpus_queries.corpus_entities_rows(store, members=True)
        build_corpus_entities(store)
        assert corpus_queries.corpus_entities_rows(store, members=True) == before
