"""A run stopped after saving articles (kill -9, Ctrl-C) leaves the corpus behind; the next
run — even one that finds those articles unchanged — brings it up to date. On SQLite and
PostgreSQL, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from whosaid.cli import app
from whosaid.store import corpus as store_corpus
from whosaid.store import open_store

FIRST = "Chancellor Olaf Scholz said on Monday that Germany would send more aid to Ukraine."
LATER = "Kremlin spokesman Dmitry Peskov said on Tuesday that no talks were planned."


def _invoke(*args: object) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def _names(db: str) -> set[str]:
    with open_store(db) as store:
        return {r["name"] for r in store_corpus.corpus_entities_rows(store)}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_rerun_brings_the_corpus_up_to_date_after_a_run_stopped_after_saving(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest, analyze_text: Any
) -> None:
    db = (str(tmp_path / "w.db") if backend == "sqlite"
          else str(request.getfixturevalue("pg_schema_url")))
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    first.write_text(FIRST, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    _invoke("analyze", first, "--db", db, "--published", "2022-12-04", "-q", "--no-show")
    _invoke("corpus", "--db", db)
    assert "Dmitry Peskov" not in _names(db)

    # what a run killed between saving the article and updating the corpus leaves behind
    # (the same analysis `whosaid analyze` would store: same document id, same text)
    stopped = analyze_text(LATER, "2022-12-04")
    stopped = type(stopped)(article=type(stopped.article)(**{
        **stopped.article.__dict__, "doc_id": "later", "origin": str(later)}),
        entities=stopped.entities, statements=stopped.statements, dates=stopped.dates)
    with open_store(db) as store:
        store.save(stopped)
    assert "Dmitry Peskov" not in _names(db)

    rerun = _invoke("analyze", later, "--db", db, "--published", "2022-12-04", "-q",
                    "--no-show")
    assert "1 unchanged" in rerun.stderr or "0 analysed" in rerun.stderr
    assert "Dmitry Peskov" in _names(db)
    with open_store(db) as store, store.read("pending") as conn:
        assert store_corpus.pending_articles(conn) == []
    # the same corpus as a full pass over both
    before = _names(db)
    _invoke("corpus", "--db", db)
    assert _names(db) == before


def test_the_first_analysis_builds_the_corpus_with_every_article_saved_before(
        tmp_path: Path, analyze_text: Any) -> None:
    db = str(tmp_path / "w.db")
    with open_store(db) as store:  # saved through the library: no corpus yet
        store.save(analyze_text(LATER, "2022-12-04"))
        with store.read("pending") as conn:
            assert len(store_corpus.pending_articles(conn)) == 1
    doc = tmp_path / "first.txt"
    doc.write_text(FIRST, encoding="utf-8")
    out = _invoke("analyze", doc, "--db", db, "--published", "2022-12-04", "-q", "--no-show")
    assert "corpus entities updated" in out.stderr
    listed = {r["name"] for r in json.loads(_invoke("corpus-entities", "--db", db, "-f",
                                                      "json").stdout)}
    assert {"Olaf Scholz", "Dmitry Peskov"} <= listed
    with open_store(db) as store, store.read("pending") as conn:
        assert store_corpus.pending_articles(conn) == []
