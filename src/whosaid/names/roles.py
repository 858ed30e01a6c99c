"""Roles: a description of an office ("the head of German diplomacy", "the Ukrainian leader",
"the Kremlin spokesman") read as a role, and the person in an article (or a knowledge base)
who holds it.

The role words are data (``data/roles.json``): "the head of German diplomacy" reads as the
role *foreign minister* of Germany, "the Ukrainian leader" as *president* of Ukraine, "the
presidential press secretary" as a *spokesperson* of the presidency. An article gives the
holders beside their names ("German Foreign Minister Annalena Baerbock", "Maria Zakharova,
the Foreign Ministry spokeswoman"); :func:`role_profiles` reads those, :func:`holder` picks
the one a role description names. A role that fits no one, or two people equally, has no
holder: the statement keeps the role as its speaker and no entity, never a wrong person.
Failing the article, :func:`kb_holder` names the one person a knowledge base says held the
office on the article's date ("the Russian foreign minister" in 2022: Sergey Lavrov).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Entity, KBEntry, KBRole
from ..resources import load_json
from .normalise import fold

APPOSITION_WORDS = 12  # ", the Russian Foreign Ministry spokeswoman," at most this long
PREFIX_WORDS = 8  # "Russian Foreign Ministry Spokesperson Maria Zakharova"
BLOCS = ("nato", "european union")  # not countries: their heads are no presidents
LINKS = {"of", "the", "for", "and", "'s", "’s", "-"}


@dataclass(frozen=True)
class Role:
    """What a role description says: its offices (canonical, with what they imply), the
    country and the body they are of, and whether the head names anyone in office ("the
    official") rather than one office."""

    offices: frozenset[str]
    country: str | None
    body: str | None
    generic: bool


@dataclass(frozen=True)
class Profile:
    """The roles an article gives one person: offices, countries and bodies."""

    entity: Entity
    offices: frozenset[str]
    countries: frozenset[str]
    bodies: frozenset[str]


@dataclass(frozen=True)
class _Table:
    phrases: tuple[tuple[str, str], ...]  # (folded phrase, office or "" for generic)
    leader: frozenset[str]
    implies: dict[str, tuple[str, ...]]
    countries: tuple[tuple[str, str], ...]  # (folded word, country)
    bodies: tuple[tuple[str, str], ...]
    vocabulary: frozenset[str]  # every word of the table (to read a title before a name)


@functools.cache
def _table() -> _Table:
    data = load_json("roles.json")
    phrases = [(fold(p), office) for office, ps in data["roles"].items() for p in ps]
    phrases += [(fold(p), "") for p in data["generic"]]
    phrases += [(fold(p), "") for p in data["country_leader"]]
    phrases.sort(key=lambda x: -len(x[0]))
    countries = sorted(((fold(w), c) for c, ws in data["countries"].items() for w in ws),
                       key=lambda x: -len(x[0]))
    bodies = sorted(((fold(w), b) for b, ws in data["bodies"].items() for w in ws),
                    key=lambda x: -len(x[0]))
    vocab = {w for p, _ in phrases for w in p.split()} | \
        {w for p, _ in countries for w in p.split()} | {w for p, _ in bodies for w in p.split()}
    return _Table(tuple(phrases), frozenset(fold(w) for w in data["country_leader"]),
                  {k: tuple(v) for k, v in data["implies"].items()}, tuple(countries),
                  tuple(bodies), frozenset(vocab))


@functools.cache
def _pattern(phrase: str) -> re.Pattern[str]:
    """A table phrase as a whole-word pattern, compiled once (parse_role tries all ~170 of
    them on every role mention: built afresh each time, they took 2.1 s of the 28 s PolNeAR
    dev analysis)."""
    return re.compile(r"(?<![\w'’])" + re.escape(phrase) + r"(?![\w-])")


@functools.cache
def _country_word(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])" + re.escape(word) + r"(?![\w-])")


def _find(words: str, phrase: str) -> Iterable[re.Match[str]]:
    return _pattern(phrase).finditer(words)


def _first(text: str, table: Iterable[tuple[str, str]]) -> tuple[int, int, str] | None:
    best: tuple[int, int, str] | None = None
    for word, value in table:
        for m in _find(text, word):
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end(), value)
            break
    return best


