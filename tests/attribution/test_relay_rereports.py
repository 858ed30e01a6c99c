"""Relays of the second batch of real re-reports, end to end with the real model: the ways
copies and agency stories credit who passed a statement on ("was quoted by TGRT as saying",
"quoted an informed source as denying", "in a statement obtained by the Washington Post",
"Giving the interview to the Time correspondent", agency datelines and copyright lines) and
the phrases that credit nobody ("referring to the air defense system", "according to the
current situation", a photo's credit)."""

from __future__ import annotations

from typing import Any

import pytest

from relaykit import relay_names as _relays
from relaykit import statement_with as _one


def test_name_after_a_media_word_that_reports_is_an_outlet(analyze_text: Any) -> None:
    result = analyze_text(
        "Police detained five men in the central province of Kayseri, the Turkish news "
        "website DHA reported.\n\n“They came here on a mission,” governor Ahmet Yilmaz was "
        "quoted by DHA as saying.")
    st = _one(result, "They came here on a mission")
    assert _relays(st) == ["DHA"]
    assert st.speaker is not None and "Yilmaz" in st.speaker.text
    # the website's own report stays its own
    assert _relays(_one(result, "detained five men")) == []


def test_outlet_quoting_someone_as_denying_passes_on_what_follows(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Iran's Fars News Agency quoted an informed source on Saturday as denying a report "
        "that the chief negotiator had agreed to meet a U.S. envoy."),
        "the chief negotiator had agreed")
    assert st.speaker is not None and "source" in st.speaker.text
    assert _relays(st) == ["Fars"]


def test_outlet_citing_someone_as_saying_is_the_persons_statement(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Kremlin spokesman Dmitry Peskov spoke on Monday. “We will respond to the sanctions,” "
        "Interfax cited him as saying."), "We will respond to the sanctions")
    assert _relays(st) == ["Interfax"]


def test_interview_given_to_an_outlets_correspondent_relays_it(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Giving the interview to the Time correspondent Simon Shuster, the President of "
        "Ukraine Viktor Yanukovych said that hasty statements pushed him away from Europe."),
        "hasty statements")
    assert _relays(st) == ["Time"]
    assert st.addressee is not None and "Yanukovych" not in st.addressee.text


def test_statement_obtained_by_an_outlet_is_relayed_by_it(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "“We should have sought direct confirmation from both parties,” the newspaper's "
        "spokeswoman Eileen Murphy said in a statement obtained by the Washington Post."),
        "direct confirmation")
    assert _relays(st) == ["The Washington Post"]


def test_told_an_outlet_then_adding_shares_the_outlet(analyze_text: Any) -> None:
    result = analyze_text(
        "The source told Tasnim that the reports were \"not consistent with the facts,\" "
        "adding that the document \"has not yet been finalized.\"")
    for st in result.statements:
        assert _relays(st) == ["Tasnim"], st.content.text


def test_referring_to_a_thing_names_no_source(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Zelenskyy welcomed the help.\n\n“We have great decisions about Patriots, but we don’t "
        "have them for real,” he said, referring to the U.S.-made air defense system."),
        "great decisions about Patriots")
    assert st.relays == ()
    assert st.speaker is not None and "system" not in st.speaker.text


def test_according_to_inside_a_clause_names_no_source(analyze_text: Any) -> None:
    result = analyze_text(
        "Kim Jong Un ordered that all plans be reorganized according to the current "
        "situation, the state-run KCNA news agency reported on Sunday.")
    for st in result.statements:
        assert "situation" not in " ".join(_relays(st)), _relays(st)


def test_credit_read_as_a_statement_inside_a_content_is_dropped(analyze_text: Any) -> None:
    result = analyze_text(
        "North Korean leader Kim Jong Un said on Monday that South Korea should be named "
        "the main enemy in the constitution, South Korean news agency Yonhap reported, citing "
        "North Korean state-run news agency KCNA.")
    st = _one(result, "South Korea should be named")
    assert _relays(st) == ["KCNA", "Yonhap"]
    # nobody passed on what Kim said to Yonhap, and Kim passed on nothing
    for other in result.statements:
        assert "Kim Jong Un" not in _relays(other)


@pytest.mark.parametrize(("dateline", "outlet"), [
    ("ON BOARD A TRAIN FROM LVIV TO KYIV, Ukraine (AP) —", "Associated Press"),
    ("KYIV. Nov 5 (Interfax-Ukraine) -", "Interfax"),
    ("Kyiv, 5 March (UNIAN) -", "UNIAN"),
    ("BEIJING, Jan. 3, 2024 (Xinhua) --", "Xinhua"),
    ("ANKARA (AA) –", "Anadolu Agency"),
])
def test_agency_dateline_forms_relay_the_story(analyze_text: Any, dateline: str,
                                               outlet: str) -> None:
    st = _one(analyze_text(f"{dateline} The defence minister said on Tuesday that the army "
                           "would receive new drones."), "new drones")
    assert _relays(st) == [outlet]


