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
from .outlets import load_outlets, outlet_in, reported_names
from .relays import cut_tail_credit
from .syntax import np_span, subject

CITING = ("citing", "quoting")
# translated wire copy cites as "with reference to X" / "referring to X" (dev: "…, RBC news
# agency reports with reference to two sources close to the presidential administration"
# kept RBC as the speaker and lost its relay); these phrases name a source only when X looks
# like one (a proper name or a word below), since "with reference to the treaty" names none
REFERRING = ("with reference to", "referring to", "in reference to")
SOURCE_WORDS = frozenset({"source", "official", "diplomat", "insider", "expert", "analyst",
                          "representative", "spokesman", "spokeswoman", "spokesperson",
                          "ministry", "agency", "service", "office", "report", "statement",
                          "data", "newspaper", "channel", "publication", "outlet", "story",
                          "article"})
LEAD = " ,(—"  # what may stand before the marker word inside its phrase
MIN_CONTENT = 3
# the verbs of an outlet's report that a citing phrase may hang on
CREDIT_LEMMAS = frozenset({"report", "write", "say", "claim", "publish", "inform", "tell"})


@dataclass(frozen=True)
class Marker:
    """'according to X' in a sentence: the phrase (with a comma or dash before it) and X."""

    sent: SpacySpan
    phrase: CharSpan
    source: CharSpan
    word: int = -1  # the token of the marker word ("according", "citing", "with")


def is_marker_word(tok: Token, sent: SpacySpan) -> bool:
    """Whether ``tok`` opens a source phrase: "according" before "to", "citing", "quoting"."""
    low = tok.lower_
    if low == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    if low in ("with", "referring", "in"):
        return _referring_words(tok, sent) > 0
    return low in CITING and tok.i + 1 < sent.end


def _referring_words(tok: Token, sent: SpacySpan) -> int:
    """How many words "with reference to" / "referring to" at ``tok`` takes before its
    source (0 when ``tok`` opens none, or the source looks like no source)."""
    doc = tok.doc
    for phrase in REFERRING:
        words = phrase.split()
        n = len(words)
        if tok.i + n >= sent.end or \
                [t.lower_ for t in doc[tok.i:tok.i + n]] != words:
            continue
        rest = doc[tok.i + n:sent.end]
        stop = next((k for k, t in enumerate(rest) if t.is_punct and t.text not in "-&.'"),
                    len(rest))
        src = rest[:stop]
        # the phrase's head names the source, not a word inside it: "he said, referring to
        # the U.S.-made air defense system" names none (dev: the system became the speaker
        # and Zelenskyy its relay)
        heads = [t for t in src if not src.start <= t.head.i < src.end] or list(src)
        if any(t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS") or
               t.lemma_.lower() in SOURCE_WORDS or t.lower_.removesuffix("s") in SOURCE_WORDS
               for t in heads):
            return n
    return 0


def find_markers(ctx: Context) -> list[Marker]:
    """Every source phrase of the article, in text order."""
    markers = []
    for sent in ctx.doc.sents:
        for tok in sent:
            if is_marker_word(tok, sent):
                marker = marker_at(sent, tok)
                if marker is not None and not _manner(ctx, marker):
                    markers.append(marker)
    return markers


def _manner(ctx: Context, marker: Marker) -> bool:
    """"… be reorganized according to the current situation": "according to" inside a clause,
    with no comma before it, and naming nothing that speaks (no name, pronoun or source
    word) tells how, not who (dev: "the current situation" became a relay of Kim Jong Un's
    order)."""
    word = ctx.doc[marker.word] if marker.word >= 0 else None
    if word is None or word.lower_ != "according" or marker.phrase.start < word.idx or \
            word.i == marker.sent.start:
        return False
    src = ctx.doc.char_span(marker.source.start, marker.source.end, alignment_mode="expand")
    if src is None:
        return False
    heads = [t for t in src if not t.is_punct and not src.start <= t.head.i < src.end]
    return bool(heads) and not any(_source_like(ctx, t) or t.pos_ == "PRON" for t in heads)


def marker_at(sent: SpacySpan, tok: Token) -> Marker | None:
    """'according to X', 'citing X': X runs to the next punctuation or relative pronoun."""
    doc = tok.doc
    skip = _referring_words(tok, sent) if tok.lower_ in ("with", "referring", "in") else 0
    start_i = tok.i + (skip or (2 if tok.lower_ == "according" else 1))
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
    return Marker(sent, CharSpan(phrase_start, src_end), source, tok.i)


def according_to(ctx: Context) -> None:
    """Credit every source phrase: as relay or speaker of the statements in its sentence, else
    as the speaker of the sentence's rest."""
    # the names this article shows reporting, found once for the article (the sentence
    # credits pass reads them too)
    ctx.article_outlets = reported_names(ctx.doc, load_outlets())
    for marker in find_markers(ctx):
        draft = _credit(ctx, marker)
        if draft is not None:
            ctx.drafts.append(draft)


