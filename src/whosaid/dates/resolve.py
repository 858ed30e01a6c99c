"""Temporal expressions: find them in news text and resolve them against the publication date.

The public entry point of ``whosaid.dates``; the work is split by stage: :mod:`.rules` (the
regex rule table, data only), :mod:`.scan` (the scanner), :mod:`.handlers` (one resolver per
rule), :mod:`.context` (what the scanner knows of the clause) and :mod:`.calendar` (calendar
arithmetic and word lists).

``tag_dates`` tries a cached alternation of regex rules where a word that can start one stands,
and gives every expression a TIMEX3-style ``type`` (DATE, TIME, DURATION, SET) and ``value``:

* explicit dates: "Dec. 2, 2022" -> 2022-12-02, "December 2022" -> 2022-12, "2022" -> 2022;
* dates without a year take the year that puts them nearest the publication date, with a bias
  to the past (a future candidate must be less than a third as far away as the past one), so
  "January 5" in a paper of 2022-12-04 is 2023-01-05 and "November 30" is 2022-11-30;
* weekdays: the latest such day on or before publication ("said Friday"), after it when the
  clause looks ahead ("will meet Friday", "until Friday", "next Friday") unless a reporting
  verb follows the cue ("will ...'' the ruling, Cuba predicted Wednesday") or the clause is
  past perfect ("Until Thursday, they had not ..."); a clause starts after a sentence end
  that is no abbreviation ("Mr.", "P.", "Jan."); "the previous Friday" counts from the day
  the story last named;
* relative expressions ("yesterday", "last week" -> 2022-W47, "last month", "two days ago"),
  months alone ("in November" -> the latest November not after publication), seasons,
  quarters, decades, holidays, durations ("three days" -> P3D), sets ("every week" -> P1W),
  clock times ("3 p.m." -> TIME) and the vague PRESENT_REF / PAST_REF / FUTURE_REF;
* spoken years and centuries ("nineteen ninety-six" -> 1996, "the 20th century" -> 19),
  the second day of "April 24 and 25", "the year" (this year; "the year ended ..." P1Y);
* financial reports: "a year ago", "year-earlier", "the 1988 period" take the quarter being
  reported ("third-quarter net ... a year ago" -> 1988-Q3) when one was mentioned, the year
  once the story turns to year-to-date results ("For the nine months, ... a year earlier");
  "this quarter" is the reported one unless the clause looks ahead;
* names and generic uses are skipped: ABC's "This Week", "today's world", "the March of
  the ...", a sentence-opening "Now," (a discourse marker);
* anaphoric expressions ("the day before", "the following week", "two days later") count
  from the last date the text mentioned, or from publication when there is none; an
  apposition fixes them outright: in "The day before, on December 2" both are 2022-12-02.

Without a publication date nothing is guessed: a date without a year keeps "XXXX"
("XXXX-12-02") and an expression relative to publication gets the value None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import DateExpr, DatePrecision
from .calendar import precision_of
from .scan import scan

__all__ = ["precision_of", "resolve_value", "tag_dates"]


def tag_dates(
    text: str, published: dt.date | None, *, mask: Sequence[tuple[int, int]] = ()
) -> list[DateExpr]:
    """Every temporal expression in ``text`` outside ``mask``, in order, resolved.

    ``published`` is the publication date every relative expression counts from; without it
    dates keep an unknown year ("XXXX-12-02") and relative expressions get the value None.
    """
    pub = published.date() if isinstance(published, dt.datetime) else published
    hits = scan(text, pub, mask)
    return [
        DateExpr(h.start, h.end, text[h.start : h.end], h.type, h.value, precision_of(h.value))
        for h in hits
    ]


def resolve_value(expr_text: str, published: dt.date | None) -> tuple[str | None, DatePrecision]:
    """The value and precision of one temporal expression (the first one found in it)."""
    found = tag_dates(expr_text, published)
    if not found:
        return None, "unknown"
    return found[0].value, found[0].precision
