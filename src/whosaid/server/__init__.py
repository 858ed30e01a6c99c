"""``whosaid serve``: a JSON API and server-rendered pages over a whosaid database.

:func:`whosaid.server.app.create_app` builds the FastAPI application; ``api.py`` holds the
JSON routes, ``pages.py`` the HTML pages, ``security.py`` tokens, sign-in and CSRF.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
