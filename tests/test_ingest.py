"""Tests for whosaid.ingest: every input format and every kind of bad input, on real files."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from io import BytesIO
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from whosaid.errors import ConfigError
from whosaid.io.ingest import count_inputs, doc_id_for, read_inputs
from whosaid.model import Failure, SourceDocument
from whosaid.settings import Settings

SETTINGS = Settings()
PAGE = (
    "<html><head><title>Minister speaks</title></head><body><article>"
    "<h1>Minister speaks</h1><p>The minister said on Tuesday that the plan would go ahead "
    "as agreed with the partners, and that nothing had changed since the summer.</p>"
    "</article></body></html>"
)


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[SourceDocument | Failure]:
    return list(read_inputs(list(paths), settings))


def docs_of(items: list[SourceDocument | Failure]) -> list[SourceDocument]:
    return [item for item in items if isinstance(item, SourceDocument)]


def failures_of(items: list[SourceDocument | Failure]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


def only_failure(items: list[SourceDocument | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


# --- plain text and HTML ----------------------------------------------------------------


def test_ingest_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\nThe minister said it was fine.\n", encoding="utf-8")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.doc_id == "story"
    assert doc.origin == str(path)
    assert doc.text == "Headline\n\nThe minister said it was fine.\n"
    assert doc.html is None


def test_ingest_text_extensions_are_case_insensitive(tmp_path: Path) -> None:
    (tmp_path / "a.TXT").write_text("Alpha text here.", encoding="utf-8")
    (tmp_path / "b.Md").write_text("Beta text here.", encoding="utf-8")
    (tmp_path / "c.text").write_text("Gamma text here.", encoding="utf-8")
    docs = docs_of(read_all(tmp_path))
    assert [d.doc_id for d in docs] == ["a", "b", "c"]
    assert all(d.text for d in docs)


def test_ingest_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.HTML"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.doc_id == "page"
    assert doc.html == PAGE and doc.text is None


def test_ingest_crlf_is_normalised_and_bom_removed(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line\r\nSecond line\rThird\r\n")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "First line\nSecond line\nThird\n"


def test_ingest_latin1_text_is_read_correctly(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café était fermé, a dit le maire.".encode("latin-1"))
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "Le café était fermé, a dit le maire."


def test_ingest_html_declared_charset_is_used(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body>'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.html is not None and "Привет, мир" in doc.html


def test_ingest_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("The mayor said hello.".encode("utf-16"))
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "The mayor said hello."


def test_ingest_sniffs_html_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text("<!DOCTYPE html>\n" + PAGE, encoding="utf-8")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.html is not None and doc.doc_id == "download"


def test_ingest_sniffs_text_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "NOTES"
    path.write_text("Just some words of text.", encoding="utf-8")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "Just some words of text."


# --- directories ------------------------------------------------------------------------


def test_ingest_directory_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Secret.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "sitemap.xml").write_text("<urlset><url/></urlset>", encoding="utf-8")
    items = read_all(tmp_path)
    assert [d.doc_id for d in docs_of(items)] == ["a", "two", "c"]
    assert failures_of(items) == []
    assert count_inputs([tmp_path], SETTINGS) == 3


def test_ingest_directory_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    failure = only_failure(read_all(tmp_path))
    assert failure.message == f"{tmp_path}: no supported files in {tmp_path}"


# --- bad inputs -------------------------------------------------------------------------


def test_ingest_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    failure = only_failure(read_all(missing))
    assert failure.message == f"{missing}: no such file or directory"
    assert failure.origin == str(missing)


def test_ingest_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"")
    failure = only_failure(read_all(path))
    assert failure.message == f"{path}: file is empty"
    assert failure.doc_id == "a"


def test_ingest_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  ", encoding="utf-8")
    failure = only_failure(read_all(path))
    assert failure.message == f"{path}: file is empty (only whitespace)"


def test_ingest_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failure = only_failure(read_all(path))
    assert failure.message == f"{path}: looks binary, not text"


def test_ingest_control_characters_count_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 9)) * 200)
    assert "looks binary" in only_failure(read_all(path)).message


def test_ingest_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    failure = only_failure(read_all(path, settings=Settings(max_bytes=100)))
    assert failure.message == (
        f"{path}: file is 500 bytes, larger than the 100 bytes limit (raise --max-bytes)"
    )


def test_ingest_50mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    chunk = b"The minister said nothing at all today. " * 26215  # about 1 MB
    with path.open("wb") as fh:
        for _ in range(50):
            fh.write(chunk)
    tracemalloc.start()
    try:
        items = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    failure = only_failure(items)
    assert failure.message == (
        f"{path}: file is 50.0 MB, larger than the 10.0 MB limit (raise --max-bytes)"
    )
    assert peak < 2 * 1024 * 1024  # the file was never read into memory


def test_ingest_one_bad_document_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Fine text.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read_all(empty, tmp_path / "nope.txt", good)
    assert [type(i).__name__ for i in items] == ["Failure", "Failure", "SourceDocument"]


# --- JSONL ------------------------------------------------------------------------------


def write_jsonl(path: Path, lines: list[str], compress: bool = False) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)


def test_ingest_jsonl_documents_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    write_jsonl(
        path,
        [
            json.dumps({"id": "a1", "text": "Alpha said yes.\r\n", "url": "https://x.org/a",
                        "title": "Alpha", "published": "2022-12-04", "source": "X",
                        "author": ["Ann", "Bob"]}),
            "",
            json.dumps({"id": 7, "html": PAGE, "published": "2022-12-05T10:30:00+02:00"}),
        ],
    )  # fmt: skip
    a, b = read_all(path)
    assert isinstance(a, SourceDocument) and isinstance(b, SourceDocument)
    assert (a.doc_id, a.origin, a.text) == ("a1", f"{path}:1", "Alpha said yes.\r\n")
    assert (a.url, a.title, a.published, a.source, a.author) == (
        "https://x.org/a", "Alpha", "2022-12-04", "X", "Ann, Bob",
    )  # fmt: skip
    assert (b.doc_id, b.origin, b.html, b.published) == ("7", f"{path}:3", PAGE, "2022-12-05")
    assert count_inputs([path], SETTINGS) == 2


def test_ingest_jsonl_malformed_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    write_jsonl(
        path,
        [
            json.dumps({"id": "one", "text": "First."}),
            json.dumps({"text": "No id here."}),
            '{"id": "bad" "text": "x"}',
            json.dumps({"id": "four"}),
            json.dumps({"id": "five", "text": "Fifth.", "published": "04/12/2022"}),
            json.dumps({"id": "six", "text": "   "}),
            "[1, 2]",
            json.dumps({"id": "eight", "text": "Eighth."}),
        ],
    )
    items = read_all(path)
    assert [d.doc_id for d in docs_of(items)] == ["one", "eight"]
    messages = [f.message for f in failures_of(items)]
    assert messages == [
        f"{path}:2: missing id",
        f"{path}:3: malformed JSON: Expecting ',' delimiter (column 14)",
        f"{path}:4: missing text or html",
        f"{path}:5: invalid published date '04/12/2022': expected YYYY-MM-DD",
        f"{path}:6: text is empty",
        f"{path}:7: expected a JSON object, got list",
    ]
    assert [f.doc_id for f in failures_of(items)] == [None, None, "four", "five", "six", None]


def test_ingest_jsonl_fields_of_the_wrong_type_are_reported_with_their_line(
        tmp_path: Path) -> None:
    path = tmp_path / "typed.jsonl"
    write_jsonl(
        path,
        [
            json.dumps({"id": "t1", "text": "One.", "title": {"a": 1}}),
            json.dumps({"id": "t2", "text": 5}),
            json.dumps({"id": "t3", "text": "Three.", "url": []}),
            json.dumps({"id": "t4", "text": "Four.", "published": 20221204}),
            json.dumps({"id": True, "text": "Five."}),
            json.dumps({"id": "t6", "text": "Six.", "author": ["Ann", 7]}),
            json.dumps({"id": "t7", "html": ["<p>x</p>"]}),
            json.dumps({"id": "t8", "text": "Eight.", "source": False}),
            json.dumps({"id": "ok", "text": "Fine.", "title": None, "author": ["Ann"]}),
        ],
    )
    items = read_all(path)
    [doc] = docs_of(items)
    assert (doc.doc_id, doc.title, doc.author) == ("ok", None, "Ann")
    assert [(f.message, f.doc_id) for f in failures_of(items)] == [
        (f"{path}:1: 'title' must be a string, got object", "t1"),
        (f"{path}:2: 'text' must be a string, got number", "t2"),
        (f"{path}:3: 'url' must be a string, got array", "t3"),
        (f"{path}:4: 'published' must be a string (YYYY-MM-DD), got number", "t4"),
        (f"{path}:5: 'id' must be a string or an integer, got boolean", None),
        (f"{path}:6: 'author' must be a string or a list of strings, got array holding "
         "number, string", "t6"),
        (f"{path}:7: 'html' must be a string, got array", "t7"),
        (f"{path}:8: 'source' must be a string, got boolean", "t8"),
    ]


def test_ingest_jsonl_gz_and_ndjson(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl.gz", [json.dumps({"id": "z", "text": "Zed."})], True)
    write_jsonl(tmp_path / "b.ndjson", [json.dumps({"id": "y", "text": "Why."})])
    assert [d.doc_id for d in docs_of(read_all(tmp_path))] == ["z", "y"]
    assert doc_id_for(tmp_path / "a.jsonl.gz") == "a"


def test_ingest_jsonl_document_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    write_jsonl(
        path,
        [json.dumps({"id": "big", "text": "x" * 500}), json.dumps({"id": "ok", "text": "Small."})],
    )
    items = read_all(path, settings=Settings(max_bytes=200))
    assert [d.doc_id for d in docs_of(items)] == ["ok"]
    [failure] = failures_of(items)
    assert failure.message == (
        f"{path}:1: document is 500 bytes, larger than the 200 bytes limit (raise --max-bytes)"
    )


def test_ingest_jsonl_container_may_exceed_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    write_jsonl(path, [json.dumps({"id": f"d{i}", "text": "y" * 80}) for i in range(20)])
    items = read_all(path, settings=Settings(max_bytes=100))
    assert len(docs_of(items)) == 20 and not failures_of(items)


def test_ingest_truncated_jsonl_gz_keeps_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = [json.dumps({"id": f"d{i}", "text": f"Text number {i} " * 50}) for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    items = read_all(path)
    assert len(docs_of(items)) > 0
    assert isinstance(items[-1], Failure)
    assert "compressed data is corrupt after line" in items[-1].message


# --- RSS and Atom -----------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Daily Example</title><link>https://example.com/</link>
<item>
  <title>Local story</title>
  <link>pages/local-story.html</link>
  <guid isPermaLink="false">story-1</guid>
  <pubDate>Sun, 04 Dec 2022 01:30:00 +0300</pubDate>
  <description>A short summary.</description>
</item>
<item>
  <title>Remote story</title>
  <link>https://example.com/news/remote-story</link>
  <author>editor@example.com (Jane Roe)</author>
  <pubDate>Mon, 05 Dec 2022 09:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>The mayor said the bridge would reopen.</p>]]></content:encoded>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Example</title>
  <entry>
    <title>First entry</title>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <link href="https://example.org/2022/12/first"/>
    <updated>2022-12-06T18:30:02Z</updated>
    <author><name>John Doe</name></author>
    <content type="html">&lt;p&gt;The senator said no.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second entry</title>
    <updated>2022-12-07T08:00:00+01:00</updated>
    <summary type="text">A plain summary, said nobody.</summary>
  </entry>
</feed>
"""


