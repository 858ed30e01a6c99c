"""Communication events: calls, meetings, talks, speeches … found in the text.

Rules over the spaCy parse, one pass over the tokens (the words are data: ``data/events.json``):

* a noun that names an event — "a telephone conversation", "talks with Ukraine", "his speech
  at the Berlin Security Conference", "in an interview with Fox News", "a post on Telegram" —
  each guarded against its other senses ("a call for a ceasefire", "free speech", "an email
  address", "a stock market rally");
* a clause that tells of one — "spoke by phone", "met (with) Xi", "visited Kyiv", "tweeted",
  "addressed the nation", "briefed reporters", "speaking alongside Biden".

Participants are the article's entities (people, organisations, places acting as parties):
those the noun names ("between Putin and Scholes", "with Lavrov", "his" → the clause's
subject), and the subject (and object) of the clause the noun hangs from ("Putin and Scholz
had a telephone conversation"). The date is the nearest dated expression of the sentence
(the article's DateExpr records), else the date of the statements made at it; the place is
what "at", "in" or "to" names. A statement was made at the event when it is in the event's
sentence and its speaker takes part ("in a phone call with Scholz on Friday, Putin said …",
"pledged … during his speech"), or when, in the next few sentences, a participant speaks on
the event's day ("he asked Scholes …", "Scholz replied …" after the December 2 call). One
event named twice ("The conversation between Putin and Scholes …" then "On December 2, Putin
and Scholz had a telephone conversation") is one event: the same kind of exchange with two
shared participants, or the same date or place, and nothing that disagrees.

Cheap by design: a set look-up per token and a few tree walks per trigger (on the seed
article, well under a millisecond against ~30 ms of parsing; ``bench/positions_speed.py``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.tokens import Doc, Token

from ..model import Article, DateExpr, Entity, Event, EventType, Span, Statement, content_id
from ..resources import load_json

# A later statement is made at the event when it comes within this many sentences of it
# (the seed: "Scholz replied …" comes 3 sentences after the December 2 call, past a page-
# furniture line; farther on, a participant speaking on the same day is as often elsewhere).
FOLLOW_SENTENCES = 4
MAX_EVIDENCE_CHARS = 240
_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "i", "we",
             "my", "our", "me", "us"}
_EVIDENCE_PREPS = {"with", "between", "among", "at", "in", "on", "to", "by", "over", "via",
                   "alongside", "beside"}
_CALENDAR = re.compile(r"^(\d{4}|XXXX)-\d{2}")


@dataclass(frozen=True)
class Rules:
    """The rule table (``data/events.json``) as sets."""

    nouns: dict[str, str]
    words: dict[str, frozenset[str]]
    family: dict[str, str]
    specific: tuple[str, ...]

    def has(self, table: str, word: str) -> bool:
        return word in self.words[table]


_RULES: list[Rules] = []


def rules() -> Rules:
    """The rule table, read once."""
    if not _RULES:
        data: dict[str, Any] = load_json("events.json")
        words = {k: frozenset(str(w) if k.endswith("_types") else str(w).lower() for w in v)
                 for k, v in data.items() if isinstance(v, list) and k != "specific"}
        _RULES.append(Rules(dict(data["nouns"]), words, dict(data["family"]),
                            tuple(data["specific"])))
    return _RULES[0]


def event_id(article_id: str, type_: str, start: int, end: int) -> str:
    """An event's id: a hash of its article, type and evidence offsets (in the whole text)."""
    return content_id("event", article_id, type_, start, end)


@dataclass
class _Found:
    """One event as the rules find it, before merging and linking."""

    type: str
    trigger: Token
    start: int  # evidence, character offsets
    end: int
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    statements: list[str] = field(default_factory=list)
    sent: int = 0


