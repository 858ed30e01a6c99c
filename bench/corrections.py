"""What a split costs on the largest entities (issue 15: corrections stay interactive).

    python bench/corrections.py build/bench-pristine.db [--entity "Bernie Sanders"]
        [--alias Sanders] [--new-name Sanders]

Copies the store to a temporary file (the given one is never written), then in one write
transaction, as :func:`whosaid.usecases.split_alias` does, times the store's split
(:func:`whosaid.store.corrections.split_alias`), the corpus refresh and the claims refresh
separately, and prints the rows the split touched.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from whosaid.claims.service import refresh_claims
from whosaid.corpus import refresh_corpus
from whosaid.store import claims as claim_sql
from whosaid.store import open_store
from whosaid.store.corrections import split_alias


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--entity", default="Bernie Sanders")
    parser.add_argument("--alias", default="Sanders")
    parser.add_argument("--new-name", default="Sanders")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        start = time.perf_counter()
        shutil.copy(args.db, copy)
        print(f"copy of {args.db}: {time.perf_counter() - start:.1f} s", flush=True)
        with open_store(str(copy)) as store, store.write("bench split") as conn:
            start = time.perf_counter()
            done = split_alias(conn, args.entity, args.alias, args.new_name, "bench")
            split_s = time.perf_counter() - start
            print(f"store split      {split_s:8.2f} s", flush=True)
            start = time.perf_counter()
            rewritten = refresh_corpus(conn, done.names, done.keys)
            corpus_s = time.perf_counter() - start
            print(f"corpus refresh   {corpus_s:8.2f} s ({len(rewritten)} corpus entities)",
                  flush=True)
            start = time.perf_counter()
            said = claim_sql.statements_named(conn, done.names)
            refresh_claims(conn, statements=said, corpus_ids=rewritten)
            claims_s = time.perf_counter() - start
        print(f"split {args.alias!r} off {args.entity!r} -> {args.new_name!r}: "
              f"new entity has {done.after.get('statements', 0)} statements, "
              f"{len(done.after.get('aliases', []))} aliases")
        print(f"claims refresh   {claims_s:8.2f} s")
        print(f"total            {split_s + corpus_s + claims_s:8.2f} s")


if __name__ == "__main__":
    main()
