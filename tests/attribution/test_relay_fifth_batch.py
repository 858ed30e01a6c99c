"""Relays of the fifth batch of real re-reports (bench/relays.py dev/5), end to end with
the real model: an unlisted agency's dateline ("SANA'A, Oct. 01 (Saba) -", "ISLAMABAD
(APP):"), people who quote a speaker ("was quoted by lawmakers … as saying"), a translating
site ("as translated by IFP"), a machine translation's "with reference to the comment of X",
and a quoting inside a report inside a statement (three links)."""

from __future__ import annotations

from typing import Any

import pytest

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


@pytest.mark.parametrize("dateline, agency", [
    ("SANA'A, Oct. 01 (Saba) - ", "Saba"),
    ("ISLAMABAD (APP): ", "APP"),
])
def test_unlisted_agencys_dateline_relays_its_story(analyze_text: Any, dateline: str,
                                                    agency: str) -> None:
    st = _one(analyze_text(HEAD + dateline + "The spokesperson said that the media channels "
                           "must never report anything untrue."), "never report")
    assert _chain(st) == [agency]


def test_a_section_word_in_brackets_is_no_agency(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "LONDON (Updated) - The spokesperson said that the media "
                           "channels must never report anything untrue."), "never report")
    assert st.relays == ()


def test_people_who_quote_a_speaker_pass_the_words_on(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "\"The North will carry out additional nuclear tests,\" the "
                           "NIS was quoted by lawmakers who attended the audit as saying."),
              "additional nuclear tests")
    assert st.speaker is not None and st.speaker.text == "NIS"
    assert _chain(st) == ["lawmakers"]


def test_a_translating_site_is_a_relay_and_a_stating_person_the_speaker(analyze_text: Any
                                                                       ) -> None:
    st = _one(analyze_text(HEAD + "According to a report by ICANA, as translated by IFP, "
                           "Iranian Justice Minister Mostafa Pour-Mohammadi said that the death "
                           "penalty can't be removed."), "death penalty")
    assert _chain(st) == ["ICANA", "IFP"]
    st = _one(analyze_text(HEAD + "Russia counts on the prudence of the United States, as "
                           "stated by the press secretary Dmitry Peskov, RIA Novosti "
                           "reported."), "prudence")
    assert st.speaker is not None and st.speaker.entity == "Dmitry Peskov"
    assert _chain(st) == ["RIA Novosti"]


def test_with_reference_to_the_comment_of_someone_names_the_speaker(analyze_text: Any
                                                                   ) -> None:
    st = _one(analyze_text(
        HEAD + "The ministry took the initiative to refrain from supplying Russian coal, "
        "NewsOne reported with reference to the comment of the head of the department Igor "
        "Nasalik, who submitted the draft."), "refrain from supplying")
    assert st.speaker is not None and "Nasalik" in st.speaker.text
    assert _chain(st) == ["NewsOne"]


def test_quoting_inside_a_report_inside_a_statement_keeps_three_links(analyze_text: Any
                                                                      ) -> None:
    st = _one(analyze_text(
        HEAD + "\"We note the reports with concern,\" the party's leader Athol Trollip said.\n"
        "He said BBC Monitoring was reporting that Libyan TV had quoted Zuma as \"stressing "
        "the need not to depend on tendentious reports\" during the call."),
        "tendentious reports")
    assert _chain(st) == ["Libyan TV", "BBC Monitoring", "He"]


def test_a_dateline_is_no_part_of_the_speaker(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "ISLAMABAD (APP): Interior Minister Chaudhry Nisar’s "
                           "spokesperson has on Thursday said that Geo’s reporting about him "
                           "was incorrect."), "reporting about him")
    assert st.speaker is not None and "APP" not in st.speaker.text
    assert _chain(st) == ["APP"]


def test_an_outlet_reporting_inside_a_quotation_is_no_credit(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The spokesperson rejected the report. “The minister said "
                          "nothing of what Geo was reporting”, the spokesperson said.")
    assert all("Geo" not in [m.text for m in s.relays] for s in result.statements)
