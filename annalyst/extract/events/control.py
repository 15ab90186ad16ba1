"""Territory control: who holds a place, from when until when, built from capture events."""
from __future__ import annotations

import re
from typing import Sequence

from annalyst.days import date_key
from annalyst.model import CONTROL_TYPES

__all__ = ["territory_control", "holder_name"]

_STATE_NAME = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+)$|^Government of (?:the )?(.+)$")


def holder_name(actor: str) -> str:
    """The holder a capturing actor stands for: a state's forces hold for the state ("Military Forces of Iraq" -> "Iraq")."""
    m = _STATE_NAME.match(actor)
    return (m.group(1) or m.group(2)) if m else actor


_MONTH = re.compile(r"-?\d{4,}(?:-\d\d)?")


def _month(timex: str | None, event_date: str | None) -> str | None:
    """The month (or the year, if that is all the TIMEX3 value gives) an event is dated to, as ISO,
    BC years astronomical ("-0043-03"), from the event date when the value is TIMEX3's "BC0044"."""
    value = timex if timex and not timex.startswith("BC") else event_date
    m = _MONTH.match(value) if value else None
    return m.group() if m else None


def territory_control(events: Sequence) -> list[dict]:
    """Control rows {"place","holder","from","until","evidence"} from events that change who holds a place."""
    # a place is what the gazetteer can put on a map: "Rio Protocol" names a treaty, not a town
    changes = sorted((e for e in events if e.sub_event_type in CONTROL_TYPES and e.location and e.actor1
                      and e.event_date and e.latitude is not None), key=lambda e: (e.location, date_key(e.event_date)))
    rows: list[dict] = []
    for event in changes:
        holder, start = holder_name(event.actor1), _month(event.timex, event.event_date)
        evidence = [{"start": ev.start, "end": ev.end, "text": ev.text}
                    for field in ("sub_event_type", "actor1", "location", "event_date")
                    for ev in event.evidence.get(field, ())]
        previous = rows[-1] if rows and rows[-1]["place"] == event.location else None
        if previous and previous["holder"] == holder:
            previous["evidence"] += evidence
            continue
        if previous:
            previous["until"] = start
        rows.append({"place": event.location, "holder": holder, "from": start, "until": None, "evidence": evidence})
    return sorted(rows, key=lambda r: (r["place"], date_key(r["from"])))
