"""Entities across documents: the corpus pass.

After analysis each article has its own entities. :func:`build_corpus_entities` reads them
from the store and merges them into corpus entities: one canonical name (the most complete,
most frequent form), every alias with its count, the type, and the article entities it
gathers (so its articles and statements). It joins what translation, transliteration and
re-reporting scatter, with the matching rules of :mod:`whosaid.linking`, and links each
corpus entity to the user's knowledge base when one was imported (``whosaid kb import``).

The clustering (:func:`cluster_members`) is pure and works in stages, surest first:

1. article entities with the same cleaned name form one group; names an article itself
   gave as aliases of one entity ("Olaf Scholz" and "Olaf Scholes") join their groups;
2. full personal names join when :func:`linking.person_score` says they are one person
   (never two given names), most frequent first; bodies likewise with
   :func:`linking.org_score` (never two kinds of body: Wagner Group / Wagner College);
3. a surname alone ("Scholes"), a name with an initial ("V. Putin") and an acronym ("ISW")
   join the one person or body they can stand for; when several could be meant, those the
   article itself names in full come first, then the likeliest by the article's other
   names and titles and by size (:class:`_Profile`); when none leads clearly, the name
   stays an entity of its own;
4. with a knowledge base, corpus entities that link to the same entry become one.

Analysts' corrections made through the server constrain every stage
(:mod:`whosaid.corpus_constraints`): the entities named a merge's target are one corpus
entity, named so; two names a split set apart never share one. A name with a generational
suffix ("Donald Trump Jr.", "Trump Jr.") joins only names with the same suffix; a bare
"Trump" goes to the suffix-less namesake when there is one.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import CorpusEntity, KBEntry, MemberEntity, content_id
from ..names.linking import (
    ACRONYM,
    PERSON,
    SOUND,
    NameIndex,
    ParsedName,
    blocking_keys,
    context_words,
    given_names_folded,
    given_score,
    org_score,
    parse_name,
    person_score,
    skeleton,
    types_compatible,
    word_score,
)
from ..names.normalise import phonetic_key
from .constraints import NONE, Constraints
from .kb import KnowledgeBase

# Two full names (or two body names) merge from this score: the same given name with a
# transliterated or sound-alike surname (0.9), never an initial with a sound-alike (0.79).
MERGE_THRESHOLD = 0.88
# A surname alone, a name with initials or an acronym joins the entity whose articles its
# article resembles most (co-mentioned names, titles), counting a larger entity likelier,
# when it leads the next by CHOICE_MARGIN; else it stays apart. See _Profile.score.
SHRINK = 5.0
PRIOR_WEIGHT = 1.0
CHOICE_MARGIN = 0.5

def _is_person(etype: str | None) -> bool:
    return etype == PERSON


# ---------------------------------------------------------------------------------------
# Groups: article entities with the same cleaned name


@dataclass
class _Group:
    key: str
    person: bool
    parsed: ParsedName
    members: list[MemberEntity] = field(default_factory=list)
    parent: _Group | None = None
    # analysts' corrections: the constrained names of its cluster (kept up to date on the
    # root), the names they must never join, and whether a merge pinned it to its cluster
    names: set[str] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)
    pinned: bool = False

    @property
    def weight(self) -> int:
        return sum(max(m.mentions, 1) for m in self.members)

    def root(self) -> _Group:
        g = self
        while g.parent is not None:
            g = g.parent
        return g


def _group_key(parsed: ParsedName, person: bool) -> str:
    if person:
        return "P:" + parsed.key + (" " + parsed.suffix if parsed.suffix else "")
    if parsed.is_acronym:
        return "A:" + parsed.acronym
    return "W:" + " ".join(sorted(parsed.words)) if parsed.words else "T:" + parsed.key


def _kind(g: _Group) -> str:
    """full: given name and surname; short: a surname, initials or an acronym."""
    return _name_kind(g.parsed, g.person)


def _name_kind(p: ParsedName, person: bool) -> str:
    if person:
        full = bool(p.given) and not all(len(t) == 1 for t in p.given)
        return "full" if full else "short"
    return "short" if p.is_acronym else "full"


def _may_join(a: _Group, b: _Group) -> bool:
    """Whether the clusters of two groups may become one: no split correction forbids it."""
    ra, rb = a.root(), b.root()
    return ra is rb or not (ra.names & rb.blocked or rb.names & ra.blocked)


def _union(a: _Group, b: _Group) -> _Group | None:
    """Put two groups in one cluster; returns its root (None when a correction forbids)."""
    ra, rb = a.root(), b.root()
    if ra is rb:
        return ra
    if not _may_join(ra, rb):
        return None
    # the heavier group stays the root, so "Olaf Scholz" leads "Olaf Scholes"
    if rb.weight > ra.weight:
        ra, rb = rb, ra
    rb.parent = ra
    ra.names |= rb.names
    ra.blocked |= rb.blocked
    return ra


def _member_name(m: MemberEntity) -> ParsedName:
    """The name an article entity is grouped by, with the tagger's slips undone."""
    parsed = parse_name(m.name, m.type)
    if not parsed.tokens:
        return parse_name(m.name, None)
    if not _is_person(m.type):
        return parsed
    given = given_names_folded()
    toks = parsed.tokens
    if len(toks) >= 3 and toks[0] not in given and toks[1] in given:
        # "Floridians Jeb Bush": a word the tagger took into the name
        return parse_name(" ".join(m.name.split()[1:]), m.type)
    if not parsed.given or all(len(t) == 1 for t in parsed.given):
        # "Kennedy", written once in full in the article: group by the full name
        full = [a for a in m.aliases if _is_full(parse_name(a, m.type))
                and parse_name(a, m.type).surname[-1:] == parsed.surname[-1:]]
        if full:
            return parse_name(max(full, key=lambda a: (m.aliases[a], len(a), a)), m.type)
    elif parsed.given[0] not in given and m.aliases.get(m.name, 0) <= 1:
        # "Classic Clinton" once, "Clinton" often: a surname the tagger took a word with
        alone = [a for a in m.aliases if parse_name(a, m.type).tokens == parsed.surname]
        if alone and m.aliases[alone[0]] >= 2:
            return parse_name(alone[0], m.type)
    return parsed


