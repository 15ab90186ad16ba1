"""The stages that read one event from a sentence, in order, each over a frozen :class:`Draft`.

Like spaCy's pipeline components, each :class:`Stage` says what it reads and what it sets, and
:func:`run_stages` is a plain loop over them (a stage may drop the draft: no event). The stages apply
the named rules of ``annalyst/data/events/``; what each decides carries the rule's name in its evidence.

    >>> [stage.name for stage in SENTENCE_STAGES][:4]
    ['roles', 'listed-dates', 'cues', 'crowds']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Protocol

from spacy.tokens import Span as SpacySpan

from annalyst.extract.nlp import Mention
from annalyst.extract.places import Place, geocode
from annalyst.extract.time import Timex
from annalyst.model import CONTROL_TYPES, Event, Evidence

from .clauses import locative
from .cues import armed, crowd_roles, cued, political, unnamed
from .fatalities import Count
from .reports import text_country
from .phrases import is_state, state_country
from .roles import Role, Roles, assign_roles
from .rules import rules_of
from .sides import side_of
from .triggers import TriggerHit, default_actor1, event_type_of, needs_armed_actor, subject_acts
from .victims import MILITARY, military_of
from .when import event_date
from .where import is_attached, is_country, is_facility, is_modifier


class Paragraph(Protocol):
    """What the stages read of the paragraph a sentence is in (``paragraph.Paragraph`` provides it)."""

    doc: object  # the Document: evidence is cut from its text
    base: int  # where the paragraph starts in the document
    pdoc: object  # the parsed paragraph
    text: str  # its text (read once: spaCy joins its tokens on every access)
    named: list[Mention]  # actors and places it names
    towns: list[Mention]
    places: list[Mention]
    qualifiers: set[Mention]
    place: Mention | None  # the last town named ("the city")
    actor: Role | None  # the last actor acting ("they")
    last_event: Event | None  # the paragraph's event before this sentence's
    page: object  # the page's subject, sides and setting
    frame: object | None  # a report's conventions (reports.ReportFrame), None for a page

    def ev(self, start: int, end: int) -> Evidence: ...

    def implied_ev(self, at, hit: TriggerHit) -> Evidence: ...

__all__ = ["Draft", "Stage", "SENTENCE_STAGES", "run_stages"]


@dataclass(frozen=True)
class Draft:
    """An event being read from one sentence at one trigger: what the stages have set so far."""

    sent: SpacySpan
    hit: TriggerHit
    timex: Timex | None
    count: Count | None
    countries: tuple[str, ...]
    dated_list: bool = False
    roles: Roles | None = None
    sub_event_type: str = ""
    cue: str | None = None
    where: Mention | None = None
    place: Place | None = None
    country: str | None = None
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)

    def cited(self, **spans: tuple[Evidence, ...]) -> dict:
        return {**self.evidence, **spans}


@dataclass(frozen=True)
class Stage:
    """One named step: what it reads from the draft (and the paragraph), what it sets, and the function."""

    name: str
    reads: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Paragraph, Draft], Draft | None]


def run_stages(para: Paragraph, draft: Draft) -> Draft | None:
    """The draft after every stage, or None when a stage finds it is no event."""
    for stage in SENTENCE_STAGES:
        draft = stage.run(para, draft)
        if draft is None:
            return None
    return draft


# --- the stages -----------------------------------------------------------------------------------

def _roles(para: Paragraph, d: Draft) -> Draft:
    trig = d.hit.trigger
    roles = assign_roles(d.sent, para.pdoc[d.hit.token], para.named, para.actor, trig.sub_event_type,
                         prep_object=trig.roles.get("actor1") == "prep_object")
    return replace(d, roles=roles)


def _listed_dates(para: Paragraph, d: Draft) -> Draft:
    """ "armistices with Egypt on 24 February, Lebanon on 23 March, ...": each date, the party named just before it."""
    roles, timex = d.roles, d.timex
    if not d.dated_list or timex is None or roles.actor2 is None:
        return d
    at = timex.start - para.base
    named = next((m for m in para.named if m.end <= at and (m.kind == "actor" or is_country(m))
                  and _DATE_AFTER.fullmatch(para.text[m.end:at])), None)
    if named is None or roles.actor1 is not None and named.canonical == roles.actor1.name:
        return d
    return replace(d, roles=replace(roles, actor2=Role(named.canonical, named.start, named.end)))


def _cues(para: Paragraph, d: Draft) -> Draft:
    report = para.frame is not None
    sub, cue = cued(d.hit.trigger, d.roles, para.text if report else d.sent.text, para.pdoc[d.hit.token], report)
    return replace(d, sub_event_type=sub, cue=cue)


def _crowds(para: Paragraph, d: Draft) -> Draft:
    roles = crowd_roles(d.roles, d.sub_event_type, d.hit.trigger)
    if d.sub_event_type == "Peaceful protest":  # ACLED: what a protest is against is no party to it
        roles = replace(roles, actor2=None)
    return replace(d, roles=roles)


def _cite_roles(para: Paragraph, d: Draft) -> Draft:
    """Evidence for the type (the trigger, with its rule's name and the cue's), the notes and the named roles."""
    hit, roles = d.hit, d.roles
    typed = (para.doc.evidence(para.base + hit.start, para.base + hit.end, f"{EXTRACTOR}.triggers.{hit.trigger.name}",
                               VERSION),)
    if d.cue is not None:
        typed += (replace(typed[0], extractor=f"{EXTRACTOR}.cues.{d.cue}"),)
    evidence = {"sub_event_type": typed, "event_type": typed, "notes": (para.ev(d.sent.start_char, d.sent.end_char),)}
    for name, role in (("actor1", roles.actor1), ("actor2", roles.actor2)):
        if role:
            evidence[name] = (para.ev(role.start, role.end),)
    if roles.assoc_actor_1:
        evidence["assoc_actor_1"] = tuple(para.ev(r.start, r.end) for r in roles.assoc_actor_1)
    if d.timex is not None:
        evidence["event_date"] = evidence["time_precision"] = (
            para.doc.evidence(d.timex.start, d.timex.end, EXTRACTOR, VERSION),)
    return replace(d, evidence=evidence)


def _location(para: Paragraph, d: Draft) -> Draft:
    countries = d.countries
    if para.frame is not None and para.frame.country:  # a report's places are first sought in its country
        countries = tuple(dict.fromkeys((*countries, para.frame.country)))
    where, place = _where(para, d, countries)
    evidence = d.evidence
    if where is not None:
        evidence = d.cited(location=(para.ev(where.start, where.end),), country=(para.ev(where.start, where.end),))
    if d.count is not None:
        evidence = {**evidence, "fatalities": (para.ev(d.sent.start_char + d.count.start, d.sent.start_char + d.count.end),)}
    country = place.country if place else (countries[-1] if countries else None)
    return replace(d, where=where, place=place, country=country, evidence=evidence)


def _soldiers(para: Paragraph, d: Draft) -> Draft:
    """Soldiers as targets are a state's military forces: the state the sentence names, else where it was."""
    roles = d.roles
    if roles.actor2 is None or roles.actor2.name != MILITARY:
        return d
    whose = _victims_country(d.sent, roles) or d.country or _state_country(d.sent, para.named)
    return replace(d, roles=replace(roles, actor2=replace(roles.actor2, name=military_of(whose))))


