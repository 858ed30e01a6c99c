"""The precision pass (:mod:`whosaid.attribution.precision`) and the modifier-name speaker
fix (:func:`whosaid.attribution.resolve.modifier_name`) on short sentences through the real
model: each kind of false statement judged on general news pages (bench/data/judged) is gone,
and the statements beside them stay."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.attribution.calibration import TOPIC_CEILING, recording

SENTENCES = {
    # 1. a verb that reports nothing
    "negated_know": "Eyamba Sowers didn't know Patrick was coming to Tuesday's gathering.",
    "renders": "The studio renders the game at native 1080p and then upsamples it.",
    # 2. the writer's own voice
    "reader_you": "You probably know that the charger is slow.",
    "hedge": "It would appear that the plan is not exactly working.",
    # 3. a place, company or person modifying the speaker's head noun
    "place_observers": "Middle East observers say the base is vital to stopping smugglers.",
    "company_users": "Some Twitter users argued that the campaign was misleading.",
    "family_reps": "Representatives of Epstein's family suggested he may have been murdered.",
    # a hypothetical speaker
    "as_would": "As Sherlock would say, \u201cElementary, my dear Watson.\u201d",
    "if_reports": "If the patient reports no birds in the home, the test is negative.",
    # 4. a title read as "Source: claim" (a first paragraph)
    "title_colon": "Star Wars Jedi: Fallen Order review - shoots for the moon\n\n"
                   "The game came out on Friday.",
    # the writer speaking to the reader, and a sentence in another language
    "to_reader": "Pamela Wilson writes about careers. "
                 "In this post I am showing you how to shift your mindset toward growth.",
    "foreign": "Jadi saat para sahabat pecah jadi Sunni dan Syiah, Islam mereka sudah "
               "sempurna meski saat itu mazhab belum ada.",
    # negative controls: statements that stay
    "as_said": "As Biden said on Monday, the economy is strong.",
    "said": "Putin said Russia was ready for talks.",
    "quoted_i": "\u201cI prefer peace,\u201d Putin said.",
    "negated_say": "Biden did not say whether he would run again.",
    "negated_think": "Merkel does not think the deal will hold.",
    "headline": "Zelensky: We will not give up territory\n\nThe president spoke on Monday.",
    "ministry": "The Russian Foreign Ministry said the talks had failed.",
    "oped_i": "Pamela Wilson writes about careers. I believe Trump is wrong.",
    "quoted_you": "Trump told voters: \u201cI want you to remember the tax cuts.\u201d",
}


@pytest.fixture(scope="module")
def found(analyze_text: Any) -> dict[str, list[tuple[str | None, str | None, str]]]:
    """Each sentence's statements as (speaker text, speaker entity, content)."""
    out = {}
    for key, text in SENTENCES.items():
        out[key] = [(st.speaker.text if st.speaker else None,
                     st.speaker.entity if st.speaker else None, st.content.text)
                    for st in analyze_text(text).statements]
    return out


@pytest.mark.parametrize("key", ["negated_know", "renders", "reader_you", "hedge",
                                 "as_would", "if_reports", "title_colon", "foreign"])
def test_drafts_that_report_nothing_are_dropped(found: Any, key: str) -> None:
    assert found[key] == []


def test_the_writer_showing_the_reader_something_is_no_statement(found: Any) -> None:
    # "writes about careers" may stay (a topic); "I am showing you how …" goes
    assert not any("mindset" in content for _, _, content in found["to_reader"])


@pytest.mark.parametrize("key,head", [("place_observers", "observers"),
                                      ("company_users", "users"),
                                      ("family_reps", "Representatives")])
def test_a_name_modifying_the_speakers_head_noun_is_not_the_speaker(
        found: Any, key: str, head: str) -> None:
    [(speaker, entity, _)] = found[key]
    assert head in speaker and entity is None


@pytest.mark.parametrize("key,speaker", [("said", "Putin"), ("as_said", "Biden"),
                                         ("quoted_i", "Putin"),
                                         ("negated_say", "Biden"), ("negated_think", "Merkel"),
                                         ("headline", "Zelensky"),
                                         ("ministry", "Russian Foreign Ministry"),
                                         ("oped_i", "Pamela Wilson"), ("quoted_you", "Trump")])
def test_real_statements_stay(found: Any, key: str, speaker: str) -> None:
    # "did not say whether" stays: it reports what Biden said (and did not), as PolNeAR does
    assert any(speaker in (s or "") or speaker in (e or "") for s, e, _ in found[key])


TOPICS = {
    "issued_about": "Putin has issued statements about recent talks with Sergei Lavrov.",
    "questioned_about": "Republicans also questioned Morrison about his closed-door testimony.",
    "spoken_about": "Jack Dorsey has spoken out about the toxic consequences of the counts.",
}
WORDS = {
    "talks_about": "Putin said Russia was ready for talks about the war.",
    "about_fifty": "Biden said about 50 people had died in the storm.",
    "quoted_about": "Asked about the plan, she said: \u201cIt will work.\u201d",
}


def read(analyze_text: Any, text: str) -> list[tuple[str, str, float]]:
    """Each statement's content, content feature (topic or words) and confidence."""
    with recording() as rows:
        analysis = analyze_text(text)
    return [(st.content.text, r.features.content, st.confidence)
            for st, r in zip(analysis.statements, rows, strict=True)]


