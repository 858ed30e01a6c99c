"""The gender of an article's people, for pronoun agreement: in "When Ford visited his editor
Teresa Nielsen Hayden …, “Life was not long enough,” she recalled" the "she" is Teresa
Nielsen Hayden, not Neil Gaiman who spoke last; in "Andrew doesn't remember any raping, but
he definitely remembers going to get pizza" the "he" is not the interviewer Emily Maitlis.

The evidence, strongest first:

1. a gendered title before the name or a family word beside it (``data/kinship.json``:
   "Mrs.", "Prince", "spokeswoman"; "his wife, Jane Doe", "Patrick Nielsen Hayden, Teresa's
   husband");
2. the given name of a full name (``data/given_names_female.txt``, ``given_names_male.txt``;
   names given to both, Alex or Jordan, are in neither);
3. the article's own pronouns: sentences that name this person alone and use only "he"/"his"
   (or only "she"/"her") outside quotation marks, at least two more of one than of the other.
   An entity the article only names by one word ("Warren") takes its gender from its
   pronouns before its given name: a surname may look like a given name.

A person with no evidence, or with evidence both ways, has no gender: any pronoun may stand
for them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Entity
from ..nlp import doc_text
from ..resources import data_lines, load_json
from .normalise import fold

FEMALE = "female"
MALE = "male"
GENDERS = (FEMALE, MALE)
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
# how many more sentences of one gender's pronouns than of the other's make a gender
PRONOUN_MARGIN = 2
# a family word next to a name: "his wife, Jane Doe", "Patrick Nielsen Hayden, Teresa's
# husband" (at most this many characters between the word and the name)
BESIDE_CHARS = 3
WORD_BEFORE_RE = re.compile(rf"(\w+)\W{{0,{BESIDE_CHARS}}}$")
# "Patrick Nielsen Hayden, Teresa's husband": not "Trump, his wife Melania and …" (the word
# before a name is that name's)
WORD_AFTER_RE = re.compile(r"^,\s+(?:(?:his|her|their|the|a|an)\s+|\w+['’]s\s+)?(\w+)"
                           r"\b(?!\s+[A-Z])")


@functools.cache
def given_name_genders() -> dict[str, str]:
    """Folded given name → "female" or "male" (``data/given_names_female.txt``, ``_male``)."""
    out: dict[str, str] = {}
    for gender in GENDERS:
        for name in data_lines(f"given_names_{gender}.txt"):
            out[fold(name)] = gender
    return out


@functools.cache
def gendered_words() -> dict[str, str]:
    """Folded title or family word → gender (``data/kinship.json``: "mrs", "prince", "wife")."""
    data = load_json("kinship.json")
    return {fold(w): gender for gender in GENDERS for w in data[gender]}


def word_gender(word: str) -> str | None:
    """The gender a title or family word tells: "Mrs." → female, "spokesman" → male."""
    return gendered_words().get(fold(word).rstrip("."))


def name_gender(name: str) -> str | None:
    """The gender of a full name's given name: "Sonya A. Zoghlin" → female; None for a
    name of one word ("Maitlis") or a given name borne by both."""
    words = name.split()
    if len(words) < 2:
        return None
    return given_name_genders().get(fold(words[0]))


def title_gender(entity: Entity, text: str) -> str | None:
    """The gender its titles ("Prince", "Mrs.") and the family words beside its mentions
    ("his wife, Jane Doe") tell, None when they tell none or both."""
    found: set[str] = set()
    for title in entity.titles:
        found.update(g for w in title.split() if (g := word_gender(w)) is not None)
    for m in entity.mentions:
        before = WORD_BEFORE_RE.search(text, max(0, m.start - 30), m.start)
        after = WORD_AFTER_RE.match(text[m.end:m.end + 40])
        for hit in (before, after):
            if hit is not None and (g := word_gender(hit.group(1))) is not None:
                found.add(g)
    return found.pop() if len(found) == 1 else None


def given_gender(entity: Entity) -> str | None:
    """The gender of its full names' given names, None when they tell none or both."""
    found = {g for form in entity.aliases if (g := name_gender(form)) is not None}
    return found.pop() if len(found) == 1 else None


def single_word_gender(entity: Entity) -> str | None:
    """For an entity named by one word only ("Andrew"), that word's gender as a given name."""
    if any(len(form.split()) > 1 for form in entity.aliases):
        return None
    found = {g for form in entity.aliases
             if (g := given_name_genders().get(fold(form))) is not None}
    return found.pop() if len(found) == 1 else None


def pronoun_votes(doc: Doc, people: Sequence[Entity], inside: Sequence[int]
                  ) -> dict[str, Counter[str]]:
    """For each person, how many sentences that name them alone (of the article's people)
    use only male or only female pronouns after the name, outside quotation marks."""
    votes: dict[str, Counter[str]] = {}
    spans = sorted((m.start, m.end, e.id) for e in people for m in e.mentions)
    k = 0
    # a text only tokenised (no parse: the passes' hand-built tests) is one sentence
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        lo, hi = sent.start_char, sent.end_char
        while k < len(spans) and spans[k][0] < lo:
            k += 1
        end = k
        while end < len(spans) and spans[end][0] < hi:  # spans are sorted: stop at the first
            end += 1                                     # past the sentence, no copy to the end
        named = [(s, eid) for s, _e, eid in spans[k:end]]
        if len({eid for _s, eid in named}) != 1:
            continue
        first, eid = named[0]
        said = {PRONOUN_GENDER[t.lower_] for t in sent if t.lower_ in PRONOUN_GENDER
                and t.idx > first and not inside[t.idx]}
        if len(said) == 1:
            votes.setdefault(eid, Counter())[said.pop()] += 1
    return votes


def person_genders(doc: Doc, entities: Sequence[Entity], inside: Sequence[int]
                   ) -> dict[str, str]:
    """Entity id → "female" or "male" for the article's people whose gender it tells
    (``inside``: 1 for each character inside a quotation, where pronouns are the quoted
    speaker's)."""
    text = doc_text(doc)
    people = [e for e in entities if e.type == "PERSON"]
    votes = pronoun_votes(doc, people, inside)
    out: dict[str, str] = {}
    for e in people:
        counted = votes.get(e.id, Counter())
        by_pronoun = next((g for g in GENDERS if counted[g] - counted[other(g)]
                           >= PRONOUN_MARGIN), None)
        gender = title_gender(e, text) or given_gender(e) or by_pronoun or \
            single_word_gender(e)
        if gender is not None:
            out[e.id] = gender
    return out


def other(gender: str) -> str:
    """The other gender."""
    return MALE if gender == FEMALE else FEMALE
