"""The hand-judged precision sample's later draws (bench/judged.py, issue 12 item 6): each
draw leaves out the earlier draws' statements and keeps the per-page cap over all
of them, and the stored files line up, so that the combined figure counts each statement
once; a re-check one past the last draw covers every draw and is printed last."""

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


# each later draw: its sample, its judgements and its seed, in the order drawn
LATER_DRAWS = [("sample2.jsonl", "judgements2.jsonl", 13),
               ("sample3.jsonl", "judgements3.jsonl", 14),
               ("sample4.jsonl", "judgements4.jsonl", 15),
               ("sample5.jsonl", "judgements5.jsonl", 16),
               ("sample6.jsonl", "judgements6.jsonl", 17),
               ("sample7.jsonl", "judgements7.jsonl", 18),
               ("sample8.jsonl", "judgements8.jsonl", 19)]


@pytest.mark.parametrize("k", range(len(LATER_DRAWS)))
def test_a_later_draw_shares_no_statement_with_the_earlier_ones_and_keeps_the_cap(
        judged: Any, k: int) -> None:
    skip, taken = judged.first_draw(rows("sample.jsonl"), rows("rejudged.jsonl"))
    for earlier, _, _ in LATER_DRAWS[:k]:
        skip, taken = judged.later_draw(skip, taken, rows(earlier))
    name, _, seed = LATER_DRAWS[k]
    drawn = rows(name)
    assert len(drawn) == 40
    assert not skip & {r["statement"] for r in drawn}
    assert max((taken + Counter(r["page"] for r in drawn)).values()) <= 4
    assert {r["seed"] for r in drawn} == {seed}


@pytest.mark.parametrize("sample_name, judgements_name, _seed", LATER_DRAWS)
def test_a_later_draws_judgements_line_up_with_its_sample(
        sample_name: str, judgements_name: str, _seed: int) -> None:
    sample, judgements = rows(sample_name), rows(judgements_name)
    assert [j["statement"] for j in judgements] == [s["statement"] for s in sample]
    assert [j["n"] for j in judgements] == list(range(len(sample)))
    for j in judgements:
        assert j["category"] == "ok" if j["real"] and j["speaker_right"] and j["content_ok"] \
            else j["category"] != "ok"
        if not j["real"]:
            assert j["speaker_right"] is None and j["content_ok"] is None


def statement(page: str, sid: str, content: str, speaker: str = "Putin") -> dict[str, Any]:
    return {"page": page, "statement": sid, "speaker_mention": speaker,
            "speaker_entity": speaker, "cue": "said", "content": content, "kind": "indirect",
            "mode": "speech", "confidence": 0.9, "context": content}


def test_recheck_keeps_the_same_drops_the_gone_and_wants_a_verdict_for_the_changed(
        judged: Any) -> None:
    ok = {"real": True, "speaker_right": True, "content_ok": True, "category": "ok",
          "note": ""}
    draws = [(2, 0, {**statement("p", "a", "Russia was ready for talks"), **ok}),
             (2, 1, {**statement("p", "b", "the war would end soon"), **ok}),
             (3, 0, {**statement("q", "c", "prices would fall"), **ok})]
    now = [statement("p", "a", "Russia was ready for talks"),
           statement("p", "b2", "the war would end soon and then")]
    lines, missing = judged.recheck(draws, now, {}, "abc")
    assert [(x["draw"], x["n"], x["status"]) for x in lines] == [(2, 0, "same"),
                                                                 (3, 0, "gone")]
    assert [(d, n) for d, n, _, _ in missing] == [(2, 1)]
    verdict = {**ok, "content_ok": False, "category": "content overrun", "note": "runs on"}
    lines, missing = judged.recheck(draws, now, {(2, 1): verdict}, "abc")
    assert not missing
    assert [x["category"] for x in lines] == ["ok", "content overrun", "gone"]
    assert all(x["commit"] == "abc" for x in lines)


def test_fourth_draw_holds_no_earlier_statement_under_its_mended_id() -> None:
    # the third draw's Ombudsman statement, cut by the content mends, has a new id at the
    # fourth draw's commit: it must not be judged twice
    now = {x["now"]["statement"] for x in rows("recheck.jsonl") if x["now"] is not None}
    assert not now & {r["statement"] for r in rows("sample4.jsonl")}
    assert {x["commit"] for x in rows("recheck.jsonl")} == \
        {r["commit"] for r in rows("sample4.jsonl")}


def test_fifth_draw_holds_no_earlier_statement_under_its_id_at_its_commit() -> None:
    # the first four draws' statements as found at the fifth draw's commit (recheck5.jsonl)
    # are left out of it, under their ids then
    now = {x["now"]["statement"] for x in rows("recheck5.jsonl") if x["now"] is not None}
    assert not now & {r["statement"] for r in rows("sample5.jsonl")}
    assert {x["commit"] for x in rows("recheck5.jsonl")} == \
        {r["commit"] for r in rows("sample5.jsonl")}


def test_sixth_draw_holds_no_earlier_statement_under_its_id_at_its_commit() -> None:
    # the first five draws' statements as found at the sixth draw's commit (recheck6.jsonl)
    now = {x["now"]["statement"] for x in rows("recheck6.jsonl") if x["now"] is not None}
    assert not now & {r["statement"] for r in rows("sample6.jsonl")}
    assert {x["commit"] for x in rows("recheck6.jsonl")} == \
        {r["commit"] for r in rows("sample6.jsonl")}


def test_a_draws_files_follow_its_number(judged: Any) -> None:
    assert judged.sample_path(DATA, 1).name == "sample.jsonl"
    assert judged.judgements_path(DATA, 6).name == "judgements6.jsonl"
    assert judged.recheck_path(DATA, 4).name == "recheck.jsonl"  # the first re-check's name
    assert judged.recheck_path(DATA, 6).name == "recheck6.jsonl"


def test_a_later_draw_leaves_out_every_earlier_draw_as_last_judged(judged: Any) -> None:
    # --draw 6 leaves out the five earlier samples' ids and those the fifth draw's re-check
    # found them under, and counts every earlier statement against its page's cap
    skip, taken = judged.left_out(DATA, 6, [])
    for name in ("sample.jsonl", "sample2.jsonl", "sample3.jsonl", "sample4.jsonl",
                 "sample5.jsonl"):
        assert {r["statement"] for r in rows(name)} <= skip
    assert {x["now"]["statement"] for x in rows("recheck5.jsonl") if x["now"]} <= skip
    assert sum(taken.values()) >= 40 * 4


# the seventh draw and the re-check one past the last draw

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
    lines = rows("recheck9.jsonl")
    assert {x["draw"] for x in lines} == set(range(1, 9))
    assert all(x["status"] == "gone" or x["real"] is not None for x in lines)
    judged.report_draws(DATA)
    out = capsys.readouterr().out
    tail = out[out.rindex("all eight draws re-checked at"):]
    assert "draw 8:" in tail and tail.rstrip().splitlines()[-1].startswith("  [")