def _is_full(p: ParsedName) -> bool:
    return bool(p.given) and len(p.given[0]) > 1 and p.surname != ()


def _make_groups(members: Sequence[MemberEntity],
                 constraints: Constraints = NONE) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    constrained = constraints.constrained
    for m in members:
        person = _is_person(m.type)
        parsed = _member_name(m)
        key = _group_key(parsed, person)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, person, parsed)
        g.members.append(m)
        if m.name in constrained:
            g.names.add(m.name)
            g.blocked |= constraints.blocked(m.name)
    return groups


def _pin_together(groups: Mapping[str, _Group], constraints: Constraints) -> None:
    """A merge made through the server: the groups holding entities named its target
    become one cluster, which the later stages never take apart."""
    by_name: dict[str, list[_Group]] = defaultdict(list)
    wanted = set(constraints.together)
    for g in groups.values():
        for name in {m.name for m in g.members} & wanted:
            by_name[name].append(g)
    for name in constraints.together:
        same = by_name.get(name, [])
        for g in same:
            g.pinned = True
        for g in same[1:]:
            _union(same[0], g)


def _alias_unions(groups: dict[str, _Group]) -> dict[str, Counter[str]]:
    """Join groups an article said were one entity; return, for each acronym, the groups
    of the names it was written beside ("ISW" next to "Institute for the Study of War")."""
    acronym_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for g in list(groups.values()):
        if _kind(g) != "full":
            continue
        for m in g.members:
            for alias in m.aliases:
                parsed = parse_name(alias, m.type)
                key = _group_key(parsed, g.person)
                if key == g.key:
                    continue
                if not g.person and parsed.is_acronym:
                    acronym_votes[parsed.acronym][g.key] += 1
                    continue
                other = groups.get(key)
                if other is None or other.person != g.person or _kind(other) != "full":
                    continue
                if g.person and not _same_person(g.parsed, other.parsed):
                    continue
                _union(g, other)  # unless a split correction keeps them apart
    return acronym_votes


def _same_person(a: ParsedName, b: ParsedName) -> bool:
    """Whether two full names may name one person: George W. Bush is not George H. W. Bush,
    Donald Trump is not Donald Trump Jr."""
    return a.suffix == b.suffix and person_score(a, b) > 0


# ---------------------------------------------------------------------------------------
# The look-ups of stages 2 and 3

# The buckets (blocking keys) each group's look-up visits, by group key
Visits = Mapping[str, Sequence[str]]


def _index() -> NameIndex:
    """The names stages 2 and 3 look names up in: :class:`NameIndex`'s strict look-up
    (``loose=False``), which visits the buckets of a name's whole-word blocking keys
    smallest first and, past the first three, none of more than ``BLOCK_LIMIT`` names. The
    buckets a look-up visits can also be given: a block of the corpus then visits those the
    look-up over the whole corpus visited (:class:`Lookups`), though its own buckets are
    smaller, and so finds what it found there among the block's names."""
    return NameIndex(loose=False)


def _scores(index: NameIndex, q: ParsedName, floor: float,
            keys: Sequence[str] | None = None) -> dict[str, float]:
    """The best score of each entity a look-up of ``q`` finds (see :func:`_index`)."""
    return {key: score for key, (score, _) in index.scores(q, floor, keys).items()}


# ---------------------------------------------------------------------------------------
# Stage 2: full names


