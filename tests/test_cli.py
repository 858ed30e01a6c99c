"""End-to-end tests of the ``whosaid`` command line: real runs, real SQLite, the real model.

Most tests drive ``whosaid.cli.app`` through Typer's CliRunner (the spaCy pipeline is cached
per process, so they share one loaded model); the interruption tests run the installed
``whosaid`` script in a subprocess and send it a signal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from serverkit import live_server
from whosaid.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "isw-putin-ceasefire.txt"
EXAMPLE_DATE = "2022-12-04"
EXAMPLE_ID = "isw-putin-ceasefire"

SUMMARY = re.compile(
    r"(\d+) analysed, (\d+) unchanged, (\d+) skipped, (\d+) failed; (\d+) statements"
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

runner = CliRunner()


# --- helpers ----------------------------------------------------------------------------


def invoke(*args: object, env: dict[str, str] | None = None) -> Any:
    """Run the CLI in this process; a crash (anything but an exit) fails the test."""
    result = runner.invoke(app, [str(a) for a in args], env=env)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(
            f"whosaid {' '.join(map(str, args))} crashed with {type(exc).__name__}: {exc}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        ) from exc
    return result


def flat(text: str) -> str:
    """``text`` without colour codes and with every run of whitespace one space (Rich wraps
    long lines at the console width)."""
    return " ".join(ANSI.sub("", text).split())


def summary_of(stderr: str) -> dict[str, int]:
    match = SUMMARY.search(flat(stderr))
    assert match, f"no summary line in stderr:\n{stderr}"
    keys = ("analysed", "unchanged", "skipped", "failed", "statements")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def assert_no_traceback(result: Any) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit)


def query(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def scalar(db: Path, sql: str, *params: object) -> Any:
    return query(db, sql, *params)[0][0]


def assert_consistent(db: Path) -> None:
    """The database is intact and every article holds exactly its statements."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    bad = query(
        db,
        "SELECT a.id, a.statement_count, "
        "(SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS n "
        "FROM articles a WHERE a.statement_count != "
        "(SELECT count(*) FROM statements s WHERE s.article_id = a.id)",
    )
    assert bad == [], f"articles whose statement_count is not their statements: {bad}"


def doc_ids(db: Path) -> list[str]:
    return sorted(r[0] for r in query(db, "SELECT doc_id FROM articles"))


