"""``python -m whosaid``: the command line."""

from .cli import app

app()
