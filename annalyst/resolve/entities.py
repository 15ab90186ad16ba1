"""Entity resolution, first step: a page's profile and its events speak of one subject.

The event layer names actors as ACLED does ("Islamic State"); a page's profile names its
subject as the page does ("Islamic State of Iraq and the Levant", with ISIL, ISIS and IS as
aliases). :func:`resolve_page` adds the names under which the page's events name its subject
to the subject's aliases, each citing the event that names it, so that the store holds one
entity for both. :func:`names_of` and :func:`events_of` read the store back through those
names: ``annalyst show ISIL`` lists its events, and ``annalyst timeline ISIS`` finds them.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Iterable, Sequence

from annalyst.extract.actors import canonical_actor
from annalyst.model import CONTROL_TYPES, Alias, Entity, Event, Extraction, Fact, entity_id
from annalyst.read.lines import without_disambiguation
from annalyst.resolve import world
from annalyst.resolve.report import recorded
from annalyst.store.db import Store
from annalyst.store.profiles import find_entity, profile
from annalyst.store.timeline import timeline

__all__ = ["resolve_page", "names_of", "events_of", "entity_for", "world_profile", "sources_disagree"]

EXTRACTOR = "resolve.entities"
_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def resolve_page(extraction: Extraction, events: Sequence[Event]) -> Extraction:
    """The extraction, its subject's aliases completed with the actor names its events give it, and its
    opponents with the other sides of the battles for territory it fights."""
    subject = extraction.subject
    from annalyst.extract.kind import is_actor

    if not is_actor(subject.kind):
        return extraction
    written = {subject.name, without_disambiguation(subject.name), *(a.name for a in extraction.aliases)}
    canonical = {c for c in (canonical_actor(n) for n in written) if c}
    added: dict[str, Alias] = {}
    fallback: dict[str, bool] = {}  # names cited to the page's own name, for want of an event writing them
    for event in events:
        for role in _ROLES:
            for name in _names(getattr(event, role)):
                if name not in canonical or name in written:
                    continue
                # cite where an event writes the name; else the page's own name for its subject, which
                # the actor table maps to it ("Islamic State of Iraq and the Levant" -> "Islamic State")
                cited = [e for e in event.evidence.get(role, ()) if name.casefold() in e.text.casefold()]
                if name not in added or (cited and fallback.get(name)):
                    chosen = cited[0] if cited else subject.evidence[0]
                    fallback[name] = not cited
                    added[name] = Alias(subject.id, name, "actor_name", (replace(chosen, extractor=EXTRACTOR),))
    if added:
        extraction = replace(extraction, aliases=(*extraction.aliases, *added.values()))
    return _event_opponents(extraction, events, canonical | written)


# ACLED Codebook (2023), "Battles": "a violent interaction between two organised armed groups". Of
# its sub-events, the two in which one side takes territory from the other ("Government regains
# territory", "Non-state actor overtakes territory") name opponents with the least doubt: an armed
# clash read from prose is often not one ("received fifty revolvers from ETA"), so it names none.
# (the territory-control sub-events, less the one that is no fight: "Non-violent transfer of territory")
_OPPONENT_SUB_EVENTS = CONTROL_TYPES - {"Non-violent transfer of territory"}
# ACLED's categories that are no organised armed side, or name none until a country is attached
_NOT_ARMED_SIDES = frozenset({"Civilians", "Protesters", "Rioters", "Police", "Military", "Unidentified Armed Group"})


def _event_opponents(extraction: Extraction, events: Sequence[Event], own: set[str]) -> Extraction:
    """The subject's opponents as its page's battles for territory name them: the other side of each
    one it fights, cited to where the event writes that side (an opponent or ally the page's facts already
    name is not added)."""
    subject = extraction.subject
    # the page's own word on a relation outranks one inferred from its events: an ally it names is never
    # made an opponent (an event coder's error, "received revolvers from ETA", would otherwise do it)
    known = {f.value for f in extraction.facts if f.field in ("opponents", "allies") and isinstance(f.value, str)}
    known |= {c for c in (canonical_actor(v) for v in list(known)) if c}
    facts: list[Fact] = []
    entities = {e.id for e in extraction.entities} | {subject.id}
    new_entities: list[Entity] = []
    for event in events:
        if event.sub_event_type not in _OPPONENT_SUB_EVENTS:
            continue
        sides = {"actor1": event.actor1, "actor2": event.actor2}
        for mine, theirs in (("actor1", "actor2"), ("actor2", "actor1")):
            other = sides[theirs]
            if sides[mine] not in own or not other or other in own or other in known or not other[:1].isupper() \
                    or other.split(" (")[0] in _NOT_ARMED_SIDES:
                continue  # the subject's own side, a relation the page states, a generic "state forces"
            cited = list(event.evidence.get(theirs, ()))
            if not cited:
                continue
            known.add(other)
            written = cited[0].text
            qualifiers = (f"written: {written}",) if written != other else ()
            object_id = entity_id("actor", other)
            facts.append(Fact(subject.id, "opponents", other, (replace(cited[0], extractor=EXTRACTOR),),
                              qualifiers, object_id=object_id))
            if object_id not in entities:
                entities.add(object_id)
                new_entities.append(Entity(object_id, "actor", other, (replace(cited[0], extractor=EXTRACTOR),)))
    if not facts:
        return extraction
    return replace(extraction, facts=(*extraction.facts, *facts), entities=(*extraction.entities, *new_entities))


def _names(value) -> Iterable[str]:
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value or () if isinstance(v, str))


def entity_for(store: Store, name: str) -> str | None:
    """The entity a name means, across every page: the entity the resolved world ties the name to
    (``annalyst.resolve.world``: a page's subject by its title, name or alias, another page's name for
    it, an analyst's override), else a page's subject by its title without spaces."""
    found = world.lookup(store, name)  # after the analysts' overrides
    if found is not None:
        return found
    entity_id = find_entity(store, name)  # a title written without its spaces ("PoliticsofSyria")
    return world.cluster_map(store).get(entity_id, entity_id) if entity_id is not None else None


def names_of(store: Store, name: str, entity_id: str | None = None) -> set[str]:
    """Every name the store knows the entity called ``name`` (or ``entity_id``) by (its name, its
    aliases, the names every page gives it), and the canonical actor each stands for."""
    found = {name}
    entity_id = entity_id or entity_for(store, name)
    given: list[dict] = []
    if entity_id is not None:
        row = store.db.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is not None:
            found.add(row["name"])
        found |= {r["name"] for r in store.db.execute("SELECT name FROM aliases WHERE entity_id = ?", (entity_id,))}
        given = world.names(store, entity_id)  # with the canonical actor each stands for, as resolved
        found |= {r["name"] for r in given} | {r["canonical"] for r in given if r["canonical"]}
    if name.casefold() not in {r["name"].casefold() for r in given}:  # a name no source gives it
        found |= {c for c in (canonical_actor(name),) if c}
    return found


def _kind(store: Store, entity_id: str | None) -> str | None:
    if entity_id is None:
        return None
    row = store.db.execute("SELECT kind FROM entities WHERE id = ?", (entity_id,)).fetchone() or \
        store.db.execute("SELECT entity_kind AS kind FROM world_names WHERE entity_id = ? LIMIT 1",
                         (entity_id,)).fetchone()
    return row["kind"] if row else None


def world_profile(store: Store, entity_id: str) -> dict:
    """An entity's profile across pages: its page's profile when it has one (else its name and kind as
    the pages that mention it give them), every name each page gives it with the rule that tied it and
    its citation, and its events from every page."""
    if store.db.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone():
        found = profile(store, entity_id)
    else:  # an entity no page is about: only mentions make it
        named = world.names(store, entity_id)
        row = store.db.execute("SELECT entity_name, entity_kind FROM world_names WHERE entity_id = ? LIMIT 1",
                               (entity_id,)).fetchone()
        found = {"id": entity_id, "kind": row["entity_kind"],
                 "name": {"value": row["entity_name"], "evidence": [_cite(n) for n in named if n["source_id"]][:1]}}
    own = {found["name"]["value"]} | {a["value"] for a in found.get("aliases", ())}
    by_name: dict[str, dict] = {}
    for n in world.names(store, entity_id):
        if n["name"] in own and n["rule"] == "same-name" and n["source_id"] in {
                s["id"] for s in found.get("sources", ())}:
            continue  # the page's own names are its aliases already
        item = by_name.setdefault(n["name"], {"value": n["name"], "rule": n["rule"], "evidence": []})
        cited = {(e["source_id"], e["start"], e["end"]) for e in item["evidence"]}
        if n["source_id"] and (n["source_id"], n["start"], n["end"]) not in cited and len(item["evidence"]) < 5:
            item["evidence"].append(_cite(n))
    if by_name:
        found["names_across_pages"] = list(by_name.values())
    found["events"] = events_of(store, found["name"]["value"], entity_id)
    disputed = sources_disagree(store, entity_id)
    if disputed:
        found["sources_disagree"] = disputed
    return found


def sources_disagree(store: Store, entity_id: str) -> list[dict]:
    """Every value each source gives a field of the entity where sources contradict each other
    (the report ``annalyst.resolve.contradictions`` stores after each ingest): one item per field and
    source value, with its citation."""
    out: dict[tuple[str, str, str], dict] = {}
    for c in recorded(store, entity_id):
        for claim in c.claims:
            key = (c.field, claim["source_id"], json.dumps(claim["value"], sort_keys=True, default=str))
            out.setdefault(key, {"field": c.field, "kind": c.kind, "value": claim["value"],
                                 "source_id": claim["source_id"], "title": claim["title"], "url": claim["url"],
                                 "evidence": claim["evidence"]})
    return sorted(out.values(), key=lambda i: (i["field"], str(i["value"])))


def _cite(n: dict) -> dict:
    return {"source_id": n["source_id"], "start": n["start"], "end": n["end"], "text": n["text"],
            "extractor": f"{world.__name__}.{n['rule']}"}


def events_of(store: Store, name: str, entity_id: str | None = None) -> list[dict]:
    """Stored events, in time order, that an entity takes part in (an actor's), or that happen where it
    is (a place's), under any of its names."""
    entity_id = entity_id or entity_for(store, name)
    kind = _kind(store, entity_id)
    from annalyst.extract.kind import is_actor  # its rules load only when an entity's events are read

    roles = ("location",) if kind in ("state_or_place", "place") else (
        ("actors",) if kind is not None and (is_actor(kind) or kind == "actor") else ("actors", "location"))
    return timeline(store, names_of(store, name, entity_id), roles)
