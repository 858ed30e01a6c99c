"""The hand-judged precision sample's second and third draws (bench/judged.py, issue 12 item
6): each draw leaves out the earlier draws' statements and keeps the per-page cap over all
of them, and the stored files line up, so that the combined figure counts each statement
once."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "judged"


@pytest.fixture(scope="module")
def judged() -> Any:
    spec = importlib.util.spec_from_file_location(
        "whosaid_bench_judged", Path(__file__).resolve().parents[1] / "bench" / "judged.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x]


def test_pick_leaves_out_skipped_ids_and_pages_at_the_cap(judged: Any) -> None:
    pool = [{"page": p, "statement": f"{p}{k}", "start": 0, "end": 1}
            for p in "abc" for k in range(5)]
    taken = Counter({"a": 4, "b": 3})
    drawn = judged.pick(pool, 6, 4, seed=13, skip=frozenset({"c0", "c1"}), taken=taken)
    pages = Counter(r["page"] for r in drawn)
    assert pages == {"b": 1, "c": 3}  # a is full, b has room for one, c has three left
    assert not {"c0", "c1"} & {r["statement"] for r in drawn}
    assert all("start" not in r for r in drawn)


def test_pick_is_the_same_for_the_same_seed(judged: Any) -> None:
    pool = [{"page": str(k % 7), "statement": str(k)} for k in range(60)]
    assert judged.pick(pool, 20, 4, 13) == judged.pick(pool, 20, 4, 13)
    assert judged.pick(pool, 20, 4, 13) != judged.pick(pool, 20, 4, 12)


def test_second_draw_shares_no_statement_with_the_first_and_keeps_the_cap(judged: Any) -> None:
    skip, taken = judged.first_draw(rows("sample.jsonl"), rows("rejudged.jsonl"))
    second = rows("sample2.jsonl")
    assert len(second) == 40
    assert not skip & {r["statement"] for r in second}
    assert max((taken + Counter(r["page"] for r in second)).values()) <= 4
    assert {r["seed"] for r in second} == {13}


def test_second_draw_judgements_line_up_with_its_sample() -> None:
    sample, judgements = rows("sample2.jsonl"), rows("judgements2.jsonl")
    assert [j["statement"] for j in judgements] == [s["statement"] for s in sample]
    assert [j["n"] for j in judgements] == list(range(len(sample)))
    for j in judgements:
        assert j["category"] == "ok" if j["real"] and j["speaker_right"] and j["content_ok"] \
            else j["category"] != "ok"
        if not j["real"]:
            assert j["speaker_right"] is None and j["content_ok"] is None


def test_third_draw_shares_no_statement_with_the_first_two_and_keeps_the_cap(judged: Any) -> None:
    skip, taken = judged.first_draw(rows("sample.jsonl"), rows("rejudged.jsonl"))
    skip, taken = judged.later_draw(skip, taken, rows("sample2.jsonl"))
    third = rows("sample3.jsonl")
    assert len(third) == 40
    assert not skip & {r["statement"] for r in third}
    assert max((taken + Counter(r["page"] for r in third)).values()) <= 4
    assert {r["seed"] for r in third} == {14}


def test_third_draw_judgements_line_up_with_its_sample() -> None:
    sample, judgements = rows("sample3.jsonl"), rows("judgements3.jsonl")
    assert [j["statement"] for j in judgements] == [s["statement"] for s in sample]
    assert [j["n"] for j in judgements] == list(range(len(sample)))
    for j in judgements:
        assert j["category"] == "ok" if j["real"] and j["speaker_right"] and j["content_ok"] \
            else j["category"] != "ok"
        if not j["real"]:
            assert j["speaker_right"] is None and j["content_ok"] is None
