"""The claims pass over a store: an update gives what a full rebuild gives (claims, versions,
drift flags, edges, ids, copy groups), whether articles come one at a time or in a batch,
when one is analysed again, and with a corpus; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimstorekit import READY, SHELLS, article, articles, dump
from whosaid.claims.service import build_claims, update_claims
from whosaid.corpus import build_corpus_entities, keep_corpus
from whosaid.model import Analysis, Entity, content_id
from whosaid.store import claims as store_claims
from whosaid.store import open_store


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
        assert {"source": "TASS", "target": "farm.example", "kind": "copy",
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


@pytest.mark.parametrize("sampled", [False, True])
def test_with_a_corpus_updates_equal_a_rebuild(db: str, mode: str, rebuilt: Any,
                                               sampled: bool,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Also when the corpus update only adds the new entities (sampled candidates): then the
    claims weigh only the statements whose key changed."""
    from whosaid.corpus import service as corpus_service

    monkeypatch.setattr(corpus_service, "FULL_PASS_SHARE", 2.0)  # never the whole corpus
    if sampled:
        monkeypatch.setattr(corpus_service, "EXACT_LIMIT", 0)
    analyses = articles()
    with open_store(db) as store:
        for a in analyses[:3]:
            store.save(a)
        build_corpus_entities(store)
        build_claims(store)
        sampled_runs = 0
        for a in analyses[3:]:
            store.save(a)
            corpus = keep_corpus(store, [a.article.id])
            assert corpus.rewritten is not None and corpus.regrouped is not None
            assert set(corpus.regrouped) <= set(corpus.rewritten)
            sampled_runs += not corpus.regrouped and bool(corpus.rewritten)
            update_claims(store, [a.article.id], corpus_ids=corpus.rewritten,
                          regrouped=corpus.regrouped)
        assert bool(sampled_runs) == sampled
        got = dump(store)
        keys = {r[1] for r in got["claims"]}
        assert keys and all(len(k) == 16 for k in keys)  # corpus entity ids
        assert got == rebuilt(analyses, corpus=True)


@pytest.mark.parametrize("corpus", [False, True])
def test_corrections_refresh_the_claims_of_their_speakers(db: str, mode: str,
                                                          corpus: bool) -> None:
    from whosaid.usecases import fix_speaker, merge_entities, split_alias

    with open_store(db) as store:
        for a in articles():
            store.save(a)
        if corpus:
            build_corpus_entities(store)
        build_claims(store)

        def same_as_a_rebuild() -> None:
            after = dump(store)
            build_claims(store)
            assert after == dump(store)

        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester")
        same_as_a_rebuild()
        speakers = {r["speaker"]["entity"] for r in store_claims.claim_rows(store)}
        assert "Sergei Lavrov" not in speakers
        sid = next(s["id"] for s in store.article("a7")["statements"]
                   if s["speaker"]["entity"] == "Dmitry Peskov")
        fix_speaker(store, "a7", sid, "Volodymyr Zelensky", "tester")
        same_as_a_rebuild()
        split_alias(store, "Dmitry Peskov", "Dmitry Peskov", "Peskov Two", "tester")
        same_as_a_rebuild()


WAGE = "we will raise the minimum wage to fifteen dollars an hour for every worker in America"
WAGE_TOO = ("the minimum wage must go up to fifteen dollars an hour, and Congress must act "
            "now")


def _one_entity(a: Analysis, name: str, others: Sequence[str]) -> Analysis:
    """``a`` with the speakers ``others`` made aliases of the entity ``name`` (one person
    written "Bernie Sanders" and "Sanders" in one article)."""
    eid = f"e-{name}"
    mentions = tuple(m for e in a.entities if e.name in (name, *others) for m in e.mentions)
    merged = Entity(id=eid, name=name, type="PERSON", aliases=(name, *others),
                    mentions=tuple(replace(m, entity_id=eid, entity=name) for m in mentions))
    kept = tuple(e for e in a.entities if e.name not in (name, *others))
    said = tuple(replace(s, speaker=replace(s.speaker, entity_id=eid, entity=name))
                 if s.speaker is not None and s.speaker.text in (name, *others) else s
                 for s in a.statements)
    return replace(a, entities=(merged, *kept), statements=said)


def _sanders() -> list[Analysis]:
    """Bernie Sanders' words in a1; in a2 "Sanders" says them again (one claim with a1) and
    "Bernie Sanders" says much the same, which that claim cannot take in (two statements of
    one article) until "Sanders" is split off."""
    return [
        article("a1", "2016-03-01", "cnn.com", [("Bernie Sanders", WAGE, (), "direct")]),
        _one_entity(article("a2", "2016-03-02", "nbc.com", [
            ("Sanders", WAGE, (), "direct"),
            ("Bernie Sanders", WAGE_TOO, (), "direct")]), "Bernie Sanders", ["Sanders"]),
        article("a3", "2016-03-03", "fox.com", [("Jane Sanders", "it was a long campaign "
                                                 "for all of us and for the family", (),
                                                 "direct")]),
    ]


