"""According-to pass: "according to X" and "citing X" name a source.

"Putin is ready to talk, according to Peskov." gives the content "Putin is ready to talk"
and the speaker "Peskov"; "According to the White House, the call lasted an hour." reads
the other way round. When the sentence already holds a statement ("The ministry said,
citing officials, …") the source becomes its relay, or, after "citing", its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .context import Context
from .drafts import CharSpan, CueSpan, Draft, content_span

CITING = ("citing", "quoting")
LEAD = " ,(—"  # what may stand before the marker word inside its phrase
MIN_CONTENT = 3


@dataclass(frozen=True)
class Marker:
    """'according to X' in a sentence: the phrase (with a comma or dash before it) and X."""

    sent: SpacySpan
    phrase: CharSpan
    source: CharSpan


def is_marker_word(tok: Token, sent: SpacySpan) -> bool:
    """Whether ``tok`` opens a source phrase: "according" before "to", "citing", "quoting"."""
    low = tok.lower_
    if low == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    return low in CITING and tok.i + 1 < sent.end


def find_markers(ctx: Context) -> list[Marker]:
    """Every source phrase of the article, in text order."""
    markers = []
    for sent in ctx.doc.sents:
        for tok in sent:
            if is_marker_word(tok, sent):
                marker = marker_at(sent, tok)
                if marker is not None:
                    markers.append(marker)
    return markers


def marker_at(sent: SpacySpan, tok: Token) -> Marker | None:
    """'according to X', 'citing X': X runs to the next punctuation or relative pronoun."""
    doc = tok.doc
    start_i = tok.i + (2 if tok.lower_ == "according" else 1)
    if start_i >= sent.end:
        return None
    end_i = start_i
    while end_i < sent.end and not (doc[end_i].is_punct and doc[end_i].text
                                    not in ("-", "&", ".", "'")) \
            and not doc[end_i].is_space and doc[end_i].lower_ not in ("that", "which", "who"):
        end_i += 1
    if end_i == start_i:
        return None
    src_end = doc[end_i - 1].idx + len(doc[end_i - 1])
    source = CharSpan(doc[start_i].idx, src_end)
    phrase_start = tok.idx
    prev = tok.i - 1
    if prev >= sent.start and doc[prev].text in (",", "—", "("):
        phrase_start = doc[prev].idx
    return Marker(sent, CharSpan(phrase_start, src_end), source)


def according_to(ctx: Context) -> None:
    """Credit every source phrase: as relay or speaker of the statements in its sentence, else
    as the speaker of the sentence's rest."""
    for marker in find_markers(ctx):
        draft = _credit(ctx, marker)
        if draft is not None:
            ctx.drafts.append(draft)


def _credit(ctx: Context, marker: Marker) -> Draft | None:
    sent, phrase, source = marker.sent, marker.phrase, marker.source
    in_sent = [d for d in ctx.drafts if d.cue_token is not None
               and sent.start <= d.cue_token < sent.end]
    framed = [d for d in in_sent if d.pattern != "learned"]
    learned = [d for d in in_sent if d.pattern == "learned"]
    if learned:
        # the phrase itself is the rules' to read; what the tagger found inside the
        # sentence was passed on by the source
        ctx.drafts = [d for d in ctx.drafts if d not in learned or
                      ctx.doc[d.cue_token or 0].lower_ not in ("according", "citing")]
        for d in learned:
            if d in ctx.drafts and not framed and d.speaker != source and \
                    source not in d.relays:
                d.relays.append(source)
    phrase_words = phrase.of(ctx.text).lstrip(LEAD)
    citing = phrase_words.lower().startswith(CITING)
    if framed:
        for d in framed:
            if citing and d.speaker is not None:
                # "The ministry said, citing officials, …": officials said it
                d.relays.insert(0, d.speaker)
                d.speaker, d.speaker_token = source, None
                d.fragments = [content_span(ctx.text, f.start, f.end, [phrase])
                               for f in d.fragments]
            else:
                d.relays.append(source)
        return None
    content = _content(ctx, marker)
    if content.end - content.start < MIN_CONTENT:
        return None
    lemma = "cite" if citing else "according to"
    cue_s = phrase.start + len(phrase.of(ctx.text)) - len(phrase_words)
    return Draft([content], source, CueSpan(cue_s, source.start - 1, lemma), "according",
                 confidence=0.75)


def _content(ctx: Context, marker: Marker) -> CharSpan:
    """What the source says: the sentence after "According to X," or before ", according to
    X" (and its rest, when the rest is no quotation)."""
    phrase = marker.phrase
    s0, e0 = marker.sent.start_char, marker.sent.end_char
    if phrase.start - s0 <= 2:  # "According to X, …"
        cs, ce = phrase.end, e0
    else:
        cs, ce = s0, phrase.start
        rest = ctx.text[phrase.end:e0]
        if rest.strip(" .\n\t") and not rest.lstrip().startswith(("“", '"')):
            ce = e0
    return content_span(ctx.text, cs, ce, [phrase])
