"""Headline pass: a first paragraph "Source: what they said" is a statement of the source.

"Zelensky: We will not give up territory" gives the content "We will not give up
territory", the speaker "Zelensky" and the colon as its cue. The source must be all of a
known entity's name (not a name inside a title: "Star Wars Jedi: Fallen Order review"),
written in capitals or a role ("Russian Foreign Minister: US is 'an uninvited
guest' in Syria", resolved to the holder the article names), in six words at most.

A page of several items repeats the layout for each item's headline ("Lavrov: Prospects of
a Syrian settlement are 'fairly good'" further down): a later short paragraph is a headline
statement too when its source is a person the article names (not written in capitals: a
transcript's "WALLACE:" turns are the transcript pass's).
"""

from __future__ import annotations

import re

from ..names import fold
from ..names.roles import parse_role
from .context import Context
from .drafts import CharSpan, CueSpan, Draft, trim
from .quotes import paragraphs

HEADLINE_RE = re.compile(r"^\s*([A-Z][\w.&'’\- ]{0,60}?)\s*:\s+(\S.*?)\s*$")
MAX_SOURCE_WORDS = 6
MAX_LATER_WORDS = 25  # a later headline is short; a longer "X: …" paragraph is prose
HEADLINE_ARTICLES = ("", "the")  # what may stand before the name: "The Kremlin: …"


def find_headline(ctx: Context) -> tuple[CharSpan, CharSpan] | None:
    """The source and the content of a headline statement, if the article opens with one."""
    paras = paragraphs(ctx.text)
    if not paras:
        return None
    s, e = paras[0]
    m = HEADLINE_RE.match(ctx.text[s:e])
    if not m or len(m.group(1).split()) > MAX_SOURCE_WORDS:
        return None
    source = CharSpan(s + m.start(1), s + m.end(1))
    if not named_source(ctx, source):
        return None
    return source, trim(ctx.text, s + m.start(2), s + m.end(2))


def named_source(ctx: Context, source: CharSpan) -> bool:
    """Whether a headline's source is all of one name ("Zelensky: …", "The Kremlin: …"),
    capitals or a role, not a name inside a title ("Star Wars Jedi: Fallen Order review",
    "UEFA Euro 2020 qualifying: Tracking every team …"). The one check of a headline's
    source: the precision pass trusts it."""
    text = source.of(ctx.text)
    if text.isupper() or parse_role(text) is not None:
        return True
    hit = ctx.entities.at(source.start, source.end)
    if hit is None:
        return False
    m = hit[0]
    before = fold(ctx.text[source.start:max(source.start, m.start)]).strip()
    return before in HEADLINE_ARTICLES and m.end >= source.end


def later_headlines(ctx: Context) -> list[tuple[CharSpan, CharSpan]]:
    """The source and content of each later item's headline: a short paragraph "Name: …"
    whose name is a person of the article."""
    found = []
    for s, e in paragraphs(ctx.text)[1:]:
        m = HEADLINE_RE.match(ctx.text[s:e])
        if not m or len(m.group(1).split()) > MAX_SOURCE_WORDS or m.group(1).isupper() or \
                len(m.group(2).split()) > MAX_LATER_WORDS:
            continue
        source = CharSpan(s + m.start(1), s + m.end(1))
        hit = ctx.entities.at(source.start, source.end)
        if hit is not None and hit[1].type == "PERSON" and hit[0].start == source.start and \
                hit[0].end == source.end:
            found.append((source, trim(ctx.text, s + m.start(2), s + m.end(2))))
    return found


def headline(ctx: Context) -> None:
    """Add the headline's statement to the drafts, and those of later items' headlines."""
    first = find_headline(ctx)
    for source, content in ([first] if first else []) + later_headlines(ctx):
        colon = ctx.text.index(":", source.end)
        ctx.drafts.append(Draft([content], source, CueSpan(colon, colon + 1, "headline"),
                                "headline", confidence=0.7))
