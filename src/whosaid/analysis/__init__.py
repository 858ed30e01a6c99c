"""Analysis: one cleaned document in, one :class:`~whosaid.model.Analysis` out.

The :class:`Analyzer` runs spaCy, then the article's entities, attribution and dates, and
dates each statement. Pure and deterministic: the same text and settings give the same
records and ids.

May import: :mod:`whosaid.nlp`, :mod:`whosaid.names`, :mod:`whosaid.attribution`,
:mod:`whosaid.dates`, :mod:`whosaid.clean` and the records. Never the store.
"""

from .analyzer import Analyzer, analyze_parsed, make_article
from .windows import WINDOW_CHARS

__all__ = ["WINDOW_CHARS", "Analyzer", "analyze_parsed", "make_article"]
