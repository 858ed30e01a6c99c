"""Calibration: each statement's confidence becomes the chance that it is right.

The passes give a draft a confidence by rule of thumb (a reporting verb 0.8, a thought verb
0.55, less for a pronoun speaker). Measured on held-out PolNeAR articles those numbers
meant little: statements at 0.6–0.7 were right about one time in three, those at 0.9 and
above nine times in ten. "Right" is what the shared scorer counts for end-to-end F1: the
content matches a gold statement (word Jaccard >= 0.5) and the speaker matches its source.

At the end of the attribution run :func:`calibrate` reads a few features of every draft —
which pass made it, its kind (direct, mixed, indirect), its cue's class, its speaker's kind
(named, pronoun, role, none), its content's length, whether the trained tagger read the
same statement, whether the content is words or only their topic ("issued statements
about recent talks"), and the passes' own confidence — and sets the confidence to a small
logistic model of them, whose weights ship in ``data/calibration.json`` (fitted on PolNeAR
train by ``bench/calibration.py fit``; the tagger's reading gets no weight there, since the
tagger learned those articles and a weight fitted on them over-trusts it on new text). A
content that is only a topic is capped at ``TOPIC_CEILING``. The result is rounded to two
places, so the same draft always gets the same confidence, in [0, 1].

A direct quotation with a named speaker ("“We will win,” Zelensky said.") gets about 0.9;
an indirect statement whose speaker is "he" (the scorer wants the pronoun, and the content
bounds of reported speech are often off) far less.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..names import fold
from ..resources import load_json
from .context import Context
from .drafts import Draft, jaccard, word_chars, word_count
from .precision import topic

# where a content's length in words changes how often it is right ("Trump: Wrong" is one
# word; reported speech that runs for a paragraph is rarely bounded as the annotators did)
LENGTH_BOUNDS = (3, 8, 16, 30)
# how much of their words a rule draft and a tagged one share to be one reading
SAME_READING = 0.5
# cue lemmas that frame a source rather than report a saying
FRAME_CUES = frozenset({"according", "according to", "citing", "quoting", "quote"})
# the highest calibrated confidence (and 1 - it the lowest): 0.99, as the passes had it
CEILING = 0.99
# the highest confidence of a statement whose content is only its topic ("Putin has issued
# statements about recent talks"): it quotes no words, so it is never a confident statement;
# 32 of 62 such statements on PolNeAR dev were right (e2e), 0.52
TOPIC_CEILING = 0.5
# the features, in the order the table names them
FEATURES = ("pattern", "kind", "mode", "cue", "speaker", "length", "tagger", "content")


@dataclass(frozen=True, slots=True)
class Features:
    """What calibration reads of one draft: categories, and the passes' own confidence."""

    pattern: str  # the pass that made it: verb, learned, according, headline, list, …
    kind: str  # direct, mixed, indirect
    mode: str  # speech, thought, other
    cue: str  # speech, thought, frame, punctuation, other, none
    speaker: str  # named, pronoun, role, none
    length: str  # content words, as a bucket: "<=3", "<=8", … ">30"
    tagger: str  # both (rules and tagger read it), rules, tagger (only), off (did not run)
    raw: float  # the confidence the passes gave
    # words, or topic: only what was talked about ("issued statements about recent talks")
    content: str = "words"

    def categories(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FEATURES}


@dataclass(frozen=True)
class Table:
    """A logistic model: an intercept, a weight on the logit of the passes' confidence,
    and a weight for each category of each feature (an unknown category weighs 0)."""

    intercept: float
    raw_logit: float
    weights: dict[str, dict[str, float]]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Table:
        weights = {name: {k: float(v) for k, v in data["weights"].get(name, {}).items()}
                   for name in FEATURES}
        return cls(float(data["intercept"]), float(data["raw_logit"]), weights)

    def score(self, f: Features) -> float:
        """The model's log-odds that a statement with these features is right."""
        z = self.intercept + self.raw_logit * logit(f.raw)
        for name, value in f.categories().items():
            z += self.weights[name].get(value, 0.0)
        return z

    def apply(self, f: Features) -> float:
        """The calibrated confidence, rounded to two places, in [0.01, 0.99] (no statement
        is certain, nor certainly wrong); at most 0.5 for a topic with no words."""
        z = max(-30.0, min(30.0, self.score(f)))
        ceiling = TOPIC_CEILING if f.content == "topic" else CEILING
        return round(min(ceiling, max(1.0 - CEILING, 1.0 / (1.0 + math.exp(-z)))), 2)


