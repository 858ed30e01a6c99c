"""The inputs fuzzing found, replayed: every file in ``tests/fuzz/corpus/<target>/`` is one
input of that target of ``fuzz_targets.py`` (a crash, a hang or an offset out of place that
was fixed, or a seed the harness starts from). Each must pass its target's checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fuzz_targets import TARGETS
from fuzzkit import CORPUS, corpus_files

CASES = [(target, path) for target in sorted(TARGETS) for path in corpus_files(target)]


def test_fuzz_corpus_folders_name_targets() -> None:
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()} if CORPUS.is_dir() else set()
    assert folders <= set(TARGETS), f"corpus folders without a target: {folders - set(TARGETS)}"


@pytest.mark.parametrize(("target", "path"), CASES,
                         ids=[f"{t}/{p.name}" for t, p in CASES])
def test_fuzz_corpus_input_passes(target: str, path: Path, analyzer: Any) -> None:
    TARGETS[target](path.read_bytes())
