"""A word and its inflected forms compare as one key, and a cut never leaves a stem too
short to tell words apart (last review: "speed" was ``spe`` but "speeds" ``speed``; "add"
was ``add`` but "added" ``ad``)."""

from __future__ import annotations

import pytest

from whosaid.claims.text import keys

# each row: a word and inflected forms of it, as re-reports of one utterance print them
FAMILIES = [
    ("speed", "speeds", "speeding", "sped"),
    ("add", "adds", "added", "adding"),
    ("agree", "agrees", "agreed", "agreeing"),
    ("decide", "decides", "decided", "deciding"),
    ("stop", "stops", "stopped", "stopping"),
    ("use", "uses", "used", "using"),
    ("try", "tries", "tried", "trying"),
    ("study", "studies", "studied", "studying"),
    ("die", "dies", "died", "dying"),
    ("need", "needs", "needed", "needing"),
    ("free", "frees", "freed", "freeing"),
    ("plan", "plans", "planned", "planning"),
    ("control", "controls", "controlled", "controlling"),
    ("label", "labels", "labelled", "labeled"),
    ("travel", "travels", "travelled", "traveling"),
    ("staff", "staffs", "staffed", "staffing"),
    ("call", "calls", "called", "calling"),
    ("pass", "passes", "passed", "passing"),
    ("focus", "focuses", "focused", "focusing"),
    ("embed", "embeds", "embedded", "embedding"),
    ("proceed", "proceeds", "proceeded", "proceeding"),
    ("favour", "favours", "favoured", "favor"),
    ("negotiate", "negotiates", "negotiated", "negotiations"),
    ("building", "buildings", "build", "builds"),
    ("watch", "watches", "watched", "watching"),
    ("owe", "owes", "owed", "owing"),
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f[0])
def test_stems_a_word_and_its_inflections_have_one_key(family: tuple[str, ...]) -> None:
    assert len({keys(w) for w in family}) == 1, [(w, keys(w)) for w in family]


@pytest.mark.parametrize("word", ["bed", "beds", "sing", "sings", "thing", "string", "need",
                                  "red", "bus", "add", "added", "egg", "eggs", "odd"])
def test_stems_a_cut_leaves_at_least_three_letters(word: str) -> None:
    (key,) = keys(word)
    assert len(key) >= 3


def test_stems_words_that_only_look_inflected_stay_apart() -> None:
    # an -ee word keeps its d: "seed" is not "see", "need" not "nee"
    assert keys("seed") != keys("see")
    assert keys("seeds") == keys("seed")
    # a final "ll" stays double in a short word: "call" is not "cal", "still" not "stile"
    assert keys("call") != keys("cale")
    # a word whose s is its own: "status", "class", "crisis"
    assert keys("status") == ("status",)
    assert keys("classes") == keys("class")


def test_stems_inflections_join_a_re_report() -> None:
    # Reuters: "Russia added it was speeding up the talks"; a rewrite: "Russia adds it is
    # speeding up the talks"
    assert keys("Russia added it was speeding up the talks") == \
        keys("Russia adds it is speeding up the talks")
