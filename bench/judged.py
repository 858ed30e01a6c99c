"""Hand-judged precision on general news pages (issue 12, item 6): of a seeded sample of the
statements whosaid finds in 181 real news pages, how many are real statements with the right
speaker, and what the wrong ones are.

    python bench/judged.py                          # the figures from the judgement files
    python bench/judged.py --sample PAGES_DIR --out NEW.jsonl   # draw the first sample again
    python bench/judged.py --sample PAGES_DIR --dump ALL.jsonl --draw N --commit SHA
                                                    # draw N (sampleN.jsonl): 40 statements,
                                                    # seed 11 + N, none of draws 1 to N-1
    python bench/judged.py --pool ALL.jsonl --draw N --commit SHA   # the same from a dump
    python bench/judged.py --recheck ALL.jsonl --draw N --commit SHA [--verdicts V.jsonl]
                                                    # draws 1 to N-1 at draw N's commit
    python bench/judged.py --current PAGES_DIR --dump NOW.jsonl # re-run on the sample's pages
    python bench/judged.py --follow NOW.jsonl       # what became of each sampled statement
    python bench/judged.py --changed NOW.jsonl      # those that differ from the last judging
    python bench/judged.py --rejudge NOW.jsonl --verdicts V.jsonl --commit SHA

``PAGES_DIR`` is ``../shared/data/extraction/news-pages.tar.gz`` unpacked (``html/`` and
``gold.jsonl``). Sampling analyses every page with :func:`whosaid.analyze` (HTML in, the
page's address from ``gold.jsonl``), then draws statements with a fixed seed, at most
``--per-page`` from one page. The judgements (``judgements.jsonl``, one line a sampled
statement: ``real``, ``speaker_right``, ``content_ok``, ``category``, ``note``) were made by
reading each statement's context, not by whosaid; ``bench/data/judged/README.md`` gives the
rules and the commit judged.

Re-judging at a later commit: ``--current`` analyses the sample's pages again and writes all
their statements; ``--follow`` says, for every sampled statement, whether it is the ``same``
(same id and speaker entity), ``changed`` (the nearest statement of its page with at least
half its words) or ``gone``, printing the changed ones in context so that they can be judged
by reading. ``rejudged.jsonl`` holds the result (the same ones keep their judgement; the
changed ones are judged anew; the gone ones leave the count) and its figures are printed
after the original ones.

Later draws (``--draw N``, N from 2: ``sampleN.jsonl``/``judgementsN.jsonl``, 40 statements,
seed 11 + N) leave out every earlier draw's statements, as sampled and as last judged (from
the fourth on also the ids those statements have in the pool drawn from: a content mended
since has a new id), and count them against the per-page cap; so the combined figure counts
each statement once.

Re-checking the earlier draws at a later draw's commit (``--recheck ALL.jsonl --draw N``, N
from 4; N one past the last draw re-checks all the draws at a later commit before a next
draw is made, and its figures are printed last): every statement of draws 1 to N-1, each as
last judged (the re-check made at draw N-1 and that draw's own), is followed into a dump of
all pages at that commit: the ``same`` keep their judgement, the ``gone`` leave the count,
and each ``changed`` one needs a verdict judged by reading (``--verdicts``, keyed by
``draw`` and ``n``; without it they are printed in context and nothing is written). The
result is ``recheck.jsonl`` (N = 4) or ``recheckN.jsonl``; after each draw's own figures,
the earlier draws re-checked and all draws together are printed.

Printed: % real, % real with the right speaker (the issue's figure: at least 90%), % content
ok, the same by confidence band (<0.6, 0.6-0.8, >=0.8) and by kind, the wrong ones by
category, and a list of every wrong one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "judged"
CONTEXT = 150  # characters each side of the content: about 300 of context in all


def bands(confidence: float) -> str:
    """The confidence band a statement falls in."""
    if confidence < 0.6:
        return "<0.6"
    if confidence < 0.8:
        return "0.6-0.8"
    return ">=0.8"


def analyse_pages(pages: Path, only: set[str] | None = None) -> tuple[list[dict[str, Any]],
                                                                       dict[str, str]]:
    """Every statement whosaid finds in the pages (``only``: these page ids), one row each
    (the sample's fields, and ``start``/``end`` of the content), and the pages' addresses."""
    import whosaid

    urls = {}
    for line in (pages / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        urls[row["id"]] = row["url"]
    pool: list[dict[str, Any]] = []
    for path in sorted((pages / "html").glob("*.html")):
        page = path.stem
        if only is not None and page not in only:
            continue
        try:
            analysis = whosaid.analyze(path.read_text(encoding="utf-8", errors="replace"),
                                       html=True, url=urls.get(page), doc_id=page)
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the sample
            print(f"{page}: {exc}")
            continue
        text = analysis.article.text
        for st in analysis.statements:
            sp = st.speaker
            lo, hi = st.content.start, st.content.end
            pool.append({
                "page": page, "url": urls.get(page), "statement": st.id,
                "speaker_mention": sp.text if sp else None,
                "speaker_entity": sp.entity if sp else None,
                "cue": st.cue.text if st.cue else None,
                "content": st.content.text, "kind": st.kind, "mode": st.mode,
                "confidence": round(st.confidence, 3),
                "context": text[max(0, lo - CONTEXT):hi + CONTEXT]
                if hi - lo < 2 * CONTEXT else text[max(0, lo - CONTEXT):lo + 2 * CONTEXT],
                "start": lo, "end": hi,
            })
    return pool, urls


def draw(pages: Path, size: int, per_page: int, seed: int) -> list[dict[str, Any]]:
    """Analyse every page and draw ``size`` statements, no page giving more than ``per_page``."""
    pool, urls = analyse_pages(pages)
    sample = pick(pool, size, per_page, seed)
    print(f"{len(pool)} statements in {len(urls)} pages; sampled {len(sample)} "
          f"from {len({r['page'] for r in sample})} pages")
    return sample


def pick(pool: Sequence[dict[str, Any]], size: int, per_page: int, seed: int,
         skip: frozenset[str] = frozenset(), taken: Counter[str] | None = None
         ) -> list[dict[str, Any]]:
    """Shuffle ``pool`` with ``random.Random(seed)`` and take statements in that order, leaving
    out the ids in ``skip`` and any from a page that already gave ``per_page`` (``taken``
    counts those of an earlier draw), until ``size``."""
    rows = [{k: v for k, v in r.items() if k not in ("start", "end")} for r in pool]
    random.Random(seed).shuffle(rows)
    count: Counter[str] = Counter(taken or {})
    sample = []
    for row in rows:
        if row["statement"] in skip or count[row["page"]] >= per_page:
            continue
        count[row["page"]] += 1
        sample.append(row)
        if len(sample) == size:
            break
    return sample


def first_draw(sample: Sequence[dict[str, Any]], rejudged: Sequence[dict[str, Any]]
               ) -> tuple[frozenset[str], Counter[str]]:
    """What a second draw leaves out: the ids of the first draw's statements, as sampled and
    as last re-judged, and how many of them each page still gives (for the per-page cap)."""
    ids = {r["statement"] for r in sample}
    ids |= {r["now"]["statement"] for r in rejudged if r.get("now")}
    pages = Counter(r["page"] for r in rejudged if r["status"] != "gone") if rejudged else \
        Counter(r["page"] for r in sample)
    return frozenset(ids), pages


def later_draw(skip: frozenset[str], taken: Counter[str], sample: Sequence[dict[str, Any]]
               ) -> tuple[frozenset[str], Counter[str]]:
    """What a later draw leaves out besides the earlier ones': an earlier draw's ids, and
    its statements counted against their pages' cap (the second draw's for the third; the
    second's and the third's for the fourth)."""
    return skip | {r["statement"] for r in sample}, taken + Counter(r["page"] for r in sample)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def follow(sampled: Sequence[dict[str, Any]], current: Sequence[dict[str, Any]]
           ) -> list[dict[str, Any]]:
    """For each sampled statement, what the current run makes of it: ``same`` (the same id
    and speaker entity), ``changed`` (a statement of the same page whose
    content shares at least half its words, or a fifth with the same cue and speaker; the
    nearest one), or ``gone``; with the current statement's fields under ``now``."""
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in current:
        by_page[row["page"]].append(row)
    out: list[dict[str, Any]] = []
    for old in sampled:
        rows = by_page.get(old["page"], [])
        same = [r for r in rows if r["statement"] == old["statement"]]
        if same:
            now = same[0]
            status = "same" if now["speaker_entity"] == old["speaker_entity"] else "changed"
            out.append({"status": status, "now": now})
            continue
        ow = words(old["content"])
        best, best_j = None, 0.0
        for r in rows:
            rw = words(r["content"])
            j = len(ow & rw) / len(ow | rw) if ow | rw else 0.0
            if r["cue"] == old["cue"] and r["speaker_mention"] == old["speaker_mention"] and \
                    j >= 0.2:
                j = max(j, 0.5)
            if j > best_j:
                best, best_j = r, j
        if best is not None and best_j >= 0.5:
            out.append({"status": "changed", "now": best})
        else:
            out.append({"status": "gone", "now": None})
    return out


