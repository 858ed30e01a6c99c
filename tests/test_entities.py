"""Entities of one article: clustering names, never merging different people."""

from __future__ import annotations

import re

from whosaid.names.entities import whole_word_hits
from whosaid.names.normalise import phonetic_key, sound_alike


def test_entities_phonetic_key_joins_transliterations() -> None:
    assert phonetic_key("Scholz") == phonetic_key("Scholes")
    assert phonetic_key("Peskow") == phonetic_key("Peskov")
    assert phonetic_key("Zelensky") == phonetic_key("Selenskyj") == phonetic_key("Zelenskyy")
    assert phonetic_key("Scholz") != phonetic_key("Scholl")


def test_entities_sound_alike_needs_both_sound_and_spelling() -> None:
    assert sound_alike("Scholes", "Scholz")
    assert not sound_alike("Scholl", "Scholz")
    assert not sound_alike("Biden", "Bolton")
    assert not sound_alike("Li", "Le")  # too short to judge


def _entities(analyze_text, text: str) -> dict:  # type: ignore[no-untyped-def]
    return {e.name: e for e in analyze_text(text).entities}


def test_entities_surname_joins_full_name(analyze_text) -> None:  # type: ignore[no-untyped-def]
    ents = _entities(analyze_text, "German Chancellor Olaf Scholz met aides. Scholz said "
                     "the talks went well. Later Scholes said he was hopeful.")
    assert {"Scholz", "Scholes"} <= set(ents["Olaf Scholz"].aliases)
    assert "German Chancellor" in ents["Olaf Scholz"].titles


def test_entities_different_given_names_never_merged(analyze_text) -> None:  # type: ignore[no-untyped-def]
    ents = _entities(analyze_text, "Olaf Scholz met Olaf Scholl in Berlin. Joe Biden and "
                     "Hunter Biden flew home.")
    persons = [e.name for e in ents.values() if e.type == "PERSON"]
    assert "Olaf Scholz" in persons and "Olaf Scholl" in persons
    assert "Joe Biden" in persons and "Hunter Biden" in persons


def test_entities_acronym_and_translated_name(analyze_text) -> None:  # type: ignore[no-untyped-def]
    ents = _entities(analyze_text, "The Institute for the Study of War (ISW) published a "
                     "report. Russia wants a pause, the War Research Institute said. ISW said "
                     "more.")
    isw = ents["Institute for the Study of War"]
    assert {"ISW", "War Research Institute"} <= set(isw.aliases)
    assert isw.type == "ORG"


