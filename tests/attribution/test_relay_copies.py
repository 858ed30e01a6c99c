"""Relays of the third and fourth batches of real re-reports, end to end with the real model:
how copies of agency stories name their source (a credit line under the headline, a date
and an agency without brackets, "Source link:", a re-post's address written as a name), how
machine translations credit a sentence ("About it reports RIA Novosti news Agency."), and
outlets that quote without "as saying"; and what credits nobody (an outlet that cited
something inside a statement, a photo's credit, an editor's name)."""

from __future__ import annotations

from typing import Any

from relaykit import relay_names as _relays
from relaykit import statement_with as _one
from whosaid.model import Statement


def _named(st: Statement) -> list[str]:
    """The relays as written ("NOYAN TAPAN"), for names the outlet list need not hold; a
    relay whose entity mention runs on ("IRNA -- Foreign Ministry", the model's one
    entity) is read by the listed name inside it."""
    return [m.text for m in st.relays]


def test_agency_line_with_date_and_editor_relays_the_copy(analyze_text: Any) -> None:
    result = analyze_text(
        "Spokesperson responds to the apology\n\n2021-12-24 09:05:49Xinhua Editor : Li Yan "
        "App Download\n\nA foreign ministry spokesperson on Thursday said it is the "
        "company's loss if they choose not to use the products.")
    assert _relays(_one(result, "the company's loss")) == ["Xinhua"]


def test_agency_name_and_date_line_under_headline_relays_the_copy(analyze_text: Any) -> None:
    result = analyze_text(
        "War on terror shouldn't be affected by ceasefire: minister\n\nXinhua, February 24, "
        "2016 Adjust font size:\n\nThe minister said on Tuesday that the cessation of "
        "hostilities must not affect the war on terror.")
    assert _relays(_one(result, "must not affect the war")) == ["Xinhua"]


def test_place_date_and_agency_without_brackets_is_a_dateline(analyze_text: Any) -> None:
    result = analyze_text(
        "Spokesman rejects rumor\nTehran, Jan 23, IRNA -- Foreign Ministry spokesman Hamidreza "
        "Asefi said here Sunday that talk of commandos in Iran was baseless. He said no such "
        "request had been made.")
    for words in ("talk of commandos", "no such request"):
        relays = _named(_one(result, words))
        assert len(relays) == 1 and relays[0].startswith("IRNA")


def test_agency_in_capitals_after_a_capitals_dateline_relays_the_story(analyze_text: Any) -> None:
    result = analyze_text(
        "YEREVAN, MAY 14, NOYAN TAPAN. It is still early to speak about cooperation in "
        "agriculture, the Agriculture Minister said.")
    st = _one(result, "still early to speak")
    assert _named(st) == ["NOYAN TAPAN"]


def test_agency_short_name_and_dash_opening_a_story_relays_it(analyze_text: Any) -> None:
    result = analyze_text(
        "Iran asks IAEA not to succumb to pressures\n\nFNA - Head of the Atomic Energy "
        "Organization Ali Akbar Salehi spoke on Sunday.\n\nThe Agency should not be a "
        "complementary instrument for spy services, Salehi said in an interview with the "
        "Persian-language Etemad newspaper on Sunday.")
    st = _one(result, "complementary instrument")
    assert _named(st) == ["Etemad", "FNA"]


def test_place_before_an_agency_name_is_no_relay(analyze_text: Any) -> None:
    # "Moscow –" opens a story, but a city is no agency
    result = analyze_text(
        "Moscow – President Vladimir Putin has appointed a new agriculture minister, the "
        "Kremlin said on Wednesday.")
    assert _relays(_one(result, "appointed a new agriculture minister")) == []


def test_source_line_after_date_and_source_link_name_the_page_source(analyze_text: Any) -> None:
    result = analyze_text(
        "Lies cannot shake the region's stability: spokespersons\n  ·  2021-11-23  ·   "
        "Source: Xinhua News Agency\n\nAll lies about the region are political manipulations, "
        "spokespersons from the regional government said on November 22.")
    assert _relays(_one(result, "political manipulations")) == ["Xinhua"]
    result = analyze_text(
        "Iran has always played a responsible role in the region, Khatibzadeh said.\n\n\n"
        "Source link:mehrnews")
    assert _relays(_one(result, "responsible role")) == ["Mehr"]


def test_address_written_as_a_name_under_headline_is_the_source(analyze_text: Any) -> None:
    result = analyze_text(
        "TURKISH MINISTER CALLS ON TO CO-OPERATE\n\nPanorama.am\n15:58 14/04/2009\n\n"
        "\"Armenia and Turkey should cooperate in the activities,\" said the Minister.")
    assert _named(_one(result, "should cooperate")) == ["Panorama.am"]


def test_sentence_that_only_names_an_outlet_credits_the_sentence_before(
        analyze_text: Any) -> None:
    result = analyze_text(
        "Press Secretary Dmitry Peskov explained that the two statements do not contradict "
        "each other. About it reports RIA Novosti news Agency.")
    st = _one(result, "do not contradict each other")
    assert len(st.relays) == 1 and st.relays[0].text.startswith("RIA Novosti")
    assert st.speaker is not None and "Peskov" in st.speaker.text
    assert not any("RIA" in s.content.text for s in result.statements)


def test_credit_sentence_with_a_source_makes_the_sentence_before_theirs(
        analyze_text: Any) -> None:
    result = analyze_text(
        "The administration of the President is preparing for more infections, but does not "
        "plan to switch to remote mode yet. On Wednesday, January 12, reports TASS with "
        "reference to the press secretary of the president Dmitry Peskov.")
    st = next(s for s in result.statements if "remote mode" in s.content.text and
              s.speaker is not None and "Peskov" in s.speaker.text)
    assert _relays(st) == ["TASS"]


def test_outlet_quoting_a_person_after_a_quotation_passes_it_on(analyze_text: Any) -> None:
    result = analyze_text(
        "Peskov said that the date has not been set.\n\n\"We will inform you in a timely "
        "manner\", TASS quoted the Kremlin spokesman.")
    st = _one(result, "We will inform you")
    assert _relays(st) == ["TASS"]
    assert st.speaker is not None and "spokesman" in st.speaker.text


def test_name_quoting_someone_as_saying_passes_it_on(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Chosun quoted an unidentified government source as also saying that the North "
        "appears to be restoring tunnels."), "restoring tunnels")
    assert _named(st) == ["Chosun"]
    assert st.speaker is not None and "source" in st.speaker.text


def test_outlet_phrase_speaker_is_the_outlet_not_its_country(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Earlier in the day, US media Axios reported that negotiators had reached an "
        "agreement on a memorandum."), "negotiators had reached")
    assert st.speaker is not None and st.speaker.text == "Axios"
    assert st.relays == ()


def test_outlets_that_cited_something_inside_a_statement_relay_nothing(
        analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Mao said that the report is not factual at all, adding that the theory came from "
        "U.S. media first, and some Chinese media outlets just cited or re-posted those "
        "reports."), "not factual at all")
    assert _relays(st) == []


def test_photo_and_editor_credits_relay_nothing(analyze_text: Any) -> None:
    result = analyze_text(
        "The Kremlin saw no contradiction\n\nPhotos: Moscow 24/Alexander Avilov\n\n"
        "Press Secretary Dmitry Peskov said that the statements do not contradict each "
        "other.\n\n\nEditor:Zhang Pengfei")
    assert _relays(_one(result, "do not contradict")) == []
