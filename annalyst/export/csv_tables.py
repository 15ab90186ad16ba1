"""``csv``: one CSV file per table of the store (``annalyst.export.tables``), header first."""
from __future__ import annotations

import csv
from pathlib import Path

from annalyst.export import tables
from annalyst.export.select import Selection

__all__ = ["write"]


def write(selection: Selection, folder: Path) -> dict:
    """Write each table to ``folder/<table>.csv``; the rows written per table."""
    counts: dict = {"written": 0, "tables": {}}
    for table in tables.TABLES:
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow([name for name, _ in tables.columns(selection, table)])
            n = 0
            for row in tables.rows(selection, table):
                writer.writerow(tuple(row))
                n += 1
        counts["tables"][table] = n
        counts["written"] += n if table == "events" else 0
    selection.cite_all()
    return counts
