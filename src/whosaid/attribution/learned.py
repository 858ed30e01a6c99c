"""Statements from the trained tagger's spans: each content joined to its nearest cue, each
cue to its source (the tagged source nearest it, else the cue verb's subject)."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ..model import StatementMode
from ..nlp import doc_text
from ..nlp.tagger import SCORES_KEY, bio_spans
from ..resources import load_json
from .drafts import CharSpan, CueSpan, Draft
from .lexicon import load_lexicon
from .quotes import ALL_MARKS, paragraphs
from .syntax import np_span, subject
from .verbs import NAMING_CONFIDENCE, naming, naming_span, thing

# a content further than this many tokens from any cue in its paragraph is not kept
MAX_CUE_GAP = 30
OTHER_SENTENCE_PENALTY = 12
# how many tokens from its cue a tagged source may stand
SOURCE_REACH = 12
# verbs of a state, not a deed: "seemed to be …", "seems to have vanished"
STATES = ("be", "have")


def _root(doc: Doc, s: int, e: int) -> Token:
    span = doc[s:e]
    return span.root


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def paragraph_index(doc: Doc) -> list[int]:
    """The paragraph (line of stored text) of every token."""
    starts = numpy.asarray([s for s, _ in paragraphs(doc_text(doc))] or [0])
    idx = doc.to_array([IDX]).reshape(-1)
    return [max(0, int(k) - 1) for k in numpy.searchsorted(starts, idx, side="right")]


def learned_drafts(doc: Doc) -> list[Draft] | None:
    """Drafts from the tagger's CUE / SRC / CON spans; None when the tagger did not run."""
    if SCORES_KEY not in doc.user_data:
        return None
    paragraph_of = paragraph_index(doc)
    spans = bio_spans(doc)
    cues = [(s, e, p) for t, s, e, p in spans if t == "CUE"]
    srcs = [(s, e, p) for t, s, e, p in spans if t == "SRC"]
    cons = [(s, e, p) for t, s, e, p in spans if t == "CON"]
    lex = load_json("cues.json")
    thought = set(lex["thought"]) - set(lex["speech"])
    sourceless = set(lex["sourceless"])
    inanimate = load_lexicon().inanimate
    by_cue: dict[int, list[tuple[int, int, float]]] = {}
    orphan: list[tuple[int, int, float]] = []
    last: tuple[int, tuple[int, int, float]] | None = None  # (cue, content) just joined
    for con in cons:
        best: tuple[int, int] | None = None
        for k, cue in enumerate(cues):
            if paragraph_of[cue[0]] != paragraph_of[con[0]] and \
                    paragraph_of[cue[0]] != paragraph_of[max(con[0], con[1] - 1)]:
                continue
            d = _gap((con[0], con[1]), (cue[0], cue[1]))
            if d > MAX_CUE_GAP:  # too far already (the penalty only adds): skip the
                continue  # sentence look-ups, which made a long paragraph quadratic
            if doc[cue[0]].sent.start != doc[min(con[1] - 1, con[0])].sent.start and \
                    doc[cue[0]].sent.start != doc[con[1] - 1].sent.start:
                d += OTHER_SENTENCE_PENALTY
            if d <= MAX_CUE_GAP and (best is None or d < best[0]):
                best = (d, k)
        if best is None and last is not None and _opens_quote(doc, con[0]) and \
                paragraph_of[con[0]] == paragraph_of[last[1][1] - 1] + 1:
            # a quote running on into the next paragraph belongs to the same statement
            best = (0, last[0])
        if best is None:
            orphan.append(con)
            last = None
        else:
            by_cue.setdefault(best[1], []).append(con)
            last = (best[1], con)
    drafts = []
    for k, group in by_cue.items():
        cs, ce, cp = cues[k]
        root = _root(doc, cs, ce)
        lemma = root.lemma_.lower()
        speaker, speaker_tok = (None, None) if lemma in sourceless and \
            not hedged_report(root) or unnamed_asker(root) else \
            source_for(doc, (cs, ce), srcs, root)
        if speaker_tok is not None and thing(doc[speaker_tok], inanimate) and \
                not doc[speaker_tok].ent_type_:
            continue  # "the simulation required 16,000 cores": a thing says nothing
        mode: StatementMode = "thought" if lemma in thought else "speech"
        fragments = [CharSpan(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, _ in group]
        conf = round(min(p for _, _, p in group) * 0.5 + cp * 0.3 + 0.15, 2)
        names = naming(root, lemma)
        if names:
            # "called Omar a “terrorist”": the parse's bounds, at a naming's confidence
            fragments = [naming_span(root, names)]
            conf = min(conf, NAMING_CONFIDENCE)
        cue_chars = CueSpan(doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1]), lemma)
        drafts.append(Draft(sorted(fragments), speaker, cue_chars, "learned", mode,
                            root.i, speaker_tok, confidence=conf))
    return drafts


