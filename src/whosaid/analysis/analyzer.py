"""From a cleaned document to an Analysis: nlp → entities → attribution → dates → positions
and events.

The per-document work is pure: the same text and settings give the same records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import multiprocessing
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution import Attributor, cue_record, find_quotes, learned_drafts, said_on
from ..dates import tag_dates
from ..errors import AnalysisError, ModelError, WhosaidError
from ..model import (
    Analysis,
    Article,
    CleanDocument,
    DateExpr,
    Failure,
    Issue,
    KBEntry,
    Mention,
    SaidOn,
    Span,
    Statement,
    article_id_for,
    content_id,
    text_hash,
)
from ..names import extract_entities
from ..nlp import analysis_text, doc_text, load_pipeline
from ..positions import default_catalogue, find_events, find_positions
from ..settings import Settings
from .windows import WINDOW_CHARS, join, window_article, windows

log = logging.getLogger(__name__)


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
    """Analyses cleaned documents with one loaded spaCy pipeline.

    ``issues`` is the catalogue positions are found on; None means the packaged default
    (the store keeps the catalogue a database uses: :mod:`whosaid.usecases` passes it)."""

    def __init__(self, settings: Settings, nlp: Language | None = None,
                 issues: Sequence[Issue] | None = None, kb_roles: Sequence[KBEntry] = ()
                 ) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_pipeline(settings.model, settings.learned)
        self.issues: tuple[Issue, ...] = tuple(default_catalogue() if issues is None
                                               else issues)
        # the knowledge base's role holders (the store's, passed by whosaid.usecases): an
        # input like the catalogue, so one document's analysis stays a function of its inputs
        self.kb_roles: tuple[KBEntry, ...] = tuple(kb_roles)

    def analyze(self, doc: CleanDocument) -> Analysis:
        """One document's records; raises AnalysisError when its analysis fails."""
        result = next(iter(self._analyze_batch([doc])))
        if isinstance(result, Failure):
            raise AnalysisError(result.message)
        return result

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
            jobs = ((one, self.issues, self.kb_roles, batch) for batch in _batches(docs, size))
            for results in pool.imap(_worker_batch, jobs):
                yield from results

    def _safe_batch(self, batch: list[CleanDocument]) -> Iterator[Analysis | Failure]:
        results: list[Analysis | Failure]
        try:
            results = list(self._analyze_batch(batch))
        except ModelError:
            raise  # no document can be analysed: stop with the cause and the fix
        except Exception as exc:  # one bad document must not stop the batch
            if len(batch) == 1:  # it failed alone: no need to try it again
                yield _failure(batch[0], exc)
                return
            results = []  # try them one by one
            for doc in batch:
                try:
                    results.extend(self._analyze_batch([doc]))
                except ModelError:
                    raise
                except Exception as one:
                    results.append(_failure(doc, one))
        yield from results

    def _analyze_batch(self, batch: list[CleanDocument]) -> Iterator[Analysis | Failure]:
        articles = [make_article(d, self.settings) for d in batch]
        todo = [(a, analysis_text(a.text, a.furniture)) for a in articles
                if a.analyzed and len(a.text) <= WINDOW_CHARS]
        parsed = iter(self.nlp.pipe([t for _, t in todo], batch_size=self.settings.batch_size))
        for article in articles:
            if not article.analyzed:
                yield Analysis(article)
                continue
            if len(article.text) > WINDOW_CHARS:  # alone, a window at a time
                try:
                    yield self._analyze_long(article)
                except AnalysisError as exc:  # the budget ran out: the rest of the batch goes on
                    yield Failure(article.origin, str(exc), article.doc_id)
                continue
            parsed_doc = next(parsed)
            try:
                yield analyze_parsed(article, parsed_doc, self.settings, issues=self.issues,
                                     kb_roles=self.kb_roles)
            except WhosaidError:
                raise
            except Exception as exc:
                raise AnalysisError(f"{article.origin}: analysis failed: {exc}") from exc

    def _analyze_long(self, article: Article) -> Analysis:
        """A document longer than a window, a window at a time (:mod:`.windows`), within
        ``settings.doc_timeout`` seconds (checked between windows)."""
        deadline = time.monotonic() + self.settings.doc_timeout
        spans = windows(article.text, WINDOW_CHARS)
        parts: list[tuple[Analysis, int]] = []
        for i, (start, end) in enumerate(spans):
            if time.monotonic() > deadline:
                raise AnalysisError(
                    f"{article.origin}: analysis stopped after {self.settings.doc_timeout:g} s "
                    f"(--doc-timeout) at window {i + 1} of {len(spans)} of a "
                    f"{len(article.text):,}-character document")
            part = window_article(article, start, end, first=i == 0)
            doc = self.nlp(analysis_text(part.text, part.furniture))
            parts.append((analyze_parsed(part, doc, self.settings, offset=start,
                                         issues=self.issues, kb_roles=self.kb_roles), start))
        return join(article, parts)


