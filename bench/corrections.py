"""What a correction costs on the largest entities (issue 15: corrections stay interactive).

    python bench/corrections.py build/bench-pristine.db [--entity "Bernie Sanders"]
        [--alias Sanders] [--new-name Sanders] [--merge SOURCE]

Copies the store to a temporary file (the given one is never written), then times, as the
server runs them, :func:`whosaid.usecases.split_alias` (or, with ``--merge``,
:func:`whosaid.usecases.merge_entities` of SOURCE into ``--entity``) with ``refresh_later``:
the correction's own write transaction — the store's correction
(:mod:`whosaid.store.corrections`), noting what the corpus and the claims must weigh again,
the commit: what the analyst waits for — and then, each in its transaction of its own, the
corpus refresh (:func:`whosaid.usecases.corrections.refresh_corpus_after`) and the claims
refresh (``refresh_claims_after``), each in wall-clock and CPU seconds, with the load
average (the machine is shared), and prints what the correction touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from whosaid.claims.service import ensure_prefixes
from whosaid.store import open_store
from whosaid.usecases.corrections import (
    merge_entities,
    refresh_claims_after,
    refresh_corpus_after,
    split_alias,
)


class Phase:
    """Wall-clock and CPU seconds of one phase, printed as it ends."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Phase:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu
        print(f"{self.label:<32} {self.wall:8.2f} s  (cpu {self.cpu:7.2f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--entity", default="Bernie Sanders")
    parser.add_argument("--alias", default="Sanders")
    parser.add_argument("--new-name", default="Sanders")
    parser.add_argument("--merge", metavar="SOURCE",
                        help="merge entity SOURCE into --entity instead of a split")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        start = time.perf_counter()
        shutil.copy(args.db, copy)
        print(f"copy of {args.db}: {time.perf_counter() - start:.1f} s", flush=True)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        phases = []
        with open_store(str(copy)) as store, store.write("file prefix keys") as conn, \
                Phase("prefix keys (once)"):
            ensure_prefixes(conn)  # a store whose claims were built before them
        with open_store(str(copy)) as store:
            with Phase("correction (the analyst waits)") as whole:
                done = (merge_entities(store, args.merge, args.entity, "bench",
                                       refresh_later=True)
                        if args.merge else
                        split_alias(store, args.entity, args.alias, args.new_name, "bench",
                                    refresh_later=True))
            phases.append(whole)
            with Phase("corpus refresh (after)") as p:
                refreshed = refresh_corpus_after(store)
            if refreshed is None:
                print("the corpus refresh failed (see the log): the corpus stays pending")
            rewritten = refreshed or []
            phases.append(p)
            with Phase("claims refresh (after)") as p:
                update = refresh_claims_after(store)
            phases.append(p)
            if update is None:
                print("the claims refresh failed (see the log): the claims stay pending")
        claims = len(update.claims) if update is not None else 0
        speakers = update.speakers if update is not None else 0
        what = (f"merge {args.merge!r} into {args.entity!r}" if args.merge
                else f"split {args.alias!r} off {args.entity!r} -> {args.new_name!r}")
        print(f"{what}: entity after has {done.get('statements', 0)} statements, "
              f"{len(done.get('aliases', []))} aliases; {len(rewritten)} corpus "
              f"entities and {claims} claims of {speakers} speakers written")
        print(f"{'total':<32} {sum(p.wall for p in phases):8.2f} s  "
              f"(cpu {sum(p.cpu for p in phases):7.2f} s)")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
