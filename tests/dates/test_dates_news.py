"""Date rules tuned on TempEval-3 news (issue 12): each test one behaviour, on a hand-made
sentence, resolved against a publication date as a paper would print it."""

from __future__ import annotations

import datetime as dt

from whosaid.dates import tag_dates

WED = dt.date(2022, 12, 7)  # a Wednesday


def found(text: str, published: dt.date | None = WED) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.value) for e in tag_dates(text, published)]


def values(text: str, published: dt.date | None = WED) -> dict[str, str | None]:
    return {e.text: e.value for e in tag_dates(text, published)}


# --------------------------------------------------------------------------- weekdays


def test_possessive_weekday_is_past_even_in_a_clause_that_looks_ahead() -> None:
    text = "Relatives said they would look for ways to get around Tuesday's ruling."
    assert values(text) == {"Tuesday": "2022-12-06"}


def test_possessive_weekday_after_ahead_of_is_to_come() -> None:
    assert values("Ahead of Friday's vote, ministers met.") == {"Friday": "2022-12-09"}


def test_possessive_weekday_right_after_a_firm_future_cue_is_to_come() -> None:
    assert values("Voters will go to the polls in Sunday's election.") == {
        "Sunday": "2022-12-11"}


def test_possessive_weekday_after_before_stays_past() -> None:
    text = "Its share of 7% before Monday's purchases is far below the leaders'."
    assert values(text) == {"Monday": "2022-12-05"}


def test_a_weekday_opening_a_sentence_takes_the_tense_of_the_clause_after_it() -> None:
    text = "He spoke on Monday. On Thursday, the league plans to hold a news conference."
    assert values(text)["Thursday"] == "2022-12-08"
    assert values("On Thursday, the league said it would hold a news conference.") == {
        "Thursday": "2022-12-01"}


def test_a_plan_in_the_past_after_a_fronted_weekday_stays_past() -> None:
    text = "On Friday, the government planned to pay the families."
    assert values(text) == {"Friday": "2022-12-02"}


def test_the_day_before_a_named_weekday_counts_from_that_weekday() -> None:
    text = ("The day before last Tuesday's hearing, he went to his uncle's home. "
            "He appeared in court the next morning.")
    assert values(text) == {"The day before last Tuesday": "2022-12-05",
                            "the next morning": "2022-12-06"}
    assert values("They will leave the day after Friday.") == {
        "the day after Friday": "2022-12-10"}


def test_a_planned_event_lies_ahead() -> None:
    text = "Protesters planned a large demonstration in Little Havana on Saturday."
    assert values(text) == {"Saturday": "2022-12-10"}


# --------------------------------------------------------------------------- extents


def test_over_the_weekend_leaves_over_outside_the_expression() -> None:
    assert found("She spoke over the weekend.") == [("the weekend", "DATE", "2022-W48-WE")]


# --------------------------------------------------------------------------- vague references


def test_recent_without_a_noun_is_no_date() -> None:
    assert found("The sale was recent.") == []


def test_then_current_is_the_past() -> None:
    assert found("at 50% of the then current market price") == [
        ("then current", "DATE", "PAST_REF")]


def test_the_future_of_something_is_no_date() -> None:
    assert found("That is important to the future of our peoples.") == []
    assert found("They worry about the future.") == [("the future", "DATE", "FUTURE_REF")]


def test_soon_looking_ahead_is_the_future() -> None:
    assert found("Kellogg soon will begin selling boxes for 99 cents.") == [
        ("soon", "DATE", "FUTURE_REF")]
    assert found("Prosecutors may soon seek an indictment.") == [
        ("soon", "DATE", "FUTURE_REF")]


def test_soon_in_a_past_narrative_or_counted_from_something_else_is_no_date() -> None:
    assert found("He was soon released.") == []
    assert found("A trickle of cash soon became a flood.") == []
    assert found("He had probably been killed soon after being captured.") == []
    assert [e[0] for e in found("They could leave as soon as Tuesday.")] == ["Tuesday"]


# --------------------------------------------------------------------------- quarters


def test_fiscal_hyphen_first_quarter_is_the_reported_quarter() -> None:
    text = ("It earned $4 million in the fiscal-first quarter. It lost $2 million a year ago.")
    assert values(text, dt.date(1989, 10, 26)) == {
        "the fiscal-first quarter": "1989-Q1", "a year ago": "1988-Q1"}