@pytest.mark.parametrize("key", sorted(TOPICS))
def test_a_statement_of_only_a_topic_is_kept_below_the_topic_ceiling(
        analyze_text: Any, key: str) -> None:
    # "Putin has issued statements about recent talks": what was talked about, no words
    stated = read(analyze_text, TOPICS[key])
    assert stated, TOPICS[key]
    assert all(kind == "topic" and conf <= TOPIC_CEILING for _, kind, conf in stated), stated


@pytest.mark.parametrize("key", sorted(WORDS))
def test_words_that_mention_about_are_not_a_topic(analyze_text: Any, key: str) -> None:
    stated = read(analyze_text, WORDS[key])
    said = [kind for content, kind, _ in stated
            if "war" in content or "50 people" in content or "work" in content]
    assert said == ["words"], stated


# a deals page written to its reader (about 40 "you" a thousand words outside quotes)
DEALS = (
    "Black Friday deals are here, and you can save a lot if you shop early. If you want a "
    "big screen, this is the deal for you. 70-inch Element 4K UHD Smart HDTV with Roku for "
    "$499.99 (originally $800). I think this will be the least expensive 70-inch TV during "
    "the Black Friday season. You get Roku built in, and you get free shipping too. If you "
    "need a console, you can grab the Switch Lite bundle with your choice of game. We "
    "haven't seen any mention of a Switch Lite deal during Black Friday, so you should not "
    "wait. You can also pick up a Dell monitor at 35% off, and you will love the colours. "
    "Whatever you buy, check the return policy before you pay, because you may want to send "
    "it back. Your best bet is to compare prices on two or three sites before you click the "
    "button, and you should sign up for alerts so you hear about new discounts first. "
    "\u201cWe expect prices to fall further,\u201d said Walmart spokesman Randy Hargrove. "
    "When I saw that price, I was telling myself, \u201cThis is the one.\u201d")
NOT_REPORTING = {
    "flaunted": "She flaunted her hand bag which had the colours of the Nigerian flag.",
    "sought_to": "Trump repeatedly sought to make Hillary Clinton's health an issue in the "
                 "2016 campaign.",
    "spacecraft_found": "More than two decades ago, NASA's Galileo spacecraft found evidence "
                        "of an electrically conductive fluid on the moon's surface.",
}
STILL_REPORTING = {
    "study_found": ("The study found that the drug cut deaths by half.", "study"),
    "scientists_found": ("Scientists found evidence of water on the moon.", "Scientists"),
    "seeks_refugees": ("Obama Seeks More Muslim Refugees", "Obama"),
    # trying to say something is saying it
    "tried_to_suggest": ("Trump has recently tried to suggest that he barely knows Sondland.",
                         "Trump"),
}


def test_the_writers_first_person_on_a_page_to_the_reader_is_no_statement(
        analyze_text: Any) -> None:
    # "I think this will be the least expensive 70-inch TV" on a deals page; the quoted
    # spokesman on the same page stays, and so does the writer's own quoted words
    stated = [(st.speaker.text if st.speaker else None, st.content.text)
              for st in analyze_text(DEALS).statements]
    assert not any("least expensive" in c or "Switch Lite deal" in c for _, c in stated), stated
    assert any(s and "Hargrove" in s and "prices to fall" in c for s, c in stated), stated
    # the writer quoting their own words stays
    assert any("This is the one" in c for _, c in stated), stated


@pytest.mark.parametrize("key", sorted(NOT_REPORTING))
def test_verbs_that_report_no_words_are_no_statement(analyze_text: Any, key: str) -> None:
    # "flaunted her hand bag", "sought to make … an issue", a spacecraft's finding
    assert not analyze_text(NOT_REPORTING[key]).statements


@pytest.mark.parametrize("key", sorted(STILL_REPORTING))
def test_findings_and_requests_of_people_and_studies_stay(analyze_text: Any, key: str) -> None:
    text, speaker = STILL_REPORTING[key]
    assert any(st.speaker and speaker in st.speaker.text
               for st in analyze_text(text).statements)


VERDICTS = {
    "With so many sites hacked, it's all but guaranteed that someone will find your login.":
        ("guaranteed", True),
    "It was announced that the plant would close.": ("announced", False),
    # an active verb before the clause its "it" stands for (third judged draw)
    "It shouldn't escape notice that it's not always easy to pay a dividend in cash.":
        ("escape", True),
    "It warned that growth would slow.": ("warned", False),
    "The IMF warned of slower growth. It referenced political tensions in Europe.":
        ("referenced", False),
}


@pytest.mark.parametrize("text", sorted(VERDICTS))
def test_an_empty_it_before_a_passive_non_reporting_verb_is_the_writers_verdict(
        analyzer: Any, text: str) -> None:
    # "it's all but guaranteed that …" (no reporting verb, passive, an empty "it") is the
    # writer's verdict; "it was announced that …" (a speech verb) and "It referenced …"
    # (active: the IMF) are not
    from whosaid.attribution.lexicon import load_lexicon
    from whosaid.attribution.precision import verdict

    word, expected = VERDICTS[text]
    verb = next(t for t in analyzer.nlp(text) if t.text == word)
    holder = type("Holder", (), {"lex": load_lexicon()})()
    assert verdict(holder, verb) is expected


