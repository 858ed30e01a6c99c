"""Relays of a whole story (bench/relays.py dev/6 and dev/7), end to end with the real
model: a credit closing the story ("(Yonhap)", a bare "AFP" or "— Reuters" line), a header
credit behind page furniture ("0 CommentsPrint E-mail Xinhua, November 21, 2010") and an
unlisted agency's dateline ("ISLAMABAD, Nov 21 (APP):", "(APP - UrduPoint / …)")."""

from __future__ import annotations

from typing import Any

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


def test_a_bracketed_agency_closing_the_story_relays_every_statement(
        analyze_text: Any) -> None:
    result = analyze_text(HEAD + "\"It is impossible to eavesdrop on the building,\" a "
                          "presidential official said.\n\nThe summit is planned for next week "
                          "in the US capital. (Yonhap)")
    assert _chain(_one(result, "impossible to eavesdrop")) == ["Yonhap"]


def test_closing_credits_of_several_items_stay_with_their_paragraphs(
        analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The ministry said the talks would resume, ITAR-TASS "
                          "reported. (\u201cRFE/RL Newsline,\u201d 26 October)\n\nThe governor "
                          "said the bridge would reopen in May, Interfax reported. (Interfax)")
    assert "Interfax" not in _chain(_one(result, "talks would resume"))


def test_a_bare_agency_line_under_the_story_relays_it(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The minister said the talks would resume next week.\n\n"
                          "He added that the budget would be passed on Friday.\n\nAFP")
    assert _chain(_one(result, "talks would resume")) == ["AFP"]
    assert _chain(_one(result, "budget would be passed")) == ["AFP"]


def test_a_dashed_agency_line_under_the_story_relays_it(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The minister said the talks would resume next week.\n\n"
                          "\u2014 Reuters")
    assert _chain(_one(result, "talks would resume")) == ["Reuters"]


def test_a_section_name_under_the_story_is_no_relay(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The minister said the talks would resume next week.\n\nWorld")
    assert _chain(_one(result, "talks would resume")) == []


def test_a_header_credit_behind_comment_and_print_links_relays_the_story(
        analyze_text: Any) -> None:
    result = analyze_text("Talks\n\n0 CommentsPrint E-mail Xinhua, November 21, 2010\n"
                          "Adjust font size:\n\nThe budget had increased by 13.1 percent "
                          "annually, Yang said.")
    assert _chain(_one(result, "13.1 percent")) == ["Xinhua"]


def test_an_unlisted_agencys_dated_dateline_relays_the_story(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "ISLAMABAD, Nov 21 (APP): Interior Minister Chaudhry Nisar "
                           "said the talks would resume next week."), "talks would resume")
    assert _chain(st) == ["APP"]


def test_an_agency_first_in_a_syndicators_bracket_relays_the_story(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "Jerusalem, (APP - UrduPoint / Pakistan Point News - 25th "
                          "May, 2024) An Israeli official said Saturday the government had an "
                          "intention to renew talks.\n\n\"There is an intention to renew the "
                          "talks,\" the official told AFP.")
    chain = _chain(_one(result, "There is an intention"))
    assert len(chain) == 2 and chain[0] == "AFP" and chain[1].startswith("APP")


def test_the_agency_a_story_was_written_with_relays_it(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The minister said the talks would resume next week.\n\n"
                          "(With inputs from Reuters)")
    assert _chain(_one(result, "talks would resume")) == ["Reuters"]


def test_agencies_unnamed_under_the_story_are_no_relay(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The minister said the talks would resume next week.\n\n"
                          "With agencies")
    assert _chain(_one(result, "talks would resume")) == []
