"""Nested-report pass: a statement whose cue sits inside another's content is one report
passed on by the other.

"Reuters reported that Putin said talks were possible" keeps Putin's statement with
Reuters as its relay; "X replied that … ISW said C" keeps one statement; "[X did …],
according to Y" leaves Y's account whole and makes Y the relay of what X said inside it.
"""

from __future__ import annotations

from .context import Context
from .drafts import Draft
from .outlets import load_outlets
from .verbs import speaker_noun

# what a reporting verb reports in the parse
REPORTED_DEPS = ("ccomp", "parataxis")
# who speaks for an organisation: "a spokesperson for the paper", "the company's spokesman"
VOICE_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople",
                         "representative", "spokespersons", "spokesmen", "spokeswomen"})
# the bare word for an unnamed source ("its source denied …"): the speaker, never a thing
SOURCE_WORDS = frozenset({"source", "sources"})


def nested(ctx: Context) -> None:
    """'Y reported that X said C' and 'X replied that … ISW said C': one statement, with
    one of the two as its relay (an organisation passes on what a person says)."""
    drop: set[int] = set()
    # each cue's sentence, found once: the pairs of a long article are many (59,099 on
    # PolNeAR dev's 84), the pairs in one sentence few
    sentence = {k: ctx.doc[d.cue_token].sent.start for k, d in enumerate(ctx.drafts)
                if d.cue_token is not None}
    for i, outer in enumerate(ctx.drafts):
        for j, inner in enumerate(ctx.drafts):
            if i == j or inner.cue is None or outer.cue is None or j in drop:
                continue
            if outer.speaker is None or inner.speaker is None:
                continue
            if not outer.covers(inner.cue.start, inner.cue.end):
                if i in sentence and sentence[i] == sentence.get(j) and \
                        reported_inside(ctx, outer, inner) and \
                        outer.speaker not in inner.relays:
                    inner.relays.append(outer.speaker)
                continue
            if nest(ctx, outer, inner):
                drop.add(i)
    ctx.drafts = [d for k, d in enumerate(ctx.drafts) if k not in drop]


def nest(ctx: Context, outer: Draft, inner: Draft) -> bool:
    """Relay ``inner`` through ``outer`` (or take ``outer``'s speaker and cue); whether the
    outer statement is then dropped, the inner one standing for both."""
    assert outer.speaker is not None and inner.speaker is not None
    if outer.pattern == "according":
        # "[X did or said …], according to Y": Y's account stands whole, and what X said
        # inside it reached us through Y
        if outer.speaker not in inner.relays:
            inner.relays.append(outer.speaker)
        return False
    if dateline_label(ctx, outer):
        return True  # "ISLAMABAD: A senior Taliban official says …": a place, no relay
    o_ent = ctx.entities.at(outer.speaker.start, outer.speaker.end)
    i_ent = ctx.entities.at(inner.speaker.start, inner.speaker.end)
    o_type = o_ent[1].type if o_ent else "OTHER"
    i_type = i_ent[1].type if i_ent else "OTHER"
    same = bool(o_ent and i_ent and o_ent[1].id == i_ent[1].id)
    if inner.end < outer.end - 2 or inner.mode != "speech":
        # "Russia has called for a cease-fire …, ISW said": two statements, the inner one
        # passed on by the outer speaker
        if not same:
            inner.relays.append(outer.speaker)
        return False
    if voices(ctx, outer, i_type):
        # "The Journal says it is “standing by our reporting,” a spokesperson for the paper
        # told Semafor": the paper speaking through its spokesperson, no relay between
        # them (dev/6: the spokesperson was the Journal's relay and Semafor was lost)
        inner.speaker, inner.speaker_token = outer.speaker, outer.speaker_token
        inner.cue, inner.cue_token = outer.cue, outer.cue_token
        inner.addressee = outer.addressee or inner.addressee
        return True
    if o_type == "PERSON" and i_type == "ORG":
        inner.relays.insert(0, inner.speaker)
        inner.speaker, inner.speaker_token = outer.speaker, outer.speaker_token
        inner.cue, inner.cue_token = outer.cue, outer.cue_token
        inner.addressee = inner.addressee or outer.addressee
    elif same:
        return False
    else:
        inner.relays.append(outer.speaker)
    return True


def reported_inside(ctx: Context, outer: Draft, inner: Draft) -> bool:
    """Whether the parse puts ``inner``'s cue and speaker in what ``outer``'s cue reports
    when the content no longer holds them: "Fars said its source denied the report and
    described it as part of a “news wave …”" (Reuters, relays dev), whose content the
    tagger ended before "described", passes the source's description on through Fars."""
    if outer.cue_token is None or inner.cue_token is None or inner.speaker_token is None:
        return False
    who = ctx.doc[inner.speaker_token]
    if not (who.lower_ in SOURCE_WORDS or speaker_noun(ctx, who)) or who.pos_ == "PRON":
        # "said the decision … suggested Russia had switched …": no one passes on; "Iran's
        # Foreign Ministry had earlier said reports … were “suspicious,” and it warned …"
        # (realnews dev): the pronoun is the speaker itself
        return False
    said = ctx.doc[outer.cue_token]
    if said.sent.start != ctx.doc[inner.cue_token].sent.start:
        return False
    for comp in said.children:
        if comp.dep_ in REPORTED_DEPS:
            span = range(comp.left_edge.i, comp.right_edge.i + 1)
            if inner.cue_token in span and inner.speaker_token in span:
                return True
    return False


def dateline_label(ctx: Context, outer: Draft) -> bool:
    """Whether a label before a colon is a bare place dateline opening its paragraph, in
    capitals and no listed outlet: "ISLAMABAD: A senior Taliban official says …" (dev/6:
    ISLAMABAD became the official's relay). An agency's label ("TASS: …") still relays."""
    if outer.pattern != "headline" or outer.speaker is None or outer.cue is None or \
            ctx.text[outer.cue.start:outer.cue.end].strip() != ":":
        return False
    label = outer.speaker.of(ctx.text)
    line_start = ctx.text.rfind("\n", 0, outer.speaker.start) + 1
    return not ctx.text[line_start:outer.speaker.start].strip() and \
        label.isupper() and all(w.strip(".,'’-").isalpha() for w in label.split()) and \
        load_outlets().known(label) is None


def voices(ctx: Context, outer: Draft, i_type: str) -> bool:
    """Whether the outer speaker is the inner organisation's voice: a spokesperson "for"
    or "of" something, or someone's spokesperson, passing on what "the Journal says"."""
    if outer.speaker is None or i_type != "ORG":
        return False
    span = ctx.doc.char_span(outer.speaker.start, outer.speaker.end, alignment_mode="expand")
    if span is None or span.root.lower_ not in VOICE_WORDS:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("for", "of"))
               for c in span.root.children)
