"""Wire copy wrapped at 70 columns: a line break inside a sentence reads as a space in the
analysis text (same length), every other line break stays."""

from __future__ import annotations

from whosaid.nlp import analysis_text, load_pipeline
from whosaid.nlp.pipeline import joined_lines
from whosaid.settings import DEFAULT_MODEL


def test_break_before_a_lowercase_word_or_after_a_comma_or_open_word_is_a_space() -> None:
    assert joined_lines("messages asking\nabout the reports.") == \
        "messages asking about the reports."
    assert joined_lines("The spokeswoman,\nMaria Zakharova, said") == \
        "The spokeswoman, Maria Zakharova, said"
    assert joined_lines("threats to Japan, the\nReuters reported.") == \
        "threats to Japan, the Reuters reported."


def test_headline_dateline_list_item_address_and_blank_line_stay_breaks() -> None:
    for text in ("Japan minister: China a military threat\nAlso on Wednesday, he said",
                 "MOSCOW, Dec. 2\nPutin spoke.",
                 "It ended.\nthe next day",
                 "▪️ Moscow will monitor the sea;\n▪️ Russia expects the leadership",
                 "says Ukraines Zelenskyy\napnews.com\nUkraine's President",
                 "The talks ended\n\nthe next day"):
        assert joined_lines(text) == text


def test_analysis_text_keeps_its_length_and_the_sentence_whole() -> None:
    text = "Nakagawa said at a news\nconference that China poses threats.\n\nNext item."
    out = analysis_text(text, ())
    assert len(out) == len(text) and out.count("\n") == 2
    doc = load_pipeline(DEFAULT_MODEL)(out)
    assert [s.text.strip() for s in doc.sents][0] == \
        "Nakagawa said at a news conference that China poses threats."


def test_a_site_line_and_windows_line_ends() -> None:
    """A site's address on a line of its own stays a line (its relay reads it); a wrapped
    line ending in "\\r\\n" joins as one ending in "\\n" does."""
    assert joined_lines("apnews.com\nthe president said") == "apnews.com\nthe president said"
    joined = joined_lines("messages asking\r\nabout the reports")
    assert len(joined) == len("messages asking\r\nabout the reports")
    assert "\n" not in joined
