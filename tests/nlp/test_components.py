"""whosaid's spaCy components: a sentence never runs over a paragraph break."""

from __future__ import annotations

from spacy.tokens import Doc

from whosaid.nlp import load_pipeline
from whosaid.nlp.components import paragraph_boundaries
from whosaid.settings import DEFAULT_MODEL


def test_paragraph_break_starts_the_next_token_and_marks_nothing_else() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    doc = paragraph_boundaries(nlp.make_doc("MOSCOW, Dec. 2\nPutin spoke.\n\n“No,” he said."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["MOSCOW", "Putin", "“"]
    # the tokens after no break stay unknown, for the parser to decide
    assert [t.is_sent_start for t in doc[1:4]] == [None, None, None]


def test_paragraph_break_inside_a_parsed_article_opens_a_sentence() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    doc = nlp("KYIV, Dec. 2 (Reuters)\nThe minister said talks would resume on Monday.")
    assert [s.text.strip() for s in doc.sents][:2] == [
        "KYIV, Dec. 2 (Reuters)", "The minister said talks would resume on Monday."]


def test_paragraph_boundaries_leave_short_and_unbroken_documents_alone() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    assert [t.is_sent_start for t in paragraph_boundaries(Doc(nlp.vocab, words=["\n"]))] == [True]
    doc = paragraph_boundaries(nlp.make_doc("no break here at all"))
    assert [t.is_sent_start for t in doc] == [True, None, None, None, None]
