"""Claims: one utterance across the articles that print it — who said it first, who passed
it on, and whether the words changed on the way.

Pure: records in, records out. The caller (a service over the store, the bench, a test)
builds :class:`ClaimStatement`\\ s and :class:`CopyDocument`\\ s and gets back
:class:`Claim`\\ s and :class:`CopyGroup`\\ s:

>>> groups = find_copies(documents)                     # copies and near-copies
>>> claims = cluster_claims(statements, copies=groups)  # one Claim per utterance

* :mod:`.copies`: :func:`find_copies`, shingled MinHash/LSH over the text without furniture;
* :mod:`.text`: words for comparison (quote marks, case, contractions, person and tense,
  name spellings, numbers);
* :mod:`.cluster`: :func:`cluster_claims`, blocking by speaker and date, lexical scoring,
  linking;
* :mod:`.drift`: :func:`drift`, a version's words against the origin's, and the
  changed-meaning flags;
* :mod:`.origin`: :func:`time_order` (the origin first) and :func:`relay_edges`;
* :mod:`.index`: what keeping claims current needs beyond the whole pass (copy band keys,
  copy groups ordered with the whole store's credits, the speaker-changed flag pairwise);
* :mod:`.blocks`: the whole pass's blocks (speakers clustered together, days the
  speaker-changed flag weighs together) and the job that clusters one block.

May import: :mod:`whosaid.model`, :mod:`whosaid.names` (name folding), and datasketch.
Never the NLP (spaCy), the analysis or the corpus; never the store, except
:mod:`.service`: the pass over a store (read → compute → write through
``Store.read()``/``Store.write()``, as :mod:`whosaid.corpus.service` is for the corpus:
``build_claims``, ``update_claims``, ``refresh_claims``). Import it as
``whosaid.claims.service``; this package's names stay free of the store.
"""

from ..model import (
    Claim,
    ClaimStatement,
    ClaimVersion,
    CopyDocument,
    CopyGroup,
    Drift,
    RelayEdge,
)
from .cluster import LINK, WINDOW_DAYS, cluster_claims, day_of, pair_score
from .copies import THRESHOLD as COPY_THRESHOLD
from .copies import find_copies
from .drift import FORM_FLAGS, MEANING_FLAGS, drift
from .origin import relay_edges, time_order
from .text import normalise

__all__ = [
    "COPY_THRESHOLD",
    "Claim",
    "ClaimStatement",
    "ClaimVersion",
    "CopyDocument",
    "CopyGroup",
    "Drift",
    "FORM_FLAGS",
    "LINK",
    "MEANING_FLAGS",
    "RelayEdge",
    "WINDOW_DAYS",
    "cluster_claims",
    "day_of",
    "drift",
    "find_copies",
    "normalise",
    "pair_score",
    "relay_edges",
    "time_order",
]