def wilson(part: int, whole: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson interval of a proportion: 157/220 is 0.65-0.77."""
    if not whole:
        return 0.0, 0.0
    p = part / whole
    mid = (p + z * z / (2 * whole)) / (1 + z * z / whole)
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / (1 + z * z / whole)
    return mid - half, mid + half


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "   - (0/0)"


def report(rows: Sequence[dict[str, Any]]) -> None:
    """Print the figures of a judgement file."""
    def line(label: str, group: Sequence[dict[str, Any]]) -> None:
        real = [r for r in group if r["real"]]
        right = [r for r in real if r["speaker_right"]]
        ok = [r for r in real if r["content_ok"]]
        print(f"  {label:<14} n={len(group):<4} real {pct(len(real), len(group))}  "
              f"real+speaker {pct(len(right), len(group))}  "
              f"content ok (of real) {pct(len(ok), len(real))}")

    print(f"judged statements: {len(rows)}")
    line("all", rows)
    right = sum(1 for r in rows if r["real"] and r["speaker_right"])
    lo, hi = wilson(right, len(rows))
    print(f"  real with the right speaker: 95% interval {100 * lo:.1f}-{100 * hi:.1f}% "
          f"(issue 12 asks for at least 90%)")
    print("by confidence band:")
    by_band: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_band[bands(r["confidence"])].append(r)
    for band in ("<0.6", "0.6-0.8", ">=0.8"):
        line(band, by_band[band])
    print("by kind:")
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
    for kind in sorted(by_kind):
        line(kind, by_kind[kind])
    wrong = [r for r in rows if not (r["real"] and r["speaker_right"])]
    cut = [r for r in rows if r["real"] and r["speaker_right"] and not r["content_ok"]]
    print(f"not a real statement with the right speaker, by category ({len(wrong)}):")
    for cat, n in Counter(r["category"] for r in wrong).most_common():
        print(f"  {cat:<24} {n}")
    print(f"real, right speaker, content not ok, by category ({len(cut)}):")
    for cat, n in Counter(r["category"] for r in cut).most_common():
        print(f"  {cat:<24} {n}")
    print("the wrong ones:")
    for r in [*wrong, *cut]:
        print(f"  [{r['category']}] conf {r['confidence']:.2f} {r['statement']}: "
              f"{r['speaker_mention']!r}/{r['speaker_entity']!r} {r['cue']!r} - {r['note']}")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def print_follow(sampled: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]],
                 followed: Sequence[dict[str, Any]]) -> None:
    """Print what became of each sampled statement that is not the same as judged."""
    print("sampled statements now:", dict(Counter(f["status"] for f in followed)))
    for old, j, f in zip(sampled, judged, followed, strict=True):
        if f["status"] == "same":
            continue
        print(f"\n#{j['n']} {f['status']} (was {j['category']}: {j['note']})")
        print(f"  was {old['confidence']} {old['speaker_mention']!r}/{old['speaker_entity']!r} "
              f"{old['cue']!r} | {old['content']!r}")
        if (now := f["now"]) is not None:
            print(f"  now {now['confidence']} {now['speaker_mention']!r}/"
                  f"{now['speaker_entity']!r} {now['cue']!r} | {now['content']!r}\n"
                  f"  context: {now['context']!r}")


def rejudged_rows(sampled: dict[str, dict[str, Any]], path: Path
                  ) -> tuple[list[dict[str, Any]], Counter[str], str]:
    """The re-judged statements still found (``now`` over the sampled fields, and the new
    judgement), how many were same, changed and gone, and the commit re-judged."""
    rows, status, commit = [], Counter[str](), ""
    for j in read_jsonl(path):
        status[j["status"]] += 1
        commit = j["commit"]
        if j["status"] != "gone":
            rows.append({**sampled[j["statement"]], **j["now"], **j})
    return rows, status, commit


NOW_FIELDS = ("statement", "speaker_mention", "speaker_entity", "cue", "content", "kind",
              "mode", "confidence")
JUDGED_FIELDS = ("real", "speaker_right", "content_ok", "category", "note")


def last_judged(sample: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]],
                rejudged: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each sampled statement as last judged: the re-judged version where it was still
    found, else the sampled one (``status`` "gone" where the re-judging found it gone)."""
    out = []
    for k, (old, j) in enumerate(zip(sample, judged, strict=True)):
        r = rejudged[k] if k < len(rejudged) else None
        if r is not None and r["status"] != "gone":
            out.append({**old, **r["now"], **{f: r[f] for f in JUDGED_FIELDS}, "status": "found"})
        else:
            out.append({**old, **{f: j[f] for f in JUDGED_FIELDS},
                        "status": "gone" if r is not None else "found"})
    return out


def same_words(judged: dict[str, Any], now: dict[str, Any]) -> bool:
    """Whether a statement reads as it did when judged: the same id (content fragments,
    speaker span, cue) and the same speaker mention and entity ("who" that now reads "a
    career Army officer who" keeps its id and needs judging again)."""
    return all(now[k] == judged[k] for k in ("statement", "speaker_mention", "speaker_entity"))


def rejudge(sample: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]],
            rejudged: Sequence[dict[str, Any]], current: Sequence[dict[str, Any]],
            verdicts: dict[int, dict[str, Any]], commit: str) -> list[dict[str, Any]]:
    """The re-judged lines at ``commit``: each sampled statement followed into ``current``
    (:func:`follow`); one that reads as last judged (:func:`same_words`) keeps that
    judgement, any other that is found needs a verdict judged by reading
    (``verdicts``, by line number ``n``; a missing one is an error)."""
    last = last_judged(sample, judged, rejudged)
    out = []
    for k, (prev, f) in enumerate(zip(last, follow(sample, current), strict=True)):
        line: dict[str, Any] = {"n": k, "statement": sample[k]["statement"],
                                "page": sample[k]["page"], "commit": commit,
                                "status": f["status"]}
        now = f["now"]
        if now is None:
            out.append({**line, "now": None, "real": None, "speaker_right": None,
                        "content_ok": None, "category": "gone",
                        "note": f"no longer found (was {prev['category']})"})
            continue
        line["now"] = {x: now[x] for x in NOW_FIELDS}
        unchanged = prev["status"] == "found" and same_words(prev, now)
        if unchanged:
            out.append({**line, **{x: prev[x] for x in JUDGED_FIELDS}})
        elif k in verdicts:
            out.append({**line, **{x: verdicts[k][x] for x in JUDGED_FIELDS}})
        else:
            raise SystemExit(f"#{k} changed since it was last judged: judge it by reading "
                             f"(--changed lists it) and give its verdict")
    return out


