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
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Entity, Issue, Mention, Position, Span, Stance, Statement
from . import lexicon

_FLAGS = re.IGNORECASE
_WORD = re.compile(r"[\w'’]+")
# sentence ends inside a statement: "… a ceasefire. He added …" (a quote mark may follow)
_SENTENCE_END = re.compile(r"[.!?;]+[\"'”’]*(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[,;:.!?—–\n]|\s-\s")


def _alternation(fragments: Sequence[str]) -> str:
    ordered = sorted(fragments, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])"


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


def _keyword_pattern(keyword: str) -> str:
    """A keyword as a pattern: words apart by spaces or hyphens, ``*`` up to three words,
    the first word in any of its forms."""
    parts: list[str] = []
    for position, word in enumerate(keyword.split()):
        if word == "*":
            parts.append(r"(?:[\w'’.-]+\s+){0,3}?")
            continue
        if position == 0 and word.isalpha() and " " in keyword:
            parts.append("(?:" + "|".join(map(re.escape, _inflections(word))) + r")\s+")
            continue
        escaped = r"[\s\-–]+".join(re.escape(piece) for piece in re.split(r"[\s\-–]+", word))
        parts.append(escaped + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")]  # no separator after the last word
    plural = r"(?:s|es)?" if keyword[-1].isalpha() else ""
    start = r"(?<![\w])" if keyword[0].isalnum() else ""
    return start + body + plural + r"(?![\w])"


def _fold(text: str) -> str:
    return " ".join(re.split(r"[\s\-–]+", text.lower().replace("’", "'"))).strip()


@dataclass(frozen=True)
class _IssueRule:
    issue: Issue
    pattern: re.Pattern[str]
    exclusion: re.Pattern[str] | None


@dataclass(frozen=True)
class _Rules:
    issues: tuple[_IssueRule, ...]
    first_words: dict[str, tuple[int, ...]]  # a keyword's first word -> issue indexes
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
            re.compile(_alternation(lexicon.CONDITION_MARKERS), _FLAGS),
            re.compile(_alternation(lexicon.NOT_CONDITIONS), _FLAGS),
            re.compile(_alternation(lexicon.HEDGES), _FLAGS), reporting)


_COMPILED: dict[tuple[int, ...], _Rules] = {}