def _page_implied(para: Paragraph, d: Draft) -> Draft:
    """Actors the sentence leaves to its page: the page's group as the perpetrator of violence no one
    is named for; "the two sides" of the page's war; the other side, when only one is named."""
    page, roles, sub, sent, hit = para.page, d.roles, d.sub_event_type, d.sent, d.hit
    evidence = dict(d.evidence)
    perpetrator = page.perpetrator
    if roles.actor1 is None and perpetrator is not None and subject_acts(sub) \
            and (roles.actor2 is None or roles.actor2.name != perpetrator.name):
        # "Ponto was shot and killed" on the Red Army Faction's page: the page's group did it
        roles = replace(roles, actor1=perpetrator)
        evidence["actor1"] = (para.implied_ev(page.named_at(*page.subject_names), hit),)
    if page.sides:
        both = _BOTH_SIDES.search(sent.text)
        if roles.actor1 is None and both is not None:  # "both countries clashed", "the two sides signed"
            one, two = page.sides[0][0], page.sides[1][0]
            at = para.ev(sent.start_char + both.start(), sent.start_char + both.end())
            roles = replace(roles, actor1=Role(one.name, 0, 0), actor2=roles.actor2 or Role(two.name, 0, 0))
            evidence["actor1"] = (at,)
            evidence.setdefault("actor2", (at,))
        elif roles.actor1 is not None and roles.actor2 is None and event_type_of(sub) in _FIGHTING:
            side = side_of(roles.actor1.name, page.sides)
            other = page.sides[1 - side] if side is not None else ()
            if len(other) == 1:  # "Iraqi troops began their offensive" on the Battle of Mosul's page
                roles = replace(roles, actor2=Role(other[0].name, 0, 0))
                evidence["actor2"] = (para.implied_ev(page.named_at(other[0].written, other[0].name), hit),)
    return replace(d, roles=roles, evidence=evidence)


