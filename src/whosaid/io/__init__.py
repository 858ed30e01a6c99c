"""Input and output formats: reading documents (text, HTML, JSONL, feeds, WARC) and the JSON
shapes whosaid writes.

``ingest`` turns paths into :class:`~whosaid.model.SourceDocument` records, reporting a bad
document as a :class:`~whosaid.model.Failure` and going on; ``jsonl`` is the one JSONL reader
(documents, knowledge bases, command-line inputs): each line's object or its problem, with
its line number; ``export`` is the one JSON shape of an analysis and of a statement.

May import: :mod:`whosaid.model`, :mod:`whosaid.errors`, :mod:`whosaid.settings`.
"""

from .export import analysis_json, entity_json, statement_json
from .ingest import count_inputs, doc_id_for, read_inputs
from .jsonl import JsonlLine, iter_jsonl, json_type, read_jsonl

__all__ = ["JsonlLine", "analysis_json", "count_inputs", "doc_id_for", "entity_json",
           "iter_jsonl", "json_type", "read_inputs", "read_jsonl", "statement_json"]
