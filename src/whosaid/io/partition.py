"""Inputs cut into small parts where they lie, for analysis on a cluster
(``whosaid analyze --cluster``): a part names a file and a range of its documents — JSONL
lines (with the byte where the first begins), feed items, WARC records — never the
documents themselves, so the client that cuts a 10-million-line file holds only offsets,
and each worker reads its own part (:func:`read_part`).

A part's documents are exactly those :func:`whosaid.io.read_inputs` gives for that range:
the same doc ids (a WARC part walks the records before it for their unique ids), origins
(``FILE:LINE``, ``FILE#N``) and failures. A problem with a whole file (a truncated WARC,
an unreadable feed) is reported by each part that meets it, as the same ``Failure``.

Plain JSONL is cut into as many parts as it takes (a worker seeks to its part); compressed
JSONL, WARC and feeds are read from their beginning up to the part (gzip cannot seek), so
one file is cut into at most ``MAX_SEQUENTIAL_PARTS``: a 50 MB ``.jsonl.gz`` of 10,000
articles is decompressed 32 times in all, about 10 s of CPU beside 20 minutes of analysis.
"""

from __future__ import annotations

import gzip
import math
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from ..errors import InputError
from ..model import Failure, SourceDocument
from ..settings import Settings
from .ingest import Format, count_file, input_files, read_file_part

# Documents per part: a spaCy batch (Settings.batch_size), so a part is one nlp.pipe call
# and the progress bar moves every few seconds.
PART_SIZE = 16
MAX_SEQUENTIAL_PARTS = 64
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Part:
    """One range of one input file: documents ``start`` up to ``stop`` (None: to the end);
    ``offset`` is the byte where line ``start`` of a JSONL file begins (decompressed).
    ``size`` is how many documents it holds, about (for a progress bar)."""

    path: str
    fmt: Format
    start: int = 1
    stop: int | None = None
    offset: int = 0
    size: int = 1

    def __str__(self) -> str:
        if self.fmt in ("text", "html"):
            return self.path
        sep = ":" if self.fmt == "jsonl" else "#"
        end = "end" if self.stop is None else str(self.stop - 1)
        return f"{self.path}{sep}{self.start}-{end}"


# A task: parts of about PART_SIZE documents in all (many small files go together).
Task = tuple[Part, ...]


def partition_inputs(paths: Sequence[str | Path], settings: Settings,
                     size: int = PART_SIZE) -> Iterator[Task | Failure]:
    """The inputs under ``paths`` as tasks of about ``size`` documents, in the order
    :func:`whosaid.io.read_inputs` reads them; a path that cannot be read is a Failure."""
    del settings  # the same signature as read_inputs; parts are cut before any limit applies
    pending: list[Part] = []
    held = 0
    for given in [paths] if isinstance(paths, str | Path) else paths:
        try:
            files = input_files(Path(given))
        except InputError as exc:
            yield Failure(exc.origin, str(exc))
            continue
        for file, fmt in files:
            for part in file_parts(file, fmt, size):
                if part.size >= size:
                    yield (part,)
                    continue
                pending.append(part)
                held += part.size
                if held >= size:
                    yield tuple(pending)
                    pending, held = [], 0
    if pending:
        yield tuple(pending)


def file_parts(path: Path, fmt: Format, size: int = PART_SIZE) -> list[Part]:
    """One file cut into parts of about ``size`` documents; one part for the whole file
    when it cannot be read through (the worker then reports why, as a single run would)."""
    whole = [Part(str(path), fmt)]
    try:
        if fmt == "jsonl":
            return _jsonl_parts(path, size) or whole
        if fmt == "feed":
            return _counted_parts(path, fmt, count_file(path, fmt), size)
        if fmt == "warc":
            return _counted_parts(path, fmt, _warc_records(path), size)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return whole
    return whole


def _counted_parts(path: Path, fmt: Format, total: int, size: int) -> list[Part]:
    """Feed items or WARC records by number, from an estimate of how many there are; the
    last part runs to the end, so an estimate too low loses nothing."""
    step = max(size, math.ceil(total / MAX_SEQUENTIAL_PARTS))
    starts = list(range(1, total + 1, step)) or [1]
    stops: list[int | None] = [*starts[1:], None]
    return [Part(str(path), fmt, a, b, 0, (b or total + 1) - a) for a, b in zip(starts, stops,
                                                                              strict=True)]


def _warc_records(path: Path) -> int:
    """Records in a WARC file, about (every ``WARC/1.x`` version line; a page quoting one
    counts too, which only makes a part smaller)."""
    with _open(path) as fh:
        return sum(1 for line in fh if line.startswith(b"WARC/1."))


def _jsonl_parts(path: Path, size: int) -> list[Part]:
    """JSONL cut every ``size`` non-blank lines, each part knowing its first line's byte."""
    with path.open("rb") as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
    if compressed:  # every part decompresses from the start: fewer, larger parts
        size = max(size, math.ceil(count_file(path, "jsonl") / MAX_SEQUENTIAL_PARTS))
    starts: list[tuple[int, int]] = []  # (line, byte offset) of each part's first line
    lineno = offset = items = 0
    with _open(path) as fh:
        while True:
            line = fh.readline(_CHUNK)
            if not line:
                break
            at = offset
            offset += len(line)
            while not line.endswith(b"\n"):  # a long line: read on to its end
                more = fh.readline(_CHUNK)
                if not more:
                    break
                offset += len(more)
                line = line[:64] + more[-64:]
            lineno += 1
            if not line.strip():
                continue
            if items % size == 0:
                starts.append((lineno, at))
            items += 1
    parts = []
    for i, (line_no, at) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else None
        held = size if stop is not None else items - size * (len(starts) - 1)
        parts.append(Part(str(path), "jsonl", line_no, stop, at, held))
    return parts


def _open(path: Path) -> BinaryIO:
    with path.open("rb") as raw:
        magic = raw.read(2)
    return cast(BinaryIO, gzip.open(path, "rb")) if magic == _GZIP_MAGIC else path.open("rb")


def read_part(part: Part, settings: Settings) -> Iterator[SourceDocument | Failure]:
    """The documents of one part (on a worker), as :func:`whosaid.io.read_inputs` gives
    them for that range."""
    yield from read_file_part(Path(part.path), part.fmt, settings, part.start, part.stop,
                              part.offset)


def read_task(task: Task, settings: Settings) -> Iterator[SourceDocument | Failure]:
    """The documents of every part of a task, in order."""
    for part in task:
        yield from read_part(part, settings)


__all__ = ["MAX_SEQUENTIAL_PARTS", "PART_SIZE", "Part", "Task", "file_parts",
           "partition_inputs", "read_part", "read_task"]
