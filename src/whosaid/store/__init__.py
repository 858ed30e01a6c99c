"""The storage layer: analyses in SQLite or PostgreSQL, through SQLAlchemy Core.

Open a store with :func:`open_store` (a SQLite path or a SQLAlchemy URL); it migrates the
schema unless told not to. Each :meth:`Store.save` is one transaction, so an interrupted
run leaves every article either entirely stored or not at all.

Queries return plain JSON-ready dicts (str/int/float/bool/None, lists and dicts of those):

``Store.statements(StatementFilter(...))`` -> one dict per statement in the one statement
shape (:func:`whosaid.io.export.statement_json`, the ``analyze --jsonl-out`` one): ``id,
kind, mode, content ({start, end, text, fragments: [[start, end], ...]}), speaker ({start,
end, text, entity, entity_id, title} or None), cue ({start, end, text, lemma} or None),
addressee (as speaker), relays ([{start, end, text, entity}], nearest first), said_on
({value, precision, from, span: {start, end, text} or None} or None), confidence,
extractor``, plus ``article ({id, doc_id, title, published, site, url})``; offsets index
the article's text. Ordered by the article's publication date (undated last), article id,
then position in the text. :class:`~whosaid.store.filters.StatementFilter` says what
matches.

``Store.entities(name)`` -> one dict per (canonical name, type) across articles: ``name,
type, aliases ([{"alias", "count"}] sorted by alias, counts summed), articles, statements
(as speaker), mentions``; ordered by name and type.

``Store.article(ref)`` -> every ``articles`` column (``id, doc_id, origin, url, title,
published, site, author, language, input_format, text, text_hash, furniture ([{"start",
"end", "text"}]), analyzed, skip_reason, extractor, analyzed_at, statement_count``) plus
``statements`` (as above, without ``article``; in text order), ``entities`` ([{"id", "name",
"type", "titles", "aliases": [{"alias", "count"}], "mentions": [{"start", "end", "text",
"title"}]}]) and ``dates`` ([{"start", "end", "text", "type", "value", "precision"}]).

``Store.articles()`` -> ``id, doc_id, title, published, language, analyzed, skip_reason,
statement_count`` per article. ``Store.counts()`` -> ``{"articles", "statements",
"entities"}`` (entities: distinct canonical name and type).
"""

from __future__ import annotations

from .database import Store, open_store
from .engine import Transactions
from .filters import StatementFilter
from .migrations import LATEST_VERSION

__all__ = ["LATEST_VERSION", "StatementFilter", "Store", "Transactions", "open_store"]
