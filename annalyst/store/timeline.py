"""Stored events in date order, optionally only those an actor or place takes part in."""
from __future__ import annotations

import json
from typing import Iterable

from annalyst.days import date_key
from annalyst.store.db import Store

_JSON_COLUMNS = ("assoc_actor_1", "assoc_actor_2", "fatalities", "evidence")


def timeline(store: Store, names: Iterable[str] | None = None,
             roles: tuple[str, ...] = ("actors", "location")) -> list[dict]:
    """Events by date (then source and position); with ``names``, those whose actors or place (as
    ``roles`` says) one of them names exactly. ``annalyst.resolve.names_of`` gives every name of an
    entity, canonical actor names included."""
    rows = store.db.execute("SELECT * FROM events ORDER BY source_id, id")
    # in time order, which the ISO strings are not once BC years ("-0500", "-0043") are among them
    events = sorted((_record(dict(r)) for r in rows), key=lambda e: date_key(e["event_date"]))
    if names is None:
        return events
    wanted = {n.casefold() for n in ([names] if isinstance(names, str) else names)}
    return [e for e in events if wanted & {n.casefold() for n in _participants(e, roles)}]


def _record(row: dict) -> dict:
    for key in _JSON_COLUMNS:
        row[key] = json.loads(row[key]) if row[key] is not None else None
    return row


def _participants(event: dict, roles: tuple[str, ...]) -> list[str]:
    actors = (event["actor1"], event["actor2"], *(event["assoc_actor_1"] or []), *(event["assoc_actor_2"] or []))
    return [n for n in ((*actors,) if "actors" in roles else ()) + ((event["location"],) if "location" in roles else ())
            if n]


def control(store: Store, place: str | None = None) -> list[dict]:
    """Who held which place, from when until when, as the stored sources tell it."""
    rows = sorted(store.db.execute('SELECT * FROM territory_control ORDER BY place, id').fetchall(),
                  key=lambda r: (r["place"], date_key(r["from"])))
    found = [{**dict(r), "evidence": json.loads(r["evidence"])} for r in rows]
    return [r for r in found if place is None or r["place"].casefold() == place.casefold()]
