"""What the position and event pages show, made from the store's rows: chart data for the
entity page's timelines (one per issue) and the issue page's actors, and the rows of the
position tables. Pure: rows in, plain data out (``static/positions.js`` draws the charts).

A reported position stays apart from the holder's own words everywhere it is shown: ISW
writing that "Putin has little interest in ceasefire" is ISW's reading of Putin, so its point
is hollow and labelled "as reported by Institute for the Study of War", while Putin's own
"refusal to negotiate" on the 2 December call is a filled point.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..positions.timeline import marked

Row = dict[str, Any]
STANCES = ("supports", "neutral", "conditional", "opposes")  # top to bottom on the y axis


def reporter(row: Mapping[str, Any]) -> str | None:
    """Who reports a position held by someone else (None for the holder's own words)."""
    by = row.get("reported_by")
    if not by:
        return None
    return str(by.get("entity") or by.get("text") or "someone else")


def voice(row: Mapping[str, Any]) -> str:
    """"own words", or "as reported by X"."""
    by = reporter(row)
    return f"as reported by {by}" if by else "own words"


def holder_name(row: Mapping[str, Any]) -> str:
    holder = row.get("holder") or {}
    return str(holder.get("name") or holder.get("entity") or holder.get("text")
               or "unknown holder")


def position_view(row: Mapping[str, Any], labels: Mapping[str, str]) -> Row:
    """One position as the tables and charts show it."""
    article = row.get("article") or {}
    evidence = row.get("evidence") or {}
    condition = row.get("condition") or {}
    return {
        "statement_id": row["statement_id"],
        "article_id": article.get("id"),
        "article_title": article.get("title") or article.get("doc_id") or "",
        "published": article.get("published"),
        "site": article.get("site"),
        "issue": row["issue"],
        "issue_label": labels.get(row["issue"], row["issue"]),
        "stance": row["stance"],
        "confidence": round(float(row.get("confidence") or 0.0), 2),
        "date": row.get("date"),
        "said_on": row.get("said_on"),
        "holder": holder_name(row),
        "holder_entity": (row.get("holder") or {}).get("entity"),
        "reported_by": reporter(row),
        "reported_entity": (row.get("reported_by") or {}).get("entity"),
        "voice": voice(row),
        "evidence": evidence.get("text") or "",
        "condition": condition.get("text"),
        "shift": row.get("shift"),
    }


def _points(views: Iterable[Row]) -> list[Row]:
    """Chart points: the dated views, each with its link and a tooltip-ready label."""
    out = []
    for v in views:
        if not v["date"]:
            continue
        out.append({k: v[k] for k in ("date", "stance", "holder", "voice", "evidence",
                                      "issue_label", "article_title", "confidence")}
                   | {"reported": v["reported_by"] is not None,
                      "reporter": v["reported_by"] or "",
                      "condition": v["condition"] or "—",
                      "shift": v["shift"] or "—",
                      "href": f"/articles/{v['article_id']}#st-{v['statement_id']}"})
    return out


def _reported_labels(points: Sequence[Row], row_field: str) -> list[Row]:
    """One label per place where reported points are: "as reported by Institute for the
    Study of War (2), White House" (two reporters at one date and stance share a place, and
    two labels there would print over each other)."""
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for p in points:
        if p["reported"]:
            by = groups.setdefault((p["date"], p[row_field]), {})
            by[p["reporter"]] = by.get(p["reporter"], 0) + 1
    return [{"date": d, row_field: r, "label": "as reported by " + ", ".join(
                f"{name} ({n})" if n > 1 else name for name, n in by.items())}
            for (d, r), by in groups.items()]


def _shift_marks(views: Sequence[Row]) -> list[Row]:
    """Where each shift happens: the previous dated stance's date (``start``) to the
    shifted one's (``date``), per holder."""
    last: dict[str, str] = {}
    out: list[Row] = []
    for v in views:
        if not v["date"]:
            continue
        if v["shift"] and v["holder"] in last:
            out.append({"start": last[v["holder"]], "date": v["date"], "holder": v["holder"],
                        "label": v["shift"]})
        last[v["holder"]] = v["date"]
    return out


def entity_timelines(rows: Iterable[Mapping[str, Any]], labels: Mapping[str, str]
                     ) -> list[Row]:
    """The entity page's timelines: one per issue, in catalogue order, each ``{"issue",
    "label", "positions": [views, time order], "undated", "chart": {...}}`` where the chart
    has the points, the "as reported by" labels and the shifts."""
    by_issue: dict[str, list[Row]] = {}
    for r in marked(rows):
        by_issue.setdefault(r["issue"], []).append(position_view(r, labels))
    order = {issue: n for n, issue in enumerate(labels)}
    out = []
    for issue in sorted(by_issue, key=lambda i: (order.get(i, len(order)), i)):
        views = by_issue[issue]
        points = _points(views)
        out.append({
            "issue": issue, "label": labels.get(issue, issue), "positions": views,
            "undated": sum(1 for v in views if not v["date"]),
            "chart": {"label": labels.get(issue, issue), "points": points,
                      "reported": _reported_labels(points, "stance"),
                      "shifts": _shift_marks(views), "stances": list(STANCES)},
        })
    return out


def issue_chart(holders: Sequence[Mapping[str, Any]], labels: Mapping[str, str]
                ) -> tuple[Row, list[Row]]:
    """The issue page's chart (one row per actor, points coloured by stance, shifts as
    dashed segments in the actor's row) and its position table (time order)."""
    views: list[Row] = []
    actors: list[str] = []
    shifts: list[Row] = []
    for h in holders:
        mine = [position_view(r, labels) for r in marked(h["positions"])]
        if not mine:
            continue
        actors.append(mine[0]["holder"])
        views.extend(mine)
        shifts.extend(_shift_marks(mine))
    points = _points(views)
    views.sort(key=lambda v: (v["date"] or "~", v["published"] or "~", v["holder"]))
    chart = {"actors": [a for a in actors if any(p["holder"] == a for p in points)],
             "points": points, "reported": _reported_labels(points, "holder"),
             "shifts": shifts, "stances": list(STANCES)}
    return chart, views


def statement_positions(st: Mapping[str, Any], labels: Mapping[str, str]) -> list[Row]:
    """A statement's positions as the article page lists them (the statement shape's
    ``positions``: holder and reported_by are mentions)."""
    out = []
    for p in st.get("positions") or []:
        holder = p.get("holder") or {}
        by = p.get("reported_by") or {}
        out.append({"issue": p["issue"], "issue_label": labels.get(p["issue"], p["issue"]),
                    "stance": p["stance"],
                    "holder": holder.get("entity") or holder.get("text"),
                    "reported_by": (by.get("entity") or by.get("text")) if by else None,
                    "evidence": (p.get("evidence") or {}).get("text") or "",
                    "condition": (p.get("condition") or {}).get("text")})
    return out
