"""An outlet's listed name behind the ways the text calls it."""

from __future__ import annotations

import pytest

from whosaid.attribution.outlets import canonical


@pytest.mark.parametrize("written", ["TASS news agency.", "the TASS agency", "Russia's TASS",
                                     "Russian news agency TASS", "ITAR-TASS", "tass"])
def test_outlet_phrases_around_a_listed_name_are_that_outlet(written: str) -> None:
    assert canonical(written) == "TASS"


def test_outlet_alias_gives_the_listed_name() -> None:
    assert canonical("AP") == "Associated Press"
    assert canonical("the Interfax news agency") == "Interfax"


def test_outlet_name_beside_another_capitalised_name_is_not_the_shorter_outlet() -> None:
    # "Kyiv Independent" is listed itself; an unlisted "Nigeria Independent" is not The
    # Independent
    assert canonical("Kyiv Independent") == "Kyiv Independent"
    assert canonical("Nigeria Independent") is None
    # a place in -i is no adjective of place ("Helsinki Times" is not The Times); "Israeli"
    # is one
    assert canonical("Helsinki Times") is None
    assert canonical("Israeli Haaretz") == "Haaretz"


def test_outlet_people_and_ministries_are_no_outlet() -> None:
    assert canonical("Vladimir Putin") is None
    assert canonical("Russian Foreign Ministry") is None
