"""Role descriptions read as roles, and the person of an article who holds one (names/roles.py).

Pure: hand-made entities and texts, no model."""

from __future__ import annotations

from whosaid.model import Entity, Mention
from whosaid.names.roles import Role, holder, parse_role, role_profiles


def role(text: str) -> Role:
    found = parse_role(text)
    assert found is not None, text
    return found


def people(text: str, *names: str) -> list[Entity]:
    """PERSON entities with every occurrence of their name in ``text`` as a mention."""
    out = []
    for k, name in enumerate(names):
        eid = f"p{k}"
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        out.append(Entity(eid, name, "PERSON", (name,),
                          tuple(Mention(s, s + len(name), name, eid, name) for s in starts)))
    return out


def test_loose_role_words_read_as_the_office_and_its_country() -> None:
    diplomacy = parse_role("the head of German diplomacy")
    leader = parse_role("the Ukrainian leader")
    assert diplomacy is not None and diplomacy.offices == {"foreign minister"}
    assert diplomacy.country == "germany"
    assert leader is not None and leader.offices == {"president"} and leader.country == "ukraine"


def test_a_possessive_owns_the_role_and_a_bare_leader_is_anyone() -> None:
    secretary = parse_role("the president's press secretary")
    assert secretary is not None and secretary.offices == {"spokesperson"}
    assert secretary.body == "presidency"
    assert role("the leader").generic
    assert parse_role("the Foreign Ministry") is None


def test_the_holder_is_the_person_the_article_gives_the_office() -> None:
    text = ("German Foreign Minister Annalena Baerbock met Ukrainian President Volodymyr "
            "Zelensky. Later the head of German diplomacy said more.")
    ents = people(text, "Annalena Baerbock", "Volodymyr Zelensky")
    profiles = role_profiles(text, ents)
    pos = text.index("the head")
    minister = holder(role("the head of German diplomacy"), profiles, pos)
    president = holder(role("the Ukrainian leader"), profiles, pos)
    assert minister is not None and minister.name == "Annalena Baerbock"
    assert president is not None and president.name == "Volodymyr Zelensky"


def test_a_role_no_one_holds_stays_unresolved() -> None:
    text = "German Foreign Minister Annalena Baerbock spoke. The Russian foreign minister said no."
    profiles = role_profiles(text, people(text, "Annalena Baerbock"))
    assert holder(role("The Russian foreign minister"), profiles, text.index("The Russian")) \
        is None


def test_a_role_set_before_a_name_with_a_comma_is_that_persons() -> None:
    text = "Meanwhile, the spokesperson of the Russian Foreign Ministry, Maria Zakharova, said so."
    profiles = role_profiles(text, people(text, "Maria Zakharova"))
    assert "foreign ministry spokesperson" in profiles[0].offices
    assert profiles[0].countries == {"russia"}
