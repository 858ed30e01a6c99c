"""Sentence-credit pass: an outlet named in a sentence passed its statements on.

Re-reported news credits the outlet it copied from inside the sentence: "Lavrov said the
talks were fairly good, TASS reported." keeps Lavrov as the speaker and gives TASS as the
relay; so do "reports TASS news agency", "as reported by Kryminform news agency", "quoted by
Reuters", "as cited by Meduza", "as the Associated Press notes", "a Ukrinform correspondent
reports", "“…,” TASS quoted her as saying" (her words), "Shoigu was quoted as saying by news
agency TASS", "Fars quoted an informed source as denying …", "Interfax cited him as saying",
"in a statement obtained by the Washington Post", "said on Channel One", and "X told the
Interfax news agency" / "in an interview to the Associated Press" / "Giving the interview to
the Time correspondent" (the outlet is addressee and relay; ", adding that …" shares it).

Relays are kept nearest to the speaker first: a credit in the sentence is nearer than what
frames the whole article (:mod:`.frames`, after this pass). An outlet that is the only
speaker of its sentence ("Reuters reported that talks had failed") stays the speaker: its
own words are never turned into a relay.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .context import Context
from .drafts import CharSpan, CueSpan, Draft, content_span
from .outlets import fold, load_outlets, outlet_in, reported_names, staff_outlet, unnamed
from .syntax import np_span, subject

# verbs an outlet credits a sentence with: "…, TASS reported", "as AP notes"
CREDIT_VERBS = frozenset({"report", "write", "note", "publish", "broadcast", "inform", "say",
                          "add", "quote", "cite"})
# of those, the ones whose outlet may follow the verb in a credit closing a sentence: "…,
# reports TASS", "…, writes Bloomberg", "…, informs Anadolu Agency" (a translation of
# "сообщает"; dev/6: Cavusoglu's statement lost its relay and its content)
INVERTED_CREDIT = frozenset({"report", "write", "inform"})
# passive participles whose "by" names who said or passed on the sentence
# ("a statement obtained by the Washington Post", "a letter seen by Reuters")
PASSIVE_CUES = frozenset({"report", "quote", "cite", "state", "say", "indicate", "note",
                          "announce", "publish", "tell", "carry", "air", "obtain", "see",
                          "broadcast", "print", "transmit", "relay", "translate"})
# of those, the ones whose agent only passed the words on, whoever it is ("as translated by
# IFP"), not said them ("as stated by Peskov")
PASSED_ON = frozenset({"report", "quote", "cite", "publish", "carry", "air", "broadcast",
                       "print", "transmit", "relay", "translate"})
# participles whose "by" names the outlet a speaker talked to: "two Turkish officials
# contacted by AFP confirmed", "a spokesman reached by Reuters", "residents interviewed by
# the BBC" (dev/6: the officials' words lost AFP)
CONTACTED = frozenset({"contact", "reach", "interview", "ask", "approach", "question"})
# prepositions that credit an outlet: "…, per Reuters", "… (via TASS)"
CREDIT_PREPS = frozenset({"per", "via"})
# words that make the outlet a statement was said "on" a broadcaster: "on Rossiya 1 TV"
ON_AIR = frozenset({"tv", "television", "channel", "radio", "broadcaster"})
# what "quoted X as …ing" says X did: "TASS quoted her as saying", "Fars quoted an informed
# source as denying a report" (the content follows the verb)
QUOTED_AS = frozenset({"say", "deny", "tell", "describe", "warn", "confirm", "call", "claim",
                       "stress", "add", "insist", "suggest", "state", "urge", "accuse"})
# what a speaker writes for an outlet, which publishes it: "wrote in an op-ed for The
# Washington Post", "in a column for Le Monde" (and "wrote in The Guardian")
WRITTEN_NOUNS = frozenset({"op-ed", "oped", "column", "article", "essay", "editorial",
                           "commentary", "piece"})
# verbs of a speaker talking to an outlet in a participle clause: "Speaking to the BBC, …"
TALK_VERBS = frozenset({"speak", "talk"})
# nouns whose "to"/"with"/"by" names the outlet a speaker talked to
TALK_NOUNS = frozenset({"interview", "statement", "comment", "comments", "remarks",
                        "conversation", "remark", "briefing", "email", "e-mail", "message",
                        "call"})


def sentence_credits(ctx: Context) -> None:
    """Relay the statements of every sentence that credits an outlet."""
    if not ctx.article_outlets:  # the according pass found them, unless it did not run
        ctx.article_outlets = reported_names(ctx.doc, load_outlets())
    for sent in ctx.doc.sents:
        for tok in sent:
            # "TASS quoted her as saying", "Interfax cited him as saying"
            if tok.lemma_.lower() in ("quote", "cite") and tok.tag_.startswith("VB") and \
                    tok.tag_ != "VBG":
                _quoted_as_saying(ctx, sent, tok)
        for tok in sent:
            if tok.tag_.startswith("VB") and tok.lemma_.lower() in CREDIT_VERBS:
                _credit_verb(ctx, sent, tok)
            elif tok.lower_ == "by" and tok.head.tag_ == "VBN" and \
                    tok.head.lemma_.lower() in PASSIVE_CUES:
                _passive_by(ctx, sent, tok)
            elif tok.lower_ == "by" and tok.head.tag_ == "VBN" and \
                    tok.head.lemma_.lower() in CONTACTED:
                _contacted_by(ctx, sent, tok)
        _talked_to(ctx, sent)
        _credit_preposition(ctx, sent)
        _staff_reports(ctx, sent)
    for d in ctx.drafts:
        _outlet_speaker(ctx, d)
        _credit_in_speaker(ctx, d)
        _outlets_sources(ctx, d)
        # a relay phrase names its outlet: "Russia’s Interfax news agency" is Interfax
        for k, r in enumerate(d.relays):
            outlet = outlet_of(ctx, r)
            if outlet is not None:
                d.relays[k] = outlet
        _not_own_relay(ctx, d)
    _said_this_to(ctx)
    _about_it_reports(ctx)


def _not_own_relay(ctx: Context, d: Draft) -> None:
    """A speaker never passes on its own words: a relay that names the speaker goes ('…,
    Peskov said, reports "RIA Novosti".' under a headline: the report read as Peskov's
    wrapped his words and left him as their relay)."""
    if d.speaker is None:
        return
    who = fold_words(d.speaker.of(ctx.text))
    d.relays = [r for r in d.relays if r != d.speaker and
                not (who and fold_words(span_text(ctx, r)) == who)]


# a sentence that only credits the one before: "About it reports RIA Novosti news Agency."
# (a machine translation of "Об этом сообщает"), "This was reported by TASS.", "On Wednesday,
# January 12, reports TASS with reference to the press secretary of the president Dmitry
# Peskov." (the source after "with reference to" said it)
_WHEN = r"(?:On [^;:.]{3,40}?, )?"
_SOURCE = r"(?:,? (?:with reference to|referring to|citing|quoting) (?P<src>[^,;:]{2,80}?))?"
ABOUT_IT_RE = re.compile(_WHEN + r"(?:(?:About|On) (?:it|this|that),? )?(?:reports?|writes|"
                         r"informs|reported|wrote|informed) (?P<o>[^,;:]{2,50}?)" + _SOURCE +
                         r"[.!]?", re.I)
REPORTED_BY_RE = re.compile(r"(?:This|It|That) (?:is|was|has been) (?:reported|written|"
                            r"published) by (?P<o>[^,;:]{2,50}?)" + _SOURCE + r"[.!]?", re.I)


def _same_head(a: str, b: str) -> bool:
    """Whether two phrases name one speaker by their last words ("Dmitry Peskov", "the press
    secretary of the president Dmitry Peskov"; not "the President of Russia")."""
    wa, wb = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    return bool(wa and wb) and (wa[-1] in wb or wb[-1] in wa)


def _about_it_reports(ctx: Context) -> None:
    """"Peskov explained that … . About it reports RIA Novosti news Agency.": a sentence that
    only names an outlet credits the sentence before it in its paragraph; the outlet relays
    that sentence's statements, and the credit itself is no statement (dev: a machine
    translation of a RIA story lost its relay). A source it names ("with reference to the
    press secretary …") said the sentence before, unless a statement there is already
    theirs; with no source and no statement there, the sentence is the outlet's report."""
    sents = list(ctx.doc.sents)
    lex = load_outlets()
    for k in range(1, len(sents)):
        sent = sents[k]
        lead = len(sent.text) - len(sent.text.lstrip())
        text = sent.text.strip()
        m = ABOUT_IT_RE.fullmatch(text) or REPORTED_BY_RE.fullmatch(text)
        if m is None:
            continue
        start = sent.start_char + lead + m.start("o")
        outlet = outlet_in(ctx.text, start, start + len(m.group("o")), lex, ctx.article_outlets)
        prev = sents[k - 1]
        if outlet is None or "\n" in ctx.text[prev.end_char:sent.start_char]:
            continue
        source = None
        if m.group("src"):
            s0 = sent.start_char + lead + m.start("src")
            source = CharSpan(s0, s0 + len(m.group("src")))
        said = source.of(ctx.text) if source is not None else None
        theirs = [d for d in in_sentence(ctx, prev) if d.speaker is not None and
                  (said is None or _same_head(d.speaker.of(ctx.text), said))]
        ctx.drafts = [d for d in ctx.drafts if d not in in_sentence(ctx, sent)]
        if theirs:
            for d in theirs:
                add_relay(ctx, d, outlet)
            continue
        content = content_span(ctx.text, prev.start_char, prev.end_char, [])
        if content.end - content.start < 3:
            continue
        verb = next((t for t in sent if t.lemma_.lower() in CREDIT_VERBS), sent[0])
        draft = Draft([content], source or outlet,
                      CueSpan(verb.idx, verb.idx + len(verb), "report"), "according",
                      confidence=0.7)
        if source is not None:
            draft.relays.append(outlet)
        ctx.drafts.append(draft)


# the words a back-referring content opens with: "He said this in an interview with RBC",
# "He spoke about this …"
# and nothing else but where it was said (not "that the talks had failed")
THIS_RE = re.compile(r"(?:about\s+)?(?:this|that|so|it)(?:[\s,.]*$|\s+(?:in|at|during|on|to|"
                     r"while|when|after|before|via|speaking|with)\b)", re.IGNORECASE)
PRONOUNS = frozenset({"he", "she", "they"})


def _said_this_to(ctx: Context) -> None:
    """"Peskov said … . He said this in an interview with RBC.": the second sentence only
    tells where the first was said; its outlet is the first's addressee and nearest relay,
    and "this" is no statement."""
    drop: list[Draft] = []
    for d in ctx.drafts:
        if not d.relays or d.speaker is None or not d.fragments or not THIS_RE.match(
                ctx.text, d.fragments[0].start, d.fragments[-1].end):
            continue
        tok = ctx.doc.char_span(d.fragments[0].start, d.fragments[0].end,
                                alignment_mode="expand")
        if tok is None or tok.sent.start == 0:
            continue
        prev_sent = ctx.doc[tok.sent.start - 1].sent
        if "\n" in ctx.text[prev_sent.end_char:tok.sent.start_char]:
            continue  # a paragraph's opening credit is the back-references pass's
        who = fold_words(d.speaker.of(ctx.text))
        before = [p for p in in_sentence(ctx, prev_sent) if p is not d and p.speaker is not None
                  and (who & PRONOUNS or who & fold_words(p.speaker.of(ctx.text)))]
        if not before:
            continue
        for p in before:
            for r in reversed(d.relays):
                add_relay(ctx, p, r, first=True)
            if p.addressee is None and d.addressee is not None:
                p.addressee = d.addressee
        drop.append(d)
    ctx.drafts = [d for d in ctx.drafts if d not in drop]


# words two speakers' phrases share without naming one speaker ("The Kremlin said …" and
# "The minister said this …" are not one speaker)
_NOT_NAME_WORDS = frozenset({"the", "a", "an", "of", "and", "'s", "s"})


def fold_words(text: str) -> set[str]:
    """A name's words, case folded, without articles and "of" ("Dmitry Peskov" → {"dmitry",
    "peskov"}; "the head of state" → {"head", "state"})."""
    return set(re.findall(r"\w+", text.lower())) - _NOT_NAME_WORDS


# a name right after a media phrase: "the official news agency MENA", "state broadcaster
# NHK" (not a weekday, a month or a sentence's next word after a comma)
NAME_AFTER_RE = re.compile(r"[ \t]+(?P<n>[A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*){0,2})\b")
NOT_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "january", "february", "march", "april", "may", "june", "july",
                       "august", "september", "october", "november", "december", "on", "in",
                       "the", "that", "said", "reported", "i"})


