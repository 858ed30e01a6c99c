"""The FastAPI application: the one error shape, the body-size limit, security headers, the
CSRF cookie and ``/docs``; the routes (:mod:`.api`, :mod:`.pages`) get what they share from
:mod:`.deps`.

Every error leaves as ``{"error": {"code", "message", "detail"}}`` (pages get the same as an
HTML page); no stack trace reaches the client, the server's log has it.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

import jinja2
from anyio import to_thread
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..analysis import Analyzer
from ..errors import (
    AnalysisError,
    ConfigError,
    InputError,
    MigrationError,
    ModelError,
    NotFoundError,
    StoreError,
    WhosaidError,
)
from ..settings import Settings
from ..store import Store, open_store
from . import api, pages
from .deps import Services
from .security import CSRF_COOKIE, CSRF_FIELD, AuthError, CsrfError, Guard
from .writer import WriterProcess

log = logging.getLogger("whosaid.server")

MAX_BODY_BYTES = 5 * 1024 * 1024  # the largest request body: a big news page's HTML
# Requests one server process works on at once; the others wait their turn. Each holds
# Python's lock between its database calls, so more of them at once mostly wait on one
# another: bench/load.py on the 20,000-article store (16 readers, a writer, 2 processes, a
# quiet 2-core machine), SQLite reads' p99 665-704 ms at 40 (anyio's default), 512 at 8,
# 294-342 at 4 and 286 at 2; PostgreSQL 551 at 40, 476 at 4, 512 at 2.
READ_THREADS = 4
SERVE_THREADS_ENV = "WHOSAID_SERVE_THREADS"
PACKAGE = importlib.resources.files("whosaid.server")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


# ---------------------------------------------------------------------------------------
# Errors

_CODES = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path in ("/api", "/openapi.json", "/docs"):
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(
    request: Request, status: int, code: str, message: str, detail: Any = None
) -> Response:
    svc = getattr(request.app.state, "services", None)
    if not wants_json(request) and svc is not None:
        page = svc.templates.get_template("error.html")
        html = page.render(status=status, code=code, message=message,
                           detail=detail if isinstance(detail, list) else None,
                           title=HTTPStatus(status).phrase, user=None, csrf="",
                           csrf_field=CSRF_FIELD, writes=False, path=request.url.path)
        return HTMLResponse(html, status_code=status)
    body = {"error": {"code": code, "message": message, "detail": detail}}
    return JSONResponse(body, status_code=status)


def public_message(request: Request, exc: WhosaidError) -> str:
    """The error's message as an anonymous client may read it: where the database lives
    (its path or URL) is the operator's business, so it is named "the database"."""
    message = str(exc)
    svc = getattr(request.app.state, "services", None)
    if svc is not None and svc.store.display:
        for quoted in (repr(svc.store.display), f'"{svc.store.display}"', svc.store.display):
            message = message.replace(f"database {quoted}", "the database")
            message = message.replace(quoted, "the database")
    return message