# round 2 (the third judged draw's misses): refusals, a person believed, names given,
# a page's records, products taken for the writer's "I"
ROUND2_GONE = {
    # "declined to comment" and "declined to say" say nothing (judged so in the first and
    # third draws)
    "declined_comment": "An Alibaba spokesperson declined to comment on the pricing to Reuters.",
    "declined_say": "Instagram declined to say.",
    # a police report's list of arrests, "Name: charges", is no one's words
    "arrests": "Police arrested five people on Friday, Lt. Matt Harris said.\n"
               "Ryan S. Hollman: Dealing in methamphetamine, possession of heroin, held in "
               "jail in lieu of $326,000 bond\n"
               "Victor N. Burton: Dealing in methamphetamine, visiting a common nuisance, "
               "held in jail in lieu of $268,500 bond\n"
               "Jonathan P. Blair: Possession of methamphetamine, held in jail in lieu of "
               "$72,500 bond",
    # a page label ("BREAKING:", "Disclaimer:") is no source
    "breaking": "BREAKING: Senate adjourns over two deaths\n\nThe Senate adjourned on Tuesday.",
}


@pytest.mark.parametrize("key", sorted(ROUND2_GONE))
def test_refusals_to_speak_and_page_records_are_no_statement(analyze_text: Any,
                                                             key: str) -> None:
    stated = [(st.speaker.text if st.speaker else None, st.content.text)
              for st in analyze_text(ROUND2_GONE[key]).statements]
    assert all(s and "Harris" in s for s, _ in stated), stated


def test_refusing_an_act_and_headlines_with_a_claim_stay(analyze_text: Any) -> None:
    # "refused to release his tax returns" refuses an act (PolNeAR marks it); a list of
    # headlines "Name: claim" has a verb in each claim
    refused = analyze_text("Trump refused to release his tax returns.").statements
    assert [st.content.text for st in refused] == ["to release his tax returns"]
    items = analyze_text("Lavrov: Prospects of a Syrian settlement are fairly good\n\n"
                         "Sergei Lavrov spoke in Moscow on Monday.\n\n"
                         "Zakharova: Russia expects the talks to resume\n\n"
                         "Maria Zakharova spoke to reporters.\n\n"
                         "Peskov: The Kremlin has no comment\n\n"
                         "Dmitry Peskov spoke too.").statements
    speakers = {st.speaker.text for st in items if st.speaker and st.cue and st.cue.text == ":"}
    assert speakers == {"Lavrov", "Zakharova", "Peskov"}


def holder(analyzer: Any, text: str) -> Any:
    """A context of the precision pass's shape for a parsed sentence (no quotation marks, no
    entities)."""
    from whosaid.attribution.lexicon import load_lexicon
    from whosaid.names.entities import ArticleEntities

    doc = analyzer.nlp(text)
    return type("Holder", (), {"lex": load_lexicon(), "doc": doc, "text": text,
                               "inside": [0] * (len(text) + 1),
                               "entities": ArticleEntities([])})()


def void_of(analyzer: Any, text: str, cue: str, pieces: list[str], speaker: str | None
            ) -> str | None:
    """:func:`whosaid.attribution.precision.void_reason` of a hand-built draft of ``text``:
    the cue word, the content ``pieces`` (fragments, in order) and the speaker."""
    from whosaid.attribution.drafts import CharSpan
    from whosaid.attribution.precision import void_reason

    ctx = holder(analyzer, text)
    d = draft_at(ctx, cue, pieces[-1], speaker)
    d.fragments = [CharSpan(text.index(p), text.index(p) + len(p)) for p in pieces]
    return void_reason(ctx, d)


def draft_at(ctx: Any, cue: str, content: str, speaker: str | None = None) -> Any:
    """A hand-built draft of ``ctx``: the cue word's token, the content and speaker spans."""
    from whosaid.attribution.drafts import CharSpan, CueSpan, Draft

    verb = next(t for t in ctx.doc if t.text == cue)
    start = ctx.text.index(content)
    who = None if speaker is None else CharSpan(ctx.text.index(speaker),
                                                ctx.text.index(speaker) + len(speaker))
    return Draft([CharSpan(start, start + len(content))], who,
                 CueSpan(verb.idx, verb.idx + len(verb), verb.lemma_), "learned",
                 cue_token=verb.i)


TRUSTED = {
    # believing a person is trusting them: no words
    "The manager believed the waitress.": ("believed", "the waitress", True),
    "She believed him.": ("believed", "him", True),
    # a thing believed, or a clause, is a belief (PolNeAR marks "believed the polls")
    "He believed the unscientific Internet polls.":
        ("believed", "the unscientific Internet polls", False),
    "The manager believed the waitress was lying.": ("believed", "the waitress was lying", False),
}


@pytest.mark.parametrize("text", sorted(TRUSTED))
def test_believing_a_person_is_no_statement(analyzer: Any, text: str) -> None:
    from whosaid.attribution.precision import cue_root, trusted_person

    cue, content, expected = TRUSTED[text]
    ctx = holder(analyzer, text)
    d = draft_at(ctx, cue, content)
    root = cue_root(ctx, d)
    assert root is not None and trusted_person(ctx, d, root) is expected


NAMINGS = {
    # a byline's other name and the writer's own term give names, no one's words
    "Dear Abby is written by Abigail Van Buren, also known as Jeanne Phillips.":
        ("known", "Jeanne Phillips", "Abigail Van Buren", True),
    "He had what's called feather duvet lung, a severe lung inflammation.":
        ("called", "feather duvet lung", None, True),
    # named by someone: the name given is what they said (issue 12's naming statements)
    "Cruz said it was what Cruz called a profound indictment of the system.":
        ("called", "a profound indictment of the system", "Cruz", False),
    "Pence was also dubbed the debate winner on social media.":
        ("dubbed", "the debate winner", None, False),
}


