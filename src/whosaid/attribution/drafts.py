"""Drafts: the statement records the passes build, and the character helpers they share.

A draft is a statement under construction. Its spans are named records in characters of
the stored text: for "“We will win,” Zelensky said." the draft holds one content fragment
``CharSpan(1, 12)`` ("We will win"), the speaker ``CharSpan(15, 23)`` and the cue
``CueSpan(24, 28, "say")``. Every pass reads and writes these records; only
:mod:`whosaid.analysis` turns them into :class:`whosaid.model.Statement` records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Cue, Entity, Mention, StatementKind, StatementMode
from .quotes import ALL_MARKS

# the characters a span loses at its edges
EDGE = " \t\n,;:—–-"
MARKS = "".join(ALL_MARKS)
WORD_RE = re.compile(r"\w+")
COMPLEMENTIZER_RE = re.compile(r"(that|whether|if)\s+", re.I)


@dataclass(frozen=True, order=True, slots=True)
class CharSpan:
    """[start, end) in characters of the stored text; orders as the pair (start, end)."""

    start: int
    end: int

    @property
    def pair(self) -> tuple[int, int]:
        return self.start, self.end

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class CueSpan:
    """The cue of a statement ("said", "according to", a headline colon) and its lemma."""

    start: int
    end: int
    lemma: str

    @property
    def span(self) -> CharSpan:
        return CharSpan(self.start, self.end)

    def astuple(self) -> tuple[int, int, str]:
        return self.start, self.end, self.lemma


@dataclass
class Draft:
    """A statement under construction; offsets are characters in the stored text."""

    fragments: list[CharSpan]
    speaker: CharSpan | None
    cue: CueSpan | None
    pattern: str
    mode: StatementMode = "speech"
    cue_token: int | None = None
    speaker_token: int | None = None
    addressee: CharSpan | None = None
    relays: list[CharSpan] = field(default_factory=list)
    confidence: float = 0.5
    speaker_mention: Mention | None = None
    speaker_entity: Entity | None = None
    addressee_mention: Mention | None = None
    relay_mentions: list[Mention] = field(default_factory=list)
    kind: StatementKind = "indirect"
    # the content is only what was talked about ("issued statements about recent talks"),
    # not the words: set by calibration, read by the analyzer (such a statement holds no
    # position)
    topic: bool = False

    @property
    def start(self) -> int:
        return min(f.start for f in self.fragments)

    @property
    def end(self) -> int:
        return max(f.end for f in self.fragments)

    def covers(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.fragments)


def cue_record(text: str, d: Draft) -> Cue | None:
    """The cue of a draft as the record the store keeps."""
    if d.cue is None:
        return None
    return Cue(d.cue.start, d.cue.end, text[d.cue.start:d.cue.end], d.cue.lemma)


def trim(text: str, start: int, end: int, strip_marks: bool = False) -> CharSpan:
    """Drop edge whitespace and punctuation (and quote marks when asked)."""
    while start < end and (text[start] in EDGE or (strip_marks and text[start] in ALL_MARKS)):
        start += 1
    while end > start and (text[end - 1] in EDGE + "." or
                           (strip_marks and text[end - 1] in ALL_MARKS)):
        end -= 1
    return CharSpan(start, end)


def trim_content(text: str, start: int, end: int) -> CharSpan:
    """A tagged content without edge spaces, quotation marks or clause commas; a final full
    stop inside the quote stays, as the speaker said it."""
    edge = EDGE + MARKS
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return CharSpan(start, end)


def cut(start: int, end: int, exclude: Iterable[CharSpan]) -> CharSpan:
    """[start, end) without the excluded spans (speaker, cue) that open or close it; empty
    (start == end), never reversed, when one covers it all ("“… at once,” the Post
    reported, quoting an anonymous Republican official. “…”": the citing phrase covers
    the piece between the two quotes)."""
    for x in sorted(exclude):
        s, e = x.start, x.end
        if s <= start < e or (start <= s < end and e <= end and s - start < 3):
            start = min(e, end)  # the excluded span opens the content
        elif start < s < end and e >= end - 2:
            end = s  # the excluded span closes it
    return CharSpan(start, end)


def content_span(text: str, start: int, end: int, exclude: Sequence[CharSpan]) -> CharSpan:
    """[start, end) cut of excluded spans, trimmed, without a leading complementizer."""
    c = cut(start, end, exclude)
    t = trim(text, c.start, c.end, strip_marks=True)
    s, e = t.start, t.end
    m = COMPLEMENTIZER_RE.match(text[s:e])
    if m:
        s += m.end()
    return trim(text, s, e, strip_marks=True)


def word_chars(text: str, fragments: Iterable[CharSpan]) -> set[int]:
    """The offsets of the word characters of some fragments (to compare two contents)."""
    return {i for f in fragments for m in WORD_RE.finditer(text, f.start, f.end)
            for i in range(m.start(), m.end())}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def word_count(text: str, span: CharSpan) -> int:
    return len(WORD_RE.findall(text, span.start, span.end))
