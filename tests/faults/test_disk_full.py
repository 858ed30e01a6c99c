"""A full disk under a running ``whosaid analyze`` on SQLite, for real: the database lives
on a small tmpfs mounted for the test (as root), and a filler file leaves it only a little
free space. Skipped where mounting is not permitted (failing under ``CI=true``, which runs as
root).

Expected: a clear error ("database or disk is full", naming the database), a non-zero exit,
no traceback, every stored article complete; with the filler removed, the next run
completes and the corpus is that of an uninterrupted run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import faultkit as fk
import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
DISK = "4m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs mounted on a fresh folder, unmounted after the test."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    why = None
    if os.geteuid() != 0 or shutil.which("mount") is None:
        why = "needs root to mount a tmpfs"
    else:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(mount)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            why = f"mounting a tmpfs is not permitted here ({done.stderr.strip()})"
    if why:
        if IN_CI:
            pytest.fail(f"disk-full test: {why}", pytrace=False)
        pytest.skip(f"disk-full test: {why}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """A file taking all of ``disk``'s free space but ``leave`` bytes."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


@pytest.mark.slow
@pytest.mark.parametrize(("leave_kib", "saved_before"), [(48, False), (400, False), (48, True)],
                         ids=["first-save", "mid-batch", "corpus-update"])
def test_analyze_on_a_full_disk_stops_cleanly_and_a_rerun_with_space_completes(
        small_disk: Path, tmp_path: Path, analyzer: Any, leave_kib: int, saved_before: bool
) -> None:
    base, everything = fk.corpus_folders(tmp_path)
    reference = str(tmp_path / "reference.db")
    fk.prepare(reference, base, analyzer)
    fk.prepare(reference, everything, analyzer, corpus=False)
    state, corpus = fk.check_consistent(reference), fk.corpus_entities(reference)

    db = str(small_disk / "w.db")
    fk.prepare(db, base, analyzer)  # closed: its write-ahead log is folded in and removed
    if saved_before:  # every article stored, the corpus update still to do
        fk.save_only(db, everything, analyzer)
    filler = _fill(small_disk, leave_kib * 1024)
    done = fk.run(fk.analyze_args(everything, db))
    fk.no_traceback(done.stderr)
    assert done.returncode == 1, f"exit {done.returncode}:\n{done.stderr}"
    assert "error: cannot" in done.stderr and db in done.stderr, done.stderr
    assert "database or disk is full" in done.stderr, done.stderr

    filler.unlink()
    stopped = fk.check_consistent(db)
    assert fk.BASE <= stopped.articles <= len(fk.ARTICLES)
    print(f"\n{leave_kib} KiB free: {stopped}\n{done.stderr}")
    fk.ok(fk.analyze_args(everything, db))
    assert fk.check_consistent(db) == state
    assert fk.corpus_entities(db) == corpus
