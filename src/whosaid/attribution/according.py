"""According-to pass: "according to X" and "citing X" name a source.

"Putin is ready to talk, according to Peskov." gives the content "Putin is ready to talk"
and the speaker "Peskov"; "According to the White House, the call lasted an hour." reads
the other way round. When the sentence already holds a statement ("The ministry said,
citing officials, …") the source becomes its relay, or, after "citing", its speaker.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..names.roles import parse_role
from .context import Context
from .drafts import CharSpan, CueSpan, Draft, content_span
from .outlets import load_outlets, outlet_in, reported_names
from .quotes import paragraphs
from .relays import INVERTED_CREDIT, add_relay, cut_tail_credit, outlet_of
from .syntax import np_span, subject

CITING = ("citing", "quoting")
# words before "citing" that say no source was cited: "without citing sources", "not citing"
NOT_CITING = frozenset({"without", "not", "never"})
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
# "That is according to X": the words stand for what the paragraph before says
DEMONSTRATIVE_RE = re.compile(r"(?:That|This|It)(?:['’]s|\s+is|\s+was)", re.I)
# "X, who spoke to the Golos Ukrainy newspaper": a talk that passed the words on
# a clause of its own between the role and a name (a finite verb with a subject; the parse
# takes "temporarily occupied territories" for a verb)
FINITE = ("VBD", "VBZ", "VBP", "MD")
SUBJECTS = ("nsubj", "nsubjpass")
TALK_LEMMAS = frozenset({"speak", "talk", "tell", "give"})
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
    if low in CITING and tok.i > sent.start and tok.doc[tok.i - 1].lower_ in NOT_CITING:
        # "…, the Nikkei business daily reported on Saturday without citing sources": a
        # report that names no source (dev/6: "sources" became the speaker of the Nikkei's
        # own report)
        return False
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
        words_of = _words_of(src)
        if words_of:
            return n + words_of
    return 0


# what a speaker's words come as in "with reference to the comment of X" (machine
# translations of Russian "со ссылкой на слова …")
WORDS_NOUNS = frozenset({"comment", "comments", "words", "remarks", "message", "interview",
                         "opinion", "data", "information"})


def _words_of(src: SpacySpan) -> int:
    """How many words "the comment of" / "the words of" take before a named or source-like
    speaker at the start of ``src`` ("with reference to the comment of the Head of the
    department Igor Nasalik": Nasalik is the source; dev/5 lost the statement); 0 for
    none."""
    k = 1 if len(src) and src[0].lower_ in ("the", "a", "an") else 0
    if len(src) < k + 3 or src[k].lower_ not in WORDS_NOUNS or src[k + 1].lower_ != "of":
        return 0
    rest = src[k + 2:]
    if any(t.pos_ == "PROPN" or t.lemma_.lower() in SOURCE_WORDS for t in rest):
        return k + 2
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
    if DEMONSTRATIVE_RE.fullmatch(ctx.text[marker.sent.start_char:marker.phrase.start].strip()) \
            and parse_role(marker.source.of(ctx.text)) is not None:
        return False  # "That is according to the head of the ministry …": a source
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
            and not doc[end_i].is_space and doc[end_i].lower_ not in ("that", "which", "who") \
            and not _as_saying(doc, end_i, sent.end):
        end_i += 1
    if end_i > start_i + 1 and doc[end_i - 1].text == "." and (
            end_i == sent.end or doc[end_i].is_space):
        end_i -= 1  # "…, according to the Tasnim news agency.": the sentence's full stop
    if end_i == start_i:
        return None
    src_end = doc[end_i - 1].idx + len(doc[end_i - 1])
    source = CharSpan(doc[start_i].idx, src_end)
    phrase_end = src_end
    if end_i < sent.end and _as_saying(doc, end_i, sent.end):  # the phrase takes "as saying"
        phrase_end = doc[end_i + 1].idx + len(doc[end_i + 1])
    phrase_start = tok.idx
    prev = tok.i - 1
    if prev >= sent.start and doc[prev].text in (",", "—", "("):
        phrase_start = doc[prev].idx
    return Marker(sent, CharSpan(phrase_start, phrase_end), source, tok.i)


def outlet_credit_after(ctx: Context, d: Draft) -> bool:
    """Whether the sentence of ``d``'s cue credits an outlet outside the statement: a
    credit closing it ("The army said it had killed 20 militants, the state news agency SPA
    reported.") or a source phrase naming an outlet ("According to the newspaper, the
    minister said …", :func:`is_marker_word`). The tagger reads such a sentence as the
    outlet's one report (or as none), the rules the army's statement, which the credit then
    relays; the merge pass keeps it on this."""
    if d.cue_token is None or d.mode != "speech":
        return False  # "…, whom he plans to sack on Tuesday, Kyodo News reported": no report
    sent = ctx.doc[d.cue_token].sent
    for tok in sent:
        named: CharSpan | None = None
        if is_marker_word(tok, sent) and not d.covers(tok.idx, tok.idx + 1):
            marker = marker_at(sent, tok)
            named = None if marker is None else marker.source
        elif tok.i > d.cue_token and tok.tag_.startswith("VB") and \
                tok.lemma_.lower() in INVERTED_CREDIT:
            subj = subject(tok)
            if subj is None and tok.i + 1 < sent.end:
                subj = ctx.doc[tok.i + 1]  # "…, reports TASS"
            if subj is not None and subj.i > d.cue_token:
                named = np_span(subj)
        outlet = None if named is None else outlet_of(ctx, named)
        if outlet is not None and (d.speaker is None or not
                                   d.speaker.start <= outlet.start < d.speaker.end):
            return True
    return False


def _as_saying(doc: Doc, i: int, end: int) -> bool:
    """Whether "as saying" (or "as denying", "as warning") opens at token ``i``: "Interfax
    reported, citing a source as saying …" cites the source, not "a source as saying"."""
    return doc[i].lower_ == "as" and i + 1 < end and doc[i + 1].tag_ == "VBG"


def according_to(ctx: Context) -> None:
    """Credit every source phrase: as relay or speaker of the statements in its sentence, else
    as the speaker of the sentence's rest."""
    # the names this article shows reporting, found once for the article (the sentence
    # credits pass reads them too)
    ctx.article_outlets = reported_names(ctx.doc, load_outlets())
    for marker in find_markers(ctx):
        cited = relative_citing(ctx, marker)
        if cited is not None:
            marker, outer = cited
        draft = _credit(ctx, marker)
        if draft is not None:
            ctx.drafts.append(draft)
        if cited is not None:
            _relay_behind(ctx, marker.source, outer)


# "According to the Wall Street Journal, which cited unnamed officials, …": the outlet's
# source, in a relative clause after it
RELATIVE_CITING_RE = re.compile(r",\s*(?:which|who)\s+(?:cited|cites|quoted|quotes|"
                                r"was citing|is citing)\s+(?P<y>[^,;:.()]{2,80}?)"
                                r"\s*(?:,|[.!?]?\s*$)")


# a relative clause on the source, no content: "…, citing Igor Nasalik, who submitted the
# draft" (what precedes the outlet's clause is the content)
RELATIVE_AFTER_RE = re.compile(r"\s*,?\s*(?:who|which|whose|whom)\b")


def relative_citing(ctx: Context, marker: Marker) -> tuple[Marker, CharSpan] | None:
    """The marker of the source an outlet cites in a relative clause ("According to the
    Wall Street Journal, which cited unnamed officials, the deal is done": the officials
    said it, the Journal passed it on), with the outlet; None for any other phrase. The
    clause's "cited" is no report of its own."""
    m = RELATIVE_CITING_RE.match(ctx.text, marker.source.end, marker.sent.end_char)
    if m is None or outlet_of(ctx, marker.source) is None:
        return None
    inner = CharSpan(m.start("y"), m.end("y"))
    ctx.drafts = [d for d in ctx.drafts if d.cue is None or
                  not marker.source.end <= d.cue.start < m.end()]
    phrase = CharSpan(marker.phrase.start, m.end("y"))
    return dataclasses.replace(marker, phrase=phrase, source=inner), marker.source


def _relay_behind(ctx: Context, source: CharSpan, outer: CharSpan) -> None:
    """Put ``outer`` right after ``source`` in the chains that hold it (or whose speaker it
    is): the outlet passed on what its source said."""
    for d in ctx.drafts:
        if d.speaker == source:
            d.relays.insert(0, outer)
        elif source in d.relays and outer not in d.relays:
            d.relays.insert(d.relays.index(source) + 1, outer)


def _credit(ctx: Context, marker: Marker) -> Draft | None:
    sent, phrase, source = marker.sent, marker.phrase, marker.source
    reason = cited_reason(ctx, marker)
    if reason is not None:
        # the rules' reading of the phrase replaces the tagger's (one statement, one id)
        ctx.drafts = [d for d in ctx.drafts if d.pattern != "learned" or
                      d.cue_token != reason.cue_token]
        return reason
    back = back_reference(ctx, marker)
    if back is not None:
        return back
    in_sent = [d for d in ctx.drafts if d.cue_token is not None
               and sent.start <= d.cue_token < sent.end]
    framed = [d for d in in_sent if d.pattern != "learned"]
    learned = [d for d in in_sent if d.pattern == "learned"]
    phrase_words = phrase.of(ctx.text).lstrip(LEAD)
    citing = phrase_words.lower().startswith(CITING + REFERRING)
    credit = _citing_outlet(ctx, marker) if citing else None
    if learned:
        # the phrase itself is the rules' to read; what the tagger found inside the
        # sentence was passed on by the source. The outlet's own report the phrase hangs on
        # is the rules' too when no rule read it ("…, the Interfax news agency reported on
        # Monday, citing a diplomatic source": the tagger's "Interfax reported" gave way)
        ctx.drafts = [d for d in ctx.drafts if d not in learned or (
            ctx.doc[d.cue_token or 0].lower_ not in ("according", "citing") and
            (framed or credit is None or d.cue_token != credit[0]))]
        for d in learned:
            if d in ctx.drafts and not framed and d.speaker != source and \
                    source not in d.relays:
                d.relays.append(source)
    if framed:
        owners = [d for d in framed if credit is not None and d.cue_token == credit[0]]
        if credit is not None and owners and len(owners) < len(framed):
            # "Peskov told reporters …, RBC reports citing Vedomosti": RBC's report is only
            # the credit; Peskov's words came through Vedomosti, then RBC
            ctx.drafts = [d for d in ctx.drafts if d not in owners]
            for d in framed:
                if d not in owners:
                    d.relays.extend([credit[1]] if _document(ctx, source) else
                                    [source, credit[1]])
            return None
        for d in framed:
            _own_subject(ctx, d, marker)
            if citing and d.speaker is not None and (credit is None or d in owners):
                # "The ministry said, citing officials, …": officials said it
                d.relays.insert(0, d.speaker)
                d.speaker, d.speaker_token = source, None
                d.fragments = [content_span(ctx.text, f.start, f.end, [phrase])
                               for f in d.fragments]
            else:
                if not _document(ctx, source):
                    # "…, Lavrov said, according to a transcript released by the ministry":
                    # his own words as recorded, no one who passed them on (a probe of
                    # dev/6's forms made the transcript a relay)
                    d.relays.append(source)
                # "Zelensky said Russia was not ready, according to Ukrinform": the phrase
                # closes the content the verb pass read, and is no part of it
                cut_tail_credit(ctx.text, d, phrase.start, phrase.end)
        return None
    content = _content(ctx, marker)
    if credit is not None and sent.end_char - phrase.end > MIN_CONTENT and \
            not RELATIVE_AFTER_RE.match(ctx.text, phrase.end):
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


def _own_subject(ctx: Context, d: Draft, marker: Marker) -> None:
    """"The ministry said Russia will respond, according to a Reuters report.": a statement
    whose speaker was taken from the source phrase (the tagger reads "according to X" as X
    speaking) has its verb's own subject back as speaker, the source being its relay (a
    probe of dev/6's forms gave the report as speaker and relay both)."""
    if d.speaker is None or d.cue_token is None or \
            not marker.source.start <= d.speaker.start < marker.source.end:
        return
    subj = subject(ctx.doc[d.cue_token])
    if subj is None or not subj.tag_.startswith(("NN", "PRP")) or \
            not marker.sent.start <= subj.i < marker.sent.end or \
            marker.phrase.start <= subj.idx < marker.phrase.end:
        return
    d.speaker, d.speaker_token = np_span(subj), subj.i


def back_reference(ctx: Context, marker: Marker) -> Draft | None:
    """"Conflict in eastern Ukraine will not be solved even when Ukraine restores control over
    its state border." / "That is according to the head of the … Ministry for IDPs … Vadym
    Chernysh, who recently spoke to the Golos Ukrainy parliamentary newspaper." (UA Today,
    relays dev): the paragraph before is the source's statement (the sentence before, inside
    a paragraph), the source runs to the name after its role, and the outlet he spoke to is
    the addressee and relay."""
    text = ctx.text
    s0 = marker.sent.start_char
    if marker.phrase.start <= s0 or \
            not DEMONSTRATIVE_RE.fullmatch(text[s0:marker.phrase.start].strip(" ,")):
        return None
    paras = paragraphs(text)
    k = next((i for i, (ps, pe) in enumerate(paras) if ps <= s0 < pe), None)
    if k is None:
        return None
    if text[paras[k][0]:s0].strip():
        first = marker.sent.start - 1
        while first >= 0 and ctx.doc[first].is_space:
            first -= 1
        if first < 0:
            return None
        before = ctx.doc[first].sent
        cs, ce = before.start_char, before.end_char
    elif k > 0:
        cs, ce = paras[k - 1]
    else:
        return None
    content = content_span(text, cs, ce, [])
    if content.end - content.start < MIN_CONTENT:
        return None
    source = _named_after_role(ctx, marker)
    word = ctx.doc[marker.word]
    draft = Draft([content], source, CueSpan(word.idx, marker.source.start - 1, "according to"),
                  "according", confidence=0.7)
    for tok in marker.sent:
        if tok.idx < source.end or tok.lower_ not in ("to", "with") or \
                tok.head.lemma_.lower() not in TALK_LEMMAS:
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        outlet = outlet_of(ctx, np_span(pobj))
        if outlet is not None:
            add_relay(ctx, draft, outlet, first=True)
            draft.addressee = draft.addressee or np_span(pobj)
            break
    return draft


def _named_after_role(ctx: Context, marker: Marker) -> CharSpan:
    """The source up to the person named after its role and a comma ("the head of the …
    Ministry for IDPs, ATO zone and temporarily occupied territories Vadym Chernysh, who …"),
    else as the marker read it."""
    source = marker.source
    for mention, entity in ctx.entities.mentions_between(source.end, marker.sent.end_char):
        if entity.type != "PERSON":
            continue
        span = ctx.doc.char_span(source.end, mention.start, alignment_mode="expand")
        if span is not None and any(t.tag_ in FINITE and any(c.dep_ in SUBJECTS for c in t.children)
                                     for t in span):
            break
        after = ctx.text[mention.end:marker.sent.end_char].lstrip()
        if after[:1] in (",", ".", "") or after.startswith(("who ", "who\n")):
            return CharSpan(source.start, mention.end)
        break
    return source


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
    if head.lemma_.lower() in ("report", "write") and outlet_in(
            ctx.text, *np_span(subj).pair, load_outlets(), ctx.article_outlets) is not None:
        # "Officials expect a deal, Bloomberg News reported, citing people familiar with the
        # matter": what an outlet's report cites is its source, never its reason
        return None
    content = content_span(ctx.text, marker.source.start, marker.source.end, [])
    if content.end - content.start < MIN_CONTENT:
        return None
    word = doc[marker.word]
    return Draft([content], np_span(subj), CueSpan(word.idx, word.idx + len(word), "cite"),
                 "verb", cue_token=word.i, speaker_token=subj.i, confidence=0.6)


# what a speaker's own words come in, no one who passed them on: "The White House said the
# talks collapsed, CNN reported, citing a statement" (CNN alone relays it)
DOCUMENT_WORDS = frozenset({"statement", "statements", "communique", "communiqué", "letter",
                            "transcript", "release", "document", "documents", "post", "tweet",
                            "message", "video", "recording", "filing", "decree"})


# words after a document's head that tell whose or which it is
DOCUMENT_TAIL = frozenset({"by", "from", "of", "released", "published", "issued", "posted",
                           "seen", "obtained", "sent", "signed", "on", "to"})


def _document(ctx: Context, source: CharSpan) -> bool:
    """Whether a cited source is the speaker's own text ("a statement", "a letter seen by
    …"), not an outlet or a person: no relay of the speaker's words."""
    words = re.findall(r"[\w'’-]+", source.of(ctx.text).lower())
    # the phrase's head comes before what tells whose it is: "a transcript released by the
    # ministry", "a statement from the ministry", "a letter seen by Reuters"
    cut = next((k for k, w in enumerate(words) if k and w in DOCUMENT_TAIL), len(words))
    return bool(words) and words[cut - 1] in DOCUMENT_WORDS and outlet_of(ctx, source) is None


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
        if subj is None and verb.dep_ == "acl" and verb.i > verb.head.i:
            # "The talks will resume next week, the Interfax news agency reported on Monday,
            # citing a diplomatic source": the parse hangs "reported" on the agency
            subj = verb.head
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
