"""Use cases: what the command line, the server and the batch runner do, written once.

Each function takes a :class:`~whosaid.store.Store` and the settings, and runs the stages in
order (read → clean → analyse → store → keep the corpus and the claims in step), so the CLI
and the server give the same answers.

May import every layer below it; never :mod:`whosaid.cli` or :mod:`whosaid.server`.
"""

from .analyse import Kept, Summary, analyse_one, keep_corpus_current, keep_current, run_analyze
from .corrections import (
    fix_speaker,
    merge_entities,
    refresh_after_corrections,
    refresh_claims_after,
    split_alias,
)

__all__ = ["Kept", "Summary", "analyse_one", "fix_speaker", "keep_corpus_current",
           "keep_current", "merge_entities", "refresh_after_corrections",
           "refresh_claims_after", "run_analyze", "split_alias"]
