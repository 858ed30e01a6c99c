"""Statements the relay chains lost because the statement itself was missed, end to end with
the real model: the forms of real re-reports (bench/relays.py dev) that gave no statement or
the wrong speaker — an "as" clause before the content ("As sources told Ukrinform, …"), a
naming "calls" with its adjective first, a source's description inside an outlet's report,
"That is according to X, who spoke to Y", a speaker "from" a country, "citing a source as
saying", and wire copy wrapped at 70 columns — and the sentences like them that must stay
as they were."""

from __future__ import annotations

from typing import Any

from relaykit import relay_names as _relays
from relaykit import statement_with as _one
from whosaid.model import Statement


def _speaker(st: Statement) -> str:
    assert st.speaker is not None
    return st.speaker.text


def test_as_clause_before_the_content_credits_its_speaker_and_outlet(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "As Presidential Secretariat sources told Ukrinform, on Friday, May 27 President "
        "Viktor Yushchenko conducted deliberations on the space industry."),
        "Viktor Yushchenko conducted deliberations")
    assert "sources" in _speaker(st)
    assert _relays(st) == ["Ukrinform"]
    assert st.addressee is not None and st.addressee.text == "Ukrinform"


def test_as_clause_that_reports_nothing_makes_no_statement(analyze_text: Any) -> None:
    assert analyze_text("As expected, the talks resumed on Monday.").statements == ()


def test_naming_call_with_the_name_first_reports_what_is_named(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Prime Minister of Ukraine Victor Yanukovych calls predictable the current relations "
        "between Ukraine and Russia."), "the current relations between Ukraine and Russia")
    assert "Yanukovych" in _speaker(st)


def test_outlets_source_who_describes_a_report_speaks_through_the_outlet(
        analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Another Iranian news agency, ISNA, earlier said the envoy had asked for a meeting.\n\n"
        "But Fars said its source denied the report and described it as part of a \"news "
        "wave against the Iranian delegation.\""), "news wave against the Iranian delegation")
    assert _speaker(st) == "its source"
    assert _relays(st) == ["Fars"]


def test_thing_inside_a_persons_report_passes_nothing_on(analyze_text: Any) -> None:
    result = analyze_text(
        "Defence Minister Stepan Poltorak and security chief Olekshandr Turchynov said the "
        "decision, coupled with a recent surge in fighting, suggested Russia had switched to a "
        "more offensive strategy.")
    for st in result.statements:
        assert not any("Turchynov" in m.text for m in st.relays)


def test_that_is_according_to_a_role_and_name_credits_the_paragraph_before(
        analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Conflict in eastern Ukraine will not be solved even when Ukraine restores control "
        "over its state border.\n\n"
        "That is according to the head of the newly created Ministry for IDPs, ATO zone and "
        "temporarily occupied territories Vadym Chernysh, who recently spoke to the Golos "
        "Ukrainy parliamentary newspaper."), "will not be solved even when Ukraine restores")
    assert _speaker(st).endswith("Vadym Chernysh")
    assert _relays(st) == ["Golos Ukrainy"]
    assert st.addressee is not None and "Golos Ukrainy" in st.addressee.text


def test_that_is_according_to_a_plan_is_no_source(analyze_text: Any) -> None:
    result = analyze_text("The convoy left the city at dawn. That is according to plan.")
    assert not any(s.speaker is not None and "plan" in s.speaker.text for s in result.statements)


def test_a_speaker_from_a_country_is_the_person_not_the_country(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Before visiting Xinjiang, Musallam al-Dawsari from Saudi Arabia said he had not "
        "thought that Xinjiang's development had reached such a level."),
        "he had not thought")
    assert "al-Dawsari" in _speaker(st) and "Saudi" not in _speaker(st)


def test_citing_a_source_as_saying_makes_the_source_speak_through_the_outlet(
        analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The talks will resume next week, Interfax reported, citing a source as saying."),
        "The talks will resume next week")
    assert _speaker(st) == "a source"
    assert _relays(st) == ["Interfax"]
    st = _one(analyze_text(
        "Interfax reported, citing a source as saying, that the talks will resume next week."),
        "the talks will resume next week")
    assert _speaker(st) == "a source" and "saying" not in st.content.text


def test_outlets_report_the_parse_hangs_on_its_name_is_one_statement(analyze_text: Any) -> None:
    result = analyze_text(
        "The talks will resume next week, the Interfax news agency reported on Monday, citing "
        "a diplomatic source.")
    assert len(result.statements) == 1
    st = result.statements[0]
    # a sentence-final source keeps its full stop, as every "according to" source does
    assert _speaker(st).startswith("a diplomatic source")
    assert _relays(st) == ["Interfax"]


def test_wrapped_wire_copy_keeps_the_quote_and_its_speaker(analyze_text: Any) -> None:
    text = ("The spokeswoman,\nMaria Zakharova, said she had received dozens of messages asking\n"
            "about the reports.\n\"Guys, have you been reading American newspapers again?\" she\n"
            "wrote on her Facebook page.")
    result = analyze_text(text)
    st = _one(result, "have you been reading American newspapers again")
    assert _speaker(st) == "she"
    # offsets still point into the stored text, its line breaks kept
    assert result.article.text == text
    assert result.article.text[st.content.start:st.content.end] == st.content.text
    st = _one(result, "she had received dozens of messages asking\nabout the reports")
    assert "Zakharova" in _speaker(st)


def test_a_full_stop_typed_before_an_inverted_cue_gives_the_sentence_before(
        analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The parade will be held in Moscow in any case. said the press secretary of the Russian "
        "President Dmitry Peskov, as quoted by Interfax."), "will be held in Moscow in any case")
    assert "Peskov" in _speaker(st)
    assert _relays(st) == ["Interfax"]


def test_a_listed_sites_address_in_brackets_on_the_headline_relays_the_page(
        analyze_text: Any) -> None:
    result = analyze_text(
        "Koizumi: Japan a peace-loving country (chinadaily.com.cn) Updated: 2006-01-19 07:54\n"
        "Also on Wednesday, Japanese Farm Minister Shoichi Nakagawa said at a news\n"
        "conference that China and North Korea pose military threats to Japan, the\n"
        "Reuters reported.")
    st = _one(result, "China and North Korea pose military threats")
    assert _relays(st) == ["Reuters", "China Daily"]


def test_an_as_clause_after_its_clause_gives_no_statement_of_its_own(analyze_text: Any) -> None:
    result = analyze_text(
        "According to observers, such an invasion is not even on the agenda, as the meeting of "
        "Russian President Vladimir Putin with US President Joe Biden on Tuesday showed.")
    st = _one(result, "such an invasion is not even on the agenda")
    assert "observers" in _speaker(st) and _relays(st) == []


def test_a_pronoun_inside_a_report_is_the_reporter_not_a_second_speaker(
        analyze_text: Any) -> None:
    result = analyze_text(
        "Iran’s Foreign Ministry had earlier said reports of security incidents near the UAE "
        "coast were “suspicious,” and it warned of any effort to create a “false atmosphere” "
        "against the Islamic Republic.")
    for st in result.statements:
        assert not any("Ministry" in m.text for m in st.relays)
