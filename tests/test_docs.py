"""README.md documents every command, option, setting and the two make targets.

Each test fails listing everything that is missing, so one run shows what to write.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from whosaid.cli import app
from whosaid.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"
ENV_VARS = ("WHOSAID_DB", "WHOSAID_MAX_BYTES")
SETTINGS_HEADING = re.compile(r"^(#{1,6})\s+.*\b(settings?|configuration)\b", re.I | re.M)


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.is_file():
        pytest.fail(f"{README.relative_to(ROOT)} does not exist", pytrace=False)
    return README.read_text(encoding="utf-8")


def _cli() -> Any:
    """The Click group behind the Typer app (Typer may ship its own copy of Click, so the
    objects are used by their attributes, not checked against ``click`` classes)."""
    group = typer.main.get_command(app)
    assert isinstance(getattr(group, "commands", None), dict), "the CLI is not a group"
    return group


def _long_flags(command: Any) -> list[str]:
    flags: list[str] = []
    for param in command.params:
        if param.param_type_name == "option":
            flags += [f for f in (*param.opts, *param.secondary_opts) if f.startswith("--")]
    return [f for f in flags if f != "--help"]


def _mentions(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` on its own (``--db`` is not found in ``--dbx``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _missing(what: str, items: list[str]) -> str:
    return f"README.md does not mention {len(items)} {what}: " + ", ".join(items)


def test_docs_every_command_documented(readme: str) -> None:
    names = sorted(_cli().commands)
    assert names, "the CLI has no commands"
    missing = [f"whosaid {n}" for n in names
               if not re.search(rf"\bwhosaid\s+{re.escape(n)}\b", readme)]
    assert not missing, _missing("commands", missing)


def test_docs_every_option_documented(readme: str) -> None:
    group = _cli()
    missing = [f"{flag} (whosaid)" for flag in _long_flags(group) if not _mentions(readme, flag)]
    for name, command in sorted(group.commands.items()):
        missing += [f"{flag} (whosaid {name})" for flag in _long_flags(command)
                    if not _mentions(readme, flag)]
    assert not missing, _missing("options", missing)


def _settings_section(readme: str) -> str | None:
    heading = SETTINGS_HEADING.search(readme)
    if heading is None:
        return None
    level = len(heading.group(1))
    rest = readme[heading.end():]
    end = re.search(rf"^#{{1,{level}}}\s", rest, re.M)
    return rest[: end.start()] if end else rest


def test_docs_every_setting_documented(readme: str) -> None:
    problems = []
    section = _settings_section(readme)
    if section is None:
        problems.append("no settings section (a heading with 'Settings' or 'Configuration')")
        section = ""
    fields = [f.name for f in dataclasses.fields(Settings)]
    missing = [name for name in fields if not re.search(rf"\b{re.escape(name)}\b", section)]
    if missing:
        problems.append("settings section lacks the fields " + ", ".join(missing))
    missing_env = [var for var in ENV_VARS if not re.search(rf"\b{var}\b", readme)]
    if missing_env:
        problems.append("no mention of the environment variables " + ", ".join(missing_env))
    assert not problems, "README.md: " + "; ".join(problems)


def test_docs_make_targets(readme: str) -> None:
    makefile = MAKEFILE.read_text(encoding="utf-8") if MAKEFILE.is_file() else ""
    problems = [f"README.md does not mention `make {t}`" for t in ("run", "test")
                if not re.search(rf"\bmake\s+{t}\b", readme)]
    problems += [f"Makefile does not define the target {t!r}" for t in ("run", "test")
                 if not re.search(rf"^{t}\s*:(?!=)", makefile, re.M)]
    assert not problems, "; ".join(problems)