def test_the_first_two_quarters_of_a_year_are_its_first_half() -> None:
    text = "Demand should stay weak through at least the first two quarters of 1990."
    assert found(text, dt.date(1989, 10, 26)) == [
        ("the first two quarters of 1990", "DATE", "1990-H1")]
    assert values("Sales rose in the last two quarters of this year.", dt.date(1989, 10, 26)) \
        == {"the last two quarters of this year": "1989-H2"}


def test_the_quarter_ended_a_date_is_the_quarter_of_the_month_before() -> None:
    oct30 = dt.date(1989, 10, 30)
    assert values("In the quarter ended July 31, it had 5.6 million shares.", oct30)[
        "the quarter"] == "1989-Q2"
    assert values("For the quarter ended Sept. 30, Delta posted a profit.", oct30)[
        "the quarter"] == "1989-Q3"


def test_the_quarter_ended_keeps_the_quarter_the_story_named() -> None:
    text = ("Earnings soared in the fiscal first quarter. "
            "For the quarter ended Sept. 30, Delta posted a profit.")
    assert values(text, dt.date(1989, 10, 26))["the quarter"] == "1989-Q1"


def test_the_latest_period_is_the_quarter_being_reported() -> None:
    text = ("Ralston Purina reported a 47% decline in fourth-quarter earnings. "
            "Sales in the latest period were $1.76 billion.")
    assert values(text, dt.date(1989, 11, 2))["the latest period"] == "1989-Q4"
    assert values("Sales in the latest quarter rose.", dt.date(1989, 11, 2)) == {
        "the latest quarter": "1989-Q3"}


def test_a_quarter_not_yet_over_at_publication_is_not_the_one_reported() -> None:
    text = ("Aetna's third-quarter net income fell 22%. The company has no estimate of the "
            "impact of the earthquake on fourth-quarter results. In the latest quarter, "
            "Aetna had a $23 million loss.")
    assert values(text, dt.date(1989, 10, 30))["the latest quarter"] == "1989-Q3"


def test_a_fiscal_quarter_named_later_is_the_one_reported() -> None:
    text = ("Armco said third-quarter net income dropped 8%. National Intergroup posted net "
            "income for the fiscal second-quarter of $8.6 million. The latest period includes "
            "gains.")
    assert values(text, dt.date(1989, 10, 26))["The latest period"] == "1989-Q2"


def test_the_comparable_year_ago_quarter_is_the_reported_one_a_year_before() -> None:
    text = "Profit rose in the third quarter. In the comparable year-ago quarter, it lost money."
    assert values(text, dt.date(1989, 10, 27))["the comparable year-ago quarter"] == "1988-Q3"


def test_an_adjectival_quarter_leaves_the_article_to_its_noun() -> None:
    oct30 = dt.date(1989, 10, 30)
    assert found("A major factor in the third-quarter loss was a write-down.", oct30) == [
        ("third-quarter", "DATE", "1989-Q3")]
    assert found("It earned $8 million in the fiscal second-quarter.", oct30) == [
        ("fiscal second-quarter", "DATE", "1989-Q2")]
    assert found("It rose in the third quarter.", oct30) == [
        ("the third quarter", "DATE", "1989-Q3")]


def test_a_quarter_with_its_year_keeps_the_article() -> None:
    assert found("In the 1988 third quarter, it lost money.", dt.date(1989, 10, 30)) == [
        ("the 1988 third quarter", "DATE", "1988-Q3")]


# --------------------------------------------------------------------------- durations


def test_a_counted_duration_keeps_its_article() -> None:
    assert found("Net for the nine months was $254 million.") == [
        ("the nine months", "DURATION", "P9M")]


def test_an_adjectival_duration_leaves_the_article_to_its_noun() -> None:
    assert found("within the 14-day appeal period") == [("14-day", "DURATION", "P14D")]


def test_a_plan_in_the_past_perfect_names_a_past_day() -> None:
    fri = dt.date(2013, 3, 22)
    assert values("The vote, which had been scheduled for Thursday, was postponed.", fri) == {
        "Thursday": "2013-03-21"}
    assert values("The vote is scheduled for Thursday.", fri) == {"Thursday": "2013-03-28"}


