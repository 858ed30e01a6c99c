"""Analysts' corrections: merge two entities, split an alias off, fix a statement's speaker.

Each is one write transaction: the store applies the correction and audits it
(:mod:`whosaid.store.corrections`) and notes what the corpus and the claims must weigh again
(:func:`whosaid.corpus.defer_corpus_refresh`, :func:`whosaid.claims.service.defer_refresh`).
Then :func:`refresh_after_corrections` does that weighing, in transactions of its own: the
corpus pass over the corpus entities the correction touched (a merge of "Olaf Scholes" into
"Olaf Scholz" moves that corpus entity's members), then the claims of the speakers involved.
It runs at once, unless the caller passes ``refresh_later`` and runs it itself (the server:
after its response), since on the largest entities it is most of the time: splitting
"Sanders" off "Bernie Sanders" on the 20,000-article bench store, the correction's own
transaction takes about 1.5 CPU-s, the corpus refresh 2.7 and the claims refresh 19
(``bench/corrections.py``). Until they have run, the corpus and claim reads say ``pending``;
a failed refresh is left to the next update (``whosaid analyze``) or rebuild.

The CLI, the API and the pages all call these functions. Each returns the record after the
correction with ``corpus_entities``, the ids of the corpus entities rewritten (none when no
corpus was built, or while the corpus refresh waits), ``corpus_pending`` and
``claims_pending``: whether the corpus and the claims still wait for their refresh.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection

from ..claims.service import ClaimsUpdate, defer_refresh, refresh_pending
from ..corpus import defer_corpus_refresh, refresh_stale
from ..errors import WhosaidError
from ..store import Store
from ..store import corrections as sql
from ..store.corpus import corrections_pending

Row = dict[str, Any]
log = logging.getLogger(__name__)


def _finish(conn: Connection, done: sql.Correction, also: tuple[str, str] | None = None) -> Row:
    corpus = defer_corpus_refresh(conn, done.names, done.keys)
    claims = defer_refresh(conn, names=done.names, statements=[also] if also else ())
    return done.after | {"corpus_entities": [], "corpus_pending": corpus,
                         "claims_pending": claims}


def refresh_corpus_after(store: Store) -> list[str] | None:
    """Weigh again the corpus entities the corrections made so far touched, in a write
    transaction of its own, noting the corpus entities it rewrote for the claims refresh;
    their ids, or None when it failed (logged: the corpus stays marked pending for the next
    update or rebuild, and the corrections themselves are stored)."""
    try:
        if not corrections_pending(store):
            return []
        with store.write("refresh the corpus after corrections") as conn:
            rewritten = refresh_stale(conn)
            if rewritten:
                defer_refresh(conn, corpus_ids=rewritten)
        return rewritten
    except WhosaidError as exc:
        log.warning("corpus not refreshed after a correction: %s", exc)
        return None


def refresh_claims_after(store: Store) -> ClaimsUpdate | None:
    """Cluster again the claims the corrections made so far left pending, in a write
    transaction of its own; None when it failed (logged: the claims stay marked pending for
    the next update or rebuild, and the corrections themselves are stored)."""
    try:
        return refresh_pending(store)
    except WhosaidError as exc:
        log.warning("claims not refreshed after a correction: %s", exc)
        return None


def refresh_after_corrections(store: Store) -> Row:
    """The corpus, then the claims refresh that the corrections left pending (see the
    module's docstring); ``{"corpus_entities", "corpus_pending", "claims_pending"}``."""
    rewritten = refresh_corpus_after(store)
    claims = refresh_claims_after(store) if rewritten is not None else None
    return {"corpus_entities": rewritten or [], "corpus_pending": rewritten is None,
            "claims_pending": claims is None}


def _then(store: Store, row: Row, refresh_later: bool) -> Row:
    if refresh_later or not (row["corpus_pending"] or row["claims_pending"]):
        return row
    return row | refresh_after_corrections(store)


def merge_entities(store: Store, source: str, target: str, actor: str, *,
                   refresh_later: bool = False) -> Row:
    """Merge entity ``source`` into ``target`` everywhere; returns the merged entity."""
    with store.write(f"merge {source!r} into {target!r}") as conn:
        row = _finish(conn, sql.merge_entities(conn, source, target, actor))
    return _then(store, row, refresh_later)


def split_alias(store: Store, entity: str, alias: str, new_name: str | None, actor: str, *,
                refresh_later: bool = False) -> Row:
    """Make mentions written ``alias`` of ``entity`` a separate entity (``new_name``, by
    default the alias itself); returns the new entity."""
    with store.write(f"split {alias!r} off {entity!r}") as conn:
        row = _finish(conn, sql.split_alias(conn, entity, alias, new_name, actor))
    return _then(store, row, refresh_later)


def fix_speaker(store: Store, article_id: str, statement_id: str, speaker: str, actor: str,
                entity_type: str | None = None, *, refresh_later: bool = False) -> Row:
    """Set the speaker entity of one statement; returns the statement's new speaker."""
    with store.write(f"correct the speaker of statement {statement_id}") as conn:
        row = _finish(conn, sql.fix_speaker(conn, article_id, statement_id, speaker, actor,
                                            entity_type), (article_id, statement_id))
    return _then(store, row, refresh_later)
