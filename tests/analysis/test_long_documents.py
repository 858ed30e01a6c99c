"""Documents longer than spaCy's limit and than a time budget: analysed a window at a time,
stopped at ``--doc-timeout`` with a clear failure, never a crash or a 500."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from serverkit import AUTH, live_server
from whosaid.analysis import Analyzer
from whosaid.analysis import analyzer as analyzer_module
from whosaid.analysis.windows import windows
from whosaid.clean import clean_document
from whosaid.cli import app
from whosaid.model import SourceDocument
from whosaid.settings import Settings

# 1.3 million characters in few tokens (a window parses in a second or two)
LONG_LINE = ("The minister spoke of pneumonoultramicroscopicsilicovolcanoconiosis and "
             "antidisestablishmentarianism.\n")
LONG_TEXT = LONG_LINE * (1_300_000 // len(LONG_LINE))

PARAGRAPHS = [
    "Chancellor Olaf Scholz said on Monday that Germany would send more aid to Ukraine.",
    "Kremlin spokesman Dmitry Peskov said on Tuesday that no talks were planned.",
    "Olaf Scholz told reporters in Berlin that the talks had stalled.",
    "The White House said it was not interested in any kind of dialogue.",
]


def test_windows_cut_at_line_breaks_and_cover_the_text() -> None:
    text = "\n".join(f"Paragraph {i} " + "word " * 30 for i in range(40))
    spans = windows(text, 500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(e - s <= 500 for s, e in spans)
    assert all(text[e - 1] == "\n" for _, e in spans[:-1])


def test_long_document_is_analysed_window_by_window_with_offsets_into_the_whole_text(
        analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyzer_module, "WINDOW_CHARS", 200)
    text = "\n\n".join(PARAGRAPHS * 3)
    settings = Settings(published="2022-12-04")
    doc = clean_document(SourceDocument("long", "long.txt", text=text), settings)
    result = Analyzer(settings, analyzer.nlp).analyze(doc)
    assert len(result.statements) == 12
    for st in result.statements:
        assert text[st.content.start:st.content.end] == st.content.text
        if st.speaker is not None:
            assert text[st.speaker.start:st.speaker.end] == st.speaker.text
    assert len({st.id for st in result.statements}) == 12
    scholz = [e for e in result.entities if e.name == "Olaf Scholz"]
    assert len(scholz) == 1  # one entity across the windows
    assert len(scholz[0].mentions) == 6
    assert all(text[m.start:m.end] == m.text for m in scholz[0].mentions)
    assert all(text[d.start:d.end] == d.text for d in result.dates)


def test_document_over_spacys_limit_is_stopped_by_the_time_budget_and_the_batch_goes_on(
        tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(LONG_TEXT, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(PARAGRAPHS[0], encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(big), str(small), "--db",
                                      str(tmp_path / "w.db"), "--doc-timeout", "1", "-q",
                                      "--no-show"])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert re.search(r"big\.txt: analysis stopped after 1 s \(--doc-timeout\) at window 2 "
                     r"of \d+ of a 1,29\d,\d+-character document", out), out
    assert "E088" not in out and "max_length" not in out
    assert "1 analysed" in out and "1 failed" in out


def test_api_analyze_of_a_text_over_spacys_limit_is_no_500(tmp_path: Path, analyzer: Any
                                                         ) -> None:
    text = LONG_TEXT
    with live_server(str(tmp_path / "w.db"), analyzer=analyzer,
                     settings=Settings(doc_timeout=1)) as base:
        response = httpx.post(f"{base}/api/analyze", json={"text": text}, headers=AUTH,
                              timeout=120)
    assert response.status_code == 422, response.text
    assert "--doc-timeout" in response.json()["error"]["message"]