def test_a_past_perfect_relative_clause_leaves_the_main_clause_alone() -> None:
    text = ("The sale, which had been expected, is part of its program to pay down $5 billion "
            "of a bridge loan by February.")
    assert values(text, dt.date(1989, 10, 30)) == {"February": "1990-02"}


def test_quarter_to_quarter_is_no_quarter() -> None:
    text = "The quarter-to-quarter comparison improved. In the quarter, sales rose."
    assert found(text, dt.date(1989, 11, 1)) == [("the quarter", "DATE", "1989-Q3")]


def test_the_past_several_months_is_one_vague_duration() -> None:
    assert found("Prices fell over the past several months.") == [
        ("the past several months", "DURATION", "PXM")]
    assert found("Talks go on over the next several days.") == [
        ("the next several days", "DURATION", "PXD")]


# --------------------------------------------------------------------------- today, tomorrow


def test_the_people_of_tomorrow_is_an_age_not_a_date() -> None:
    assert found("If I were choosing the people of tomorrow, I would pick them.") == []
    assert found("As of today, 500 people have signed.") == [("today", "DATE", "2022-12-07")]


def test_a_scheduled_event_in_the_present_looks_ahead() -> None:
    fri = dt.date(1998, 5, 1)
    assert values("He and Arafat meet separately Monday with Albright.", fri) == {
        "Monday": "1998-05-04"}
    assert values("The new rules take effect Monday.", fri) == {"Monday": "1998-05-04"}
    assert values("He and Arafat met separately Monday with Albright.", fri) == {
        "Monday": "1998-04-27"}


def test_a_passive_after_will_looks_ahead() -> None:
    fri = dt.date(1998, 5, 1)
    assert values("Results will be announced Tuesday.", fri) == {"Tuesday": "1998-05-05"}
    assert values("Results were announced Tuesday.", fri) == {"Tuesday": "1998-04-28"}


def test_an_arrangement_in_the_present_progressive_looks_ahead() -> None:
    fri = dt.date(1998, 5, 1)
    assert values("He is appearing in court Tuesday.", fri) == {"Tuesday": "1998-05-05"}
    assert values("The sector is going to suffer in the spring.", fri) == {
        "the spring": "1998-SP"}


def test_a_habitual_present_far_from_the_day_leaves_the_clause_alone() -> None:
    text = "They meet every week and spoke at length on Friday about it."
    assert values(text) == {"every week": "P1W", "Friday": "2022-12-02"}


def test_reported_quarter_stays_after_a_mention_of_an_earlier_one() -> None:
    nov = dt.date(1989, 11, 1)
    text = ("Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat "
            "second quarter, the gain came from consumer products. The comparison was helped "
            "by charges taken in the year-earlier period.")
    assert values(text, nov)["the year-earlier period"] == "1988-Q3"


def test_reported_quarter_stays_after_a_quarter_still_to_come() -> None:
    oct26 = dt.date(1989, 10, 26)
    text = ("Bethlehem Steel posted a 54% drop in third-quarter profit. Analysts expect the "
            "trend to continue into the fourth quarter. In the year-ago period, Bethlehem "
            "earned $101.4 million.")
    assert values(text, oct26)["the year-ago period"] == "1988-Q3"


def test_a_roundup_moves_on_to_the_next_company_s_later_quarter() -> None:
    nov = dt.date(1989, 11, 2)
    text = ("Unisys posted a third-quarter loss. Separately, Innopac reported fourth-quarter "
            "net of $4 million, up from $3 million a year ago.")
    assert values(text, nov)["a year ago"] == "1988-Q4"


def test_the_corresponding_period_last_year_is_the_reported_quarter_a_year_before() -> None:
    nov = dt.date(1989, 11, 1)
    text = ("The publisher posted a third-quarter loss, compared with net income of $1.8 "
            "million for the corresponding period last year. U.K. sales for last year's "
            "quarter were about $3 million.")
    assert found(text, nov) == [
        ("third-quarter", "DATE", "1989-Q3"),
        ("the corresponding period last year", "DATE", "1988-Q3"),
        ("last year's quarter", "DATE", "1988-Q3")]


def test_the_same_period_last_year_without_a_reported_quarter_is_last_year() -> None:
    assert values("Sales rose 5% from the same period last year.") == {
        "the same period last year": "2021"}


