"""The rule table of whosaid.dates and its handlers, one behaviour at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from whosaid.dates.context import Hit, ScanContext
from whosaid.dates.handlers import HANDLERS
from whosaid.dates.rules import RULES, TRIGGER_GROUPS
from whosaid.dates.scan import in_a_title, rules_pattern, second_day

PUB = dt.date(2022, 12, 4)  # a Sunday
RULE = {rule.name: rule for rule in RULES}


def handle(rule: str, text: str, pub: dt.date | None = PUB, ctx: ScanContext | None = None
           ) -> Hit | None:
    """What the handler of ``rule`` makes of the first match of that rule alone in ``text``."""
    m = rules_pattern((rule,)).search(text)
    assert m is not None, f"{rule} does not match {text!r}"
    return HANDLERS[RULE[rule].handler](m, ctx or ScanContext(text, pub))


def value(rule: str, text: str, pub: dt.date | None = PUB) -> str | None:
    hit = handle(rule, text, pub)
    return hit.value if hit else None


# --------------------------------------------------------------------------- the table


def test_rule_table_names_are_unique_and_name_existing_handlers() -> None:
    assert len(RULE) == len(RULES)
    assert all(rule.handler in HANDLERS for rule in RULES)
    assert set(HANDLERS) == {rule.handler for rule in RULES}


def test_rule_table_trigger_groups_exist() -> None:
    groups = {w for rule in RULES for w in rule.triggers.split() if w.startswith("@")}
    assert groups <= set(TRIGGER_GROUPS)


# --------------------------------------------------------------------------- handlers


def test_weekday_after_will_looks_ahead() -> None:
    assert value("weekday", "Ministers will meet Friday to sign it.") == "2022-12-09"


def test_weekday_after_said_looks_back() -> None:
    assert value("weekday", "The minister said Friday that talks failed.") == "2022-12-02"


def test_weekday_reporting_verb_after_the_cue_looks_back() -> None:
    text = "It will hurt us, the minister predicted Wednesday."
    assert value("weekday", text) == "2022-11-30"


def test_weekday_the_previous_counts_from_the_last_date_named() -> None:
    text = "On Nov. 20 they met; the previous Friday they had talked."
    ctx = ScanContext(text, PUB, anchor=(dt.date(2022, 11, 20), "day"))
    hit = handle("weekday", text, ctx=ctx)
    assert hit is not None and hit.value == "2022-11-18" and hit.anaphoric


def test_month_day_without_year_takes_the_nearest_with_a_past_bias() -> None:
    assert value("md", "talks on January 5") == "2023-01-05"
    assert value("md", "talks on November 30") == "2022-11-30"


def test_month_day_without_publication_keeps_the_year_unknown() -> None:
    assert value("md", "talks on Dec. 2", None) == "XXXX-12-02"


def test_month_day_the_week_of_is_that_week() -> None:
    assert value("md", "in the week of March 6, 2023") == "2023-W10"


def test_month_a_march_of_people_is_no_month() -> None:
    assert handle("month", "They joined the March of the Combatant Mothers.") is None
    assert value("month", "It fell in March.", dt.date(2022, 6, 1)) == "2022-03"


def test_year_counted_things_are_no_year() -> None:
    assert handle("year", "He got 1850 votes.") is None
    assert value("year", "It was built in 1850.") == "1850"


def test_year_before_a_verb_in_s_is_a_year() -> None:
    assert value("year", "Sales volume is 1989 is following the trend.") == "1989"
    assert handle("year", "Officials counted 2010 ballots.") is None


def test_relative_unit_last_week_is_the_iso_week_before() -> None:
    assert value("rel_unit", "Prices rose last week.") == "2022-W47"


def test_relative_unit_the_year_ended_is_a_fiscal_year() -> None:
    hit = handle("rel_unit", "For the year ended Sept. 30, it earned $1 billion.")
    assert hit is not None and (hit.type, hit.value) == ("DURATION", "P1Y")


def test_ago_counts_back_from_publication() -> None:
    assert value("ago", "It opened two weeks ago.") == "2022-W46"


def test_ago_later_counts_from_the_last_date_named() -> None:
    text = "It opened Nov. 1 and closed three days later."
    ctx = ScanContext(text, PUB, anchor=(dt.date(2022, 11, 1), "day"))
    hit = handle("ago", text, ctx=ctx)
    assert hit is not None and hit.value == "2022-11-04" and hit.anaphoric


def test_duration_counts_and_halves() -> None:
    assert value("duration", "a strike of three days") == "P3D"
    assert value("duration", "after two and a half years") == "P2.5Y"


def test_duration_will_one_day_is_the_future() -> None:
    assert value("duration", "Islam will one day be taught.") == "FUTURE_REF"


def test_recurrence_every_weekday_is_a_set() -> None:
    hit = handle("set", "They meet every Friday.")
    assert hit is not None and (hit.type, hit.value) == ("SET", "XXXX-WXX-5")


def test_vague_reference_a_sentence_opening_now_is_no_date() -> None:
    assert handle("ref", "Now, he says, it is over.") is None
    assert value("ref", "The court now says so.") == "PRESENT_REF"


def test_relative_day_generic_today_is_no_date() -> None:
    assert handle("relday", "in today's world") is None
    assert value("relday", "He resigned yesterday.") == "2022-12-03"


def test_clock_time_takes_the_day_named_after_it() -> None:
    hit = handle("time", "The vote closed at 3 p.m. Friday.")
    assert hit is not None and (hit.type, hit.value) == ("TIME", "2022-12-02T15:00")


@pytest.mark.parametrize(("text", "expected"), [
    ("the 1990s", "199"), ("the eighties", "198"), ("the 20th century", "19"),
])
def test_decades_and_centuries(text: str, expected: str) -> None:
    rule = "century" if "century" in text else "decade"
    assert value(rule, text) == expected


# --------------------------------------------------------------------------- scanner helpers


def test_second_day_of_a_coordinated_pair_is_a_date() -> None:
    text = "on April 24 and 25"
    first = Hit(3, 11, "DATE", "2022-04-24", explicit=True)
    pair = second_day(text, first)
    assert pair is not None and pair[1].value == "2022-04-25"
    assert text[pair[1].start : pair[1].end] == "25"


def test_second_day_a_percentage_is_no_date() -> None:
    assert second_day("on April 5 and 6 percent", Hit(3, 10, "DATE", "2022-04-05")) is None


def test_title_case_names_mid_sentence_are_titles() -> None:
    text = "He told ABC's This Week that"
    assert in_a_title(text, text.index("This"), text.index("Week") + 4)
    assert not in_a_title("He left this week.", 8, 17)
