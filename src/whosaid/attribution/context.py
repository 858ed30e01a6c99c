"""The article state the attribution passes share: the parse, its text, entities, quotes, the
lexicon, and the drafts built so far.

Each pass takes this one record, reads what it needs and writes drafts: the headline pass
adds "Zelensky: We will win" as a draft, the merge pass replaces the list, the resolve pass
fills each draft's speaker mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import KBEntry, Span
from ..names import ArticleEntities
from ..names.roles import Profile
from ..nlp import doc_text
from .drafts import Draft
from .lexicon import Lexicon, load_lexicon
from .quotes import Quote, inside_mask


@dataclass
class Context:
    """One article under attribution."""

    doc: Doc
    text: str
    entities: ArticleEntities
    quotes: list[Quote]
    inside: bytearray  # 1 for every character inside a quotation
    lex: Lexicon
    drafts: list[Draft] = field(default_factory=list)
    # names this article shows reporting ("Interfax reported"): outlets here (see .outlets)
    article_outlets: set[str] = field(default_factory=set)
    # the article's people with the roles it gives them (names.roles; filled on first use)
    profiles: list[Profile] | None = None
    # entity id -> "female"/"male" for the people whose gender the article tells
    # (names.gender; filled on first use): "she recalled" is not the man who spoke last
    genders: dict[str, str] | None = None
    # a knowledge base's role holders (names.roles.kb_holder) and the article's date: "the
    # Russian foreign minister" the article names no one as is the one who held it that day
    kb_roles: tuple[KBEntry, ...] = ()
    published: str | None = None
    # the page furniture blanked out of ``text`` (clean stage), kept to be read where a line
    # the cleaner dropped names the page's source: "ANS TV, Baku" over "26 Mar 04" (frames)
    furniture: tuple[Span, ...] = ()

    @classmethod
    def of(cls, doc: Doc, entities: ArticleEntities, quotes: list[Quote]) -> Context:
        text = doc_text(doc)
        return cls(doc, text, entities, quotes, inside_mask(text, quotes), load_lexicon())
