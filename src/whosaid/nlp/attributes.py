"""spaCy's attribute ruler (tag → POS and morphology, pronoun lemmas, "n't" → "not"), its
one-token patterns tested on the document's arrays.

The model's ``attribute_ruler`` runs spaCy's Matcher over its 179 patterns at every token
and sets each match's attributes through a ``Span``: on PolNeAR dev (81,789 tokens) 1.6
CPU-s, as much as the parser and more than whatever whosaid's own passes spend on any one
step. 170 of those patterns are one token that tests TAG, LOWER, DEP or IS_SPACE for a
value, a set of values or their complement ({"TAG": "PRP", "LOWER": "she"}); here each is
one numpy mask over the document's arrays (skipped when a value it needs is not in the
document at all), and the rest (two-token patterns, "gon na"; a regex, "nuthin'") go
through a Matcher of their own. Every pattern applies in the ruler's order, a later one
overwriting what an earlier one set, as spaCy's ruler does: the annotations are the same
(tested against spaCy's ruler; PolNeAR dev and train arrays identical).

:class:`ArrayAttributeRuler` is an ``AttributeRuler`` (the same patterns, serialisation and
scoring); :func:`.pipeline.load_pipeline` puts it in place of the model's
(:func:`array_ruler`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.types import Ints2d

ARRAY_RULER = "whosaid_array_attribute_ruler_v1"

# the token attributes a pattern may test on the arrays, in their column order
TESTED = (TAG, LOWER, DEP, IS_SPACE)
TESTED_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
# the attributes a pattern may set (written back with Doc.from_array): anything else keeps
# spaCy's own ruler
SET = (POS, MORPH, LEMMA, TAG, DEP)


@dataclass(frozen=True)
class Test:
    """One attribute of one token: its value in ``values`` (or, ``negated``, not), or its
    string matching ``regex`` (searched, as spaCy's Matcher does)."""

    column: int
    values: tuple[int, ...] = ()
    negated: bool = False
    regex: re.Pattern[str] | None = None

    def mask(self, arrays: numpy.ndarray, matching: Callable[[re.Pattern[str], numpy.ndarray],
                                                             numpy.ndarray]) -> numpy.ndarray:
        column = arrays[:, self.column]
        if self.regex is not None:
            hit = numpy.isin(column, matching(self.regex, column))
        elif len(self.values) == 1:
            hit = column == self.values[0]
        else:
            hit = numpy.isin(column, numpy.array(self.values, dtype="uint64"))
        return ~hit if self.negated else hit


Tokens = tuple[tuple[Test, ...], ...]  # a pattern: per token, the tests it must pass


@dataclass(frozen=True)
class Rule:
    """One of the ruler's patterns (by its key, the order spaCy applies them in): its
    alternatives as tests per token and the token it sets (``index`` in the match), or
    None when it goes through a Matcher."""

    key: int
    alternatives: tuple[Tokens, ...] | None
    index: int
    sets: tuple[tuple[int, int], ...]  # (column in SET, value)
    # per alternative, the TAG, LOWER and DEP values it needs in the document to match
    needed: tuple[frozenset[int], ...] = ()


def _needed(alternatives: tuple[Tokens, ...] | None) -> tuple[frozenset[int], ...]:
    return tuple(frozenset(t.values[0] for tests in alt for t in tests
                           if t.regex is None and not t.negated and len(t.values) == 1
                           and t.column != 3)
                 for alt in alternatives or ())


def _test(name: str, spec: Any, strings: Any) -> Test | None:
    """The test of one pattern entry ({"TAG": "PRP"}, {"LOWER": {"IN": [...]}},
    {"LOWER": {"REGEX": "^y'?$"}}), or None when the arrays cannot answer it (another
    attribute, another operator)."""
    if name not in TESTED_NAMES:
        return None
    column = TESTED_NAMES.index(name)

    def value(v: Any) -> int | None:
        if name == "IS_SPACE":
            return int(v) if isinstance(v, bool) else None
        return int(strings.add(v)) if isinstance(v, str) else None

    if not isinstance(spec, dict):
        one = value(spec)
        return None if one is None else Test(column, (one,))
    if len(spec) != 1:
        return None
    (op, vs), = spec.items()
    if op == "REGEX" and isinstance(vs, str) and name != "IS_SPACE":
        return Test(column, regex=re.compile(vs))
    if op not in ("IN", "NOT_IN") or not isinstance(vs, list):
        return None
    values = [value(v) for v in vs]
    if any(v is None for v in values):
        return None
    return Test(column, tuple(cast(list[int], values)), negated=op == "NOT_IN")


def _alternatives(patterns: Sequence[Sequence[dict[str, Any]]], strings: Any
                  ) -> tuple[Tokens, ...] | None:
    """A pattern's alternatives as tests per token; None when one of them has an entry
    the arrays cannot answer, an operator ("OP") or no token."""
    alternatives = []
    for pattern in patterns:
        if not pattern:
            return None
        tokens = []
        for entry in pattern:
            tests = [_test(name, spec, strings) for name, spec in entry.items()]
            if not tests or any(t is None for t in tests):
                return None
            tokens.append(tuple(cast(list[Test], tests)))
        alternatives.append(tuple(tokens))
    if len({len(alt) for alt in alternatives}) > 1:
        return None  # the token set must sit at one index of every alternative
    return tuple(alternatives)


class ArrayAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose patterns are tested on the document's arrays (module
    docstring); it falls back on spaCy's matching when a pattern sets something other than
    POS, MORPH, LEMMA, TAG or DEP."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._compiled: tuple[tuple[Rule, ...], Matcher] | None = None
        self._plain = True
        # (regex, string hash) → whether the string matches: the vocabulary's words, each
        # searched once per process
        self._searched: dict[tuple[str, int], bool] = {}

    def clear(self) -> None:
        super().clear()
        self._compiled = None

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None

    def _compile(self) -> tuple[tuple[Rule, ...], Matcher] | None:
        if self._compiled is None:
            self._plain = all(attr in SET for attrs in self.attrs for attr in attrs)
            strings = self.vocab.strings
            rules, matcher = [], Matcher(self.vocab)
            for key, pattern in enumerate(self.patterns):
                patterns = cast(list[list[dict[str, Any]]], pattern["patterns"])
                alternatives = _alternatives(patterns, strings)
                if alternatives is None:
                    matcher.add(str(key), patterns)
                sets = tuple((SET.index(a), int(v)) for a, v in self.attrs[key].items())
                rules.append(Rule(key, alternatives, self.indices[key], sets,
                                  _needed(alternatives)))
            self._compiled = (tuple(rules), matcher)
        return self._compiled if self._plain else None

    def __call__(self, doc: Doc) -> Doc:
        compiled = self._compile() if len(doc) else None
        if compiled is None:
            return cast(Doc, super().__call__(doc))
        rules, matcher = compiled
        tested = doc.to_array(list(TESTED))
        present = set(numpy.unique(tested[:, :3]).tolist())
        matched = self._matched(doc, matcher) if len(matcher) else {}
        values = doc.to_array(list(SET))
        for rule in rules:
            where: Any
            if rule.alternatives is None:
                where = matched.get(rule.key)
                if not where:
                    continue
            else:
                where = self._where(rule, tested, present)
                if where is None:
                    continue
            for column, value in rule.sets:
                values[where, column] = value
        doc.from_array(list(SET), cast(Ints2d, values))
        return doc

    def _matched(self, doc: Doc, matcher: Matcher) -> dict[int, list[int]]:
        """The tokens the Matcher's patterns set, by pattern key."""
        matched: dict[int, list[int]] = {}
        for match_id, start, end in matcher(doc, allow_missing=True, as_spans=False):
            key = int(self.vocab.strings[match_id])
            matched.setdefault(key, []).append(_target(key, self.indices[key], start, end))
        return matched

    def _where(self, rule: Rule, tested: numpy.ndarray, present: set[int]
               ) -> numpy.ndarray | None:
        """The mask of the tokens ``rule`` sets, or None when it sets none."""
        where = None
        for alternative, needed in zip(rule.alternatives or (), rule.needed, strict=True):
            if not needed <= present:
                continue
            starts = self._starts(alternative, tested)
            if starts is None:
                continue
            index = _target(rule.key, rule.index, 0, len(alternative))
            mask = numpy.zeros(len(tested), dtype=bool)
            mask[index: index + len(starts)] = starts
            where = mask if where is None else where | mask
        return where if where is not None and where.any() else None

    def _starts(self, tokens: Tokens, tested: numpy.ndarray) -> numpy.ndarray | None:
        """Where a match of ``tokens`` starts, over the first n - len(tokens) + 1 tokens."""
        n = len(tested) - len(tokens) + 1
        if n <= 0:
            return None
        starts = None
        for offset, tests in enumerate(tokens):
            for test in tests:
                hit = test.mask(tested, self._matching)[offset: offset + n]
                starts = hit if starts is None else starts & hit
        return starts

    def _matching(self, regex: re.Pattern[str], column: numpy.ndarray) -> numpy.ndarray:
        """The values of ``column`` whose strings ``regex`` finds."""
        strings, found = self.vocab.strings, []
        for value in numpy.unique(column).tolist():
            hit = self._searched.get((regex.pattern, value))
            if hit is None:
                hit = self._searched[(regex.pattern, value)] = bool(
                    regex.search(strings[value]))
            if hit:
                found.append(value)
        return numpy.array(found, dtype="uint64")


def _target(key: int, index: int, start: int, end: int) -> int:
    """The token a match sets: ``index`` in it, from its end when negative."""
    if not -(end - start) <= index < end - start:
        raise ValueError(f"attribute ruler pattern {key}: token {index} is outside its "
                         f"match of {end - start}")
    return range(start, end)[index]


def make_array_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, name)


def array_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """The pipeline's attribute ruler ``name`` made an :class:`ArrayAttributeRuler` with
    the same patterns (in place; nothing when there is none, or it is one already)."""
    if name not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, ArrayAttributeRuler) or not isinstance(ruler, AttributeRuler):
        return
    patterns = ruler.patterns
    replacement = nlp.replace_pipe(name, ARRAY_RULER)
    assert isinstance(replacement, ArrayAttributeRuler)
    replacement.add_patterns(patterns)
