"""Back-reference pass: a paragraph that credits the one before it.

Ukrainian and Russian wire copy opens with what was said and names the speaker in the next
paragraph: "Ukraine is gradually strengthening its air defense … Kyiv hopes it can break
through to partners." / "This was stated by President Volodymyr Zelenskyy during a joint
press conference in Odesa, UNN reports." The first paragraph is Zelenskyy's statement (its
"Kyiv hopes" his words, not a city's); the same for "Ukrainian President Volodymyr Zelensky
said this in a video address" and "The head of state said this in his nightly video
address". The drafts the other passes made of the crediting clause ("This" as content,
"UNN" as the speaker of "This was stated by …") give way; a previous paragraph that already
has a person's statement keeps it.
"""

from __future__ import annotations

import re

from ..names.roles import parse_role
from .context import Context
from .drafts import CharSpan, CueSpan, Draft, trim
from .outlets import load_outlets, outlet_in
from .quotes import paragraphs
from .relays import add_relay

_VERBS = r"(?:stated|said|announced|reported|noted|declared|emphasi[sz]ed|stressed|written|" \
         r"posted|wrote|says|states|announces|writes|notes)"
_WHO_END = r"(?=,|\s+(?:during|in|at|on|while|after|before|when|to|via|speaking)\b|\.|$)"
BY_RE = re.compile(r"\s*(?:This|That|It|These words|Such statements?)\s+(?:was|were|has been|"
                   r"have been|is|are)\s+(?P<verb>" + _VERBS + r")\s+by\s+"
                   r"(?P<who>[^,.;:\n]{2,90}?)" + _WHO_END)
SAID_RE = re.compile(r"\s*(?P<who>[A-Z][^,.;:\n]{1,90}?)\s+(?P<verb>" + _VERBS +
                     r")\s+(?:this|so|that(?=\s*[,.]|\s+(?:in|at|during|on|while|when)\b))\b")
# ("said that Europe stands with Ukraine" is reported speech, not a back-reference)

CREDIT_RE = re.compile(r",\s*(?:an? )?(?P<o>[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}(?: correspondent)?)"
                       r"\s+(?:reports|reported|informs|writes|says)\b")
# "The Indiana governor said Democrats … focusing on “he said this" is no credit: the
# crediting words are a short noun phrase
MAX_WHO_WORDS = 10


def back_references(ctx: Context) -> None:
    """A statement of the previous paragraph for every paragraph that credits it."""
    text = ctx.text
    paras = paragraphs(text)
    for k in range(1, len(paras)):
        s, e = paras[k]
        m = BY_RE.match(text, s, e) or SAID_RE.match(text, s, e)
        if m is None:
            continue
        who = CharSpan(m.start("who"), m.end("who"))
        if len(who.of(text).split()) > MAX_WHO_WORDS or any(q in who.of(text) for q in "\"“”«»") \
                or not _names_someone(ctx, who):
            continue
        ps, pe = paras[k - 1]
        before = [d for d in ctx.drafts if ps <= d.start < pe]
        if any(_person_spoke(ctx, d) for d in before):
            # the person's statement stays, and the credit's outlet passed it on: "Zelensky
            # says protection of people … among priorities" / "The head of state said this
            # in his nightly video address, Ukrinform reports."
            outlet = _credit(ctx, who.end, e)
            if outlet is not None:
                for d in before:
                    if _person_spoke(ctx, d):
                        add_relay(ctx, d, outlet)
                # the crediting clause reports nothing of its own ("This" is no content)
                ctx.drafts = [d for d in ctx.drafts if not s <= d.start < who.end and
                              not (d.speaker is not None and s <= d.speaker.start < e and
                                   d.start < who.end)]
            continue
        clause = [d for d in ctx.drafts if s <= d.start < who.end]
        for d in before + clause:
            ctx.drafts.remove(d)
        content = trim(text, ps, pe, strip_marks=True)
        if content.end > content.start:
            d = Draft([content], who, CueSpan(m.start("verb"), m.end("verb"), "say"), "backref",
                      confidence=0.6)
            ctx.drafts.append(d)
            outlet = _credit(ctx, who.end, e)
            if outlet is not None:  # "…, UNN reports": the crediting sentence's outlet
                add_relay(ctx, d, outlet)


def _credit(ctx: Context, start: int, end: int) -> CharSpan | None:
    """The outlet a crediting paragraph names after its speaker ("…, UNN reports"), if any."""
    m = CREDIT_RE.search(ctx.text, start, end)
    if m is None:
        return None
    return outlet_in(ctx.text, m.start("o"), m.end("o"), load_outlets(), ctx.article_outlets)


def _names_someone(ctx: Context, who: CharSpan) -> bool:
    """Whether the credited words name a person: a person's name in them, or a role ("the
    head of state")."""
    if any(e.type == "PERSON" for _m, e in ctx.entities.mentions_between(who.start, who.end)):
        return True
    return parse_role(who.of(ctx.text)) is not None


def _person_spoke(ctx: Context, d: Draft) -> bool:
    if d.speaker is None:
        return False
    hit = ctx.entities.at(d.speaker.start, d.speaker.end)
    if hit is not None:
        return hit[1].type == "PERSON"
    return d.speaker.of(ctx.text).lower() in ctx.lex.person_pronouns
