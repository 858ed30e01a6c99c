"""Relays end to end with the real model, on sentences the way re-reports write them."""

from __future__ import annotations

from typing import Any

from whosaid.model import Analysis, Statement


def _one(result: Analysis, contains: str) -> Statement:
    found = [s for s in result.statements if contains in s.content.text]
    assert found, f"no statement with {contains!r} in {[s.content.text for s in result.statements]}"
    return found[0]


def _relays(st: Statement) -> list[str]:
    return [m.text for m in st.relays]


def test_outlet_reported_after_a_statement_is_its_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Lavrov complains about the education law\n\nRussian Foreign Minister Sergey Lavrov "
        "said that the new Ukrainian law on education oppresses millions of Russian-speaking "
        "Ukrainians, RIA Novosti reported."), "law on education oppresses")
    assert st.speaker is not None and "Lavrov" in st.speaker.text
    assert _relays(st) == ["RIA Novosti"]


def test_wire_dateline_relays_every_statement_of_the_article(analyze_text: Any) -> None:
    result = analyze_text(
        "Ukraine, allies fear escalation\n\nKIEV (Reuters) – Ukrainian officials warned on "
        "Wednesday that Moscow’s decision could worsen the fighting in eastern Ukraine.\n\n"
        "“The Ukrainian armed forces are currently prepared for a change in the situation,” "
        "Poltorak told journalists.")
    assert _relays(_one(result, "could worsen the fighting")) == ["Reuters"]
    assert _relays(_one(result, "currently prepared")) == ["Reuters"]


def test_nested_credit_gives_the_chain_nearest_to_the_speaker_first(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Russia reports record deaths\n\nMOSCOW (Reuters) – Health minister Mikhail Murashko "
        "said up to 850,000 people were being vaccinated against COVID-19 in Russia every "
        "day, the TASS news agency reported."), "850,000 people")
    assert [m.entity or m.text for m in st.relays][:1] == ["TASS"] or \
        _relays(st)[0].endswith("TASS news agency") or "TASS" in _relays(st)[0]
    assert "Reuters" in _relays(st)[-1] and len(st.relays) == 2


def test_outlet_told_is_addressee_and_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Russia warns West against Syria intervention\n\n\"We call upon them not to search "
        "for pretexts to carry out a military scenario,\" Deputy Foreign Minister Gennady "
        "Gatilov told the Interfax news agency."), "search for pretexts")
    assert st.addressee is not None and "Interfax" in st.addressee.text
    assert len(st.relays) == 1 and "Interfax" in st.relays[0].text


def test_quoted_as_saying_by_an_outlet_is_the_persons_statement(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Shoigu replies to Mattis\n\n“Attempts to build a dialogue with Russia from a "
        "position of strength would be futile,” Shoigu was quoted as saying by news agency "
        "TASS."), "Attempts to build a dialogue")
    assert st.speaker is not None and st.speaker.text == "Shoigu"
    assert _relays(st) == ["TASS"]


def test_speakers_own_words_are_never_a_relay(analyze_text: Any) -> None:
    result = analyze_text(
        "Putin and the ceasefire\n\nReuters reported that Russia was ready for a ceasefire "
        "along the current front line, citing four Russian sources.\n\nBloomberg noted that "
        "the visit is scheduled to coincide with talks in Riyadh.")
    st = _one(result, "the visit is scheduled")
    assert st.speaker is not None and st.speaker.text == "Bloomberg" and st.relays == ()


def test_outlets_sources_speak_and_the_outlet_relays(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Moscow has offered Kazakhstan the use of its airfields in the north, according to "
        "the Izvestia newspaper’s sources."), "use of its airfields")
    assert st.speaker is not None and "sources" in st.speaker.text
    assert _relays(st) == ["Izvestia"]


def test_with_reference_to_a_source_makes_the_outlet_its_relay(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "The talks in Minsk were postponed until March, the Interfax news agency reports "
        "with reference to a source in the Defence Ministry."), "were postponed")
    assert st.speaker is not None and "source in the Defence Ministry" in st.speaker.text
    assert "Interfax" not in st.content.text
    [relay] = _relays(st)
    assert relay.startswith("Interfax")


def test_outlet_citing_sources_relays_what_follows(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "On Friday, Bloomberg reported, citing people familiar with the matter, that the "
        "grain deal had stalled over insurance."), "grain deal had stalled")
    assert st.speaker is not None and "people familiar" in st.speaker.text
    assert _relays(st) == ["Bloomberg"]


def test_outlet_citing_another_gives_both_relays_nearest_first(analyze_text: Any) -> None:
    st = _one(analyze_text(
        "Kremlin spokesman Dmitry Peskov told reporters on Monday that the talks would resume "
        "next week, RBC reports citing Vedomosti."), "talks would resume")
    assert st.speaker is not None and "Peskov" in st.speaker.text
    assert [r.rstrip(".") for r in _relays(st)] == ["Vedomosti", "RBC"]


def test_person_named_before_a_subjectless_cue_speaks_for_the_outlet(analyze_text: Any
                                                                     ) -> None:
    st = _one(analyze_text(
        "During a telephone conversation with the Russian Foreign Minister, Sergey Lavrov, "
        "the High Representative of the Union for Foreign Affairs and Security Policy, Josep "
        "Borrell, stressed the need to release the detained sailors immediately, the European "
        "External Action Service reported."), "release the detained sailors")
    assert st.speaker is not None and "Borrell" in st.speaker.text
    assert _relays(st) == ["European External Action Service"]


def test_person_told_who_works_for_an_outlet_makes_the_outlet_a_relay(analyze_text: Any
                                                                      ) -> None:
    st = _one(analyze_text(
        "“We will not back down,” the senator told Fox News’ Bret Baier on Monday night."),
        "We will not back down")
    [relay] = _relays(st)
    assert "Fox News" in relay