def _claims(para: Paragraph, d: Draft) -> Draft:
    """ "ETA claimed responsibility", "sources attributed the attack to X": a report names the perpetrator."""
    roles = d.roles
    if para.frame is None or roles.actor1 is not None and not unnamed(roles.actor1.name):
        return d
    for rule in rules_of("reports", "claims"):
        for m in rule.pattern.finditer(para.text):
            lo, hi = m.span("actor")
            named = [n for n in para.named if n.kind == "actor" and lo <= n.start < hi and not is_state(n.canonical)
                     and (roles.actor2 is None or n.canonical != roles.actor2.name)]
            if named:
                first = named[-1] if rule.name in ("claimed-responsibility", "members-carried-out") else named[0]
                cited = para.doc.evidence(para.base + first.start, para.base + first.end,
                                          f"{EXTRACTOR}.reports.{rule.name}", VERSION)
                return replace(d, roles=replace(roles, actor1=Role(first.canonical, first.start, first.end)),
                               evidence=d.cited(actor1=(cited,)))
    return d


def _civilian_target(para: Paragraph, d: Draft) -> Draft:
    """ACLED's violence against civilians has civilians as its target by definition ("the massacre")."""
    if d.roles.actor2 is not None or event_type_of(d.sub_event_type) != "Violence against civilians":
        return d
    hit = d.hit
    return replace(d, roles=replace(d.roles, actor2=Role("Civilians", hit.start, hit.end)),
                   evidence=d.cited(actor2=(para.ev(hit.start, hit.end),)))


def _continued_taker(para: Paragraph, d: Draft) -> Draft:
    """A place "was liberated" with no one named: the taker is who took other ground, the same way from
    the same side, in the paragraph's event before ("retook Tal Afar from ISIS ... By April Mosul was
    liberated"). ACLED's territory sub-events name who gains control as Actor 1 (ACLED 2023,
    Strategic developments)."""
    last = para.last_event
    if d.roles.actor1 is not None or d.sub_event_type not in CONTROL_TYPES or last is None \
            or last.sub_event_type != d.sub_event_type or not last.actor1 or "actor1" not in last.evidence:
        return d  # the same advance goes on; "ISIL took Mosul ... Mosul was liberated" turns it back
    if d.where is not None and d.where.canonical == last.location:
        return d
    opponent = d.roles.actor2.name if d.roles.actor2 else None
    if opponent not in (None, last.actor2) or opponent == last.actor1:
        return d
    ev = last.evidence["actor1"][0]
    return replace(d, roles=replace(d.roles, actor1=Role(last.actor1, ev.start - para.base, ev.end - para.base)),
                   evidence={**d.evidence, "actor1": (ev,)})


