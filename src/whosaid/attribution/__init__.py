"""Attribution: who said what in one parsed article.

Input: a spaCy ``Doc`` with its article entities and quotation marks. Output: ``Draft``
statements (speaker, cue, content, addressee, relays as character spans) that
:mod:`whosaid.analysis` turns into records, each dated by :func:`said_on`.

The passes run in the order :mod:`.attributor` lists, one module each; :mod:`.drafts`
holds the records they share, :mod:`.syntax` the parse helpers.

May import: :mod:`whosaid.model`, :mod:`whosaid.nlp`, :mod:`whosaid.names`. Never the store,
the corpus pass or any surface (CLI, server).
"""

from .attributor import Attributor, run_passes
from .context import Context
from .dating import said_on
from .drafts import CharSpan, CueSpan, Draft, cue_record
from .learned import learned_drafts
from .quotes import ALL_MARKS, Quote, find_quotes, inside_mask, paragraphs

__all__ = [
    "ALL_MARKS",
    "Attributor",
    "CharSpan",
    "Context",
    "CueSpan",
    "Draft",
    "Quote",
    "cue_record",
    "find_quotes",
    "inside_mask",
    "learned_drafts",
    "paragraphs",
    "run_passes",
    "said_on",
]
