"""Turn a SourceDocument into a CleanDocument: article text, metadata, furniture, language.

Plain text is kept exactly as given, so offsets point into the input. HTML goes through
trafilatura: the stored text is the extracted article, its title first unless the body
already starts with it. Page furniture ("Read more", share prompts, comment forms, lines of
tag names) stays in the text and is listed as spans that analysis leaves out.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from types import MappingProxyType
from typing import Any

from ..errors import EmptyInputError, MalformedInputError
from ..model import CleanDocument, SourceDocument, Span
from ..resources import load_json, read_text
from ..settings import Settings
from .urls import safe_url

_TITLE_MAX = 200
# Longer lines are paragraphs, not furniture; skipping them keeps matching cheap.
_FURNITURE_LINE_MAX = 300
# Precision mode sometimes keeps only a fragment of a page; below this many characters
# the balanced mode gets a try too, and wins when it finds at least twice as much.
_SHORT_BODY = 1000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RECORD_ORIGIN = re.compile(r"^(?P<path>.+?)(?:#(?P<record>\d+)|:(?P<line>\d+))$")
_FULL_PAGE = re.compile(r"<(?:html|head|body)[\s>]", re.I)
# Words of letters; a single letter only before a space or an apostrophe ("a", "y", "l'"),
# so initials and abbreviations ("J. Smith", "d. Rockledge") do not count as stopwords.
_WORD = re.compile(r"[^\W\d_]{2,}|(?<![^\W\d_])[^\W\d_](?=[\s'’])")
_TAG_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_SENTENCE_PUNCT = re.compile(r"[.!?;:\"“”„«»()\[\]]")
# A lone surrogate (from a JSON escape such as "\ud800", or a Python string) is no character:
# it cannot be written as UTF-8, so it could be neither hashed nor stored.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Script detection: counts of letters per script in a sample of the text.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("han", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("kana", re.compile(r"[\u3040-\u30ff]")),
    ("hangul", re.compile(r"[\uac00-\ud7af]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
)
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RU_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_SAMPLE_CHARS = 20000
_SAMPLE_WORDS = 3000
_MIN_WORDS = 5
_MIN_RATIO = 0.10
_MARGIN = 1.2
# A list-like text (recipes, scores) has few function words, but they are all one language's.
_DOMINANT_RATIO = 0.04
_DOMINANT_MARGIN = 4.0


# --- public API -------------------------------------------------------------------------


def clean_document(doc: SourceDocument, settings: Settings) -> CleanDocument:
    """The article text of ``doc`` with its metadata, furniture spans and language.

    Given fields (``doc.title`` and the rest) win over page metadata, and
    ``settings.published`` wins over both. A ``url`` is kept only when it is http or https
    (:func:`~whosaid.clean.urls.safe_url`). A lone surrogate in any field becomes U+FFFD,
    one character for one, so offsets into the input still hold. Raises an InputError
    subclass when there is no text to analyse.
    """
    doc = _without_surrogates(doc)
    if doc.html is not None:
        return _clean_html(doc, doc.html, settings)
    text = doc.text
    if text is None or not text.strip():
        raise EmptyInputError(doc.origin, "document has no text")
    return _cleaned(doc, text, safe_url(doc.url), _one_line(doc.title) or _first_line_title(text),
                    settings.published or doc.published, doc.source, doc.author)


def load_furniture_patterns() -> list[re.Pattern[str]]:
    """The furniture patterns of ``whosaid/data/furniture.txt``, compiled (a fresh list)."""
    return list(_furniture_data().patterns)


def find_furniture(
    text: str, patterns: Sequence[re.Pattern[str]] | None = None
) -> tuple[Span, ...]:
    """Spans of the lines of ``text`` that are page furniture, without their newlines.

    A line is furniture when one of ``patterns`` (default: the bundled ones) matches the
    whole stripped line, or when it is a line of tag names: 2 to 10 capitalised words, no
    function words, no sentence punctuation, and not the first line of the text.
    """
    data = _furniture_data()
    pats = data.patterns if patterns is None else tuple(patterns)
    spans: list[Span] = []
    first = True
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= _FURNITURE_LINE_MAX and (
            any(p.fullmatch(stripped) for p in pats)
            or (not first and _is_tag_line(stripped, data.function_words))
        ):
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append(Span(start + lead, end - trail, stripped))
        first = False
    return tuple(spans)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text``, or "und" when it cannot be told.

    Latin-script text is judged by the share of its words that are frequent function words
    of each language; other scripts by their letters.
    """
    sample = text[:_SAMPLE_CHARS]
    by_script = _language_by_script(sample)
    if by_script is not None:
        return by_script
    words = _words(sample)[:_SAMPLE_WORDS]
    if not words:
        return "und"
    index = _stopword_index()
    hits: dict[str, int] = {}
    for word in words:
        for lang in index.get(word, ()):
            hits[lang] = hits.get(lang, 0) + 1
    if not hits:
        return "und"
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if len(words) < _MIN_WORDS:
        # A title alone: lean English when its few function words are English ones.
        return "en" if hits.get("en", 0) >= best_hits else "und"
    if best_hits >= _MIN_RATIO * len(words) and best_hits >= _MARGIN * runner_up:
        return best
    if best_hits >= _DOMINANT_RATIO * len(words) and best_hits >= _DOMINANT_MARGIN * runner_up:
        return best
    return "und"


