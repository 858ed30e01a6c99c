"""The commands of whosaid.corpus_cli through the real ``whosaid`` app: dates, kb import,
resolve, corpus and corpus-entities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from whosaid.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "isw-putin-ceasefire.txt"
runner = CliRunner()

KB = [
    {"id": "Q567", "name": "Olaf Scholz", "type": "human", "aliases": ["Scholz"]},
    {"id": "Q7747", "name": "Vladimir Putin", "type": "human"},
    {"id": "Q2", "name": "Institute for the Study of War", "type": "organization",
     "aliases": ["ISW"]},
]


def invoke(*args: object, stdin: str | None = None) -> Any:
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"crashed: {result.exception!r}\n{result.output}"
                             ) from result.exception
    return result


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_corpus_cli_dates_text() -> None:
    result = invoke("dates", "He said on Friday that talks begin next month.",
                    "--published", "2022-12-04", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["text"], r["value"]) for r in rows] == [("Friday", "2022-12-02"),
                                                       ("next month", "2023-01")]
    assert set(rows[0]) == {"start", "end", "text", "type", "value"}
    table = invoke("dates", "on December 2", "--published", "2022-12-04")
    assert "2022-12-02" in table.stdout


def test_corpus_cli_dates_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Yesterday he left.", "published": "2022-12-04"}) + "\n"
        + json.dumps({"id": "b", "text": "On December 2 he left."}) + "\n"
        + "{oops\n"
        + json.dumps({"id": "d", "text": 5}) + "\n", encoding="utf-8")
    result = invoke("dates", "--jsonl", path)
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines == [
        {"id": "a", "dates": [{"start": 0, "end": 9, "text": "Yesterday", "type": "DATE",
                               "value": "2022-12-03"}]},
        {"id": "b", "dates": [{"start": 3, "end": 13, "text": "December 2", "type": "DATE",
                               "value": "XXXX-12-02"}]},
    ]
    assert "docs.jsonl:3: not valid JSON" in result.stderr
    assert "docs.jsonl:4: missing 'text'" in result.stderr
    piped = invoke("dates", "--jsonl", "-", "--published", "2022-12-04",
                   stdin='{"id": 1, "text": "on Friday"}\n')
    assert json.loads(piped.stdout)["dates"][0]["value"] == "2022-12-02"


def test_corpus_cli_dates_needs_one_input() -> None:
    assert invoke("dates").exit_code == 2
    assert invoke("dates", "x", "--jsonl", "y").exit_code == 2
    assert invoke("dates", "x", "--published", "2022-13-45").exit_code == 2


def test_corpus_cli_resolve_with_kb_file(tmp_path: Path) -> None:
    kb = jsonl(tmp_path / "kb.jsonl", KB)
    result = invoke("resolve", "Wladimir Putin", "Olaf Scholl", "--kb", kb, "--type", "PERSON",
                    "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Wladimir Putin,Vladimir Putin,Q7747,PERSON,0.96" in result.stdout.replace("\r", "")
    assert "Olaf Scholl,none,," in result.stdout
    queries = jsonl(tmp_path / "q.jsonl", [
        {"id": "q1", "text": "War Research Institute", "type": "ORG"},
        {"id": "q2", "text": "Kremlin spokesman Dmitry Peskov", "type": "PERSON"},
        {"id": "q3", "text": "Scholz, Olaf"},
    ])
    out = invoke("resolve", "--kb", kb, "--jsonl", queries)
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [(r["id"], r["entity"]) for r in rows] == [("q1", "Q2"), ("q2", None),
                                                      ("q3", "Q567")]
    assert all(set(r) == {"id", "entity", "score"} for r in rows)


def test_corpus_cli_resolve_bad_inputs(tmp_path: Path) -> None:
    bad_kb = tmp_path / "kb.jsonl"
    bad_kb.write_text('{"id": "a", "name": "A"}\n{"id": "b"}\n', encoding="utf-8")
    result = invoke("resolve", "A", "--kb", bad_kb)
    assert result.exit_code == 1 and "kb.jsonl:2" in result.stderr
    assert invoke("resolve", "--kb", bad_kb).exit_code == 2  # neither NAMEs nor --jsonl
    kb = jsonl(tmp_path / "good.jsonl", KB)
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "1", "text": "Putin"}\n[1]\n', encoding="utf-8")
    out = invoke("resolve", "--kb", kb, "--jsonl", queries)
    assert out.exit_code == 1 and "q.jsonl:2: expected a JSON object" in out.stderr
    assert json.loads(out.stdout) == {"id": "1", "entity": "Q7747", "score": 0.88}
    # no knowledge base and no database: every name is none, and the database is not made
    missing = tmp_path / "none.db"
    out = invoke("resolve", "Putin", "--db", missing, "--format", "json")
    assert json.loads(out.stdout)[0]["entity"] is None and not missing.exists()


def test_corpus_cli_corpus_kb_import_and_resolve(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert invoke("analyze", EXAMPLE, "--db", db, "--published", "2022-12-04",
                  "--no-show", "-q").exit_code == 0
    result = invoke("corpus", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.stderr and "no knowledge base" in result.stderr
    # without a knowledge base, names resolve to the corpus entities
    out = invoke("resolve", "Scholes", "War Research Institute", "--db", db, "-f", "json")
    assert [r["entity_name"] for r in json.loads(out.stdout)] == [
        "Olaf Scholz", "Institute for the Study of War"]
    listing = invoke("corpus-entities", "Scholz", "--db", db, "--members", "-f", "json")
    (row,) = json.loads(listing.stdout)
    assert row["name"] == "Olaf Scholz" and row["kb_id"] is None
    assert {"Scholes", "Scholz"} <= {a["alias"] for a in row["aliases"]}
    assert len(row["article_ids"]) == 1 and row["statement_ids"]
    # importing a knowledge base links the corpus entities to it
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nQ1\n", encoding="utf-8")
    failed = invoke("kb", "import", bad, "--db", db)
    assert failed.exit_code == 1 and "bad.csv:2: 1 fields where the header has 2" in failed.stderr
    imported = invoke("kb", "import", jsonl(tmp_path / "kb.jsonl", KB), "--db", db)
    assert imported.exit_code == 0, imported.output
    assert "imported 3 entries" in imported.stderr and "linked" in imported.stderr
    linked = json.loads(invoke("corpus-entities", "--db", db, "-f", "json").stdout)
    by_kb = {r["kb_id"]: r["name"] for r in linked if r["kb_id"]}
    assert by_kb == {"Q567": "Olaf Scholz", "Q7747": "Vladimir Putin",
                     "Q2": "Institute for the Study of War"}
    out = invoke("resolve", "Wladimir Poutine", "--db", db, "-f", "json")
    assert json.loads(out.stdout)[0]["entity"] == "Q7747"
    table = invoke("corpus-entities", "--db", db, "--limit", "3")
    assert table.exit_code == 0 and "3 corpus entities" in table.stdout


TRUMPS = {
    "a1.txt": "Donald Trump Jr. said on Tuesday that the campaign would go on. \"We are not "
              "going anywhere,\" Trump Jr. told reporters in Ohio.\n\nHis father, President "
              "Donald Trump, said later: \"My son is doing a great job.\" Trump added that the "
              "rally would be huge.",
    "a2.txt": "Donald J. Trump Jr. criticised the media on Friday.",
    "a3.txt": "President Donald Trump said on Monday that tariffs would rise. \"China will "
              "pay,\" Trump said at the White House.",
    "a4.txt": "Trump Jr. spoke at a rally in Texas. \"My father will win again,\" Trump Jr. "
              "said.",
    "a5.txt": "Donald Trump Jr. posted a video on Sunday. Trump later deleted the video, saying "
              "it had been misunderstood.",
}


def test_corpus_cli_suffix_names_are_their_own_person(tmp_path: Path) -> None:
    for name, text in TRUMPS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "w.db"
    assert invoke("analyze", *sorted(tmp_path.glob("a*.txt")), "--db", db, "--no-show",
                  "-q").exit_code == 0
    assert invoke("corpus", "--db", db).exit_code == 0
    rows = json.loads(invoke("corpus-entities", "Trump", "--db", db, "--members",
                             "-f", "json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Donald Trump Jr.", "Donald Trump"}
    son, father = by_name["Donald Trump Jr."], by_name["Donald Trump"]
    assert {"Donald J. Trump Jr.", "Trump Jr."} <= {a["alias"] for a in son["aliases"]}
    assert "Donald Trump" not in {a["alias"] for a in son["aliases"]}
    assert son["articles"] == 4 and father["articles"] == 2
    out = invoke("resolve", "Trump Jr.", "Donald Trump", "--db", db, "-f", "json")
    assert [r["entity_name"] for r in json.loads(out.stdout)] == [
        "Donald Trump Jr.", "Donald Trump"]


def test_corpus_cli_corpus_keeps_corrections(tmp_path: Path) -> None:
    from whosaid import usecases
    from whosaid.store import open_store

    db = tmp_path / "w.db"
    assert invoke("analyze", EXAMPLE, "--db", db, "--published", "2022-12-04",
                  "--no-show", "-q").exit_code == 0
    assert invoke("corpus", "--db", db).exit_code == 0
    with open_store(str(db)) as store:
        usecases.split_alias(store, "Olaf Scholz", "Scholes", None, "analyst")
    for _ in range(2):  # re-running the corpus pass keeps the split
        listing = json.loads(invoke("corpus-entities", "Scho", "--db", db, "-f", "json").stdout)
        aliases = {r["name"]: {a["alias"] for a in r["aliases"]} for r in listing}
        assert "Scholes" not in aliases["Olaf Scholz"] and "Scholes" in aliases["Scholes"]
        out = invoke("resolve", "Scholes", "--db", db, "-f", "json")
        assert json.loads(out.stdout)[0]["entity_name"] == "Scholes"
        rerun = invoke("corpus", "--db", db)
        assert rerun.exit_code == 0 and "1 merges and splits made through the server obeyed" \
            in rerun.stderr


def test_corpus_cli_analyze_keeps_corpus_in_step(tmp_path: Path) -> None:
    for name, text in TRUMPS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "z1.txt").write_text(
        "Chancellor Olaf Scholz said on Monday that Germany would send more aid.",
        encoding="utf-8")
    (tmp_path / "z2.txt").write_text(
        "German Chancellor Olaf Scholes told reporters that the talks had failed.",
        encoding="utf-8")
    db = tmp_path / "w.db"
    first = [tmp_path / n for n in ("a1.txt", "a2.txt", "a3.txt", "z1.txt")]
    assert invoke("analyze", *first, "--db", db, "--no-show", "-q").exit_code == 0
    assert invoke("corpus", "--db", db).exit_code == 0

    def corpus() -> dict[str, dict[str, Any]]:
        """Corpus entities by each of their aliases."""
        rows = json.loads(invoke("corpus-entities", "--db", db, "--members", "-f",
                                 "json").stdout)
        return {a["alias"]: r for r in rows for a in r["aliases"]}

    assert corpus()["Trump Jr."]["articles"] == 2
    # new articles join the corpus entities without another `whosaid corpus`: a batch this
    # large a share of the corpus rebuilds it, one article more joins the entities it can
    later = invoke("analyze", tmp_path / "a4.txt", tmp_path / "a5.txt", "--db", db,
                   "--no-show", "-q")
    assert later.exit_code == 0 and "corpus entities updated" in later.stderr, later.stderr
    one_more = invoke("analyze", tmp_path / "z2.txt", "--db", db, "--no-show", "-q")
    assert one_more.exit_code == 0 and "corpus: 1 corpus entity updated" in one_more.stderr
    after = corpus()
    assert after["Trump Jr."]["articles"] == 4 and after["Donald Trump"]["articles"] == 2
    assert after["Trump Jr."]["name"] == "Donald Trump Jr."
    scholz = after["Olaf Scholz"]
    assert {"Olaf Scholes", "Olaf Scholz"} == {a["alias"] for a in scholz["aliases"]}
    assert scholz["name"] == "Olaf Scholz" and len(scholz["article_ids"]) == 2
    # re-analysing an article keeps its memberships
    again = invoke("analyze", tmp_path / "a1.txt", "--db", db, "--no-show", "-q", "--force")
    assert again.exit_code == 0, again.output
    assert corpus() == after
    # what a full pass over all of it gives
    assert invoke("corpus", "--db", db).exit_code == 0
    assert {n: (r["name"], r["articles"], r["mentions"]) for n, r in corpus().items()} == {
        n: (r["name"], r["articles"], r["mentions"]) for n, r in after.items()}


def test_corpus_cli_split_weighs_third_entities_as_a_full_pass(tmp_path: Path) -> None:
    from whosaid import usecases
    from whosaid.store import open_store

    other = tmp_path / "lawyer.txt"
    other.write_text("Jonas Scholes, a lawyer in Hamburg, said on Monday that the case was "
                     "closed. Scholes added that his client would appeal.", encoding="utf-8")
    db = tmp_path / "w.db"
    assert invoke("analyze", EXAMPLE, other, "--db", db, "--published", "2022-12-04",
                  "--no-show", "-q").exit_code == 0
    assert invoke("corpus", "--db", db).exit_code == 0

    def corpus() -> list[tuple[str, list[str]]]:
        rows = json.loads(invoke("corpus-entities", "--db", db, "-f", "json").stdout)
        return sorted((r["name"], sorted(a["alias"] for a in r["aliases"])) for r in rows)

    assert ("Olaf Scholz", ["Olaf Scholz", "Scholes", "Scholz"]) in corpus()
    with open_store(str(db)) as store:
        written = usecases.split_alias(store, "Olaf Scholz", "Scholes", None, "analyst")
    assert written["corpus_entities"]
    partial = corpus()
    assert ("Olaf Scholz", ["Olaf Scholz", "Scholz"]) in partial
    assert invoke("corpus", "--db", db).exit_code == 0
    assert corpus() == partial
