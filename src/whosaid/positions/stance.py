"""Positions: the issues a statement is about and the stance it takes on each.

One cheap pass over the statements' text, no second parse: each catalogue issue is one
compiled regular expression of its keywords; where a keyword is found, the stance comes
from the nearest cue word in its sentence (``lexicon.py``): "Zelensky rejects any
ceasefire" opposes, "Scholz pledged to support Ukraine" supports, "Russia cannot agree to a
ceasefire unless Ukraine ..." is conditional (the condition's words kept), a bare mention is
neutral. A cue that undoes its object ("stop arms supplies", "lift sanctions") opposes the
issue, and a negator before a cue ("won't send F-16s") turns it round.

The holder is the speaker, unless an entity of the article stands as the subject of the
stance inside the statement: "ISW said Putin has little interest in a ceasefire" gives
Putin's position, reported by ISW. On 400 hand-labelled statements (``bench/positions.py``)
the pass costs well under a millisecond a statement.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..model import Entity, Issue, Mention, Position, Span, Stance, Statement
from ..resources import load_json
from . import lexicon

_FLAGS = re.IGNORECASE
_WORD = re.compile(r"[\w'’]+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# what may stand between two words of one keyword: spaces, a hyphen, an abbreviation's dot,
# a quote mark around a word ('ready to "freeze" the war')
_JOINT = re.compile(r"(?:[\s\-–]+|\.\s*|[\"“”]?\s+[\"“”]?|[\"“”]\s*)")
# sentence ends inside a statement: "… a ceasefire. He added …" (a quote mark may follow)
# (an ellipsis before a lower-case word leaves the sentence open: "In the absence of a
# ceasefire... we are indeed looking into further sanctions")
_SENTENCE_END = re.compile(r"(?<!\.)(?!\.{2,}\s+[a-z])[.!?;]+[\"'”’]*(?=\s|$)|\n")
_AUXILIARIES = re.compile(
    r"^(?:(?:has|have|had|is|are|was|were|be|been|being|will|would|also|repeatedly|"
    r"publicly|strongly)\s+)+")
_SUBORDINATORS = frozenset({"while", "when", "whereas", "because", "since", "although",
                           "though", "where"})
_CLAUSE_BREAK = re.compile(r"[,;:—–(]")
# words that open a reason or a relative clause
_REASONS = _SUBORDINATORS | {"as", "which", "who"}
_RELATIVES = frozenset({"which", "who", "whom", "whose"})
_COPULAS = frozenset({"is", "are", "was", "were", "remains", "remain", "be"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that", "all"})
# words that may open a clause before its subject: "that Russia …", "and the EU …"
_SUBJECT_LEAD = frozenset({"that", "and", "but", "or", "the", "while", "as", "so", "because",
                           "since", "if", "when", "although", "now", "also", "even", "then",
                           "though", "whereas", "yet", "only", "meanwhile"})
_WHETHER = re.compile(r"\bwhether\b", re.IGNORECASE)
# "a perception among Western officials that …": a belief noun, then its "that"
_BELIEF = re.compile(r"\b(?:" + "|".join(lexicon.BELIEF_NOUNS) + r")s?\b[^.;:!?]{0,80}?\bthat\b",
                     re.IGNORECASE)
# a content that is a question: "how he would tackle …", "(statements) about how he would …"
_OPENING_QUESTION = re.compile(r"\s*[\"'“‘]*(?:(?:about|on|over|as to)\s+)?(?:how|what|why)\b",
                               re.IGNORECASE)
# oppose cues that name a harm done to what follows them ("a threat to gun rights")
_VICTIM = re.compile("|".join(lexicon.HARM_CUES), re.IGNORECASE)
# an oppose cue that is a preposition right after a keyword names its target, no stance
_PREPOSITION = re.compile(r"against", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?—–\n]|\s-\s")
# where a condition's clause ends: a clause break, or the "then" of "if X then Y" ("if the
# Minsk ceasefire accord does not work then member states are prepared to move to new
# sanctions": the sanctions are what is accepted on it, outside the condition)
_CONDITION_END = re.compile(r"[,;:.!?—–\n]|\s-\s|\s(?=then\b)", re.IGNORECASE)
# a form of "be" right before a word, an adverb allowed between ("be reconsidered", "were
# quickly lifted")
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CLOSING = re.compile("|".join(lexicon.CLOSING_CONDITION_MARKERS), re.IGNORECASE)


def _alternation(fragments: Sequence[str]) -> str:
    ordered = sorted(fragments, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])"


# stance words that, right beside a keyword, only name it (``lexicon.NAMING_CUES``)
_NAMING_BEFORE = re.compile(_alternation(lexicon.NAMING_CUES[0]), re.IGNORECASE)
_NAMING_AFTER = re.compile(_alternation(lexicon.NAMING_CUES[1]), re.IGNORECASE)
# a sentence that opens with "without" and at most three words before the cue
_WITHOUT_OPENING = re.compile(r"[\s\"'“‘]*without\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# prepositions that make what follows a circumstance of the clause, not what its verb acts on
_CIRCUMSTANCE = frozenset({"during", "amid", "amidst", "throughout", "despite", "since"})
# verbs of thinking a thing over, no side taken on it (``lexicon.DELIBERATION_VERBS``)
_DELIBERATE = re.compile(_alternation(lexicon.DELIBERATION_VERBS), re.IGNORECASE)
# undoing verbs that, for an issue, give the thing up rather than undo it
_CEDING: dict[str, re.Pattern[str]] = {
    issue: re.compile(_alternation(verbs), re.IGNORECASE)
    for issue, verbs in lexicon.CEDING_VERBS.items()}
# an article before such a word makes it an adjective: "a possible ceasefire", "the proposed
# truce" ("Obama proposed raising taxes" is a verb)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|any|such|its|their|this|that)\s+$", re.IGNORECASE)


def _inflections(word: str) -> tuple[str, ...]:
    """The first word of a phrase with the endings a verb or a plural takes: "withdraw *
    troops" finds "withdrawing troops" and "withdrawn troops", "ban muslims" "banning
    Muslims" (a one-word keyword keeps its plural only: "trade" never finds "trading")."""
    if not (word.isalpha() and len(word) >= 3):
        return (word,)
    forms = {word}
    for ending in ("s", "es", "ed", "d", "ing", "n"):
        forms.add(word + ending)
    forms.update((word + word[-1] + "ed", word + word[-1] + "ing"))
    if word.endswith("e"):
        forms.update((word[:-1] + "ing", word[:-1] + "ed"))
    return tuple(sorted(forms, key=len, reverse=True))


def _tokens(keyword: str) -> tuple[str, ...]:
    """A keyword as the words it is matched by: "cease-fire" as ("cease", "fire"),
    "withdraw * troops" as ("withdraw", "*", "troops")."""
    return tuple(word for piece in keyword.split() for word in (
        ("*",) if piece == "*" else (_token_form(m.group()) for m in _TOKEN.finditer(piece))))


def _token_form(word: str) -> str:
    """A word as keywords are compared: lower case, no possessive ("Ukraine's" -> "ukraine")."""
    folded = word.lower().replace("’", "'")
    return folded[:-2] if folded.endswith("'s") else folded


@dataclass(frozen=True)
class _Keyword:
    """One keyword of one issue, as the words after its first one (``*``: up to three)."""

    issue: int  # index into the catalogue
    text: str  # the keyword as the catalogue gives it: "withdraw * troops"
    rest: tuple[str, ...]


@dataclass(frozen=True)
class _Rules:
    issues: tuple[Issue, ...]
    exclusions: tuple[re.Pattern[str] | None, ...]
    # a keyword's first word in each of its forms -> the keywords that start with it
    first_words: dict[str, tuple[_Keyword, ...]]
    cues: re.Pattern[str]
    negators: re.Pattern[str]
    conditions: re.Pattern[str]
    not_conditions: re.Pattern[str]
    hedges: re.Pattern[str]
    reporting: re.Pattern[str]


@functools.cache
def _shared_patterns() -> tuple[re.Pattern[str], ...]:
    """The catalogue-independent patterns, compiled once."""
    cues = re.compile(
        "|".join(f"(?P<{name}>{_alternation(table)})" for name, table in (
            ("passive", lexicon.PASSIVE_NEGATORS), ("oppose", lexicon.OPPOSE_CUES),
            ("undo", lexicon.OBJECT_NEGATORS), ("support", lexicon.SUPPORT_CUES),
            ("modal", lexicon.MODAL_CUES))), _FLAGS)
    reporting = re.compile(
        r"^(?:" + "|".join(sorted(map(re.escape, lexicon.REPORTING_STANCES), key=len,
                                  reverse=True)) + r")", _FLAGS)
    return (cues, re.compile(_alternation(lexicon.NEGATORS), _FLAGS),
            re.compile(_alternation(lexicon.CONDITION_MARKERS
                                    + lexicon.CLOSING_CONDITION_MARKERS), _FLAGS),
            re.compile(_alternation(lexicon.NOT_CONDITIONS), _FLAGS),
            re.compile(_alternation(lexicon.HEDGES), _FLAGS), reporting)


