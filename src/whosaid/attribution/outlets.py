"""Outlets: which names are media that pass statements on (relays), not speakers.

Loaded once from ``whosaid/data/outlets.json`` (names and aliases with a kind: agency,
newspaper, broadcaster, magazine, site, think tank), plus the user's own file named by the
``WHOSAID_OUTLETS`` environment variable (the same shape; its outlets are added). In
"…, the Interfax news agency reported" both "Interfax" (a listed name) and "news agency" (a
media word) say the subject is an outlet; in one article a proper name seen as the subject
of "reported" ("the European External Action Service reported") counts as one too.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from ..errors import ConfigError
from ..resources import load_json
from .drafts import CharSpan

ENV = "WHOSAID_OUTLETS"
# words for a person who reports for an outlet: "a Ukrinform correspondent", "TASS's reporter"
STAFF = frozenset({"correspondent", "correspondents", "reporter", "reporters", "journalist",
                   "journalists", "staff", "bureau"})
_FOLD_RE = re.compile(r"[^\w/&+.-]+")


def fold(text: str) -> str:
    """An outlet name folded for lookup: case, quotes, a leading "the" and a possessive go."""
    text = text.lower().replace("’", "'").replace("'s ", " ")
    text = re.sub(r"'s$", "", text.strip())
    words = [w.strip(".") for w in _FOLD_RE.split(text) if w.strip(".")]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str


@dataclass(frozen=True)
class OutletLexicon:
    """Folded outlet names and aliases, and the media words that make a name an outlet."""

    names: dict[str, Outlet]
    media_words: frozenset[str]  # folded, one or two words
    longest: int  # words in the longest name

    def known(self, text: str) -> Outlet | None:
        return self.names.get(fold(text))


def _add(names: dict[str, Outlet], data: dict) -> None:
    for entry in data.get("outlets", []):
        outlet = Outlet(entry["name"], entry.get("kind", "site"))
        for alias in [entry["name"], *entry.get("aliases", [])]:
            if fold(alias):
                names.setdefault(fold(alias), outlet)


@functools.cache
def _lexicon(extra: str | None) -> OutletLexicon:
    data = load_json("outlets.json")
    names: dict[str, Outlet] = {}
    media = set(fold(w) for w in data["media_words"])
    if extra:
        try:
            user = json.loads(Path(extra).expanduser().read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{ENV}={extra!r}: cannot read the outlets file ({exc})") from None
        _add(names, user)  # the user's names first: their kinds win
        media |= {fold(w) for w in user.get("media_words", [])}
    _add(names, data)
    longest = max(len(k.split()) for k in names)
    return OutletLexicon(names, frozenset(media), longest)


def load_outlets() -> OutletLexicon:
    """The outlets shipped in the package and those of ``$WHOSAID_OUTLETS`` (cached)."""
    return _lexicon(os.environ.get(ENV) or None)


def reported_names(doc: Doc, lex: OutletLexicon) -> set[str]:
    """The proper names one article shows reporting ("Interfax reported", "reports Meduza"):
    outlets for that article, whether listed or not."""
    names: set[str] = set()
    for tok in doc:
        if tok.lemma_.lower() != "report" or not tok.tag_.startswith("VB"):
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ in ("dobj", "attr") and
                                                         child.i == tok.i + 1):
                # not its possessor's words: "Britain’s maritime trade agency reported"
                # shows no "Britain" reporting (realnews dev: Britain relayed sources' words)
                owner = {t.i for c in child.children if c.dep_ == "poss" for t in c.subtree}
                words = [t for t in child.subtree if t.i <= child.i and t.i not in owner]
                if child.ent_type_ in ("PERSON", "GPE", "NORP"):
                    continue
                if any(t.pos_ == "PROPN" for t in words):
                    names.add(fold(" ".join(t.text for t in words if t.pos_ == "PROPN")))
                elif _media_head(child, lex):
                    # "the Turkish news website TGRT reported": the name stands after the
                    # media word (dev: TGRT was no outlet, and "Kamçı was quoted by TGRT as
                    # saying" lost its relay)
                    for app in child.children:
                        name = [t for t in app.subtree if t.i <= app.i and t.pos_ == "PROPN"]
                        if app.dep_ == "appos" and app.i == child.i + 1 and name:
                            names.add(fold(" ".join(t.text for t in name)))
    return names


def _media_head(tok: Token, lex: OutletLexicon) -> bool:
    """Whether a noun is a media word, alone or with the word before it ("newspaper", "news
    website")."""
    prev = tok.doc[tok.i - 1].lower_ + " " if tok.i > 0 else ""
    return fold(tok.text) in lex.media_words or fold(prev + tok.text) in lex.media_words


def outlet_in(text: str, start: int, end: int, lex: OutletLexicon,
              article: set[str] | frozenset[str] = frozenset()) -> CharSpan | None:
    """The outlet a noun phrase (``text[start:end]``) names, as the characters of its name:
    a listed name or alias inside it ("the Interfax news agency" → "Interfax"), a name the
    article shows reporting, a name beside a media word ("the Kryminform news agency"), or a
    media phrase itself ("news agencies", "state media"); None for anything else."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w][\w/&+.'’-]*", text[start:end])]
    words = [(start + a, start + b) for a, b in words]
    if not words:
        return None
    folded = [fold(text[a:b]) for a, b in words]
    # the longest listed or reported name inside the phrase
    hit = _longest_name(folded, lex, article)
    if hit is not None:
        return CharSpan(words[hit[0]][0], words[hit[1] - 1][1])
    media = [i for i, w in enumerate(folded) if w in lex.media_words or
             (i + 1 < len(folded) and f"{w} {folded[i + 1]}" in lex.media_words)]
    if not media:
        return None
    names = [i for i, (a, _) in enumerate(words) if text[a].isupper() and i not in media
             and folded[i] not in lex.media_words]
    last = media[-1]
    if last + 1 < len(folded) and f"{folded[last]} {folded[last + 1]}" in lex.media_words:
        last += 1  # "news agency": two words
    after = [i for i in names if i > last]
    if after and after[0] == last + 1:
        # "US media Axios", "Russian news agency TASS": the name after the media word, not
        # the place before it (dev: "US media Axios reported" gave the speaker "US")
        names = after
    while len(names) > 1 and names[1] == names[0] + 1 and \
            _BESIDE.match(text[words[names[0]][0]:words[names[0]][1]].rstrip(".")):
        # "the Persian-language Etemad newspaper", "the Belarusian TV channel ONT": a
        # language or place before the name is no part of it (dev: the relay was
        # "Persian-language Etemad")
        names = names[1:]
    if len(names) == 1 and names[0] < media[0] and \
            place_adjective(text[words[names[0]][0]:words[names[0]][1]]):
        # "the Libyan news agency", "the French daily" (the name in apposition after it,
        # "JANA", "Le Figaro", cut off by the parse): a place adjective is no name
        names = []
    if names:  # "the Kryminform news agency", "news agency TASS": the name beside it
        return CharSpan(words[names[0]][0], words[names[-1]][1])
    head = folded[-1]
    if head in lex.media_words or " ".join(folded[-2:]) in lex.media_words:
        return CharSpan(words[0][0], words[-1][1])  # "news agencies", "Russian state media"
    return None


def _longest_name(folded: list[str], lex: OutletLexicon,
                  article: set[str] | frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Where the longest listed (or, with ``article``, reported) name lies among a phrase's
    folded words, as (first, end) word indexes; None when no name is there."""
    for n in range(min(len(folded), lex.longest), 0, -1):
        for i in range(len(folded) - n + 1):
            key = " ".join(w for w in folded[i:i + n] if w)
            if key and folded[i] and (key in lex.names or key in article):
                return i, i + n
    return None


# a capitalised word beside an outlet's name that does not make it another outlet's:
# a place adjective or a possessive ("Russian news agency TASS", "Russia's TASS"); the
# adjectives in -i are listed, since any word in -i let a place through ("Helsinki Times"
# was The Times)
_BESIDE = re.compile(r"(?:\w+(?:ian|ese|ish|ean|ic)|\w+-language|\w+['’]s|israeli|iraqi|"
                     r"pakistani|saudi|kuwaiti|qatari|emirati|yemeni|omani|bangladeshi|azerbaijani|somali|"
                     r"nepali)$", re.IGNORECASE)


def unnamed(text: str) -> bool:
    """Whether a media phrase names no outlet: its capitalised words are place adjectives
    at most ("the official news agency", "the Libyan news agency", "French daily")."""
    caps = [w for w in re.findall(r"[\w][\w/&+.'’-]*", text) if w[:1].isupper()]
    return all(place_adjective(w) or w.lower() == "the" for w in caps)


# place adjectives _BESIDE leaves out, as they end like names ("Libyan", "American",
# "French", "Dutch"); only before a media word, never beside a listed name ("Tehran Times")
_PLACE_ADJECTIVE = re.compile(r"\w{2,}(?:an|ch)", re.IGNORECASE)


def place_adjective(word: str) -> bool:
    """Whether a capitalised word before a media word is a place's adjective, no name:
    "Russian", "Libyan", "French", "Persian-language", "Russia's"."""
    word = word.rstrip(".")
    return bool(_BESIDE.match(word) or _PLACE_ADJECTIVE.fullmatch(word))


def canonical(name: str, lex: OutletLexicon | None = None) -> str | None:
    """The listed outlet a relay's or site's name stands for, by its listed name: "TASS news
    agency.", "the TASS agency", "Russia's TASS", "Russian news agency TASS" → "TASS";
    None when the name holds no listed outlet, or holds one beside another capitalised
    name ("Kyiv Independent" is not "The Independent")."""
    lex = lex or load_outlets()
    raw = [m.group() for m in re.finditer(r"[\w][\w/&+.'’-]*", name)]
    folded = [fold(w) for w in raw]
    hit = _longest_name(folded, lex)
    if hit is None:
        return None
    for i, word in enumerate(raw):
        if hit[0] <= i < hit[1] or not folded[i] or not word[0].isupper():
            continue
        if folded[i] in lex.media_words or _BESIDE.match(word.rstrip(".")):
            continue
        return None
    return lex.names[" ".join(w for w in folded[hit[0]:hit[1]] if w)].name


def staff_outlet(text: str, start: int, end: int, lex: OutletLexicon,
                 article: set[str] | frozenset[str] = frozenset()) -> CharSpan | None:
    """"a Ukrinform correspondent", "APA's Moscow correspondent": the outlet the reporter
    works for, or None when the phrase names no reporter of an outlet."""
    low = text[start:end].lower()
    if not any(re.search(rf"\b{w}\b", low) for w in STAFF):
        return None
    m = re.search(r"\b(?:" + "|".join(sorted(STAFF)) + r")\b", low)
    assert m is not None
    before = start + m.start()
    name = outlet_in(text, start, before, lex, article)
    if name is not None:
        return name
    caps = list(re.finditer(r"\b[A-Z][\w&.-]*(?:['’]s)?", text[start:before]))
    if caps:
        s = start + caps[0].start()
        e = start + caps[0].end()
        if text[e - 2:e] in ("'s", "’s"):
            e -= 2
        return CharSpan(s, e)
    return None