def test_ingest_rss_feed_with_local_page(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "local-story.html").write_text(PAGE, encoding="utf-8")
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    local, remote = read_all(path)
    assert isinstance(local, SourceDocument) and isinstance(remote, SourceDocument)
    assert (local.doc_id, local.origin, local.html) == ("story-1", f"{path}#1", PAGE)
    assert local.title == "Local story"
    assert local.published == "2022-12-04"  # the publisher's day, not the UTC one
    assert local.url is None and local.source == "The Daily Example"
    assert remote.doc_id == "https://example.com/news/remote-story"
    assert remote.html == "<p>The mayor said the bridge would reopen.</p>"
    assert remote.url == "https://example.com/news/remote-story"
    assert remote.published == "2022-12-05"
    assert remote.author is not None and "Jane Roe" in remote.author
    assert count_inputs([path], SETTINGS) == 2


def test_ingest_rss_item_without_local_page_uses_summary(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")  # pages/local-story.html does not exist
    first = read_all(path)[0]
    assert isinstance(first, SourceDocument)
    assert first.html == "A short summary."


def test_ingest_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read_all(path)
    assert isinstance(first, SourceDocument) and isinstance(second, SourceDocument)
    assert first.doc_id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert first.html == "<p>The senator said no.</p>"
    assert (first.url, first.published, first.author) == (
        "https://example.org/2022/12/first", "2022-12-06", "John Doe",
    )  # fmt: skip
    assert second.doc_id == "feed-2"
    assert second.text == "A plain summary, said nobody."
    assert second.published == "2022-12-07"


def test_ingest_xml_feed_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    assert len(docs_of(read_all(path))) == 2
    assert len(docs_of(read_all(tmp_path))) == 2


def test_ingest_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title", encoding="utf-8")
    failure = only_failure(read_all(path))
    assert failure.message.startswith(f"{path}: ")
    assert "feed" in failure.message


# --- WARC -------------------------------------------------------------------------------


def add_response(writer: WARCWriter, url: str, body: bytes, ctype: str, status: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


def write_warc(path: Path, compress: bool = True) -> None:
    latin_page = PAGE.replace("minister", "ministre café").encode("latin-1")
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        add_response(
            writer,
            "https://ex.com/news/story.html",
            latin_page,
            "text/html; charset=ISO-8859-1",
            "200 OK",
        )
        add_response(writer, "https://ex.com/logo.png", b"\x89PNG\r\n", "image/png", "200 OK")
        add_response(writer, "https://other.org/2022/story", PAGE.encode(), "text/html", "200 OK")
        add_response(writer, "https://ex.com/gone", b"<html>gone</html>", "text/html",
                     "404 Not Found")  # fmt: skip


def test_ingest_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    items = read_all(path)
    assert failures_of(items) == []
    first, second = docs_of(items)
    assert (first.doc_id, first.origin, first.url) == (
        "story", f"{path}#1", "https://ex.com/news/story.html",
    )  # fmt: skip
    assert first.html is not None and "ministre café" in first.html
    assert (second.doc_id, second.origin) == ("story-2", f"{path}#3")
    assert second.html == PAGE
    assert doc_id_for(path) == "crawl"
    assert count_inputs([path], SETTINGS) == 4  # a cheap estimate: response records


def test_ingest_truncated_warc_keeps_records_before_the_cut(tmp_path: Path) -> None:
    for compress in (True, False):
        whole = tmp_path / f"whole{compress}.warc"
        write_warc(whole, compress)
        data = whole.read_bytes()
        cut = tmp_path / f"cut{compress}.warc"
        cut.write_bytes(data[:-30])  # inside the last record, the 404 page
        items = read_all(cut)
        assert [d.doc_id for d in docs_of(items)] == ["story", "story-2"]
        assert isinstance(items[-1], Failure)
        assert items[-1].message.startswith(f"{cut}: WARC is ")
        assert "truncated" in items[-1].message


def test_ingest_warc_page_cut_short_is_not_yielded(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, compress=False)
    data = whole.read_bytes()
    end_of_third = data.index(b"</html>", data.index(b"https://other.org")) + 7
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: end_of_third - 40])  # the third record's page loses its end
    items = read_all(cut)
    assert [d.doc_id for d in docs_of(items)] == ["story"]
    assert items[-1] == Failure(str(cut), f"{cut}: WARC is truncated in record 3", "cut")


