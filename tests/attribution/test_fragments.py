"""Content fragments are never reversed: a span cut out of a piece that covers it all
leaves the piece empty, and an empty piece is no fragment (a reversed fragment made the
content bounds pass raise spaCy's E035 on a real PolNeAR passage)."""

from __future__ import annotations

from whosaid.attribution.drafts import CharSpan, cut

# A PolNeAR train passage (The Western Journal, 2016-06-20): the citing phrase "quoting an
# anonymous Republican official" covers the piece between the two quotations.
POST = ("The Washington Post reported that Lewandowski was ousted “at\xa0the urging of "
        "[Trump’s] three adult children and many key allies.”\n\n“It just came to a head. "
        "There\xa0were a lot of voices that came together at once,” the Post reported, "
        "quoting an anonymous Republican official. “They were moving into a general "
        "election phase and wanted one coherent management style.”")


def test_a_cut_span_covering_the_whole_piece_leaves_it_empty_not_reversed() -> None:
    assert cut(236, 270, [CharSpan(230, 275)]) == CharSpan(270, 270)
    assert cut(236, 270, [CharSpan(236, 250)]) == CharSpan(250, 270)


def test_a_citing_phrase_between_two_quotations_leaves_ordered_fragments(
        analyze_text) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_text(POST)
    assert analysis.statements
    for st in analysis.statements:
        assert all(start < end for start, end in st.fragments), st.fragments
        assert list(st.fragments) == sorted(st.fragments)
    second = next(st for st in analysis.statements if "came to a head" in st.content.text)
    assert "coherent management style" in second.content.text
