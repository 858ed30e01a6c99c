"""``whosaid serve``: the browser UI and HTTP API (see ``whosaid.server``)."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from ..settings import DEFAULT_DB
from .options import DbOption

WORKER_HEALTHCHECK_S = 120  # how long a worker of --workers N may take to answer uvicorn


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="WHOSAID_TOKEN", show_default=False,
        help="Token that writes (analyse, merge, split, correct) need; none: read-only.")
    ] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=32,
        help="Server processes answering requests (each with its own writer process; "
             "they store one posted article at a time). 2 on 2 cores.")] = 1,
    threads: Annotated[int | None, typer.Option(
        min=1, max=256, envvar="WHOSAID_SERVE_THREADS", show_default=False,
        help="Requests each server process works on at once (the others wait their turn); "
             "default 4. More help where the database is far away.")] = None,
) -> None:
    """Serve the pages and the JSON API over a database."""
    import uvicorn

    from ..errors import WhosaidError
    from ..server import create_app
    from ..server.app import SERVE_DB_ENV, SERVE_THREADS_ENV, SERVE_TOKEN_ENV
    from .options import err, fail

    try:
        # migrated and checked here, once, before any worker opens it
        application = create_app(db, token or None, writer_process=None if workers == 1 else False,
                                 threads=threads)
    except WhosaidError as exc:
        raise fail(str(exc)) from None
    mode = "writes need the token" if token else "read-only (no --token)"
    shown = application.state.services.store.display  # the URL without its password
    processes = f", {workers} processes" if workers > 1 else ""
    err.print(f"whosaid serving {shown} on http://{host}:{port}/ ({mode}{processes}); "
              "Ctrl-C stops it")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning",
                               "proxy_headers": False, "server_header": False}
    if workers == 1:
        uvicorn.run(application, **options)
        return
    application.state.services.store.close()
    os.environ[SERVE_DB_ENV] = db
    if token:
        os.environ[SERVE_TOKEN_ENV] = token
    if threads:
        os.environ[SERVE_THREADS_ENV] = str(threads)
    # uvicorn kills and restarts a worker that does not answer its health check in time; a
    # worker starting (importing whosaid, opening the store) on a busy 2-core machine took
    # longer than its default 5 s, and was restarted over and over
    uvicorn.run("whosaid.server.app:app_from_env", factory=True, workers=workers,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_S, **options)
