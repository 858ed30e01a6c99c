"""What positions and events cost: analysis time with and without them, on the same texts.

    python bench/positions_speed.py ../shared/data/polnear/dev.jsonl.gz [--limit 40] [--rounds 3]

Analyses the texts with the Analyzer (model loaded outside the timing) in rounds, alternating
a run with the positions and events passes and one with both replaced by a function that
finds nothing; prints the best time of each, the added share, and the time of the two passes
alone (timed around their calls in the first kind of run). Times are CPU seconds of this
process (``time.process_time``), so a busy machine (the load average is printed beside them)
slows them less than the wall clock. The target is an addition of at most 15%.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whosaid.analysis import Analyzer
from whosaid.analysis import analyzer as analyzer_module
from whosaid.model import CleanDocument, Failure
from whosaid.settings import Settings


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@contextmanager
def passes(enabled: bool, spent: list[float]) -> Iterator[None]:
    """Run with the real passes (each call's time added to ``spent``) or with none."""
    real_events, real_positions = analyzer_module.find_events, analyzer_module.find_positions

    def timed(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args)
            finally:
                spent.append(time.process_time() - t)
        return run

    if enabled:
        analyzer_module.find_events = timed(real_events)
        analyzer_module.find_positions = timed(real_positions)
    else:
        analyzer_module.find_events = lambda *a: ()
        analyzer_module.find_positions = lambda *a: ()
    try:
        yield
    finally:
        analyzer_module.find_events, analyzer_module.find_positions = real_events, real_positions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    gold = read_jsonl(args.gold)[: args.limit]
    docs = [CleanDocument(g["id"], g["id"], g["text"], "en") for g in gold]
    words = sum(len(d.text.split()) for d in docs)
    analyzer = Analyzer(Settings())
    found = {"positions": 0, "events": 0}
    best = {True: float("inf"), False: float("inf")}
    own: list[float] = []
    for r in range(args.rounds):
        for enabled in (True, False):
            spent: list[float] = []
            with passes(enabled, spent):
                t0 = time.process_time()
                results = list(analyzer.analyze_many(docs))
                took = time.process_time() - t0
            best[enabled] = min(best[enabled], took)
            if enabled:
                own.append(sum(spent))
                if r == 0:
                    for a in results:
                        if not isinstance(a, Failure):
                            found["positions"] += len(a.positions)
                            found["events"] += len(a.events)
    added = best[True] / best[False] - 1
    print(f"{len(docs)} documents, {words:,} words, {len(analyzer.issues)} issues; "
          f"{found['positions']} positions, {found['events']} events")
    print(f"analyse without positions and events: {best[False]:.2f} s "
          f"({words / best[False]:,.0f} words/s), best of {args.rounds}")
    print(f"analyse with positions and events:    {best[True]:.2f} s "
          f"({words / best[True]:,.0f} words/s), best of {args.rounds}")
    print(f"added: {added:+.1%} (the two passes alone: {min(own):.3f} s, "
          f"{min(own) / best[False]:.1%} of the analysis); CPU seconds, load average "
          f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
