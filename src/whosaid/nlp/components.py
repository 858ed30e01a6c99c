"""whosaid's own spaCy components (registered in :mod:`.registrations`).

``whosaid_paragraphs_v1``: a sentence never runs over a paragraph break, so "MOSCOW, Dec. 2"
on its own line does not open the next paragraph's first sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc

PARAGRAPH_COMPONENT = "whosaid_paragraphs_v1"


def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs over a paragraph break (a line break in stored text)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc
