"""Temporal expressions: find them in news text and resolve them against the publication date.

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
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..model import DateExpr, DatePrecision
from .calendar import (
    _alt,
    _anchor_of,
    _day,
    _duration_value,
    _holiday,
    _month,
    _month_of,
    _nearest,
    _norm,
    _number,
    _safe_date,
    _season_year,
    _shifted,
    _unit,
    _week,
    _weekday_date,
    _words,
    _year_number,
    precision_of,
)

__all__ = ["precision_of", "resolve_value", "tag_dates"]

_PREPOSITIONS = frozenset(
    re.findall(r"\w+", "in on since until till by of from through during before after early "
               "late mid last next this and or to between around about circa the")
)
_AFTER_THE = (
    "past last next first coming final previous following remaining latest most recent current "
    "same prior preceding year quarter day week month weekend end beginning start middle fiscal "
    "calendar future near short distant full twentieth nineteenth twenty nineteen fourth years "
    "months weeks days decades centuries decade century period night morning"
)
_PAST_CUES = (
    r"said|says|told|announced|added|stated|declared|reported|was|were|had|did|predicted|"
    r"insisted|warned|noted|confirmed|denied|claimed|explained|acknowledged|admitted|argued|"
    r"complained|disclosed|revealed|testified|wrote|replied|recalled"
)
_FUTURE_CUES = (
    r"will|won't|'ll|’ll|shall|going\s+to|plan(?:s|ned|ning)?\s+(?:to|for)|scheduled?|"
    r"(?<!-)expected|expects|set\s+(?:to|for)|slated|is\s+to|are\s+to|due|as\s+soon\s+as|as\s+early\s+as|upcoming|"
    r"to\s+be\s+held|intends?\s+to|hopes?\s+to|payable|effective|would"
)

_TITLE_RULES = frozenset({"relday", "rel_unit", "ref", "anaphor"})  # not in names
_TRIGGERS = {  # rule -> the words that can start it (# a digit, @group a word list)
    "iso": "#", "slash": "#", "md": "@weekdays @mod @months", "dm": "@weekdays the #",
    "my": "@mod @months", "holiday": "@rel @holidays", "half": "the first second last",
    "quarter": "the last this next current # fiscal calendar @ordinals q1 q2 q3 q4",
    "quarter_rel": "the latest most recent current this previous past last next coming year same "
                   "prior preceding that comparable",
    "decade": "the early late mid # @decades nineteen", "ago": "@quant @numbers #",
    "vague_ago": "a few several many some @units", "anaphor": "earlier later that the",
    "relday": "@mod yesterday today tomorrow tonight last this", "time": "# noon midnight",
    "rel_unit": "@mod @rel the current previous over", "weekday": "@rel @mod @weekdays",
    "season": "@mod @rel the @seasons", "month": "@mod @rel @months",
    "year": "@mod fiscal calendar the pre post end start #",
    "spoken_year": "the nineteen twenty two",
    "century": "the # @century", "year_ago": "year around", "duration": "@quant @numbers #",
    "set": "every each per daily nightly weekly monthly annually yearly hourly once twice "
           "@numbers #",
    "vague_duration": "@vague for over within in after took",
    "ref": "now nowadays currently at these presently current recently recent lately the formerly "
           "coming past",
}


# --------------------------------------------------------------------------- scanning


class _Hit(NamedTuple):
    start: int
    end: int
    type: str
    value: str | None
    anaphoric: bool = False
    explicit: bool = False


@dataclass
class _Ctx:
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
        scanner = _scanner()
        cut = 0
        for b in scanner.boundary.finditer(window):
            word = b.group("bw") or ""
            initial = len(word) == 1 and word.isalpha()
            if "\n" in b.group() or not (initial or word.lower() in scanner.abbrevs):
                cut = b.end()
        cues = scanner.future.findall(window, cut)
        return bool(cues) and bool(cues[-1][0])

    def _past_until(self, start: int) -> bool:
        before = self.text[max(0, start - 30) : start]
        if re.search(r"\b(?:was|were)(?:\s+not|n['’]t)\s+until\s+$", before, re.IGNORECASE):
            return True
        after = re.split(r"[.!?;]\s", self.text[start : start + 80], maxsplit=1)[0]
        return re.search(r"\bhad\b", after) is not None

    def prev_word(self, start: int) -> str:
        m = re.search(r"([A-Za-z]+)\W*$", self.text[max(0, start - 20) : start])
        return m.group(1).lower() if m else ""

    def reference(self, unit: str) -> dt.date | None:
        """The date an anaphoric expression counts from: the last one mentioned, else pub."""
        need = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month")}
        if self.anchor and self.anchor[1] in need.get(unit, ("day", "week", "month", "year")):
            return self.anchor[0]
        return self.pub


Handler = Callable[[re.Match[str], _Ctx], "_Hit | None"]


@dataclass(frozen=True)
class _Scanner:
    sources: dict[str, str]  # rule name -> regex source, in priority order
    triggers: dict[str, tuple[str, ...]]  # first token ("#" for digits) -> rules it can start
    handlers: dict[str, Handler]
    future: re.Pattern[str]
    boundary: re.Pattern[str]  # a sentence end: "(word). " (an abbreviation's is no end)
    abbrevs: frozenset[str]
    second_day: re.Pattern[str]  # "... and 25" after "April 24"
    tokens: re.Pattern[str]
    next_word: re.Pattern[str]
    after_the: frozenset[str]  # words that can follow "the" in a temporal expression


def _g(m: re.Match[str], name: str) -> str:
    return m.group(name) or ""


def _span(m: re.Match[str], ctx: _Ctx, typ: str, value: str | None, **kw: bool) -> _Hit:
    return _Hit(m.start(), m.end(), typ, value, **kw)


# --- explicit dates


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    d = _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
    return _span(m, ctx, "DATE", _day(d), explicit=True) if d else None


def _h_slash(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, b, y = int(m.group("sl_a")), int(m.group("sl_b")), m.group("sl_y")
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    month, day = (a, b) if a <= 12 else (b, a)
    d = _safe_date(year, month, day)
    return _span(m, ctx, "DATE", _day(d), explicit=True) if d else None


def _month_day(m: re.Match[str], ctx: _Ctx, mon: str, day: str, year: str) -> _Hit | None:
    month = _month_of(mon)
    dnum = int(re.sub(r"\D", "", day))
    if month is None or _safe_date(2000, month, dnum) is None:
        return None
    if year:
        d = _safe_date(int(year), month, dnum)
        return _span(m, ctx, "DATE", _day(d), explicit=True) if d else None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XXXX-{month:02d}-{dnum:02d}", explicit=True)
    d = _nearest(ctx.pub, lambda y: _safe_date(y, month, dnum), ctx.future(m.start()))
    return _span(m, ctx, "DATE", _day(d) if d else None, explicit=True)


def _h_md(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    hit = _month_day(m, ctx, m.group("md_mon"), m.group("md_day"), _g(m, "md_y"))
    if hit and hit.value and _g(m, "md_wk") and precision_of(hit.value) == "day":
        # "the week of March 6": that date's week
        return hit._replace(value=_week(dt.date.fromisoformat(hit.value)))
    return hit


def _h_dm(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _month_day(m, ctx, m.group("dm_mon"), m.group("dm_day"), _g(m, "dm_y"))


def _h_my(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month = _month_of(m.group("my_mon"))
    if month is None:
        return None
    year = _year_number(m.group("my_y"))
    return _span(m, ctx, "DATE", _month(year, month), explicit=True) if year else None


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    name = m.group("ho")
    if not any(c.isupper() for c in name):
        return None
    spec = _words()["holidays"][_norm(name)]
    rel, year = _norm(_g(m, "ho_rel")), _g(m, "ho_y")
    if year:
        d = _holiday(spec, int(year))
        return _span(m, ctx, "DATE", _day(d) if d else None, explicit=True)
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    pub = ctx.pub
    cands = [d for d in (_holiday(spec, y) for y in range(pub.year - 1, pub.year + 2)) if d]
    if rel in ("last", "this past"):
        d = max((c for c in cands if c < pub), default=None)
    elif rel in ("next", "coming", "this coming"):
        d = min((c for c in cands if c > pub), default=None)
    elif rel == "this":
        d = _holiday(spec, pub.year)
    else:
        d = _nearest(pub, lambda y: _holiday(spec, y), ctx.future(m.start()))
    return _span(m, ctx, "DATE", _day(d) if d else None)


# --- quarters, halves, decades, years, seasons, months


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    q = _words()["ordinals"].get(_norm(_g(m, "q_o"))) or int(_g(m, "q_n") or 0)
    if not q:
        return None
    year_s = _g(m, "q_y") or _g(m, "q_y2") or _g(m, "q_y3") or _g(m, "q_yp")
    pre = _norm(_g(m, "q_pre") + " " + _g(m, "q_of"))
    if year_s:
        return _span(m, ctx, "DATE", f"{year_s}-Q{q}", explicit=True)
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XXXX-Q{q}")
    year = ctx.pub.year
    if "last" in pre or "previous" in pre or "year-" in pre:
        year -= 1
    elif "next" in pre:
        year += 1
    elif "this" not in pre and "current" not in pre and (q - 1) * 3 + 1 > ctx.pub.month:
        year -= 1
    return _span(m, ctx, "DATE", f"{year:04d}-Q{q}")


def _h_quarter_rel(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if _g(m, "qr_y"):  # "the 1988 period": that year's quarter like the one reported
        year = m.group("qr_y")
        q = f"-Q{(ctx.quarter.month - 1) // 3 + 1}" if ctx.quarter and not ctx.year_to_date else ""
        return _span(m, ctx, "DATE", year + q, explicit=True)
    rel = _norm(_g(m, "qr") or _g(m, "qr2") or "the")
    ref: dt.date | None = ctx.pub
    shift = {"current": 0, "this": 0, "next": 1, "coming": 1, "previous": -2, "prior": -2,
             "preceding": -2, "year-ago": -5, "year-earlier": -5}.get(rel, -1)
    if ctx.quarter and ctx.year_to_date and _norm(_g(m, "qr2")) in ("year-ago", "year-earlier"):
        return _span(m, ctx, "DATE", _shifted(ctx.quarter, "year", -1))
    if rel == "this" and (ctx.quarter is None or ctx.future(m.start())):
        ref, shift = ctx.pub, 0  # "this quarter" looking ahead: the current one
    elif ctx.quarter and rel in ("year-ago", "year-earlier", "the", "same", "that", "comparable",
                                 "this"):
        ref, shift = ctx.quarter, (0 if rel in ("the", "same", "that", "this") else -4)
        shift -= 4 if _g(m, "qr_ago") else 0
    if ref is None:
        return _span(m, ctx, "DATE", None)
    return _span(m, ctx, "DATE", _shifted(ref, "quarter", shift))


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    half = 1 if _norm(m.group("h")) == "first" else 2
    if _g(m, "h_y"):
        return _span(m, ctx, "DATE", f"{m.group('h_y')}-H{half}")
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XXXX-H{half}")
    k = {"last": -1, "next": 1}.get(_norm(_g(m, "h_rel")), 0)
    return _span(m, ctx, "DATE", f"{ctx.pub.year + k:04d}-H{half}")


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    tok = _norm(m.group("de"))
    if tok[:1].isdigit() and len(tok.rstrip("'s")) == 4:
        return _span(m, ctx, "DATE", tok[:3], explicit=True)
    words = _words()["decade_words"]
    digit = int(re.sub(r"\D", "", tok)[:1]) if tok[:1] == "'" else words.get(tok.split()[-1], -1)
    if digit < 0 or (tok[:1] != "'" and not _norm(m.group(0)).startswith("the")):
        return None
    if tok.startswith("nineteen"):
        return _span(m, ctx, "DATE", f"19{digit}")
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XX{digit}")
    century = ctx.pub.year // 100 - (1 if (ctx.pub.year // 100) * 100 + digit * 10 > ctx.pub.year
                                     else 0)
    return _span(m, ctx, "DATE", f"{century}{digit}")


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    year = int(m.group("y"))
    if not _g(m, "y_mod") and not _g(m, "y_pp") and not _g(m, "y_mod2"):
        prev = ctx.prev_word(m.start())
        after = ctx.text[m.end() : m.end() + 30]
        # "2,012 votes" is a number: "1990 elections" too, unless a determiner or an owner
        # makes it a year's ("the 2012 results", "the firm's 2012 results")
        counted = re.match(r"\s+[a-z]+s\b", after) and not re.search(
            r"(?:\b(?:the|its|their|his|her|our|this|that|these|those)|['’]s?)\s+$",
            ctx.text[max(0, m.start() - 12) : m.start()], re.IGNORECASE)
        if prev not in _PREPOSITIONS and year < 1900 or counted and (
                prev not in _PREPOSITIONS or prev in ("about", "around", "circa")):
            return None
    return _span(m, ctx, "DATE", f"{year:04d}", explicit=True)


def _h_spoken_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    year = _year_number(m.group("sy"))
    return _span(m, ctx, "DATE", f"{year:04d}", explicit=True) if year else None


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    token = _norm(m.group("ce"))
    n = int(token[:-2]) if token[:1].isdigit() else _words()["century_ordinals"].get(token, 0)
    return _span(m, ctx, "DATE", f"{n - 1:02d}") if n else None


def _h_year_ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """The adjective "year-ago"/"year-earlier" (the quarter a year before the last one
    mentioned, else last year) and "year-end" (the current year)."""
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if _g(m, "ye"):
        return _span(m, ctx, "DATE", f"{ctx.pub.year:04d}")
    if ctx.quarter:
        unit = "year" if ctx.year_to_date else "quarter"
        return _span(m, ctx, "DATE", _shifted(ctx.quarter, unit, -1 if ctx.year_to_date else -4))
    return _span(m, ctx, "DATE", f"{ctx.pub.year - 1:04d}")


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    code = _words()["seasons"][_norm(m.group("se"))]
    rel = _norm(_g(m, "se_rel"))
    if _g(m, "se_y"):
        return _span(m, ctx, "DATE", f"{_year_number(m.group('se_y')):04d}-{code}",
                     explicit=True)
    if re.match(r"\s+of\b", ctx.text[m.end() :]):
        return None
    bare = not rel and not _g(m, "se_mod")
    if bare and (code == "FA" or ctx.prev_word(m.start()) not in ("in", "during", "over")):
        return None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None if rel in ("last", "next") else f"XXXX-{code}")
    start = _words()["season_start_month"][code]
    year = _season_year(ctx.pub, start, rel, ctx.future(m.start()))
    return _span(m, ctx, "DATE", f"{year:04d}-{code}")


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    token = m.group("mo")
    month = _month_of(token)
    rel, mod = _norm(_g(m, "mo_rel")), _g(m, "mo_mod")
    if month is None:
        return None
    ambiguous = _norm(token) in _words()["ambiguous_months"] and not rel and not mod
    if ambiguous and (ctx.prev_word(m.start()) not in _PREPOSITIONS
                      or re.match(r"\s+of\s+(?:the\s+)?[A-Z]", ctx.text[m.end() : m.end() + 30])):
        return None  # "the March of the Combatant Mothers" is a march
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None if rel in ("last", "next") else f"XXXX-{month:02d}")
    pm, year = ctx.pub.month, ctx.pub.year
    if _g(m, "mo_ry"):
        year += {"last": -1, "next": 1}.get(_norm(m.group("mo_ry")), 0)
    elif rel in ("last", "past", "this past"):
        year -= 1 if month >= pm else 0
    elif rel in ("next", "coming", "this coming"):
        year += 1 if month <= pm else 0
    elif rel != "this":
        d = _nearest(ctx.pub.replace(day=1), lambda y: dt.date(y, month, 1),
                     ctx.future(m.start()))
        year = d.year if d else year
    return _span(m, ctx, "DATE", _month(year, month))


# --- relative and anaphoric expressions


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    n = _number(m.group("ago_n"))
    unit = _unit(m.group("ago_u"))
    direction = _norm(m.group("ago_d"))
    if n is None or not n.is_integer():
        return _span(m, ctx, "DATE", "FUTURE_REF" if direction in ("later", "from now")
                     else "PAST_REF")
    k = int(n) * (1 if direction in ("later", "after", "from now", "hence") else -1)
    anaphoric = direction in ("earlier", "later", "before", "after")
    if ctx.quarter and unit == "year":
        if ctx.year_to_date:  # "for the nine months ... a year earlier": that year
            return _span(m, ctx, "DATE", _shifted(ctx.quarter, "year", k))
        return _span(m, ctx, "DATE", _shifted(ctx.quarter, "quarter", 4 * k))
    ref = ctx.reference(unit) if anaphoric else ctx.pub
    value = _shifted(ref, unit, k) if ref else None
    return _span(m, ctx, "DATE", value, anaphoric=anaphoric)


def _h_vague_ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    later = _norm(m.group("va_d")) in ("later", "from now")
    return _span(m, ctx, "DATE", "FUTURE_REF" if later else "PAST_REF")


def _h_anaphor(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    text = _norm(m.group("an"))
    unit = next((u for u in ("day", "week", "month", "year", "morning", "afternoon", "evening",
                             "night") if u in text.split()), None)
    if unit is None:  # "that overnight": the pattern saw "night" inside another word
        return None
    if any(w in text for w in ("previous", "preceding", "before", "earlier", "prior")):
        k = -1
    elif any(w in text for w in ("next", "following", "after", "later")):
        k = 1
    else:
        k = 0
    ref = ctx.reference("day" if unit not in ("week", "month", "year") else unit)
    value = _shifted(ref, unit, k) if ref else None
    return _span(m, ctx, "DATE", value, anaphoric=True)


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    rel = _norm(_g(m, "ru_rel") or "this")
    unit = _unit(_g(m, "ru_u") or _g(m, "ru_u2") or _g(m, "ru_u3") or _g(m, "ru_u4"))
    if _g(m, "ru_u4") and re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end() :]):
        return _span(m, ctx, "DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if rel in ("the last", "the past") and unit in ("decade", "century"):
        return _span(m, ctx, "DURATION", "P10Y" if unit == "decade" else "P100Y")
    k = {"last": -1, "past": -1, "the past": -1, "the last": -1, "previous": -1,
         "the previous": -1, "next": 1, "coming": 1, "the coming": 1, "the next": 1,
         "this coming": 1}.get(rel, 0)
    pub = ctx.pub
    if unit == "weekend" and k == 0 and pub.isoweekday() < 6 and not ctx.future(m.start()):
        k = -1
    return _span(m, ctx, "DATE", _shifted(pub, unit, k))


def _h_relday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = _norm(m.group("rd"))
    k = {"yesterday": -1, "tomorrow": 1, "last night": -1, "the day before yesterday": -2,
         "the day after tomorrow": 2}.get(word, 0)
    if word in ("today", "tomorrow") and _generic_day(ctx.text, m.end()):
        return None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    return _span(m, ctx, "DATE", _day(ctx.pub + dt.timedelta(days=k)))


def _generic_day(text: str, end: int) -> bool:
    """ "today's world", "tomorrow's children": the present or future in general, no date."""
    m = re.match(r"['’]s\s+([a-z]+)\b(?:\s+([a-z]+)\b)?", text[end : end + 40], re.IGNORECASE)
    generic = _words()["generic_after_today"]
    return m is not None and any((w or "").lower() in generic for w in m.groups())


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    weekday = _words()["weekdays"][_norm(m.group("wd"))]
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if _g(m, "wd_an"):  # "the previous Friday": the one before the day the story is at
        ref = ctx.reference("day") or ctx.pub
        after = _norm(m.group("wd_an")) in ("following", "next")
        d = _weekday_date(ref, weekday, "next" if after else "last", after)
        return _span(m, ctx, "DATE", _day(d), anaphoric=True)
    rel = _norm(_g(m, "wd_rel"))
    d = _weekday_date(ctx.pub, weekday, rel, ctx.future(m.start()))
    return _span(m, ctx, "DATE", _day(d))


def _h_time(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if _g(m, "t_noon"):
        hour, minute = (12, 0) if _norm(m.group("t_noon")) == "noon" else (24, 0)
    else:
        hour, minute = int(m.group("t_h")), int(_g(m, "t_m") or 0)
        pm = _norm(m.group("t_ap")).startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = (hour % 12) + (12 if pm else 0)
    day_word = _norm(_g(m, "t_day") or _g(m, "t_day2"))
    day: str | None = "XXXX-XX-XX"
    if ctx.pub is not None:
        day = _day(ctx.pub)
        if day_word in _words()["weekdays"]:
            future = ctx.future(m.start())
            day = _day(_weekday_date(ctx.pub, _words()["weekdays"][day_word], "", future))
        elif _g(m, "t_mon"):
            month, dnum = _month_of(m.group("t_mon")), int(re.sub(r"\D", "", m.group("t_md")))
            d = _nearest(ctx.pub, lambda y: _safe_date(y, month or 0, dnum),
                         ctx.future(m.start())) if month else None
            day = _day(d) if d else day
        elif day_word in ("yesterday", "tomorrow"):
            day = _day(ctx.pub + dt.timedelta(days=-1 if day_word == "yesterday" else 1))
    return _span(m, ctx, "TIME", f"{day}T{hour:02d}:{minute:02d}")


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = _norm(m.group("rf"))
    if word == "now" and _discourse_now(ctx.text, m.start(), m.end()):
        return None
    if word.startswith(("recent", "the past", "past", "previously", "formerly", "lately")):
        value = "PAST_REF"
    elif "future" in word or "coming" in word or word.endswith(" term"):
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return _span(m, ctx, "DATE", value)


def _discourse_now(text: str, start: int, end: int) -> bool:
    """ "Now, he says, ...": "now" opening a sentence before a comma turns the argument; it
    dates nothing ("Now the ninth circuit court ..." does)."""
    opens = re.search(r"(?:^|[.!?:;\n][\"'”’)]*)[\s\"'“‘`]*$", text[max(0, start - 8) : start])
    return opens is not None and re.match(r"\s*,", text[end : end + 2]) is not None


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    n = _number(m.group("du_n"))
    if n is None:
        return None
    if _g(m, "du_half"):
        n += 0.5
    if _norm(m.group(0)) == "one day" and ctx.prev_word(m.start()) in _words()["modals"]:
        return _span(m, ctx, "DATE", "FUTURE_REF")  # "Islam will one day be ..."
    return _span(m, ctx, "DURATION", _duration_value(n, _unit(m.group("du_u"))))


def _h_vague_duration(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    unit = _unit(m.group("dv_u") or m.group("db_u"))
    start = m.start("db_u") if m.group("db_u") else m.start()
    return _Hit(start, m.end(), "DURATION", _duration_value(None, unit))


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    adverb = _norm(_g(m, "st_adv"))
    if adverb:
        code = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}[adverb]
        return _span(m, ctx, "SET", code)
    unit = _norm(_g(m, "st_u") or _g(m, "st_u2"))
    n_word = _norm(_g(m, "st_n"))
    n = 2.0 if n_word == "other" else (_number(n_word) if n_word else 1.0)
    if unit in _words()["weekdays"] or unit.rstrip("s") in _words()["weekdays"]:
        return _span(m, ctx, "SET", f"XXXX-WXX-{_words()['weekdays'][unit.rstrip('s')]}")
    if unit in _words()["parts_of_day"]:
        return _span(m, ctx, "SET", f"XXXX-XX-XXT{_words()['parts_of_day'][unit]}")
    if unit == "weekend":
        return _span(m, ctx, "SET", "XXXX-WXX-WE")
    return _span(m, ctx, "SET", _duration_value(n, _unit(unit)))


# --------------------------------------------------------------------------- the scanner


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    w = _words()
    decade_words = _alt(list(w["decade_words"]))
    holidays = _alt(list(w["holidays"]))
    numbers = _alt(list(w["numbers"]))
    seasons = _alt(list(w["seasons"]))
    vague_numbers = _alt(list(w["vague_numbers"]))
    weekdays = _alt(list(w["weekdays"]))
    full = [k for k in w["months"] if len(k) > 4 or k in ("may", "june", "july")]
    abbr = [k for k in w["months"] if k not in full]
    month_full = rf"(?:{_alt(full)})\b"
    month_any = rf"(?:(?:{_alt(full)})\b|(?:{_alt(abbr)})\b\.?)"
    weekday = rf"(?:{weekdays})\b"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![\d%]|[:.]\d)"
    year = r"(?:1[6-9]|20)\d\d(?![\d%]|,\d|\.\d|\s*(?:percent|per\s+cent|%))"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    spoken = (rf"(?:nineteen|twenty)[\s-]+(?:{tens})(?:[\s-](?:{ones}))?\b|"
              rf"two\s+thousand(?:\s+and\s+(?:{ones})\b)?")
    year_any = rf"(?:{year}|{spoken})"
    century_words = _alt(list(w["century_ordinals"]))
    num = rf"(?:\d+(?:\.\d+)?|(?:{tens})[\s-](?:{ones})|{numbers})\b"
    unit = r"(?:seconds|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b"
    unit1 = r"(?:minute|hour|day|week|month|year|decade|century)"
    units_pl = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
    mod = r"(?:early|late|earlier|later|mid|the\s+(?:end|beginning|start|middle)\s+of)"
    parts = _alt(list(w["parts_of_day"]))
    rel = r"this\s+past|this\s+coming|last|this|next|past|coming"
    ordinal = _alt(list(w["ordinals"]))
    tz = _alt(list(w["timezones"]))
    quant = (r"about|nearly|almost|some|more\s+than|less\s+than|at\s+least|up\s+to|over|only|"
             r"just|roughly|around|approximately|another|an\s+additional|a\s+further|barely|"
             r"exactly|the\s+past|the\s+last|the\s+next|the\s+first|the\s+coming|the\s+final|"
             r"the\s+previous|the\s+following|the\s+remaining|the\s+latest")
    rules: list[tuple[str, str, Handler]] = [
        ("iso", r"(?P<iso_y>(?:1[6-9]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-"
                r"(?P<iso_d>0[1-9]|[12]\d|3[01])(?!\d)", _h_iso),
        ("slash", r"(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4}|\d{2})(?![\d/])", _h_slash),
        ("md", rf"(?:(?P<md_wk>the\s+week\s+of)\s+)?(?:{weekday},?\s+)?(?:{mod}[\s-]+)?"
               rf"(?P<md_mon>{month_any})\s*"
               rf"(?P<md_day>{day})(?:(?:,\s*|\s+)(?P<md_y>{year}))?", _h_md),
        ("dm", rf"(?:{weekday},?\s+)?(?:the\s+)?(?P<dm_day>{day})(?:\s+of)?\s+"
               rf"(?P<dm_mon>{month_any})(?:,?\s+(?P<dm_y>{year}))?", _h_dm),
        ("my", rf"(?:{mod}[\s-]+)?(?P<my_mon>{month_any}),?\s+(?:of\s+)?(?P<my_y>{year_any})",
         _h_my),
        ("holiday", rf"(?:(?P<ho_rel>{rel})\s+)?(?P<ho>{holidays})\b"
                    rf"(?:,?\s+(?P<ho_y>{year}))?", _h_holiday),
        ("quarter", rf"(?:(?P<q_pre>(?:the\s+)?(?:(?:last|this|next|current|previous)\s+year['’]s|"
                    rf"year-ago|year-earlier)|"
                    rf"(?P<q_yp>{year})['’]?s?|last|this|next|the|current|the\s+current)\s+)?"
                    rf"(?:(?:fiscal|calendar)\s+)?(?P<q_o>{ordinal})[\s-]+quarter\b"
                    rf"(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?P<q_y>{year})|,?\s+(?P<q_y2>{year})"
                    r"|\s+of\s+(?P<q_of>last|this|next|the\s+previous|the\s+current)\s+year\b)?"
                    rf"|Q(?P<q_n>[1-4])(?:\s+|/)?(?P<q_y3>{year})?\b", _h_quarter),
        ("quarter_rel", r"(?:the\s+)?(?P<qr>latest|most\s+recent|recent|current|this|previous|past|"
                        r"last|next|coming|year-ago|year-earlier|same|prior|preceding|"
                        r"comparable\s+year-ago)\s+"
                        r"(?:fiscal\s+)?quarter\b|the\s+(?P<qr2>year-ago|year-earlier|latest|"
                        r"comparable)\s+period\b|(?P<qr3>the|that)\s+quarter\b(?P<qr_ago>\s+a\s+year\s+(?:ago|earlier)\b)?"
                        r"|the\s+(?P<qr_y>(?:1[6-9]|20)\d\d)\s+(?:period|quarter)\b",
         _h_quarter_rel),
        ("half", rf"(?:the\s+)?(?P<h>first|second|last)\s+half\s+of\s+(?:(?P<h_rel>this|last|next|"
                 rf"the)\s+year|(?:fiscal\s+)?(?P<h_y>{year}))", _h_half),
        ("decade", rf"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<de>(?:1[6-9]|20)\d0['’]?s|"
                   rf"['’]\d0s|(?:nineteen[\s-]+)?(?:{decade_words}))\b", _h_decade),
        ("ago", rf"(?:(?:{quant})\s+)?(?P<ago_n>{num})[\s-]+(?P<ago_u>{unit})\s+(?:or\s+so\s+)?"
                r"(?P<ago_d>ago|earlier|later|from\s+now|hence|back|"
                r"(?:before|after)(?=\s*[^\w\s]|\s*$))", _h_ago),
        ("vague_ago", rf"(?:(?:a\s+few|few|several|many|some)\s+)?{units_pl}\s+"
                      r"(?P<va_d>ago|earlier|later|from\s+now)", _h_vague_ago),
        ("relday", rf"(?:(?:early|late|earlier|later)\s+)?(?P<rd>the\s+day\s+before\s+yesterday|"
                   r"the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|"
                   rf"last\s+night|this\s+(?:{parts}))(?:\s+(?:{parts}))?\b", _h_relday),
        ("anaphor", rf"(?:(?:earlier|later)\s+)?(?P<an>(?:that|the\s+same)(?:\s+same)?\s+"
                    rf"(?:day|week|month|year|{parts})|the\s+(?:previous|next|following|"
                    rf"preceding|prior)\s+(?:day|week|month|year|{parts})|the\s+"
                    rf"(?:day|week|month|year|night)\s+(?:before|after|earlier|prior)"
                    r"(?=\s*[^\w\s]|\s*$|\s+on\b))\b", _h_anaphor),
        ("rel_unit", rf"(?:{mod}[\s-]+)?(?P<ru_rel>{rel}|the\s+past|the\s+last|the\s+coming|"
                     r"the\s+current|current|the\s+previous|previous)\s+(?:fiscal\s+)?"
                     r"(?P<ru_u>weekend|week|month|year|decade|century)\b(?!-)"
                     rf"|{mod}\s+(?:in\s+)?(?:the|this)\s+(?:fiscal\s+)?"
                     r"(?P<ru_u2>week|month|year)\b"
                     r"|(?:over\s+)?the\s+(?P<ru_u3>weekend)\b"
                     r"|the\s+(?:(?:full|fiscal|calendar)[\s-]+)?(?P<ru_u4>year)\b(?![-\w])"
                     r"(?!\s+(?:ago|earlier|before|after|later|two|nineteen|when|in\s+which|"
                     r"that|\d)\b)", _h_rel_unit),
        ("time", rf"(?P<t_h>\d{{1,2}})(?:[:.](?P<t_m>[0-5]\d))?\s*(?P<t_ap>[ap]\.?\s?m\b\.?)"
                 rf"(?:\s+(?:{tz})\b)?(?:,?\s+(?:on\s+)?(?P<t_day>{weekday}|today|yesterday|"
                 rf"tomorrow|(?P<t_mon>{month_any})\s*(?P<t_md>{day})))?|(?P<t_noon>noon|midnight)(?:\s+(?:on\s+)?"
                 rf"(?P<t_day2>{weekday}|today|yesterday|tomorrow))?", _h_time),
        ("weekday", rf"(?:(?P<wd_rel>{rel}|early|late|earlier|later)\s+|the\s+(?P<wd_an>previous|"
                    rf"preceding|following|next)\s+)?(?P<wd>{weekday})"
                    rf"(?:\s+(?:{parts})\b)?", _h_weekday),
        ("season", rf"(?:(?P<se_mod>early|late|mid)[\s-]+)?(?:(?P<se_rel>{rel}|the)\s+)?"
                   rf"(?P<se>{seasons})\b(?:\s+(?:of\s+)?(?P<se_y>{year_any}))?",
         _h_season),
        ("month", rf"(?:(?P<mo_mod>{mod})[\s-]+)?(?:(?P<mo_rel>{rel})\s+)?(?P<mo>{month_full})"
                  r"(?!\s*\d)(?:,?\s+(?P<mo_ry>this|last|next)\s+year\b)?", _h_month),
        ("year", rf"(?:(?P<y_mod>{mod}|fiscal|calendar|the\s+year)[\s-]+|(?P<y_pp>pre|post)-"
                 r"|(?P<y_mod2>end|start)-)?"
                 rf"(?P<y>{year})",
         _h_year),
        ("spoken_year", rf"(?:the\s+year\s+)?(?P<sy>{spoken})", _h_spoken_year),
        ("century", rf"(?:the\s+)?(?P<ce>[12]?\d(?:st|nd|rd|th)|{century_words})[\s-]+"
                    r"century\b", _h_century),
        ("year_ago", r"(?P<ya>year-(?:ago|earlier))\b|(?:around\s+)?"
                     r"(?P<ye>year(?:['’]s)?[\s-]end)\b", _h_year_ago),
        ("set", rf"(?:every|each|per)\s+(?:(?P<st_n>{num}|other)\s+)?(?P<st_u>{unit1}s?|"
                rf"{weekday}|{parts}|weekend)\b|(?P<st_adv>daily|nightly|weekly|monthly|"
                r"annually|yearly|hourly)\b|(?:once|twice|" + num +
                rf"\s+times)\s+(?:a|an|per|each|every)\s+(?P<st_u2>{unit1})\b", _h_set),
        ("duration", rf"(?:(?:{quant})\s+)?(?P<du_n>{num})(?P<du_half>\s+and\s+a\s+half)?"
                     rf"[\s-]+(?P<du_u>{unit})(?!-old|-ago|-earlier)", _h_duration),
        ("vague_duration", rf"(?:(?:{vague_numbers})\s+(?P<dv_u>{units_pl})|"
                           rf"(?:for|over|within|in|after|took)\s+(?P<db_u>{units_pl}))\b",
         _h_vague_duration),
        ("ref", r"(?P<rf>now|nowadays|currently|at\s+present|these\s+days|at\s+the\s+moment|"
                r"presently|current|recently|recent\s+(?:years|months|weeks|days|decades|times)|"
                r"lately|the\s+past|formerly|the\s+(?:near\s+|distant\s+)?future|"
                r"(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|"
                r"the\s+(?:near|short)\s+term|past\s+(?:years|decades))\b(?!-)", _h_ref),
    ]
    groups = {
        "@weekdays": list(w["weekdays"]), "@months": list(w["months"]),
        "@seasons": list(w["seasons"]),
        "@mod": ["early", "late", "earlier", "later", "mid", "the"],
        "@rel": ["this", "past", "last", "next", "coming"], "@ordinals": list(w["ordinals"]),
        "@holidays": list(w["holidays"]), "@decades": list(w["decade_words"]),
        "@quant": [a.split(r"\s+")[0] for a in quant.split("|")],
        "@numbers": list(w["numbers"]) + tens.split("|"), "@vague": list(w["vague_numbers"]),
        "@units": re.findall(r"[a-z]+", units_pl), "@century": list(w["century_ordinals"]),
    }
    triggers: dict[str, list[str]] = {}
    for name, _, _ in rules:
        for word in _TRIGGERS[name].split():
            for phrase in groups.get(word, [word]):
                first = re.split(r"[^\w#]", phrase)[0].lower()
                key = "#" if first[:1].isdigit() else first
                if name not in triggers.setdefault(key, []):
                    triggers[key].append(name)
    return _Scanner(
        sources={name: pattern for name, pattern, _ in rules},
        triggers={k: tuple(v) for k, v in triggers.items()},
        handlers={name: h for name, _, h in rules},
        future=re.compile(rf"\b(?:(?P<f>{_FUTURE_CUES})|(?P<p>{_PAST_CUES}))\b", re.IGNORECASE),
        boundary=re.compile(r"(?:(?P<bw>\w+)?[.!?][\"'”’)]*\s+|\n)"),
        abbrevs=frozenset(w["abbreviations"]),
        second_day=re.compile(r"\s*(?:and|or|to|through|-|–)\s*(?P<d>[12]\d|3[01]|0?[1-9])"
                              r"(?:st|nd|rd|th)?\b(?![.,:]?\d|\s*(?:%|percent|per\s+cent))"
                              r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)\b)?"),
        tokens=re.compile(r"\w+"),
        next_word=re.compile(r"[\s-]+['’]?(\w+)"),
        after_the=frozenset(
            w for g in ("@ordinals", "@mod", "@rel", "@months", "@weekdays", "@seasons",
                        "@decades", "@units") for w in groups[g]
        ) | frozenset(re.findall(r"[a-z]+", _AFTER_THE)),
    )


@lru_cache(maxsize=256)
def _subpattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of the named rules, tried where a token that can start them stands."""
    sources = _scanner().sources
    body = "|".join(f"(?P<{name}>{sources[name]})" for name in names)
    return re.compile(rf"(?<![\w$€£#@/.-])(?:{body})", re.IGNORECASE)