@functools.cache
def _exclusion(issue_id: str) -> re.Pattern[str] | None:
    excluded = lexicon.ISSUE_EXCLUSIONS.get(issue_id)
    return re.compile(_alternation(excluded), _FLAGS) if excluded else None


_COMPILED: dict[tuple[int, ...], _Rules] = {}


def _catalogue_rules(issues: Sequence[Issue]) -> _Rules:
    """The rules of a catalogue, looked up by the identity of its issues, then by their
    content (a catalogue read again from a file or a database gives equal new records).

    Hashing a catalogue's 400 keywords on every document cost more than the pass itself;
    a cached entry holds its issues, so their identities cannot be reused while it lives.
    """
    key = tuple(map(id, issues))
    rules = _COMPILED.get(key)
    if rules is None:
        if len(_COMPILED) >= 16:
            _COMPILED.clear()
        rules = _COMPILED[key] = _rules(tuple(issues))
    return rules


@functools.lru_cache(maxsize=16)
def _rules(issues: tuple[Issue, ...]) -> _Rules:
    """The catalogue indexed by the first word of each keyword (no pattern to compile:
    476 keyword patterns took 0.35 s to compile, the index takes about a millisecond)."""
    cues, negators, conditions, not_conditions, hedges, reporting = _shared_patterns()
    first: dict[str, list[_Keyword]] = {}
    for index, issue in enumerate(issues):
        for keyword in issue.keywords:
            words = _tokens(keyword)
            if not words:
                continue
            entry = _Keyword(index, keyword, words[1:])
            forms = _inflections(words[0]) if len(words) > 1 else (
                words[0], words[0] + "s", words[0] + "es")
            for form in dict.fromkeys(forms):
                first.setdefault(form, []).append(entry)
    return _Rules(issues, tuple(_exclusion(i.id) for i in issues),
                  {w: tuple(k) for w, k in first.items()}, cues, negators, conditions,
                  not_conditions, hedges, reporting)


_INVERTED = frozenset(lexicon.INVERTED_KEYWORDS)
_GLUE = frozenset(lexicon.HOLDER_GLUE)
_FLIP: dict[str, Stance] = {"supports": "opposes", "opposes": "supports"}
# how far a stance word may stand from the keyword it speaks of, in words (measured on the
# dev set, 4 to 6 tried: 5 before and 6 after keep "Russia has called for a cease-fire" and
# "Freezing the conflict with the Russian Federation means a pause", and drop lists)
_MAX_BEFORE = 5
_MAX_AFTER = 6
_NEAR_CHARS = 90
_WEAK = 4.0  # a modal or an adjective counts as four words farther than a stance word


@dataclass(frozen=True)
class _Cue:
    kind: str  # support | modal | oppose | undo | passive | keyword | reporting
    start: int
    end: int


@dataclass(frozen=True)
class _Reading:
    stance: Stance
    cue: _Cue | None
    condition: tuple[int, int] | None
    confidence: float
    # the sentence's condition even where the rules did not take it (no cue near by)
    found_condition: tuple[int, int] | None = None


STANCES: tuple[Stance, ...] = ("supports", "opposes", "conditional", "neutral")


@dataclass(frozen=True)
class StanceModel:
    """A multinomial logistic regression over a reading's features (``data/stance_model.json``,
    rebuilt by ``bench/train_stance.py``): one weight per feature and stance, summed over the
    features present, the highest score wins. It revises the rules' vote where the features
    say the rules err on such cases (a list of topics is neutral whatever cue stands near)."""

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StanceModel:
        labels = tuple(data["stances"])
        if labels != STANCES:
            raise ConfigError(f"stance model: stances {labels} differ from {STANCES}")
        return cls({f: tuple(map(float, w)) for f, w in data["weights"].items()},
                   tuple(map(float, data["bias"])))

    def scores(self, features: Sequence[str]) -> list[float]:
        total = list(self.bias)
        for feature in dict.fromkeys(features):
            row = self.weights.get(feature)
            if row is not None:
                for k, w in enumerate(row):
                    total[k] += w
        return total

    def revise(self, reading: _Reading, features: Sequence[str]) -> _Reading:
        """The reading with the model's stance; a conditional needs the condition's words,
        so without them the best other stance wins."""
        scores = self.scores(features)
        order = sorted(range(len(STANCES)), key=lambda k: -scores[k])
        best = next(k for k in order if STANCES[k] != "conditional"
                    or reading.found_condition is not None)
        stance = STANCES[best]
        top = max(scores)
        probability = math.exp(scores[best] - top) / sum(math.exp(v - top) for v in scores)
        condition = reading.found_condition if stance == "conditional" else None
        return _Reading(stance, reading.cue, condition, round(min(0.9, probability), 2),
                        reading.found_condition)


@functools.cache
def default_stance_model() -> StanceModel | None:
    """The shipped stance model, or None where the package holds none (the rules alone)."""
    try:
        data = load_json("stance_model.json")
    except FileNotFoundError:
        return None
    return StanceModel.from_json(data)


# What stands between a cue and its keyword without parting them: an aside in brackets
# ("approve another 500 million euros ($487.3 million) in military aid"), an abbreviation's
# or a title's dots ("the U.S. had no right", "Sen. Graham"): new news (stop 23) read a
# clause break in them. (A decimal point stays one: "plans to cut 1.3 million coal jobs"
# then read "cut" on "coal", train: supports the miners' side, so it was left out.)
_ASIDE = re.compile(r"\([^()]{0,60}\)|\[[^\[\]]{0,60}\]|"
                    r"\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Gov|St)\.|"
                    # a name set off by commas: "negotiations with the president of Russia,
                    # Vladimir Putin, are currently impossible"
                    r",\s*(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,3}\s*,")


