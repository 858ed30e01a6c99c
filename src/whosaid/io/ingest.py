"""Read input paths into SourceDocuments: plain text, HTML, JSONL, RSS/Atom feeds and WARC.

Every problem with one document becomes a ``Failure`` and the batch goes on. Inside this
module problems are raised as ``InputError`` subclasses; ``read_inputs`` turns them into
``Failure`` records (``str(exc)`` is the message, so it names the file and the problem).

Text read from files is the decoded input (UTF-8, else cp1252, else Latin-1, BOM removed)
with CRLF and CR turned into LF: offsets point into that. Text given in JSONL is kept
exactly as given, since JSON leaves no doubt about what the characters are.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import email.utils
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast
from urllib.parse import ParseResult, unquote, urlparse

from ..errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    MissingInputError,
    UnsupportedInputError,
)
from ..model import Failure, SourceDocument
from ..settings import Settings
from .jsonl import json_type, read_jsonl

Format = Literal["text", "html", "jsonl", "feed", "warc"]

_EXTENSIONS: dict[Format, str] = {
    "text": "txt text md",
    "html": "html htm xhtml",
    "jsonl": "jsonl ndjson",
    "feed": "rss atom",
    "warc": "warc",
}
_SUFFIXES = {f".{ext}": fmt for fmt, exts in _EXTENSIONS.items() for ext in exts.split()}
# Compressed containers: the suffix before ``.gz`` decides.
_GZ_FORMATS: frozenset[Format] = frozenset({"jsonl", "warc"})

_SNIFF_BYTES = 8192
_BINARY_CONTROL_RATIO = 0.05
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article)[\s>/]", re.I)
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")


# --- public API -------------------------------------------------------------------------


def read_inputs(
    paths: Sequence[str | Path], settings: Settings
) -> Iterator[SourceDocument | Failure]:
    """Yield a SourceDocument for every document under ``paths``, or a Failure for a bad one.

    Directories are walked in sorted order. ``settings.published``, when set, overrides
    every document's publication date.
    """
    for given in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(given)
        try:
            files = _expand(path)
        except InputError as exc:
            yield _failure(exc, None)
            continue
        for file, fmt in files:
            for item in _read_file(file, fmt, settings):
                if isinstance(item, SourceDocument) and settings.published:
                    item = dataclasses.replace(item, published=settings.published)
                yield item


def count_inputs(paths: Sequence[str | Path], settings: Settings) -> int:
    """A cheap estimate of how many documents ``read_inputs`` yields, for a progress bar."""
    total = 0
    for given in [paths] if isinstance(paths, str | Path) else paths:
        try:
            files = _expand(Path(given))
        except InputError:
            total += 1
            continue
        for file, fmt in files:
            try:
                total += _count_file(file, fmt)
            except (OSError, EOFError, zlib.error):
                total += 1
    return total


def input_files(path: Path) -> list[tuple[Path, Format]]:
    """The files under ``path`` with their formats, as :func:`read_inputs` reads them
    (directories walked in sorted order); raises InputError for a missing path or a
    directory with no supported file."""
    return _expand(path)


def count_file(path: Path, fmt: Format) -> int:
    """A cheap estimate of one file's documents (JSONL lines, feed items, WARC responses);
    raises OSError, EOFError or zlib.error when the file cannot be read through."""
    return _count_file(path, fmt)


def read_file_part(path: Path, fmt: Format, settings: Settings, start: int = 1,
                   stop: int | None = None, offset: int = 0
                   ) -> Iterator[SourceDocument | Failure]:
    """The documents of one part of a file, as :func:`read_inputs` gives them (the same
    ids, origins and failures): JSONL lines ``start`` up to ``stop`` (``offset``: the byte,
    in the decompressed file, where line ``start`` begins), feed items and WARC records
    numbered ``start`` up to ``stop`` (1-based; ``stop`` None: to the end). A problem with
    the whole file is reported by every part that meets it (the same Failure)."""
    for item in _read_file(path, fmt, settings, start, stop, offset):
        if isinstance(item, SourceDocument) and settings.published:
            item = dataclasses.replace(item, published=settings.published)
        yield item


def doc_id_for(path: Path) -> str:
    """A file's document id: its name without extension (``x.warc.gz`` gives ``x``)."""
    name = path.name
    lower = name.lower()
    if lower.endswith(".gz"):
        name, lower = name[:-3], lower[:-3]
    suffix = Path(lower).suffix
    if suffix in _SUFFIXES or suffix in (".xml", ".gz"):
        name = name[: len(name) - len(suffix)]
    return name or path.name