def _merge_full(groups: list[_Group], person: bool, visits: Visits | None = None) -> None:
    """Join full names that name one entity, the most mentioned first; ``visits``: the
    buckets each name's look-up visits (see :func:`_index`)."""
    index = _index()
    by_key: dict[str, _Group] = {}
    forms: dict[int, list[ParsedName]] = defaultdict(list)  # root id -> its full names
    score_fn = person_score if person else org_score
    for g in sorted(groups, key=lambda g: (-g.weight, g.key)):
        best: tuple[float, _Group] | None = None
        keys = None if visits is None else visits.get(g.key)
        for key, score in _scores(index, g.parsed, MERGE_THRESHOLD, keys).items():
            if score < MERGE_THRESHOLD:
                continue
            root = by_key[key].root()
            # every name the cluster already has must agree: no chain from Olaf Scholz to
            # Olaf Scholes to Olga Scholes
            if any(score_fn(g.parsed, f) == 0 or (person and f.suffix != g.parsed.suffix)
                   for f in forms[id(root)]):
                continue
            if not types_compatible(g.members[0].type, root.members[0].type):
                continue
            if not _may_join(g, root):
                continue
            if best is None or score > best[0] or (score == best[0] and root.weight >
                                                   best[1].weight):
                best = (score, root)
        if best is not None:
            old_root = best[1]
            new_root = _union(g, old_root) or g.root()
            merged = forms.pop(id(old_root), []) + forms.pop(id(g), [])
            forms[id(new_root)] = merged + [g.parsed]
        else:
            forms[id(g.root())].append(g.parsed)
        by_key[g.key] = g
        _file_full(index, g.key, g.parsed, person, g.members[0].type, g.members[0].aliases)


def _file_full(index: NameIndex, key: str, parsed: ParsedName, person: bool, etype: str,
               aliases: Iterable[str]) -> None:
    """File a full name's group in stage 2's index: its name and the aliases of its first
    article entity that it groups (those are filed untyped for a body)."""
    index.add(key, parsed.text, etype if person else None)
    for form in aliases:
        pf = parse_name(form, etype)
        if _group_key(pf, person) == key and form != parsed.text:
            index.add(key, form, etype if person else None)


# ---------------------------------------------------------------------------------------
# Stage 3: short names


def _context(m: MemberEntity) -> frozenset[str]:
    return context_words((*m.co_mentions, *m.titles))


@dataclass
class _Profile:
    """What the articles of one cluster talk about: words of co-mentions and titles."""

    words: Counter[str] = field(default_factory=Counter)
    members: int = 0
    by_article: dict[str, list[frozenset[str]]] = field(default_factory=dict)

    def add(self, article_id: str, ctx: frozenset[str]) -> None:
        self.words.update(ctx)
        self.members += 1
        self.by_article.setdefault(article_id, []).append(ctx)

    def score(self, ctx: frozenset[str], idf: Mapping[str, float], article_id: str) -> float:
        """How well a context fits: the rarer the shared words and the more of the
        cluster's articles have them, the better; a large cluster is likelier to begin
        with. Few articles count for less than their share (SHRINK). The article of the
        name itself is left out: it would vouch for whatever it names."""
        own = self.by_article.get(article_id, [])
        members = self.members - len(own)
        shared = sum(idf.get(w, 0.0) * (self.words[w] - sum(w in o for o in own))
                     for w in ctx) / (members + SHRINK)
        return shared + PRIOR_WEIGHT * math.log1p(members)


def _short_candidates(g: _Group, full_index: NameIndex, roots: Mapping[str, _Group],
                      votes: Mapping[str, Counter[str]], keys: Sequence[str] | None = None
                      ) -> list[tuple[float, _Group]]:
    """Full clusters a short name could stand for, with how well its words match;
    ``keys``: the buckets its look-up visits (see :func:`_index`)."""
    p = g.parsed
    found: dict[int, tuple[float, _Group]] = {}
    if g.person:
        if _given_with_suffix(p):  # "Don Jr.": the son with that given name
            for full in roots.values():
                rp = full.parsed
                s = given_score(p.tokens[0], rp.given[0]) if rp.given else 0.0
                root = full.root()
                if rp.suffix == p.suffix and s >= 0.8 * SOUND and \
                        s > found.get(id(root), (0.0, root))[0]:
                    found[id(root)] = (s, root)
            return list(found.values())
        for key in _scores(full_index, p, 0.7, keys):
            root = roots[key].root()
            s = _short_score(p, roots[key].parsed)
            if not s:
                continue
            if s > found.get(id(root), (0.0, root))[0]:
                found[id(root)] = (s, root)
        plain = {k: v for k, v in found.items() if not v[1].parsed.suffix}
        if not p.suffix and plain:
            # "Trump" without the suffix: Donald Trump rather than Donald Trump Jr., whom an
            # article calls "Trump Jr." or joins to "Trump" itself when it names him alone
            found = plain
    else:
        for key, n in votes.get(p.acronym, Counter()).items():
            if key in roots:
                root = roots[key].root()
                found[id(root)] = (1.0 + n, root)
        if not found:
            for key, score in _scores(full_index, p, ACRONYM, keys).items():
                root = roots[key].root()
                if score >= ACRONYM and score > found.get(id(root), (0.0, root))[0]:
                    found[id(root)] = (score, root)
    return list(found.values())


