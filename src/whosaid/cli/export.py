"""``whosaid export``: statements, entities, claims and positions as Parquet, JSONL or CSV."""

from __future__ import annotations


def export() -> None:
    """Export the store's records for DuckDB, pandas or Spark (not built yet)."""
    raise NotImplementedError
