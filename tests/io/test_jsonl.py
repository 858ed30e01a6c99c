"""The one JSONL reader: objects with their line numbers, every bad line reported and the
rest read on, gzip told by its bytes, a byte-order mark dropped, a cut-short gzip."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import whosaid.io
from whosaid.io.jsonl import JsonlLine, iter_jsonl, json_type, read_jsonl


def test_jsonl_reads_objects_with_their_line_numbers_and_skips_blank_lines(
        tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": 1}\n\n   \r\n{"id": "two", "x": [1]}\r\n{"id": 3}')
    assert list(read_jsonl(path)) == [
        JsonlLine(1, {"id": 1}), JsonlLine(4, {"id": "two", "x": [1]}), JsonlLine(5, {"id": 3}),
    ]


def test_jsonl_bad_lines_are_reported_with_their_line_and_reading_goes_on(
        tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": 1}\n{"id": 2,\n[1, 2]\n"text"\n{"id": "Sch\xf6n"}\n'
                     + b"[" * 100000 + b"\n{\"id\": 7}\n")
    lines = list(read_jsonl(path))
    assert [(x.line, x.kind) for x in lines] == [
        (1, None), (2, "json"), (3, "not_object"), (4, "not_object"), (5, "encoding"),
        (6, "json"), (7, None)]
    assert lines[1].error == "malformed JSON: Expecting property name enclosed in double " \
        "quotes (column 10)"
    assert lines[2].error == "expected a JSON object, got list" and lines[2].data is None
    assert lines[4].error is not None and lines[4].error.startswith("not valid UTF-8 (")
    assert lines[6].data == {"id": 7} and lines[6].ok and not lines[1].ok


def test_jsonl_byte_order_mark_is_dropped_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a"}\n{"id": "b"}\n')
    assert [x.data for x in read_jsonl(path)] == [{"id": "a"}, {"id": "b"}]
    only_bom = tmp_path / "only-bom.jsonl"
    only_bom.write_bytes(b"\xef\xbb\xbf\n")
    assert list(read_jsonl(only_bom)) == []


def test_jsonl_gzip_is_told_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    data = gzip.compress('{"id": "é"}\n\n{"id": 2}\n'.encode())
    for name in ("a.jsonl.gz", "b.jsonl", "c"):
        (tmp_path / name).write_bytes(data)
        assert [x.data for x in read_jsonl(tmp_path / name)] == [{"id": "é"}, {"id": 2}]


def test_jsonl_cut_short_gzip_keeps_the_lines_before_and_ends_with_truncated(
        tmp_path: Path) -> None:
    rows = "".join(f'{{"id": {i}, "text": "{"word " * 40}"}}\n' for i in range(300))
    data = gzip.compress(rows.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    lines = list(read_jsonl(path))
    good, last = lines[:-1], lines[-1]
    assert good and all(x.ok for x in good)
    assert [x.line for x in good] == list(range(1, len(good) + 1))
    assert last.kind == "truncated" and last.line == len(good) and last.data is None
    assert last.error is not None and last.error.startswith(
        f"compressed data is corrupt after line {len(good)}: ")


def test_jsonl_line_over_max_bytes_is_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"id": 1}\n{"text": "' + "x" * 5000 + '"}\n{"id": 3}\n', encoding="utf-8")
    lines = list(read_jsonl(path, max_bytes=100))
    assert [(x.line, x.kind) for x in lines] == [(1, None), (2, "too_long"), (3, None)]
    assert lines[2].data == {"id": 3}


def test_jsonl_reads_an_open_stream() -> None:
    stream = io.BytesIO(b'{"id": 1}\nnope\n')
    assert [(x.line, x.data, x.kind) for x in iter_jsonl(stream)] == [
        (1, {"id": 1}, None), (2, None, "json")]


def test_jsonl_reader_is_exported_from_whosaid_io() -> None:
    assert whosaid.io.read_jsonl is read_jsonl and whosaid.io.JsonlLine is JsonlLine
    values: tuple[object, ...] = ({}, [], "", 1, 1.5, True, None)
    assert [json_type(v) for v in values] == [
        "object", "array", "string", "number", "number", "boolean", "null"]