def print_changed(sample: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]],
                  rejudged: Sequence[dict[str, Any]], current: Sequence[dict[str, Any]]
                  ) -> None:
    """Print each sampled statement that differs from its last judged version, in context."""
    last = last_judged(sample, judged, rejudged)
    for k, (prev, f) in enumerate(zip(last, follow(sample, current), strict=True)):
        now = f["now"]
        if now is None:
            if prev["status"] == "found":
                print(f"\n#{k} gone now (was {prev['category']})")
            continue
        if prev["status"] == "found" and same_words(prev, now):
            continue
        print(f"\n#{k} {f['status']} (last judged {prev['status']}: {prev['category']}: "
              f"{prev['note']})")
        print(f"  was {prev['confidence']} {prev['speaker_mention']!r}/"
              f"{prev['speaker_entity']!r} {prev['cue']!r} | {prev['content']!r}")
        print(f"  now {now['confidence']} {now['speaker_mention']!r}/{now['speaker_entity']!r} "
              f"{now['cue']!r} | {now['content']!r}\n  context: {now['context']!r}")


def earlier_draws(sample: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]],
                  rejudged: Sequence[dict[str, Any]],
                  later: Sequence[tuple[Sequence[dict[str, Any]], Sequence[dict[str, Any]]]]
                  ) -> list[tuple[int, int, dict[str, Any]]]:
    """Every statement of the earlier draws as last judged, as (draw, n, row): the first
    draw's still-found ones (re-judged where they were), then each later draw's (sample
    and judgements), in order."""
    out = [(1, k, row) for k, row in enumerate(last_judged(sample, judged, rejudged))
           if row["status"] == "found"]
    for draw, (rows, judgements) in enumerate(later, start=2):
        by_id = {r["statement"]: r for r in rows}
        out += [(draw, j["n"], {**by_id[j["statement"]], **j, "status": "found"})
                for j in judgements]
    return out


