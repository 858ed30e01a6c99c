"""Analysts' corrections: merge two entities, split an alias off, fix a statement's speaker.

Each is one write transaction: the store applies the correction and audits it
(:mod:`whosaid.store.corrections`), then the corpus pass weighs again the corpus entities it
touched (:func:`whosaid.corpus.refresh_corpus`), so a merge of "Olaf Scholes" into "Olaf
Scholz" moves that corpus entity's members at once, and what the claims must weigh again is
noted (:func:`whosaid.claims.service.defer_refresh`). The claims of the speakers involved are
clustered again in a second transaction (:func:`refresh_claims_after`): at once, unless the
caller passes ``claims_later`` and runs it itself (the server: after its response), since on
the largest entities it takes most of the time (the figures of splitting "Sanders" off
"Bernie Sanders" are in :mod:`whosaid.claims.service`). Until it has run, the claim reads
mark every claim ``pending``; a failed refresh is left to the next update (``whosaid
analyze``) or rebuild.

The CLI, the API and the pages all call these functions. Each returns the record after the
correction with ``corpus_entities``, the ids of the corpus entities rewritten (none when no
corpus was built), and ``claims_pending``: whether the claims still wait for their refresh.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection

from ..claims.service import ClaimsUpdate, defer_refresh, refresh_pending
from ..corpus import refresh_corpus
from ..errors import WhosaidError
from ..store import Store
from ..store import corrections as sql

Row = dict[str, Any]
log = logging.getLogger(__name__)


def _finish(conn: Connection, done: sql.Correction, also: tuple[str, str] | None = None) -> Row:
    rewritten = refresh_corpus(conn, done.names, done.keys)
    noted = defer_refresh(conn, names=done.names, statements=[also] if also else (),
                          corpus_ids=rewritten)
    return done.after | {"corpus_entities": rewritten, "claims_pending": noted}


def refresh_claims_after(store: Store) -> ClaimsUpdate | None:
    """Cluster again the claims the corrections made so far left pending, in a write
    transaction of its own; None when it failed (logged: the claims stay marked pending for
    the next update or rebuild, and the corrections themselves are stored)."""
    try:
        return refresh_pending(store)
    except WhosaidError as exc:
        log.warning("claims not refreshed after a correction: %s", exc)
        return None


def _then(store: Store, row: Row, claims_later: bool) -> Row:
    if claims_later or not row["claims_pending"]:
        return row
    return row | {"claims_pending": refresh_claims_after(store) is None}


def merge_entities(store: Store, source: str, target: str, actor: str, *,
                   claims_later: bool = False) -> Row:
    """Merge entity ``source`` into ``target`` everywhere; returns the merged entity."""
    with store.write(f"merge {source!r} into {target!r}") as conn:
        row = _finish(conn, sql.merge_entities(conn, source, target, actor))
    return _then(store, row, claims_later)


def split_alias(store: Store, entity: str, alias: str, new_name: str | None, actor: str, *,
                claims_later: bool = False) -> Row:
    """Make mentions written ``alias`` of ``entity`` a separate entity (``new_name``, by
    default the alias itself); returns the new entity."""
    with store.write(f"split {alias!r} off {entity!r}") as conn:
        row = _finish(conn, sql.split_alias(conn, entity, alias, new_name, actor))
    return _then(store, row, claims_later)


def fix_speaker(store: Store, article_id: str, statement_id: str, speaker: str, actor: str,
                entity_type: str | None = None, *, claims_later: bool = False) -> Row:
    """Set the speaker entity of one statement; returns the statement's new speaker."""
    with store.write(f"correct the speaker of statement {statement_id}") as conn:
        row = _finish(conn, sql.fix_speaker(conn, article_id, statement_id, speaker, actor,
                                            entity_type), (article_id, statement_id))
    return _then(store, row, claims_later)