def outlet_of(ctx: Context, span: CharSpan) -> CharSpan | None:
    """The outlet a phrase names (a listed or reported name, a media phrase, a reporter's
    employer), or None."""
    lex = load_outlets()
    found = outlet_in(ctx.text, span.start, span.end, lex, ctx.article_outlets)
    if found is not None and found.end == span.end and unnamed(found.of(ctx.text)):
        # "a statement carried by the official news agency MENA that …": the parse ends
        # the phrase before the name in apposition; the name is the outlet
        m = NAME_AFTER_RE.match(ctx.text, found.end)
        if m is not None and m.group("n").split()[0].lower() not in NOT_NAMES:
            return CharSpan(m.start("n"), m.end("n"))
    return found or staff_outlet(ctx.text, span.start, span.end, lex, ctx.article_outlets)


def in_sentence(ctx: Context, sent: SpacySpan) -> list[Draft]:
    """The drafts whose cue is in the sentence."""
    return [d for d in ctx.drafts if (d.cue_token is not None and
                                      sent.start <= d.cue_token < sent.end) or
            (d.cue_token is None and d.cue is not None and
             sent.start_char <= d.cue.start < sent.end_char)]


def span_text(ctx: Context, span: CharSpan) -> str:
    """The characters of ``span``, read from the page furniture the analysis text blanks out
    when it lies in a dropped line ("ANS TV, Baku", a re-post's header: :mod:`.frames`)."""
    text = span.of(ctx.text)
    if text.strip() or not ctx.furniture:
        return text
    for f in ctx.furniture:
        if f.start <= span.start and span.end <= f.end:
            return f.text[span.start - f.start:span.end - f.start]
    return text


