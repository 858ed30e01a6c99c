"""Coverage-guided fuzzing of whosaid's stages with atheris (libFuzzer for Python), time-bounded.

    python tests/fuzz/atheris_harness.py --seconds 300            # every target, time shared
    python tests/fuzz/atheris_harness.py --seconds 60 dates quotes

Each target of ``fuzz_targets.TARGETS`` runs in a child process for its share of the time,
with whosaid's own modules instrumented. It starts from ``tests/fuzz/corpus/<target>/``
(seeds, and inputs found before) plus inputs drawn from the Hypothesis strategies of
``fuzzkit``; libFuzzer's working corpus is kept in ``build/fuzz/<target>/`` between runs.

An input that breaks a target (an exception other than whosaid's own, an offset out of
place, a run past the time budget) is a finding: the first input of each kind (exception
type and where it was raised) is saved as ``tests/fuzz/corpus/<target>/crash-<hash>``, its
traceback beside the working corpus, and fuzzing goes on. ``test_fuzz_corpus.py`` replays
the corpus in ``make test``, so a finding fails the suite until it is fixed.

Without atheris (it has wheels for CPython on Linux x86-64 only) the same loop runs with a
plain random byte mutator (``--engine mutate``): no coverage, same targets and findings.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "build" / "fuzz"
sys.path.insert(0, str(HERE))

SEEDS_DRAWN = 40  # inputs drawn from the strategies to start a target's working corpus
MAX_LEN = 1 << 16


def _signature(exc: BaseException) -> str:
    """An exception's kind: its type and the innermost frame in whosaid or the targets."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "whosaid" in f.filename or "fuzz" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__}@{where}"


class Recorder:
    """Runs one target on inputs, saving the first input of each kind of finding."""

    def __init__(self, target: str, run: Callable[[bytes], None]) -> None:
        self.target, self.run = target, run
        self.seen: set[str] = set()
        self.runs = 0
        self.findings = 0
        self.out = HERE / "corpus" / target
        self.logs = WORK / target / "findings"

    def __call__(self, data: bytes) -> None:
        self.runs += 1
        try:
            self.run(data)
        except Exception as exc:  # every exception that escapes a target is a finding
            signature = _signature(exc)
            if signature in self.seen:
                return
            self.seen.add(signature)
            self.findings += 1
            name = "crash-" + hashlib.sha1(data).hexdigest()[:12]
            self.out.mkdir(parents=True, exist_ok=True)
            self.logs.mkdir(parents=True, exist_ok=True)
            (self.out / name).write_bytes(data)
            report = "".join(traceback.format_exception(exc))
            (self.logs / f"{name}.txt").write_text(f"{signature}\n{report}", "utf-8")
            print(f"\nFINDING {self.target} {signature} -> {self.out / name}\n{report}",
                  file=sys.stderr, flush=True)


def _seed_corpus(target: str, folder: Path) -> None:
    """Start an empty working corpus with inputs drawn from the Hypothesis strategies."""
    if folder.is_dir() and any(folder.iterdir()):
        return
    folder.mkdir(parents=True, exist_ok=True)
    from fuzz_targets import SEEDS
    from hypothesis.errors import NonInteractiveExampleWarning

    strategy = SEEDS.get(target)
    if strategy is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        for _ in range(SEEDS_DRAWN):
            data = strategy.example()[:MAX_LEN]
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def _instrumented_targets() -> dict[str, Callable[[bytes], None]]:
    import atheris

    with atheris.instrument_imports(include=["whosaid"]):
        from fuzz_targets import TARGETS

        import whosaid.analysis  # noqa: F401  (imported here to be instrumented)
        import whosaid.attribution  # noqa: F401
        import whosaid.clean  # noqa: F401
        import whosaid.dates  # noqa: F401
        import whosaid.io  # noqa: F401
    return TARGETS


