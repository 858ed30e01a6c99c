"""Credit pass: a quotation credited by a dash and a name after it is that person's.

"“Peace is not a gift.” ― Carla Sanchez" gives the content "Peace is not a gift.", the
speaker "Carla Sanchez" and the dash as its cue. Every word of the name must be
capitalised or a name particle ("de", "van").
"""

from __future__ import annotations

import re

from .context import Context
from .drafts import CharSpan, CueSpan, Draft, trim

# a credit after a quotation: "“…” ― Carla Sanchez" (the dash and the name end the line)
CREDIT_RE = re.compile(r"[\"“”«»]?[ \t\xa0]*\n?[ \t\xa0]*([―—–]|--?)[ \t\xa0]*"
                       r"([A-Z][\w.'’\-]*(?:[ \xa0]+[\w.'’\-]+){0,4})"
                       r"[ \t\xa0.]*(?:,[^\n]*)?(?:\n|$)")


def credits(ctx: Context) -> None:
    """Add a statement for every quotation followed by a credit line."""
    for q in ctx.quotes:
        m = CREDIT_RE.match(ctx.text, q.end)
        if m is None:
            continue
        words = m.group(2).replace("\xa0", " ").split()
        if not all(w[0].isupper() or w in ctx.lex.name_particles for w in words):
            continue
        name = trim(ctx.text, m.start(2), m.end(2))
        ctx.drafts.append(Draft([CharSpan(q.start, q.end)], name,
                                CueSpan(m.start(1), m.end(1), "say"), "credit", confidence=0.8))