def _words_between(text: str, start: int, end: int) -> list[str] | None:
    """The words between two offsets, or None when a clause break stands between them (an
    aside in brackets is left out)."""
    gap = _ASIDE.sub(" ", text[start:end])
    if re.search(r"[.;:!?]", gap):
        return None
    return _WORD.findall(gap)


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence of ``text[lo:hi]`` around ``start:end``."""
    left, right = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.end()
            break
    return left, right


def _nearest_cue(rules: _Rules, text: str, hit: tuple[int, int],
                 window: tuple[int, int]) -> _Cue | None:
    """The cue that speaks of the keyword at ``hit``: an undoing verb right before it or a
    passive undoing right after it first, else the nearest stance word of the sentence."""
    best: tuple[float, _Cue] | None = None
    for m in rules.cues.finditer(text, *window):
        kind = m.lastgroup or "support"
        if m.start() < hit[1] and hit[0] < m.end() and not hit[0] < m.start() < m.end() < hit[1]:
            continue  # part of the keyword ("support for Ukraine"), not a word within its
            # wildcard ("forces should be withdrawn")
        before = m.end() <= hit[0]
        words = (_words_between(text, m.end(), hit[0]) if before
                 else _words_between(text, hit[1], m.start()))
        if kind == "oppose" and not before and words == [] and _PREPOSITION.fullmatch(
                text, m.start(), m.end()):
            continue  # "sanctions against Russia", "the war against Ukraine": the target
        if kind == "undo" and not before and _BE_BEFORE.search(text, max(window[0], m.start() - 30),
                                                             m.start()):
            kind = "passive"  # an undoing verb after a form of "be" is its passive: "sanctions
            # need to be reconsidered", "the ban was overturned" (any undoing verb, no list)
        if kind in ("undo", "passive"):
            if words is None or len(words) > (4 if before else 8) or before == (kind == "passive"):
                continue
            if "," in (text[m.end():hit[0]] if before else text[hit[1]:m.start()]):
                continue  # an undoing verb's object holds no comma: "withdrawal from the
                # strip, the reconstruction of what was destroyed" undoes no reconstruction,
                # nor is a passive's subject behind one ("a ceasefire, withdrawal from the
                # strip, the reconstruction of what was destroyed")
            # acts on the keyword directly; the nearest undoing first ("stop destroying
            # Ukraine's energy infrastructure": "destroying", governed by "stop")
            rank = -2.0 + 0.1 * len(words)
        else:
            # a stance word far from the keyword speaks of something else: "polishes his
            # pragmatism on taxes, health care, immigration" takes no side on any of them
            if words is None and not before:
                continue
            if not before and words and any(w.lower() in _SUBORDINATORS for w in words) \
                    and words[-1].lower() not in _COPULAS:
                continue  # "The Nord Stream blockade, where gas passes through Europe": the
                # cue of the subordinate clause speaks of its own subject; a copula right
                # before the cue is the main clause's ("accession to the North Atlantic
                # Alliance while the war continues is impossible", train: opposes)
            if not before and words and "but" in (w.lower() for w in words):
                continue  # a stance word after "but" speaks in the clause it opens: "I'm
                # pro-life in my personal life, but support abortion in my public life"
            if not before and words and any(w.lower() in _RELATIVES for w in words[1:]):
                continue  # "the talk of elections is most heard in Russia, which seeks to
                # use this narrative": the relative clause speaks of the noun before it, not
                # of the keyword ("sanctions, which are useless" still speaks of them)
            if before and words and any(w.lower() in _CIRCUMSTANCE for w in words):
                continue  # the keyword names when or despite what, no object of the cue:
                # "demand the cessation of arms supplies during any potential ceasefire"
            if words is not None and all(w.lower() in _DETERMINERS for w in words) and (
                    _NAMING_AFTER.fullmatch(text, m.start(), m.end()) if not before else (
                        _NAMING_BEFORE.fullmatch(text, m.start(), m.end())
                        and _ARTICLE_BEFORE.search(text, max(window[0], m.start() - 12),
                                                   m.start()))):
                continue  # a word that only names the thing beside it: "a possible
                # ceasefire", "the 30-day ceasefire proposal" take no side on it
            count = len(words) if words is not None else len(_WORD.findall(text[m.end():hit[0]]))
            if count > (_MAX_BEFORE if before else _MAX_AFTER) or (kind == "modal"
                                                                  and not before):
                continue
            rank = float(count if before else count + 1.5) + (_WEAK if kind == "modal" else 0.0)
        cue = _Cue(kind, m.start(), m.end())
        if best is None or rank < best[0]:
            best = (rank, cue)
    return best[1] if best else None


def _judged_wrong(rules: _Rules, text: str, hit: tuple[int, int],
                  near: tuple[int, int]) -> bool:
    """Whether a rejecting word follows the keyword in its clause, within six words."""
    for m in rules.cues.finditer(text, hit[1], near[1]):
        if m.lastgroup != "oppose":
            continue
        words = _words_between(text, hit[1], m.start())
        if words is not None and len(words) <= _MAX_AFTER and not re.search(
                r"[,—–]", text[hit[1]:m.start()]) and not any(
                    w.lower() in _REASONS for w in words):
            return True  # (a reason clause judges something else: "limitations on Russian
            # gas imports, as that would undermine its economy")
    return False


def _gerund_subject(text: str, cue: _Cue, window: tuple[int, int]) -> bool:
    """Whether the cue is a gerund opening its clause, the subject of what follows:
    "sending tanks to Ukraine would mean …"."""
    if not text[cue.start:cue.end].lower().endswith("ing"):
        return False
    start = window[0]
    for m in _CLAUSE_BREAK.finditer(text, window[0], cue.start):
        start = m.end()
    return all(w.lower() in _SUBJECT_LEAD for w in _WORD.findall(text, start, cue.start))


_AFTER_MODAL = re.compile(r"\s+")


def _negated(rules: _Rules, text: str, cue: _Cue, lo: int, depth: int = 0) -> bool:
    """Whether a negator (or, before a supporting cue, a rejecting one) governs ``cue``:
    "won't send", "refuses to provide", "rejected calls to lift"."""
    start = max(lo, cue.start - 40)
    governing: list[tuple[int, int]] = []
    for m in rules.negators.finditer(text, start, cue.start):
        words = _words_between(text, m.end(), cue.start)
        if words is not None and len(words) <= 3:
            governing.append((m.start(), m.end()))
    if cue.kind in ("support", "undo", "modal"):
        for m in rules.cues.finditer(text, start, cue.start):
            if m.lastgroup != "oppose" or m.end() > cue.start or any(
                    s < m.end() and m.start() < e for s, e in governing):
                continue  # "refuses to" is one negator, not a negator and a rejection
            if _PREPOSITION.fullmatch(text, m.start(), m.end()):
                continue  # "sanctions against Russia must stay": no rejection of "must"
            words = _words_between(text, m.end(), cue.start)
            if words is not None and len(words) <= 3:
                governing.append((m.start(), m.end()))
    if cue.kind in ("support", "undo", "modal") and depth == 0 and not governing:
        # a negated verb that governs the cue through its object: "Turkey would not approve
        # their bids to join NATO", "unwilling to support EU embargoes or limitations on
        # Russian gas imports" (the negation's scope runs through the object to the cue),
        # "Hungary will not support a European Union plan to provide Ukraine with billions in
        # budget assistance" (train: five words of object; four missed it)
        for m in rules.cues.finditer(text, max(lo, cue.start - 55), cue.start):
            if m.lastgroup != "support" or m.end() >= cue.start:
                continue
            words = _words_between(text, m.end(), cue.start)
            if words is not None and 1 <= len(words) <= 5 and "," not in text[m.end():cue.start] \
                    and _negated(rules, text, _Cue("support", m.start(), m.end()), lo, 1):
                governing.append((m.start(), m.end()))
                break
    if cue.kind == "modal":
        # a negator right after a modal verb negates it: "Ukraine will never become a
        # member of NATO", "would no longer send" ("will not" is a cue of its own)
        after = _AFTER_MODAL.match(text, cue.end)
        if after is not None and rules.negators.match(text, after.end()):
            governing.append((after.end(), after.end()))
    said = [text[s:e].lower() for s, e in governing]
    if "neither" in said and "nor" in said:
        # one negation: "the elections were neither free nor fair"
        governing.pop(said.index("nor"))
    if cue.kind == "undo":
        # an undoing undone: "it must stop destroying Ukraine's energy infrastructure",
        # "stop fighting and withdraw from Donbas" (train: both labelled supports), "end the
        # ban on arms supplies"
        for m in rules.cues.finditer(text, max(start, cue.start - 24), cue.start):
            words = _words_between(text, m.end(), cue.start)
            if m.lastgroup == "undo" and m.end() < cue.start and words is not None and all(
                    w.lower() in _DETERMINERS for w in words) and len(words) <= 1:
                governing.append((m.start(), m.end()))
    return len(governing) % 2 == 1


# a judging verb, up to ten words (whom it judges), then "for" at most four words before
# the keyword
_JUDGED_FOR = re.compile(
    r"(?<![\w-])(?P<verb>" + "|".join(lexicon.JUDGING_VERBS) + r")(?![\w-])"
    r"(?:\s+[\w'’.,-]+){0,10}?\s+for(?:\s+[\w'’-]+){0,4}\s+$", re.IGNORECASE)
_JUDGING = tuple((re.compile(verb, re.IGNORECASE), stance)
                 for verb, stance in lexicon.JUDGING_VERBS.items())


def _judged_for(text: str, hit: tuple[int, int],
                window: tuple[int, int]) -> tuple[Stance, _Cue] | None:
    """The stance of a judging verb whose "for" names the keyword ("attacking Strickland
    for tax increases": opposes), and the verb as the cue; None where none stands."""
    lo = max(window[0], hit[0] - 120)
    m = _JUDGED_FOR.search(text, lo, hit[0])
    if m is None or re.search(r"[.;:!?]", m.group()):
        return None
    verb = m.group("verb")
    stance = next(s for pattern, s in _JUDGING if pattern.fullmatch(verb))
    return ("supports" if stance == "supports" else "opposes"), _Cue(
        "judged", m.start("verb"), m.end("verb"))


def _denied(rules: _Rules, text: str, hit: tuple[int, int], lo: int) -> bool:
    """Whether a negator stands right before the keyword: "no ceasefire", "never a truce"."""
    for m in rules.negators.finditer(text, max(lo, hit[0] - 20), hit[0]):
        words = _words_between(text, m.end(), hit[0])
        if words is not None and len(words) <= 1:
            return True
    return False


# "elections can only take place after the end of martial law": "only" a few words before
# the marker ("only after" already is one)
_ONLY_DEFERRED = re.compile(r"\bonly\s+(?:[\w'’-]+\s+){1,3}?(?P<marker>after|when)\b",
                            re.IGNORECASE)
# "there would be no peace deal without security guarantees": "without" after a negation
# sets a condition ("talks without preconditions" sets none; dev: supports)
_NO_WITHOUT = re.compile(r"\b(?:no|not|never|cannot|can['’]t|won['’]t)\b[^.;:!?]{1,60}?"
                         r"\b(?P<marker>without)\b(?!\s+(?:any\s+)?(?:(?:pre-?)?conditions?|delay)\b)",
                         re.IGNORECASE)
_MARKER_WORD = re.compile(r"after|when|without", re.IGNORECASE)


def _condition(rules: _Rules, text: str, window: tuple[int, int]) -> tuple[int, int] | None:
    """The first condition of the sentence: from its marker to the end of its clause (from
    the clause's start to the marker where the marker closes it: "… liberated first, and
    then …")."""
    ruled_out = [(m.start(), m.end()) for m in rules.not_conditions.finditer(text, *window)]
    markers = [*rules.conditions.finditer(text, *window), *(
        _MARKER_WORD.search(text, m.start("marker")) or m for pattern in (
            _ONLY_DEFERRED, _NO_WITHOUT) for m in pattern.finditer(text, *window))]
    for m in sorted(markers, key=lambda found: found.start()):
        if any(s <= m.start() < e for s, e in ruled_out):
            continue
        if _CLOSING.fullmatch(text, m.start(), m.end()):
            start = window[0]
            for brk in _CLAUSE_END.finditer(text, window[0], m.start()):
                start = brk.end()
            start += len(text[start:m.start()]) - len(text[start:m.start()].lstrip(" \"'“‘"))
            if start < m.start():
                return start, m.start() + len("first")
            continue
        close = _CONDITION_END.search(text, m.end(), window[1])
        end = close.start() if close else window[1]
        end = len(text[:end].rstrip(" \"'”’"))
        if end > m.end():
            return m.start(), end
    return None


# "conditions for ending the war", "Russia's preconditions for talks", "terms for a truce"
_TERMS_FOR = re.compile(r"\b(?:pre-?)?(?:conditions?|terms)\s+(?:for|of)\s+(?:[\w'’-]+\s+){0,2}$",
                        re.IGNORECASE)
# where the conditions' list opens after the keyword: a colon, "are", "include"
_TERMS_OPEN = re.compile(r":\s*|\s(?:are|include|remain)\s+", re.IGNORECASE)


def _terms_listed(text: str, hit: tuple[int, int],
                  window: tuple[int, int]) -> tuple[int, int] | None:
    """The conditions listed for the issue at ``hit`` where it is named as what they are
    the conditions for ("conditions for ending the war …: the destruction of Hamas …"),
    within twelve words after it; None elsewhere."""
    if not _TERMS_FOR.search(text[max(window[0], hit[0] - 40):hit[0]]):
        return None
    opening = _TERMS_OPEN.search(text, hit[1], window[1])
    if opening is None or len(_WORD.findall(text, hit[1], opening.start())) > 12:
        return None
    end = len(text[:window[1]].rstrip(" .,;\"'”’\n"))
    return (opening.end(), end) if end > opening.end() else None


# a comma or a dash before a clause that a condition opens, the words that may join it, and
# the markers that open such a clause ("…, but that if Israel goes into Rafah, we're not
# going to supply the weapons"; "…, provided they lead to an end to the war" closes)
_CLAUSE_OPENING = re.compile(r"[,—–]|\s-\s")
_CLAUSE_JOINERS = frozenset({"but", "and", "that", "so", "yet", "or", "then"})
_OPENING_IF = re.compile(r"(?:if|unless|in case|in the absence of|in the event)\b",
                         re.IGNORECASE)


def _opens(text: str, condition: tuple[int, int], window: tuple[int, int]) -> bool:
    """Whether the condition opens its sentence (at most two words before it: "If Putin
    shows interest in talks, …"), rather than closing it ("… would only take place once
    sanctions were lifted"). An "if" that opens a clause after a comma, only joining words
    before it, and a main clause after it opens it too: "One thing is absolutely clear, if
    the Minsk ceasefire accord does not work then member states are prepared to move to new
    sanctions"."""
    if len(_WORD.findall(text, window[0], condition[0])) <= 2:
        return True
    if not _OPENING_IF.match(text, condition[0]):
        return False
    start = None
    for m in _CLAUSE_OPENING.finditer(text, window[0], condition[0]):
        start = m.end()
    return start is not None and all(
        w.lower() in _CLAUSE_JOINERS for w in _WORD.findall(text, start, condition[0])) \
        and len(_WORD.findall(text, condition[1], window[1])) >= 3


def _reach(text: str, condition: tuple[int, int], window: tuple[int, int]) -> tuple[int, int]:
    """What a condition covers: its own clause where it opens the sentence ("If Putin
    shows interest in talks, Ukraine will respond"), else the rest of the sentence ("a
    floor fight if the party doesn't take stances on trade, the minimum wage, climate
    change": the list after the first comma is still the condition's)."""
    if _opens(text, condition, window):
        return condition
    return condition[0], window[1]


def _demanded(condition: tuple[int, int], hit: tuple[int, int], window: tuple[int, int],
              others: tuple[tuple[int, tuple[int, int]], ...], index: int) -> bool:
    """Whether the keyword at ``hit`` names what a condition asks for: it stands inside the
    condition, another issue stands outside it in the sentence (the one accepted on the
    condition), and its own issue does not ("If Putin shows interest in peace talks,
    Ukraine will respond" stays conditional on the talks)."""
    def inside(h: tuple[int, int]) -> bool:
        return condition[0] <= h[0] and h[1] <= condition[1]

    if not inside(hit):
        return False
    outside = [i for i, h in others if window[0] <= h[0] and h[1] <= window[1] and not inside(h)]
    return bool(outside) and index not in outside


def _asked(text: str, hit: tuple[int, int], window: tuple[int, int],
           bounds: tuple[int, int]) -> bool:
    """Whether the keyword stands in an embedded question: "whether" at most six words
    before it in its sentence, or a content that opens with "how", "what" or "why"."""
    start = max(window[0], bounds[0])
    asked = _WHETHER.search(text, max(start, hit[0] - 60), hit[0])
    if asked and len(_WORD.findall(text, asked.end(), hit[0])) <= 6:
        return True
    return _OPENING_QUESTION.match(text, bounds[0]) is not None and bounds[0] >= window[0]


_TOPIC = re.compile(r"(?<![\w-])(?:" + "|".join(lexicon.TOPIC_NOUNS) + r")\s+(?:"
                    + "|".join(lexicon.TOPIC_LINKS) + r")(?:\s+[\w'’-]+){0,2}?\s*$",
                    re.IGNORECASE)


def _topic(text: str, hit: tuple[int, int], cue: _Cue, window: tuple[int, int]) -> bool:
    """Whether a topic noun and its link stand right before the keyword (at most two words
    between: "decisions on extending sanctions") and the cue is among those words: a cue
    before the noun ("Kyiv rejects any talk of elections") or after the keyword ("renders
    talk of a wall moot") judges the topic itself."""
    m = _TOPIC.search(text, max(window[0], hit[0] - 60), hit[0])
    return m is not None and m.start() <= cue.start and cue.end <= hit[0]


def _believed(text: str, hit: tuple[int, int], window: tuple[int, int]) -> bool:
    """Whether the keyword stands in the "that" clause of a belief noun ("a perception
    among Western officials that Russia should negotiate"), at most twelve words after it."""
    for m in _BELIEF.finditer(text, max(window[0], hit[0] - 160), hit[0]):
        if len(_WORD.findall(text, m.end(), hit[0])) <= 12:
            return True
    return False


# "If Russia really wants to talk", "if Putin is serious about peace": the wish of an
# opening condition
_WISH = re.compile(r"\b(?:wants?|wanted|wishes|is (?:really |truly )?(?:serious|sincere) about|"
                   r"(?:is|are) (?:really |truly )?(?:interested in|ready for|ready to))\b",
                   re.IGNORECASE)


def _wished(text: str, condition: tuple[int, int],
            window: tuple[int, int]) -> tuple[int, int] | None:
    """The main clause where an opening condition is a wish ("If Russia really wants to
    talk, it must stop destroying Ukraine's energy infrastructure"): what the wisher must
    do is the condition set on the wish's issue, and the issues it names are demanded;
    None for any other condition."""
    if not _opens(text, condition, window) or _WISH.search(text, *condition) is None:
        return None
    start = condition[1]
    start += len(text[start:window[1]]) - len(text[start:window[1]].lstrip(" ,;:—–"))
    end = len(text[:window[1]].rstrip(" .,;\"'”’\n"))
    return (start, end) if end > start else None


_ONLY_BEFORE = re.compile(r"\bonly\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _only(text: str, condition: tuple[int, int]) -> bool:
    """Whether the condition is the only one allowed: "only when", "only if", "only after",
    or "only" up to three words before its marker ("will only be lifted when …")."""
    return (text[condition[0]:condition[0] + 5].lower() == "only "
            or _ONLY_BEFORE.search(text[max(0, condition[0] - 40):condition[0]]) is not None)


def _closed(text: str, condition: tuple[int, int]) -> bool:
    """Whether the condition is the clause a closing marker ends ("normalcy first and then
    elections")."""
    return _CLOSING.match(text, max(0, condition[1] - len("first"))) is not None


_RECIPROCITY = re.compile(_alternation(lexicon.RECIPROCITY), re.IGNORECASE)


def _lasting(rules: _Rules, text: str, condition: tuple[int, int]) -> bool:
    """Whether the condition's marker says how long ("until", "as long as"), not on what
    (not where it asks the other side to keep to its part: "as long as Tehran does the
    same")."""
    marker = rules.conditions.match(text, condition[0])
    return marker is not None and marker.group().lower() in lexicon.DURATION_MARKERS \
        and _RECIPROCITY.search(text, *condition) is None


def _statement_features(rules: _Rules, text: str, hit: tuple[int, int],
                        bounds: tuple[int, int], reporting_word: str) -> list[str]:
    """Features of the whole statement around a keyword: the reporting verb's stem ("Clinton
    bashed | Trump's proposal to ban Muslims" opposes what the content names), whether the
    keyword heads the content (the verb governs it), and the stance words the content holds
    anywhere (PolNeAR's "attacking Strickland for tax increases")."""
    found = [f"report={reporting_word}"] if reporting_word else []
    if hit[0] - bounds[0] < 25:
        found.append("keyword_heads_content")
        if reporting_word:
            found.append(f"report_head={reporting_word}")
    kinds = {m.lastgroup for m in rules.cues.finditer(text, *bounds)}
    found += [f"content_has={k}" for k in sorted(k for k in kinds if k)]
    return found


def _verb_stem(word: str) -> str:
    """A reporting verb as one form: "bashed", "bashes", "bashing" -> "bash"."""
    word = word.lower()
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def _cue_reading(rules: _Rules, text: str, hit: tuple[int, int], cue: _Cue,
                 window: tuple[int, int], near: tuple[int, int], bounds: tuple[int, int],
                 reporting: Stance | None, inverted: bool, index: int
                 ) -> tuple[Stance, float, list[str]]:
    """The stance a cue near the keyword gives it (with the confidence and the rules that
    fired): the cue's own side, turned round by negation, by a harmed keyword, by an undoing
    rejected, by a rejecting reporting verb."""
    features: list[str] = []
    stance: Stance = "supports" if cue.kind in ("support", "modal") else "opposes"
    if cue.kind == "oppose" and cue.end <= hit[0] and _VICTIM.fullmatch(
            text, cue.start, cue.end):
        # the keyword is what is harmed: "Clinton is a threat to gun rights" takes the
        # side of gun rights
        stance = "supports"
        features.append("victim")
    ceding = _CEDING.get(rules.issues[index].id)
    if cue.kind == "undo" and ceding is not None and ceding.fullmatch(
            text, cue.start, cue.end):
        # leaving the land gives the claim on it: "Ukrainian troops will not withdraw from
        # Donbass" (negated: opposes), "we will never give up Crimea" (train: 2 of 3
        # such pairs; the third reports the other side, "Russia insists for us to give up
        # territories")
        stance = "supports"
        features.append("ceding")
    elif inverted:
        stance = _FLIP[stance]
    negated = _negated(rules, text, cue, window[0])
    if negated and _WITHOUT_OPENING.match(text, window[0], cue.start) \
            and rules.negators.search(text, hit[1], window[1]):
        # "Without stronger sanctions, there will be no real diplomacy": what the
        # sentence cannot do without is what it asks for (two negations)
        negated = False
        features.append("without_no")
    if negated:
        stance = _FLIP[stance]
    if cue.end <= hit[0] and _denied(rules, text, hit, cue.end):
        # the negator after the cue denies the keyword itself: "there can be no
        # negotiations with terrorists", "we want no ceasefire"
        stance = _FLIP[stance]
        features.append("denied")
    if (cue.kind == "undo" or _gerund_subject(text, cue, window)) and cue.end <= hit[0] \
            and _judged_wrong(rules, text, hit, near):
        # the deed itself is rejected: "lifting sanctions on Russia would be a serious
        # mistake" supports the sanctions, "sending tanks to Ukraine would mean World War
        # Three" opposes the supply
        stance = _FLIP[stance]
        features.append("undo_rejected")
    flipped = reporting == "opposes" and cue.start < bounds[0] + 40
    if flipped:
        # the reporting verb governs the content's first words: "Scholz refused | to
        # provide Taurus missiles" (farther in, the content speaks for itself)
        stance = _FLIP[stance]
    confidence = 0.7 if abs(cue.start - hit[0]) < 60 else 0.6
    features += ["negated"] * negated + ["reporting_flip"] * flipped
    return stance, confidence, features


def _no_side(text: str, hit: tuple[int, int], cue: _Cue | None, window: tuple[int, int],
             bounds: tuple[int, int]) -> str | None:
    """Why a keyword read with a side takes none after all (the rule's name), or None."""
    if _asked(text, hit, window, bounds):
        # an embedded question takes no side: "asked how he would tackle Social Security,
        # tax cuts, nuclear weapons", "localities deciding whether the minimum wage is right"
        return "asked"
    if cue is not None and cue.kind != "keyword" and _topic(text, hit, cue, window):
        # the keyword is the topic of a decision or a debate: "the EU should defer
        # decisions on extending sanctions" takes no side on them
        return "topic"
    if cue is not None and cue.kind == "modal" and cue.end <= hit[0] \
            and _DELIBERATE.search(text, cue.end, hit[0]):
        # what the holder will only think over is a topic: "Russia will consider the
        # 30-day ceasefire proposal", "the bloc would discuss new sanctions"
        return "deliberate"
    if _believed(text, hit, window):
        # someone else's belief the speaker speaks of: "an effort to create a perception
        # among Western officials that Russia should negotiate"
        return "believed"
    return None


def _refused(text: str, stance: Stance, cue: _Cue | None, inverted: bool,
             reach: tuple[int, int]) -> bool:
    """Whether the keyword is what a condition's clause refuses (a rejecting word or a
    negated acceptance there, "if Moscow refused a ceasefire", "if Putin did not accept a
    ceasefire"), not an undoing ("if Russia stops destroying …" asks for the undoing) nor
    the other side's cause ("until … restoring the sovereignty of Ukraine over Crimea")."""
    if stance != "opposes" or cue is None or inverted or cue.start < reach[0]:
        return False
    if cue.kind == "oppose":
        # a refusal or a failure, no judgement ("if you have voted for the disastrous war")
        return _ATTITUDE.fullmatch(text, cue.start, cue.end) is not None or re.search(
            r"\bnot\b|n['’]t\b", text[cue.start:cue.end], re.IGNORECASE) is not None
    return cue.kind in ("support", "modal")


def _rule_reading(rules: _Rules, text: str, hit: tuple[int, int], keyword: str,
                  bounds: tuple[int, int], reporting: Stance | None,
                  others: tuple[tuple[int, tuple[int, int]], ...],
                  index: int) -> tuple[_Reading, list[str]]:
    """The rules' reading of the keyword at ``hit`` and the names of the rules that fired
    on it ("negated", "duration", …: constant words, so the analysis pays nothing for
    them; ``_features`` spells out the stance model's features from them)."""
    window = _sentence(text, hit[0], hit[1], *bounds)
    # cues speak of a keyword from a few words away: scan only near it (the cue pattern is
    # the costly part of the pass)
    near = (max(window[0], hit[0] - _NEAR_CHARS), min(window[1], hit[1] + _NEAR_CHARS))
    cue = _nearest_cue(rules, text, hit, near)
    inverted = keyword in _INVERTED
    own = lexicon.KEYWORD_STANCES.get(keyword)
    stance: Stance = "neutral"
    confidence = 0.5
    features: list[str] = []
    judged = _judged_for(text, hit, window)
    if judged is not None and cue is not None and not (
            judged[1].end <= cue.start and cue.end <= hit[0]):
        judged = None  # the nearest cue stands outside what is judged
    if judged is not None:
        # "attacking Ted Strickland for tax increases", "blasted the senator for his support
        # of the Iran deal": the judgement falls on what follows "for" (through a cue there)
        judgement, inner = judged
        stance = judgement
        if cue is not None and cue.kind in ("oppose", "undo", "passive"):
            stance = _FLIP[stance]
        if inverted:
            stance = _FLIP[stance]
        cue, confidence = inner, 0.6
        features.append("judged_for")
    elif cue is not None:
        stance, confidence, found_features = _cue_reading(rules, text, hit, cue, window, near,
                                                          bounds, reporting, inverted, index)
        features += found_features
    elif _denied(rules, text, hit, window[0]):
        stance, confidence = "opposes", 0.6  # "no ceasefire", "never a truce"
        cue = _Cue("keyword", *hit)
        features.append("denied")
    elif own is not None and own != "neutral":
        stance = "supports" if own == "supports" else "opposes"
        cue, confidence = _Cue("keyword", *hit), 0.6
    elif reporting is not None:
        # the reporting verb takes its side on what the content names, turned round for the
        # harm an issue fights: "Kobakhidze dismissed | accusations of election fraud"
        # trusts the election
        # (the verb governs the content's first words only: "calling on | countries to
        # support each other in adapting to … climate change" is no stance on it turned round)
        stance = _FLIP[reporting] if inverted and hit[0] < bounds[0] + 40 else reporting
        confidence = 0.55
        cue = _Cue("reporting", *hit)
    condition = found = _condition(rules, text, window)
    if condition is not None:
        condition = found = _wished(text, condition, window) or condition
    reach = _reach(text, condition, window) if condition is not None else None
    terms = _terms_listed(text, hit, window)
    if terms is not None:
        # the conditions set for the issue, listed after it: "Israel's conditions for ending
        # the war have not changed: the destruction of Hamas …"
        stance, condition, found, confidence = "conditional", terms, terms, 0.6
        features.append("terms")
    elif condition is not None and reach is not None and _demanded(reach, hit, window, others,
                                                                 index):
        # the keyword stands inside the condition set on another issue: the condition is
        # what the holder asks for ("talks only after the withdrawal of Russian troops"
        # supports the withdrawal, "sanctions … until Russia gives the Crimea back" opposes
        # the claim on it)
        condition = None
        features.append("inside_condition")
        if _refused(text, stance, cue, inverted, reach):
            # a refusal set as the condition of another issue is a threat: what is refused
            # is what the holder asks for ("European countries would introduce new
            # restrictions against Russia … if Moscow refused a ceasefire", train: supports;
            # "'massive' sanctions if Putin did not accept a ceasefire"); an undoing there is
            # what the holder asks for itself ("talks if Russia stops destroying …")
            stance = "supports"
            features.append("threat")
        if stance == "neutral":
            asked = lexicon.CONDITION_DEMANDS.get(rules.issues[index].id, "supports")
            stance = "opposes" if asked == "opposes" else "supports"
            confidence = 0.55
    elif condition is not None and reach is not None and not _opens(text, condition, window) \
            and reach[0] <= hit[0] and not any(i == index and window[0] <= h[0] < reach[0]
                                            for i, h in others):
        # said inside a condition that closes the sentence: no stance set on it
        condition = None
        features.append("in_condition")
        if _refused(text, stance, cue, inverted, reach):
            # but a refusal of it there is the condition of a threat, and what is refused
            # is asked for: "Israel would strike Gaza even harder if Hamas does not accept
            # the truce"
            stance = "supports"
            features.append("threat")
    elif condition is not None and _lasting(rules, text, condition) and stance != "opposes":
        # a duration, not a condition: "sanctions will remain in place until Moscow
        # reverses …", "will not lift sanctions until …" keep the issue (supports)
        condition = None
        features.append("duration")
        stance, confidence = "supports", 0.6
    elif condition is not None and cue is not None and cue.kind in ("undo", "passive") \
            and stance == "opposes" and condition[0] >= hit[1] and _only(text, condition):
        # the undoing allowed only on a condition keeps the issue till then: "sanctions can
        # be lifted only when Moscow fully implements the Minsk Agreements" (supports)
        condition = None
        features.append("undo_only_if")
        stance, confidence = "supports", 0.6
    elif condition is not None and (cue is not None or rules.cues.search(text, *window)
                                    or _only(text, condition) or _closed(text, condition)):
        # (a condition said as the only way, or as what comes first, needs no stance word:
        # "normalcy first and then elections", "a meaningful election can be held only when
        # …")
        stance, confidence = "conditional", 0.6
    elif condition is not None:
        condition = None
    no_side = _no_side(text, hit, cue, window, bounds) if stance != "neutral" else None
    if no_side is not None:
        stance, condition, confidence = "neutral", None, 0.5
        features.append(no_side)
    if rules.hedges.search(text, *window):
        confidence -= 0.1
        features.append("hedge")
    return _Reading(stance, cue, condition, round(confidence, 2), found), features


def _features(rules: _Rules, text: str, hit: tuple[int, int], keyword: str,
              bounds: tuple[int, int], statement: Statement, issue: str, reading: _Reading,
              notes: list[str]) -> list[str]:
    """The stance model's features of one reading: the rules that fired (``notes``), the
    cue's kind, word and distance, the condition's marker, the words around the keyword
    and the statement's (``bench/train_stance.py``; never computed where no model reads
    them, as in the analysis)."""
    reporting = _reporting_stance(rules, statement, text)
    cue_words = _WORD.findall(statement.cue.text) if statement.cue is not None else []
    reporting_word = _verb_stem(cue_words[0]) if cue_words else ""
    window = _sentence(text, hit[0], hit[1], *bounds)
    features = [f"issue={issue}", f"reporting={reporting}",
                f"own={lexicon.KEYWORD_STANCES.get(keyword)}"]
    if keyword in _INVERTED:
        features.append("inverted")
    cue = reading.cue
    if cue is not None and cue.kind not in ("keyword", "reporting"):
        before = cue.end <= hit[0]
        gap = (text[cue.end:hit[0]] if before else text[hit[1]:cue.start])
        features += [f"cue={cue.kind}", f"cue={cue.kind}:{'before' if before else 'after'}",
                     f"cue_word={text[cue.start:cue.end].lower()}",
                     f"cue_near={min(len(_WORD.findall(gap)), 3)}",
                     f"negated={'negated' in notes}",
                     f"reporting_flip={'reporting_flip' in notes}"]
    elif cue is None:
        features.append("cue=none")
    if reading.found_condition is not None:
        marker = rules.conditions.match(text, reading.found_condition[0])
        features += ["condition", f"condition={marker.group().lower() if marker else ''}",
                     f"condition_after={reading.found_condition[0] >= hit[1]}"]
    features += [n for n in notes if n not in ("negated", "reporting_flip")]
    if "?" in text[window[0]:window[1]]:
        features.append("question")
    if rules.negators.search(text, window[0], window[1]):
        features.append("negator_in_sentence")
    lo = max(window[0], hit[0] - 40)
    features += [f"before={w.lower()}" for w in _WORD.findall(text, lo, hit[0])[-3:]]
    features += [f"after={w.lower()}" for w in _WORD.findall(text, hit[1],
                                                             min(window[1], hit[1] + 40))[:3]]
    if re.search(r",\s*(?:and\s+)?$", text[max(window[0], hit[0] - 6):hit[0]]) or re.match(
            r"\s*,", text[hit[1]:window[1]]):
        features.append("in_list")
    features += _statement_features(rules, text, hit, bounds, reporting_word)
    features.append(f"rule={reading.stance}")
    return features


@dataclass(frozen=True)
class _Holder:
    start: int
    end: int
    mention: Mention
    entity: Entity


def _holders(entities: Sequence[Entity]) -> list[_Holder]:
    found = [_Holder(m.start, m.end, m, e) for e in entities if e.type in lexicon.HOLDER_TYPES
             for m in e.mentions]
    return sorted(found, key=lambda h: h.start)


def _holder_before(text: str, holders: list[_Holder], cue_start: int,
                   lo: int) -> _Holder | None:
    """The entity standing as the subject of the cue: "Putin has little interest"."""
    for holder in reversed(holders):
        if holder.end > cue_start or holder.start < lo:
            continue
        words = _words_between(text, holder.end, cue_start)
        if words is None or len(words) > 5 or re.search(r"[,—–()]", text[holder.end:cue_start]):
            return None
        if all(w.lower() in _GLUE for w in words) and _subject_place(text, holder, lo) and (
                not words or words[0].lower() != "to"):
            return holder
        return None
    return None


def _subject_place(text: str, holder: _Holder, lo: int) -> bool:
    """Whether the entity opens its clause (a subject), not the object of a verb before it:
    "Putin has little interest", "Russian President Vladimir Putin has little interest" and
    "that Russia has called" hold, "move Ukraine closer to NATO" and "push the European
    Union to increase sanctions" do not."""
    return _opens_clause(text, holder.start, lo)


_CLAUSE_CONJUNCTION = re.compile(r"\b(?:if|unless|because|although|though|whereas|once)\b",
                                 re.IGNORECASE)


def _opens_clause(text: str, at: int, lo: int, conjunction: bool = False) -> bool:
    """Whether only clause openers or capitalised words (a title before a name: "Russian
    President Vladimir Putin") stand between the clause's start and ``at``; with
    ``conjunction``, a clause also starts after a conjunction that opens one ("Israel would
    strike Gaza even harder if Hamas does not accept the truce": Hamas's own attitude; not
    for a holder: "Putin said he would hold talks if Kyiv agrees to withdraw its troops" is
    Putin's demand, dev)."""
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, at):
        start = m.end()
    for m in _CLAUSE_CONJUNCTION.finditer(text, start, at) if conjunction else ():
        start = m.end()
    return all(w.lower() in _SUBJECT_LEAD or w[:1].isupper()
               for w in _WORD.findall(text, start, at))


def _same(holder: _Holder, speaker: Mention | None) -> bool:
    if speaker is None:
        return False
    if speaker.entity_id is not None and speaker.entity_id == holder.entity.id:
        return True
    # a name as whole words: "EU" is not the speaker "Reuters", "US" not "USA Today"
    spoken = speaker.text.lower()
    return any(re.search(r"(?<!\w)" + re.escape(alias.lower()) + r"(?!\w)", spoken)
               for alias in (holder.entity.name, *holder.entity.aliases) if alias)


def _own_state(subject: _Holder, speaker: Mention | None, holders: list[_Holder]) -> bool:
    """Whether a state that is the subject is the speaking person's own side: "Hungary will
    not provide any weapons", said Orban, is Orban's position (dev and train: 9 such
    statements labelled the speaker's, 2 the state's); an organisation or an outlet that
    reports a state's stance ("Russia has called for a cease-fire", said ISW) reports it."""
    if subject.entity.type != "GPE" or speaker is None:
        return False
    kind = next((h.entity.type for h in holders if speaker.entity_id is not None
                 and h.entity.id == speaker.entity_id), "PERSON")
    return kind == "PERSON"


def _reporting_stance(rules: _Rules, statement: Statement, text: str) -> Stance | None:
    cue = statement.cue
    if cue is None:
        return None
    # the lemma, else the words: "has been rebuked", "was also pressed" (the verb after its
    # auxiliaries)
    m = None
    for said in dict.fromkeys(filter(None, (cue.lemma, cue.text))):
        words = _AUXILIARIES.sub("", said.lower().strip())
        # "once praised", "took turns rebutting": any word of a short cue
        for start in [0] + [w.end() for w in re.finditer(r"\s+", words)][:3]:
            m = rules.reporting.match(words[start:])
            if m is not None:
                break
        if m is not None:
            break
    if m is None:
        return None
    if m.group(0).lower() == "call" and _NAMING_CALL.match(cue.text) and not _CALL_LINK.match(
            text[cue.end:statement.content.end] if cue.end <= statement.content.start
            else statement.content.text):
        return None  # "called | the Nord Stream 2 gas pipeline a European-Russian project",
        # "called | that result implausible": naming, no call for it (train: 4 of 4)
    stance = lexicon.REPORTING_STANCES[m.group(0).lower()]
    return "supports" if stance == "supports" else "opposes"


# a bare "called" (no "for", "on", "to"), and the words that make it a call for something
_NAMING_CALL = re.compile(r"\s*call(?:s|ed|ing)?\s*$", re.IGNORECASE)
_CALL_LINK = re.compile(r"\s*[\"“'‘]?\s*(?:for|on|upon|to)\b", re.IGNORECASE)


def _fragments(statement: Statement) -> list[tuple[int, int]]:
    return [(s, e) for s, e in statement.fragments] or [(statement.content.start,
                                                        statement.content.end)]


def find_positions(statements: Sequence[Statement], text: str, entities: Sequence[Entity],
                   issues: Sequence[Issue], *, learned: bool = True,
                   model: StanceModel | None = None) -> tuple[Position, ...]:
    """Every position the statements take on the catalogue's issues, in statement order.

    A stance model revises the rules' stance: ``model`` where given, else the shipped one
    (none ships while it does not beat the rules: ``bench/train_stance.py``);
    ``learned=False``: the rules alone."""
    if not issues or not statements:
        return ()
    rules = _catalogue_rules(issues)
    holders = _holders(entities)
    if not learned:
        model = None
    elif model is None:
        model = default_stance_model()
    positions: list[Position] = []
    for statement in statements:
        positions.extend(_statement_positions(rules, statement, text, holders, model))
    return tuple(positions)


def stance_features(statement: Statement, text: str,
                    issues: Sequence[Issue]) -> dict[str, list[str]]:
    """The features the stance model reads for each issue the statement names (by issue
    id; at the hit the rules keep for the issue), for ``bench/train_stance.py``."""
    rules = _catalogue_rules(issues)
    return {rules.issues[index].id: features
            for index, (_, _, features) in _issue_readings(rules, statement, text).items()}


def _keyword_matches(rules: _Rules, text: str, words: list[tuple[int, int, str]]
                     ) -> Iterator[tuple[_Keyword, tuple[int, int]]]:
    """Each catalogue keyword written at one of ``words`` (their offsets and token forms),
    with the span it covers, in text order."""
    for at, (start, _, form) in enumerate(words):
        for keyword in rules.first_words.get(form, ()):
            end = _match_rest(text, words, at, keyword.rest)
            if end is not None:
                yield keyword, (start, end)


def _excluded(rules: _Rules, issue: int, text: str, hit: tuple[int, int], lo: int, hi: int
              ) -> bool:
    """Whether one of the issue's exclusions found between ``lo`` and ``hi`` overlaps the
    keyword at ``hit`` ("withdrawal from the deal" is no troop withdrawal)."""
    exclusion = rules.exclusions[issue]
    return exclusion is not None and any(x.start() < hit[1] and hit[0] < x.end()
                                         for x in exclusion.finditer(text, lo, hi))


def _match_rest(text: str, words: list[tuple[int, int, str]], at: int,
                rest: tuple[str, ...]) -> int | None:
    """Where a keyword whose first word is ``words[at]`` ends, or None when the words after
    it differ: the last word may take a plural ("sanctions"), ``*`` stands for up to three
    words ("withdraw all its troops"), and only spaces, hyphens or an abbreviation's dot may
    stand between two words ("cease-fire", "U.S. allies")."""
    if not rest:
        return words[at][1]
    wildcard = rest[0] == "*"
    wanted = rest[1:] if wildcard else rest
    for nxt in range(at + 1, min(at + (5 if wildcard else 2), len(words))):
        if not _joined(text, words, nxt - 1, nxt):
            return None
        if _same_word(words[nxt][2], wanted[0], len(wanted) == 1):
            end = _match_rest(text, words, nxt, wanted[1:])
            if end is not None:
                return end
    return None


def _joined(text: str, words: list[tuple[int, int, str]], at: int, nxt: int) -> bool:
    """Whether two neighbouring words stand in one phrase (no clause break between)."""
    gap = text[words[at][1]:words[nxt][0]]
    return _JOINT.fullmatch(gap) is not None and not (gap.startswith(".")
                                                      and len(words[at][2]) > 1)


def _same_word(word: str, wanted: str, last: bool) -> bool:
    return word == wanted or (last and (word == wanted + "s" or word == wanted + "es"))


def _issue_readings(rules: _Rules, statement: Statement, text: str, detail: bool = True
                    ) -> dict[int, tuple[tuple[int, int], _Reading, list[str]]]:
    """Per issue the statement names, the hit the rules keep (a stance over a bare mention,
    then the surer, then the longer keyword), its rule reading and, with ``detail``, the
    stance model's features (else none)."""
    bounds = (statement.content.start, min(statement.content.end, len(text)))
    fragments = _fragments(statement)
    reporting = _reporting_stance(rules, statement, text)
    words = [(m.start(), m.end(), _token_form(m.group()))
             for m in _TOKEN.finditer(text, *bounds)]
    hits: list[tuple[int, tuple[int, int], str]] = []  # (issue index, hit, keyword)
    for keyword, hit in _keyword_matches(rules, text, words):
        if _excluded(rules, keyword.issue, text, hit, max(bounds[0], hit[0] - 30),
                     min(bounds[1], hit[1] + 30)):
            continue
        if not any(s <= hit[0] and hit[1] <= e for s, e in fragments):
            continue
        hits.append((keyword.issue, hit, keyword.text))
    hits += _anaphor_hits(rules, text, bounds, fragments, {i for i, _, _ in hits})
    best: dict[int, tuple[tuple[int, bool, float], tuple[int, int], _Reading, list[str],
                          str]] = {}
    for issue, hit, keyword_text in hits:
        others = tuple((i, h) for i, h, _ in hits if h != hit)
        reading, notes = _rule_reading(rules, text, hit, keyword_text, bounds, reporting,
                                       others, issue)
        if keyword_text in _ACTORS and (
                (reading.stance == "neutral" and keyword_text in _PARTIES)
                or _actor_speaks(text, hit, reading, bounds)):
            continue  # "Hamas is ready to reach a ceasefire": the group's own wish, no
            # stance on fighting it; a bare mention of a party to a truce names it, no issue
            # ("a ceasefire with Hamas", "freed from Hamas captivity", "It is Hamas": news
            # s24, 0 of 3 labelled; a bare "ISIS" is labelled neutral, dev: 3)
        if (keyword_text in _ACTORS or keyword_text in _PARTY_WORDS) and \
                _CONDITION_SUBJECT.search(text, max(bounds[0], hit[0] - 12), hit[0]):
            continue  # the subject of a condition: "unless the terrorist group releases …"
        # a condition set on the issue wins over its other mentions: "elections can only take
        # place after the end of martial law. During martial law, elections are not
        # possible" is conditional (train), the refusal is what holds until then
        rank = (0 if reading.stance == "neutral" else 1, reading.stance == "conditional",
                reading.confidence)
        held = best.get(issue)
        # two readings of the reporting verb alone: it governs the first keyword of its
        # object ("dismissed | accusations of election fraud during the parliamentary
        # elections"), not the later ones
        by_report = held is not None and reading.cue is not None and held[2].cue is not None \
            and reading.cue.kind == held[2].cue.kind == "reporting"
        if held is None or rank > held[0] or (rank == held[0] and not by_report and hit[1] - hit[0]
                                              > held[1][1] - held[1][0]):
            best[issue] = (rank, hit, reading, notes, keyword_text)
    # in text order, so that a keyword reads the issues before it as already shared ("the
    # termination of the war, the withdrawal of forces and a ceasefire"); ties broken by
    # the issue's id: the positions never depend on the catalogue's order (the loop went by
    # catalogue index, and a later issue saw an earlier one shared or not by its number)
    def place(i: int) -> tuple[int, int, str]:
        return best[i][1][0], best[i][1][1], rules.issues[i].id

    for issue in sorted(best, key=place):
        rank, hit, reading, notes, keyword_text = best[issue]
        before = sorted((i for i in best if i != issue), key=place, reverse=True)
        shared = _conjunct_reading(text, hit, keyword_text, reading,
                                   [(best[i][1], best[i][2], best[i][4]) for i in before])
        if shared is not None:
            best[issue] = (rank, hit, shared, [*notes, "conjunct"], keyword_text)
    return {index: (hit, reading, _features(rules, text, hit, keyword_text, bounds, statement,
                                            rules.issues[index].id, reading, notes)
                    if detail else [])
            for index, (_, hit, reading, notes, keyword_text) in sorted(best.items())}


_ANAPHOR_CLASS = {noun: frozenset(cls) for cls in lexicon.ANAPHOR_CLASSES for noun in cls}
_ANAPHOR = re.compile(r"\b(?:" + "|".join(lexicon.ANAPHOR_DETERMINERS) + r")\s+(?:[\w'’-]+\s+)?"
                      r"(?P<noun>" + "|".join(sorted(map(re.escape, _ANAPHOR_CLASS), key=len,
                                                     reverse=True)) + r")\b", re.IGNORECASE)


def _antecedent(rules: _Rules, text: str, at: int, nouns: frozenset[str]) -> int | None:
    """The issue of the nearest keyword before ``at`` (within the reach) whose last word is
    one of ``nouns``: "the Iran nuclear deal" for a later "the accord"."""
    lo = max(0, at - lexicon.ANAPHOR_REACH)
    words = [(m.start(), m.end(), _token_form(m.group()))
             for m in _TOKEN.finditer(text, lo, at)]
    found: tuple[int, int] | None = None  # (keyword end, issue)
    for keyword, (start, end) in _keyword_matches(rules, text, words):
        last = keyword.rest[-1] if keyword.rest else _token_form(text[start:end])
        if last not in nouns and last.rstrip("s") not in nouns:
            continue
        if (found is not None and end <= found[0]) or \
                _excluded(rules, keyword.issue, text, (start, end), lo, at):
            continue
        found = (end, keyword.issue)
    return None if found is None else found[1]


def _anaphor_hits(rules: _Rules, text: str, bounds: tuple[int, int],
                  fragments: list[tuple[int, int]], named: set[int]
                  ) -> list[tuple[int, tuple[int, int], str]]:
    """Issues the statement names again by a noun after a determiner ("the deal", "this
    pipeline", "the results"), each the issue of the nearest earlier keyword of the noun's
    class, for issues the statement names no other way."""
    hits: list[tuple[int, tuple[int, int], str]] = []
    for m in _ANAPHOR.finditer(text, *bounds):
        hit = (m.start("noun"), m.end("noun"))
        if not any(s <= hit[0] and hit[1] <= e for s, e in fragments):
            continue
        issue = _antecedent(rules, text, m.start(), _ANAPHOR_CLASS[m.group("noun").lower()])
        if issue is not None and issue not in named:
            named.add(issue)
            hits.append((issue, hit, m.group().lower()))
    return hits


_ACTORS = frozenset(lexicon.ACTOR_KEYWORDS)
_PARTIES = frozenset(lexicon.TRUCE_PARTIES)
_PARTY_WORDS = frozenset(lexicon.PARTY_KEYWORDS)
_CONDITION_SUBJECT = re.compile(lexicon.CONDITION_SUBJECT, re.IGNORECASE)
_ATTITUDE = re.compile(_alternation(lexicon.ATTITUDE_CUES), re.IGNORECASE)


def _actor_speaks(text: str, hit: tuple[int, int], reading: _Reading,
                  bounds: tuple[int, int]) -> bool:
    """Whether a keyword that names a group is the subject of the stance word read on it
    (only auxiliaries or a conjoined noun between): the word tells the group's own
    attitude ("Hamas is ready for a ceasefire agreement", "Hamas and the groups are ready
    for a deal", "Hezbollah rejected the proposal"), not the speaker's on fighting it
    ("Hamas must be destroyed" is passive, "ISIS is a danger" judges it)."""
    cue = reading.cue
    if cue is None or cue.start < hit[1] or cue.kind not in ("support", "modal", "oppose"):
        return False
    if cue.kind == "oppose" and not _ATTITUDE.fullmatch(text, cue.start, cue.end):
        return False
    window = _sentence(text, hit[0], hit[1], *bounds)
    if not _opens_clause(text, hit[0], window[0], conjunction=True):
        return False
    gap = text[hit[1]:cue.start]
    if re.search(r"[,;:—–()]", gap):
        return False
    words = _WORD.findall(gap)
    return len(words) <= 6 and (not words or words[0].lower() in _GLUE | {"and"}
                                or _ATTITUDE.fullmatch(text, cue.start, cue.end) is not None)


# what joins two conjuncts under one cue: "the termination of the war and the withdrawal of
# Russian forces", "the withdrawal of the occupation army and a ceasefire"
_CONJUNCTION = re.compile(r"\b(?:and|or|nor|as well as)\b|,")


def _conjunct_reading(text: str, hit: tuple[int, int], keyword: str, reading: _Reading,
                      kept: list[tuple[tuple[int, int], _Reading, str]]) -> _Reading | None:
    """The stance a keyword that no cue reaches shares with the nearest issue before it
    (``kept`` comes nearest first) in one coordination, whose cue stands before both ("The
    only realistic proposal would be the immediate termination of the war and the
    withdrawal of Russian armed forces" supports the withdrawal too); None where it shares
    none."""
    if reading.stance != "neutral" or reading.cue is not None or reading.found_condition:
        return None
    for other, said, other_keyword in kept:
        cue = said.cue
        if (said.stance not in ("supports", "opposes") or cue is None
                or cue.kind not in ("support", "oppose", "undo", "modal")
                or not cue.end <= other[0] or not other[1] <= hit[0]
                or (keyword in _INVERTED) != (other_keyword in _INVERTED)):
            continue
        words = _words_between(text, other[1], hit[0])
        if words is not None and len(words) <= 10 and _CONJUNCTION.search(
                text, other[1], hit[0]):
            return _Reading(said.stance, cue, None, round(said.confidence - 0.1, 2))
    return None


def _statement_positions(rules: _Rules, statement: Statement, text: str,
                         holders: list[_Holder], model: StanceModel | None) -> list[Position]:
    bounds = (statement.content.start, min(statement.content.end, len(text)))
    found: list[Position] = []
    for index, (hit, reading, features) in _issue_readings(rules, statement, text,
                                                           model is not None).items():
        if model is not None:
            reading = model.revise(reading, features)
        found.append(_position(statement, text, holders, rules.issues[index], hit, reading,
                               bounds))
    found.sort(key=lambda p: (p.evidence.start, p.issue))
    return found


def _position(statement: Statement, text: str, holders: list[_Holder], issue: Issue,
              hit: tuple[int, int], reading: _Reading, bounds: tuple[int, int]) -> Position:
    cue = reading.cue
    if cue is not None and cue.kind not in ("keyword", "reporting"):
        start, end = min(cue.start, hit[0]), max(cue.end, hit[1])
    else:
        start, end = hit
    holder_mention: Mention | None = statement.speaker
    reported_by: Mention | None = None
    if cue is not None and cue.kind not in ("keyword", "reporting") and cue.end <= hit[0]:
        subject = _holder_before(text, holders, cue.start, bounds[0])
        if subject is not None and not _same(subject, statement.speaker) and not _own_state(
                subject, statement.speaker, holders):
            holder_mention = Mention(subject.start, subject.end, text[subject.start:subject.end],
                                     entity_id=subject.entity.id, entity=subject.entity.name)
            reported_by = statement.speaker
    condition = (Span(reading.condition[0], reading.condition[1],
                      text[reading.condition[0]:reading.condition[1]])
                 if reading.condition else None)
    return Position(statement_id=statement.id, issue=issue.id, stance=reading.stance,
                    holder=holder_mention, evidence=Span(start, end, text[start:end]),
                    confidence=reading.confidence, reported_by=reported_by,
                    condition=condition)
