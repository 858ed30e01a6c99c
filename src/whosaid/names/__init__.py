"""Names: the entities of one article, and how names are folded, scored and blocked.

``normalise`` is the one fold of names; ``entities`` clusters one article's mentions into
entities; ``linking`` scores a name against another (Scholes/Scholz, ISW/Institute for the
Study of War) and files names under blocking keys.

May import: :mod:`whosaid.model`, :mod:`whosaid.resources`, :mod:`whosaid.nlp`.
"""

from .entities import ArticleEntities, extract_entities
from .normalise import fold, given_names, phonetic_key, sound_alike

__all__ = ["ArticleEntities", "extract_entities", "fold", "given_names", "phonetic_key",
           "sound_alike"]