def _catalogue_rules(issues: Sequence[Issue]) -> _Rules:
    """The compiled rules of a catalogue, looked up by the identity of its issues.

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


def _rules(issues: tuple[Issue, ...]) -> _Rules:
    """The catalogue compiled: one pattern an issue (cached per catalogue)."""
    cues, negators, conditions, not_conditions, hedges, reporting = _shared_patterns()
    compiled = []
    first: dict[str, set[int]] = {}
    for index, issue in enumerate(issues):
        for keyword in issue.keywords:
            words = _WORD.findall(keyword)
            if words:
                forms = _inflections(words[0]) if " " in keyword else (words[0],)
                for form in forms + (words[0] + "s", words[0] + "es"):
                    first.setdefault(form.replace("’", "'"), set()).add(index)
        pattern = re.compile("|".join(_keyword_pattern(k) for k in
                                      sorted(issue.keywords, key=len, reverse=True)), _FLAGS)
        excluded = lexicon.ISSUE_EXCLUSIONS.get(issue.id)
        compiled.append(_IssueRule(issue, pattern,
                                   re.compile(_alternation(excluded), _FLAGS) if excluded
                                   else None))
    return _Rules(tuple(compiled), {w: tuple(sorted(i)) for w, i in first.items()}, cues,
                  negators, conditions, not_conditions, hedges, reporting)


_INVERTED = frozenset(_fold(k) for k in lexicon.INVERTED_KEYWORDS)
_KEYWORD_STANCES = {_fold(k): v for k, v in lexicon.KEYWORD_STANCES.items()}
_GLUE = frozenset(lexicon.HOLDER_GLUE)
_FLIP: dict[str, Stance] = {"supports": "opposes", "opposes": "supports"}
# how far a stance word may stand from the keyword it speaks of, in words (measured on the
# dev set: 6 before and 4 after keep "Russia has called for a cease-fire" and drop lists)
_MAX_BEFORE = 5
_MAX_AFTER = 6
_NEAR_CHARS = 90
_WEAK = 4.0  # a modal or an adjective counts as four words farther than a stance word


def _keyword_key(hit: str, table: frozenset[str] | dict[str, str]) -> str | None:
    folded = _fold(hit)
    for key in (folded, folded[:-1], folded[:-2]):
        if key in table:
            return key
    return None


@dataclass(frozen=True)
class _Cue:
    kind: str  # support | oppose | undo | passive | keyword | reporting
    start: int
    end: int


@dataclass(frozen=True)
class _Reading:
    stance: Stance
    cue: _Cue | None
    condition: tuple[int, int] | None
    confidence: float


def _words_between(text: str, start: int, end: int) -> list[str] | None:
    """The words between two offsets, or None when a clause break stands between them."""
    gap = text[start:end]
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
        if kind in ("undo", "passive"):
            if words is None or len(words) > (4 if before else 6) or before == (kind == "passive"):
                continue
            rank = -1.0  # acts on the keyword directly
        else:
            # a stance word far from the keyword speaks of something else: "polishes his
            # pragmatism on taxes, health care, immigration" takes no side on any of them
            if words is None and not before:
                continue
            count = len(words) if words is not None else len(_WORD.findall(text[m.end():hit[0]]))
            if count > (_MAX_BEFORE if before else _MAX_AFTER) or (kind == "modal"
                                                                  and not before):
                continue
            rank = float(count if before else count + 1.5) + (_WEAK if kind == "modal" else 0.0)
        cue = _Cue(kind, m.start(), m.end())
        if best is None or rank < best[0]:
            best = (rank, cue)
    return best[1] if best else None


def _negated(rules: _Rules, text: str, cue: _Cue, lo: int) -> bool:
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
            words = _words_between(text, m.end(), cue.start)
            if words is not None and len(words) <= 3:
                governing.append((m.start(), m.end()))
    return len(governing) % 2 == 1


def _denied(rules: _Rules, text: str, hit: tuple[int, int], lo: int) -> bool:
    """Whether a negator stands right before the keyword: "no ceasefire", "never a truce"."""
    for m in rules.negators.finditer(text, max(lo, hit[0] - 20), hit[0]):
        words = _words_between(text, m.end(), hit[0])
        if words is not None and len(words) <= 1:
            return True
    return False


def _condition(rules: _Rules, text: str, window: tuple[int, int]) -> tuple[int, int] | None:
    """The first condition of the sentence: from its marker to the end of its clause."""
    ruled_out = [(m.start(), m.end()) for m in rules.not_conditions.finditer(text, *window)]
    for m in rules.conditions.finditer(text, *window):
        if any(s <= m.start() < e for s, e in ruled_out):
            continue
        close = _CLAUSE_END.search(text, m.end(), window[1])
        end = close.start() if close else window[1]
        end = len(text[:end].rstrip(" \"'”’"))
        if end > m.end():
            return m.start(), end
    return None


def _read(rules: _Rules, text: str, hit: tuple[int, int], bounds: tuple[int, int],
          reporting: Stance | None) -> _Reading:
    """The stance the sentence around ``hit`` takes on the keyword found there."""
    window = _sentence(text, hit[0], hit[1], *bounds)
    # cues speak of a keyword from a few words away: scan only near it (the cue pattern is
    # the costly part of the pass)
    near = (max(window[0], hit[0] - _NEAR_CHARS), min(window[1], hit[1] + _NEAR_CHARS))
    cue = _nearest_cue(rules, text, hit, near)
    hit_text = text[hit[0]:hit[1]]
    inverted = _keyword_key(hit_text, _INVERTED) is not None
    own = _keyword_key(hit_text, _KEYWORD_STANCES)
    stance: Stance = "neutral"
    confidence = 0.5
    if cue is not None:
        stance = "supports" if cue.kind in ("support", "modal") else "opposes"
        if inverted:
            stance = _FLIP[stance]
        if _negated(rules, text, cue, window[0]):
            stance = _FLIP[stance]
        if reporting == "opposes" and cue.start < bounds[0] + 40:
            stance = _FLIP[stance]  # "Scholz refused | to provide Taurus missiles"
        confidence = 0.7 if abs(cue.start - hit[0]) < 60 else 0.6
    elif _denied(rules, text, hit, window[0]):
        stance, confidence = "opposes", 0.6  # "no ceasefire", "No voting will take place"
        cue = _Cue("keyword", *hit)
    elif own is not None and _KEYWORD_STANCES[own] != "neutral":
        stance = "supports" if _KEYWORD_STANCES[own] == "supports" else "opposes"
        cue, confidence = _Cue("keyword", *hit), 0.6
    elif reporting is not None:
        stance, confidence = reporting, 0.55
        cue = _Cue("reporting", *hit)
    condition = _condition(rules, text, window)
    if condition is not None and (cue is not None or stance != "neutral"
                                  or rules.cues.search(text, *window)):
        stance, confidence = "conditional", 0.6
    elif condition is not None:
        condition = None
    if rules.hedges.search(text, *window):
        confidence -= 0.1
    return _Reading(stance, cue, condition, round(confidence, 2))


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
        if words is None or len(words) > 5 or text[holder.end:cue_start].count(",") > 0:
            return None
        if all(w.lower() in _GLUE for w in words):
            return holder
        return None
    return None


def _same(holder: _Holder, speaker: Mention | None) -> bool:
    if speaker is None:
        return False
    if speaker.entity_id is not None and speaker.entity_id == holder.entity.id:
        return True
    spoken = speaker.text.lower()
    return any(alias.lower() in spoken for alias in (holder.entity.name, *holder.entity.aliases))


def _reporting_stance(rules: _Rules, statement: Statement) -> Stance | None:
    cue = statement.cue
    if cue is None:
        return None
    m = rules.reporting.match((cue.lemma or cue.text).lower().strip())
    if m is None:
        return None
    stance = lexicon.REPORTING_STANCES[m.group(0).lower()]
    return "supports" if stance == "supports" else "opposes"


def _lookup_form(word: str) -> str:
    """A text word as the first-word index keeps it: "Hamas'" and "NATO's" as "hamas", "nato"."""
    folded = word.lower()
    if folded[-1] in "s'’":
        folded = folded.replace("’", "'")
        if folded.endswith("'s"):
            folded = folded[:-2]
        folded = folded.rstrip("'")
    return folded


def _fragments(statement: Statement) -> list[tuple[int, int]]:
    return [(s, e) for s, e in statement.fragments] or [(statement.content.start,
                                                        statement.content.end)]


def find_positions(statements: Sequence[Statement], text: str, entities: Sequence[Entity],
                   issues: Sequence[Issue]) -> tuple[Position, ...]:
    """Every position the statements take on the catalogue's issues, in statement order."""
    if not issues or not statements:
        return ()
    rules = _catalogue_rules(issues)
    holders = _holders(entities)
    positions: list[Position] = []
    for statement in statements:
        positions.extend(_statement_positions(rules, statement, text, holders))
    return tuple(positions)


