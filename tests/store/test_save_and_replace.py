"""Saving an analysis, reading it back, saving it again, replacing and deleting it."""

from __future__ import annotations

import json
from dataclasses import replace

from storekit import contents, make_analysis, table_counts
from whosaid.io.export import statement_json
from whosaid.store import StatementFilter, Store

STATEMENT_KEYS = {"id", "kind", "mode", "content", "speaker", "cue", "addressee", "relays",
                  "said_on", "confidence", "extractor", "positions"}


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
    content, speaker, cue = first["content"], first["speaker"], first["cue"]
    assert content["text"] == text_[content["start"] : content["end"]]
    assert content["text"] == "the ceasefire would hold through the holidays"
    assert content["fragments"] == [[content["start"], content["end"]]]
    assert speaker["text"] == "Putin"
    assert speaker["entity"] == "Vladimir Putin"
    assert cue["text"] == "said" and cue["lemma"] == "say"
    assert text_[speaker["start"] : speaker["end"]] == "Putin"
    assert text_[cue["start"] : cue["end"]] == "said"
    addressee = first["addressee"]
    assert text_[addressee["start"] : addressee["end"]] == "reporters"
    assert addressee["text"] == "reporters" and addressee["entity"] is None
    assert [r["entity"] or r["text"] for r in first["relays"]] == ["Interfax"]
    assert first["said_on"]["value"] == "2022-12-02"
    assert first["said_on"]["precision"] == "day" and first["said_on"]["from"] == "text"
    assert first["confidence"] == 0.75
    assert stmts[2]["said_on"] is None
    # the one statement shape: what --jsonl-out writes for the same records
    assert stmts == [statement_json(st) for st in analysis.statements]

    listed = store.statements()
    assert [{k: v for k, v in st.items() if k != "article"} for st in listed] == stmts
    assert listed[0]["article"] == {
        "id": "art1", "doc_id": "doc-art1", "title": "Putin and the ceasefire",
        "published": "2022-12-02", "site": "example.com", "url": "https://example.com/art1",
    }
    json.dumps(listed)


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
    assert len(store.statements(StatementFilter(q="ceasefire"))) == 1


def test_update_replaces(store: Store, db: str) -> None:
    old = make_analysis()
    store.save(old)
    new = make_analysis(quotes=[("Olaf Scholz", "Scholz", "gas prices must fall", "2023-01-05")])
    store.save(new)
    assert store.analysis("art1") == new
    assert store.statements(StatementFilter(q="ceasefire")) == []
    assert contents(store.statements(StatementFilter(q="gas"))) == ["gas prices must fall"]
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
    assert not store.has_current("art1", h, "whosaid-rules-v0")
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
