"""The real-news benchmark's scorer (bench/realnews.py) on two hand-made predictions: its
matching decides the "before" figures of issue 12, so it is tested itself, without running
the analyzer (the benchmark prints figures; this only checks how they are counted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from whosaid.model import Mention, SaidOn, Span, Statement

BENCH = Path(__file__).resolve().parents[1] / "bench"

GOLD: dict[str, Any] = {
    "id": "hand-made", "split": "dev", "phenomena": ["role", "spelling", "relay"],
    "aliases": {"Volodymyr Zelensky": ["Zelenskiy"]},
    "statements": [
        {"speaker": "Volodymyr Zelensky", "content_contains": "Kyiv expects “more air defence”",
         "relays": ["Ukrinform"], "said_on": None},
        {"speaker": "Dmitry Peskov", "content_contains": "no contacts are planned",
         "relays": [], "said_on": "2025-04-04"},
    ],
    "not_statements": ["three cups of sugar"],
}


@pytest.fixture(scope="module")
def realnews(monkeypatch_module: pytest.MonkeyPatch) -> Any:
    monkeypatch_module.syspath_prepend(str(BENCH))  # realnews imports relays beside it
    spec = importlib.util.spec_from_file_location("whosaid_bench_realnews",
                                                  BENCH / "realnews.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch_module.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def statement(content: str, speaker: Mention, relays: tuple[Mention, ...] = (),
              said_on: SaidOn | None = None) -> Statement:
    return Statement(id=content[:8], article_id="a", kind="indirect",
                     content=Span(0, len(content), content), fragments=((0, len(content)),),
                     speaker=speaker, cue=None, relays=relays, said_on=said_on)


def test_scorer_finds_a_role_resolved_speaker_and_counts_a_wrong_one_only_for_speaker(
        realnews: Any) -> None:
    role = Mention(0, 20, "the Ukrainian leader", entity_id="e1", entity="Volodymyr Zelenskiy")
    right = statement('Kyiv  expects "More air defence" from its partners', role,
                      relays=(Mention(0, 9, "Ukrinform"),),
                      said_on=SaidOn("2025-04-05", "day", "published"))
    wrong_speaker = statement("no contacts are planned in the coming days",
                              Mention(0, 7, "Kremlin"))
    tally = realnews.Tally()
    tally.add(GOLD, (right, wrong_speaker))
    f = tally.figures()
    assert (f["gold"], f["pred"], f["found"], f["content_found"]) == (2, 2, 1, 2)
    assert (f["precision"], f["recall"], f["speaker_accuracy"]) == (0.5, 0.5, 0.5)
    assert (f["relayed"], f["chain"], f["unrelayed"], f["clean"]) == (1, 1, 1, 1)
    # null said_on accepts the published fallback; the dated one has no date: wrong
    assert (f["said_on_accuracy"], f["dated"], f["dated_right"]) == (0.5, 1, 0)
    assert (f["not_statements"], f["false_statements"]) == (1, 0)


def test_scorer_pairs_one_to_one_and_counts_reporting_like_words_as_false(
        realnews: Any) -> None:
    # one predicted statement holding both gold contents (a list read as one) pairs with one
    merged = statement("Kyiv expects “more air defence”; no contacts are planned",
                       Mention(0, 13, "Dmitri Peskov"))
    recipe = statement("the recipe called for three cups of sugar", Mention(0, 10, "the recipe"))
    tally = realnews.Tally()
    tally.add(GOLD, (merged, recipe))
    f = tally.figures()
    assert (f["found"], f["pred"], f["content_found"]) == (0, 2, 1)
    assert f["false_statements"] == 1
    assert any("false statement" in m for m in tally.misses)
