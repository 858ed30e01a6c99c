"""The pages analysts work in: search, entity, article, claims, issues and events, analyse,
sign-in and the audit trail.

Server-rendered with Jinja2 (autoescaping on: article text is untrusted), with a little
JavaScript (``static/app.js``) for the timeline chart and the furniture toggle. Form posts
need the CSRF token of the page they came from, and corrections need a signed-in analyst.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import usecases
from ..errors import NotFoundError
from ..model import SourceDocument, content_id
from ..store import api_queries, corrections, position_pages
from ..store import claims as claim_queries
from ..store import corpus as corpus_queries
from ..store import positions as position_queries
from ..store.filters import StatementFilter
from .deps import Services, services
from .position_views import entity_timelines, issue_chart, statement_positions
from .security import AUTH_COOKIE, CSRF_FIELD, clean_actor

router = APIRouter(include_in_schema=False)
Svc = Annotated[Services, Depends(services)]
Csrf = Annotated[str, Form(alias=CSRF_FIELD, max_length=200)]  # default "": a 403, not a 422
FormName = Annotated[str, Form(min_length=1, max_length=corrections.MAX_NAME,
                                pattern=r"^[^\x00]*$")]
PAGE = 50


def render(request: Request, svc: Services, template: str, status: int = 200,
           **context: Any) -> HTMLResponse:
    context.setdefault("title", "whosaid")
    page = svc.templates.get_template(template)
    html = page.render(
        user=svc.guard.signed_in(request),
        writes=svc.guard.writes_enabled,
        csrf=svc.guard.csrf_value(request),
        csrf_field=CSRF_FIELD,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def entity_url(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def said_on_label(st: dict[str, Any]) -> str:
    said = st.get("said_on")
    if not said or not said.get("value"):
        return "—"
    value = str(said["value"])
    return f"{value} (published)" if said.get("from") == "published" else value


def _squeeze(names: list[str]) -> list[str]:
    """Names without immediate repeats ("ISW → ISW" says nothing more than "ISW")."""
    return [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]


def _name(mention: dict[str, Any] | None) -> str | None:
    """A mention's entity name, else its text; None for no mention."""
    if not mention:
        return None
    return mention.get("entity") or mention.get("text") or None


def _relay_names(st: dict[str, Any]) -> list[str]:
    return [r.get("entity") or r["text"] for r in st.get("relays") or []]


def relay_chain(st: dict[str, Any], outlet: str | None) -> list[str]:
    """Who said it, who passed it on (nearest first), and the outlet that printed it."""
    chain = _squeeze([_name(st.get("speaker")) or "unknown", *_relay_names(st)])
    chain.append(f"this outlet ({outlet})" if outlet else "this outlet")
    return chain


def _clamp(value: int, size: int) -> int:
    return max(0, min(size, value))