# --------------------------------------------------------------------------- public API


def _second_day(text: str, hit: _Hit) -> tuple[_Hit, _Hit] | None:
    """The bare day after a month-day date and "and"/"or"/"to"/"-" ("April 24 and 25"), when it
    is later in the same month and not a number of something ("5 and 6 percent"); a year after
    it ("Dec. 7 and 8, 2012") is the year of both."""
    if not hit.value or precision_of(hit.value) != "day" or hit.value[:1] == "X":
        return None
    m = _scanner().second_day.match(text, hit.end)
    if m is None or int(m.group("d")) <= int(hit.value[8:10]):
        return None
    year = int(m.group("y") or hit.value[:4])
    first = _safe_date(year, int(hit.value[5:7]), int(hit.value[8:10]))
    d = _safe_date(year, int(hit.value[5:7]), int(m.group("d")))
    if first is None or d is None:
        return None
    return hit._replace(value=_day(first)), _Hit(m.start("d"), m.end(), "DATE", _day(d), True)


def _year_to_date(text: str, hit: _Hit) -> bool:
    """Whether a duration is the reporting period of a results story that already named its
    quarter: "For the nine months, ..." (then "a year earlier" is that year, not its quarter)."""
    periods = _words()["year_to_date"]
    before = text[max(0, hit.start - 16) : hit.start].lower().split()
    first = text[hit.start : hit.end].split()[0].lower()
    return hit.value in periods["values"] and (
        bool(before) and before[-1] in periods["before"] or first in periods["before"]
    )


