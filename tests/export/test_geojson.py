"""geojson read back with the geojson package and shapely: valid RFC 7946, events at their stored
coordinates, a territory-control layer, and the sources as a foreign member."""
from __future__ import annotations

import geojson
import pytest
from shapely.geometry import shape

from tests.export.conftest import by_key


@pytest.mark.parametrize("store_name", ["althistory", "synthetic"])
def test_events_are_points_at_their_stored_coordinates(store_name, request, write):
    store = request.getfixturevalue(store_name)
    path, done = write(store, "geojson")
    collection = geojson.loads(path.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    stored = by_key(store)
    events = [f for f in collection["features"] if f["properties"]["layer"] == "events"]
    assert len(events) == len(stored) == done.counts["written"]
    placed = 0
    for feature in events:
        event = stored[feature["id"]]
        assert feature["properties"]["sub_event_type"] == event["sub_event_type"]
        if event["latitude"] is not None:
            point = shape(feature["geometry"])
            assert (point.x, point.y) == (event["longitude"], event["latitude"])
            placed += 1
        elif feature["geometry"] is not None:
            assert feature["properties"]["point"] == "country" and feature["properties"]["geo_precision"] == 3
    assert placed > 0
    assert {s["id"] for s in collection["sources"]} >= {e["source_id"] for e in stored.values()}


def test_territory_control_is_a_second_layer(althistory, write):
    path, done = write(althistory, "geojson")
    collection = geojson.loads(path.read_text(encoding="utf-8"))
    control = [f for f in collection["features"] if f["properties"]["layer"] == "territory_control"]
    stored = althistory.db.execute("SELECT place, holder, \"from\", until FROM territory_control").fetchall()
    assert len(control) == len(stored) == done.counts["territory_control"] > 0
    assert {(f["properties"]["place"], f["properties"]["holder"]) for f in control} == {(r[0], r[1]) for r in stored}
    assert any(f["geometry"] for f in control)