def test_ingest_corrupt_warc_reports_the_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[: len(data) // 2] + b"garbage" * 40 + data[len(data) // 2 :])
    items = read_all(bad)
    assert isinstance(items[-1], Failure)
    assert items[-1].message.startswith(f"{bad}: WARC is corrupt or truncated after record")
    assert items[-1].message.isprintable()


def test_ingest_warc_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("hello world\n", encoding="utf-8")
    failure = only_failure(read_all(path))
    assert failure.message.startswith(f"{path}: not a WARC file")


# --- settings ---------------------------------------------------------------------------


def test_ingest_published_setting_overrides_every_document(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path / "b.jsonl",
        [json.dumps({"id": "j", "text": "Jay.", "published": "2020-01-01"})],
    )
    (tmp_path / "a.txt").write_text("Plain.", encoding="utf-8")
    docs = docs_of(read_all(tmp_path, settings=Settings(published="2022-12-04")))
    assert [d.published for d in docs] == ["2022-12-04", "2022-12-04"]


def test_ingest_doc_id_strips_only_known_extensions() -> None:
    assert doc_id_for(Path("report.v2.txt")) == "report.v2"
    assert doc_id_for(Path("x.warc.gz")) == "x"
    assert doc_id_for(Path("README")) == "README"


# --- feed links to local files ------------------------------------------------------------

SECRET = "<html><body><p>TOPSECRET the launch codes are here, the minister said.</p></body></html>"


def feed_linking(folder: Path, link: str, summary: str | None = "A short summary.") -> Path:
    """A feed in ``folder`` whose one item links ``link`` (and has ``summary``, if any)."""
    folder.mkdir(parents=True, exist_ok=True)
    description = f"<description>{summary}</description>" if summary else ""
    path = folder / "news.rss"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Item</title><link>{escape(link)}</link><guid>item-1</guid>"
        f"{description}</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def secret_outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(SECRET, encoding="utf-8")
    return outside


def nothing_of(secret: str, items: list[SourceDocument | Failure]) -> bool:
    return not any(secret in (d.html or "") + (d.text or "") for d in docs_of(items))


@pytest.mark.parametrize("form", [
    "{outside}/secret.html",
    "../outside/secret.html",
    "./../outside/secret.html",
    "%2e%2e/outside/secret.html",
    "%2E%2E%2Foutside%2Fsecret.html",
    "{outside_q}/secret.html",
    "file:{outside}/secret.html",
    "file://{outside}/secret.html",
    "file://localhost{outside}/secret.html",
    "FILE://{outside}/secret.html",
])
def test_ingest_feed_link_outside_its_folder_is_refused(tmp_path: Path, form: str) -> None:
    outside = secret_outside(tmp_path)
    link = form.format(outside=outside, outside_q=quote(str(outside)))
    feed = feed_linking(tmp_path / "feeds", link)
    items = read_all(feed)
    assert nothing_of("TOPSECRET", items)
    [failure] = failures_of(items)
    assert failure.origin == f"{feed}#1"
    assert failure.message.startswith(f"{feed}#1: link ") and " not read: " in failure.message
    assert ("file: URLs" if form.lower().startswith("file:") else "outside the feed's folder"
            ) in failure.message
    [doc] = docs_of(items)  # the item's own content is still read
    assert doc.html == "A short summary." and doc.url is None


def test_ingest_feed_link_to_system_files_is_refused(tmp_path: Path) -> None:
    for n, link in enumerate(["/etc/passwd", "../../../../../../../../../../etc/passwd",
                              "%2e%2e/" * 12 + "etc/passwd", "file:///etc/passwd"]):
        items = read_all(feed_linking(tmp_path / f"f{n}", link, summary=None))
        assert nothing_of("root:", items) and not docs_of(items)
        [failure] = failures_of(items)
        assert "not read" in failure.message and failure.doc_id == "item-1"


def test_ingest_feed_symlink_in_its_folder_to_a_file_outside_is_refused(
        tmp_path: Path) -> None:
    outside = secret_outside(tmp_path)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "page.html").symlink_to(outside / "secret.html")
    (feeds / "sub").symlink_to(outside, target_is_directory=True)
    for link in ("page.html", "sub/secret.html"):
        items = read_all(feed_linking(feeds, link))
        assert nothing_of("TOPSECRET", items)
        assert "outside the feed's folder" in failures_of(items)[0].message


