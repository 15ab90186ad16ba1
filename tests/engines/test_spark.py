"""Spark and the process pool store the same facts, events and evidence from one dump.

Spark runs in local mode (pyspark from PyPI, the machine's Java), driver on 127.0.0.1, no UI."""
from __future__ import annotations

import bz2
import shutil

import pyspark  # noqa: F401 - a test dependency (pyproject's test extra): missing, this file fails
import pytest

from annalyst import pipeline
from annalyst.engines import spark
from annalyst.store import rows
from annalyst.read.dump import write_dump
from annalyst.store.db import open_store
from tests.conftest import CORPUS

TABLES = {
    "facts": "SELECT f.source_id, f.entity_id, f.field, f.value, f.qualifiers, f.object_id FROM facts f ORDER BY f.source_id, f.id",
    "events": "SELECT source_id, event_date, sub_event_type, actor1, actor2, location, fatalities, notes, evidence"
              " FROM events ORDER BY source_id, id",
    "evidence": 'SELECT source_id, start, "end", text, extractor FROM evidence ORDER BY source_id, id',
    "documents": "SELECT source_id, text, structure, markup, origin FROM documents ORDER BY source_id",
}


def _pages() -> list[tuple[str, str]]:
    pages = []
    for folder, n in (("althistory", 3), ("wikipedia", 2), ("wild", 2)):
        for path in sorted((CORPUS / folder).glob("*.txt"))[:n]:
            text = path.read_text(encoding="utf-8")
            pages.append((f"{folder}/{path.stem}", text[text.index("---", 3) + 4:] if text.startswith("---") else text))
    return pages


def test_spark_and_the_pool_store_the_same(tmp_path):
    assert shutil.which("java"), "Spark needs Java on PATH (the Debian package default-jre-headless)"
    dump = tmp_path / "wiki.xml.bz2"
    with bz2.open(dump, "wb") as out:
        write_dump(_pages(), out, base="https://example.org/wiki/Main_Page")
    contents = {}
    for engine in ("pool", "spark"):
        store = open_store(tmp_path / f"{engine}.db")
        report = pipeline.ingest([dump], store, workers=1, engine=engine, master="local[2]",
                                 parquet=tmp_path / "parquet" if engine == "spark" else None)
        assert not report.errors and len(report.stored) == 7, report.summary()
        contents[engine] = {t: [tuple(r) for r in store.db.execute(q)] for t, q in TABLES.items()}
    for table in TABLES:
        assert contents["pool"][table], table
        assert contents["spark"][table] == contents["pool"][table], table
    # the Parquet tables Spark wrote hold the store's columns and the rows the store got
    session = spark.session("local[1]")
    try:
        for table in ("facts", "events", "evidence", "documents"):
            frame = session.read.parquet(str(tmp_path / "parquet" / "batch-0" / table))
            assert frame.columns == ["page", "row", *(name for name, _ in rows.TABLES[table])], table
            assert frame.count() == len(contents["pool"][table]), table
    finally:
        session.stop()


def test_a_spark_that_cannot_start_is_one_error_naming_the_master(tmp_path, monkeypatch):
    from annalyst.errors import EngineError

    def refuses(master):
        raise RuntimeError("Java gateway process exited\nbefore sending its port number")
    monkeypatch.setattr(spark, "session", refuses)
    with pytest.raises(EngineError, match=r"^Spark at local\[2\]: could not start \(Java gateway process exited before"):
        list(spark.run(str.upper, ["a"], master="local[2]"))


def test_a_parquet_folder_that_holds_files_is_refused_before_spark_starts(tmp_path, monkeypatch):
    from annalyst.errors import EngineError
    (tmp_path / "old.parquet").write_text("")
    monkeypatch.setattr(spark, "session", lambda master: pytest.fail("Spark started"))
    with pytest.raises(EngineError, match="the Parquet folder is not empty"):
        list(spark.run(str.upper, ["a"], master="local[2]", parquet=tmp_path))
