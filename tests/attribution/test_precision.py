"""The precision pass (:mod:`whosaid.attribution.precision`) and the modifier-name speaker
fix (:func:`whosaid.attribution.resolve.modifier_name`) on short sentences through the real
model: each kind of false statement judged on general news pages (bench/data/judged) is gone,
and the statements beside them stay."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.attribution.calibration import TOPIC_CEILING, recording

SENTENCES = {
    # 1. a verb that reports nothing
    "negated_know": "Eyamba Sowers didn't know Patrick was coming to Tuesday's gathering.",
    "renders": "The studio renders the game at native 1080p and then upsamples it.",
    # 2. the writer's own voice
    "reader_you": "You probably know that the charger is slow.",
    "hedge": "It would appear that the plan is not exactly working.",
    # 3. a place, company or person modifying the speaker's head noun
    "place_observers": "Middle East observers say the base is vital to stopping smugglers.",
    "company_users": "Some Twitter users argued that the campaign was misleading.",
    "family_reps": "Representatives of Epstein's family suggested he may have been murdered.",
    # a hypothetical speaker
    "as_would": "As Sherlock would say, \u201cElementary, my dear Watson.\u201d",
    "if_reports": "If the patient reports no birds in the home, the test is negative.",
    # 4. a title read as "Source: claim" (a first paragraph)
    "title_colon": "Star Wars Jedi: Fallen Order review - shoots for the moon\n\n"
                   "The game came out on Friday.",
    # the writer speaking to the reader, and a sentence in another language
    "to_reader": "Pamela Wilson writes about careers. "
                 "In this post I am showing you how to shift your mindset toward growth.",
    "foreign": "Jadi saat para sahabat pecah jadi Sunni dan Syiah, Islam mereka sudah "
               "sempurna meski saat itu mazhab belum ada.",
    # negative controls: statements that stay
    "as_said": "As Biden said on Monday, the economy is strong.",
    "said": "Putin said Russia was ready for talks.",
    "quoted_i": "\u201cI prefer peace,\u201d Putin said.",
    "negated_say": "Biden did not say whether he would run again.",
    "negated_think": "Merkel does not think the deal will hold.",
    "headline": "Zelensky: We will not give up territory\n\nThe president spoke on Monday.",
    "ministry": "The Russian Foreign Ministry said the talks had failed.",
    "oped_i": "Pamela Wilson writes about careers. I believe Trump is wrong.",
    "quoted_you": "Trump told voters: \u201cI want you to remember the tax cuts.\u201d",
}


@pytest.fixture(scope="module")
def found(analyze_text: Any) -> dict[str, list[tuple[str | None, str | None, str]]]:
    """Each sentence's statements as (speaker text, speaker entity, content)."""
    out = {}
    for key, text in SENTENCES.items():
        out[key] = [(st.speaker.text if st.speaker else None,
                     st.speaker.entity if st.speaker else None, st.content.text)
                    for st in analyze_text(text).statements]
    return out


@pytest.mark.parametrize("key", ["negated_know", "renders", "reader_you", "hedge",
                                 "as_would", "if_reports", "title_colon", "foreign"])
def test_drafts_that_report_nothing_are_dropped(found: Any, key: str) -> None:
    assert found[key] == []


def test_the_writer_showing_the_reader_something_is_no_statement(found: Any) -> None:
    # "writes about careers" may stay (a topic); "I am showing you how …" goes
    assert not any("mindset" in content for _, _, content in found["to_reader"])


@pytest.mark.parametrize("key,head", [("place_observers", "observers"),
                                      ("company_users", "users"),
                                      ("family_reps", "Representatives")])
def test_a_name_modifying_the_speakers_head_noun_is_not_the_speaker(
        found: Any, key: str, head: str) -> None:
    [(speaker, entity, _)] = found[key]
    assert head in speaker and entity is None


@pytest.mark.parametrize("key,speaker", [("said", "Putin"), ("as_said", "Biden"),
                                         ("quoted_i", "Putin"),
                                         ("negated_say", "Biden"), ("negated_think", "Merkel"),
                                         ("headline", "Zelensky"),
                                         ("ministry", "Russian Foreign Ministry"),
                                         ("oped_i", "Pamela Wilson"), ("quoted_you", "Trump")])
def test_real_statements_stay(found: Any, key: str, speaker: str) -> None:
    # "did not say whether" stays: it reports what Biden said (and did not), as PolNeAR does
    assert any(speaker in (s or "") or speaker in (e or "") for s, e, _ in found[key])


TOPICS = {
    "issued_about": "Putin has issued statements about recent talks with Sergei Lavrov.",
    "questioned_about": "Republicans also questioned Morrison about his closed-door testimony.",
    "spoken_about": "Jack Dorsey has spoken out about the toxic consequences of the counts.",
}
WORDS = {
    "talks_about": "Putin said Russia was ready for talks about the war.",
    "about_fifty": "Biden said about 50 people had died in the storm.",
    "quoted_about": "Asked about the plan, she said: \u201cIt will work.\u201d",
}


def read(analyze_text: Any, text: str) -> list[tuple[str, str, float]]:
    """Each statement's content, content feature (topic or words) and confidence."""
    with recording() as rows:
        analysis = analyze_text(text)
    return [(st.content.text, r.features.content, st.confidence)
            for st, r in zip(analysis.statements, rows, strict=True)]


