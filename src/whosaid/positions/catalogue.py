"""The issue catalogue: the packaged default and user files (JSON array or JSONL).

An entry names one issue and the words that find it in a statement::

    {"id": "ceasefire", "label": "Ceasefire", "keywords": ["ceasefire", "cease-fire", "truce"],
     "description": "supports: wants the fighting stopped ..."}

``aliases`` may stand for (or add to) ``keywords``. A keyword is a lower-case word or phrase;
``*`` inside a phrase stands for up to three words ("withdraw * troops" finds "withdraw all
its troops"). A file is read whole or not at all: the first malformed entry raises
:class:`~whosaid.errors.InputError` naming the file, the entry's line (1-based) and the
problem, so a typo never leaves an analyst with half a catalogue.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from ..errors import InputError
from ..model import Issue
from ..resources import read_text

DEFAULT_FILE = "issues.json"
_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_FIELDS = frozenset({"id", "label", "keywords", "aliases", "description"})


@functools.cache
def default_catalogue() -> tuple[Issue, ...]:
    """The catalogue shipped in ``data/issues.json`` (cached: the file never changes)."""
    return parse_catalogue(read_text(DEFAULT_FILE), f"whosaid/data/{DEFAULT_FILE}")


def parse_catalogue(text: str, origin: str) -> tuple[Issue, ...]:
    """Issues from a JSON array or JSONL text; raises InputError naming origin and line."""
    entries = _array_entries(text, origin) if text.lstrip().startswith("[") \
        else _jsonl_entries(text, origin)
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for line, entry in entries:
        issue = _issue(entry, origin, line)
        if issue.id in seen:
            raise InputError(origin, f"line {line}: issue id {issue.id!r} already given on "
                                     f"line {seen[issue.id]}")
        seen[issue.id] = line
        issues.append(issue)
    return tuple(issues)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _array_entries(text: str, origin: str) -> list[tuple[int, Any]]:
    """The elements of a JSON array, each with the line it starts on."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"line {exc.lineno}: malformed JSON: {exc.msg} "
                                 f"(column {exc.colno})") from None
    decoder = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    pos = ws.match(text, text.index("[") + 1)
    index = pos.end() if pos else 0
    entries: list[tuple[int, Any]] = []
    while index < len(text) and text[index] != "]":
        value, end = decoder.raw_decode(text, index)
        entries.append((_line_of(text, index), value))
        after = ws.match(text, end)
        index = after.end() if after else end
    return entries


def _jsonl_entries(text: str, origin: str) -> list[tuple[int, Any]]:
    entries: list[tuple[int, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            entries.append((number, json.loads(raw)))
        except json.JSONDecodeError as exc:
            raise InputError(origin, f"line {number}: malformed JSON: {exc.msg} "
                                     f"(column {exc.colno})") from None
    return entries


def _issue(entry: Any, origin: str, line: int) -> Issue:
    def bad(problem: str) -> InputError:
        return InputError(origin, f"line {line}: {problem}")

    if not isinstance(entry, dict):
        raise bad(f"an issue must be a JSON object, not {type(entry).__name__}")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise bad(f"unknown field {unknown[0]!r} (fields: id, label, keywords or aliases, "
                  "description)")
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise bad(f"'id' must be a lower-case slug (letters, digits, _ or -), not {ident!r}")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise bad(f"issue {ident!r}: 'label' must be a non-empty string")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise bad(f"issue {ident!r}: 'description' must be a string")
    words: list[str] = []
    for field in ("keywords", "aliases"):
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip()
                                                  for w in value):
            raise bad(f"issue {ident!r}: {field!r} must be a list of non-empty strings")
        words += [" ".join(w.lower().split()) for w in value]
    if not words:
        raise bad(f"issue {ident!r}: no 'keywords' or 'aliases' to find it by")
    for word in words:
        if word.replace("*", "").strip() == "" or word.startswith("*") or word.endswith("*"):
            raise bad(f"issue {ident!r}: keyword {word!r}: '*' only stands between words")
    return Issue(id=ident, label=label.strip(), keywords=tuple(dict.fromkeys(words)),
                 description=description.strip())
