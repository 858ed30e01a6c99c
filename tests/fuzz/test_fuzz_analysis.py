"""Fuzzing quotes and the whole analysis: ``find_quotes`` on any text gives trimmed spans
inside it; the Analyzer (the real model) on news-like text with every kind of quotation
mark, reporting verbs, names, dates and odd characters gives records whose every offset lies
inside the stored text with that text there, the same records twice, within its budget."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fuzz_targets import analyze_checked, quotes
from fuzzkit import (
    LONG,
    budget,
    check_analysis,
    fuzz_settings,
    html_pages,
    news_texts,
    published_dates,
    sentences,
    texts,
)
from hypothesis import example, given
from hypothesis import strategies as st

import whosaid
from whosaid.clean import clean_document
from whosaid.errors import WhosaidError
from whosaid.model import SourceDocument
from whosaid.settings import Settings


@fuzz_settings(ci=60, long=2000)
@given(st.one_of(texts, st.lists(sentences(), max_size=6).map("\n".join)))
@example("\u201e\u201c\u00bb\u00ab\u201d\n\u201d")
@example("a\u00bb b \u00ab c\u201d.\u201d")
def test_fuzz_quotes_lie_inside_the_text(text: str) -> None:
    quotes(text.encode("utf-8", "surrogatepass"))


@fuzz_settings(ci=6, long=100)
@given(news_texts(max_paragraphs=5), published_dates)
@example("\u201cWe will never accept this,\u201d Kremlin spokesman Dmitry Peskov said on "
         "Friday.\n\nShare this article", dt.date(2022, 12, 4))
def test_fuzz_analysis_offsets_lie_inside_the_text(analyzer: Any, text: str,
                                                    published: dt.date | None) -> None:
    pub = published.isoformat() if published else None
    try:
        doc = clean_document(SourceDocument("fuzz", "fuzz.txt", text=text, published=pub),
                             Settings())
    except WhosaidError:
        return
    analyze_checked(analyzer, doc)


@fuzz_settings(ci=2, long=30)
@given(st.one_of(news_texts(max_paragraphs=3).map(lambda t: (t, False)),
                 html_pages().map(lambda h: (h, True))), published_dates)
def test_fuzz_library_analyze(analyzer: Any, given_text: tuple[str, bool],
                              published: dt.date | None) -> None:
    text, html = given_text
    pub = published.isoformat() if published else None
    with budget(60, "whosaid.analyze"):
        try:
            result = whosaid.analyze(text, published=pub, html=html)
        except WhosaidError:
            return
    check_analysis(result)


@fuzz_settings(ci=3, long=40)
@given(news_texts(max_paragraphs=8), published_dates, st.integers(60, 400))
def test_fuzz_windows_put_offsets_back_into_the_whole_text(
        analyzer: Any, text: str, published: dt.date | None, window: int) -> None:
    # A long document is analysed a window at a time; tiny windows exercise the joins.
    from unittest import mock

    pub = published.isoformat() if published else None
    try:
        doc = clean_document(SourceDocument("fuzz", "fuzz.txt", text=text, published=pub),
                             Settings())
    except WhosaidError:
        return
    with mock.patch("whosaid.analysis.analyzer.WINDOW_CHARS", window):
        analyze_checked(analyzer, doc)


def test_fuzz_records_carry_the_stored_text_at_no_break_spaces(analyzer: Any) -> None:
    # Found by fuzzing: mentions and dates carried the analysis text (no-break spaces made
    # plain), not the stored text at their offsets.
    text = ("\u201cWe will never accept this,\u201d Kremlin spokesman Dmitry\u00a0Peskov told "
            "Joe\u00a0Biden on Dec.\u00a02.")
    doc = clean_document(SourceDocument("nbsp", "nbsp.txt", text=text), Settings())
    result = analyzer.analyze(doc)
    check_analysis(result)
    assert "Dmitry\u00a0Peskov" in {m.text for e in result.entities for m in e.mentions}
    assert [d.text for d in result.dates] == ["Dec.\u00a02"]


def test_fuzz_a_paragraph_of_many_closing_marks_takes_linear_time() -> None:
    # Found by fuzzing: each closing mark with no opening one scanned back to the paragraph's
    # start, so 8,000 of them (inches: 13” screens) took 23 s; now a few milliseconds.
    with budget(1.0, "find_quotes"):
        quotes(("13\u201d screens, " * 8000).encode())


@pytest.mark.skipif(not LONG, reason="about 10 s: in make fuzz only (WHOSAID_FUZZ=long)")
def test_fuzz_a_paragraph_of_a_thousand_quotes_is_analysed_in_linear_time(analyzer: Any) -> None:
    # Found by fuzzing (a very long line): the learned pass looked up two sentences for every
    # (content, cue) pair of a paragraph, so 1,000 quotes in one took 31 s; now about 6.
    text = "\u201cThe war will end,\u201d Vladimir Putin said on Friday. " * 1000
    doc = clean_document(SourceDocument("long", "long.txt", text=text), Settings())
    with budget(20, "analyze"):
        assert len(analyzer.analyze(doc).statements) == 1000