# --- finding files ----------------------------------------------------------------------


def _expand(path: Path) -> list[tuple[Path, Format]]:
    if path.is_dir():
        found = list(_walk(path, set()))
        if not found:
            raise EmptyInputError(str(path), f"no supported files in {path}")
        return found
    if not path.exists():
        raise MissingInputError(str(path), "no such file or directory")
    return [(path, _format_of(path) or _sniff(path))]


def _walk(directory: Path, seen: set[Path]) -> Iterator[tuple[Path, Format]]:
    real = directory.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
            continue
        fmt = _format_of(entry)
        if fmt is None and entry.name.lower().endswith(".xml"):
            # Only feeds among XML files: a sitemap or config is not an article.
            try:
                fmt = "feed" if _sniff(entry) == "feed" else None
            except InputError:
                continue
        if fmt is not None:
            yield entry, fmt


def _format_of(path: Path) -> Format | None:
    lower = path.name.lower()
    if lower.endswith(".gz"):
        fmt = _SUFFIXES.get(Path(lower[:-3]).suffix)
        return fmt if fmt in _GZ_FORMATS else None
    return _SUFFIXES.get(Path(lower).suffix)


def _sniff(path: Path) -> Format:
    """Tell a file's format from its first bytes, for names whose extension says nothing."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
        if head[:2] == b"\x1f\x8b":
            with gzip.open(path, "rb") as gz:
                inner = gz.read(_SNIFF_BYTES)
            if inner.startswith(b"WARC/"):
                return "warc"
            if inner.lstrip().startswith(b"{"):
                return "jsonl"
            raise UnsupportedInputError(str(path), "compressed file is neither JSONL nor WARC")
    except (OSError, EOFError, zlib.error) as exc:
        raise _os_error(path, exc) from None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    feed = _FEED_START.search(start)
    page = _HTML_START.search(start)
    if feed and (page is None or feed.start() < page.start()):
        return "feed"
    if page:
        return "html"
    if path.name.lower().endswith(".xml"):
        raise UnsupportedInputError(str(path), "XML file is not an RSS or Atom feed")
    first = start.split(b"\n", 1)[0].strip()
    if first.startswith(b"{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _count_file(path: Path, fmt: Format) -> int:
    if fmt == "jsonl":
        with _open_maybe_gzip(path) as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    if fmt == "feed":
        data = path.read_bytes()
        return max(1, data.count(b"<item") + data.count(b"<entry"))
    if fmt == "warc":
        with _open_maybe_gzip(path) as fh:
            return max(1, sum(line.startswith(b"WARC-Type: response") for line in fh))
    return 1


def _open_maybe_gzip(path: Path) -> BinaryIO:
    with path.open("rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


# --- reading one file -------------------------------------------------------------------


def _read_file(path: Path, fmt: Format, settings: Settings, start: int = 1,
               stop: int | None = None, offset: int = 0) -> Iterator[SourceDocument | Failure]:
    """One file's documents (or one part's: :func:`read_file_part`); a file-level problem
    ends the file with one Failure."""
    doc_id = doc_id_for(path)
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, settings, start, stop, offset)
        elif fmt == "feed":
            yield from _read_feed(path, settings, start, stop)
        elif fmt == "warc":
            yield from _read_warc(path, settings, start, stop)
        elif start > 1:  # a text or HTML file is one document: part 1
            return
        else:
            content = read_text_file(path, settings, html=fmt == "html")
            if fmt == "html":
                yield SourceDocument(doc_id=doc_id, origin=str(path), html=content)
            else:
                yield SourceDocument(doc_id=doc_id, origin=str(path), text=content)
    except InputError as exc:
        yield _failure(exc, doc_id)
    except OSError as exc:
        yield _failure(_os_error(path, exc), doc_id)
    except Exception as exc:  # one bad file must never stop the batch
        yield Failure(str(path), f"{path}: could not read: {type(exc).__name__}: {exc}", doc_id)


def _failure(exc: InputError, doc_id: str | None) -> Failure:
    return Failure(origin=exc.origin, message=str(exc), doc_id=doc_id)


def _os_error(path: Path, exc: BaseException) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return MissingInputError(str(path), "no such file or directory")
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return MalformedInputError(str(path), f"cannot read: {reason}")


def format_size(n: int) -> str:
    """Bytes as a short human figure: ``52.4 MB``, ``3.1 KB``, ``12 bytes``."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _too_large(origin: str, size: int, limit: int, what: str = "file") -> InputTooLargeError:
    return InputTooLargeError(
        origin,
        f"{what} is {format_size(size)}, larger than the {format_size(limit)} limit "
        "(raise --max-bytes)",
    )