class _Context:
    """What the rules look up while reading one article."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], statements: Sequence[Statement]
                 ) -> None:
        self.doc = doc
        self.rules = rules()
        self.entity_of: dict[int, str] = {}  # token index -> entity id
        self.type_of = {e.id: e.type for e in entities}
        self.name_of = {e.id: e.name for e in entities}
        spans = [(m.start, m.end, e.id) for e in entities for m in e.mentions]
        # speakers and addressees resolve pronouns ("he asked Scholes" → Putin)
        for st in statements:
            for m in (st.speaker, st.addressee):
                if m is not None and m.entity_id is not None and m.entity_id in self.type_of:
                    spans.append((m.start, m.end, m.entity_id))
        for start, end, eid in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.entity_of.setdefault(tok.i, eid)
        self.person_tokens = sorted(i for i, eid in self.entity_of.items()
                                    if self.type_of.get(eid) == "PERSON")

    def entity(self, tok: Token) -> str | None:
        """The entity ``tok`` is part of (a pronoun: the nearest person named before it)."""
        eid = self.entity_of.get(tok.i)
        if eid is None and tok.lower_ in _PRONOUNS and tok.lower_ not in ("they", "them",
                                                                           "their", "we", "our",
                                                                           "us", "i", "me",
                                                                           "my"):
            k = bisect.bisect_left(self.person_tokens, tok.i)
            if k:
                eid = self.entity_of[self.person_tokens[k - 1]]
        return eid

    def party(self, tok: Token) -> list[str]:
        """The participants a noun phrase headed by ``tok`` names (with its conjuncts)."""
        out: list[str] = []
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":  # "Cruz, who refused …"
            tok = tok.head.head
        for t in (tok, *tok.conjuncts):
            eid = self.entity(t)
            if eid is None:  # "Kremlin spokesman Peskov" is his; "Obama's strategist" is not
                for c in t.children:
                    if c.dep_ in ("compound", "appos"):
                        eid = self.entity(c)
                        if eid is not None:
                            break
            if eid is not None and self.type_of.get(eid) in self.rules.words["participant_types"]:
                out.append(eid)
        return out

    def place(self, tok: Token, any_type: bool = False) -> str | None:
        """The place a pobj names: an entity's name, or the proper noun as written, or a
        noun a proper name qualifies ("the Republican convention")."""
        eid = self.entity_of.get(tok.i)
        if eid is not None:
            return self.name_of[eid] if any_type or self.type_of.get(eid) in \
                self.rules.words["place_types"] else None
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON"):
            return None
        named = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and any(
            c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_)
            for c in tok.children))
        if named:
            words = [t for t in tok.subtree if t.dep_ not in ("det", "punct", "prep", "pobj",
                                                             "relcl", "acl")
                     and t.i <= tok.i]
            return self.doc[words[0].i:tok.i + 1].text if words else None
        return None


# ---------------------------------------------------------------------------------------
# Triggers


def _mods(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}


def _preps(tok: Token, *words: str) -> list[Token]:
    """The objects of ``tok``'s prepositions ``words`` ("with Scholz and Macron" → Scholz)."""
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ in words
            for o in p.children if o.dep_ == "pobj"]


def _governor(tok: Token) -> Token | None:
    """The verb a noun hangs from as object ("had a conversation", "during his speech" →
    pledged), or None when it is a subject or stands alone."""
    cur = tok
    for _ in range(6):
        # "advmod": "Mook said as much in an interview" (the parse hangs "in" from "much")
        if cur.dep_ not in ("dobj", "pobj", "pcomp", "prep", "attr", "appos", "npadvmod",
                            "oprd", "advmod"):
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "prep":  # "Following a meeting, …"
            return cur
        if cur.head is cur:
            return None
    return None


def _subjects(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    subs += [o for a in verb.children if a.dep_ == "agent"  # "mentioned by Ivanka Trump"
             for o in a.children if o.dep_ == "pobj"]
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if not subs and not passive and verb.dep_ in ("advcl", "xcomp", "conj", "relcl", "acl",
                                                  "pcomp") and verb.head is not verb:
        # "Obama said after meeting with Putin": "after" hangs from "said"
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subs = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subs


def _noun_type(tok: Token, r: Rules) -> str | None:
    """The event type the noun ``tok`` names here, or None (another sense)."""
    lemma = tok.lemma_.lower()
    kind = r.nouns.get(lemma)
    if kind is None:
        return None
    mods = _mods(tok)
    preps = {p.lower_ for p in tok.children if p.dep_ == "prep"}
    head = tok.head.lemma_.lower() if tok.dep_ == "dobj" else ""
    phone = bool(mods & r.words["phone_words"])
    if any(c.dep_ == "dobj" for c in tok.children):
        return None  # a verb tagged as a noun: "not meeting the demand"
    if tok.tag_ == "NNS" and lemma != "talk" and not (
            preps & {"with", "between"}
            or any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)):
        return None  # generic: "mailers and phone calls", "scripted speeches", "in meetings"
    if lemma in ("breakfast", "lunch", "dinner", "luncheon"):
        return "meeting" if "with" in preps else None
    if lemma in ("call", "phonecall"):
        if phone or lemma == "phonecall":
            return "call"
        if mods & r.words["not_a_call"] or preps & {"for", "to", "on"}:
            return None
        return "call" if preps & {"with", "between"} or head in r.words["call_verbs"] else None
    if lemma == "conversation":
        if phone:
            return "call"
        named = preps & {"with", "between"} or any(c.dep_ == "poss" for c in tok.children)
        return "talks" if named or head in r.words["call_verbs"] else None
    if lemma == "talk":
        if tok.tag_ == "NNS":
            return "talks"
        return "speech" if head in r.words["give_verbs"] else None
    if lemma == "conference":
        return "press_conference" if mods & r.words["press_words"] else None
    if lemma == "briefing":
        return "briefing"
    if lemma == "speech":
        return None if mods & r.words["not_a_speech"] else "speech"
    if lemma == "address":
        if mods & r.words["not_an_address"]:
            return None
        ok = "to" in preps or mods & r.words["speech_address"] or head in r.words["give_verbs"]
        return "speech" if ok else None
    if lemma == "rally":
        return None if mods & r.words["not_a_rally"] else "speech"
    if lemma == "visit":
        return None if mods & r.words["not_a_visit"] else "visit"
    if lemma == "trip":
        return "visit" if "to" in preps else None
    if lemma == "post":
        social = mods & r.words["social_words"] or any(_social(o, r)
                                                       for o in _preps(tok, "on", "to"))
        return "post" if social else None
    return kind


