"""The content bounds pass on hand-built parses: an apposition the writer adds after a
comma ends the content; quoted words and relative clauses stay."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.attribution import find_quotes
from whosaid.attribution.bounds import content_bounds
from whosaid.attribution.context import Context
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
