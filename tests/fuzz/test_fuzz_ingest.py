"""Fuzzing the readers: feeds, JSONL, WARC, HTML and sniffed files, as files on disk through
``read_inputs``. Every bad input becomes a ``Failure`` (never an exception), every document
read cleans into valid offsets or is refused with a ``WhosaidError``, no feed link is read
from outside the feed's folder, and no file takes longer than its budget."""

from __future__ import annotations

import gzip
import json

from fuzz_targets import (
    ingest_feed,
    ingest_file,
    ingest_html,
    ingest_jsonl,
    ingest_sniff,
    ingest_warc,
)
from fuzzkit import feeds, fuzz_settings, html_pages, jsonl_files, news_texts, warc_files
from hypothesis import example, given
from hypothesis import strategies as st

from whosaid.io import read_jsonl


@fuzz_settings(ci=12)
@given(feeds())
@example(b'<rss version="2.0"><channel><item><link>../secret.html</link></item></channel></rss>')
@example(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="file:///etc/passwd"/>'
         b"<summary>Putin said so.</summary></entry></feed>")
def test_fuzz_feed_items_become_documents_or_failures(data: bytes) -> None:
    ingest_feed(data)


@fuzz_settings(ci=15)
@given(jsonl_files())
@example(b'{"id": "x", "text": "\\ud800 \\u201cWe will,\\u201d Putin said."}')
@example(b'{"id": true, "text": 5}\n{"id": "a", "text": ["x"]}\n[1]\n{"id": "b"')
def test_fuzz_jsonl_lines_become_documents_or_failures(data: bytes) -> None:
    ingest_jsonl(data)


@fuzz_settings(ci=8)
@given(jsonl_files())
def test_fuzz_read_jsonl_reports_every_line(data: bytes) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.jsonl"
        path.write_bytes(data)
        lines = list(read_jsonl(path, max_bytes=1024))
    for item in lines:
        assert (item.data is None) == (item.kind is not None), item
        assert item.line >= 0
        if item.data is None:
            assert item.error


@fuzz_settings(ci=10)
@given(warc_files())
def test_fuzz_warc_records_become_documents_or_failures(data: bytes) -> None:
    ingest_warc(data)


@fuzz_settings(ci=8)
@given(st.one_of(html_pages().map(lambda s: s.encode("utf-8", "surrogatepass")),
                 st.binary(max_size=200)))
def test_fuzz_html_files_become_documents_or_failures(data: bytes) -> None:
    ingest_html(data)


@fuzz_settings(ci=10)
@given(st.one_of(
    news_texts().flatmap(lambda t: st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])
                         .map(lambda c: t.encode(c, "replace"))),
    feeds(), jsonl_files(), warc_files(), st.binary(max_size=300)))
@example(b"\x1f\x8b")
@example(gzip.compress(b'{"id": "a", "text": "x"}')[:20])
@example(json.dumps({"id": "a"}).encode())
def test_fuzz_files_of_unknown_format_are_sniffed_and_read(data: bytes) -> None:
    ingest_sniff(data)


@fuzz_settings(ci=4)
@given(news_texts())
def test_fuzz_max_bytes_is_never_exceeded(text: str) -> None:
    from whosaid.model import SourceDocument

    data = text.encode("utf-8", "surrogatepass")
    items = ingest_file(data, "doc.txt", max_bytes=64)
    for item in items:
        if isinstance(item, SourceDocument):
            assert len(data) <= 64


def test_fuzz_an_empty_jsonl_file_is_a_failure_not_silence() -> None:
    # Found by fuzzing: an empty (or blank) JSONL file yielded nothing at all.
    for data in (b"", b"\n \r\n"):
        items = ingest_file(data, "docs.jsonl")
        assert [type(i).__name__ for i in items] == ["Failure"]
        assert "file is empty" in items[0].message  # type: ignore[union-attr]


def test_fuzz_a_lone_surrogate_in_a_long_jsonl_line_stops_no_other_line() -> None:
    # Found by fuzzing: measuring a long text with "\ud800" in it raised UnicodeEncodeError,
    # and the file's later lines were lost with it.
    lines = [json.dumps({"id": "a", "text": "\ud800" + "x" * 2000}),
             json.dumps({"id": "b", "text": "Putin said so."})]
    items = ingest_file("\n".join(lines).encode(), "docs.jsonl", max_bytes=4096)
    assert [getattr(i, "doc_id", None) for i in items] == ["a", "b"]


def test_fuzz_a_feed_date_past_any_calendar_loses_only_the_date() -> None:
    # Found by fuzzing: a pubDate of year 99999999999 raised OverflowError and lost the feed.
    feed = ('<rss version="2.0"><channel><item><pubDate>Tue, 01 Jan 99999999999 00:00:00 GMT'
            "</pubDate><description>Putin said so.</description></item></channel></rss>")
    items = ingest_file(feed.encode(), "feed.rss")
    assert [(type(i).__name__, getattr(i, "published", "")) for i in items] == [
        ("SourceDocument", None)]


def test_fuzz_a_feed_char_ref_to_no_character_is_read_as_a_replacement_character() -> None:
    # Found by fuzzing: feedparser raised on &#xD800; and &#99999999; and the feed was lost.
    feed = ('<rss version="2.0"><channel><item><title>Putin &#xD800;</title><description>'
            "&#55296;Putin said so.&#99999999;</description></item></channel></rss>")
    items = ingest_file(feed.encode(), "feed.rss")
    assert [(getattr(i, "title", None), getattr(i, "html", None)) for i in items] == [
        ("Putin \ufffd", "\ufffdPutin said so.\ufffd")]


def test_fuzz_a_link_with_a_malformed_ipv6_host_loses_only_the_link() -> None:
    # Found by fuzzing: urlparse raised ValueError on "http://[::1" and the feed was lost.
    feed = ('<rss version="2.0"><channel><item><link>http://[::1</link><description>Putin '
            "said so.</description></item></channel></rss>")
    items = ingest_file(feed.encode(), "feed.rss")
    assert [(type(i).__name__, getattr(i, "url", "")) for i in items] == [
        ("SourceDocument", None)]


def test_fuzz_a_warc_target_uri_with_a_malformed_ipv6_host_loses_no_record() -> None:
    # The same in a WARC: the file was reported corrupt and its later records lost.
    from fuzzkit import CORPUS

    data = (CORPUS / "ingest_warc" / "target-uri-with-a-malformed-ipv6-host").read_bytes()
    items = ingest_file(data, "pages.warc")
    assert [type(i).__name__ for i in items] == ["SourceDocument", "SourceDocument"]
