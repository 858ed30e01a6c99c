"""Linking names: one person or body under the spellings translation, transliteration, OCR
and reporting give it ("Zelensky", "Zelenskyy", "Selenskyj"; "Kremlin spokesman Dmitry
Peskow"; "Scholz, Olaf"; "V. Putin"; "War Research Institute").

Pure functions over strings. :func:`parse_name` normalises a name (diacritics folded,
titles, honorifics and suffixes dropped, "Surname, Given" turned round, OCR digits read as
letters); :func:`name_score` compares two parsed names; :class:`NameIndex` finds the best
of many by blocking keys (phonetic key and skeleton of each word, acronyms) and decides,
with a margin over the runner-up, whether the best is good enough to link.

The score is built from evidence levels, not from a generic string distance, so that
"Scholes"/"Scholz" (same sound) and "Peskow"/"Peskov" (a transliteration) match while
"Scholl"/"Scholz" (one letter, another name) does not: surnames and given names must be
equal after folding, after transliteration (:func:`skeleton`), after reading OCR
confusions as one (:func:`ocr_canon`), by sound (``entities.sound_alike``), or within a few
cheap edits (:func:`edit_cost`: letters OCR, transliteration or spelling by ear put for one
another). A different given name never matches; an initial matches a name it could stand
for, a surname alone a person no other known person shares it with (an alias on record
included: "Trudeau" with Justin and Pierre both known links only when the context tells).
A body's words are compared as translations render them (``data/org_translations.json``:
"Tribunal" for "Court", "Ukrainian" for "of Ukraine", plurals). An organisation
never matches a person, and two bodies that share a name but not their kind ("Wagner
Group", "Wagner College": ``data/org_words.json``) never match each other.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..resources import load_json
from .normalise import fold, given_names, phonetic_key, sound_alike

_phonetic_key = functools.lru_cache(maxsize=65536)(phonetic_key)

PERSON = "PERSON"
ORG = "ORG"

# A link needs at least this score and this lead over the next entity. Tuned on
# bench/entities.py for at most 2% false links: a surname alone (0.88 times its spelling's
# level) links when no other entity has it, but not when it only sounds alike ("Zelenska"
# is not Zelenskyy); an initial with a sound-alike surname (0.9 * 0.9) just does.
LINK_THRESHOLD = 0.8
LINK_MARGIN = 0.04
# Blocks larger than this are searched only when the name has few others
BLOCK_LIMIT = 400

# Evidence levels for two words
EXACT = 1.0
SKELETON = 0.96  # equal after transliteration: Peskow/Peskov, Zelenskyy/Selenskyj
OCR = 0.93  # equal after reading OCR confusions as one: Bemie/Bernie, C1inton/Clinton
NICKNAME = 0.92  # Bill/William
SOUND = 0.9  # same phonetic key, close spelling: Scholes/Scholz
INITIAL = 0.9  # V./Vladimir
SURNAME_ONLY = 0.88  # "Putin" for Vladimir Putin: only when no other Putin is known
SWAPPED = 0.98  # "Putin Vladimir"
ACRONYM = 0.85  # "ISW" for the Institute for the Study of War, when no alias says so
SUFFIX_DROPPED = 0.78  # "Robert F. Kennedy": the son Robert F. Kennedy Jr., or his father


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    words: set[str] = set()
    for title in load_json("cues.json")["titles"]:
        words.update(w.strip(".") for w in title.lower().split())
    words.update(load_json("names.json")["honorifics"])
    words.update(load_json("linking.json")["title_extra"])
    return frozenset(w for w in words if w)


@functools.lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(load_json("linking.json")["suffixes"])


@functools.lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(load_json("names.json")["person_name_particles"])


@functools.lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    for i, group in enumerate(load_json("linking.json")["nicknames"]):
        for name in group:
            groups[name].add(i)
    return {k: frozenset(v) for k, v in groups.items()}


@functools.lru_cache(maxsize=1)
def _initial_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for group in load_json("linking.json")["initial_equivalents"]:
        for letter in group:
            classes[letter].update(group)
    return {k: frozenset(v) for k, v in classes.items()}


@functools.lru_cache(maxsize=1)
def _org_heads() -> dict[str, int]:
    return {w: i for i, group in enumerate(load_json("org_words.json")["heads"]) for w in group}


@functools.lru_cache(maxsize=1)
def _org_stopwords() -> frozenset[str]:
    return frozenset(load_json("names.json")["org_stopwords"])


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    canon: dict[str, str] = {}
    for group in load_json("names.json")["synonyms"]:
        for w in group:
            canon[w] = group[0]
    return canon


@functools.lru_cache(maxsize=1)
def _translations() -> dict[str, str]:
    """Each word a translation renders differently in a body's name, to the word that stands
    for its group: the synonyms of names.json, then the renderings and demonyms of
    org_translations.json ('board' is 'council', 'russian' is 'russia'); a later group that
    shares a word with an earlier one joins it ('service' goes with 'agency')."""
    canon = dict(_synonyms())
    extra = load_json("org_translations.json")
    for group in (*extra["synonyms"], *extra["demonyms"]):
        head = next((canon[w] for w in group if w in canon), group[0])
        for w in group:
            canon.setdefault(w, head)
    return canon


def _singular(word: str) -> str:
    """'guards' -> 'guard', 'studies' -> 'study'; short words ('news') and Latin or Greek
    endings ('status', 'analysis', 'economics') stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def org_word(word: str, translated: bool = True) -> str:
    """The word that stands for a folded word of a body's name across translations:
    'Research' and 'Studies' are 'study', 'Tribunal' is 'court', 'Ukrainian' is 'ukraine'
    (bench/entities.py: 40% of its machine-translated bodies were found before these).
    Without ``translated`` (a name of one word) only the synonyms of names.json: 'Times' is
    not Time magazine, 'Russian' not Russia, 'Americas' not America (PolNeAR train, 300
    articles: all three merged in the corpus pass when plurals and demonyms applied)."""
    if not translated:
        return _synonyms().get(word, word)
    canon = _translations()
    if word in canon:
        return canon[word]
    one = _singular(word)
    return canon.get(one, one)


