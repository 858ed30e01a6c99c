"""The claims pass measured: clusters, origins, drift flags, relays and copies, against gold,
with the exact-match baseline beside it; and its time as the number of statements grows.

usage: python bench/claims.py [--set bench/data/claims/generated-dev.jsonl.gz]
                              [--real bench/data/claims/real] [--analyze] [--errors]
                              [--fresh bench/data/claims/fresh]
                              [--fresh2 bench/data/claims/fresh2]
                              [--tune build/claims/generated-train.jsonl.gz]
                              [--scale 10000,50000,100000,200000] [--copies]
                              [--repeat 5]

Data: the generated PolNeAR dev re-report set (``bench/claims_gen.py``; ``--tune`` takes
the train set, which chose the thresholds) and the real re-reports hand-labelled in
``bench/data/claims/real/``, ``bench/data/claims/fresh/`` and ``bench/data/claims/fresh2/``
(a second and a third batch, all dev; the README says how they were found and labelled,
and how the first is split by speaker into a dev part, tuned on, and a held-out part, only
reported). The bench reads ``ClaimStatement``\\ s as stored in the gold files;
``--analyze`` instead runs
whosaid's own analysis (``whosaid.analyze``) on the real excerpts and builds the statements
from what it finds (speaker key: the corpus entity the corpus pass over the excerpts'
entities gives, else the canonical name), so the end-to-end figure is known.

Reported:

* pairwise precision, recall and F1 (pairs of statements put in one claim) and B-cubed F1;
* origin accuracy: of the gold claims with at least two statements and a gold origin, the
  share whose predicted claim (the one holding most of its statements) has the gold origin;
* drift flags: precision and recall per flag and for ``meaning_changed``, over every
  statement's version;
* relays (real set): precision and recall of the relay edges between relays and outlets
  (source → target, names folded; the speaker's own hop left out) against the hand-labelled
  ones;
* copies: pairwise precision and recall of the copy groups (generated set);
* the exact-match baseline (Quotebank merges only identical normalised strings): statements
  of one speaker with the same normalised content are one claim, the earliest is the origin,
  no flags.

``--scale`` replicates the generated train set (shifted in time, new ids) to N statements
and times :func:`cluster_claims`, then the re-clustering a new article's speakers would
need (what keeping claims current costs per article); ``--copies`` prints the shingle
Jaccard of gold copies and of the closest non-copies (what chose the copy threshold) and
times :func:`find_copies` on 20,000 articles; ``--repeat N`` runs the generated set's claims
pass N more times, its words' keys then cached, and prints the median CPU time (the
clustering's own cost, without tokenising).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claims_gen  # noqa: E402
from whosaid.claims import cluster as cluster_mod  # noqa: E402
from whosaid.claims import cluster_claims, find_copies, normalise  # noqa: E402
from whosaid.claims.copies import jaccard, outlet_key, shingles  # noqa: E402
from whosaid.claims.drift import MEANING_FLAGS  # noqa: E402
from whosaid.model import Claim, ClaimStatement, CopyDocument, CopyGroup  # noqa: E402

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "claims" / "generated-dev.jsonl.gz"
REAL = HERE / "data" / "claims" / "real"
FRESH = HERE / "data" / "claims" / "fresh"
FRESH2 = HERE / "data" / "claims" / "fresh2"
FLAGS = (*MEANING_FLAGS, "quote_to_paraphrase")


class Gold:
    """A gold set: statements with their gold claim, origin and flags; articles with their
    gold copy group; relay edges where labelled."""

    def __init__(self) -> None:
        self.statements: list[ClaimStatement] = []
        self.claim: dict[str, str] = {}
        self.origin: set[str] = set()
        self.flags: dict[str, set[str]] = {}
        self.docs: list[CopyDocument] = []
        self.copy_group: dict[str, str] = {}
        self.relays: set[tuple[str, str]] = set()

    def add_statement(self, st: ClaimStatement, claim: str, origin: bool,
                      flags: Iterable[str]) -> None:
        self.statements.append(st)
        self.claim[st.statement_id] = claim
        if origin:
            self.origin.add(st.statement_id)
        self.flags[st.statement_id] = set(flags)

    def finish(self) -> None:
        """Form flags follow from the gold origin's kind."""
        by_claim: dict[str, list[ClaimStatement]] = defaultdict(list)
        for st in self.statements:
            by_claim[self.claim[st.statement_id]].append(st)
        for members in by_claim.values():
            origins = [s for s in members if s.statement_id in self.origin]
            if not origins:
                continue
            o = origins[0]
            for s in members:
                if s.statement_id != o.statement_id and o.kind == "direct" and \
                        s.kind == "indirect":
                    self.flags[s.statement_id].add("quote_to_paraphrase")


