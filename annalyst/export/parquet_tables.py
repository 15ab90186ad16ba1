"""``parquet``: one Parquet file per table of the store (``annalyst.export.tables``), written in
row groups of at most 10,000 rows or about 2 MB of text, so that memory stays flat (a document's
text alone can be a megabyte). Column types follow the store's declared types (INTEGER ->
int64, REAL -> double, else string)."""
from __future__ import annotations

from pathlib import Path

from annalyst.export import tables
from annalyst.export.select import Selection

__all__ = ["write"]

_GROUP_ROWS, _GROUP_BYTES = 10_000, 2_000_000


def write(selection: Selection, folder: Path) -> dict:
    """Write each table to ``folder/<table>.parquet``; the rows written per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    counts: dict = {"written": 0, "tables": {}}
    for table in tables.TABLES:
        cols = tables.columns(selection, table)
        schema = pa.schema([(name, types.get(kind, pa.string())) for name, kind in cols])
        n = 0
        with pq.ParquetWriter(folder / f"{table}.parquet", schema) as writer:
            batch: list[tuple] = []
            size = 0
            for row in tables.rows(selection, table):
                batch.append(tuple(row))
                size += sum(len(v) for v in batch[-1] if isinstance(v, (str, bytes)))
                if len(batch) == _GROUP_ROWS or size >= _GROUP_BYTES:
                    writer.write_table(_table(pa, schema, batch))
                    n, batch, size = n + len(batch), [], 0
            if batch or n == 0:
                writer.write_table(_table(pa, schema, batch))
                n += len(batch)
        counts["tables"][table] = n
        counts["written"] += n if table == "events" else 0
    selection.cite_all()
    return counts


def _table(pa, schema, batch: list[tuple]):
    return pa.table({name: [r[i] for r in batch] for i, name in enumerate(schema.names)}, schema=schema)