def _default_actor(para: Paragraph, d: Draft) -> Draft:
    """Who acts when no one is named: "were arrested" says the police did (ACLED's default actors)."""
    if d.roles.actor1 is not None:
        return d
    default = default_actor1(d.sub_event_type, d.country)
    if default is None:
        return d
    hit = d.hit
    return replace(d, roles=replace(d.roles, actor1=Role(default, hit.start, hit.end)),
                   evidence=d.cited(actor1=(para.ev(hit.start, hit.end),)))


def _violent_group(para: Paragraph, d: Draft) -> Draft | None:
    """Strategic developments concern conflict actors: "ASEAN was founded" or "residents moved" is no event."""
    trig = d.hit.trigger
    if trig.requires_armed and d.sub_event_type == trig.sub_event_type \
            and not (d.roles.actor1 and political(d.roles.actor1.name)):
        return None
    return d


def _armed_actor(para: Paragraph, d: Draft) -> Draft | None:
    """On a page that is not about armed actors or a war, a battle or an attack on civilians needs an
    armed, organised actor: a boxer's "fights" are no battle (rule ``armed-actor-on-unarmed-page``)."""
    if not needs_armed_actor(event_type_of(d.sub_event_type), para.page.kind):
        return d
    actors = [r.name for r in (d.roles.actor1, d.roles.actor2, *d.roles.assoc_actor_1) if r is not None]
    if any(armed(name) for name in actors):
        return d
    # a killing of civilians whose perpetrator is unnamed or a lone person is still one: ACLED codes the
    # perpetrator as an unidentified armed group ("Gandhi was assassinated by Nathuram Godse")
    return d if event_type_of(d.sub_event_type) == "Violence against civilians" and d.count else None


SENTENCE_STAGES: tuple[Stage, ...] = (
    Stage("roles", ("hit", "sent", "paragraph mentions", "last actor"), ("roles",), _roles),
    Stage("listed-dates", ("timex", "roles"), ("roles.actor2",), _listed_dates),
    Stage("cues", ("hit", "roles", "sentence or report text"), ("sub_event_type", "cue"), _cues),
    Stage("crowds", ("sub_event_type", "roles"), ("roles",), _crowds),
    Stage("cite", ("hit", "cue", "roles", "timex"), ("evidence",), _cite_roles),
    Stage("location", ("roles", "hit", "countries", "report country"), ("where", "place", "country"), _location),
    Stage("targeted-soldiers", ("roles", "country"), ("roles.actor2",), _soldiers),
    Stage("page-implied", ("roles", "page subject and sides"), ("roles",), _page_implied),
    Stage("claims", ("roles", "report text"), ("roles.actor1",), _claims),
    Stage("civilian-target", ("roles", "sub_event_type"), ("roles.actor2",), _civilian_target),
    Stage("continued-taker", ("roles", "sub_event_type", "last event"), ("roles.actor1",), _continued_taker),
    Stage("default-actor", ("roles", "sub_event_type", "country"), ("roles.actor1",), _default_actor),
    Stage("violent-group", ("roles", "trigger"), (), _violent_group),
    Stage("armed-actor", ("roles", "sub_event_type", "page kind"), (), _armed_actor),
)


def to_event(d: Draft) -> Event:
    """The ACLED record a finished draft gives."""
    roles, place, where, timex, count = d.roles, d.place, d.where, d.timex, d.count
    date, precision = event_date(timex)
    known = sum(x is not None for x in (date, roles.actor1, roles.actor2, place))
    return Event(event_date=date, time_precision=precision, event_type=event_type_of(d.sub_event_type),
                 sub_event_type=d.sub_event_type,
                 actor1=roles.actor1.name if roles.actor1 else None,
                 assoc_actor_1=tuple(r.name for r in roles.assoc_actor_1),
                 actor2=roles.actor2.name if roles.actor2 else None, assoc_actor_2=(),
                 country=d.country, admin1=place.admin1 if place else None,
                 location=where.canonical if where else None, latitude=place.latitude if place else None,
                 longitude=place.longitude if place else None, geo_precision=place.geo_precision if place else None,
                 fatalities=count.value if count else None, notes=d.sent.text, evidence=dict(d.evidence),
                 confidence=round(0.4 + 0.12 * known + (0.02 * d.hit.trigger.priority / 10), 3),
                 timex=timex.value if timex else None)


