"""The data model: frozen values that every stage reads and returns.

Every value annalyst outputs carries at least one :class:`Evidence`, a view into
the exact text that was stored for its :class:`Source` (like spaCy's ``Span``:
offsets, never a loose copy of the text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Evidence:
    """A span of a stored source text that a value was taken from."""

    source_id: str
    start: int
    end: int
    text: str
    extractor: str
    extractor_version: str = "0.1"

    def as_dict(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "start": self.start, "end": self.end,
                "text": self.text, "extractor": self.extractor,
                "extractor_version": self.extractor_version}


@dataclass(frozen=True)
class Source:
    """Where a text came from, and under which licence it may be reused."""

    id: str
    title: str
    url: str | None = None
    licence: str | None = None
    retrieved: str | None = None
    licence_evidence: Evidence | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text: [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class InfoboxRow:
    """One infobox row: its label as written and its value span.

    ``form`` says how the page wrote it: ``rendered`` (label and value as a table row),
    ``param`` (a "- Param: value" dump) or ``dict`` (the Python-literal "Information box"
    line, whose value lines may hold escapes such as ``\\'``).
    """

    label: str
    label_span: Span
    value_span: Span
    value_lines: tuple[Span, ...] = ()
    form: str = "rendered"


@dataclass(frozen=True)
class Media:
    """An image file name and its caption: kept, but never a fact."""

    file: str
    file_span: Span
    caption: str | None = None
    caption_span: Span | None = None


@dataclass(frozen=True)
class Structure:
    """What a reader found in a page, as spans into ``Document.text``."""

    title: Span | None = None
    native_name: Span | None = None
    infobox: tuple[InfoboxRow, ...] = ()
    media: tuple[Media, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    citations: tuple[Span, ...] = ()
    footer: Span | None = None
    body_start: int = 0
    data_lines: tuple[Span, ...] = ()  # lines that hold infobox data: never prose
    header: Span | None = None  # the title as a rendered article's header line writes it


@dataclass(frozen=True)
class Document:
    """A source and its text exactly as read, with the structure found in it."""

    source: Source
    text: str
    structure: Structure = field(default_factory=Structure)

    def evidence(self, start: int, end: int, extractor: str, version: str = "0.1") -> Evidence:
        """Evidence for ``text[start:end]`` of this document."""
        return Evidence(self.source.id, start, end, self.text[start:end], extractor, version)


@dataclass(frozen=True)
class Entity:
    """Something facts are about: an actor, a place, a conflict."""

    id: str
    kind: str  # actor | place | conflict | person | other
    name: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Alias:
    """Another name of an entity, with the language or script it is written in."""

    entity_id: str
    name: str
    kind: str  # alias | native_name | abbreviation | misspelling
    evidence: tuple[Evidence, ...]
    lang: str | None = None
    script: str | None = None


@dataclass(frozen=True)
class Fact:
    """One field of an entity's profile: a typed value with its evidence.

    ``value`` is JSON-serialisable: a string, or a dict such as
    ``{"low": 52600, "high": 257900}`` or ``{"edtf": "1999/2018"}``.
    """

    entity_id: str
    field: str
    value: Any
    evidence: tuple[Evidence, ...]
    qualifiers: tuple[str, ...] = ()
    object_id: str | None = None  # the entity the value names (an ally, a place, a leader)


@dataclass(frozen=True)
class Extraction:
    """Everything one page says about its subject, each value with evidence."""

    subject: Entity
    entities: tuple[Entity, ...]
    aliases: tuple[Alias, ...]
    facts: tuple[Fact, ...]
    media: tuple[Media, ...]


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
