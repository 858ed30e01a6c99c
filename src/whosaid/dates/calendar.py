"""Calendar helpers and word data of ``whosaid.dates``: dates to TIMEX3 values and back.

Pure functions: the word lists of data/temporal.json, TIMEX3 value formatting ("2022-W48",
"P3D"), year inference for dates without a year, holidays, weekdays and anchors. In a paper of
Sunday 2022-12-04, ``nearest`` puts "January 5" in 2023 and "November 30" in 2022,
``weekday_date`` puts a past-tense "Friday" on 2022-12-02, ``shifted`` turns "last week" into
2022-W47 and ``holiday_date`` finds Thanksgiving 2022 on 2022-11-24.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from ..model import DatePrecision
from ..resources import load_json

_PRECISION_RULES: tuple[tuple[str, DatePrecision], ...] = (
    # an unknown day of a known month or year ("that same day" after "last October")
    (r"\d{4}-\d{2}-XX", "month"),
    (r"\d{4}-XX-XX", "year"),
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}(?:T.*)?", "day"),
    (r"[\dX]{4}-W[\dX]{2}(?:-WE)?", "week"),
    (r"[\dX]{4}-[\dX]{2}", "month"),
    (r"[\dX]{4}-Q[1-4X]", "quarter"),
    (r"[\dX]{4}-(?:SP|SU|FA|WI)", "season"),
    (r"[\dX]{4}", "year"),
    (r"[\dX]{3}", "decade"),
)


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def word_lists() -> dict[str, Any]:
    """The word lists of data/temporal.json (month, weekday, number, season names ...)."""
    return load_json("temporal.json")


def alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(phrases), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


def normalize(s: str) -> str:
    """Lower case, one space between words, curly apostrophes straight, no end dot."""
    return re.sub(r"\s+", " ", s.lower().replace("’", "'")).strip(" .")


# --------------------------------------------------------------------------- values


def precision_of(value: str | None) -> DatePrecision:
    """The granularity of a TIMEX3 value: "2022-12-02" day ... "202" decade, else unknown."""
    if not value:
        return "unknown"
    for pattern, precision in _PRECISION_RULES:
        if re.fullmatch(pattern, value):
            return precision
    return "unknown"


def day_value(d: dt.date) -> str:
    """A day as a TIMEX3 value: "2022-12-02"."""
    return d.isoformat()


def week_value(d: dt.date, suffix: str = "") -> str:
    """The ISO week of ``d``: "2022-W48" (``suffix`` "-WE" for its weekend)."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}{suffix}"


