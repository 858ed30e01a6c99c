"""Entities of one article: named mentions clustered to canonical entities with aliases.

Joins what a re-reported, translated article scatters: surname and full name, acronym and
expansion, a name translated word by word ("War Research Institute"), a close misspelling
("Scholes" for Scholz) when it sounds the same and no other person could be meant. Never
merges two people whose given names differ.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..model import Entity, Mention, content_id
from ..nlp import doc_text
from ..resources import load_json
from .normalise import fold, given_names, sound_alike

KEPT_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC",
               "EVENT": "EVENT", "NORP": "NORP"}
DETERMINERS = {"the", "a", "an", "this", "that"}


@dataclass
class _Cluster:
    type_votes: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    first: int = 1 << 62  # where the article first names it

    @property
    def type(self) -> str:
        if self.type_votes["PERSON"] and any(len(f.split()) > 1 for f in self.forms):
            return "PERSON"
        return self.type_votes.most_common(1)[0][0]

    def full_forms(self) -> list[str]:
        return [f for f in self.forms if len(name_words(f)) > 1]

    def surnames(self) -> set[str]:
        return {name_words(f)[-1] for f in self.forms if name_words(f)}

    def given_names(self) -> set[str]:
        return {fold(name_words(f)[0]) for f in self.forms if len(name_words(f)) > 1}

    def suffixes(self) -> set[str]:
        """The generational suffixes its names carry: {"jr"} for Donald Trump Jr."""
        return {name_suffix(f) for f in self.forms} - {""}

    def plain_full(self) -> bool:
        """Whether it has a full name without a suffix ("Donald Trump", the father)."""
        return any(len(name_words(f)) > 1 and not name_suffix(f) for f in self.forms)


@functools.lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a personal name without a generational suffix: "Biden Jr." → Biden."""
    words = name.replace(",", " ").split()
    suffixes = set(load_json("names.json")["suffixes"])
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    return tuple(words)


@functools.lru_cache(maxsize=1)
def _suffix_words() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in load_json("names.json")["suffixes"])


@functools.lru_cache(maxsize=65536)
def name_suffix(name: str) -> str:
    """The generational suffix of a personal name, folded: "Donald Trump Jr." → "jr", "" when
    it has none. Donald Trump Jr. is not Donald Trump: the suffix tells father from son."""
    words = name.replace(",", " ").split()
    found: list[str] = []
    while len(words) > 1 and fold(words[-1]).rstrip(".") in _suffix_words():
        found.insert(0, fold(words.pop()).rstrip("."))
    return " ".join(found)


