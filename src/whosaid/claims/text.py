"""Words for comparison: one statement's content as tokens that match across re-reports.

Five outlets print one utterance five ways. TASS quotes it: «We are ready for talks», Putin
said. A content farm paraphrases: Putin said Russia was ready for "talks". A translation
writes "ready to negotiations", drops the quote marks, spells the name Putine. To compare
them, every content is read as a sequence of :class:`Token`\\ s, each with

* ``word``: the word as written (quote marks and punctuation gone, contractions spelt out:
  "won't" → "will", "not"; "1,000" → "1000"; "five" → "5"), which drift reports;
* ``key``: what comparison uses, folding what direct and indirect speech, tense and
  transliteration change without changing what was said: first and third person ("I",
  "he", "she" → ``3s``; "we", "they" → ``3p``; "my", "his" → ``3s``), the forms of *be*,
  *have*, *do* and the modals (``am``/``was`` → ``be``; ``will``/``would`` → ``will``;
  ``can``/``could`` → ``can``), irregular past forms (``told`` → ``tell``), a light stem cut
  to six letters, one for a word and all its inflected forms (``negotiations``/``negotiate``
  → ``negoti``; the backshift's regular past and a British spelling take the present's
  stem: ``agreed``/``agree`` → ``agr``, ``stopped`` → ``stop``, ``added``/``add`` →
  ``add``, ``favour``/``favor``; a cut leaves three letters or more; a stop word keeps its
  form, so "more" stays a stop word), and a sound-alike key for
  names inside the sentence (``Zelensky``/``Zelenskyy``/``Selenskyj`` →
  ``~SLNSK``, :func:`whosaid.names.normalise.phonetic_key`). Numbers stay tokens of their
  own (``#5000``), so a number change is seen. A capitalised word that news writes in lower
  case inside sentences (:func:`common_words`) is the ordinary word, not a name: a quote
  that opens "Leaders must lead" and a report that "leaders must lead" share its key
  (outside title-case headlines, :func:`_title_case`). Words that translations and
  spellings put for one another (:func:`variants`: "prudence"/"caution",
  "stay"/"remain", "defence"/"defense") take one key.

:func:`normalise` is the exact-match baseline's form (Quotebank merges identical normalised
strings): lowercase, no quote marks, no punctuation, single spaces.

Stop words weigh :data:`STOP_WEIGHT` in similarity (a quarter of a content word): with
full weight, distractors of one speaker ("we will …", "the United States is …") linked at
the same similarity as truncated re-reports on the PolNeAR train re-report set.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..names.normalise import fold, phonetic_key
from ..resources import data_lines

STOP_WEIGHT = 0.25

_QUOTES = str.maketrans({c: " " for c in "\"“”„‟«»‹›〝〞＂「」『』"})
_APOS = str.maketrans({c: "'" for c in "’‘ʼ`´′"})
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)*")
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑–](?=[^\W\d_])")

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "first": "1st", "second": "2nd", "third": "3rd", "dozen": "12", "half": "0.5",
}
_CONTRACTIONS = {
    "won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
    "cannot": ("can", "not"), "ain't": ("be", "not"), "let's": ("let", "us"),
}
_SUFFIXES = {"n't": ("not",), "'re": ("are",), "'m": ("am",), "'ve": ("have",),
             "'ll": ("will",), "'d": ("would",)}
_S_IS = {"it", "he", "she", "that", "there", "what", "who", "here", "where", "this"}

_FOLD = {
    **dict.fromkeys(("i", "me", "my", "mine", "myself", "he", "him", "his", "himself", "she",
                     "her", "hers", "herself"), "3s"),
    **dict.fromkeys(("we", "us", "our", "ours", "ourselves", "they", "them", "their",
                     "theirs", "themselves"), "3p"),
    **dict.fromkeys(("am", "is", "are", "was", "were", "be", "been", "being"), "be"),
    **dict.fromkeys(("has", "have", "had", "having"), "have"),
    **dict.fromkeys(("do", "does", "did", "done", "doing"), "do"),
    **dict.fromkeys(("will", "would", "shall", "'ll"), "will"),
    **dict.fromkeys(("can", "could"), "can"),
    **dict.fromkeys(("may", "might"), "may"),
    **dict.fromkeys(("this", "that", "these", "those"), "that"),
    **dict.fromkeys(("now", "then"), "now"),
    **dict.fromkeys(("here", "there"), "there"),
    **dict.fromkeys(("today", "yesterday", "tonight"), "today"),
    **dict.fromkeys(("tomorrow",), "tomorrow"),
}
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "went": "go", "gone": "go", "made": "make",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "knew": "know",
    "known": "know", "thought": "think", "saw": "see", "seen": "see", "came": "come",
    "became": "become", "began": "begin", "begun": "begin", "brought": "bring",
    "bought": "buy", "kept": "keep", "left": "leave", "meant": "mean", "met": "meet",
    "paid": "pay", "ran": "run", "sent": "send", "spent": "spend", "stood": "stand",
    "understood": "understand", "won": "win", "wrote": "write", "written": "write",
    "held": "hold", "felt": "feel", "found": "find", "led": "lead", "lost": "lose",
    "built": "build", "fought": "fight", "sought": "seek", "spoke": "speak",
    "spoken": "speak", "chose": "choose", "chosen": "choose", "fell": "fall", "got": "get",
    "gotten": "get", "grew": "grow", "rose": "rise", "sold": "sell", "struck": "strike",
    "threw": "throw", "drew": "draw", "drove": "drive", "broke": "break", "broken": "break",
    "forgot": "forget", "hid": "hide", "shot": "shoot", "taught": "teach", "caught": "catch",
    "goes": "go", "sped": "speed", "dying": "die", "lying": "lie", "tying": "tie",
}
STOP = frozenset({
    "3s", "3p", "be", "have", "do", "will", "can", "that", "the", "a", "an", "and", "or",
    "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "it", "its",
    "so", "if", "than", "also", "about", "into", "over", "just", "very", "there", "now",
    "what", "which", "who", "whom", "whose", "all", "some", "any", "would", "should",
    "must", "you", "your", "say", "tell", "said", "going", "go", "get", "let", "because",
    "up", "out", "more", "most", "such", "other", "only", "even", "well", "too", "how",
    "when", "where", "why", "while", "both", "each", "our", "own", "not", "no", "today",
})
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
                       "nowhere", "refuse", "refuses", "refused", "deny", "denies", "denied",
                       "decline", "declines", "declined", "fail", "fails", "failed"})
HEDGES = frozenset({"may", "might", "possibly", "perhaps", "probably", "likely", "maybe",
                    "reportedly", "allegedly", "apparently", "seem", "seems", "seemed",
                    "appear", "appears", "appeared", "potentially", "presumably",
                    "supposedly", "conceivably"})


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words news writes in lower case inside a sentence at least as often as capitalised
    (``claims_common_words.txt``, counted in PolNeAR train): a capitalised one is the
    ordinary word at a sentence's start or in a title, not a name ("Leaders must lead" and
    he said "leaders must lead"; "as Chancellor" and "as chancellor")."""
    return frozenset(data_lines("claims_common_words.txt"))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str) -> bool:
    """Whether most words of four letters or more are capitalised, as in a headline
    ("Donald Trump Is a 'Proven Failure' in Business"): there every capitalised word stays
    a name key, as before :func:`common_words` (on the generated PolNeAR train set, 91 of
    the 109 pairs that reading them as ordinary words joined were a headline and a body
    statement the generator's gold keeps apart)."""
    words = _LONG_WORD.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _capitalised(raw: str) -> bool:
    """Whether a word is written capitalised and is no function word ("The", "We")."""
    return raw[0].isupper() and fold(raw) not in STOP and fold(raw) not in _FOLD


