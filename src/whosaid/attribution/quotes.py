"""Quotation spans from real typography.

Handles curly, straight, German („…“, „…”) and guillemet (« », » «) marks, a closing mark
with no opening mark (the quote then opens at the start of its sentence), and quotes that
run over paragraphs (a paragraph left open and the next one re-opened). Works on
characters only, so it runs before and independently of the parser.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

# Marks that can only open, only close, or either (decided by the characters around them).
OPENERS = frozenset("\u201e\u201a")  # „ ‚
CLOSERS = frozenset("\u201d")  # ”
# “ closes in German typography, and guillemets point inwards in French but outwards in
# German (»so«): these are told apart by the characters around them
EITHER = frozenset('"\u201c\u00ab\u00bb')
ALL_MARKS = OPENERS | CLOSERS | EITHER
SENTENCE_END = frozenset(".!?:")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` bound the words inside the marks (marks excluded).

    ``opened`` is False when no opening mark was found and the start was inferred.
    ``continues`` is True when the quote runs on from the previous paragraph's quote.
    """

    start: int
    end: int
    opened: bool = True
    closed: bool = True
    continues: bool = False


def _role(text: str, i: int) -> str:
    """Whether the mark at ``i`` opens ("open") or closes ("close") by its surroundings."""
    ch = text[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # French spacing: « nous » — the space sits inside the marks
    if ch == "\u00ab" and after.isspace() and before.isspace():
        return "open"
    if ch == "\u00bb" and before.isspace() and not after.isalnum():
        return "close"
    if before.isspace() or before in "([{—–-/" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-/" or after in ALL_MARKS:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    # a comma before the closing mark belongs to the sentence around the quote
    while end > start and (text[end - 1].isspace() or text[end - 1] in ALL_MARKS
                           or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _sentence_ends(text: str, para_start: int, para_end: int) -> list[int]:
    """Where sentences may start in a paragraph: after each [.!?:] that is followed by a
    space, a capital or a quotation mark (so "added.Putin" splits), in order."""
    ends = []
    for j in range(para_start + 1, para_end):
        if text[j] in SENTENCE_END:
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if nxt.isspace() or nxt.isupper() or nxt in ALL_MARKS:
                ends.append(j + 1)
    return ends


def _sentence_start(text: str, para_start: int, pos: int, ends: list[int]) -> int:
    """Where the sentence holding ``pos`` starts: after the last sentence end of ``ends``
    (:func:`_sentence_ends` of its paragraph) before it, else at the paragraph's start.
    A bisection, so a paragraph of many closing marks takes linear time, not quadratic."""
    j = pos - 1
    # the quoted sentence's own final punctuation sits right before the closing mark
    while j > para_start and (text[j] in SENTENCE_END or text[j].isspace()):
        j -= 1
    k = bisect.bisect_right(ends, j + 1) - 1  # the last end at a mark at or before j
    return ends[k] if k >= 0 and j > para_start else para_start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: news paragraphs are lines in stored text."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, marks excluded from the spans."""
    quotes: list[Quote] = []
    carry_open = False  # the previous paragraph ended inside a quote
    for p_start, p_end in paragraphs(text):
        open_at: int | None = None
        opened_here = False
        here = len(quotes)  # the first quote of this paragraph
        ends: list[int] | None = None  # its sentence ends, found when first needed
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in ALL_MARKS:
                continue
            role = _role(text, i)
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is None:
                    # news convention: a quote running on re-opens the next paragraph
                    opened_here = carry_open and not text[p_start:i].strip()
                    open_at = i + 1
                continue
            # a closing mark
            if open_at is not None:
                s, e = _trim(text, open_at, i)
                if e > s:
                    quotes.append(Quote(s, e, True, True, opened_here))
                open_at = None
                opened_here = False
            else:
                if ends is None:
                    ends = _sentence_ends(text, p_start, p_end)
                s = _sentence_start(text, p_start, i, ends)
                s, e = _trim(text, s, i)
                # only this paragraph's quotes can hold s (earlier ones end before it)
                if e > s and not any(q.start <= s < q.end for q in quotes[here:]):
                    quotes.append(Quote(s, e, opened=False, closed=True))
        carry_open = False
        if open_at is not None:
            s, e = _trim(text, open_at, p_end)
            if e > s:
                quotes.append(Quote(s, e, True, False, opened_here))
                carry_open = True
    return quotes


def inside_mask(text: str, quotes: list[Quote]) -> bytearray:
    """1 for every character inside a quotation."""
    mask = bytearray(len(text))
    for q in quotes:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask
