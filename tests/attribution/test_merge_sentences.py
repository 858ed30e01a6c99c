"""The merge pass keeps a tagged piece with its cue's sentence: on hand-built parses, a
reported (unquoted) piece the tagger joined from the sentence before is not the statement's;
a quoted one, a split quote, is."""

from __future__ import annotations

from typing import cast

from parsekit import Tok, at, parse
from whosaid.attribution import Context, CueSpan, Draft, find_quotes
from whosaid.attribution.merge import merge_learned
from whosaid.attribution.verbs import reporting_verbs
from whosaid.names import ArticleEntities


def before_says(first: list[Tok]) -> list[Tok]:
    """'<first> He says his successor should act.'"""
    n = len(first)
    says: list[Tok] = [("He", 1, "nsubj", "PRP"), ("says", 1, "ROOT", "VBZ", "say"),
                       ("his", 3, "poss", "PRP$"), ("successor", 5, "nsubj", "NN"),
                       ("should", 5, "aux", "MD"), ("act", 1, "ccomp", "VB"),
                       (".", 1, "punct", ".")]
    return [*first, *(cast(Tok, (t[0], t[1] + n, *t[2:])) for t in says)]


# "Rules matter." as the sentence before: the writer's, not the speaker's
REPORTED: list[Tok] = [("Rules", 1, "nsubj", "NNS"), ("matter", 1, "ROOT", "VBP"),
                       (".", 1, "punct", ".")]
# "“Rules matter.”" as the sentence before: the speaker's words, going on after the cue
QUOTED: list[Tok] = [("\u201c", 2, "punct", "``"), ("Rules", 2, "nsubj", "NNS"),
                     ("matter", 2, "ROOT", "VBP"), (".", 2, "punct", "."),
                     ("\u201d", 2, "punct", "''")]


def merged(tokens: list[Tok], pieces: list[str], with_rule: bool) -> list[list[str]]:
    doc = parse(tokens)
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    if with_rule:
        reporting_verbs(ctx)
    says = next(t for t in doc if t.text == "says")
    tagged = Draft([at(ctx.text, p) for p in pieces], None,
                   CueSpan(says.idx, says.idx + len(says), "say"), "learned",
                   cue_token=says.i, confidence=0.9)
    merge_learned(ctx, [tagged])
    return [[f.of(ctx.text) for f in d.fragments] for d in ctx.drafts]


def test_reported_piece_from_the_sentence_before_the_cue_is_left_out() -> None:
    # "… harder for anyone to unwind. He says that his successor should …" (PolNeAR dev)
    out = merged(before_says(REPORTED), ["Rules matter", "his successor should act"], True)
    assert out == [["his successor should act"]]


def test_statement_only_the_tagger_found_loses_the_piece_before_its_sentence() -> None:
    out = merged(before_says(REPORTED), ["Rules matter", "his successor should act"], False)
    assert out == [["his successor should act"]]


def test_quoted_piece_before_the_cue_stays_with_it() -> None:
    # "“Rules matter.” He says …": a quotation the speaker goes on with
    out = merged(before_says(QUOTED), ["Rules matter", "his successor should act"], True)
    assert out == [["Rules matter", "his successor should act"]]


# "“You win,” she said, but Kevin slept."
YOU_WIN: list[Tok] = [
    ("\u201c", 2, "punct", "``"), ("You", 2, "nsubj", "PRP"), ("win", 6, "ccomp", "VBP"),
    (",", 2, "punct", ","), ("\u201d", 2, "punct", "''"), ("she", 6, "nsubj", "PRP"),
    ("said", 6, "ROOT", "VBD", "say"), (",", 6, "punct", ","), ("but", 6, "cc", "CC"),
    ("Kevin", 10, "nsubj", "NNP"), ("slept", 6, "conj", "VBD", "sleep"),
    (".", 6, "punct", "."),
]


def test_writers_clause_after_a_quotes_cue_is_not_the_quote() -> None:
    # "“You winning?” she said, but Kevin was drifting off" (PolNeAR dev)
    doc = parse(YOU_WIN)
    ctx = Context.of(doc, ArticleEntities([]), find_quotes(doc.text))
    reporting_verbs(ctx)
    [rule] = ctx.drafts
    tagged = Draft([at(ctx.text, "You win"), at(ctx.text, "slept")], None, rule.cue, "learned",
                   cue_token=6, confidence=0.9)
    merge_learned(ctx, [tagged])
    assert [[f.of(ctx.text) for f in d.fragments] for d in ctx.drafts] == [["You win"]]
