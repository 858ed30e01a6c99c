"""List pass: statements set out as a list under a frame that names who made them.

"The main statements from Maria Zakharova's briefing:" / "▪️ Moscow will monitor the
situation in the Baltic Sea;" / "– Russia expects the Vietnamese leadership to …" gives one
statement per item, each Zakharova's: a wire's summary of a briefing writes her words with
the ministry, Moscow or Russia as their grammatical subject (metonymy), and those are hers,
not a city's. A frame is a line ending in a colon ("Key points of Lavrov's speech:", "Info
comes via a Reuters report, main points:") or a sentence that announces the list ("TASS has
compiled the key statements of the Kremlin spokesman."); its speaker is the person (or the
role: "the Kremlin spokesman") it names, else the person the first item quotes ("- Scholz
says …"). An item that already has a person's statement keeps it; one whose draft has a
place, a body or no name as speaker is replaced by the whole item, credited to the frame.
Items run to the first line of hashtags or page furniture; short lines ("On May
ceasefire", "Also,") are sub-headings, skipped.

The same frame in Ukrainska Pravda's layout: "Source: Zelenskyy in his video address on 9
November" / "Quote: \"Unfortunately, this week saw …" — the quotation (to its closing mark,
over paragraphs) is the person the source line names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..names.roles import parse_role
from .context import Context
from .drafts import CharSpan, CueSpan, Draft, trim
from .quotes import paragraphs

# what announces a list of someone's statements
FRAME_WORDS = re.compile(
    r"\b(?:main|key|top|important)\s+(?:thing|things|points?|statements?|theses|takeaways?|"
    r"quotes?|remarks?|messages?|highlights?)\b|\b(?:takeaways|highlights|theses|"
    r"main points|key points|statements|remarks)\b", re.I)
# "▪️", "•", "-", "–", "1.", "?" (an emoji lost in transcoding) opening an item
BULLET_RE = re.compile(r"^\s*(?:[-–—•▪▫◾◼●○·*►▶✔✅🔹🔸🔻⚡️\ufe0f?]+|\d{1,2}[.)])\s*")
STOP_RE = re.compile(r"^\s*(?:#|our channel|subscribe|follow us|read more|source:|"
                     r"advertisement|leave a reply)", re.I)
MIN_ITEM_WORDS = 4
MAX_ITEM_WORDS = 80
MAX_FRAME_WORDS = 30
MIN_ITEMS = 2
MAX_ITEMS = 20


@dataclass(frozen=True)
class Frame:
    """A frame line: its speaker's characters (None: the first item's speaker), its cue
    (the colon or the frame word) and the items under it."""

    speaker: CharSpan | None
    cue: CueSpan
    items: list[CharSpan]


SOURCE_LINE = re.compile(r"\s*Source:\s*(?P<who>[^\n]{2,160})")
QUOTE_LINE = re.compile(r"\s*(?P<cue>Quote|Quotes|Direct speech):\s*")
MAX_QUOTE_PARAGRAPHS = 8


def statement_lists(ctx: Context) -> None:
    """A statement for every item of every list under a frame, and for every "Quote:"
    under a "Source:" line."""
    source_quotes(ctx)
    for frame in find_frames(ctx):
        speaker = frame.speaker or _first_speaker(ctx, frame.items)
        if speaker is None:
            continue
        for item in frame.items:
            _credit(ctx, frame, speaker, item)


def find_frames(ctx: Context) -> list[Frame]:
    text = ctx.text
    paras = paragraphs(text)
    frames: list[Frame] = []
    k = 0
    while k < len(paras):
        s, e = paras[k]
        line = text[s:e].strip()
        colon = line.endswith(":")
        if len(line.split()) > MAX_FRAME_WORDS or not FRAME_WORDS.search(line) or \
                not (colon or re.search(r"\b(?:compiled|summari[sz]ed|gathered)\b", line)):
            k += 1
            continue
        items: list[CharSpan] = []
        j = k + 1
        while j < len(paras) and len(items) < MAX_ITEMS:
            ps, pe = paras[j]
            para = text[ps:pe]
            if STOP_RE.match(para) or para.strip() == line:
                if para.strip() == line:
                    j += 1
                    continue
                break
            bullet = BULLET_RE.match(para)
            body = CharSpan(ps + (bullet.end() if bullet else 0), pe)
            words = len(body.of(text).split())
            if body.of(text).rstrip().endswith(":") and FRAME_WORDS.search(para):
                break  # the next frame
            if words > MAX_ITEM_WORDS or (words > MAX_FRAME_WORDS and not bullet and colon):
                break
            if words >= MIN_ITEM_WORDS:
                items.append(body)
            j += 1
        if len(items) >= MIN_ITEMS:
            cue_at = s + text[s:e].rindex(":") if colon else \
                s + FRAME_WORDS.search(text[s:e]).start()  # type: ignore[union-attr]
            frames.append(Frame(_frame_speaker(ctx, s, e), CueSpan(cue_at, cue_at + 1, "say"),
                                items))
        k = j if j > k + 1 else k + 1
    return frames


def _frame_speaker(ctx: Context, start: int, end: int) -> CharSpan | None:
    """The person a frame names ("Maria Zakharova's briefing"), else the role it names
    ("the key statements of the Kremlin spokesman")."""
    for m, e in ctx.entities.mentions_between(start, end):
        # a one-word name said once is often a word the small model took for a person
        # ("Info comes via a Reuters report, main points:")
        if e.type == "PERSON" and (len(e.name.split()) > 1 or len(e.mentions) > 1):
            return CharSpan(m.start, m.end)
    for found in re.finditer(r"\b(?:the|a)\s+[^,.:;()\n]{2,60}", ctx.text[start:end], re.I):
        words = found.group().split()
        for n in range(len(words), 1, -1):
            phrase = " ".join(words[:n])
            role = parse_role(phrase)
            if role is not None and not role.generic:
                return CharSpan(start + found.start(), start + found.start() + len(phrase))
    return None


def _first_speaker(ctx: Context, items: list[CharSpan]) -> CharSpan | None:
    """"Info comes via a Reuters report, main points:" / "- Scholz says …": the person the
    first items quote speaks for the list."""
    for item in items[:2]:
        for d in ctx.drafts:
            if d.speaker is not None and item.start <= d.speaker.start < item.end:
                hit = ctx.entities.at(d.speaker.start, d.speaker.end)
                name = d.speaker.of(ctx.text)
                # "- Scholz says …": a capitalised name the model tagged as no entity
                if hit is not None and hit[1].type == "PERSON" or hit is None and \
                        re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}", name):
                    return d.speaker
    return None


def _person_speaker(ctx: Context, d: Draft) -> bool:
    if d.speaker is None:
        return False
    hit = ctx.entities.at(d.speaker.start, d.speaker.end)
    if hit is not None:
        return hit[1].type == "PERSON"
    return d.speaker.of(ctx.text).lower() in ("he", "she", "i", "we")


def _credit(ctx: Context, frame: Frame, speaker: CharSpan, item: CharSpan) -> None:
    """Credit one item to the frame's speaker unless a person's statement already holds it;
    drafts inside it with a place, a body or no name for speaker give way to it."""
    inside = [d for d in ctx.drafts if item.start <= d.start < item.end]
    if any(_person_speaker(ctx, d) and d.speaker is not None and
           not (speaker.start <= d.speaker.start < speaker.end) for d in inside):
        return
    for d in inside:
        ctx.drafts.remove(d)
    text = ctx.text
    for part in _parts(text, item):
        ctx.drafts.append(Draft([part], speaker, frame.cue, "list", confidence=0.6))


def _parts(text: str, item: CharSpan) -> list[CharSpan]:
    """An item, or its two parts when a quotation follows a colon ("The Kiev regime has not
    reacted: “At this point, it's unclear …”")."""
    body = item.of(text)
    m = re.search(r":\s*[\"“«]", body)
    spans = [CharSpan(item.start, item.start + m.start()), CharSpan(item.start + m.end() - 1,
                                                                  item.end)] if m else [item]
    out = []
    for sp in spans:
        t = trim(text, sp.start, sp.end, strip_marks=True)
        if len(t.of(text).split()) >= 2:
            out.append(t)
    return out


def source_quotes(ctx: Context) -> None:
    """"Source: Zelenskyy in his video address" / "Quote: \"…\"": the quotation, to the
    paragraph that closes it, is the source's; drafts inside it give way."""
    text = ctx.text
    paras = paragraphs(text)
    for k, (s, e) in enumerate(paras):
        q = QUOTE_LINE.match(text, s, e)
        if q is None:
            continue
        speaker = None
        for ss, se in reversed(paras[max(0, k - 2):k]):
            src = SOURCE_LINE.match(text, ss, se)
            if src is not None:
                people = [m for m, ent in ctx.entities.mentions_between(src.start("who"), se)
                          if ent.type == "PERSON"]
                speaker = CharSpan(people[0].start, people[0].end) if people else None
                break
        if speaker is None:
            continue
        fragments = []
        for j in range(k, min(len(paras), k + MAX_QUOTE_PARAGRAPHS)):
            ps, pe = paras[j]
            frag = trim(text, q.end() if j == k else ps, pe, strip_marks=True)
            if frag.end > frag.start:
                fragments.append(frag)
            if text[ps:pe].rstrip().endswith(("\u201d", '"', "\u00bb")):
                break
        if not fragments:
            continue
        block = CharSpan(fragments[0].start, fragments[-1].end)
        for d in [d for d in ctx.drafts if block.start <= d.start < block.end]:
            ctx.drafts.remove(d)
        ctx.drafts.append(Draft(fragments, speaker, CueSpan(q.start("cue"), q.end("cue"), "say"),
                                "list", confidence=0.65))
