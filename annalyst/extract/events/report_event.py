"""An event report read as one event (ACLED: one note, one event): the event its first sentence reports,
completed by the later sentences and decided, where they speak, by the report's conventions."""
from __future__ import annotations

import re
from dataclasses import replace

from annalyst.extract.actors import actor_table, demonyms
from annalyst.model import Document, Evidence

from .national import national_actor
from .record import Event
from .reports import Found, FoundDate, ReportFrame
from .triggers import country_actor, event_type_of

__all__ = ["one_event"]

EXTRACTOR = "extract.events"


def one_event(events: list[Event], frame: ReportFrame, doc: Document) -> list[Event]:
    """The report's event, or none: what the conventions found overrides what the sentences suggested.

    A report is one event unless it says otherwise: an event it dates to another day of its own
    ("armistices with Egypt on 24 February, Lebanon on 23 March") stays an event of its own.
    """
    if not events:
        return []
    main = max(events, key=lambda e: (_RANK[e.event_type], -events.index(e)))
    event, others = main, [e for e in events if e is not main and _dated_apart(e, main)]
    if event.fatalities is None:  # "Two soldiers died later in hospital": a later sentence's count
        later = next((e for e in events if e.fatalities is not None and e is not main and e not in others), None)
        if later is not None:
            event = replace(event, fatalities=later.fatalities,
                            evidence={**event.evidence, "fatalities": later.evidence["fatalities"]})
    return [_national(e, frame.country) for e in (_framed(event, frame, doc), *others)]


# Which of a report's events it is about: violence before demonstrations, demonstrations before the
# strategic developments around them. ACLED records a strategic development only where it "is not
# itself recorded as political violence" (Codebook 2023, Strategic developments).
_RANK = {"Battles": 3, "Explosions/Remote violence": 3, "Violence against civilians": 3, "Riots": 2, "Protests": 2,
         "Strategic developments": 1}


def _dated_apart(event: Event, main: Event) -> bool:
    """Whether the text dates an event to another day than the report's event."""
    return "event_date" in event.evidence and event.time_precision == 1 and event.event_date != main.event_date


def _framed(event: Event, frame: ReportFrame, doc: Document) -> Event:
    evidence = dict(event.evidence)
    changes: dict = {}
    if frame.date is not None and not _finer_inside(event, frame.date):
        changes.update(event_date=frame.date.value, time_precision=frame.date.time_precision, timex=frame.date.value)
        evidence["event_date"] = evidence["time_precision"] = (_ev(doc, frame.date),)
    if frame.category is not None:
        changes.update(sub_event_type=frame.category.value, event_type=event_type_of(frame.category.value))
        evidence["sub_event_type"] = evidence["event_type"] = (_ev(doc, frame.category),)
    written = frame.place or (frame.dateline if event.location is None else None)  # "here": the dateline's city
    if written is not None and written.place is not None:
        place = written.place
        changes.update(location=written.written, admin1=place.admin1, country=place.country,
                       latitude=place.latitude, longitude=place.longitude, geo_precision=place.geo_precision)
        evidence["location"] = evidence["country"] = (_ev(doc, written),)
    if frame.fatalities is not None:
        changes["fatalities"] = frame.fatalities.value
        evidence["fatalities"] = (_ev(doc, frame.fatalities),)
    return replace(event, **changes, evidence=evidence)


def _finer_inside(event: Event, lead: FoundDate) -> bool:
    """Whether the event's own date is finer than a month or year lead and inside it ("In 1949, ... on 24 February")."""
    if lead.time_precision < 3 or event.event_date is None or event.time_precision is None \
            or event.time_precision >= lead.time_precision:
        return False
    return event.event_date.startswith(lead.value[:4] if lead.value.endswith("-01-01") else lead.value[:7])


