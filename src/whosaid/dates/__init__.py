"""Dates: temporal expressions found in news text and resolved to TIMEX3 values against the
publication date ("Friday" in a paper of 2022-12-04 is 2022-12-02).

May import: :mod:`whosaid.model` only. Pure: no spaCy, no store.
"""

from .calendar import precision_of
from .resolve import resolve_value, tag_dates

__all__ = ["precision_of", "resolve_value", "tag_dates"]
