"""Orphan-quote pass: quotations no cue claimed join the statement they go on with.

'"We will win," he said, "and we will rebuild."' gives one statement of two fragments;
'"A," said X, a lawyer. "B."' adds B to X's quote; a quote paragraph right after a
statement, no cue of its own, continues the previous speaker.
"""

from __future__ import annotations

from .context import Context
from .drafts import MARKS, CharSpan, Draft, word_count
from .quotes import ALL_MARKS, Quote

MIN_WORDS = 4  # a shorter quotation alone ("scare quotes") is nobody's statement
MAX_CLAUSE_WORDS = 30


def orphan_quotes(ctx: Context) -> None:
    """Quotes no cue claimed: the second half of a split quote, a paragraph of a quote
    that runs on, or a quote paragraph that continues the previous speaker."""
    for k, q in enumerate(ctx.quotes):
        if any(d.covers(q.start, q.end) for d in ctx.drafts):
            continue
        span = CharSpan(q.start, q.end)
        nxt = ctx.quotes[k + 1] if k + 1 < len(ctx.quotes) else None
        if not q.closed and nxt is not None and nxt.continues:
            owner = [d for d in ctx.drafts if d.covers(nxt.start, nxt.end)]
            if owner:
                owner[0].fragments.append(span)
                continue
        if word_count(ctx.text, span) < MIN_WORDS:
            continue
        before = [d for d in ctx.drafts if d.start < q.start and d.cue is not None]
        if not before:
            continue
        prev = max(before, key=lambda d: d.end)
        if goes_on(ctx, prev, q):
            prev.fragments.append(span)
            continue
        between = ctx.text[prev.end:q.start]
        if between.count("\n") <= 2 and (q.continues or not between.strip(" \t\n.,:;" + MARKS)):
            ctx.drafts.append(Draft([span], prev.speaker, None, "continuation", prev.mode, None,
                                    prev.speaker_token, confidence=0.45))


def goes_on(ctx: Context, prev: Draft, q: Quote) -> bool:
    """Whether ``q`` is more of ``prev``'s quote: right after its cue ('"A," he said, "B."')
    or after its cue clause ('"A," said X, a lawyer. "B."')."""
    gap = ctx.text[max(prev.speaker.end if prev.speaker else prev.end,
                       prev.cue.end if prev.cue else prev.end):q.start]
    if prev.cue and prev.cue.start < q.start and not gap.strip(" \t,:;—–-" + MARKS):
        return True
    return runs_on(ctx, prev, q)


def runs_on(ctx: Context, prev: Draft, q: Quote) -> bool:
    """A quoted sentence right after a quote's own cue clause, in the same paragraph,
    goes on with the same quote (news style: '"A," said X, a lawyer. "B."')."""
    if prev.cue is None or prev.cue.end > q.start:
        return False
    last = max(prev.fragments)
    if not any(o.start <= last.start and last.end <= o.end for o in ctx.quotes):
        return False  # the statement so far is not a quotation
    between = ctx.text[last.end:q.start]
    if "\n" in between or not between.rstrip(" " + MARKS).endswith((".", "!", "?")):
        return False
    clause = between.strip(" ,.!?" + MARKS)
    return prev.cue.start >= last.end and not any(m in clause for m in ALL_MARKS) and \
        len(clause.split()) <= MAX_CLAUSE_WORDS
