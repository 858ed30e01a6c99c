"""JSONL on the command line: ``--jsonl FILE`` (or ``-`` for standard input) read line by
line, a bad line reported with its ``FILE:LINE`` and counted, the rest going on."""

from __future__ import annotations

import contextlib
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rich.text import Text

from .options import err, fail


def problem(message: str) -> None:
    err.print(Text.assemble(("error: ", "red"), message))


@contextlib.contextmanager
def jsonl_lines(path: Path) -> Iterator[IO[str]]:
    """A JSONL input: a file (optionally .gz) or ``-`` for standard input."""
    if str(path) == "-":
        yield sys.stdin
        return
    if not path.is_file():
        raise fail(f"{path}: no such file", 2)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                yield fh
        else:
            with path.open("r", encoding="utf-8") as fh:
                yield fh
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot read: {exc}") from None


def records(fh: IO[str], name: str) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(``FILE:LINE``, object) per non-blank line; the object is None, and the problem
    printed, when the line is not a JSON object."""
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problem(f"{where}: not valid JSON ({exc.msg})")
            yield where, None
            continue
        if not isinstance(data, dict):
            problem(f"{where}: expected a JSON object")
            yield where, None
            continue
        yield where, data


class Tally:
    """Counts the lines of a JSONL input that could not be used (each already reported)."""

    def __init__(self) -> None:
        self.failed = 0

    def texts(self, fh: IO[str], name: str) -> Iterator[tuple[str, dict[str, Any], str]]:
        """(``FILE:LINE``, object, its ``text``) for each usable line."""
        for where, data in records(fh, name):
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
