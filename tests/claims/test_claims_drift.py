"""How a version's words differ from the origin's, and the changed-meaning flags."""

from __future__ import annotations

from claimkit import st

from whosaid.claims import drift


def flags(origin: str, version: str, okind: str = "direct", vkind: str = "direct") -> tuple:
    return drift(st("o", origin, kind=okind), st("v", version, kind=vkind)).flags  # type: ignore[arg-type]


def test_drift_origin_against_itself_is_empty() -> None:
    o = st("o", "We are ready")
    d = drift(o, o)
    assert not d.meaning_changed and d.flags == () and d.added == () and d.dropped == ()


def test_drift_direct_to_indirect_is_form_not_meaning() -> None:
    d = drift(st("o", "«I am ready for talks»"),
              st("v", "that he was ready for talks", kind="indirect"))
    assert d.flags == ("quote_to_paraphrase",)
    assert not d.meaning_changed
    assert d.added == d.dropped == () and d.changed == ()


def test_drift_negation_flipped_is_flagged() -> None:
    assert "negation_flipped" in flags("We will attend the talks in Istanbul",
                                       "We will not attend the talks in Istanbul")
    assert "negation_flipped" in flags("We won't attend the talks in Istanbul",
                                       "We will attend the talks in Istanbul")


def test_drift_truncation_that_cuts_a_negated_clause_is_no_flip() -> None:
    assert flags("We will attend the talks, but we will not sign anything",
                 "We will attend the talks") == ()


def test_drift_whether_or_not_is_no_negation() -> None:
    assert "negation_flipped" not in flags("We will see whether or not Russia is there",
                                           "We will see if Russia is there")


def test_drift_number_changed_is_flagged() -> None:
    d = drift(st("o", "Russia has lost 5,000 soldiers"), st("v", "Russia has lost 50,000 soldiers"))
    assert "number_changed" in d.flags and d.meaning_changed
    assert d.changed == (("5,000", "50,000"),)


def test_drift_the_same_number_written_otherwise_is_no_change() -> None:
    assert flags("Russia has lost 5,000 soldiers in five days",
                 "Russia has lost 5000 soldiers in 5 days") == ()


def test_drift_hedge_dropped_is_flagged() -> None:
    d = drift(st("o", "Russia may resume the talks in March"),
              st("v", "Russia will resume the talks in March"))
    assert d.flags == ("hedge_dropped",) and d.meaning_changed


def test_drift_hedge_added_is_flagged() -> None:
    assert flags("Russia will resume the talks in March",
                 "Russia might resume the talks in March") == ("hedge_added",)


def test_drift_can_to_could_in_reported_speech_is_no_hedge() -> None:
    assert flags("We can win this war", "they could win this war", vkind="indirect") == \
        ("quote_to_paraphrase",)


def test_drift_words_added_dropped_and_changed() -> None:
    d = drift(st("o", "We are ready for talks with Kyiv"),
              st("v", "We are certainly ready for negotiations with Kyiv"))
    assert d.added == ("certainly",)
    assert d.changed == (("talks", "negotiations"),)
    assert not d.meaning_changed


def test_drift_could_printed_as_will_is_a_hedge_dropped_or_added() -> None:
    assert "hedge_dropped" in flags("that he could succeed in Iowa",
                                    "that he will succeed in Iowa", "indirect", "indirect")
    assert "hedge_added" in flags("Russia will resume the talks in March",
                                  "Russia could resume the talks in March")


def test_drift_can_printed_as_could_is_reported_speech_not_a_hedge() -> None:
    assert flags("«We can resume the talks in March»",
                 "that they could resume the talks in March", vkind="indirect") == \
        ("quote_to_paraphrase",)


def test_drift_negation_of_a_stop_word_verb_is_flagged() -> None:
    # "gone" is a stop word (go): the negation's head is the verb when no content word follows
    assert "negation_flipped" in flags("how far this campaign has gone",
                                       "how far this campaign has not gone")


def test_drift_hedge_before_a_pronoun_hedges_no_pronoun() -> None:
    # "Maybe I'll have a call": the hedge's head is no "I" (matched by "he" in the origin)
    assert "hedge_added" not in flags("he might call Trump to discuss the issue",
                                      "Maybe I'll have a call with Donald Trump",
                                      "indirect", "direct")


def test_drift_nor_after_a_negation_continues_it_and_flips_nothing() -> None:
    # a translation of Biden in Warsaw: "not … in days or months" / "not … in days, nor in
    # months"
    assert "negation_flipped" not in flags(
        "this battle will not be won in days or months either",
        "This battle will also not be won in days, nor in months")
    assert "negation_flipped" in flags("the talks will go on in May",
                                       "the talks will not go on in May")


def test_drift_a_hedge_six_words_before_its_word_still_governs_it() -> None:
    # Peskov re-reported (real set): the hedge moved from "call" to "need"
    assert "hedge_dropped" not in flags("he might call Trump to discuss the issue",
                                        'he may need to "have a phone call with Trump."')