@functools.lru_cache(maxsize=1)
def given_names_folded() -> frozenset[str]:
    """The known given names (data/given_names*.txt), folded."""
    return frozenset(fold(n) for n in given_names())


# ---------------------------------------------------------------------------------------
# Words

# OCR reads these digits for the letters they look like
_OCR_DIGITS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "b",
                             "7": "t", "8": "b", "9": "g", "|": "l", "!": "l"})


_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b) for a, b in (
        (r"[^a-z]", ""), (r"tsch", "ch"), (r"szcz", "shch"), (r"sch", "sh"), (r"sz", "sh"),
        (r"cz", "ch"), (r"dzh|zh|dj", "j"), (r"kh", "h"), (r"ph", "f"), (r"ck", "k"),
        (r"c(?=[eiy])", "s"), (r"c(?!h)", "k"), (r"q", "k"), (r"x", "ks"), (r"w", "v"),
        (r"tz", "ts"), (r"z", "s"), (r"j", "y"), (r"(?<=.)y", "i"), (r"ou|oo", "u"),
        (r"ee", "i"), (r"oe", "o"), (r"ue", "u"), (r"ae", "e"), (r"ff$", "v"),
        (r"(?<=[bdgkt])h", ""), (r"(.)\1+", r"\1"),
    )
)


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A word as transliterations agree on it: 'Peskow' and 'Peskov' are PESKOV,
    'Zelenskyy', 'Zelensky' and 'Selenskyj' all SELENSKI (lowercase)."""
    w = fold(word)
    for pattern, repl in _SKELETON_RULES:
        w = pattern.sub(repl, w)
    return w


_OCR_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b) for a, b in (
        # single letters first, so that the groups below see them already made one
        (r"[il1|!]", "l"), (r"0", "o"), (r"e", "c"), (r"5", "s"), (r"8", "b"),
        (r"rn", "m"), (r"vv", "w"), (r"cl", "d"),
    )
)


@functools.lru_cache(maxsize=65536)
def ocr_canon(word: str) -> str:
    """A word with the letters OCR confuses made one: 'Bemie' and 'Bernie', 'Putln' and
    'Putin' compare equal."""
    w = fold(word)
    for pattern, repl in _OCR_RULES:
        w = pattern.sub(repl, w)
    return w


# Edit costs for comparing two name words: an edit between letters that OCR,
# transliteration or spelling by ear confuse (data/linking.json "confusions") is cheap; a
# vowel for a vowel, a dropped vowel or "h" half price; a doubled letter nearly free; any
# other edit costs 1, and one such edit already keeps short names apart (Scholl/Scholz).
CONFUSION_COST = 0.25
VOWEL_COST = 0.5
_VOWELS = frozenset("aeiouy")


@functools.lru_cache(maxsize=1)
def _confusions() -> dict[str, tuple[tuple[str, str], ...]]:
    """For each first letter, the (from, to) letter groups an edit may swap cheaply."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for a, b in load_json("linking.json")["confusions"]:
        pairs[a[0]].add((a, b))
        pairs[b[0]].add((b, a))
    return {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p))) for k, v in pairs.items()}


def _indel_cost(word: str, i: int) -> float:
    c = word[i]
    if (i > 0 and word[i - 1] == c) or (i + 1 < len(word) and word[i + 1] == c):
        return CONFUSION_COST  # "Hillary"/"Hilary"
    if c in _VOWELS or c == "h":
        return VOWEL_COST
    return 1.0