def month_value(year: int, month: int) -> str:
    """A month as a TIMEX3 value: "2022-12"."""
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    t = year * 12 + month - 1 + k
    return t // 12, t % 12 + 1


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest(pub: dt.date, make: Callable[[int], dt.date | None], future: bool) -> dt.date | None:
    """The candidate (last, this, next year) nearest ``pub``; the far side counts triple.

    News reports mostly look back, so a future candidate wins only when it is less than a
    third as far away as the past one; in a clause that looks ahead a past candidate wins
    only when it is less than a tenth as far away ("will ... after the Aug. 7 blasts").
    """
    best: tuple[int, dt.date] | None = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        d = make(year)
        if d is None:
            continue
        delta = (d - pub).days
        far_side = delta < 0 if future else delta > 0
        cost = abs(delta) * ((10 if future else 3) if far_side else 1)
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m - 7 * ((a + 11 * h + 22 * m) // 451) + 114)
    return dt.date(year, n // 31, n % 31 + 1)


def holiday_date(spec: dict[str, int], year: int) -> dt.date | None:
    """The day of a holiday of data/temporal.json in ``year`` (fixed, nth weekday, Easter-based)."""
    if "easter" in spec:
        return _easter(year) + dt.timedelta(days=spec["easter"])
    month = spec["month"]
    if "day" in spec:
        return safe_date(year, month, spec["day"])
    weekday, nth = spec["weekday"], spec["nth"]
    if nth > 0:
        first = dt.date(year, month, spec.get("from_day", 1))  # Election Day: Nov. 2 to 8
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    y2, m2 = _shift_month(year, month, 1)
    last = dt.date(y2, m2, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def weekday_date(pub: dt.date, weekday: int, rel: str, future: bool) -> dt.date:
    """The day a weekday (ISO number) names from ``pub``: "last"/"next"/"this" as said,
    else the latest on or before ``pub``, or the first on or after it when ``future``."""
    back = (pub.isoweekday() - weekday) % 7
    ahead = (weekday - pub.isoweekday()) % 7
    if rel in ("last", "past", "this past"):
        return pub - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return pub + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return pub + dt.timedelta(days=weekday - pub.isoweekday())
    return pub + dt.timedelta(days=ahead) if future else pub - dt.timedelta(days=back)


# --------------------------------------------------------------------------- words to values


def month_of(token: str) -> int | None:
    """A month number for a month word; lower-case words ("may", "march") are not months."""
    if not token or token[0].islower():
        return None
    return word_lists()["months"].get(normalize(token))


def number_of(token: str) -> float | None:
    """A number written in digits or words ("3", "three", "twenty-five"), else None."""
    t = normalize(token).replace("-", " ")
    words = word_lists()["numbers"]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in words:
        return float(words[t])
    parts = t.split()
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        return float(words[parts[0]] + words[parts[1]])
    return None


def year_number(token: str) -> int | None:
    """A year written in digits ("1996") or spoken ("nineteen ninety-six", "two thousand")."""
    t = normalize(token).replace("-", " ")
    if t.isdigit():
        return int(t)
    words = t.split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(number_of(words[-1]) or 0) if len(words) > 2 else 2000
    if len(words) < 2 or words[0] not in ("nineteen", "twenty"):
        return None
    rest = number_of(" ".join(words[1:]))
    return None if rest is None else (19 if words[0] == "nineteen" else 20) * 100 + int(rest)


def past_tense(word: str) -> bool:
    """Whether a lower-case word reads as a verb in the past tense: "reported", "rose" (not
    "need", "succeed", "red")."""
    return (len(word) > 4 and word.endswith("ed") and not word.endswith("eed")) or \
        word in word_lists()["irregular_pasts"]


def unit_of(token: str) -> str:
    """The singular unit of a unit word: "days" -> "day", "centuries" -> "century"."""
    t = normalize(token)
    return "century" if t.startswith("centur") else t.rstrip("s")


def duration_value(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: (3, "day") -> "P3D", (2, "hour") -> "PT2H", (None, "year") -> "PXY"."""
    code = word_lists()["units"].get(unit, "X")
    q = "X" if n is None else _fmt(n)
    if code == "DE":
        return f"P{_fmt(n * 10)}Y" if n is not None else "PXDE"
    if code == "CE":
        return f"P{_fmt(n * 100)}Y" if n is not None else "PXCE"
    if code.startswith("T"):
        return f"PT{q}{code[1]}"
    return f"P{q}{code}"


def shifted(ref: dt.date, unit: str, k: int) -> str | None:
    """``ref`` moved by ``k`` units, written at that unit's granularity."""
    if unit in ("day", "night", "morning", "afternoon", "evening", "hour", "minute", "second"):
        days = k if unit not in ("hour", "minute", "second") else 0
        return day_value(ref + dt.timedelta(days=days))
    if unit == "week":
        return week_value(ref + dt.timedelta(weeks=k))
    if unit == "weekend":
        return week_value(ref + dt.timedelta(weeks=k), "-WE")
    if unit == "month":
        return month_value(*_shift_month(ref.year, ref.month, k))
    if unit == "quarter":
        y, m = _shift_month(ref.year, ref.month, 3 * k)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "year":
        return f"{ref.year + k:04d}"
    if unit == "decade":
        return str(ref.year // 10 + k)
    if unit == "century":
        return str(ref.year // 100 + k)
    return None


def season_year(pub: dt.date, start: int, rel: str, future: bool) -> int:
    """The year of the season starting in month ``start`` that "last"/"next"/"this" or
    nothing names from ``pub`` (a winter belongs to the year it starts in)."""
    def begins(y: int) -> dt.date:
        return dt.date(y, start, 1)

    def ends(y: int) -> dt.date:
        y2, m2 = _shift_month(y, start, 3)
        return dt.date(y2, m2, 1)

    if rel in ("last", "past", "this past"):
        return max(y for y in range(pub.year - 2, pub.year + 1) if ends(y) <= pub)
    if rel in ("next", "coming", "this coming"):
        return min(y for y in range(pub.year - 1, pub.year + 2) if begins(y) > pub)
    current = pub.year - (1 if start == 12 and pub.month <= 2 else 0)
    if rel == "this" or future or begins(current) <= pub:
        return current
    return current - 1


def anchor_of(value: str | None) -> tuple[dt.date, DatePrecision] | None:
    """The first day of a dated TIMEX3 value and its precision, for anaphora to count from:
    "2022-W48" -> (2022-11-28, "week"); None for "XXXX-12-02", "PAST_REF", "P3D"."""
    if not value or value.startswith("X"):
        return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4]))?$", value[:10])
    if not m:
        return None
    try:
        return _anchor(m)
    except ValueError:  # no such day: "0000" (last year, in a paper of the year 1)
        return None


def _anchor(m: re.Match[str]) -> tuple[dt.date, DatePrecision]:
    year = int(m.group(1))
    if m.group(4):
        return dt.date.fromisocalendar(year, int(m.group(4)), 1), "week"
    if m.group(5):
        return dt.date(year, 3 * int(m.group(5)) - 2, 1), "quarter"
    if m.group(3):
        return dt.date(year, int(m.group(2)), int(m.group(3))), "day"
    if m.group(2):
        return dt.date(year, int(m.group(2)), 1), "month"
    return dt.date(year, 1, 1), "year"