@functools.lru_cache(maxsize=4096)  # pure, and the same descriptions recur ("the president")
def parse_role(text: str) -> Role | None:
    """The role a description names, or None when it names none: "the head of German
    diplomacy" is the foreign minister of Germany; "the president's press secretary" is a
    spokesperson of the presidency (a role followed by 's owns the role, is not it)."""
    t = _table()
    low = fold(text).replace("’", "'")
    # "the head of German diplomacy": the office read without its country words
    bare = low
    for word, land in t.countries:
        if land not in BLOCS:
            bare = " ".join(_country_word(word).sub(" ", bare).split())
    head: tuple[int, int, str] | None = None
    for words, office in t.phrases:
        for m in _find(bare, words):
            if bare[m.end():m.end() + 2] == "'s":
                continue  # "the president's press secretary": the president owns the role
            if head is None or m.start() < head[0] or \
                    (m.start() == head[0] and m.end() > head[1]):
                head = (m.start(), m.end(), office)
    if head is None:
        return None
    country = _first(low, t.countries)
    body = _first(low, t.bodies)
    office = head[2]
    phrase = bare[head[0]:head[1]]
    if phrase in t.leader:
        # "the Ukrainian leader": a country's leader is its president; "the leader" is anyone
        office = "president" if country is not None and country[2] not in BLOCS else ""
    if not office:
        return Role(frozenset(), country[2] if country else None, body[2] if body else None,
                    True)
    offices = {office, *t.implies.get(office, ())}
    if office == "spokesperson" and body is not None and body[2] == "foreign ministry":
        offices.add("foreign ministry spokesperson")
    return Role(frozenset(offices), country[2] if country else None,
                body[2] if body else None, False)


def _title_before(text: str, start: int) -> str:
    """The title words right before a name: capitalised words, role words and links
    ("President of Ukraine", "Russian Foreign Ministry Spokesperson"), at most eight."""
    vocab = _table().vocabulary
    words = list(re.finditer(r"[\w.'’-]+", text[max(0, start - 120):start]))
    base = max(0, start - 120)
    taken = start
    for m in reversed(words[-PREFIX_WORDS:]):
        between = text[base + m.end():taken]
        if between.strip():
            break  # punctuation between: the title ended
        w = m.group()
        if w[:1].isupper() or fold(w) in vocab or fold(w) in LINKS:
            taken = base + m.start()
            continue
        break
    return text[taken:start]


def _apposition(text: str, end: int) -> str:
    """", the Foreign Ministry spokeswoman," after a name: the words up to the next comma,
    full stop or verb of saying."""
    m = re.match(r",\s+((?:the |a |an )?[^,.;:()\n\"“”]{2,90}?)(?=,|\.|;|\s+(?:said|says|"
                 r"told|stated|noted|added)\b)", text[end:end + 120])
    if not m or len(m.group(1).split()) > APPOSITION_WORDS:
        return ""
    return m.group(1)


def _apposition_before(text: str, start: int) -> str:
    """"the spokesperson of the Russian Foreign Ministry, Maria Zakharova, announced": the
    role phrase that a comma sets before a name, from its article on."""
    m = re.search(r"\b(?:[Tt]he|[Aa]n?)\s+[^,.;:()\n\"“”]{2,90},\s*$",
                  text[max(0, start - 110):start])
    if not m or len(m.group().split()) > APPOSITION_WORDS:
        return ""
    return m.group()


def role_profiles(text: str, entities: Sequence[Entity]) -> list[Profile]:
    """What the article says each person is: the titles before their names and the
    appositions after them ("Maria Zakharova, the ministry's spokeswoman,")."""
    out = []
    for e in entities:
        if e.type != "PERSON":
            continue
        offices: set[str] = set()
        countries: set[str] = set()
        bodies: set[str] = set()
        texts = list(e.titles)
        for m in e.mentions:
            texts.append(m.title or "")
            texts.append(_title_before(text, m.start))
            texts.append(_apposition(text, m.end))
            texts.append(_apposition_before(text, m.start))
        for t in texts:
            role = parse_role(t) if t else None
            if role is None:
                continue
            offices |= role.offices
            if role.country:
                countries.add(role.country)
            if role.body:
                bodies.add(role.body)
        out.append(Profile(e, frozenset(offices), frozenset(countries), frozenset(bodies)))
    return out