def _short_score(p: ParsedName, rp: ParsedName) -> float:
    """How well a short personal name (a surname alone, "Scholes"; initials, "V. Putin")
    fits the full name ``rp`` its look-up found: 0 when it cannot stand for it ("Trump Jr."
    is not Donald Trump)."""
    if p.suffix and rp.suffix != p.suffix:
        return 0.0
    if not p.given:  # a surname alone
        s = max(word_score("".join(p.surname), "".join(rp.surname)),
                word_score(p.surname[-1], rp.surname[-1]) * 0.98)
        return s if s >= SOUND else 0.0
    s = person_score(p, rp)  # initials
    return s if s >= 0.8 * SOUND else 0.0


def _given_with_suffix(p: ParsedName) -> bool:
    """A given name and a suffix only: "Don Jr.", "Hank III"."""
    return bool(p.suffix) and len(p.tokens) == 1 and p.tokens[0] in given_names_folded()


def _choose(m: MemberEntity, cands: list[tuple[float, _Group]],
            profiles: Mapping[int, _Profile], idf: Mapping[str, float]) -> _Group | None:
    if not cands:
        return None
    # the article names some of them in full ("Hillary Clinton", "Bill Clinton") and left
    # "Clinton" undecided: it is one of those
    # (with one only, the article would have joined them itself: a tagger's slip)
    here = [(s, r) for s, r in cands if m.article_id in profiles[id(r)].by_article]
    cands = here if len(here) > 1 else cands
    top_score = max(s for s, _ in cands)
    cands = [(s, r) for s, r in cands if s >= top_score - 1e-9]  # exact spelling first
    if len(cands) == 1:
        return cands[0][1]
    # the candidates' own names say nothing about which one is meant ("Hillary Clinton"
    # among the other names of an article on Bill Clinton)
    ctx = _context(m) - {t for _, r in cands for t in r.parsed.tokens}
    scored = sorted(((profiles[id(r)].score(ctx, idf, m.article_id), r) for _, r in cands),
                    key=lambda x: -x[0])
    if scored[0][0] - scored[1][0] >= CHOICE_MARGIN:
        return scored[0][1]
    return None


def _attach_short(short: list[_Group], full: list[_Group], person: bool,
                  votes: Mapping[str, Counter[str]],
                  idf_given: Mapping[str, float] | None = None,
                  visits: Visits | None = None) -> list[_Group]:
    """Join each short name to the full one it stands for; returns the sub-groups made
    when the articles of one short name point at different entities. ``idf_given``: the
    context words' weights over the whole corpus (a block's own would differ); ``visits``:
    the buckets each short name's look-up visits (see :func:`_index`)."""
    index = _index()
    roots: dict[str, _Group] = {}
    for g in full:
        roots[g.key] = g
        index.add(g.key, g.parsed.text, g.members[0].type if person else None)
    profiles: dict[int, _Profile] = defaultdict(_Profile)
    df: Counter[str] = Counter()
    n = 0
    for g in full:
        prof = profiles[id(g.root())]
        for m in g.members:
            ctx = _context(m)
            prof.add(m.article_id, ctx)
            df.update(ctx)
            n += 1
    idf = idf_given if idf_given is not None else _idf(n, df)
    made: list[_Group] = []
    for g in sorted(short, key=lambda g: (-g.weight, g.key)):
        if g.pinned and g.root() is not g:
            continue  # a merge correction put it where it belongs
        keys = None if visits is None else visits.get(g.key)
        cands = [(s, r) for s, r in _short_candidates(g, index, roots, votes, keys)
                 if _may_join(g, r)]
        if not cands:
            continue
        # one decision per article: its context may point at another person
        attached: dict[int, list[MemberEntity]] = defaultdict(list)
        targets: dict[int, _Group] = {}
        alone: list[MemberEntity] = []
        for m in g.members:
            target = _choose(m, cands, profiles, idf)
            if target is None:
                alone.append(m)
            else:
                attached[id(target)].append(m)
                targets[id(target)] = target
        if len(targets) == 1 and not alone:
            _union(next(iter(targets.values())), g)
            continue
        if g.pinned:
            continue  # merged by an analyst: all its articles go together or none
        g.members = alone
        for tid, ms in attached.items():
            sub = _Group(f"{g.key}#{tid}", g.person, g.parsed, ms, names=set(g.names),
                         blocked=set(g.blocked))
            root = targets[tid].root()
            sub.parent = root
            root.names |= sub.names
            root.blocked |= sub.blocked
            made.append(sub)
    return made


def _idf(n: int, df: Mapping[str, int]) -> dict[str, float]:
    return {w: math.log((n + 1) / c) for w, c in df.items()}


def _join_short_alone(short: list[_Group]) -> None:
    """Short names no full name claims: sound-alike surnames still join ("Scholes",
    "Scholz"); acronyms only when equal (already one group)."""
    persons = [g for g in short if g.person and g.members and g.parsed.surname
               and not g.parsed.given and g.root() is g]  # "-" alone has no surname
    by_key: dict[str, list[_Group]] = defaultdict(list)
    for g in persons:
        by_key[phonetic_key(g.parsed.surname[-1])].append(g)
    for same in by_key.values():
        same.sort(key=lambda g: (-g.weight, g.key))
        for i, g in enumerate(same):
            for h in same[:i]:
                if h.parsed.suffix != g.parsed.suffix or not _may_join(h, g):
                    continue  # "Trump Jr." and "Trump" are two people
                if word_score(g.parsed.surname[-1], h.parsed.surname[-1]) >= SOUND:
                    _union(h, g)
                    break


