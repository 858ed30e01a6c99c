"""The data files shipped in ``whosaid/data``: one loader for all of them.

Rule tables, lexicons and name lists live there as JSON or text, so that a change of rule is
a change of data (trafilatura keeps its XPath tables the same way).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file shipped in ``whosaid/data`` (cached: the files never change)."""
    with resources.files("whosaid").joinpath("data", name).open("r", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@functools.cache
def read_text(name: str) -> str:
    """A text data file shipped in ``whosaid/data``."""
    return resources.files("whosaid").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """The non-empty lines of a text data file that are not ``#`` comments, stripped."""
    return [line.strip() for line in read_text(name).splitlines()
            if line.strip() and not line.startswith("#")]