@pytest.mark.parametrize("key", sorted(TOPICS))
def test_a_statement_of_only_a_topic_is_kept_below_the_topic_ceiling(
        analyze_text: Any, key: str) -> None:
    # "Putin has issued statements about recent talks": what was talked about, no words
    stated = read(analyze_text, TOPICS[key])
    assert stated, TOPICS[key]
    assert all(kind == "topic" and conf <= TOPIC_CEILING for _, kind, conf in stated), stated


@pytest.mark.parametrize("key", sorted(WORDS))
def test_words_that_mention_about_are_not_a_topic(analyze_text: Any, key: str) -> None:
    stated = read(analyze_text, WORDS[key])
    said = [kind for content, kind, _ in stated
            if "war" in content or "50 people" in content or "work" in content]
    assert said == ["words"], stated


# a deals page written to its reader (about 40 "you" a thousand words outside quotes)
DEALS = (
    "Black Friday deals are here, and you can save a lot if you shop early. If you want a "
    "big screen, this is the deal for you. 70-inch Element 4K UHD Smart HDTV with Roku for "
    "$499.99 (originally $800). I think this will be the least expensive 70-inch TV during "
    "the Black Friday season. You get Roku built in, and you get free shipping too. If you "
    "need a console, you can grab the Switch Lite bundle with your choice of game. We "
    "haven't seen any mention of a Switch Lite deal during Black Friday, so you should not "
    "wait. You can also pick up a Dell monitor at 35% off, and you will love the colours. "
    "Whatever you buy, check the return policy before you pay, because you may want to send "
    "it back. Your best bet is to compare prices on two or three sites before you click the "
    "button, and you should sign up for alerts so you hear about new discounts first. "
    "\u201cWe expect prices to fall further,\u201d said Walmart spokesman Randy Hargrove. "
    "When I saw that price, I was telling myself, \u201cThis is the one.\u201d")
NOT_REPORTING = {
    "flaunted": "She flaunted her hand bag which had the colours of the Nigerian flag.",
    "sought_to": "Trump repeatedly sought to make Hillary Clinton's health an issue in the "
                 "2016 campaign.",
    "spacecraft_found": "More than two decades ago, NASA's Galileo spacecraft found evidence "
                        "of an electrically conductive fluid on the moon's surface.",
}
STILL_REPORTING = {
    "study_found": ("The study found that the drug cut deaths by half.", "study"),
    "scientists_found": ("Scientists found evidence of water on the moon.", "Scientists"),
    "seeks_refugees": ("Obama Seeks More Muslim Refugees", "Obama"),
    # trying to say something is saying it
    "tried_to_suggest": ("Trump has recently tried to suggest that he barely knows Sondland.",
                         "Trump"),
}


def test_the_writers_first_person_on_a_page_to_the_reader_is_no_statement(
        analyze_text: Any) -> None:
    # "I think this will be the least expensive 70-inch TV" on a deals page; the quoted
    # spokesman on the same page stays, and so does the writer's own quoted words
    stated = [(st.speaker.text if st.speaker else None, st.content.text)
              for st in analyze_text(DEALS).statements]
    assert not any("least expensive" in c or "Switch Lite deal" in c for _, c in stated), stated
    assert any(s and "Hargrove" in s and "prices to fall" in c for s, c in stated), stated
    # the writer quoting their own words stays
    assert any("This is the one" in c for _, c in stated), stated


@pytest.mark.parametrize("key", sorted(NOT_REPORTING))
def test_verbs_that_report_no_words_are_no_statement(analyze_text: Any, key: str) -> None:
    # "flaunted her hand bag", "sought to make … an issue", a spacecraft's finding
    assert not analyze_text(NOT_REPORTING[key]).statements


@pytest.mark.parametrize("key", sorted(STILL_REPORTING))
def test_findings_and_requests_of_people_and_studies_stay(analyze_text: Any, key: str) -> None:
    text, speaker = STILL_REPORTING[key]
    assert any(st.speaker and speaker in st.speaker.text
               for st in analyze_text(text).statements)


VERDICTS = {
    "With so many sites hacked, it's all but guaranteed that someone will find your login.":
        ("guaranteed", True),
    "It was announced that the plant would close.": ("announced", False),
    "The IMF warned of slower growth. It referenced political tensions in Europe.":
        ("referenced", False),
}


@pytest.mark.parametrize("text", sorted(VERDICTS))
def test_an_empty_it_before_a_passive_non_reporting_verb_is_the_writers_verdict(
        analyzer: Any, text: str) -> None:
    # "it's all but guaranteed that …" (no reporting verb, passive, an empty "it") is the
    # writer's verdict; "it was announced that …" (a speech verb) and "It referenced …"
    # (active: the IMF) are not
    from whosaid.attribution.lexicon import load_lexicon
    from whosaid.attribution.precision import verdict

    word, expected = VERDICTS[text]
    verb = next(t for t in analyzer.nlp(text) if t.text == word)
    holder = type("Holder", (), {"lex": load_lexicon()})()
    assert verdict(holder, verb) is expected
