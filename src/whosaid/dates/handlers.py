"""Handlers: turn the match of one rule of :mod:`whosaid.dates.rules` into a TIMEX3 value.

Each handler takes the regex match and the :class:`~whosaid.dates.context.ScanContext` and
returns a :class:`~whosaid.dates.context.Hit` (span, type, value), or None when the match is no
temporal expression after all ("the March of the Combatant Mothers", "1850 votes"). In a paper
of 2022-12-04, ``month_day`` resolves "November 30" to 2022-11-30 and "January 5" to
2023-01-05, ``weekday`` resolves "said Friday" to 2022-12-02 and "will meet Friday" to
2022-12-09, ``ago`` resolves "two weeks ago" to 2022-W46, ``duration`` "three days" to P3D.
``HANDLERS`` maps the handler names the rule table uses to these functions.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import (
    day_value,
    duration_value,
    holiday_date,
    month_of,
    month_value,
    nearest,
    normalize,
    number_of,
    past_tense,
    precision_of,
    safe_date,
    season_year,
    shifted,
    unit_of,
    week_value,
    weekday_date,
    word_lists,
    year_number,
)
from .context import Handler, Hit, ScanContext
from .rules import NOT_PLURALS, PREPOSITIONS, QUARTER_ENDED

QUARTER_ENDS = re.compile(QUARTER_ENDED, re.IGNORECASE)
PLURAL_AFTER = re.compile(rf"\s+(?!(?:{'|'.join(NOT_PLURALS)})\b)[a-z]+s\b")


def _g(m: re.Match[str], name: str) -> str:
    return m.group(name) or ""


def _span(m: re.Match[str], ctx: ScanContext, typ: str, value: str | None, **kw: bool) -> Hit:
    return Hit(m.start(), m.end(), typ, value, **kw)


# --- explicit dates


def iso_date(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"2022-12-02": that day."""
    d = safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
    return _span(m, ctx, "DATE", day_value(d), explicit=True) if d else None