def test_photo_credit_closing_a_caption_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Zelenskyy said the promised weapons were late. (AP Photo/Efrem Lukatsky)"),
        "promised weapons were late")
    assert st.relays == ()


def test_wire_copyright_line_relays_the_copy(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The spokeswoman, Maria Zakharova, said she had received dozens of messages.\n"
        "(Reporting by Katya Golubkova; Editing by Vladimir Soldatkin)\n"
        # a line of only "Copyright 2017 Reuters. All rights reserved." is furniture the
        # cleaner blanks; the bracketed notice of syndicated copies stays in the text
        "[© 2017 Thomson Reuters. All rights reserved.] This material may not be published, "
        "broadcast, rewritten or redistributed."), "dozens of messages")
    assert _relays(st) == ["Reuters"]


def test_outlets_address_under_a_copied_headline_is_the_pages_source(analyze_text: Any
                                                                     ) -> None:
    st = _one(analyze_text(
        "Zelenskyy says Trump lives in a disinformation space\napnews.com\n"
        "Ukraine's President Volodymyr Zelenskyy said Wednesday that Trump is living in a "
        "Russian-made disinformation space."), "Russian-made disinformation space")
    assert _relays(st) == ["Associated Press"]


def test_outlet_praised_inside_a_quotation_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "ANKARA (AA) – Ministers marked the agency's anniversary on Monday.\n\n\"Anadolu Agency "
        "reports accurate and objective information to the entire world,\" Mevlut Cavusoglu "
        "said in his speech."), "reports accurate and objective information")
    assert _relays(st) == ["Anadolu Agency"]


def test_said_on_a_broadcaster_relays_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Relations with Poland are at their lowest level, said Russian Presidential "
        "spokesman Dmitry Peskov on Channel One Russia."), "lowest level")
    assert _relays(st) == ["Channel One"]
    assert st.speaker is not None and st.speaker.text.endswith("Peskov")


@pytest.mark.parametrize(("text", "contains"), [
    ("Medvedev said on the social media app Telegram that Russia will expel diplomats.",
     "expel diplomats"),
    ("Peskov commented on CNN's report, saying it was false.", "it was false"),
])
def test_said_on_a_platform_or_about_a_report_is_no_relay(analyze_text: Any, text: str,
                                                          contains: str) -> None:
    assert _one(analyze_text(text), contains).relays == ()


def test_agency_byline_relays_the_story_and_a_reporters_does_not(analyze_text: Any) -> None:
    body = "The minister said on Tuesday that the talks had failed."
    agency = _one(analyze_text(f"Ukraine says talks failed\n\nBy Reuters Staff\n\n{body}"),
                  "talks had failed")
    assert _relays(agency) == ["Reuters"]
    person = _one(analyze_text(f"Ukraine says talks failed\n\nBy Phil Stewart\n\n{body}"),
                  "talks had failed")
    assert person.relays == ()


def test_agency_after_a_dash_closing_the_story_relays_it(analyze_text: Any) -> None:
    result = analyze_text("The minister said on Tuesday that the talks had failed.\n\n"
                          "\"We will keep trying,\" he added. — AFP")
    assert _relays(_one(result, "talks had failed")) == ["Agence France-Presse"]
    assert _relays(_one(result, "keep trying")) == ["Agence France-Presse"]


def test_newspapers_own_copyright_notice_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The mayor said on Monday that the bridge would reopen in May.\n"
        "[© 2024 The New York Times Company. All rights reserved.] Reprints."),
        "bridge would reopen")
    assert st.relays == ()


def test_a_name_and_its_abbreviation_is_no_agency_dateline(analyze_text: Any) -> None:
    """"American Airlines (AA) said …" opens a paragraph as "ANKARA (AA) –" does, but it is a
    company and its abbreviation: no statement of the page has Anadolu (AA) for a relay; a
    dateline in capitals still credits it."""
    result = analyze_text(
        "American Airlines (AA) said on Monday that flights would resume on Friday.\n\n"
        "Police said the airport had reopened.")
    assert all(_relays(st) == [] for st in result.statements), \
        [(st.content.text, _relays(st)) for st in result.statements]
    wired = analyze_text("ANKARA (AA) – Police said the airport had reopened.")
    assert _relays(_one(wired, "the airport had reopened")) == ["Anadolu Agency"]
