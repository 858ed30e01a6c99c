"""Relays of statements whose speaker is no name ("The army said …, the state news agency
SPA reported."), of an outlet's source in a relative clause ("According to the Wall Street
Journal, which cited unnamed officials, …") and of what an outlet's report cites ("…,
Bloomberg News reported, citing people familiar with the matter"): forms written from the
kinds of real re-reports, end to end with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


@pytest.mark.parametrize("text, speaker, chain", [
    ("The army said it had killed 20 militants in the north, the state news agency SPA "
     "reported.", "army", ["SPA"]),
    ("The minister said Russia would send a delegation to Geneva next week, TASS reported.",
     "minister", ["TASS"]),
    ("According to the newspaper, the minister said the deal was done.", "minister",
     ["the newspaper"]),
])
def test_unnamed_speakers_statement_keeps_the_outlets_credit(analyze_text: Any, text: str,
                                                               speaker: str,
                                                               chain: list[str]) -> None:
    st = _one(analyze_text(HEAD + text), "would" if "would" in text else "killed 20"
              if "killed" in text else "the deal was done")
    assert st.speaker is not None and speaker in st.speaker.text
    assert _chain(st) == chain


def test_relative_clause_of_the_outlet_names_its_source(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "According to the Wall Street Journal, which cited unnamed "
                           "officials, the deal is nearly done."), "the deal is nearly done")
    assert st.speaker is not None and st.speaker.text == "unnamed officials"
    assert _chain(st) == ["Wall Street Journal"]


def test_what_an_outlets_report_cites_is_its_source(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "Officials expect a deal soon, Bloomberg News reported on "
                          "Tuesday, citing people familiar with the matter.")
    st = _one(result, "Officials expect a deal soon")
    assert st.speaker is not None and st.speaker.text == "people familiar with the matter"
    assert _chain(st) == ["Bloomberg News"]
    assert len(result.statements) == 1


def test_name_after_a_media_phrase_is_the_outlet(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The ministry said in a statement carried by the official "
                           "news agency MENA that the border would reopen."), "border")
    assert _chain(st) == ["MENA"]


def test_a_plan_inside_an_outlets_report_is_no_statement_of_its_own(analyze_text: Any
                                                                    ) -> None:
    st = _one(analyze_text(
        HEAD + "Prime Minister Fumio Kishida will reinstate former minister Hiromichi Watanabe "
        "to replace Kenya Akiba, whom he plans to sack on Tuesday, Kyodo News reported."),
        "will reinstate")
    assert st.speaker is not None and "Kyodo" in st.speaker.text


@pytest.mark.parametrize("text, outlet", [
    ("Spain denied a report on Saturday, the Libyan news agency JANA reported.", "JANA"),
    ("Putin said in an interview published on Sunday by the French daily Le Figaro that "
     "Russia wanted peace.", "Le Figaro"),
])
def test_place_adjective_before_a_media_word_is_no_outlets_name(analyze_text: Any, text: str,
                                                                 outlet: str) -> None:
    result = analyze_text(HEAD + text)
    assert any(outlet in [m.text for m in s.relays] for s in result.statements)


def test_a_statement_cited_by_an_outlet_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The White House said the talks collapsed, CNN reported, "
                           "citing a statement."), "the talks collapsed")
    assert _chain(st) == ["CNN"]