@pytest.mark.parametrize("text", sorted(NAMINGS))
def test_a_name_given_by_no_one_is_no_statement(analyzer: Any, text: str) -> None:
    from whosaid.attribution.precision import cue_root, naming

    cue, content, speaker, expected = NAMINGS[text]
    ctx = holder(analyzer, text)
    d = draft_at(ctx, cue, content, speaker)
    root = cue_root(ctx, d)
    assert root is not None and naming(ctx, d, root) is expected


def test_the_writers_i_resolved_to_a_product_that_never_speaks_is_the_writer(
        analyzer: Any) -> None:
    # a review's "I didn't want to buy the same mouse again" resolved to "Nomad" (a product
    # spaCy tags PERSON, named nowhere as a speaker): the writer's voice. Resolved to a
    # person who speaks by name elsewhere in the article, the "I" stays theirs
    from dataclasses import replace

    from whosaid.attribution.precision import writer
    from whosaid.model import Entity

    text = "I didn't want to buy the same mouse again."
    ctx = holder(analyzer, text)
    nomad = Entity("e1", "Nomad", "PERSON", ("Nomad",), ())
    d = replace(draft_at(ctx, "want", "to buy the same mouse again", "I"), speaker_entity=nomad)
    assert writer(ctx, d, frozenset(), page=True) is True
    assert writer(ctx, d, frozenset({"e1"}), page=True) is False
    # on a page not written to its reader an "I" may be an interviewee whose given name no
    # list holds ("Zelenskyy"): it stays
    assert writer(ctx, d, frozenset(), page=False) is False


MENDED = {
    # a second predicate with no subject, joined to a passive content clause, is the
    # speaker's own act, not what was said
    "Public Ombudsman Nadia Cruz's office said the deaths were caused by gunshot wounds and "
    "called on the interim government to withdraw military units.":
        "the deaths were caused by gunshot wounds",
    # a relative clause the writer hedges ("reportedly") is the writer's
    "The company confirmed that it had been contacted by Attorney General Letitia James' "
    "office, which will reportedly focus on activities by WeWork's founder.":
        "that it had been contacted by Attorney General Letitia James' office",
    # the person addressed is not in the content of a quotation
    "Boris Johnson was in Grimsby on Tuesday. Johnson urged voters, \u201cLook what I have "
    "said I\u2019m going to do and look what I\u2019ve delivered.\u201d":
        "Look what I have said I\u2019m going to do and look what I\u2019ve delivered.",
    # controls: a conjunct of the content's own clause, a relative clause that is not hedged
    "Biden said the plan was costly but necessary, adding that it would pass.":
        "the plan was costly but necessary",
    "Putin said the troops would stay and the talks were over.":
        "the troops would stay and the talks were over.",
    "The company said it was contacted by the office, which is led by Letitia James.":
        "it was contacted by the office, which is led by Letitia James",
    # a person the passive is about may go on to speak: the second verb is still said of
    # them, in the content
    "Police said the suspect was arrested on Monday and told officers he had acted alone.":
        "the suspect was arrested on Monday and told officers he had acted alone.",
}


@pytest.mark.parametrize("text", sorted(MENDED))
def test_a_content_stops_where_the_speakers_words_stop(analyze_text: Any, text: str) -> None:
    contents = [st.content.text for st in analyze_text(text).statements]
    assert MENDED[text] in contents, contents


INTERVIEW = (
    "Q: Do you expect the talks to resume soon, and do you think your side can wait?\n"
    "Kuleba: We have said many times that Ukraine wants peace, and I believe the talks will "
    "resume when Russia withdraws its troops.\n"
    "Q: What would you tell your partners in Europe, and what do you want from them?\n"
    "Kuleba: I think Europe understands that sanctions must stay until the war ends.\n"
    "Q: Are you ready to meet the Russian minister if you are asked, and will you go?\n"
    "Kuleba: I said that we are ready to talk, but not at any price, and not now.\n"
    "The minister spoke to reporters in Kyiv on Tuesday after meeting his counterparts "
    "from Poland and Lithuania, who said their countries would keep sending aid to Ukraine "
    "for as long as it takes, and that the next meeting would be held in Vilnius in May.\n"
)


def test_an_interviews_turns_are_not_a_page_to_the_reader(analyze_text: Any) -> None:
    """The interviewer's "you" speaks to the interviewee: the answers' "I" and "we" stay
    the minister's statements (a page to its reader drops the writer's "I")."""
    statements = analyze_text(INTERVIEW).statements
    firsts = [st for st in statements
              if st.speaker is not None and st.speaker.text in ("I", "We", "we")]
    assert firsts, [(st.speaker, st.content.text) for st in statements]


