"""The SQLite store: one file, WAL, foreign keys; a source's rows are replaced as a whole."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Sequence

from annalyst import __version__
from annalyst.errors import StoreError
from annalyst.model import Document, Evidence, Extraction, Source
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


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


class Store:
    """Reads and writes the knowledge base. Every write is one transaction per source."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def close(self) -> None:
        self.db.close()

    def save(self, doc: Document, extraction: Extraction, events: Sequence = (),
             control: Sequence[dict] = ()) -> str:
        """Store one source's document and extraction: "added", "replaced" or "unchanged"."""
        digest = content_hash(doc)
        row = self.db.execute("SELECT content_hash, pipeline_version FROM sources WHERE id = ?",
                              (doc.source.id,)).fetchone()
        if row is not None and tuple(row) == (digest, __version__):
            return "unchanged"
        with self.db:
            self.db.execute("DELETE FROM sources WHERE id = ?", (doc.source.id,))
            self._insert_source(doc, digest)
            self._insert_extraction(doc.source.id, extraction)
            for event in events:
                self._insert_event(doc.source.id, event)
            for row_ in control:
                self.db.execute('INSERT INTO territory_control (source_id, place, holder, "from", until, evidence)'
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                (doc.source.id, row_["place"], row_["holder"], row_.get("from"),
                                 row_.get("until"), json.dumps(row_.get("evidence", []), ensure_ascii=False)))
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

    def _insert_source(self, doc: Document, digest: str) -> None:
        s, ev = doc.source, doc.source.licence_evidence
        self.db.execute(
            "INSERT INTO sources (id, title, url, licence, licence_start, licence_end, licence_text,"
            " retrieved, content_hash, pipeline_version, page_id, revision_id, timestamp)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (s.id, s.title, s.url, s.licence, ev.start if ev else None, ev.end if ev else None,
             ev.text if ev else None, s.retrieved, digest, __version__, s.page_id, s.revision_id, s.timestamp))
        origin = json.dumps([[g.start, g.end, g.markup_start, g.markup_end] for g in doc.origin]) if doc.origin else None
        self.db.execute("INSERT INTO documents (source_id, text, structure, markup, origin) VALUES (?, ?, ?, ?, ?)",
                        (s.id, doc.text, json.dumps(asdict(doc.structure), ensure_ascii=False), doc.markup, origin))

    def _insert_extraction(self, source_id: str, x: Extraction) -> None:
        # a page's subject says what it is; another page naming it (an ally, a leader) does not
        self.db.execute("INSERT INTO entities (id, kind, name) VALUES (?, ?, ?) ON CONFLICT (id)"
                        " DO UPDATE SET kind = excluded.kind, name = excluded.name",
                        (x.subject.id, x.subject.kind, x.subject.name))
        self._evidence(x.subject.evidence, entity_id=x.subject.id)
        for entity in x.entities:
            self.db.execute("INSERT OR IGNORE INTO entities (id, kind, name) VALUES (?, ?, ?)",
                            (entity.id, entity.kind, entity.name))
            self._evidence(entity.evidence, entity_id=entity.id)
        for alias in x.aliases:
            cur = self.db.execute(
                "INSERT INTO aliases (entity_id, source_id, name, kind, lang, script) VALUES (?, ?, ?, ?, ?, ?)",
                (alias.entity_id, source_id, alias.name, alias.kind, alias.lang, alias.script))
            self._evidence(alias.evidence, alias_id=cur.lastrowid)
        for fact in x.facts:
            cur = self.db.execute(
                "INSERT INTO facts (entity_id, source_id, field, value, qualifiers, object_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (fact.entity_id, source_id, fact.field, json.dumps(fact.value, ensure_ascii=False),
                 json.dumps(list(fact.qualifiers), ensure_ascii=False), fact.object_id))
            self._evidence(fact.evidence, fact_id=cur.lastrowid)
        for m in x.media:
            cap = m.caption_span
            self.db.execute(
                "INSERT INTO media (entity_id, source_id, file, file_start, file_end, caption,"
                " caption_start, caption_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (x.subject.id, source_id, m.file, m.file_span.start, m.file_span.end, m.caption,
                 cap.start if cap else None, cap.end if cap else None))

    def _insert_event(self, source_id: str, event) -> None:
        record = event.as_dict()
        cols = ["event_date", "timex", "time_precision", "event_type", "sub_event_type", "actor1",
                "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
                "notes", "confidence"]
        values = [record.get(c) for c in cols]
        cols += ["assoc_actor_1", "assoc_actor_2", "fatalities", "evidence"]
        values += [json.dumps(record.get(c), ensure_ascii=False) for c in cols[-4:]]
        self.db.execute(f"INSERT INTO events (source_id, {', '.join(cols)}) VALUES (?{', ?' * len(cols)})",
                        (source_id, *values))

    def _evidence(self, evidence: Iterable[Evidence], **owner) -> None:
        (column, value), = owner.items()
        for ev in evidence:
            self.db.execute(
                f'INSERT INTO evidence (source_id, start, "end", text, extractor, extractor_version, {column})'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ev.source_id, ev.start, ev.end, ev.text, ev.extractor, ev.extractor_version, value))

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
