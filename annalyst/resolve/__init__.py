"""Resolve: facts from many documents -> one world. Public API."""
from annalyst.resolve.entities import events_of, names_of, resolve_page

__all__ = ["resolve_page", "names_of", "events_of"]
