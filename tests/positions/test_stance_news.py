"""Positions: what fresh real news taught the rules (stop 23): an issue named again by a
noun after a determiner, a condition of give and take, a dependence as a condition, the
presence of troops as the opposite of their withdrawal, and news wording the catalogue and
the cue tables now read (hand-built Statement records, the default catalogue)."""

from __future__ import annotations

import pytest

from positionkit import positions_of


def test_a_noun_after_a_determiner_names_again_the_issue_named_before_it() -> None:
    text = ("Iran is pinning its hopes on Europe to save the Iran nuclear deal. Mogherini said "
            "the U.S. had no right to terminate the accord.")
    found = positions_of(text, "the U.S. had no right to terminate the accord")
    assert found["iran_deal"].stance == "supports"
    assert found["iran_deal"].evidence.text.endswith("accord")


def test_a_noun_with_no_earlier_keyword_of_its_class_names_no_issue() -> None:
    text = "The union and the firm signed a wage deal. He said the accord would hold."
    assert positions_of(text, "the accord would hold") == {}


def test_as_long_as_the_other_side_keeps_its_part_is_a_condition() -> None:
    text = ("Canete reassured Iran that Europe will remain committed to the 2015 nuclear deal "
            "as long as Tehran does the same.")
    found = positions_of(text, "Europe will remain committed to the 2015 nuclear deal as long "
                             "as Tehran does the same")
    assert found["iran_deal"].stance == "conditional"
    condition = found["iran_deal"].condition
    assert condition is not None and condition.text == "as long as Tehran does the same"


def test_as_long_as_a_state_lasts_stays_a_duration() -> None:
    text = "Kirby said the sanctions will remain in place as long as Russia occupies Crimea."
    found = positions_of(text, "the sanctions will remain in place as long as Russia occupies "
                             "Crimea")
    assert found["sanctions"].stance == "supports"


def test_aid_that_depends_on_something_is_conditional() -> None:
    text = ("Saar now says that future humanitarian aid depends on Hamas' willingness to "
            "release remaining Israeli hostages.")
    found = positions_of(text, "future humanitarian aid depends on Hamas' willingness to "
                             "release remaining Israeli hostages")
    assert found["aid"].stance == "conditional"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # opposing the troops' presence wants them withdrawn
    ("Two-thirds of those polled said they opposed the presence of U.S. forces.",
     "they opposed the presence of U.S. forces", "troop_withdrawal", "supports"),
    # the verb of the keyword turned round by the cue before it
    ("MDC chairman Morgan Komichi promised to challenge the results in court.",
     "to challenge the results in court", "elections", "opposes"),
    # a permit refused
    ("\u201cIn the context of Ukraine, we do not issue permits for arms deliveries\u201d, he said.",
     "In the context of Ukraine, we do not issue permits for arms deliveries", "arms_supply",
     "opposes"),
    # a change of direction undoes the policy
    ("Seehofer said Germany must change direction on immigration.",
     "Germany must change direction on immigration", "immigration", "opposes"),
    # the only way out
    ("Macron said he believed negotiations were the only way out of the crisis.",
     "he believed negotiations were the only way out of the crisis", "peace_talks",
     "supports"),
])
def test_news_wording_takes_its_side(text: str, content: str, issue: str,
                                     stance: str) -> None:
    found = positions_of(text, content)
    assert found[issue].stance == stance


def test_a_reporting_verb_that_denies_rigging_trusts_the_election() -> None:
    text = "ZEC officials have robustly denied allegations of bias or rigging."
    found = positions_of(text, "allegations of bias or rigging", cue="denied",
                       lemma="deny")
    assert found["elections"].stance == "supports"


def test_a_group_held_by_or_belonging_to_hamas_is_no_stance_on_fighting_it() -> None:
    text = ("Shtayyeh has called for an immediate cease-fire to secure the release of hostages "
            "held by Hamas since its attack.")
    found = positions_of(text, "an immediate cease-fire to secure the release of hostages held "
                             "by Hamas since its attack")
    assert found["ceasefire"].stance == "supports"
    assert "terrorism" not in found


def test_called_with_an_object_names_it_and_takes_no_side() -> None:
    text = "He also called the Nord Stream 2 gas pipeline a European-Russian project."
    found = positions_of(text, "the Nord Stream 2 gas pipeline a European-Russian project",
                       cue="called", lemma="call")
    assert found["energy"].stance == "neutral"


def test_called_for_still_supports_what_it_calls_for() -> None:
    text = "The prime minister called for an immediate truce in Gaza."
    found = positions_of(text, "an immediate truce in Gaza", cue="called", lemma="call")
    assert found["ceasefire"].stance == "supports"