# ---------------------------------------------------------------------------------------
# Canonical names


def _canonical(aliases: Counter[str], etype: str, members: Sequence[MemberEntity],
               suffix: str = "") -> str:
    """The most complete, most written name; for a person, one with the cluster's
    generational ``suffix`` ("Donald Trump Jr." even where "Donald Trump" slipped in)."""
    if not aliases:
        return members[0].name
    if etype == PERSON:
        full = []
        surname_votes: Counter[str] = Counter()
        for alias, n in aliases.items():
            p = parse_name(alias, PERSON)
            if p.surname:
                surname_votes["".join(p.surname)] += n
            if _is_full(p) and not p.titles and not re.search(r"[@#\d]", alias):
                full.append((alias, p))
        if full:
            return max(full, key=lambda ap: (ap[1].suffix == suffix,
                                             surname_votes["".join(ap[1].surname)],
                                             aliases[ap[0]], "," not in ap[0],
                                             len(ap[1].tokens), ap[0]))[0]
    else:
        acronyms = {a for a in aliases if parse_name(a, etype).is_acronym}
        spelled = [a for a in aliases if a not in acronyms]
        if spelled:
            return max(spelled, key=lambda a: (parse_name(a, etype).acronym in acronyms,
                                               aliases[a], len(a), a))
    return max(aliases, key=lambda a: (aliases[a], len(a), a))


def canonical_name(aliases: Counter[str], etype: str, suffix: str = "") -> str:
    """The canonical name of a corpus entity written ``aliases`` (alias -> count): the most
    complete, most written form (see :func:`_canonical`)."""
    return _canonical(aliases, etype, [], suffix)


def _corpus_entity(groups: Sequence[_Group]) -> CorpusEntity:
    members = [m for g in groups for m in g.members]
    aliases: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for m in members:
        for alias, n in m.aliases.items():
            aliases[alias] += n
        if not m.aliases:
            aliases[m.name] += max(m.mentions, 1)
        types[m.type] += max(m.mentions, 1)
    etype = PERSON if types[PERSON] and any(g.person for g in groups) else \
        max(types, key=lambda t: (types[t], t))
    suffixes = Counter({"": 0})
    for g in groups:
        if g.person and g.parsed.given:
            suffixes[g.parsed.suffix] += g.weight
    name = _canonical(aliases, etype, members, max(suffixes, key=lambda x: (suffixes[x], x)))
    members.sort(key=lambda m: (m.article_id, m.entity_id))
    return CorpusEntity("", name, etype, aliases, members)


def cluster_members(members: Sequence[MemberEntity],
                    kb: Sequence[KBEntry] | None = None,
                    constraints: Constraints = NONE,
                    stats: ContextStats | None = None,
                    visits: Visits | None = None) -> list[CorpusEntity]:
    """Merge article entities into corpus entities (see the module docstring); with a
    knowledge base, link each to its entry and merge those linked to the same one;
    ``constraints``: the analysts' corrections, which every stage obeys; ``stats`` and
    ``visits``: the context words counted and the buckets the name look-ups visited over
    the whole corpus when ``members`` are only a block of it (:func:`cluster_block`)."""
    groups = _make_groups(members, constraints)
    _pin_together(groups, constraints)
    made: list[_Group] = []
    votes = _alias_unions(groups)
    for person in (True, False):
        mine = [g for g in groups.values() if g.person == person]
        full = [g for g in mine if _kind(g) == "full"]
        short = [g for g in mine if _kind(g) == "short"]
        _merge_full(full, person, visits)
        made += _attach_short(short, full, person, votes,
                              None if stats is None else stats.idf(person), visits)
        _join_short_alone(short)
    all_groups = [*groups.values(), *made]
    clusters: dict[int, list[_Group]] = defaultdict(list)
    for g in all_groups:
        if g.members:
            clusters[id(g.root())].append(g)
    entities = [_corpus_entity(gs) for gs in clusters.values()]
    if kb:
        entities = _link_and_merge(entities, kb, constraints)
    if constraints.together:
        for e in entities:
            _name_by_merge(e, constraints)
    _assign_ids(entities)
    return entities


def reassign_ids(entities: list[CorpusEntity], used: set[str]) -> None:
    """Give corpus entities ids that none of ``used`` has (re-running part of the pass)."""
    _assign_ids(entities, used)


def _name_by_merge(e: CorpusEntity, constraints: Constraints) -> None:
    """An analyst merged entities into a target: the corpus entity holding it goes by that
    name (the latest such merge), unless it knows a more complete one ("Vladimir Putin" for
    a target "Putin")."""
    names = {m.name for m in e.members}
    targets = [t for t in constraints.together if t in names]
    if not targets:
        return
    target = targets[-1]
    if _completeness(parse_name(target, e.type), e.type) >= \
            _completeness(parse_name(e.name, e.type), e.type):
        e.name = target


