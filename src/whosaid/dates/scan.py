"""The scanner: walk a text word by word and try the rules that can start at each word.

For every word that can start a rule of :mod:`whosaid.dates.rules` (a digit, "Friday", "last",
"the" before "previous" ...), one cached alternation of just those rules is matched there; the
first rule that matches hands its match to its handler, and scanning goes on after the hit.
Along the way the :class:`~whosaid.dates.context.ScanContext` learns the last date named and
the quarter being reported, so that in a paper of 1989-11-02 "Profit rose in the third
quarter. A year ago it fell" gives 1989-Q3 and then 1988-Q3 (that quarter a year before, not
the year 1988), and "April 24 and 25" yields two dates. Finally an apposition fixes an
anaphoric expression: in "The day before, on December 2" both are 2022-12-02.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from .calendar import anchor_of, day_value, past_tense, precision_of, safe_date, word_lists
from .context import Handler, Hit, ScanContext
from .handlers import HANDLERS
from .rules import AFTER_THE, DAY_MONTH_SECOND, RULES, SECOND_DAY, TITLE_RULES, TRIGGER_GROUPS

SOURCES: dict[str, str] = {rule.name: rule.pattern for rule in RULES}  # in priority order
RULE_HANDLERS: dict[str, Handler] = {rule.name: HANDLERS[rule.handler] for rule in RULES}
TOKENS = re.compile(r"\w+")
NEXT_WORD = re.compile(r"[\s-]+['’]?(\w+)")
SECOND_DAYS = re.compile(SECOND_DAY)
DAY_MONTH_SECONDS = re.compile(DAY_MONTH_SECOND, re.IGNORECASE)


def build_triggers() -> dict[str, tuple[str, ...]]:
    """First token ("#" for any number) -> the rules it can start, in priority order."""
    triggers: dict[str, list[str]] = {}
    for rule in RULES:
        for word in rule.triggers.split():
            for phrase in TRIGGER_GROUPS.get(word, [word]):
                first = re.split(r"[^\w#]", phrase)[0].lower()
                key = "#" if first[:1].isdigit() else first
                if rule.name not in triggers.setdefault(key, []):
                    triggers[key].append(rule.name)
    return {k: tuple(v) for k, v in triggers.items()}


TRIGGERS = build_triggers()


@lru_cache(maxsize=256)
def rules_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of the named rules, tried where a token that can start them stands."""
    body = "|".join(f"(?P<{name}>{SOURCES[name]})" for name in names)
    return re.compile(rf"(?<![\w$€£#@/.-])(?:{body})", re.IGNORECASE)


def scan(text: str, pub: dt.date | None, mask: Sequence[tuple[int, int]] = ()) -> list[Hit]:
    """Every temporal expression in ``text`` outside ``mask``, in order, resolved against
    ``pub`` (None: dates keep an unknown year, relative expressions get no value)."""
    ctx = ScanContext(text, pub)
    hits: list[Hit] = []
    end = 0
    triggers, after_the, next_word = TRIGGERS, AFTER_THE, NEXT_WORD
    for tok in TOKENS.finditer(text):
        start = tok.start()
        if start < end:
            continue
        word = tok.group()
        names: tuple[str, ...] | None
        if word[0].isdigit():
            names = triggers["#"]
            start -= 1 if start and text[start - 1] in "'’" else 0  # "'80s"
        else:
            names = triggers.get(word.lower())
            if names is None:
                continue
            if word in ("the", "The", "THE"):
                nxt = next_word.match(text, tok.end())
                key = nxt.group(1).lower() if nxt else ""
                if key not in after_the and not key[:1].isdigit():
                    continue
        m = rules_pattern(names).match(text, start)
        if m is None:
            continue
        found = _resolve(ctx, m, mask)
        if found is not None:
            end = _record(ctx, hits, found[0], found[1], mask)
    _apply_appositions(text, hits)
    return hits


def _resolve(
    ctx: ScanContext, m: re.Match[str], mask: Sequence[tuple[int, int]]
) -> tuple[str, Hit] | None:
    """The rule that matched and the hit its handler makes of the match; None when the match
    touches ``mask`` or the handler rejects it."""
    text = ctx.text
    if m.lastgroup is None or mask and _masked(m.start(), m.end(), mask):
        return None
    rule = m.lastgroup
    try:
        hit = RULE_HANDLERS[rule](m, ctx)
    except (ValueError, OverflowError):
        return None
    if hit is None or (rule in TITLE_RULES and in_a_title(text, hit.start, hit.end)):
        return None
    return rule, hit


def _masked(start: int, end: int, mask: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in mask)


def _record(
    ctx: ScanContext, hits: list[Hit], rule: str, hit: Hit, mask: Sequence[tuple[int, int]]
) -> int:
    """Add ``hit`` (and the second day of "April 24 and 25") to ``hits``, let the context
    learn from it, and return where scanning goes on."""
    pair = second_day(ctx.text, hit) if rule == "md" else \
        day_month_second(ctx.text, hit) if rule == "dm_pair" else None
    if pair and not (mask and _masked(pair[1].start, pair[1].end, mask)):
        # "April 24 and 25": the second day is a date of its own
        hits.append(pair[0])
        hit = pair[1]
    hits.append(hit)
    _learn(ctx, rule, hit)
    return hit.end