def _national(event: Event, country: str | None) -> Event:
    """Generic actors ("soldiers", "gunmen", "Civilians") as ACLED names them for the report's country;
    an unnamed perpetrator of one-sided violence as "Unidentified Armed Group (Country)"; a named victim of
    it as the country's civilians (the person stays in the notes and the evidence)."""
    country = event.country or country
    evidence = dict(event.evidence)
    changes: dict = {}
    one_sided = event.event_type in _ONE_SIDED
    if one_sided and event.actor1 is None and country:
        template = _UNKNOWN_BY_AIR if event.sub_event_type == "Air/drone strike" else _UNKNOWN
        unknown = country_actor(template, country) or template.replace(" ({country})", "").replace(" of {country}", "")
        changes["actor1"] = unknown
        evidence["actor1"] = tuple(replace(e, extractor=f"{EXTRACTOR}.actors.unidentified-perpetrator")
                                   for e in evidence.get("sub_event_type", ())[:1])
    if event.sub_event_type in _INDISCRIMINATE and event.actor2 is None and country and _harmed(event):
        # a bomb on a bus or in a street: ACLED's target is the civilians there
        changes["actor2"] = country_actor("Civilians ({country})", country)
        evidence["actor2"] = tuple(replace(e, extractor=f"{EXTRACTOR}.actors.bomb-victims")
                                   for e in evidence.get("sub_event_type", ())[:1])
    if one_sided and event.actor2 and _person_like(event.actor2) and country:
        civilians = country_actor("Civilians ({country})", country)
        if civilians:
            changes["actor2"] = civilians
            evidence["actor2"] = tuple(replace(e, extractor=f"{EXTRACTOR}.actors.named-victim")
                                       for e in evidence.get("actor2", ()))
    for field in ("actor1", "actor2"):
        name = changes.get(field, getattr(event, field))
        found = (national_actor(name, country) or _group_of_members(name)) if name else None
        if found is not None:
            changes[field] = found[0]
            evidence[field] = tuple(replace(e, extractor=f"{EXTRACTOR}.actors.{found[1]}") for e in evidence.get(field, ()))
    assoc = tuple((national_actor(a, country) or (a,))[0] for a in event.assoc_actor_1)
    if assoc != event.assoc_actor_1:
        changes["assoc_actor_1"] = assoc
    return replace(event, **changes, evidence=evidence) if changes else event


# ACLED Codebook 2023, Actors: an unknown perpetrator is "Unidentified Armed Group (Country)"; unknown
# aircraft are "Unidentified Military Forces"; one-sided violence is what has such a perpetrator.
_ONE_SIDED = frozenset({"Explosions/Remote violence", "Violence against civilians"})
_UNKNOWN = "Unidentified Armed Group ({country})"
_INDISCRIMINATE = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_UNKNOWN_BY_AIR = "Unidentified Military Forces"


_MEMBERS = re.compile(r"^(?P<group>(?:[A-Z][\w'’-]*\s+)+?)(?:militants|fighters|gunmen|members|rebels|guerrill?as|insurgents|"
                      r"militiamen|operatives|cadres)$")


def _group_of_members(name: str) -> tuple[str, str] | None:
    """ "Maute militants" are the Maute group: ACLED names the group, not its members (an unlisted name only;
    "Palestinian militants" names no group)."""
    m = _MEMBERS.match(name)
    if m is None or name in actor_table().actors:
        return None
    group = m["group"].strip()
    return None if group in demonyms() or group.split()[-1] in demonyms() else (group, "group-of-members")


def _harmed(event: Event) -> bool:
    """Whether a report says people were killed or hurt."""
    return bool(event.fatalities) or bool(_HARMED.search(event.notes or ""))


_HARMED = re.compile(r"\b(?:killed|killing|dead|died|injured|injuring|wounded|wounding|hurt|casualties|victims?)\b", re.I)


def _person_like(name: str) -> bool:
    """A target named like a person, not listed as an actor nor named like an armed or state body."""
    if name in actor_table().actors or national_actor(name, "US") is not None:
        return False
    words = name.replace("'s", "").split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3) \
        and not re.search(r"\b(?:forces?|army|police|guards?|militia|group|party|government|brigades?|front|"
                          r"movement|council|ministry|company|embassy|base|station|hotel|airport)\b", name, re.I)


def _ev(doc: Document, found: Found) -> Evidence:
    return doc.evidence(found.start, found.end, f"{EXTRACTOR}.reports.{found.rule}")
