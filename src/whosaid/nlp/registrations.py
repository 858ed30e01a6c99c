"""Every spaCy registration of whosaid, in one place (as spaCy keeps its own in
``registrations.py``), so components never import each other to get registered: the paragraph
component, the attribute ruler on arrays, the attribution tagger's factory and its model
architecture.

:func:`register` is idempotent; :func:`whosaid.nlp.pipeline.load_pipeline` calls it before
loading a model.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.util import registry

from .attributes import ARRAY_RULER, make_array_ruler
from .components import PARAGRAPH_COMPONENT, paragraph_boundaries
from .tagger import ARCHITECTURE, COMPONENT, build_attribution_tagger, make_attribution_tagger


@functools.cache
def register() -> None:
    """Register whosaid's components and architectures with spaCy (once per process)."""
    Language.component(PARAGRAPH_COMPONENT, requires=["token.text"],
                       assigns=["token.is_sent_start"], func=paragraph_boundaries)
    registry.architectures.register(ARCHITECTURE, func=build_attribution_tagger)
    Language.factory(COMPONENT, assigns=["doc.user_data"],
                     requires=["doc.tensor", "token.tag", "token.dep", "token.ent_type"],
                     default_config={"model": {"@architectures": ARCHITECTURE}},
                     func=make_attribution_tagger)
    Language.factory(ARRAY_RULER, assigns=["token.pos", "token.tag", "token.morph",
                                           "token.lemma", "token.dep"],
                     func=make_array_ruler)
