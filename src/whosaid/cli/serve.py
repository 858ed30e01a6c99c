"""``whosaid serve``: the browser UI and HTTP API (see ``whosaid.server``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..settings import DEFAULT_DB
from .options import DbOption


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="WHOSAID_TOKEN", show_default=False,
        help="Token that writes (analyse, merge, split, correct) need; none: read-only.")
    ] = None,
) -> None:
    """Serve the pages and the JSON API over a database."""
    import uvicorn

    from ..errors import WhosaidError
    from ..server import create_app
    from .options import err, fail

    try:
        application = create_app(db, token or None)
    except WhosaidError as exc:
        raise fail(str(exc)) from None
    mode = "writes need the token" if token else "read-only (no --token)"
    shown = application.state.services.store.display  # the URL without its password
    err.print(f"whosaid serving {shown} on http://{host}:{port}/ ({mode}); Ctrl-C stops it")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                proxy_headers=False, server_header=False)