@functools.lru_cache(maxsize=65536)
def _word_ops(word: str) -> tuple[list[list[tuple[int, str]]], list[float], list[bool]]:
    """For each position of a word: the cheap swaps that may start there, the cost of
    dropping the letter, and whether it is a vowel."""
    confusions = _confusions()
    swaps = [[(len(src), dst) for src, dst in confusions.get(word[i], ())
              if word.startswith(src, i)] for i in range(len(word))]
    return (swaps, [_indel_cost(word, i) for i in range(len(word))],
            [c in _VOWELS for c in word])


def _letter_gap(a: str, b: str) -> int:
    """How many letters one word has that the other lacks (counted with repeats)."""
    return sum(abs(a.count(c) - b.count(c)) for c in set(a) | set(b))


@functools.lru_cache(maxsize=262144)
def edit_cost(a: str, b: str, limit: float = 1.5) -> float:
    """A weighted edit distance between two folded words (see the costs above); any
    distance over ``limit`` comes out as infinity."""
    n, m = len(a), len(b)
    inf = float("inf")
    # every edit removes or adds at most three letters for each quarter it costs
    if _letter_gap(a, b) > 12 * limit:
        return inf
    swaps, del_a, _vowel_a = _word_ops(a)
    _swaps_b, ins_b, vowel_b = _word_ops(b)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        # nothing within the limit here or in the rows a swap may have jumped to: give up
        if min(row) > limit and all(min(cost[k]) > limit for k in range(i + 1, min(n, i + 4) + 1)):
            return inf
        nxt = cost[i + 1] if i < n else None
        ai = a[i] if i < n else ""
        vowel_a = ai in _VOWELS
        for j in range(m + 1):
            d = row[j]
            if d > limit:
                continue
            if nxt is not None:
                if j < m:
                    step = 0.0 if ai == b[j] else (VOWEL_COST if vowel_a and vowel_b[j]
                                                   else 1.0)
                    if d + step < nxt[j + 1]:
                        nxt[j + 1] = d + step
                if d + del_a[i] < nxt[j]:
                    nxt[j] = d + del_a[i]
                for src_len, dst in swaps[i]:
                    if b.startswith(dst, j):
                        target = cost[i + src_len]
                        nj = j + len(dst)
                        if d + CONFUSION_COST < target[nj]:
                            target[nj] = d + CONFUSION_COST
            if j < m and d + ins_b[j] < row[j + 1]:
                row[j + 1] = d + ins_b[j]
    return cost[n][m] if cost[n][m] <= limit else inf


def _level(cost: float, length: int) -> float:
    """An evidence level for two words this far apart (0 when they are different words)."""
    if cost <= CONFUSION_COST:
        return 0.95
    if cost <= 2 * CONFUSION_COST:
        return 0.93
    if cost <= 3 * CONFUSION_COST:
        return SOUND
    if cost <= 1.0 and length >= 8:
        return 0.86
    if cost <= 1.5 and length >= 11:
        return 0.84
    return 0.0


@functools.lru_cache(maxsize=1 << 20)
def word_score(a: str, b: str) -> float:
    """How surely two name words (folded) are the same word: an evidence level or 0."""
    if a == b:
        return EXACT
    a, b = a.replace("-", ""), b.replace("-", "")
    if a == b:
        return EXACT
    if not a or not b:
        return 0.0
    if skeleton(a) and skeleton(a) == skeleton(b):  # (other scripts have no skeleton)
        return SKELETON
    if len(a) >= 2 and ocr_canon(a) == ocr_canon(b):
        return OCR
    if len(a) >= 4 and len(b) >= 4 and _phonetic_key(a) == _phonetic_key(b) and \
            sound_alike(a, b):
        return SOUND
    if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 4:
        return 0.0
    length = max(len(a), len(b))
    # the most a level (below) allows for words this long: the search stops beyond it
    limit = 1.5 if length >= 11 else 1.0 if length >= 8 else 3 * CONFUSION_COST
    return _level(edit_cost(a, b, limit), length)


def _initials_agree(a: str, b: str) -> bool:
    return a == b or b in _initial_classes().get(a, frozenset())


def _is_initial(word: str) -> bool:
    return len(word) == 1


