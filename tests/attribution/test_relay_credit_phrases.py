"""Credit phrases of real re-reports end to end with the real model: "per Reuters", "(via
TASS)", ", reports Ukrinform", "in remarks carried by …", "Speaking to the BBC", ", according
to X" closing a content: the outlet is the relay, the phrase no part of the content."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.model import Statement


def _only(result: Any) -> Statement:
    assert len(result.statements) == 1, [s.content.text for s in result.statements]
    return result.statements[0]


@pytest.mark.parametrize(("text", "outlet", "content"), [
    ("Russia is ready for talks, Kremlin spokesman Dmitry Peskov said, per Reuters.",
     "Reuters", "Russia is ready for talks"),
    ("Kremlin spokesman Dmitry Peskov said on Wednesday that Russia was ready for talks "
     "(via TASS).", "TASS", "Russia was ready for talks"),
    ("Zelensky said Russia was not ready for peace, reports Ukrinform.", "Ukrinform",
     "Russia was not ready for peace"),
    ("Zelensky said Russia was not ready for peace, according to Ukrinform.", "Ukrinform",
     "Russia was not ready for peace"),
    ("Zelensky said Russia was not ready for peace, in remarks carried by state news agency "
     "Ukrinform.", "Ukrinform", "Russia was not ready for peace"),
])
def test_credit_phrase_gives_the_relay_and_leaves_the_content(
        analyze_text: Any, text: str, outlet: str, content: str) -> None:
    st = _only(analyze_text(text))
    assert [m.text for m in st.relays] == [outlet]
    assert st.content.text.rstrip(".").endswith(content)  # the verb pass may keep a "that"
    assert outlet not in st.content.text


def test_speaking_to_an_outlet_makes_it_addressee_and_relay(analyze_text: Any) -> None:
    st = _only(analyze_text("Speaking to the BBC, Zelensky said Russia was not ready for "
                            "peace."))
    assert [m.text for m in st.relays] == ["BBC"]
    assert st.addressee is not None and st.addressee.text.endswith("BBC")


def test_per_before_a_non_outlet_is_no_relay(analyze_text: Any) -> None:
    st = _only(analyze_text("Zelensky said prices rose 5 per cent in a year."))
    assert st.relays == ()


def test_outlet_quoted_after_a_quotation_relays_it_without_its_verb(analyze_text: Any) -> None:
    st = _only(analyze_text(
        "Peskov also stated that the assumptions of the new German Chancellor that this "
        "weekend could reach a truce \"require clarification,\" TASS quoted."))
    assert [m.text for m in st.relays] == ["TASS"]
    assert "quoted" not in st.content.text and "TASS" not in st.content.text


def test_paragraph_crediting_a_persons_statement_adds_its_outlet(analyze_text: Any) -> None:
    st = _only(analyze_text(
        "Zelensky says protection of people and communities, disruption of any Russian "
        "attempted offensive among priorities\nThe head of state said this in his nightly "
        "video address, Ukrinform reports."))
    assert st.speaker is not None and st.speaker.text == "Zelensky"
    assert [m.text for m in st.relays] == ["Ukrinform"]


def test_outlet_written_after_a_statement_is_its_relay(analyze_text: Any) -> None:
    st = _only(analyze_text("Peskov said Russia would never accept the plan, writes "
                            "Bloomberg."))
    assert [m.text for m in st.relays] == ["Bloomberg"]
    assert "Bloomberg" not in st.content.text


def test_said_this_to_an_outlet_credits_the_sentence_before(analyze_text: Any) -> None:
    st = _only(analyze_text("Peskov said that Russia would not attack Ukraine. He said this "
                            "in an interview with RBC."))
    assert st.content.text.endswith("Russia would not attack Ukraine")
    assert [m.text for m in st.relays] == ["RBC"]
    assert st.addressee is not None and st.addressee.text == "RBC"


def test_said_that_with_its_own_content_is_no_back_reference(analyze_text: Any) -> None:
    result = analyze_text("Peskov said that Russia would not attack Ukraine. He told RBC "
                          "that the talks had failed.")
    assert len(result.statements) == 2
    assert [m.text for m in result.statements[0].relays] == []


def test_an_outlets_correspondent_reporting_makes_the_outlet_the_relay(analyze_text: Any) -> None:
    st = _only(analyze_text("Russia is ready for talks, Kremlin spokesman Dmitry Peskov told "
                            "reporters, a TASS correspondent reports."))
    assert st.speaker is not None and st.speaker.text.endswith("Peskov")
    assert [m.text for m in st.relays] == ["TASS"]