# Round 3: the fourth judged draw's misses (acts read as speech, withheld answers, the
# writer's impressions, broken reads, an event or a torn dateline as the speaker), each
# through void_reason on a hand-built draft of the real model's parse: (cue word, content
# pieces, speaker, the reason expected; None: it stays)
ROUND3 = {
    # acts: a named thing shown, a hope kept alive
    "Lexus revealed the LC Convertible Concept at the Detroit auto show.":
        ("revealed", ["the LC Convertible Concept"], "Lexus", "no cue"),
    "Rafael Nadal kept Spain's hopes alive with a win on Saturday.":
        ("kept", ["Spain's hopes alive"], "Rafael Nadal", "no cue"),
    # an answer withheld, a knowing denied under "seem"
    "But he gave no details on payment or exact timing.":
        ("gave", ["no details on payment or exact timing"], "he", "negated"),
    "Investors don't seem to know what to make of the trade war.":
        ("seem", ["to know what to make of the trade war"], "Investors", "negated"),
    # the writer's impression or way of thinking, no one's
    "Jam has always seemed like one of those things that only other people made.":
        ("seemed", ["one of those things that only other people made"], None, "hedge"),
    "There's a helpful way to think about what you're doing.":
        ("think", ["what you're doing"], None, "hedge"),
    # a broken read: the cue verb's own adverbial taken as the content's first piece
    "To start, it confirms recent polling on impeachment.":
        ("confirms", ["To start", "recent polling on impeachment"], "it", "broken"),
    # an event after a time word, and a dateline glued to the first word, as speakers
    "Ocasio-Cortez shortly after the arrest said the incident was linked to the comments.":
        ("said", ["the incident was linked to the comments"], "the arrest", "no speaker"),
    "Hong Kong (CNN Business)A muddled view of trade talks is weighing on investors.":
        ("view", ["trade talks is weighing on investors"], "CNN Business)A", "no speaker"),
    # a bracket opened and not closed is a span cut short, not a torn dateline (the seed)
    "Putin has little interest in ending the war, says the Institute for the Study of War "
    "(ISW).": ("says", ["Putin has little interest in ending the war"],
               "the Institute for the Study of War (ISW", None),
    # statements beside them stay
    "The company revealed that it had lost money.":
        ("revealed", ["that it had lost money"], "The company", None),
    "Apple unveiled a plan to cut prices.":
        ("unveiled", ["a plan to cut prices"], "Apple", None),
    "Investors seem to know the risks of the trade war.":
        ("seem", ["to know the risks of the trade war"], "Investors", None),
    "Trump seems to have vanished from the campaign.":
        ("seems", ["to have vanished from the campaign"], "Trump", None),
    "The economy, he said, is strong.": ("said", ["The economy", "is strong"], "he", None),
    "After the meeting, Putin said Russia was ready for talks.":
        ("said", ["Russia was ready for talks"], "Putin", None),
    "The ministry gave details of the attack on Monday.":
        ("gave", ["details of the attack"], "The ministry", None),
    # PolNeAR marks these: a poll shows a lead, a subject seems, "after he said"
    "Polling averages show Clinton with a lead in the low single digits.":
        ("show", ["Clinton with a lead in the low single digits"], "Polling averages", None),
    "Melania seems to have vanished from the campaign trail.":
        ("seems", ["to have vanished from the campaign trail"], None, None),
    "Republicans seem confident they have the votes.":
        ("seem", ["confident they have the votes"], None, None),
    "Trump changed course after he said Obama was born in the United States.":
        ("said", ["Obama was born in the United States"], "he", None),
    # a verb the tagger found that no lexicon knows, its content only a thing: an act
    "Emirates finalized a deal to purchase 30 Boeing jets.":
        ("finalized", ["a deal to purchase 30 Boeing jets"], "Emirates", "no cue"),
    # a verb aimed at a person or body is spoken at them: it stays
    "Democratic lawmakers grilled Alexander Vindman on Tuesday.":
        ("grilled", ["Alexander Vindman"], "Democratic lawmakers", None),
    # a stance PolNeAR marks as a statement (polnear_cue_lemmas.txt) stays
    "The platform supports all ad units.": ("supports", ["all ad units"], "The platform",
                                            None),
    "Taylor Swift denied Braun's claims.": ("denied", ["Braun's claims"], "Taylor Swift", None),
    "The company hinted that it was pleased.":
        ("hinted", ["that it was pleased"], "The company", None),
    # a speaker that is only a determiner
    "It was neither as bad as the sceptics thought it would be.":
        ("thought", ["it would be"], "the", "no speaker"),
    "That said, retirement comes in various shapes and sizes.":
        ("said", ["retirement comes in various shapes and sizes"], "That", "no speaker"),
    "She cited a report that said the plan had failed.":
        ("said", ["the plan had failed"], "that", None),
}


@pytest.mark.parametrize("text", sorted(ROUND3))
def test_acts_withheld_answers_impressions_and_broken_reads_are_no_statement(
        analyzer: Any, text: str) -> None:
    cue, pieces, speaker, expected = ROUND3[text]
    assert void_of(analyzer, text, cue, pieces, speaker) == expected


def test_a_shown_product_and_a_kept_hope_make_no_statement_end_to_end(analyze_text: Any) -> None:
    text = ("Lexus revealed the LC Convertible Concept at the Detroit auto show on Monday. "
            "Rafael Nadal kept Spain's hopes alive with a win over Denis Shapovalov. "
            "Akio Toyoda said the car would go on sale next year.")
    stated = [(st.speaker.text if st.speaker else None, st.content.text)
              for st in analyze_text(text).statements]
    assert stated == [("Akio Toyoda", "the car would go on sale next year")]


