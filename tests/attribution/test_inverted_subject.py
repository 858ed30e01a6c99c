"""A speaker named after its verb and a quotation ("''…,'' recalled Mr. Rhodes."), which
the parse took for the verb's object (syntax.inverted_subject), on hand-built parses."""

from __future__ import annotations

from parsekit import Tok, parse
from whosaid.attribution.syntax import subject


def speaker(tokens: list[Tok], verb: str) -> str | None:
    doc = parse(tokens)
    tok = subject(next(t for t in doc if t.text == verb))
    return None if tok is None else tok.text


def quoted(before_verb: list[Tok]) -> list[Tok]:
    """'“We have to wait,” recalled Rhodes.' with ``before_verb`` between the words and
    the verb; the name parsed as the verb's object."""
    n = 3 + len(before_verb)  # the verb's index
    return [("“", n, "punct", "``"), ("We", 2, "nsubj", "PRP"), ("wait", n, "ccomp", "VBP"),
            *before_verb, ("recalled", n, "ROOT", "VBD", "recall"),
            ("Rhodes", n, "dobj", "NNP"), (".", n, "punct", ".")]


def test_name_after_a_verb_that_follows_a_quotation_is_its_speaker() -> None:
    assert speaker(quoted([(",", 5, "punct", ","), ("”", 5, "punct", "''")]),
                   "recalled") == "Rhodes"


def test_object_of_a_verb_after_no_quotation_is_no_speaker() -> None:
    # "… wait, recalled Rhodes" with no quotation closed: the parse's object stands
    tokens = quoted([(",", 4, "punct", ",")])
    assert speaker(tokens, "recalled") is None
