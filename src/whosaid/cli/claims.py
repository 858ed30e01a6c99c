"""Claims across articles: ``whosaid claims`` (list, or ``--rebuild`` the whole pass) and
``whosaid trace`` (one claim's way from its speaker through relays and outlets)."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..errors import ConfigError, NotFoundError
from ..settings import DEFAULT_DB
from ..store.filters import StatementFilter
from .options import DbOption, FormatOption, QuietOption, check_dates, err, with_stages
from .options import fail as _fail
from .options import store as _store
from .output import Format, emit

CLAIM_COLUMNS = [("id", "Claim"), ("speaker", "Speaker"), ("published", "First published"),
                 ("origin_site", "Origin"), ("versions", "Versions"), ("outlets", "Outlets"),
                 ("flags", "Drift"), ("content", "What (origin)")]
FLAG_STYLES = {"negation_flipped": "bold red", "number_changed": "bold red",
               "hedge_dropped": "bold yellow", "hedge_added": "bold yellow",
               "speaker_changed": "bold magenta", "quote_to_paraphrase": "cyan",
               "paraphrase_to_quote": "cyan"}


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    """The flat row the table and the CSV show of one claim in the claim shape."""
    versions = c["statements"]
    origin = versions[0] if versions else {}
    flags = sorted({f for v in versions for f in v["drift"]["flags"]})
    return {
        "id": c["id"],
        "speaker": c["speaker"]["entity"],
        "published": c["origin"]["published"],
        "origin_site": c["origin"]["site"],
        "versions": len(versions),
        "outlets": list(dict.fromkeys(v["site"] or v["article_id"] for v in versions)),
        "flags": ", ".join(f.replace("_", " ") for f in flags),
        "content": (origin.get("content") or {}).get("text"),
    }


def _run_build(store: Any, quiet: bool) -> Any:
    from ..claims.service import build_claims

    return with_stages(lambda report: build_claims(store, report), quiet)


def print_summary(s: Any) -> None:
    err.print(f"{s.articles:,} articles, {s.statements:,} statements "
              f"({s.unknown_speaker:,} with no known speaker: in no claim) -> {s.claims:,} "
              f"claims of {s.speakers:,} speakers ({s.repeated:,} printed more than once, "
              f"{s.meaning_changed:,} with a changed meaning); {s.copy_groups:,} copy groups; "
              f"{s.seconds:.1f} s", highlight=False)
    dated = s.statements - s.unknown_speaker - s.undated
    if s.undated and not dated:
        err.print("no statement has a date (neither said-on nor published): every statement "
                  "was compared with all of its speaker's", style="yellow", highlight=False)
    elif s.undated:
        err.print(f"{s.undated:,} statements have no date: each was compared with all of its "
                  "speaker's", style="dim", highlight=False)


def claims(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(
        help="A canonical name (as `whosaid statements --speaker`): claims any of whose "
             "statements it said.")] = None,
    about: Annotated[str | None, typer.Option(
        help="Words a statement of the claim contains.")] = None,
    since: Annotated[str | None, typer.Option(
        help="First published on or after YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, typer.Option(
        help="First published on or before YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Run the whole claims pass again (copies, claims, drift) and print "
                          "a summary.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many claims.")] = None,
    fmt: FormatOption = Format.table,
    quiet: QuietOption = False,
) -> None:
    """List claims: one utterance across the articles that print it, its origin and drift."""
    from ..store import claims as claim_queries

    check_dates(since, until)
    with _store(db) as store:
        if rebuild:
            print_summary(_run_build(store, quiet))
            if speaker is None and about is None and since is None and until is None \
                    and limit is None and fmt is Format.table:
                return
        f = StatementFilter(q=about, speaker=speaker, since=since, until=until)
        try:
            rows = claim_queries.claim_rows(store, f, limit)
        except ConfigError as exc:
            raise _fail(str(exc), 2) from None
        if not rows and not claim_queries.claim_counts(store)["claims"]:
            err.print("no claims yet: `whosaid analyze` builds them, `whosaid claims "
                      "--rebuild` rebuilds them", style="yellow")
    if fmt in (Format.json, Format.jsonl):
        emit(rows, fmt, CLAIM_COLUMNS)
        return
    emit([claim_row(r) for r in rows], fmt, CLAIM_COLUMNS, title=f"{len(rows)} claims")


# ---------------------------------------------------------------------------------------
# whosaid trace


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*%?")


def marked_content(text: str, drift: dict[str, Any]) -> Text:
    """A version's words with the drift marked: words it added (green), words it changed
    (yellow), as far as they can be found in its text."""
    added = {w.lower() for w in drift.get("added") or []}
    changed = {w.lower() for _, new in drift.get("changed") or [] for w in new.split()}
    out = Text(text)
    for m in _WORD.finditer(text):
        word = m.group().lower().replace("’", "'")
        if word in changed:
            out.stylize("bold black on yellow", m.start(), m.end())
        elif word in added:
            out.stylize("bold black on green", m.start(), m.end())
    return out


def trace_text(c: dict[str, Any]) -> list[Text]:
    """The lines ``whosaid trace`` prints for one claim (see :func:`trace`)."""
    lines: list[Text] = []
    versions = c["statements"]
    lines.append(Text.assemble((c["speaker"]["entity"] or c["speaker_key"], "bold cyan"),
                               f" · claim {c['id']} · {len(versions)} version"
                               f"{'' if len(versions) == 1 else 's'} in "
                               f"{len(c['outlets'])} outlet{'' if len(c['outlets']) == 1 else 's'}"
                               + (" · meaning changed" if c["meaning_changed"] else "")))
    for i, v in enumerate(versions):
        where = v["site"] or f"article {v['article_id']}"
        chain = [c["speaker"]["entity"] or "?", *reversed(v["relays"]), where]
        head = Text.assemble((f"{i + 1}. ", "bold"), (v["published"] or "undated", "dim"),
                             " ", (where, "bold"), ("  (origin)" if i == 0 else "", "green"),
                             ("  " + " → ".join(chain), "dim"))
        lines.append(head)
        body = Text("   ") + marked_content(v["content"]["text"], v["drift"])
        lines.append(body)
        d = v["drift"]
        notes = Text("   ")
        for flag in d["flags"]:
            notes.append(f"[{flag.replace('_', ' ')}] ", style=FLAG_STYLES.get(flag, "bold"))
        for old, new in d["changed"]:
            notes.append(f"“{old}” → “{new}”  ", style="yellow")
        if d["dropped"]:
            notes.append("dropped: " + " ".join(d["dropped"]), style="dim")
        if len(notes) > 3:
            lines.append(notes)
        lines.append(Text(f"   {v['doc_id']} · statement {v['id']} · "
                          f"{v['content']['start']}-{v['content']['end']}", style="dim"))
    if c["edges"]:
        lines.append(Text("Relay graph", style="bold"))
        for e in c["edges"]:
            lines.append(Text.assemble("   ", e["source"], (" → ", "dim"), e["target"],
                                       (f"  ({e['kind']})", "dim")))
    return lines


def trace(
    ref: Annotated[str, typer.Argument(help="A claim id, the id of any statement in it, or a "
                                            "unique prefix of either.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="json or jsonl for the claim with its edges.")] = None,
) -> None:
    """Trace a claim: its origin, the relays and outlets in time order, the drift marked."""
    from ..store import claims as claim_queries

    with _store(db) as store:
        try:
            c = claim_queries.claim_detail(store, ref)
        except NotFoundError as exc:
            raise _fail(str(exc)) from None
        except ConfigError as exc:
            raise _fail(str(exc), 2) from None
    if fmt in (Format.json, Format.jsonl):
        emit([c], fmt, CLAIM_COLUMNS)
        return
    console = Console(highlight=False)
    for line in trace_text(c):
        console.print(line)
    console.print(Text("Legend: ", style="dim") + Text("added", style="bold black on green")
                  + Text(" · ") + Text("changed", style="bold black on yellow"))
