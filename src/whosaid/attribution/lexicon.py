"""The cue lexicon: which words report speech or thought, and which take an addressee.

Loaded once from ``whosaid/data/cues.json``. In "Biden told reporters the economy was
strong" the lexicon says "tell" is a speech verb (``speech``) whose object is the person
spoken to (``addressee``); in "polls show" it says "polls" are no person (``other_sources``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..resources import load_json


@dataclass(frozen=True)
class Lexicon:
    """Word sets of the cue lexicon (lemmas for verbs, folded forms for nouns)."""

    speech: frozenset[str]
    thought: frozenset[str]  # thought verbs that are not also speech verbs
    weak: frozenset[str]  # cues only with a content of their own
    addressee: frozenset[str]
    reply: frozenset[str]
    xcomp: frozenset[str]  # verbs whose to-infinitive is the content
    object_content: frozenset[str]  # verbs whose object is the content
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    anaphors: frozenset[str]
    relay_verbs: frozenset[str]
    other_sources: frozenset[str]
    source_nouns: frozenset[str]  # what carries words: a statement, a post, a spokesman
    not_speakers: frozenset[str]
    inanimate: frozenset[str]  # things that say nothing ("the recipe called for sugar")
    name_particles: frozenset[str]
    pronouns: frozenset[str]  # person and organisation pronouns together
    # precision.py: "didn't know", "never intended" report nothing; "we render at 1080p",
    # "NASA is looking to" are no cues; "I", "we", "you" outside quotes are the writer
    negated_void: frozenset[str] = frozenset()
    not_cues: frozenset[str] = frozenset()
    writer_pronouns: frozenset[str] = frozenset()
    sourceless: frozenset[str] = frozenset()  # "it would appear that": no one's words
    # every verb lemma above: "it's all but guaranteed that" (none of them) is a verdict
    reporting: frozenset[str] = frozenset()
    trying: frozenset[str] = frozenset()  # "sought to make …": an act tried, not words
    # "declined to comment": refusing to say; "believed the waitress": trusting a person;
    # "also known as", "what's called …": a name given, no one's words
    refusing: frozenset[str] = frozenset()
    withheld: frozenset[str] = frozenset()  # "comment", "say": refused, nothing said
    trusting: frozenset[str] = frozenset()
    naming: frozenset[str] = frozenset()
    writer_hedges: frozenset[str] = frozenset()  # "which will reportedly focus on": the writer's
    # people a passive may be about, who may then speak ("the suspect was arrested … and
    # told officers he had acted alone"): no entity, pronoun or role says so
    person_nouns: frozenset[str] = frozenset()
    # precision.py: "it sounds like …" is the writer's likening; "the ratio", "everything"
    # are no one ("the ratio was similar when comparing …"), "critics", "the ad" can speak
    likening: frozenset[str] = frozenset()
    speaking_things: frozenset[str] = frozenset()

    def names_a_source(self, word: str) -> bool:
        """Whether a folded noun or lemma can stand for whoever speaks: an anaphor ("the
        minister"), a pronoun, a poll or document ("polls show"), what carries words ("a
        blog post that said"). The verb pass's speaker test and the citing pass's source
        test both read it."""
        return word in self.anaphors or word in self.other_sources or \
            word in self.source_nouns or word in self.pronouns


@functools.cache
def load_lexicon() -> Lexicon:
    """The lexicon shipped in the package (cached: the data never changes)."""
    data = load_json("cues.json")
    speech = frozenset(data["speech"])
    person, org = frozenset(data["person_pronouns"]), frozenset(data["org_pronouns"])

    def words(key: str) -> frozenset[str]:
        return frozenset(data[key])

    reporting = speech | frozenset().union(*(words(k) for k in (
        "thought", "weak", "addressee", "reply", "xcomp", "object_content", "relay_verbs",
        "sourceless", "negated_void")))
    return Lexicon(
        speech=speech,
        thought=words("thought") - speech,
        weak=words("weak"),
        addressee=words("addressee"),
        reply=words("reply"),
        xcomp=words("xcomp"),
        object_content=words("object_content"),
        person_pronouns=person,
        org_pronouns=org,
        anaphors=words("anaphors"),
        relay_verbs=words("relay_verbs"),
        other_sources=words("other_sources"),
        source_nouns=words("source_nouns"),
        not_speakers=words("not_speakers"),
        inanimate=words("inanimate"),
        name_particles=words("name_particles"),
        pronouns=person | org,
        negated_void=words("negated_void"),
        not_cues=words("not_cues"),
        writer_pronouns=words("writer_pronouns"),
        sourceless=words("sourceless"),
        reporting=reporting,
        trying=words("trying"),
        refusing=words("refusing"),
        withheld=words("withheld"),
        trusting=words("trusting"),
        naming=words("naming"),
        writer_hedges=words("writer_hedges"),
        person_nouns=words("person_nouns"),
        likening=words("likening"),
        speaking_things=words("speaking_things"),
    )
