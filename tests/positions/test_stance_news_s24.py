"""Positions: what the fresh news batch of stop 24 taught the rules: a party to a truce named
bare takes no issue of fighting it, news wording the catalogue now reads (election results,
troops staying, levies, aid packages), and harm told as a cost (hand-built Statement records,
the default catalogue)."""

from __future__ import annotations

import pytest

from positionkit import positions_of


def test_a_party_to_a_truce_named_bare_takes_no_issue_of_fighting_it() -> None:
    text = ("\"It is critical that the ceasefire continues and that all of the hostages are "
            "freed from Hamas captivity,\" the State Department said.")
    found = positions_of(text, "It is critical that the ceasefire continues and that all of the "
                             "hostages are freed from Hamas captivity")
    assert found["ceasefire"].stance == "supports"
    assert "terrorism" not in found


def test_the_destruction_of_a_party_still_supports_fighting_it() -> None:
    text = "He said the war aims are the destruction of Hamas and the return of the hostages."
    found = positions_of(text, "the war aims are the destruction of Hamas and the return of the "
                             "hostages")
    assert found["terrorism"].stance == "supports"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Mnangagwa insists that Zimbabwe's election is fair.", "Zimbabwe's election is fair",
     "elections", "supports"),
    ("Buhari said this was the most fraudulent election since independence.",
     "this was the most fraudulent election since independence", "elections", "opposes"),
    ("Bush has said America will stay in Iraq for as long as it takes.",
     "America will stay in Iraq for as long as it takes", "troop_withdrawal", "opposes"),
    ("Trump has said he is willing to slap levies on all Chinese imports.",
     "he is willing to slap levies on all Chinese imports", "trade_deals", "opposes"),
    ("Business groups argue that tariffs on imports would raise prices for Americans.",
     "tariffs on imports would raise prices for Americans", "trade_deals", "supports"),
    ("The ministry said the U.S. tariffs are bound to inflict more losses on U.S. firms.",
     "the U.S. tariffs are bound to inflict more losses on U.S. firms", "trade_deals",
     "supports"),
    ("He emphasized the need to explore ways to peacefully resolve the conflict.",
     "the need to explore ways to peacefully resolve the conflict", "peace_talks",
     "supports"),
    ("Merz said Ukraine will receive long-range missile systems.",
     "Ukraine will receive long-range missile systems", "arms_supply", "supports"),
    ("He said a meaningful election can be held only when the situation is conducive.",
     "a meaningful election can be held only when the situation is conducive", "elections",
     "conditional"),
])
def test_news_wording_names_its_issue_and_takes_its_side(text: str, content: str,
                                                          issue: str, stance: str) -> None:
    found = positions_of(text, content)
    assert found[issue].stance == stance


def test_dismissing_claims_of_fraud_trusts_the_election() -> None:
    text = "The electoral commission has dismissed the claims of fraud."
    found = positions_of(text, "the claims of fraud", cue="dismissed", lemma="dismiss")
    assert found["elections"].stance == "supports"


def test_a_group_as_the_subject_of_a_condition_is_a_party_not_an_issue() -> None:
    text = ("Netanyahu said the cease-fire is on hold until the terrorist group provides a list "
            "of hostages.")
    found = positions_of(text, "the cease-fire is on hold until the terrorist group provides a "
                             "list of hostages")
    assert "terrorism" not in found


def test_a_war_with_a_group_names_a_party_not_an_issue() -> None:
    text = "He said Israel will not consent to a truce as the conflict with Hamas goes on."
    found = positions_of(text, "Israel will not consent to a truce as the conflict with Hamas "
                             "goes on")
    assert "terrorism" not in found


def test_but_first_sets_a_condition() -> None:
    text = ("\"Russia is open for a negotiation process but first, we need to understand how "
            "prepared Ukraine is,\" he said.")
    found = positions_of(text, "Russia is open for a negotiation process but first, we need to "
                             "understand how prepared Ukraine is")
    assert found["peace_talks"].stance == "conditional"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("\"Terrorism is a real threat,\" he said.", "Terrorism is a real threat", "terrorism",
     "supports"),
    ("She added that our security is under threat from radical Islamic terrorism.",
     "our security is under threat from radical Islamic terrorism", "terrorism", "supports"),
    ("Blinken said Western sanctions against Russia are forcing Moscow to pay a price.",
     "Western sanctions against Russia are forcing Moscow to pay a price", "sanctions",
     "supports"),
    ("He said the sanctions and export controls are constraining Russia's ability to wage war.",
     "the sanctions and export controls are constraining Russia's ability to wage war",
     "sanctions", "supports"),
    ("Abbott said Biden has caused chaos on our border.", "Biden has caused chaos on our border",
     "immigration", "opposes"),
    ("Blinken expressed hope the ceasefire would reduce violence and bring stability.",
     "the ceasefire would reduce violence and bring stability", "ceasefire", "supports"),
    ("\"The elections were totally falsified,\" she stated.", "The elections were totally "
     "falsified", "elections", "opposes"),
    ("He said the war policy is a big obstacle to the resumption of the peace talks.",
     "the war policy is a big obstacle to the resumption of the peace talks", "peace_talks",
     "supports"),
    ("He said the end of the international coalition mission is a necessity for Iraq.",
     "the end of the international coalition mission is a necessity for Iraq",
     "troop_withdrawal", "supports"),
    ("\"Talks would be held only within the framework of the constitution,\" he said.",
     "Talks would be held only within the framework of the constitution", "peace_talks",
     "conditional"),
])
def test_a_harm_or_an_effect_named_takes_its_side(text: str, content: str, issue: str,
                                                   stance: str) -> None:
    found = positions_of(text, content)
    assert found[issue].stance == stance


def test_further_sanctions_on_a_condition_are_conditional() -> None:
    text = "\"In the absence of a ceasefire, we are looking into further sanctions,\" she stated."
    found = positions_of(text, "In the absence of a ceasefire, we are looking into further "
                             "sanctions")
    assert found["sanctions"].stance == "conditional"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Zelensky said a ceasefire would only last a few short years.",
     "a ceasefire would only last a few short years", "ceasefire", "opposes"),
    ("Sullivan said the United States would respond decisively to any use of nuclear weapons.",
     "the United States would respond decisively to any use of nuclear weapons",
     "nuclear_weapons", "opposes"),
    ("\"No voting will take place while martial law is in place,\" he said.",
     "No voting will take place while martial law is in place", "elections", "opposes"),
])
def test_a_short_life_a_deterrent_or_no_vote_opposes(text: str, content: str, issue: str,
                                                     stance: str) -> None:
    found = positions_of(text, content)
    assert found[issue].stance == stance


def test_a_negation_reaches_through_a_five_word_object_to_the_cue() -> None:
    text = ("Orban said Hungary will not support a European Union plan to provide Ukraine with "
            "budget assistance.")
    found = positions_of(text, "Hungary will not support a European Union plan to provide "
                             "Ukraine with budget assistance")
    assert found["aid"].stance == "opposes"
