"""A second report of the same speaker that the parse hangs inside the first one's clause
("he told ABC that he agrees Trump lies and said …", PolNeAR train): the first content ends
before it, and the second report is the teller's, not the reported clause's subject's."""

from __future__ import annotations

from parsekit import Tok, parse
from whosaid.attribution import find_quotes
from whosaid.attribution.context import Context
from whosaid.attribution.verbs import reporting_verbs
from whosaid.names import ArticleEntities


def statements(tokens: list[Tok]) -> list[tuple[str, str, str]]:
    doc = parse(tokens)
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    reporting_verbs(ctx)
    return [(d.speaker.of(ctx.text) if d.speaker else "", d.cue.span.of(ctx.text) if d.cue
             else "", " ".join(f.of(ctx.text) for f in d.fragments)) for d in ctx.drafts]


# "Kerry told ABC that Trump lies and said the record is clear ." with "said" joined to
# "lies", as the parser hangs it
TOLD_AND_SAID: list[Tok] = [
    ("Kerry", 1, "nsubj", "NNP"), ("told", 1, "ROOT", "VBD", "tell"),
    ("ABC", 1, "dobj", "NNP"), ("that", 5, "mark", "IN"), ("Trump", 5, "nsubj", "NNP"),
    ("lies", 1, "ccomp", "VBZ", "lie"), ("and", 5, "cc", "CC"),
    ("said", 5, "conj", "VBD", "say"), ("the", 9, "det", "DT"), ("record", 10, "nsubj", "NN"),
    ("is", 7, "ccomp", "VBZ", "be"), ("clear", 10, "acomp", "JJ"), (".", 1, "punct", "."),
]


def test_first_content_ends_before_a_second_report_hung_inside_it() -> None:
    found = statements(TOLD_AND_SAID)
    assert ("Kerry", "told", "Trump lies") in found


def test_second_report_hung_inside_the_clause_is_the_tellers() -> None:
    found = statements(TOLD_AND_SAID)
    assert ("Kerry", "said", "the record is clear") in found
    assert not any(speaker == "Trump" for speaker, _, _ in found)


def test_a_verb_with_its_own_subject_is_no_second_report() -> None:
    # "Kerry told ABC that Trump lies and Putin said the record is clear."
    tokens = TOLD_AND_SAID[:7] + [("Putin", 8, "nsubj", "NNP")] + [
        (t[0], t[1] + 1 if t[1] > 6 else t[1], *t[2:]) for t in TOLD_AND_SAID[7:]]
    found = statements(tokens)
    assert ("Putin", "said", "the record is clear") in found


# "Russia's top diplomat told Afghanistan's neighbors on Wednesday to refuse to host NATO ."
TOLD_TO: list[Tok] = [
    ("Russia", 2, "poss", "NNP"), ("'s", 0, "case", "POS"), ("diplomat", 3, "nsubj", "NN"),
    ("told", 3, "ROOT", "VBD", "tell"), ("neighbors", 3, "dobj", "NNS"),
    ("on", 3, "prep", "IN"), ("Wednesday", 5, "pobj", "NNP"), ("to", 8, "aux", "TO"),
    ("refuse", 3, "xcomp", "VB"), ("to", 10, "aux", "TO"), ("host", 8, "xcomp", "VB"),
    ("NATO", 10, "dobj", "NNP"), (".", 3, "punct", "."),
]


def test_a_telling_verbs_to_infinitive_is_the_order_given() -> None:
    assert ("Russia 's diplomat", "told", "to refuse to host NATO") in statements(TOLD_TO)


def test_a_telling_inside_someone_elses_report_is_no_statement_of_its_own() -> None:
    # "He said Moscow told them what to say ." : the teller is in his words
    tokens: list[Tok] = [
        ("He", 1, "nsubj", "PRP"), ("said", 1, "ROOT", "VBD", "say"),
        ("Moscow", 3, "nsubj", "NNP"), ("told", 1, "ccomp", "VBD", "tell"),
        ("them", 3, "dobj", "PRP"), ("what", 7, "dobj", "WP"), ("to", 7, "aux", "TO"),
        ("say", 3, "xcomp", "VB", "say"), (".", 1, "punct", "."),
    ]
    cues = [cue for _, cue, _ in statements(tokens)]
    assert "told" not in cues


def test_after_a_plain_said_the_joined_verb_is_not_the_sayers() -> None:
    # "Fars said its source denied it and described …" (Reuters, relays dev): the joined
    # verb ends Fars's content but is not Fars's report
    tokens = list(TOLD_AND_SAID)
    tokens[1] = ("said", 1, "ROOT", "VBD", "say")
    found = statements(tokens)
    assert ("Kerry", "said", "Trump lies") in found
    assert ("Kerry", "said", "the record is clear") not in found