def _in_name(raws: list[str], at: int) -> bool:
    """Whether the word at ``at`` stands next to another capitalised word, as in a name of
    several words ("the Affordable Care Act", "National Rifle Association"): there a common
    word is part of the name (reading "Care" and "Act" as ordinary words lost a
    ``speaker_changed`` flag on the generated dev set)."""
    return (at > 0 and _capitalised(raws[at - 1])) or \
        (at + 1 < len(raws) and _capitalised(raws[at + 1]))


@dataclass(frozen=True)
class Token:
    """A word of a content as written (``word``) and as compared (``key``)."""

    word: str
    key: str

    @property
    def is_number(self) -> bool:
        return self.key.startswith("#")

    @property
    def weight(self) -> float:
        return STOP_WEIGHT if self.key in STOP else 1.0


def _number(word: str) -> str:
    w = word.rstrip("%")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", w):
        w = w.replace(",", "")
    return w.replace(",", ".")


# The inflections a report's tense and number change, cut from the end of a word: (ending,
# what replaces it, fewest letters the cut leaves, at least one of them a vowel). A cut that
# would leave fewer is not made ("bed", "sing", "need" stay whole), so a word and each of
# its inflected forms give one key ("add", "adds", "added", "adding" → ``add``; "speed",
# "speeds", "speeding" → ``spe``). The plural and third-person ending goes first, once;
# then the past and the -ing form, until none is left ("speeding" → "speed" → "spe", as
# "speed" itself).
_PLURAL: tuple[tuple[str, str, int], ...] = (
    ("ies", "y", 2),  # "studies" → "study"; "dies" is "die" + s
    ("s", "", 3),     # "talks" → "talk"; not "ss", "us", "is" ("class", "status", "crisis")
)
_VERB: tuple[tuple[str, str, int], ...] = (
    ("ied", "y", 2),  # "tried" → "try"; "died" is "die" + d (below)
    ("ing", "", 3),   # "talking" → "talk"
    ("ed", "", 3),    # "talked" → "talk"
)
_KEEP_S = ("ss", "us", "is")
_VOWEL = re.compile(r"[aeiouy]")
# a verb in -e that leaves two letters: "used"/"using" → "use", "owed" → "owe", "died" → "die"
# (not "needed" → "nee", "seeds" → "see": an -ee word keeps its d)
_SHORT_E = re.compile(r"[aeiou][^aeiou]|[^aeiouy][aiou]")
# a doubled final consonant: "stopped" → "stopp" → "stop", and "staff" → "staf" as well;
# not "ll" and "ss" ("call", "pass"), whose single form is another word ("cal", "pas")
_DOUBLE = re.compile(r"([b-df-hj-km-np-rtv-z])\1$")


