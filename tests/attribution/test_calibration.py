"""Calibration: the shipped table loads, orders statements sensibly, and sets the same
confidence for the same draft every time.

The drafts are built by hand over a blank-vocabulary ``Doc`` (calibration reads no parse):
"“We will win,” Zelensky said. He said the war would end soon."
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import spacy

from whosaid.attribution import CharSpan, Context, CueSpan, Draft, find_quotes
from whosaid.attribution.calibration import (
    FEATURES,
    TOPIC_CEILING,
    Features,
    Table,
    calibrate,
    default_table,
    features,
    logit,
)
from whosaid.model import Entity, Mention
from whosaid.names import ArticleEntities
from whosaid.resources import load_json

TEXT = "“We will win,” Zelensky said. He said the war would end soon."


def at(word: str, nth: int = 0) -> CharSpan:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return CharSpan(start, start + len(word))


@pytest.fixture(scope="module")
def ctx() -> Context:
    doc = spacy.blank("en")(TEXT)
    name = at("Zelensky")
    zelensky = Entity("e0", "Zelensky", "PERSON", ("Zelensky",),
                      (Mention(name.start, name.end, "Zelensky", "e0", "Zelensky"),))
    return Context.of(doc, ArticleEntities([zelensky]), find_quotes(TEXT))


def drafts(ctx: Context) -> tuple[Draft, Draft]:
    """The direct quote with its named speaker, and the pronoun's indirect statement, as
    the passes and the resolve pass leave them."""
    said = at("said")
    quote = Draft([at("We will win")], at("Zelensky"), CueSpan(said.start, said.end, "say"),
                  "verb", confidence=0.9, kind="direct")
    said2 = at("said", 1)
    report = Draft([at("the war would end soon")], at("He"),
                   CueSpan(said2.start, said2.end, "say"), "verb", confidence=0.75)
    return quote, report


def expected(f: Features) -> float:
    """The shipped table's value, computed here from the data file by its formula."""
    data = load_json("calibration.json")
    z = data["intercept"] + data["raw_logit"] * math.log(f.raw / (1 - f.raw))
    for name, value in f.categories().items():
        z += data["weights"].get(name, {}).get(value, 0.0)
    return round(min(0.99, max(0.01, 1 / (1 + math.exp(-z)))), 2)


def test_the_shipped_table_loads_with_a_weight_for_every_feature() -> None:
    table = default_table()
    assert set(table.weights) == set(FEATURES)
    # fitted, not the identity: every feature but those the fit left out (the tagger's
    # reading: the tagger learned the fitting articles, so its weight there over-trusts it)
    omitted = set(load_json("calibration.json").get("omitted", []))
    assert all(table.weights[name] for name in FEATURES if name not in omitted)
    assert math.isfinite(table.intercept)


def test_confidence_rises_with_the_passes_confidence_and_a_named_speaker() -> None:
    table = default_table()
    assert table.raw_logit > 0  # a higher rule confidence never lowers the calibrated one
    base = Features("verb", "direct", "speech", "speech", "named", "<=8", "both", 0.8)
    values = [table.apply(Features(**{**base.categories(), "raw": r}))
              for r in (0.3, 0.5, 0.7, 0.9)]
    assert values == sorted(values)
    named = table.apply(base)
    nobody = table.apply(Features(**{**base.categories(), "speaker": "none", "raw": 0.8}))
    assert named > nobody


def test_a_statement_of_only_a_topic_never_gets_past_the_topic_ceiling() -> None:
    # "Putin has issued statements about recent talks": a named speaker, the tagger agreeing,
    # a high rule confidence; but no words, so at most TOPIC_CEILING
    table = default_table()
    words = Features("learned", "mixed", "speech", "other", "named", "<=16", "both", 0.95)
    topic = replace(words, content="topic")
    assert table.apply(words) > TOPIC_CEILING
    assert table.apply(topic) <= TOPIC_CEILING


def test_a_hand_built_statement_gets_the_tables_value() -> None:
    table = Table.of({"intercept": 0.0, "raw_logit": 1.0,
                      "weights": {"speaker": {"pronoun": -1.0}, "kind": {"direct": 0.5}}})
    f = Features("verb", "indirect", "speech", "speech", "pronoun", "<=8", "rules", 0.5)
    assert table.apply(f) == 0.27  # 1 / (1 + e^1)
    assert table.apply(Features(**{**f.categories(), "kind": "direct", "raw": 0.5})) == 0.38


def test_calibration_reads_the_features_and_sets_the_expected_confidence(ctx: Context
                                                                          ) -> None:
    quote, report = drafts(ctx)
    ctx.drafts = [quote, report]
    # the tagger read both too (its drafts: the same contents, no cue of their own)
    tagged = [Draft(list(d.fragments), None, None, "learned") for d in (quote, report)]
    f_quote, f_report = features(ctx, quote, tagged), features(ctx, report, tagged)
    assert (f_quote.kind, f_quote.cue, f_quote.speaker, f_quote.length, f_quote.tagger) == \
        ("direct", "speech", "named", "<=3", "both")
    assert (f_report.speaker, f_report.length, f_report.tagger) == ("pronoun", "<=8", "both")
    assert features(ctx, quote, []).tagger == "rules"
    assert features(ctx, tagged[0], tagged).tagger == "tagger"
    calibrate(ctx, tagged)
    assert quote.confidence == expected(f_quote)
    assert report.confidence == expected(f_report)
    # a direct quotation with a named speaker stays above a pronoun's indirect statement
    assert quote.confidence > report.confidence


def test_calibration_is_deterministic_and_within_zero_and_one(ctx: Context) -> None:
    table = default_table()
    seen = []
    for _ in range(2):
        quote, report = drafts(ctx)
        ctx.drafts = [quote, report]
        calibrate(ctx, [quote])  # the quote as the tagger's own reading
        seen.append((quote.confidence, report.confidence))
    assert seen[0] == seen[1]
    for raw in (0.0, 0.05, 0.99, 1.0):
        for speaker in ("named", "none"):
            value = table.apply(Features("learned", "mixed", "thought", "other", speaker,
                                         ">30", "tagger", raw))
            assert 0.0 < value < 1.0
    assert logit(1.0) == pytest.approx(-logit(0.0))  # clipped, so finite
