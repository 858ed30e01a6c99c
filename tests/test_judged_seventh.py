"""The seventh hand-judged draw and the re-check one past the last draw (bench/judged.py,
issue 12 item 6): the seventh draw's files line up and hold no earlier statement, and a
re-check of all the draws at a later commit is printed after the last draw's figures."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "judged"


@pytest.fixture(scope="module")
def judged() -> Any:
    spec = importlib.util.spec_from_file_location(
        "whosaid_bench_judged_seventh",
        Path(__file__).resolve().parents[1] / "bench" / "judged.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x]


def test_the_seventh_draws_judgements_line_up_with_its_sample() -> None:
    sample, judgements = rows("sample7.jsonl"), rows("judgements7.jsonl")
    assert [j["statement"] for j in judgements] == [s["statement"] for s in sample]
    assert [j["n"] for j in judgements] == list(range(40))
    for j in judgements:
        assert (j["category"] == "ok") == bool(j["real"] and j["speaker_right"] and
                                              j["content_ok"])
        if not j["real"]:
            assert j["speaker_right"] is None and j["content_ok"] is None


def test_the_seventh_draw_holds_no_earlier_statement_under_its_id_at_its_commit() -> None:
    now = {x["now"]["statement"] for x in rows("recheck7.jsonl") if x["now"] is not None}
    assert not now & {r["statement"] for r in rows("sample7.jsonl")}
    assert {x["commit"] for x in rows("recheck7.jsonl")} == \
        {r["commit"] for r in rows("sample7.jsonl")}


def test_a_recheck_past_the_last_draw_covers_every_draw_and_is_printed_last(
        judged: Any, capsys: pytest.CaptureFixture[str]) -> None:
    lines = rows("recheck8.jsonl")
    assert {x["draw"] for x in lines} == set(range(1, 8))
    assert all(x["status"] == "gone" or x["real"] is not None for x in lines)
    judged.report_draws(DATA)
    out = capsys.readouterr().out
    tail = out[out.rindex("all seven draws re-checked at"):]
    assert "draw 7:" in tail and tail.rstrip().splitlines()[-1].startswith("  [")