def add_relay(ctx: Context, d: Draft, outlet: CharSpan, first: bool = False,
              in_speaker: bool = False) -> None:
    """Add ``outlet`` to the draft's relays once, never when it is the speaker itself
    (unless ``in_speaker``: "the Kommersant newspaper’s sources" spoke, Kommersant relayed)."""
    name = fold(span_text(ctx, outlet))
    if not in_speaker and d.speaker is not None and (
            _names_outlet(name, fold(d.speaker.of(ctx.text))) or
            d.speaker.start <= outlet.start < d.speaker.end):
        return
    for k, r in enumerate(d.relays):
        have = f" {fold(span_text(ctx, r))} "
        if f" {name} " in have or have in f" {name} " or r.start <= outlet.start < r.end:
            if r.start <= outlet.start and outlet.end <= r.end:
                d.relays[k] = outlet  # "Russia’s Interfax news agency" → "Interfax"
            return
    if first:
        d.relays.insert(0, outlet)
    else:
        d.relays.append(outlet)


# words before an outlet's name in a speaker's phrase that make the speaker one of its
# people, not the outlet: "attorneys for the AP", "an editor at Reuters", "the head of TASS"
OF_OUTLET = frozenset({"for", "at", "of", "with"})


def _names_outlet(name: str, speaker: str) -> bool:
    """Whether a folded speaker's phrase is the outlet ``name`` speaking: its words hold the
    name as whole words ("the Interfax news agency"; a test on characters took "ap" inside
    "Japanese officials" for the AP), and not after "for"/"at"/"of" ("attorneys for the AP"
    spoke, and the AP's dateline passed it on: dev/6 lost that relay)."""
    words, want = [w for w in speaker.split() if w not in ("the", "a", "an")], name.split()
    for k in range(len(words) - len(want) + 1):
        if words[k:k + len(want)] == want:
            return not (k > 0 and words[k - 1] in OF_OUTLET)
    return False


def _inside_content(d: Draft, pos: int) -> bool:
    return any(f.start <= pos < f.end for f in d.fragments)


def _credit_verb(ctx: Context, sent: SpacySpan, verb: Token) -> None:
    """"…, TASS reported", "reports TASS news agency", "as AP notes, …": the outlet relays
    the other statements of the sentence."""
    if ctx.inside[verb.idx]:
        # '“Interior Minister said nothing of what Geo was reporting”, the spokesperson
        # said': an outlet reporting inside a quotation is the speaker's words, no credit
        # (dev/5: the quotation was cut before "Geo" and Geo made its relay)
        return
    outlet = _inverted_outlet(ctx, sent, verb)
    subj = subject(verb) if outlet is None else None
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.tag_.startswith("VB")]
    if subj is not None and verb.lemma_.lower() not in ("report", "write") and any(
            c.dep_ == "dobj" and c.i > verb.i for v in verbs for c in v.children):
        # "some Chinese media outlets just cited or re-posted those reports": what an outlet
        # cited or quoted is its object, not the sentence (dev: "Chinese" relayed Mao's words)
        return
    if outlet is None and (subj is None or subj.i < sent.start or subj.i >= sent.end):
        nxt = verb.i + 1
        if nxt >= sent.end or verb.lemma_.lower() not in INVERTED_CREDIT:
            return
        subj = ctx.doc[nxt]  # "…, reports TASS news agency", "…, writes Bloomberg"
        while subj.head.i != subj.i and subj.head.i > verb.i and subj.dep_ == "compound":
            subj = subj.head
    if outlet is None and subj is not None:
        outlet = outlet_of(ctx, np_span(subj))
    if outlet is None:
        # "…, said spokesperson Maria Zakharova, RIA Novosti reports": the parser may take
        # the name before the verb for a conjunct of another subject
        names: list[Token] = []
        k = verb.i - 1
        while k >= sent.start and ctx.doc[k].tag_ in ("NNP", "NNPS"):
            names.insert(0, ctx.doc[k])
            k -= 1
        if not names:
            return
        outlet = outlet_of(ctx, CharSpan(names[0].idx, names[-1].idx + len(names[-1])))
        if outlet is None:
            return
    drafts = in_sentence(ctx, sent)
    own = [d for d in drafts if d.cue_token == verb.i]
    if any(d.fragments and min(f.start for f in d.fragments) > verb.idx for d in own):
        return  # "TASS reported that …": a report with its content (the nested pass reads it)
    first = ctx.doc[max(sent.start, min(verb.i, _token_at(ctx, outlet)))]
    phrase = CharSpan(_phrase_start(ctx, sent, first), max(outlet.end, verb.idx + len(verb)))
    for d in drafts:
        if d not in own and d.speaker is not None and d.speaker.end <= phrase.start and \
                any(phrase.start <= f.start and f.end <= phrase.end for f in d.fragments):
            # "…, Lavrov said, informs RBC-Ukraine.": the tagger gave Lavrov the credit as a
            # second piece of his content; it is only the credit (probe of dev/6's form)
            cut_tail_credit(ctx.text, d, phrase.start, phrase.end)
    others = [d for d in drafts if d not in own and not _inside_content(d, verb.idx)
              and not (d.speaker is not None and d.speaker.start <= outlet.start < d.speaker.end)]
    if verb.lemma_.lower() in ("say", "add") and not load_outlets().known(outlet.of(ctx.text)):
        return  # "…, the agency said": only a listed outlet credits with "said"
    if not others:
        covering = [d for d in drafts if d not in own and _inside_content(d, verb.idx)]
        if covering and own and all(d.pattern == "learned" and d.speaker is not None and
                                    any(c.covers(d.speaker.start, d.speaker.end)
                                        for c in covering) for d in own):
            # "Kim said …, South Korean news agency Yonhap reported, citing KCNA": the tagger
            # read the credit inside Kim's content as Yonhap's statement ("Korean news",
            # with Kim as its relay, dev); it is only the credit of the content around it
            ctx.drafts = [d for d in ctx.drafts if d not in own]
            drafts = [d for d in drafts if d not in own]
            own = []
        for d in own:
            if not _agent_speaks(ctx, sent, d, outlet) and \
                    not _subject_before_content(ctx, sent, d, outlet):
                _subjectless_cue(ctx, sent, d, outlet)
        if not own:
            # "Zelensky said Russia was not ready for peace, reports Ukrinform.": the parse
            # hung the credit inside the content; it closes the content, so it is cut off
            # (or '…, "require clarification," TASS quoted.')
            for d in drafts:
                if cut_tail_credit(ctx.text, d, phrase.start, phrase.end):
                    add_relay(ctx, d, outlet)
        return
    for d in others:
        add_relay(ctx, d, outlet)
    ctx.drafts = [d for d in ctx.drafts if d not in own]