def recheck(draws: Sequence[tuple[int, int, dict[str, Any]]], current: Sequence[dict[str, Any]],
            verdicts: dict[tuple[int, int], dict[str, Any]], commit: str
            ) -> tuple[list[dict[str, Any]], list[tuple[int, int, dict[str, Any], dict[str, Any]]]]:
    """Follow each earlier statement into ``current`` (:func:`follow`): the lines of
    ``recheck.jsonl`` (a statement that reads as judged keeps its judgement, a gone one is
    marked gone, a changed one takes its verdict), and the changed ones with no verdict
    (draw, n, as judged, now)."""
    lines, missing = [], []
    for (draw, n, prev), f in zip(draws, follow([d[2] for d in draws], current), strict=True):
        line: dict[str, Any] = {"draw": draw, "n": n, "statement": prev["statement"],
                                "page": prev["page"], "commit": commit}
        now = f["now"]
        if now is None:
            lines.append({**line, "status": "gone", "now": None, "real": None,
                          "speaker_right": None, "content_ok": None, "category": "gone",
                          "note": f"no longer found (was {prev['category']})"})
            continue
        line["now"] = {x: now[x] for x in NOW_FIELDS}
        if same_words(prev, now):
            lines.append({**line, "status": "same", **{x: prev[x] for x in JUDGED_FIELDS}})
        elif (draw, n) in verdicts:
            lines.append({**line, "status": "changed",
                          **{x: verdicts[draw, n][x] for x in JUDGED_FIELDS}})
        else:
            missing.append((draw, n, prev, now))
    return lines, missing


