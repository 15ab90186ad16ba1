"""csv and parquet: one file per table, read back with pandas, the same rows as the store."""
from __future__ import annotations

import pandas as pd
import pytest

from annalyst.export.tables import TABLES


@pytest.mark.parametrize("format, read", [("csv", pd.read_csv), ("parquet", pd.read_parquet)])
def test_each_table_is_a_file_with_the_stores_rows(format, read, althistory, write):
    folder, done = write(althistory, format)
    assert (folder / "SOURCES.md").is_file()
    for table in TABLES:
        frame = read(folder / f"{table}.{format}")
        stored = althistory.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        names = [d[1] for d in althistory.db.execute(f"PRAGMA table_info({table})")]
        assert list(frame.columns) == names, table
        assert len(frame) == len(stored) == done.counts["tables"][table], table
    events = read(folder / f"events.{format}")
    stored = althistory.db.execute("SELECT id, sub_event_type, notes FROM events ORDER BY id").fetchall()
    assert [tuple(r) for r in events[["id", "sub_event_type", "notes"]].itertuples(index=False)] == \
        [tuple(r) for r in stored]


def test_filters_keep_the_events_they_select_and_every_telling(synthetic, write):
    folder, done = write(synthetic, "parquet", types=("Battles",))
    events = pd.read_parquet(folder / "events.parquet")
    assert len(events) == done.counts["tables"]["events"] > 0
    assert set(events["event_type"]) == {"Battles"}
    assert len(pd.read_parquet(folder / "sources.parquet")) == 6  # the other tables whole


def test_the_folder_must_be_new_or_empty(althistory, tmp_path):
    from annalyst.export import FilterError, export

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(FilterError, match="new or empty folder"):
        export(althistory, "csv", tmp_path / "full")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