def slash_date(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"12/2/2022", "2/12/22": that day (the first number is the month unless over 12)."""
    a, b, y = int(m.group("sl_a")), int(m.group("sl_b")), m.group("sl_y")
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    month, day = (a, b) if a <= 12 else (b, a)
    d = safe_date(year, month, day)
    return _span(m, ctx, "DATE", day_value(d), explicit=True) if d else None


def _resolve_month_day(
    m: re.Match[str], ctx: ScanContext, mon: str, day: str, year: str
) -> Hit | None:
    month = month_of(mon)
    dnum = int(re.sub(r"\D", "", day)) if day[:1].isdigit() else \
        word_lists()["day_ordinals"].get(normalize(day).replace(" ", "-"), 0)
    if month is None or safe_date(2000, month, dnum) is None:
        return None
    if year:
        d = safe_date(int(year), month, dnum)
        return _span(m, ctx, "DATE", day_value(d), explicit=True) if d else None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XXXX-{month:02d}-{dnum:02d}", explicit=True)
    d = nearest(ctx.pub, lambda y: safe_date(y, month, dnum), ctx.future(m.start()))
    return _span(m, ctx, "DATE", day_value(d) if d else None, explicit=True)


def month_day(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"Friday, Dec. 2", "Dec. 2, 2022": that day, the year nearest publication if none;
    "the week of March 6": that week."""
    hit = _resolve_month_day(m, ctx, m.group("md_mon"), m.group("md_day"), _g(m, "md_y"))
    if hit and hit.value and _g(m, "md_wk") and precision_of(hit.value) == "day":
        # "the week of March 6": that date's week
        return hit._replace(value=week_value(dt.date.fromisoformat(hit.value)))
    return hit


def day_month(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"2 December", "the 2nd of December 2022": that day."""
    day = _g(m, "dm_day") or m.group("dm_dw")
    return _resolve_month_day(m, ctx, m.group("dm_mon"), day, _g(m, "dm_y"))


def day_month_pair(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """The first day of "21 and 22 March" (British order): that day of the month named after
    the second; the scanner then finds "22 March" itself."""
    return _resolve_month_day(m, ctx, m.group("dp_mon"), m.group("dp_day"), _g(m, "dp_y"))


def month_year(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"December 2022", "May of nineteen ninety-six": that month."""
    month = month_of(m.group("my_mon"))
    if month is None:
        return None
    year = year_number(m.group("my_y"))
    return _span(m, ctx, "DATE", month_value(year, month), explicit=True) if year else None


def holiday(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"Christmas", "last Thanksgiving", "Easter 2023": that day (capitalised names only)."""
    name = m.group("ho")
    if not any(c.isupper() for c in name):
        return None
    spec = word_lists()["holidays"][normalize(name)]
    rel, year = normalize(_g(m, "ho_rel")), _g(m, "ho_y")
    if year:
        d = holiday_date(spec, int(year))
        return _span(m, ctx, "DATE", day_value(d) if d else None, explicit=True)
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    pub = ctx.pub
    cands = [d for d in (holiday_date(spec, y) for y in range(pub.year - 1, pub.year + 2)) if d]
    if rel in ("last", "this past"):
        d = max((c for c in cands if c < pub), default=None)
    elif rel in ("next", "coming", "this coming"):
        d = min((c for c in cands if c > pub), default=None)
    elif rel == "this":
        d = holiday_date(spec, pub.year)
    else:
        d = nearest(pub, lambda y: holiday_date(spec, y), ctx.future(m.start()))
    return _span(m, ctx, "DATE", day_value(d) if d else None)


# --- quarters, halves, decades, years, seasons, months


def quarter(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the third quarter of 1988", "Q3", "last year's fourth quarter": that quarter."""
    q = word_lists()["ordinals"].get(normalize(_g(m, "q_o"))) or int(_g(m, "q_n") or 0)
    if not q:
        return None
    year_s = _g(m, "q_y") or _g(m, "q_y2") or _g(m, "q_y3") or _g(m, "q_yp")
    pre = normalize(_g(m, "q_pre") + " " + _g(m, "q_of"))
    start = _adjective_start(m, ctx)
    if year_s:
        return Hit(start, m.end(), "DATE", f"{year_s}-Q{q}", explicit=True)
    if ctx.pub is None:
        return Hit(start, m.end(), "DATE", f"XXXX-Q{q}")
    year = ctx.pub.year
    if "last" in pre or "previous" in pre or "year-" in pre:
        year -= 1
    elif "next" in pre:
        year += 1
    elif "this" not in pre and "current" not in pre and (q - 1) * 3 + 1 > ctx.pub.month \
            and not _quarter_ahead(m, ctx):
        year -= 1
    return Hit(start, m.end(), "DATE", f"{year:04d}-Q{q}")


def _quarter_ahead(m: re.Match[str], ctx: ScanContext) -> bool:
    """Whether a quarter not yet begun is this year's: a quarter is last year's ("profit fell
    in the fourth quarter", told in March) unless the clause looks ahead ("the deal is
    expected to close in the second quarter", told in March, as "scheduled for June" is).
    The adjective keeps last year's: "will report fourth-quarter results" in March reports
    the quarter just closed."""
    return not re.search(r"-quarter$", m.group(0), re.IGNORECASE) and ctx.future(m.start())


def _adjective_start(m: re.Match[str], ctx: ScanContext) -> int:
    """Where a quarter starts: "the third-quarter loss" leaves "the" to "loss" (TimeBank
    marks "third-quarter", "fiscal second-quarter"); "the third quarter" keeps it."""
    words = re.match(r"the\s+(?!\d)", ctx.text[m.start() : m.end()], re.IGNORECASE)
    if words and re.search(r"-quarter$", m.group(0), re.IGNORECASE):
        return m.start() + words.end()
    return m.start()


def quarter_relative(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the latest quarter", "the year-ago period", "the 1988 period": a quarter counted
    from the one being reported, else from publication."""
    if _g(m, "qr_ly") or _g(m, "qr_ly2"):
        # "the corresponding period last year": the reported quarter (or, after "for the nine
        # months", the reported year) a year before; with none reported, last year
        if ctx.quarter:
            return _span(m, ctx, "DATE", shifted(ctx.quarter, "year", -1) if ctx.year_to_date
                         else shifted(ctx.quarter, "quarter", -4))
        return _span(m, ctx, "DATE", f"{ctx.pub.year - 1:04d}" if ctx.pub else None)
    if _g(m, "qr_y"):  # "the 1988 period": that year's quarter like the one reported
        year = m.group("qr_y")
        q = f"-Q{(ctx.quarter.month - 1) // 3 + 1}" if ctx.quarter and not ctx.year_to_date else ""
        return _span(m, ctx, "DATE", year + q, explicit=True)
    rel = normalize(_g(m, "qr") or _g(m, "qr2") or "the").replace("comparable year-", "year-")
    ended = _quarter_ended(m, ctx) if ctx.quarter is None and rel in (
        "the", "latest", "most recent", "recent", "current", "this") else None
    if ended is not None:
        return _span(m, ctx, "DATE", shifted(ended, "quarter", 0))
    ref: dt.date | None = ctx.pub
    shift = {"current": 0, "this": 0, "next": 1, "coming": 1, "previous": -2, "prior": -2,
             "preceding": -2, "year-ago": -5, "year-earlier": -5}.get(rel, -1)
    if ctx.quarter and ctx.year_to_date and normalize(_g(m, "qr2")) in ("year-ago", "year-earlier"):
        return _span(m, ctx, "DATE", shifted(ctx.quarter, "year", -1))
    if rel == "this" and (ctx.quarter is None or ctx.future(m.start())):
        ref, shift = ctx.pub, 0  # "this quarter" looking ahead: the current one
    elif ctx.quarter and rel in ("year-ago", "year-earlier", "the", "same", "that", "comparable",
                                 "this", "latest", "most recent"):
        # "the latest period" is the quarter being reported: Ralston's "fourth-quarter
        # earnings ... Sales in the latest period" is 1989-Q4, not the last calendar quarter
        ref, shift = ctx.quarter, (0 if rel in ("the", "same", "that", "this", "latest",
                                                "most recent") else -4)
        shift -= 4 if _g(m, "qr_ago") else 0
    if ref is None:
        return _span(m, ctx, "DATE", None)
    return _span(m, ctx, "DATE", shifted(ref, "quarter", shift))


def _quarter_ended(m: re.Match[str], ctx: ScanContext) -> dt.date | None:
    """The quarter that "the quarter ended July 31" names: the three months up to that date
    lie mostly in the calendar quarter of the month before it (May to July: the second
    quarter; TimeBank's Jayark "quarter ended July 31" is 1989-Q2), in the year the date
    closes nearest publication. Only when the story has named no quarter yet: after "Delta's
    earnings rose in the fiscal first quarter", "the quarter ended Sept. 30" is that one."""
    e = QUARTER_ENDS.match(ctx.text, m.end())
    if e is None or ctx.pub is None or _g(m, "qr_ago"):
        return None
    month = month_of(e.group("qe_mon"))
    if month is None:
        return None
    if e.group("qe_y"):
        end = dt.date(int(e.group("qe_y")), month, 1)
    else:
        end = nearest(ctx.pub.replace(day=1), lambda y: dt.date(y, month, 1),
                      ctx.future(m.start())) or ctx.pub
    return end - dt.timedelta(days=1)  # a day of the month before


def half_year(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the first half of 2023", "the second half of next year": 2023-H1, ..."""
    half = 1 if normalize(m.group("h")) == "first" else 2
    if _g(m, "h_y"):
        return _span(m, ctx, "DATE", f"{m.group('h_y')}-H{half}")
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XXXX-H{half}")
    k = {"last": -1, "next": 1}.get(normalize(_g(m, "h_rel")), 0)
    return _span(m, ctx, "DATE", f"{ctx.pub.year + k:04d}-H{half}")


def decade(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the 1990s" -> 199, "the eighties" -> 198 (in a paper of 2022), "nineteen-seventies"."""
    tok = normalize(m.group("de"))
    if tok[:1].isdigit() and len(tok.rstrip("'s")) == 4:
        # "the 1800s" is a century (18, TIMEX3), "the 1990s" and "the 2000s" decades
        hundreds = tok[2:4] == "00" and tok[:2] < "20"
        return _span(m, ctx, "DATE", tok[:2] if hundreds else tok[:3], explicit=True)
    words = word_lists()["decade_words"]
    digit = int(re.sub(r"\D", "", tok)[:1]) if tok[:1] == "'" else words.get(tok.split()[-1], -1)
    if digit < 0 or (tok[:1] != "'" and not normalize(m.group(0)).startswith("the")):
        return None
    if tok.startswith("nineteen"):
        return _span(m, ctx, "DATE", f"19{digit}")
    if ctx.pub is None:
        return _span(m, ctx, "DATE", f"XX{digit}")
    century = ctx.pub.year // 100 - (1 if (ctx.pub.year // 100) * 100 + digit * 10 > ctx.pub.year
                                     else 0)
    return _span(m, ctx, "DATE", f"{century}{digit}")


def year(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"in 2022", "fiscal 1989", "mid-1990": that year; "1850 votes" and "2,012" are no year."""
    year = int(m.group("y"))
    if not _g(m, "y_mod") and not _g(m, "y_pp") and not _g(m, "y_mod2"):
        prev = ctx.prev_word(m.start())
        after = ctx.text[m.end() : m.end() + 30]
        # "2,012 votes" is a number: "1990 elections" too, unless a determiner or an owner
        # makes it a year's ("the 2012 results", "the firm's 2012 results"); "is" is no
        # plural ("sales volume in 1989 is following the trend")
        counted = PLURAL_AFTER.match(after) and not re.search(
            r"(?:\b(?:the|its|their|his|her|our|this|that|these|those)|['’]s?)\s+$",
            ctx.text[max(0, m.start() - 12) : m.start()], re.IGNORECASE)
        if prev not in PREPOSITIONS and year < 1900 or counted and (
                prev not in PREPOSITIONS or prev in ("about", "around", "circa")):
            return None
    return _span(m, ctx, "DATE", f"{year:04d}", explicit=True)


def spoken_year(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"nineteen ninety-six", "two thousand and one": 1996, 2001."""
    year = year_number(m.group("sy"))
    return _span(m, ctx, "DATE", f"{year:04d}", explicit=True) if year else None


def century(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the 20th century", "the nineteenth century": 19, 18."""
    token = normalize(m.group("ce"))
    n = int(token[:-2]) if token[:1].isdigit() else word_lists()["century_ordinals"].get(token, 0)
    return _span(m, ctx, "DATE", f"{n - 1:02d}") if n else None


def year_ago(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """The adjective "year-ago"/"year-earlier" (the quarter a year before the last one
    mentioned, else last year) and "year-end" (the current year)."""
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if _g(m, "ye"):
        return _span(m, ctx, "DATE", f"{ctx.pub.year:04d}")
    if ctx.quarter:
        unit = "year" if ctx.year_to_date else "quarter"
        return _span(m, ctx, "DATE", shifted(ctx.quarter, unit, -1 if ctx.year_to_date else -4))
    return _span(m, ctx, "DATE", f"{ctx.pub.year - 1:04d}")


def season(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"last summer", "in the winter", "spring 2023": 2022-SU, ...; "that summer" the summer of
    the last year named; a bare "fall" is no date."""
    code = word_lists()["seasons"][normalize(m.group("se"))]
    rel = normalize(_g(m, "se_rel"))
    if _g(m, "se_y"):
        return _span(m, ctx, "DATE", f"{year_number(m.group('se_y')):04d}-{code}",
                     explicit=True)
    if re.match(r"\s+of\b", ctx.text[m.end() :]):
        return None
    bare = not rel and not _g(m, "se_mod")
    if bare and (code == "FA" or ctx.prev_word(m.start()) not in ("in", "during", "over")):
        return None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None if rel in ("last", "next") else f"XXXX-{code}")
    if rel == "that":  # "In 1968 he moved to Paris, and that summer ...": 1968-SU
        if code in ("SP", "FA") and not _opens_a_phrase(ctx.text, m.start()):
            return None  # "shares that fall", "ideas that spring from it": verbs
        ref = ctx.reference("year") or ctx.pub
        return _span(m, ctx, "DATE", f"{ref.year:04d}-{code}", anaphoric=True)
    start = word_lists()["season_start_month"][code]
    year = season_year(ctx.pub, start, rel, ctx.future(m.start()))
    return _span(m, ctx, "DATE", f"{year:04d}-{code}")


def _opens_a_phrase(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a clause or a prepositional phrase: "That spring,",
    ", that fall", "and that spring", "in that fall" (not "shares that fall")."""
    before = text[max(0, start - 12) : start]
    return re.search(r"(?:^|[.,;:!?\"'“‘(]|\b(?:and|in|during|by|until|since|through))\s*$",
                     before, re.IGNORECASE) is not None


def month(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"in November", "last March", "early December": that month of the year nearest
    publication; "the March of the Combatant Mothers" is no date."""
    token = m.group("mo")
    month = month_of(token)
    rel, mod = normalize(_g(m, "mo_rel")), _g(m, "mo_mod")
    if month is None:
        return None
    ambiguous = normalize(token) in word_lists()["ambiguous_months"] and not rel and not mod
    if ambiguous and (ctx.prev_word(m.start()) not in PREPOSITIONS
                      or re.match(r"\s+of\s+(?:the\s+)?[A-Z]", ctx.text[m.end() : m.end() + 30])):
        return None  # "the March of the Combatant Mothers" is a march
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None if rel in ("last", "next") else f"XXXX-{month:02d}")
    pm, year = ctx.pub.month, ctx.pub.year
    if _g(m, "mo_ry"):
        year += {"last": -1, "next": 1}.get(normalize(m.group("mo_ry")), 0)
    elif rel in ("last", "past", "this past"):
        # "crashed last February", told on 1998-03-01, is 1997-02: the month just gone
        # would be "last month" (TimeBank), while "this past February" is that month
        year -= 1 if month >= pm or rel == "last" and month == pm - 1 else 0
    elif rel in ("next", "coming", "this coming"):
        year += 1 if month <= pm else 0
    elif rel != "this":
        d = nearest(ctx.pub.replace(day=1), lambda y: dt.date(y, month, 1),
                     ctx.future(m.start()))
        year = d.year if d else year
    return _span(m, ctx, "DATE", month_value(year, month))


# --- relative and anaphoric expressions


def ago(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"two days ago" (from publication), "three weeks later" (from the last date named)."""
    n = number_of(m.group("ago_n"))
    unit = unit_of(m.group("ago_u"))
    direction = normalize(m.group("ago_d"))
    if n is None or not n.is_integer():
        return _span(m, ctx, "DATE", "FUTURE_REF" if direction in ("later", "from now")
                     else "PAST_REF")
    k = int(n) * (1 if direction in ("later", "after", "from now", "hence") else -1)
    anaphoric = direction in ("earlier", "later", "before", "after")
    if ctx.quarter and unit == "year":
        if ctx.year_to_date:  # "for the nine months ... a year earlier": that year
            return _span(m, ctx, "DATE", shifted(ctx.quarter, "year", k))
        return _span(m, ctx, "DATE", shifted(ctx.quarter, "quarter", 4 * k))
    ref = ctx.reference(unit) if anaphoric else ctx.pub
    value = shifted(ref, unit, k) if ref else None
    return _span(m, ctx, "DATE", value, anaphoric=anaphoric)


def vague_ago(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"years ago" -> PAST_REF, "months later" -> FUTURE_REF."""
    later = normalize(m.group("va_d")) in ("later", "from now")
    return _span(m, ctx, "DATE", "FUTURE_REF" if later else "PAST_REF")


def anaphor(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"the day before", "the following week", "that same day": counted from the last date
    named (anaphoric: an apposition after it can fix it)."""
    text = normalize(m.group("an"))
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
    if _g(m, "an_wd"):  # "the day before last Tuesday": from that Tuesday, not the story's day
        if ctx.pub is None:
            return _span(m, ctx, "DATE", None)
        day = weekday_date(ctx.pub, word_lists()["weekdays"][normalize(m.group("an_wd"))],
                           normalize(_g(m, "an_rel")), ctx.future(m.start()))
        return _span(m, ctx, "DATE", day_value(day + dt.timedelta(days=k)))
    if k == 0 and unit not in ("week", "month", "year") and ctx.anchor and \
            ctx.anchor[1] in ("month", "year"):
        return _span(m, ctx, "DATE", _day_within(*ctx.anchor), anaphoric=True)
    ref = ctx.reference("day" if unit not in ("week", "month", "year") else unit)
    value = shifted(ref, unit, k) if ref else None
    return _span(m, ctx, "DATE", value, anaphoric=True)


def _day_within(first: dt.date, precision: str) -> str:
    """An unknown day of the month or year named last: after "most recently last October
    when Dr. Slepian was gunned down ...", "that same day" is 1998-10-XX (AQUAINT), not
    the day of publication."""
    return f"{first.year:04d}-{first.month:02d}-XX" if precision == "month" else \
        f"{first.year:04d}-XX-XX"


def relative_unit(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"last week" -> 2022-W47, "next month", "the year", "over the weekend"; "the year
    ended Sept. 30" is a fiscal year (P1Y)."""
    rel = normalize(_g(m, "ru_rel") or "this")
    unit = unit_of(_g(m, "ru_u") or _g(m, "ru_u2") or _g(m, "ru_u3") or _g(m, "ru_u4"))
    if _g(m, "ru_u4") and re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end() :]):
        return _span(m, ctx, "DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if rel in ("the last", "the past", "the next", "the coming") and unit in ("decade", "century"):
        # "over the past decade", "over the next decade": ten years up to or from now
        return _span(m, ctx, "DURATION", "P10Y" if unit == "decade" else "P100Y")
    # "the latest fiscal year": the last one closed (Provigo's sales "in the latest fiscal
    # year", told in October 1989, are those of 1988)
    k = {"last": -1, "past": -1, "the past": -1, "the last": -1, "previous": -1,
         "the previous": -1, "the latest": -1, "the most recent": -1, "this past": -1,
         "next": 1, "coming": 1, "the coming": 1, "the next": 1, "this coming": 1}.get(rel, 0)
    pub = ctx.pub
    if unit == "weekend" and k == 0 and not _g(m, "ru_rel") and pub.isoweekday() < 6 and \
            not ctx.future(m.start()):
        k = -1  # "over the weekend", told on a weekday: the one before ("this weekend" is not)
    elif unit == "weekend" and rel in ("coming", "the coming", "this coming") and \
            pub.isoweekday() < 6:
        k = 0  # "this coming weekend", told on a Friday: the next day's
    return _span(m, ctx, "DATE", shifted(pub, unit, k))


def relative_day(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"yesterday", "tonight", "the day after tomorrow": counted from publication;
    "today's world" is no date."""
    word = normalize(m.group("rd"))
    k = {"yesterday": -1, "tomorrow": 1, "last night": -1, "the day before yesterday": -2,
         "the day after tomorrow": 2}.get(word, 0)
    if word in ("today", "tomorrow") and (_generic_day(ctx.text, m.end())
                                          or _of_an_age(ctx.text, m.start(), m.end())):
        return None
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    return _part_of_day(m, ctx, day_value(ctx.pub + dt.timedelta(days=k)))


def _generic_day(text: str, end: int) -> bool:
    """ "today's world", "tomorrow's children": the present or future in general, no date."""
    m = re.match(r"['’]s\s+([a-z]+)\b(?:\s+([a-z]+)\b)?", text[end : end + 40], re.IGNORECASE)
    generic = word_lists()["generic_after_today"]
    return m is not None and any((w or "").lower() in generic for w in m.groups())


def _of_an_age(text: str, start: int, end: int) -> bool:
    """ "the people of tomorrow", "the schools of today": an age, no date ("as of today" is
    one)."""
    before = text[max(0, start - 20) : start]
    return re.search(r"(?<!\bas)(?<!\bAs)\s+of\s+$", before) is not None and \
        re.match(r"['’]s\b", text[end : end + 2]) is None


def weekday(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"said Friday": the last Friday on or before publication, "will meet Friday" the next
    one; "the previous Friday" counts from the last date named."""
    weekday = word_lists()["weekdays"][normalize(m.group("wd"))]
    if ctx.pub is None:
        return _span(m, ctx, "DATE", None)
    if _g(m, "wd_an"):  # "the previous Friday": the one before the day the story is at
        ref = ctx.reference("day") or ctx.pub
        after = normalize(m.group("wd_an")) in ("following", "next")
        d = weekday_date(ref, weekday, "next" if after else "last", after)
        return _span(m, ctx, "DATE", day_value(d), anaphoric=True)
    rel = normalize(_g(m, "wd_rel"))
    future = ctx.future(m.start())
    if re.match(r"['’]s\b", ctx.text[m.end() : m.end() + 3]):
        future = _ahead_of(ctx.text, m.start()) or future and _cue_near(ctx.text, m.start())
    d = weekday_date(ctx.pub, weekday, rel, future)
    return _part_of_day(m, ctx, day_value(d), WEEKDAY_PARTS_AS_DATE)


# A weekday's morning or night stays a DATE of that day: AQUAINT writes 10 of its 19 "Friday
# night"s and 5 of its 8 "Tuesday morning"s so, and its other nights' codes disagree (TNI,
# TEV). Its evening, as TIMEX3 has it, is a TIME: "Thursday evening" -> 1998-02-12TEV, as all 3
# in TimeBank and AQUAINT are.
WEEKDAY_PARTS_AS_DATE = ("morning", "night", "overnight")


def _part_of_day(m: re.Match[str], ctx: ScanContext, day: str,
                 as_date: tuple[str, ...] = ()) -> Hit:
    """A day, or a TIME on it when a part of the day follows: "this morning" ->
    2022-12-07TMO, "yesterday afternoon" -> 2022-12-06TAF (TIMEX3; TimeBank types all 5
    such phrases TIME with the part's code), unless that part is one of ``as_date``."""
    words = normalize(m.group(0)).split()
    part = word_lists()["parts_of_day"].get(words[-1]) if len(words) > 1 else None
    if part is None or words[-1] in as_date:
        return _span(m, ctx, "DATE", day)
    return _span(m, ctx, "TIME", f"{day}T{part}")


def _ahead_of(text: str, start: int) -> bool:
    """Whether a possessive weekday is still to come: "ahead of Friday's vote" (not "before
    Friday's purchases": the share before them, a past event). Otherwise
    "Wednesday's ruling" names an event already reported, whatever the clause says ("they
    would look for ways to get around Wednesday's ruling", published on a Friday: the
    Wednesday before; all 21 possessive weekdays of TimeBank and AQUAINT are on or before
    publication)."""
    before = text[max(0, start - 30) : start]
    return re.search(r"\b(?:ahead\s+of|in\s+advance\s+of|until|till|upcoming)\s+"
                     r"(?:the\s+|this\s+)?$", before, re.IGNORECASE) is not None


def _cue_near(text: str, start: int) -> bool:
    """Whether a firm future cue stands just before a possessive weekday: "Voters will go to
    the polls in Sunday's election" ("would", reported or conditional, is no firm cue)."""
    before = text[max(0, start - 30) : start]
    return re.search(r"\b(?:will|won['’]t|shall|['’]ll|going\s+to|scheduled|set\s+(?:to|for)|"
                     r"slated|due|(?:is|are)\s+to)\b", before, re.IGNORECASE) is not None


def clock_time(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"3 p.m. Friday", "10:30 a.m. EST", "18:00 GMT", "noon tomorrow": a TIME on that day."""
    if _g(m, "t_noon"):
        hour, minute = (12, 0) if normalize(m.group("t_noon")) == "noon" else (24, 0)
    elif _g(m, "t_m24"):  # "18:00 GMT": a 24-hour clock
        hour, minute = int(m.group("t_h")), int(m.group("t_m24"))
        if hour > 23:
            return None
    else:
        hour, minute = int(m.group("t_h")), int(_g(m, "t_m") or 0)
        pm = normalize(m.group("t_ap")).startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = (hour % 12) + (12 if pm else 0)
    day_word = normalize(_g(m, "t_day") or _g(m, "t_day2"))
    day: str | None = "XXXX-XX-XX"
    if ctx.pub is not None:
        day = day_value(ctx.pub)
        if day_word in word_lists()["weekdays"]:
            future = ctx.future(m.start())
            day = day_value(weekday_date(ctx.pub, word_lists()["weekdays"][day_word], "", future))
        elif _g(m, "t_mon"):
            month, dnum = month_of(m.group("t_mon")), int(re.sub(r"\D", "", m.group("t_md")))
            if _g(m, "t_y"):  # "2:46 p.m. on March 11, 2011"
                d = safe_date(int(m.group("t_y")), month or 0, dnum)
            else:
                d = nearest(ctx.pub, lambda y: safe_date(y, month or 0, dnum),
                            ctx.future(m.start())) if month else None
            day = day_value(d) if d else day
        elif day_word in ("yesterday", "tomorrow"):
            day = day_value(ctx.pub + dt.timedelta(days=-1 if day_word == "yesterday" else 1))
    return _span(m, ctx, "TIME", f"{day}T{hour:02d}:{minute:02d}")


def vague_reference(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"now", "currently" -> PRESENT_REF, "recently" -> PAST_REF, "the near future" and
    "soon" -> FUTURE_REF; a sentence-opening "Now," is no date, nor "soon" in a past
    narrative."""
    word = normalize(m.group("rf"))
    if word == "now" and _discourse_now(ctx.text, m.start(), m.end()):
        return None
    if word == "soon" and _narrated_past(ctx.text, m.start(), m.end()):
        return None
    if word.startswith(("recent", "the past", "past", "previously", "formerly", "lately", "then")):
        value = "PAST_REF"
    elif "future" in word or "coming" in word or word.endswith(" term") or word == "soon":
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return _span(m, ctx, "DATE", value)


def _discourse_now(text: str, start: int, end: int) -> bool:
    """ "Now, he says, ...": "now" opening a sentence before a comma turns the argument; it
    dates nothing ("Now the ninth circuit court ..." does)."""
    opens = re.search(r"(?:^|[.!?:;\n][\"'”’)]*)[\s\"'“‘`]*$", text[max(0, start - 8) : start])
    return opens is not None and re.match(r"\s*,", text[end : end + 2]) is not None


def _narrated_past(text: str, start: int, end: int) -> bool:
    """ "He was soon released", "a trickle of cash that soon became a flood": "soon" in a
    past narrative is soon after its events, not ahead of publication (TimeBank marks a
    looking-ahead "soon" FUTURE_REF, 4 times of 6; AQUAINT neither of its two past ones)."""
    before = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    after = re.match(r"\W*(\w+)", text[end : end + 20])
    return bool(before and before.group(1).lower() in word_lists()["past_auxiliaries"]) or \
        bool(after and past_tense(after.group(1).lower()))


def duration(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"three days" -> P3D, "two and a half years" -> P2.5Y; "will one day" is FUTURE_REF."""
    n = number_of(m.group("du_n"))
    if n is None or re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # an age ("Mr. Schwarz, 52 years old"): TimeBank marks none of its 4
    if _g(m, "du_half"):
        n += 0.5
    if normalize(m.group(0)) == "one day" and ctx.prev_word(m.start()) in word_lists()["modals"]:
        return _span(m, ctx, "DATE", "FUTURE_REF")  # "Islam will one day be ..."
    start = m.start()
    if re.fullmatch(r"the\s+", ctx.text[m.start() : m.start("du_n")], re.IGNORECASE) and \
            ctx.text[m.end("du_n") : m.start("du_u")] == "-":
        start = m.start("du_n")  # "the 14-day appeal period": "the" is the period's
    return Hit(start, m.end(), "DURATION", duration_value(n, unit_of(m.group("du_u"))))


def vague_duration(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"for years" -> PXY, "several months" -> PXM."""
    unit = unit_of(m.group("dv_u") or m.group("db_u"))
    start = m.start("db_u") if m.group("db_u") else m.start()
    return Hit(start, m.end(), "DURATION", duration_value(None, unit))


def recurrence(m: re.Match[str], ctx: ScanContext) -> Hit | None:
    """"every week" -> P1W, "twice a month", "daily", "every Friday" -> XXXX-WXX-5."""
    adverb = normalize(_g(m, "st_adv"))
    if adverb:
        code = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}[adverb]
        return _span(m, ctx, "SET", code)
    unit = normalize(_g(m, "st_u") or _g(m, "st_u2"))
    n_word = normalize(_g(m, "st_n"))
    n = 2.0 if n_word == "other" else (number_of(n_word) if n_word else 1.0)
    if unit in word_lists()["weekdays"] or unit.rstrip("s") in word_lists()["weekdays"]:
        return _span(m, ctx, "SET", f"XXXX-WXX-{word_lists()['weekdays'][unit.rstrip('s')]}")
    if unit in word_lists()["parts_of_day"]:
        return _span(m, ctx, "SET", f"XXXX-XX-XXT{word_lists()['parts_of_day'][unit]}")
    if unit == "weekend":
        return _span(m, ctx, "SET", "XXXX-WXX-WE")
    return _span(m, ctx, "SET", duration_value(n, unit_of(unit)))


HANDLERS: dict[str, Handler] = {
    h.__name__: h
    for h in (
        iso_date, slash_date, month_day, day_month, day_month_pair, month_year, holiday, quarter,
        quarter_relative, half_year, decade, ago, vague_ago, relative_day, anaphor,
        relative_unit, clock_time, weekday, season, month, year, spoken_year, century,
        year_ago, recurrence, duration, vague_duration, vague_reference,
    )
}