def sample_path(data: Path, draw: int) -> Path:
    """A draw's sample file: ``sample.jsonl`` for the first, ``sampleN.jsonl`` after."""
    return data / ("sample.jsonl" if draw == 1 else f"sample{draw}.jsonl")


def judgements_path(data: Path, draw: int) -> Path:
    """A draw's judgements: ``judgements.jsonl`` for the first, ``judgementsN.jsonl`` after."""
    return data / ("judgements.jsonl" if draw == 1 else f"judgements{draw}.jsonl")


def recheck_path(data: Path, draw: int) -> Path:
    """The earlier draws re-checked at draw ``draw``'s commit (from the fourth draw on):
    ``recheck.jsonl`` (the first three, at the fourth's), ``recheckN.jsonl`` after."""
    return data / ("recheck.jsonl" if draw == 4 else f"recheck{draw}.jsonl")


def drawn_rows(data: Path, draw: int) -> list[dict[str, Any]]:
    """A later draw's judged statements: its sample's fields under its judgements."""
    by_id = {row["statement"]: row for row in read_jsonl(sample_path(data, draw))}
    return [{**by_id[j["statement"]], **j} for j in read_jsonl(judgements_path(data, draw))]


def as_judged(data: Path, draw: int) -> list[tuple[int, int, dict[str, Any]]]:
    """The statements of the draws before ``draw``, each as last judged, as (draw, n, row):
    up to the third, the first draw's still-found ones (re-judged where they were) and each
    later draw's (:func:`earlier_draws`); from the fifth on, the re-check made at the draw
    before (its gone ones left out) and that draw's own."""
    if draw <= 4:
        return earlier_draws(read_jsonl(data / "sample.jsonl"),
                             read_jsonl(data / "judgements.jsonl"),
                             read_jsonl(data / "rejudged.jsonl"),
                             [(read_jsonl(sample_path(data, k)),
                               read_jsonl(judgements_path(data, k)))
                              for k in range(2, draw)])
    out = [(x["draw"], x["n"], {**x, **x["now"], "status": "found"})
           for x in read_jsonl(recheck_path(data, draw - 1)) if x["status"] != "gone"]
    out += [(draw - 1, j["n"], {**j, "status": "found"}) for j in drawn_rows(data, draw - 1)]
    return out


