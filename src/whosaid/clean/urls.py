"""Which URLs a document keeps: web addresses only.

A document's ``url`` comes from its producer (JSONL, a feed, a WARC record, the page's own
metadata, a client of the server) and is shown as a link, so only ``http`` and ``https``
are kept; ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and the rest are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_WEB_SCHEMES = frozenset({"http", "https"})
# What a browser's URL parser drops: C0 controls and spaces at the ends, tab and newlines
# anywhere ("java\tscript:" is javascript:).
_EDGES = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")


def safe_url(value: object) -> str | None:
    """``value`` when it is an ``http`` or ``https`` URL with a host, else None.

    The scheme is read as a browser reads it: case-insensitive, after dropping whitespace
    and control characters at the ends and tabs and newlines anywhere. A URL holding any
    other control or invisible format character is dropped too. The URL kept is the value
    with those characters dropped, otherwise as given.
    """
    if not isinstance(value, str):
        return None
    url = _TAB_NEWLINE.sub("", value.strip().strip(_EDGES)).strip()
    if not url or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return None
    scheme, colon, _ = url.partition(":")
    if not colon or scheme.lower() not in _WEB_SCHEMES:
        return None
    try:
        host = urlsplit(url).netloc
    except ValueError:  # a malformed IPv6 host, say
        return None
    return url if host else None


__all__ = ["safe_url"]
