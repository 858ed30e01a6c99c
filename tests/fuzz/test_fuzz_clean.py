"""Fuzzing cleaning: plain text is stored as given and its furniture spans are inside it;
HTML tag soup either cleans into text with valid furniture spans or is refused with a
``WhosaidError``; the language is always a code."""

from __future__ import annotations

import pytest
from fuzz_targets import BUDGET, clean_checked
from fuzzkit import budget, check_furniture, fuzz_settings, html_pages, news_texts, texts
from hypothesis import example, given

from whosaid.clean import clean_document, detect_language, find_furniture
from whosaid.errors import WhosaidError
from whosaid.model import SourceDocument
from whosaid.settings import Settings

SETTINGS = Settings()


@fuzz_settings(ci=40)
@given(texts)
@example("Share this article\n\u202eRead more\u202c\n\x00")
@example("  Politics Ukraine Russia  \r\nAdvertisement\u2028Comments")
def test_fuzz_plain_text_is_kept_and_furniture_lies_inside_it(text: str) -> None:
    with budget(BUDGET["clean"], "clean"):
        check_furniture(text, find_furniture(text))
        assert detect_language(text).isascii()
        clean_checked(SourceDocument("fuzz", "fuzz.txt", text=text), SETTINGS)


@fuzz_settings(ci=15)
@given(html_pages())
@example("<p>&#xD800;&#0;</p>")
@example("<html><body><script>“We will,” Putin said.</script><!-- x")
def test_fuzz_html_cleans_or_is_refused(html: str) -> None:
    with budget(BUDGET["clean"], "clean"):
        try:
            cleaned = clean_document(SourceDocument("fuzz", "fuzz.html", html=html), SETTINGS)
        except WhosaidError:
            return
    check_furniture(cleaned.text, cleaned.furniture)
    assert cleaned.text.strip()


@fuzz_settings(ci=5)
@given(news_texts())
def test_fuzz_cleaning_is_deterministic(text: str) -> None:
    doc = SourceDocument("fuzz", "fuzz.txt", text=text)
    try:
        first = clean_document(doc, SETTINGS)
    except WhosaidError:  # all blank: refused, and refused again
        with pytest.raises(WhosaidError):
            clean_document(doc, SETTINGS)
        return
    assert clean_document(doc, SETTINGS) == first


def test_fuzz_lone_surrogates_become_replacement_characters_in_every_field() -> None:
    # Found by fuzzing: a JSON escape such as "\ud800" gave text that could not be hashed.
    doc = SourceDocument("a", "a.jsonl:1", text="\ud800\u201cWe will,\u201d Putin said.",
                         title="Putin\udfff", author="\udc80")
    cleaned = clean_document(doc, SETTINGS)
    assert cleaned.text == "\ufffd\u201cWe will,\u201d Putin said."
    assert (cleaned.title, cleaned.author) == ("Putin\ufffd", "\ufffd")