def run_atheris(target: str, seconds: int) -> None:
    import atheris

    targets = _instrumented_targets()
    recorder = Recorder(target, targets[target])
    if target == "analysis":
        targets[target](b"\x00\x00Putin said so.")  # load the model before the clock starts
    work = WORK / target / "corpus"
    _seed_corpus(target, work)
    seeds = HERE / "corpus" / target
    seeds.mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], f"-max_total_time={seconds}", f"-max_len={MAX_LEN}", "-timeout=0",
            "-rss_limit_mb=6144", "-print_final_stats=1", str(work), str(seeds)]
    atheris.Setup(argv, recorder)
    atheris.Fuzz()


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """A random byte-level change: flip, insert, delete, duplicate, splice, or a token."""
    tokens = [b'"', "\u201c".encode(), "\u201d".encode(), "\u201e".encode(), "\u00ab".encode(),
              "\u00bb".encode(), b" said ", b" on Friday", b"Dec. 2", b"\n", b"\n\n", b"<p>",
              b"</p>", b"<item>", b"</item>", b"\x00", "\u202e".encode(), b"&#x201c;",
              b"WARC/1.0\r\n", b"{", b"}", b'"text": ', b"\r\n\r\n", b"\xff", b"\x1f\x8b"]
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randint(0, len(out))
        if op == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[at:at] = rng.choice(tokens)
        elif op == 2 and out:
            del out[at : at + rng.randint(1, 16)]
        elif op == 3 and out:
            chunk = out[at : at + rng.randint(1, 64)]
            out[at:at] = chunk * rng.randint(1, 8)
        elif op == 4:
            other = rng.choice(pool)
            s = rng.randint(0, len(other))
            out[at:at] = other[s : s + rng.randint(1, 256)]
        else:
            out = out[:at]
    return bytes(out[:MAX_LEN])


def run_mutate(target: str, seconds: int) -> None:
    from fuzz_targets import TARGETS

    recorder = Recorder(target, TARGETS[target])
    work = WORK / target / "corpus"
    _seed_corpus(target, work)
    pool = [p.read_bytes() for folder in (work, HERE / "corpus" / target)
            if folder.is_dir() for p in sorted(folder.iterdir()) if p.is_file()] or [b""]
    rng = random.Random()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        recorder(mutate(rng.choice(pool), pool, rng))
    print(f"Done {recorder.runs} runs in {seconds} second(s)", file=sys.stderr)


def main() -> int:
    from fuzz_targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help=f"targets (default all): {', '.join(TARGETS)}")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 300)),
                        help="total seconds, shared by the targets (default $FUZZ_SECONDS or 300)")
    parser.add_argument("--engine", choices=["atheris", "mutate"], default=None)
    parser.add_argument("--run", help=argparse.SUPPRESS)  # the child: one target
    args = parser.parse_args()
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            print("atheris is not installed: random byte mutation instead (no coverage)",
                  file=sys.stderr)
            engine = "mutate"
    if args.run:
        (run_atheris if engine == "atheris" else run_mutate)(args.run, args.seconds)
        return 0
    chosen = args.targets or list(TARGETS)
    unknown = [t for t in chosen if t not in TARGETS]
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    share = max(10, args.seconds // len(chosen))
    summary = []
    for target in chosen:
        before = set((HERE / "corpus" / target).glob("crash-*"))
        cmd = [sys.executable, __file__, "--run", target, "--seconds", str(share),
               "--engine", engine]
        print(f"== {target}: {share} s ({engine})", flush=True)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                                  timeout=share + 300)
            log = proc.stderr
        except subprocess.TimeoutExpired as exc:
            log = (exc.stderr or b"").decode("utf-8", "replace") if isinstance(
                exc.stderr, bytes) else (exc.stderr or "")
            log += "\n(the target ran past its time and was stopped)"
        WORK.mkdir(parents=True, exist_ok=True)
        (WORK / f"{target}.log").write_text(log, "utf-8")
        runs = re.findall(r"Done (\d+) runs", log)
        found = sorted(set((HERE / "corpus" / target).glob("crash-*")) - before)
        for line in log.splitlines():
            if line.startswith("FINDING"):
                print("  " + line, flush=True)
        summary.append((target, runs[-1] if runs else "?", len(found)))
    print("\ntarget          inputs  new findings")
    for target, runs_done, n in summary:
        print(f"{target:<15} {runs_done:>6}  {n}")
    return 1 if any(n for *_, n in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
