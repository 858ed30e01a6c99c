"""The command line (Typer + Rich): one module per command group, options defined once in
:mod:`.options`, every command registered in :mod:`.main`.

May import: :mod:`whosaid.usecases` and everything below it; never :mod:`whosaid.server`
(``whosaid serve`` imports it when run).
"""

from .main import app

__all__ = ["app"]