def test_the_year_before_a_year_number_is_that_year_whole() -> None:
    assert found("Sales in the fiscal year 2014 rose; the year 2000 was worse.") == [
        ("the fiscal year 2014", "DATE", "2014"), ("the year 2000", "DATE", "2000")]


def test_a_day_said_as_an_ordinal_is_that_day() -> None:
    mar5 = dt.date(1998, 3, 5)
    text = "International Women's Day is this coming Sunday, March eighth."
    assert found(text, mar5) == [("this coming Sunday, March eighth", "DATE", "1998-03-08")]
    assert values("The session will end on the twenty-first of June.", mar5) == {
        "the twenty-first of June": "1998-06-21"}


def test_an_ordinal_before_a_hyphen_is_no_day() -> None:
    assert [t for t, _, _ in found("In March first-quarter sales rose.")] == [
        "March", "first-quarter"]


def test_the_latest_fiscal_year_is_the_last_one_closed() -> None:
    oct26 = dt.date(1989, 10, 26)
    text = "Provigo had C$7.38 billion in sales in the latest fiscal year."
    assert values(text, oct26) == {"the latest fiscal year": "1988"}


def test_quarters_count_as_a_duration_but_not_as_a_share() -> None:
    assert found("It has had losses in the past two quarters.") == [
        ("the past two quarters", "DURATION", "P2Q")]
    assert found("Iraq imports about three-quarters of its food.") == []


# --------------------------------------------------------------------------- anaphora


def test_that_same_day_after_a_month_is_a_day_of_that_month() -> None:
    text = ("Doctors on the list were killed, most recently last October when a doctor was "
            "shot. His name was crossed out that same day.")
    assert found(text)[-1] == ("that same day", "DATE", "2022-10-XX")
    assert tag_dates(text, WED)[-1].precision == "month"  # the day is unknown


def test_that_day_after_a_year_is_a_day_of_that_year() -> None:
    assert values("The plant opened in 1995. That day, workers marched.")["That day"] == \
        "1995-XX-XX"


def test_that_same_day_after_a_day_is_that_day() -> None:
    text = "The doctor was shot on Oct. 23. His name was crossed out that same day."
    assert values(text)["that same day"] == "2022-10-23"


def test_the_next_day_after_a_month_still_counts_from_publication() -> None:
    assert values("Prices rose in October. The next day, traders sold.")["The next day"] == \
        "2022-12-08"


# --------------------------------------------------------------------------- weekends

FRI = dt.date(2013, 3, 22)  # a Friday: its weekend is 2013-W12-WE


def test_this_weekend_told_on_a_weekday_is_the_coming_one() -> None:
    assert values("Talks resume this weekend.", FRI) == {"this weekend": "2013-W12-WE"}
    assert values("Talks resume this coming weekend.", FRI) == {
        "this coming weekend": "2013-W12-WE"}


def test_over_the_weekend_and_this_past_weekend_told_on_a_weekday_are_the_last_one() -> None:
    assert values("He said over the weekend that talks failed.", FRI) == {
        "the weekend": "2013-W11-WE"}
    assert values("The talks this past weekend failed.", FRI) == {
        "this past weekend": "2013-W11-WE"}


def test_this_past_month_is_last_month() -> None:
    assert values("Sales fell this past month.", FRI) == {"this past month": "2013-02"}


# --------------------------------------------------------------------------- day pairs


def test_the_past_and_the_next_decade_are_ten_year_durations() -> None:
    assert found("Costs rose over the past decade.") == [
        ("the past decade", "DURATION", "P10Y")]
    assert found("Over the next decade, costs will rise.") == [
        ("the next decade", "DURATION", "P10Y")]
    assert found("In the coming century, seas will rise.") == [
        ("the coming century", "DURATION", "P100Y")]


def test_that_summer_is_the_summer_of_the_last_year_named() -> None:
    assert values("In 1968 he moved to Paris, and that summer he met her.") == {
        "1968": "1968", "that summer": "1968-SU"}
    assert values("They met in March 2010. That spring, they married.") == {
        "March 2010": "2010-03", "That spring": "2010-SP"}


def test_that_fall_after_a_noun_is_a_verb() -> None:
    assert found("Shares that fall sharply are sold. Ideas that spring from fear fail.") == []


def test_two_days_before_one_month_are_two_dates() -> None:
    assert found("The summit meets on 21 and 22 March.", FRI) == [
        ("21", "DATE", "2013-03-21"), ("22 March", "DATE", "2013-03-22")]
    assert found("It met on 21-22 March 2012.", FRI) == [
        ("21", "DATE", "2012-03-21"), ("22 March 2012", "DATE", "2012-03-22")]


