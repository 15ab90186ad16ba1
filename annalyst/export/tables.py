"""The store's tables, row by row, for the exports that write one file per table (csv, parquet).

Every table is written whole, except ``events`` and ``territory_control``, which keep the rows the
filters select (with ``events``, every telling of a kept event).
"""
from __future__ import annotations

from typing import Iterator

from annalyst.export.select import Selection

__all__ = ["TABLES", "columns", "rows"]

# the store's tables, in the order a reader meets them (annalyst/store/schema.py)
TABLES = ("sources", "documents", "entities", "aliases", "facts", "evidence", "media", "events",
          "territory_control", "world_names", "event_groups", "contradictions", "redirects", "overrides")


def columns(selection: Selection, table: str) -> list[tuple[str, str]]:
    """(name, declared SQLite type) of each column of a table."""
    return [(r["name"], (r["type"] or "TEXT").upper()) for r in selection.store.db.execute(f"PRAGMA table_info({table})")]


def rows(selection: Selection, table: str) -> Iterator[tuple]:
    """The table's rows (in column order), those the filters keep."""
    filtered = selection.filters != type(selection.filters)()
    if table == "events" and filtered:
        for event in selection.events():
            ids = [t["event_id"] for t in event["tellings"]]
            yield from selection.store.db.execute(
                f"SELECT * FROM events WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids)
        return
    if table == "territory_control" and filtered:
        for period in selection.control():
            yield from selection.store.db.execute("SELECT * FROM territory_control WHERE id = ?", (period["id"],))
        return
    yield from selection.store.db.execute(f"SELECT * FROM {table} ORDER BY rowid")  # a row at a time
