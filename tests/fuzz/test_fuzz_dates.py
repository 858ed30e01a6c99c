"""Fuzzing the date tagger: on any text and any publication date from 0001-01-01 to
9999-12-31, ``tag_dates`` raises nothing, finds expressions inside the text, in order, outside
the mask, with the same result every time, within its budget."""

from __future__ import annotations

import datetime as dt

from fuzz_targets import BUDGET
from fuzzkit import DATES, budget, check_span, fuzz_settings, news_texts, published_dates, texts
from hypothesis import example, given
from hypothesis import strategies as st

from whosaid.dates import tag_dates

date_texts = st.one_of(
    texts,
    st.lists(st.sampled_from(DATES), min_size=1, max_size=6).map(" ".join),
    st.lists(st.sampled_from(DATES), min_size=1, max_size=4).map(
        lambda ds: ". ".join(f"Putin said {d}" for d in ds)),
)


@fuzz_settings(ci=60)
@given(date_texts, published_dates)
@example("next year", dt.date.max)
@example("last year", dt.date.min)
@example("in 99999 days", dt.date(2022, 12, 4))
def test_fuzz_dates_lie_inside_the_text(text: str, published: dt.date | None) -> None:
    with budget(BUDGET["dates"], "tag_dates"):
        found = tag_dates(text, published)
    last = -1
    for d in found:
        check_span(text, d.start, d.end, d.text, "date")
        assert d.start < d.end and d.start >= last
        last = d.start
    assert tag_dates(text, published) == found


@fuzz_settings(ci=15)
@given(news_texts(max_paragraphs=4), published_dates, st.data())
def test_fuzz_masked_stretches_hold_no_date(text: str, published: dt.date | None,
                                            data: st.DataObject) -> None:
    n = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=4)))
    mask = list(zip(cuts[0::2], cuts[1::2], strict=False))
    for d in tag_dates(text, published, mask=mask):
        check_span(text, d.start, d.end, d.text, "date")
        assert not any(s <= d.start < e for s, e in mask), (d, mask)


def test_fuzz_last_year_in_a_paper_of_the_year_one_is_no_crash() -> None:
    # Found by fuzzing: "last year" gave "0000", and anaphora then counted from year 0.
    found = tag_dates("Putin said last year that the day before was calm.", dt.date.min)
    assert [d.text for d in found][:1] == ["last year"]
