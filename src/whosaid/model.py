"""The records whosaid makes: frozen dataclasses, shared by every stage.

Every offset is a Python string index into ``Article.text`` (the stored text), and
``text[start:end]`` is the span's text. For plain-text input the stored text is the input
text as given, so offsets also point into the input.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

# The extractor that made a stored article's records. A store analysed by an older one is
# analysed again by the next run (the articles are not "unchanged"). v2: positions and events,
# roles and lists, the precision pass and calibrated confidence (issues 12 and 14). v3: the
# content bounds pass, topic-only contents, fragments never reversed, relays of outlets'
# sources and datelines, positions' new stance rules, the refitted calibration. v4: content
# bounds at the verb's circumstances, infinitive and "seemed to" speakers, pronoun gender,
# re-reports' credit phrases ("per X", "(via X)", "He said this in an interview with RBC"),
# positions' coordination, condition and topic rules, events' new triggers.
EXTRACTOR_VERSION = "whosaid-rules-v4"

StatementKind = Literal["direct", "indirect", "mixed"]
StatementMode = Literal["speech", "thought", "other"]
DatePrecision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "unknown"]


def content_id(*parts: object, size: int = 16) -> str:
    """A stable id: the first ``size`` hex digits of the SHA-256 of the parts."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


@dataclass(frozen=True)
class Span:
    """A stretch of the stored text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceDocument:
    """One input document as ingest read it, before cleaning.

    Exactly one of ``text`` (plain text, as given) and ``html`` is set.
    """

    doc_id: str  # a file's name without extension, or a JSONL line's ``id``
    origin: str  # where it came from: a path, ``path:line`` or ``path#record``
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    source: str | None = None  # the outlet or site
    author: str | None = None


@dataclass(frozen=True)
class CleanDocument:
    """A document ready for analysis: the text to store and what cleaning found in it.

    ``text`` is what gets stored and what every offset points into. For plain text it is
    the input as given; for HTML it is the extracted article (its title first when the
    body does not already start with it). Page furniture stays in ``text`` and is listed
    in ``furniture``; analysis ignores those spans.
    """

    doc_id: str
    origin: str
    text: str
    language: str  # ISO 639-1 code, or "und" when it cannot be told
    furniture: tuple[Span, ...] = ()
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    input_format: str = "text"  # text | html | jsonl | rss | warc


@dataclass(frozen=True)
class Mention:
    """A mention of an entity in the text (a name, a pronoun, "the spokesman")."""

    start: int
    end: int
    text: str
    entity_id: str | None = None
    entity: str | None = None  # the entity's canonical name
    title: str | None = None  # a role written next to the name: "Kremlin spokesman"


@dataclass(frozen=True)
class Entity:
    """An entity of one article: a canonical name, its aliases and its mentions."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, EVENT, ...
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateExpr:
    """A temporal expression and its TIMEX3-style value ("2022-12-02", "XXXX-12-02", "P3D")."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    precision: DatePrecision = "unknown"


@dataclass(frozen=True)
class Cue:
    """The words that mark a report: "said", "according to", "asked", or a headline colon."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class SaidOn:
    """When a statement was made.

    ``source`` is "text" when an expression in the article dates it (``span`` is that
    expression) and "published" when the article gives no date and the publication date
    stands in for it.
    """

    value: str
    precision: DatePrecision
    source: Literal["text", "published"]
    span: Span | None = None


@dataclass(frozen=True)
class Statement:
    """Who said what, to whom, when, and according to whom."""

    id: str
    article_id: str
    kind: StatementKind
    content: Span  # the envelope of all fragments
    fragments: tuple[tuple[int, int], ...]
    speaker: Mention | None
    cue: Cue | None
    addressee: Mention | None = None
    relays: tuple[Mention, ...] = ()  # nearest first: who passed it on to this article
    said_on: SaidOn | None = None
    confidence: float = 0.5
    mode: StatementMode = "speech"
    extractor: str = EXTRACTOR_VERSION


@dataclass(frozen=True)
class Article:
    """A stored article."""

    id: str
    doc_id: str
    origin: str
    text: str
    text_hash: str
    language: str
    furniture: tuple[Span, ...] = ()
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    input_format: str = "text"
    analyzed: bool = True  # False when skipped (e.g. not English)
    skip_reason: str | None = None


Stance = Literal["supports", "opposes", "conditional", "neutral"]
EventType = Literal["call", "meeting", "talks", "summit", "visit", "interview",
                    "press_conference", "speech", "briefing", "post"]