@functools.lru_cache(maxsize=1)
def _kinship() -> re.Pattern[str]:
    words = sorted(load_json("kinship.json")["words"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


def speaks_of_family(text: str) -> bool:
    """Whether a text names family ties (data/kinship.json): "his father", "the son"."""
    return _kinship().search(text) is not None


def _suffix_after(text: str, end: int) -> tuple[str, int]:
    """The suffix written right after a name ("Trump Jr." when "Trump" ends at ``end``):
    the folded suffix and where it ends, or ("", end)."""
    m = re.match(r",?\s+([A-Za-z]{1,3})\.?(?![\w-])", text[end:end + 8])
    if m and fold(m.group(1)) in _suffix_words() and m.group(1)[0].isupper():
        return fold(m.group(1)), end + m.end()
    return "", end


@functools.lru_cache(maxsize=65536)
def _org_words(name: str) -> frozenset[str]:
    data = load_json("names.json")
    stop = set(data["org_stopwords"])
    canon: dict[str, str] = {}
    for group in data["synonyms"]:
        for w in group:
            canon[w] = group[0]
    words = [fold(w) for w in re.findall(r"[\w&]+", name)]
    return frozenset(canon.get(w, w) for w in words if w not in stop)


@functools.lru_cache(maxsize=65536)
def _acronym(name: str) -> str:
    stop = set(load_json("names.json")["org_stopwords"])
    words = [w for w in re.findall(r"[\w&]+", name) if w.lower() not in stop]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _relabel(ent: SpacySpan, start: int, end: int, title: str | None) -> str:
    """The small model often tags a person 'ORG' or 'GPE': a name that opens with a known
    given name, or that follows a personal title, is a person."""
    label = ent.label_
    if label in ("ORG", "GPE", "NORP", "FAC") and end - start >= 2:
        doc = ent.doc
        if all(doc[i].tag_ in ("NNP", "NNPS") for i in range(start, end)) and (
                doc[start].text in given_names() or title is not None):
            return "PERSON"
    return label


@functools.lru_cache(maxsize=65536)
def _title_words() -> frozenset[str]:
    return frozenset(load_json("cues.json")["titles"])


@functools.lru_cache(maxsize=1)
def _title_hashes() -> npt.NDArray[np.uint64]:
    """The title words as spaCy string ids, the values of a doc's LOWER array."""
    return np.array(sorted(get_string_id(t) for t in _title_words()), dtype=np.uint64)


def _clean_span(ent: SpacySpan) -> tuple[int, int] | None:
    """Token bounds of the name proper: no determiner, possessive or trailing common noun."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct
                           or doc[start].pos_ in ("ADV", "ADP", "CCONJ", "SCONJ", "PRON")):
        start += 1  # "Later Scholes": the tagger took the adverb into the name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    if ent.label_ == "PERSON":
        titles = _title_words()
        while start < end and (doc[start].lower_ in titles or doc[start].lower_.rstrip(".")
                               in titles):
            start += 1
        # "Scholes Arms supply": a capitalised common noun glued to a name by the tagger
        while end - start > 1 and doc[end - 1].tag_ not in ("NNP", "NNPS"):
            end -= 1
        if not all(doc[i].tag_ in ("NNP", "NNPS") or doc[i].text in "-.'" for i in
                   range(start, end)):
            return None
    if start >= end:
        return None
    return start, end


def _invisible(ch: str) -> bool:
    """Whether a character shows nothing: whitespace, or a control or format character
    (zero-width space, byte-order mark, direction marks and embeddings)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc")


def _visible_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without invisible characters at its edges ("bin Salman\\u202c" ends
    before the bidi control); None when no letter, digit or symbol is left. Offsets
    stay offsets into ``text``: the characters stay there, only the mention leaves them out.
    """
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    if not any(unicodedata.category(ch)[0] in "LNS" for ch in text[start:end]):
        return None
    return start, end


def _title_before(doc: Doc, start: int) -> str | None:
    """The role words written before a name: 'Kremlin spokesman', 'Russian President'."""
    titles = _title_words()
    i = start
    found = False
    while i > 0:
        tok = doc[i - 1]
        if tok.is_space or tok.is_punct:
            break
        if tok.lower_ in titles or tok.lower_.rstrip(".") in titles:
            found = True
            i -= 1
            continue
        if tok.tag_ in ("NNP", "NNPS", "JJ", "NN") and tok.dep_ in ("compound", "amod", "nmod") \
                and i - 1 >= 0 and (found or doc[i].lower_ in titles):
            i -= 1
            continue
        break
    if not found or i == start:
        return None
    return doc[i:start].text


class ArticleEntities:
    """The entities of one article and a lookup from text offsets to them."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        self._spans: list[tuple[int, int, Mention, Entity]] = sorted(
            ((m.start, m.end, m, e) for e in entities for m in e.mentions),
            key=lambda x: (x[0], x[1]))
        self._starts = [x[0] for x in self._spans]
        self._longest = max((m.end - m.start for e in entities for m in e.mentions), default=0)

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def at(self, start: int, end: int) -> tuple[Mention, Entity] | None:
        """The mention overlapping [start, end) that covers it best, with its entity."""
        best: tuple[int, Mention, Entity] | None = None
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        for ms, me, m, e in self._spans[lo:hi]:
            ov = min(end, me) - max(start, ms)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, m, e)
        return (best[1], best[2]) if best else None

    def mentions_between(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        out = [(m, e) for e in self.entities for m in e.mentions
               if start <= m.start and m.end <= end]
        return sorted(out, key=lambda p: p[0].start)


Raw = tuple[int, int, str, str | None]  # a named mention: char start, end, label, title


def extract_entities(doc: Doc, article_id: str) -> ArticleEntities:
    """Cluster the named mentions of ``doc`` (a parse of the analysis text)."""
    text = doc_text(doc)
    raw = _raw_mentions(doc, text)
    family = speaks_of_family(text)
    clusters, assign = _cluster_mentions(raw, text, family)
    _surnames_are_people(clusters)
    _merge_bracketed_acronyms(raw, text, assign, clusters)
    spans = _rescan(raw, assign, clusters, text, family)
    titles_at = {s: t for s, _e, _l, t in raw if t}
    for s, e, c in sorted(spans, key=lambda x: x[0]):
        c.mentions.append(Mention(s, e, text[s:e], title=titles_at.get(s)))
    return ArticleEntities(_finalise(clusters, article_id, text))


def _raw_mentions(doc: Doc, text: str) -> list[Raw]:
    """The recogniser's names worth keeping, with clean edges, their label (relabelled by
    the title before them) and that title."""
    raw: list[Raw] = []
    for ent in doc.ents:
        label = KEPT_LABELS.get(ent.label_)
        if label is None:
            continue
        bounds = _clean_span(ent)
        if bounds is None:
            continue
        s, e = bounds
        span = doc[s:e]
        title = _title_before(doc, s)
        label = _relabel(ent, s, e, title)
        if label == "NORP":
            continue  # nationalities are adjectives here, not speakers
        visible = _visible_bounds(text, span.start_char, span.end_char)
        if visible is None:
            continue  # "\ufeff" or "\u200b," tagged a name: nothing visible to name
        start, end = visible
        if label == "PERSON":  # "Brent Bozell III": the tagger often leaves the suffix out
            end = _suffix_after(text, end)[1]
        raw.append((start, end, label, title))
    raw.extend(_titled_names(doc, raw))
    return raw


def _titled_names(doc: Doc, raw: list[Raw]) -> list[Raw]:
    """Names the recogniser missed right after a title: "This was stated by President of
    Ukraine Volodymyr Zelensky" (the small model tags no one there). A run of capitalised
    proper nouns after a title word whose last two words are a known given name and a
    surname is a person, titled by the words before it."""
    taken = [(s, e) for s, e, _l, _t in raw]
    found: list[Raw] = []
    # the title words found in one array look-up: walking every token of PolNeAR dev for
    # its 91 titled names took 0.043 CPU-s, the look-up 0.017
    for at in np.flatnonzero(np.isin(doc.to_array(LOWER), _title_hashes())):
        tok = doc[int(at)]
        if not tok.text[:1].isupper():
            continue
        j = tok.i + 1
        while j < len(doc) and (doc[j].tag_ in ("NNP", "NNPS") and doc[j].text[:1].isupper()
                                or doc[j].lower_ == "of" and j + 1 < len(doc)
                                and doc[j + 1].text[:1].isupper()):
            j += 1
        if j - tok.i < 3 or doc[j - 2].text not in given_names() or \
                not doc[j - 1].text.isalpha():
            continue
        start, end = doc[j - 2].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(s < end and start < e for s, e in taken):
            continue
        title = doc[tok.i:j - 2].text
        found.append((start, end, "PERSON", title))
        taken.append((start, end))
    return found


def _cluster_mentions(raw: list[Raw], text: str, family: bool
                      ) -> tuple[list[_Cluster], dict[int, _Cluster]]:
    """Each raw mention into the cluster its name joins (full names first, so surnames and
    variants find them); returns the clusters and which cluster took each mention."""
    clusters: list[_Cluster] = []
    order = sorted(range(len(raw)), key=lambda i: (-(len(text[raw[i][0]:raw[i][1]].split())), i))
    assign: dict[int, _Cluster] = {}
    # the cluster holding each folded form: one form is only ever in one cluster (the first
    # that has it takes every later spelling of it), so a look-up stands for comparing each
    # name with every form of the article (76,199 comparisons on PolNeAR dev)
    by_form: dict[str, _Cluster] = {}
    for i in order:
        s, e, label, title = raw[i]
        name = text[s:e]
        form = fold(name)
        c = by_form.get(form) or _find_cluster(clusters, name, label, family)
        if c is None:
            c = _Cluster()
            clusters.append(c)
        by_form.setdefault(form, c)
        c.forms[name] += 1
        c.first = min(c.first, s)
        several = len(name.split()) > 1
        c.type_votes[label] += 2 if several else 1
        if label in ("ORG", "EVENT", "FAC") and several:
            c.acronyms.add(_acronym(name))
        if title:
            c.titles.append(title)
        assign[i] = c
    return clusters, assign


def _find_cluster(clusters: list[_Cluster], name: str, label: str, family: bool
                  ) -> _Cluster | None:
    """The cluster a name joins when no cluster has it folded: a person by surname (or one
    that sounds alike), else a body by acronym or words."""
    if label == "PERSON" or len(name_words(name)) == 1:
        return _person_cluster(clusters, name, label, family)
    if label in ("ORG", "EVENT", "FAC"):
        return _body_cluster(clusters, name)
    return None


def _person_cluster(clusters: list[_Cluster], name: str, label: str, family: bool
                    ) -> _Cluster | None:
    words = name_words(name)
    sur = words[-1]
    suffix = name_suffix(name)
    full = len(words) > 1
    folded_sur = fold(sur)
    candidates = []
    for c in clusters:
        # each property once per cluster: they were 0.3 of extract_entities' 1 CPU-s on
        # PolNeAR dev, asked again for every name against every cluster of its article
        if c.type != "PERSON" and (label == "PERSON") == full:
            continue
        if full:
            gn = c.given_names()
            if gn and fold(words[0]) not in gn:
                continue  # Olaf Scholz and Olaf Scholl, or two Bidens: never merged
        if not _suffix_fits(suffix, full, c, family):
            continue  # Donald Trump Jr. is not Donald Trump
        surnames = c.surnames()
        if any(fold(s) == folded_sur for s in surnames):
            candidates.append((2, c))
        elif any(sound_alike(s, sur) for s in surnames):
            candidates.append((1, c))
    if not candidates:
        return None
    best = max(score for score, _ in candidates)
    top = [c for score, c in candidates if score == best]
    plain = [c for c in top if not c.suffixes()]
    if not suffix and plain:
        # "Trump" where the article names Donald Trump and Donald Trump Jr.:
        # the son is written "Trump Jr." to tell him apart; "Trump" is the father
        top = plain
    elif not suffix and len(top) > 1:
        # Brent Bozell III and "his father, Brent Bozell Jr.": "Bozell" is the
        # one the article is about, named first
        top = [min(top, key=lambda c: c.first)]
    return top[0] if len(top) == 1 else None


def _body_cluster(clusters: list[_Cluster], name: str) -> _Cluster | None:
    words_set = _org_words(name)
    acr = name if name.isupper() and 2 <= len(name) <= 6 else ""
    for c in clusters:
        if c.type not in ("ORG", "EVENT", "FAC"):
            continue
        if acr and acr in c.acronyms:
            return c
        if _acronym(name) and _acronym(name) in {f for f in c.forms if f.isupper()}:
            return c
        if len(words_set) >= 2 and any(_org_words(f) == words_set for f in c.forms):
            return c
    return None


def _surnames_are_people(clusters: list[_Cluster]) -> None:
    """"Trump said" tagged ORG in an article on Donald and Ivanka Trump: left to neither, a
    surname of the article's people is still a person (the corpus pass finds which). Only
    a body: "Jordan" the country stays a place beside Jim Jordan."""
    surnames = {fold(name_words(f)[-1]) for c in clusters if c.type == "PERSON"
                for f in c.full_forms()}
    for c in clusters:
        if c.type == "ORG" and all(len(f.split()) == 1 and fold(f) in surnames
                                   for f in c.forms):
            c.type_votes["PERSON"] += sum(c.type_votes.values()) + 1


def _merge_bracketed_acronyms(raw: list[Raw], text: str, assign: dict[int, _Cluster],
                              clusters: list[_Cluster]) -> None:
    """"the Institute for the Study of War (ISW)": the acronym in brackets names the same
    body."""
    for i, (_s, e, label, _) in enumerate(raw):
        m = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[e:e + 12])
        if m and label in ("ORG", "EVENT", "FAC"):
            for j, (s2, _e2, _l2, _) in enumerate(raw):
                if s2 == e + m.start(1) and assign[j] is not assign[i]:
                    _merge(assign, clusters, assign[i], assign[j])