def _social(tok: Token, r: Rules) -> bool:
    """A social network named: "Twitter", "Telegram", "social media"."""
    if tok.lower_ == "media":
        return "social" in _mods(tok)
    return tok.pos_ == "PROPN" and tok.lower_ in r.words["social_words"]


def _verb_type(tok: Token, r: Rules) -> str | None:
    """The event type the clause of the verb ``tok`` tells of, or None."""
    lemma = tok.lemma_.lower()
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    preps = {p.lower_ for p in tok.children if p.dep_ == "prep"}
    if lemma in r.words["talk_verbs"]:
        phone = [o for o in _preps(tok, "by", "on", "over", "via")
                 if o.lemma_.lower() in r.words["phone_words"]]
        if phone or any(c.dep_ == "npadvmod" and c.lemma_.lower() in r.words["phone_words"]
                        for c in tok.children):
            return "call"
    if lemma in r.words["together_verbs"] and preps & r.words["together_preps"]:
        return "meeting"
    if lemma in r.words["talk_verbs"] and any(
            o.lemma_.lower() in r.words["audience_words"] and o.lemma_.lower() not in r.nouns
            for o in _preps(tok, "at", "to", "before")):
        # "the senator spoke at a gathering of conservatives" ("spoke at a rally": the
        # rally is the event, named by its noun)
        return "speech"
    if lemma in r.words["phone_verbs"] and tok.pos_ == "VERB":
        # "phoned Scholz", "rang the Kremlin"; not "ringing a large bell" (a thing rung)
        return "call" if not objs or any(o.ent_type_ or o.pos_ in ("PRON", "PROPN")
                                         for o in objs) else None
    if lemma == "tweet":
        return "post"
    if lemma not in r.words["not_a_post"] and any(
            _social(o, r) for h in (tok, *(c for c in tok.children if c.dep_ in ("prt", "dobj")))
            for o in _preps(h, "on", "via")):
        # "wrote on Twitter", "chimed in on Twitter", "reported her presence on Twitter";
        # not the page's "Watch on YouTube"
        return "post"
    if lemma == "meet":  # "met Xi", "met with Xi", "Biden and Xi met"; not "meet the demand"
        people = [o for o in objs if o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                  or o.pos_ in ("PRON", "PROPN")]
        return "meeting" if people or "with" in preps or any(
            c.dep_ == "nsubj" and any(True for _ in c.conjuncts) for c in tok.children) \
            else None
    if lemma == "visit":
        return "visit" if objs else None
    if lemma == "address":
        return "speech" if any(o.lemma_.lower() in r.words["audience_words"] for o in objs) \
            else None
    if lemma == "brief":
        return "briefing" if any(o.lemma_.lower() in r.words["brief_audience"] for o in objs) \
            else None
    return None