def _in_a_title(text: str, start: int, end: int) -> bool:
    """Whether a relative expression is (part of) a name: every word capitalised mid-sentence,
    as in ABC's "This Week" or "USA Today" (not an all-capitals headline)."""
    span = text[start:end]
    words = re.findall(r"[A-Za-z]+", span)
    if not words or span.isupper() or not all(w[0].isupper() for w in words):
        return False
    if len(words) > 1:
        return True
    before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 30) : start])
    return bool(before and before.group(1)[0].isupper())


def tag_dates(
    text: str, published: dt.date | None, *, mask: Sequence[tuple[int, int]] = ()
) -> list[DateExpr]:
    """Every temporal expression in ``text`` outside ``mask``, in order, resolved.

    ``published`` is the publication date every relative expression counts from; without it
    dates keep an unknown year ("XXXX-12-02") and relative expressions get the value None.
    """
    pub = published.date() if isinstance(published, dt.datetime) else published
    scanner = _scanner()
    ctx = _Ctx(text, pub)
    hits: list[_Hit] = []
    end = 0
    triggers, after_the = scanner.triggers, scanner.after_the
    for tok in scanner.tokens.finditer(text):
        start = tok.start()
        if start < end:
            continue
        word = tok.group()
        names: tuple[str, ...] | None
        if word[0].isdigit():
            names = triggers["#"]
            start -= 1 if start and text[start - 1] in "'’" else 0
        else:
            names = triggers.get(word.lower())
            if names is None:
                continue
            if word in ("the", "The", "THE"):
                nxt = scanner.next_word.match(text, tok.end())
                key = nxt.group(1).lower() if nxt else ""
                if key not in after_the and not key[:1].isdigit():
                    continue
        m = _subpattern(names).match(text, start)
        if m is None or m.lastgroup is None or any(a < m.end() and m.start() < b for a, b in mask):
            continue
        try:
            hit = scanner.handlers[m.lastgroup](m, ctx)
        except (ValueError, OverflowError):
            hit = None
        if hit is None or (m.lastgroup in _TITLE_RULES and _in_a_title(text, hit.start, hit.end)):
            continue
        pair = _second_day(text, hit) if m.lastgroup == "md" else None
        if pair and not any(a < pair[1].end and pair[1].start < b for a, b in mask):
            # "April 24 and 25": the second day is a date of its own
            hits.append(pair[0])
            hit = pair[1]
        hits.append(hit)
        end = hit.end
        if hit.type == "DATE":
            ctx.anchor = _anchor_of(hit.value) or ctx.anchor
            q = _anchor_of(hit.value)
            if m.lastgroup in ("quarter", "quarter_rel") and q and q[1] == "quarter" and (
                    pub is None or (pub - q[0]).days <= 365):
                ctx.quarter = q[0]  # the quarter being reported, not a year-ago one
                ctx.year_to_date = False
        elif hit.type == "DURATION" and ctx.quarter and _year_to_date(text, hit):
            ctx.year_to_date = True
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        gap = text[a.end : b.start]
        if a.anaphoric and b.explicit and re.fullmatch(r"\s*,?\s*(?:on\s+|in\s+)?", gap):
            hits[i] = a._replace(value=b.value)
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
