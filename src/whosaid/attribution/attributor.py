"""Statements: who said what, to whom, according to whom.

Rules over the spaCy parse, backed by character-level quotation spans so that broken
typography still yields the quote. The passes run in this order, each in its own module:

1. :mod:`.headlines` — "Zelensky: We will win" in the first paragraph (and later items'
   headlines);
2. :mod:`.transcripts` — "WALLACE: …" turns;
3. :mod:`.credits` — "“…” ― Carla Sanchez";
4. :mod:`.verbs` — reporting verbs, sentence by sentence ("…, Biden said.");
5. :mod:`.merge` — the trained tagger's statements joined to the rules' (when it ran);
6. :mod:`.according` — "according to X", "citing X";
7. :mod:`.orphans` — quotes no cue claimed, quotes that run on;
8. :mod:`.nested` — "Reuters reported that Putin said …";
8a. :mod:`.backrefs` — "This was stated by President Zelenskyy" credits the paragraph before;
8b. :mod:`.lists` — "Key points of Zakharova's briefing:" over the items below it, each
    hers, also when its subject is "Moscow" or "the ministry";
9. :mod:`.relays` — an outlet credited in the sentence ("…, TASS reported", "quoted by
   Reuters", "told the Interfax news agency") relays its statements;
10. :mod:`.frames` — what frames the article ("KIEV (Reuters) –", "Source: The Star")
    relays every statement in it, after the sentence's own credits;
10a. :mod:`.bounds` — a content ends before the writer's apposition (empty fragments
    dropped first);
11. :mod:`.resolve` — speakers, addressees and relays to entities; kind and confidence; a
    statement read twice kept once (``distinct``);
11a. :mod:`.precision` — drafts that report nothing dropped ("didn't know", "I prefer");
12. :mod:`.calibration` — the confidence becomes the chance that the statement is right.

Relays are kept nearest to the speaker first: in "MOSCOW (Reuters) – Murashko said …, the
TASS news agency reported." Murashko's statement has the relays [TASS, Reuters].
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import KBEntry, Span
from ..names import ArticleEntities
from .according import according_to
from .backrefs import back_references
from .bounds import content_bounds
from .calibration import calibrate
from .context import Context
from .credits import credits
from .drafts import Draft
from .frames import article_frames
from .headlines import headline
from .lists import statement_lists
from .merge import merge_learned
from .nested import nested
from .orphans import orphan_quotes
from .precision import precision
from .quotes import Quote
from .relays import sentence_credits
from .resolve import resolve
from .transcripts import transcript
from .verbs import reporting_verbs


def run_passes(ctx: Context, learned: list[Draft] | None = None) -> list[Draft]:
    """All passes over one article, in order; the drafts sorted by where they start."""
    headline(ctx)
    transcript(ctx)
    credits(ctx)
    reporting_verbs(ctx)
    if learned is not None:
        merge_learned(ctx, learned)
    according_to(ctx)
    orphan_quotes(ctx)
    nested(ctx)
    back_references(ctx)
    statement_lists(ctx)
    sentence_credits(ctx)
    ctx.drafts.sort(key=lambda d: (d.start, d.end))
    article_frames(ctx)
    drop_empty(ctx)  # a piece an excluded span covered whole ("…,” the Post reported, …)
    content_bounds(ctx)  # a content ends before the writer's apposition after it
    ctx.drafts.sort(key=lambda d: (d.start, d.end))
    resolve(ctx)
    ctx.drafts = distinct(ctx.drafts)
    precision(ctx)  # drop drafts that report nothing ("didn't know", "I prefer", titles)
    calibrate(ctx, learned)  # confidence = the chance the statement is right
    return ctx.drafts


def drop_empty(ctx: Context) -> None:
    """Empty fragments out of every draft, and drafts left with none out of the run: the
    one place they go (a statement's id hashes its fragments, as :func:`distinct` keys)."""
    for d in ctx.drafts:
        d.fragments = [f for f in d.fragments if f.end > f.start]
    ctx.drafts = [d for d in ctx.drafts if d.fragments]


def distinct(drafts: list[Draft]) -> list[Draft]:
    """The drafts without a second one of the same fragments, speaker and cue: it would be
    the same statement, with the same id, which the store refuses for the whole article."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in drafts:
        key = (tuple(sorted(set(d.fragments))), d.speaker, d.cue.astuple() if d.cue else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


class Attributor:
    """Builds statement drafts for one parsed article."""

    def __init__(self, doc: Doc, entities: ArticleEntities, quotes: Sequence[Quote],
                 title: str | None, learned: list[Draft] | None = None,
                 kb_roles: Sequence[KBEntry] = (), published: str | None = None,
                 furniture: Sequence[Span] = ()) -> None:
        self.context = Context.of(doc, entities, list(quotes))
        # "the Russian foreign minister" no one in the article holds: the knowledge base's
        # holder on the publication date (resolve.py)
        self.context.kb_roles = tuple(kb_roles)
        self.context.published = published
        self.context.furniture = tuple(furniture)  # header credits the cleaner dropped
        self.title = title
        self.learned = learned  # the trained tagger's statements (learned.py), if it ran

    def run(self) -> list[Draft]:
        return run_passes(self.context, self.learned)
