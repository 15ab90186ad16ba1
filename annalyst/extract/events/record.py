"""An actor named in a role, as the parse reads it (the event record itself is ``annalyst.model.Event``)."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Role"]


@dataclass(frozen=True)
class Role:
    """An actor named in a role, with the characters it was read from (into the parsed text)."""

    name: str
    start: int
    end: int