def given_score(a: str, b: str) -> float:
    """Two given names (folded words): the same name, a nickname, an initial, or 0."""
    if _is_initial(a) or _is_initial(b):
        if a[0] == b[0]:
            return INITIAL
        # "W. Putin": a transliterated initial, a little less sure than the same letter
        return INITIAL - 0.05 if _initials_agree(a[0], b[0]) else 0.0
    score = word_score(a, b)
    if score:
        return score
    na, nb = _nicknames().get(a), _nicknames().get(b)
    if na and nb and na & nb:
        return NICKNAME
    # "Jean-Claude" written "Jean"
    pa, pb = a.split("-")[0], b.split("-")[0]
    if ("-" in a or "-" in b) and pa == pb:
        return NICKNAME
    return 0.0


# ---------------------------------------------------------------------------------------
# Types

_TYPE_ALIASES = {
    PERSON: {"person", "per", "human", "people", "individual", "q5", "politician"},
    ORG: {"org", "organization", "organisation", "company", "institution", "agency", "party",
          "group", "business", "corporation", "ngo", "media", "newspaper", "q43229"},
    "GPE": {"gpe", "country", "city", "state", "nation", "q6256", "q515"},
    "LOC": {"loc", "location", "place", "region"},
}
_KNOWN_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART",
                "LAW", "LANGUAGE"}


def normalise_type(value: str | None) -> str | None:
    """A type as whosaid names it (PERSON, ORG, GPE, ...), or None when not given.

    Knowledge-base extracts name types their own way ("human", "organization", "Q5")."""
    if value is None or not str(value).strip():
        return None
    v = str(value).strip()
    if v.upper() in _KNOWN_TYPES:
        return v.upper()
    low = v.lower()
    for kind, words in _TYPE_ALIASES.items():
        if low in words:
            return kind
    return v.upper()


def types_compatible(a: str | None, b: str | None) -> bool:
    """A person is never an organisation or a place; other kinds may be mistagged as each
    other ("Russia" ORG or GPE), so they are compatible."""
    if a is None or b is None:
        return True
    return (a == PERSON) == (b == PERSON)


# ---------------------------------------------------------------------------------------
# Parsing


@dataclass(frozen=True)
class ParsedName:
    """A name ready for comparison.

    ``tokens`` are the folded words of the name proper (a personal name without its titles,
    honorifics and suffixes; an initial is a one-letter token). ``given`` and ``surname``
    split them for a person (particles such as "van der" go with the surname). ``words``
    are the content words of an organisation name with translation synonyms made one,
    ``heads`` the kinds of body it names, ``acronym`` its initials ("ISW").
    """

    text: str
    type: str | None
    tokens: tuple[str, ...]
    given: tuple[str, ...]
    surname: tuple[str, ...]
    titles: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    heads: frozenset[int] = frozenset()
    acronym: str = ""
    is_acronym: bool = False
    raw_words: tuple[tuple[str, str], ...] = ()  # (synonym-canonical, as written) pairs
    suffix: str = ""  # "jr", "iii": a son is not his father

    @property
    def key(self) -> str:
        """Equal for names that are the same once folded and cleaned."""
        if self.is_acronym:
            return self.acronym
        return " ".join(self.tokens)

    @property
    def looks_person(self) -> bool:
        return self.type == PERSON or (
            self.type is None and len(self.tokens) >= 2 and not self.is_acronym
            and self.tokens[0] in given_names_folded())


_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*\.?|[0-9|!]+[^\W_]*")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")


def _ocr_digits(word: str) -> str:
    """'C1inton' is 'Clinton': digits inside a word are letters OCR misread."""
    if any(c.isalpha() for c in word) and any(c.isdigit() or c in "|!" for c in word):
        return word.translate(_OCR_DIGITS)
    return word


def _split_words(text: str) -> list[str]:
    words: list[str] = []
    for m in _WORD.finditer(text):
        w = _ocr_digits(m.group())
        head, _, rest = w.partition("-")
        if re.fullmatch(r"[0-9]\.", w):  # "8. Carson": an initial OCR read as a digit
            w = w.translate(_OCR_DIGITS)
        if re.fullmatch(r"(?:[^\W\d_]\.){2,}", w):  # "J.F." is two initials
            words.extend(c for c in w if c != ".")
        elif rest and fold(head) in _particles():  # "al-Assad": the particle apart
            words.extend((head, rest))
        else:
            words.append(w)
    return words


def _fold_word(word: str) -> str:
    w = fold(word).rstrip(".")
    return re.sub(r"'s$", "", w).strip("'")


def _acronym_of(text: str) -> str:
    """'ISW' for a bare acronym, 'U.N.' -> 'UN'; '' otherwise."""
    t = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    if _DOTTED_ACRONYM.fullmatch(t.replace(" ", "")):
        return t.replace(".", "").replace(" ", "").upper()
    if re.fullmatch(r"[A-Z][A-Z&]{1,6}s?", t) and sum(c.isupper() for c in t) >= 2:
        return t.rstrip("s").replace("&", "")
    return ""