def id_order(e: CorpusEntity) -> tuple[int, str, str, str, str]:
    """The order ids are given in: among corpus entities of one type and name, the first
    gets the plain content id, the next ones numbered ids."""
    return (-e.mentions, e.name, e.type, e.members[0].article_id, e.members[0].entity_id)


def _assign_ids(entities: list[CorpusEntity], used: set[str] | None = None) -> None:
    """Content ids from type and name; ``used``: ids already taken (a partial re-run)."""
    entities.sort(key=id_order)
    used = used if used is not None else set()
    for e in entities:
        base = content_id("corpus-entity", e.type, e.name)
        eid, n = base, 1
        while eid in used:
            n += 1
            eid = content_id("corpus-entity", e.type, e.name, n)
        used.add(eid)
        e.id = eid


# ---------------------------------------------------------------------------------------
# Knowledge base


def link_entity(index: NameIndex, entity: CorpusEntity) -> tuple[str | None, float]:
    """The knowledge-base entry a corpus entity is, by its names and its context."""
    ctx = [*entity.titles[:5]]
    ctx += [n for n, _ in Counter(c for m in entity.members[:50] for c in m.co_mentions)
            .most_common(10)]
    # its most complete names only: "Obama" alone would link Michelle Obama to Barack, "SC"
    # South Carolina to the Supreme Court
    rank = _completeness(parse_name(entity.name, entity.type), entity.type)
    names = [entity.name] + [
        a for a, _ in entity.aliases.most_common(8)
        if a != entity.name and _completeness(parse_name(a, entity.type), entity.type) >= rank
    ][:4]
    best: tuple[str | None, float] = (None, 0.0)
    for name in names:
        found = index.match(name, entity.type, ctx)
        if found.key is not None:
            return found.key, found.score
        best = (None, max(best[1], found.score))
    return best


def _completeness(p: ParsedName, etype: str) -> int:
    """2: a full personal name or a spelled-out body; 1: initials; 0: a surname alone or an
    acronym."""
    if etype == PERSON:
        return 2 if _is_full(p) else 1 if p.given else 0
    return 0 if p.is_acronym else 2


def _link_and_merge(entities: list[CorpusEntity], kb: Sequence[KBEntry],
                    constraints: Constraints = NONE) -> list[CorpusEntity]:
    index = KnowledgeBase(kb).index
    by_id = {e.id: e for e in kb}
    by_kb: dict[str, list[CorpusEntity]] = defaultdict(list)
    out: list[CorpusEntity] = []
    for e in entities:
        key, score = link_entity(index, e)
        if key is None:
            out.append(e)
            continue
        e.kb_id, e.kb_score = key, round(score, 4)
        by_kb[key].append(e)
    for key, same in by_kb.items():
        head = max(same, key=lambda e: (e.mentions, e.name))
        for other in same:
            if other is head:
                continue
            if _kept_apart(head, other, constraints):
                out.append(other)  # a split correction: both link there, stay two
                continue
            head.members.extend(other.members)
            head.aliases.update(other.aliases)
            head.kb_score = max(head.kb_score or 0.0, other.kb_score or 0.0)
        head.members.sort(key=lambda m: (m.article_id, m.entity_id))
        # a name the user's knowledge base gives is the correct form
        entry = by_id[key]
        head.name = entry.name if head.type != PERSON or len(entry.name.split()) > 1 \
            else head.name
        out.append(head)
    return out


def _kept_apart(a: CorpusEntity, b: CorpusEntity, constraints: Constraints) -> bool:
    if not constraints.apart:
        return False
    names_b = {m.name for m in b.members}
    return any(constraints.blocked(m.name) & names_b for m in a.members)


# ---------------------------------------------------------------------------------------
# Blocks: parts of the corpus that the stages above never let touch
#
# Every stage joins two article entities only through something they share: a cleaned name
# (stage 1, an analyst's merge, an alias), a name that a look-up of the other finds at a
# score the stage joins at (stages 2 and 3: _index), an acronym written beside a name
# (stage 3's votes), a surname's sound (stage 3, names no full name claims), a
# generational suffix ("Don Jr." looks at every full name "... Jr."), a knowledge-base
# entry (stage 4), an analyst's merge target. So the article entities fall into blocks, the
# connected components of "shares one of those", and clustering each block alone gives
# what clustering the whole corpus gives, provided three corpus-wide things are done over
# the whole corpus: the weight of context words (stage 3's idf, counted first:
# :class:`ContextStats`), the look-ups of stages 2 and 3 (:class:`Lookups`, run over the
# names alone first: what each finds, and which buckets it visits, so that a block's
# look-up visits the same buckets though they hold only the block's names), and the
# numbering of ids that two corpus entities of one type and name in two blocks share
# (:func:`block_ids`, after). Two article entities of one type and name always share a
# block (the cleaned name). A look-up's find is what links, not a shared blocking key: a
# body's word ("national", "new") is a key of thousands of names that never join, and
# chained 40% of the 10,000-article bench store into one block.


