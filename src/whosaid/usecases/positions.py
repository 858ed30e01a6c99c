"""The issue catalogue a database uses, and finding positions again when it changes.

The catalogue lives in the store (migration 8) so that every analysis and every surface uses
the same one. The first analysis of a database seeds it with the packaged default
(``whosaid/data/issues.json``); ``whosaid issues import FILE`` replaces it (``--replace``) or
extends it, then finds the positions of every stored statement again from the stored text —
``find_positions`` needs no parse, so this takes seconds where analysing again would take
minutes (events need the parse and stay as they are).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analyzer
from ..errors import InputError
from ..model import Issue
from ..positions import default_catalogue, find_positions, parse_catalogue
from ..settings import Settings
from ..store import Store
from ..store import positions as position_queries
from ..store.corpus import kb_role_holders


def stored_catalogue(store: Store) -> tuple[Issue, ...]:
    """The database's catalogue; an empty one is seeded with the packaged default first."""
    found = store.issues()
    if found:
        return found
    return store.set_issues(default_catalogue(), replace=False)


def catalogue_analyzer(store: Store, settings: Settings, analyzer: Analyzer | None = None
                       ) -> Analyzer:
    """An Analyzer on the database's catalogue and its knowledge base's role holders
    (sharing ``analyzer``'s loaded pipeline and settings when one is given)."""
    issues = stored_catalogue(store)
    kb_roles = tuple(kb_role_holders(store))
    if analyzer is None:
        return Analyzer(settings, issues=issues, kb_roles=kb_roles)
    if analyzer.issues == issues and analyzer.kb_roles == kb_roles:
        return analyzer
    return Analyzer(analyzer.settings, analyzer.nlp, issues=issues, kb_roles=kb_roles)


@dataclass
class IssueImport:
    """What ``whosaid issues import`` did."""

    read: int  # issues in the file
    catalogue: int  # issues in the catalogue now
    articles: int  # articles whose statements were looked at again
    positions: int  # positions stored now


def read_catalogue_file(path: str | Path) -> tuple[Issue, ...]:
    """The issues of a JSON array or JSONL file; InputError names the file, line and problem
    (an empty file is an error too: it would empty the catalogue)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(p), f"cannot read the issue file: {exc}") from None
    issues = parse_catalogue(text, str(p))
    if not issues:
        raise InputError(str(p), "no issues in the file")
    return issues


def import_issues(store: Store, path: str | Path, *, replace: bool = False,
                  on_article: Callable[[int, int], None] = lambda done, total: None
                  ) -> IssueImport:
    """Read a catalogue file (whole or not at all), store it in place of the catalogue
    (``replace``) or added to it, and find every stored statement's positions again on the
    catalogue now stored. ``on_article(done, total)`` reports progress."""
    found = read_catalogue_file(path)
    if not replace:
        stored_catalogue(store)  # extend the default, never an empty catalogue
    catalogue = store.set_issues(found, replace=replace)
    return IssueImport(len(found), len(catalogue), *recompute_positions(store, on_article))


def recompute_positions(store: Store, on_article: Callable[[int, int], None]
                        = lambda done, total: None) -> tuple[int, int]:
    """Find the positions of every stored statement again on the stored catalogue, one
    article a transaction; returns (articles, positions)."""
    issues = stored_catalogue(store)
    ids = position_queries.articles_with_statements(store)
    total = 0
    for n, aid in enumerate(ids, start=1):
        analysis = store.analysis(aid)
        held = find_positions(analysis.statements, analysis.article.text, analysis.entities,
                              issues)
        store.replace_positions(aid, held, analysis.statements)
        total += len(held)
        on_article(n, len(ids))
    return len(ids), total