@pytest.mark.parametrize("corpus", [False, True])
def test_a_split_lets_the_speakers_rest_join_other_claims(db: str, mode: str,
                                                          corpus: bool) -> None:
    """After "Sanders" is split off, the a1 claim loses its a2 version, and Bernie Sanders'
    other a2 statement joins it, as a rebuild finds: also when the speaker is clustered
    again only around the changed statements."""
    from whosaid.usecases import split_alias

    with open_store(db) as store:
        for a in _sanders():
            store.save(a)
        if corpus:
            build_corpus_entities(store)
        build_claims(store)
        before = {len(r["statements"]) for r in store_claims.claim_rows(store)
                  if r["speaker"]["entity"] == "Bernie Sanders"}
        assert before == {1, 2}  # a1 + a2's "Sanders"; a2's own alone
        split_alias(store, "Bernie Sanders", "Sanders", "Sanders", "tester")
        after = dump(store)
        bernie = [r for r in store_claims.claim_rows(store)
                  if r["speaker"]["entity"] == "Bernie Sanders"]
        assert [len(r["statements"]) for r in bernie] == [2]
        build_claims(store)
        assert after == dump(store)


def test_a_versions_partners_are_found_by_its_lookup_keys() -> None:
    """Every pair of near-identical contents (a partner pair of the speaker-changed flag)
    meets through one's lookup keys and the other's filed keys, the lighter one's prefix
    keys included: cut, padded, reworded and stop-word-heavy variants of some quotes."""
    import random
    from collections import Counter

    from whosaid.claims.cluster import SPEAKER_CHANGED, pair_score
    from whosaid.claims.index import PREFIX_MARK, content_keys, eligible, lookup_keys, prefix_keys
    from whosaid.claims.text import weighted_set

    def filed(bag: dict[str, float]) -> set[str]:
        return content_keys(bag) | {PREFIX_MARK + k for k in prefix_keys(bag)}

    rng = random.Random(15)
    bases = [READY, SHELLS, WAGE, WAGE_TOO, "We will not comment on the reports about the "
             "prisoner swap", "It is what it is and we are where we are and that is that now"]
    extra = ["and", "the", "of", "we", "will", "not", "in", "Moscow", "Kyiv", "5000", "troops",
             "today", "said", "new", "tax", "plan"]
    contents: list[str] = []
    for base in bases:
        words = base.split()
        contents.append(base)
        for _ in range(40):
            w = list(words)
            for _ in range(rng.randint(0, 3)):
                op = rng.choice(["cut", "pad", "swap"])
                if op == "cut" and len(w) > 4:
                    del w[rng.randrange(len(w))]
                elif op == "pad":
                    w.insert(rng.randrange(len(w) + 1), rng.choice(extra))
                else:
                    w[rng.randrange(len(w))] = rng.choice(extra)
            if rng.random() < 0.3:
                w = w[:rng.randint(4, len(w))]
            contents.append(" ".join(w))
    bags = [weighted_set(c) for c in contents if eligible(weighted_set(c))]
    counts = Counter(k for b in bags for k in content_keys(b))  # the rarest looked up
    pairs = 0
    for i, a in enumerate(bags):
        for b in bags[i + 1:]:
            if not content_keys(a).isdisjoint(content_keys(b)) \
                    and pair_score(a, b) >= SPEAKER_CHANGED:
                pairs += 1
                for x, y in ((a, b), (b, a)):
                    assert lookup_keys(filed(x)) & filed(y), (x, y)
                    assert lookup_keys(filed(x), counts) & filed(y), (x, y)
    assert pairs > 500


def test_claims_built_before_prefix_keys_are_filed_at_the_next_update(db: str) -> None:
    from sqlalchemy import delete

    from whosaid.claims.index import PREFIX_MARK
    from whosaid.store.schema import claim_terms
    from whosaid.usecases import merge_entities

    with open_store(db) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
        with store.write("an older store") as conn:
            conn.execute(delete(claim_terms).where(claim_terms.c.key.startswith(PREFIX_MARK)))
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester")
        after = dump(store)
        assert any(r[0].startswith(PREFIX_MARK) for r in after["claim_terms"])
        build_claims(store)
        assert after == dump(store)


def _relayed_by(a: Analysis, name: str) -> Analysis:
    """``a`` with each relay written ``name`` a mention of that person (entity ``e-name``)."""
    said = tuple(replace(s, relays=tuple(replace(r, entity_id=f"e-{name}", entity=name)
                                         if r.text == name else r for r in s.relays))
                 for s in a.statements)
    return replace(a, statements=said)


