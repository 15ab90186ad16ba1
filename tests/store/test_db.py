"""The store: idempotent ingest, whole-source replacement, readable tables."""
from __future__ import annotations

import sqlite3

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from annalyst.store.profiles import find_entity, profile
from tests.conftest import SEED


def _snapshot(path):
    db = sqlite3.connect(path)
    tables = ["sources", "documents", "entities", "aliases", "facts", "media", "evidence"]
    snap = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    db.close()
    return snap


def test_ingesting_the_same_source_twice_changes_nothing(db_path):
    store = open_store(db_path)
    assert ingest([SEED], store).stored[0][1] == "added"
    before = _snapshot(db_path)
    assert ingest([SEED], store).stored[0][1] == "unchanged"
    assert _snapshot(db_path) == before
    assert len(before["facts"]) > 20


def test_a_changed_version_replaces_that_sources_facts(db_path, tmp_path):
    page = tmp_path / "isil-scotland-says-yes.txt"
    page.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(db_path)
    ingest([page], store)
    page.write_text(SEED.read_text(encoding="utf-8").replace("Leaders Abu Bakr al-Baghdadi",
                                                              "Leaders Abu Ibrahim al-Hashimi"), encoding="utf-8")
    assert ingest([page], store).stored[0][1] == "replaced"
    found = profile(store, find_entity(store, "ISIL"))
    assert [v["value"] for v in found["leaders"]] == ["Abu Ibrahim al-Hashimi"]
    assert find_entity(store, "Abu Bakr al-Baghdadi") is None  # nothing speaks of him any more
    text = page.read_text(encoding="utf-8")
    for ev in found["leaders"][0]["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_schema_uses_foreign_keys_wal_and_migrations(db_path):
    store = open_store(db_path)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA user_version").fetchone()[0] >= 2
    fks = store.db.execute("PRAGMA foreign_key_list(facts)").fetchall()
    assert {fk[2] for fk in fks} == {"entities", "sources"}