def _status_of(exc: WhosaidError) -> tuple[int, str]:
    if isinstance(exc, AuthError):
        return exc.status, _CODES[exc.status]
    if isinstance(exc, CsrfError):
        return 403, "csrf_failed"
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, ConfigError):
        return 400, "invalid_request"
    if isinstance(exc, InputError):
        return 400, "bad_document"
    if isinstance(exc, AnalysisError):
        return 422, "analysis_failed"
    if isinstance(exc, MigrationError | StoreError | ModelError):
        return 503, "unavailable"
    return 400, "invalid_request"


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only where and what: the raw input and pydantic's context may be large or unprintable.
    return [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", "")),
         "type": str(err.get("type", ""))}
        for err in exc.errors()[:20]
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WhosaidError)
    async def _whosaid(request: Request, exc: WhosaidError) -> Response:
        status, code = _status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, status, code, public_message(request, exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid_request", "the request is not valid",
                              _validation_detail(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        code = _CODES.get(status, "error" if status < 500 else "internal_error")
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        message = exc.detail if isinstance(exc.detail, str) else phrase
        response = error_response(request, status, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error", "internal server error")


# ---------------------------------------------------------------------------------------
# Middleware


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (413), by Content-Length or as they stream."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, receive, send)
            return
        if length is not None or scope.get("method") in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        # A streamed body without Content-Length: read it (up to the limit) before the app
        # does, so that an oversize one is refused with 413 rather than half-parsed.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Read (and drop) what the client still sends, up to a bound: a client that is
        # still writing when the connection closes may never see the 413.
        drained = 0
        while drained < _DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
            drained += len(message.get("body", b""))
        body = {"error": {"code": "too_large",
                          "message": f"the request body is larger than {self.limit} bytes",
                          "detail": {"limit": self.limit}}}
        await JSONResponse(body, status_code=413, headers={"Connection": "close"})(
            scope, receive, send
        )


_DRAIN_BYTES = 64 * 1024 * 1024


def install_middleware(app: FastAPI, max_body: int) -> None:
    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if "\x00" in request.url.path or "%00" in request.url.query:
            # No database stores NUL characters (PostgreSQL refuses them): refuse them here.
            response = error_response(request, 400, "invalid_request",
                                      "NUL characters are not allowed in a request")
        else:
            response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = CSP
            response.headers.setdefault("Cache-Control", "no-store")
        new_csrf = getattr(request.state, "new_csrf", None)
        if new_csrf:
            response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict",
                                path="/")
        return response

    app.add_middleware(BodyLimit, limit=max_body)


# ---------------------------------------------------------------------------------------
# The application


def template_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(str(PACKAGE.joinpath("templates"))))),
        autoescape=True,  # article text is untrusted: everything is escaped
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def create_app(
    db: str | Store,
    token: str | None = None,
    *,
    settings: Settings | None = None,
    analyzer: Analyzer | None = None,
    max_body: int = MAX_BODY_BYTES,
    writer_process: bool | None = None,
    threads: int | None = None,
) -> FastAPI:
    """The whosaid server over ``db`` (a path, a URL or an open Store, which the app then
    owns and closes on shutdown). Writes need ``token``; without one they are refused.

    ``writer_process``: analyse posted articles in a child process (:mod:`.writer`), so
    readers are not held up; by default when writes are allowed and no ``analyzer`` (a model
    already loaded in this process, as the tests pass) is given.

    ``threads``: requests this process works on at once (the others wait their turn);
    default :data:`READ_THREADS`, or ``$WHOSAID_SERVE_THREADS``."""
    read_threads = threads or int(os.environ.get(SERVE_THREADS_ENV) or READ_THREADS)
    if read_threads < 1:
        raise ConfigError(f"threads must be at least 1, got {read_threads}")
    store = db if isinstance(db, Store) else open_store(db)
    settings = settings or Settings()
    if writer_process is None:
        writer_process = token is not None and analyzer is None
    svc = Services(
        store=store,
        guard=Guard(token),
        settings=settings,
        templates=template_env(),
        analyzer_=analyzer,
        writer=WriterProcess(store.url, settings) if writer_process else None,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # the reading routes are plain functions: anyio runs them in its threads, these many
        # at once (posts and corrections wait in Services.apart's own)
        to_thread.current_default_thread_limiter().total_tokens = read_threads
        yield
        if svc.writer is not None:
            svc.writer.close()
        store.close()

    app = FastAPI(
        title="whosaid",
        version=__version__,
        description="Who said what, to whom, when, and according to whom — from news. "
        "Writes need `Authorization: Bearer TOKEN`; every error is "
        '`{"error": {"code", "message", "detail"}}`.',
        lifespan=lifespan,
        docs_url=None,  # served below from packaged assets: the page's CSP allows no CDN
        redoc_url=None,
    )
    app.state.services = svc
    install_error_handlers(app)
    install_middleware(app, max_body)

    app.include_router(api.router)
    app.include_router(pages.router)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="static")
    return app


# What ``whosaid serve --workers N`` hands each worker process (uvicorn starts them and
# imports :func:`app_from_env` by name, so they read the database and token from here).
SERVE_DB_ENV = "WHOSAID_SERVE_DB"
SERVE_TOKEN_ENV = "WHOSAID_SERVE_TOKEN"


def app_from_env() -> FastAPI:
    """The application of one worker of ``whosaid serve --workers N``: :func:`create_app`
    over ``$WHOSAID_SERVE_DB``, writes allowed with ``$WHOSAID_SERVE_TOKEN`` when set."""
    db = os.environ.get(SERVE_DB_ENV)
    if not db:
        raise ConfigError(f"{SERVE_DB_ENV} is not set: start the workers with whosaid serve")
    return create_app(db, os.environ.get(SERVE_TOKEN_ENV) or None)


def install_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI from the assets the ``fastapi-offline`` package ships, started
    by a script of ours (the CSP allows no inline script and no other origin)."""
    assets = importlib.resources.files("fastapi_offline").joinpath("static")
    app.mount("/static/swagger", StaticFiles(directory=str(assets)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>whosaid API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" href="/static/swagger/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""