def fits(role: Role, offices: Iterable[str], countries: Iterable[str],
         bodies: Iterable[str]) -> int:
    """How well a holder fits a role: 0 not at all (another office, country or body),
    1 the office with nothing said against it, 2 the office and the role's country."""
    offices, countries, bodies = set(offices), set(countries), set(bodies)
    if role.generic:
        if not offices and not countries:
            return 0
    elif not role.offices & offices:
        return 0
    if role.country and countries and role.country not in countries:
        return 0
    if role.body and bodies and role.body not in bodies:
        return 0
    return 2 if role.country and role.country in countries else 1


def holder(role: Role, profiles: Sequence[Profile], pos: int,
           recent: Sequence[Entity] = ()) -> Entity | None:
    """The person of the article a role description at ``pos`` names, or None.

    A generic head ("the official", "the German politician") is the latest speaker it fits
    (``recent``, latest last), else the latest person named before it that fits. An office
    ("the Ukrainian leader") is the person given that office who fits best, the one named
    last before ``pos`` among equals (else the first named after it); a country the role
    names but no holder is given with is no match when another person fits better."""
    by_id = {p.entity.id: p for p in profiles}
    if role.generic:
        for e in reversed(recent):
            p = by_id.get(e.id)
            if p is not None and (not role.country or not p.countries
                                  or role.country in p.countries):
                return e
        return _latest(role, profiles, pos)
    scored = [(fits(role, p.offices, p.countries, p.bodies), p) for p in profiles]
    scored = [(s, p) for s, p in scored if s > 0]
    if not scored:
        return _untitled_speaker(role, by_id, recent)
    top = max(s for s, _ in scored)
    best = [p for s, p in scored if s == top]
    if role.country and top == 1 and len(best) > 1:
        return None  # "the Russian minister" among two ministers of no stated country
    before = [(max(m.end for m in p.entity.mentions if m.end <= pos), p) for p in best
              if any(m.end <= pos for m in p.entity.mentions)]
    if before:
        return max(before, key=lambda x: x[0])[1].entity
    return min(best, key=lambda p: p.entity.mentions[0].start).entity


def _untitled_speaker(role: Role, by_id: dict[str, Profile], recent: Sequence[Entity]
                      ) -> Entity | None:
    """"Peskov said … the presidential press secretary stressed": a role no one in the
    article is given names the latest speaker when the article gives that speaker no role
    at all (news varies how it names the one person it quotes)."""
    if not recent:
        return None
    p = by_id.get(recent[-1].id)
    if p is None or p.offices or (role.country and p.countries and
                                   role.country not in p.countries):
        return None
    return p.entity


def _latest(role: Role, profiles: Sequence[Profile], pos: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for p in profiles:
        if role.country and p.countries and role.country not in p.countries:
            continue
        for m in p.entity.mentions:
            if m.end <= pos and (best is None or m.end > best[0]):
                best = (m.end, p.entity)
    return best[1] if best else None


@functools.lru_cache(maxsize=4096)
def _kb_role(role: KBRole) -> Role | None:
    return parse_role(role.title + (f" of {role.of}" if role.of else ""))


def kb_holder(role: Role, entries: Sequence[KBEntry], on: str | None) -> KBEntry | None:
    """The one knowledge-base entry that held the office a role description names on the
    date ``on`` (ISO; None: the entry must be the only holder ever). A role of no country
    ("the foreign minister") names someone only when one holder fits; a generic head ("the
    official") never does: the knowledge base cannot say which official."""
    if role.generic or not role.offices:
        return None
    found: dict[str, KBEntry] = {}
    for e in entries:
        for r in e.roles:
            held = _kb_role(r)
            if held is None or not role.offices & held.offices:
                continue
            if role.country and held.country != role.country:
                continue
            if role.body and held.body and held.body != role.body:
                continue
            if on is not None and ((r.start and r.start > on) or (r.end and r.end < on)):
                continue
            found[e.id] = e
    return next(iter(found.values())) if len(found) == 1 else None
