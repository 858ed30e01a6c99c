"""Attribution: who said what in one parsed article.

Input: a spaCy ``Doc`` with its article entities and quotation marks. Output: ``Draft``
statements (speaker, cue, content, addressee, relays as character spans) that
:mod:`whosaid.analysis` turns into records.

May import: :mod:`whosaid.model`, :mod:`whosaid.nlp`, :mod:`whosaid.names`. Never the store,
the corpus pass or any surface (CLI, server).
"""

from .attributor import Attributor, Draft, cue_record
from .learned import learned_drafts
from .quotes import ALL_MARKS, Quote, find_quotes, inside_mask, paragraphs

__all__ = [
    "ALL_MARKS",
    "Attributor",
    "Draft",
    "Quote",
    "cue_record",
    "find_quotes",
    "inside_mask",
    "learned_drafts",
    "paragraphs",
]