def test_a_speaker_resolved_to_a_headlines_words_is_no_statement(analyzer: Any) -> None:
    # "They" resolved to "Future of Banking Is" (the headline "The Future of Banking Is …
    # You're Broke"): no name ends in "Is"; "Bank of America" resolved is kept
    from dataclasses import replace

    from whosaid.attribution.precision import void_reason
    from whosaid.model import Entity

    text = "They will assume that everyone is out of money."
    ctx = holder(analyzer, text)
    d = draft_at(ctx, "assume", "that everyone is out of money", "They")
    broken = Entity("e1", "Future of Banking Is", "ORG", (), ())
    assert void_reason(ctx, replace(d, speaker_entity=broken)) == "no speaker"
    bank = Entity("e2", "Bank of America", "ORG", (), ())
    assert void_reason(ctx, replace(d, speaker_entity=bank)) is None


ROUND4 = {
    # a participle or relative clause whose subject is a thing (fifth judged draw)
    "The ratio was similar when comparing effective CPMs for paid ad items.":
        ("comparing", ["effective CPMs for paid ad items"], "The ratio", "no speaker"),
    "Job cuts will come in areas that do not support the core business goals.":
        ("support", ["the core business goals"], None, "no speaker"),
    # the writer's likening with an empty "it", whatever it was resolved to
    "Apple is holding an event next month, and it sounds like it will be all about apps.":
        ("sounds", ["it will be all about apps"], "it", "hedge"),
    # a content that holds its own cue: the writer's clause read as what was revealed
    "I kept using it even after my toddler revealed that my mouse was in my chair.":
        ("revealed", ["I kept using it even after my toddler revealed that my mouse was in "
                      "my chair"], "my toddler", "broken"),
    # an advice column's greeting is the one written to, not a speaker
    "DEAR CONCERNED SISTER: If you and your sister are close, your question was fine.":
        (":", ["If you and your sister are close, your question was fine"], None,
         "furniture"),
    # controls: a person's participle, a speaker inside the relative clause, a likening
    # by a named speaker, a speech verb with a thing of words for subject
    "Trump spoke on Monday, saying he would win the election.":
        ("saying", ["he would win the election"], "Trump", None),
    "They protested the funding system, which advocates say disadvantages needy schools.":
        ("say", ["disadvantages needy schools"], "advocates", None),
    "Trump sounds like he wants to win the election.":
        ("sounds", ["he wants to win the election"], "Trump", None),
    "The ad claims that the senator voted against the troops.":
        ("claims", ["that the senator voted against the troops"], "The ad", None),
}


@pytest.mark.parametrize("text", sorted(ROUND4))
def test_things_for_subjects_likenings_and_greetings_are_no_statement(
        analyzer: Any, text: str) -> None:
    cue, pieces, speaker, expected = ROUND4[text]
    assert void_of(analyzer, text, cue, pieces, speaker) == expected


def test_a_noun_inside_the_subjects_relative_clause_is_not_the_speaker(
        analyze_text: Any) -> None:
    # "diesel emissions-" was the speaker (fifth judged draw): the automaker says it
    text = ("The German automaker, which has focused on electric vehicles after its diesel "
            "emissions-cheating scandal, says the wagon will be able to go 300 miles.")
    [st] = analyze_text(text).statements
    assert st.speaker is not None and st.speaker.text == "The German automaker"
    assert st.content.text == "the wagon will be able to go 300 miles"


@pytest.mark.parametrize("speaker, entity, whole", [
    ("The New York Times", ("New York", "GPE"), True),
    ("The Washington Post", ("Washington", "GPE"), True),
    ("New York", ("New York", "GPE"), False),
    ("The New York Times", ("New York Times", "ORG"), False),
    ("New York officials", ("New York", "GPE"), False),
])
def test_a_place_that_starts_a_papers_name_is_not_its_entity(
        speaker: str, entity: tuple[str, str], whole: bool) -> None:
    # "The New York Times reported …" resolved to "New York" (fifth judged draw): the
    # speaker keeps its name and no entity of the place
    from whosaid.attribution.resolve import starts_longer_name
    from whosaid.model import Entity

    assert starts_longer_name(speaker, Entity("e1", entity[0], entity[1], (), ())) is whole


def test_a_paper_named_after_its_city_speaks_as_the_paper(analyze_text: Any) -> None:
    text = ("The New York Times reported on Sunday that the company would cut 4,000 jobs "
            "in New York.")
    [st] = analyze_text(text).statements
    assert st.speaker is not None and st.speaker.text == "The New York Times"
    assert st.speaker.entity != "New York"


SHOWN_AND_HUNG = {
    # a thing shown by no one, and the clause the cue's own clause hangs on
    "Korea's beauty was revealed at the Daehak-ro Festival.":
        ("revealed", ["Korea's beauty", "Daehak-ro Festival"], None, "no cue"),
    "I kept using it even after my toddler revealed that my mouse was in my chair.":
        ("revealed", ["I kept using it", "that my mouse was in my chair"], "my toddler",
         "broken"),
    # controls: a clause revealed, words unveiled, an as-clause around the cue
    "It was revealed that the minister had resigned.":
        ("revealed", ["that the minister had resigned"], None, None),
    "The plan was unveiled on Monday.": ("unveiled", ["The plan"], None, None),
    "The economy, as Biden said on Monday, is strong.":
        ("said", ["The economy", "is strong"], "Biden", None),
}


@pytest.mark.parametrize("text", sorted(SHOWN_AND_HUNG))
def test_a_thing_shown_by_no_one_and_a_content_from_the_writers_clause_are_no_statement(
        analyzer: Any, text: str) -> None:
    cue, pieces, speaker, expected = SHOWN_AND_HUNG[text]
    assert void_of(analyzer, text, cue, pieces, speaker) == expected