def test_two_numbers_before_a_non_month_are_no_dates() -> None:
    assert found("Rates rose by 2 and 3 percent in March.", FRI) == [
        ("March", "DATE", "2013-03")]


# --------------------------------------------------------------------------- scheduled present


def test_a_scheduled_event_told_in_the_present_is_the_coming_weekday() -> None:
    # published on Wednesday 2022-12-07: news writes the plan in the present tense
    assert values("The trial opens Monday in Boston.") == {"Monday": "2022-12-12"}
    assert values("The offer expires Friday.") == {"Friday": "2022-12-09"}
    assert values("The president travels to Israel on Thursday.") == {
        "Thursday": "2022-12-08"}
    assert values("The report, to be released Monday, will show growth.") == {
        "Monday": "2022-12-12"}


def test_the_same_verbs_in_the_past_tense_keep_the_last_weekday() -> None:
    assert values("The trial opened Monday in Boston.") == {"Monday": "2022-12-05"}
    assert values("The offer expired Friday.") == {"Friday": "2022-12-02"}


# --------------------------------------------------------------------------- parts of days


def test_this_morning_and_last_night_are_times_of_their_day() -> None:
    assert found("The figures will be disclosed this morning.") == [
        ("this morning", "TIME", "2022-12-07TMO")]
    assert found("CBS News first reported last night that the tomb was empty.") == [
        ("last night", "TIME", "2022-12-06TNI")]
    assert found("He met the minister yesterday afternoon.") == [
        ("yesterday afternoon", "TIME", "2022-12-06TAF")]


def test_a_weekday_night_stays_a_date_of_that_day() -> None:
    assert found("Castro declared Tuesday night that it was over.") == [
        ("Tuesday night", "DATE", "2022-12-06")]


def test_a_weekday_evening_is_a_time_of_that_day() -> None:
    assert found("Reporters were told Tuesday evening that it was over.") == [
        ("Tuesday evening", "TIME", "2022-12-06TEV")]
    assert found("The talks resumed Tuesday afternoon.") == [
        ("Tuesday afternoon", "TIME", "2022-12-06TAF")]


# --------------------------------------------------------------------------- vague words


def test_recent_before_a_unit_is_past_ref_but_not_before_other_nouns() -> None:
    assert values("Sales have slowed in recent years.") == {"recent years": "PAST_REF"}
    assert found("IRA commanders are responsible for the recent bomb attacks.") == []


# --------------------------------------------------------------------------- durations, eras


def test_an_age_in_years_old_is_no_duration() -> None:
    assert found("Mr. Schwarz, 52 years old, will succeed Mr. Davis.") == []
    assert found("He served 52 years in the army.") == [("52 years", "DURATION", "P52Y")]


def test_the_next_couple_of_weeks_is_a_two_week_duration() -> None:
    assert found("He will decide in the next couple of weeks.") == [
        ("the next couple of weeks", "DURATION", "P2W")]


def test_the_1800s_is_a_century_and_the_1990s_a_decade() -> None:
    assert values("Railways spread in the 1800s and roads in the 1990s.") == {
        "the 1800s": "18", "the 1990s": "199"}
    assert values("Prices rose in the 2000s.") == {"the 2000s": "200"}


def test_the_end_of_the_decade_is_this_decade() -> None:
    assert found("Emissions must fall by the end of the decade.", FRI) == [
        ("the end of the decade", "DATE", "201")]


def test_last_and_the_month_just_gone_is_a_year_before() -> None:
    # told on 1998-03-01: the February just gone would be "last month"
    sunday = dt.date(1998, 3, 1)
    assert values("Two helicopters crashed last February.", sunday) == {
        "last February": "1997-02"}
    assert values("Sales fell this past February.", sunday) == {
        "this past February": "1998-02"}
    assert values("The treaty was signed last May.", sunday) == {"last May": "1997-05"}


def test_a_quarter_code_without_a_year_ends_at_its_digit() -> None:
    assert found("Revenue rose in Q1 2013; in Q4 it fell.", FRI) == [
        ("Q1 2013", "DATE", "2013-Q1"), ("Q4", "DATE", "2012-Q4")]