def json_out(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def whosaid_script() -> str:
    beside = Path(sys.executable).parent / "whosaid"
    if beside.exists():
        return str(beside)
    found = shutil.which("whosaid")
    if found is None:
        pytest.fail("the whosaid script is not installed (pip install -e .)")
    return found


# --- inputs -----------------------------------------------------------------------------

TEXT_DOC = (
    "The mayor of Springfield, John Smith, said on Monday that the new bridge would open in "
    'June. "We are proud of this work," Smith told reporters.\n'
)
HTML_DOC = (
    "<html><head><title>Budget talks</title></head><body><article><h1>Budget talks</h1>"
    "<p>Finance Minister Maria Lopez said the budget would be balanced next year. She told "
    "lawmakers that taxes would not rise.</p><p>Opposition leader Tom Brown said the plan was "
    "unrealistic.</p></article></body></html>\n"
)
JSONL_DOCS = [
    {"id": "doc-1", "title": "Trade", "url": "https://example.com/trade",
     "published": "2023-03-01",
     "text": 'Trade Minister Ann Lee said exports grew by five percent. "This is good news," '
             "Lee said."},
    {"id": "doc-2", "title": "Weather",
     "text": "The weather service said heavy rain would fall across the region on Friday, "
             "officials said."},
]
GERMAN_DOC = (
    "Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Regierung werde die Ukraine "
    "weiterhin unterstützen. Die Opposition kritisierte die Entscheidung scharf und forderte "
    "eine Debatte im Bundestag über die Lieferung weiterer Waffen.\n"
)


def jsonl(records: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test runs in its own directory with no whosaid settings in the environment, so
    a forgotten ``--db`` cannot touch a real database and relative paths stay short."""
    monkeypatch.delenv("WHOSAID_DB", raising=False)
    monkeypatch.delenv("WHOSAID_MAX_BYTES", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def query_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example (published 2022-12-04) and one unrelated article, analysed once
    for the read-only query tests."""
    base = tmp_path_factory.mktemp("query")
    other = base / "other.jsonl"
    other.write_text(jsonl(JSONL_DOCS[:1]), encoding="utf-8")
    db = base / "query.db"
    result = invoke("analyze", EXAMPLE, other, "--published", EXAMPLE_DATE, "--db", db,
                    "--no-show")
    assert result.exit_code == 0, result.stderr
    assert summary_of(result.stderr)["analysed"] == 2
    return db


@pytest.fixture(scope="module")
def all_statements(query_db: Path) -> list[dict[str, Any]]:
    rows = json_out(invoke("statements", "--db", query_db, "--format", "json"))
    assert len(rows) == scalar(query_db, "SELECT count(*) FROM statements")
    return rows


# --- analyze ----------------------------------------------------------------------------


def test_cli_analyze_example_prints_table(tmp_path: Path) -> None:
    db = tmp_path / "tmp.db"
    result = invoke("analyze", EXAMPLE, "--published", EXAMPLE_DATE, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Vladimir Putin" in result.stdout
    assert "Olaf Scholz" in result.stdout
    assert "Who said what" in result.stdout
    summary = summary_of(result.stderr)
    assert summary["analysed"] == 1
    assert summary["failed"] == 0
    assert summary["statements"] == scalar(db, "SELECT count(*) FROM statements") > 0
    assert doc_ids(db) == [EXAMPLE_ID]
    assert_consistent(db)


def test_cli_analyze_rerun_is_unchanged_and_force_reanalyses(tmp_path: Path) -> None:
    db = tmp_path / "tmp.db"
    args = ("analyze", EXAMPLE, "--published", EXAMPLE_DATE, "--db", db, "--no-show")
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    n = scalar(db, "SELECT count(*) FROM statements")
    ids = query(db, "SELECT id FROM statements ORDER BY id")
    assert n > 0

    again = invoke(*args)
    assert again.exit_code == 0, again.stderr
    assert "1 unchanged" in flat(again.stderr)
    assert summary_of(again.stderr)["analysed"] == 0
    assert scalar(db, "SELECT count(*) FROM statements") == n

    forced = invoke(*args, "--force")
    assert forced.exit_code == 0, forced.stderr
    summary = summary_of(forced.stderr)
    assert (summary["analysed"], summary["unchanged"]) == (1, 0)
    assert scalar(db, "SELECT count(*) FROM articles") == 1
    assert query(db, "SELECT id FROM statements ORDER BY id") == ids  # same, not duplicated
    assert_consistent(db)


def _check_span(text: str, span: dict[str, Any] | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span["start"] <= span["end"] <= len(text), (what, span)
    assert text[span["start"]:span["end"]] == span["text"], (what, span)


def test_cli_analyze_jsonl_out(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text(jsonl(JSONL_DOCS), encoding="utf-8")
    (tmp_path / "local-story.txt").write_text(TEXT_DOC, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("analyze", EXAMPLE, "feed.jsonl", "local-story.txt", "--published",
                    EXAMPLE_DATE, "--db", tmp_path / "tmp.db", "--jsonl-out", out)
    assert result.exit_code == 0, result.stderr

    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4  # one line per document
    docs = [json.loads(line) for line in lines]
    assert sorted(d["id"] for d in docs) == sorted([EXAMPLE_ID, "doc-1", "doc-2", "local-story"])
    keys = {"id", "title", "url", "published", "language", "text", "statements", "entities",
            "dates", "furniture"}
    statement_keys = {"id", "kind", "content", "speaker", "cue", "addressee", "relays",
                      "said_on", "confidence"}
    total = 0
    for doc in docs:
        assert keys <= doc.keys(), keys - doc.keys()
        assert doc["published"] == EXAMPLE_DATE  # --published overrides the document's own
        assert doc["language"] == "en"
        text = doc["text"]
        for st in doc["statements"]:
            total += 1
            assert statement_keys <= st.keys(), statement_keys - st.keys()
            assert st["kind"] in {"direct", "indirect", "mixed"}
            content = st["content"]
            assert {"start", "end", "text", "fragments"} <= content.keys()
            _check_span(text, content, "content")
            assert content["fragments"], st
            for start, end in content["fragments"]:
                assert content["start"] <= start < end <= content["end"], st
            _check_span(text, st["speaker"], "speaker")
            _check_span(text, st["cue"], "cue")
            _check_span(text, st["addressee"], "addressee")
            for relay in st["relays"]:
                _check_span(text, relay, "relay")
            assert 0.0 <= st["confidence"] <= 1.0
        for span in doc["furniture"] + doc["dates"]:
            _check_span(text, span, "furniture/date")
        for entity in doc["entities"]:
            for mention in entity["mentions"]:
                _check_span(text, mention, "entity mention")

    by_id = {d["id"]: d for d in docs}
    assert by_id["doc-1"]["url"] == "https://example.com/trade"
    assert by_id["doc-1"]["title"] == "Trade"
    speakers = {(st["speaker"] or {}).get("entity") for st in by_id[EXAMPLE_ID]["statements"]}
    assert {"Vladimir Putin", "Olaf Scholz"} <= speakers
    assert total == summary_of(result.stderr)["statements"]


def test_cli_analyze_directory_of_mixed_inputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT_DOC, encoding="utf-8")
    (inputs / "b.html").write_text(HTML_DOC, encoding="utf-8")
    (inputs / "c.jsonl").write_text(jsonl(JSONL_DOCS), encoding="utf-8")
    (inputs / "notes.cfg").write_text("not an input\n", encoding="utf-8")  # ignored
    db = tmp_path / "tmp.db"
    result = invoke("analyze", "in", "--db", db)
    assert result.exit_code == 0, result.stderr
    summary = summary_of(result.stderr)
    assert (summary["analysed"], summary["unchanged"], summary["skipped"],
            summary["failed"]) == (4, 0, 0, 0)
    assert summary["statements"] == scalar(db, "SELECT count(*) FROM statements") > 0
    assert doc_ids(db) == ["a", "b", "doc-1", "doc-2"]
    assert "Maria Lopez" in result.stdout  # up to 5 documents: their tables are shown
    assert_consistent(db)


def test_cli_analyze_bad_documents_reported_and_good_ones_stored(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT_DOC, encoding="utf-8")
    (inputs / "b.html").write_text(HTML_DOC, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inputs / "mixed.jsonl").write_text(
        jsonl(JSONL_DOCS[:1]) + '{"id": "broken", "text": \n', encoding="utf-8"
    )
    db = tmp_path / "tmp.db"
    result = invoke("analyze", "in", "missing.txt", "--db", db, "--no-show")
    assert result.exit_code == 1, result.stderr
    err = flat(result.stderr)
    assert re.search(r"in/empty\.txt: file is empty", err), err
    assert re.search(r"in/binary\.txt: looks binary", err), err
    assert re.search(r"in/mixed\.jsonl:2: malformed JSON", err), err
    assert re.search(r"missing\.txt: no such file", err), err
    summary = summary_of(result.stderr)
    assert (summary["analysed"], summary["failed"]) == (3, 4)
    # the good documents are stored, nothing of the bad ones
    assert doc_ids(db) == ["a", "b", "doc-1"]
    assert_consistent(db)


def test_cli_analyze_non_english_is_stored_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "german.txt").write_text(GERMAN_DOC, encoding="utf-8")
    db = tmp_path / "tmp.db"
    result = invoke("analyze", "german.txt", "--db", db, "--no-show")
    assert result.exit_code == 0, result.stderr
    summary = summary_of(result.stderr)
    assert (summary["analysed"], summary["skipped"], summary["failed"]) == (0, 1, 0)
    assert re.search(r"skipped: german\.txt: language is 'de'", flat(result.stderr))
    rows = json_out(invoke("articles", "--db", db, "--format", "json"))
    assert len(rows) == 1
    assert rows[0]["doc_id"] == "german"
    assert rows[0]["language"] == "de"
    assert rows[0]["analyzed"] is False
    assert "de" in rows[0]["skip_reason"]
    assert rows[0]["statement_count"] == 0
    assert_consistent(db)


def test_cli_analyze_max_bytes_from_env(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT_DOC, encoding="utf-8")
    db = tmp_path / "tmp.db"
    result = invoke("analyze", "a.txt", "--db", db, env={"WHOSAID_MAX_BYTES": "50"})
    assert result.exit_code == 1
    assert re.search(r"a\.txt: file is \d+ bytes, larger than the 50 bytes limit",
                     flat(result.stderr)), result.stderr
    assert scalar(db, "SELECT count(*) FROM articles") == 0
    # the option wins over the environment
    result = invoke("analyze", "a.txt", "--db", db, "--max-bytes", "100000",
                    env={"WHOSAID_MAX_BYTES": "50"})
    assert result.exit_code == 0, result.stderr


def test_cli_analyze_min_confidence_keeps_only_confident_statements(tmp_path: Path) -> None:
    """--min-confidence: statements below it are not stored; outside 0..1 is a usage error."""
    everything, confident = tmp_path / "all.db", tmp_path / "confident.db"
    args = ("analyze", EXAMPLE, "--published", EXAMPLE_DATE, "--no-show")
    assert invoke(*args, "--db", everything).exit_code == 0
    result = invoke(*args, "--db", confident, "--min-confidence", "0.8")
    assert result.exit_code == 0, result.stderr
    low = scalar(everything, "SELECT count(*) FROM statements WHERE confidence < 0.8")
    high = scalar(everything, "SELECT count(*) FROM statements WHERE confidence >= 0.8")
    assert low > 0 and high > 0
    assert scalar(confident, "SELECT count(*) FROM statements") == high
    assert scalar(confident, "SELECT min(confidence) FROM statements") >= 0.8
    bad = invoke(*args, "--db", tmp_path / "bad.db", "--min-confidence", "1.5")
    assert bad.exit_code == 2
    assert_no_traceback(bad)


def test_cli_analyze_invalid_published_date(tmp_path: Path) -> None:
    result = invoke("analyze", EXAMPLE, "--published", "2022-13-45", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "2022-13-45" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert_no_traceback(result)


# --- statements -------------------------------------------------------------------------


def _ids(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["article"]["id"], r["id"]) for r in rows]


def _entity(mention: dict[str, Any] | None) -> str | None:
    return (mention or {}).get("entity")


def _said_on(r: dict[str, Any]) -> str | None:
    return (r["said_on"] or {}).get("value")


def test_cli_statements_by_speaker(query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--speaker", "putin", "-f", "json"))
    assert rows
    # a name: the canonical names any of whose aliases contain "putin"
    assert {_entity(r["speaker"]) for r in rows} == {"Vladimir Putin"}
    putin = [r for r in all_statements if _entity(r["speaker"]) == "Vladimir Putin"]
    assert len(putin) >= 2
    assert set(_ids(putin)) == set(_ids(rows))
    assert {(r["cue"] or {}).get("text") for r in rows} >= {"cited", "asked"}


def test_cli_statements_by_speaker_contains(query_db: Path,
                                            all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--speaker", "putin",
                           "--speaker-contains", "-f", "json"))
    for r in rows:
        assert "putin" in f"{_entity(r['speaker'])} {r['speaker']['text']}".lower(), r
    putin = [r for r in all_statements if _entity(r["speaker"]) == "Vladimir Putin"]
    assert set(_ids(putin)) <= set(_ids(rows))


def test_cli_statements_by_addressee_relay_and_kind(
        query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    addressed = [r for r in all_statements if _entity(r["addressee"]) == "Vladimir Putin"]
    assert addressed
    rows = json_out(invoke("statements", "--db", query_db, "--addressee", "Vladimir Putin",
                           "-f", "json"))
    assert _ids(rows) == _ids(addressed)
    relay = next(x["entity"] or x["text"] for r in all_statements for x in r["relays"])
    rows = json_out(invoke("statements", "--db", query_db, "--relay", relay, "-f", "json"))
    assert rows and all(relay in [x["entity"] or x["text"] for x in r["relays"]] for r in rows)
    for kind in ("direct", "indirect"):
        rows = json_out(invoke("statements", "--db", query_db, "--kind", kind, "-f", "json"))
        assert _ids(rows) == _ids([r for r in all_statements if r["kind"] == kind])
    bad = invoke("statements", "--db", query_db, "--kind", "sarcastic")
    assert bad.exit_code == 2
    assert "kind must be one of direct, indirect, mixed" in flat(bad.stderr)
    assert_no_traceback(bad)


def test_cli_statements_about(query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--about", "ceasefire", "-f", "json"))
    assert rows
    for r in rows:
        assert "ceasefire" in r["content"]["text"].lower(), r
    expected = [r for r in all_statements
                if re.search(r"\bceasefire\b", r["content"]["text"], re.I)]
    assert _ids(rows) == _ids(expected)


def test_cli_statements_since_until(query_db: Path,
                                    all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--since", "2022-12-01",
                           "--until", "2022-12-02", "-f", "json"))
    expected = [r for r in all_statements
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", _said_on(r) or "")
                and "2022-12-01" <= (_said_on(r) or "") <= "2022-12-02"]
    assert _ids(rows) == _ids(expected)
    assert {_entity(r["speaker"]) for r in rows} >= {"Vladimir Putin", "Olaf Scholz"}
    # undated statements fall back to the publication date (2022-12-04): out of range
    assert all(_said_on(r) != EXAMPLE_DATE for r in rows)


def test_cli_statements_min_confidence(query_db: Path,
                                      all_statements: list[dict[str, Any]]) -> None:
    confidences = sorted({r["confidence"] for r in all_statements})
    assert len(confidences) > 1
    bound = confidences[len(confidences) // 2]
    rows = json_out(invoke("statements", "--db", query_db, "--min-confidence", str(bound),
                           "-f", "json"))
    assert set(_ids(rows)) == set(_ids([r for r in all_statements if r["confidence"] >= bound]))
    assert 0 < len(rows) < len(all_statements)
    bad = invoke("statements", "--db", query_db, "--min-confidence", "-0.1")
    assert bad.exit_code == 2
    assert_no_traceback(bad)


def test_cli_statements_by_article(query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--article", EXAMPLE_ID, "-f", "json"))
    assert rows
    assert {r["article"]["doc_id"] for r in rows} == {EXAMPLE_ID}
    assert _ids(rows) == _ids([r for r in all_statements
                               if r["article"]["doc_id"] == EXAMPLE_ID])
    other = json_out(invoke("statements", "--db", query_db, "--article", "doc-1", "-f", "json"))
    assert other and {r["article"]["doc_id"] for r in other} == {"doc-1"}
    assert len(rows) + len(other) == len(all_statements)


def test_cli_statements_limit(query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("statements", "--db", query_db, "--limit", "3", "-f", "json"))
    assert _ids(rows) == _ids(all_statements[:3])


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_cli_statements_formats(query_db: Path, all_statements: list[dict[str, Any]],
                                fmt: str) -> None:
    result = invoke("statements", "--db", query_db, "--speaker", "scholz", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    expected = [r for r in all_statements if _entity(r["speaker"]) == "Olaf Scholz"]
    assert expected
    out = result.stdout
    if fmt == "table":
        assert f"{len(expected)} statements" in out
        assert "Speaker" in out and "Olaf Scholz" in out
        assert "Vladimir Putin" in out  # as the addressee of Scholz's reply
    elif fmt == "json":
        assert _ids(json.loads(out)) == _ids(expected)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert _ids(rows) == _ids(expected)
        assert rows == expected
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(expected)
        assert set(rows[0]) >= {"speaker_entity", "cue", "content", "kind", "said_on"}
        assert [r["content"] for r in rows] == [r["content"]["text"] for r in expected]
        assert {r["speaker_entity"] for r in rows} == {"Olaf Scholz"}


def _api_statements(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        response = client.get("/api/statements", params=params | ({"cursor": cursor} if cursor
                                                                  else {}))
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("pagination did not end")


def test_speaker_means_the_same_on_the_cli_and_the_api(query_db: Path) -> None:
    with live_server(str(query_db)) as url, httpx.Client(base_url=url) as client:
        for speaker in ("putin", "Vladimir Putin", "scholes", "OLAF", "Institute", "a", "nobody"):
            for contains in (False, True):
                flag = ["--speaker-contains"] if contains else []
                cli = json_out(invoke("statements", "--db", query_db, "--speaker", speaker,
                                      *flag, "-f", "json"))
                api = _api_statements(client, speaker=speaker,
                                      speaker_contains=str(contains).lower())
                assert sorted(_ids(cli)) == sorted(_ids(api)), (speaker, contains)
                assert cli or speaker == "nobody", speaker


def test_statement_json_is_the_same_in_jsonl_out_cli_and_api(tmp_path: Path) -> None:
    db, out = tmp_path / "one.db", tmp_path / "out.jsonl"
    result = invoke("analyze", EXAMPLE, "--published", EXAMPLE_DATE, "--db", db,
                    "--jsonl-out", out, "--no-show")
    assert result.exit_code == 0, result.stderr
    (line,) = out.read_text(encoding="utf-8").splitlines()
    analysed = json.loads(line)
    from_jsonl = {st["id"]: st for st in analysed["statements"]}
    assert len(from_jsonl) >= 10
    listed = json_out(invoke("statements", "--db", db, "-f", "json"))
    assert {st["article"]["id"] for st in listed} == {analysed["article_id"]}
    from_cli = [{k: v for k, v in st.items() if k != "article"} for st in listed]
    with live_server(str(db)) as url, httpx.Client(base_url=url) as client:
        from_api = client.get(f"/api/articles/{analysed['article_id']}").json()["statements"]
    assert from_cli == from_api
    assert {st["id"]: st for st in from_api} == from_jsonl


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_cli_statements_bad_date(query_db: Path, option: str) -> None:
    result = invoke("statements", "--db", query_db, option, "2022-13-01")
    assert result.exit_code == 2
    err = flat(result.stderr)
    assert option in err and "2022-13-01" in err and "YYYY-MM-DD" in err, err
    assert result.stdout == ""
    assert_no_traceback(result)


def test_cli_statements_empty_database(tmp_path: Path) -> None:
    rows = json_out(invoke("statements", "--db", tmp_path / "new.db", "-f", "json"))
    assert rows == []


# --- entities, show, articles -----------------------------------------------------------


def test_cli_entities_all(query_db: Path) -> None:
    result = invoke("entities", "--db", query_db)
    assert result.exit_code == 0, result.stderr
    for name in ("Olaf Scholz", "Vladimir Putin", "Ann Lee"):
        assert name in result.stdout


def test_cli_entities_by_name_shows_aliases(query_db: Path) -> None:
    result = invoke("entities", "Scholz", "--db", query_db)
    assert result.exit_code == 0, result.stderr
    assert "Olaf Scholz" in result.stdout
    assert "Scholes" in result.stdout
    assert "Vladimir Putin" not in result.stdout


def test_cli_entities_json(query_db: Path) -> None:
    rows = json_out(invoke("entities", "scholes", "--db", query_db, "--format", "json"))
    assert [r["name"] for r in rows] == ["Olaf Scholz"]
    scholz = rows[0]
    assert scholz["type"] == "PERSON"
    assert {"Scholz", "Scholes"} <= {a["alias"] for a in scholz["aliases"]}
    assert scholz["statements"] >= 1 and scholz["mentions"] >= 3 and scholz["articles"] == 1
    everyone = json_out(invoke("entities", "--db", query_db, "-f", "json"))
    assert {"Olaf Scholz", "Vladimir Putin"} <= {r["name"] for r in everyone}


def test_cli_show_prints_article(query_db: Path) -> None:
    result = invoke("show", EXAMPLE_ID, "--db", query_db)
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    text = EXAMPLE.read_text(encoding="utf-8")
    for paragraph in text.split("\n\n")[:3] + [text.split("\n\n")[6]]:
        assert flat(paragraph) in out
    assert f"published {EXAMPLE_DATE}" in out
    assert invoke("show", EXAMPLE_ID, "--db", query_db, "--no-furniture").exit_code == 0


def test_cli_show_unknown_article(query_db: Path) -> None:
    result = invoke("show", "no-such-article", "--db", query_db)
    assert result.exit_code == 1
    err = flat(result.stderr).lower()
    assert "no-such-article" in err
    assert "not found" in err or "no article" in err, err
    assert_no_traceback(result)


def test_cli_articles_json(query_db: Path, all_statements: list[dict[str, Any]]) -> None:
    rows = json_out(invoke("articles", "--db", query_db, "--format", "json"))
    assert sorted(r["doc_id"] for r in rows) == sorted([EXAMPLE_ID, "doc-1"])
    for r in rows:
        assert {"id", "doc_id", "title", "published", "language", "statement_count"} <= r.keys()
        assert r["statement_count"] == sum(1 for s in all_statements
                                           if s["article"]["id"] == r["id"])
    example = next(r for r in rows if r["doc_id"] == EXAMPLE_ID)
    assert example["published"] == EXAMPLE_DATE
    assert example["title"].startswith("ISW: Putin has little interest")
    table = invoke("articles", "--db", query_db)
    assert table.exit_code == 0 and "2 articles" in table.stdout


# --- database selection -----------------------------------------------------------------


@pytest.mark.parametrize("command", [["analyze", str(EXAMPLE)], ["statements"], ["entities"],
                                     ["articles"], ["show", EXAMPLE_ID]])
def test_cli_db_in_missing_directory(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "no" / "such" / "dir" / "x.db"
    result = invoke(*command, "--db", db)
    assert result.exit_code == 1
    err = flat(result.stderr)
    assert "does not exist" in err and "dir" in err, err
    assert_no_traceback(result)
    assert not db.parent.exists()


def test_cli_whosaid_db_env(tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    env = {"WHOSAID_DB": str(db)}
    result = invoke("analyze", EXAMPLE, "--published", EXAMPLE_DATE, "--no-show", env=env)
    assert result.exit_code == 0, result.stderr
    assert db.exists()
    assert not (tmp_path / "whosaid.db").exists()
    rows = json_out(invoke("articles", "-f", "json", env=env))
    assert [r["doc_id"] for r in rows] == [EXAMPLE_ID]
    # --db wins over the environment
    other = tmp_path / "other.db"
    assert json_out(invoke("articles", "--db", other, "-f", "json", env=env)) == []


def test_cli_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"whosaid \d+\.\d+\.\d+\S*\n", result.stdout)


# --- interrupted runs -------------------------------------------------------------------

PEOPLE = ["Anna Berg", "Carl Dunn", "Eva Fox", "Gus Hale", "Ida Jones", "Ken Lowe"]
TOPICS = ["the harbour", "the school budget", "the new rail line", "water prices",
          "the by-election", "the bus depot", "the flood barrier"]
N_DOCS = 30


def _story(i: int) -> str:
    paragraphs = [f"Council update {i}"]
    for j in range(8):
        who = PEOPLE[(i + j) % len(PEOPLE)]
        topic = TOPICS[(i * 3 + j) % len(TOPICS)]
        paragraphs.append(
            f"{who}, a spokesperson for the council, said on Tuesday that {topic} would be "
            f'reviewed in report {i}-{j}. "We will publish the findings next month," '
            f"{who.split()[1]} told reporters at the town hall."
        )
    return "\n\n".join(paragraphs) + "\n"


def _wait_for_articles(db: Path, proc: subprocess.Popen[bytes], timeout: float) -> int:
    """Poll until ``db`` holds an article (or the process ends); the number seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=0.2)
                try:
                    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                finally:
                    conn.close()
                if n:
                    return int(n)
            except sqlite3.OperationalError:  # not created yet, or busy
                pass
        time.sleep(0.01)
    if proc.poll() is not None:
        out, err = proc.communicate()
        pytest.fail(f"whosaid ended (rc {proc.returncode}) before it was interrupted:\n"
                    f"{err.decode(errors='replace')}")
    pytest.fail(f"no article stored within {timeout} s")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def subprocess_env() -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
    env.pop("COLUMNS", None)
    yield env


@pytest.mark.slow
# SIGKILL at random points, on both stores, is tests/faults/test_kill_analyze.py's
@pytest.mark.parametrize("sig", [signal.SIGINT], ids=["sigint"])
def test_cli_interrupted_run_is_consistent_and_resumable(
    tmp_path: Path, subprocess_env: dict[str, str], sig: signal.Signals
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(N_DOCS):
        (docs / f"story-{i:02d}.txt").write_text(_story(i), encoding="utf-8")
    db = tmp_path / "run.db"
    cmd = [whosaid_script(), "analyze", str(docs), "--db", str(db), "-q"]

    # SIGINT at its default in the child whatever this process inherited: a shell runs a
    # background job (`make test &` without job control) with SIGINT ignored, the child
    # inherits that, Python then installs no KeyboardInterrupt handler, and the run ignored
    # the signal and finished (rc 0) in two fresh-clone CI runs started that way
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=subprocess_env, cwd=tmp_path,
                            preexec_fn=_default_sigint)
    try:
        _wait_for_articles(db, proc, timeout=60)
        proc.send_signal(sig)
        _, err_bytes = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = err_bytes.decode(errors="replace")
    if sig == signal.SIGINT:
        assert proc.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err, err
    else:
        assert proc.returncode == -signal.SIGKILL

    assert_consistent(db)
    stored = scalar(db, "SELECT count(*) FROM articles")
    assert 1 <= stored < N_DOCS, "the run ended before the signal: make the documents longer"

    rerun = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           env=subprocess_env, cwd=tmp_path, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    summary = summary_of(rerun.stderr)
    assert summary["unchanged"] == stored  # stored articles are complete: not redone
    assert summary["analysed"] + summary["unchanged"] == N_DOCS
    assert summary["failed"] == 0
    assert_consistent(db)
    assert doc_ids(db) == [f"story-{i:02d}" for i in range(N_DOCS)]  # each exactly once
    assert scalar(db, "SELECT count(DISTINCT text_hash) FROM articles") == N_DOCS


# --- regressions: CLI bugs found and fixed ------------------------------------------------


def test_cli_failure_names_file_with_brackets(tmp_path: Path) -> None:
    (tmp_path / "notes[draft].txt").write_bytes(b"")
    result = invoke("analyze", "notes[draft].txt", "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert "notes[draft].txt" in flat(result.stderr), result.stderr


def test_cli_statements_table_keeps_square_brackets(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(
        "Mayor Jane Doe said that the council [the city board] would vote on Friday.\n",
        encoding="utf-8")
    db = tmp_path / "x.db"
    assert invoke("analyze", "m.txt", "--db", db, "--no-show").exit_code == 0
    rows = json_out(invoke("statements", "--db", db, "-f", "json"))
    assert any("[the city board]" in r["content"]["text"] for r in rows), rows
    result = invoke("statements", "--db", db)
    assert "[the city board]" in flat(result.stdout), result.stdout


def test_cli_jsonl_out_in_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "no-such-dir" / "out.jsonl"
    result = invoke("analyze", EXAMPLE, "--db", tmp_path / "x.db", "--jsonl-out", out)
    assert result.exit_code in (1, 2)
    assert "no-such-dir" in flat(result.stderr)


def test_cli_jsonl_out_untouched_when_db_cannot_open(tmp_path: Path) -> None:
    out = tmp_path / "previous.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")
    result = invoke("analyze", EXAMPLE, "--db", tmp_path / "no" / "x.db", "--jsonl-out", out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'


def test_cli_max_bytes_zero_is_rejected(tmp_path: Path) -> None:
    result = invoke("analyze", EXAMPLE, "--db", tmp_path / "x.db", "--max-bytes", "0")
    assert result.exit_code == 2
    assert "max_bytes" in result.stderr or "--max-bytes" in result.stderr


def test_cli_failure_lines_are_not_wrapped(tmp_path: Path,
                                           subprocess_env: dict[str, str]) -> None:
    deep = tmp_path / ("a-rather-long-directory-name-" * 3) / "and-another-level-of-nesting"
    deep.mkdir(parents=True)
    bad = deep / "empty-document.txt"
    bad.write_bytes(b"")
    result = subprocess.run([whosaid_script(), "analyze", str(bad), "--db",
                             str(tmp_path / "x.db")], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, env=subprocess_env, timeout=60)
    assert result.returncode == 1
    assert f"failed: {bad}: file is empty" in result.stderr.splitlines(), result.stderr