def _evidence(tok: Token, noun: bool) -> tuple[int, int]:
    """The words that name the event: the noun with its modifiers and its "with"/"at"
    phrases ("his speech at the Berlin Security Conference"), or the verb with its object
    and phrases ("spoke by phone with Scholz")."""
    left, right = tok.i, tok.i
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("compound", "amod", "poss", "nmod", "nummod") \
                and c.left_edge.i >= tok.i - 6:
            left = min(left, c.left_edge.i)
        if c.i > tok.i and (c.dep_ in ("dobj", "prt", "npadvmod", "compound")
                            or (c.dep_ == "prep" and c.lower_ in _EVIDENCE_PREPS)):
            right = max(right, c.right_edge.i)
    doc = tok.doc
    while right > tok.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    if end - start > MAX_EVIDENCE_CHARS:
        end = tok.idx + len(tok)
        start = min(start, tok.idx) if tok.idx - start <= MAX_EVIDENCE_CHARS else tok.idx
    return start, end


def _add(out: list[str], ids: Sequence[str]) -> None:
    for i in ids:
        if i not in out:
            out.append(i)


def _read(tok: Token, kind: str, noun: bool, cx: _Context) -> _Found:
    start, end = _evidence(tok, noun)
    found = _Found(kind, tok, start, end)
    parts = found.participants
    place_preps = ("at", "in", "to") if kind == "visit" else ("at", "in")
    if noun:
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.i in cx.entity_of):
                _add(parts, cx.party(c))
        _add(parts, [e for o in _preps(tok, "with", "between", "among", "by")
                     for e in cx.party(o)])
        if kind == "interview":  # "an interview with CNN's Wolf Blitzer": CNN too
            _add(parts, [e for o in _preps(tok, "with") for c in o.children
                         if c.dep_ == "poss" for e in cx.party(c)
                         if cx.type_of.get(e) == "ORG"])
        if kind in ("interview", "post"):  # "an interview on CBS's Face the Nation"
            for o in _preps(tok, "on", "to"):
                _add(parts, cx.party(o) or [e for c in o.children if c.dep_ == "poss"
                                            for e in cx.party(c)])
        verb = _governor(tok)
        if verb is not None:
            for s in _subjects(verb):
                _add(parts, cx.party(s))
            # "told Fox News in an interview", "invited Mr. Trump to a meeting"
            if verb.lemma_.lower() in ("tell", "give", "grant", "invite", "host", "receive",
                                       "welcome", "join"):
                for o in verb.children:
                    if o.dep_ in ("dobj", "dative"):
                        _add(parts, cx.party(o))
            _add(parts, [e for o in _preps(verb, "with") for e in cx.party(o)])
        holders = [tok]
    else:
        for s in _subjects(tok):
            _add(parts, cx.party(s))
        for o in tok.children:
            if o.dep_ in ("dobj", "dative"):
                eid = cx.entity_of.get(o.i)
                if kind == "visit" and (eid is None or cx.type_of.get(eid) != "PERSON"):
                    found.place = cx.place(o, any_type=True)  # "visited the White House"
                else:
                    _add(parts, cx.party(o))
        _add(parts, [e for o in _preps(tok, "with", "to", "alongside", "beside")
                     for e in cx.party(o)])
        holders = [tok]
    if found.place is None:
        for h in holders:
            for o in _preps(h, *place_preps):
                if o.i in cx.entity_of and cx.entity_of[o.i] in parts:
                    continue
                found.place = cx.place(o)
                if found.place:
                    break
    if found.place is not None:
        place_id = next((eid for eid, n in cx.name_of.items() if n == found.place), None)
        if place_id in parts and kind in ("visit", "summit", "speech", "press_conference"):
            parts.remove(place_id)
    return found


def _triggers(cx: _Context) -> list[_Found]:
    r = cx.rules
    out: list[_Found] = []
    for tok in cx.doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and lemma in r.nouns:
            if tok.pos_ == "PROPN" and tok.ent_type_ not in ("", "EVENT"):
                continue  # "Washington Post", "Meet the Press"
            kind = _noun_type(tok, r)
            if kind is not None:
                out.append(_read(tok, kind, True, cx))
        elif tok.pos_ == "VERB":
            kind = _verb_type(tok, r)
            if kind is not None:
                out.append(_read(tok, kind, False, cx))
    return out


# ---------------------------------------------------------------------------------------
# Dates, statements, merging


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start_char for s in doc.sents]


def _date_of(ev: _Found, dates: Sequence[DateExpr], starts: list[int], text_len: int
             ) -> str | None:
    lo = starts[ev.sent]
    hi = starts[ev.sent + 1] if ev.sent + 1 < len(starts) else text_len
    best: tuple[int, str] | None = None
    for d in dates:
        if d.type != "DATE" or not d.value or not _CALENDAR.match(d.value):
            continue
        if lo <= d.start < hi:
            gap = abs(d.start - ev.start)
            if best is None or gap < best[0]:
                best = (gap, d.value)
    return best[1] if best else None