def _statement_positions(rules: _Rules, statement: Statement, text: str,
                         holders: list[_Holder]) -> list[Position]:
    bounds = (statement.content.start, min(statement.content.end, len(text)))
    fragments = _fragments(statement)
    reporting = _reporting_stance(rules, statement)
    found: list[Position] = []
    candidates: dict[int, list[int]] = {}
    for word in _WORD.finditer(text, *bounds):
        for index in rules.first_words.get(_lookup_form(word.group()), ()):
            candidates.setdefault(index, []).append(word.start())
    for index, starts in sorted(candidates.items()):
        rule = rules.issues[index]
        best: tuple[tuple[int, float], tuple[int, int], _Reading] | None = None
        for start in starts:
            m = rule.pattern.match(text, start, bounds[1])
            if m is None:
                continue
            hit = (m.start(), m.end())
            if rule.exclusion is not None and any(
                    x.start() < hit[1] and hit[0] < x.end() for x in rule.exclusion.finditer(
                        text, max(bounds[0], hit[0] - 30), min(bounds[1], hit[1] + 30))):
                continue
            if not any(s <= hit[0] and hit[1] <= e for s, e in fragments):
                continue
            reading = _read(rules, text, hit, bounds, reporting)
            rank = (0 if reading.stance == "neutral" else 1, reading.confidence)
            if best is None or rank > best[0]:
                best = (rank, hit, reading)
        if best is not None:
            found.append(_position(statement, text, holders, rule.issue, best[1], best[2],
                                   bounds))
    found.sort(key=lambda p: p.evidence.start)
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
        if subject is not None and not _same(subject, statement.speaker):
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