def _words(text: str) -> list[str]:
    """Lowercase word tokens, uppercase single letters (initials) left out."""
    return [w.lower() for w in _WORD.findall(text) if len(w) > 1 or w.islower()]


# --- HTML -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    body: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    author: str | None = None
    url: str | None = None


def _clean_html(doc: SourceDocument, html: str, settings: Settings) -> CleanDocument:
    page = _extract(html, doc.origin)
    body = page.body.strip("\n")
    if not body.strip():
        raise EmptyInputError(doc.origin, "no article text found in the HTML")
    title = _one_line(doc.title) or _one_line(page.title)
    text = body if title is None or _starts_with(body, title) else f"{title}\n\n{body}"
    return _cleaned(doc, text, safe_url(doc.url) or safe_url(page.url), title,
                    settings.published or doc.published or page.date,
                    doc.source or page.site, doc.author or page.author)


def _cleaned(doc: SourceDocument, text: str, url: str | None, title: str | None,
             published: str | None, site: str | None, author: str | None) -> CleanDocument:
    """The clean document of ``text``: its furniture found and its language told."""
    furniture = find_furniture(text)
    return CleanDocument(
        doc_id=doc.doc_id,
        origin=doc.origin,
        text=text,
        language=detect_language(_analysed_text(text, furniture)),
        furniture=furniture,
        url=url,
        title=title,
        published=published,
        site=site,
        author=author,
        input_format=_input_format(doc),
    )


# Trafilatura's extraction grows faster than the page (measured on pages of n short
# paragraphs: 20,000 took 2.1 s, 40,000 5.6 s, 100,000 25.5 s), and no news article has this
# many tags: such a page is read by the linear block-text reader instead (100,000: about 2 s).
MAX_TAGS = 40_000


def _extract(html: str, origin: str) -> _Page:
    """Article body and metadata; any parser failure becomes an InputError."""
    _quiet_libraries()
    if html.count("<") > MAX_TAGS:
        return _Page(body=_block_text(html, origin, fragment=False), title=None, date=None,
                     site=None, author=None, url=None)
    try:
        from trafilatura import bare_extraction

        options: dict[str, Any] = {
            "output_format": "python",
            "include_comments": False,
            "include_tables": True,
            "deduplicate": False,
        }
        # On the shared news-page set precision mode with this fallback scored token F1
        # 0.969, precision mode alone 0.964 and trafilatura's defaults 0.960.
        found = bare_extraction(html, favor_precision=True, with_metadata=True, **options)
        body = _doc_text(found)
        if len(body) < _SHORT_BODY:
            fallback = _doc_text(bare_extraction(html, **options))
            if len(fallback) >= 2 * len(body):
                body = fallback
    except Exception as exc:  # trafilatura and lxml raise many kinds; never a traceback
        raise MalformedInputError(origin, f"cannot parse the HTML: {exc}") from None
    if not body.strip() and not _FULL_PAGE.search(html[:4096]):
        # A fragment (a feed item's content, a JSONL html field) is all article.
        body = _fragment_text(html, origin)
    meta = found if found is not None and not isinstance(found, dict) else None
    date = _attr(meta, "date")
    return _Page(
        body=body,
        title=_attr(meta, "title"),
        date=date[:10] if date and _ISO_DATE.match(date) else None,
        site=_attr(meta, "sitename"),
        author=_attr(meta, "author"),
        url=_attr(meta, "url"),
    )


def _doc_text(found: Any) -> str:
    text = getattr(found, "text", None) if found is not None else None
    return unicodedata.normalize("NFC", text) if isinstance(text, str) else ""


def _attr(meta: Any, name: str) -> str | None:
    value = getattr(meta, name, None) if meta is not None else None
    return _one_line(value) if isinstance(value, str) else None


def _fragment_text(html: str, origin: str) -> str:
    return _block_text(html, origin, fragment=True)


def _block_text(html: str, origin: str, fragment: bool) -> str:
    """The text of ``html`` a block a line, in one linear pass (a feed item's fragment, or a
    page too large in tags for trafilatura: then its navigation, header and footer go)."""
    import lxml.html

    blocks = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
    dropped = ".//script|.//style|.//noscript|.//template"
    try:
        if fragment:
            root = lxml.html.fragment_fromstring(html, create_parent="div")
        else:
            root = lxml.html.document_fromstring(html)
            dropped += "|.//nav|.//header|.//footer|.//aside|.//head|.//form"
        for bad in root.xpath(dropped):
            bad.drop_tree()
        for element in root.iter(*blocks):
            element.tail = "\n" + (element.tail or "")
        raw = root.text_content()
    except Exception as exc:  # lxml's errors, mapped like trafilatura's
        raise MalformedInputError(origin, f"cannot parse the HTML: {exc}") from None
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