# --- helpers --------------------------------------------------------------------------------------

EXTRACTOR = "extract.events"
VERSION = "0.1"
_CITY_WORDS = re.compile(r"\b(the|this|that) (city|town|village|stronghold|settlement)\b|\bthere\b", re.I)
_DATE_AFTER = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_BOTH_SIDES = re.compile(r"\b(?:both|the two) (?:countries|sides|nations|states|armies|governments|parties)\b", re.I)
_FIGHTING = frozenset({"Battles", "Explosions/Remote violence"})
_PLACE_CONTEXT = re.compile(r"(?:\s+(?:village|town|city|district|area|camp))?\s*\([^()]{1,80}\)")


def _where(para: Paragraph, d: Draft, countries: tuple[str, ...]) -> tuple[Mention | None, Place | None]:
    """The place the sentence says the event happened, and what it geocodes to."""
    sent, hit, roles = d.sent, d.hit, d.roles
    used = {r.name for r in (roles.actor1, roles.actor2, *roles.assoc_actor_1) if r}
    places = [m for m in para.towns if sent.start_char <= m.start < sent.end_char
              and m.canonical not in used and locative(para.pdoc, m, hit)]
    if places:
        text = para.text
        towns = [m for m in places if not is_facility(m, text)]
        best = min(places, key=lambda m: (m in para.qualifiers, bool(towns) and is_facility(m, text),
                                          is_modifier(m, para.pdoc, para.places), not is_attached(m, para.pdoc, hit.token),
                                          m.start < hit.start and hit.trigger.roles.get("actor1") != "prep_object",
                                          abs(m.start - hit.start)))
    elif para.place is not None and _CITY_WORDS.search(sent.text):
        best = para.place
    elif para.page.setting and (words := _CITY_WORDS.search(sent.text)):
        # "entered the city" on the Battle of Mosul's page, before the paragraph names a town
        start = sent.start_char + words.start()
        best = Mention(start, start + len(words.group()), words.group(), "place", para.page.setting, "context")
        return best, geocode(para.page.setting, countries=countries)
    else:
        return None, None
    written = _with_context(para.text, best)
    return best, geocode(written, countries=countries) or geocode(best.canonical)


def _with_context(text: str, m: Mention) -> str:
    """A place with the parenthesis that situates it, as event notes write it:
    "Gulane village (Cadale, Middle Shabelle)" is geocoded through Cadale, not a namesake."""
    follows = _PLACE_CONTEXT.match(text, m.end)
    return text[m.start:follows.end()] if follows else m.text


def _victims_country(sent: SpacySpan, roles: Roles) -> str | None:
    """The country a sentence's own words give soldiers who were targeted: a demonym or country named in it
    other than the attacker's ("a PLO landmine exploded under an Israeli patrol, killing 3 soldiers")."""
    attacker = roles.actor1
    text = sent.text
    if attacker is not None:
        lo, hi = attacker.start - sent.start_char, attacker.end - sent.start_char
        if 0 <= lo < hi <= len(text):
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    found = text_country(text)
    return found if found != (state_country(attacker.name) if attacker else None) else None


def _state_country(sent: SpacySpan, mentions: list[Mention]) -> str | None:
    """The country of the first state actor a sentence names ("the Peruvian government" -> PE)."""
    return next((c for m in mentions if m.kind == "actor" and sent.start_char <= m.start < sent.end_char
                 and (c := state_country(m.canonical))), None)
