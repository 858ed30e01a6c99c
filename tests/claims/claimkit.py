"""Hand-built ClaimStatements for the claims tests."""

from __future__ import annotations

from whosaid.model import ClaimStatement, StatementKind


def st(sid: str, content: str, *, article: str | None = None, speaker: str | None = "putin",
       name: str | None = "Vladimir Putin", kind: StatementKind = "direct",
       published: str | None = "2022-12-02", said_on: str | None = None,
       site: str | None = None, relays: tuple[str, ...] = (), position: int = 0
       ) -> ClaimStatement:
    article = article or f"a-{sid}"
    return ClaimStatement(statement_id=sid, article_id=article, doc_id=article,
                          speaker_key=speaker, speaker_name=name, content=content, kind=kind,
                          said_on=said_on, published=published, site=site or f"{article}.com",
                          relays=relays, position=position)