def left_out(data: Path, draw: int, pool: Sequence[dict[str, Any]]
             ) -> tuple[frozenset[str], Counter[str]]:
    """What draw ``draw`` leaves out of ``pool``, and the earlier draws' statements per page
    (for the per-page cap): the ids of every earlier draw as sampled and as last judged, and,
    from the fourth draw on, the ids their statements have in ``pool`` (a content mended
    since has a new id, and would be judged in two draws)."""
    skip, taken = first_draw(read_jsonl(data / "sample.jsonl"),
                             read_jsonl(data / "rejudged.jsonl"))
    for k in range(2, draw):
        skip, taken = later_draw(skip, taken, read_jsonl(sample_path(data, k)))
    if draw >= 4:
        earlier = as_judged(data, draw)
        skip |= {row["statement"] for _, _, row in earlier}
        skip |= {f["now"]["statement"] for f in follow([row for _, _, row in earlier], pool)
                 if f["now"] is not None}
    return skip, taken


def print_missing(missing: Sequence[tuple[int, int, dict[str, Any], dict[str, Any]]]) -> None:
    """Print each changed statement with no verdict, in context, and stop if there is one."""
    for draw, n, prev, now in missing:
        print(f"\ndraw {draw} #{n} changed (was {prev['category']}: {prev['note']})")
        print(f"  was {prev['confidence']} {prev['speaker_mention']!r}/"
              f"{prev['speaker_entity']!r} {prev['cue']!r} | {prev['content']!r}")
        print(f"  now {now['confidence']} {now['speaker_mention']!r}/"
              f"{now['speaker_entity']!r} {now['cue']!r} | {now['content']!r}\n"
              f"  context: {now['context']!r}")
    if missing:
        raise SystemExit(f"{len(missing)} changed: judge them by reading and give "
                         f"--verdicts (draw, n, real, speaker_right, content_ok, category, "
                         f"note)")


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows),
                    encoding="utf-8")


def make_draw(args: argparse.Namespace) -> None:
    """Draw ``--draw N`` from the pages (``--sample``) or a dump of them (``--pool``): the
    first draw from all statements, a later one leaving out the earlier draws'
    (:func:`left_out`)."""
    out = args.out or sample_path(args.data, args.draw)
    if out.exists():
        raise SystemExit(f"{out} exists and its judgements are made: give --out NEW.jsonl")
    if args.pool:
        pool = read_jsonl(args.pool)
    else:
        pool, _ = analyse_pages(args.sample)
        if args.dump:
            write_jsonl(args.dump, pool)
    skip, taken = left_out(args.data, args.draw, pool) if args.draw > 1 else \
        (frozenset(), Counter[str]())
    drawn = pick(pool, args.size, args.per_page, args.seed, skip, taken)
    print(f"{len(pool)} statements in {len({r['page'] for r in pool})} pages; "
          f"{len(skip)} of the earlier draws left out; sampled {len(drawn)} "
          f"from {len({r['page'] for r in drawn})} pages")
    if args.commit:
        drawn = [{**row, "commit": args.commit, "seed": args.seed} for row in drawn]
    write_jsonl(out, drawn)


