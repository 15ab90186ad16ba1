"""``geojson``: events as Point features with every field as a property (RFC 7946), and a second
layer, territory-control periods, as features whose ``layer`` property says which layer they are.

An event whose source places it in a country only sits at the country's point, with
``geo_precision`` 3 and ``point`` ``country``; one with no place at all has no geometry (RFC 7946,
section 3.2). The sources and their licences are a foreign member, ``sources``, of the collection.
"""
from __future__ import annotations

import json
from typing import TextIO

from annalyst.export.places import country, country_point
from annalyst.export.select import Selection

__all__ = ["write"]


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection as one GeoJSON FeatureCollection, a feature at a time."""
    counts = {"written": 0, "territory_control": 0}
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for feature in _features(selection, counts):
        out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
        first = False
    sources = selection.sources()
    out.write('\n], "sources": ' + json.dumps(sources, ensure_ascii=False) + ', "attribution": '
              + json.dumps("; ".join(f"{s['title']} ({s['licence'] or 'licence not stated'})" for s in sources),
                           ensure_ascii=False) + "}\n")
    return counts


def _features(selection: Selection, counts: dict):
    for event in selection.events():
        properties = {"layer": "events", **event}
        geometry, point = _event_point(event)
        properties["point"] = point
        properties["country_name"] = (country(event["country"]) or {}).get("name")
        if point == "country":
            properties["geo_precision"] = 3
        counts["written"] += 1
        yield {"type": "Feature", "id": event["key"], "geometry": geometry, "properties": properties}
    from annalyst.extract.places import geocode

    for period in selection.control():
        place = geocode(period["place"])
        geometry = ({"type": "Point", "coordinates": [place.longitude, place.latitude]}
                    if place and place.latitude is not None else None)
        counts["territory_control"] += 1
        yield {"type": "Feature", "id": f"control:{period['id']}", "geometry": geometry,
               "properties": {"layer": "territory_control", **{k: v for k, v in period.items() if k != "id"},
                              "geo_precision": place.geo_precision if geometry else None}}


def _event_point(event: dict) -> tuple[dict | None, str | None]:
    if event["latitude"] is not None and event["longitude"] is not None:
        return {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]}, "place"
    point = country_point(event["country"]) if event["country"] else None
    if point:
        return {"type": "Point", "coordinates": [point[1], point[0]]}, "country"
    return None, None
