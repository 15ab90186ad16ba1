"""Full-text search over the stored world (SQLite FTS5, table ``search``): entities by every name the
sources give them, events by their type, place, actors and notes, sources by title."""
from __future__ import annotations

import re

from annalyst.store.db import Store

__all__ = ["record", "search"]

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def record(store: Store) -> int:
    """Rebuild the index from everything stored; the number of rows indexed."""
    db = store.db
    rows: list[tuple] = []
    names: dict[str, tuple[str, str, list[str]]] = {}
    for r in db.execute("SELECT entity_id, entity_name, entity_kind, name FROM world_names ORDER BY id"):
        names.setdefault(r["entity_id"], (r["entity_name"], r["entity_kind"], []))[2].append(r["name"])
    for entity_id, (name, kind, written) in names.items():
        rows.append((kind, entity_id, name, " | ".join(dict.fromkeys([name, *written]))))
    for r in db.execute("SELECT id, event_date, sub_event_type, location, actor1, actor2, notes FROM events"):
        label = " ".join(x for x in (r["event_date"], r["sub_event_type"], r["location"]) if x)
        rows.append(("event", str(r["id"]), label, " ".join(x for x in (r["actor1"], r["actor2"], r["notes"]) if x)))
    rows += [("source", r["id"], r["title"], r["title"]) for r in db.execute("SELECT id, title FROM sources")]
    with db:
        db.execute("DELETE FROM search")
        db.executemany("INSERT INTO search (kind, key, label, text) VALUES (?, ?, ?, ?)", rows)
    return len(rows)


def search(store: Store, query: str, limit: int = 50) -> list[dict]:
    """The best matches of every word of ``query`` (as phrases: punctuation is no FTS5 syntax here):
    entities first, those with a name that is the query itself before the rest, then by rank; each
    with its kind, key and label."""
    words = _WORD.findall(query)
    if not words:
        return []
    match = " ".join('"' + w.replace('"', "") + '"' for w in words)
    rows = store.db.execute(
        "SELECT kind, key, label FROM search WHERE search MATCH ? ORDER BY kind IN ('event', 'source'),"
        " instr(lower(' | ' || text || ' | '), lower(' | ' || ? || ' | ')) = 0, rank LIMIT ?",
        (match, query.strip(), limit))
    return [dict(r) for r in rows]
