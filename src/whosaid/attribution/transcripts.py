"""Transcript pass: paragraphs that open with a speaker's label in capitals are turns.

"WALLACE: Let's start with the talks." / "BLINKEN: We are ready." / "WALLACE: When?" gives
three statements, one per turn, each spoken by its label. Two speakers and three turns at
least, so one "UPDATE:" line is not a transcript.

An interview set out as questions and answers ("Question: Will the talks resume?" /
"Answer: We are ready …", or "Q:" / "A:") gives one statement per answer, spoken by the
person the text names last before the first question ("Lavrov answered TASS's
questions:"); the questions are the interviewer's asking, no statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .drafts import CharSpan, CueSpan, Draft, trim
from .quotes import paragraphs

# a transcript turn: "WALLACE: Let's start …" (the label in capitals, one to three words)
TURN_RE = re.compile(r"^\s*[\"“”]?([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):\s+(\S.*?)\s*$")
MIN_TURNS = 3
MIN_SPEAKERS = 2


@dataclass(frozen=True)
class Turn:
    label: CharSpan
    content: CharSpan  # from the start of the words to the end of the paragraph
    name: str


def find_turns(ctx: Context) -> list[Turn]:
    """The turns of the article if it reads as a transcript, else none."""
    turns = []
    for s, e in paragraphs(ctx.text)[1:]:
        m = TURN_RE.match(ctx.text[s:e])
        if m and m.group(1).lower() not in ctx.lex.not_speakers:
            turns.append(Turn(CharSpan(s + m.start(1), s + m.end(1)),
                              CharSpan(s + m.start(2), e), m.group(1)))
    if len(turns) < MIN_TURNS or len({t.name for t in turns}) < MIN_SPEAKERS:
        return []
    return turns


QA_RE = re.compile(r"^\s*(?:\*\*)?(?P<label>Question|Answer|Q|A)\s*[:.–—-]\s*(?:\*\*)?\s*"
                   r"(?P<body>\S.*?)\s*$")
MIN_ANSWERS = 2


def answers(ctx: Context) -> list[tuple[CharSpan, CharSpan]]:
    """The (label, content) of each answer of a question-and-answer layout, or none."""
    found: list[tuple[str, CharSpan, CharSpan]] = []
    for s, e in paragraphs(ctx.text):
        m = QA_RE.match(ctx.text[s:e])
        if m:
            found.append((m.group("label").lower()[0], CharSpan(s + m.start("label"),
                                                                 s + m.end("label")),
                          CharSpan(s + m.start("body"), e)))
    if sum(1 for k, _, _ in found if k == "a") < MIN_ANSWERS or \
            not any(k == "q" for k, _, _ in found):
        return []
    return [(label, body) for k, label, body in found if k == "a"]


def interviewee(ctx: Context, before: int) -> CharSpan | None:
    """The person named last before the first question: the one who answers."""
    people = [m for m, e in ctx.entities.mentions_between(0, before) if e.type == "PERSON"]
    return CharSpan(people[-1].start, people[-1].end) if people else None


def question_answers(ctx: Context) -> None:
    """A statement for every answer of an interview in questions and answers."""
    found = answers(ctx)
    if not found:
        return
    first_q = min(m.start() for m in re.finditer(r"(?m)^\s*(?:\*\*)?(?:Question|Q)\s*[:.–—-]",
                                                 ctx.text))
    who = interviewee(ctx, first_q)
    if who is None:
        return
    for label, body in found:
        content = trim(ctx.text, body.start, body.end, strip_marks=True)
        if content.end > content.start:
            ctx.drafts.append(Draft([content], who, CueSpan(label.start, label.end, "say"),
                                    "answer", confidence=0.65))


def transcript(ctx: Context) -> None:
    """Add a statement for every turn of a transcript, and for every answer of an
    interview in questions and answers."""
    question_answers(ctx)
    for turn in find_turns(ctx):
        content = trim(ctx.text, turn.content.start, turn.content.end, strip_marks=True)
        if content.end > content.start:
            le = turn.label.end
            ctx.drafts.append(Draft([content], turn.label, CueSpan(le, le + 1, "say"), "turn",
                                    confidence=0.75))
