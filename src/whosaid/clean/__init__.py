"""Cleaning: from a source document (text or HTML) to the text whosaid stores, with page
furniture ("Share this article", "Read also") found and kept in place, and the language told;
``safe_url`` keeps a document's URL only when it is http or https.

May import: :mod:`whosaid.model`, :mod:`whosaid.errors`, :mod:`whosaid.settings`,
:mod:`whosaid.resources`.
"""

from .document import clean_document, detect_language, find_furniture
from .urls import safe_url

__all__ = ["clean_document", "detect_language", "find_furniture", "safe_url"]