def make_recheck(args: argparse.Namespace) -> None:
    """Follow the statements of the draws before ``--draw N``, each as last judged, into a
    dump of all pages at ``--commit`` and write the re-check of draw N (changed ones need
    ``--verdicts`` keyed by draw and n)."""
    if args.draw < 4:
        raise SystemExit("--recheck is for the fourth draw on (--draw 4 and later)")
    given = {(v["draw"], v["n"]): v for v in read_jsonl(args.verdicts)} \
        if args.verdicts else {}
    lines, missing = recheck(as_judged(args.data, args.draw), read_jsonl(args.recheck), given,
                             args.commit or "")
    print_missing(missing)
    out = args.recheck_out or recheck_path(args.data, args.draw)
    write_jsonl(out, lines)
    print(f"{out}: {dict(Counter(x['status'] for x in lines))}")


ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
            8: "eighth", 9: "ninth", 10: "tenth"}
COUNTS = {2: "both", 3: "all three", 4: "all four", 5: "all five", 6: "all six",
          7: "all seven", 8: "all eight", 9: "all nine", 10: "all ten"}


def ordinal(draw: int) -> str:
    return ORDINALS.get(draw, f"{draw}th")


def report_draws(data: Path) -> None:
    """Print every draw's figures: the first draw and its re-judging, the second and third
    with the draws before them as last judged, and from the fourth on each draw, then the
    earlier draws re-checked at its commit and all draws together."""
    sample = read_jsonl(data / "sample.jsonl")
    sampled = {row["statement"]: row for row in sample}
    report([{**sampled[j["statement"]], **j} for j in read_jsonl(data / "judgements.jsonl")])
    if not (data / "rejudged.jsonl").exists():
        return
    now, status, commit = rejudged_rows(sampled, data / "rejudged.jsonl")
    print(f"\nre-judged at {commit}: the sampled statements "
          f"{', '.join(f'{k} {v}' for k, v in sorted(status.items()))}; those still found:")
    report(now)
    if judgements_path(data, 2).exists():
        rows2 = drawn_rows(data, 2)
        commit2 = {r.get("commit", "?") for r in rows2}
        seed2 = {r.get("seed", "?") for r in rows2}
        print(f"\nsecond draw at {', '.join(map(str, commit2))} "
              f"(seed {', '.join(map(str, seed2))}):")
        report(rows2)
        print(f"\nboth draws: the first draw's {len(now)} still found (at {commit}) and "
              f"the second draw's {len(rows2)}:")
        report([*now, *rows2])
        if judgements_path(data, 3).exists():
            rows3 = drawn_rows(data, 3)
            print(f"\nthird draw at {', '.join(sorted({r.get('commit', '?') for r in rows3}))}:")
            report(rows3)
            print(f"\nall three draws ({len(now)} + {len(rows2)} + {len(rows3)}, each as last "
                  f"judged):")
            report([*now, *rows2, *rows3])
    draw = 4
    while judgements_path(data, draw).exists():
        rows = drawn_rows(data, draw)
        print(f"\n{ordinal(draw)} draw at "
              f"{', '.join(sorted({r.get('commit', '?') for r in rows}))}:")
        report(rows)
        if recheck_path(data, draw).exists():
            before = COUNTS[draw - 1].replace("all ", "")
            report_recheck(data, draw, f"the first {before} draws",
                           f", and the {ordinal(draw)} draw's {len(rows)}", COUNTS[draw], rows)
        draw += 1
    if draw > 4 and recheck_path(data, draw).exists():
        # the drawn ones re-checked at a later commit, before a next draw is made
        report_recheck(data, draw, f"{COUNTS[draw - 1]} draws", "", COUNTS[draw - 1], [])


