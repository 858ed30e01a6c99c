"""What the date scanner knows while it reads one text: the hits and the clause around them.

A :class:`Hit` is one temporal expression found (span, TIMEX3 type and value); a
:class:`ScanContext` carries the text, the publication date and what the story has said so
far (the last date named, the quarter being reported), and answers the questions handlers ask
about a position: does the clause look ahead ("Ministers will meet Friday" -> the coming
Friday, "The minister said Friday" -> the past one)? What is the word before it? Which date
does "the day before" count from?
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..model import DatePrecision
from .rules import ABBREVIATIONS, FUTURE_CUES, PAST_CUES, SCHEDULE_CUES, SENTENCE_END

# "(?P<f>will)", "(?P<s>meet)" or "(?P<p>said)": the last one found decides whether a clause
# looks ahead
CUES = re.compile(rf"\b(?:(?P<f>{FUTURE_CUES})|(?P<s>{SCHEDULE_CUES})|(?P<p>{PAST_CUES}))\b",
                  re.IGNORECASE)
SENTENCE_ENDS = re.compile(SENTENCE_END)
# what may stand between a sentence's start and a date that opens it: "On", "And on", "By",
# "In early" ("On Tuesday, the league plans to ...": the clause after the date decides)
FRONTED = re.compile(r"[\s\"'“‘(`]*(?:(?:and|but|then|also)\s+)?(?:(?:on|in|by|from|until|"
                     r"early|late|later|earlier|next|this|last|the)\s+){0,2}",
                     re.IGNORECASE)
# the cues after a fronted date that say its day is still to come; a plan in the past does
# not ("On Friday, the Kenyan government planned to pay ...", published on a Wednesday: the
# Friday before)
FIRM_FUTURE = re.compile(r"(?:will|won['’]t|shall|['’]ll|going\s+to|plan(?:s|ning)?\s+to|"
                         r"intends?\s+to|scheduled|slated|due|set\s+to|expected\s+to|"
                         r"(?:is|are)\s+to)\b",
                         re.IGNORECASE)


class Hit(NamedTuple):
    """One temporal expression found: ``text[start:end]``, its TIMEX3 type and value;
    ``anaphoric`` when it counts from a date named before ("the day before"), ``explicit``
    when it names its date outright ("December 2")."""

    start: int
    end: int
    type: str
    value: str | None
    anaphoric: bool = False
    explicit: bool = False


@dataclass
class ScanContext:
    """What one call of ``tag_dates`` knows while it scans (local, never shared)."""

    text: str
    pub: dt.date | None
    anchor: tuple[dt.date, DatePrecision] | None = None
    quarter: dt.date | None = None  # the first day of the last quarter mentioned
    year_to_date: bool = False  # "for the nine months" came after that quarter

    def future(self, start: int) -> bool:
        """Whether the clause before ``start`` looks ahead ("will", "plans to"), unless a
        reporting or past verb ("said", "was") stands after the last such cue."""
        prev = self.prev_word(start)
        if prev in ("since", "until", "till"):
            # "since March" looks back, "until Tuesday" ahead, unless the clause is in the past
            # perfect ("Until Thursday, they had not ...") or "it was not until Tuesday that"
            return prev != "since" and not self._past_until(start)
        lo = max(0, start - 120)
        window = self.text[lo:start]
        cut = 0
        for b in SENTENCE_ENDS.finditer(window):
            word = b.group("bw") or ""
            initial = len(word) == 1 and word.isalpha()
            if "\n" in b.group() or not (initial or word.lower() in ABBREVIATIONS):
                cut = b.end()
        cues = list(CUES.finditer(window, cut))
        if not cues and (cut or lo == 0) and FRONTED.fullmatch(window, cut):
            return self._future_after(start)
        if not cues or cues[-1].group("p") is not None:
            return False
        last = cues[-1]
        if last.group("s") is not None:  # "meet separately Monday", not "meet every week and"
            return len(window) - last.end() <= 20
        # "The vote, which had been scheduled for Thursday, was postponed": a plan in the past
        # perfect, right before the day it names, was for a day now past (not "The sale, which
        # had been expected, is part of a plan to pay the loan by February")
        return len(window) - last.end() > 20 or re.search(
            r"\bhad\s+(?:been\s+)?$", window[max(0, last.start() - 12) : last.start()],
            re.IGNORECASE) is None

    def _future_after(self, start: int) -> bool:
        """Whether the sentence that a date opens looks ahead: its first cue after the date
        is a future one ("On Tuesday, the league plans to hold a news conference", published
        on a Monday: the coming Tuesday; "On Tuesday, the league said" stays the past one)."""
        rest = self.text[start : start + 160]
        end = SENTENCE_ENDS.search(rest)
        cue = CUES.search(rest, 0, end.start() if end else len(rest))
        return cue is not None and FIRM_FUTURE.match(rest, cue.start()) is not None

    def _past_until(self, start: int) -> bool:
        before = self.text[max(0, start - 30) : start]
        if re.search(r"\b(?:was|were)(?:\s+not|n['’]t)\s+until\s+$", before, re.IGNORECASE):
            return True
        after = re.split(r"[.!?;]\s", self.text[start : start + 80], maxsplit=1)[0]
        return re.search(r"\bhad\b", after) is not None

    def prev_word(self, start: int) -> str:
        """The word before ``start``, lower-cased ("in" for "in 1990"), else ""."""
        m = re.search(r"([A-Za-z]+)\W*$", self.text[max(0, start - 20) : start])
        return m.group(1).lower() if m else ""

    def reference(self, unit: str) -> dt.date | None:
        """The date an anaphoric expression counts from: the last one mentioned, else pub."""
        need = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month")}
        if self.anchor and self.anchor[1] in need.get(unit, ("day", "week", "month", "year")):
            return self.anchor[0]
        return self.pub


# a rule's handler: the match of its regex -> the expression it resolves to, or None to skip
Handler = Callable[[re.Match[str], ScanContext], Hit | None]
