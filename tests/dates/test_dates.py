"""Tests for whosaid.dates: finding temporal expressions and resolving them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.dates import precision_of, resolve_value, tag_dates
from whosaid.model import DateExpr

PUB = dt.date(2022, 12, 4)  # a Sunday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def values(text: str, published: dt.date | None = PUB) -> dict[str, str | None]:
    return {e.text: e.value for e in tag_dates(text, published)}


def one(text: str, published: dt.date | None = PUB) -> DateExpr:
    found = tag_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# --- seed article


SEED_TEXT = (
    "The day before, on December 2, Putin and German President Olaf Scholz had a telephone "
    "conversation. Earlier, on November 30, Scholz pledged to support Ukraine. French President "
    "Emmanuel Macron on December 1 said the West would never ask for a compromise."
)


def test_dates_seed_sentences_resolve_against_publication() -> None:
    v = values(SEED_TEXT)
    assert v["December 2"] == "2022-12-02"
    assert v["November 30"] == "2022-11-30"
    assert v["December 1"] == "2022-12-01"


def test_dates_seed_without_publication_keeps_year_unknown() -> None:
    v = values(SEED_TEXT, None)
    assert v["December 2"] == "XXXX-12-02"
    assert v["November 30"] == "XXXX-11-30"
    assert v["December 1"] == "XXXX-12-01"
    assert all(e.precision == "day" for e in tag_dates(SEED_TEXT, None))


def test_dates_anchored_chain_takes_the_apposition_value() -> None:
    found = tag_dates(SEED_TEXT, PUB)
    assert found[0].text == "The day before"
    assert found[0].value == "2022-12-02"


def test_dates_seed_article_file(shared_data: Callable[[str], Path]) -> None:
    text = shared_data("data/seed/isw-putin-ceasefire.txt").read_text(encoding="utf-8")
    got = {e.text: e.value for e in tag_dates(text, PUB) if e.precision == "day"}
    assert got["December 2"] == "2022-12-02"
    assert got["November 30"] == "2022-11-30"
    assert got["December 1"] == "2022-12-01"
    unknown = {e.text: e.value for e in tag_dates(text, None) if e.text.startswith(("Dec", "Nov"))}
    assert unknown == {
        "December 2": "XXXX-12-02", "November 30": "XXXX-11-30", "December 1": "XXXX-12-01"
    }


# --- explicit dates and year inference


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("The talks began on Dec. 2, 2022 in Minsk.", "2022-12-02", "day"),
        ("It was signed on 2 December 2021.", "2021-12-02", "day"),
        ("Filed 12/02/2022 in court.", "2022-12-02", "day"),
        ("Published 2022-12-02 by the agency.", "2022-12-02", "day"),
        ("Prices rose in December 2022, he said.", "2022-12", "month"),
        ("The law dates from 1998, officials said.", "1998", "year"),
        ("Friday, Dec. 2, 2022", "2022-12-02", "day"),
    ],
)
def test_dates_explicit_dates(text: str, value: str, precision: str) -> None:
    e = one(text)
    assert (e.value, e.precision, e.type) == (value, precision, "DATE")
    assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("December 2", dt.date(2022, 12, 4), "2022-12-02"),
        ("November 30", dt.date(2022, 12, 4), "2022-11-30"),
        ("January 5", dt.date(2022, 12, 4), "2023-01-05"),
        ("December 20", dt.date(2023, 1, 3), "2022-12-20"),
        ("June 1", dt.date(2022, 12, 4), "2022-06-01"),
    ],
)
def test_dates_year_inference_nearest_with_past_bias(
    text: str, published: dt.date, value: str
) -> None:
    assert resolve_value(text, published) == (value, "day")


def test_dates_month_without_year_takes_the_past_in_a_past_clause() -> None:
    nov = dt.date(1989, 11, 2)
    text = "He succeeds James Taylor, who stepped down as chairman in March for health reasons."
    assert values(text, nov)["March"] == "1989-03"
    text = "In the fiscal year ended Jan. 31, the company reported sales of $100 million."
    assert values(text, dt.date(1989, 10, 31))["Jan. 31"] == "1989-01-31"
    text = "The carrier, which has been on patrol since March, will be replaced."
    assert values(text, dt.date(1990, 8, 13))["March"] == "1990-03"
    # a far future candidate loses even in a forward-looking clause
    text = "They will discuss new aid after the Aug. 7 blasts."
    assert values(text, dt.date(1998, 8, 18))["Aug. 7"] == "1998-08-07"


def test_dates_future_cues_skip_abbreviations_and_adjectives() -> None:
    oct26 = dt.date(1989, 10, 26)  # a Thursday
    text = "Mr. Schwarz, 52 years old, will succeed Daniel P. Davison Feb. 1."
    assert values(text, oct26)["Feb. 1"] == "1990-02-01"
    text = "Shares fell after lower-than-expected earnings after the market closed Wednesday."
    assert values(text, oct26)["Wednesday"] == "1989-10-25"
    text = "The thrift announced the plan Aug. 21, officials said."
    assert values(text, oct26)["Aug. 21"] == "1989-08-21"
    apr3 = dt.date(2000, 4, 3)  # a Monday
    text = "Immigration officials postponed until Tuesday morning any action on the case."
    assert values(text, apr3)["Tuesday morning"] == "2000-04-04"
    mar22 = dt.date(2013, 3, 22)  # a Friday
    assert values("The meeting is set for this weekend.", mar22) == {"this weekend": "2013-W12-WE"}
    assert values("The vote is slated for Tuesday.", mar22) == {"Tuesday": "2013-03-26"}


def test_dates_financial_year_references() -> None:
    nov = dt.date(1989, 11, 2)
    v = values("Net rose to $5 million, or 10 cents a share, in the third quarter, compared "
               "with a year-earlier loss of $26,956.", nov)
    assert v["the third quarter"] == "1989-Q3"
    assert v["year-earlier"] == "1988-Q3"
    assert values("It compared with year-ago net income of $9 million.", nov)["year-ago"] == "1988"
    v = values("The company forecast an earnings increase for the full year.", nov)
    assert v["the full year"] == "1989"
    e = tag_dates("For the year ended Sept. 30, Ralston earned $1 billion.", nov)[0]
    assert (e.text, e.type, e.value) == ("the year", "DURATION", "P1Y")
    assert values("It plans to cut 6,000 jobs by year-end.", nov)["year-end"] == "1989"
    assert values("Planting was delayed earlier in the year by heavy rains.", nov)[
        "earlier in the year"] == "1989"


def test_dates_quarter_context_follows_the_reported_quarter() -> None:
    nov = dt.date(1989, 11, 2)
    text = ("Third-quarter net fell to $2 million from $5 million a year ago. The company "
            "expects a fourth-quarter gain. Sales in the latest quarter rose, compared with "
            "$6.1 million a year ago. In the 1988 period, it had a loss. For the quarter a year "
            "ago, it reported earnings of $4 million.")
    v = [(e.text, e.value) for e in tag_dates(text, nov)]
    assert v == [("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3"),
                 ("fourth-quarter", "1989-Q4"), ("the latest quarter", "1989-Q3"),
                 ("a year ago", "1988-Q3"), ("the 1988 period", "1988-Q3"),
                 ("the quarter a year ago", "1988-Q3")]


def test_dates_year_to_date_results_compare_with_the_year() -> None:
    nov = dt.date(1989, 11, 2)
    text = ("Third-quarter net fell to $2 million from $5 million a year earlier. For the nine "
            "months, net was $306 million, compared with a loss of $195 million in the 1988 "
            "period. The year-ago results included a charge. In the first nine months, sales "
            "rose from $1.2 billion a year earlier. In the fourth quarter, net rose from "
            "$3 million a year ago.")
    v = [(e.text, e.value) for e in tag_dates(text, nov) if e.type == "DATE"]
    assert v == [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"),
                 ("the 1988 period", "1988"), ("year-ago", "1988"),
                 ("a year earlier", "1988"), ("the fourth quarter", "1989-Q4"),
                 ("a year ago", "1988-Q4")]


def test_dates_this_quarter_is_the_reported_quarter() -> None:
    nov = dt.date(1989, 11, 1)
    text = ("The company posted a third-quarter loss of $4 million. This quarter's loss "
            "includes pretax charges of $4.9 million.")
    assert values(text, nov)["This quarter"] == "1989-Q3"
    assert values("Sales should recover this quarter, the company said.", nov)[
        "this quarter"] == "1989-Q4"
    assert values("Analysts expect a loss this quarter.", nov)["this quarter"] == "1989-Q4"


def test_dates_quarter_not_yet_begun_is_this_years_when_the_clause_looks_ahead() -> None:
    march = dt.date(2013, 3, 22)
    assert values("The deal is expected to close in the second quarter.", march)[
        "the second quarter"] == "2013-Q2"
    assert values("The company reported a loss in the fourth quarter.", march)[
        "the fourth quarter"] == "2012-Q4"
    # the adjective names the figures of a quarter closed: last year's
    assert values("The company will report fourth-quarter results next month.", march)[
        "fourth-quarter"] == "2012-Q4"


def test_dates_centuries_and_spoken_years() -> None:
    feb = dt.date(1998, 2, 19)
    assert values("the fabled 11th century temple", feb)["11th century"] == "10"
    assert values("she is a twentieth century democrat", feb)["twentieth century"] == "19"
    e = one("one of the significant events of the past century.", feb)
    assert (e.type, e.value) == ("DURATION", "P100Y")
    v = values("In nineteen ninety-one Keating was convicted. January nineteen ninety-seven. "
               "His promise to halve unemployment by the year two thousand.", feb)
    assert v["nineteen ninety-one"] == "1991"
    assert v["January nineteen ninety-seven"] == "1997-01"
    assert v["the year two thousand"] == "2000"
    assert values("prices we saw in the winter of nineteen ninety-four", feb)[
        "the winter of nineteen ninety-four"] == "1994-WI"


def test_dates_half_years_and_times_with_a_date() -> None:
    oct26 = dt.date(1989, 10, 26)
    text = "It will mean lower-than-anticipated earnings for the last half of 1989 and for 1990."
    assert values(text, oct26)["the last half of 1989"] == "1989-H2"
    e = one("Dow Jones extended its offer until 5 p.m. EST, Nov. 6.", dt.date(1989, 10, 30))
    assert (e.text, e.type, e.value) == ("5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00")


def test_dates_names_in_title_case_are_not_dates() -> None:
    text = 'Baker, speaking on ABC News\' "This Week," said the request was valid.'
    assert tag_dates(text, PUB) == []
    assert tag_dates("This is VOA Today.", PUB) == []
    assert values("Today, the right to work is equal.")["Today"] == "2022-12-04"
    assert values("Officials said this week that talks failed.")["this week"] == "2022-W48"


def test_dates_newline_ends_a_sentence_after_a_number() -> None:
    text = ("It may not meet the criteria effective Dec. 7.\n\nIn composite trading "
            "on the exchange Friday, shares closed at $4.")
    assert values(text, dt.date(1989, 10, 30))["Friday"] == "1989-10-27"


def test_dates_second_day_of_a_coordinated_pair() -> None:
    feb = dt.date(1999, 2, 10)
    v = values("The ceremony will be held at the NATO summit on April 24 and 25.", feb)
    assert v == {"April 24": "1999-04-24", "25": "1999-04-25"}
    v = values("It rained on Dec. 7 and 8, 1998, and again on Dec. 9 and 3 other days.", feb)
    assert v == {"Dec. 7": "1998-12-07", "8, 1998": "1998-12-08", "Dec. 9": "1998-12-09"}
    assert values("Rates rose on March 5 and 6 percent later.", feb) == {"March 5": "1999-03-05"}


def test_dates_generic_today_is_no_date() -> None:
    text = ("The case of Elian is for today's youth what the blockade was for their parents. "
            "Intel chips are in many of today's personal computers.")
    assert tag_dates(text, PUB) == []
    v = values("The offer, advertised in today's editions, expires tomorrow.")
    assert v == {"today": "2022-12-04", "tomorrow": "2022-12-05"}


def test_dates_lowercase_may_is_not_a_month() -> None:
    assert tag_dates("He may 5 times say so, and may go.", PUB) == []
    assert values("It opened in May, he said.")["May"] == "2022-05"


# --- weekdays and relative expressions


def test_dates_weekdays_in_a_news_report() -> None:
    v = values("Putin said Tuesday that talks on Sunday failed.")
    assert v["Tuesday"] == "2022-11-29"
    assert v["Sunday"] == "2022-12-04"  # the publication day itself
    assert values("They will meet next Tuesday.")["next Tuesday"] == "2022-12-06"
    assert values("They met last Sunday.")["last Sunday"] == "2022-11-27"
    assert values("The summit is scheduled for Friday.")["Friday"] == "2022-12-09"


def test_dates_reporting_verb_after_a_quote_looks_back() -> None:
    jan7 = dt.date(2000, 1, 7)  # a Friday
    text = ("Exiles in Miami will now ``proceed with all their resources to delay'' the ruling, "
            "Cuba predicted Wednesday.")
    assert values(text, jan7)["Wednesday"] == "2000-01-05"
    assert values("Talks will resume Wednesday, officials said.", jan7)[
        "Wednesday"] == "2000-01-12"


def test_dates_previous_weekday_counts_from_the_story_day() -> None:
    oct30 = dt.date(1989, 10, 30)  # a Monday
    text = ("On Friday, Oct. 27, the index shed 47.3 points to close at 2082.1, down 4.5% from "
            "the previous Friday.")
    assert values(text, oct30)["the previous Friday"] == "1989-10-20"
    text = "The talks began on Oct. 19 and broke off the following Monday."
    assert values(text, oct30)["the following Monday"] == "1989-10-23"
    assert values("It was down from the previous Friday.", oct30)[
        "the previous Friday"] == "1989-10-27"


def test_dates_until_in_a_past_clause_looks_back() -> None:
    may7 = dt.date(1999, 5, 7)  # a Friday
    assert values("Until Thursday, they had not called Kopp a suspect.", may7)[
        "Thursday"] == "1999-05-06"
    assert values("But it was not until Thursday that he spoke.", may7)["Thursday"] == "1999-05-06"
    assert values("The offer runs until Thursday, the company said.", may7)[
        "Thursday"] == "1999-05-13"


def test_dates_weekday_with_part_of_day_keeps_the_day() -> None:
    e = one("Scholz spoke on Friday morning.")
    assert (e.text, e.value, e.precision) == ("Friday morning", "2022-12-02", "day")


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("today", "2022-12-04", "day"),
        ("yesterday", "2022-12-03", "day"),
        ("tomorrow", "2022-12-05", "day"),
        ("two days ago", "2022-12-02", "day"),
        ("last week", "2022-W47", "week"),
        ("this week", "2022-W48", "week"),
        ("last month", "2022-11", "month"),
        ("this month", "2022-12", "month"),
        ("last year", "2021", "year"),
        ("earlier this year", "2022", "year"),
        ("last summer", "2022-SU", "season"),
        ("the third quarter", "2022-Q3", "quarter"),
        ("the fourth quarter of last year", "2021-Q4", "quarter"),
        ("the first quarter of next year", "2023-Q1", "quarter"),
        ("the 1990s", "199", "decade"),
        ("in November", "2022-11", "month"),
    ],
)
def test_dates_relative_expressions(text: str, value: str, precision: str) -> None:
    assert resolve_value(text, PUB) == (value, precision)


def test_dates_relative_without_publication_is_none() -> None:
    for text in ("yesterday", "Tuesday", "last week", "two days ago", "last year"):
        e = one(f"It happened {text}.", None)
        assert (e.type, e.value, e.precision) == ("DATE", None, "unknown"), text
    assert resolve_value("in November", None) == ("XXXX-11", "month")


def test_dates_vague_references() -> None:
    v = values("Now he is recently back; the future is unclear.")
    assert v["Now"] == "PRESENT_REF"
    assert v["recently"] == "PAST_REF"
    assert v["the future"] == "FUTURE_REF"


def test_dates_discourse_now_and_vague_spans() -> None:
    oct30 = dt.date(1989, 10, 30)
    text = ('Iraq was ready to withdraw." Now, he says, "it looks like the West wants war." '
            "Now the court is weighing the case, and the fund now holds cash.")
    v = [(e.text, e.value) for e in tag_dates(text, oct30)]
    assert v == [("Now", "PRESENT_REF"), ("now", "PRESENT_REF")]
    v = values("The Fed expects the economy to slow in coming months. It doesn't bode well for "
               "coming quarters. We don't minimize the challenges of the near term. It may "
               "placate holders in the short term. There were sell programs in past years.", oct30)
    assert v == {"coming months": "FUTURE_REF", "coming quarters": "FUTURE_REF",
                 "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
                 "past years": "PAST_REF"}
    assert tag_dates("It issued short-term notes and long-term debt.", oct30) == []


def test_dates_holidays_weeks_of_and_prefixed_years() -> None:
    oct26 = dt.date(1998, 10, 26)
    text = "Violence will be a theme of our campaign from now to Election Day, he said."
    assert values(text, oct26)["Election Day"] == "1998-11-03"
    assert values("It votes on Election Day 2000.", oct26)["Election Day 2000"] == "2000-11-07"
    feb = dt.date(2000, 2, 24)
    text = "The case may be resolved in a court hearing the week of March 6, his uncle said."
    assert values(text, feb)["the week of March 6"] == "2000-W10"
    assert values("The post-1959 politics split families.", feb)["post-1959"] == "1959"
    text = "Elian was at the head of the ``March of the Combatant Mothers,'' on Saturday."
    assert "March" not in values(text, feb)
    assert values("Islam will one day be the second largest religion.", feb)[
        "one day"] == "FUTURE_REF"
    e = one("The strike lasted one day.", feb)
    assert (e.type, e.value) == ("DURATION", "P1D")
    mar = dt.date(2013, 3, 22)
    assert values("Debt will peak by end-2013, the IMF said.", mar)["end-2013"] == "2013"
    assert values("The ban began a week or so ago.", mar) == {"a week or so ago": "2013-W11"}


def test_dates_years_before_plural_nouns() -> None:
    mar = dt.date(2013, 3, 22)
    # a determiner or an owner makes "2012" the results' year; a bare count is no date
    assert values("The firm's 2012 results were strong.", mar) == {"2012": "2012"}
    assert values("Its 2012 sales fell.", mar) == {"2012": "2012"}
    assert values("About 2000 troops arrived. He won 1990 votes.", mar) == {}


def test_dates_durations_sets_and_times() -> None:
    found = {e.text: (e.type, e.value) for e in tag_dates(
        "Talks lasted three days and, two weeks later, fighting went on for months. "
        "They meet every week and spoke at 3 p.m. on Friday.", PUB)}
    assert found["three days"] == ("DURATION", "P3D")
    assert found["months"] == ("DURATION", "PXM")
    assert found["every week"] == ("SET", "P1W")
    assert found["3 p.m. on Friday"] == ("TIME", "2022-12-02T15:00")
    assert values("The deadline passed at midnight on Friday.") == {
        "midnight on Friday": "2022-12-02T24:00"}
    assert resolve_value("at 3 p.m.", PUB) == ("2022-12-04T15:00", "day")


def test_dates_clock_time_on_a_dated_day_keeps_its_year() -> None:
    assert values("At 2:46 p.m. on March 11, 2011, the earthquake struck.") == {
        "2:46 p.m. on March 11, 2011": "2011-03-11T14:46"}
    assert values("At 8 p.m. on Dec. 6, the polls close.") == {
        "8 p.m. on Dec. 6": "2022-12-06T20:00"}


def test_dates_24_hour_clock_with_a_time_zone_is_a_time() -> None:
    assert values("Polls closed at 18:00 GMT on Friday.") == {
        "18:00 GMT on Friday": "2022-12-02T18:00"}
    assert values("The ratio was 3:45 in favour.") == {}


def test_dates_an_offer_that_closes_on_a_weekday_looks_ahead() -> None:
    assert values("The offer closes Friday.") == {"Friday": "2022-12-09"}
    assert values("Voting ends at 18:00 GMT on Tuesday.") == {
        "18:00 GMT on Tuesday": "2022-12-06T18:00"}


def test_dates_anaphora_counts_from_the_last_date_mentioned() -> None:
    v = values("The deal was signed on March 3, 2021. Two days later, it collapsed. "
               "The following week, talks resumed.")
    assert v["March 3, 2021"] == "2021-03-03"
    assert v["Two days later"] == "2021-03-05"
    assert v["The following week"] == "2021-W10"


# --- API behaviour


def test_dates_sorted_non_overlapping_and_spans_match_text() -> None:
    text = SEED_TEXT + " Yesterday, last week and in 2020 too."
    found = tag_dates(text, PUB)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    assert all(text[e.start : e.end] == e.text for e in found)


def test_dates_mask_skips_furniture() -> None:
    text = "Read more: December 5 offer. Putin spoke on December 2."
    found = tag_dates(text, PUB, mask=[(0, 28)])
    assert [e.text for e in found] == ["December 2"]


def test_dates_precision_of() -> None:
    assert precision_of("2022-12-02") == "day"
    assert precision_of("XXXX-12-02") == "day"
    assert precision_of("2022-W48") == "week"
    assert precision_of("2022-12") == "month"
    assert precision_of("2022-Q3") == "quarter"
    assert precision_of("2022-SU") == "season"
    assert precision_of("2022") == "year"
    assert precision_of("202") == "decade"
    assert precision_of("P3D") == "unknown"
    assert precision_of("PRESENT_REF") == "unknown"
    assert precision_of(None) == "unknown"


def test_dates_resolve_value_without_expression() -> None:
    assert resolve_value("nothing temporal here", PUB) == (None, "unknown")


def test_dates_datetime_publication_is_accepted() -> None:
    assert resolve_value("yesterday", dt.datetime(2022, 12, 4, 18, 30)) == ("2022-12-03", "day")


def test_dates_long_article_tags_every_copy() -> None:
    """A 5,000-word article is tagged whole, each repeated sentence alike (its speed is
    measured by ``bench/dates.py``, not asserted here)."""
    sentence = ("Officials said on Tuesday that the talks in the capital would continue for "
                "three days, the minister told reporters at the meeting.")
    article = " ".join([sentence] * 200)
    found = tag_dates(article, PUB)
    assert [e.text for e in found] == ["Tuesday", "three days"] * 200
    assert {e.value for e in found} == {"2022-11-29", "P3D"}
    assert all(article[e.start:e.end] == e.text for e in found)


# --- properties


dates_strategy = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
past_phrases = st.one_of(
    st.sampled_from(WEEKDAYS).map(lambda w: f"Officials said {w} that talks failed."),
    st.sampled_from(WEEKDAYS).map(lambda w: f"They met last {w}."),
    st.integers(1, 60).map(lambda n: f"It happened {n} days ago, he said."),
    st.just("Officials said yesterday that talks failed."),
    st.just("Talks failed last week."),
)


@settings(max_examples=300, deadline=None)
@given(published=dates_strategy, text=past_phrases)
def test_dates_past_expressions_never_after_publication(published: dt.date, text: str) -> None:
    found = tag_dates(text, published)
    assert len(found) == 1, found
    value = found[0].value
    assert value is not None
    if found[0].precision == "week":
        year, week = int(value[:4]), int(value[6:8])
        assert dt.date.fromisocalendar(year, week, 1) <= published
    else:
        assert found[0].precision == "day"
        assert dt.date.fromisoformat(value) <= published


@settings(max_examples=100, deadline=None)
@given(published=st.one_of(st.none(), dates_strategy))
def test_dates_deterministic(published: dt.date | None) -> None:
    text = SEED_TEXT + " Yesterday, last week, on Friday and in November, two days ago."
    assert tag_dates(text, published) == tag_dates(text, published)
