"""The merge pass keeps a tagged piece with its cue's sentence: on hand-built parses, a
reported (unquoted) piece the tagger joined from the sentence before is not the statement's;
a quoted one, a split quote, is."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.attribution import CharSpan, Context, CueSpan, Draft, find_quotes
from whosaid.attribution.merge import merge_learned
from whosaid.attribution.verbs import reporting_verbs
from whosaid.names import ArticleEntities

NLP = spacy.blank("en")
NO_SPACE_BEFORE = {",", ".", "\u201d"}

# one token: (word, head index, dependency label, tag[, lemma])
Tok = tuple[str, int, str, str] | tuple[str, int, str, str, str]


def parse(tokens: list[Tok]) -> Doc:
    words = [t[0] for t in tokens]
    n = len(words)
    spaces = [i + 1 < n and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "\u201c"
              for i in range(n)]
    return Doc(NLP.vocab, words=words, spaces=spaces, heads=[t[1] for t in tokens],
               deps=[t[2] for t in tokens], tags=[t[3] for t in tokens],
               lemmas=[t[4] if len(t) == 5 else t[0].lower() for t in tokens])


def at(text: str, part: str) -> CharSpan:
    start = text.index(part)
    return CharSpan(start, start + len(part))


def before_says(first: list[Tok]) -> list[Tok]:
    """'<first> He says his successor should act.'"""
    n = len(first)
    says: list[Tok] = [("He", 1, "nsubj", "PRP"), ("says", 1, "ROOT", "VBZ", "say"),
                       ("his", 3, "poss", "PRP$"), ("successor", 5, "nsubj", "NN"),
                       ("should", 5, "aux", "MD"), ("act", 1, "ccomp", "VB"),
                       (".", 1, "punct", ".")]
    return [*first, *((w, h + n, *rest) for w, h, *rest in says)]  # type: ignore[misc]


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
