"""The fuzz targets: one function a stage, taking raw bytes, raising on a bug.

Shared by the coverage-guided harness (``atheris_harness.py``) and the replay of the found
inputs (``test_fuzz_corpus.py``): a file in ``tests/fuzz/corpus/<target>/`` is one input of
the target of that name. A target raises ``AssertionError`` when a property breaks (an offset
outside the text, a batch reader raising instead of reporting a ``Failure``), :class:`Hang`
past its time budget, and lets any unexpected exception through; ``WhosaidError`` is an
answer, not a bug.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fuzzkit import (
    budget,
    check_analysis,
    check_clean,
    check_span,
    feeds,
    html_pages,
    jsonl_files,
    news_texts,
    published_dates,
    same,
    sentences,
    texts,
    warc_files,
)
from hypothesis import strategies as st

from whosaid.errors import WhosaidError
from whosaid.model import CleanDocument, Failure, SourceDocument

# Seconds one input may take in each stage (generous: a slow CI machine, a cold cache).
BUDGET = {"ingest": 20.0, "clean": 15.0, "quotes": 2.0, "dates": 5.0, "analysis": 30.0}
# The largest text the analysis target parses (the model is the slow part).
ANALYSIS_CHARS = 4000


def text_of(data: bytes) -> str:
    """Bytes as text, every byte kept: invalid UTF-8 becomes lone surrogates."""
    return data.decode("utf-8", "surrogateescape")


def published_of(data: bytes) -> tuple[dt.date | None, bytes]:
    """A publication date from the first two bytes (0: none; else a day from 0001-01-01 to
    9999-12-31, the ends included), and the rest of the input."""
    if len(data) < 2:
        return None, data
    n = int.from_bytes(data[:2], "big")
    if n == 0:
        return None, data[2:]
    if n == 1:
        return dt.date.max, data[2:]
    if n == 2:
        return dt.date.min, data[2:]
    return dt.date(1900, 1, 1) + dt.timedelta(days=n * 3), data[2:]


# --- ingest and clean -------------------------------------------------------------------


def clean_checked(doc: SourceDocument, settings: Any) -> CleanDocument | None:
    from whosaid.clean import clean_document

    assert (doc.text is None) != (doc.html is None), "exactly one of text and html"
    try:
        cleaned = clean_document(doc, settings)
    except WhosaidError:
        return None
    check_clean(cleaned)
    if doc.text is not None:  # as given, but a lone surrogate (no character) becomes U+FFFD
        given = re.sub("[\ud800-\udfff]", "\ufffd", doc.text)
        assert cleaned.text == given, "plain text must be stored as given"
    cleaned.text.encode("utf-8")  # storable: no lone surrogate
    return cleaned


def ingest_file(data: bytes, name: str, extra: dict[str, bytes] | None = None,
                max_bytes: int | None = None) -> list[SourceDocument | Failure]:
    """Read ``data`` saved as ``name`` (beside ``extra`` files) with ``read_inputs``; every
    item a document or a Failure, every document cleanable or refused with a WhosaidError."""
    from whosaid.io import count_inputs, read_inputs
    from whosaid.settings import Settings

    settings = Settings() if max_bytes is None else Settings(max_bytes=max_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        (root / "secret.html").write_text("<p>SECRET outside the feed's folder</p>")
        for rel, content in (extra or {}).items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        path = folder / name
        path.write_bytes(data)
        with budget(BUDGET["ingest"], f"read_inputs({name})"):
            items = list(read_inputs([path], settings))
            count_inputs([path], settings)
        assert items, "read_inputs yielded nothing for an existing file"
        for item in items:
            assert isinstance(item, SourceDocument | Failure), type(item)
            if isinstance(item, Failure):
                assert isinstance(item.message, str) and item.message
                # The reader's last resort, for exceptions no reader expected: a bug.
                assert ": could not read: " not in item.message, item.message
                continue
            for text in (item.text, item.html):
                assert text is None or "SECRET" not in text, "read a file outside the folder"
            with budget(BUDGET["clean"], f"clean_document({item.origin})"):
                clean_checked(item, settings)
    return items


_PAGE = b"<html><body><article><p>\xe2\x80\x9cWe will win,\xe2\x80\x9d Putin said.</p>" \
        b"</article></body></html>"
_FEED_EXTRA = {"page.html": _PAGE, "sub/page.html": _PAGE, "empty.html": b""}


def ingest_feed(data: bytes) -> None:
    ingest_file(data, "feed.rss", _FEED_EXTRA)


def ingest_jsonl(data: bytes) -> None:
    ingest_file(data, "docs.jsonl.gz" if data[:2] == b"\x1f\x8b" else "docs.jsonl",
                max_bytes=4096)


def ingest_warc(data: bytes) -> None:
    ingest_file(data, "pages.warc.gz" if data[:2] == b"\x1f\x8b" else "pages.warc")


def ingest_html(data: bytes) -> None:
    ingest_file(data, "page.html")


def ingest_sniff(data: bytes) -> None:
    """A file whose name says nothing: its format sniffed from its bytes."""
    ingest_file(data, "document", _FEED_EXTRA)


def clean_text(data: bytes) -> None:
    from whosaid.clean import clean_document, detect_language, find_furniture
    from whosaid.settings import Settings

    text = text_of(data)
    with budget(BUDGET["clean"], "clean"):
        check_furniture = find_furniture(text)
        for span in check_furniture:
            check_span(text, span.start, span.end, span.text, "furniture")
        assert isinstance(detect_language(text), str)
        doc = SourceDocument("fuzz", "fuzz.txt", text=text)
        clean_checked(doc, Settings())
        doc = SourceDocument("fuzz", "fuzz.html", html=text)
        try:
            cleaned = clean_document(doc, Settings())
        except WhosaidError:
            return
        check_clean(cleaned)


# --- quotes, dates, analysis ------------------------------------------------------------


def quotes(data: bytes) -> None:
    from whosaid.attribution import find_quotes, inside_mask

    text = text_of(data)
    with budget(BUDGET["quotes"], "find_quotes"):
        found = find_quotes(text)
        mask = inside_mask(text, found)
    assert len(mask) == len(text)
    for q in found:
        check_span(text, q.start, q.end, None, "quote")
        assert q.start < q.end, q
        assert not text[q.start].isspace() and not text[q.end - 1].isspace(), q
    assert find_quotes(text) == found, "find_quotes is not deterministic"


def dates(data: bytes) -> None:
    from whosaid.dates import tag_dates

    published, rest = published_of(data)
    text = text_of(rest)
    with budget(BUDGET["dates"], "tag_dates"):
        found = tag_dates(text, published)
        again = tag_dates(text, published)
    assert found == again, "tag_dates is not deterministic"
    last = -1
    for d in found:
        check_span(text, d.start, d.end, d.text, "date")
        assert d.start < d.end, d
        assert d.start >= last, "dates out of order"
        last = d.start
        assert d.type in ("DATE", "TIME", "DURATION", "SET"), d


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    from whosaid.analysis import Analyzer
    from whosaid.settings import Settings

    return Analyzer(Settings())


def analyze_checked(analyzer: Any, doc: CleanDocument) -> None:
    """Analyse ``doc`` twice with ``analyzer``: both analyses equal, every offset right."""
    from whosaid.errors import AnalysisError

    # Analysis time grows with the text: the budget too (twice ~0.1 ms a character, and room).
    with budget(BUDGET["analysis"] + len(doc.text) / 2000, "analyze"):
        try:
            first = analyzer.analyze(doc)
        except AnalysisError as exc:  # the Analyzer's wrapping of an unexpected exception
            raise AssertionError(f"analysis failed: {exc}") from exc
        second = analyzer.analyze(doc)
    check_analysis(first)
    assert same(first, second), "analysing the same document twice gave different records"


def analysis(data: bytes) -> None:
    from whosaid.clean import clean_document
    from whosaid.settings import Settings

    published, rest = published_of(data)
    text = text_of(rest)[:ANALYSIS_CHARS]
    pub = published.isoformat() if published else None
    try:
        doc = clean_document(SourceDocument("fuzz", "fuzz.txt", text=text, published=pub),
                             Settings())
    except WhosaidError:
        return
    analyze_checked(_analyzer(), doc)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "ingest_feed": ingest_feed,
    "ingest_jsonl": ingest_jsonl,
    "ingest_warc": ingest_warc,
    "ingest_html": ingest_html,
    "ingest_sniff": ingest_sniff,
    "clean": clean_text,
    "quotes": quotes,
    "dates": dates,
    "analysis": analysis,
}


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _with_date(text_strategy: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Two bytes that :func:`published_of` reads as a date, then the text."""
    def encode(pair: tuple[dt.date | None, str]) -> bytes:
        pub, text = pair
        n = 0 if pub is None else max(3, (pub - dt.date(1900, 1, 1)).days // 3)
        return min(n, 0xFFFF).to_bytes(2, "big") + _utf8(text)

    return st.tuples(published_dates, text_strategy).map(encode)


# Inputs to start the harness from, drawn from the strategies of the Hypothesis tests.
SEEDS: dict[str, st.SearchStrategy[bytes]] = {
    "ingest_feed": feeds(),
    "ingest_jsonl": jsonl_files(),
    "ingest_warc": warc_files(),
    "ingest_html": html_pages().map(_utf8),
    "ingest_sniff": st.one_of(feeds(), jsonl_files(), warc_files(), news_texts().map(_utf8)),
    "clean": st.one_of(texts, html_pages()).map(_utf8),
    "quotes": st.one_of(texts, st.lists(sentences(), max_size=6).map("\n".join)).map(_utf8),
    "dates": _with_date(texts),
    "analysis": _with_date(news_texts(max_paragraphs=5)),
}
