"""``jsonld``: entities, events and contradictions as JSON-LD, with schema.org types and Wikidata's
properties where one exists (``data/exports/wikidata.yaml``).

The ``@context`` is bundled (``data/exports/context.jsonld``) and written into the document, so that
it expands with no network. Every value is a node with ``value`` (``rdf:value``) and
``wasDerivedFrom`` (``prov:wasDerivedFrom``): the sources' spans it was read from, each with its
source, quote and offsets. Each source is a ``schema:CreativeWork`` node with its licence.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import TextIO
from urllib.parse import quote

from annalyst.data import load_yaml
from annalyst.export.acled import fatality_low
from annalyst.export.select import Selection, participants

__all__ = ["write", "context"]


@lru_cache(maxsize=1)
def context() -> dict:
    """The bundled ``@context`` (its inner object)."""
    return json.loads(files("annalyst.data").joinpath("exports/context.jsonld").read_text(encoding="utf-8"))["@context"]


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection as one JSON-LD document, a node at a time."""
    counts = {"written": 0, "entities": 0, "contradictions": 0}
    out.write('{"@context": ' + json.dumps(context(), ensure_ascii=False) + ', "@graph": [\n')
    first = True

    def emit(node: dict) -> None:
        nonlocal first
        out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
        first = False

    mapping = load_yaml("exports/wikidata.yaml")
    for entity in selection.entities():
        emit(_entity(entity, mapping))
        counts["entities"] += 1
    for event in selection.events():
        emit(_event(selection, event))
        counts["written"] += 1
    for n, c in enumerate(selection.contradictions()):
        emit({"@id": f"annalyst:contradiction:{n}", "@type": "ann:Contradiction", "about": _id(c["entity_id"]),
              "field": c["field"], "kind": c["kind"], "severity": c["severity"],
              "claims": [{"value": _literal(claim["value"]), "source": _source_id(claim["source_id"]),
                          "wasDerivedFrom": _evidence(claim["source_id"], claim["evidence"])} for claim in c["claims"]]})
        counts["contradictions"] += 1
    for s in selection.sources():
        emit({"@id": _source_id(s["id"]), "@type": "schema:CreativeWork", "name": s["title"],
              **({"url": s["url"]} if s["url"] else {}), "license": s["licence"] or "not stated",
              **({"dateRetrieved": s["retrieved"]} if s["retrieved"] else {})})
    out.write("\n]}\n")
    return counts


def _entity(entity: dict, mapping: dict) -> dict:
    node: dict = {"@id": _id(entity["id"]), "@type": mapping["types"].get(entity["kind"], "schema:Thing"),
                  "name": entity["name"], "kind": entity["kind"]}
    aliases = sorted({n["name"] for n in entity["names"]} - {entity["name"]})
    if aliases:
        node["alternateName"] = aliases
    for n in entity["names"]:
        spec = mapping["names"].get(n["kind"])
        if spec:
            literal = {"@value": n["name"], "@language": n["lang"]} if n["lang"] else n["name"]
            evidence = [{"start": n["start"], "end": n["end"], "text": n["text"]}] if n["start"] is not None else []
            node.setdefault(spec["term"], []).append(
                {"value": literal, "wasDerivedFrom": _evidence(n["source_id"], evidence)})
    for fact in entity["facts"]:
        if fact["field"] in ("name", "kind"):
            continue
        spec = mapping["fields"].get(fact["field"])
        key = spec["term"] if spec else f"ann:{fact['field']}"
        node.setdefault(key, []).append(_value(fact, spec))
    return node


def _value(fact: dict, spec: dict | None) -> dict:
    value = fact["value"]
    out: dict = {"wasDerivedFrom": _evidence(fact["source_id"], fact["evidence"])}
    if isinstance(value, dict) and "edtf" in value:
        ends = value["edtf"].split("/")
        end = ends[-1] if spec and spec.get("end") == "last" else ends[0]
        out.update({"value": end if end not in ("", "..") else value["edtf"], "edtf": value["edtf"]})
    elif isinstance(value, dict) and ("low" in value or "high" in value):
        out.update({"@type": "schema:QuantitativeValue", "minValue": value.get("low"), "maxValue": value.get("high"),
                    "value": value.get("text") or _literal(value)})
    else:
        out["value"] = _literal(value.get("value") or value.get("text") or value) if isinstance(value, dict) else value
    if fact["object_id"]:
        out["object"] = _id(fact["object_id"])
    if fact["qualifiers"]:
        out["qualifier"] = fact["qualifiers"]
        if spec and spec.get("point_in_time"):
            from annalyst.extract.values import period

            dates = [d for d in (period(q) for q in fact["qualifiers"]) if d and "/" not in d]
            if dates:
                out["pointInTime"] = dates[0]
    return out


def _event(selection: Selection, event: dict) -> dict:
    node: dict = {"@id": f"annalyst:event:{event['key']}", "@type": "schema:Event",
                  "name": ", ".join(x for x in (event["sub_event_type"], event["location"] or event["country"],
                                                event["event_date"]) if x),
                  "eventType": event["event_type"], "subEventType": event["sub_event_type"],
                  "description": event["notes"], "sources": [_source_id(s) for s in event["sources"]]}
    if event["days"]:
        node["startDate"], node["endDate"] = event["days"]
        node["timePrecision"] = event["time_precision"]
    for role in ("actor1", "actor2"):
        if event[role]:
            node[role] = _id(selection.entity_of(event[role]))
    names = participants(event)
    if names:
        node["participant"] = sorted({_id(selection.entity_of(n)) for n in names})
    if event["location"] or event["country"]:
        place = {"@type": "schema:Place", "name": event["location"] or event["country"]}
        for key in ("latitude", "longitude", "country", "admin1"):
            if event[key] is not None:
                place[key] = event[key]
        node["location"] = place
        node["geoPrecision"] = event["geo_precision"]
    if event["fatalities"] is not None:
        f = event["fatalities"]
        node["fatalities"] = {"@type": "schema:QuantitativeValue", "minValue": fatality_low(f),
                              "maxValue": f.get("high") if isinstance(f, dict) else f}
    node["wasDerivedFrom"] = [e for t in event["tellings"] for e in _evidence(
        t["source_id"], [span for spans in t["evidence"].values() for span in spans])]
    return node


def _evidence(source_id: str | None, spans: list[dict]) -> list[dict]:
    return [{"source": _source_id(e.get("source_id") or source_id), "quote": e["text"], "start": e["start"],
             "end": e["end"]} for e in spans if e.get("start") is not None]


def _id(entity_id: str) -> str:
    return f"annalyst:{quote(entity_id, safe=':')}"  # an IRI: spaces and the like percent-encoded


def _source_id(source_id: str | None) -> str:
    return f"annalyst:source:{quote(str(source_id), safe='')}"


def _literal(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
