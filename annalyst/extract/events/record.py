"""The event record: ACLED's fields, each with the evidence it was read from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from annalyst.model import Evidence

__all__ = ["Event", "Role", "ACLED_FIELDS"]

ACLED_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                "actor2", "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude",
                "geo_precision", "fatalities", "notes")


@dataclass(frozen=True)
class Event:
    """One event as ACLED codes it: who did what to whom, where and when, with evidence per field."""

    event_date: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: tuple[str, ...]
    actor2: str | None
    assoc_actor_2: tuple[str, ...]
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | dict | None
    notes: str
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)
    confidence: float = 0.5
    timex: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """ACLED field names, plus timex, confidence and evidence as {field: [{start, end, text}]}."""
        out: dict[str, Any] = {name: getattr(self, name) for name in ACLED_FIELDS}
        out["assoc_actor_1"] = list(self.assoc_actor_1)
        out["assoc_actor_2"] = list(self.assoc_actor_2)
        out["timex"] = self.timex
        out["confidence"] = round(self.confidence, 3)
        out["evidence"] = {name: [{"start": e.start, "end": e.end, "text": e.text} for e in spans]
                           for name, spans in self.evidence.items()}
        return out


@dataclass(frozen=True)
class Role:
    """An actor named in a role, with the characters it was read from (into the parsed text)."""

    name: str
    start: int
    end: int
