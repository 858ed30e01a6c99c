"""Content bounds pass: a reported content ends where the report does.

PolNeAR's annotators (and a reader) end a content before the apposition the writer adds
after a comma: in "Officials say resources could be better spent in partnership with NATO,
the existing military alliance that includes the United States" the content is "resources
could be better spent in partnership with NATO"; who NATO is is the writer's gloss. The
parse and the tagger both run on to the end of the clause. Quoted words are never cut.

Measured on PolNeAR (the trailing constituent cut at its comma, one kind at a time): an
apposition dev e2e 0.663 -> 0.665, train (first 150 articles) 0.693 -> 0.694; a relative
clause (0.662), an adverbial clause (0.661) or any of the four (0.662) cut more right
contents than wrong ones, so only the apposition is cut.

A content that is only a topic ("issued statements about recent talks with Lavrov and
Peskov, presumably in an effort to …") ends with the preposition's object where a comma
closes it (:func:`topic_cut`; PolNeAR dev 0.675 and train 0.698 unchanged, the seed's topic
statement no longer runs into ISW's quotation). A content that is its cue verb's object ends
before a clause or phrase of the verb's time after it ("criticized the law as a “crazy
system” during a campaign stop", :func:`object_cut`; dev 0.679 -> 0.681, train 0.698
unchanged; cutting at any adverbial clause lost train 0.698 -> 0.697: purposes, "if" questions)
and before a second predicate ("praised his work but also had to give him more time";
dev 0.681 -> 0.682, train unchanged).
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import Context
from .drafts import CharSpan, Draft, trim
from .precision import topic_prep

# the constituents cut when they end a content after a comma
TRAILING = ("appos",)
# prepositions of the verb's circumstances, not its object ("during a campaign stop")
ADJUNCTS = ("during", "amid", "despite", "since", "until", "throughout", "while")
# what opens a clause of time: "when he ran for the White House in 2008"
TIME_MARKS = ("when", "while", "after", "before", "since", "until", "once")
# a saying event: "pledged to support Ukraine … during his speech at the Berlin Security
# Conference", "promised to help Greece in an interview with Bild" (event_cut)
EVENT_PREPS = ("during", "at", "in", "on")
EVENT_NOUNS = frozenset({
    "speech", "address", "interview", "call", "conversation", "meeting", "conference",
    "briefing", "summit", "rally", "hearing", "remarks", "appearance", "debate", "podcast",
    "broadcast", "forum", "ceremony", "statement", "letter", "post", "tweet", "video",
    "town hall", "press conference", "news conference", "phone call", "session"})
# the occasions that are themselves speaking: a phrase naming one ends a content even where
# the parse hangs it inside ("pledged to support Ukraine as long as needed during his speech
# at the Berlin Security Conference"); a meeting, rally or summit may be where the promised
# act happens ("promised to raise the issue during his meeting with Xi", "promised to speak
# at a rally in Ohio"), so those end a content only where the parse hangs them on the cue
SPOKEN_OCCASIONS = frozenset({
    "speech", "address", "interview", "remarks", "briefing", "statement", "post", "tweet",
    "podcast", "broadcast", "appearance", "press conference", "news conference"})
# what a word does when it only modifies another: "the", "his", "numerous", "Mr.", "perhaps"
MODIFIER_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "advmod", "predet",
                           "case", "aux", "auxpass", "prep", "nmod", "quantmod", "neg", "cc"})
# a wh-word opens a clause it is not the whole of: "explain [why] …", "[what] was widely …"
WH_TAGS = frozenset({"WP", "WRB", "WDT", "WP$"})
# patterns whose bounds are not a clause's (a headline, a transcript turn, a credit, a list)
KEEP = ("headline", "turn", "credit", "list", "backref")


def content_bounds(ctx: Context) -> None:
    """Cut each draft's fragments before an apposition that ends them; drop a draft whose
    content is one stray word of a phrase."""
    for d in ctx.drafts:
        if d.pattern in KEEP:
            continue
        d.fragments = [
            event_cut(ctx, d, object_cut(ctx, d, topic_cut(ctx, trailing_cut(ctx, f))))
            for f in d.fragments]
    ctx.drafts = [d for d in ctx.drafts if d.pattern in KEEP or not stray_word(ctx, d)]


def stray_word(ctx: Context, d: Draft) -> bool:
    """Whether the content is one unquoted word that only modifies a word outside it: "Ted
    Cruz blamed [the] network for reporting …", "deflected [numerous] questions", "[Mr.]",
    "[perhaps]", "[what] was widely considered a sham" — a piece the tagger cut out of a
    phrase, which no reader takes for what was said. A word that stands for a whole phrase
    stays: "endorsed [Clinton]", "opposed [him]", "I know [this]". On PolNeAR train
    articles 150-400, 111 one-word contents were right 39 times, the dropped kind (a
    determiner, possessive, modifier or wh-word) rarely; dropping it: PolNeAR dev e2e
    0.688 -> 0.689, train 150-400 0.685 -> 0.686."""
    if len(d.fragments) != 1:
        return False
    f = d.fragments[0]
    if ctx.inside[f.start]:
        return False  # a quoted word is the speaker's own: “Yessss!”
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if len(words) != 1:
        return False
    word = words[0]
    return word.dep_ in MODIFIER_DEPS or word.tag_ in WH_TAGS


def trailing_cut(ctx: Context, f: CharSpan) -> CharSpan:
    """The fragment cut at the first comma after which an apposition runs to its end, the
    apposition's head inside the fragment and no quoted word after the comma."""
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return f
    doc = ctx.doc
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for tok in span[2:-1]:
        if tok.text != "," or ctx.inside[tok.idx]:
            continue
        top = constituent(doc[tok.i + 1])
        if top is None or top.dep_ not in TRAILING or top.right_edge.i < last or \
                not span.start <= top.head.i < tok.i or any(ctx.inside[tok.idx:f.end]):
            continue
        cut = trim(ctx.text, f.start, tok.idx)
        if cut.end - cut.start >= 3:
            return cut
    return f


