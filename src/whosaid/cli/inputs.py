"""JSONL on the command line: ``--jsonl FILE`` (or ``-`` for standard input) read line by
line, a bad line reported with its ``FILE:LINE`` and counted, the rest going on."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.text import Text

from ..io.jsonl import JsonlLine, iter_jsonl, read_jsonl
from .options import err, fail


def problem(message: str) -> None:
    err.print(Text.assemble(("error: ", "red"), message))


@contextlib.contextmanager
def jsonl_lines(path: Path) -> Iterator[Iterator[JsonlLine]]:
    """The lines of a JSONL input — a file (gzip told by its first bytes) or ``-`` for
    standard input — through the one JSONL reader (:mod:`whosaid.io.jsonl`)."""
    if str(path) == "-":
        yield iter_jsonl(sys.stdin.buffer)
        return
    if not path.is_file():
        raise fail(f"{path}: no such file", 2)
    try:
        yield read_jsonl(path)
    except OSError as exc:
        raise fail(f"{path}: cannot read: {exc}") from None


def records(lines: Iterator[JsonlLine], name: str
            ) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(``FILE:LINE``, object) per non-blank line; the object is None, and the problem
    printed, when the line is not a JSON object."""
    for line in lines:
        where = f"{name}:{line.line}"
        if line.data is None:
            if line.kind == "json":
                problem(f"{where}: not valid JSON ({line.reason})")
            elif line.kind == "not_object":
                problem(f"{where}: expected a JSON object")
            else:
                problem(f"{where}: {line.error}")
            yield where, None
            continue
        yield where, line.data


class Tally:
    """Counts the lines of a JSONL input that could not be used (each already reported)."""

    def __init__(self) -> None:
        self.failed = 0

    def texts(self, lines: Iterator[JsonlLine], name: str
              ) -> Iterator[tuple[str, dict[str, Any], str]]:
        """(``FILE:LINE``, object, its ``text``) for each usable line."""
        for where, data in records(lines, name):
            if data is None:
                self.failed += 1
                continue
            text = data.get("text")
            if not isinstance(text, str):
                problem(f"{where}: missing 'text' (a string)")
                self.failed += 1
                continue
            yield where, data, text

    def problem(self, message: str) -> None:
        problem(message)
        self.failed += 1


def out(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
