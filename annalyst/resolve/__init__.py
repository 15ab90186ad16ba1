"""Resolve: facts from many documents -> one world. Public API."""
from annalyst.resolve.entities import entity_for, events_of, names_of, resolve_page, world_profile

__all__ = ["resolve_page", "names_of", "events_of", "entity_for", "world_profile"]
