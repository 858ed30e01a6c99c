"""Statements from real sentence patterns: cues, speakers, relays, addressees, quotes."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.model import Analysis, Statement


def _one(result: Analysis, contains: str) -> Statement:
    found = [s for s in result.statements if contains in s.content.text]
    assert found, f"no statement with {contains!r} in {[s.content.text for s in result.statements]}"
    return found[0]


def _speaker(st: Statement) -> str | None:
    return st.speaker.text if st.speaker else None


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Biden said that the economy was strong.", "the economy was strong", "Biden", "said"),
        ("The economy is strong, Biden said.", "The economy is strong", "Biden", "said"),
        ("Biden told reporters the economy was strong.", "the economy was strong", "Biden",
         "told"),
        ("Biden asked Congress to pass the bill.", "to pass the bill", "Biden", "asked"),
        ("Scholz pledged to support Ukraine.", "to support Ukraine", "Scholz", "pledged"),
        ("Putin cited Western support for Ukraine as the reason.", "Western support for Ukraine",
         "Putin", "cited"),
        ("Scholz replied that talks were impossible.", "talks were impossible", "Scholz",
         "replied"),
        ("Putin is ready to talk, according to Peskov.", "Putin is ready to talk", "Peskov",
         "according to"),
        ("According to the White House, the call lasted an hour.", "the call lasted an hour",
         "White House", "According to"),
        ("But to prevent problems, he said, local officials should be vigilant.",
         "local officials should be vigilant", "he", "said"),
    ],
)
def test_attribution_indirect_patterns(analyze_text: Any, text: str, content: str,
                                       speaker: str, cue: str) -> None:
    st = _one(analyze_text(text), content)
    assert _speaker(st) == speaker
    assert st.cue is not None and st.cue.text == cue
    assert st.kind == "indirect"


def test_attribution_addressee_of_tell_and_ask(analyze_text: Any) -> None:
    st = _one(analyze_text("Biden told reporters the economy was strong."), "economy")
    assert st.addressee is not None and st.addressee.text == "reporters"
    st = _one(analyze_text("Biden asked Congress to pass the bill."), "pass the bill")
    assert st.addressee is not None and st.addressee.text == "Congress"


def test_attribution_split_quote_is_one_statement(analyze_text: Any) -> None:
    result = analyze_text('"We will win," he said, "and we will rebuild."')
    assert len(result.statements) == 1
    st = result.statements[0]
    assert st.kind == "direct"
    assert [result.article.text[s:e] for s, e in st.fragments] == [
        "We will win", "and we will rebuild."]


def test_attribution_quote_runs_over_paragraphs(analyze_text: Any) -> None:
    text = '"The war must end now.\n\n"We have no other choice," Zelensky said.'
    st = _one(analyze_text(text), "no other choice")
    assert len(st.fragments) == 2 and _speaker(st) == "Zelensky"


def test_attribution_mixed_quote(analyze_text: Any) -> None:
    st = _one(analyze_text('Macron said the deal was "a historic step" for Europe.'), "deal")
    assert st.kind == "mixed"


def test_attribution_missing_opening_mark_and_space(analyze_text: Any) -> None:
    st = _one(analyze_text("The White House added.Putin is not interested in dialogue“."),
              "Putin is not interested")
    assert _speaker(st) == "White House" and st.kind == "direct"


def test_attribution_german_and_guillemet_quotes(analyze_text: Any) -> None:
    st = _one(analyze_text("Merkel said: „We will manage this“."), "We will manage this")
    assert st.kind == "direct" and _speaker(st) == "Merkel"
    st = _one(analyze_text("Macron said: « We will stand by Ukraine »."), "stand by Ukraine")
    assert st.kind == "direct"


def test_attribution_pronoun_speaker_resolves_to_entity(analyze_text: Any) -> None:
    st = _one(analyze_text("Angela Merkel arrived in Paris. She said the summit was useful."),
              "summit")
    assert _speaker(st) == "She" and st.speaker is not None
    assert st.speaker.entity == "Angela Merkel"


def test_attribution_role_noun_speaker_resolves_to_entity(analyze_text: Any) -> None:
    st = _one(analyze_text("Kremlin spokesman Dmitry Peskov met reporters on Monday. "
                           "The spokesman said talks had stalled."), "talks had stalled")
    assert st.speaker is not None and st.speaker.entity == "Dmitry Peskov"


def test_attribution_title_kept_apart_from_name(analyze_text: Any) -> None:
    st = _one(analyze_text("Kremlin spokesman Dmitry Peskov said talks had stalled."),
              "stalled")
    assert st.speaker is not None
    assert (st.speaker.text, st.speaker.title) == ("Dmitry Peskov", "Kremlin spokesman")


@pytest.mark.parametrize(
    ("text", "content", "speaker", "relays"),
    [
        ("Putin is focused on success, ISW said, according to Kyiv Independent.",
         "focused on success", "ISW", ["Kyiv Independent"]),
        ("Reuters reported that Putin said the talks had failed.", "talks had failed", "Putin",
         ["Reuters"]),
        ("The ministry said, citing intelligence officials, that the attack failed.",
         "the attack failed", "intelligence officials", ["The ministry"]),
    ],
)
def test_attribution_relays(analyze_text: Any, text: str, content: str, speaker: str,
                            relays: list[str]) -> None:
    st = _one(analyze_text(text), content)
    assert _speaker(st) == speaker
    assert [r.text for r in st.relays] == relays


def test_attribution_headline_colon(analyze_text: Any) -> None:
    st = _one(analyze_text("ISW: Putin has little interest in a ceasefire\n\nBody text here."),
              "little interest")
    assert _speaker(st) == "ISW" and st.cue is not None and st.cue.lemma == "headline"


def test_attribution_future_or_modal_verbs_are_not_reports(analyze_text: Any) -> None:
    result = analyze_text("He will never ask the Ukrainians for a compromise.")
    assert result.statements == ()


def test_attribution_is_deterministic(analyze_text: Any) -> None:
    text = "Biden said the economy was strong. Putin said talks had failed."
    assert analyze_text(text) == analyze_text(text)


def test_attribution_offsets_point_into_text(analyze_text: Any) -> None:
    text = "“We will win,” he said.\n\nRead more\n\nThe economy is strong, Biden said."
    result = analyze_text(text)
    for st in result.statements:
        assert text[st.content.start:st.content.end] == st.content.text
        for s, e in st.fragments:
            assert st.content.start <= s < e <= st.content.end
        assert "Read more" not in st.content.text


def test_attribution_quote_runs_on_after_cue_clause(analyze_text: Any) -> None:
    # NYT style: the second quoted sentence, after the speaker's apposition, is the same quote
    text = ('"These are strange days," said Peter Morgan, a lawyer for the Sierra Club. '
            '"I don\'t know what his intentions are. But I am skeptical he can pull it off."')
    st = _one(analyze_text(text), "strange days")
    assert _speaker(st) == "Peter Morgan"
    assert len(st.fragments) == 2 and "skeptical" in text[st.fragments[1][0]:st.fragments[1][1]]


def test_attribution_dash_credit_after_quote(analyze_text: Any) -> None:
    text = ("Here is what readers told us.\n"
            "“Maybe we can build a wall around Donald Trump.”\xa0― Steve Quinlan\n"
            "“The most unqualified candidate ever.” ― Francisco Herrero.")
    result = analyze_text(text)
    assert _speaker(_one(result, "build a wall")) == "Steve Quinlan"
    st = _one(result, "unqualified candidate")
    assert _speaker(st) == "Francisco Herrero" and st.cue is not None and st.cue.text == "―"


def test_attribution_transcript_turns(analyze_text: Any) -> None:
    text = ("Partial transcript as follows:\n\n"
            "WALLACE: Will Gennifer Flowers actually be there tomorrow night?\n\n"
            "PENCE: Well, look, this is serious business for the American people.\n\n"
            "WALLACE: Governor, I want to try to get an answer.\n\n"
            "UPDATE: This story has been corrected.")
    result = analyze_text(text)
    assert _speaker(_one(result, "Gennifer Flowers actually")) == "WALLACE"
    assert _speaker(_one(result, "serious business")) == "PENCE"
    assert not [s for s in result.statements if "corrected" in s.content.text]


def test_attribution_one_capitalised_label_is_not_a_transcript(analyze_text: Any) -> None:
    text = ("Budget talks resume.\n\nUPDATE: The vote was moved to Friday.\n\n"
            "CORRECTION: An earlier version misstated the date.")
    assert analyze_text(text).statements == ()


def test_attribution_typewriter_double_apostrophe_quotes(analyze_text: Any) -> None:
    # the NYT archive's ''…'' marks: read as quotation marks, offsets still into the input
    text = ("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. "
            "''It is a mess.''")
    st = _one(analyze_text(text), "tax reform")
    assert _speaker(st) == "Douglas Holtz-Eakin" and st.kind == "direct"
    assert st.content.text.startswith("This isn't tax reform")
    assert len(st.fragments) == 2 and text[slice(*st.fragments[1])] == "It is a mess."


def test_attribution_split_quote_pieces_around_the_cue(analyze_text: Any) -> None:
    text = "The difference now, he told me on Friday, is that he is the anchor of a news show."
    st = _one(analyze_text(text), "anchor")
    assert _speaker(st) == "he"
    assert st.content.text.startswith("The difference now")


def test_attribution_raising_verb_subject_is_not_a_source(analyze_text: Any) -> None:
    # "X seems to …" says something about X; nobody in the sentence says it
    st = _one(analyze_text("Republicans seem confident they have the votes to override him."),
              "override him")
    assert st.cue is not None and st.cue.text == "seem"
    assert st.speaker is None


@pytest.mark.parametrize(("text", "speaker"), [
    ("WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell "
     "an American story.", "Obama"),
    ("KYIV, Ukraine — Zelensky said the war would go on until every region was free.",
     "Zelensky"),
])
def test_attribution_dateline_is_not_the_speaker(analyze_text: Any, text: str,
                                                 speaker: str) -> None:
    st = _one(analyze_text(text), "would")
    assert speaker in (_speaker(st) or "") and "WASHINGTON" not in (_speaker(st) or "")


def test_attribution_object_content_keeps_the_whole_object(analyze_text: Any) -> None:
    # the seed: the tagger reads "continued support" as a cue; the object is the content
    st = _one(analyze_text("Other Western leaders have also pledged continued support for "
                           "Ukraine."), "Ukraine")
    assert st.content.text == "continued support for Ukraine"
    assert st.cue is not None and st.cue.text == "pledged"


# --------------------------------------------------------------- things and names


@pytest.mark.parametrize("text", [
    "For instance, the original recipe for this jam called for three cups of sugar, but I "
    "only used half.",
    "The simulation required 16,000 processor cores of the Hazel Hen supercomputer.",
    "He was tortured before an English crowd that’s hissing and calling for more blood.",
])
def test_recipe_calling_for_sugar_is_no_statement(analyze_text: Any, text: str) -> None:
    """A reporting verb whose subject can say nothing (a recipe, a simulation, a relative
    "that" of a crowd) makes no statement."""
    assert analyze_text(text).statements == ()


def test_bill_calling_for_a_ban_is_still_a_statement(analyze_text: Any) -> None:
    st = _one(analyze_text("The bill calls for a ban on assault weapons."), "a ban")
    assert _speaker(st) == "The bill"


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ('Cruz called the suicide a "profound indictment of the system."',
     'the suicide a "profound indictment of the system', "Cruz"),
    ("Steenburgen called Buckley’s performance “stunning,” but she was not surprised.",
     "Buckley’s performance “stunning", "Steenburgen"),
    ("During the call, he asked about the Muslim Brotherhood, called Omar a “terrorist” and "
     "said more.", "Omar a “terrorist", "he"),
    ("He did criticize what he called “experiments” in procurement.", "experiments", "he"),
])
def test_naming_construction_content_is_the_name_given(analyze_text: Any, text: str,
                                                       content: str, speaker: str) -> None:
    """"X called Y Z": the content is the one named and the name given ("Y Z", as PolNeAR
    marks it), nothing after the name; Y is no addressee; a name given is no confident
    statement."""
    found = [s for s in analyze_text(text).statements
             if s.cue is not None and s.cue.text == "called"]
    assert len(found) == 1, [s.content.text for s in found]
    st = found[0]
    assert st.content.text.startswith(content), st.content.text
    assert "procurement" not in st.content.text and "surprised" not in st.content.text
    assert st.addressee is None
    assert st.confidence < 0.8
