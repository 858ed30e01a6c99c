"""The corpus pass: the entities of every article merged into corpus entities, linked to the
knowledge base, and kept in step as articles come and go.

``cluster`` is the pure clustering (records in, records out; ``cluster_block`` clusters one
block of the corpus alone); ``blocks`` parts the corpus into blocks that never interact;
``constraints`` turns analysts' merges and splits into must/cannot links; ``kb`` reads and
matches the user's knowledge base; the pass over a store reads → clusters → writes through
the store's public API, a block at a time.

May import: :mod:`whosaid.model`, :mod:`whosaid.names`, :mod:`whosaid.store`.
"""

from ..model import CorpusEntity, MemberEntity
from .blocks import Block, BlockPlan, plan_blocks
from .cluster import canonical_name, cluster_block, cluster_members, reassign_ids
from .service import (
    CorpusSummary,
    CorpusUpdate,
    attach_articles,
    build_corpus_entities,
    defer_corpus_refresh,
    keep_corpus,
    plan_corpus,
    refresh_corpus,
    refresh_stale,
    update_corpus,
)

__all__ = [
    "Block",
    "BlockPlan",
    "CorpusEntity",
    "CorpusSummary",
    "CorpusUpdate",
    "MemberEntity",
    "attach_articles",
    "build_corpus_entities",
    "canonical_name",
    "cluster_block",
    "cluster_members",
    "defer_corpus_refresh",
    "keep_corpus",
    "plan_blocks",
    "plan_corpus",
    "reassign_ids",
    "refresh_corpus",
    "refresh_stale",
    "update_corpus",
]
