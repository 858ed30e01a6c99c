"""Relays of the sixth batch of real re-reports (bench/relays.py dev/6), end to end with
the real model: an outlet that reached the speaker ("officials contacted by AFP"), a credit
verb with its outlet after it ("…, informs Anadolu Agency"), a report that cites no one
("… without citing sources") and outlets the list lacked (Semafor, Malay Mail)."""

from __future__ import annotations

from typing import Any

from relaykit import statement_with as _one

HEAD = "News of the day\n\n"  # a first line alone is the article's headline


def _chain(st: Any) -> list[str]:
    return [m.text for m in st.relays]


def test_an_outlet_that_contacted_the_speaker_relays_the_words(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "In a surprise move, Erdogan has sent invitation letters to "
                           "more than 100 leaders, two Turkish officials contacted by AFP "
                           "said."), "invitation letters")
    assert st.speaker is not None and st.speaker.text == "two Turkish officials"
    assert _chain(st) == ["AFP"]


def test_a_credit_verb_before_its_outlet_closes_the_sentence(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "There are differences in positions. This, in particular, "
                           "concerns Ukraine, Turkish Foreign Minister Mevlut Cavusoglu said at "
                           "a meeting of the Budget Commission in Ankara, informs Anadolu "
                           "Agency."), "concerns Ukraine")
    assert st.speaker is not None and st.speaker.entity == "Mevlut Cavusoglu"
    assert _chain(st) == ["Anadolu Agency"]


def test_a_report_without_citing_sources_gives_them_no_words(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "Japan will extend its sanctions, the daily Kommersant "
                          "reported on Saturday without citing sources.")
    assert not any(s.speaker is not None and s.speaker.text == "sources"
                   for s in result.statements)


def test_a_closing_credit_of_a_newly_listed_paper_relays_its_story(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "KUALA LUMPUR (May 28): The minister remains in office for "
                           "the time being, Prime Minister Ismail Sabri Yaakob said today. "
                           "\u2014 Malay Mail"), "remains in office")
    assert _chain(st) == ["Malay Mail"]


def test_a_comment_for_a_listed_site_passes_on_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The spokesperson told Semafor that the paper stands by its "
                           "reporting."), "stands by its reporting")
    assert _chain(st) == ["Semafor"]


def test_a_credit_between_commas_inside_a_content_relays_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The officials say analysis by defense agencies has found "
                           "that the balloon was \"crammed with commercially available US gear,"
                           "\" per the Journal, along with more specialized Chinese equipment."),
              "crammed with")
    assert _chain(st) == ["Journal"]
    # the credit is cut out of the content: two fragments around it
    assert len(st.fragments) == 2


def test_a_dateline_relays_speakers_whose_words_hold_its_letters(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "WASHINGTON (AP) \u2014 The records listed outgoing calls, "
                          "according to attorneys for the AP. Japanese officials said the "
                          "talks had failed.")
    assert _chain(_one(result, "listed outgoing calls")) == ["AP"]
    assert _chain(_one(result, "talks had failed")) == ["AP"]


def test_a_speaker_is_never_the_relay_of_his_own_words(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "Russia is ready for talks, Peskov said, reports "
                           "\"RIA Novosti\"."), "ready for talks")
    assert _chain(st) == ["RIA Novosti"]


def test_on_the_air_of_a_channel_relays_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The talks will resume next week, Lavrov said on the air of "
                           "the Rossiya 24 TV channel."), "talks will resume")
    assert _chain(st) == ["Rossiya 24"]


def test_a_credit_the_tagger_gave_the_speaker_as_content_is_cut(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "The talks will resume next week, Lavrov said, informs "
                          "RBC-Ukraine.")
    assert len(result.statements) == 1
    st = result.statements[0]
    assert st.speaker is not None and st.speaker.text == "Lavrov"
    assert len(st.relays) == 1 and "informs" not in st.content.text


def test_a_transcript_of_the_speakers_words_is_no_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The talks will resume next week, Lavrov said, according to "
                           "a transcript released by the ministry."), "talks will resume")
    assert st.relays == ()


def test_according_to_an_outlets_report_leaves_the_verbs_subject_speaking(analyze_text: Any
                                                                          ) -> None:
    for credit in ("according to a Reuters report", "according to a report by Reuters"):
        st = _one(analyze_text(HEAD + f"The ministry said Russia will respond to the sanctions, "
                               f"{credit}."), "respond to the sanctions")
        assert st.speaker is not None and st.speaker.text == "The ministry"
        assert _chain(st) == ["Reuters"]


def test_an_op_ed_for_a_paper_is_published_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "Russia will respond to the sanctions, Blinken wrote in an "
                           "op-ed for The Washington Post."), "respond to the sanctions")
    assert _chain(st) == ["Washington Post"]
    st = _one(analyze_text(HEAD + "Blinken wrote in a letter that Russia will respond."),
              "Russia will respond")
    assert st.relays == ()


def test_an_email_to_an_outlet_passes_the_words_on(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The deal was done, a spokesman said in an email to "
                           "Reuters."), "deal was done")
    assert _chain(st) == ["Reuters"]


def test_whoever_quotes_the_speaker_as_saying_passes_it_on(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The deal was done, the agency quoted the minister as "
                           "saying."), "deal was done")
    assert st.speaker is not None and st.speaker.text == "the minister"
    assert _chain(st) == ["the agency"]


def test_a_possessor_of_a_reporting_phrase_is_no_outlet(analyze_text: Any) -> None:
    result = analyze_text(HEAD + "Britain\u2019s maritime trade agency reported a potential "
                          "hijack on Tuesday.\n\nThe ship was hijacked, Britain\u2019s Times "
                          "newspaper reported, citing British sources.")
    st = _one(result, "ship was hijacked")
    assert "Britain" not in _chain(st)


def test_a_subject_before_the_outlets_content_speaks_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "The Kremlin spokesman also pointed to the need for Moscow "
                           "to obtain legally binding guarantees of non-acceptance of Kiev into "
                           "NATO, because otherwise the chances of Ukraine joining the alliance "
                           "would remain, writes Bloomberg."), "legally binding guarantees")
    assert st.speaker is not None and st.speaker.text == "The Kremlin spokesman"
    assert _chain(st) == ["Bloomberg"]


def test_speaking_on_a_broadcaster_relays_through_it(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "Speaking on Sky News\u2019 Sunday with Trevor Phillips, the "
                           "environment secretary, Steve Reed, said the Tories had left the "
                           "country in a much worse state."), "left the country")
    assert _chain(st) == ["Sky News"]


def test_a_show_told_is_an_outlet(analyze_text: Any) -> None:
    st = _one(analyze_text(HEAD + "\u201cAll of this just raises questions,\u201d Cooper told "
                           "the Ridge show."), "raises questions")
    assert _chain(st) == ["Ridge"]  # the name beside the media word
