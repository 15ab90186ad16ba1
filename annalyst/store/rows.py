"""One source's rows for the store, built without a database.

This is the form in which a page's results travel: a worker builds them, the Spark engine writes
them to Parquet (one table each, the store's own columns, see ``TABLES``), and
:meth:`annalyst.store.db.Store.save_rows` inserts them. Rows are tuples in the column order of
``TABLES``. Aliases and facts get their store ids only when inserted, so their rows carry ``n``,
their position in the source, and an evidence row names its owner by ``alias_n`` or ``fact_n``
(or ``entity_id``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Iterable, Sequence

from annalyst import __version__
from annalyst.model import Document, Evidence, Extraction

__all__ = ["TABLES", "content_hash", "source_rows"]

# the event fields stored as they are, then those stored as JSON
_EVENT_PLAIN = (("event_date", str), ("timex", str), ("time_precision", int), ("event_type", str),
                ("sub_event_type", str), ("actor1", str), ("actor2", str), ("country", str), ("admin1", str),
                ("location", str), ("latitude", float), ("longitude", float), ("geo_precision", int),
                ("notes", str), ("confidence", float))
_EVENT_JSON = ("assoc_actor_1", "assoc_actor_2", "fatalities", "evidence")

# table -> (column, Python type) in insertion order; "n", "alias_n", "fact_n" and "subject" are not columns
# of the store but references within the source (see the module's docstring)
TABLES: dict[str, tuple[tuple[str, type], ...]] = {
    "sources": (("id", str), ("title", str), ("url", str), ("licence", str), ("licence_start", int),
                ("licence_end", int), ("licence_text", str), ("retrieved", str), ("content_hash", str),
                ("pipeline_version", str), ("page_id", int), ("revision_id", int), ("timestamp", str)),
    "documents": (("source_id", str), ("text", str), ("structure", str), ("markup", str), ("origin", str)),
    # subject = 1 for the page's own subject, whose kind and name win over what other pages said
    "entities": (("id", str), ("kind", str), ("name", str), ("subject", int)),
    "aliases": (("n", int), ("entity_id", str), ("source_id", str), ("name", str), ("kind", str), ("lang", str),
                ("script", str)),
    "facts": (("n", int), ("entity_id", str), ("source_id", str), ("field", str), ("value", str),
              ("qualifiers", str), ("object_id", str)),
    "media": (("entity_id", str), ("source_id", str), ("file", str), ("file_start", int), ("file_end", int),
              ("caption", str), ("caption_start", int), ("caption_end", int)),
    "evidence": (("source_id", str), ("start", int), ("end", int), ("text", str), ("extractor", str),
                 ("extractor_version", str), ("entity_id", str), ("alias_n", int), ("fact_n", int)),
    "events": (("source_id", str), *_EVENT_PLAIN, *((name, str) for name in _EVENT_JSON)),
    "territory_control": (("source_id", str), ("place", str), ("holder", str), ("from", str), ("until", str),
                          ("evidence", str)),
}


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def source_rows(doc: Document, extraction: Extraction, events: Sequence = (),
                control: Sequence[dict] = ()) -> dict[str, list[tuple]]:
    """Every row one source puts in the store, by table."""
    s, x, sid = doc.source, extraction, doc.source.id
    ev = s.licence_evidence
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    rows["sources"].append((sid, s.title, s.url, s.licence, ev.start if ev else None, ev.end if ev else None,
                            ev.text if ev else None, s.retrieved, content_hash(doc), __version__, s.page_id,
                            s.revision_id, s.timestamp))
    origin = json.dumps([[g.start, g.end, g.markup_start, g.markup_end] for g in doc.origin]) if doc.origin else None
    rows["documents"].append((sid, doc.text, _json(asdict(doc.structure)), doc.markup, origin))
    evidence = rows["evidence"]

    def cite(items: Iterable[Evidence], entity_id=None, alias_n=None, fact_n=None) -> None:
        evidence.extend((e.source_id, e.start, e.end, e.text, e.extractor, e.extractor_version, entity_id, alias_n,
                         fact_n) for e in items)

    for entity, subject in ((x.subject, 1), *((e, 0) for e in x.entities)):
        rows["entities"].append((entity.id, entity.kind, entity.name, subject))
        cite(entity.evidence, entity_id=entity.id)
    for n, alias in enumerate(x.aliases):
        rows["aliases"].append((n, alias.entity_id, sid, alias.name, alias.kind, alias.lang, alias.script))
        cite(alias.evidence, alias_n=n)
    for n, fact in enumerate(x.facts):
        rows["facts"].append((n, fact.entity_id, sid, fact.field, _json(fact.value), _json(list(fact.qualifiers)),
                              fact.object_id))
        cite(fact.evidence, fact_n=n)
    for m in x.media:
        cap = m.caption_span
        rows["media"].append((x.subject.id, sid, m.file, m.file_span.start, m.file_span.end, m.caption,
                              cap.start if cap else None, cap.end if cap else None))
    for event in events:
        record = event.as_dict()
        rows["events"].append((sid, *(_typed(record.get(c), t) for c, t in _EVENT_PLAIN),
                               *(_json(record.get(c)) for c in _EVENT_JSON)))
    for row in control:
        rows["territory_control"].append((sid, row["place"], row["holder"], row.get("from"), row.get("until"),
                                          _json(row.get("evidence", []))))
    return rows


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _typed(value, kind: type):
    """A value as its column's type, so that every engine writes the same (a whole-number latitude is a float)."""
    return kind(value) if value is not None and kind is float else value