def _failure(doc: CleanDocument, exc: BaseException) -> Failure:
    log.warning("analysis failed for %s: %s", doc.origin, exc)
    message = str(exc) if isinstance(exc, AnalysisError) else \
        f"{doc.origin}: analysis failed: {exc}"
    return Failure(doc.origin, message, doc.doc_id)


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
def _worker_analyzer(settings: Settings, issues: tuple[Issue, ...],
                     kb_roles: tuple[KBEntry, ...] = ()) -> Analyzer:
    """The Analyzer of a worker process, made on its first batch."""
    return Analyzer(settings, issues=issues, kb_roles=kb_roles)


def _worker_batch(job: tuple[Settings, tuple[Issue, ...], tuple[KBEntry, ...],
                             list[CleanDocument]]) -> list[Analysis | Failure]:
    settings, issues, kb_roles, batch = job
    return list(_worker_analyzer(settings, issues, kb_roles)._safe_batch(batch))


def analyze_parsed(article: Article, doc: Doc, settings: Settings, offset: int = 0,
                   issues: Sequence[Issue] = (), kb_roles: Sequence[KBEntry] = ()) -> Analysis:
    """The records of one article from its parse (``doc.text`` is the analysis text).

    ``offset``: where this text starts in the whole article when it is one window of it
    (statement ids are made from offsets in the whole article; the records' offsets are
    shifted by :func:`.windows.join`, which makes event ids again). ``issues``: the
    catalogue positions are found on (none: no positions)."""
    text = doc_text(doc)
    published = dt.date.fromisoformat(article.published) if article.published else None
    entities = extract_entities(doc, article.id)
    quotes = find_quotes(text)
    drafts = Attributor(doc, entities, quotes, article.title, learned_drafts(doc), kb_roles,
                        article.published, article.furniture).run()
    dates = tag_dates(text, published, mask=[(f.start, f.end) for f in article.furniture])
    said = said_on(doc, drafts, dates, entities,
                   article.published if settings.fallback_to_published else None)
    statements = []
    worded = []  # "Putin has issued statements about recent talks …": a topic is no stance
    for d, when in zip(drafts, said, strict=True):
        if d.confidence < settings.min_confidence:
            continue
        fragments = tuple(f.pair for f in sorted(set(d.fragments)))
        start, end = fragments[0][0], max(e for _, e in fragments)
        sid = content_id("statement", article.id,
                         tuple((s + offset, e + offset) for s, e in fragments),
                         (d.speaker.start + offset, d.speaker.end + offset) if d.speaker
                         else None,
                         (d.cue.start + offset, d.cue.end + offset, d.cue.lemma) if d.cue
                         else None)
        statements.append(Statement(
            id=sid,
            article_id=article.id,
            kind=d.kind,
            content=Span(start, end, article.text[start:end]),
            fragments=fragments,
            speaker=d.speaker_mention and _stored(d.speaker_mention, article.text),
            cue=cue_record(article.text, d),
            addressee=d.addressee_mention and _stored(d.addressee_mention, article.text),
            relays=tuple(_stored(m, article.text) for m in d.relay_mentions),
            said_on=_said_on_stored(when, article.text),
            confidence=d.confidence,
            mode=d.mode,
        ))
        if not d.topic:
            worded.append(statements[-1])
    kept = tuple(dataclasses.replace(e, mentions=tuple(_stored(m, article.text)
                                                       for m in e.mentions))
                 for e in entities.entities)
    stored_dates = tuple(_stored(d, article.text) for d in dates)
    found = tuple(statements)
    positions = find_positions(worded, article.text, kept, issues) if issues else ()
    events = find_events(article, doc, kept, stored_dates, found)
    return Analysis(article, kept, found, stored_dates, positions=positions, events=events)


R = TypeVar("R", Mention, DateExpr, Span)


def _stored(record: R, text: str) -> R:
    """The record with the stored text at its offsets: the analysis text differs from it
    where no-break spaces became spaces and typewriter '' marks one mark (same length), and
    a record's ``text`` is always ``text[start:end]`` of the stored text."""
    if text[record.start : record.end] == record.text:
        return record
    return dataclasses.replace(record, text=text[record.start : record.end])


def _said_on_stored(when: SaidOn | None, text: str) -> SaidOn | None:
    if when is None or when.span is None:
        return when
    return dataclasses.replace(when, span=_stored(when.span, text))