def _word_char(ch: str) -> bool:
    """What ``\\w`` or ``-`` matches in a pattern: a letter, digit, underscore or hyphen."""
    return ch.isalnum() or ch in "_-"


def whole_word_hits(text: str, alias: str) -> Iterator[tuple[int, int]]:
    """Where ``alias`` stands in ``text`` as whole words, left to right and not overlapping:
    the matches of ``(?<![\\w-])alias(?![\\w-])``, found by ``str.find`` because compiling
    that pattern for each of an article's names cost 0.2 CPU-s of PolNeAR dev's 2,590
    names ("Scholz", "Olaf Scholz", ... each a new pattern) while the search itself is
    nothing."""
    at = text.find(alias)
    while at >= 0:
        end = at + len(alias)
        if (at == 0 or not _word_char(text[at - 1])) and (
                end == len(text) or not _word_char(text[end])):
            yield at, end
            at = text.find(alias, end)
        else:
            at = text.find(alias, at + 1)


def _rescan(raw: list[Raw], assign: dict[int, _Cluster], clusters: list[_Cluster], text: str,
            family: bool) -> list[tuple[int, int, _Cluster]]:
    """Every mention span with its cluster, after a re-scan of the text for the known names
    the recogniser missed or glued to other words ("Scholes Arms")."""
    spans = [(s, e, assign[i]) for i, (s, e, _, _) in enumerate(raw)]
    for c in clusters:
        aliases = set(c.forms) | ({n for n in c.surnames()} if c.type == "PERSON" else set())
        for alias in sorted(aliases, key=lambda a: (-len(a), a)):
            if len(alias) < 3 or not alias[0].isupper():
                continue
            for m_start, m_end in whole_word_hits(text, alias):
                end = m_end
                if c.type == "PERSON" and not name_suffix(alias):
                    end = _rescan_end(c, clusters, alias, text, end, family)
                    if end < 0:
                        continue  # "Trump Jr." is not the father's, "Trump" not the son's
                hits = [o for s, e, o in spans if s < end and m_start < e]
                # a known name wins only over a one-off span of another type that swallowed
                # it ("the Ukraine War ISW" EVENT); never over another real name
                if any(o is c or o.type == c.type or sum(o.forms.values()) > 1 for o in hits):
                    continue
                spans = [(s, e, o) for s, e, o in spans if not (s < end and m_start < e)]
                spans.append((m_start, end, c))
                if end != m_end:  # the suffix the tagger left out: part of the name
                    c.forms[text[m_start:end]] += 1
    return spans


