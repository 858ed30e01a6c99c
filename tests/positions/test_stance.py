"""Positions: issues found in statements, the stance taken on each, and whose it is.

The rules are pinned on hand-built Statement records (text, content span, speaker, entity
mentions made by hand); one test runs the real model on the bundled seed article.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from whosaid.errors import ConfigError
from whosaid.model import Analysis, Cue, Entity, Mention, Position, Span, Statement
from whosaid.positions.catalogue import default_catalogue, parse_catalogue
from whosaid.positions.stance import STANCES, StanceModel, find_positions, stance_features

SEED = Path(__file__).resolve().parents[2] / "examples" / "isw-putin-ceasefire.txt"


def _statement(text: str, content: str, speaker: str | None = None,
               cue: str | None = None) -> Statement:
    start = text.index(content)
    who = None
    if speaker is not None:
        at = text.index(speaker)
        who = Mention(at, at + len(speaker), speaker, entity_id=f"e-{speaker}", entity=speaker)
    said = None
    if cue is not None:
        at = text.index(cue)
        said = Cue(at, at + len(cue), cue, cue.split()[0].lower())
    return Statement(id=f"s{start}", article_id="a", kind="indirect",
                     content=Span(start, start + len(content), content),
                     fragments=((start, start + len(content)),), speaker=who, cue=said)


def _entity(text: str, name: str, kind: str = "PERSON") -> Entity:
    mentions = []
    at = text.find(name)
    while at >= 0:
        mentions.append(Mention(at, at + len(name), name, entity_id=f"e-{name}", entity=name))
        at = text.find(name, at + 1)
    return Entity(f"e-{name}", name, kind, (name,), tuple(mentions))


def _positions(text: str, content: str, speaker: str | None = None, cue: str | None = None,
               entities: tuple[Entity, ...] = ()) -> dict[str, Position]:
    found = find_positions([_statement(text, content, speaker, cue)], text, entities,
                           default_catalogue())
    return {p.issue: p for p in found}


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Scholz pledged to support Ukraine as long as needed, he said.",
     "Scholz pledged to support Ukraine as long as needed", "aid", "supports"),
    ("The US won't send F-16 fighter jets to Kiev, Biden said.",
     "The US won't send F-16 fighter jets to Kiev", "arms_supply", "opposes"),
    ("He asked that arms supply to Ukraine should be stopped.",
     "arms supply to Ukraine should be stopped", "arms_supply", "opposes"),
    ("Orban said it was time to lift sanctions on Russia.",
     "it was time to lift sanctions on Russia", "sanctions", "opposes"),
    ("Zelensky said he rejects any ceasefire with Moscow.",
     "he rejects any ceasefire with Moscow", "ceasefire", "opposes"),
    ("Peskov said withdrawing troops was out of the question.",
     "withdrawing troops was out of the question", "troop_withdrawal", "opposes"),
    ("The senator said the group wants to end gun violence.",
     "the group wants to end gun violence", "gun_control", "supports"),
    ("Reporters asked the minister about the ceasefire.",
     "the minister about the ceasefire", "ceasefire", "neutral"),
    ("If elected, I will repeal Obamacare, Cruz said.",
     "If elected, I will repeal Obamacare", "health_care", "opposes"),
])
def test_a_cue_near_the_keyword_gives_the_stance(text: str, content: str, issue: str,
                                                  stance: str) -> None:
    found = _positions(text, content)
    assert issue in found, found
    assert found[issue].stance == stance
    evidence = found[issue].evidence
    assert text[evidence.start:evidence.end] == evidence.text


@pytest.mark.parametrize(("content", "issues"), [
    ("Kyiv rejects a cease-fire now", {"ceasefire"}),
    ("Kyiv rejects a cease fire now", {"ceasefire"}),
    ("the U.S. allies want more", {"nato"}),
    ("the new sanctions bite", {"sanctions"}),
    ("they are withdrawing all their troops", {"troop_withdrawal"}),
    ("they want peace. Talks are far off", set()),  # no "peace talks" across a stop
])
def test_keywords_match_across_spaces_hyphens_and_word_forms_but_not_sentences(
        content: str, issues: set[str]) -> None:
    text = f"He said {content}."
    assert set(_positions(text, content)) == issues


def test_a_condition_makes_the_stance_conditional_and_keeps_its_words() -> None:
    text = ("Putin said Russia cannot agree to a ceasefire unless Ukraine agrees to take "
            "irreversible steps. Analysts doubted it.")
    found = _positions(text, "Russia cannot agree to a ceasefire unless Ukraine agrees to take "
                             "irreversible steps")
    assert found["ceasefire"].stance == "conditional"
    condition = found["ceasefire"].condition
    assert condition is not None
    assert condition.text == "unless Ukraine agrees to take irreversible steps"
    assert text[condition.start:condition.end] == condition.text


def test_a_duration_or_a_concession_is_no_condition() -> None:
    text = "Ukraine will not hold elections even if Russia asks, the president said."
    found = _positions(text, "Ukraine will not hold elections even if Russia asks")
    assert found["elections"].stance == "opposes"
    assert found["elections"].condition is None


def test_a_reported_position_is_held_by_its_subject_and_reported_by_the_speaker() -> None:
    text = "ISW said Putin has little interest in a ceasefire with Ukraine."
    found = _positions(text, "Putin has little interest in a ceasefire with Ukraine",
                       speaker="ISW", entities=(_entity(text, "Putin"),
                                                _entity(text, "ISW", "ORG")))
    position = found["ceasefire"]
    assert position.stance == "opposes"
    assert position.holder is not None and position.holder.entity == "Putin"
    assert position.reported_by is not None and position.reported_by.text == "ISW"


def test_the_speaker_holds_a_position_said_of_themselves() -> None:
    text = "Scholz said Scholz refuses to provide Taurus cruise missiles."
    found = _positions(text, "Scholz refuses to provide Taurus cruise missiles",
                       speaker="Scholz", entities=(_entity(text, "Scholz"),))
    position = found["arms_supply"]
    assert position.stance == "opposes"
    assert position.holder is not None and position.holder.start == 0
    assert position.reported_by is None


def test_a_rejecting_reporting_verb_turns_the_content_round() -> None:
    text = "Scholz refused to provide Taurus missiles to Kyiv."
    found = _positions(text, "to provide Taurus missiles to Kyiv", speaker="Scholz",
                       cue="refused")
    assert found["arms_supply"].stance == "opposes"


def test_look_alikes_of_a_keyword_name_no_issue() -> None:
    text = "He said Wall Street should stick to its guns and the political climate is tense."
    assert _positions(text, "Wall Street should stick to its guns and the political climate "
                            "is tense") == {}


def test_a_user_catalogue_with_a_wildcard_keyword_finds_its_issue() -> None:
    issues = parse_catalogue('{"id": "grain", "label": "Grain corridor", '
                             '"keywords": ["grain corridor", "ship * grain"]}', "mine.jsonl")
    text = "Erdogan said Turkey wants to ship more Ukrainian grain."
    statement = _statement(text, "Turkey wants to ship more Ukrainian grain")
    (position,) = find_positions([statement], text, (), issues)
    assert (position.issue, position.stance) == ("grain", "supports")
    assert find_positions([statement], text, (), ()) == ()


def test_positions_come_in_statement_order() -> None:
    text = ("Trump said we are going to build a wall. Clinton said she opposes the "
            "Trans-Pacific Partnership.")
    first = _statement(text, "we are going to build a wall")
    second = _statement(text, "she opposes the Trans-Pacific Partnership")
    found = find_positions([first, second], text, (), default_catalogue())
    assert [(p.statement_id, p.issue, p.stance) for p in found] == [
        (first.id, "border_wall", "supports"), (second.id, "trade_deals", "opposes")]


@pytest.fixture(scope="module")
def seed(analyze_text: Callable[..., Analysis]) -> Analysis:
    return analyze_text(SEED.read_text(encoding="utf-8"), published="2022-12-04")


def test_seed_putin_opposes_the_ceasefire_as_isw_reports(seed: Analysis) -> None:
    found = find_positions(seed.statements, seed.article.text, seed.entities,
                           default_catalogue())
    putin = [p for p in found if p.issue == "ceasefire" and p.holder is not None
             and p.holder.entity == "Vladimir Putin"]
    assert putin, [(p.issue, p.stance, p.holder) for p in found]
    assert all(p.stance == "opposes" for p in putin)
    assert all(p.reported_by is not None
               and p.reported_by.entity == "Institute for the Study of War" for p in putin)


def _model(weights: dict[str, list[float]]) -> StanceModel:
    return StanceModel.from_json({"stances": list(STANCES), "bias": [0.0] * len(STANCES),
                                  "weights": weights})


def test_stance_features_give_the_rules_vote_and_the_cue() -> None:
    text = "Zelensky said he rejects any ceasefire with Moscow."
    features = stance_features(_statement(text, "he rejects any ceasefire with Moscow"), text,
                               default_catalogue())
    assert set(features) == {"ceasefire"}
    assert {"rule=opposes", "cue=oppose", "cue_word=rejects", "issue=ceasefire"} <= set(
        features["ceasefire"])


def test_a_stance_model_revises_the_rules_stance() -> None:
    text = "The senator listed trade, immigration, and health care as his issues."
    statement = _statement(text, "trade, immigration, and health care as his issues")
    catalogue = default_catalogue()
    neutral = _model({"in_list": [0.0, 0.0, 0.0, 5.0]})
    found = find_positions([statement], text, (), catalogue, model=neutral)
    assert {p.issue: p.stance for p in found} == {
        "trade_deals": "neutral", "immigration": "neutral", "health_care": "neutral"}
    supports = _model({"issue=immigration": [9.0, 0.0, 0.0, 0.0]})
    found = find_positions([statement], text, (), catalogue, model=supports)
    assert {p.issue: p.stance for p in found}["immigration"] == "supports"
    rules = find_positions([statement], text, (), catalogue, model=supports, learned=False)
    assert rules == find_positions([statement], text, (), catalogue, learned=False)


def test_a_stance_model_says_conditional_only_where_the_sentence_has_a_condition() -> None:
    conditional = _model({"issue=peace_talks": [0.0, 0.0, 9.0, 1.0]})
    text = "Lavrov said talks with Kyiv will be possible if the West stops arming Ukraine."
    (position,) = [p for p in find_positions(
        [_statement(text, "talks with Kyiv will be possible if the West stops arming Ukraine")],
        text, (), default_catalogue(), model=conditional) if p.issue == "peace_talks"]
    assert position.stance == "conditional"
    assert position.condition is not None
    assert position.condition.text.startswith("if the West stops arming Ukraine")
    text = "Lavrov said talks with Kyiv are useful."
    (position,) = find_positions([_statement(text, "talks with Kyiv are useful")], text, (),
                                 default_catalogue(), model=conditional)
    assert (position.stance, position.condition) == ("neutral", None)


def test_a_stance_model_file_with_other_stances_is_refused() -> None:
    with pytest.raises(ConfigError, match="stances"):
        StanceModel.from_json({"stances": ["supports", "opposes"], "bias": [0, 0],
                               "weights": {}})


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("The White House said the sanctions against Russia will remain in place until Moscow "
     "leaves Crimea.", "the sanctions against Russia will remain in place until Moscow leaves "
                       "Crimea", "sanctions", "supports"),
    ("Nuland said that until Minsk is completed, sanctions will not be lifted.",
     "until Minsk is completed, sanctions will not be lifted", "sanctions", "supports"),
    ("Scholz said Germany is going to support Ukraine as long as it is necessary.",
     "Germany is going to support Ukraine as long as it is necessary", "aid", "supports"),
])
def test_until_says_how_long_an_issue_is_kept_not_on_what(text: str, content: str, issue: str,
                                                          stance: str) -> None:
    found = _positions(text, content)
    assert found[issue].stance == stance
    assert found[issue].condition is None


def test_an_issue_named_inside_a_condition_on_another_is_what_the_holder_asks_for() -> None:
    text = ("Podolyak said any negotiations can take place only after the withdrawal of "
            "Russian troops from Ukraine.")
    found = _positions(text, "any negotiations can take place only after the withdrawal of "
                             "Russian troops from Ukraine")
    assert found["peace_talks"].stance == "conditional"
    assert found["troop_withdrawal"].stance == "supports"
    assert found["troop_withdrawal"].condition is None


def test_issues_listed_inside_a_condition_closing_the_sentence_are_not_conditional() -> None:
    text = ("Sanders says he is prepared for a floor fight if the party doesn't take stances "
            "on trade, the minimum wage, climate change and other issues.")
    found = _positions(text, "he is prepared for a floor fight if the party doesn't take "
                             "stances on trade, the minimum wage, climate change and other issues")
    assert {p.stance for p in found.values()} & {"conditional"} == set()


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Scholz said lifting sanctions on Russia would be a serious mistake.",
     "lifting sanctions on Russia would be a serious mistake", "sanctions", "supports"),
    ("He said sending tanks to Ukraine would mean World War Three.",
     "sending tanks to Ukraine would mean World War Three", "arms_supply", "opposes"),
    ("Trump said Clinton is a threat to gun rights.", "Clinton is a threat to gun rights",
     "gun_control", "opposes"),
    ("The spokesman said Crimea has always been part of Ukraine.",
     "Crimea has always been part of Ukraine", "territory", "opposes"),
    ("Poroshenko said Ukraine will never give up its sovereign rights to Crimea.",
     "Ukraine will never give up its sovereign rights to Crimea", "territory", "opposes"),
])
def test_a_judgement_of_the_issue_or_of_a_harm_to_it_gives_the_side(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_a_reporting_cue_is_read_after_its_auxiliaries() -> None:
    text = "Trump has been rebuked by opponents for his proposal to ban Muslims."
    found = _positions(text, "his proposal to ban Muslims", speaker="opponents",
                       cue="has been rebuked")
    assert found["muslim_ban"].stance == "opposes"


@pytest.mark.parametrize(("text", "content"), [
    ("She asked how he would tackle tax cuts and nuclear weapons.",
     "how he would tackle tax cuts and nuclear weapons"),
    ("Localities are deciding whether the $15 minimum wage is right for them, he said.",
     "Localities are deciding whether the $15 minimum wage is right for them"),
    # PolNeAR train: the content attribution finds opens with the preposition
    ("Trump made conflicting statements about how he would tackle tax cuts, nuclear "
     "weapons and education.", "about how he would tackle tax cuts, nuclear weapons and "
                              "education"),
])
def test_an_embedded_question_takes_no_side(text: str, content: str) -> None:
    found = _positions(text, content)
    assert found and {p.stance for p in found.values()} == {"neutral"}


@pytest.mark.parametrize(("text", "content", "issue", "other"), [
    ("She said Washington will push the European Union to increase sanctions.",
     "Washington will push the European Union to increase sanctions", "sanctions",
     "European Union"),
    ("Stoltenberg said the allies discuss how to move Ukraine closer to NATO.",
     "the allies discuss how to move Ukraine closer to NATO", "nato", "Ukraine"),
])
def test_an_entity_in_object_place_holds_no_position(text: str, content: str, issue: str,
                                                     other: str) -> None:
    speaker = text.split()[0]
    found = _positions(text, content, speaker=speaker,
                       entities=(_entity(text, speaker), _entity(text, other, "GPE")))
    assert found[issue].reported_by is None


def test_a_keyword_in_a_belief_someone_else_is_to_hold_takes_no_side() -> None:
    text = ("The visit was meant to create a perception among Western officials that Russia "
            "should negotiate, ISW said.")
    content = ("The visit was meant to create a perception among Western officials that "
               "Russia should negotiate")
    talks = _positions(text, content, speaker="ISW", cue="said")["peace_talks"]
    assert talks.stance == "neutral"


def test_a_title_before_the_holder_keeps_it_the_subject() -> None:
    text = ("ISW said Russian President Vladimir Putin has little interest in a ceasefire.")
    content = "Russian President Vladimir Putin has little interest in a ceasefire"
    found = _positions(text, content, speaker="ISW", cue="said",
                       entities=(_entity(text, "Vladimir Putin"), _entity(text, "ISW", "ORG")))
    ceasefire = found["ceasefire"]
    assert ceasefire.stance == "opposes"
    assert ceasefire.holder is not None and ceasefire.holder.entity == "Vladimir Putin"
    assert ceasefire.reported_by is not None and ceasefire.reported_by.entity == "ISW"


def test_a_statement_that_is_only_its_topic_holds_no_position(seed: Analysis) -> None:
    """'Putin has issued statements about recent talks with … Lavrov …': what was talked
    about, not the words (its confidence is capped too), so no position on peace talks."""
    topic = [s for s in seed.statements if s.content.text.startswith("recent talks with")]
    assert topic and topic[0].confidence <= 0.5
    assert not [p for p in seed.positions if p.statement_id == topic[0].id]


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # news: the cue before the first conjunct speaks of the second too
    ("Nikolenko said the only realistic proposal would be the immediate termination of the "
     "war and the withdrawal of Russian armed forces from Ukrainian territory.",
     "the only realistic proposal would be the immediate termination of the war and the "
     "withdrawal of Russian armed forces from Ukrainian territory", "troop_withdrawal",
     "supports"),
    ("He said Hungary will not provide any weapons, financing, or troops for the NATO "
     "mission.", "Hungary will not provide any weapons, financing, or troops for the NATO "
                 "mission", "nato", "opposes"),
    # no cue before the first conjunct: a list of topics stays neutral
    ("The poll said the top issues are immigration policy and health care.",
     "the top issues are immigration policy and health care", "health_care", "neutral"),
])
def test_a_conjunct_shares_the_stance_of_the_cue_before_the_coordination(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # wanting and keeping to it, negated: no intention of complying opposes the deal
    ("Netanyahu said the Iranians have no intention of complying with the nuclear deal.",
     "the Iranians have no intention of complying with the nuclear deal", "iran_deal",
     "opposes"),
    ("The spokesman said Kyiv aims to join the transatlantic alliance.",
     "Kyiv aims to join the transatlantic alliance", "nato", "supports"),
    # rejecting verbs
    ("Officials said Moscow turned down the proposal for a truce.",
     "Moscow turned down the proposal for a truce", "ceasefire", "opposes"),
    ("He said the government would boycott the summit.",
     "the government would boycott the summit", "leader_talks", "opposes"),
    # recognising, planning, judging it useful or working, deserving to join
    ("Zelensky said Ukraine will never recognise the annexation of Crimea.",
     "Ukraine will never recognise the annexation of Crimea", "territory", "opposes"),
    ("Peskov said there are no plans for a meeting between Putin and Zelensky.",
     "there are no plans for a meeting between Putin and Zelensky", "leader_talks", "opposes"),
    ("The minister said the talks were productive.", "the talks were productive",
     "peace_talks", "supports"),
    ("She said the sanctions are working.", "the sanctions are working", "sanctions",
     "supports"),
    ("He said Ukraine deserves to join NATO.", "Ukraine deserves to join NATO", "nato",
     "supports"),
    ("He said NATO membership for Ukraine is not on the table.",
     "NATO membership for Ukraine is not on the table", "nato", "opposes"),
    # "neither … nor" is one negation
    ("He said the elections were neither free nor fair.",
     "the elections were neither free nor fair", "elections", "opposes"),
    # a negator between the cue and the keyword denies the keyword
    ("He said there can be no negotiations with terrorists.",
     "there can be no negotiations with terrorists", "peace_talks", "opposes"),
    # too early for it: after an undoing, the issue is kept
    ("Macron said the time to lift sanctions on Russia had not yet come.",
     "the time to lift sanctions on Russia had not yet come", "sanctions", "supports"),
    ("Peskov said it is too early to talk about a truce.",
     "it is too early to talk about a truce", "ceasefire", "opposes"),
    # a policy to be thought again is one to change
    ("He said we must rethink our immigration policies.",
     "we must rethink our immigration policies", "immigration", "opposes"),
    # what sanctions strike: a cue on the shadow fleet turns round
    ("Kallas said efforts against shadow fleet ships must be stepped up.",
     "efforts against shadow fleet ships must be stepped up", "sanctions", "supports"),
    # land taken back undoes the claim on it
    ("He said all the occupied territories must be liberated.",
     "all the occupied territories must be liberated", "territory", "opposes"),
    ("She said the liberation of Crimea remains the goal.",
     "the liberation of Crimea remains the goal", "territory", "opposes"),
    # protectionism is the opposite of free trade: standing against it supports trade deals
    ("Beijing said it would stand firm against protectionism.",
     "it would stand firm against protectionism", "trade_deals", "supports"),
])
def test_verbs_of_wanting_and_rejecting_and_undone_claims(text: str, content: str,
                                                          issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue"), [
    ("He said elections are impossible now.", "elections are impossible now", "elections"),
    ("He said the territories are Ukrainian.", "the territories are Ukrainian", "territory"),
    ("She said a meeting of the two presidents is planned.",
     "a meeting of the two presidents is planned", "leader_talks"),
    ("He said the ACA covers millions.", "the ACA covers millions", "health_care"),
])
def test_common_synonyms_name_the_issue(text: str, content: str, issue: str) -> None:
    assert issue in _positions(text, content)


@pytest.mark.parametrize(("text", "content", "stance"), [
    # news: the relative clause speaks of Russia, not of the elections
    ("He said the talk of elections is most heard in Russia, which seeks to use it.",
     "the talk of elections is most heard in Russia, which seeks to use it", "neutral"),
    # the keyword right before the relative pronoun is what the clause speaks of
    ("He said new elections, which he rejects, would split the country.",
     "new elections, which he rejects, would split the country", "opposes"),
])
def test_a_relative_clause_speaks_of_the_noun_before_it(text: str, content: str,
                                                       stance: str) -> None:
    assert _positions(text, content)["elections"].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # news: the subordinate clause's cue speaks of its own subject
    ("He said the Nord Stream blockade, where gas passes through Europe, is due to them.",
     "the Nord Stream blockade, where gas passes through Europe, is due to them", "energy",
     "neutral"),
    # a copula after the subordinate clause: the main clause judges the keyword
    ("He said accession to the North Atlantic Alliance while the war continues is "
     "impossible.", "accession to the North Atlantic Alliance while the war continues is "
                    "impossible", "nato", "opposes"),
])
def test_a_subordinate_clause_keeps_its_cue_but_not_the_main_clauses(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_a_wish_as_the_condition_makes_the_main_clause_the_condition() -> None:
    """'If Russia wants to talk, it must …': the talks are accepted on what follows, and what
    follows is asked for (it was the other way round: the talks 'demanded')."""
    text = ("Zelensky said: If Putin is serious about peace talks, he must agree to an "
            "unconditional ceasefire.")
    found = _positions(text, text[len("Zelensky said: "):])
    assert found["peace_talks"].stance == "conditional"
    condition = found["peace_talks"].condition
    assert condition is not None and condition.text == "he must agree to an unconditional ceasefire"
    assert found["ceasefire"].stance == "supports"


@pytest.mark.parametrize(("text", "content", "issue"), [
    ("He said Russia must stop destroying Ukraine's energy infrastructure.",
     "Russia must stop destroying Ukraine's energy infrastructure", "energy"),
    ("He said the ministers voted to end the ban on arms supplies.",
     "the ministers voted to end the ban on arms supplies", "arms_supply"),
])
def test_an_undoing_undone_supports(text: str, content: str, issue: str) -> None:
    assert _positions(text, content)[issue].stance == "supports"


@pytest.mark.parametrize(("text", "content", "issue", "stance", "condition"), [
    # "without" after a negation sets a condition
    ("He said there would be no peace deal without security guarantees.",
     "there would be no peace deal without security guarantees", "peace_talks", "conditional",
     "without security guarantees"),
    # an undoing allowed only on a condition, "only" before the verb
    ("He said sanctions will only be lifted when Russia withdraws.",
     "sanctions will only be lifted when Russia withdraws", "sanctions", "supports", None),
    # "without preconditions" sets none
    ("He said Kyiv is ready for direct negotiations without preconditions, not a surrender.",
     "Kyiv is ready for direct negotiations without preconditions, not a surrender",
     "peace_talks", "supports", None),
    ("He said he had no objection to a meeting with Putin.",
     "he had no objection to a meeting with Putin", "leader_talks", "supports", None),
])
def test_conditions_said_with_without_and_only(text: str, content: str, issue: str,
                                               stance: str, condition: str | None) -> None:
    position = _positions(text, content)[issue]
    assert position.stance == stance
    assert (position.condition.text if position.condition else None) == condition


def test_a_condition_on_the_issue_wins_over_its_refusal_until_then() -> None:
    text = ("Zelensky said: elections can only take place after the end of martial law. During "
            "martial law, elections are not possible.")
    content = text[len("Zelensky said: "):]
    position = _positions(text, content)["elections"]
    assert position.stance == "conditional"
    assert position.condition is not None
    assert "after the end of martial law" in position.condition.text


@pytest.mark.parametrize("text", [
    # two issues found at one word ("ceasefire talks"), both sharing the cue of a conjunct
    "He said Kyiv wants the withdrawal of Russian troops from every occupied region of the "
    "country and ceasefire talks.",
    # a chain of conjuncts: the talks share the withdrawal's stance, shared in its turn
    "He said the only way out is the immediate termination of the war in the whole of "
    "Ukraine, the withdrawal of all Russian armed forces from every occupied region of the "
    "country and peace talks.",
])
def test_the_positions_do_not_depend_on_the_catalogues_order(text: str) -> None:
    statement = _statement(text, text[len("He said "):-1])
    catalogue = default_catalogue()
    forward = find_positions([statement], text, (), catalogue)
    backward = find_positions([statement], text, (), tuple(reversed(catalogue)))
    assert len(forward) == 3
    assert forward == backward


def test_a_closing_condition_marker_is_listed_once() -> None:
    """A marker that closes its condition ("first, and then") stands in its own table only:
    stance.py reads both tables, so a copy among the opening markers was dead weight."""
    from whosaid.positions import lexicon

    assert not set(lexicon.CLOSING_CONDITION_MARKERS) & set(lexicon.CONDITION_MARKERS)
    assert len(set(lexicon.CONDITION_MARKERS)) == len(lexicon.CONDITION_MARKERS)


@pytest.mark.parametrize(("text", "content", "issue", "condition"), [
    # news: "first, and then" closes its condition; the issue after it is accepted on it
    ("He said the territories must be liberated first, and then we can negotiate.",
     "the territories must be liberated first, and then we can negotiate", "peace_talks",
     "the territories must be liberated first"),
    # news: the conditions named as the issue's, listed after a colon
    ("The statement said Israel's conditions for ending the war have not changed: the "
     "freeing of all hostages and the disarmament of Gaza.",
     "Israel's conditions for ending the war have not changed: the freeing of all hostages "
     "and the disarmament of Gaza", "ceasefire",
     "the freeing of all hostages and the disarmament of Gaza"),
])
def test_a_condition_closed_by_first_then_or_listed_as_the_terms_is_kept(
        text: str, content: str, issue: str, condition: str) -> None:
    position = _positions(text, content)[issue]
    assert position.stance == "conditional"
    assert position.condition is not None and position.condition.text == condition


def test_a_precondition_rejected_is_no_condition_listed() -> None:
    text = "Peskov said a precondition for peace talks requiring a withdrawal is unacceptable."
    found = _positions(text, "a precondition for peace talks requiring a withdrawal is "
                             "unacceptable")
    assert found["peace_talks"].stance != "conditional"


def test_a_holder_is_reported_through_a_verb_of_intent_and_a_short_name() -> None:
    """'the EU plans to extend sanctions', said Reuters: the EU's position, reported by
    Reuters ('plans' stands between the holder and the cue; 'EU' is no part of 'Reuters')."""
    text = "According to Reuters, the EU plans to extend sanctions."
    found = _positions(text, "the EU plans to extend sanctions", speaker="Reuters",
                       entities=(_entity(text, "Reuters", "ORG"), _entity(text, "EU", "ORG")))
    position = found["sanctions"]
    assert position.stance == "supports"
    assert position.holder is not None and position.holder.text == "EU"
    assert position.reported_by is not None and position.reported_by.text == "Reuters"


def test_a_state_a_person_speaks_of_as_subject_is_their_own_side() -> None:
    text = "Orban said Hungary will not provide any weapons to Ukraine."
    found = _positions(text, "Hungary will not provide any weapons to Ukraine", speaker="Orban",
                       entities=(_entity(text, "Orban"), _entity(text, "Hungary", "GPE")))
    assert found["arms_supply"].stance == "opposes"
    assert found["arms_supply"].reported_by is None
    text = "ISW said Russia has called for a cease-fire in talks with Ukraine."
    found = _positions(text, "Russia has called for a cease-fire in talks with Ukraine",
                       speaker="ISW", entities=(_entity(text, "ISW", "ORG"),
                                                _entity(text, "Russia", "GPE")))
    ceasefire = found["ceasefire"]
    assert ceasefire.holder is not None and ceasefire.holder.entity == "Russia"
    assert ceasefire.reported_by is not None and ceasefire.reported_by.entity == "ISW"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Kasich said he backs a path to legal status for illegal immigrants and the expansion "
     "of Medicaid.", "he backs a path to legal status for illegal immigrants and the "
                     "expansion of Medicaid", "health_care", "supports"),
    ("Officials praised the Saudis for their help in battling terrorist groups.",
     "the Saudis for their help in battling terrorist groups", "terrorism", "supports"),
])
def test_a_name_for_people_judges_nothing_and_battling_fights_the_harm(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_a_name_before_a_dash_is_no_subject_of_the_clause_after_it() -> None:
    text = ("Putin stated that if Ukraine withdraws its forces from the four regions annexed "
            "by Moscow—Luhansk, Donetsk, Zaporizhzhia, and Kherson—he would halt military "
            "operations and initiate negotiations to end the war.")
    found = _positions(text, text[text.index("if"):-1], speaker="Putin",
                       entities=(_entity(text, "Putin"), _entity(text, "Kherson", "ORG")))
    assert found["peace_talks"].reported_by is None


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("The fund said it runs a TV spot attacking former governor Ted Strickland for tax "
     "increases.", "it runs a TV spot attacking former governor Ted Strickland for tax "
                   "increases", "taxes", "supports"),
    ("She said voters praised the chancellor for accepting refugees.",
     "voters praised the chancellor for accepting refugees", "immigration", "supports"),
    ("He said critics blasted the senator for his support of the Iran deal.",
     "critics blasted the senator for his support of the Iran deal", "iran_deal", "opposes"),
])
def test_a_judging_verb_judges_what_follows_for(text: str, content: str, issue: str,
                                                stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("She said Sanders voted against keeping immigrant families together.",
     "Sanders voted against keeping immigrant families together", "immigration", "opposes"),
    ("He said the senator voted for the trade deal in 2005.",
     "the senator voted for the trade deal in 2005", "trade_deals", "supports"),
])
def test_a_vote_takes_the_side_it_was_cast_for(text: str, content: str, issue: str,
                                               stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_an_issue_inside_a_condition_closing_the_sentence_is_what_is_asked() -> None:
    # train: the condition runs to the sentence's end, the issue inside it is the demand
    text = "Peskov said the deal would only take place once sanctions were lifted."
    found = _positions(text, "the deal would only take place once sanctions were lifted")
    assert found["sanctions"].stance == "opposes"
    assert found["sanctions"].condition is None


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # train: undoing allowed only on a condition keeps the issue until then
    ("Erler said sanctions can be lifted only when Moscow fully implements the Minsk "
     "Agreements.", "sanctions can be lifted only when Moscow fully implements the Minsk "
                   "Agreements", "sanctions", "supports"),
    # the issue itself accepted only on a condition stays conditional
    ("Lavrov said negotiations will be possible only if the West stops arming Kyiv.",
     "negotiations will be possible only if the West stops arming Kyiv", "peace_talks",
     "conditional"),
])
def test_an_undoing_allowed_only_on_a_condition_keeps_the_issue(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # dev: the keyword is the topic of a decision
    ("Boka said the EU should defer decisions on extending sanctions against Russia.",
     "the EU should defer decisions on extending sanctions against Russia", "sanctions",
     "neutral"),
    # a cue before the topic noun still speaks
    ("Kuleba said Kyiv rejects any talk of a ceasefire with Moscow.",
     "Kyiv rejects any talk of a ceasefire with Moscow", "ceasefire", "opposes"),
])
def test_a_keyword_that_is_the_topic_of_a_decision_or_debate_takes_no_side(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_a_cue_after_the_topic_judges_it() -> None:
    # PolNeAR: "… renders talk of a wall moot" rejects the wall
    text = "Experts say the gap renders talk of a wall moot."
    assert _positions(text, "the gap renders talk of a wall moot")["border_wall"].stance == \
        "opposes"


def test_the_readiness_of_a_state_to_talk_supports_talks() -> None:
    # train: "the readiness of Russia to enter into negotiations remains unchanged"
    text = "He stressed that the readiness of Russia to enter into negotiations remains unchanged."
    found = _positions(text, "the readiness of Russia to enter into negotiations remains "
                             "unchanged")
    assert found["peace_talks"].stance == "supports"


def test_only_a_few_words_before_after_still_makes_a_condition() -> None:
    # train: "elections can only take place after the end of martial law"
    text = ("Zelensky said that the Ukrainian Constitution means that peace talks can only take "
            "place after the end of martial law.")
    found = _positions(text, "the Ukrainian Constitution means that peace talks can only take "
                             "place after the end of martial law")
    talks = found["peace_talks"]
    assert talks.stance == "conditional"
    assert talks.condition is not None and talks.condition.text == "after the end of martial law"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # train: elections held only after martial law
    ("He said parliamentary elections can only take place after the end of martial law.",
     "parliamentary elections can only take place after the end of martial law", "elections",
     "conditional"),
    ("She said Kyiv wants a negotiated settlement and more air defense systems.",
     "Kyiv wants a negotiated settlement and more air defense systems", "arms_supply",
     "supports"),
])
def test_news_catalogue_words_find_their_issue(text: str, content: str, issue: str,
                                               stance: str) -> None:
    found = _positions(text, content)
    assert found[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # train: the bare noun "reform" names a policy area
    ("He listed trade and campaign finance reform as his major issues.",
     "trade and campaign finance reform as his major issues", "trade_deals", "neutral"),
    # train: "illegally" tells of the deed, not of the issue
    ("He said talks need Russian troops to leave all parts of Ukraine, including Crimea, "
     "illegally annexed by Russia.", "talks need Russian troops to leave all parts of Ukraine, "
                                    "including Crimea, illegally annexed by Russia",
     "territory", "opposes"),
])
def test_a_policy_area_or_an_adverb_of_the_deed_takes_no_side(
        text: str, content: str, issue: str, stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    # an undoing verb after a form of "be" is its passive, whatever the verb
    ("The minister said the embargo should be reconsidered soon.",
     "the embargo should be reconsidered soon", "sanctions", "opposes"),
    # the negation of a verb reaches the cue in its object
    ("Ankara said it would not approve Finland's bid to join NATO.",
     "it would not approve Finland's bid to join NATO", "nato", "opposes"),
    ("Vienna said it is unwilling to back limits on Russian gas imports.",
     "it is unwilling to back limits on Russian gas imports", "energy", "supports"),
    # nouns of undoing
    ("The senators said they want a cessation of arms shipments to the region.",
     "they want a cessation of arms shipments to the region", "arms_supply", "opposes"),
    # "only" before a preposition of means, and "in order for", set a condition
    ("The envoy said a summit is possible, but only as a result of expert work.",
     "a summit is possible, but only as a result of expert work", "leader_talks",
     "conditional"),
    ("Moscow said it is ready for talks with Kyiv, but in order for them to happen Kyiv "
     "must lift its ban.", "it is ready for talks with Kyiv, but in order for them to happen "
                           "Kyiv must lift its ban", "peace_talks", "conditional"),
    # a word that only names what stands beside it takes no side
    ("The spokesman said Moscow had received proposals for a possible truce.",
     "Moscow had received proposals for a possible truce", "ceasefire", "neutral"),
    ("The spokesman said the ceasefire proposal reached the capital.",
     "the ceasefire proposal reached the capital", "ceasefire", "neutral"),
    # a modal before a verb of thinking over, and a time frame, take no side
    ("The ministry said Tokyo will study the truce plan next week.",
     "Tokyo will study the truce plan next week", "ceasefire", "neutral"),
    ("The general said the army would move new units during any truce.",
     "the army would move new units during any truce", "ceasefire", "neutral"),
    # what a sentence cannot do without is what it asks for
    ("Without tougher sanctions there will be no real pressure, the minister said.",
     "Without tougher sanctions there will be no real pressure", "sanctions", "supports"),
    # leaving land cedes it: the claim is supported, and refused when negated
    ("The general said the army will never withdraw from Crimea.",
     "the army will never withdraw from Crimea", "territory", "opposes"),
    # a reporting verb turns round for the harm an issue fights, on the content's head
    ("The premier dismissed claims of electoral fraud in the vote.",
     "claims of electoral fraud in the vote", "elections", "supports"),
])
def test_scope_rules_on_news_sentences(text: str, content: str, issue: str,
                                       stance: str) -> None:
    cue = "dismissed" if "dismissed" in text else None
    assert _positions(text, content, cue=cue)[issue].stance == stance


@pytest.mark.parametrize(("text", "content"), [
    ("The official said Hamas is ready for a truce with Israel.",
     "Hamas is ready for a truce with Israel"),
    ("The official said Hezbollah rejected the proposal.", "Hezbollah rejected the proposal"),
])
def test_a_group_as_subject_of_its_own_attitude_is_no_stance_on_fighting_it(
        text: str, content: str) -> None:
    assert "terrorism" not in _positions(text, content)


def test_a_group_that_is_acted_on_or_judged_keeps_its_stance() -> None:
    text = "The minister said Hamas must be destroyed and that Hezbollah is a danger."
    assert _positions(text, "Hamas must be destroyed")["terrorism"].stance == "supports"
    assert _positions(text, "Hezbollah is a danger")["terrorism"].stance == "supports"


@pytest.mark.parametrize(("text", "content", "issue", "stance"), [
    ("Orban said the sanctions have not worked as Brussels expected.",
     "the sanctions have not worked as Brussels expected", "sanctions", "opposes"),
    ("He said the sanctions were dealing a blow to Europe's economy.",
     "the sanctions were dealing a blow to Europe's economy", "sanctions", "opposes"),
    ("She said the sanctions have worked.", "the sanctions have worked", "sanctions",
     "supports"),
])
def test_an_issue_judged_by_its_effect_takes_a_side(text: str, content: str, issue: str,
                                                    stance: str) -> None:
    assert _positions(text, content)[issue].stance == stance


def test_a_refusal_set_as_the_condition_of_a_threat_asks_for_what_is_refused() -> None:
    text = ("Starmer said European countries would introduce new restrictions against Russia "
            "if Moscow refused a ceasefire.")
    content = ("European countries would introduce new restrictions against Russia if Moscow "
               "refused a ceasefire")
    found = _positions(text, content)
    assert found["ceasefire"].stance == "supports"
    assert found["sanctions"].stance == "conditional"


def test_a_passive_undoing_behind_a_comma_has_another_subject() -> None:
    text = ("Haniyeh said they are ready for a comprehensive deal which entails a ceasefire, "
            "withdrawal from the strip, the reconstruction of what was destroyed.")
    content = ("they are ready for a comprehensive deal which entails a ceasefire, withdrawal "
               "from the strip, the reconstruction of what was destroyed")
    assert _positions(text, content)["ceasefire"].stance == "supports"


def test_a_keyword_word_in_quote_marks_still_finds_its_issue() -> None:
    text = 'Kyiv is ready to "freeze" the war along the current front line, he said.'
    found = _positions(text, 'Kyiv is ready to "freeze" the war along the current front line')
    assert found["ceasefire"].stance == "supports"


def test_a_refused_acceptance_in_an_if_clause_after_a_comma_is_a_threat() -> None:
    text = ('"One thing is absolutely clear, if the Minsk ceasefire accord does not work then '
            'member states are quite prepared to move to new sanctions," she said.')
    content = ("One thing is absolutely clear, if the Minsk ceasefire accord does not work then "
               "member states are quite prepared to move to new sanctions")
    found = _positions(text, content)
    assert found["ceasefire"].stance == "supports"
    assert found["sanctions"].stance == "conditional"
    condition = found["sanctions"].condition
    assert condition is not None
    assert condition.text == "if the Minsk ceasefire accord does not work"


def test_an_ellipsis_before_a_lower_case_word_leaves_the_sentence_open() -> None:
    text = ("Pinho stated, “In the absence of a ceasefire... we are indeed looking into further "
            "sanctions.”")
    content = "In the absence of a ceasefire... we are indeed looking into further sanctions."
    found = _positions(text, content)
    assert found["ceasefire"].stance == "supports"


@pytest.mark.parametrize(("text", "content"), [
    ("He said American sanctions on Russia have made a “real difference” on the war.",
     "American sanctions on Russia have made a “real difference” on the war"),
    ('Jones said sanctions against Moscow are "having an impact".',
     'sanctions against Moscow are "having an impact"'),
])
def test_an_issue_said_to_make_a_difference_is_supported(text: str, content: str) -> None:
    assert _positions(text, content)["sanctions"].stance == "supports"


def test_a_negator_right_after_a_modal_turns_it_round() -> None:
    text = "Ukraine will never become a member of NATO, according to Sergei Ryabkov."
    assert _positions(text, "Ukraine will never become a member of NATO")["nato"].stance \
        == "opposes"


def test_a_refusal_in_a_closing_condition_is_the_condition_of_a_threat() -> None:
    text = ("A senior official warned that Israel would strike Gaza even harder if Hamas does "
            "not accept the truce.")
    found = _positions(text, "Israel would strike Gaza even harder if Hamas does not accept "
                             "the truce")
    assert found["ceasefire"].stance == "supports"
    assert "terrorism" not in found  # Hamas is the subject of the "if" clause


def test_a_harm_in_a_reason_clause_judges_no_undoing_before_it() -> None:
    text = ("Orban said Hungary is unwilling to support EU embargoes or limitations on Russian "
            "gas imports as that would undermine its economy.")
    content = ("Hungary is unwilling to support EU embargoes or limitations on Russian gas "
               "imports as that would undermine its economy")
    assert _positions(text, content)["energy"].stance == "supports"


@pytest.mark.parametrize(("text", "content", "stance"), [
    ("Ariel stressed that the ceasefire would endanger Israeli citizens.",
     "the ceasefire would endanger Israeli citizens", "opposes"),
    ("Al-Ansari said the truce proposal could be described as positive.",
     "the truce proposal could be described as positive", "supports"),
])
def test_an_evaluative_word_after_the_keyword_takes_a_side(text: str, content: str,
                                                           stance: str) -> None:
    assert _positions(text, content)["ceasefire"].stance == stance


@pytest.mark.parametrize(("text", "content", "cue", "issue", "stance"), [
    ("Pilot ruled out elections in Kashmir till normalcy was restored in the state.",
     "elections in Kashmir till normalcy was restored in the state", "ruled out", "elections",
     "conditional"),
    ("He said that he had always said normalcy first and then elections.",
     "normalcy first and then elections", None, "elections", "conditional"),
    ("The governor said the doors for a political dialogue were open.",
     "the doors for a political dialogue were open", None, "peace_talks", "supports"),
    ("He said it would not be prudent to hold elections there.",
     "it would not be prudent to hold elections there", None, "elections", "opposes"),
])
def test_conditions_and_evaluations_without_a_lexicon_cue_word(
        text: str, content: str, cue: str | None, issue: str, stance: str) -> None:
    assert _positions(text, content, cue=cue)[issue].stance == stance


def test_a_topic_said_to_be_important_takes_no_side() -> None:
    text = "Immigration is important, said Melissa Roloson."
    assert _positions(text, "Immigration is important")["immigration"].stance == "neutral"


@pytest.mark.parametrize(("text", "content", "cue", "issue", "stance"), [
    ("Trump said he would appoint pro-life justices.", "he would appoint pro-life justices",
     None, "abortion", "opposes"),
    ("Kaine said: “I’m pro-life in my personal life, but support abortion in my public life.”",
     "I’m pro-life in my personal life, but support abortion in my public life", None,
     "abortion", "supports"),
    ("Trump blamed former President Bill Clinton for signing NAFTA.",
     "former President Bill Clinton for signing NAFTA", "blamed", "trade_deals", "opposes"),
])
def test_us_campaign_sentences_take_their_side(text: str, content: str, cue: str | None,
                                               issue: str, stance: str) -> None:
    assert _positions(text, content, cue=cue)[issue].stance == stance


def test_once_after_an_auxiliary_is_the_past_not_a_condition() -> None:
    text = "Trump noted that Clinton had once favored the trade pact before coming out against it."
    found = _positions(text, "Clinton had once favored the trade pact before coming out "
                             "against it")
    assert found["trade_deals"].stance != "conditional"
    assert found["trade_deals"].condition is None


def test_a_subject_inside_an_if_clause_holds_no_position_of_its_own() -> None:
    text = ("The Kremlin said it would acquiesce to holding peace talks if Kyiv agrees to "
            "withdraw its troops from the four regions.")
    content = ("it would acquiesce to holding peace talks if Kyiv agrees to withdraw its troops "
               "from the four regions")
    entities = (_entity(text, "Kremlin", "ORG"), _entity(text, "Kyiv", "GPE"))
    found = _positions(text, content, speaker="Kremlin", entities=entities)
    assert found["troop_withdrawal"].stance == "supports"
    assert found["troop_withdrawal"].reported_by is None