@dataclass(frozen=True)
class Issue:
    """One issue of the catalogue: "ceasefire", with the words that name it."""

    id: str  # a stable slug: "ceasefire"
    label: str  # "Ceasefire"
    keywords: tuple[str, ...]  # lower-case words and phrases: "truce", "cease-fire"
    description: str = ""


@dataclass(frozen=True)
class Position:
    """Where a holder stands on one issue, as one statement says.

    ``holder`` is the speaker, or — when the statement reports someone else's position
    ("ISW assessed that Putin has little interest in a ceasefire") — that someone, with the
    speaker in ``reported_by``. Offsets point into the article's stored text.
    """

    statement_id: str
    issue: str  # Issue.id
    stance: Stance
    holder: Mention | None  # whose position it is; None when it cannot be told
    evidence: Span  # the words that carry the stance
    confidence: float
    reported_by: Mention | None = None  # the speaker, when the holder is someone else
    condition: Span | None = None  # for "conditional": the condition's words


@dataclass(frozen=True)
class Event:
    """A communication event the text tells of: a call, a meeting, a speech …"""

    id: str  # content hash of article id, type and evidence offsets
    article_id: str
    type: EventType
    evidence: Span
    participants: tuple[str, ...] = ()  # entity ids (the article's entities)
    date: str | None = None  # ISO value as resolved (YYYY-MM-DD, YYYY-MM, …)
    place: str | None = None
    statement_ids: tuple[str, ...] = ()  # statements made at it


@dataclass(frozen=True)
class Analysis:
    """Everything one analysed article yields."""

    article: Article
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    extractor: str = EXTRACTOR_VERSION
    positions: tuple[Position, ...] = ()  # what the statements stand for, on catalogue issues
    events: tuple[Event, ...] = ()  # the calls, meetings and speeches the text tells of


@dataclass(frozen=True)
class Failure:
    """A document that could not be read or analysed; the batch goes on without it."""

    origin: str
    message: str
    doc_id: str | None = None


@dataclass(frozen=True)
class MemberEntity:
    """One article's entity, as the corpus pass reads it from the store."""

    article_id: str
    entity_id: str
    name: str
    type: str
    aliases: Mapping[str, int]  # alias -> mentions written so
    titles: tuple[str, ...] = ()
    mentions: int = 0
    statements: int = 0  # statements it is the speaker of
    co_mentions: tuple[str, ...] = ()  # the names of the article's other entities


@dataclass
class CorpusEntity:
    """Article entities merged across documents."""

    id: str
    name: str
    type: str
    aliases: Counter[str]
    members: list[MemberEntity]
    kb_id: str | None = None
    kb_score: float | None = None

    @property
    def articles(self) -> int:
        return len({m.article_id for m in self.members})

    @property
    def mentions(self) -> int:
        return sum(m.mentions for m in self.members)

    @property
    def statements(self) -> int:
        return sum(m.statements for m in self.members)

    @property
    def titles(self) -> list[str]:
        counts = Counter(t for m in self.members for t in m.titles)
        return [t for t, _ in counts.most_common()]


@dataclass(frozen=True)
class KBEntry:
    """One entity of a knowledge base, with the roles it held ("foreign minister" of
    Russia from 2004-03-09), by which a role description in an article ("the Russian
    foreign minister") names it."""

    id: str
    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    roles: tuple[KBRole, ...] = ()


@dataclass(frozen=True)
class KBRole:
    """A role a knowledge-base entity held: its title, what it is of (a country or body;
    None: not said) and from when to when (ISO dates; None: open)."""

    title: str
    of: str | None = None
    start: str | None = None
    end: str | None = None


