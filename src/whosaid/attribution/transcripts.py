"""Transcript pass: paragraphs that open with a speaker's label in capitals are turns.

"WALLACE: Let's start with the talks." / "BLINKEN: We are ready." / "WALLACE: When?" gives
three statements, one per turn, each spoken by its label. Two speakers and three turns at
least, so one "UPDATE:" line is not a transcript.
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


def transcript(ctx: Context) -> None:
    """Add a statement for every turn of a transcript."""
    for turn in find_turns(ctx):
        content = trim(ctx.text, turn.content.start, turn.content.end, strip_marks=True)
        if content.end > content.start:
            le = turn.label.end
            ctx.drafts.append(Draft([content], turn.label, CueSpan(le, le + 1, "say"), "turn",
                                    confidence=0.75))
