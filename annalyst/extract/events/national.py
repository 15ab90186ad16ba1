"""Generic actor mentions as ACLED names them for the country a report is about: "soldiers" in a
Somali report are "Military Forces of Somalia"; rules in ``annalyst/data/events/actors.yaml``."""
from __future__ import annotations

from functools import lru_cache

from annalyst.extract.actors import actor_table

from .reports import text_country
from .rules import rules_of
from .triggers import country_actor

__all__ = ["national_actor"]


@lru_cache(maxsize=4096)
def national_actor(name: str, country: str | None) -> tuple[str, str] | None:
    """(ACLED's actor for a generic mention in ``country``, the rule's name), or None when the name is
    not generic or no country is known."""
    if not country:
        return None
    known = actor_table().actors.get(name)
    if known is not None and known.countries:
        return None  # a listed actor ("Izz ad-Din al-Qassam Brigades", "Puntland Security Forces") is itself
    own = text_country(name)  # "British 6th Airborne Division" serves Britain, wherever the report is
    for rule in rules_of("actors", "generic"):
        if rule.pattern.match(name.strip()):
            actor = country_actor(rule.result["template"], own or country)
            return (actor, rule.name) if actor else None
    return None
