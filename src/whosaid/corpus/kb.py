"""A user's own knowledge base: read it, check it, and link names to it.

``whosaid kb import FILE`` reads JSONL (one object a line) or CSV (a header line), with the
fields ``id`` and ``name`` (required), ``type``, ``aliases`` (a list in JSONL; ``|``- or
``;``-separated in CSV), ``description`` and, in JSONL, ``roles``: a list of
``{"title": "foreign minister", "of": "Russia", "from": "2004-03-09", "to": null}`` (``of``,
``from`` and ``to`` optional; dates ISO, ``null`` open), by which "the Russian foreign
minister" in an article of 2022 names the holder on that day. Types may be whosaid's
(PERSON, ORG, GPE) or a knowledge base's own words ("human", "organization"). A malformed
line stops the import with an error naming the file and the line; nothing is stored then.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import MalformedInputError, MissingInputError
from ..io.jsonl import json_type, read_jsonl
from ..model import KBEntry, KBRole
from ..names.linking import Match, NameIndex, normalise_type

FIELDS = ("id", "name", "type", "aliases", "description")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _text(path: Path) -> str:
    if not path.is_file():
        raise MissingInputError(str(path), "no such file" if not path.exists()
                                else "not a file")
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise MalformedInputError(str(path), f"not a readable gzip file ({exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MalformedInputError(f"{path}:{line}", "not UTF-8 text") from None


def _is_csv(path: Path) -> bool:
    """CSV or TSV by the name; a name that says neither by the first non-blank line (JSONL
    opens with ``{``)."""
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] in (".csv", ".tsv"):
        return True
    if suffixes and suffixes[-1] in (".jsonl", ".ndjson", ".json"):
        return False
    first = next((ln.strip() for ln in _text(path).splitlines() if ln.strip()), "")
    return not first.startswith("{")


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in re.split(r"[|;]", value) if a.strip())


def _entry(data: dict[str, Any], where: str) -> KBEntry:
    """Check one record; ``where`` is ``FILE:LINE`` for the error. A field of the wrong JSON
    type is an error naming the field and the type it must have, never coerced."""
    def bad(problem: str) -> MalformedInputError:
        return MalformedInputError(where, problem)

    ident = data.get("id")
    if isinstance(ident, bool) or (ident is not None and not isinstance(ident, str | int)):
        raise bad(f"'id' must be a string or an integer, got {json_type(ident)}")
    if ident is None or not str(ident).strip():
        raise bad("missing 'id' (a non-empty string)")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise bad(f"entry {ident!s}: 'name' must be a string, got {json_type(name)}")
    if name is None or not name.strip():
        raise bad(f"entry {ident!s}: missing 'name' (a non-empty string)")
    etype = data.get("type")
    if etype is not None and not isinstance(etype, str):
        raise bad(f"entry {ident!s}: 'type' must be a string, got {json_type(etype)}")
    raw_aliases = data.get("aliases")
    if raw_aliases is None:
        aliases: tuple[str, ...] = ()
    elif isinstance(raw_aliases, str):
        aliases = _split_aliases(raw_aliases)
    elif isinstance(raw_aliases, list) and all(isinstance(a, str) for a in raw_aliases):
        aliases = tuple(a.strip() for a in raw_aliases if a.strip())
    else:
        got = json_type(raw_aliases)
        if isinstance(raw_aliases, list):
            got += " holding " + ", ".join(sorted({json_type(a) for a in raw_aliases}))
        raise bad(f"entry {ident!s}: 'aliases' must be a list of strings or a string, "
                  f"got {got}")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise bad(f"entry {ident!s}: 'description' must be a string, "
                  f"got {json_type(description)}")
    roles = _roles(data.get("roles"), str(ident), bad)
    name = " ".join(name.split())
    seen = {name}
    unique = []
    for a in aliases:
        a = " ".join(a.split())
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return KBEntry(str(ident).strip(), name, normalise_type(etype), tuple(unique),
                   description.strip() or None if description else None, roles)


def _roles(raw: Any, ident: str, bad: Callable[[str], MalformedInputError]
           ) -> tuple[KBRole, ...]:
    """The ``roles`` of an entry: objects with a non-empty ``title`` and optional ``of``,
    ``from`` and ``to`` (ISO dates or null, ``from`` not after ``to``)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise bad(f"entry {ident}: 'roles' must be a list of objects, got {json_type(raw)}")
    roles = []
    for k, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise bad(f"entry {ident}: role {k} must be an object, got {json_type(item)}")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise bad(f"entry {ident}: role {k} needs a 'title' (a non-empty string)")
        of = item.get("of")
        if of is not None and not isinstance(of, str):
            raise bad(f"entry {ident}: role {k}: 'of' must be a string, got {json_type(of)}")
        dates = []
        for key in ("from", "to"):
            value = item.get(key)
            if value is not None and (not isinstance(value, str) or
                                      not ISO_DATE.fullmatch(value) or not _real_date(value)):
                raise bad(f"entry {ident}: role {k}: '{key}' must be a date YYYY-MM-DD or "
                          f"null, got {value!r}")
            dates.append(value)
        if dates[0] and dates[1] and dates[0] > dates[1]:
            raise bad(f"entry {ident}: role {k}: 'from' {dates[0]} is after 'to' {dates[1]}")
        roles.append(KBRole(" ".join(title.split()), of.strip() or None if of else None,
                            dates[0], dates[1]))
    return tuple(roles)


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSONL knowledge base, read by :func:`whosaid.io.jsonl.read_jsonl`;
    the first bad line raises an error naming it."""
    for item in read_jsonl(path):
        where = f"{path}:{item.line}"
        if item.data is not None:
            yield item.line, item.data
        elif item.kind == "truncated":
            raise MalformedInputError(str(path), item.error or "compressed data is corrupt")
        elif item.kind == "encoding":
            raise MalformedInputError(where, f"not UTF-8 text ({item.reason})")
        elif item.kind == "json":
            raise MalformedInputError(where, f"not valid JSON: {item.reason}")
        else:
            raise MalformedInputError(where, item.error or "unreadable line")


def _csv_records(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    delimiter = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise MalformedInputError(f"{path}:1", f"not valid CSV ({exc})") from None
    names = [h.strip().lower() for h in header]
    missing = [f for f in ("id", "name") if f not in names]
    if missing:
        raise MalformedInputError(f"{path}:1", "the CSV header lacks "
                                  + " and ".join(repr(f) for f in missing))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise MalformedInputError(f"{path}:{reader.line_num}", f"not valid CSV ({exc})"
                                      ) from None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            raise MalformedInputError(f"{path}:{reader.line_num}",
                                      f"{len(row)} fields where the header has {len(names)}")
        yield reader.line_num, {k: v for k, v in zip(names, row, strict=True)
                                if k in FIELDS and (v.strip() or k in ("id", "name"))}


def read_kb(path: str | Path) -> list[KBEntry]:
    """The entries of a knowledge-base file; raises an ``InputError`` naming the file and
    line of the first malformed entry, or a duplicate id."""
    p = Path(path)
    if not p.is_file():
        raise MissingInputError(str(p), "no such file" if not p.exists() else "not a file")
    records: Iterable[tuple[int, dict[str, Any]]] = (
        _csv_records(p, _text(p)) if _is_csv(p) else _jsonl_records(p))
    entries: list[KBEntry] = []
    first_line: dict[str, int] = {}
    for lineno, data in records:
        entry = _entry(data, f"{p}:{lineno}")
        if entry.id in first_line:
            raise MalformedInputError(f"{p}:{lineno}", f"duplicate id {entry.id!r} (first on "
                                      f"line {first_line[entry.id]})")
        first_line[entry.id] = lineno
        entries.append(entry)
    if not entries:
        raise MalformedInputError(str(p), "no entries")
    return entries


class KnowledgeBase:
    """Entries indexed for linking names to them."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self.entries = {e.id: e for e in entries}
        self.index = NameIndex()
        for e in self.entries.values():
            ctx = [e.description] if e.description else []
            for name in (e.name, *e.aliases):
                self.index.add(e.id, name, e.type, ctx)

    def __len__(self) -> int:
        return len(self.entries)

    def link(self, name: str, type_: str | None = None, context: Iterable[str] = ()) -> Match:
        """The entry ``name`` names, or a Match with ``key`` None."""
        return self.index.match(name, normalise_type(type_), context)
