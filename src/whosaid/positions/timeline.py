"""Positions over time: per holder and issue, a dated timeline and its shifts.

Pure: it reads position rows as the store gives them (:func:`whosaid.store.positions.
positions_for`: ``date``, ``stance``, ``issue``, ``holder``, ``evidence``, ``statement_id``,
``article``) and returns plain data, so the command line, the API and the pages show the same
timelines.

A shift is a change of stance between two consecutive dated positions of one holder on one
issue ("supports" a ceasefire on 2022-11-30, "opposes" it on 2022-12-02), with both pieces of
evidence so that a reader can check it. Undated positions are listed but never make a shift:
without a date there is no "before".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Row = dict[str, Any]


def holder_key(row: Mapping[str, Any]) -> str | None:
    """Whose position a row is: the holder's corpus entity id, else canonical name."""
    holder = row.get("holder")
    return holder.get("key") if holder else None


def _order(row: Mapping[str, Any]) -> tuple[str, str, str]:
    article = row.get("article") or {}
    return (row.get("date") or "~", article.get("published") or "~", article.get("id") or "")


def _moment(row: Mapping[str, Any]) -> Row:
    article = row.get("article") or {}
    return {"date": row.get("date"), "stance": row["stance"],
            "statement_id": row["statement_id"], "evidence": row["evidence"],
            "article": {"id": article.get("id"), "doc_id": article.get("doc_id"),
                        "title": article.get("title"), "published": article.get("published")}}


def shifts(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """The shifts of one holder on one issue: ``[{"from", "to", "before", "after"}]`` where
    ``before`` and ``after`` are ``{"date", "stance", "statement_id", "evidence",
    "article"}``; ``rows`` in any order (only dated ones count)."""
    dated = sorted((r for r in rows if r.get("date")), key=_order)
    out: list[Row] = []
    for before, after in zip(dated, dated[1:], strict=False):
        if before["stance"] != after["stance"]:
            out.append({"from": before["stance"], "to": after["stance"],
                        "before": _moment(before), "after": _moment(after)})
    return out


def timelines(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Position rows grouped per holder and issue: ``[{"key", "name", "issue", "positions":
    [rows, in time order, undated last], "shifts": [...]}]``, in order of each group's first
    dated position (then holder name and issue)."""
    groups: dict[tuple[str | None, str], list[Mapping[str, Any]]] = {}
    for r in rows:
        groups.setdefault((holder_key(r), r["issue"]), []).append(r)
    out: list[Row] = []
    for (key, issue), found in groups.items():
        found = sorted(found, key=_order)
        holder = found[0].get("holder") or {}
        out.append({"key": key, "name": holder.get("name"), "issue": issue,
                    "positions": [dict(r) for r in found], "shifts": shifts(found)})
    out.sort(key=lambda t: (_order(t["positions"][0]), t["name"] or "~", t["issue"]))
    return out


def marked(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """The rows in time order, each with ``shift``: ``"supports → opposes"`` on the position
    whose stance differs from its holder's previous dated one on the issue, else None."""
    out: list[Row] = []
    last: dict[tuple[str | None, str], str] = {}
    for r in sorted(rows, key=_order):
        row = dict(r)
        row["shift"] = None
        if r.get("date"):
            k = (holder_key(r), r["issue"])
            if k in last and last[k] != r["stance"]:
                row["shift"] = f"{last[k]} → {r['stance']}"
            last[k] = r["stance"]
        out.append(row)
    return out