@dataclass
class ContextStats:
    """Context words over the whole corpus: how many article entities with a full name
    there are and how many of them have each word, for persons and for other names (what
    :func:`_attach_short` weighs a surname's or an acronym's context by)."""

    members: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    df: dict[bool, Counter[str]] = field(
        default_factory=lambda: {True: Counter(), False: Counter()})

    def add(self, m: MemberEntity) -> None:
        """Count the context words of ``m``."""
        self.count(counted_as(m), m)

    def count(self, person: bool | None, m: MemberEntity) -> None:
        """Count the context words of ``m`` as :func:`counted_as` says (``person``), which
        depends on its type, name and aliases only: a caller that meets one name in many
        articles weighs it once."""
        if person is not None:
            self.members[person] += 1
            self.df[person].update(_context(m))

    def idf(self, person: bool) -> dict[str, float]:
        return _idf(self.members[person], self.df[person])


def counted_as(m: MemberEntity) -> bool | None:
    """Whose context words ``m`` counts towards in :class:`ContextStats`: persons' (True)
    or other names' (False) when it is a full name ("Olaf Scholz", "Wagner Group"), none
    (None) when it is short ("Scholz", "V. Putin", "ISW"): what stage 3 weighs a short
    name's context by. It depends on the type, name and aliases of ``m`` only."""
    person = _is_person(m.type)
    return person if _name_kind(_member_name(m), person) == "full" else None


def context_stats(members: Sequence[MemberEntity]) -> ContextStats:
    """:class:`ContextStats` of ``members`` (the whole corpus)."""
    stats = ContextStats()
    for m in members:
        stats.add(m)
    return stats


def _kb_query_keys(p: ParsedName) -> set[str]:
    # what the knowledge base's NameIndex (loose) looks under, given names included
    return blocking_keys(p, True, True) | {"G:" + skeleton(w)[:3] for w in p.tokens
                                           if len(w) > 1}


def kb_block_keys(kb: Sequence[KBEntry]) -> list[frozenset[str]]:
    """For each knowledge-base entry, the keys it is filed under (as block nodes)."""
    out = []
    for e in kb:
        keys: set[str] = set()
        for name in (e.name, *e.aliases):
            p = parse_name(name, e.type)
            keys |= blocking_keys(p)
            if p.given and len(p.given[0]) > 1:
                keys.add("G:" + skeleton(p.given[0])[:3])
        out.append(frozenset("KB:" + k for k in keys))
    return out


# An article entity's type, name and aliases with their counts (sorted): all that planning
# blocks reads of it besides its article and mentions
MemberForm = tuple[str, str, tuple[tuple[str, int], ...]]


def member_form(m: MemberEntity) -> MemberForm:
    """The :data:`MemberForm` of ``m``. Most article entities repeat one seen before
    ("Donald Trump" with aliases {"Donald Trump": 1, "Trump": 2} in many articles; the
    1,000-article scale store has 21,103 article entities of 4,006 forms), and one form
    always adds the same block nodes, group and context count to a plan."""
    return (m.type, m.name, tuple(sorted(m.aliases.items())))


def block_nodes(m: MemberEntity, kb_keys: frozenset[str] = frozenset()) -> frozenset[str]:
    """What ``m`` may share with another article entity besides a look-up's find (see the
    section's comment): two article entities with a node in common belong to one block.
    ``kb_keys``: the union of :func:`kb_block_keys` (empty without a knowledge base)."""
    return _block_nodes(member_form(m), kb_keys)


@functools.lru_cache(maxsize=65536)
def _block_nodes(form: MemberForm, kb_keys: frozenset[str]) -> frozenset[str]:
    etype, name, aliases = form
    m = MemberEntity("", "", name, etype, dict(aliases))
    person = _is_person(etype)
    parsed = _member_name(m)
    nodes = {group_node(_group_key(parsed, person))}
    forms = {name, parsed.text, *m.aliases}
    views = [parsed] + [parse_name(f, t) for f in forms for t in
                        ({etype} if person else {etype, None})]
    for p in views:
        nodes.add(group_node(_group_key(p, person)))  # an alias that names another group
        if not person and p.is_acronym:  # "ISW" beside "Institute for the Study of War"
            nodes.add("V:" + p.acronym)
    if person and not parsed.given and parsed.surname:
        nodes.add("J:" + phonetic_key(parsed.surname[-1]))
    if person and parsed.suffix:
        short = _given_with_suffix(parsed)
        nodes.add(("SFX:" if short else "SFXF:") + parsed.suffix)
    if kb_keys:
        nodes |= {k for f in forms for t in {etype, PERSON, "ORG", None}
                  for k in ("KB:" + q for q in _kb_query_keys(parse_name(f, t)))
                  if k in kb_keys}
    return frozenset(nodes)