def read_text_file(path: Path, settings: Settings, html: bool = False) -> str:
    """A text or HTML file's decoded content, refusing it before reading when too large."""
    origin = str(path)
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise _too_large(origin, size, settings.max_bytes)
    with path.open("rb") as fh:
        data = fh.read(settings.max_bytes + 1)  # the file may have grown since stat
    if len(data) > settings.max_bytes:
        raise _too_large(origin, len(data), settings.max_bytes)
    return decode_bytes(data, origin, html=html)


def decode_bytes(data: bytes, origin: str, html: bool = False, charset: str | None = None) -> str:
    """Decode input bytes: BOM, else UTF-8, else the declared charset, else cp1252/Latin-1.

    Raises EmptyInputError for empty or blank input and BinaryInputError for binary data.
    """
    if not data:
        raise EmptyInputError(origin, "file is empty")
    text: str | None = None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise BinaryInputError(origin, f"looks binary, not text (bad {codec})") from None
            break
    if text is None:
        if b"\x00" in data[:_SNIFF_BYTES]:
            raise BinaryInputError(origin, "looks binary, not text")
        text = _decode_guess(data, html, charset)
    sample = text[:_SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > _BINARY_CONTROL_RATIO * len(sample):
        raise BinaryInputError(origin, "looks binary, not text")
    if not text.strip():
        raise EmptyInputError(origin, "file is empty (only whitespace)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_guess(data: bytes, html: bool, charset: str | None) -> str:
    # Valid UTF-8 that is not ASCII is almost never anything else, so it goes first.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = charset
    if declared is None and html:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii", "replace") if found else None
    for codec in (declared, "cp1252"):
        if not codec:
            continue
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


# --- JSONL ------------------------------------------------------------------------------


def _read_jsonl(path: Path, settings: Settings, start: int = 1, stop: int | None = None,
                offset: int = 0) -> Iterator[SourceDocument | Failure]:
    # A line may carry escapes (\u00e9 is six bytes for two), so allow some slack over
    # max_bytes before refusing to hold the raw line in memory.
    cap = 6 * settings.max_bytes + 65536
    read = 0
    for item in read_jsonl(path, cap, offset=offset, first_line=start):
        if stop is not None and item.line >= stop and item.kind != "truncated":
            break
        read += 1
        origin = f"{path}:{item.line}"
        if item.data is not None:
            yield _jsonl_record(item.data, origin, settings)
        elif item.kind == "truncated":
            raise MalformedInputError(str(path), item.error or "compressed data is corrupt")
        elif item.kind == "too_long":
            yield _failure(_too_large(origin, cap, settings.max_bytes, "line"), None)
        else:
            yield _failure(MalformedInputError(origin, item.error or "unreadable line"), None)
    if not read and start == 1:  # like an empty text file or feed: said, not silently nothing
        raise EmptyInputError(str(path), "file is empty (no JSON lines)")


def _jsonl_record(
    record: dict[str, Any], origin: str, settings: Settings
) -> SourceDocument | Failure:
    try:
        return _jsonl_document(record, origin, settings)
    except InputError as exc:
        return _failure(exc, _record_id(record))


def _record_id(record: dict[str, Any]) -> str | None:
    ident = record.get("id")
    if isinstance(ident, str | int) and not isinstance(ident, bool):
        return str(ident) or None
    return None


def _jsonl_document(record: dict[str, Any], origin: str, settings: Settings) -> SourceDocument:
    """A document from one JSONL object; a field of the wrong JSON type is an error naming
    the field and the type it must have, never coerced."""
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise _wrong_type(origin, "id", "a string or an integer", ident)
    doc_id = _record_id(record)
    if doc_id is None:
        raise MalformedInputError(origin, "missing id")
    text, html = record.get("text"), record.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise _wrong_type(origin, name, "a string", value)
    # With both, the given text wins: it is what the producer meant to be analysed.
    field, content = ("text", text) if text is not None else ("html", html)
    if content is None:
        raise MalformedInputError(origin, "missing text or html")
    if not isinstance(content, str):  # checked above; this tells the type checker
        raise _wrong_type(origin, field, "a string", content)
    if not content.strip():
        raise EmptyInputError(origin, f"{field} is empty")
    _check_length(content, origin, settings.max_bytes)
    return SourceDocument(
        doc_id=doc_id,
        origin=origin,
        text=content if field == "text" else None,
        html=content if field == "html" else None,
        url=_string_field(record, "url", origin),
        title=_string_field(record, "title", origin),
        published=_published(record.get("published"), origin),
        source=_string_field(record, "source", origin),
        author=_string_field(record, "author", origin, lists=True),
    )


def _string_field(record: dict[str, Any], name: str, origin: str, lists: bool = False
                  ) -> str | None:
    """A string field on one line; with ``lists``, a list of strings (authors) joined with
    commas. Missing or null is None; any other JSON type is an error."""
    value = record.get(name)
    if value is None or isinstance(value, str):
        return _clean_str(value)
    if lists and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _clean_str(value)
    expected = "a string or a list of strings" if lists else "a string"
    raise _wrong_type(origin, name, expected, value)


def _wrong_type(origin: str, name: str, expected: str, value: object) -> MalformedInputError:
    got = json_type(value)
    if "list" in expected and isinstance(value, list) and value:
        got = "array holding " + ", ".join(sorted({json_type(v) for v in value}))
    return MalformedInputError(origin, f"{name!r} must be {expected}, got {got}")


def _check_length(content: str, origin: str, limit: int) -> None:
    # len() bounds the UTF-8 size from below and 4*len() from above: encode only when unsure.
    # A lone surrogate (a JSON escape such as "\ud800") counts its three bytes, not an error.
    def size() -> int:
        return len(content.encode("utf-8", "surrogatepass"))

    if len(content) > limit or (4 * len(content) > limit and size() > limit):
        raise _too_large(origin, size(), limit, "document")


def _published(value: Any, origin: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _wrong_type(origin, "published", "a string (YYYY-MM-DD)", value)
    match = _ISO_DATE.match(value.strip())
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    raise MalformedInputError(origin, f"invalid published date {value!r}: expected YYYY-MM-DD")


# --- RSS and Atom -----------------------------------------------------------------------


def _read_feed(path: Path, settings: Settings, start: int = 1, stop: int | None = None
               ) -> Iterator[SourceDocument | Failure]:
    import feedparser  # imported here: only feeds need it

    try:
        parsed = feedparser.parse(_no_bad_char_refs(path.read_bytes()))
    except Exception as exc:  # feedparser's own crashes on broken input; never a traceback
        raise MalformedInputError(str(path), f"not a readable RSS or Atom feed: {exc}") from None
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = f"not a readable RSS or Atom feed: {parsed.get('bozo_exception')}"
            raise MalformedInputError(str(path), problem)
        raise EmptyInputError(str(path), "feed has no items")
    site = _clean_str(parsed.get("feed", {}).get("title"))
    stem = doc_id_for(path)
    roots = _link_roots(path, settings)
    for n, entry in enumerate(entries, 1):
        if n < start:
            continue
        if stop is not None and n >= stop:
            break
        origin = f"{path}#{n}"
        doc_id = _clean_str(entry.get("id")) or _clean_str(entry.get("link")) or f"{stem}-{n}"
        link = _clean_str(entry.get("link"))
        local, refused = _local_file(link, path.parent, roots) if link else (None, None)
        if refused is not None:
            # The linked file is never read; the item's own content, if any, still is.
            yield Failure(origin, f"{origin}: link {link!r} not read: {refused}", doc_id)
            body = _entry_body(entry)[0]
            if not body or not body.strip():
                continue
        try:
            yield _feed_document(entry, doc_id, origin, link, local, site, settings)
        except InputError as exc:
            yield _failure(exc, doc_id)


def _no_bad_char_refs(data: bytes) -> bytes:
    """Numeric character references to no character (a surrogate, past U+10FFFF) made
    U+FFFD, as HTML does: feedparser raises on them and the whole feed would be lost."""
    def fix(m: re.Match[bytes]) -> bytes:
        hexa = m.group(1)[:1] in b"xX"
        digits = (m.group(1)[1:] if hexa else m.group(1)).lstrip(b"0") or b"0"
        n = 0x110000 if len(digits) > 8 else int(digits, 16 if hexa else 10)
        return b"&#xFFFD;" if 0xD800 <= n <= 0xDFFF or n > 0x10FFFF else m.group(0)

    return _CHAR_REF.sub(fix, data)


def _feed_document(
    entry: Any, doc_id: str, origin: str, link: str | None, local: Path | None,
    site: str | None, settings: Settings,
) -> SourceDocument:
    text: str | None = None
    html: str | None = None
    if local is not None:
        html = read_text_file(local, settings, html=True)
    else:
        body, kind = _entry_body(entry)
        if not body or not body.strip():
            raise EmptyInputError(origin, "feed item has no content")
        _check_length(body, origin, settings.max_bytes)
        if kind == "text/plain":
            text = body
        else:
            html = body
    return SourceDocument(
        doc_id=doc_id,
        origin=origin,
        text=text,
        html=html,
        # A file path is no URL: without one the article is known by its text.
        url=link if link and _is_remote(link) else None,
        title=_clean_str(entry.get("title")),
        published=_entry_date(entry),
        source=site,
        author=_clean_str(entry.get("author")),
    )


def _entry_body(entry: Any) -> tuple[str | None, str]:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value, content.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary"), detail.get("type") or "text/html"


def _link_roots(feed: Path, settings: Settings) -> tuple[str, ...]:
    """The folders a feed's items may link files in: the feed's own and ``allow_dirs``,
    each resolved (symlinks followed)."""
    roots: list[str] = []
    folders: list[str | Path] = [feed.parent, *(d for d in settings.allow_dirs if d)]
    for folder in folders:
        try:
            roots.append(os.path.realpath(folder))
        except (OSError, ValueError):
            continue
    return tuple(roots)


def _parse_url(link: str) -> ParseResult | None:
    """The parts of a link; None when it cannot be parsed (a malformed IPv6 host, say)."""
    try:
        return urlparse(link)
    except ValueError:
        return None


def _is_remote(link: str) -> bool:
    parsed = _parse_url(link)
    return parsed is not None and bool(parsed.scheme or parsed.netloc) \
        and parsed.scheme.lower() != "file"


def _local_file(link: str, base: Path, roots: Sequence[str]) -> tuple[Path | None, str | None]:
    """The local file a feed item links to, and why it may not be read, if so.

    A link with no scheme is a path relative to the feed's folder ``base`` (or absolute),
    URL-decoded. It is read only when it resolves, symlinks followed, to a file inside one
    of ``roots``; a ``file:`` URL is never read. (None, None): not a local file, or none
    there; the item's own content is used.
    """
    parsed = _parse_url(link)
    if parsed is None:  # with a host, as only a malformed one fails: no local file
        return None, None
    if parsed.scheme.lower() == "file":
        return None, "file: URLs are never read"
    if parsed.scheme or parsed.netloc:
        return None, None
    relative = unquote(parsed.path)
    if not relative:
        return None, None
    try:
        real = os.path.realpath(base / relative)
        inside = any(os.path.commonpath([real, root]) == root for root in roots)
    except (OSError, ValueError):
        return None, "not a readable file path"
    if not inside:
        allowed = " or an allowed folder (--allow-dir)" if len(roots) > 1 else ""
        return None, f"the file is outside the feed's folder{allowed}"
    try:
        return (Path(real), None) if os.path.isfile(real) else (None, None)
    except (OSError, ValueError):
        return None, None


def _entry_date(entry: Any) -> str | None:
    # The raw string keeps the publisher's own calendar day; feedparser's parsed form is UTC.
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (email.utils.parsedate_to_datetime, dt.datetime.fromisoformat):
            try:
                return parse(raw.strip()).date().isoformat()
            except (TypeError, ValueError, IndexError, OverflowError):  # year 99999999999
                continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _clean_str(value: Any) -> str | None:
    """A field's value on one line; a list (of authors, say) joined with commas."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


# --- WARC -------------------------------------------------------------------------------


def _read_warc(path: Path, settings: Settings, start: int = 1, stop: int | None = None
               ) -> Iterator[SourceDocument | Failure]:
    from warcio.archiveiterator import ArchiveIterator  # imported here: only WARC needs it

    class QuietArchiveIterator(ArchiveIterator):
        # warcio writes a warning with a dump of raw bytes to stderr when a record's
        # Content-Length is wrong; a record that then fails to parse is reported below.
        INC_RECORD = ""
        ended_early = False

        def close(self) -> None:
            # A gzip member cut short reads as a clean end of file to warcio; its
            # decompressor never reaching end-of-stream is the only sign.
            decompressor = getattr(self.reader, "decompressor", None)
            self.ended_early = decompressor is not None and not getattr(decompressor, "eof", True)
            super().close()

    used: dict[str, int] = {}
    n = 0
    found = 0
    with path.open("rb") as fh:
        try:
            records = QuietArchiveIterator(fh)
            for n, record in enumerate(records, 1):
                if stop is not None and n >= stop:
                    return  # the rest is another part's (which checks the file's end)
                origin = f"{path}#{n}"
                # before this part's records only the pages are told (for unique ids)
                html_body = _warc_html(record, origin, settings) if n >= start \
                    else ("" if _warc_page(record) else None)
                if _truncated(record):
                    raise MalformedInputError(str(path), f"WARC is truncated in record {n}")
                if html_body is None:
                    continue
                found += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                doc_id = _unique(_id_from_url(url) or f"{doc_id_for(path)}-{n}", used)
                if n < start:
                    continue
                if isinstance(html_body, InputError):
                    yield _failure(html_body, doc_id)
                    continue
                yield SourceDocument(doc_id=doc_id, origin=origin, html=html_body, url=url)
        except InputError:
            raise
        except Exception as exc:  # warcio raises many kinds on broken input
            where = f"WARC is corrupt or truncated after record {n}" if n else "not a WARC file"
            raise MalformedInputError(str(path), where + _detail(exc)) from None
    if records.ended_early:
        raise MalformedInputError(str(path), f"WARC is truncated after record {n}")
    if n == 0:
        raise EmptyInputError(str(path), "WARC holds no records")
    if not found:
        raise EmptyInputError(str(path), "WARC holds no HTML responses with status 200")


def _truncated(record: Any) -> bool:
    """Read what is left of a record; True when the file ended before its Content-Length."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return bool(getattr(stream, "limit", 0))


def _detail(exc: BaseException) -> str:
    """warcio's reason, unless it is a crash on missing data or a dump of raw bytes."""
    first = (str(exc).strip().splitlines() or [""])[0][:80]
    if isinstance(exc, AttributeError | TypeError) or not first.isascii():
        return ""
    return f" ({first})"


def _warc_page(record: Any) -> bool:
    """Whether a record is an HTML page (a response with status 200), by its headers."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def _warc_html(record: Any, origin: str, settings: Settings) -> str | InputError | None:
    """A response record's HTML; None for records that are not HTML pages."""
    if not _warc_page(record):
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    body = record.content_stream().read(settings.max_bytes + 1)
    if len(body) > settings.max_bytes:
        return _too_large(origin, len(body), settings.max_bytes, "page")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type)
    try:
        return decode_bytes(body, origin, html=True, charset=match.group(1) if match else None)
    except InputError as exc:
        return exc


def _id_from_url(url: str | None) -> str | None:
    if not url:
        return None
    parsed = _parse_url(url)
    if parsed is None:
        return None
    segments = [unquote(s) for s in parsed.path.split("/") if s]
    if not segments:
        return parsed.netloc or None
    stem, ext = os.path.splitext(segments[-1])
    return stem if ext and stem else segments[-1]


def _unique(doc_id: str, used: dict[str, int]) -> str:
    used[doc_id] = used.get(doc_id, 0) + 1
    if used[doc_id] == 1:
        return doc_id
    candidate = f"{doc_id}-{used[doc_id]}"
    while candidate in used:  # "a-2" may itself be a page's own id
        used[doc_id] += 1
        candidate = f"{doc_id}-{used[doc_id]}"
    used[candidate] = 1
    return candidate


__all__ = ["count_inputs", "decode_bytes", "doc_id_for", "format_size", "read_inputs"]
__all__ += ["count_file", "input_files", "read_file_part", "read_text_file"]
