"""The issue catalogue: the packaged default and user files, read whole or not at all."""

from __future__ import annotations

import pytest

from whosaid.errors import InputError
from whosaid.model import Issue
from whosaid.positions.catalogue import default_catalogue, parse_catalogue


def test_the_default_catalogue_covers_war_and_us_politics_topics() -> None:
    ids = {issue.id for issue in default_catalogue()}
    assert {"ceasefire", "peace_talks", "arms_supply", "sanctions", "troop_withdrawal",
            "territory", "leader_talks", "energy", "elections"} <= ids
    assert {"immigration", "trade_deals", "health_care", "taxes", "gun_control", "climate",
            "terrorism", "iran_deal"} <= ids
    ceasefire = next(i for i in default_catalogue() if i.id == "ceasefire")
    assert {"truce", "cease-fire"} <= set(ceasefire.keywords)
    assert all(i.description for i in default_catalogue())


def test_a_json_array_gives_issues_with_keywords_and_aliases_folded_together() -> None:
    text = """[
      {"id": "ceasefire", "label": "Ceasefire", "keywords": ["Truce", "cease-fire"],
       "aliases": ["armistice", "truce"], "description": "a halt to fighting"},
      {"id": "grain-deal", "label": "Grain deal", "aliases": ["grain  corridor"]}
    ]"""
    assert parse_catalogue(text, "issues.json") == (
        Issue("ceasefire", "Ceasefire", ("truce", "cease-fire", "armistice"), "a halt to fighting"),
        Issue("grain-deal", "Grain deal", ("grain corridor",)),
    )


def test_jsonl_gives_one_issue_a_line_and_skips_blank_lines() -> None:
    text = ('{"id": "sanctions", "label": "Sanctions", "keywords": ["embargo"]}\n\n'
            '{"id": "energy", "label": "Energy", "keywords": ["gas supplies"]}\n')
    assert [i.id for i in parse_catalogue(text, "mine.jsonl")] == ["sanctions", "energy"]


A = '{"id": "a", "label": "A", "keywords": ["x"]}'


@pytest.mark.parametrize(("text", "line", "problem"), [
    ('[\n {"id": "a", "label": "A", "keywords": ["x"]},\n {"id": "b", "label": "B"}\n]', 3,
     "no 'keywords' or 'aliases'"),
    ('[\n {"id": "a", "label": "A", "keywords": ["x"]},\n\n "b"\n]', 4, "JSON object"),
    (A + '\n{"id": "a", "label": "A2", "keywords": ["y"]}',
     2, "already given on line 1"),
    (A + '\n{"id": "Bad Id", "label": "B", "keywords": ["y"]}',
     2, "lower-case slug"),
    ('{"id": "a", "label": "A", "keyword": ["x"]}', 1, "unknown field 'keyword'"),
    ('{"id": "a", "label": "A", "keywords": "x"}', 1, "list of non-empty strings"),
    ('{"id": "a", "label": "", "keywords": ["x"]}', 1, "'label'"),
    ('{"id": "a", "label": "A", "keywords": ["* x"]}', 1, "'*' only stands between words"),
    (A + '\n{"id": "b", "label": "B",', 2, "malformed JSON"),
    ('[\n {"id": "a", "label": "A", "keywords": ["x"]}\n {"id": "b"}]', 3, "malformed JSON"),
])
def test_a_malformed_entry_names_the_file_its_line_and_the_problem(
        text: str, line: int, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_catalogue(text, "my-issues.json")
    assert caught.value.origin == "my-issues.json"
    assert caught.value.problem.startswith(f"line {line}: ")
    assert problem in caught.value.problem