# what may follow the outlet of a credit closing its sentence: "…, reports TASS, citing …"
INVERTED_TAIL_RE = re.compile(r"[\s\"”»’')]*(?:$|[,;(]|citing\b|quoting\b|with reference\b|"
                              r"referring\b)")


def _inverted_outlet(ctx: Context, sent: SpacySpan, verb: Token) -> CharSpan | None:
    """The outlet after a credit verb that closes its sentence after a comma: "…, Cavusoglu
    said at a meeting in Ankara, informs Anadolu Agency." (the parse takes the verb for a
    conjunct of "said", with Cavusoglu its subject and the agency its object; dev/6 lost
    the relay), "…, informs RBC-Ukraine.", '…, reports "RIA Novosti".'; None for any other
    verb."""
    if verb.lemma_.lower() not in INVERTED_CREDIT or verb.i + 1 >= sent.end or \
            verb.i == sent.start or ctx.doc[verb.i - 1].text != ",":
        return None
    end = sent.end_char
    while end > verb.idx and ctx.text[end - 1] in " .!\n":
        end -= 1
    start = verb.idx + len(verb)
    found = outlet_of(ctx, CharSpan(start, end))
    if found is None or ctx.text[start:found.start].strip(" \"“«'‘") or \
            not INVERTED_TAIL_RE.match(ctx.text, found.end, end):
        return None
    return found