def topic_cut(ctx: Context, f: CharSpan) -> CharSpan:
    """A content that is the object of a preposition of topic ends with that object: in
    "Putin has issued statements about recent talks with Lavrov and Peskov, presumably in
    an effort to …" the talks are what he spoke about; the purpose after them is the
    writer's guess, hung on "issued"."""
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return f
    prep = ctx.doc[span.start - 1]
    if not topic_prep(prep):
        return f
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.left_edge.i == span.start]
    if not objects:
        return f
    obj = objects[0]
    last = obj.right_edge
    while last.i > obj.i and last.is_punct:
        last = ctx.doc[last.i - 1]
    end = last.idx + len(last)
    # only where a comma closes the object: "talks with X and Y, presumably …"; without
    # one the parse often ends the object too soon ("about immigration and how it's
    # transforming …", "referred to Rubio as “a bright, charismatic leader”")
    if end >= f.end or not ctx.text[end:f.end].lstrip().startswith(","):
        return f
    return trim(ctx.text, f.start, end)


def object_cut(ctx: Context, d: Draft, f: CharSpan) -> CharSpan:
    """A content that is its cue verb's object ends before the clause the writer hangs on
    the verb after it: "criticized the law as a “crazy system” during a campaign stop",
    "condemned the launch as Pyongyang fired three missiles …"."""
    if d.cue_token is None:
        return f
    verb = ctx.doc[d.cue_token]
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return f
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == span.start]
    if not objects:
        return f
    for child in verb.rights:
        if child.i <= objects[0].right_edge.i or not (
                circumstance(child) or (child.dep_ == "prep" and child.lower_ in ADJUNCTS)
                or second_predicate(child)):
            continue
        start = child.left_edge.idx
        if f.start < start < f.end and not any(ctx.inside[f.start:f.end]):
            cut = trim(ctx.text, f.start, start)
            if cut.end - cut.start >= 2:
                return cut
        break
    return f