@pytest.mark.parametrize("text, cue, carrier", [
    ("The coalition sent a letter to management stating that they want a say.", "stating",
     "a letter"),
    ("The group issued a statement saying that it would appeal.", "saying", "a statement"),
    ("He spent the night at home thinking that the bridge had fallen.", "thinking", None),
])
def test_a_speakerless_participle_on_a_letter_is_the_letters(
        analyzer: Any, text: str, cue: str, carrier: str | None) -> None:
    # "a letter … stating that they don't want to be defined by the scandals" had no
    # speaker (third judged draw): the letter says it; a night thinks nothing
    from whosaid.attribution.precision import mend_speaker

    ctx = holder(analyzer, text)
    d = draft_at(ctx, cue, text[text.index("that"):-1])
    mend_speaker(ctx, d)
    assert (d.speaker.of(text) if d.speaker else None) == carrier


ROUND5 = {
    # a "seem" with no one behind it and a thing for subject is the writer's verdict
    "Google promised 4K, but the reality seems to be somewhat different.":
        ("seems", ["to be somewhat different"], None, "hedge"),
    # the reader addressed, and the writer's exclamation
    "You'll be able to safely ignore most of the online information.":
        ("ignore", ["most of the online information"], None, "writer"),
    "Arachnophobic visitors are warned!":
        ("warned", ["Arachnophobic visitors"], None, "writer"),
    # a thing's act with only a thing for content
    "The flexible tool works with any blueprint and supports all ad units.":
        ("supports", ["all ad units"], "The flexible tool", "no speaker"),
    # a thing shown "at" an event: the place it was shown, not what was revealed
    "The Beauty of Korea Revealed at \u20182018 Welcome Daehak-ro Festival\u2019!":
        ("Revealed", ["2018 Welcome Daehak-ro Festival"], "Korea", "broken"),
    "Salesforce's CEO marveled at Apple's ability to innovate.":
        ("marveled", ["Apple's ability to innovate"], "Salesforce's CEO", None),
    # a link's title under a tabloid's "DON'T MISS"
    "PLAGUE fears: Holidaymakers die after eating marmot [INSIGHT]":
        ("fears", ["Holidaymakers die after eating marmot [INSIGHT]"], None, "furniture"),
    # controls: a report or footage shows (PolNeAR marks "the footage show he had
    # something in his hand"), a passive warning with its words, a claim implies, a
    # person's "seem", with a speaker or without
    "Video footage shows he had something in his hand.":
        ("shows", ["he had something in his hand"], "Video footage", None),
    "Republicans seem confident they have the votes.":
        ("seem", ["confident they have the votes"], None, None),
    "The report shows that the police smashed windows of cars.":
        ("shows", ["that the police smashed windows of cars"], "The report", None),
    "Visitors are warned that the bridge is closed.":
        ("warned", ["that the bridge is closed"], None, None),
    "This claim implies some sort of wrongdoing on her part.":
        ("implies", ["some sort of wrongdoing on her part"], "This claim", None),
    "Trump seems to have vanished from the campaign.":
        ("seems", ["to have vanished from the campaign"], "Trump", None),
}


@pytest.mark.parametrize("text", sorted(ROUND5))
def test_recordings_reader_promises_things_acts_and_link_titles_are_no_statement(
        analyzer: Any, text: str) -> None:
    cue, pieces, speaker, expected = ROUND5[text]
    assert void_of(analyzer, text, cue, pieces, speaker) == expected


@pytest.mark.parametrize("text, cue, content, speaker, expected", [
    # a noun of talk that only is, with its topic: the podcast's "there's also discussion
    # about" (seventh draw), and an adjective read as the speaker of "fears about"
    ("The focus was on the event, but there's also discussion about Russia's victory.",
     "discussion about", "Russia's victory", "The focus", "topic"),
    ("Current fears about a plague outbreak are being fuelled by the past.",
     "fears about", "a plague outbreak are being fuelled by the past", "Current", "no speaker"),
    # someone's noun of talk and a verb's topic stay (PolNeAR dev marks both)
    ("North Korea's claims about the potency of its nuclear test were doubted.",
     "claims about", "the potency of its nuclear test", "North Korea", None),
    ("Hawk Sawyer issued a statement about the charges.", "issued a statement about",
     "the charges", "Hawk Sawyer", None),
])
def test_a_noun_of_talk_with_only_its_topic_is_no_statement(
        analyzer: Any, text: str, cue: str, content: str, speaker: str,
        expected: str | None) -> None:
    from dataclasses import replace

    from whosaid.attribution.drafts import CueSpan
    from whosaid.attribution.precision import void_reason

    ctx = holder(analyzer, text)
    d = draft_at(ctx, cue.split()[0], content, speaker)
    start = text.index(cue)
    d = replace(d, cue=CueSpan(start, start + len(cue), cue.split()[0]))
    assert void_reason(ctx, d) == expected


def test_a_lone_adjective_speaker_takes_its_noun_phrase(analyzer: Any) -> None:
    # "many" of "many donors and elected officials remain skeptical of …" (181 news pages)
    from whosaid.attribution.precision import adjective_noun

    text = "But many donors and elected officials remain skeptical of the mayor's chances."
    ctx = holder(analyzer, text)
    d = draft_at(ctx, "skeptical", "the mayor's chances", "many")
    whole = adjective_noun(ctx, d)
    assert whole is not None and whole.of(text) == "many donors"  # one of the pair