def load_generated(path: Path) -> Gold:
    gold = Gold()
    for row in claims_gen.read(path):
        if row["type"] == "article":
            gold.docs.append(CopyDocument(row["article_id"], row["text"], row["published"],
                                          row["site"], tuple(row["cites"])))
            gold.copy_group[row["article_id"]] = row["gold_copy_group"]
        else:
            s = row["statement"]
            s["relays"] = tuple(s["relays"])
            gold.add_statement(ClaimStatement(**s), row["gold_claim"], row["gold_origin"],
                               row["gold_flags"])
    gold.finish()
    return gold


# ---------------------------------------------------------------------------------------
# Measures


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def prf(tp: float, pred: float, true: float) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster_scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise P/R/F1 and B-cubed P/R/F1 of ``pred`` (item → cluster) against ``gold``."""
    items = sorted(gold)
    joint = Counter((pred[i], gold[i]) for i in items)
    psize = Counter(pred[i] for i in items)
    gsize = Counter(gold[i] for i in items)
    tp = sum(_pairs(n) for n in joint.values())
    p, r, f = prf(tp, sum(_pairs(n) for n in psize.values()),
                  sum(_pairs(n) for n in gsize.values()))
    bp = sum(joint[(pred[i], gold[i])] / psize[pred[i]] for i in items) / len(items)
    br = sum(joint[(pred[i], gold[i])] / gsize[gold[i]] for i in items) / len(items)
    return {"P": p, "R": r, "F1": f, "B3P": bp, "B3R": br,
            "B3F1": 2 * bp * br / (bp + br) if bp + br else 0.0}


def origin_accuracy(pred: dict[str, str], pred_origin: dict[str, str], gold: Gold) -> float:
    members: dict[str, list[str]] = defaultdict(list)
    for sid, c in gold.claim.items():
        members[c].append(sid)
    right = total = 0
    for sids in members.values():
        if len(sids) < 2:
            continue
        gorigin = next((s for s in sids if s in gold.origin), None)
        if gorigin is None:  # the gold cannot tell (no version dated, or a tie)
            continue
        total += 1
        votes = Counter(pred[s] for s in sids)
        top = max(votes.values())
        best = sorted(c for c, n in votes.items() if n == top)
        claim = next((c for c in best if gorigin and pred[gorigin] == c), best[0])
        right += pred_origin.get(claim) == gorigin
    return right / total if total else 1.0


def flag_scores(pred_flags: dict[str, set[str]], gold: Gold) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    sids = sorted(gold.flags)
    for flag in (*FLAGS, "meaning_changed"):
        def has(flags: set[str], flag: str = flag) -> bool:
            return bool(flags & set(MEANING_FLAGS)) if flag == "meaning_changed" else \
                flag in flags
        tp = sum(1 for s in sids if has(pred_flags.get(s, set())) and has(gold.flags[s]))
        pp = sum(1 for s in sids if has(pred_flags.get(s, set())))
        tt = sum(1 for s in sids if has(gold.flags[s]))
        p, r, _ = prf(tp, pp, tt)
        out[flag] = (p, r, tt, pp)
    return out


def relay_scores(claims: Sequence[Claim], gold: Gold) -> tuple[float, float, int]:
    # hops between outlets and relays (the speaker's own hop is left out: its name varies)
    pred = {(outlet_key(e.source), outlet_key(e.target)) for c in claims for e in c.edges
            if e.kind == "relay" and e.source != c.speaker_name
            and outlet_key(e.source) != outlet_key(c.speaker_key)}
    true = {(outlet_key(a), outlet_key(b)) for a, b in gold.relays}
    p, r, _ = prf(len(pred & true), len(pred), len(true))
    return p, r, len(true)


def copy_scores(groups: Sequence[CopyGroup], gold: Gold) -> tuple[float, float, float]:
    pred = {aid: aid for aid in gold.copy_group}
    for g in groups:
        for m in g.members:
            pred[m] = g.original
    s = cluster_scores(pred, gold.copy_group)
    right = sum(1 for g in groups if gold.copy_group.get(g.original) == g.original)
    return s["P"], s["R"], right / len(groups) if groups else 1.0


def baseline(statements: Sequence[ClaimStatement]) -> list[Claim]:
    """Quotebank's merge: one speaker's statements with the same normalised content."""
    from whosaid.claims.drift import NO_DRIFT
    from whosaid.model import ClaimVersion
    groups: dict[tuple[str, str], list[ClaimStatement]] = defaultdict(list)
    for s in statements:
        if s.speaker_key is not None:
            groups[(s.speaker_key, normalise(s.content))].append(s)
    out = []
    for (key, _), members in groups.items():
        members.sort(key=lambda s: (s.published or "9999", s.statement_id))
        out.append(Claim(members[0].statement_id, key, members[0].speaker_name, members[0],
                         tuple(ClaimVersion(s, NO_DRIFT) for s in members)))
    return out


def evaluate(name: str, claims: Sequence[Claim], gold: Gold,
             groups: Sequence[CopyGroup] | None = None, relays: bool = False) -> dict[str, Any]:
    pred: dict[str, str] = {}
    pred_origin: dict[str, str] = {}
    pred_flags: dict[str, set[str]] = {}
    for c in claims:
        pred_origin[c.id] = c.origin.statement_id
        for v in c.versions:
            pred[v.statement.statement_id] = c.id
            pred_flags[v.statement.statement_id] = set(v.drift.flags)
    scored = {s: g for s, g in gold.claim.items()}
    for s in scored:
        pred.setdefault(s, "single:" + s)
    res: dict[str, Any] = {"name": name, **cluster_scores(pred, scored),
                           "origin": origin_accuracy(pred, pred_origin, gold),
                           "flags": flag_scores(pred_flags, gold)}
    if groups is not None:
        res["copies"] = copy_scores(groups, gold)
    if relays:
        res["relays"] = relay_scores(claims, gold)
    return res


def show(res: dict[str, Any], flags: bool = True) -> None:
    print(f"  {res['name']:<22} pairwise P {res['P']:.3f} R {res['R']:.3f} F1 {res['F1']:.3f}"
          f"   B3 P {res['B3P']:.3f} R {res['B3R']:.3f} F1 {res['B3F1']:.3f}"
          f"   origin {res['origin']:.3f}")
    if flags:
        parts = [f"{k} P {p:.2f} R {r:.2f} (gold {n}, flagged {pp})"
                 for k, (p, r, n, pp) in res["flags"].items() if n or pp]
        print("    flags: " + "; ".join(parts))
    if "copies" in res:
        p, r, o = res["copies"]
        print(f"    copies: pairwise P {p:.3f} R {r:.3f}; original right {o:.3f}")
    if "relays" in res:
        p, r, n = res["relays"]
        print(f"    relays: P {p:.3f} R {r:.3f} (gold edges {n})")


def run_set(label: str, gold: Gold, relays: bool = False, repeat: int = 0) -> None:
    print(f"{label}: {len(gold.statements)} statements, "
          f"{len(set(gold.claim.values()))} gold claims, {len(gold.docs)} articles")
    t = time.perf_counter()
    groups = find_copies(gold.docs) if gold.docs else []
    t1 = time.perf_counter()
    c1 = time.process_time()
    claims = cluster_claims(gold.statements, groups)
    t2 = time.perf_counter()
    c2 = time.process_time()
    show(evaluate("whosaid.claims", claims, gold, groups if gold.copy_group else None, relays))
    show(evaluate("exact-match baseline", baseline(gold.statements), gold), flags=False)
    print(f"  time: copies {t1 - t:.2f} s, claims {t2 - t1:.2f} s ({c2 - c1:.2f} CPU s)")
    if repeat:
        # the pass again with the words' keys cached: the clustering's own CPU time
        cpu = []
        for _ in range(repeat):
            c = time.process_time()
            cluster_claims(gold.statements, groups)
            cpu.append(time.process_time() - c)
        print(f"  claims again, {repeat} runs: median {statistics.median(cpu):.3f} CPU s, "
              f"min {min(cpu):.3f}")


# ---------------------------------------------------------------------------------------
# Tuning, scale, copies


def tune(path: Path) -> None:
    gold = load_generated(path)
    groups = find_copies(gold.docs)
    print(f"tuning on {path}: {len(gold.statements)} statements")
    for contain in (2.0, 4.0, 6.0):
        cluster_mod.CONTAIN_FULL = contain
        for link in (0.3, 0.4, 0.5, 0.6, 0.7):
            res = evaluate(f"link {link} cf {contain}",
                           cluster_claims(gold.statements, groups, link=link), gold)
            show(res, flags=False)
    cluster_mod.CONTAIN_FULL = 4.0
    for average in (0.0, 0.2, 0.3, 0.4):
        cluster_mod.AVERAGE_MIN = average
        res = evaluate(f"average {average}", cluster_claims(gold.statements, groups), gold)
        show(res, flags=False)
    cluster_mod.AVERAGE_MIN = 0.3
    for window in (0, 1, 3, 7, 14, 30, 90):
        res = evaluate(f"window {window} d",
                       cluster_claims(gold.statements, groups, window_days=window), gold)
        show(res, flags=False)


def replicate(statements: Sequence[ClaimStatement], n: int) -> list[ClaimStatement]:
    out: list[ClaimStatement] = []
    r = 0
    while len(out) < n:
        shift = timedelta(days=400 * r)
        for s in statements:
            if len(out) >= n:
                break
            pub = (date.fromisoformat(s.published) + shift).isoformat() if s.published else None
            said = (date.fromisoformat(s.said_on) + shift).isoformat() if s.said_on else None
            out.append(replace(s, statement_id=f"{s.statement_id}.{r}",
                               article_id=f"{s.article_id}.{r}", published=pub, said_on=said))
        r += 1
    return out


def scale(path: Path, sizes: Sequence[int]) -> None:
    gold = load_generated(path)
    print(f"scale: {path} replicated (each copy 400 days later)")
    for n in sizes:
        sts = replicate(gold.statements, n)
        t = time.perf_counter()
        claims = cluster_claims(sts)
        dt_all = time.perf_counter() - t
        # a new article: re-cluster its speakers' statements (what the service would do)
        last = max(sts, key=lambda s: (s.published or "", s.article_id))
        speakers = {s.speaker_key for s in sts if s.article_id == last.article_id}
        block = [s for s in sts if s.speaker_key in speakers]
        t = time.perf_counter()
        cluster_claims(block)
        dt_one = time.perf_counter() - t
        # only those speakers' statements within two windows of the new article's day
        day = cluster_mod.day_of(last) or 0
        near = [s for s in block if abs((cluster_mod.day_of(s) or day) - day)
                <= 2 * cluster_mod.WINDOW_DAYS]
        t = time.perf_counter()
        cluster_claims(near)
        dt_near = time.perf_counter() - t
        print(f"  {n:>7} statements: {len(claims):>7} claims in {dt_all:6.1f} s "
              f"({dt_all / n * 1e6:5.0f} µs/statement); a new article's speakers: all "
              f"{len(block)} statements re-clustered in {dt_one:.2f} s, the "
              f"{len(near)} within two windows in {dt_near:.2f} s")


def copies_report(path: Path) -> None:
    gold = load_generated(path)
    sets = {d.article_id: shingles(d.text) for d in gold.docs}
    groups: dict[str, list[str]] = defaultdict(list)
    for aid, g in gold.copy_group.items():
        groups[g].append(aid)
    same = [jaccard(sets[a], sets[b]) for g in groups.values() for i, a in enumerate(g)
            for b in g[i + 1:]]
    ids = sorted(sets)
    best_other: list[float] = []
    for i, a in enumerate(ids):
        best = 0.0
        for b in ids:
            if a != b and gold.copy_group[a] != gold.copy_group[b]:
                best = max(best, jaccard(sets[a], sets[b]))
        best_other.append(best)
        if i > 1500:
            break
    q = statistics.quantiles
    print(f"copies in {path}: {len(same)} gold copy pairs: Jaccard min {min(same):.2f}, "
          f"5% {q(same, n=20)[0]:.2f}, median {statistics.median(same):.2f}")
    print(f"  most similar non-copy of each article: max {max(best_other):.2f}, "
          f"99% {q(best_other, n=100)[-1]:.2f}, median {statistics.median(best_other):.2f}")
    for th in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        p, r, o = copy_scores(find_copies(gold.docs, threshold=th), gold)
        print(f"  threshold {th}: pairwise P {p:.3f} R {r:.3f}; original right {o:.3f}")
    docs = []
    k = 0
    while len(docs) < 20000:
        for d in gold.docs:
            # each replica a different article: its words rotated by the replica number
            words = d.text.split()
            rot = (k * 7) % max(1, len(words))
            docs.append(replace(d, article_id=f"{d.article_id}.{k}",
                                text=" ".join(words[rot:] + [str(k)] + words[:rot])))
            if len(docs) >= 20000:
                break
        k += 1
    t = time.perf_counter()
    found = find_copies(docs)
    print(f"  find_copies over {len(docs)} articles: {time.perf_counter() - t:.1f} s "
          f"({len(found)} groups)")


# ---------------------------------------------------------------------------------------
# The real set


def load_real(folder: Path, split: str | None = None) -> Gold:
    """``excerpts.jsonl``: one excerpt a line ``{"article_id", "site", "published", "url",
    "text"}``; ``gold.jsonl``: one hand-labelled statement a line ``{"statement_id",
    "article_id", "speaker", "speaker_key", "content", "kind", "relays", "claim",
    "origin", "flags", "split"}``; ``relays.jsonl``: gold relay edges ``{"source",
    "target"}`` (read only for the whole set). ``split`` (``dev`` or ``heldout``) keeps that
    part's statements: the split is by speaker, so a part's claims never meet the other's."""
    gold = Gold()
    excerpts = {e["article_id"]: e for e in _jsonl(folder / "excerpts.jsonl")}
    positions: Counter[str] = Counter()
    for g in _jsonl(folder / "gold.jsonl"):
        e = excerpts[g["article_id"]]
        if split is not None and g.get("split") != split:
            positions[g["article_id"]] += 1
            continue
        assert g["content"] in e["text"], (g["statement_id"], g["content"])
        st = ClaimStatement(
            statement_id=g["statement_id"], article_id=g["article_id"],
            doc_id=g["article_id"], speaker_key=g["speaker_key"], speaker_name=g["speaker"],
            content=g["content"], kind=g["kind"], said_on=g.get("said_on"),
            published=e["published"], site=e["site"], relays=tuple(g.get("relays", ())),
            position=positions[g["article_id"]])
        positions[g["article_id"]] += 1
        gold.add_statement(st, g["claim"], g.get("origin", False), g.get("flags", ()))
    if split is None:
        for r in _jsonl(folder / "relays.jsonl"):
            gold.relays.add((r["source"], r["target"]))
    gold.finish()
    return gold


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def analyzed_real(folder: Path, gold: Gold) -> tuple[list[ClaimStatement], dict[str, str]]:
    """whosaid's own statements of the real excerpts, and for each gold statement the
    analysed statement whose content overlaps it most (its stand-in in the measures)."""
    import whosaid
    from whosaid.corpus import cluster_members
    from whosaid.model import MemberEntity
    excerpts = _jsonl(folder / "excerpts.jsonl")
    out: list[ClaimStatement] = []
    standin: dict[str, str] = {}
    gold_by_article: dict[str, list[ClaimStatement]] = defaultdict(list)
    for st in gold.statements:
        gold_by_article[st.article_id].append(st)
    analyses = {e["article_id"]: whosaid.analyze(e["text"], published=e["published"])
                for e in excerpts}
    # the corpus pass over the excerpts' entities gives the speakers' keys
    members = [MemberEntity(aid, ent.id, ent.name, ent.type,
                            Counter(m.text for m in ent.mentions) or {ent.name: 1},
                            ent.titles, len(ent.mentions))
               for aid, a in analyses.items() for ent in a.entities]
    corpus = {(m.article_id, m.entity_id): (c.id, c.name) for c in cluster_members(members)
              for m in c.members}
    for e in excerpts:
        analysis = analyses[e["article_id"]]
        made = []
        for i, s in enumerate(analysis.statements):
            key = name = s.speaker.entity or s.speaker.text if s.speaker else None
            if s.speaker and s.speaker.entity_id and \
                    (e["article_id"], s.speaker.entity_id) in corpus:
                key, name = corpus[(e["article_id"], s.speaker.entity_id)]
            st = ClaimStatement(
                statement_id=f"{e['article_id']}:{i}", article_id=e["article_id"],
                doc_id=e["article_id"], speaker_key=key, speaker_name=name,
                content=s.content.text, kind=s.kind,
                said_on=s.said_on.value if s.said_on else None, published=e["published"],
                site=e["site"], relays=tuple(r.entity or r.text for r in s.relays),
                position=i)
            made.append((s.content.start, s.content.end, st))
            out.append(st)
        for g in gold_by_article[e["article_id"]]:
            gs = e["text"].find(g.content)
            ge = gs + len(g.content)
            best = max(made, key=lambda m: min(ge, m[1]) - max(gs, m[0]), default=None)
            if best and min(ge, best[1]) - max(gs, best[0]) > 0.3 * len(g.content):
                standin[g.statement_id] = best[2].statement_id
    return out, standin


