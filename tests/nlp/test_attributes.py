"""The attribute ruler on arrays sets what spaCy's own ruler sets, token for token."""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from whosaid.nlp import load_pipeline
from whosaid.nlp.attributes import ArrayAttributeRuler
from whosaid.settings import DEFAULT_MODEL

# every kind of the model's patterns: tag map, pronouns, "n't", "gon na", "got ta", "let 's",
# regexes ("nuthin'", "y'all"), "ai n't", a dependency ("there are"), space tokens
TEXTS = (
    "She told him they weren't gonna sign it, and I didn't believe her.",
    "\"Ain't nothin' wrong,\" y'all said. Let's go, c'mon, we gotta see 'em.\n\nThere are "
    "those who'd say it's done; he'd had enough of that.",
    "The minister,  who has been   here since Monday, said: “We will not wait.”\n",
)


def _parsed(text: str) -> Doc:
    nlp = load_pipeline(DEFAULT_MODEL)
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        return nlp(text)


def test_array_ruler_is_the_pipelines_attribute_ruler() -> None:
    assert isinstance(load_pipeline(DEFAULT_MODEL).get_pipe("attribute_ruler"),
                      ArrayAttributeRuler)


def test_array_ruler_sets_what_spacys_ruler_sets() -> None:
    ruler = load_pipeline(DEFAULT_MODEL).get_pipe("attribute_ruler")
    assert isinstance(ruler, ArrayAttributeRuler)
    spacys = AttributeRuler(ruler.vocab)
    spacys.add_patterns(ruler.patterns)
    for text in TEXTS:
        doc = _parsed(text)
        ours, theirs = ruler(doc.copy()), spacys(doc.copy())
        attrs = [POS, MORPH, LEMMA, TAG, DEP]
        assert numpy.array_equal(ours.to_array(attrs), theirs.to_array(attrs)), text
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def test_array_ruler_applies_later_patterns_over_earlier_ones() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    ruler = ArrayAttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "said"}]], {"POS": "NOUN", "LEMMA": "first"})
    ruler.add([[{"LOWER": "she"}, {"LOWER": "said"}]], {"LEMMA": "second"}, index=-1)
    doc = ruler(Doc(nlp.vocab, words=["She", "said", "so", ",", "said", "he"]))
    assert [t.lemma_ for t in doc] == ["", "second", "", "", "first", ""]
    assert [t.pos_ for t in doc][1::3] == ["NOUN", "NOUN"]


def test_array_ruler_falls_back_on_the_matcher_for_operators() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    ruler = ArrayAttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"}, index=-1)
    doc = ruler(Doc(nlp.vocab, words=["very", "very", "good"]))
    assert doc[2].lemma_ == "good"
