"""The data model: frozen values that every stage reads and returns.

Every value annalyst outputs carries at least one :class:`Evidence`, a view into
the exact text that was stored for its :class:`Source` (like spaCy's ``Span``:
offsets, never a loose copy of the text).
"""
from __future__ import annotations

import re
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
    # a page read from a MediaWiki dump: its page id, the revision kept and when it was saved
    page_id: int | None = None
    revision_id: int | None = None
    timestamp: str | None = None


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
class Footnote:
    """A footnote (a wikitext ``<ref>``): its marker in the text ("[1]"), its text, and the name
    that lets later markers reuse it. Every marker of one named note points to the same text."""

    marker: Span
    text: Span
    name: str | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of the rendered text [start, end) and the stretch of markup it was rendered from.
    Where the two are equally long the text was copied, character for character."""

    start: int
    end: int
    markup_start: int
    markup_end: int


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
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True)
class Document:
    """A source and its text, with the structure found in it: a plain-text page's text exactly as
    read; a page read from markup (wikitext, HTML), the text it shows, its markup kept beside it."""

    source: Source
    text: str
    structure: Structure = field(default_factory=Structure)
    # a page read from markup (wikitext, HTML): ``text`` is what the page shows, ``markup`` the
    # page as read, and ``origin`` where each stretch of the text came from in it
    markup: str | None = None
    origin: tuple[Segment, ...] = ()

    def markup_span(self, start: int, end: int) -> Span | None:
        """The stretch of the markup that ``text[start:end]`` was rendered from (None for plain text,
        or for text the reader wrote itself, such as a row's label)."""
        found: list[tuple[int, int]] = []
        for seg in self.origin:
            if seg.end <= start or seg.start >= end:
                continue
            if seg.end - seg.start == seg.markup_end - seg.markup_start:  # copied: exact offsets
                shift = seg.markup_start - seg.start
                found.append((max(start, seg.start) + shift, min(end, seg.end) + shift))
            else:
                found.append((seg.markup_start, seg.markup_end))
        return Span(min(a for a, _ in found), max(b for _, b in found)) if found else None

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


# ACLED's sub-event types that move territory from one holder to another (ACLED Codebook, "Battles"
# and "Strategic developments"): the events territory control is built from
CONTROL_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory",
                           "Non-violent transfer of territory"})

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


def entity_id(kind: str, name: str) -> str:
    """A stable id for an entity from its kind and name: "actor:boko-haram"."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")
    return f"{kind}:{slug or 'unnamed'}"
