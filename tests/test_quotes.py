"""Quotation spans from real, broken typography."""

from __future__ import annotations

from whosaid.attribution import find_quotes, paragraphs


def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_quotes_curly_straight_german_guillemets() -> None:
    assert _texts("He said “we will win” today.") == ["we will win"]
    assert _texts('He said "we will win" today.') == ["we will win"]
    assert _texts("Er sagte: „Wir schaffen das“ gestern.") == ["Wir schaffen das"]
    assert _texts("Il a dit « nous gagnerons » hier.") == ["nous gagnerons"]
    assert _texts("Er sagte »Wir schaffen das« gestern.") == ["Wir schaffen das"]


def test_quotes_closing_mark_without_opening_opens_at_sentence_start() -> None:
    text = "The White House added.Putin is not interested in any kind of dialogue“."
    quotes = find_quotes(text)
    assert _texts(text) == ["Putin is not interested in any kind of dialogue"]
    assert quotes[0].opened is False


def test_quotes_german_closing_curly_mark_after_opening_curly() -> None:
    text = "said the West “He will never ask the Ukrainians for a compromise“."
    assert _texts(text) == ["He will never ask the Ukrainians for a compromise"]


def test_quotes_split_quote_gives_two_spans() -> None:
    assert _texts('"We will win," he said, "and we will rebuild."') == [
        "We will win", "and we will rebuild."]


def test_quotes_run_over_paragraphs() -> None:
    text = '"The war must end now.\n\n"We have no other choice," Zelensky said.'
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert quotes[1].continues is True


def test_quotes_apostrophes_are_not_quotes() -> None:
    assert _texts("Putin’s aides don't think it’s over.") == []


def test_quotes_paragraphs_are_lines() -> None:
    text = "One.\n\nTwo.\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]
