"""The one JSONL reader: one JSON object a line, each line reported with its number.

``read_jsonl(path)`` reads a file, gzip-compressed or not (told by its first bytes, not its
name), as UTF-8 (a byte-order mark at the start is dropped). Blank lines are
skipped; every other line becomes a :class:`JsonlLine`: its object, or the reason it has
none (not UTF-8, not JSON, JSON that is not an object, longer than ``max_bytes``), and the
lines after it are read on. A compressed file cut short ends with one last ``JsonlLine``
of kind ``"truncated"``, after the lines that could be read. ``iter_jsonl`` does the same
for an open binary stream (standard input, say).

Callers word problems in their own way from ``kind`` and ``reason``, or use ``error``.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

JsonlProblem = Literal["encoding", "json", "not_object", "too_long", "truncated"]

_GZIP_MAGIC = b"\x1f\x8b"
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True)
class JsonlLine:
    """One non-blank line of a JSONL input.

    line: its 1-based number; for a ``"truncated"`` file, the last line read (0: none).
    data: the JSON object, or None when the line has a problem.
    error: the problem in a few words ("malformed JSON: Expecting ',' delimiter (column
        14)"), without the file and line; None when ``data`` is set.
    kind: which problem: "encoding" (not UTF-8), "json" (not JSON), "not_object" (JSON, but
        not an object), "too_long" (over ``max_bytes``), "truncated" (the compressed file
        ends early or is corrupt: nothing follows).
    reason: the detail alone ("Expecting ',' delimiter (column 14)", "list"), for callers
        that word the problem their own way.
    """

    line: int
    data: dict[str, Any] | None
    error: str | None = None
    kind: JsonlProblem | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None


def read_jsonl(path: Path, max_bytes: int | None = None, *, offset: int = 0,
               first_line: int = 1) -> Iterator[JsonlLine]:
    """The lines of the JSONL file at ``path`` (``.gz`` or not); see the module docstring.

    ``max_bytes`` bounds the bytes of one line held in memory: a longer line is skipped
    and reported as ``"too_long"``. An ``OSError`` opening or reading a plain file is
    raised to the caller. ``offset`` (in the decompressed bytes) and ``first_line`` start
    the reading at a line found before (one part of a file, :mod:`whosaid.io.partition`);
    a compressed file is decompressed up to there.
    """
    with path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == _GZIP_MAGIC:
            with gzip.open(raw, "rb") as fh:
                yield from _from(cast(IO[bytes], fh), max_bytes, offset, first_line)
        else:
            yield from _from(raw, max_bytes, offset, first_line)


def _from(fh: IO[bytes], max_bytes: int | None, offset: int, first_line: int
          ) -> Iterator[JsonlLine]:
    if offset:
        try:
            fh.seek(offset)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield JsonlLine(first_line - 1, None,
                            f"compressed data is corrupt before line {first_line}: {exc}",
                            "truncated", str(exc))
            return
    yield from iter_jsonl(fh, max_bytes, first_line)


def iter_jsonl(fh: IO[bytes], max_bytes: int | None = None, first_line: int = 1
               ) -> Iterator[JsonlLine]:
    """The lines of a JSONL stream opened in binary mode (decompressed already);
    ``first_line``: the number of the stream's first line."""
    lineno = first_line - 1
    try:
        for lineno, raw in _numbered_lines(fh, max_bytes, first_line):
            if raw is None:
                yield JsonlLine(lineno, None, f"line is longer than {max_bytes} bytes",
                                "too_long", str(max_bytes))
                continue
            yield from _parse(raw, lineno)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield JsonlLine(lineno, None, f"compressed data is corrupt after line {lineno}: {exc}",
                        "truncated", str(exc))


def _numbered_lines(fh: IO[bytes], cap: int | None, first_line: int = 1
                    ) -> Iterator[tuple[int, bytes | None]]:
    """Lines with their numbers; None in place of a line longer than ``cap`` bytes."""
    lineno = first_line - 1
    while True:
        line = fh.readline() if cap is None else fh.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if cap is not None and len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = fh.readline(_SKIP_CHUNK)
            yield lineno, None
            continue
        yield lineno, line


def _parse(raw: bytes, lineno: int) -> Iterator[JsonlLine]:
    """The JsonlLine of one raw line; nothing for a blank one."""
    try:
        text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        yield JsonlLine(lineno, None, f"not valid UTF-8 ({exc.reason})", "encoding", exc.reason)
        return
    text = text.rstrip("\r\n")  # so an error at the end is placed on this line, not the next
    if not text.strip():
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} (column {exc.colno})"
        yield JsonlLine(lineno, None, f"malformed JSON: {reason}", "json", reason)
        return
    except RecursionError:  # nesting deeper than the parser allows
        reason = "nested too deeply"
        yield JsonlLine(lineno, None, f"malformed JSON: {reason}", "json", reason)
        return
    if not isinstance(data, dict):
        name = type(data).__name__
        yield JsonlLine(lineno, None, f"expected a JSON object, got {name}", "not_object", name)
        return
    yield JsonlLine(lineno, data)


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type: "object", "array", "string", "number",
    "boolean" or "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


__all__ = ["JsonlLine", "JsonlProblem", "iter_jsonl", "json_type", "read_jsonl"]