def _credit(ctx: Context, marker: Marker) -> Draft | None:
    sent, phrase, source = marker.sent, marker.phrase, marker.source
    reason = cited_reason(ctx, marker)
    if reason is not None:
        # the rules' reading of the phrase replaces the tagger's (one statement, one id)
        ctx.drafts = [d for d in ctx.drafts if d.pattern != "learned" or
                      d.cue_token != reason.cue_token]
        return reason
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
    citing = phrase_words.lower().startswith(CITING + REFERRING)
    credit = _citing_outlet(ctx, marker) if citing else None
    if framed:
        owners = [d for d in framed if credit is not None and d.cue_token == credit[0]]
        if credit is not None and owners and len(owners) < len(framed):
            # "Peskov told reporters …, RBC reports citing Vedomosti": RBC's report is only
            # the credit; Peskov's words came through Vedomosti, then RBC
            ctx.drafts = [d for d in ctx.drafts if d not in owners]
            for d in framed:
                if d not in owners:
                    d.relays.extend([source, credit[1]])
            return None
        for d in framed:
            if citing and d.speaker is not None and (credit is None or d in owners):
                # "The ministry said, citing officials, …": officials said it
                d.relays.insert(0, d.speaker)
                d.speaker, d.speaker_token = source, None
                d.fragments = [content_span(ctx.text, f.start, f.end, [phrase])
                               for f in d.fragments]
            else:
                d.relays.append(source)
                # "Zelensky said Russia was not ready, according to Ukrinform": the phrase
                # closes the content the verb pass read, and is no part of it
                cut_tail_credit(ctx.text, d, phrase.start, phrase.end)
        return None
    content = _content(ctx, marker)
    if credit is not None and sent.end_char - phrase.end > MIN_CONTENT:
        # "CNN reported, citing sources, that Iran …": what follows the phrase
        content = content_span(ctx.text, phrase.end, sent.end_char, [phrase])
    elif credit is not None and credit[2] - sent.start_char > MIN_CONTENT:
        # "Talks were postponed, the Interfax news agency reports with reference to …":
        # what comes before the outlet's clause
        content = content_span(ctx.text, sent.start_char, credit[2], [phrase])
    if content.end - content.start < MIN_CONTENT:
        return None
    lemma = "cite" if citing else "according to"
    cue_s = phrase.start + len(phrase.of(ctx.text)) - len(phrase_words)
    draft = Draft([content], source, CueSpan(cue_s, source.start - 1, lemma), "according",
                  confidence=0.75)
    if credit is not None:
        draft.relays.append(credit[1])
    return draft


def cited_reason(ctx: Context, marker: Marker) -> Draft | None:
    """'The union endorsed Clinton, citing her work after the Sept. 11 attacks': what is cited
    names no source (its head no name, pronoun or source word: not 'citing officials', 'citing
    Vedomosti', 'citing a report') but the reason the clause's subject gives, its statement
    (PolNeAR dev e2e 0.669 -> 0.672, train first 150 articles 0.696 unchanged)."""
    if marker.word < 0 or ctx.doc[marker.word].lower_ != "citing":
        return None
    doc = ctx.doc
    cited = doc.char_span(marker.source.start, marker.source.end, alignment_mode="expand")
    if cited is None:
        return None
    heads = [t for t in cited if not t.is_punct and not cited.start <= t.head.i < cited.end]
    if not heads or any(_source_like(ctx, t) for t in heads):
        return None
    head = doc[marker.word].head
    subj = subject(head) if head.i != marker.word else None
    if subj is None or subj.i > marker.word:
        return None
    content = content_span(ctx.text, marker.source.start, marker.source.end, [])
    if content.end - content.start < MIN_CONTENT:
        return None
    word = doc[marker.word]
    return Draft([content], np_span(subj), CueSpan(word.idx, word.idx + len(word), "cite"),
                 "verb", cue_token=word.i, speaker_token=subj.i, confidence=0.6)


def _source_like(ctx: Context, tok: Token) -> bool:
    low = tok.lemma_.lower()
    # a capital is a name the model missed ("APA reports citing Teletrader")
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN" or \
        tok.text[:1].isupper() or \
        low in SOURCE_WORDS or tok.lower_.removesuffix("s") in SOURCE_WORDS or \
        ctx.lex.names_a_source(low)


def _citing_outlet(ctx: Context, marker: Marker) -> tuple[int, CharSpan, int] | None:
    """The outlet whose report the citing phrase hangs on, and its verb: "CNN reported,
    citing sources, that …", "…, APA reports citing Teletrader" (dev: the person quoted in
    that sentence was made to speak through the cited source, and CNN's relay was lost); with
    where the outlet's clause starts."""
    if marker.word < 0:
        return None
    doc = ctx.doc
    word = doc[marker.word]
    prev = marker.word - 1
    while prev >= marker.sent.start and doc[prev].is_punct:
        prev -= 1
    for verb in (word.head, doc[prev] if prev >= marker.sent.start else word.head):
        # the tagger may take a sentence's root "reports" for a plural noun
        if not (verb.tag_.startswith("VB") or verb.dep_ == "ROOT") or \
                verb.lemma_.lower() not in CREDIT_LEMMAS:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        outlet = outlet_in(ctx.text, subj.left_edge.idx, subj.idx + len(subj),
                           load_outlets(), ctx.article_outlets)
        if outlet is not None:
            return verb.i, outlet, min(subj.left_edge.idx, verb.idx)
    return None


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
