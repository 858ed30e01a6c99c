"""Dates: temporal expressions found in news text and resolved to TIMEX3 values against the
publication date ("Friday" in a paper of 2022-12-04 is 2022-12-02).

Modules, in pipeline order: ``rules`` (the regex rule table, data only), ``scan`` (walks the
text and tries the rules), ``handlers`` (one resolver per rule), ``context`` (the hits and what
the scanner knows of the clause), ``calendar`` (calendar arithmetic, word lists) and
``resolve`` (the public ``tag_dates`` / ``resolve_value``).

May import: :mod:`whosaid.model` and :mod:`whosaid.resources`. Pure: no spaCy, no store.
"""

from .calendar import precision_of
from .resolve import resolve_value, tag_dates

__all__ = ["precision_of", "resolve_value", "tag_dates"]
