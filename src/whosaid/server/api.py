"""The JSON API under ``/api``: articles, statements, entities, claims, positions and events,
analysis and corrections.

Response models make ``/openapi.json`` describe every answer, errors included. Listings are
cursor-paginated: pass a page's ``next_cursor`` as ``cursor`` to get the next page.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Body, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import __version__, usecases
from ..errors import NotFoundError
from ..model import SourceDocument, content_id
from ..positions.timeline import marked, shifts, timelines
from ..store import api_queries, corrections
from ..store import claims as claim_queries
from ..store import corpus as corpus_queries
from ..store import positions as position_queries
from ..store.api_queries import MAX_PAGE
from ..store.filters import StatementFilter
from .deps import Services, services

# ---------------------------------------------------------------------------------------
# Models


class ErrorBody(BaseModel):
    code: str = Field(description="A stable, machine-readable code: not_found, "
                      "invalid_request, unauthorized, forbidden, too_large, csrf_failed, ...")
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (400, "Invalid parameters"),
        (404, "Not found"),
        (413, "Request body too large"),
        (422, "Request does not match the schema"),
        (500, "Internal error (no details are given)"),
        (503, "Database unavailable"),
    )
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = ERRORS | {
    401: {"model": ErrorResponse, "description": "Missing or wrong token"},
    403: {"model": ErrorResponse, "description": "Writes are disabled on this server"},
}


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ContentOut(SpanOut):
    fragments: list[list[int]] = Field(description="[start, end] pairs: the quoted pieces "
                                                   "when the content is interrupted")


class StatementMention(SpanOut):
    entity: str | None = Field(description="the entity's canonical name")
    entity_id: str | None = Field(description="the entity's id within the article")
    title: str | None = Field(description="a role written next to the name")


class CueOut(SpanOut):
    lemma: str


class RelayOut(SpanOut):
    entity: str | None = Field(description="the entity's canonical name")


class SaidOnOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    value: str = Field(description="a TIMEX3 value: 2022-12-02, 2022-12, 2022-W48, ...")
    precision: str
    from_: Literal["text", "published"] = Field(
        alias="from", description="text: an expression in the article (span); published: "
                                  "the publication date stands in")
    span: SpanOut | None


class PositionOut(BaseModel):
    """Where the statement stands on one catalogue issue (``whosaid positions``)."""

    issue: str = Field(description="the issue's id in the catalogue (`whosaid issues list`)")
    stance: str = Field(description="supports, opposes, conditional or neutral")
    holder: StatementMention | None = Field(description="whose position it is")
    reported_by: StatementMention | None = Field(description="the speaker, when the holder "
                                                             "is someone else")
    condition: SpanOut | None
    evidence: SpanOut
    confidence: float


class StatementOut(BaseModel):
    """A statement, in the one statement shape (``analyze --jsonl-out``'s): offsets index
    its article's text; absent parts are null."""

    id: str
    kind: str
    mode: str
    content: ContentOut
    speaker: StatementMention | None
    cue: CueOut | None
    addressee: StatementMention | None
    relays: list[RelayOut] = Field(description="who passed it on, nearest to the speaker first")
    said_on: SaidOnOut | None
    confidence: float
    extractor: str
    positions: list[PositionOut] = Field(default=[], description="its positions on issues")


class ArticleRef(BaseModel):
    id: str
    doc_id: str
    title: str | None
    published: str | None
    site: str | None
    url: str | None


class ListedStatement(StatementOut):
    """A statement listed outside its article: the statement and its ``article``."""

    article: ArticleRef


class StatementPage(BaseModel):
    items: list[ListedStatement]
    next_cursor: str | None


class ArticleSummary(BaseModel):
    id: str
    doc_id: str
    title: str | None
    published: str | None
    language: str
    analyzed: bool
    skip_reason: str | None
    statement_count: int
    site: str | None = None
    url: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None


class AliasCount(BaseModel):
    alias: str
    count: int


class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    title: str | None


class ArticleEntity(BaseModel):
    id: str
    name: str
    type: str
    titles: list[str]
    aliases: list[AliasCount]
    mentions: list[MentionOut]


class DateOut(BaseModel):
    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str


class ArticleDetail(BaseModel):
    id: str
    doc_id: str
    origin: str
    url: str | None
    title: str | None
    published: str | None
    site: str | None
    author: str | None
    language: str
    input_format: str
    text: str
    text_hash: str
    furniture: list[SpanOut]
    analyzed: bool
    skip_reason: str | None
    extractor: str
    analyzed_at: str
    statement_count: int
    statements: list[StatementOut]
    entities: list[ArticleEntity]
    dates: list[DateOut]


class EntitySummary(BaseModel):
    name: str
    types: list[str]
    statements: int = Field(description="statements said")


class EntityList(BaseModel):
    items: list[EntitySummary]


class StatementSample(BaseModel):
    count: int
    recent: list[ListedStatement]


class TalkedTo(BaseModel):
    name: str
    addressed: int = Field(description="statements this entity addressed to them")
    addressed_by: int = Field(description="statements they addressed to this entity")


class NameCount(BaseModel):
    name: str
    count: int


class DayCount(BaseModel):
    date: str
    count: int


class CorpusRef(BaseModel):
    id: str
    name: str


class EntityDetail(BaseModel):
    name: str
    types: list[str]
    aliases: list[AliasCount]
    articles: int
    said: StatementSample
    received: StatementSample
    talked_to: list[TalkedTo]
    relayed_by: list[NameCount]
    corpus: list[CorpusRef] = Field(description="the corpus entities holding this entity "
                                                "(empty until `whosaid corpus` has run)")
    per_day: list[DayCount]
    undated: int = Field(description="statements said without a single-day date")


class AnalyzeIn(BaseModel):
    """A document to analyse and store: exactly one of ``text`` and ``html``."""

    text: str | None = Field(default=None, max_length=5_000_000)
    html: str | None = Field(default=None, max_length=5_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None = Field(default=None, max_length=200, description="the outlet")
    doc_id: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_body(self) -> AnalyzeIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text and html")
        if any("\x00" in v for v in self.model_dump().values() if isinstance(v, str)):
            raise ValueError("NUL characters are not allowed")
        return self


class AnalyzeOut(BaseModel):
    article: ArticleSummary
    statements: list[StatementOut]


NO_NUL = r"^[^\x00]*$"  # no database stores NUL characters
Name = Annotated[str, Field(min_length=1, max_length=corrections.MAX_NAME, pattern=NO_NUL)]


class MergeIn(BaseModel):
    source: Name = Field(description="the entity that disappears into target")
    target: Name


class SplitIn(BaseModel):
    entity: Name
    alias: Name
    new_name: Name | None = Field(default=None, description="default: the alias itself")


CORPUS_REWRITTEN = ("ids of the corpus entities the correction rewrote (empty when no corpus "
                    "was built: `whosaid corpus` applies it; empty here, where the corpus "
                    "refresh runs after the response)")
CORPUS_PENDING = ("true while the corpus entities wait for the correction's refresh, which "
                  "runs after this response (about 3 s on the largest entities of a "
                  "20,000-article store); corpus entity reads say `pending` meanwhile")
CLAIMS_PENDING = ("true while the claims of the speakers involved wait for their refresh, "
                  "which runs after this response; claim reads say `pending` meanwhile")


class SpeakerIn(BaseModel):
    speaker: Name = Field(description="the canonical name of the right speaker")
    type: Literal["PERSON", "ORG", "GPE", "NORP"] | None = None


class EntityBrief(BaseModel):
    name: str
    types: list[str]
    aliases: list[str]
    statements: int
    corpus_entities: list[str] = Field(default_factory=list, description=CORPUS_REWRITTEN)
    corpus_pending: bool = Field(default=False, description=CORPUS_PENDING)
    claims_pending: bool = Field(default=False, description=CLAIMS_PENDING)


class SpeakerOut(BaseModel):
    id: str
    content_start: int
    content_end: int
    content_text: str
    speaker_text: str | None
    speaker_name: str | None
    speaker_entity_id: str | None
    corpus_entities: list[str] = Field(default_factory=list, description=CORPUS_REWRITTEN)
    corpus_pending: bool = Field(default=False, description=CORPUS_PENDING)
    claims_pending: bool = Field(default=False, description=CLAIMS_PENDING)


class CorpusAlias(BaseModel):
    alias: str
    count: int


class CorpusEntityOut(BaseModel):
    id: str
    name: str
    type: str
    kb_id: str | None
    kb_name: str | None
    kb_score: float | None
    aliases: list[CorpusAlias]
    titles: list[str]
    mentions: int
    articles: int
    statements: int
    article_ids: list[str]
    statement_ids: list[list[str]] = Field(description="[article_id, statement_id] pairs")


class CorpusEntityList(BaseModel):
    items: list[CorpusEntityOut]
    pending: bool = Field(False, description="an analyst's correction is still being taken "
                                             "into the corpus entities (for a few seconds "
                                             "after it)")


class CorpusArticle(BaseModel):
    id: str
    title: str | None
    doc_id: str | None
    published: str | None


class CorpusEntityDetail(CorpusEntityOut):
    names: list[NameCount] = Field(description="the article entities' names it gathers, "
                                               "with the number of articles of each")
    article_list: list[CorpusArticle] = Field(description="its articles, latest first "
                                                          "(at most 200)")
    recent: list[ListedStatement] = Field(description="its latest statements")
    pending: bool = Field(False, description="an analyst's correction is still being taken "
                                             "into the corpus entities (for a few seconds "
                                             "after it)")


class ClaimSpeaker(BaseModel):
    entity: str | None = Field(description="the speaker's name (the corpus entity's, else the "
                                           "canonical name)")
    entity_id: str | None = Field(description="the speaker's corpus entity id (null without a "
                                              "corpus entity)")


class ClaimOrigin(BaseModel):
    statement_id: str
    doc_id: str | None
    article_id: str
    start: int | None = Field(description="offsets of the content in the article's text")
    end: int | None
    published: str | None
    site: str | None


class DriftOut(BaseModel):
    meaning_changed: bool = Field(description="a meaning flag is set (negation, number, hedge, "
                                              "speaker)")
    flags: list[str] = Field(description="negation_flipped, number_changed, hedge_dropped, "
                                         "hedge_added, speaker_changed, quote_to_paraphrase, "
                                         "paraphrase_to_quote")
    added: list[str] = Field(description="words only this version has")
    dropped: list[str] = Field(description="words only the origin has")
    changed: list[list[str]] = Field(description="[origin's words, this version's words] pairs")


class ClaimContent(BaseModel):
    start: int
    end: int
    text: str


class ClaimVersionOut(BaseModel):
    id: str = Field(description="the statement id")
    doc_id: str
    article_id: str
    published: str | None
    site: str | None
    content: ClaimContent
    relays: list[str] = Field(description="who passed it on, nearest to the speaker first")
    drift: DriftOut


class ClaimOut(BaseModel):
    """One utterance across the articles that print it (``whosaid claims -f jsonl``'s
    shape): the versions in time order, the origin first."""

    id: str
    speaker: ClaimSpeaker
    origin: ClaimOrigin
    statements: list[ClaimVersionOut]
    pending: bool = Field(default=False, description="true while a correction's claims "
                          "refresh has not run: the claim may still change")


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    next_cursor: str | None


class ClaimEdge(BaseModel):
    source: str
    target: str
    kind: Literal["relay", "copy"]
    article_id: str = Field(description="the article that shows the hop")


class ClaimDetail(ClaimOut):
    edges: list[ClaimEdge] = Field(description="the relay graph: speaker → relays → outlets, "
                                               "and copy links between outlets")
    speaker_key: str = Field(description="what the claims pass blocks by")
    meaning_changed: bool
    outlets: list[str] = Field(description="the outlets in the order they printed it")


class AuditEntry(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    target: str
    before: Any
    after: Any


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: int | None


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: int
    writes: bool = Field(description="whether this server accepts writes (has a token)")


# ---------------------------------------------------------------------------------------
# Routes

router = APIRouter(prefix="/api", responses=ERRORS)
Svc = Annotated[Services, Depends(services)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Cursor = Annotated[str | None, Query(max_length=500, description="a previous page's next_cursor")]
DateParam = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY-MM-DD, YYYY-MM or YYYY"),
]
Text = Annotated[str | None, Query(max_length=500)]


@router.get("/health", response_model=Health, tags=["meta"])
def health(svc: Svc) -> dict[str, Any]:
    """Whether the server and its database answer."""
    return {"status": "ok", "version": __version__, "schema_version": svc.store.version(),
            "writes": svc.guard.writes_enabled}


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def list_articles(
    svc: Svc,
    source: Annotated[str | None, Query(max_length=200, description="outlet (site) contains")
                      ] = None,
    since: DateParam = None,
    until: DateParam = None,
    sort: Literal["-published", "published"] = "-published",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Articles, newest first, filtered by outlet and publication date."""
    items, nxt = api_queries.article_page(svc.store, source=source, since=since, until=until,
                                          sort=sort, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": nxt}


@router.get("/articles/{ref}", response_model=ArticleDetail, tags=["articles"])
def get_article(svc: Svc, ref: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One article (by id, unique id prefix or document id) with its statements."""
    return svc.store.article(ref)


@router.get("/statements", response_model=StatementPage, tags=["statements"])
def list_statements(
    svc: Svc,
    q: Annotated[str | None, Query(max_length=500, description="words in the content")] = None,
    speaker: Annotated[str | None, Query(
        max_length=200, description="a canonical name; when no entity has exactly this name, "
        "every entity any of whose aliases contains the text (case-insensitive)")] = None,
    speaker_contains: Annotated[bool, Query(
        description="match speaker as a case-insensitive substring of the speaker's name, "
                    "of any alias or of the mention")] = False,
    addressee: Annotated[str | None, Query(max_length=200, description="a name, as speaker")
                         ] = None,
    relay: Annotated[str | None, Query(max_length=200, description="who relayed it: a name, "
                                                                   "as speaker")] = None,
    kind: Literal["direct", "indirect", "mixed"] | None = None,
    since: DateParam = None,
    until: DateParam = None,
    article: Annotated[str | None, Query(
        max_length=200, description="article id, unique id prefix or document id")] = None,
    min_confidence: Annotated[float | None, Query(
        ge=0.0, le=1.0, description="statements at or above this confidence (the estimated "
        "chance that content and speaker are right)")] = None,
    sort: Literal["-said_on", "said_on", "-published", "published"] = "-said_on",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Statements matching every filter given (as ``whosaid statements`` filters them);
    names match a canonical name or, failing that, any alias containing the text."""
    f = StatementFilter(q=q, speaker=speaker, speaker_contains=speaker_contains,
                        addressee=addressee, relay=relay, kind=kind, since=since, until=until,
                        article=article, min_confidence=min_confidence)
    items, nxt = api_queries.statement_page(svc.store, f, sort=sort, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": nxt}


@router.get("/entities", response_model=EntityList, tags=["entities"])
def list_entities(svc: Svc, q: Text = None, limit: Limit = 50) -> dict[str, Any]:
    """Entities whose name or any alias contains ``q``; without it, those who said most."""
    return {"items": api_queries.entity_search(svc.store, q, limit)}


@router.get("/corpus-entities", response_model=CorpusEntityList, tags=["entities"])
def list_corpus_entities(
    svc: Svc, q: Text = None, limit: Limit = 50,
    members: Annotated[bool, Query(description="with each one's article_ids and "
                                               "statement_ids (empty lists when false, the "
                                               "default)")] = False,
) -> dict[str, Any]:
    """Corpus entities (built by ``whosaid corpus``, kept in step with analyses and
    corrections) whose name or any alias contains ``q``, most mentioned first; with
    ``members=true``, with their articles and statements (as ``whosaid corpus-entities
    --members``: 20 of them matching "Clint" carry 30,000 ids and took 0.8 s on the
    20,000-article store)."""
    pending = corpus_queries.corrections_pending(svc.store)  # first: never a false "no"
    rows = corpus_queries.corpus_entities_rows(svc.store, q, limit, members=members)
    if not members:
        rows = [r | {"article_ids": [], "statement_ids": []} for r in rows]
    return {"items": rows, "pending": pending}


@router.get("/corpus-entities/{entity_id}", response_model=CorpusEntityDetail,
            tags=["entities"])
def corpus_entity(
    svc: Svc, entity_id: Annotated[str, Path(max_length=200)],
    members: Annotated[bool, Query(description="with its article_ids and statement_ids "
                                               "(empty lists when false, the default)")
                       ] = False,
) -> dict[str, Any]:
    """One corpus entity by id: its names, aliases, articles and latest statements; with
    ``members=true`` every article and statement id too (Donald Trump's 16,293 and 13,035 on
    the 20,000-article store: 0.8 MB)."""
    pending = corpus_queries.corrections_pending(svc.store)  # first: never a false "no"
    row = corpus_queries.corpus_detail(svc.store, entity_id, members=members)
    row["pending"] = pending
    return row if members else row | {"article_ids": [], "statement_ids": []}


@router.get("/claims", response_model=ClaimPage, tags=["claims"])
def list_claims(
    svc: Svc,
    q: Annotated[str | None, Query(max_length=500, description="words in any of its "
                                                               "statements")] = None,
    speaker: Annotated[str | None, Query(
        max_length=200, description="a canonical name, resolved as for /api/statements")] = None,
    since: DateParam = None,
    until: DateParam = None,
    sort: Literal["-published", "published"] = "-published",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Claims (as ``whosaid claims`` lists them): ``speaker`` and ``q`` match any of a
    claim's statements; ``since``/``until`` bound its first publication."""
    f = StatementFilter(q=q, speaker=speaker, since=since, until=until)
    items, nxt = claim_queries.claim_page(svc.store, f, sort=sort, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": nxt}


@router.get("/claims/{ref}", response_model=ClaimDetail, tags=["claims"])
def get_claim(svc: Svc, ref: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One claim by id, by the id of any of its statements, or by a unique prefix: its
    versions with their drift, and its relay graph."""
    return claim_queries.claim_detail(svc.store, ref)


@router.post("/entities/merge", response_model=EntityBrief, responses=WRITE_ERRORS,
             tags=["corrections"])
async def merge(request: Request, svc: Svc, body: Annotated[MergeIn, Body()],
                background: BackgroundTasks) -> dict[str, Any]:
    """Merge entity ``source`` into ``target`` (token required; audited; kept on
    re-analysis)."""
    actor = svc.guard.api_actor(request)
    return svc.after_correction(await svc.apart(lambda: usecases.merge_entities(
        svc.store, body.source, body.target, actor, refresh_later=True)), background)


@router.post("/entities/split", response_model=EntityBrief, responses=WRITE_ERRORS,
             tags=["corrections"])
async def split(request: Request, svc: Svc, body: Annotated[SplitIn, Body()],
                background: BackgroundTasks) -> dict[str, Any]:
    """Make the mentions written ``alias`` of ``entity`` a separate entity (token
    required)."""
    actor = svc.guard.api_actor(request)
    return svc.after_correction(await svc.apart(lambda: usecases.split_alias(
        svc.store, body.entity, body.alias, body.new_name, actor, refresh_later=True)),
        background)


@router.get("/entities/{name:path}", response_model=EntityDetail, tags=["entities"])
def get_entity(svc: Svc, name: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One entity by canonical name: aliases, statements said and received, whom it talked
    to, who relayed it, and statements per day."""
    return api_queries.entity_detail(svc.store, name)


@router.post("/articles/{article_id}/statements/{statement_id}/speaker",
             response_model=SpeakerOut, responses=WRITE_ERRORS, tags=["corrections"])
async def correct_speaker(
    request: Request,
    svc: Svc,
    article_id: Annotated[str, Path(max_length=200)],
    statement_id: Annotated[str, Path(max_length=200)],
    body: Annotated[SpeakerIn, Body()],
    background: BackgroundTasks,
) -> dict[str, Any]:
    """Set the speaker of one statement (token required; kept on re-analysis)."""
    actor = svc.guard.api_actor(request)
    return svc.after_correction(await svc.apart(lambda: usecases.fix_speaker(
        svc.store, article_id, statement_id, body.speaker, actor, body.type,
        refresh_later=True)), background)


@router.post("/analyze", response_model=AnalyzeOut, responses=WRITE_ERRORS, tags=["analysis"])
async def analyze(request: Request, svc: Svc, body: Annotated[AnalyzeIn, Body()]
                  ) -> dict[str, Any]:
    """Analyse a posted text or HTML document and store it (token required)."""
    actor = svc.guard.api_actor(request)
    doc = SourceDocument(
        doc_id=body.doc_id or "posted-" + content_id(body.text or body.html or "", size=12),
        origin="api",
        text=body.text,
        html=body.html,
        url=body.url,
        title=body.title,
        published=body.published,
        source=body.source,
    )

    def stored() -> dict[str, Any]:
        analysis = svc.analyse(doc, actor)
        article = svc.store.article(analysis.article.id)
        summary = {k: article[k] for k in ArticleSummary.model_fields}
        return {"article": summary, "statements": article["statements"]}

    return await svc.apart(stored)


@router.get("/audit", response_model=AuditPage, tags=["corrections"])
def audit(
    svc: Svc,
    limit: Limit = 50,
    cursor: Annotated[int | None, Query(ge=1, le=2**31 - 1,
                                        description="a previous page's next_cursor")] = None,
) -> dict[str, Any]:
    """Every write made through the server, newest first."""
    items = corrections.audit_rows(svc.store, limit + 1, cursor)
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": items[-1]["seq"] if more else None}


# ---------------------------------------------------------------------------------------
# Positions and events (``whosaid positions``, ``whosaid events``, ``whosaid issues``)


class IssueOut(BaseModel):
    id: str
    label: str
    keywords: list[str]
    description: str
    positions: int = Field(description="how many stored positions are on it")


class IssueList(BaseModel):
    items: list[IssueOut]


class IssueInfo(BaseModel):
    id: str
    label: str
    keywords: list[str]
    description: str


class HolderOut(BaseModel):
    start: int | None
    end: int | None
    text: str | None
    entity: str | None = Field(description="the article entity's canonical name")
    entity_id: str | None = Field(description="the entity's id within the article")
    key: str | None = Field(description="whose position it is across articles: the corpus "
                                        "entity id, else the canonical name")
    name: str | None = Field(description="the corpus entity's name, else the canonical name")


class ReporterOut(BaseModel):
    start: int | None
    end: int | None
    text: str | None
    entity: str | None = Field(description="the speaker's canonical name")
    entity_id: str | None


class StoredPosition(BaseModel):
    """One stored position, with the statement and article it comes from."""

    statement_id: str
    article: ArticleRef
    issue: str
    stance: str = Field(description="supports, opposes, conditional or neutral")
    confidence: float
    said_on: str | None = Field(description="the statement's said_on value")
    date: str | None = Field(description="the first day said_on stands for (null when it "
                                         "has no calendar date)")
    holder: HolderOut | None = Field(description="whose position it is")
    reported_by: ReporterOut | None = Field(description="the speaker, when the holder is "
                                                        "someone else (a reported position)")
    evidence: SpanOut | None
    condition: SpanOut | None
    shift: str | None = Field(default=None, description="'supports → opposes' where the "
                              "stance differs from the holder's previous dated one")


class MomentArticle(BaseModel):
    id: str | None
    doc_id: str | None
    title: str | None
    published: str | None


class ShiftMoment(BaseModel):
    date: str | None
    stance: str
    statement_id: str
    evidence: SpanOut | None
    article: MomentArticle


class ShiftOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from", description="the stance before")
    to: str = Field(description="the stance after")
    before: ShiftMoment
    after: ShiftMoment


class IssueHolder(BaseModel):
    key: str | None = Field(description="the holder (corpus entity id, else canonical name); "
                                        "null for positions without a holder")
    name: str | None
    positions: list[StoredPosition] = Field(description="in time order, undated last")
    shifts: list[ShiftOut]


class IssueDetail(BaseModel):
    issue: IssueInfo
    holders: list[IssueHolder] = Field(description="most positions first")


class PositionTimeline(BaseModel):
    key: str | None
    name: str | None
    issue: str
    positions: list[StoredPosition]
    shifts: list[ShiftOut]


class PositionTimelines(BaseModel):
    entity: str
    items: list[PositionTimeline] = Field(description="one per holder and issue")


class Participant(BaseModel):
    entity_id: str
    name: str | None
    key: str | None = Field(description="the corpus entity id, else the canonical name")


class EventOut(BaseModel):
    id: str
    type: str = Field(description="call, meeting, talks, speech, visit, interview, "
                                  "briefing, post, ...")
    article: ArticleRef
    date: str | None
    place: str | None
    evidence: SpanOut | None
    participants: list[Participant]
    statement_ids: list[str] = Field(description="the statements made at it")


class EventList(BaseModel):
    items: list[EventOut]


class EventDetail(EventOut):
    statements: list[ListedStatement]


EntityRef = Annotated[str, Query(min_length=1, max_length=200, pattern=NO_NUL,
                                 description="a name (as /api/statements' speaker) or a "
                                             "corpus entity id")]


@router.get("/issues", response_model=IssueList, tags=["positions"])
def list_issues(svc: Svc) -> dict[str, Any]:
    """The issue catalogue, with how many stored positions are on each issue."""
    return {"items": position_queries.issue_rows(svc.store)}


@router.get("/issues/{issue_id}", response_model=IssueDetail, tags=["positions"])
def get_issue(svc: Svc, issue_id: Annotated[str, Path(max_length=200)],
              since: DateParam = None, until: DateParam = None) -> dict[str, Any]:
    """Every actor's positions on one issue over time, with each actor's shifts of stance."""
    found = position_queries.issue_positions(svc.store, issue_id, since, until)
    for h in found["holders"]:
        h["positions"] = marked(h["positions"])
        h["shifts"] = shifts(h["positions"])
    return found


@router.get("/positions", response_model=PositionTimelines, tags=["positions"])
def list_positions(
    svc: Svc,
    entity: EntityRef,
    issue: Annotated[str | None, Query(max_length=200, description="one issue's id")] = None,
    since: DateParam = None,
    until: DateParam = None,
) -> dict[str, Any]:
    """Where an entity stands on each issue over time (as ``whosaid positions``): one
    timeline per holder and issue, with its shifts."""
    if issue is not None and issue not in {i.id for i in svc.store.issues()}:
        raise NotFoundError(f"no issue {issue!r} in the catalogue (GET /api/issues)")
    items = timelines(svc.store.positions(entity, issue, since, until))
    for t in items:
        t["positions"] = marked(t["positions"])
    return {"entity": entity, "items": items}


@router.get("/events", response_model=EventList, tags=["positions"])
def list_events(
    svc: Svc,
    entity: Annotated[str | None, Query(min_length=1, max_length=200, pattern=NO_NUL,
                                        description="those this entity takes part in")
                      ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
) -> dict[str, Any]:
    """Calls, meetings, speeches … in time order (their date, else the article's)."""
    return {"items": svc.store.events(entity, limit)}


@router.get("/events/{event_id}", response_model=EventDetail, tags=["positions"])
def get_event(svc: Svc, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One event (its id or a unique prefix) with the statements made at it."""
    return svc.store.event(event_id)
