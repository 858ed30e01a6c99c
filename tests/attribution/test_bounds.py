"""The content bounds pass on hand-built parses: an apposition the writer adds after a
comma ends the content; quoted words and relative clauses stay. Through the real model: a
content ends before the saying event named after it ("during his speech at …")."""

from __future__ import annotations

from typing import Any

import pytest

from parsekit import Tok, parse
from whosaid.attribution import CharSpan, CueSpan, Draft, find_quotes
from whosaid.attribution.bounds import content_bounds
from whosaid.attribution.context import Context
from whosaid.attribution.verbs import reporting_verbs
from whosaid.names import ArticleEntities


def contents(tokens: list[Tok]) -> list[str]:
    doc = parse(tokens)
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    reporting_verbs(ctx)
    content_bounds(ctx)
    return [f.of(ctx.text) for d in ctx.drafts for f in d.fragments]


def sentence(after_comma: list[Tok]) -> list[Tok]:
    """'Officials say resources should go to NATO, <after_comma> .'"""
    return [
        ("Officials", 1, "nsubj", "NNS"), ("say", 1, "ROOT", "VBP", "say"),
        ("resources", 4, "nsubj", "NNS"), ("should", 4, "aux", "MD"),
        ("go", 1, "ccomp", "VB"), ("to", 4, "prep", "IN"), ("NATO", 5, "pobj", "NNP"),
        (",", 6, "punct", ","), *after_comma, (".", 1, "punct", "."),
    ]


def test_apposition_after_the_content_is_the_writers() -> None:
    # "…, the military alliance": who NATO is, not what the officials say
    tokens = sentence([("the", 10, "det", "DT"), ("military", 10, "amod", "JJ"),
                       ("alliance", 6, "appos", "NN")])
    assert contents(tokens) == ["resources should go to NATO"]


def test_relative_clause_after_the_content_stays() -> None:
    # cutting ", which …" lost more right contents than it won on PolNeAR dev
    tokens = sentence([("which", 9, "nsubj", "WDT"), ("leads", 6, "relcl", "VBZ", "lead"),
                       ("it", 9, "dobj", "PRP")])
    assert contents(tokens) == ["resources should go to NATO, which leads it"]


def test_quoted_apposition_stays() -> None:
    tokens = sentence([("\u201c", 11, "punct", "``"), ("the", 11, "det", "DT"),
                       ("real", 11, "amod", "JJ"), ("alliance", 6, "appos", "NN"),
                       ("\u201d", 11, "punct", "''")])
    [content] = contents(tokens)
    assert content.startswith("resources should go to NATO") and "real alliance" in content


def topic_content(after_object: list[Tok]) -> list[str]:
    """The tagger's content of 'Putin issued statements about talks with Lavrov<after>.'
    after the bounds pass ("issue" is no reporting verb: the tagger's statement)."""
    tokens: list[Tok] = [
        ("Putin", 1, "nsubj", "NNP"), ("issued", 1, "ROOT", "VBD", "issue"),
        ("statements", 1, "dobj", "NNS"), ("about", 2, "prep", "IN"),
        ("talks", 3, "pobj", "NNS"), ("with", 4, "prep", "IN"), ("Lavrov", 5, "pobj", "NNP"),
        *after_object, (".", 1, "punct", "."),
    ]
    doc = parse(tokens)
    for tok in doc:
        tok.pos_ = "ADP" if tok.tag_ == "IN" else "X"
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    start = doc.text.index("talks")
    end = doc.text.rindex(".")
    cue = CueSpan(doc[1].idx, doc[4].idx - 1, "issue")
    ctx.drafts.append(Draft([CharSpan(start, end)], CharSpan(0, 5), cue, "learned", "speech",
                            1, 0))
    content_bounds(ctx)
    return [f.of(ctx.text) for d in ctx.drafts for f in d.fragments]


def test_topic_content_ends_with_the_topic_before_the_writers_purpose_clause() -> None:
    # the seed: "… about recent talks with … Peskov, presumably in an effort to …"
    tokens: list[Tok] = [(",", 6, "punct", ","), ("presumably", 9, "advmod", "RB"),
                         ("in", 1, "prep", "IN"), ("an", 11, "det", "DT"),
                         ("effort", 9, "pobj", "NN"), ("to", 13, "aux", "TO"),
                         ("win", 11, "acl", "VB")]
    assert topic_content(tokens) == ["talks with Lavrov"]


def test_topic_content_without_a_comma_keeps_the_taggers_bounds() -> None:
    # "about immigration and how it's transforming …": the parse ends such objects too soon
    tokens: list[Tok] = [("in", 1, "prep", "IN"), ("Moscow", 7, "pobj", "NNP")]
    assert topic_content(tokens) == ["talks with Lavrov in Moscow"]


def criticized(after_object: list[Tok]) -> list[str]:
    """The contents of 'Clinton criticized the law<after_object>.'"""
    tokens: list[Tok] = [("Clinton", 1, "nsubj", "NNP"),
                         ("criticized", 1, "ROOT", "VBD", "criticize"), ("the", 3, "det", "DT"),
                         ("law", 1, "dobj", "NN"), *after_object, (".", 1, "punct", ".")]
    return contents(tokens)


def test_objects_content_ends_before_the_verbs_circumstances() -> None:
    # "criticized the Affordable Care Act as a “crazy system” during a campaign stop in Flint"
    during: list[Tok] = [("during", 1, "prep", "IN"), ("a", 7, "det", "DT"),
                         ("stop", 4, "pobj", "NN")]
    assert criticized(during) == ["the law"]
    # "described Mr. Obama as a climate evangelist when he ran for the White House"
    when: list[Tok] = [("when", 6, "advmod", "WRB"), ("he", 6, "nsubj", "PRP"),
                       ("ran", 1, "advcl", "VBD", "run")]
    assert criticized(when) == ["the law"]


