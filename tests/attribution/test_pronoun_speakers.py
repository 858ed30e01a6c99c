"""Pronoun and relative speakers, and names inside a speaker's phrase, resolved by the resolve
pass (:mod:`whosaid.attribution.resolve`) on short news texts through the real model: the
kinds of wrong speaker judged on general news pages (bench/data/judged) are right."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.attribution.context import Context
from whosaid.attribution.drafts import CharSpan
from whosaid.attribution.quotes import find_quotes
from whosaid.attribution.resolve import mention
from whosaid.names import extract_entities

TEXTS = {
    # gender: "she" is the woman named last, not the man who spoke last
    "she_recalled": "\u201cHe would make art in the most surprising places,\u201d Neil Gaiman "
                    "told me. When Ford visited his editor Teresa Nielsen Hayden at her "
                    "office, he would scribble short poems on her desk. \u201cLife was not "
                    "long enough,\u201d she recalled.",
    # the subject of the main clause the pronoun's clause hangs on
    "clause_subject": "Sonya Zoghlin, his attorney, said in a statement that her client "
                      "meant no harm. Patrick Carlineo was arrested in April for a phone "
                      "call to the office, in which he said he would shoot the congresswoman.",
    # a man's "he" is not the woman who spoke last
    "he_not_her": "Emily Maitlis repeatedly asked how Andrew could be so sure. Andrew "
                  "doesn't remember the party, but he definitely remembers going to get "
                  "pizza that night.",
    # a relative pronoun: the noun its clause hangs on
    "who_noun": "The hearing follows the testimony of four officials, including a career "
                "Army officer who described the call as improper.",
    "which_name": "The Palestinian Authority - which considers the US biased and has "
                  "rejected the administration as a mediator - called for a meeting.",
    # a name that only modifies the speaker's head noun
    "defenders": "Shortly after, some of Trump's defenders took to social media, claiming "
                 "that the ambassador's net worth far exceeded her salary.",
    # a pronoun inside another's quotation is not the speaker of a cue outside it
    "quoted_we": "Australian Prime Minister Scott Morrison said in a statement, \u201cWe are "
                 "profoundly pleased\u201d at the hostages' release, adding that the family "
                 "had asked to convey its own relief.",
    # a sentence's subject "He" is the subject of the sentence before, not its latest name
    # (fifth judged draw: resolved to Kim Kardashian)
    "he_subject_before": "Taylor Swift is allowed to play her music at the AMAs after all. "
                         "Swift got high profile support last week, after accusing them of "
                         "trying to stop her performing. Taylor Swift's first six albums "
                         "were released through Big Machine, which was bought out by a "
                         "company owned by talent manager Scooter Braun earlier this year. "
                         "In a Tumblr post at the time she described this as the \"worst "
                         "case scenario\" and accused him of years of \"incessant, "
                         "manipulative bullying\". Braun has worked with the likes of Kanye "
                         "West and Kim Kardashian - both of whom Taylor Swift has had feuds "
                         "with in the past. He has consistently denied being unfair to her.",
    # "it" is not a name that only modifies a noun
    "it_modifier": "As of October, Emirates had a fleet of 270 aircraft. In addition to its "
                   "order of 30 Boeing jets on Wednesday, it announced an order of 50 Airbus "
                   "jets on Monday.",
}


@pytest.fixture(scope="module")
def found(analyze_text: Any) -> dict[str, list[tuple[str | None, str | None, str, str]]]:
    """Each text's statements as (speaker text, speaker entity, cue, content)."""
    out = {}
    for key, text in TEXTS.items():
        out[key] = [(st.speaker.text if st.speaker else None,
                     st.speaker.entity if st.speaker else None,
                     st.cue.text if st.cue else "", st.content.text)
                    for st in analyze_text(text).statements]
    return out


def by_cue(found: Any, key: str, cue: str) -> tuple[str | None, str | None, str, str]:
    hits = [st for st in found[key] if st[2].endswith(cue)]
    assert hits, (key, found[key])
    return hits[0]


def test_she_is_the_woman_named_not_the_man_who_spoke_last(found: Any) -> None:
    speaker, entity, _, _ = by_cue(found, "she_recalled", "recalled")
    assert speaker == "she" and entity == "Teresa Nielsen Hayden"


def test_he_is_the_subject_of_the_main_clause_before_it(found: Any) -> None:
    hes = [entity for speaker, entity, _, _ in found["clause_subject"] if speaker == "he"]
    assert hes == ["Patrick Carlineo"]


def test_he_opening_a_sentence_is_the_subject_of_the_sentence_before(found: Any) -> None:
    speaker, entity, _, _ = by_cue(found, "he_subject_before", "denied")
    assert speaker == "He" and entity == "Scooter Braun"


def test_he_is_never_a_woman(found: Any) -> None:
    assert all(entity != "Emily Maitlis" for speaker, entity, _, _ in found["he_not_her"]
               if speaker == "he")


def test_who_is_the_noun_its_clause_hangs_on(found: Any) -> None:
    speaker, entity, _, _ = by_cue(found, "who_noun", "described")
    assert speaker is not None and "officer" in speaker and entity is None


def test_which_is_the_name_before_it(analyzer: Any) -> None:
    text = TEXTS["which_name"]
    doc = analyzer.nlp(text)
    ctx = Context.of(doc, extract_entities(doc, "t"), find_quotes(text))
    start = text.index("which")
    found, entity = mention(ctx, CharSpan(start, start + len("which")), [])
    assert found.text == "which" and entity is not None
    assert entity.name == "Palestinian Authority"


def test_a_name_inside_the_speakers_phrase_is_not_the_speaker(found: Any) -> None:
    speaker, entity, _, _ = by_cue(found, "defenders", "claiming")
    assert speaker is not None and "defenders" in speaker and entity is None


def test_a_pronoun_in_a_quotation_is_not_the_speaker_of_the_cue_after_it(found: Any) -> None:
    speaker, entity, _, _ = by_cue(found, "quoted_we", "adding")
    assert entity == "Scott Morrison", speaker


def test_it_is_not_a_name_that_only_modifies_a_noun(found: Any) -> None:
    _, entity, _, _ = by_cue(found, "it_modifier", "announced")
    assert entity == "Emirates"