def test_entities_ids_are_content_hashes(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = "Joe Biden said the economy is strong."
    a, b = analyze_text(text), analyze_text(text)
    assert [e.id for e in a.entities] == [e.id for e in b.entities]


def test_entities_name_suffix_is_read_from_the_name() -> None:
    from whosaid.names.entities import name_suffix, name_words

    assert name_suffix("Donald Trump Jr.") == "jr" and name_suffix("Trump Jr") == "jr"
    assert name_suffix("Pope John Paul II") == "ii" and name_suffix("Jr.") == ""
    assert name_suffix("Donald Trump") == ""
    assert name_words("Donald Trump Jr.") == ("Donald", "Trump")


FATHER_AND_SON = (
    "Donald Trump Jr. said on Tuesday that the campaign would go on. \"We are not going "
    "anywhere,\" Trump Jr. told reporters in Ohio.\n\nHis father, President Donald Trump, said "
    "later: \"My son is doing a great job.\" Trump added that the rally would be huge.")


def test_entities_suffix_tells_son_from_father(analyze_text) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_text(FATHER_AND_SON)
    ents = {e.name: e for e in analysis.entities}
    son, father = ents["Donald Trump Jr."], ents["Donald Trump"]
    assert "Trump Jr." in son.aliases and "Donald Trump" not in son.aliases
    # a bare "Trump" where both are named is the father: the son is "Trump Jr."
    assert "Trump" in father.aliases and "Trump" not in son.aliases
    speakers = {s.content.text.strip('"., '): s.speaker.entity for s in analysis.statements
                if s.speaker is not None}
    assert speakers["We are not going anywhere"] == "Donald Trump Jr."
    assert speakers["My son is doing a great job"] == "Donald Trump"
    assert speakers["that the rally would be huge"] == "Donald Trump"


def test_entities_suffix_name_alone_keeps_its_surname(analyze_text) -> None:  # type: ignore[no-untyped-def]
    # only the son is named: "Trump" later in the article is him
    ents = {e.name: e for e in analyze_text(
        "Donald Trump Jr. posted a video on Sunday. Trump later deleted the video, saying "
        "it had been misunderstood.").entities}
    assert "Trump" in ents["Donald Trump Jr."].aliases and "Donald Trump" not in ents


def test_entities_suffix_dropped_on_later_reference_is_one_person(analyze_text) -> None:  # type: ignore[no-untyped-def]
    # no family in sight: "Brent Bozell" is Brent Bozell III written short
    ents = {e.name: e for e in analyze_text(
        "\"Yes, I support Ted Cruz,\" Brent Bozell III, founder of the Media Research Center, "
        "told reporters. Brent Bozell said the race was far from over.").entities}
    assert "Brent Bozell" in ents["Brent Bozell III"].aliases and "Brent Bozell" not in ents


def test_entities_bare_surname_between_two_suffixes_is_the_first_named(analyze_text) -> None:  # type: ignore[no-untyped-def]
    ents = {e.name: e for e in analyze_text(
        "\u201cYes, I support Ted Cruz,\u201d Brent Bozell III, founder of the Media Research "
        "Center, tells Breitbart News in an exclusive interview.\n\nBozell was only five years "
        "old when the Sharon Statement was signed, but he has direct ties to the origins of the "
        "modern conservative movement. William F. Buckley, Jr. was his uncle and his father, "
        "Brent Bozell, Jr. was the ghost writer of Barry Goldwater\u2019s 1960 classic.\n\n"
        "\u201cIt\u2019s clear cut that you are either with the establishment or you are with "
        "Ted Cruz. That is the new reality,\u201d Bozell says.").entities}
    son, father = ents["Brent Bozell III"], ents["Brent Bozell, Jr."]
    assert "Bozell" in son.aliases and "Bozell" not in father.aliases


def test_entities_surname_tagged_as_a_body_is_a_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    from whosaid.names.entities import extract_entities

    text = ("Donald Trump spoke in Cleveland. Ivanka Trump introduced him. "
            "Trump said the country was in danger.")
    doc = analyzer.nlp(text)

    def span(name: str, label: str, at: str) -> Span:
        start = text.index(at)
        found = doc.char_span(start, start + len(name), label=label)
        assert found is not None
        return found

    # what the recogniser did on a real convention report: the bare surname as ORG
    doc.ents = [span("Donald Trump", "PERSON", "Donald"), span("Ivanka Trump", "PERSON", "Ivanka"),
                span("Trump", "ORG", "Trump said")]
    ents = {e.name: e for e in extract_entities(doc, "a1").entities}
    assert ents["Trump"].type == "PERSON"  # for the corpus pass to tell which Trump
    assert len(ents["Trump"].mentions) == 1
    for name in ("Donald Trump", "Ivanka Trump"):  # the bare surname swallows neither
        assert ents[name].type == "PERSON" and len(ents[name].mentions) == 1


INVISIBLE = "\ufeff\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_entities_invisible_characters_never_become_names(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Saudi Crown Prince Mohammed bin Salman said on Monday that oil prices were "
            "stable. \ufeff said the minister. \u200b\u200b said the aide, and \u2067\u2069 "
            "agreed.")
    analysis = analyze_text(text)
    assert analysis.article.text == text  # nothing is deleted from the stored text
    for entity in analysis.entities:
        assert entity.name.strip(INVISIBLE + " ")
        assert not set(entity.name) & set(INVISIBLE), entity
        for mention in entity.mentions:
            assert mention.text.strip(INVISIBLE + " .,") == mention.text


def test_entities_mention_edges_leave_out_bidi_controls(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Saudi Crown Prince Mohammed bin Salman\u202c said on Monday that oil prices "
            "were stable. The minister said \u2066Olaf Scholz\u2069 was right.")
    analysis = analyze_text(text)
    assert analysis.article.text == text
    names = {e.name: e for e in analysis.entities}
    assert "Mohammed bin Salman" in names, names
    for entity in analysis.entities:
        assert not set(entity.name) & set(INVISIBLE), entity
        assert not any(set(a) & set(INVISIBLE) for a in entity.aliases), entity
        for mention in entity.mentions:
            # offsets still point into the stored text, at the visible name
            assert text[mention.start:mention.end] == mention.text
            assert mention.text[0] not in INVISIBLE and mention.text[-1] not in INVISIBLE
    [mention] = names["Mohammed bin Salman"].mentions
    assert text[mention.end] == "\u202c"


def test_entities_whole_word_hits_match_the_word_bounded_pattern() -> None:
    # the re-scan's finder: the same hits as (?<![\w-])NAME(?![\w-]), which it replaced
    texts = ["Trump said. Trumps and Trump-era, Trump_x; (Trump) Trump", "TrumpTrump Trump",
             "AAAA AAA AAAAAA", "Ölaf Scholz, xScholz, Scholz\u00e9 Scholz", "Scholz"]
    for text, alias in ((t, a) for t in texts for a in ("Trump", "AAA", "Scholz", "AA A")):
        want = [(m.start(), m.end()) for m in
                re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", text)]
        assert list(whole_word_hits(text, alias)) == want, (text, alias)