def _suffix_fits(suffix: str, full: bool, c: _Cluster, family: bool) -> bool:
    """Whether a name with ``suffix`` may join cluster ``c``: "Trump Jr." joins Donald
    Trump Jr., never Donald Trump. A full name without the suffix is the same person
    written short ("Brent Bozell III", later "Brent Bozell"), except in an article that
    speaks of a family (``family``: "his father, Donald Trump"): there it is the
    namesake."""
    theirs = c.suffixes()
    if suffix:
        if theirs:
            return suffix in theirs
        return not c.plain_full() or (full and not family)
    return not (full and theirs and family)


def _rescan_end(c: _Cluster, clusters: list[_Cluster], alias: str, text: str, end: int,
                family: bool) -> int:
    """Where a re-scanned person's name found at ``[.., end)`` ends: past a suffix written
    after it when the cluster has that suffix ("Trump" + " Jr."), or when it is a full name
    no one else has with a suffix and the article speaks of no family ("Brent Bozell" +
    " III"); -1 when the name is someone else's (the suffix is another's, or a bare surname
    the suffix-less namesake owns)."""
    suffix, after = _suffix_after(text, end)
    mine = c.suffixes()
    if suffix:
        if suffix in mine:
            return after
        alone = not mine and not family and len(name_words(alias)) > 1 and not any(
            suffix in o.suffixes() for o in clusters if o.type == "PERSON")
        return after if alone else -1
    if mine and len(name_words(alias)) == 1 and any(
            o is not c and o.type == "PERSON" and not o.suffixes() and alias in o.surnames()
            for o in clusters):
        return -1
    return end


