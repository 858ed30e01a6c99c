"""Hand-built parses for the attribution passes' rule tests (imported by name, as serverkit
is): a token list of (word, head index, dependency label, tag[, lemma]) becomes a spaCy
``Doc`` with those heads, labels and tags, spaced as news prints it."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.attribution import CharSpan

NLP = spacy.blank("en")
NO_SPACE_BEFORE = {",", ".", "\u201d"}

# one token: (word, head index, dependency label, tag[, lemma])
Tok = tuple[str, int, str, str] | tuple[str, int, str, str, str]


def parse(tokens: list[Tok]) -> Doc:
    """The ``Doc`` of ``tokens``; no space before a comma, a full stop or a closing quote,
    none after an opening one; the lemma is the lower-cased word unless given."""
    words = [t[0] for t in tokens]
    n = len(words)
    spaces = [i + 1 < n and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "\u201c"
              for i in range(n)]
    return Doc(NLP.vocab, words=words, spaces=spaces, heads=[t[1] for t in tokens],
               deps=[t[2] for t in tokens], tags=[t[3] for t in tokens],
               lemmas=[t[4] if len(t) == 5 else t[0].lower() for t in tokens])


def at(text: str, part: str) -> CharSpan:
    """The characters of the first ``part`` in ``text``."""
    start = text.index(part)
    return CharSpan(start, start + len(part))
