"""From a cleaned document to an Analysis: nlp → entities → attribution → dates.

The per-document work is pure: the same text and settings give the same records.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import multiprocessing
import sys
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution import Attributor, Draft, cue_record, find_quotes, learned_drafts, paragraphs
from ..dates import tag_dates
from ..errors import AnalysisError, ModelError, WhosaidError
from ..model import (
    Analysis,
    Article,
    CleanDocument,
    DateExpr,
    Failure,
    SaidOn,
    Span,
    Statement,
    article_id_for,
    content_id,
    text_hash,
)
from ..names import ArticleEntities, extract_entities
from ..nlp import analysis_text, doc_text, load_pipeline
from ..settings import Settings

log = logging.getLogger(__name__)

# how many paragraphs a dated event (a call, a speech) frames statements by its participants
EVENT_REACH = 3


def make_article(doc: CleanDocument, settings: Settings) -> Article:
    published = settings.published or doc.published
    analyzed = doc.language in (settings.language, "und")
    return Article(
        id=article_id_for(doc.text, doc.url),
        doc_id=doc.doc_id,
        origin=doc.origin,
        text=doc.text,
        text_hash=text_hash(doc.text),
        language=doc.language,
        furniture=doc.furniture,
        url=doc.url,
        title=doc.title,
        published=published,
        site=doc.site,
        author=doc.author,
        input_format=doc.input_format,
        analyzed=analyzed,
        skip_reason=None if analyzed
        else f"language is {doc.language!r}, not {settings.language!r}",
    )


class Analyzer:
    """Analyses cleaned documents with one loaded spaCy pipeline."""

    def __init__(self, settings: Settings, nlp: Language | None = None) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_pipeline(settings.model, settings.learned)

    def analyze(self, doc: CleanDocument) -> Analysis:
        return next(iter(self._analyze_batch([doc])))

    def analyze_many(self, docs: Iterable[CleanDocument]) -> Iterator[Analysis | Failure]:
        """Analyses in batches; a document that fails yields a Failure, the rest go on.

        With ``settings.workers`` > 1 the batches go to that many processes; results come
        back in input order and are the same records a single process makes.
        """
        if self.settings.workers > 1:
            yield from self._analyze_parallel(docs)
            return
        batch: list[CleanDocument] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.settings.batch_size:
                yield from self._safe_batch(batch)
                batch = []
        if batch:
            yield from self._safe_batch(batch)

    def _analyze_parallel(self, docs: Iterable[CleanDocument]) -> Iterator[Analysis | Failure]:
        ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        size = self.settings.batch_size
        one = self.settings.with_(workers=1)
        with ctx.Pool(self.settings.workers) as pool:
            jobs = ((one, batch) for batch in _batches(docs, size))
            for results in pool.imap(_worker_batch, jobs):
                yield from results

    def _safe_batch(self, batch: list[CleanDocument]) -> Iterator[Analysis | Failure]:
        results: list[Analysis | Failure]
        try:
            results = list(self._analyze_batch(batch))
        except ModelError:
            raise  # no document can be analysed: stop with the cause and the fix
        except Exception:  # one bad document must not stop the batch: retry one by one
            results = []
            for doc in batch:
                try:
                    results.extend(self._analyze_batch([doc]))
                except ModelError:
                    raise
                except Exception as exc:
                    log.warning("analysis failed for %s: %s", doc.origin, exc)
                    message = str(exc) if isinstance(exc, AnalysisError) else \
                        f"{doc.origin}: analysis failed: {exc}"
                    results.append(Failure(doc.origin, message, doc.doc_id))
        yield from results

    def _analyze_batch(self, batch: list[CleanDocument]) -> Iterator[Analysis]:
        articles = [make_article(d, self.settings) for d in batch]
        todo = [(a, analysis_text(a.text, a.furniture)) for a in articles if a.analyzed]
        parsed = iter(self.nlp.pipe([t for _, t in todo], batch_size=self.settings.batch_size))
        for article in articles:
            if not article.analyzed:
                yield Analysis(article)
                continue
            parsed_doc = next(parsed)
            try:
                yield analyze_parsed(article, parsed_doc, self.settings)
            except WhosaidError:
                raise
            except Exception as exc:
                raise AnalysisError(f"{article.origin}: analysis failed: {exc}") from exc


def _batches(docs: Iterable[CleanDocument], size: int) -> Iterator[list[CleanDocument]]:
    batch: list[CleanDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@functools.lru_cache(maxsize=1)
def _worker_analyzer(settings: Settings) -> Analyzer:
    """The Analyzer of a worker process, made on its first batch."""
    return Analyzer(settings)


def _worker_batch(job: tuple[Settings, list[CleanDocument]]) -> list[Analysis | Failure]:
    settings, batch = job
    return list(_worker_analyzer(settings)._safe_batch(batch))


def analyze_parsed(article: Article, doc: Doc, settings: Settings) -> Analysis:
    """The records of one article from its parse (``doc.text`` is the analysis text)."""
    text = doc_text(doc)
    published = dt.date.fromisoformat(article.published) if article.published else None
    entities = extract_entities(doc, article.id)
    quotes = find_quotes(text)
    drafts = Attributor(doc, entities, quotes, article.title, learned_drafts(doc)).run()
    dates = tag_dates(text, published, mask=[(f.start, f.end) for f in article.furniture])
    said = _said_on(doc, drafts, dates, entities, article, settings)
    statements = []
    for d, said_on in zip(drafts, said, strict=True):
        if d.confidence < settings.min_confidence:
            continue
        fragments = tuple(sorted(set(d.fragments)))
        start, end = fragments[0][0], max(e for _, e in fragments)
        sid = content_id("statement", article.id, fragments, d.speaker, d.cue)
        statements.append(Statement(
            id=sid,
            article_id=article.id,
            kind=d.kind,
            content=Span(start, end, article.text[start:end]),
            fragments=fragments,
            speaker=d.speaker_mention,
            cue=cue_record(article.text, d),
            addressee=d.addressee_mention,
            relays=tuple(d.relay_mentions),
            said_on=said_on,
            confidence=d.confidence,
            mode=d.mode,
        ))
    return Analysis(article, tuple(entities.entities), tuple(statements), tuple(dates))


def _said_on(doc: Doc, drafts: list[Draft], dates: list[DateExpr], entities: ArticleEntities,
             article: Article, settings: Settings) -> list[SaidOn | None]:
    """The date of each statement: the expression that governs its cue, else that of the event
    its speaker took part in a few paragraphs before, else (marked so) the publication date."""
    text = doc_text(doc)
    para_starts = [s for s, _ in paragraphs(text)]
    usable = [d for d in dates if d.type == "DATE" and d.value and not d.value.endswith("_REF")]
    out: list[SaidOn | None] = []
    event: tuple[SaidOn, set[str], int] | None = None  # date, participants, paragraph index
    for d in drafts:
        para = sum(1 for s in para_starts if s <= d.start) - 1
        own = _governing_date(doc, d, usable)
        said: SaidOn | None = None
        if own is not None:
            said = SaidOn(own.value or "", own.precision, "text", Span(own.start, own.end,
                                                                         own.text))
            where = doc.char_span(own.start, own.end, alignment_mode="expand")
            lo, hi = (where.sent.start_char, where.sent.end_char) if where else (d.start, d.end)
            who = {e.id for m, e in entities.mentions_between(lo, hi)
                   if e.type in ("PERSON", "ORG")}
            event = (said, who, para)
        elif event is not None and d.speaker_entity is not None and \
                d.speaker_entity.id in event[1] and para - event[2] <= EVENT_REACH:
            said = event[0]
        if said is None and settings.fallback_to_published and article.published:
            said = SaidOn(article.published, "day", "published")
        out.append(said)
    return out


def _governing_date(doc: Doc, d: Draft, dates: list[DateExpr]) -> DateExpr | None:
    """A date expression in the statement's sentence, outside its content, attached to the cue
    verb or to a verb above it ("On December 2, they spoke, and Putin said …")."""
    anchor = d.cue_token
    if anchor is None:
        if d.cue is None:
            return None
        span = doc.char_span(d.cue[0], d.cue[1], alignment_mode="expand")
        if span is None:
            return None
        anchor = span.start
    cue_tok = doc[anchor]
    sent = cue_tok.sent
    ancestors = {cue_tok.i} | {t.i for t in cue_tok.ancestors}
    best: tuple[int, DateExpr] | None = None
    for expr in dates:
        if expr.start < sent.start_char or expr.end > sent.end_char or d.covers(expr.start,
                                                                                 expr.end):
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if not any(t.i in ancestors for t in root.ancestors):
            continue
        dist = abs(root.i - anchor)
        if best is None or dist < best[0]:
            best = (dist, expr)
    return best[1] if best else None