def _cut(w: str, rules: tuple[tuple[str, str, int], ...]) -> str:
    """``w`` with the first of ``rules`` whose ending it has cut, when the cut leaves
    enough letters; else ``w``."""
    for ending, add, least in rules:
        if not w.endswith(ending):
            continue
        stem = w[:-len(ending)]
        if len(stem) >= least and _VOWEL.search(stem + add):
            return stem + add
        if ending in ("ed", "ing") and len(stem) == 2 and _SHORT_E.fullmatch(stem):
            return stem + "e"
    return w


def _single(w: str) -> str:
    """``w`` without a doubled final consonant, when three letters are left."""
    return _DOUBLE.sub(r"\1", w) if len(w) > 3 else w


@functools.lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Each word of ``claims_variants.txt`` mapped to the first word of its line: words
    re-reports put for each other (translations of one word, "prudence"/"care" for
    "Besonnenheit"; British and American spellings, "defence"/"defense")."""
    out: dict[str, str] = {}
    for line in data_lines("claims_variants.txt"):
        first, *rest = line.split()
        for w in rest:
            out[w] = first
    return out


@functools.lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    """A light stem, the same for a word and its inflected forms: irregular forms mapped
    (``told`` → ``tell``), the plural and the verb endings cut (see :data:`_PLURAL`), then
    what the cut leaves made one form: final e's dropped ("decide"/"decided"/"deciding" →
    ``decid``; "agree"/"agreed" → ``agr``), a doubled final consonant single ("stopped" →
    ``stop``, never below three letters: "added" → ``add``), a final "ll" single in a word
    of five letters or more ("labelled"/"label", "controlled"/"control"), and the British
    "-our" the American "-or" ("favour"/"favor"); cut to six letters."""
    table = variants()
    w = _IRREGULAR.get(word, word)
    w = table.get(w, w)
    if not w.endswith(_KEEP_S):
        w = _cut(w, _PLURAL)
    w = table.get(w, w)  # "troops" → "troop" → "soldier"
    while (cut := _cut(w, _VERB)) != w:
        w = _single(cut)  # "embedded" → "embed" → "emb", as "embed"
        w = table.get(w, w)  # "stayed" → "stay" → "remain"
    if len(w) > 5 and w.endswith("our"):
        w = w[:-3] + "or"
    while len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    w = _single(w)
    if len(w) > 4 and w.endswith("ll"):
        w = w[:-1]
    return w[:6]


def _key(folded: str) -> str:
    """The comparison key of an ordinary word (not a name, number or folded form)."""
    return folded if folded in STOP else _stem(folded)


def _expand(raw: str) -> list[str]:
    low = raw.lower()
    if low in _CONTRACTIONS:
        return list(_CONTRACTIONS[low])
    for suffix, words in _SUFFIXES.items():
        if low.endswith(suffix) and len(low) > len(suffix):
            return [low[: -len(suffix)], *words]
    if low.endswith("'s"):
        stem = low[:-2]
        return [stem, "is"] if stem in _S_IS else [stem]
    if low.endswith("'"):
        return [low[:-1]]
    return [low]


@functools.lru_cache(maxsize=65536)
def tokens(content: str) -> tuple[Token, ...]:
    """The content's words, each with its comparison key (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", content).translate(_APOS).translate(_QUOTES)
    text = _HYPHEN.sub("", text)
    common = common_words()
    title: bool | None = None  # whether the text is a title-case headline, found once
    out: list[Token] = []
    raws = [m.group() for m in _WORD.finditer(text)]
    for at, raw in enumerate(raws):
        if raw[0].isdigit():
            out.append(Token(raw, "#" + _number(raw)))
            if raw.endswith("%"):
                out.append(Token("percent", "percent"))
            continue
        # a capitalised word is a name wherever it stands, unless it is a function word
        # ("We", "The") written at a sentence's start, or a common word ("Leaders must
        # lead") outside a title-case headline
        name = raw[0].isupper() and len(raw) > 2 and not raw.isupper()
        for word in _expand(raw):
            if not word:
                continue
            f = fold(word)
            if f in _NUMBER_WORDS:
                out.append(Token(word, "#" + _NUMBER_WORDS[f]))
            elif name and f not in _FOLD and f not in STOP and f not in NEGATIONS \
                    and f not in HEDGES and (f not in common or _in_name(raws, at) or (
                        title if title is not None else (title := _title_case(text)))):
                out.append(Token(word, "~" + (phonetic_key(f) or f)))
            elif f in _FOLD:
                out.append(Token(word, _FOLD[f]))
            elif f in ("percent", "pct") or (f == "cent" and out and out[-1].key == "per"):
                if out and out[-1].key == "per":
                    out.pop()
                out.append(Token(word, "percent"))
            else:
                out.append(Token(word, _key(f)))
            name = False
    # a leading "that" ("Putin said that he was ready") is the report's, not the speaker's
    while out and out[0].key in ("that", "to"):
        out.pop(0)
    return tuple(out)