def _merge(assign: dict[int, _Cluster], clusters: list[_Cluster], a: _Cluster,
           b: _Cluster) -> None:
    a.forms.update(b.forms)
    a.type_votes.update(b.type_votes)
    a.titles.extend(b.titles)
    a.acronyms |= b.acronyms
    for k, v in list(assign.items()):
        if v is b:
            assign[k] = a
    clusters.remove(b)


def _canonical(c: _Cluster) -> str:
    forms = c.forms
    if c.type == "PERSON":
        full = c.full_forms()
        if full:
            # the form whose surname is spelled as most mentions spell it
            sur_votes: Counter[str] = Counter()
            for f, n in forms.items():
                sur_votes[name_words(f)[-1]] += n
            return max(full, key=lambda f: (sur_votes[name_words(f)[-1]], forms[f], len(f), f))
    if c.type in ("ORG", "EVENT", "FAC"):
        longer = [f for f in forms if not f.isupper()]
        acronyms = {f for f in forms if f.isupper()}
        if longer and acronyms:
            # the form that spells out the acronym is the name; translations are aliases
            return max(longer, key=lambda f: (_acronym(f) in acronyms, forms[f], len(f), f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


def _finalise(clusters: list[_Cluster], article_id: str, text: str) -> list[Entity]:
    entities = []
    for c in clusters:
        if not c.mentions:
            continue
        name = _canonical(c)
        etype = c.type
        eid = content_id("entity", article_id, etype, name)
        mentions = tuple(Mention(m.start, m.end, m.text, eid, name, m.title) for m in c.mentions)
        aliases = tuple(sorted({m.text for m in c.mentions} | set(c.forms)))
        titles = tuple(sorted(set(c.titles)))
        entities.append(Entity(eid, name, etype, aliases, mentions, titles))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities
