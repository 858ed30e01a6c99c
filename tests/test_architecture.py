"""The house rules that keep the layout honest, checked on the source itself.

The import layers are import-linter's contracts in pyproject.toml (``make test`` runs
``lint-imports``); these tests pin what import-linter does not: no module imports another's
private name, and nothing outside the store reaches into a store's private members.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "whosaid"


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(p.relative_to(SRC.parent)), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(SRC.rglob("*.py"))]


def test_no_module_imports_a_private_name_of_another() -> None:
    found = [f"{path}: from {node.module or '.'} import {alias.name}"
             for path, tree in _modules() for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom)
             for alias in node.names
             if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert found == []


def test_nothing_outside_the_store_touches_its_private_members() -> None:
    found = [f"{path}:{node.lineno}: store.{node.attr}"
             for path, tree in _modules() if not path.startswith("whosaid/store/")
             for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr.startswith("_")
             and not node.attr.startswith("__")
             and isinstance(node.value, ast.Name | ast.Attribute)
             and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr)
             in ("store", "Store")]
    assert found == []