def _agent_speaks(ctx: Context, sent: SpacySpan, d: Draft, outlet: CharSpan) -> bool:
    """"Russia counts on …, as stated by Peskov, RIA Novosti reported": the outlet's one
    statement is Peskov's, passed on by the outlet."""
    for tok in sent:
        if tok.lower_ != "by" or tok.head.tag_ != "VBN" or \
                tok.head.lemma_.lower() not in PASSIVE_CUES or not _inside_content(d, tok.idx):
            continue
        pobj = [c for c in tok.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        agent = np_span(pobj[0])
        if outlet_of(ctx, agent) is not None:
            continue
        ent = next((e for e in ctx.doc.ents if e.start <= pobj[0].i < e.end), None)
        if ent is not None:  # "the Presidential Press Secretary Dmitry Peskov": the name
            agent = CharSpan(ent.start_char, ent.end_char)
        phrase_start = tok.head.idx
        prev = ctx.doc[tok.head.i - 1] if tok.head.i > sent.start else None
        if prev is not None and prev.lower_ == "as":
            phrase_start = prev.idx
        content = content_span(ctx.text, sent.start_char, phrase_start, [])
        if content.end - content.start < 3:
            continue
        d.fragments = [content]
        d.speaker, d.speaker_token = agent, pobj[0].i
        d.cue = CueSpan(tok.head.idx, tok.head.idx + len(tok.head), tok.head.lemma_.lower())
        d.cue_token = tok.head.i
        add_relay(ctx, d, outlet)
        return True
    return False


def _subject_before_content(ctx: Context, sent: SpacySpan, d: Draft, outlet: CharSpan
                            ) -> bool:
    """"The Kremlin spokesman also pointed to the need for guarantees …, writes Bloomberg.":
    the outlet's one statement opens with a speech verb whose subject stands just before it
    (realnews dev: the outlet kept the spokesman's words as its own); the subject said it,
    the outlet passed it on."""
    if not d.fragments:
        return False
    first = ctx.doc.char_span(d.fragments[0].start, d.fragments[0].end, alignment_mode="expand")
    if first is None:
        return False
    # the verb opens the content, or stands just before it ("pointed to | the need …")
    near = list(ctx.doc[max(sent.start, first.start - 3):first.start]) + list(first[:3])
    verb = next((t for t in near if t.tag_ in ("VBD", "VBZ")), None)
    if verb is None or verb.lemma_.lower() not in ctx.lex.speech:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not sent.start <= subj.i < sent.end or \
            subj.idx >= d.fragments[0].start or subj.pos_ not in ("NOUN", "PROPN") or \
            outlet_of(ctx, np_span(subj)) is not None:
        return False
    rest = verb.i + 1
    while rest < sent.end and ctx.doc[rest].dep_ in ("prt", "prep") and \
            ctx.doc[rest].lower_ in ("to", "out", "on", "at"):
        rest += 1  # "pointed to", "pointed out"
    content = content_span(ctx.text, max(ctx.doc[rest].idx if rest < sent.end else d.end,
                                         d.fragments[0].start), d.fragments[-1].end, [])
    if content.end - content.start < 3:
        return False
    d.fragments = [content]
    d.speaker, d.speaker_token = np_span(subj), subj.i
    d.cue = CueSpan(verb.idx, verb.idx + len(verb), verb.lemma_.lower())
    d.cue_token = verb.i
    add_relay(ctx, d, outlet)
    return True


def _subjectless_cue(ctx: Context, sent: SpacySpan, d: Draft, outlet: CharSpan) -> None:
    """"…, Federica Mogherini, stressed the need to stop the fighting …, the European
    External Action Service reported": the parser left the reporting verb inside the
    outlet's content without a subject (dev: the outlet kept the statement as its own, with
    no relay); the person named just before the verb said it, the outlet passed it on."""
    for tok in sent:
        if not tok.tag_.startswith("VBD") or tok.lemma_.lower() not in ctx.lex.speech or \
                not _inside_content(d, tok.idx) or \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        ent = next((e for e in sent.ents if e.label_ == "PERSON" and
                    0 <= tok.idx - e.end_char <= 3 and
                    ctx.text[e.end_char:tok.idx].strip() in ("", ",")), None)
        if ent is None:
            continue
        content = content_span(ctx.text, tok.idx + len(tok), d.end, [])
        if content.end - content.start < 3:
            continue
        d.fragments = [content]
        d.speaker, d.speaker_token = CharSpan(ent.start_char, ent.end_char), ent.end - 1
        d.cue = CueSpan(tok.idx, tok.idx + len(tok), tok.lemma_.lower())
        d.cue_token = tok.i
        add_relay(ctx, d, outlet)
        return


def _token_at(ctx: Context, span: CharSpan) -> int:
    """The index of the token where a character span starts."""
    tok = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    return tok.start if tok is not None else len(ctx.doc) - 1


def _phrase_start(ctx: Context, sent: SpacySpan, tok: Token) -> int:
    """Where a credit phrase opened by ``tok`` starts: at the comma, dash or bracket before
    it, else at ``tok``."""
    prev = tok.i - 1
    if prev >= sent.start and ctx.doc[prev].text in (",", "(", "—", "–", "-", "["):
        return ctx.doc[prev].idx
    return tok.idx


def cut_tail_credit(text: str, d: Draft, start: int, end: int) -> bool:
    """When a credit phrase (``text[start:end]``) closes the draft's content ("Russia was not
    ready for peace, reports Ukrinform"; '…, "require clarification," TASS quoted', whose
    verb the verb pass cut out as a fragment of its own), cut it off: a fragment that runs
    into it ends before it, one inside it goes. Says whether it did; changes nothing when
    the content goes on after the phrase or nothing would be left."""
    kept: list[CharSpan] = []
    for f in d.fragments:
        if start <= f.start and f.end <= end:
            continue  # the phrase's own words
        if any(c.isalnum() for c in text[max(f.start, end):f.end]):
            return False  # words after the phrase: it is no tail
        if f.start < start < f.end:
            cut_end = start
            while cut_end > f.start and (text[cut_end - 1].isspace() or
                                         text[cut_end - 1] in ",(—–-["):
                cut_end -= 1
            if cut_end - f.start < 3:
                return False
            f = CharSpan(f.start, cut_end)
        kept.append(f)
    if not kept or kept == d.fragments:
        return False
    d.fragments = kept
    return True


def _credit_preposition(ctx: Context, sent: SpacySpan) -> None:
    """"…, per Reuters", "… (via TASS)": the outlet relays the sentence's statements; a
    credit the parse left at the end of a content is cut off it."""
    drafts = in_sentence(ctx, sent)
    if not drafts:
        return
    for tok in sent:
        if tok.lower_ not in CREDIT_PREPS:
            continue
        words: list[Token] = []
        for t in ctx.doc[tok.i + 1:sent.end]:
            if t.is_punct or len(words) >= 6:
                break
            words.append(t)
        if not words:
            continue
        outlet = outlet_of(ctx, CharSpan(words[0].idx, words[-1].idx + len(words[-1])))
        if outlet is None:
            continue
        start = _phrase_start(ctx, sent, tok)
        for d in drafts:
            if d.speaker is not None and d.speaker.start <= tok.idx < d.speaker.end:
                continue
            if not _inside_content(d, tok.idx) or \
                    cut_tail_credit(ctx.text, d, start, outlet.end) or \
                    _cut_inner_credit(ctx, d, start, outlet.end):
                add_relay(ctx, d, outlet)


def _cut_inner_credit(ctx: Context, d: Draft, start: int, end: int) -> bool:
    """'…, the balloon was "crammed with US gear," per the Journal, along with more
    specialized Chinese equipment': a credit between commas inside a content that goes on
    after it, outside any quotation, is the writer's, not the speaker's; it is cut out of
    the content, which it credits (dev/6: the officials' words lost the Journal). Says
    whether it did."""
    # the comma opens the phrase, or closes a quotation just before it (',” per the Journal')
    opened = ctx.text[start] == "," or \
        ctx.text[max(0, start - 4):start].rstrip().rstrip("\"”’'").endswith(",")
    if ctx.inside[start] or ctx.inside[max(start, end - 1)] or not opened or \
            not ctx.text[end:].lstrip().startswith(","):
        return False
    after = end + ctx.text[end:].index(",") + 1
    for k, f in enumerate(d.fragments):
        if f.start < start and after < f.end:
            head = content_span(ctx.text, f.start, start, [])
            tail = content_span(ctx.text, after, f.end, [])
            if head.end - head.start < 3 or tail.end - tail.start < 3:
                return False
            d.fragments[k:k + 1] = [head, tail]
            return True
    return False


STAFF_TAIL_RE = re.compile(r"[,—–-]\s*(?P<p>(?:(?:an?|the)\s+)?[^,]{2,60}?\s+"
                           r"(?:correspondents?|reporters?|journalists?))\s+"
                           r"(?:reports|reported|writes|wrote|informs)\W*$")


def _staff_reports(ctx: Context, sent: SpacySpan) -> None:
    """"…, Kremlin spokesman Dmitry Peskov told reporters, a TASS correspondent reports.":
    the reporter's outlet relays the sentence (the parse may read "reports" as a noun)."""
    m = STAFF_TAIL_RE.search(sent.text)
    if m is None:
        return
    start = sent.start_char + m.start()
    phrase = CharSpan(sent.start_char + m.start("p"), sent.start_char + m.end("p"))
    outlet = staff_outlet(ctx.text, phrase.start, phrase.end, load_outlets(),
                          ctx.article_outlets)
    if outlet is None:
        return
    end = sent.start_char + len(sent.text.rstrip(".!? "))
    for d in in_sentence(ctx, sent):
        if d.speaker is not None and d.speaker.start >= start:
            continue
        if not any(f.end > start for f in d.fragments) or \
                cut_tail_credit(ctx.text, d, start, end):
            if d.addressee is not None and d.addressee.start <= start < d.addressee.end + 2:
                d.addressee = CharSpan(d.addressee.start, min(d.addressee.end, start))
            add_relay(ctx, d, outlet)


def _passive_by(ctx: Context, sent: SpacySpan, by: Token) -> None:
    """"as reported by Kryminform news agency", "quoted by Reuters", "as cited by Meduza":
    the outlet relays the statements of the sentence."""
    pobj = [c for c in by.children if c.dep_ == "pobj"]
    if not pobj:
        return
    outlet = outlet_of(ctx, np_span(pobj[0]))
    if outlet is None and by.head.i > sent.start and ctx.doc[by.head.i - 1].lower_ == "as" \
            and by.head.lemma_.lower() in PASSED_ON and pobj[0].pos_ == "PROPN" and \
            pobj[0].ent_type_ not in ("GPE", "NORP"):
        # ", as translated by IFP,", "as quoted by Smith": whoever the phrase names passed
        # the words on, listed or not (dev/5: a translating site was lost); "as stated by
        # Peskov" names the speaker (:func:`_agent_speaks`)
        outlet = np_span(pobj[0])
    if outlet is None:
        return
    # the phrase opens with "as" or a talk noun: ", as reported by X", ", in remarks carried
    # by X"
    first = by.head
    while first.i > sent.start and (ctx.doc[first.i - 1].lower_ in ("as", "in", "a", "the")
                                    or ctx.doc[first.i - 1].lower_ in TALK_NOUNS):
        first = ctx.doc[first.i - 1]
    start = _phrase_start(ctx, sent, first)
    for d in in_sentence(ctx, sent):
        if d.cue_token == by.head.i:
            continue
        if not _inside_content(d, by.idx) or cut_tail_credit(ctx.text, d, start, outlet.end):
            add_relay(ctx, d, outlet)


def _contacted_by(ctx: Context, sent: SpacySpan, by: Token) -> None:
    """"two Turkish officials contacted by AFP confirmed", "a spokesman, asked by Reuters,
    said": the outlet that reached the speaker is the addressee and nearest relay of what
    the speaker said; the participle's phrase is no part of the speaker."""
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return
    outlet = outlet_of(ctx, np_span(pobj))
    if outlet is None:
        return
    part = by.head
    for d in in_sentence(ctx, sent):
        if d.cue_token is None or _inside_content(d, by.idx):
            continue
        on_speaker = d.speaker_token is not None and part.head.i == d.speaker_token
        in_speaker = d.speaker is not None and d.speaker.start <= by.idx < d.speaker.end
        if not (on_speaker or in_speaker or part.head.i == d.cue_token):
            continue
        if d.speaker is not None and d.speaker.start < part.idx < d.speaker.end:
            # "two Turkish officials contacted by AFP": the speaker ends before the phrase
            end = part.i - 1
            while end > 0 and ctx.doc[end].is_punct:
                end -= 1
            d.speaker = CharSpan(d.speaker.start, ctx.doc[end].idx + len(ctx.doc[end]))
        add_relay(ctx, d, outlet, first=True)
        if d.addressee is None:
            d.addressee = np_span(pobj)


def _as_saying(verb: Token) -> Token | None:
    """The speech verb in "-ing" of "quoted … as saying / as denying / as telling", or None."""
    for c in verb.children:
        if c.lower_ == "as":
            for g in c.children:
                if g.tag_ == "VBG" and g.lemma_.lower() in QUOTED_AS:
                    return g
    return None


def _quoted_as_saying(ctx: Context, sent: SpacySpan, verb: Token) -> None:
    """"TASS quoted her as saying", "X was quoted as saying by news agency TASS", "Fars quoted
    an informed source as denying …": the person quoted said it, the outlet passed it on."""
    if not any(c.lower_ == "as" or (c.dep_ in ("advcl", "xcomp", "prep") and
                                    any(g.lower_ == "saying" for g in c.subtree))
               for c in verb.children) and not _quoted_after_quote(ctx, sent, verb) and \
            not _as_saying_below(verb):
        return
    speaker_tok: Token | None = None
    outlet: CharSpan | None = None
    agent: Token | None = None
    for c in verb.children:
        if c.dep_ == "nsubjpass" or c.dep_ == "dobj":
            speaker_tok = c
        elif c.dep_ == "nsubj":
            outlet = outlet_of(ctx, np_span(c))
        elif c.dep_ == "agent" or (c.lower_ == "by" and c.dep_ == "prep"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                agent = pobj[0]
                outlet = outlet_of(ctx, np_span(pobj[0]))
    if outlet is None:
        for g in verb.subtree:  # "… as saying by news agency TASS" (the parser's attachment)
            if g.lower_ == "by" and g.i > verb.i:
                pobj = [p for p in g.children if p.dep_ == "pobj"]
                if pobj:
                    outlet = outlet_of(ctx, np_span(pobj[0]))
    if outlet is None and speaker_tok is not None and _as_saying(verb) is not None:
        # "Chosun quoted an unidentified government source as also saying …": a name that
        # quotes someone "as saying" passed the words on, a listed outlet or not (dev: Chosun
        # kept the source's words as its own); "Clinton cited Trump's remarks as examples"
        # and "the website cites claims as inaccurate" quote no one (PolNeAR dev)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.pos_ in ("PROPN", "NOUN") or
                                 subj.ent_type_ in ("PERSON", "ORG")):
            # "…, the agency quoted the minister as saying" (a probe of dev/6's forms: the
            # agency kept the minister's words as its own)
            outlet = np_span(subj)
    if outlet is None and agent is not None and speaker_tok is not None and \
            speaker_tok.dep_ == "nsubjpass" and _as_saying_below(verb) and \
            agent.pos_ in ("NOUN", "PROPN"):
        # "the NIS was quoted by lawmakers who attended the audit as saying": whoever quoted
        # the speaker passed the words on, people as well as outlets (dev/5: the lawmakers
        # became the speaker)
        outlet = np_span(agent)
    if speaker_tok is None or outlet is None:
        return
    speaker = np_span(speaker_tok)
    content = _quoted_content(ctx, sent, verb, speaker)
    if content is None:
        return
    cue = CueSpan(verb.idx, verb.idx + len(verb), "quote")
    keep = [d for d in ctx.drafts if not (
        d.cue_token is not None and sent.start <= d.cue_token < sent.end and
        (d.cue_token == verb.i or (d.speaker is not None and
                                   d.speaker.start <= outlet.start < d.speaker.end)))
        and not d.covers(content.start, content.end)]
    draft = Draft([content], speaker, cue, "verb", cue_token=verb.i,
                  speaker_token=speaker_tok.i, confidence=0.8)
    draft.relays.append(outlet)
    for d in ctx.drafts:
        if d not in keep and d.covers(content.start, content.end) and d.speaker is not None \
                and d.covers(verb.idx, verb.idx + len(verb)):
            # "He said BBC Monitoring was reporting that Libyan TV had quoted Zuma as …":
            # the report around the quoting passed it on too, and whoever passed that on
            # (dev/5: Zuma's words kept Libyan TV and lost BBC Monitoring's teller)
            same = fold_words(d.speaker.of(ctx.text)) & fold_words(speaker.of(ctx.text))
            for r in ([] if same else [d.speaker]) + d.relays:
                add_relay(ctx, draft, r)
    ctx.drafts = keep + [draft]


def _as_saying_below(verb: Token) -> bool:
    """Whether "as saying" (or "as denying" …) hangs anywhere below ``verb``: "was quoted by
    lawmakers who attended the audit as saying" (the parse hangs it on "attended")."""
    return any(g.lower_ == "as" and g.i + 1 < len(g.doc) and g.doc[g.i + 1].tag_ == "VBG" and
               g.doc[g.i + 1].lemma_.lower() in QUOTED_AS for g in verb.subtree)


def _quoted_after_quote(ctx: Context, sent: SpacySpan, verb: Token) -> bool:
    """'"We will inform you in a timely manner", TASS quoted the Kremlin spokesman.': a
    clause of an outlet quoting a person, with nothing after the person, right after a
    quotation (dev: no "as saying", and the words lost TASS)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None or subj.i > verb.i or outlet_of(ctx, np_span(subj)) is None:
        return False
    lo = subj.left_edge.idx
    if ctx.text[obj.right_edge.idx + len(obj.right_edge):sent.end_char].strip(" .!\n"):
        return False
    return any(q.end <= lo and len(ctx.text[q.end:lo].strip(" ,\"”’'–—-")) == 0
               for q in ctx.quotes)


def _quoted_content(ctx: Context, sent: SpacySpan, verb: Token, speaker: CharSpan
                    ) -> CharSpan | None:
    """What the quoted person said: the quotation just before the clause, else what follows
    "as saying" / "as denying" ("Fars quoted an informed source as denying a report that …";
    dev: the outlet kept the statement as its own), else the sentence before the clause."""
    lo = min(speaker.start, verb.idx)
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        lo = min(lo, subj[0].left_edge.idx)
    for q in reversed(ctx.quotes):
        if q.end <= lo and lo - q.end <= 4:
            return CharSpan(q.start, q.end)
    after = _as_saying(verb)
    said = [c for c in after.children if c.dep_ in ("ccomp", "dobj", "xcomp") and
            c.i > after.i] if after is not None else []
    if said:  # its object or clause, not "as saying by news agency TASS"
        c = content_span(ctx.text, said[0].left_edge.idx, sent.end_char, [])
        if c.end - c.start >= 3:
            return c
    if lo - sent.start_char < 8:
        return None
    c = content_span(ctx.text, sent.start_char, lo, [])
    return c if c.end - c.start >= 3 else None


def _outlet_speaker(ctx: Context, d: Draft) -> None:
    """"US media Axios reported that …", "Iran's semi-official Tasnim news agency said": an
    outlet phrase that speaks is the outlet, not the place that opens it (dev: the speaker
    was "US", the phrase's only named entity)."""
    if d.speaker is None:
        return
    lex = load_outlets()
    outlet = outlet_in(ctx.text, d.speaker.start, d.speaker.end, lex, ctx.article_outlets)
    if outlet is None or outlet == d.speaker or \
            ctx.text[outlet.end:d.speaker.end].strip(" ,.’'s"):
        return
    before = fold(ctx.text[d.speaker.start:outlet.start]).split()
    if not before or not (before[-1] in lex.media_words or
                          " ".join(before[-2:]) in lex.media_words):
        return
    d.speaker = outlet
    d.speaker_token = None


SPEAKER_CREDIT_RE = re.compile(r",\s+(?P<o>[^,]{2,60}?)\s+"
                               r"(?:reports|reported|writes|wrote|notes)\W*$")


def _credit_in_speaker(ctx: Context, d: Draft) -> None:
    """"Maria Zakharova, RIA Novosti reports" taken whole for a speaker: the name speaks,
    the outlet after the comma passed it on."""
    if d.speaker is None:
        return
    m = SPEAKER_CREDIT_RE.search(d.speaker.of(ctx.text))
    if m is None:
        return
    outlet = outlet_of(ctx, CharSpan(d.speaker.start + m.start("o"), d.speaker.start + m.end("o")))
    if outlet is None:
        return
    d.speaker = CharSpan(d.speaker.start, d.speaker.start + m.start())
    d.speaker_token = None
    add_relay(ctx, d, outlet)


def _outlets_sources(ctx: Context, d: Draft) -> None:
    """"according to the Kommersant newspaper’s sources": the sources spoke, the outlet
    passed it on."""
    if d.speaker is None:
        return
    low = d.speaker.of(ctx.text).lower()
    m = re.search(r"^(?P<o>.+?)['’]s?\s+(?:\w+\s+)?sources?\b", low)
    if m is None:
        return
    outlet = outlet_of(ctx, CharSpan(d.speaker.start, d.speaker.start + m.end("o")))
    if outlet is not None:
        # the outlet is inside the speaker's phrase, yet the sources spoke (dev: "offered
        # Washington the use of Russian military bases …, according to the Kommersant
        # newspaper’s sources" lost Kommersant, its chain one link short)
        add_relay(ctx, d, outlet, first=True, in_speaker=True)


def _talked_to(ctx: Context, sent: SpacySpan) -> None:
    """"told the Interfax news agency", "in an interview to the Associated Press", "to the
    Austrian magazine Profil": the outlet is the addressee and the nearest relay."""
    drafts = in_sentence(ctx, sent)
    if not drafts:
        return
    _told_outlet(ctx, sent, drafts)
    _on_air(ctx, sent, drafts)
    _adding_shares(ctx, drafts)


def _on_air(ctx: Context, sent: SpacySpan, drafts: list[Draft]) -> None:
    """"Peskov said on Channel One", "told reporters on Rossiya 1 TV": the broadcaster that
    aired the words passed them on (a platform is no outlet: "said on Telegram" stays
    unrelayed, and "commented on CNN's report" names a report, not where it was said)."""
    lex = load_outlets()
    for tok in sent:
        if tok.lower_ != "on" or tok.dep_ != "prep":
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lower_ == "air":
            # "said on the air of the Rossiya 24 TV channel" (translated "в эфире"): the
            # channel after "of" aired it
            of = next((c for c in pobj.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if pobj is None or not (pobj.pos_ == "PROPN" or fold(pobj.text) in lex.media_words):
            continue
        outlet = outlet_of(ctx, np_span(pobj))
        if outlet is None:
            continue
        listed = lex.known(outlet.of(ctx.text))
        words = fold(np_span(pobj).of(ctx.text)).split()
        if not (listed is not None and listed.kind == "broadcaster" or
                any(w in ON_AIR for w in words)):
            continue
        for d in drafts:
            if d.cue_token is None or _inside_content(d, tok.idx):
                continue
            on_cue = tok.head.i == d.cue_token or (
                d.speaker is not None and d.speaker.start <= tok.head.idx < d.speaker.end
                and d.cue_token < tok.i) or (
                # "Speaking on Sky News’ Sunday with Trevor Phillips, Reed said …" (dev/7)
                tok.head.tag_ == "VBG" and tok.head.lemma_.lower() in TALK_VERBS and
                tok.head.head.i == d.cue_token)
            if on_cue:
                if d.speaker is not None and d.speaker.start <= tok.idx < d.speaker.end:
                    # "… said spokesman Dmitry Peskov on Channel One": the speaker's phrase
                    # ends before where he spoke
                    prev = ctx.doc[tok.i - 1]
                    d.speaker = CharSpan(d.speaker.start, prev.idx + len(prev))
                add_relay(ctx, d, outlet, first=True)


def _adding_shares(ctx: Context, drafts: list[Draft]) -> None:
    """"The source told Tasnim that …, adding that …": what the participle adds was said in
    the same talk, through the same outlet (dev: the second part lost Tasnim)."""
    for d in drafts:
        if d.relays or d.cue_token is None:
            continue
        cue = ctx.doc[d.cue_token]
        if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "conj", "xcomp"):
            continue
        head = next((p for p in drafts if p is not d and p.cue_token == cue.head.i and
                     p.speaker == d.speaker and p.relays), None)
        if head is not None:
            for r in head.relays:
                add_relay(ctx, d, r)
            d.addressee = d.addressee or head.addressee


def _told_outlet(ctx: Context, sent: SpacySpan, drafts: list[Draft]) -> None:
    """The outlet a statement was told to, or given in an interview to, as its addressee
    and nearest relay."""
    for d in drafts:
        outlet = outlet_of(ctx, d.addressee) if d.addressee is not None else None
        if outlet is not None:
            add_relay(ctx, d, outlet, first=True)
        elif d.cue_token is not None and ctx.doc[d.cue_token].lemma_.lower() == "tell":
            # "Cruz told Fox News’ Sean Hannity": the person told works for an outlet (dev:
            # the parse splits the phrase, the addressee is Hannity, and Fox News was lost)
            for c in ctx.doc[d.cue_token].children:
                if c.dep_ in ("dative", "dobj") and c.i > d.cue_token and \
                        not _inside_content(d, c.idx):
                    outlet = outlet_of(ctx, np_span(c))
                    if outlet is not None:
                        add_relay(ctx, d, outlet, first=True)
                        break
    for tok in sent:
        if tok.lower_ not in ("to", "with", "by", "for", "in") or \
                tok.dep_ not in ("prep", "agent", "dative"):
            continue
        head = tok.head
        written = head.lower_ in WRITTEN_NOUNS or (head.lemma_.lower() == "write" and
                                                   tok.lower_ == "in")
        if tok.lower_ == "in" and not written:
            continue
        talk = head.lower_ in TALK_NOUNS or (head.lemma_.lower() == "publish" and
                                             tok.lower_ == "by") or \
            (head.tag_ == "VBG" and head.lemma_.lower() in TALK_VERBS) or \
            _gives_talk(head) or written  # "Speaking to the BBC", "Giving an interview to Time"
        pobj = [c for c in tok.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        np = np_span(pobj[0])
        outlet = outlet_of(ctx, np)
        if outlet is None:
            continue
        for d in drafts:
            if _inside_content(d, tok.idx) or (d.speaker is not None and
                                               d.speaker.start <= tok.idx < d.speaker.end):
                continue
            # "told … in an interview to AP", "said … to the magazine Profil": the phrase
            # hangs on the cue, or on a talk noun near it
            if d.cue_token is None or not (head.i == d.cue_token or
                                           (talk and (abs(tok.i - d.cue_token) <= 12 or
                                                      head.head.i == d.cue_token))):
                continue
            add_relay(ctx, d, outlet, first=True)
            if d.addressee is None and tok.lower_ in ("to", "with") and not written and \
                    head.lower_ not in ("statement",):
                d.addressee = _before_comma(ctx, np)


def _gives_talk(head: Token) -> bool:
    """"Giving the interview to the Time correspondent …, Yanukovych said": a verb whose
    object is a talk noun (dev: the clause before the cue lost Time as relay)."""
    return head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and c.lower_ in TALK_NOUNS for c in head.children)


def _before_comma(ctx: Context, span: CharSpan) -> CharSpan:
    """A noun phrase up to its first comma: "the Time correspondent Simon Shuster, the
    President of Ukraine …" is told to the correspondent, not the president."""
    cut = ctx.text.find(",", span.start, span.end)
    return span if cut < 0 else CharSpan(span.start, cut)
