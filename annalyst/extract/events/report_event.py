"""An event report read as one event (ACLED: one note, one event): the event its first sentence reports,
completed by the later sentences and decided, where they speak, by the report's conventions."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from annalyst.extract.actors import actor_table, demonyms
from annalyst.model import Document, Event, Evidence

from .cues import unnamed
from .stages import EXTRACTOR
from .national import generic_rule, national_actor
from .reports import Found, FoundDate, ReportFrame, attacker_deaths
from .triggers import country_actor, event_type_of

__all__ = ["one_event", "CONVENTION_STAGES", "NAMING_STAGES"]



def one_event(events: list[Event], frame: ReportFrame, doc: Document) -> list[Event]:
    """The report's event, or none: what the conventions found overrides what the sentences suggested.

    A report is one event unless it says otherwise: an event it dates to another day of its own
    ("armistices with Egypt on 24 February, Lebanon on 23 March") stays an event of its own.
    """
    if not events:
        return []
    main = max(events, key=lambda e: (_RANK[e.event_type], -events.index(e)))
    event, others = main, [e for e in events if e is not main and _dated_apart(e, main)]
    if event.actor1 is None or unnamed(event.actor1):
        # "Members of the SLA robbed a bank. Two bystanders were shot": one incident, the doers the report names
        named = next((e for e in events if e is not main and e.actor1 and not unnamed(e.actor1)), None)
        if named is not None:
            event = replace(event, actor1=named.actor1, evidence={**event.evidence, "actor1": named.evidence.get("actor1", ())})
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


@dataclass(frozen=True)
class ReportStage:
    """One named step over a report's event: what it reads (of the frame and the event), what it sets."""

    name: str
    reads: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Event, ReportFrame, Document], Event]


def _framed(event: Event, frame: ReportFrame, doc: Document) -> Event:
    for stage in CONVENTION_STAGES:
        event = stage.run(event, frame, doc)
    return event


def _date(event: Event, frame: ReportFrame, doc: Document) -> Event:
    if frame.date is None or _finer_inside(event, frame.date):
        return event
    cited = (_ev(doc, frame.date),)
    return replace(event, event_date=frame.date.value, time_precision=frame.date.time_precision, timex=frame.date.value,
                   evidence={**event.evidence, "event_date": cited, "time_precision": cited})


def _category(event: Event, frame: ReportFrame, doc: Document) -> Event:
    if frame.category is None:
        return event
    cited = (_ev(doc, frame.category),)
    return replace(event, sub_event_type=frame.category.value, event_type=event_type_of(frame.category.value),
                   evidence={**event.evidence, "sub_event_type": cited, "event_type": cited})


def _place(event: Event, frame: ReportFrame, doc: Document) -> Event:
    written = frame.place or (frame.dateline if _placed_by_dateline(event, doc) else None)
    if written is None or written.place is None:
        return event
    place, cited = written.place, (_ev(doc, written),)
    return replace(event, location=written.written, admin1=place.admin1, country=place.country,
                   latitude=place.latitude, longitude=place.longitude, geo_precision=place.geo_precision,
                   evidence={**event.evidence, "location": cited, "country": cited})


def _placed_by_dateline(event: Event, doc: Document) -> bool:
    """Whether a wire report's event is where it was filed (AP and Reuters style): the text says "here", it
    names no place, or only a site in town that no gazetteer places ("the Olympic Village", "Regent's Park")."""
    if event.location is None or _HERE.search(doc.text):
        return True
    return event.latitude is None and bool(_SITE.search(event.location))


_HERE = re.compile(r"\bhere\b")
_SITE = re.compile(r"\b(?:Village|Mosque|Park|Square|Stadium|Hotel|Airport|Station|Church|Cathedral|Theatre|Theater|"
                   r"Street|Road|Avenue|Market|Bridge|Palace|Embassy|Prison|Hospital|University|Camp|Barracks)\b")


def _fatalities(event: Event, frame: ReportFrame, doc: Document) -> Event:
    if frame.fatalities is None:
        return event
    return replace(event, fatalities=frame.fatalities.value,
                   evidence={**event.evidence, "fatalities": (_ev(doc, frame.fatalities),)})


def _attackers(event: Event, frame: ReportFrame, doc: Document) -> Event:
    """GTD's nkill counts the attackers who died too: a GTD summary's victims plus "the bomber was also killed"."""
    if frame.fatalities is not None or frame.date is None or frame.date.rule != "gtd-numeric-lead" \
            or not isinstance(event.fatalities, int):
        return event
    found = attacker_deaths(doc.text)
    counted = event.evidence.get("fatalities", ())
    # the victims' count may already hold them ("two police officers and a gunman were killed")
    if found is None or any(e.start < found.end and found.start < e.end for e in counted):
        return event
    return replace(event, fatalities=event.fatalities + found.value,
                   evidence={**event.evidence, "fatalities": (*event.evidence.get("fatalities", ()), _ev(doc, found))})


CONVENTION_STAGES: tuple[ReportStage, ...] = (
    ReportStage("report-date", ("frame.date", "event_date"), ("event_date", "time_precision"), _date),
    ReportStage("report-category", ("frame.category",), ("sub_event_type", "event_type"), _category),
    ReportStage("report-place", ("frame.place", "frame.dateline", "location"),
                ("location", "admin1", "country", "latitude", "longitude", "geo_precision"), _place),
    ReportStage("report-fatalities", ("frame.fatalities",), ("fatalities",), _fatalities),
    ReportStage("gtd-attacker-deaths", ("frame.date", "fatalities", "text"), ("fatalities",), _attackers),
)


