"""Analysts' corrections: merge two entities, split an alias off, fix a statement's speaker.

Each is one write transaction: the store applies the correction and audits it
(:mod:`whosaid.store.corrections`), then the corpus pass weighs again the corpus entities it
touched (:func:`whosaid.corpus.refresh_corpus`), so a merge of "Olaf Scholes" into "Olaf
Scholz" moves that corpus entity's members at once, and the claims of the speakers involved
are clustered again (:func:`whosaid.claims.service.refresh_claims`). The CLI, the API and
the pages all call these functions. Each returns the record after the correction with
``corpus_entities``, the ids of the corpus entities rewritten (none when no corpus was built).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..claims.service import refresh_claims
from ..corpus import refresh_corpus
from ..store import Store
from ..store import corrections as sql

Row = dict[str, Any]


def _finish(conn: Connection, done: sql.Correction, also: tuple[str, str] | None = None) -> Row:
    rewritten = refresh_corpus(conn, done.names, done.keys)
    refresh_claims(conn, names=done.names, statements=[also] if also else (),
                   corpus_ids=rewritten)
    return done.after | {"corpus_entities": rewritten}


def merge_entities(store: Store, source: str, target: str, actor: str) -> Row:
    """Merge entity ``source`` into ``target`` everywhere; returns the merged entity."""
    with store.write(f"merge {source!r} into {target!r}") as conn:
        return _finish(conn, sql.merge_entities(conn, source, target, actor))


def split_alias(store: Store, entity: str, alias: str, new_name: str | None, actor: str) -> Row:
    """Make mentions written ``alias`` of ``entity`` a separate entity (``new_name``, by
    default the alias itself); returns the new entity."""
    with store.write(f"split {alias!r} off {entity!r}") as conn:
        return _finish(conn, sql.split_alias(conn, entity, alias, new_name, actor))


def fix_speaker(store: Store, article_id: str, statement_id: str, speaker: str, actor: str,
                entity_type: str | None = None) -> Row:
    """Set the speaker entity of one statement; returns the statement's new speaker."""
    with store.write(f"correct the speaker of statement {statement_id}") as conn:
        return _finish(conn, sql.fix_speaker(conn, article_id, statement_id, speaker, actor,
                                             entity_type), (article_id, statement_id))
