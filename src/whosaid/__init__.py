"""whosaid: who said what, to whom, about what, when, and according to whom.

The library face, as simple as trafilatura's ``extract()``::

    import whosaid

    analysis = whosaid.analyze(text, published="2022-12-04")
    for st in analysis.statements:
        print(st.speaker and st.speaker.entity, st.cue and st.cue.text, st.content.text)

    with whosaid.open("whosaid.db") as store:      # a SQLite path or a PostgreSQL URL
        store.save(analysis)
        rows = store.statements(speaker="Putin")   # or a StatementFilter

Records are frozen dataclasses (:mod:`whosaid.model`); every offset points into
``analysis.article.text``. The layout of the package is described in docs/architecture.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from .model import Analysis
    from .store import Store

__version__ = "0.1.0"
__all__ = ["EXTRACTOR_VERSION", "__version__", "analyze", "open"]


def analyze(text: str, published: str | None = None, *, html: bool = False,
            url: str | None = None, title: str | None = None, doc_id: str = "text",
            learned: bool = True) -> Analysis:
    """Analyse one document (plain text, or HTML with ``html=True``) and return its
    :class:`~whosaid.model.Analysis`: statements, entities and dates.

    ``published`` (YYYY-MM-DD) is the date relative dates count from ("on Friday"); without
    it a date without a year keeps ``XXXX``. The spaCy model loads on the first call and
    stays loaded. Raises :class:`~whosaid.errors.InputError` for a document with no text and
    :class:`~whosaid.errors.ConfigError` for a bad date.
    """
    from .analysis import Analyzer
    from .clean import clean_document
    from .model import SourceDocument
    from .settings import Settings

    settings = Settings(published=published, learned=learned)
    doc = SourceDocument(doc_id=doc_id, origin=f"<{doc_id}>", text=None if html else text,
                         html=text if html else None, url=url, title=title, published=published)
    return Analyzer(settings).analyze(clean_document(doc, settings))


def open(db: str = "whosaid.db", *, migrate: bool = True) -> Store:  # noqa: A001
    """Open (creating or migrating) a whosaid database: a SQLite path or a SQLAlchemy URL
    (``postgresql://user@host/db``). Use it as a context manager, or call ``close()``."""
    from .store import open_store

    return open_store(db, migrate=migrate)