def _finer_inside(event: Event, lead: FoundDate) -> bool:
    """Whether the event's own date is finer than a month or year lead and inside it ("In 1949, ... on 24 February")."""
    if lead.time_precision < 3 or event.event_date is None or event.time_precision is None \
            or event.time_precision >= lead.time_precision:
        return False
    return event.event_date.startswith(lead.value[:4] if lead.value.endswith("-01-01") else lead.value[:7])


def _national(event: Event, country: str | None) -> Event:
    """The event's actors as ACLED names them for the report's country (see NAMING_STAGES)."""
    country = event.country or country
    for stage in NAMING_STAGES:
        event = stage.run(event, country)
    return event


def _unidentified(event: Event, country: str | None) -> Event:
    """An unnamed perpetrator of one-sided violence: "Unidentified Armed Group (Country)"."""
    if event.event_type not in _ONE_SIDED or event.actor1 is not None or not country:
        return event
    template = _UNKNOWN_BY_AIR if event.sub_event_type == "Air/drone strike" else _UNKNOWN
    unknown = country_actor(template, country) or template.replace(" ({country})", "").replace(" of {country}", "")
    return _named(event, "actor1", unknown, "unidentified-perpetrator", event.evidence.get("sub_event_type", ())[:1])


def _bomb_victims(event: Event, country: str | None) -> Event:
    """A bomb on a bus or in a street that harmed people: ACLED's target is the civilians there."""
    if event.sub_event_type not in _INDISCRIMINATE or event.actor2 is not None or not country or not _harmed(event):
        return event
    return _named(event, "actor2", country_actor("Civilians ({country})", country), "bomb-victims",
                  event.evidence.get("sub_event_type", ())[:1])


def _named_victim(event: Event, country: str | None) -> Event:
    """A named victim of one-sided violence is one of the country's civilians (the person stays in the notes)."""
    if event.event_type not in _ONE_SIDED or not event.actor2 or not country or not _person_like(event.actor2):
        return event
    civilians = country_actor("Civilians ({country})", country)
    return _named(event, "actor2", civilians, "named-victim", event.evidence.get("actor2", ())) if civilians else event


def _intervener(event: Event, country: str | None) -> Event:
    """Who acted on a protest, when another sentence of the report says it ("police broke up the crowd")."""
    if event.sub_event_type not in _INTERVENED or event.actor2 is not None or not country:
        return event
    m = _STATE_WORDS.search(event.notes or "")
    found = national_actor(m.group(), country) if m else None
    if found is None:
        return event
    notes = event.evidence.get("notes", ())[:1]  # the intervener's own word, cut from the notes' span
    at = tuple(replace(n, start=n.start + m.start(), end=n.start + m.end(), text=m.group()) for n in notes)
    return _named(event, "actor2", found[0], "intervener", at)


def _generic(event: Event, country: str | None) -> Event:
    """ "soldiers", "gunmen", "Maute militants": the country's forces, an unidentified group, the group."""
    for field in ("actor1", "actor2"):
        name = getattr(event, field)
        found = (national_actor(name, country) or _group_of_members(name)) if name else None
        if found is not None:
            event = _named(event, field, found[0], found[1], event.evidence.get(field, ()))
    assoc = tuple((national_actor(a, country) or (a,))[0] for a in event.assoc_actor_1)
    return replace(event, assoc_actor_1=assoc) if assoc != event.assoc_actor_1 else event


def _named(event: Event, field: str, name: str | None, rule: str, spans: tuple[Evidence, ...]) -> Event:
    cited = tuple(replace(e, extractor=f"{EXTRACTOR}.actors.{rule}") for e in spans)
    return replace(event, **{field: name}, evidence={**event.evidence, field: cited})


@dataclass(frozen=True)
class NamingStage:
    """One named step naming a report's actors: what it reads, what it sets."""

    name: str
    reads: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Event, str | None], Event]


NAMING_STAGES: tuple[NamingStage, ...] = (
    NamingStage("unidentified-perpetrator", ("event_type", "actor1", "country"), ("actor1",), _unidentified),
    NamingStage("bomb-victims", ("sub_event_type", "actor2", "fatalities", "notes"), ("actor2",), _bomb_victims),
    NamingStage("named-victim", ("event_type", "actor2"), ("actor2",), _named_victim),
    NamingStage("intervener", ("sub_event_type", "actor2", "notes"), ("actor2",), _intervener),
    NamingStage("generic-actors", ("actor1", "actor2", "assoc_actor_1", "country"),
                ("actor1", "actor2", "assoc_actor_1"), _generic),
)


# ACLED Codebook 2023, Actors: an unknown perpetrator is "Unidentified Armed Group (Country)"; unknown
# aircraft are "Unidentified Military Forces"; one-sided violence is what has such a perpetrator.
_ONE_SIDED = frozenset({"Explosions/Remote violence", "Violence against civilians"})
_UNKNOWN = "Unidentified Armed Group ({country})"
_INDISCRIMINATE = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_INTERVENED = frozenset({"Protest with intervention", "Excessive force against protesters"})
_STATE_WORDS = re.compile(r"\b(?:police|policemen|security forces|soldiers|troops|army|gendarmes|gendarmerie)\b", re.I)
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
    if name in actor_table().actors or generic_rule(name) is not None:
        return False
    words = name.replace("'s", "").split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3) \
        and not re.search(r"\b(?:forces?|army|police|guards?|militia|group|party|government|brigades?|front|"
                          r"movement|council|ministry|company|embassy|base|station|hotel|airport)\b", name, re.I)


def _ev(doc: Document, found: Found) -> Evidence:
    return doc.evidence(found.start, found.end, f"{EXTRACTOR}.reports.{found.rule}")