def _learn(ctx: ScanContext, rule: str, hit: Hit) -> None:
    """Remember the last date named (anaphora count from it) and the quarter being reported
    ("a year ago" then means that quarter a year before).

    The quarter being reported is the first one named within a year of publication; a later
    mention replaces it only when it is no earlier and the clause does not look ahead. In
    "Kimberly-Clark posted a 20% gain in third-quarter net income. ... After a flat second
    quarter ..., the year-earlier period" is 1988-Q3, and in "Analysts expect the trend to
    continue into the fourth quarter. In the year-ago period, Bethlehem earned ..." it is
    1988-Q3 again (TimeBank: 4 values right, none lost), while a roundup's "Separately, X
    reported fourth-quarter net" moves on to the fourth quarter, and a fiscal quarter always
    does (a company's own reporting period: after a roundup's third quarters, "National
    Intergroup posted net income for the fiscal second-quarter ... The latest period" is
    1989-Q2, as TimeBank has it). A quarter still running at
    publication moves it on only when its sentence tells of it in the past (a fiscal quarter
    reported): after Aetna's "third-quarter net income fell 22%", "the impact of the
    earthquake on fourth-quarter results" is still to come, and "In the latest quarter,
    Aetna had a $23 million loss" is 1989-Q3."""
    if hit.type == "DATE":
        ctx.anchor = anchor_of(hit.value) or ctx.anchor
        q = anchor_of(hit.value)
        if rule in ("quarter", "quarter_rel") and q and q[1] == "quarter" and (
                ctx.pub is None or (ctx.pub - q[0]).days <= 365) and (
                ctx.quarter is None or "fiscal" in ctx.text[hit.start:hit.end].lower()
                or q[0] >= ctx.quarter and not ctx.future(hit.start)
                and (ctx.pub is None or (ctx.pub - q[0]).days >= 90
                     or told_in_the_past(ctx.text, hit))):
            ctx.quarter = q[0]  # the quarter being reported, not a year-ago one
            ctx.year_to_date = False
    elif hit.type == "DURATION" and ctx.quarter and year_to_date(ctx.text, hit):
        ctx.year_to_date = True


def _apply_appositions(text: str, hits: list[Hit]) -> None:
    """An anaphoric expression right before an explicit date takes its value: "The day
    before, on December 2"."""
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        gap = text[a.end : b.start]
        if a.anaphoric and b.explicit and re.fullmatch(r"\s*,?\s*(?:on\s+|in\s+)?", gap):
            hits[i] = a._replace(value=b.value)


def second_day(text: str, hit: Hit) -> tuple[Hit, Hit] | None:
    """The bare day after a month-day date and "and"/"or"/"to"/"-" ("April 24 and 25"), when it
    is later in the same month and not a number of something ("5 and 6 percent"); a year after
    it ("Dec. 7 and 8, 2012") is the year of both."""
    if not hit.value or precision_of(hit.value) != "day" or hit.value[:1] == "X":
        return None
    m = SECOND_DAYS.match(text, hit.end)
    if m is None or int(m.group("d")) <= int(hit.value[8:10]):
        return None
    year = int(m.group("y") or hit.value[:4])
    first = safe_date(year, int(hit.value[5:7]), int(hit.value[8:10]))
    d = safe_date(year, int(hit.value[5:7]), int(m.group("d")))
    if first is None or d is None:
        return None
    return hit._replace(value=day_value(first)), Hit(m.start("d"), m.end(), "DATE",
                                                     day_value(d), True)


def day_month_second(text: str, hit: Hit) -> tuple[Hit, Hit] | None:
    """The second day of "21 and 22 March" after its first: a date of that month and year."""
    m = DAY_MONTH_SECONDS.match(text, hit.end)
    if m is None or not hit.value or precision_of(hit.value) != "day":
        return None
    value = f"{hit.value[:8]}{int(m.group('d')):02d}"
    if not hit.value.startswith("X"):
        d = safe_date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        if d is None:
            return None
    return hit, Hit(m.start("s2"), m.end(), "DATE", value, explicit=True)


def told_in_the_past(text: str, hit: Hit) -> bool:
    """Whether the sentence of ``hit`` has a verb in the past tense ("Separately, Innopac
    reported a fourth-quarter loss", "for its fourth quarter ended June 30", "In the fourth
    quarter, net rose"; not "no estimate of the impact on fourth-quarter results")."""
    start = max(text.rfind(". ", 0, hit.start), text.rfind("\n", 0, hit.start)) + 1
    ends = [i for i in (text.find(". ", hit.end), text.find("\n", hit.end)) if i >= 0]
    sentence = text[start : min(ends, default=len(text))]
    return any(past_tense(w) for w in re.findall(r"[a-z]+", sentence))


def year_to_date(text: str, hit: Hit) -> bool:
    """Whether a duration is the reporting period of a results story that already named its
    quarter: "For the nine months, ..." (then "a year earlier" is that year, not its quarter)."""
    periods = word_lists()["year_to_date"]
    before = text[max(0, hit.start - 16) : hit.start].lower().split()
    first = text[hit.start : hit.end].split()[0].lower()
    return hit.value in periods["values"] and (
        bool(before) and before[-1] in periods["before"] or first in periods["before"]
    )


def in_a_title(text: str, start: int, end: int) -> bool:
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
