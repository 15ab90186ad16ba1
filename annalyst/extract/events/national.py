"""Generic actor mentions as ACLED names them for the country a report is about: "soldiers" in a
Somali report are "Military Forces of Somalia"; rules in ``annalyst/data/events/actors.yaml``."""
from __future__ import annotations

from functools import lru_cache

from annalyst.extract.actors import actor_table

from .reports import text_country
from .rules import Rule, rules_of
from .triggers import country_actor

__all__ = ["national_actor", "generic_rule"]


@lru_cache(maxsize=4096)
def national_actor(name: str, country: str | None) -> tuple[str, str] | None:
    """(ACLED's actor for a generic mention in ``country``, the rule's name), or None when the name is
    not generic or no country is known."""
    rule = generic_rule(name) if country else None
    if rule is None:
        return None
    own = text_country(name)  # "British 6th Airborne Division" serves Britain, wherever the report is
    actor = country_actor(rule.result["template"], own or country)
    return (actor, rule.name) if actor else None


@lru_cache(maxsize=4096)
def generic_rule(name: str) -> Rule | None:
    """The rule of ``data/events/actors.yaml`` a generic mention matches ("gunmen": generic-unidentified),
    or None for a name of its own (a listed actor is itself, whatever its name ends with)."""
    known = actor_table().actors.get(name)
    if known is not None and known.countries:
        return None  # "Izz ad-Din al-Qassam Brigades", "Puntland Security Forces"
    return next((rule for rule in rules_of("actors", "generic") if rule.pattern.match(name.strip())), None)