def cluster_block(members: Sequence[MemberEntity], kb: Sequence[KBEntry] | None,
                  stats: ContextStats, constraints: Constraints = NONE,
                  visits: Visits | None = None) -> list[CorpusEntity]:
    """Cluster one block of the corpus (or several: any union of whole blocks), with the
    context words counted and the look-ups' buckets (``visits``, of :class:`Lookups`)
    chosen over the whole corpus: the corpus entities the whole pass makes of these article
    entities, their ids numbered within the block (:func:`block_ids` renumbers the few that
    share a type and name with another block's). Pure: a cluster runner can run the blocks
    as separate tasks."""
    return cluster_members(members, kb, constraints, stats, visits)


def group_node(key: str) -> str:
    """The block node of a group (its cleaned name's key: "P:olaf scholz")."""
    return "G:" + key


@dataclass
class _Named:
    """A group as the look-ups see it: the name, type and aliases of its first article
    entity (in the store's order, as :func:`_make_groups` meets them) and its weight."""

    person: bool
    parsed: ParsedName
    type: str
    aliases: tuple[str, ...]
    weight: int = 0


class Lookups:
    """The look-ups of stages 2 and 3 over the whole corpus's names, without their
    articles: which groups a look-up finds at a score its stage joins at (``links``: those
    share a block) and which buckets it visits (``visits``: a block's look-up visits the
    same). The look-ups do not depend on what joined before them (only on the names filed,
    in the order of their weight), so they can be run apart from the clustering; the
    clustering only drops finds (corrections, types, a cluster's other names).
    :meth:`add` each article entity in the store's order, then :meth:`run`."""

    def __init__(self) -> None:
        self.groups: dict[str, _Named] = {}
        self.seen: dict[MemberForm, str] = {}

    def add(self, m: MemberEntity, form: MemberForm | None = None) -> str:
        """Count ``m`` in its group; returns the group's key. ``form``: its
        :func:`member_form`, when the caller has it."""
        form = form or member_form(m)
        key = self.seen.get(form)
        if key is None:
            person = _is_person(m.type)
            parsed = _member_name(m)
            key = self.seen[form] = _group_key(parsed, person)
            if key not in self.groups:
                self.groups[key] = _Named(person, parsed, m.type, tuple(m.aliases))
        self.groups[key].weight += max(m.mentions, 1)
        return key

    def run(self) -> tuple[list[tuple[str, str]], dict[str, tuple[str, ...]]]:
        """The links (pairs of group keys) and each group's visits (group key -> keys)."""
        links: list[tuple[str, str]] = []
        visits: dict[str, tuple[str, ...]] = {}
        for person in (True, False):
            mine = sorted(((k, g) for k, g in self.groups.items() if g.person == person),
                          key=lambda kg: (-kg[1].weight, kg[0]))
            full = [(k, g) for k, g in mine if _name_kind(g.parsed, person) == "full"]
            index = _index()  # stage 2: each full name against the heavier ones
            for key, g in full:
                visits[key] = index.visits(g.parsed)
                links += [(key, other) for other, score in
                          _scores(index, g.parsed, MERGE_THRESHOLD, visits[key]).items()
                          if score >= MERGE_THRESHOLD]
                _file_full(index, key, g.parsed, person, g.type, g.aliases)
            index = _index()  # stage 3: each short name against every full name
            for key, g in full:
                index.add(key, g.parsed.text, g.type if person else None)
            for key, g in mine:
                p = g.parsed
                if _name_kind(p, person) == "full" or (person and _given_with_suffix(p)):
                    continue  # the latter look at every full name with their suffix: SFX
                visits[key] = index.visits(p)
                if person:
                    links += [(key, other) for other in
                              _scores(index, p, 0.7, visits[key])
                              if _short_score(p, self.groups[other].parsed)]
                else:
                    links += [(key, other) for other, score in
                              _scores(index, p, ACRONYM, visits[key]).items()
                              if score >= ACRONYM]
        return links, visits


IdEntry = tuple[tuple[int, str, str, str, str], int, str]  # (id_order, block, id in block)


def id_entries(entities: Sequence[CorpusEntity], block: int
               ) -> dict[tuple[str, str], list[IdEntry]]:
    """What :func:`block_ids` needs of one block's corpus entities, by (type, name)."""
    out: dict[tuple[str, str], list[IdEntry]] = defaultdict(list)
    for e in entities:
        out[(e.type, e.name)].append((id_order(e), block, e.id))
    return out


def block_ids(entries: Mapping[tuple[str, str], Sequence[IdEntry]]
              ) -> dict[int, dict[str, str]]:
    """The ids the whole pass gives corpus entities that share a type and a name with one
    in another block: ``{block: {id in the block: id}}`` for those that change. ``entries``:
    every block's :func:`id_entries` put together."""
    renamed: dict[int, dict[str, str]] = defaultdict(dict)
    for (etype, name), found in entries.items():
        if len({block for _, block, _ in found}) < 2:
            continue
        for rank, (_, block, local) in enumerate(sorted(found), 1):
            eid = content_id("corpus-entity", etype, name) if rank == 1 else \
                content_id("corpus-entity", etype, name, rank)
            if eid != local:
                renamed[block][local] = eid
    return dict(renamed)
