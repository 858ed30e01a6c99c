"""The one name normalisation of whosaid: folding, sound-alike keys and given names.

Every comparison of names (within an article, across the corpus, against the knowledge base)
folds them the same way, so "Selenskyj", "selenskyj" and "Селенский" meet in one place.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..resources import data_lines, load_json

# Letters NFKD does not decompose
_EXTRA_FOLD = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
                             "ð": "d", "þ": "th", "ı": "i", "’": "'", "‘": "'", "ʼ": "'"})

@functools.lru_cache(maxsize=1)
def _cyrillic() -> dict[int, str]:
    return str.maketrans(load_json("linking.json")["cyrillic"])


@functools.lru_cache(maxsize=131072)
def fold(s: str) -> str:
    """Lowercase without diacritics, including the letters NFKD keeps (ł, ø, ß), and
    Cyrillic in Latin letters ('Путин' -> 'putin')."""
    low = s.lower().translate(_EXTRA_FOLD)
    if any("\u0400" <= c <= "\u04ff" for c in low):
        low = low.translate(_cyrillic())
    nfkd = unicodedata.normalize("NFKD", low)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A rough sound-alike key for surnames across transliterations.

    'Scholz' and 'Scholes' share SKLS, 'Scholl' is SKL; 'Peskow' and 'Peskov' share PSKF;
    'Zelensky', 'Zelenskyy' and 'Selenskyj' share SLNSK.
    """
    w = re.sub(r"[^a-z]", "", fold(word))
    if not w:
        return ""
    for a, b in (("sch", "sk"), ("tsch", "ch"), ("ph", "f"), ("ck", "k"), ("tz", "s"),
                 ("ts", "s"), ("z", "s"), ("w", "f"), ("v", "f"), ("c", "k"), ("q", "k"),
                 ("x", "ks"), ("j", "y"), ("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g")):
        w = w.replace(a, b)
    head, tail = w[0], w[1:]
    tail = re.sub(r"[aeiouyh]", "", tail)
    key = head.upper() + tail.upper()
    key = re.sub(r"(.)\1+", r"\1", key)
    if key[0] in "AEIOUY" and len(key) > 1:
        key = "A" + key[1:]
    return key


def _edit_ratio(a: str, b: str) -> float:
    """1 - normalised Levenshtein distance."""
    if a == b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))


@functools.lru_cache(maxsize=65536)
def sound_alike(a: str, b: str) -> bool:
    """Two surnames that a transliteration or a slip could have turned into one another."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if len(fa) < 4 or len(fb) < 4:
        return False
    ka, kb = phonetic_key(fa), phonetic_key(fb)
    return bool(ka) and ka == kb and _edit_ratio(fa, fb) >= 0.6


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (data/given_names*.txt): they tell a person the tagger called an ORG."""
    return frozenset(n for fname in ("given_names.txt", "given_names_extra.txt")
                     for n in data_lines(fname))
