"""The corpus pass block by block gives what the whole-corpus pass gives: on hand-made
article entities with every stage's hard cases (transliterations, acronyms, a surname
chosen by context, namesakes, generational suffixes, a knowledge base, analysts'
corrections), each block clustered alone equals clustering them all together
(:func:`whosaid.corpus.cluster_members`, the pass before blocks); and over a real SQLite
store, ``build_corpus_entities`` writes the rows the whole pass would."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storekit import make_analysis
from whosaid.corpus import CorpusEntity, MemberEntity, build_corpus_entities, cluster_members
from whosaid.corpus.blocks import plan_blocks
from whosaid.corpus.cluster import (
    IdEntry,
    block_ids,
    block_nodes,
    cluster_block,
    context_stats,
    id_entries,
    reassign_ids,
)
from whosaid.corpus.constraints import Constraints
from whosaid.corpus.kb import KBEntry
from whosaid.corpus.service import BlockSpill, constraints_of, keys_of
from whosaid.store import corpus as store_corpus
from whosaid.store import open_store, schema

BUSH_CAMPAIGN = ("Marco Rubio", "Ted Cruz", "Donald Trump")
BUSH_WAR = ("Dick Cheney", "Saddam Hussein", "Iraq")
KB = [KBEntry("Q1", "William Jefferson Clinton", "PERSON", ("Bill Clinton",),
              "42nd president of the United States"),
      KBEntry("Q2", "Institute for the Study of War", "organization", ("ISW",)),
      KBEntry("Q3713655", "Donald Trump Jr.", "PERSON", ("Don Jr.",))]
RULES = Constraints(together=("Wladimir Putin",), apart=(("Olaf Scholz", "Olaf Scholes"),))


def member(article: str, name: str, etype: str = "PERSON", aliases: dict[str, int] | None = None,
           co: tuple[str, ...] = (), titles: tuple[str, ...] = (), n: int = 1) -> MemberEntity:
    aliases = aliases or {name: 1}
    return MemberEntity(article, f"e{n}", name, etype, aliases, titles, sum(aliases.values()), 0,
                        co)


def corpus() -> list[MemberEntity]:
    """Article entities, ordered as the store reads them (by article, then position)."""
    ms = [
        member("a01", "Olaf Scholz", aliases={"Olaf Scholz": 2, "Scholz": 3}),
        member("a01", "Institute for the Study of War", "ORG",
               {"Institute for the Study of War": 1, "ISW": 2}, n=2),
        member("a02", "Scholes", aliases={"Scholes": 2}),
        member("a02", "War Research Institute", "ORG", n=2),
        member("a03", "Olaf Scholes"),
        member("a04", "ISW", "ORG", {"ISW": 3}),
        member("a05", "Volodymyr Zelenskyy"), member("a06", "Wolodymyr Selenskyj"),
        member("a07", "Zelensky"), member("a08", "Dmitry Peskov", titles=("Kremlin spokesman",)),
        member("a09", "Peskow, Dmitri"), member("a10", "Olaf Scholl"),
        member("a11", "Joe Biden", aliases={"Joe Biden": 2, "Biden": 4}),
        member("a11", "Hunter Biden", n=2),
        member("a12", "Wagner Group", "ORG"), member("a13", "Wagner College", "ORG"),
        member("a14", "Wagner"), member("a15", "George W. Bush", co=BUSH_WAR),
        member("a16", "George H. W. Bush"),
        member("a17", "Donald Trump Jr.", aliases={"Donald Trump Jr.": 2, "Trump Jr.": 1}),
        member("a17", "Donald Trump", aliases={"Donald Trump": 1, "Trump": 2}, n=2),
        member("a18", "Donald J. Trump Jr."), member("a19", "Trump Jr."),
        member("a20", "Don Jr."), member("a21", "Donald Trump"), member("a22", "Trump"),
        member("a23", "Martin Luther King Jr."), member("a24", "King Jr."),
        member("a25", "Bill Clinton"), member("a26", "William Clinton"),
        member("a27", "Hillary Clinton"), member("a28", "Clinton", co=("Hillary Clinton",)),
        member("a29", "Wladimir Putin", aliases={"Wladimir Putin": 1, "Putin": 2}),
        member("a30", "Vladimir Putin"), member("a31", "Bush", co=("Marco Rubio", "Ted Cruz")),
        member("a32", "Bush", co=("Saddam Hussein", "Dick Cheney")), member("a33", "Bush"),
        member("a34", "Emmanuel Macron"), member("a35", "Macron", "ORG"),
    ]
    ms += [member(f"c{i}", "Jeb Bush", co=BUSH_CAMPAIGN) for i in range(4)]
    ms += [member(f"w{i}", "George W. Bush", co=BUSH_WAR) for i in range(4)]
    return sorted(ms, key=lambda m: (m.article_id, m.entity_id))


def shape(entities: Sequence[CorpusEntity]) -> list[tuple[Any, ...]]:
    return sorted((e.id, e.name, e.type, e.kb_id, e.kb_score, dict(e.aliases),
                   tuple((m.article_id, m.entity_id) for m in e.members)) for e in entities)


def by_blocks(members: list[MemberEntity], kb: list[KBEntry], rules: Constraints
              ) -> tuple[list[CorpusEntity], int]:
    plan = plan_blocks([members[:10], members[10:]], kb, block_members=1,
                       together=rules.together)
    found: list[list[CorpusEntity]] = []
    for block_id in plan.block_ids():
        block = plan.block(block_id)
        found.append(cluster_block([m for m in members if (m.type, m.name) in block.named],
                                   kb, plan.stats, rules, block.visits))
    entries: dict[tuple[str, str], list[IdEntry]] = defaultdict(list)
    for i, entities in enumerate(found):
        for key, got in id_entries(entities, i).items():
            entries[key] += got
    renamed = block_ids(entries)
    for i, entities in enumerate(found):
        for e in entities:
            e.id = renamed.get(i, {}).get(e.id, e.id)
    return [e for entities in found for e in entities], len(plan.blocks)


def test_blocks_cluster_as_the_whole_corpus_does() -> None:
    members = corpus()
    for kb, rules in [([], Constraints()), (KB, Constraints()), (KB, RULES)]:
        whole = cluster_members(members, kb, rules)
        blocks, n = by_blocks(members, kb, rules)
        assert n >= 8, "the corpus fell into too few blocks to test anything"
        assert shape(blocks) == shape(whole)


def test_planning_counts_context_words_as_the_whole_corpus_does() -> None:
    # planning weighs each (type, name, aliases) once: "Jeb Bush" in four articles, each
    # with its own context words, still counts four times
    members = corpus()
    plan = plan_blocks([members[:10], members[10:]], KB)
    assert plan.stats == context_stats(members)
    assert plan.stats.members[True] > 0 and plan.stats.members[False] > 0


def test_blocks_read_back_from_the_spill_as_the_store_gives_them(tmp_path: Path) -> None:
    members = corpus()
    with (tmp_path / "spill").open("w+b") as fh:
        spill = BlockSpill(fh)
        plan = plan_blocks(spill.keep([members[:7], members[7:30], members[30:]]), KB,
                           block_members=1)
        assert len(plan.blocks) >= 8
        for block in plan.blocks:
            want = [m for m in members if (m.type, m.name) in block.named]
            assert spill.read(block) == want and len(want) == block.members


def test_names_that_could_join_share_a_block() -> None:
    def together(*members: MemberEntity) -> bool:
        return len(plan_blocks([list(members)], block_members=1).blocks) == 1

    assert together(member("a", "Olaf Scholz"), member("b", "Scholes"))
    assert together(member("a", "Olaf Scholz"), member("b", "Olaf Scholes"))
    assert together(member("a", "ISW", "ORG"), member("b", "Institute for the Study of War",
                                                       "ORG", {"ISW": 1}))
    assert together(member("a", "National Guard", "ORG"), member("b", "Natonal Guard", "ORG"))
    assert not together(member("a", "Olaf Scholz"), member("b", "Emmanuel Macron"))
    assert not shares_node(member("a", "Don Jr."), member("b", "Trump Jr."))
    plan = plan_blocks([[member("a", "Don Jr."), member("b", "Donald Trump Jr."),
                         member("c", "Emmanuel Macron"), member("d", "Macron", "ORG")]],
                       block_members=1)
    assert sorted(sorted(n for _, n in b.named) for b in plan.blocks) == [
        ["Don Jr.", "Donald Trump Jr."], ["Emmanuel Macron"], ["Macron"]]


def shares_node(a: MemberEntity, b: MemberEntity) -> bool:
    return bool(block_nodes(a) & block_nodes(b))


def test_a_word_many_bodies_share_does_not_chain_them_into_one_block() -> None:
    # "national" is a blocking key of every body named with it, and chained 40% of the
    # 10,000-article bench store into one block; only names that could join share one now
    names = ["National Rifle Association", "National Security Council", "National Guard",
             "Natonal Guard", "National Public Radio", "New York Times", "New York"]
    plan = plan_blocks([[member(f"a{i}", n, "ORG") for i, n in enumerate(names)]],
                       block_members=1)
    blocks = sorted(sorted(n for _, n in b.named) for b in plan.blocks)
    assert ["National Guard", "Natonal Guard"] in blocks
    assert len(blocks) == len(names) - 1


def bodies(n: int) -> list[MemberEntity]:
    """Bodies named "National <word> Council", more than a bucket's BLOCK_LIMIT of them,
    some misspelt ("Natonal", "Counsil") and a few under an acronym."""
    words = [f"{a}{b}{c}" for a in "bdfgklmnprstvz" for b in "aeiou" for c in
             ("ran", "lex", "mont", "dor", "vik", "sul", "tap", "bor", "gil", "pek")][:n]
    assert len(words) == n
    out = []
    for i, w in enumerate(words):
        art = f"n{i:04d}"
        out.append(member(art, f"National {w.title()} Council", "ORG"))
        if i % 7 == 0:
            out.append(member(art + "x", f"Natonal {w.title()} Counsil", "ORG"))
        if i % 11 == 0:
            out.append(member(art + "y", f"{w.title()} National Council", "ORG",
                              {f"{w.title()} National Council": 1, f"{w[0].upper()}NC": 2}))
            out.append(member(art + "z", f"{w[0].upper()}NC", "ORG", n=2))
    return sorted(out, key=lambda m: (m.article_id, m.entity_id))


def test_blocks_cluster_as_the_whole_corpus_does_past_a_buckets_limit() -> None:
    # a block's bucket of "national" holds fewer than BLOCK_LIMIT names where the whole
    # corpus's holds more: its look-ups still visit the buckets the whole corpus's did
    members = bodies(450) + corpus()
    members.sort(key=lambda m: (m.article_id, m.entity_id))
    whole = cluster_members(members, [], Constraints())
    blocks, n = by_blocks(members, [], Constraints())
    assert n > 40
    assert shape(blocks) == shape(whole)
    assert len(whole) < len({(m.type, m.name) for m in members})  # some joined


def test_a_blocks_look_ups_visit_the_buckets_the_whole_corpus_visits() -> None:
    def visited(members: list[MemberEntity], name: str) -> set[str]:
        plan = plan_blocks([members], block_members=1)
        block = next(b for b in plan.blocks if ("ORG", name) in b.named)
        assert block.visits is not None and len(block.visits) < len(members)
        return set(block.visits["W:" + " ".join(sorted(name.lower().split()))])

    # among ten, the bucket of "national" is searched; among 450, it is too common (more
    # than BLOCK_LIMIT names, and three narrower buckets): in the block too, which holds
    # only a few of them
    assert "W:national" in visited(bodies(10), "National Bavik Council")
    assert "W:national" not in visited(bodies(450), "National Pupek Council")


def test_ids_shared_across_blocks_are_numbered_as_the_whole_pass_numbers_them() -> None:
    def entity(name: str, article: str, mentions: int) -> CorpusEntity:
        return CorpusEntity("", name, "PERSON", Counter({name: mentions}),
                            [member(article, name, aliases={name: mentions})])

    blocks = [[entity("Wagner", "a1", 2), entity("Olaf Scholz", "a2", 1)],
              [entity("Wagner", "a3", 5), entity("Wagner", "a4", 1)]]
    whole = [e for b in blocks for e in b]
    reassign_ids(whole, set())
    want = {(e.members[0].article_id, e.id) for e in whole}
    entries: dict[tuple[str, str], list[IdEntry]] = defaultdict(list)
    for i, b in enumerate(blocks):
        local = [CorpusEntity("", e.name, e.type, e.aliases, e.members) for e in b]
        reassign_ids(local, set())
        blocks[i] = local
        for key, found in id_entries(local, i).items():
            entries[key] += found
    renamed = block_ids(entries)
    assert set(renamed) == {0, 1}  # a3 takes the plain id, a1 and a4 numbered ones
    assert want == {(e.members[0].article_id, renamed.get(i, {}).get(e.id, e.id))
                    for i, b in enumerate(blocks) for e in b}


def _rows(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for name in store_corpus.CORPUS_TABLES:
        table = schema.metadata.tables[name]
        cols = [c for c in table.columns if c.name != "built_at"]
        out[name] = sorted(tuple(r) for r in conn.execute(select(*cols)))
    return out


def test_store_pass_by_blocks_writes_what_the_whole_pass_would(tmp_path: Path) -> None:
    said = "the talks would go on"
    people = [("Olaf Scholz", "Olaf Scholz"), ("Olaf Scholz", "Scholz"),
              ("Olaf Scholes", "Scholes"), ("Vladimir Putin", "Putin"),
              ("Wladimir Putin", "Wladimir Putin"), ("Dmitry Peskov", "Peskov"),
              ("Hunter Biden", "Hunter Biden"), ("Joe Biden", "Biden")]
    with open_store(str(tmp_path / "w.db")) as store:
        for i in range(12):
            quotes = [(name, text, said, None) for name, text in people[i % 6:i % 6 + 3]]
            store.save(make_analysis(f"art{i:02d}", quotes))
        store_corpus.import_kb(store, KB[:1] + [KBEntry("Q7747", "Vladimir Putin", "PERSON")],
                               "kb.jsonl")
        summary = build_corpus_entities(store, block_members=1)
        with store.read("read") as conn:
            written = _rows(conn)
            members = store_corpus.load_members(conn)
            whole = cluster_members(members, store_corpus.load_kb(conn), constraints_of(conn))
        rows = store_corpus.corpus_rows(whole, keys_of(whole), "")
    assert (summary.entities, summary.members) == (len(whole), len(members))
    assert len(whole) >= 5 and summary.linked == 1
    want = {name: sorted(tuple(v for k, v in r.items() if k != "built_at") for r in rs)
            for name, rs in rows.items()}
    assert written == want
    with open_store(str(tmp_path / "w.db")) as store:
        small = build_corpus_entities(store)  # under WHOLE_MEMBERS: one block, unplanned
        with store.read("read") as conn:
            assert _rows(conn) == want
    assert (small.entities, small.members, small.linked, small.articles) == \
        (summary.entities, summary.members, summary.linked, summary.articles)
