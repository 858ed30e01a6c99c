"""The user's knowledge base: reading JSONL and CSV, errors that name the line, importing in
one transaction, and linking names to it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from whosaid.corpus.kb import KBEntry, KnowledgeBase, read_kb
from whosaid.errors import InputError, MalformedInputError, MissingInputError
from whosaid.store import corpus as store_corpus
from whosaid.store import open_store

ENTRIES = [
    {"id": "Q567", "name": "Olaf Scholz", "type": "human", "aliases": ["Scholz"],
     "description": "Chancellor of Germany"},
    {"id": "Q7747", "name": "Vladimir Putin", "type": "PERSON",
     "aliases": ["Wladimir Putin", "Putin"]},
    {"id": "Q1", "name": "Institute for the Study of War", "type": "ORG", "aliases": ["ISW"]},
]


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_kb_reads_jsonl(tmp_path: Path) -> None:
    entries = read_kb(write_jsonl(tmp_path / "kb.jsonl", list(ENTRIES)))
    assert entries[0] == KBEntry("Q567", "Olaf Scholz", "PERSON", ("Scholz",),
                                 "Chancellor of Germany")
    assert entries[2].type == "ORG" and entries[2].aliases == ("ISW",)


def test_kb_reads_csv_and_gzip(tmp_path: Path) -> None:
    csv_path = tmp_path / "kb.csv"
    csv_path.write_text("id,name,type,aliases,description\n"
                        "Q567,Olaf Scholz,PERSON,Scholz|Olaf,\n"
                        "\n"
                        'Q1,"Institute for the Study of War",ORG,ISW; I.S.W.,a think tank\n',
                        encoding="utf-8")
    entries = read_kb(csv_path)
    assert [e.aliases for e in entries] == [("Scholz", "Olaf"), ("ISW", "I.S.W.")]
    assert entries[0].description is None and entries[1].description == "a think tank"
    gz = tmp_path / "kb.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": 5, "name": "Joe Biden"}\n'))
    assert read_kb(gz) == [KBEntry("5", "Joe Biden")]


@pytest.mark.parametrize(("lines", "line", "problem"), [
    (['{"id": "a", "name": "A"}', "{not json"], 2, "not valid JSON"),
    (['{"id": "a", "name": "A"}', "", '["a", "A"]'], 3, "expected a JSON object"),
    (['{"name": "A"}'], 1, "missing 'id'"),
    (['{"id": "a", "name": ""}'], 1, "missing 'name'"),
    (['{"id": "a", "name": "A", "aliases": [1, 2]}'], 1, "'aliases' must be a list"),
    (['{"id": "a", "name": "A", "type": 5}'], 1, "'type' must be a string"),
    (['{"id": "a", "name": "A"}', '{"id": "a", "name": "B"}'], 2,
     "duplicate id 'a' (first on line 1)"),
])
def test_kb_malformed_jsonl_line_is_named(tmp_path: Path, lines: list[str], line: int,
                                          problem: str) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError) as info:
        read_kb(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert problem in str(info.value)


@pytest.mark.parametrize(("line", "problem"), [
    ('{"id": true, "name": "A"}', "'id' must be a string or an integer, got boolean"),
    ('{"id": 1.5, "name": "A"}', "'id' must be a string or an integer, got number"),
    ('{"id": "a", "name": ["A"]}', "entry a: 'name' must be a string, got array"),
    ('{"id": "a", "name": "A", "type": {"t": 1}}', "entry a: 'type' must be a string, got "
     "object"),
    ('{"id": "a", "name": "A", "aliases": {"x": 1}}', "entry a: 'aliases' must be a list of "
     "strings or a string, got object"),
    ('{"id": "a", "name": "A", "aliases": ["B", 2]}', "entry a: 'aliases' must be a list of "
     "strings or a string, got array holding number, string"),
    ('{"id": "a", "name": "A", "description": 5}', "entry a: 'description' must be a string, "
     "got number"),
])
def test_kb_field_of_the_wrong_type_is_named_with_its_line(tmp_path: Path, line: str,
                                                           problem: str) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text('{"id": "ok", "name": "Fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError) as info:
        read_kb(path)
    assert str(info.value) == f"{path}:2: {problem}"


def test_kb_reads_through_the_one_jsonl_reader(tmp_path: Path) -> None:
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b'\xef\xbb\xbf{"id": "a", "name": "A"}\n\n{"id": "b", "name": "B"}')
    assert [e.id for e in read_kb(bom)] == ["a", "b"]
    rows = "".join(json.dumps({"id": f"q{i}", "name": f"Name {i}" * 20}) + "\n"
                   for i in range(400))
    data = gzip.compress(rows.encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(MalformedInputError, match=r"cut\.jsonl\.gz: compressed data is "
                       r"corrupt after line \d+"):
        read_kb(cut)


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("id,label\nQ1,x\n", 1, "lacks 'name'"),
    ("id,name,type\nQ1,A,PERSON\nQ2,B,PERSON,extra\n", 3, "4 fields where the header has 3"),
    ("id,name\nQ1,A\n,B\n", 3, "missing 'id'"),
])
def test_kb_malformed_csv_line_is_named(tmp_path: Path, text: str, line: int,
                                        problem: str) -> None:
    path = tmp_path / "kb.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MalformedInputError, match=rf"kb\.csv:{line}: .*{problem}"):
        read_kb(path)


def test_kb_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError):
        read_kb(tmp_path / "absent.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no entries"):
        read_kb(empty)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "a", "name": "A"}\n{"id": "b", "name": "Sch\xf6n"}\n')
    with pytest.raises(MalformedInputError, match=r"latin\.jsonl:2: not UTF-8"):
        read_kb(latin)


def test_kb_import_replaces_by_id_in_one_transaction(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    with open_store(db) as store:
        assert store_corpus.import_kb(store, read_kb(write_jsonl(
            tmp_path / "a.jsonl", list(ENTRIES))), "a.jsonl") == 3
        changed = [{"id": "Q1", "name": "ISW", "type": "ORG"}, {"id": "Q9", "name": "NATO"}]
        assert store_corpus.import_kb(store, read_kb(write_jsonl(
            tmp_path / "b.jsonl", changed)), "b.jsonl") == 4
        with store.read("kb") as conn:
            stored = {e.id: e for e in store_corpus.load_kb(conn)}
        assert stored["Q1"].name == "ISW" and stored["Q1"].aliases == ()
        assert stored["Q7747"].aliases == ("Wladimir Putin", "Putin")
        # a malformed file is refused before anything is written
        bad = tmp_path / "bad.jsonl"
        bad.write_text('{"id": "Q2", "name": "B"}\n{"id": "Q3"}\n', encoding="utf-8")
        with pytest.raises(MalformedInputError, match="bad.jsonl:2"):
            store_corpus.import_kb(store, read_kb(bad), "bad.jsonl")
        assert store_corpus.kb_size(store) == 4
        assert store_corpus.import_kb(store, [KBEntry("Z", "Zelensky")], "z",
                                        replace=True) == 1


def test_kb_links_names(tmp_path: Path) -> None:
    kb = KnowledgeBase(read_kb(write_jsonl(tmp_path / "kb.jsonl", list(ENTRIES))))
    assert kb.link("German Chancellor Olaf Scholes", "PERSON").key == "Q567"
    assert kb.link("W. Putin").key == "Q7747"
    assert kb.link("War Research Institute", "ORG").key == "Q1"
    assert kb.link("Olaf Scholl", "PERSON").key is None
    assert kb.link("ISW", "PERSON").key is None


ROLES = [
    {"id": "Q70", "name": "Sergey Lavrov", "type": "PERSON",
     "roles": [{"title": "foreign minister", "of": "Russia", "from": "2004-03-09", "to": None}]},
    {"id": "Q71", "name": "Igor Ivanov", "type": "PERSON",
     "roles": [{"title": "foreign minister", "of": "Russia", "from": "1998-09-11",
                "to": "2004-03-09"}]},
]


def test_kb_roles_are_read_stored_and_replaced_with_their_entry(tmp_path: Path) -> None:
    entries = read_kb(write_jsonl(tmp_path / "roles.jsonl", [*ENTRIES, *ROLES]))
    lavrov = {e.id: e for e in entries}["Q70"]
    assert [(r.title, r.of, r.start, r.end) for r in lavrov.roles] == \
        [("foreign minister", "Russia", "2004-03-09", None)]
    with open_store(str(tmp_path / "kb.db")) as store:
        store_corpus.import_kb(store, entries, "roles.jsonl")
        assert [e.name for e in store_corpus.kb_role_holders(store)] == \
            ["Sergey Lavrov", "Igor Ivanov"]
        with store.read("kb") as conn:
            assert {e.id: e for e in store_corpus.load_kb(conn)}["Q70"].roles == lavrov.roles
        store_corpus.import_kb(store, [KBEntry("Q70", "Sergey Lavrov")], "again")
        assert [e.id for e in store_corpus.kb_role_holders(store)] == ["Q71"]
        store_corpus.import_kb(store, [KBEntry("Z", "Zelensky")], "z", replace=True)
        assert store_corpus.kb_role_holders(store) == []


@pytest.mark.parametrize(("roles", "problem"), [
    ('"minister"', "entry a: 'roles' must be a list of objects, got string"),
    ('[{"of": "Russia"}]', "entry a: role 1 needs a 'title' (a non-empty string)"),
    ('[{"title": "mayor", "from": "2020-13-01"}]',
     "entry a: role 1: 'from' must be a date YYYY-MM-DD or null, got '2020-13-01'"),
    ('[{"title": "mayor", "from": "2021-01-01", "to": "2020-01-01"}]',
     "entry a: role 1: 'from' 2021-01-01 is after 'to' 2020-01-01"),
])
def test_kb_malformed_role_is_named_with_its_line(tmp_path: Path, roles: str,
                                                  problem: str) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text('{"id": "ok", "name": "Fine"}\n{"id": "a", "name": "A", "roles": '
                    + roles + "}\n", encoding="utf-8")
    with pytest.raises(MalformedInputError) as info:
        read_kb(path)
    assert str(info.value) == f"{path}:2: {problem}"
