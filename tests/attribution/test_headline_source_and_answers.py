"""A headline's source checked once, where the headline pass finds it
(:func:`whosaid.attribution.headlines.named_source`), and a negated verb whose content is only
the answer not given dropped by the precision pass: on short texts through the real model."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.attribution.context import Context
from whosaid.attribution.drafts import CharSpan
from whosaid.attribution.headlines import named_source
from whosaid.attribution.quotes import find_quotes
from whosaid.names import extract_entities


def context(analyzer: Any, text: str) -> Context:
    doc = analyzer.nlp(text)
    return Context.of(doc, extract_entities(doc, "t"), find_quotes(text))


@pytest.mark.parametrize("text,source,named", [
    ("Zelensky: We will not give up territory\n\nHe spoke.", "Zelensky", True),
    ("The Kremlin: talks are over\n\nIt said so.", "The Kremlin", True),
    ("NATO: the alliance stands\n\nIt met.", "NATO", True),
    ("Star Wars Jedi: Fallen Order review\n\nThe game is out.", "Star Wars Jedi", False),
])
def test_a_headline_source_must_be_all_of_one_name(
        analyzer: Any, text: str, source: str, named: bool) -> None:
    ctx = context(analyzer, text)
    start = text.index(source)
    assert named_source(ctx, CharSpan(start, start + len(source))) is named


def test_a_title_read_as_source_and_claim_makes_no_statement(analyze_text: Any) -> None:
    found = analyze_text("Star Wars Jedi: Fallen Order review - shoots for the moon\n\n"
                         "The game came out on Friday.").statements
    assert not any(st.cue is not None and st.cue.text == ":" for st in found)


def test_a_named_headline_source_stays(analyze_text: Any) -> None:
    found = analyze_text("Zelensky: We will not give up territory\n\n"
                         "The president spoke on Monday.").statements
    assert [st.speaker.text for st in found if st.speaker] == ["Zelensky"]


def test_an_answer_not_given_is_no_statement(analyze_text: Any) -> None:
    found = analyze_text("Steelers captain Cam Heyward did not offer a response when asked "
                         "about the league's decision.").statements
    assert not any(st.content.text.strip(". ") == "a response" for st in found)


def test_a_negated_speech_verb_with_words_stays(analyze_text: Any) -> None:
    found = analyze_text("Biden did not say whether he would run again.").statements
    assert [st.speaker.text for st in found if st.speaker] == ["Biden"]
