"""Infobox rows -> typed facts about the page's subject, driven by ``infobox_fields.yaml``."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from annalyst.extract import values as V
from annalyst.extract.places import geocode
from annalyst.extract.time import tag_dates
from annalyst.model import Document, Entity, Fact, InfoboxRow, entity_id
from annalyst.read.labels import field_of, field_spec, raw_field
from annalyst.read.lines import CITATION
from annalyst.read.pydict import unescape

EXTRACTOR = "extract.infobox"
_ENTITY_KINDS = {"actor": "actor", "person": "person", "place": "place"}


@dataclass(frozen=True)
class InfoboxFacts:
    """The facts of an infobox, and the entities its values name (allies, places, leaders)."""

    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...]


def infobox_facts(doc: Document, subject_id: str, actors: bool = True) -> InfoboxFacts:
    """Typed facts for every infobox row: a label the table knows gives its canonical field,
    any other label is kept as its own field (``raw_field``). Values that name actors become
    actor entities only when ``actors`` (the page is about an actor or a conflict): a
    person's "Predecessor" is no armed actor."""
    facts: list[Fact] = []
    entities: dict[str, Entity] = {}
    for row in doc.structure.infobox:
        if not row.value_lines or not row.label.strip():
            continue
        field = field_of(row.label) or raw_field(row.label)
        if not field:
            continue
        for fact, entity in _row_facts(doc, subject_id, field, row, actors):
            facts.append(fact)
            if entity is not None:
                entities.setdefault(entity.id, entity)
    return InfoboxFacts(tuple(facts), tuple(entities.values()))


# a line of a cell that heads the lines below it ("State allies:", "Non-state opponents:")
_HEADING = re.compile(r"^[^:]{2,40}:$")


def _row_facts(doc: Document, subject_id: str, field: str, row: InfoboxRow, actors: bool):
    kind = field_spec(field)["type"]
    if kind == "actor" and not actors:
        kind = "list"
    split = kind not in ("text", "edtf", "range")
    heading: tuple[str, ...] = ()
    lines = row.value_lines[:1] if field_spec(field).get("one_line") else row.value_lines
    for line in lines:
        written = CITATION.sub("", doc.text[line.start:line.end]).strip()
        if len(lines) > 1 and _HEADING.match(written):
            heading = (written.rstrip(":").strip(),)
            continue
        commas = row.form == "dict" and kind in ("person", "actor")
        for item in V.items(doc.text, (line,), split=split, commas=commas):
            if row.form == "dict":
                item = V.Item(unescape(item.text), item.span, item.qualifiers)
            evidence = (doc.evidence(item.span.start, item.span.end, EXTRACTOR), _row_evidence(doc, row, item))
            value, entity = _typed(kind, item, evidence)
            if value is None:
                continue
            yield Fact(subject_id, field, value, evidence, heading + item.qualifiers,
                       object_id=entity.id if entity else None), entity


def _row_evidence(doc: Document, row: InfoboxRow, item: V.Item):
    """The row as read, from its label to this value ("Active 1999-2018"); the label alone
    when the value sits on a later line."""
    same_line = "\n" not in doc.text[row.label_span.start:item.span.end]
    end = item.span.end if same_line else row.label_span.end
    return doc.evidence(row.label_span.start, end, EXTRACTOR)


def _typed(kind: str, item: V.Item, evidence) -> tuple[object, Entity | None]:
    if kind == "edtf":
        first = item.text.split(";")[0]  # "10 December 1987; 35 years ago"
        edtf = V.period(first) or _tagged_period(first)
        return ({"edtf": edtf, "text": item.text} if edtf else {"text": item.text}), None
    if kind == "range":
        numbers = V.number_range(item.text)
        return ({**numbers, "text": item.text} if numbers else {"text": item.text}), None
    if kind == "place":
        return place_value(item.text), Entity(entity_id("place", item.text), "place", item.text, evidence[:1])
    if kind in _ENTITY_KINDS:
        return item.text, Entity(entity_id(kind, item.text), kind, item.text, evidence[:1])
    return item.text, None


def _tagged_period(written: str) -> str | None:
    """An EDTF form from the temporal tagger, for periods the simple patterns miss."""
    forms = {t.edtf for t in tag_dates(written) if t.edtf}  # both ends of a range carry the range
    if len(forms) != 1:
        return None
    form = forms.pop()
    # "15 March 2011 – present", "June 2014 - Ongoing": a start and an open end (EDTF "..")
    return f"{form}/.." if "/" not in form and _OPEN_END.search(written) else form


_OPEN_END = re.compile(r"[-–—]\s*(?:present|ongoing|now|today)\s*$", re.I)


def place_value(written: str) -> dict:
    """A place as written, with the country it names and the place it geocodes to."""
    value: dict = {"value": written}
    head, _, tail = written.rpartition(",")
    country = _country_code(tail.strip()) if head else _country_code(written)
    if country:
        value["country"] = country
    place = geocode(head.strip() if head and country else written, countries=(country,) if country else ())
    if place is not None:
        value.update({"place": place.name, "country": place.country or country,
                      "admin1": place.admin1, "latitude": place.latitude,
                      "longitude": place.longitude, "geo_precision": place.geo_precision})
    return value


def _country_code(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(name)
        except LookupError:
            return None
        return found[0].alpha_2 if len(found) == 1 else None