def test_ingest_feed_link_to_a_file_in_its_folder_is_read(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    (feeds / "pages").mkdir(parents=True)
    (feeds / "pages" / "story one.html").write_text(PAGE, encoding="utf-8")
    (feeds / "alias.html").symlink_to(feeds / "pages" / "story one.html")
    for link in ("pages/story%20one.html", "pages/../pages/story one.html", "alias.html",
                 f"{feeds}/pages/story one.html"):
        items = read_all(feed_linking(feeds, link))
        assert failures_of(items) == []
        [doc] = docs_of(items)
        assert doc.html == PAGE and doc.url is None


def test_ingest_feed_allow_dirs_lets_a_folder_outside_be_read(tmp_path: Path) -> None:
    outside = secret_outside(tmp_path)
    feed = feed_linking(tmp_path / "feeds", "../outside/secret.html")
    settings = Settings(allow_dirs=[str(outside)])  # type: ignore[arg-type]
    assert settings.allow_dirs == (str(outside),)
    with pytest.raises(ConfigError):
        Settings(allow_dirs=str(outside))  # type: ignore[arg-type]  # one path, not a list
    [doc] = read_all(feed, settings=settings)
    assert isinstance(doc, SourceDocument) and doc.html == SECRET
    # file: URLs stay refused even there; other folders too
    for link in (f"file://{outside}/secret.html", "/etc/passwd"):
        items = read_all(feed_linking(tmp_path / "feeds", link), settings=settings)
        assert nothing_of("TOPSECRET", items) and nothing_of("root:", items)
        assert "not read" in failures_of(items)[0].message
        if link == "/etc/passwd":
            assert "or an allowed folder" in failures_of(items)[0].message