def event_cut(ctx: Context, d: Draft, f: CharSpan) -> CharSpan:
    """A content ends before the saying event the writer names after it: "Scholz pledged
    to support Ukraine as long as needed during his speech at the Berlin Security
    Conference" (he pledged during the speech; the parse hangs the phrase on "needed"),
    "promised to help Greece in an interview with Bild on Sunday", and before a date of the
    cue verb's own ("vowed to veto the bill on Tuesday", where the parse hangs "on Tuesday"
    on "vowed"). A quoted content is never cut; a date the parse puts inside the content
    ("said the vote would be held on Tuesday") stays, and so does an event inside a clause
    of its own unless the parse hangs it on the cue verb. Of the contents this cut on the
    181 general news pages (bench/data/judged), all 5 were right: "announced the potential
    exchange [last week]", "denied the allegations [in a statement shared to its website]"
    (cutting inside clauses too had taken 2 right ones and "in" periods 1)."""
    if d.cue_token is None or any(ctx.inside[f.start:f.end]):
        return f
    verb = ctx.doc[d.cue_token]
    for _ in range(3):
        span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or len(span) < 3:
            return f
        last = span.end - 1
        while last > span.start and (ctx.doc[last].is_punct or ctx.doc[last].is_space):
            last -= 1
        # a clause of its own ("said next steps will be divulged in an all-company
        # meeting", "told that Russia is unlikely to agree … at a meeting next month")
        # keeps its events: only one the parse hangs on the cue verb is cut there
        clause = span.root.dep_ == "ccomp" or any(
            t.dep_ == "ccomp" and t.head.i == verb.i for t in span)
        cut = None
        for tok in span[1:]:
            if tok.dep_ != "prep" and tok.dep_ != "npadvmod" or tok.right_edge.i < last:
                continue
            if tok.head.i == verb.i and (saying_event(tok) or dated(tok)) or \
                    not clause and saying_event(tok, SPOKEN_OCCASIONS):
                cut = tok.left_edge.idx
                break
        if cut is None or cut <= f.start:
            return f
        new = trim(ctx.text, f.start, cut)
        if new.end - new.start < 2:
            return f
        f = new
    return f


def saying_event(prep: Token, nouns: frozenset[str] = EVENT_NOUNS) -> bool:
    """Whether a phrase names the event the words were said at: "during his speech", "in an
    interview with Bild", "at a news conference" (a preposition of place or time, one of
    ``nouns`` for its object, with "a" or a possessive: the event is new to the text or the
    speaker's). "said the talks would continue at the summit" (the summit the talks are
    at) stays."""
    if prep.dep_ != "prep" or prep.lower_ not in EVENT_PREPS:
        return False
    for obj in prep.children:
        if obj.dep_ != "pobj" or not any(
                t.dep_ == "poss" or t.lower_ in ("a", "an") for t in obj.lefts):
            continue
        compound = " ".join(t.lower_ for t in obj.lefts if t.dep_ == "compound")
        if obj.lemma_.lower() in nouns or f"{compound} {obj.lower_}".strip() in nouns:
            return True
    return False


def dated(tok: Token) -> bool:
    """Whether a phrase is only a day or time: "on Tuesday", "last week", "Tuesday" (a date
    or time entity); not "in": "reported a loss … in the third quarter", "a disorder in
    2017" are the reported figures' own periods."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    return tok.lower_ in ("on", "at") and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children)


def second_predicate(cc: Token) -> bool:
    """Whether ``cc`` joins a second predicate to the verb: "has promoted a raft of
    unproven therapies and downplayed the risk of concussions" (the cue's object ends
    before it)."""
    if cc.dep_ != "cc" or cc.i == 0 or cc.doc[cc.i - 1].text in ("—", "–", "--", "-"):
        return False  # "comments Trump made — and later walked back — that …": an aside
    # a finite verb: "refinancing student loans and forcing universities to …" coordinates
    # two of the object's participles, whatever the parse hangs them on
    return any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.tag_ != "VBG" and
               c.i > cc.i for c in cc.head.children)


def circumstance(clause: Token) -> bool:
    """Whether an adverbial clause tells when or while the verb happened: "when he ran for
    the White House", "as Pyongyang fired three missiles" (a clause with its own subject),
    ", rushing to TV to say …"; not a purpose ("to attack …"), a question asked ("if they
    planned to attend") or what the object is taken for ("the dinner as Washington
    celebrating itself")."""
    if clause.dep_ != "advcl":
        return False
    marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    if any(m in TIME_MARKS for m in marks):
        return True
    if "as" in marks:
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    doc = clause.doc
    left = clause.left_edge
    return not marks and clause.tag_ == "VBG" and left.i > 0 and doc[left.i - 1].text == ","


def constituent(tok: Token) -> Token | None:
    """The head of the largest constituent that starts at ``tok``, if one does."""
    top = tok
    while top.head.i != top.i and top.head.left_edge.i == tok.i:
        top = top.head
    return top if top.left_edge.i == tok.i else None
