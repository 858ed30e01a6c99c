"""The library face: ``whosaid.analyze`` and ``whosaid.open``, on the real model and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosaid
from whosaid.errors import InputError
from whosaid.model import Analysis


def test_analyze_returns_the_statements_of_a_text() -> None:
    text = "Kremlin spokesman Dmitry Peskov said on Friday that talks were not possible."
    analysis = whosaid.analyze(text, published="2022-12-04")
    assert isinstance(analysis, Analysis)
    [st] = analysis.statements
    assert st.speaker is not None and st.speaker.entity == "Dmitry Peskov"
    assert text[st.content.start:st.content.end] == st.content.text
    assert st.said_on is not None and st.said_on.value == "2022-12-02"


def test_analyze_reads_html() -> None:
    html = ("<html><body><article><p>“We are ready,” said Olaf Scholz on Monday.</p>"
            "</article></body></html>")
    analysis = whosaid.analyze(html, published="2022-12-04", html=True)
    assert [s.speaker.entity for s in analysis.statements if s.speaker] == ["Olaf Scholz"]


def test_analyze_refuses_an_empty_text() -> None:
    with pytest.raises(InputError):
        whosaid.analyze("   ")


def test_open_stores_and_reads_back_an_analysis(tmp_path: Path) -> None:
    analysis = whosaid.analyze("Scholz said the war must end.", published="2022-12-04")
    with whosaid.open(str(tmp_path / "w.db")) as store:
        store.save(analysis)
        assert store.analysis(analysis.article.id) == analysis
        [found] = store.statements(speaker="scholz")  # the filter's fields as keywords
        assert found["speaker"]["entity"] == "Scholz" and found["article"]["id"] == \
            analysis.article.id
