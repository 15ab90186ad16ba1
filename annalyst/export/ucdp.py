"""``ucdp-csv``: events in the columns of UCDP's GED (``data/exports/ucdp.yaml``), one row per event.

GED holds organised violence (battles, remote violence, one-sided violence against civilians), so
other events (protests, strategic developments) and events with no country or date are counted under
``left_out``, not written. GED also requires a death; a source's telling that gives no figure is
written with ``best``, ``low`` and ``high`` empty, and counted under ``no_deaths_reported``, so that a
script can keep GED's threshold or not.
"""
from __future__ import annotations

import csv
import math
from typing import TextIO

from annalyst.data import load_yaml
from annalyst.days import span_width
from annalyst.export.acled import fatality_low, inter_code
from annalyst.export.places import country, country_point
from annalyst.export.select import Selection, stable_number, ymd

__all__ = ["write", "priogrid_gid"]


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection's events as GED CSV; the counts written and left out."""
    rules = load_yaml("exports/ucdp.yaml")
    writer = csv.DictWriter(out, fieldnames=rules["columns"], lineterminator="\n", restval="")
    writer.writeheader()
    counts: dict = {"written": 0, "no_deaths_reported": 0, "left_out": {}}
    for event in selection.events():
        row, reason = _row(selection, event, rules)
        if row is None:
            counts["left_out"][reason] = counts["left_out"].get(reason, 0) + 1
            continue
        writer.writerow(row)
        counts["written"] += 1
        counts["no_deaths_reported"] += row["best"] is None
    return counts


def _row(selection: Selection, event: dict, rules: dict) -> tuple[dict | None, str | None]:
    if event["event_type"] not in rules["organised_violence"]:
        return None, "not organised violence"
    low, high = _deaths(event["fatalities"])
    info = country(event["country"])
    if info is None or event["days"] is None:
        return None, "no country" if info is None else "no date"
    latitude, longitude, where_prec = _point(event, rules)
    if latitude is None:
        return None, "no place"
    side_a, side_b = _sides(event, rules)
    titles = [selection.store.db.execute("SELECT title, url FROM sources WHERE id = ?", (s,)).fetchone()
              for s in event["sources"]]
    first, last = event["days"]
    violence = 3 if event["event_type"] in rules["one_sided"] else 1 if {
        inter_code(event["actor1"]), inter_code(event["actor2"])} & set(rules["state_inter_codes"]) else 2
    return {
        "id": stable_number(event["key"]), "relid": event["key"], "year": ymd(first)[0], "active_year": "", "code_status": "",
        "type_of_violence": violence, "dyad_name": f"{side_a} - {side_b}", "side_a": side_a, "side_b": side_b,
        "number_of_sources": len(event["sources"]),
        "source_article": "; ".join(f"{t['title']} ({t['url']})" if t["url"] else t["title"] for t in titles if t),
        "source_headline": "; ".join(t["title"] for t in titles if t),
        "where_prec": where_prec, "where_coordinates": event["location"] or info["name"],
        "where_description": ", ".join(x for x in (event["location"], event["admin1"], info["name"]) if x),
        "adm_1": event["admin1"] or "", "latitude": latitude, "longitude": longitude,
        "geom_wkt": f"POINT ({longitude} {latitude})", "priogrid_gid": priogrid_gid(latitude, longitude),
        "country": info["name"], "event_clarity": 1, "date_prec": _date_prec(event, rules),
        "date_start": first, "date_end": last, "best": low, "high": high, "low": low,
        # GED splits the best estimate by side; a report rarely does: civilians in one-sided violence
        "deaths_civilians" if violence == 3 else "deaths_unknown": low,
    }, None


def _deaths(value) -> tuple[int | None, int | None]:
    """(low, high) of a stored fatality figure: a number is both."""
    low = fatality_low(value)
    high = value.get("high", low) if isinstance(value, dict) else low
    return low, high if high is not None else low


def _point(event: dict, rules: dict) -> tuple[float | None, float | None, int | None]:
    where = rules["where_prec"]
    if event["latitude"] is not None and event["longitude"] is not None:
        precision = where["geo_precision"].get(event["geo_precision"])
        if precision is None:
            precision = where["region_with_admin1"] if event["admin1"] else where["country_only"]
        return event["latitude"], event["longitude"], precision
    point = country_point(event["country"])
    return (*point, where["country_only"]) if point else (None, None, None)


def _sides(event: dict, rules: dict) -> tuple[str, str]:
    """GED's side_a (a government, where one takes part) and side_b (``Civilians`` in one-sided
    violence), named as GED names states: "Government of <country>"."""
    a, b = event["actor1"] or "", event["actor2"] or ""
    if inter_code(b) in rules["state_inter_codes"] and inter_code(a) not in rules["state_inter_codes"]:
        a, b = b, a
    if event["event_type"] in rules["one_sided"]:
        b = "Civilians"
    return _government(a), _government(b)


def _government(name: str) -> str:
    from annalyst.extract.actors import actor_table

    actor = actor_table().actors.get(name)
    if actor and inter_code(name) == 1 and len(actor.countries) == 1 and (info := country(actor.countries[0])):
        return f"Government of {info['name']}"
    return name


def _date_prec(event: dict, rules: dict) -> int:
    width = span_width((ymd(event["days"][0]), ymd(event["days"][1])))
    return next(r["code"] for r in rules["date_prec"] if r["max_days"] is None or width <= r["max_days"])


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell (half a degree, numbered from the south-west corner row by row) of a point."""
    row = min(int(math.floor((latitude + 90) / 0.5)), 359)
    col = min(int(math.floor((longitude + 180) / 0.5)), 719)
    return row * 720 + col + 1
