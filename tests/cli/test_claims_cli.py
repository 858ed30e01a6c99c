"""``whosaid claims`` and ``whosaid trace`` through the real CLI: the JSONL shape, filters,
``--rebuild``, tracing by claim or statement id, and bad input; ``whosaid analyze`` builds the
claims the first time and keeps them current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimstorekit import READY, article, articles
from whosaid.claims.service import build_claims
from whosaid.cli import app
from whosaid.store import claims as store_claims
from whosaid.store import open_store


def _run(*args: object, code: int = 0) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "w.db")
    with open_store(path) as store:
        for a in articles():
            store.save(a)
        build_claims(store)
    return path


def test_jsonl_is_one_claim_a_line_in_the_claim_shape(db: str) -> None:
    lines = _run("claims", "--db", db, "-f", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == len({r["id"] for r in rows}) >= 7
    ready = next(r for r in rows if r["origin"]["article_id"] == "a1"
                 and r["speaker"]["entity"] == "Dmitry Peskov")
    assert set(ready) == {"id", "speaker", "origin", "statements", "pending"}
    assert ready["pending"] is False  # no correction waits for its claims refresh
    assert set(ready["speaker"]) == {"entity", "entity_id"}
    assert set(ready["origin"]) == {"statement_id", "doc_id", "article_id", "start", "end",
                                    "published", "site"}
    first = ready["statements"][0]
    assert set(first) == {"id", "doc_id", "article_id", "published", "site", "content",
                          "relays", "drift"}
    assert set(first["drift"]) == {"meaning_changed", "flags", "added", "dropped", "changed"}
    assert ready["origin"]["doc_id"] == "doc-a1" and ready["origin"]["site"] == "tass.com"
    with open_store(db) as store:  # offsets point into the article's stored text
        for st in ready["statements"]:
            text = store.article(st["article_id"])["text"]
            assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
    ria = next(s for s in ready["statements"] if s["article_id"] == "a2")
    assert ria["relays"] == ["TASS"] and "paraphrase_to_quote" not in ria["drift"]["flags"]
    assert "quote_to_paraphrase" in ria["drift"]["flags"]


def test_filters_speaker_words_and_dates(db: str) -> None:
    def ids(*args: str) -> set[str]:
        out = _run("claims", "--db", db, "-f", "json", *args).stdout
        return {r["speaker"]["entity"] for r in json.loads(out)}

    assert ids("--speaker", "peskov") == {"Dmitry Peskov"}  # resolved as statements resolve
    assert ids("--speaker", "Nobody Atall") == set()
    assert ids("--about", "ceasefire") == {"Dmitry Peskov", "Sergei Lavrov"}
    assert "Dmitry Peskov" not in ids("--since", "2022-12-21")
    assert ids("--until", "2022-12-01") == {"Dmitry Peskov", "Vladimir Putin"}
    _run("claims", "--db", db, "--since", "2022-13", code=2)
    table = _run("claims", "--db", db, "--speaker", "Sergei Lavrov").stdout
    assert "speaker changed" in table


def test_rebuild_prints_a_summary(db: str) -> None:
    out = _run("claims", "--db", db, "--rebuild", "-q")
    assert "claims of" in out.stderr and "copy groups" in out.stderr
    assert "1 statements have no date" in out.stderr


def test_trace_by_claim_or_statement_id(db: str) -> None:
    rows = json.loads(_run("claims", "--db", db, "-f", "json").stdout)
    ready = next(r for r in rows if r["origin"]["article_id"] == "a1"
                 and r["speaker"]["entity"] == "Dmitry Peskov")
    by_claim = _run("trace", ready["id"], "--db", db).stdout
    assert "Dmitry Peskov" in by_claim and "(origin)" in by_claim
    assert by_claim.index("tass.com") < by_claim.index("ria.ru")
    assert "TASS → ria.ru" in by_claim and "TASS → farm.example" in by_claim
    assert READY[:20] in by_claim
    statement = ready["statements"][-1]["id"]
    assert _run("trace", statement, "--db", db).stdout == by_claim
    assert _run("trace", ready["id"][:8], "--db", db).stdout == by_claim
    detail = json.loads(_run("trace", ready["id"], "--db", db, "-f", "json").stdout)[0]
    assert {"kind": "copy", "source": "TASS", "target": "farm.example",
            "article_id": "a3"} in detail["edges"]


def test_trace_bad_input(db: str) -> None:
    missing = _run("trace", "no-such-claim", "--db", db, code=1)
    assert "no claim or statement 'no-such-claim'" in missing.stderr
    with open_store(db) as store:
        unknown = next(s["id"] for s in store.article("a1")["statements"]
                       if s["speaker"] is None)
    nobody = _run("trace", unknown, "--db", db, code=1)
    assert f"statement {unknown!r} is in no claim: its speaker is unknown" in nobody.stderr


def test_claims_of_an_undated_corpus_are_built_and_said_so(tmp_path: Path) -> None:
    db = str(tmp_path / "undated.db")
    with open_store(db) as store:
        for i, words in enumerate((READY, READY + " today", "We want a ceasefire now "
                                                            "before the winter comes")):
            store.save(article(f"u{i}", None, f"site{i}.example",
                               [("Dmitry Peskov", words, (), "direct")]))
    out = _run("claims", "--db", db, "--rebuild", "-q", "-f", "json")
    assert "no statement has a date" in out.stderr
    rows = json.loads(out.stdout)
    assert sorted(len(r["statements"]) for r in rows) == [1, 2]


def test_analyze_builds_the_claims_then_keeps_them_current(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    first.write_text("Kremlin spokesman Dmitry Peskov said on Monday that Russia was ready "
                     "for talks with Kyiv.", encoding="utf-8")
    later.write_text("Dmitry Peskov said on Monday that Russia was ready for talks with Kyiv, "
                     "according to TASS.", encoding="utf-8")
    out = _run("analyze", first, "--db", db, "--published", "2022-12-05", "-q", "--no-show")
    assert "claims: built" in out.stderr
    out = _run("analyze", later, "--db", db, "--published", "2022-12-05", "-q", "--no-show")
    assert "claims: built" in out.stderr  # a batch of half the articles: the whole pass
    rows = json.loads(_run("claims", "--db", db, "-f", "json").stdout)
    peskov = [r for r in rows if r["speaker"]["entity"] == "Dmitry Peskov"]
    assert len(peskov) == 1 and len(peskov[0]["statements"]) == 2
    assert peskov[0]["statements"][1]["relays"] == ["TASS"]
    with open_store(db) as store, store.read("pending") as conn:
        assert store_claims.pending_articles(conn) == []
