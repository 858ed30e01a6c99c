"""Inputs cut into parts (whosaid.io.partition): the parts' documents, read one part at a
time as a worker reads them, are those of one read_inputs pass — ids, origins, failures —
for every format, cut small and large, broken files included."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from test_ingest import ATOM, PAGE, RSS, write_warc
from whosaid.io.ingest import read_inputs
from whosaid.io.partition import Part, partition_inputs, read_task
from whosaid.model import Failure, SourceDocument
from whosaid.settings import Settings

SETTINGS = Settings(max_bytes=4000)


def jsonl_lines(n: int) -> list[str]:
    lines = [json.dumps({"id": f"d{i}", "text": f"Minister {i} said it was fine."})
             for i in range(n)]
    lines[3] = "{not json"  # a bad line is a failure named by its line
    lines[5] = ""  # blank lines are no documents
    lines[7] = json.dumps({"id": "big", "text": "x" * 5000})  # over max_bytes
    return lines


def partitioned(paths: list[Path], size: int) -> list[SourceDocument | Failure]:
    """What the workers read, in task order; a whole-file failure each part met, once."""
    items: list[SourceDocument | Failure] = []
    for task in partition_inputs(paths, SETTINGS, size):
        if isinstance(task, Failure):
            items.append(task)
            continue
        assert sum(p.size for p in task) > 0
        for item in read_task(task, SETTINGS):
            if not (isinstance(item, Failure) and item in items):
                items.append(item)
    return items


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("inputs")
    text = "\n".join(jsonl_lines(23)) + "\n"
    (root / "plain.jsonl").write_text("\ufeff" + text, encoding="utf-8")
    with gzip.open(root / "packed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(text)
    whole = gzip.compress(text.encode())
    (root / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    (root / "news.rss").write_text(RSS, encoding="utf-8")
    (root / "feed.atom").write_text(ATOM, encoding="utf-8")
    (root / "broken.rss").write_text("<rss><channel><title>x</title", encoding="utf-8")
    write_warc(root / "crawl.warc.gz")
    write_warc(root / "plain.warc", compress=False)
    data = (root / "plain.warc").read_bytes()
    (root / "cut.warc").write_bytes(data[:-30])
    pages = root / "pages"
    pages.mkdir()
    for i in range(5):
        (pages / f"p{i}.html").write_text(PAGE, encoding="utf-8")
        (pages / f"t{i}.txt").write_text(f"Story {i}: the mayor said so.", encoding="utf-8")
    (pages / "empty.txt").write_text("", encoding="utf-8")
    return {p.name: p for p in root.iterdir()}


@pytest.mark.parametrize("name", ["plain.jsonl", "packed.jsonl.gz", "cut.jsonl.gz", "news.rss",
                                  "feed.atom", "broken.rss", "crawl.warc.gz", "plain.warc",
                                  "cut.warc", "pages"])
@pytest.mark.parametrize("size", [1, 2, 5, 100])
def test_parts_read_as_one_pass_reads(inputs: dict[str, Path], name: str, size: int) -> None:
    expected = list(read_inputs([inputs[name]], SETTINGS))
    assert partitioned([inputs[name]], size) == expected


def test_plain_jsonl_parts_start_at_their_line(inputs: dict[str, Path]) -> None:
    tasks = [t for t in partition_inputs([inputs["plain.jsonl"]], SETTINGS, 5)]
    parts = [p for t in tasks if not isinstance(t, Failure) for p in t]
    assert [(p.start, p.stop) for p in parts] == [(1, 7), (7, 12), (12, 17), (17, 22),
                                                  (22, None)]
    assert parts[1].offset > 0 and str(parts[0]).endswith("plain.jsonl:1-6")
    assert sum(p.size for p in parts) == 22  # 23 lines, one blank


def test_small_files_go_together_and_a_missing_path_is_a_failure(
        inputs: dict[str, Path], tmp_path: Path) -> None:
    tasks = list(partition_inputs([tmp_path / "nowhere.txt", inputs["pages"]], SETTINGS, 4))
    assert isinstance(tasks[0], Failure) and "nowhere.txt" in tasks[0].message
    sizes = [len(t) for t in tasks[1:] if not isinstance(t, Failure)]
    assert sizes == [4, 4, 3]
    assert all(isinstance(p, Part) for t in tasks[1:] for p in t)