def _strip_person(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The name proper, the titles before it and the suffixes after it: 'Kremlin
    spokesman Dmitry Peskov' -> ['dmitry', 'peskov'], ['kremlin', 'spokesman'], []."""
    titles = _title_words()
    toks = [_fold_word(w) for w in words]
    keep = [i for i, t in enumerate(toks) if t]
    toks = [toks[i] for i in keep]
    dropped: list[str] = []
    suffixes: list[str] = []
    # "France's Marine Le Pen": a possessive before the name is not part of it
    for i, w in enumerate(words[: len(words) - 1]):
        if re.search(r"['’]s$", w) and i + 1 < len(toks):
            dropped += toks[: i + 1]
            toks = toks[i + 1:]
            break
    while len(toks) > 1 and toks[-1] in _suffixes():
        suffixes.insert(0, toks.pop())
    last_title = -1
    for i, t in enumerate(toks[:-1]):
        if (t in titles or (i < len(toks) - 2 and _title_like(t))) and any(
                u not in titles for u in toks[i + 1:]):
            last_title = i
    if last_title >= 0:
        dropped += toks[: last_title + 1]
        toks = toks[last_title + 1:]
        # "Secretary of State John Kerry", "Minister of the Interior ..."
        while len(toks) > 2 and toks[0] in ("of", "for", "the"):
            dropped.append(toks.pop(0))
            if toks[0] != "the" and len(toks) > 2:
                dropped.append(toks.pop(0))
    return toks, dropped, suffixes


@functools.lru_cache(maxsize=1)
def _title_shapes() -> frozenset[str]:
    return frozenset(f(t) for t in _title_words() if len(t) >= 4 for f in (ocr_canon, skeleton))


def _title_like(word: str) -> bool:
    """A title with an OCR slip or another spelling: 'Prlme Ministcr', 'Govemor'."""
    return len(word) >= 4 and word not in given_names_folded() and (
        ocr_canon(word) in _title_shapes() or skeleton(word) in _title_shapes())


def _person_parts(toks: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not toks:
        return (), ()
    start = len(toks) - 1
    while start > 0 and toks[start - 1] in _particles() and start - 1 > 0:
        start -= 1
    if start == 1 and toks[0] in _particles():  # "De Blasio": all surname
        start = 0
    return tuple(toks[:start]), tuple(toks[start:])


def _turn_round(text: str) -> str:
    """'Scholz, Olaf' -> 'Olaf Scholz'; 'Putin, Russian president' -> 'Putin'."""
    if "," not in text:
        return text
    head, tail = text.split(",", 1)
    tail_words = [_fold_word(w) for w in _split_words(tail)]
    head_words = _split_words(head)
    if not tail_words or not head_words:
        return head or tail
    if all(w in _suffixes() for w in tail_words):
        return f"{head} {tail.strip()}"  # "Donald Trump, Jr.": the son, comma or not
    if any(w in _title_words() for w in tail_words) or len(head_words) > 2 \
            or len(tail_words) > 4 or "," in tail:
        return head
    return f"{tail} {head}"


@functools.lru_cache(maxsize=131072)
def parse_name(text: str, type_: str | None = None) -> ParsedName:
    """Normalise a name for linking (see :class:`ParsedName`)."""
    kind = normalise_type(type_)
    raw = " ".join(text.split())
    acronym = _acronym_of(raw)
    if kind != PERSON and acronym:
        return ParsedName(raw, kind, (acronym.lower(),), (), (acronym.lower(),),
                          words=frozenset({acronym.lower()}), acronym=acronym, is_acronym=True)
    cleaned = re.sub(r"[()\[\]\"“”«»]", " ", raw)
    person_like = kind == PERSON or kind is None
    if person_like:
        cleaned = _turn_round(cleaned)
    words = _split_words(cleaned)
    # organisation view: content words with translation synonyms made one
    stop = _org_stopwords()
    folded = [_fold_word(w) for w in words]
    content = [w for w in folded if w and w not in stop]
    raw_words = tuple(sorted({(org_word(w, len(content) > 1), w) for w in content}))
    org_words = frozenset(c for c, _w in raw_words)
    heads = frozenset(_org_heads()[w] for w in content if w in _org_heads())
    org_acronym = "".join(w[0] for w in content).upper() if len(content) > 1 else ""
    suffixes: list[str] = []
    if person_like:
        toks, titles, suffixes = _strip_person(words)
    else:
        toks, titles = [w for w in folded if w and w != "the"], []
    given, surname = _person_parts(toks)
    suffix = " ".join(suffixes)
    return ParsedName(raw, kind, tuple(toks), given, surname, tuple(titles), org_words, heads,
                      org_acronym, raw_words=raw_words, suffix=suffix)


# ---------------------------------------------------------------------------------------
# Scores


def _surname_score(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    score = word_score("".join(a), "".join(b))
    if score < EXACT and (a[-1] != "".join(a) or b[-1] != "".join(b)):
        # "al-Assad" and "Assad": the particle is not always written
        score = max(score, word_score(a[-1], b[-1]))
    return score


def _given_names_score(a: Sequence[str], b: Sequence[str]) -> float:
    if not a and not b:
        return EXACT  # "De Blasio" and "De Blassio": the name is the surname
    if not a or not b:
        return SURNAME_ONLY
    score = given_score(a[0], b[0])
    if not score:
        return 0.0
    # "George H. W. Bush" and "George W. Bush": different middle names, different people
    if len(a) > 1 and len(b) > 1 and not given_score(a[1], b[1]):
        return 0.0
    return score


def _orientations(name: ParsedName) -> Iterable[tuple[tuple[str, ...], tuple[str, ...], float]]:
    yield name.given, name.surname, 1.0
    toks = list(name.tokens)
    particles: list[str] = []
    while len(toks) > 2 and toks[-1] in _particles():
        particles.insert(0, toks.pop())  # "Leyen Ursula von der"
    if len(toks) >= 2 and not _is_initial(toks[0]) and (len(name.surname) == 1 or particles):
        # "Putin Vladimir", "Scholz Olaf": surname first
        yield tuple(toks[1:]), (*particles, toks[0]), SWAPPED


def person_score(q: ParsedName, c: ParsedName) -> float:
    """How surely two personal names name the same person (0 when they cannot)."""
    if not q.tokens or not c.tokens:
        return 0.0
    if q.suffix and q.suffix != c.suffix:
        return 0.0  # "Donald Trump Jr." is not Donald Trump
    if q.tokens == c.tokens:
        return EXACT if q.suffix == c.suffix else SUFFIX_DROPPED
    best = 0.0
    for given, surname, factor in _orientations(q):
        s = _surname_score(surname, c.surname)
        if s * factor <= best:
            continue
        g = _given_names_score(given, c.given)
        best = max(best, s * g * factor * (SUFFIX_DROPPED if c.suffix and not q.suffix else 1))
    if best == 0.0 and len(q.tokens) >= 2 and q.tokens == c.tokens[-len(q.tokens):]:
        best = SURNAME_ONLY  # "Wasserman Schultz" for Debbie Wasserman Schultz
    return best


def org_score(q: ParsedName, c: ParsedName, floor: float = 0.0) -> float:
    """How surely two organisation (or place) names name the same body (0 when they
    cannot, or when they cannot reach ``floor``)."""
    if q.is_acronym or c.is_acronym:
        if q.is_acronym and c.is_acronym:
            return 0.95 if q.acronym == c.acronym else 0.0
        # initials of a name are weaker than an acronym on record: SC is the Supreme Court
        # or South Carolina
        short, long_ = (q, c) if q.is_acronym else (c, q)
        return ACRONYM if short.acronym == long_.acronym else 0.0
    if not q.words or not c.words:
        return 0.0
    if q.heads and c.heads and not q.heads & c.heads:
        return 0.0  # Wagner Group is not Wagner College
    if q.words == c.words:
        return 0.97
    heads = _org_heads()
    left = dict(c.raw_words)  # canonical -> as written
    matched = 0.0
    distinctive = False
    scale = 0.95 * 2 / (len(q.words) + len(c.words))
    todo = min(len(q.words), len(c.words))
    one_word = len(q.words) == 1 and len(c.words) == 1
    for w, raw in sorted(q.raw_words, key=lambda p: -len(p[1])):
        if scale * (matched + todo) < floor:
            return 0.0
        todo -= 1
        best, best_w = 0.0, ""
        for v, v_raw in left.items():
            if w != v and one_word and min(len(raw), len(v_raw)) < 4:
                continue  # a short one-word body is spelt right: "Fox" is not "Vox"
            s = EXACT if w == v else max(word_score(raw, v_raw), word_score(w, v))
            if s > best:
                best, best_w = s, v
        if best:
            matched += best
            del left[best_w]
            distinctive = distinctive or (raw not in heads)
    if not distinctive:
        return 0.0
    return scale * matched


def name_score(q: ParsedName, c: ParsedName, floor: float = 0.0) -> float:
    """How surely ``q`` and ``c`` name the same entity, 0..1 (a score under ``floor`` may
    come out as 0: the search for it stops early)."""
    if not types_compatible(q.type, c.type):
        return 0.0
    kind = q.type or c.type
    if kind == PERSON:
        return person_score(q, c)
    if kind is not None:
        if q.type and c.type and q.type != c.type:
            return org_score(q, c, floor / 0.97) * 0.97
        return org_score(q, c, floor)
    # neither typed: a body when either name says so, else a person
    if q.heads or c.heads or q.is_acronym or c.is_acronym:
        return org_score(q, c, floor)
    return person_score(q, c)


# ---------------------------------------------------------------------------------------
# Index


def blocking_keys(name: ParsedName, query: bool = False, loose: bool = True) -> set[str]:
    """Keys under which a name is filed (``query=False``) or looked for (``query=True``).

    A stored name is filed under its surname; a query looks under every word, so that a
    surname written first ("Putin Vladimir") still finds it. Without ``loose`` a query
    looks only under whole-word keys, not under the first and last letters of its words
    (those find names with two slips, at the price of many more candidates)."""
    keys: set[str] = set()
    if name.is_acronym:
        keys.add("A:" + name.acronym)
        return keys
    if name.acronym:
        keys.add("A:" + name.acronym)
    # a loose query also looks under its other words: the surname may come first
    person_words = name.tokens if query and loose else (name.surname[-1:] + (
        ("".join(name.surname),) if len(name.surname) > 1 else ()))
    for w in person_words:
        w = w.replace("-", "")
        if len(w) < 2:
            continue
        keys.add("P:" + _phonetic_key(w))
        keys.add("K:" + skeleton(w))
        keys.add("O:" + ocr_canon(w))
        if loose or not query:
            keys.add("3:" + skeleton(w)[:3])
            keys.add("S:" + skeleton(w)[-3:])
    for w in () if name.type == PERSON else name.words:
        if w not in _org_heads():
            keys.add("W:" + (skeleton(w) or w))
            keys.add("P:" + _phonetic_key(w))
    # a word of another script has no phonetic key or skeleton: no key for it
    return {k for k in keys if len(k) > 2}


def _is_person_name(name: ParsedName) -> bool:
    return name.type == PERSON or (name.type is None and not name.heads and not name.is_acronym)


@dataclass(frozen=True)
class Match:
    """The outcome of linking one name: the entity (or None) and the evidence."""

    key: str | None
    score: float  # the best score found, linked or not
    name: str | None = None  # the stored name that matched best
    runner_up: float = 0.0  # the best score of any other entity


@dataclass
class NameIndex:
    """Names of entities (a knowledge base, or corpus entities), searchable by name.

    ``add(key, name, type)`` files one name of the entity ``key`` (call it again for each
    alias); ``match(name, type)`` returns the entity it links to, if any; ``scores(name)``
    the best score of each entity found. With ``loose=False`` a look-up searches whole-word
    keys only (the corpus pass's stages 2 and 3 join names through such look-ups).
    """

    threshold: float = LINK_THRESHOLD
    margin: float = LINK_MARGIN
    loose: bool = True  # also look under word prefixes and given names (see blocking_keys)
    _names: list[tuple[str, ParsedName]] = field(default_factory=list)
    _blocks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # given names, searched only when no surname is near enough: "Cliuck Grass1eie"
    _given_blocks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _context: dict[str, frozenset[str]] = field(default_factory=dict)
    _seen: set[tuple[str, str, str | None]] = field(default_factory=set)
    _full: set[str] = field(default_factory=set)  # entities with a given name on record

    def __len__(self) -> int:
        return len({k for k, _ in self._names})

    def add(self, key: str, name: str, type_: str | None = None,
            context: Iterable[str] = ()) -> None:
        parsed = parse_name(name, type_)
        ident = (key, parsed.key, parsed.type)
        if context:
            self._context[key] = self._context.get(key, frozenset()) | context_words(context)
        if ident in self._seen or not parsed.tokens:
            return
        self._seen.add(ident)
        idx = len(self._names)
        self._names.append((key, parsed))
        for k in blocking_keys(parsed):
            self._blocks[k].append(idx)
        if parsed.given and _is_person_name(parsed):
            self._full.add(key)
        if self.loose and parsed.given and len(parsed.given[0]) > 1:
            self._given_blocks[skeleton(parsed.given[0])[:3]].append(idx)

    def visits(self, q: ParsedName) -> tuple[str, ...]:
        """The keys whose blocks a look-up of ``q`` visits now: the smallest first (ties by
        key, so every process visits the same ones), and past the first three none of more
        than ``BLOCK_LIMIT`` names ("news", "john": a common word's block is searched only
        while nothing narrower was)."""
        size = {k: len(self._blocks.get(k, ())) for k in blocking_keys(q, True, self.loose)}
        ordered = sorted(size, key=lambda k: (size[k], k))
        cut = next((i for i, k in enumerate(ordered) if i >= 3 and size[k] > BLOCK_LIMIT),
                   len(ordered))
        return tuple(ordered[:cut])

    def scores(self, q: ParsedName, floor: float = 0.0, keys: Sequence[str] | None = None
               ) -> dict[str, tuple[float, str]]:
        """The best score of each candidate entity for ``q``, with the name that gave it
        (scores under ``floor`` may be left out). ``keys``: the blocks to visit instead of
        those :meth:`visits` gives (the corpus pass's block visits those the look-up over
        the whole corpus visited: see :class:`whosaid.corpus.cluster.Lookups`)."""
        found: dict[str, tuple[float, str]] = {}
        seen: set[int] = set()

        def visit(indices: Iterable[int]) -> None:
            for idx in indices:
                if idx in seen:
                    continue
                seen.add(idx)
                key, cand = self._names[idx]
                if q.given and not cand.given and key in self._full and _is_person_name(cand):
                    # "Biden" is Joe Biden's alias, yet "Hunter Biden" is not Joe Biden:
                    # with a given name, the entity's full names decide
                    continue
                s = name_score(q, cand, floor)
                if s > 0 and s > found.get(key, (0.0, ""))[0]:
                    found[key] = (s, cand.text)

        for k in self.visits(q) if keys is None else keys:
            visit(self._blocks.get(k, ()))
        if self.loose and len(q.tokens) >= 2 and max((v[0] for v in found.values()),
                                                     default=0.0) < self.threshold:
            for w in q.tokens:
                if len(w) > 1:
                    visit(self._given_blocks.get(skeleton(w)[:3], ()))
        return found

    def match(self, name: str | ParsedName, type_: str | None = None,
              context: Iterable[str] = ()) -> Match:
        """The entity ``name`` links to: the best-scoring one when it reaches the threshold
        and leads the next by the margin. Context words (titles, co-mentioned names) that
        an entity's own context shares break a near tie."""
        q = name if isinstance(name, ParsedName) else parse_name(name, type_)
        found = self.scores(q, self.threshold - self.margin)
        if not found:
            return Match(None, 0.0)
        words = context_words(context) | context_words(q.titles)
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
        best_key, (best, best_name) = ranked[0]
        runner = ranked[1][1][0] if len(ranked) > 1 else 0.0
        if best < self.threshold:
            return Match(None, best, None, runner)
        tied = [k for k, (s, _n) in ranked if s >= best - self.margin]
        if _bare_surname(q):
            # a surname alone that another entity reaching the threshold bears as well
            # ("Bush": George W. and George H. W.; "Trudeau": Justin and Pierre) names
            # neither, whatever alias a knowledge base files it under, unless the context
            # tells them apart (bench/entities.py, seed 29: "Bush" linked the one with the
            # alias for the other Bush and for a Bush missing from the knowledge base).
            # "Scholz" beside "Scholes" is another surname, not the same one.
            level = _surname_level(q, best_name)
            tied += [k for k, (s, n) in ranked if k not in tied and s >= self.threshold
                     and _surname_level(q, n) >= level]
        if len(tied) == 1:
            return Match(best_key, best, best_name, runner)
        bonus = {k: len(words & self._context.get(k, frozenset())) for k in tied}
        top = sorted(bonus.items(), key=lambda kv: (-kv[1], -found[kv[0]][0], kv[0]))
        if top[0][1] > top[1][1]:
            best_key = top[0][0]
            best, best_name = found[best_key]
            runner = max(v[0] for k, v in found.items() if k != best_key)
            return Match(best_key, best, best_name, runner)
        return Match(None, best, None, runner)


def _bare_surname(name: ParsedName) -> bool:
    """A person named by one word and no given name: 'Bush', 'Trudeau'."""
    return len(name.tokens) == 1 and not name.given and _is_person_name(name)


def _surname_level(q: ParsedName, stored: str) -> float:
    """How surely the bare surname ``q`` is the surname of the stored name ``stored``."""
    return _surname_score(q.tokens, parse_name(stored, q.type).surname)


_CONTEXT_STOP = frozenset(re.findall(r"\w+", "the a an of for and in on at to by with from his her "
                                             "its their former"))


def context_words(texts: Iterable[str]) -> frozenset[str]:
    """Folded content words of titles, descriptions and co-mentioned names."""
    out: set[str] = set()
    for t in texts:
        out |= _context_words_of(t)
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def _context_words_of(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]{3,}", fold(text))
                     if w not in _CONTEXT_STOP)


__all__ = [
    "LINK_MARGIN",
    "LINK_THRESHOLD",
    "Match",
    "NameIndex",
    "ParsedName",
    "blocking_keys",
    "context_words",
    "fold",
    "given_names_folded",
    "given_score",
    "name_score",
    "normalise_type",
    "ocr_canon",
    "org_score",
    "org_word",
    "parse_name",
    "person_score",
    "skeleton",
    "types_compatible",
    "word_score",
]
