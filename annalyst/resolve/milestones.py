"""A state's one-time milestones as every page dates them: its independence, its declaration of
independence, the start of its civil war.

One milestone happens once, so two pages that date it to days that cannot both be contradict each
other. The claims come from three places:

- an Infobox country establishment row (``established_events``): "Independence 1 May 2015" on
  Scotland's page is Scotland's (a row of no known milestone, "Customs union treaty signed", is
  compared with the rows of the same label); "Scottish Independence 5th May 2015" on the United
  Kingdom's page is Scotland's too, by its demonym (``annalyst/data/places/demonyms.tsv`` and actors.yaml);
- a sentence (``milestones`` facts, :mod:`annalyst.extract.prose_facts`): "On the 15th March 2015,
  Scotland formally left the United Kingdom";
- a conflict page named after its country ("Syrian Civil War"): the start of its date.

Each source is held to its most precise statement of a milestone: a page that writes both "May
2015" and "1 May 2015" claims the 1st, and another page's 5th contradicts it.
"""
from __future__ import annotations

import json
import re
from typing import Callable, Iterator

from annalyst.days import span_width
from annalyst.extract.actors import demonym_places
from annalyst.extract.prose_facts import milestone_type
from annalyst.read.lines import without_disambiguation
from annalyst.store.db import Store

__all__ = ["milestone_claims", "most_precise"]

# "Syrian Civil War", "the Iraqi Civil War": a civil war named after its country
_NAMED_WAR = re.compile(r"^(?:the\s+)?(?P<place>.+?)\s+[Cc]ivil\s+[Ww]ar$")


def milestone_claims(store: Store, entity: Callable[[str], str], clusters: dict[str, str],
                     span_days: Callable, claim: Callable) -> dict[tuple[str, str], list]:
    """(place entity, milestone) -> [(source id, (first day, last day), claim dict)], each claim made
    by ``claim(row, value)`` from its fact row."""
    found: dict[tuple[str, str], list] = {}

    def add(place: str, kind: str, row, value: dict, edtf: str | None) -> None:
        days = span_days(edtf) if edtf else None
        if days is not None:
            found.setdefault((place, kind), []).append((row["source_id"], days, claim(row, value)))

    for row in _facts(store, ("established_events", "milestones")):
        value = json.loads(row["value"])
        if not isinstance(value, dict) or "/" in (value.get("edtf") or "/"):
            continue
        subject = clusters.get(row["entity_id"], row["entity_id"])
        if row["field"] == "milestones":
            kind, place = value.get("type"), entity(value["of"]) if value.get("of") else subject
        else:
            kind, named = _row_milestone(value.get("event") or "")
            place = entity(named) if named else subject
        if kind:
            add(place, kind, row, value, value["edtf"])
    for row in _facts(store, ("date",)):
        if row["kind"] != "conflict":
            continue
        m = _NAMED_WAR.match(without_disambiguation(row["name"]))
        place = _place_named(m.group("place")) if m else None
        value = json.loads(row["value"])
        if place and isinstance(value, dict) and value.get("edtf"):
            add(entity(place), "civil war", row, value, value["edtf"].split("/")[0])
    return found


def most_precise(claims: list) -> list:
    """Each source's narrowest claims: a source writing "May 2015" and "1 May 2015" claims the 1st."""
    by_source: dict[str, list] = {}
    for c in claims:
        by_source.setdefault(c[0], []).append(c)
    kept = []
    for items in by_source.values():
        width = min(span_width(c[1]) for c in items)
        kept += [c for c in items if span_width(c[1]) == width]
    return kept


def _facts(store: Store, fields: tuple[str, ...]) -> Iterator:
    return store.db.execute(
        f"""SELECT f.id, f.entity_id, f.field, f.value, f.source_id, e.kind, e.name
            FROM facts f JOIN entities e ON e.id = f.entity_id
            WHERE f.field IN ({",".join("?" * len(fields))}) ORDER BY f.source_id, f.id""", fields)


def _row_milestone(label: str) -> tuple[str | None, str | None]:
    """The milestone an establishment row names, and the place its demonym names (None: the page's own).
    A row no milestone type names is still one dated event of its state, known by its own label
    ("Customs union treaty signed"): sources giving that row are compared with each other."""
    places = demonym_places()
    words = label.split()
    for n in (2, 1):  # "Northern Irish Independence", "Scottish Independence"
        head = " ".join(words[:n])
        if len(words) > n and head in places:
            rest = " ".join(words[n:])
            return milestone_type(rest) or rest.casefold(), places[head]
    return (milestone_type(label) or " ".join(words).casefold() or None), None


def _place_named(written: str) -> str | None:
    """The place a war's name names: a demonym's place ("Syrian"), or a name as written ("Yemen")."""
    places = demonym_places()
    if written in places:
        return places[written]
    return written if written[:1].isupper() and written in set(places.values()) else None