def keys(content: str) -> tuple[str, ...]:
    """The comparison keys of the content's words, in order."""
    return tuple(t.key for t in tokens(content))


@functools.lru_cache(maxsize=65536)
def weighted_set(content: str) -> dict[str, float]:
    """Each distinct key of the content with its weight (shared: do not change it)."""
    return {t.key: t.weight for t in tokens(content)}


def content_weight(bag: dict[str, float]) -> float:
    """How much a content says: its keys' weights summed."""
    return sum(bag.values())


def similarity(a: dict[str, float], b: dict[str, float]) -> tuple[float, float]:
    """Weighted Jaccard and weighted containment (of the smaller in the larger) of two
    contents' key sets, as :func:`weighted_set` gives them."""
    if len(a) > len(b):
        a, b = b, a
    inter = sum(w for k, w in a.items() if k in b)
    wa, wb = sum(a.values()), sum(b.values())
    if not wa or not wb:
        return 0.0, 0.0
    return inter / (wa + wb - inter), inter / min(wa, wb)


# where a content's first clause ends: a sentence end before a capital ("… to discuss. And
# I think …", "… colleagues… Maybe …"), or a "but" that opens a clause ("This idea is
# correct - and we support - but there are questions …")
# ("Mr. Smith", "the U.S. Army" end no sentence)
_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])"
                         r"[.?!…]+[\"”»'’)\]]*\s+(?=[\"“«'‘(\[]?[A-Z])"
                         r"|(?:\s*[,;:]|\s+[-–—])?\s+[Bb]ut\s+")


def head(content: str) -> str | None:
    """The content's first clause when it has more than one (its first sentence, or what
    comes before a clause-opening "but"); None for a content of one clause. A leading "But"
    opens no new clause."""
    text = content.strip()
    for m in _CLAUSE_END.finditer(text):
        if m.start() == 0 or not any(c.isalpha() for c in text[:m.start()]):
            continue
        if not any(c.isalpha() for c in text[m.end():]):
            return None
        return text[:m.start()]
    return None


_PUNCT = re.compile(r"[^\w\s]|_")


def normalise(content: str) -> str:
    """The exact-match baseline's form: lowercase, quote marks and punctuation gone, spaces
    collapsed ("«We are ready»," → "we are ready")."""
    text = unicodedata.normalize("NFKC", content).translate(_APOS).lower()
    text = _PUNCT.sub(" ", text.replace("'", ""))
    return " ".join(text.split())


def numbers(toks: tuple[Token, ...]) -> frozenset[str]:
    """The numbers of a content, normalised ("5,000" and "5000" are one)."""
    return frozenset(t.key[1:] for t in toks if t.is_number)


def scoped(toks: tuple[Token, ...], markers: frozenset[str], reach: int = 3,
           first: bool = False) -> set[str]:
    """The content words a marker governs: for each word in ``markers`` (a negation, a
    hedge), the content keys within ``reach`` words after it ("will not attend the talks"
    → ``attend``, ``talk``; "may be ready" → ``ready``); with ``first``, only the first of
    them (the marker's head)."""
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t.word in markers:
            for u in toks[i + 1:i + 1 + reach]:
                if u.word in markers:
                    continue
                if u.key not in STOP:
                    out.add(u.key)
                    if first:
                        break
    return out


__all__ = [
    "HEDGES",
    "NEGATIONS",
    "STOP",
    "STOP_WEIGHT",
    "Token",
    "content_weight",
    "head",
    "keys",
    "normalise",
    "numbers",
    "scoped",
    "similarity",
    "tokens",
    "weighted_set",
]