def errors(gold: Gold) -> None:
    """The dev part's missed and false pairs, with their scores (never the held-out's)."""
    claims = cluster_claims(gold.statements)
    pred = {v.statement.statement_id: c.id for c in claims for v in c.versions}
    by_id = {s.statement_id: s for s in gold.statements}
    bags = {s.statement_id: cluster_mod.weighted_set(s.content) for s in gold.statements}
    sids = sorted(by_id)
    for i, a in enumerate(sids):
        for b in sids[i + 1:]:
            if by_id[a].speaker_key != by_id[b].speaker_key:
                continue
            same_gold, same_pred = gold.claim[a] == gold.claim[b], pred[a] == pred[b]
            if same_gold != same_pred:
                what = "missed" if same_gold else "false "
                print(f"  {what} {cluster_mod.pair_score(bags[a], bags[b]):.2f} "
                      f"[{gold.claim[a]}] {by_id[a].content!r}\n"
                      f"{'':14}[{gold.claim[b]}] {by_id[b].content!r}")


def run_real(folder: Path, analyze: bool, show_errors: bool = False) -> None:
    gold = load_real(folder)
    if not gold.statements:
        print(f"real set: nothing in {folder}")
        return
    run_set(f"real set ({folder})", gold, relays=True)
    for split in ("dev", "heldout"):
        part = load_real(folder, split)
        if part.statements:
            run_set(f"real set, {split} part", part)
    if show_errors:
        print("real set, dev part: pairs the claims pass gets wrong (pair score)")
        errors(load_real(folder, "dev"))
    if not analyze:
        return
    sts, standin = analyzed_real(folder, gold)
    claims = cluster_claims(sts)
    by_sid = {v.statement.statement_id: (c, v) for c in claims for v in c.versions}
    pred: dict[str, str] = {}
    flags: dict[str, set[str]] = {}
    origin: dict[str, str] = {}
    inverse = {v: k for k, v in standin.items()}
    for gsid in gold.claim:
        a = standin.get(gsid)
        if a and a in by_sid:
            c, v = by_sid[a]
            pred[gsid] = c.id
            flags[gsid] = set(v.drift.flags)
            origin[c.id] = inverse.get(c.origin.statement_id, "")
        else:
            pred[gsid] = "missed:" + gsid
    res = {"name": "end to end (analyze)", **cluster_scores(pred, gold.claim),
           "origin": origin_accuracy(pred, origin, gold), "flags": flag_scores(flags, gold),
           "relays": relay_scores(claims, gold)}
    print(f"  end to end: whosaid.analyze found {len(sts)} statements; "
          f"{len(standin)}/{len(gold.statements)} gold statements found")
    show(res)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, default=DEV)
    ap.add_argument("--real", type=Path, default=REAL)
    ap.add_argument("--fresh", type=Path, default=FRESH,
                    help="the second real batch (issue 13), all of it dev")
    ap.add_argument("--fresh2", type=Path, default=FRESH2,
                    help="the third real batch (issue 13, Netanyahu and Erdogan), all of it dev")
    ap.add_argument("--analyze", action="store_true")
    ap.add_argument("--tune", type=Path)
    ap.add_argument("--scale", type=str)
    ap.add_argument("--copies", action="store_true")
    ap.add_argument("--repeat", type=int, default=0,
                    help="time the generated set's claims pass this many more times")
    ap.add_argument("--errors", action="store_true",
                    help="print the real set's dev pairs the pass gets wrong")
    args = ap.parse_args(argv)
    if args.tune:
        tune(args.tune)
        return
    if args.scale:
        scale(args.set, [int(x) for x in args.scale.split(",")])
        return
    if args.copies:
        copies_report(args.set)
        return
    run_set(f"generated ({args.set.name})", load_generated(args.set), repeat=args.repeat)
    run_real(args.real, args.analyze, args.errors)
    for label, folder in (("fresh", args.fresh), ("fresh2", args.fresh2)):
        batch = load_real(folder)
        if batch.statements:
            run_set(f"real set, {label} batch ({folder}; all dev)", batch, relays=True)
            if args.errors:
                print(f"real set, {label} batch: pairs the claims pass gets wrong (pair score)")
                errors(batch)


_: Callable[..., None] = main

if __name__ == "__main__":
    main()
