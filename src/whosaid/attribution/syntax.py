"""Parse helpers the passes share: a verb's subject, a noun phrase's extent, datelines.

In "WASHINGTON -- President Obama, who spoke in Ohio, said …" the parser takes the dateline
"WASHINGTON" for the subject of "said"; :func:`subject` gives "Obama" (its apposition) and
:func:`np_span` the characters of "President Obama" without the relative clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from .drafts import CharSpan
from .outlets import load_outlets, outlet_in

SUBJECT_DEPS = ("nsubj", "csubj")
# who may go on reporting after a clause the parse hung their second verb in (named_reporter)
REPORTER_ENTS = ("PERSON", "ORG", "GPE", "NORP")
# dependents that end a noun phrase: a relative clause, an apposition after a comma, …
NP_ENDS = ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj")
# what the parse may make of a speaker named after its verb and a quotation
INVERTED_DEPS = ("dobj", "attr", "npadvmod", "advmod", "oprd", "dative")
# where the people a subject names are: "Many in Hong Kong", "officials at the ministry"
PLACE_PREPS = frozenset({"in", "at", "within", "inside", "across", "throughout"})


def right_char(tok: Token) -> int:
    """The character offset after the last token of ``tok``'s subtree."""
    r = tok.right_edge
    return r.idx + len(r)


def np_span(tok: Token) -> CharSpan:
    """A noun phrase without its relative clause or apposition after a comma."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in NP_ENDS:
            break
        right = child.right_edge.i
    doc = tok.doc
    # "the Institute for the Study of War (ISW)": keep the bracketed acronym with the name
    if right + 3 < len(doc) and doc[right + 1].text == "(" and doc[right + 3].text == ")":
        right += 3
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return CharSpan(doc[left].idx, doc[right].idx + len(doc[right]))


def dateline(tok: Token) -> bool:
    """Whether ``tok`` is a dateline's place ("WASHINGTON --", "KYIV, Ukraine —"), which the
    parser often takes for the subject of the first sentence."""
    doc = tok.doc
    if not (tok.is_upper and tok.is_alpha and len(tok) > 1):
        return False
    i = tok.i
    while i > 0 and doc[i - 1].is_upper and doc[i - 1].is_alpha:
        i -= 1
    if i > 0 and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
        return False  # not at the start of a paragraph
    for nxt in doc[tok.i + 1: tok.i + 8]:
        if nxt.text in ("--", "—", "–", "―"):
            return True
        if "\n" in nxt.text or not (nxt.is_punct or nxt.is_upper or nxt.is_title):
            return False
    return False


def subject(verb: Token) -> Token | None:
    """The token that says what ``verb`` reports: its subject, the subject it shares with the
    verb it is joined to, or the noun a relative pronoun stands for."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    # "WASHINGTON -- President Obama … said": the place is no subject; its apposition is
    for k, subj in enumerate(subjects):
        if dateline(subj):
            appos = [c for c in subj.children if c.dep_ == "appos" and not dateline(c)
                     and c.i > subj.i + 1 and not c.is_upper]
            subjects[k] = appos[0] if appos else subj
    subjects = [c for c in subjects if not dateline(c)]
    if subjects:
        # of two subjects the parser could not choose between, the one next to the verb
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    # "X said and added", "X attacked Y, saying …": the verb shares its head's subject
    if verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and (
            verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"))):
        return reporter_going_on(verb) or subject(verb.head)
    # "the official who said": the relative pronoun stands for the noun
    if verb.dep_ == "relcl":
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ in ("who", "which", "that"):
                return verb.head
    return inverted_subject(verb)


def reporter_going_on(verb: Token) -> Token | None:
    """The reporter whose clause the parse hung a second verb of theirs inside. In "Khalif
    said some of Clinton's rhetoric has been patronizing, noting her comments …" and "Trump
    tweeted that Machado was “disgusting” and encouraged Americans to …" the parse joins
    "noting" and "encouraged" to the reported clause, whose subject would be their speaker;
    PolNeAR marks the reporter (Khalif, Trump): PolNeAR dev e2e 0.690 -> 0.692, train
    articles 150-400 0.689 -> 0.690. Only a person's report goes on so: "SANA said Moallem
    reviewed …, saying: …" (an outlet's report, relays dev) goes on with Moallem's words."""
    left = verb.left_edge
    participle = verb.tag_ == "VBG" and verb.dep_ == "advcl" and left.i > 0 and \
        verb.doc[left.i - 1].text == ","
    if not participle and not (verb.dep_ == "conj" and verb.tag_.startswith("VB")):
        return None
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or outer.i >= clause.i or outer.pos_ not in ("VERB", "AUX"):
        return None
    reporter = subject(outer)
    if reporter is None or not named_reporter(reporter):
        return None
    name = np_span(reporter)
    if outlet_in(verb.doc.text, name.start, name.end, load_outlets()) is not None:
        return None
    return reporter


def named_reporter(tok: Token) -> bool:
    """Whether ``tok`` can be a reporter who goes on: a person, a pronoun for one, or a named
    body or country ("Merrill says Machado promised … and said she would …", where the
    parse took Merrill for an ORG; "Even China … said it was “resolutely opposed” to the test
    and warned North Korea …"), but no dateline ("WASHINGTON ― The Obama administration …",
    PolNeAR train). Widening it from persons and pronouns: PolNeAR dev 2 speakers right."""
    if tok.tag_ == "PRP":
        return tok.lower_ != "it"
    return (tok.ent_type_ in REPORTER_ENTS or tok.tag_ == "NNP") and not dateline(tok)


def inverted_subject(verb: Token) -> Token | None:
    """The name right after a verb that follows a quotation: "''Several of us were arguing
    …,'' recalled Mr. Rhodes." The space the text's doubled apostrophes leave (they become
    a quotation mark and a space, pipeline.py) makes the parse take the name for an
    object ("Rhodes" dobj), or a rare name for an adverb ("“…,” said Skelly"): it is the
    verb's subject. PolNeAR train articles 150-400: 8 quotations had no speaker so (e2e
    0.686 -> 0.688; dev 0.689 unchanged)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].tag_ != "''" or not doc[i - 1].is_punct or verb.is_title:
        return None  # the quotation ends a clause: "…,'' recalled"; not a headline's "Calls"
    for child in verb.rights:
        if child.is_space or child.is_punct:
            continue
        if child.dep_ in INVERTED_DEPS and child.left_edge.i <= verb.i + 2 and (
                child.pos_ in ("PROPN", "NOUN", "PRON") or child.is_title):
            return child
        return None
    return None