def test_a_merge_renaming_relays_equals_a_rebuild(db: str, mode: str) -> None:
    """"Dmitry Peskov said ..., Sergei Lavrov reported": merging Lavrov into Peskov renames
    the relay, so the claim's relay graph and the article's cites (what orders copies)
    change too."""
    from whosaid.usecases import merge_entities

    analyses = [*articles()[:4], _relayed_by(article("a9", "2022-12-02", "rt.com", [
        ("Dmitry Peskov", READY, ("Sergei Lavrov",), "indirect"),
        ("Sergei Lavrov", "the talks in Istanbul will go on after the new year holidays", (),
         "direct")]), "Sergei Lavrov")]
    with open_store(db) as store:
        for a in analyses:
            store.save(a)
        build_claims(store)
        merge_entities(store, "Sergei Lavrov", "Dmitry Peskov", "tester")
        after = dump(store)
        assert not any("Sergei Lavrov" in r for r in after["claim_edges"])
        build_claims(store)
        assert after == dump(store)


def _growing() -> list[Analysis]:
    """Peskov's and Lavrov's claims of the same words growing in turn, a day apart: which
    of them counts as earlier (more versions, then published first) flips back and forth,
    so the speaker-changed flag moves between their versions, and a third speaker's
    partner claim of three versions stays as it was."""
    quotes = [("Dmitry Peskov", "p"), ("Sergei Lavrov", "l"), ("Dmitry Peskov", "p"),
              ("Maria Zakharova", "z"), ("Maria Zakharova", "z"), ("Maria Zakharova", "z"),
              ("Sergei Lavrov", "l"), ("Sergei Lavrov", "l"), ("Dmitry Peskov", "p"),
              ("Dmitry Peskov", "p")]
    return [article(f"{tag}{i}", f"2022-12-{1 + i // 2:02d}", f"{tag}{i}.example",
                    [(speaker, READY, (), "direct")]) for i, (speaker, tag) in enumerate(quotes)]


def test_claims_growing_in_turn_flag_as_a_rebuild_does(db: str, mode: str,
                                                       rebuilt: Any) -> None:
    """As each article joins, the changed claim's versions look only at partners whose
    claims are as large as theirs were or are (or that changed), and a partner whose flag
    is off only at the changed versions: after each, the tables are a rebuild's."""
    analyses = _growing()
    with open_store(db) as store:
        store.save(analyses[0])
        update_claims(store, [analyses[0].article.id], build=True)
        flags = set()
        for i, a in enumerate(analyses[1:], 2):
            store.save(a)
            update_claims(store, [a.article.id])
            got = dump(store)
            assert got == rebuilt(analyses[:i])
            flags.add(sum("speaker_changed" in r[4] for r in got["claim_versions"]))
        assert len(flags) > 2  # the flag moved



def _tipping() -> list[Analysis]:
    """Donald Trump says "they will be in negotiations with us" on 1 and 3 March: the two
    share one content word ("negotiations"; the rest are stop words, filed under no key)
    and score 1. His statement of 2 March files that word too and scores low with both."""
    said = "they will be in negotiations with us"
    return [article("c1", "2016-03-01", "cnn.com", [("Donald Trump", said, (), "direct")]),
            article("c3", "2016-03-03", "fox.com", [("Donald Trump", said, (), "direct")]),
            article("c2", "2016-03-02", "nbc.com", [
                ("Donald Trump", "negotiations with Mexico about the wall start soon", (),
                 "direct")])]


def test_a_statement_tipping_the_posting_cap_regroups_as_a_rebuild(
        db: str, mode: str, rebuilt: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a posting cap of 1, the 2 March statement makes the 3 March one meet two
    earlier statements filed under "negotiations", so the 1 and 3 March statements are no
    candidate pair and part, though neither is linked to it; analysed again without it,
    they join again."""
    from whosaid.claims import cluster

    monkeypatch.setattr(cluster, "POSTING_CAP", 1)
    analyses = _tipping()
    with open_store(db) as store:
        for a in analyses[:2]:
            store.save(a)
        build_claims(store)
        assert len(dump(store)["claims"]) == 1
        store.save(analyses[2])
        update_claims(store, ["c2"])
        assert len(dump(store)["claims"]) == 3
        assert dump(store) == rebuilt(analyses)
        again = article("c2", "2016-03-02", "nbc.com", [
            ("Mike Pence", "the wall will be built", (), "direct")])
        store.save(again)
        update_claims(store, ["c2"])
        assert dump(store) == rebuilt([*analyses[:2], again])
        assert len(dump(store)["claims"]) == 2
