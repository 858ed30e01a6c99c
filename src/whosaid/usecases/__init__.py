"""Use cases: what the command line, the server and the batch runner do, written once.

Each function takes a :class:`~whosaid.store.Store` and the settings, and runs the stages in
order (read → clean → analyse → store → keep the corpus in step), so the CLI and the server
give the same answers.

May import every layer below it; never :mod:`whosaid.cli` or :mod:`whosaid.server`.
"""

from .analyse import Summary, run_analyze

__all__ = ["Summary", "run_analyze"]
