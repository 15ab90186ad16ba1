"""``acled-csv``: events in ACLED's columns and order (``data/exports/acled.yaml``), one row per event.

ACLED codes every event to a day and a place, so an event with no date, or with neither a country
nor coordinates, cannot be a row: it is counted under ``left_out``. An event its source places in a
country only is written at the country's point with geo-precision 3.
"""
from __future__ import annotations

import csv
import time
from datetime import datetime
from functools import lru_cache
from typing import TextIO

from annalyst.data import load_yaml
from annalyst.export.places import country, country_point
from annalyst.export.select import Selection, stable_number, ymd

__all__ = ["write", "columns", "rows"]


def columns() -> list[str]:
    return [c["name"] for c in load_yaml("exports/acled.yaml")["columns"]]


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection's events as ACLED CSV; the counts written and left out."""
    writer = csv.DictWriter(out, fieldnames=columns(), lineterminator="\n")
    writer.writeheader()
    counts = {"written": 0, "left_out": {}}
    for row in rows(selection, counts["left_out"]):
        writer.writerow(row)
        counts["written"] += 1
    return counts


def rows(selection: Selection, left_out: dict[str, int]):
    """Each event as a dict of ACLED's columns (``left_out`` counts those that cannot be rows)."""
    rules = load_yaml("exports/acled.yaml")
    titles: dict[str, str] = {}
    stamps: dict[str, int] = {}
    for event in selection.events():
        where = _where(event)
        reason = "no date" if not event["event_date"] else "no place" if where is None else None
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
            continue
        info, location, latitude, longitude, geo_precision = where
        if not event["actor1"] and event["actor2"]:  # ACLED's actor 1 is never empty, and the order means nothing
            event = {**event, "actor1": event["actor2"], "assoc_actor_1": event["assoc_actor_2"], "actor2": None,
                     "assoc_actor_2": []}
        inter1, inter2 = inter_code(event["actor1"]), inter_code(event["actor2"]) if event["actor2"] else 0
        for s in event["sources"]:
            if s not in titles:
                titles[s], stamps[s] = _source_row(selection, s)
        fatalities = event["fatalities"]
        yield {
            "event_id_cnty": f"{info['iso3']}{stable_number(event['key'])}",
            "event_date": event["event_date"],
            "year": ymd(event["event_date"])[0],
            "time_precision": event["time_precision"] or 3,
            "disorder_type": rules["disorder_by_sub_event_type"].get(
                event["sub_event_type"], rules["disorder_by_event_type"].get(event["event_type"], "")),
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": event["actor1"] or "",
            "assoc_actor_1": "; ".join(event["assoc_actor_1"] or ()),
            "inter1": inter1,
            "actor2": event["actor2"] or "",
            "assoc_actor_2": "; ".join(event["assoc_actor_2"] or ()),
            "inter2": inter2,
            "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 else inter1 * 10,
            "civilian_targeting": "Civilian targeting" if (
                event["event_type"] in rules["civilian_targeting"]["event_types"]
                or inter2 in rules["civilian_targeting"]["inter2"]) else "",
            "iso": info["isonumeric"],
            "region": region(event["country"]),
            "country": info["name"],
            "admin1": event["admin1"] or "",
            "admin2": "",
            "admin3": "",
            "location": location,
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": geo_precision,
            "source": "; ".join(titles[s] for s in event["sources"]),
            "source_scale": rules["source_scale"],
            "notes": event["notes"],
            "fatalities": fatality_low(fatalities) or 0,
            "tags": "",
            "timestamp": max(stamps[s] for s in event["sources"]),
        }


def _where(event: dict):
    """(country record, location, latitude, longitude, geo-precision), or None."""
    info = country(event["country"])
    if info is None:
        return None
    if event["latitude"] is not None and event["longitude"] is not None:
        return (info, event["location"] or info["name"], event["latitude"], event["longitude"],
                event["geo_precision"] or 3)
    point = country_point(event["country"])
    return (info, info["name"], *point, 3) if point else None


@lru_cache(maxsize=None)
def region(code: str) -> str:
    """ACLED's region of a country (``data/exports/acled_regions.yaml``), empty when it has none."""
    regions = load_yaml("exports/acled_regions.yaml")
    return next((name for name, codes in regions.items() if code in codes), "")


def fatality_low(value) -> int | None:
    """A stored fatality figure as one number: a range's lowest (ACLED's conservative rule)."""
    if isinstance(value, dict):
        return value.get("low") if value.get("low") is not None else value.get("high")
    return value if isinstance(value, int) else None


@lru_cache(maxsize=4096)
def inter_code(name: str | None) -> int:
    """ACLED's actor-type code of a canonical actor name; 0 when the actor table does not type it."""
    if not name:
        return 0
    from annalyst.extract.actors import actor_table

    actor = actor_table().actors.get(name)
    return load_yaml("exports/acled.yaml")["inter_codes"].get(actor.kind, 0) if actor else 0


def _source_row(selection: Selection, source_id: str) -> tuple[str, int]:
    """A source's title, and when it was last changed (its revision's time, else when it was read,
    else now) in Unix seconds."""
    row = selection.store.db.execute("SELECT title, timestamp, retrieved FROM sources WHERE id = ?",
                                     (source_id,)).fetchone()
    for stamp in (row["timestamp"], row["retrieved"]) if row else ():
        try:
            return row["title"], int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())
        except (AttributeError, ValueError):
            continue
    return (row["title"] if row else source_id), int(time.time())
