"""Who a tagged infinitive or participle cue has for its speaker when the parse gives it no
subject (learned.implied_subject), on hand-built parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.attribution.learned import (
    hedged_report,
    implied_subject,
    source_for,
    unnamed_asker,
)

NLP = spacy.blank("en")

# one token: (word, head index, dependency label, tag, part of speech)
Tok = tuple[str, int, str, str, str]


def parse(tokens: list[Tok]) -> Doc:
    words = [t[0] for t in tokens]
    return Doc(NLP.vocab, words=words, spaces=[True] * len(words),
               heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
               tags=[t[3] for t in tokens], pos=[t[4] for t in tokens])


def speaker_of(tokens: list[Tok], cue: str) -> str | None:
    doc = parse(tokens)
    tok = implied_subject(next(t for t in doc if t.text == cue))
    return None if tok is None else tok.text


def test_infinitive_cue_speaks_for_the_subject_of_the_verb_it_completes() -> None:
    # "Stumpf refused to admit that no one was held accountable"
    tokens: list[Tok] = [("Stumpf", 1, "nsubj", "NNP", "PROPN"),
                         ("refused", 1, "ROOT", "VBD", "VERB"), ("to", 3, "aux", "TO", "PART"),
                         ("admit", 1, "xcomp", "VB", "VERB"), ("it", 3, "dobj", "PRP", "PRON")]
    assert speaker_of(tokens, "admit") == "Stumpf"


def test_infinitive_after_an_object_speaks_for_the_object() -> None:
    # "The senator pressed Stumpf to admit it": Stumpf is to admit, not the senator
    tokens: list[Tok] = [("senator", 1, "nsubj", "NN", "NOUN"),
                         ("pressed", 1, "ROOT", "VBD", "VERB"),
                         ("Stumpf", 1, "dobj", "NNP", "PROPN"), ("to", 4, "aux", "TO", "PART"),
                         ("admit", 1, "xcomp", "VB", "VERB"), ("it", 4, "dobj", "PRP", "PRON")]
    assert speaker_of(tokens, "admit") == "Stumpf"


def test_participle_on_a_noun_speaks_for_the_noun() -> None:
    # "the first accord committing nearly every country to cuts"
    tokens: list[Tok] = [("accord", 0, "ROOT", "NN", "NOUN"),
                         ("committing", 0, "acl", "VBG", "VERB"),
                         ("countries", 1, "dobj", "NNS", "NOUN")]
    assert speaker_of(tokens, "committing") == "accord"


def test_finite_cue_implies_no_subject() -> None:
    tokens: list[Tok] = [("said", 0, "ROOT", "VBD", "VERB"), ("it", 0, "dobj", "PRP", "PRON")]
    assert speaker_of(tokens, "said") is None


def seems(then: list[Tok]) -> bool:
    """hedged_report of 'Anderson seemed to <then>' (``then`` from index 3 on)."""
    tokens: list[Tok] = [("Anderson", 1, "nsubj", "NNP", "PROPN"),
                         ("seemed", 1, "ROOT", "VBD", "VERB"), ("to", 3, "aux", "TO", "PART"),
                         *then]
    doc = parse(tokens)
    for tok, t in zip(doc, tokens, strict=True):
        tok.lemma_ = {"seemed": "seem", "had": "have", "vanished": "vanish"}.get(t[0], t[0])
    return hedged_report(doc[1])


def test_seeming_to_do_something_keeps_the_subject_as_source() -> None:
    # "Anderson seemed to think the outreach was phony": Anderson's thought (PolNeAR)
    assert seems([("think", 1, "xcomp", "VB", "VERB")])


def test_seeming_to_be_in_a_state_has_no_source() -> None:
    # "the music seemed to be …", "Melania seems to have vanished": the writer's hedge
    assert not seems([("be", 1, "xcomp", "VB", "AUX")])
    assert not seems([("have", 4, "aux", "VB", "AUX"), ("vanished", 1, "xcomp", "VBN", "VERB")])


def test_tagged_possessive_marker_gives_the_name_it_belongs_to() -> None:
    # "North Korea's claims about …": the tagger marked only "'s" as the source
    tokens: list[Tok] = [("North", 1, "compound", "NNP", "PROPN"),
                         ("Korea", 3, "poss", "NNP", "PROPN"), ("'s", 1, "case", "POS", "PART"),
                         ("claims", 3, "ROOT", "NNS", "NOUN")]
    doc = parse(tokens)
    span, tok = source_for(doc, (3, 4), [(2, 3, 0.9)], doc[3])
    assert span is not None and span.of(doc.text).startswith("North Korea")
    assert tok == 1


def test_participle_after_a_preposition_speaks_for_the_verbs_subject() -> None:
    # "Trump began the day after questioning Israel's commitment": Trump questioned it
    tokens: list[Tok] = [("Trump", 1, "nsubj", "NNP", "PROPN"),
                         ("began", 1, "ROOT", "VBD", "VERB"), ("after", 1, "prep", "IN", "ADP"),
                         ("questioning", 2, "pcomp", "VBG", "VERB"),
                         ("commitment", 3, "dobj", "NN", "NOUN")]
    assert speaker_of(tokens, "questioning") == "Trump"


def test_participle_after_a_noun_preposition_implies_no_subject() -> None:
    # "the risk of losing the seat": no one does "losing"
    tokens: list[Tok] = [("risk", 0, "ROOT", "NN", "NOUN"), ("of", 0, "prep", "IN", "ADP"),
                         ("losing", 1, "pcomp", "VBG", "VERB"), ("seat", 2, "dobj", "NN", "NOUN")]
    assert speaker_of(tokens, "losing") is None


def asker(tag: str, extra: list[Tok]) -> bool:
    # "Asked what the plan was, Devine replied …", the parse's first word tagged ``tag``
    tokens: list[Tok] = [("Asked", 4, "advcl", tag, "VERB"), ("what", 2, "nsubj", "WP", "PRON"),
                         ("was", 0, "ccomp", "VBD", "AUX"), ("Devine", 4, "nsubj", "NNP", "PROPN"),
                         ("replied", 4, "ROOT", "VBD", "VERB"), *extra]
    return unnamed_asker(parse(tokens)[0])


def test_question_asked_by_no_one_named_has_no_asker() -> None:
    # PolNeAR marks "Asked what …" with no source: Devine is the one asked
    assert asker("VBN", [])
    assert asker("VBD", [])


def test_question_asked_by_a_named_agent_or_a_subject_keeps_its_asker() -> None:
    # "Asked by reporters …" names the askers; "as Reuters asked" is a clause of its own
    assert not asker("VBN", [("by", 0, "agent", "IN", "ADP")])
    assert not asker("VBD", [("Reuters", 0, "nsubj", "NNP", "PROPN")])


def passive(extra: list[Tok]) -> bool:
    # "The price was not disclosed", with ``extra`` hung on "disclosed"
    tokens: list[Tok] = [("price", 3, "nsubjpass", "NN", "NOUN"),
                         ("was", 3, "auxpass", "VBD", "AUX"), ("not", 3, "neg", "RB", "PART"),
                         ("disclosed", 3, "ROOT", "VBN", "VERB"), *extra]
    return unnamed_asker(parse(tokens)[3])


def test_passive_cue_with_no_agent_has_no_speaker() -> None:
    # "she is expected to move swiftly": PolNeAR marks no source
    assert passive([])


def test_passive_cue_with_an_agent_or_a_saying_participle_keeps_its_speaker() -> None:
    # "was disclosed by the company"; "Braynard is quoted as saying …" is Braynard's
    assert not passive([("by", 3, "agent", "IN", "ADP")])
    assert not passive([("as", 3, "prep", "IN", "ADP"), ("saying", 4, "pcomp", "VBG", "VERB")])