def test_a_journal_inside_its_authors_noun_phrase_is_not_the_speaker(analyze_text: Any) -> None:
    # "JAMA Psychiatry" was the speaker (first judged draw): the authors argue, as written
    text = ("The authors of the research published in JAMA Psychiatry argued that the drug "
            "was safe.")
    [st] = analyze_text(text).statements
    assert st.speaker is not None
    assert st.speaker.text == "The authors of the research published in JAMA Psychiatry"
    assert st.speaker.entity != "JAMA Psychiatry"


@pytest.mark.parametrize("text, expected", [
    # a design site's related links: one section before each bar (sixth judged draw)
    ("Milano Design Week 2018 | Seiko's 'The Flow of Time' at the Triennale\n"
     "Milano Design Week 2018 | 'LIVING NATURE' explores the relationship between nature\n"
     "Milano Design Week 2018 | a preview of DOUTDESign at Zona Santambrogio", True),
    # one title with a bar is no run of links
    ("Politics | Biden says the economy is strong\nThe president spoke on Monday.\n"
     "He said more.", False),
])
def test_a_line_of_related_links_is_furniture(text: str, expected: bool) -> None:
    from whosaid.attribution.precision import link_list

    assert link_list(text, text.index("'LIVING") if "LIVING" in text else 0) is expected


# round 6 (the eighth judged draw's misses): an idiom, a speaker that is nothing, a feature
# list's gerund, a thing's "promise to be", a label's order to the reader, the people "in" a
# place
ROUND6_VOID = {
    # "After all is said and done" says nothing (a game review)
    "said_and_done": ("After all is said and done, you'll be left with one or two Purge "
                      "Troopers.", "said", "be left with one or two Purge Troopers", None,
                      "no cue"),
    # a thing "promises to be" only as a likelihood (a deals page)
    "deals_promise": ("It makes sense since Apple products are so pricey, and the Black "
                      "Friday Apple deals promise to be even better than they usually are.",
                      "promise", "to be even better than they usually are",
                      "the Black Friday Apple deals", "hedge"),
    # controls: a passive report and a person's pledge stay
    "is_said": ("It is said that the king never slept.", "said",
                "that the king never slept", None, None),
    "trump_promised": ("Trump promised to be neutral in the talks.", "promised",
                       "to be neutral in the talks", "Trump", None),
}


@pytest.mark.parametrize("key", sorted(ROUND6_VOID))
def test_an_idiom_of_saying_and_a_things_promise_report_nothing(analyzer: Any,
                                                                key: str) -> None:
    text, cue, content, speaker, reason = ROUND6_VOID[key]
    assert void_of(analyzer, text, cue, [content], speaker) == reason


ROUND6_GONE = {
    # a case history: "nothing" says nothing
    "nothing": "Nothing indicated that he was sticking either of these instruments up his "
               "nostrils.",
    # a product's feature list: the user's imagined words
    "by_saying": "- Easy setup for all your Apple devices\n- Quick access to Siri by saying "
                 "\u201cHey Siri\u201d\n- Double-tap to play or skip forward",
    # a game report's schedule and a recipe page's tip: a label, then an order to the reader
    "up_next": "Rondo had eight points and a season-high 10 assists.\nUP NEXT\nThunder: Host "
               "the Lakers on Friday.\nLakers: Visit the Thunder on Friday.",
    "pro_tip": "Pro tip: Get more pre-workout meal ideas here!\nPre-Workout Supplement\n"
               "Drink 20-30 minutes before your workout\nPro tip: Learn more about how "
               "Beachbody Performance supplements can help you get the most out of your "
               "workouts.\nWorkout Supplement",
}


@pytest.mark.parametrize("key", sorted(ROUND6_GONE))
def test_nothing_a_feature_list_and_a_labels_order_to_the_reader_are_no_statement(
        analyze_text: Any, key: str) -> None:
    stated = [(st.speaker.text if st.speaker else None, st.content.text)
              for st in analyze_text(ROUND6_GONE[key]).statements]
    assert stated == [], stated


@pytest.mark.parametrize("text,speaker", [
    # its subject above the gerund: Trump says it
    ("Donald Trump started this silliness years ago by saying President Obama is not an "
     "American citizen.", "Donald Trump"),
    # a person's label before an order keeps the headline's claim
    ("Volodymyr Zelensky: Defend every city\n\nVolodymyr Zelensky spoke on Monday.",
     "Volodymyr Zelensky"),
])
def test_a_gerund_with_its_subject_and_a_persons_headline_order_stay(
        analyze_text: Any, text: str, speaker: str) -> None:
    assert any(st.speaker and st.speaker.text == speaker
               for st in analyze_text(text).statements)


@pytest.mark.parametrize("text,speaker", [
    ("Many in Hong Kong fear that the protests will fail.", "Many in Hong Kong"),
    ("Some in Washington believe that the deal is dead.", "Some in Washington"),
    ("Most in Miami want to improve the law.", "Most in Miami"),
    ("Officials in Washington said the deal is dead.", "Officials in Washington"),
])
def test_the_people_in_a_place_speak_not_the_place(analyze_text: Any, text: str,
                                                    speaker: str) -> None:
    # "Many in Hong Kong fear that …" (eighth judged draw) was read as Hong Kong
    [st] = analyze_text(text).statements
    assert st.speaker is not None and st.speaker.text == speaker and st.speaker.entity is None