def test_objects_content_keeps_what_the_object_is_taken_for() -> None:
    # "praised … as most unfair", "called on workers to attend": no time, no cut
    purpose: list[Tok] = [("to", 5, "aux", "TO"), ("win", 1, "advcl", "VB", "win")]
    assert criticized(purpose) == ["the law to win"]


def tagged_object(after_object: list[Tok]) -> list[str]:
    """The tagger's content of 'Officials praised the work<after_object>.', read from the
    object to the full stop, after the bounds pass."""
    tokens: list[Tok] = [("Officials", 1, "nsubj", "NNS"),
                         ("praised", 1, "ROOT", "VBD", "praise"), ("the", 3, "det", "DT"),
                         ("work", 1, "dobj", "NN"), *after_object, (".", 1, "punct", ".")]
    doc = parse(tokens)
    for tok in doc:
        tok.pos_ = "VERB" if tok.tag_.startswith("VB") else "X"
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    cue = CueSpan(doc[1].idx, doc[1].idx + len(doc[1]), "praise")
    content = CharSpan(doc[2].idx, doc.text.rindex("."))
    ctx.drafts.append(Draft([content], CharSpan(0, 9), cue, "learned", "speech", 1, 0))
    content_bounds(ctx)
    return [f.of(ctx.text) for d in ctx.drafts for f in d.fragments]


def test_objects_content_ends_before_a_second_predicate() -> None:
    # "Some officials praised Mr. Clarke's work but also had to give him more time"
    but: list[Tok] = [("but", 1, "cc", "CC"), ("left", 1, "conj", "VBD", "leave"),
                      ("it", 5, "dobj", "PRP")]
    assert tagged_object(but) == ["the work"]


def test_objects_content_keeps_an_aside_between_dashes() -> None:
    # "comments Trump made — and later walked back — that …": the aside stays
    aside: list[Tok] = [("—", 1, "punct", ":"), ("and", 1, "cc", "CC"),
                        ("left", 1, "conj", "VBD", "leave"), ("—", 1, "punct", ":")]
    [content] = tagged_object(aside)
    assert content.startswith("the work") and "left" in content


EVENTS = {
    # the saying event after a to-infinitive content (the parse hangs it inside)
    "Earlier, on November 30, Scholz pledged to support Ukraine as long as needed during "
    "his speech at the Berlin Security Conference.": "to support Ukraine as long as needed",
    "Merkel promised to help Greece in an interview with Bild on Sunday.": "to help Greece",
    # after the verb's object, and a day the parse hangs on the verb
    "The company denied the allegations in a statement shared to its website.":
        "the allegations",
    "The Inner Mongolia health authority reported its third case of plague on Sunday.":
        "its third case of plague",
}
KEPT = {
    # "the summit" is where the talks are: a definite event noun is the content's own
    "The minister said the talks would continue at the summit.": "at the summit",
    # a date the parse puts inside the content
    "He said the vote would be held on Tuesday.": "on Tuesday",
    # a clause of its own keeps its events and periods
    "Claure said next steps will be divulged in an all-company meeting.":
        "in an all-company meeting",
    "McClatchy reported a loss of $304.7 million in the third quarter.": "in the third quarter",
    # quoted words are never cut
    "\u201cWe will decide at a meeting in May,\u201d Putin said.": "at a meeting in May",
    # the promised act happens at the meeting or rally: only a speaking occasion (a speech,
    # an interview) hung inside the content is the saying event
    "Macron promised to raise the issue during his meeting with Xi.": "during his meeting",
    "Trump promised to speak at a rally in Ohio.": "at a rally in Ohio",
}


@pytest.mark.parametrize("text", sorted(EVENTS))
def test_content_ends_before_the_saying_event_after_it(analyze_text: Any, text: str) -> None:
    contents = [st.content.text.rstrip(".") for st in analyze_text(text).statements]
    assert contents == [EVENTS[text]]


@pytest.mark.parametrize("text", sorted(KEPT))
def test_an_event_or_date_of_the_said_words_stays(analyze_text: Any, text: str) -> None:
    contents = [st.content.text for st in analyze_text(text).statements]
    assert len(contents) == 1 and KEPT[text] in contents[0], contents


def blamed(content: str) -> list[str]:
    """'Cruz blamed the network for it .' with a learned draft whose content is ``content``
    (a tagger's piece), through the bounds pass."""
    tokens: list[Tok] = [("Cruz", 1, "nsubj", "NNP"), ("blamed", 1, "ROOT", "VBD", "blame"),
                         ("the", 3, "det", "DT"), ("network", 1, "dobj", "NN"),
                         ("for", 1, "prep", "IN"), ("it", 4, "pobj", "PRP"),
                         (".", 1, "punct", ".")]
    doc = parse(tokens)
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    cue = CueSpan(doc[1].idx, doc[1].idx + len(doc[1]), "blame")
    start = doc.text.index(content)
    ctx.drafts = [Draft([CharSpan(start, start + len(content))], CharSpan(0, 4), cue,
                        "learned", cue_token=1, speaker_token=0)]
    content_bounds(ctx)
    return [f.of(ctx.text) for d in ctx.drafts for f in d.fragments]


def test_content_of_one_stray_determiner_is_dropped() -> None:
    # "Cruz blamed [the] network": a piece cut out of a phrase, no one's words
    assert blamed("the") == []


def test_content_of_one_word_that_stands_for_a_phrase_stays() -> None:
    # "blamed [the network]", "endorsed [him]": the whole object
    assert blamed("the network") == ["the network"]
    assert blamed("network") == ["network"]
