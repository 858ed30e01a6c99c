"""The pinned evaluation gate: attribution on a fixed sample of PolNeAR dev, scored by the
shared scorer (trafilatura's ``tests/eval_gate.py`` is the model).

The floor sits well below the figure measured on this sample (see the closing notes and
bench/attribution.py), so it only trips on a real regression, not on noise. Without
../shared the gate skips; under ``CI=true`` it fails (see ``shared_data`` in conftest.py).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whosaid.analysis import Analyzer
from whosaid.clean.document import clean_document
from whosaid.model import Analysis, SourceDocument
from whosaid.settings import Settings

SAMPLE = 24  # the first 24 dev articles, in file order
E2E_FLOOR = 0.55  # measured 0.661 on this sample (rules + two-member tagger)


def _scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("whosaid_shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quality_e2e_f1_floor_on_polnear_dev_sample(
        analyzer: Analyzer, shared_data: Callable[[str], Path]) -> None:
    dev = shared_data("data/polnear/dev.jsonl.gz")
    scorer = _scorer(shared_data("bench/attribution/score.py"))
    with gzip.open(dev, "rt", encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()][:SAMPLE]
    settings = Settings()
    docs = [clean_document(SourceDocument(g["id"], g["id"], text=g["text"]), settings)
            for g in gold]
    preds = {}
    for g, result in zip(gold, Analyzer(settings, analyzer.nlp).analyze_many(docs), strict=True):
        assert isinstance(result, Analysis)
        preds[g["id"]] = {"id": g["id"], "statements": [
            {"content": {"start": s.content.start, "end": s.content.end},
             "speaker": None if s.speaker is None else {"start": s.speaker.start,
                                                        "end": s.speaker.end},
             "cue": None if s.cue is None else {"start": s.cue.start, "end": s.cue.end}}
            for s in result.statements]}
    res = scorer.score(gold, preds)
    e2e = res["all"]["e2e"][2]
    assert e2e >= E2E_FLOOR, f"e2e F1 {e2e:.3f} fell below the floor {E2E_FLOOR}"
