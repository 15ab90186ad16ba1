"""What each page shows, as plain data (the JSON twins return it as it is; the templates render it)."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from annalyst.store.db import Store

__all__ = ["search", "entity", "profile_rows", "source", "timeline", "contradictions", "network", "map_layers",
           "cite"]


def cite(source_id: str, start: int | None, end: int | None) -> str:
    """The address of a source's page, scrolled to a span and highlighting it."""
    query = {"id": source_id} | ({"start": start, "end": end} if start is not None and end is not None else {})
    return "/source?" + urlencode(query) + ("#hl" if start is not None else "")


def search(store: Store, q: str) -> list[dict]:
    from annalyst.store.search import search as find

    out = []
    for hit in find(store, q):
        if hit["kind"] == "source":
            link = cite(hit["key"], None, None)
        elif hit["kind"] == "event":
            row = store.db.execute("SELECT source_id, evidence FROM events WHERE id = ?", (int(hit["key"]),)).fetchone()
            spans = json.loads(row["evidence"]) if row else {}
            first = (spans.get("sub_event_type") or spans.get("notes") or [{}])[0]
            link = cite(row["source_id"], first.get("start"), first.get("end")) if row else None
        else:
            link = "/entity?" + urlencode({"id": hit["key"]})
        out.append({**hit, "link": link})
    return out


def entity(store: Store, entity_id: str) -> dict | None:
    """The entity's profile across pages (``annalyst show --json``), or None."""
    from annalyst.resolve import world_profile

    known = store.db.execute("SELECT 1 FROM entities WHERE id = ? UNION SELECT 1 FROM world_names WHERE entity_id = ?",
                             (entity_id, entity_id)).fetchone()
    return world_profile(store, entity_id) if known else None


def profile_rows(found: dict) -> list[dict]:
    """A profile as rows of (field, value, language, citations), each citation a link to its span."""
    rows = []
    for field, items in found.items():
        if field in ("id", "kind", "kind_evidence", "sources", "events", "media"):
            continue
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, dict):
                continue
            if field == "sources_disagree":
                value = f"{item['field']}: {item['value']} ({item['title']})"
            else:
                value = item.get("text") or item.get("value") or item.get("edtf") or json.dumps(
                    {k: v for k, v in item.items() if k in ("low", "high")})
            evidence = item.get("evidence") or []
            rows.append({"field": field, "value": str(value), "lang": item.get("lang"),
                         "cites": [{"text": e.get("text") or "", "link": cite(e["source_id"], e.get("start"), e.get("end"))}
                                   for e in evidence if e.get("source_id")][:5]})
    return rows


def source(store: Store, source_id: str, start: int | None = None, end: int | None = None) -> dict | None:
    """A stored source's text cut into segments, each with the kinds of every span that covers it
    (fact fields, names, event fields, territory control), the ``start``..``end`` span marked."""
    row = store.db.execute("SELECT s.id, s.title, s.url, s.licence, d.text FROM sources s JOIN documents d"
                           " ON d.source_id = s.id WHERE s.id = ?", (source_id,)).fetchone()
    if row is None:
        return None
    text = row["text"]
    spans = [(r["start"], r["end"], r["kind"]) for r in store.db.execute(
        """SELECT v.start, v."end", coalesce(f.field, a.kind, 'subject') AS kind FROM evidence v
           LEFT JOIN facts f ON f.id = v.fact_id LEFT JOIN aliases a ON a.id = v.alias_id
           WHERE v.source_id = ?""", (source_id,))]
    for r in store.db.execute("SELECT sub_event_type, evidence FROM events WHERE source_id = ?", (source_id,)):
        for field, found in json.loads(r["evidence"]).items():
            spans += [(e["start"], e["end"], f"event {field}") for e in found if e.get("start") is not None]
    for r in store.db.execute("SELECT evidence FROM territory_control WHERE source_id = ?", (source_id,)):
        spans += [(e["start"], e["end"], "territory control") for e in json.loads(r["evidence"])]
    spans = [(max(0, s), min(len(text), e), k) for s, e, k in spans if s < e]
    if start is not None and end is not None:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans),
                   *((start, end) if start is not None and end is not None else ())})
    segments, first_mark = [], True
    for a, b in zip(cuts, cuts[1:]):
        kinds = sorted({k for s, e, k in spans if s <= a and b <= e})
        marked = start is not None and end is not None and start <= a and b <= end
        segments.append({"text": text[a:b], "start": a, "kinds": kinds, "marked": marked,
                         "anchor": marked and first_mark})
        first_mark = first_mark and not marked
    return {"id": row["id"], "title": row["title"], "url": row["url"], "licence": row["licence"],
            "segments": segments, "highlight": [start, end] if start is not None else None}


def timeline(store: Store, filters) -> dict:
    from annalyst.export import Selection

    events = []
    for e in Selection(store, filters).events():
        days = e["days"]
        precision = "undated" if not days else "day" if days[0] == days[1] else "span"
        first = (e["evidence"].get("sub_event_type") or e["evidence"].get("notes") or [{}])[0]
        events.append({"key": e["key"], "event_date": e["event_date"], "days": days, "precision": precision,
                       "event_type": e["event_type"], "sub_event_type": e["sub_event_type"], "actor1": e["actor1"],
                       "actor2": e["actor2"], "location": e["location"], "fatalities": e["fatalities"],
                       "notes": e["notes"], "sources": e["sources"],
                       "link": cite(e["source_id"], first.get("start"), first.get("end"))})
    return {"filters": {"actor": filters.actor, "place": filters.place, "type": list(filters.types),
                        "from": filters.start, "to": filters.end}, "events": events}


def contradictions(store: Store) -> list[dict]:
    from annalyst.resolve.report import recorded

    out = []
    for c in recorded(store):
        item = c.as_dict()
        for claim in item["claims"]:
            claim["cites"] = [{"text": e["text"], "link": cite(claim["source_id"], e["start"], e["end"])}
                              for e in claim["evidence"]]
        out.append(item)
    return out


def network(store: Store, filters) -> dict:
    from annalyst.export import Selection

    selection = Selection(store, filters)
    edges = list(selection.relations())
    nodes = {e["id"]: {"id": e["id"], "label": e["name"], "kind": e["kind"]} for e in selection.entities()}
    for edge in edges:
        nodes.setdefault(edge["target"], {"id": edge["target"], "label": edge["target_name"], "kind": "name"})
    return {"nodes": list(nodes.values()),
            "edges": [{"source": e["source"], "target": e["target"], "type": e["type"], "from": e["from"],
                       "until": e["until"], "source_id": e["source_id"]} for e in edges]}


def map_layers(store: Store, filters) -> dict:
    """Events with coordinates and territory-control periods, as one GeoJSON FeatureCollection."""
    import io

    from annalyst.export import Selection
    from annalyst.export.geojson import write

    out = io.StringIO()
    write(Selection(store, filters), out)
    return json.loads(out.getvalue())
