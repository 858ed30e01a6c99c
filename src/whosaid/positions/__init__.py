"""Positions and events: what each statement stands for on catalogue issues, and the calls,
meetings and speeches where it was said.

Per-document and pure, like attribution: the same text, statements and catalogue give the
same records. ``catalogue`` reads issue catalogues; ``stance`` finds positions; ``events``
finds communication events.
"""

from .catalogue import default_catalogue, parse_catalogue
from .events import find_events
from .stance import find_positions

__all__ = ["default_catalogue", "find_events", "find_positions", "parse_catalogue"]