@functools.lru_cache(maxsize=1)
def _quiet_libraries() -> None:
    # trafilatura logs every page it discards; without a handler Python would print
    # those warnings to stderr. A NullHandler stops that and leaves logging config alone.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def _starts_with(body: str, title: str) -> bool:
    norm_body = " ".join(body[: len(title) * 2 + 20].split()).casefold()
    return norm_body.startswith(" ".join(title.split()).casefold())


# --- helpers ----------------------------------------------------------------------------


def _without_surrogates(doc: SourceDocument) -> SourceDocument:
    changes = {f.name: _SURROGATE.sub("\ufffd", value) for f in fields(doc)
               if isinstance(value := getattr(doc, f.name), str) and _SURROGATE.search(value)}
    return replace(doc, **changes) if changes else doc


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def _first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            title = _one_line(line)
            return title if title and len(title) <= _TITLE_MAX else None
    return None


def _input_format(doc: SourceDocument) -> str:
    """The input format, read from the origin conventions of ingest (path#N, path:LINE)."""
    match = _RECORD_ORIGIN.match(doc.origin)
    if match:
        path = match.group("path").lower().removesuffix(".gz")
        if match.group("line") and path.endswith((".jsonl", ".ndjson")):
            return "jsonl"
        if match.group("record"):
            return "warc" if path.endswith(".warc") else "rss"
    return "html" if doc.html is not None else "text"


def _analysed_text(text: str, furniture: Sequence[Span]) -> str:
    if not furniture:
        return text
    parts: list[str] = []
    pos = 0
    for span in furniture:
        parts.append(text[pos : span.start])
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def _is_tag_line(line: str, function_words: frozenset[str]) -> bool:
    if _SENTENCE_PUNCT.search(line):
        return False
    words = [w.strip(",") for w in line.split()]
    if not 2 <= len(words) <= 10:
        return False
    for word in words:
        if not _TAG_WORD.fullmatch(word) or not word[0].isupper():
            return False
        if word.casefold() in function_words:
            return False
    return True


def _language_by_script(sample: str) -> str | None:
    head = sample[:5000]
    counts = {name: len(pattern.findall(head)) for name, pattern in _SCRIPTS}
    script = max(counts, key=lambda name: counts[name])
    if counts[script] == 0 or script == "latin":
        return None
    if script in ("han", "kana"):
        return "ja" if counts["kana"] >= 0.05 * (counts["han"] + counts["kana"]) else "zh"
    if script == "cyrillic":
        uk, ru = len(_UK_LETTERS.findall(sample)), len(_RU_LETTERS.findall(sample))
        if uk != ru:
            return "uk" if uk > ru else "ru"
        return _cyrillic_by_words(sample)
    return {"hangul": "ko", "arabic": "ar", "greek": "el", "hebrew": "he"}[script]


def _cyrillic_by_words(sample: str) -> str:
    index = _stopword_index()
    hits = {"ru": 0, "uk": 0}
    for word in _words(sample)[:_SAMPLE_WORDS]:
        for lang in index.get(word, ()):
            if lang in hits:
                hits[lang] += 1
    return "uk" if hits["uk"] > hits["ru"] else "ru"


# --- bundled data -----------------------------------------------------------------------


@dataclass(frozen=True)
class _FurnitureData:
    patterns: tuple[re.Pattern[str], ...]
    function_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def _furniture_data() -> _FurnitureData:
    raw = read_text("furniture.txt")
    patterns: list[re.Pattern[str]] = []
    words: set[str] = set()
    in_words = False
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped == "@function-words":
            in_words = True
        elif in_words:
            words.update(w.casefold() for w in stripped.split())
        else:
            try:
                patterns.append(re.compile(stripped, re.IGNORECASE))
            except re.error as exc:
                raise ValueError(f"furniture.txt line {number}: bad pattern: {exc}") from None
    return _FurnitureData(tuple(patterns), frozenset(words))


@functools.lru_cache(maxsize=1)
def _stopword_index() -> Mapping[str, tuple[str, ...]]:
    """Each stopword with the languages whose list holds it."""
    index: dict[str, list[str]] = {}
    for lang, words in load_json("stopwords.json").items():
        if lang.startswith("_"):
            continue
        for word in words:
            index.setdefault(word.casefold(), []).append(lang)
    return MappingProxyType({word: tuple(langs) for word, langs in index.items()})


__all__ = ["clean_document", "detect_language", "find_furniture", "load_furniture_patterns"]
