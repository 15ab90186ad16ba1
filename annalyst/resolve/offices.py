"""Who held which office, as each source says: the claims the ``offices`` contradiction compares.

Two kinds of claim, both from infobox conventions:

- a state's infobox lists its current office-holders (``office_holders``, read from
  "Template:Infobox country"'s leader_title / leader_name sub-rows): each holds its office at the
  time the page was written;
- a treaty's signatories (``signatories`` of "Template:Infobox treaty", "President of Russia
  Vladimir Putin") hold their offices on the day it was signed.

An office is its title and the state it belongs to, as the resolved world names the state
("President" on Russia's page and "President of Russia" on a treaty's page are one office).
"""
from __future__ import annotations

import json
from typing import Callable

from annalyst.extract.establishment import office_holder
from annalyst.store.db import Store

__all__ = ["office_claims"]


def office_claims(store: Store, entity: Callable[[str], str], clusters: dict[str, str],
                  span_days: Callable, claim: Callable) -> list[dict]:
    """Each claim: office key and name, person, days (None: current when written), source, citation
    (made by ``claim(row, value)`` from its fact row; ``span_days`` gives a date's days)."""
    names = {r["id"]: r["name"] for r in store.db.execute("SELECT id, name FROM entities")}
    out = []
    for r in store.db.execute("SELECT * FROM facts WHERE field = 'office_holders' ORDER BY source_id, id"):
        value = json.loads(r["value"])
        state = value.get("state")
        holder = clusters.get(r["entity_id"], r["entity_id"]) if not state else entity(state)
        out.append(_claim(value, holder, state or names.get(r["entity_id"], ""), None, r, claim(r, value)))
    signed = {}
    for r in store.db.execute("SELECT entity_id, value FROM facts WHERE field = 'signed'"):
        edtf = json.loads(r["value"]).get("edtf")
        if edtf and (days := span_days(edtf)):
            signed[r["entity_id"]] = days
    for r in store.db.execute("SELECT * FROM facts WHERE field = 'signatories' ORDER BY source_id, id"):
        value = json.loads(r["value"])
        parsed = office_holder(value) if isinstance(value, str) else None
        if parsed is None or r["entity_id"] not in signed or not parsed["state"]:
            continue
        out.append(_claim(parsed, entity(parsed["state"]), parsed["state"], signed[r["entity_id"]], r,
                          claim(r, value)))
    return out


def _claim(value: dict, state_id: str, state_name: str, days, row, claim: dict) -> dict:
    title = value["title"].replace("-", " ")
    return {"office": f"{title.casefold()}|{state_id}", "office_name": f"{value['title']} of {state_name}",
            "person": value["person"], "days": days, "source_id": row["source_id"], "claim": claim}
