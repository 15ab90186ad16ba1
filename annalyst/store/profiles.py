"""Reading profiles back out of the store: each value with its citations."""
from __future__ import annotations

import json

from annalyst.data import field_spec
from annalyst.store.db import Store


def find_entity(store: Store, name: str) -> str | None:
    """The id of the entity called ``name`` or known by it as an alias; subjects of pages first.
    Failing that, a page's subject whose name differs only in spacing ("PoliticsofSyria")."""
    rows = store.db.execute(
        """SELECT e.id, (SELECT count(*) FROM facts f WHERE f.entity_id = e.id) AS n FROM entities e
           WHERE e.name = ?1 COLLATE NOCASE OR e.id IN (SELECT entity_id FROM aliases WHERE name = ?1 COLLATE NOCASE)
           ORDER BY n DESC, e.id LIMIT 1""", (name.strip(),)).fetchone()
    if rows is None:
        rows = store.db.execute(
            """SELECT e.id FROM entities e JOIN facts f ON f.entity_id = e.id AND f.field = 'name'
               WHERE replace(e.name, ' ', '') = replace(?1, ' ', '') COLLATE NOCASE ORDER BY e.id LIMIT 1""",
            (name.strip(),)).fetchone()
    return rows["id"] if rows else None


def profile(store: Store, entity_id: str) -> dict:
    """An entity's profile: every field with its value(s), qualifiers and evidence."""
    db = store.db
    entity = db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    out: dict = {"id": entity["id"], "kind": entity["kind"]}
    facts = _merged_facts(store, entity_id)
    kinds = facts.pop("kind", [])
    if kinds:  # the rules that decided the kind, each citing what it read
        out["kind_evidence"] = [e for item in kinds if item["value"] == entity["kind"] for e in item["evidence"]]
    for field, items in facts.items():
        if _multi(field):
            out[field] = items
        else:
            out[field] = items[0]
            if len(items) > 1:  # sources disagree on a value that can only have one
                out[field]["contradicted_by"] = items[1:]
    out.setdefault("name", {"value": entity["name"], "evidence": _evidence(store, "entity_id", entity_id)})
    _names(store, entity_id, out)
    out["media"] = _media(store, entity_id)
    out["sources"] = _sources(store, entity_id)
    if out["sources"]:
        out["license"] = out["sources"][0]["license"]
    from annalyst.store.reviews import apply
    return apply(store, entity_id, out)  # the analysts' decisions, which outlive re-ingests


def _merged_facts(store: Store, entity_id: str) -> dict[str, list[dict]]:
    """Each field's distinct values; one value stated by several sources keeps all their evidence."""
    fields: dict[str, dict[str, dict]] = {}
    for fact in store.db.execute("SELECT * FROM facts WHERE entity_id = ? ORDER BY id", (entity_id,)):
        value = json.loads(fact["value"])
        key = json.dumps(value.get("edtf", value) if isinstance(value, dict) else value, sort_keys=True)
        item = fields.setdefault(fact["field"], {}).setdefault(key, _value(value))
        if json.loads(fact["qualifiers"]):
            item["qualifiers"] = json.loads(fact["qualifiers"])
        item.setdefault("evidence", []).extend(_evidence(store, "fact_id", fact["id"]))
    return {field: list(values.values()) for field, values in fields.items()}


def _multi(field: str) -> bool:
    return bool(field_spec(field).get("multi"))


def _value(value) -> dict:
    return dict(value) if isinstance(value, dict) else {"value": value}


def _evidence(store: Store, column: str, owner) -> list[dict]:
    rows = store.db.execute(f'SELECT source_id, start, "end", text, extractor, extractor_version'
                            f" FROM evidence WHERE {column} = ? ORDER BY id", (owner,))
    return [dict(r) for r in rows]


def _names(store: Store, entity_id: str, out: dict) -> None:
    """Aliases and native names; one name given by several sources keeps all their evidence."""
    merged: dict[tuple, dict] = {}
    for row in store.db.execute("SELECT * FROM aliases WHERE entity_id = ? ORDER BY id", (entity_id,)):
        item = merged.setdefault((row["name"], row["kind"]), {
            "value": row["name"], "kind": row["kind"], "lang": row["lang"], "script": row["script"],
            "evidence": []})
        item["evidence"].extend(_evidence(store, "alias_id", row["id"]))
    out["aliases"] = [i for i in merged.values() if i["kind"] not in ("native_name", "actor_name")]
    actor_names = [i for i in merged.values() if i["kind"] == "actor_name"]
    if actor_names:  # the names the event layer gives it (annalyst.resolve), not the page's own
        out["actor_names"] = actor_names
    natives = [i for i in merged.values() if i["kind"] == "native_name"]
    if natives:  # one field: the infobox's native name and the lead's, each with its script
        out["native_name"] = natives


def _media(store: Store, entity_id: str) -> list[dict]:
    found = []
    for row in store.db.execute("SELECT m.*, d.text FROM media m JOIN documents d USING (source_id)"
                                " WHERE m.entity_id = ? ORDER BY m.id", (entity_id,)):
        spans = [(row["file_start"], row["file_end"])]
        if row["caption_start"] is not None:
            spans.append((row["caption_start"], row["caption_end"]))
        found.append({"file": row["file"], "caption": row["caption"],
                      "evidence": [{"source_id": row["source_id"], "start": s, "end": e, "text": row["text"][s:e]}
                                   for s, e in spans]})
    return found


def _sources(store: Store, entity_id: str) -> list[dict]:
    rows = store.db.execute(
        """SELECT * FROM sources WHERE id IN (SELECT source_id FROM facts WHERE entity_id = ?1
           UNION SELECT source_id FROM evidence WHERE entity_id = ?1) ORDER BY id""", (entity_id,))
    found = []
    for s in rows:
        licence = {"value": s["licence"], "evidence": []}
        if s["licence_start"] is not None:
            licence["evidence"] = [{"source_id": s["id"], "start": s["licence_start"], "end": s["licence_end"],
                                    "text": s["licence_text"]}]
        found.append({"id": s["id"], "title": s["title"], "url": s["url"], "retrieved": s["retrieved"],
                      "license": licence})
    return found


def export(store: Store) -> dict:
    """Every page subject's profile, every source, and every event."""
    subjects = [r["entity_id"] for r in store.db.execute(
        "SELECT DISTINCT entity_id FROM facts WHERE field = 'name' ORDER BY entity_id")]
    from annalyst.store.timeline import control, timeline
    return {"profiles": [profile(store, e) for e in subjects], "events": timeline(store),
            "territory_control": control(store),
            "sources": [dict(r) for r in store.db.execute(
                "SELECT id, title, url, licence, retrieved FROM sources ORDER BY id")]}
