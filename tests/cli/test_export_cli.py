"""``whosaid export`` through the real CLI on a small store (the claims kit's articles, one in
January, one undated, a positions row): Parquet read back with pyarrow, JSONL that parses,
CSV with a header, month partitions, and clear errors for a bad format, an unknown table
and a folder that cannot be written."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Boolean, Float, Integer, insert
from typer.testing import CliRunner

from claimstorekit import article, articles
from whosaid.claims.service import build_claims
from whosaid.cli import app
from whosaid.corpus import build_corpus_entities
from whosaid.store import Store, open_store, schema
from whosaid.usecases.export import export_store

JANUARY = article("b1", "2023-01-05", "tass.com", [
    ("Dmitry Peskov", "There is nothing new to say about the prisoner swap", ("TASS",),
     "indirect")])
MONTHS = {"month=2022-12", "month=2023-01", "month=__HIVE_DEFAULT_PARTITION__"}


def _run(*args: object, code: int = 0) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def _position_row(store: Store) -> None:
    """One positions row (whatever columns the table has: the positions pass fills it)."""
    value = {Integer: 1, Float: 0.5, Boolean: True}
    row = {c.name: next((v for t, v in value.items() if isinstance(c.type, t)), "x")
           for c in schema.positions.columns}
    row |= {"article_id": "a1", "issue": "ceasefire", "stance": "against"}
    with store.write("add a position") as conn:
        conn.execute(insert(schema.positions), [row])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "w.db")
    with open_store(path) as store:
        for a in [*articles(), JANUARY]:
            store.save(a)
        build_corpus_entities(store)
        build_claims(store)
        _position_row(store)
    return path


@pytest.fixture(scope="module")
def parquet(db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    _run("export", "--db", db, "--out", out, "-q")
    return out


def test_parquet_statements_are_partitioned_by_month_and_read_back(parquet: Path,
                                                                   db: str) -> None:
    assert {p.name for p in (parquet / "statements").iterdir()} == MONTHS
    table = ds.dataset(parquet / "statements", partitioning="hive").to_table()
    rows = table.to_pylist()
    with open_store(db) as store:
        assert table.num_rows == store.counts()["statements"] == 15
    swap = next(r for r in rows if r["article_id"] == "b1")
    assert swap["month"] == "2023-01" and swap["published"] == "2023-01-05"
    assert swap["speaker_name"] == "Dmitry Peskov" and swap["speaker_entity_id"]
    assert swap["speaker_corpus_id"] and swap["speaker_corpus_name"] == "Dmitry Peskov"
    assert swap["claim_id"] and swap["site"] == "tass.com" and swap["doc_id"] == "doc-b1"
    assert [r["text"] for r in json.loads(swap["relays"])] == ["TASS"]
    assert swap["content_text"].startswith("There is nothing new")
    assert swap["content_end"] - swap["content_start"] == len(swap["content_text"])
    assert {"kind", "cue_text", "addressee_name", "said_on", "confidence", "url"} <= set(swap)
    assert all(r["month"] is None for r in rows if r["article_id"] == "a6")  # undated
    assert pa.types.is_float64(table.schema.field("confidence").type)


def test_parquet_entities_claims_and_positions(parquet: Path) -> None:
    entities = pq.read_table(parquet / "entities").to_pylist()
    peskov = next(e for e in entities if e["name"] == "Dmitry Peskov")
    assert peskov["type"] == "PERSON" and peskov["statements"] >= 7
    assert json.loads(peskov["aliases"])[0]["alias"] == "Dmitry Peskov"
    claims = ds.dataset(parquet / "claims", partitioning="hive").to_table().to_pylist()
    assert len(claims) >= 7 and {"id", "speaker_name", "versions", "month"} <= set(claims[0])
    positions = ds.dataset(parquet / "positions", partitioning="hive").to_table()
    assert positions.num_rows == 1
    assert {c.name for c in schema.positions.columns} <= set(positions.column_names)
    assert positions.to_pylist()[0]["issue"] == "ceasefire"


def test_jsonl_parses_and_csv_has_a_header(db: str, tmp_path: Path) -> None:
    _run("export", "--db", db, "--out", tmp_path / "j", "--format", "jsonl",
         "--what", "statements,entities")
    assert sorted(p.name for p in (tmp_path / "j").iterdir()) == ["entities", "statements"]
    lines = [json.loads(line) for f in sorted((tmp_path / "j" / "statements").glob("*/*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 15 and all("month" not in r for r in lines)
    assert {r["article_id"] for r in lines} >= {"a1", "a6", "b1"}
    _run("export", "--db", db, "--out", tmp_path / "c", "--format", "csv", "--what", "claims")
    with (tmp_path / "c" / "claims" / "month=2022-12" / "part-0.csv").open(
            encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"id", "speaker_name", "published", "meaning_changed"} <= set(rows[0])
    assert {r["meaning_changed"] for r in rows} <= {"true", "false"}


def test_an_empty_table_is_one_file_with_its_columns(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as store:
        summary = export_store(store, tmp_path / "out", "csv", ["positions"])
    assert summary.rows == {"positions": 0}
    header = (tmp_path / "out" / "positions" / "part-0.csv").read_text(encoding="utf-8")
    assert header.startswith("article_id,statement_id,position,issue,stance")


def test_a_second_export_replaces_the_first(db: str, tmp_path: Path) -> None:
    stale = tmp_path / "statements" / "month=1999-01"
    stale.mkdir(parents=True)
    _run("export", "--db", db, "--out", tmp_path, "--what", "statements")
    assert {p.name for p in (tmp_path / "statements").iterdir()} == MONTHS
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_bad_format_unknown_table_and_unwritable_folder_fail_clearly(db: str,
                                                                     tmp_path: Path) -> None:
    bad = _run("export", "--db", db, "--out", tmp_path, "--format", "xlsx", code=2)
    assert "xlsx" in bad.output
    unknown = _run("export", "--db", db, "--out", tmp_path, "--what", "statements,votes",
                   code=2)
    assert "unknown table 'votes'" in unknown.stderr and "positions" in unknown.stderr
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    failed = _run("export", "--db", db, "--out", blocker / "out", code=1)
    assert "error: cannot write to" in failed.stderr and "file/out" in failed.stderr
    in_the_way = tmp_path / "way"
    (in_the_way / "claims").parent.mkdir()
    (in_the_way / "claims").write_text("x", encoding="utf-8")
    failed = _run("export", "--db", db, "--out", in_the_way, code=1)
    assert "a file is in the way" in failed.stderr
    assert sorted(p.name for p in in_the_way.iterdir()) == ["claims"]  # nothing half-written


@pytest.mark.postgres
def test_postgres_streams_the_same_rows(pg_url: str, parquet: Path, tmp_path: Path) -> None:
    with open_store(pg_url) as store:
        for a in [*articles(), JANUARY]:
            store.save(a)
        build_corpus_entities(store)
        build_claims(store)
        export_store(store, tmp_path, "parquet", ["statements"], chunk=4)
    got = ds.dataset(tmp_path / "statements", partitioning="hive").to_table()
    want = ds.dataset(parquet / "statements", partitioning="hive").to_table()
    key = ("article_id", "statement_id", "speaker_corpus_id", "claim_id", "relays", "month")
    assert sorted(tuple(r[k] for k in key) for r in got.to_pylist()) == \
        sorted(tuple(r[k] for k in key) for r in want.to_pylist())
