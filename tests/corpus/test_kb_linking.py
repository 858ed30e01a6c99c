"""Linking to a user's knowledge base (whosaid.corpus.kb): translated bodies found, a surname
two people bear left to the context, and corpus entities linked by the same rules."""

from __future__ import annotations

from whosaid.corpus import MemberEntity, cluster_members
from whosaid.corpus.kb import KBEntry, KnowledgeBase

ENTRIES = [
    KBEntry("Q1", "Justin Trudeau", "human", ("Trudeau",), "prime minister of Canada since 2015"),
    KBEntry("Q2", "Pierre Trudeau", "human", (), "prime minister of Canada 1968-1984, a lawyer"),
    KBEntry("Q3", "Security Service of Ukraine", "organization", ("SBU",)),
    KBEntry("Q4", "International Criminal Court", "organization", ("ICC",)),
    KBEntry("Q5", "Council of Europe", "organization"),
    KBEntry("Q6", "Jens Stoltenberg", "human", ("Stoltenberg",), "secretary general of NATO"),
]


def test_kb_links_machine_translated_bodies() -> None:
    kb = KnowledgeBase(ENTRIES)
    assert kb.link("Ukrainian Security Service", "ORG").key == "Q3"
    assert kb.link("International Penal Tribunal", "organization").key == "Q4"
    assert kb.link("SBU", "ORG").key == "Q3"
    # the European Council is another body than the Council of Europe, and not in the KB
    assert kb.link("European Council", "ORG").key is None


def test_kb_surname_two_people_bear_needs_context() -> None:
    kb = KnowledgeBase(ENTRIES)
    # the knowledge base files "Trudeau" under Justin, yet Pierre Trudeau bears it too
    alone = kb.link("Trudeau", "PERSON")
    assert alone.key is None and alone.score == 1.0 and alone.runner_up >= 0.8
    assert kb.link("Trudeau", "PERSON", ["lawyer"]).key == "Q2"
    assert kb.link("Trudeau", "PERSON", ["since 2015"]).key == "Q1"
    assert kb.link("Pierre Trudeau", "PERSON").key == "Q2"
    assert kb.link("Stoltenberg", "PERSON").key == "Q6"  # one bearer


def _member(article: str, name: str, etype: str, titles: tuple[str, ...] = ()) -> MemberEntity:
    return MemberEntity(article, "e1", name, etype, {name: 1}, titles, 1, 0, ())


def test_kb_corpus_entities_link_by_the_same_rules() -> None:
    members = [_member("a1", "Trudeau", "PERSON"),
               _member("a2", "Ukrainian Security Service", "ORG"),
               _member("a3", "Stoltenberg", "PERSON")]
    linked = {c.members[0].article_id: c.kb_id for c in cluster_members(members, ENTRIES)}
    assert linked == {"a1": None, "a2": "Q3", "a3": "Q6"}
