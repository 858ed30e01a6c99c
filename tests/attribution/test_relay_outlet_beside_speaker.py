"""Outlets beside a speaker (bench/relays.py dev/6), end to end with the real model: an
outlet's report only the tagger reads ("…, the Nikkei business daily reported on Saturday"),
the outlet a speaker gave a comment ("in a comment for Semafor denied") and the outlet that
asked ("Asked by Reuters about the plan, Lavrov said")."""

from __future__ import annotations

from typing import Any

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


def test_an_outlets_report_the_parse_misses_is_kept(analyze_text: Any) -> None:
    result = analyze_text("Japan will likely extend its sanctions against North Korea because "
                          "of Pyongyang's delay in reporting into its abductions of Japanese "
                          "citizens decades ago, the Nikkei business daily reported on Saturday "
                          "without citing sources. The government is poised to decide next "
                          "Tuesday on an extension, the Nikkei said.")
    st = _one(result, "extend its sanctions")
    assert st.speaker is not None and "Nikkei" in st.speaker.text
    assert _chain(st) == []


def test_the_outlet_a_speaker_commented_for_is_relay_not_speaker(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "A representative of The Wall Street Journal in a comment "
                           "for Semafor denied that there were disagreements in the editorial "
                           "office."), "disagreements")
    assert st.speaker is not None and st.speaker.text.startswith("A representative")
    assert _chain(st) == ["Semafor"]
    assert st.addressee is not None and st.addressee.text == "Semafor"


def test_the_outlet_that_asked_is_no_speaker(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "Asked by Reuters about the plan, Lavrov said Moscow had not "
                          "received any proposal.")
    assert not any(s.speaker is not None and s.speaker.text == "Reuters"
                   for s in result.statements)
    st = _one(result, "not received any proposal")
    assert st.speaker is not None and st.speaker.text == "Lavrov"
    assert _chain(st) == ["Reuters"]