def report_recheck(data: Path, draw: int, which: str, also: str, total: str,
                   rows: list[dict[str, Any]]) -> None:
    """Print a re-check of the draws before ``draw`` (``recheck<draw>.jsonl``): each draw's
    statements still found, then all of them with ``rows`` (the draw just judged, if any)."""
    lines = read_jsonl(recheck_path(data, draw))
    found = [{**x, **x["now"]} for x in lines if x["status"] != "gone"]
    counts = Counter((x["draw"], x["status"]) for x in lines)
    commits = ", ".join(sorted({x["commit"] for x in lines}))
    print(f"\n{which} re-checked at {commits} "
          f"({', '.join(f'draw {d} {st} {k}' for (d, st), k in sorted(counts.items()))})"
          f", still found{also}:")
    for k in range(1, draw):
        print(f"draw {k}:")
        report([x for x in found if x["draw"] == k])
    print(f"{total} draws:")
    report([*found, *rows])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draw", type=int, default=1, metavar="N",
                        help="the draw to make (--sample, --pool) or whose earlier draws to "
                             "re-check (--recheck): 1 is the first draw; N > 1 leaves out "
                             "the statements of draws 1 to N-1 and counts them against the "
                             "per-page cap")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the folder of the sample, judgement and re-check files")
    parser.add_argument("--sample", type=Path, metavar="PAGES_DIR",
                        help="draw --draw N from the unpacked news pages")
    parser.add_argument("--pool", type=Path, metavar="DUMP",
                        help="draw from the statements of a --sample ... --dump of all pages "
                             "instead of analysing them again")
    parser.add_argument("--current", type=Path, metavar="PAGES_DIR",
                        help="analyse the first draw's pages with the current whosaid and "
                             "write all their statements to --dump")
    parser.add_argument("--dump", type=Path, help="where --sample or --current writes every "
                        "statement of the pages analysed")
    parser.add_argument("--follow", type=Path, metavar="DUMP",
                        help="print what became of each first-draw statement in a --dump")
    parser.add_argument("--changed", type=Path, metavar="DUMP",
                        help="print each first-draw statement of a --dump that differs from "
                             "its last judged version (the re-judged one where there is one)")
    parser.add_argument("--rejudge", type=Path, metavar="DUMP",
                        help="write rejudged.jsonl anew for a --dump: the unchanged keep their "
                             "judgement, the changed take theirs from --verdicts")
    parser.add_argument("--recheck", type=Path, metavar="DUMP",
                        help="follow the statements of draws 1 to N-1 (--draw N, N >= 4), each "
                             "as last judged, into a --dump of all pages at --commit and write "
                             "the re-check (recheck.jsonl for N = 4, recheckN.jsonl after)")
    parser.add_argument("--recheck-out", type=Path, help="another file for --recheck to write")
    parser.add_argument("--verdicts", type=Path,
                        help="JSONL of judgements (n, real, speaker_right, content_ok, "
                             "category, note; and draw for --recheck) made by reading the "
                             "changed ones")
    parser.add_argument("--commit", help="the commit a draw, re-check or re-judging was made at")
    parser.add_argument("--size", type=int, help="statements to draw (220 for the first "
                        "draw, 40 after)")
    parser.add_argument("--per-page", type=int, default=4)
    parser.add_argument("--seed", type=int, help="the draw's seed (default 11 + N: 12 for "
                        "the first draw, 17 for the sixth)")
    parser.add_argument("--out", type=Path,
                        help="the sample file --sample or --pool writes (default the draw's "
                             "own, sample.jsonl or sampleN.jsonl, which must not exist yet)")
    args = parser.parse_args(argv)
    if args.draw < 1:
        raise SystemExit("--draw counts from 1")
    args.size = args.size or (220 if args.draw == 1 else 40)
    args.seed = args.seed if args.seed is not None else 11 + args.draw
    if args.sample or args.pool:
        make_draw(args)
        return
    if args.recheck:
        make_recheck(args)
        return
    sample = read_jsonl(args.data / "sample.jsonl")
    if args.current:
        if args.dump is None:
            raise SystemExit("--current needs --dump FILE")
        pool, _ = analyse_pages(args.current, {r["page"] for r in sample})
        write_jsonl(args.dump, pool)
        print(f"{args.dump}: {len(pool)} statements")
        return
    judgements = read_jsonl(args.data / "judgements.jsonl")
    rejudged = args.data / "rejudged.jsonl"
    before = read_jsonl(rejudged) if rejudged.exists() else []
    if args.changed:
        print_changed(sample, judgements, before, read_jsonl(args.changed))
        return
    if args.rejudge:
        verdicts = {v["n"]: v for v in read_jsonl(args.verdicts)} if args.verdicts else {}
        write_jsonl(rejudged, rejudge(sample, judgements, before, read_jsonl(args.rejudge),
                                      verdicts, args.commit or ""))
        return
    if args.follow:
        print_follow(sample, judgements, follow(sample, read_jsonl(args.follow)))
        return
    report_draws(args.data)


if __name__ == "__main__":
    main()
