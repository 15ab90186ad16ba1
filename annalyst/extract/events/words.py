"""Word lists the event stages share, each kept once in ``annalyst/data/events/people.yaml``."""
from __future__ import annotations

from functools import lru_cache

from annalyst.data import load_yaml

__all__ = ["civilian_nouns"]


@lru_cache(maxsize=1)
def civilian_nouns() -> frozenset[str]:
    """Nouns that describe unarmed people ("civilians", "driver", "worshippers")."""
    return frozenset(load_yaml("events/people.yaml")["civilian_nouns"])
