"""What a local cluster's worker processes start with: imported once, in the forkserver
that ``whosaid analyze --cluster local:N`` starts its workers from
(:func:`whosaid.usecases.cluster.open_cluster`), so each worker is forked with whosaid,
spaCy and Dask imported and the default pipeline loaded, as the ``--workers`` pool's
processes are forked from a process that has them.

Started by spawning, as Dask does by default, each worker imported them itself (2.7 CPU-s
for whosaid and spaCy, 0.7 for Dask) and loaded the model (0.9 CPU-s): about 4.5 CPU-s a
worker before its first article. A worker given another model or ``learned`` setting loads
that one itself (:class:`whosaid.usecases.cluster.AnalyzerPlugin`), as before.
"""

from __future__ import annotations

import contextlib

from ..errors import ModelError
from ..nlp import load_pipeline
from ..settings import Settings
from . import cluster  # noqa: F401  (the module the workers' tasks come from)

_DEFAULT = Settings()
# a model that cannot load is reported by the workers' plugin, worded for the run
with contextlib.suppress(ModelError):
    load_pipeline(_DEFAULT.model, _DEFAULT.learned)

__all__: list[str] = []