@functools.cache
def default_table() -> Table:
    """The table shipped in ``data/calibration.json``."""
    return Table.of(load_json("calibration.json"))


def logit(p: float) -> float:
    p = min(0.99, max(0.01, p))
    return math.log(p / (1.0 - p))


@dataclass(frozen=True, slots=True)
class Record:
    """One calibrated draft as :func:`recording` sees it (for ``bench/calibration.py``)."""

    features: Features
    confidence: float


_recorders: list[list[Record]] = []


@contextmanager
def recording() -> Iterator[list[Record]]:
    """Collect the features and calibrated confidence of every draft calibrated inside the
    block, in the order of the drafts (the statements' order when none is filtered)."""
    rows: list[Record] = []
    _recorders.append(rows)
    try:
        yield rows
    finally:
        _recorders.remove(rows)


def calibrate(ctx: Context, learned: Sequence[Draft] | None,
              table: Table | None = None) -> None:
    """Set every draft's confidence to its calibrated value (the last step of a run)."""
    t = table or default_table()
    # the tagger's drafts' words, once a document (not once for every draft compared)
    words = None if learned is None else [word_chars(ctx.text, lm.fragments) for lm in learned]
    for d in ctx.drafts:
        f = features(ctx, d, learned, words)
        d.confidence = t.apply(f)
        d.topic = f.content == "topic"
        for rows in _recorders:
            rows.append(Record(f, d.confidence))


def features(ctx: Context, d: Draft, learned: Sequence[Draft] | None,
             learned_words: Sequence[set[int]] | None = None) -> Features:
    """The calibration features of one resolved draft (``learned_words``: the word
    offsets of each of ``learned``, when the caller has them)."""
    return Features(pattern=d.pattern, kind=d.kind, mode=d.mode, cue=cue_class(ctx, d),
                    speaker=speaker_kind(ctx, d),
                    length=length_bucket(sum(word_count(ctx.text, f) for f in d.fragments)),
                    tagger=tagger_reading(ctx, d, learned, learned_words),
                    raw=d.confidence, content="topic" if topic(ctx, d) else "words")


def cue_class(ctx: Context, d: Draft) -> str:
    """speech ("said"), thought ("believes"), frame ("according to"), punctuation (a
    headline's or a list's colon), other, or none."""
    if d.cue is None:
        return "none"
    lemma = d.cue.lemma
    if lemma in FRAME_CUES:
        return "frame"
    if lemma == "headline" or not any(c.isalnum() for c in d.cue.span.of(ctx.text)):
        return "punctuation"
    if lemma in ctx.lex.speech:
        return "speech"
    if lemma in ctx.lex.thought:
        return "thought"
    return "other"


def speaker_kind(ctx: Context, d: Draft) -> str:
    """named (a name the article's entities hold), pronoun ("he", "they"), role (a
    description: "the spokesman", "officials"), or none."""
    if d.speaker is None:
        return "none"
    if fold(d.speaker.of(ctx.text)) in ctx.lex.pronouns:
        return "pronoun"
    if ctx.entities.at(d.speaker.start, d.speaker.end) is not None:
        return "named"
    return "role"


def length_bucket(words: int) -> str:
    for bound in LENGTH_BOUNDS:
        if words <= bound:
            return f"<={bound}"
    return f">{LENGTH_BOUNDS[-1]}"


def tagger_reading(ctx: Context, d: Draft, learned: Sequence[Draft] | None,
                   learned_words: Sequence[set[int]] | None = None) -> str:
    """Whether the trained tagger read this statement too: "tagger" for its own draft,
    "both" when one of its drafts has the same cue or most of the same words, "rules"
    when none has, "off" when the tagger did not run."""
    if learned is None:
        return "off"
    if any(d is lm for lm in learned):
        return "tagger"
    if learned_words is None:
        learned_words = [word_chars(ctx.text, lm.fragments) for lm in learned]
    words = word_chars(ctx.text, d.fragments)
    for lm, lm_words in zip(learned, learned_words, strict=True):
        if d.cue_token is not None and d.cue_token == lm.cue_token:
            return "both"
        if jaccard(words, lm_words) >= SAME_READING:
            return "both"
    return "rules"
