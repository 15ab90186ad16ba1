"""The SQLite store: one file, WAL, foreign keys; a source's rows are replaced as a whole."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from annalyst import __version__
from annalyst.errors import StoreError
from annalyst.model import Document, Extraction, Source
from annalyst.store.rows import TABLES, source_rows
from annalyst.store.schema import migrate


def open_store(path: str | Path) -> "Store":
    """Open (creating and migrating if needed) the store at ``path``."""
    try:
        db = sqlite3.connect(str(path))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    db.row_factory = sqlite3.Row
    return Store(db)


class Store:
    """Reads and writes the knowledge base. Every write is one transaction per source."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def close(self) -> None:
        self.db.close()

    def save(self, doc: Document, extraction: Extraction, events: Sequence = (),
             control: Sequence[dict] = ()) -> str:
        """Store one source's document and extraction: "added", "replaced" or "unchanged"."""
        return self.save_rows(source_rows(doc, extraction, events, control))

    def save_rows(self, rows: dict[str, list[tuple]]) -> str:
        """Store one source's rows (``annalyst.store.rows``), replacing what it had stored, in one
        transaction: "added", "replaced" or "unchanged"."""
        (source,) = rows["sources"]
        source_id, digest = source[0], source[_HASH]
        row = self.db.execute("SELECT content_hash, pipeline_version FROM sources WHERE id = ?",
                              (source_id,)).fetchone()
        if row is not None and tuple(row) == (digest, __version__):
            return "unchanged"
        with self.db:
            self.db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
            self.db.executemany(_insert_sql("sources"), rows["sources"])
            self.db.executemany(_insert_sql("documents"), rows["documents"])
            # a page's subject says what it is; another page naming it (an ally, a leader) does not
            for entity_id, kind, name, subject in rows["entities"]:
                self.db.execute("INSERT INTO entities (id, kind, name) VALUES (?, ?, ?) ON CONFLICT (id)"
                                " DO UPDATE SET kind = excluded.kind, name = excluded.name" if subject else
                                "INSERT OR IGNORE INTO entities (id, kind, name) VALUES (?, ?, ?)", (entity_id, kind, name))
            # an evidence row names its alias or fact by its place in the source: their ids, once inserted
            ids = {table: {r[0]: self.db.execute(_insert_sql(table, skip=1), r[1:]).lastrowid for r in rows[table]}
                   for table in ("aliases", "facts")}
            self.db.executemany(
                'INSERT INTO evidence (source_id, start, "end", text, extractor, extractor_version, entity_id,'
                " alias_id, fact_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*r[:7], ids["aliases"].get(r[7]), ids["facts"].get(r[8])) for r in rows["evidence"]])
            for table in ("media", "events", "territory_control"):
                self.db.executemany(_insert_sql(table), rows[table])
            self._collect_orphans()
        return "added" if row is None else "replaced"

    def has_revision(self, source: Source) -> bool:
        """Whether this revision of a dump's page is stored already, by this version of annalyst."""
        if source.revision_id is None:
            return False
        row = self.db.execute("SELECT revision_id, pipeline_version FROM sources WHERE id = ?", (source.id,)).fetchone()
        return row is not None and tuple(row) == (source.revision_id, __version__)

    def save_redirect(self, redirect) -> None:
        """Record a redirect page (``annalyst.read.dump.Redirect``): its title names its target's subject."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO redirects (id, title, target, page_id) VALUES (?, ?, ?, ?)",
                            (redirect.source_id, redirect.title, redirect.target, redirect.page_id))

    def _collect_orphans(self) -> None:
        """Entities that no stored source speaks of any more go."""
        self.db.execute("""DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM evidence WHERE entity_id IS NOT NULL)
                           AND id NOT IN (SELECT entity_id FROM facts)
                           AND id NOT IN (SELECT object_id FROM facts WHERE object_id IS NOT NULL)""")

    def counts(self) -> dict[str, int]:
        """Rows per table, for a quick look at what is stored."""
        tables = ["sources", "documents", "entities", "aliases", "facts", "media", "evidence", "events",
                  "territory_control"]
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


_HASH = [name for name, _ in TABLES["sources"]].index("content_hash")


def _insert_sql(table: str, skip: int = 0) -> str:
    """An INSERT of a table's columns in ``TABLES`` (less the first ``skip``, references within the source)."""
    names = ['"' + name + '"' for name, _ in TABLES[table][skip:]]  # "end", "from" are SQL words
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