def _compatible(a: _Found, b: _Found, family: dict[str, str]) -> bool:
    if family.get(a.type, a.type) != family.get(b.type, b.type):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    pa, pb = set(a.participants), set(b.participants)
    if not (pa and pb and (pa <= pb or pb <= pa)):
        return False
    agree = (a.date is not None and a.date == b.date) or \
        (a.place is not None and a.place == b.place) or len(pa & pb) >= 2
    return agree


def _merge(found: list[_Found], r: Rules) -> list[_Found]:
    """One event per occasion: a later mention compatible with an earlier one joins it."""
    kept: list[_Found] = []
    rank = {t: i for i, t in enumerate(r.specific)}
    for ev in found:
        same = next((k for k in kept if _compatible(k, ev, r.family)), None)
        if same is None:
            kept.append(ev)
            continue
        main, other = (ev, same) if (ev.date and not same.date) or \
            rank.get(ev.type, 99) < rank.get(same.type, 99) else (same, ev)
        _add(main.participants, other.participants)
        main.date = main.date or other.date
        main.place = main.place or other.place
        if rank.get(other.type, 99) < rank.get(main.type, 99):
            main.type = other.type
        _add(main.statements, other.statements)
        kept[kept.index(same)] = main
    return kept


def _within(st: Statement, tok: Token) -> bool:
    return any(s <= tok.idx < e for s, e in st.fragments)


def _link(events: list[_Found], statements: Sequence[Statement], starts: list[int]) -> None:
    """Each statement made at an event joins its ``statements`` (at most one event each)."""
    by_sent: dict[int, list[_Found]] = {}
    for ev in events:
        by_sent.setdefault(ev.sent, []).append(ev)
    for st in statements:
        where = st.cue.start if st.cue is not None else st.content.start
        sent = bisect.bisect_right(starts, where) - 1
        speaker = st.speaker.entity_id if st.speaker is not None else None
        chosen: _Found | None = None
        for ev in by_sent.get(sent, ()):  # the event's own sentence
            if speaker is not None and speaker in ev.participants:
                chosen = ev
                break
            if speaker is None and not ev.participants and not _within(st, ev.trigger):
                chosen = ev
                break
        if chosen is None and speaker is not None:
            for back in range(1, FOLLOW_SENTENCES + 1):  # a participant speaking right after
                for ev in reversed(by_sent.get(sent - back, ())):
                    said = st.said_on
                    same_day = (said is not None and said.source == "text"
                                and said.value == ev.date) if ev.date else \
                        (said is None or said.source == "published")
                    if speaker in ev.participants and same_day:
                        chosen = ev
                        break
                if chosen is not None:
                    break
        if chosen is not None:
            chosen.statements.append(st.id)


def find_events(article: Article, doc: Doc, entities: Sequence[Entity],
                dates: Sequence[DateExpr], statements: Sequence[Statement]) -> tuple[Event, ...]:
    """The events the article tells of, each with the statements made at it.

    ``doc`` is the parse of the article's analysis text (same length as ``article.text``);
    every offset of the records points into ``article.text``."""
    cx = _Context(doc, entities, statements)
    found = _triggers(cx)
    if not found:
        return ()
    starts = _sentence_starts(doc)
    for ev in found:
        ev.sent = bisect.bisect_right(starts, ev.trigger.idx) - 1
        ev.date = _date_of(ev, dates, starts, len(article.text))
    _link(found, statements, starts)
    merged = _merge(found, cx.rules)
    out: list[Event] = []
    for ev in merged:
        if ev.date is None:  # the date its statements were made on, as the text gives it
            said = Counter(st.said_on.value for st in statements
                           if st.id in ev.statements and st.said_on is not None
                           and st.said_on.source == "text")
            ev.date = said.most_common(1)[0][0] if said else None
        out.append(Event(
            id=event_id(article.id, ev.type, ev.start, ev.end),
            article_id=article.id,
            type=cast(EventType, ev.type),
            evidence=Span(ev.start, ev.end, article.text[ev.start:ev.end]),
            participants=tuple(ev.participants),
            date=ev.date,
            place=ev.place,
            statement_ids=tuple(dict.fromkeys(ev.statements)),
        ))
    return tuple(out)
