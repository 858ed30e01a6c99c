"""``whosaid positions``, ``whosaid events`` and ``whosaid issues`` through the real CLI on the
bundled example (analysed once): the ``--jsonl-out`` shape of positions and events,
re-analysis replacing them, the event and timeline listings, and issue files good and bad."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from whosaid.cli import app
from whosaid.store import open_store
from whosaid.store import positions as stored

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "isw-putin-ceasefire.txt"


def _run(*args: object, code: int = 0) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The example analysed once: its database and its --jsonl-out line."""
    tmp = tmp_path_factory.mktemp("positions")
    db, out = tmp / "w.db", tmp / "out.jsonl"
    _run("analyze", EXAMPLE, "--published", "2022-12-04", "--db", db, "--jsonl-out", out,
         "--no-show")
    (line,) = out.read_text(encoding="utf-8").splitlines()
    return db, json.loads(line)


@pytest.fixture
def db(analysed: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    """A copy of the analysed database a test may change."""
    return Path(shutil.copy(analysed[0], tmp_path / "copy.db"))


def test_jsonl_out_gives_statements_positions_and_documents_events(
        analysed: tuple[Path, dict[str, Any]]) -> None:
    _, doc = analysed
    text, ids = doc["text"], {st["id"] for st in doc["statements"]}
    held = [p for st in doc["statements"] for p in st["positions"]]
    assert held, "the ceasefire positions of the example"
    for p in held:
        assert set(p) == {"issue", "stance", "holder", "reported_by", "condition", "evidence",
                          "confidence"}
        assert text[p["evidence"]["start"]:p["evidence"]["end"]] == p["evidence"]["text"]
    entity_ids = {e["id"] for e in doc["entities"]}
    for ev in doc["events"]:
        assert set(ev) == {"id", "type", "participants", "date", "place", "evidence",
                           "statement_ids"}
        assert set(ev["participants"]) <= entity_ids and set(ev["statement_ids"]) <= ids
    call = next(ev for ev in doc["events"] if ev["type"] == "call")
    assert call["date"] == "2022-12-02" and len(call["statement_ids"]) == 3


def test_analysing_again_replaces_positions_and_events(db: Path) -> None:
    with open_store(str(db)) as store:
        before = stored.event_counts(store)
    _run("analyze", EXAMPLE, "--published", "2022-12-04", "--db", db, "--force", "--no-show")
    with open_store(str(db)) as store:
        assert stored.event_counts(store) == before


def test_events_lists_the_call_and_one_event_with_its_statements(db: Path) -> None:
    rows = json.loads(_run("events", "--db", db, "--entity", "Scholz", "-f", "json").stdout)
    call = next(r for r in rows if r["type"] == "call")
    assert {p["name"] for p in call["participants"]} == {"Vladimir Putin", "Olaf Scholz"}
    assert {r["type"] for r in rows} >= {"call", "speech"}
    (one,) = json.loads(_run("events", "--db", db, "--id", call["id"][:8], "-f", "json").stdout)
    assert [s["id"] for s in one["statements"]] == call["statement_ids"]
    table = _run("events", "--db", db).stdout
    assert "telephone conversation" in table and "Berlin Security" in table
    assert "no event" in _run("events", "--db", db, "--id", "zzz", code=1).output


def test_positions_gives_timelines_and_checks_its_input(db: Path) -> None:
    lines = json.loads(_run("positions", "Putin", "--db", db, "-f", "json").stdout)
    assert lines and all(set(t) == {"key", "name", "issue", "positions", "shifts"}
                         for t in lines)
    csv_out = _run("positions", "Putin", "--db", db, "-f", "csv").stdout
    assert csv_out.splitlines()[0] == "date,issue,stance,shift,holder,reported_by,text,doc_id"
    assert "no entity" in _run("positions", "Nobody Atall", "--db", db, code=1).output
    assert "YYYY-MM-DD" in _run("positions", "Putin", "--db", db, "--since", "2022-13",
                                code=2).output


def test_issues_import_extends_or_replaces_and_finds_positions_again(db: Path,
                                                                     tmp_path: Path) -> None:
    array = tmp_path / "issues.json"
    array.write_text(json.dumps([{"id": "reply", "label": "Replies",
                                  "keywords": ["forces", "dialogue"]}]), encoding="utf-8")
    done = _run("issues", "import", array, "--db", db, "-q")
    assert "1 issues read" in done.output
    listed = json.loads(_run("issues", "list", "--db", db, "-f", "json").stdout)
    assert listed[-1]["id"] == "reply" and len(listed) > 1 and listed[-1]["positions"] >= 1
    lines = tmp_path / "issues.jsonl"
    lines.write_text('{"id": "truce", "label": "Truce", "keywords": ["cease-fire"]}\n',
                     encoding="utf-8")
    _run("issues", "import", lines, "--db", db, "--replace", "-q")
    listed = json.loads(_run("issues", "list", "--db", db, "-f", "json").stdout)
    assert [(r["id"], r["positions"] > 0) for r in listed] == [("truce", True)]
    with open_store(str(db)) as store:
        assert {p.issue for p in store.analysis(store.articles()[0]["id"]).positions} == \
            {"truce"}


def test_a_bad_issue_file_names_its_line_and_imports_nothing(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "label": "A", "keywords": ["x"]}\n\n'
                   '{"id": "b", "label": "B", "keywords": "not a list"}\n', encoding="utf-8")
    before = _run("issues", "list", "--db", db, "-f", "json").stdout
    result = _run("issues", "import", bad, "--db", db, code=1)
    assert "bad.jsonl" in result.output and "line 3" in result.output
    assert _run("issues", "list", "--db", db, "-f", "json").stdout == before