def article_id_for(text: str, url: str | None) -> str:
    """An article is the same article when its URL is, or, without one, when its text is."""
    return content_id("url", url) if url else content_id("text", text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data."""
    data: dict[str, Any] = asdict(record)
    return data


__all__ = [
    "EXTRACTOR_VERSION",
    "Analysis",
    "Article",
    "CorpusEntity",
    "KBEntry",
    "MemberEntity",
    "CleanDocument",
    "Cue",
    "DateExpr",
    "Entity",
    "Failure",
    "Mention",
    "SaidOn",
    "SourceDocument",
    "Span",
    "Statement",
    "article_id_for",
    "content_id",
    "text_hash",
    "to_dict",
]


# ---------------------------------------------------------------------------------------
# Claims: the same utterance across articles (``whosaid.claims``)

DriftFlag = Literal[
    "negation_flipped",
    "number_changed",
    "hedge_dropped",
    "hedge_added",
    "speaker_changed",
    "quote_to_paraphrase",
    "paraphrase_to_quote",
]
RelayKind = Literal["relay", "copy"]


@dataclass(frozen=True)
class ClaimStatement:
    """One statement as the claims pass reads it: who said what, where and when it was printed.

    ``speaker_key`` is the speaker's corpus entity id (without a corpus, the speaker's
    canonical name); ``None`` means the speaker is unknown ("a source") and the statement is
    never clustered. ``said_on`` is the statement's TIMEX value ("2022-12-02", "XXXX-12-02")
    or ``None``; ``published`` is the article's publication date (YYYY-MM-DD) or ``None``.
    ``relays`` are the names that passed the words on to this article, from the speaker
    outwards, as attribution gives them ("RIA Novosti reported, citing TASS" → ``("TASS",
    "RIA Novosti")``). ``position`` is the
    statement's order in its article (0 for the first).
    """

    statement_id: str
    article_id: str
    doc_id: str
    speaker_key: str | None
    speaker_name: str | None
    content: str
    kind: StatementKind = "indirect"
    said_on: str | None = None
    published: str | None = None
    site: str | None = None
    relays: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Drift:
    """How one version of a claim differs from the claim's origin.

    ``added`` and ``dropped`` are words (as the version and the origin write them) that only
    one side has; ``changed`` pairs a stretch of the origin with the stretch of the version
    that replaced it. ``flags`` name what changed (see :data:`DriftFlag`): the meaning flags
    (a negation flipped, a number changed, a hedge dropped or added, the words given to
    another speaker) set ``meaning_changed``; the form flags (a quote turned paraphrase or a
    paraphrase turned quote) do not. The origin's own drift is empty.
    """

    meaning_changed: bool = False
    flags: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    changed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ClaimVersion:
    """One printing of a claim: the statement and how its words differ from the origin's."""

    statement: ClaimStatement
    drift: Drift


@dataclass(frozen=True)
class RelayEdge:
    """One hop of a claim's way from the speaker to an article.

    Nodes are names: the speaker's name, a relay as the text names it ("TASS"), an article's
    outlet (its ``site``, or ``"article:<id>"`` when it has none).

    ``kind="relay"``: the article ``article_id`` says the words passed from ``source`` to
    ``target``; its chain is speaker → farthest relay → … → nearest relay → the article's
    outlet ("RIA Novosti reported, citing TASS", on site X: speaker → TASS, TASS → RIA
    Novosti, RIA Novosti → X). ``kind="copy"``: the article ``article_id`` is a copy or
    near-copy of an earlier article of the claim; ``source`` is that original's outlet and
    ``target`` the copy's.
    """

    source: str
    target: str
    kind: RelayKind
    article_id: str


@dataclass(frozen=True)
class Claim:
    """Statements in different articles that report one utterance of one speaker.

    ``id`` is a content hash of the origin's statement id, so a rebuild over the same
    statements gives the same ids. ``origin`` is the first appearance (earliest published;
    ties by relay and copy evidence); ``versions`` are every printing in time order, the
    origin first, each with its drift from the origin; ``edges`` is the relay graph (in-text
    relays and copy links), deduplicated, in a stable order.
    """

    id: str
    speaker_key: str
    speaker_name: str | None
    origin: ClaimStatement
    versions: tuple[ClaimVersion, ...]
    edges: tuple[RelayEdge, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that printed it, each once, in the order they first did."""
        seen: dict[str, None] = {}
        for v in self.versions:
            seen.setdefault(v.statement.site or f"article:{v.statement.article_id}", None)
        return tuple(seen)

    @property
    def meaning_changed(self) -> bool:
        """Whether any version changed the meaning of the origin's words."""
        return any(v.drift.meaning_changed for v in self.versions)


@dataclass(frozen=True)
class CopyDocument:
    """One article as copy detection reads it.

    ``text`` is the article's text without its page furniture; ``cites`` are the outlets
    the article credits (its statements' relays, a "Source: TASS" line), which break ties
    between copies published the same day: an article that credits another's outlet came
    after it.
    """

    article_id: str
    text: str
    published: str | None = None
    site: str | None = None
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class CopyGroup:
    """Articles that are copies or near-copies of one another.

    ``original`` is the article id of the first (earliest published; ties by which credits
    which, then by id); ``members`` are all the group's article ids, the original first,
    then in order of publication.
    """

    original: str
    members: tuple[str, ...]


__all__ += [
    "Claim",
    "ClaimStatement",
    "ClaimVersion",
    "CopyDocument",
    "CopyGroup",
    "Drift",
    "DriftFlag",
    "RelayEdge",
    "RelayKind",
]