def article_segments(art: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's text cut where any highlight starts or ends; each piece carries its
    roles (furniture, content, speaker, cue, addressee) and the statement it belongs to."""
    text: str = art["text"]
    size = len(text)
    marks: list[tuple[int, int, str, int | None]] = [
        (f["start"], f["end"], "furniture", None) for f in art.get("furniture", [])
    ]
    for i, st in enumerate(art.get("statements", [])):
        content = st["content"]
        for start, end in content.get("fragments") or [[content["start"], content["end"]]]:
            marks.append((start, end, "content", i))
        for role in ("speaker", "cue", "addressee"):
            part = st.get(role)
            if part and part.get("start") is not None and part.get("end") is not None:
                marks.append((part["start"], part["end"], role, i))
    marks = [(_clamp(s, size), _clamp(e, size), r, i) for s, e, r, i in marks]
    points = sorted({0, size} | {p for s, e, _, _ in marks for p in (s, e)})
    rank = {"furniture": 0, "content": 1, "addressee": 2, "speaker": 3, "cue": 4}
    out: list[dict[str, Any]] = []
    for a, b in pairwise(points):
        if a >= b:
            continue
        covering = [m for m in marks if m[0] <= a and m[1] >= b and m[0] < m[1]]
        roles = sorted({m[2] for m in covering}, key=rank.__getitem__)
        owner = max((m for m in covering if m[3] is not None), key=lambda m: rank[m[2]],
                    default=None)
        out.append({"text": text[a:b], "roles": roles,
                    "statement": owner[3] if owner else None})
    return out


def _statement_view(st: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """What the templates show of one statement (the one statement shape) from ``article``
    (its ``{id, doc_id, title, published, site}``)."""
    outlet = article.get("site")
    speaker = st.get("speaker") or {}
    addressee = st.get("addressee") or {}
    return {
        "id": st["id"],
        "kind": st["kind"],
        "content": st["content"]["text"],
        "cue": (st.get("cue") or {}).get("text"),
        "confidence": st["confidence"],
        "speaker_entity": speaker.get("entity"),
        "speaker_label": _name(speaker) or "—",
        "addressee_entity": addressee.get("entity"),
        "addressee": addressee.get("text"),
        "said_on_label": said_on_label(st),
        "chain": relay_chain(st, outlet),
        "relay_names": _squeeze(_relay_names(st)),
        "article_id": article["id"],
        "published": article.get("published"),
        "outlet": outlet or article.get("title") or article.get("doc_id"),
    }


def _listed_views(svc: Services, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _with_claims(svc, [_statement_view(r, r["article"]) for r in rows])


def _with_claims(svc: Services, views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The views with ``claim_id``: the claim each statement is in (None when in none)."""
    found = claim_queries.claims_of_statements(svc.store, {(v["article_id"], v["id"])
                                                           for v in views})
    return [v | {"claim_id": found.get((v["article_id"], v["id"]))} for v in views]


# ---------------------------------------------------------------------------------------
# Search


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    svc: Svc,
    q: Annotated[str | None, Query(max_length=500)] = None,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    kind: Annotated[str | None, Query(max_length=10)] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    form = {"q": q or "", "speaker": speaker or "", "since": since or "", "until": until or "",
            "kind": kind or ""}
    f = StatementFilter(q=q or None, speaker=speaker or None, since=since or None,
                        until=until or None, kind=kind or None)
    rows, nxt = api_queries.statement_page(svc.store, f, limit=PAGE, cursor=cursor or None)
    next_url = None
    if nxt:
        next_url = "/?" + urlencode({k: v for k, v in form.items() if v} | {"cursor": nxt})
    return render(request, svc, "search.html", title="Search statements", form=form,
                  rows=_listed_views(svc, rows), next_url=next_url,
                  searched=any(form.values()), entity_url=entity_url, article_url=article_url,
                  claim_url=claim_url)


# ---------------------------------------------------------------------------------------
# Entities


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, svc: Svc,
                  q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    rows = api_queries.entity_search(svc.store, q or None, 100)
    return render(request, svc, "entities.html", title="Entities", q=q or "", rows=rows,
                  entity_url=entity_url)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    svc: Svc,
    name: str,
    merged: Annotated[str | None, Query(max_length=200)] = None,
    split: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    detail = api_queries.entity_detail(svc.store, name)
    said = _listed_views(svc, detail["said"]["recent"])
    received = _listed_views(svc, detail["received"]["recent"])
    chart = {"name": name, "per_day": detail["per_day"]}
    return render(request, svc, "entity.html", title=name, e=detail, said=said,
                  received=received, chart=chart, merged=merged, split=split,
                  timelines=_entity_timelines(svc, name, {c["id"] for c in detail["corpus"]}),
                  issue_url=issue_url,
                  entity_url=entity_url, article_url=article_url, corpus_url=corpus_url,
                  claim_url=claim_url, search_url="/?" + urlencode({"speaker": name}))


@router.post("/entities/{name:path}/merge")
async def merge_into(request: Request, svc: Svc, name: str, other: FormName,
               background: BackgroundTasks, csrf: Csrf = "") -> Response:
    svc.guard.check_csrf(request, csrf)
    actor = svc.guard.page_actor(request)
    other = " ".join(other.split())
    svc.after_correction(await svc.apart(lambda: usecases.merge_entities(
        svc.store, other, name, actor, refresh_later=True)), background)
    return _redirect(entity_url(name) + "?" + urlencode({"merged": other}))


@router.post("/entities/{name:path}/split")
async def split_off(
    request: Request,
    svc: Svc,
    name: str,
    alias: FormName,
    background: BackgroundTasks,
    csrf: Csrf = "",
    new_name: Annotated[str | None, Form(max_length=corrections.MAX_NAME,
                                         pattern=r"^[^\x00]*$")] = None,
) -> Response:
    svc.guard.check_csrf(request, csrf)
    actor = svc.guard.page_actor(request)
    new = svc.after_correction(await svc.apart(lambda: usecases.split_alias(
        svc.store, name, alias, new_name or None, actor, refresh_later=True)), background)
    return _redirect(entity_url(new.get("name") or name) + "?" + urlencode({"split": name}))


# ---------------------------------------------------------------------------------------
# Corpus entities (across articles)


def corpus_url(entity_id: str) -> str:
    return "/corpus/" + quote(entity_id, safe="")


@router.get("/corpus", response_class=HTMLResponse)
def corpus_page(request: Request, svc: Svc,
                q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    pending = corpus_queries.corrections_pending(svc.store)  # before the rows, as the API
    rows = corpus_queries.corpus_entities_rows(svc.store, q or None, 100)
    built = bool(rows) or corpus_queries.corpus_size(svc.store) > 0
    return render(request, svc, "corpus.html", title="Across articles", q=q or "", rows=rows,
                  built=built, pending=pending, corpus_url=corpus_url)


@router.get("/corpus/{entity_id}", response_class=HTMLResponse)
def corpus_entity_page(request: Request, svc: Svc,
                       entity_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    pending = corpus_queries.corrections_pending(svc.store)
    e = corpus_queries.corpus_detail(svc.store, entity_id, members=False)
    said = _listed_views(svc, e["recent"])
    return render(request, svc, "corpus_entity.html", title=e["name"], e=e, said=said,
                  pending=pending, entity_url=entity_url, article_url=article_url,
                  claim_url=claim_url)


# ---------------------------------------------------------------------------------------
# Articles


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    svc: Svc,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    form = {"source": source or "", "since": since or "", "until": until or ""}
    rows, nxt = api_queries.article_page(svc.store, source=source or None, since=since or None,
                                         until=until or None, limit=PAGE, cursor=cursor or None)
    next_url = None
    if nxt:
        next_url = "/articles?" + urlencode({k: v for k, v in form.items() if v}
                                            | {"cursor": nxt})
    return render(request, svc, "articles.html", title="Articles", form=form, rows=rows,
                  next_url=next_url, article_url=article_url)


@router.get("/articles/{ref}", response_class=HTMLResponse)
def article_page(
    request: Request,
    svc: Svc,
    ref: str,
    furniture: bool = False,
    fixed: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    art = svc.store.article(ref)
    statements = _with_claims(svc, [_statement_view(st, art) for st in art["statements"]])
    statements = _with_positions(svc, art, statements)
    return render(request, svc, "article.html", title=art.get("title") or art["doc_id"],
                  art=art, segments=article_segments(art), statements=statements,
                  show_furniture=furniture, fixed=fixed, entity_url=entity_url,
                  article_url=article_url, claim_url=claim_url, issue_url=issue_url,
                  event_url=event_url)


@router.post("/articles/{article_id}/statements/{statement_id}/speaker")
async def fix_speaker(request: Request, svc: Svc, article_id: str, statement_id: str,
                speaker: FormName, background: BackgroundTasks, csrf: Csrf = "") -> Response:
    svc.guard.check_csrf(request, csrf)
    actor = svc.guard.page_actor(request)
    svc.after_correction(await svc.apart(lambda: usecases.fix_speaker(
        svc.store, article_id, statement_id, speaker, actor, refresh_later=True)), background)
    return _redirect(article_url(article_id) + "?" + urlencode({"fixed": statement_id})
                     + "#st-" + quote(statement_id, safe=""))


# ---------------------------------------------------------------------------------------
# Claims


def claim_url(claim_id: str) -> str:
    return "/claims/" + quote(claim_id, safe="")


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*%?")


def marked_words(text: str, drift: dict[str, Any]) -> list[dict[str, Any]]:
    """A version's text in pieces, each word the version added (``added``) or changed
    (``changed``) against the origin marked, as far as the words can be found in it."""
    added = {w.lower() for w in drift.get("added") or []}
    changed = {w.lower() for _, new in drift.get("changed") or [] for w in new.split()}
    out: list[dict[str, Any]] = []
    at = 0
    for m in _WORD.finditer(text):
        word = m.group().lower().replace("’", "'")
        mark = "changed" if word in changed else "added" if word in added else None
        if mark is None:
            continue
        if m.start() > at:
            out.append({"text": text[at:m.start()], "mark": None})
        out.append({"text": m.group(), "mark": mark})
        at = m.end()
    if at < len(text):
        out.append({"text": text[at:], "mark": None})
    return out


GRAPH_COLUMN, GRAPH_ROW, GRAPH_NODE_W, GRAPH_NODE_H = 210, 46, 180, 30


def relay_graph(edges: list[dict[str, Any]], speaker: str) -> dict[str, Any]:
    """A layered drawing of a claim's relay graph: the speaker in the first column, each node
    one column right of the farthest node with an edge into it (relays, then outlets), rows
    in order of first appearance. Coordinates for an SVG."""
    order: list[str] = [speaker]
    for e in edges:
        for n in (e["source"], e["target"]):
            if n not in order:
                order.append(n)
    layer = {n: 0 for n in order}
    for _ in range(len(order)):  # longest path from the speaker, cycles cut off
        moved = False
        for e in edges:
            want = layer[e["source"]] + 1
            if e["target"] != speaker and want > layer[e["target"]] and want < len(order):
                layer[e["target"]] = want
                moved = True
        if not moved:
            break
    rows: dict[int, int] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for n in order:
        col = layer[n]
        row = rows.get(col, 0)
        rows[col] = row + 1
        nodes[n] = {"label": n if len(n) <= 26 else n[:25] + "…", "title": n,
                    "x": 10 + col * GRAPH_COLUMN, "y": 10 + row * GRAPH_ROW,
                    "speaker": n == speaker}
    lines = []
    for e in edges:
        a, b = nodes[e["source"]], nodes[e["target"]]
        lines.append({"x1": a["x"] + GRAPH_NODE_W, "y1": a["y"] + GRAPH_NODE_H / 2,
                      "x2": b["x"] - 4, "y2": b["y"] + GRAPH_NODE_H / 2, "kind": e["kind"],
                      "title": f"{e['source']} → {e['target']} ({e['kind']})"})
    width = 20 + (max(layer.values(), default=0) + 1) * GRAPH_COLUMN
    height = 20 + max(rows.values(), default=1) * GRAPH_ROW
    return {"nodes": list(nodes.values()), "lines": lines, "width": width, "height": height,
            "node_w": GRAPH_NODE_W, "node_h": GRAPH_NODE_H}


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    svc: Svc,
    q: Annotated[str | None, Query(max_length=500)] = None,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    form = {"q": q or "", "speaker": speaker or "", "since": since or "", "until": until or ""}
    f = StatementFilter(q=q or None, speaker=speaker or None, since=since or None,
                        until=until or None)
    rows, nxt = claim_queries.claim_page(svc.store, f, limit=PAGE, cursor=cursor or None)
    next_url = None
    if nxt:
        next_url = "/claims?" + urlencode({k: v for k, v in form.items() if v}
                                          | {"cursor": nxt})
    built = bool(rows) or claim_queries.claim_counts(svc.store)["claims"] > 0
    return render(request, svc, "claims.html", title="Claims", form=form, rows=rows,
                  next_url=next_url, built=built, claim_url=claim_url, entity_url=entity_url)


@router.get("/claims/{ref}", response_class=HTMLResponse)
def claim_page(request: Request, svc: Svc,
               ref: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    c = claim_queries.claim_detail(svc.store, ref)
    speaker = c["speaker"]["entity"] or c["speaker_key"]
    versions = [v | {"words": marked_words(v["content"]["text"], v["drift"]),
                     "outlet": v["site"] or f"article:{v['article_id']}",
                     "chain": [speaker, *reversed(v["relays"]),
                               v["site"] or f"article:{v['article_id']}"]}
                for v in c["statements"]]
    chart = {"speaker": speaker, "outlets": c["outlets"], "versions": [
        {"n": i + 1, "published": v["published"], "outlet": v["outlet"],
         "drift": ("origin" if i == 0 else "meaning changed" if v["drift"]["meaning_changed"]
                   else "form changed" if v["drift"]["flags"] else "same words"
                   if not (v["drift"]["added"] or v["drift"]["changed"]
                           or v["drift"]["dropped"]) else "words changed"),
         "flags": ", ".join(v["drift"]["flags"]) or "none"}
        for i, v in enumerate(versions) if v["published"]]}
    return render(request, svc, "claim.html", title=f"Claim: {speaker}", c=c,
                  speaker=speaker, versions=versions, chart=chart,
                  graph=relay_graph(c["edges"], speaker),
                  undated=sum(1 for v in versions if not v["published"]),
                  entity_url=entity_url, article_url=article_url, claim_url=claim_url)


# ---------------------------------------------------------------------------------------
# Analysis


@router.get("/analyze", response_class=HTMLResponse)
def analyze_page(request: Request, svc: Svc) -> HTMLResponse:
    return render(request, svc, "analyze.html", title="Analyse a document", error=None,
                  form={})


def _no_nul(value: str | None) -> str | None:
    return value.replace("\x00", "") or None if value else None


@router.post("/analyze")
async def analyze_post(
    request: Request,
    svc: Svc,
    body: Annotated[str, Form(min_length=1, max_length=5_000_000)],
    csrf: Csrf = "",
    body_format: Annotated[str, Form(alias="format", pattern="^(text|html)$")] = "text",
    title: Annotated[str | None, Form(max_length=1000)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    published: Annotated[str | None, Form(max_length=10)] = None,
    source: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    svc.guard.check_csrf(request, csrf)
    actor = svc.guard.page_actor(request)
    text = body.replace("\r\n", "\n").replace("\x00", "")
    doc = SourceDocument(
        doc_id="posted-" + content_id(text, size=12),
        origin="web",
        text=text if body_format == "text" else None,
        html=text if body_format == "html" else None,
        url=_no_nul(url),
        title=_no_nul(title),
        published=_no_nul(published),
        source=_no_nul(source),
    )
    analysis = await svc.apart(lambda: svc.analyse(doc, actor))
    return _redirect(article_url(analysis.article.id))


# ---------------------------------------------------------------------------------------
# Signing in, the audit trail


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, svc: Svc,
               next: Annotated[str | None, Query(max_length=500)] = None) -> HTMLResponse:
    return render(request, svc, "login.html", title="Sign in", next=_safe_next(next),
                  error=None)


@router.post("/login")
def login(
    request: Request,
    svc: Svc,
    token: Annotated[str, Form(max_length=500)],
    name: Annotated[str, Form(min_length=1, max_length=200)],
    csrf: Csrf = "",
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    svc.guard.check_csrf(request, csrf)
    svc.guard.check_token(token)
    who = clean_actor(name)
    if not who:
        return render(request, svc, "login.html", status=400, title="Sign in",
                      next=_safe_next(next), error="Give your name: the audit trail keeps it.")
    response = _redirect(_safe_next(next))
    response.set_cookie(AUTH_COOKIE, svc.guard.auth_cookie(who), httponly=True,
                        samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request, svc: Svc, csrf: Csrf = "") -> Response:
    svc.guard.check_csrf(request, csrf)
    response = _redirect("/")
    response.delete_cookie(AUTH_COOKIE, path="/")
    return response


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, svc: Svc,
               before: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> HTMLResponse:
    rows = corrections.audit_rows(svc.store, PAGE + 1, before)
    next_url = f"/audit?before={rows[PAGE - 1]['seq']}" if len(rows) > PAGE else None
    for r in rows:
        r["before_json"] = json.dumps(r["before"], ensure_ascii=False, indent=1)
        r["after_json"] = json.dumps(r["after"], ensure_ascii=False, indent=1)
    return render(request, svc, "audit.html", title="Audit trail", rows=rows[:PAGE],
                  next_url=next_url)


# ---------------------------------------------------------------------------------------
# Positions and events


def issue_url(issue_id: str) -> str:
    return "/issues/" + quote(issue_id, safe="")


def event_url(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def _issue_labels(svc: Services) -> dict[str, str]:
    return {i.id: i.label for i in svc.store.issues()}


def _entity_timelines(svc: Services, name: str, held_by: set[str]) -> list[dict[str, Any]]:
    """The entity page's position timelines, one per issue (none for a name that holds
    none); ``held_by``: the corpus entities holding the name, as the page read them."""
    try:
        rows = svc.store.positions(name, held_by=held_by)
    except NotFoundError:
        return []
    return entity_timelines(rows, _issue_labels(svc))


def _with_positions(svc: Services, art: dict[str, Any], views: list[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """The article page's statement views with their positions and the events they were
    made at."""
    labels = _issue_labels(svc)
    at = position_pages.statement_events(svc.store, art["id"])
    return [v | {"positions": statement_positions(st, labels),
                 "events": at.get(st["id"], [])}
            for st, v in zip(art["statements"], views, strict=True)]


@router.get("/issues", response_class=HTMLResponse)
def issues_page(request: Request, svc: Svc) -> HTMLResponse:
    rows = position_queries.issue_rows(svc.store)
    rows.sort(key=lambda r: -r["positions"])  # stable: catalogue order among equals
    return render(request, svc, "issues.html", title="Issues", rows=rows, issue_url=issue_url)


@router.get("/issues/{issue_id}", response_class=HTMLResponse)
def issue_page(request: Request, svc: Svc,
               issue_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    found = position_queries.issue_positions(svc.store, issue_id)
    chart, rows = issue_chart(found["holders"], _issue_labels(svc))
    return render(request, svc, "issue.html", title=f"Issue: {found['issue']['label']}",
                  issue=found["issue"], chart=chart, rows=rows,
                  holders=len(found["holders"]), entity_url=entity_url,
                  article_url=article_url)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, svc: Svc,
                entity: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    try:
        rows, unknown = svc.store.events(entity or None, 500), False
    except NotFoundError:  # a name typed in the filter that names nobody: an empty list
        rows, unknown = [], True
    return render(request, svc, "events.html", title="Events", rows=rows, entity=entity or "",
                  unknown=unknown, event_url=event_url, entity_url=entity_url,
                  article_url=article_url)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, svc: Svc,
               event_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    ev = svc.store.event(event_id)
    return render(request, svc, "event.html", title=f"{ev['type'].capitalize()}",
                  ev=ev, said=_listed_views(svc, ev["statements"]), entity_url=entity_url,
                  article_url=article_url, claim_url=claim_url)