def unnamed_asker(root: Token) -> bool:
    """Whether the cue is a passive participle with no one who did it: in "Asked what a
    firm commitment looks like, Devine replied: …" Devine is the one asked, the asker goes
    unnamed, and PolNeAR marks the question with no source (PolNeAR train articles 150-400:
    8 such questions got the answerer for their speaker; with :func:`implied_subject`'s
    participle after a preposition, PolNeAR dev e2e 0.687 -> 0.688, train 150-400 0.684 ->
    0.687). One with its own subject ("as Reuters reported") is no participle. A passive
    cue with no agent names no one either ("she is expected to …", "the price was not
    disclosed"; PolNeAR marks them with no source: dev 0.689 -> 0.690, train 0.688 ->
    0.689)."""
    # the parse tags a sentence's first "Asked" VBD as often as VBN
    if root.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in root.children):
        # "she is expected to move swiftly", "The plan was ultimately approved last year, but
        # city officials …": a passive with no "by" names no one who did it; its subject
        # still speaks where a participle tells it ("is quoted as saying", "are left
        # wondering")
        return not any(c.dep_ == "agent" or c.tag_ == "VBG" or
                       any(g.tag_ == "VBG" for g in c.children) for c in root.children)
    return root.tag_ in ("VBN", "VBD") and root.dep_ == "advcl" and not any(
        c.dep_ in ("agent", "nsubjpass", "auxpass", "nsubj") for c in root.children)


def hedged_report(root: Token) -> bool:
    """Whether a "seem"/"appear" cue hedges something its subject does ("Stumpf appeared
    to blame low-level workers", "Anderson seemed to think …"), not a state it is in
    ("the music seemed to be …", "Melania seems to have vanished", PolNeAR with no source):
    the subject is then the source (PolNeAR dev e2e 0.676 -> 0.677)."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() not in STATES and not any(
        a.dep_ in ("aux", "auxpass") and a.lemma_.lower() in STATES for a in c.children)
        for c in root.children)


def _opens_quote(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is, or directly follows, an opening quotation mark."""
    for tok in (doc[i], doc[i - 1] if i > 0 else None):
        if tok is not None and tok.text in ALL_MARKS:
            return True
    return False


def source_for(doc: Doc, cue: tuple[int, int], srcs: list[tuple[int, int, float]],
                root: Token) -> tuple[CharSpan | None, int | None]:
    """The tagged source nearest the cue in its sentence (the name, where the tagger marked
    only its "’s" or its "Mr."), else the cue verb's subject."""
    sent = doc[cue[0]].sent
    near = [(_gap((s, e), cue), s, e) for s, e, _ in srcs
            if sent.start <= s < sent.end and _gap((s, e), cue) <= SOURCE_REACH]
    if near:
        _, s, e = min(near)
        tok = doc[s]
        if e - s == 1 and tok.head.pos_ == "PROPN" and (
                (tok.tag_ == "POS" and tok.head.i == tok.i - 1) or
                (tok.text.endswith(".") and tok.head.i == tok.i + 1)):
            # the tagger took the "’s" of "North Korea’s claims" or the "Mr." of "Mr.
            # Trump" for the whole source: the name it belongs to is
            return np_span(tok.head), tok.head.i
        return CharSpan(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])), doc[s:e].root.i
    subj = subject(root) or implied_subject(root)
    if subj is not None:
        return np_span(subj), subj.i
    return None, None


def implied_subject(root: Token) -> Token | None:
    """Who an infinitive or a participle cue has for its subject when it names none: the
    subject of the verb it completes ("Stumpf refused to admit that …": Stumpf), or its
    object ("the senator pressed Stumpf to admit …": Stumpf), the noun a
    participle hangs on ("a statement announcing the pick", "the first accord committing
    nearly every country to …": PolNeAR marks the statement, the accord)."""
    if root.dep_ == "xcomp" and root.head.i != root.i and root.head.pos_ in ("VERB", "AUX"):
        # "pressed Stumpf to admit …": the one pressed admits, not the senator pressing
        objects = [c for c in root.head.children if c.dep_ == "dobj" and c.i < root.i]
        return objects[-1] if objects else subject(root.head)
    if root.dep_ == "acl" and root.tag_ == "VBG" and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    prep = root.head
    if root.dep_ == "pcomp" and root.tag_ == "VBG" and prep.dep_ == "prep" and \
            prep.lower_ != "as" and prep.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("auxpass", "nsubjpass") for c in prep.head.children):
        # "Trump began the day in a hole after questioning Israel's commitment", "in
        # rejecting a similar challenge, the commission …": the one who does the clause's
        # verb (PolNeAR train articles 150-400: 7 such cues had no speaker); not "was
        # quoted by DHA as saying" (the relays' reading) nor another passive's
        return subject(prep.head)
    return None
