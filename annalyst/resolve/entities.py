"""Entity resolution, first step: a page's profile and its events speak of one subject.

The event layer names actors as ACLED does ("Islamic State"); a page's profile names its
subject as the page does ("Islamic State of Iraq and the Levant", with ISIL, ISIS and IS as
aliases). :func:`resolve_page` adds the names under which the page's events name its subject
to the subject's aliases, each citing the event that names it, so that the store holds one
entity for both. :func:`names_of` and :func:`events_of` read the store back through those
names: ``annalyst show ISIL`` lists its events, and ``annalyst timeline ISIS`` finds them.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from annalyst.extract.actors import canonical_actor
from annalyst.extract.kind import is_actor
from annalyst.model import Alias, Event, Extraction
from annalyst.read.lines import without_disambiguation
from annalyst.store.db import Store
from annalyst.store.profiles import find_entity
from annalyst.store.timeline import timeline

__all__ = ["resolve_page", "names_of", "events_of"]

EXTRACTOR = "resolve.entities"
_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def resolve_page(extraction: Extraction, events: Sequence[Event]) -> Extraction:
    """The extraction, its subject's aliases completed with the actor names its events give it."""
    subject = extraction.subject
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
    return replace(extraction, aliases=(*extraction.aliases, *added.values())) if added else extraction


def _names(value) -> Iterable[str]:
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value or () if isinstance(v, str))


def names_of(store: Store, name: str, entity_id: str | None = None) -> set[str]:
    """Every name the store knows the entity called ``name`` (or ``entity_id``) by (its name, its
    aliases), and the canonical actor each stands for."""
    found = {name}
    entity_id = entity_id or find_entity(store, name)
    if entity_id is not None:
        row = store.db.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
        found.add(row["name"])
        found |= {r["name"] for r in store.db.execute("SELECT name FROM aliases WHERE entity_id = ?", (entity_id,))}
    found |= {c for c in (canonical_actor(n) for n in list(found)) if c}
    return found


def events_of(store: Store, name: str, entity_id: str | None = None) -> list[dict]:
    """Stored events, in time order, that an entity takes part in (an actor's), or that happen where it
    is (a place's), under any of its names."""
    entity_id = entity_id or find_entity(store, name)
    row = store.db.execute("SELECT kind FROM entities WHERE id = ?", (entity_id,)).fetchone() if entity_id else None
    kind = row["kind"] if row else None
    roles = ("location",) if kind in ("state_or_place", "place") else (
        ("actors",) if kind is not None and (is_actor(kind) or kind == "actor") else ("actors", "location"))
    return timeline(store, names_of(store, name, entity_id), roles)
