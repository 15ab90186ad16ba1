"""Events from prose, sentence by sentence: trigger, date, actors, place, fatalities, each cited."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc as SpacyDoc, Span as SpacySpan

from annalyst.extract.actors import canonical_actor
from annalyst.extract.nlp import Mention, PageContext, find_mentions, load_nlp
from annalyst.extract.places import geocode
from annalyst.extract.time import Timex, tag_dates
from annalyst.model import Document, Evidence, Source, Span

from .fatalities import Count, sentence_count
from .record import Event
from .roles import Role, assign_roles, is_state, killed_class
from .triggers import TriggerHit, default_actor1, event_type_of, find_triggers, irrealis_lemmas
from .when import date_groups, event_date, finest, is_tally, saying_when
from .where import (is_attached, is_country, is_facility, is_modifier, is_person, is_qualifier, mention_root,
                    names_agreement, parsed_places)

__all__ = ["extract_events", "events_from_text"]

EXTRACTOR = "extract.events"
VERSION = "0.1"
_CITY_WORDS = re.compile(r"\b(the|this|that) (city|town|village|stronghold|settlement)\b|\bthere\b", re.I)


def events_from_text(text: str, anchor_date=None, source_id: str = "text", mode: str | None = None) -> list[Event]:
    """Events in a plain text (an event report, a sentence); "news" mode when an anchor date is given."""
    mode = mode or ("news" if anchor_date else "narrative")
    return extract_events(Document(Source(id=source_id, title=source_id), text), anchor_date=anchor_date, mode=mode)


def extract_events(doc: Document, anchor_date=None, context: PageContext | None = None,
                   mode: str = "narrative") -> list[Event]:
    """The events a document's prose reports; over ``doc.structure.paragraphs`` when the reader found them."""
    spans = doc.structure.paragraphs or (Span(0, len(doc.text)),)
    # a clock time in a dated report ("at 21:16") is on the report's day: the tagger gives it that date
    timexes = [t for t in tag_dates(doc.text, anchor_date=anchor_date, mode=mode)
               if t.earliest and (t.type == "DATE" or t.type == "TIME" and anchor_date)]
    nlp = load_nlp()
    subject = _subject(doc, context)
    events: list[Event] = []
    for span, pdoc in zip(spans, nlp.pipe(doc.text[s.start:s.end] for s in spans)):
        events += _Paragraph(doc, span.start, pdoc, find_mentions(pdoc, context), timexes, subject).events()
    return _merge(events)


class _Paragraph:
    """One paragraph's sentences, with the last place and actor named (for "the city", "they")."""

    def __init__(self, doc: Document, base: int, pdoc: SpacyDoc, mentions: list[Mention], timexes: list[Timex],
                 subject: Role | None = None):
        self.doc, self.base, self.pdoc, self.mentions = doc, base, pdoc, mentions
        parsed = parsed_places(pdoc, mentions)
        self.places = sorted([m for m in mentions if m.kind == "place"] + parsed, key=lambda m: m.start)
        # what each place is does not change from trigger to trigger: read it once;
        # ACLED's location is a town or a region, never a whole country
        self.towns = [m for m in self.places if not is_country(m) and not is_person(m, pdoc, self.places)]
        self.qualifiers = {m for m in self.places if is_qualifier(m, self.places, pdoc.text)}
        self.named = sorted(mentions + parsed, key=lambda m: m.start)
        self.timexes = [t for t in timexes if base <= t.start and t.end <= base + len(pdoc.text)]
        self.place: Mention | None = None
        self.actor: Role | None = subject
        self.last_timex: Timex | None = None

    def events(self) -> list[Event]:
        out: list[Event] = []
        for sent in self.pdoc.sents:
            sent_timexes = saying_when([t for t in self.timexes if sent.start_char <= t.start - self.base < sent.end_char],
                                      self.pdoc, self.base)
            hits = [h for h in find_triggers(sent) if not _irrealis(self.pdoc[h.token])]
            again = hits and all(h.trigger.fatality_only or _anaphoric(self.pdoc[h.token]) for h in hits)
            if out and not sent_timexes and (again or not hits):
                out[-1] = self._add_fatalities(out[-1], sent)
            elif hits and (sent_timexes or not _habitual(self.pdoc, hits)):
                # what the sentence says of deaths and countries is the same for each of its events
                count, countries = sentence_count(sent), _countries(sent, self.mentions)
                for timex, group in date_groups(sent, hits, finest(sent_timexes), self.base):
                    group = [h for h in group if not is_tally(sent, h, timex)]
                    if not group:
                        continue
                    out.append(self._event(sent, group, timex or (None if sent_timexes else self.last_timex),
                                           count, countries))
                    if out[-1].actor1 and "actor1" in out[-1].evidence:
                        ev = out[-1].evidence["actor1"][0]
                        self.actor = Role(out[-1].actor1, ev.start - self.base, ev.end - self.base)
            self._remember(sent, sent_timexes)
        return out

    def _remember(self, sent: SpacySpan, sent_timexes: list[Timex]) -> None:
        for m in self.towns:
            if sent.start_char <= m.start < sent.end_char and m not in self.qualifiers:
                self.place = m
        if sent_timexes:
            self.last_timex = sent_timexes[-1]

    def _ev(self, start: int, end: int) -> Evidence:
        """Evidence for pdoc[start:end] (paragraph offsets) as offsets into doc.text."""
        return self.doc.evidence(self.base + start, self.base + end, EXTRACTOR, VERSION)

    def _event(self, sent: SpacySpan, hits: list[TriggerHit], timex: Timex | None, count: Count | None,
               countries: tuple[str, ...]) -> Event:
        hit = max(hits, key=lambda h: (not _descriptive(self.pdoc[h.token]), h.trigger.priority))
        trig = hit.trigger
        head = self.pdoc[hit.token]
        roles = assign_roles(sent, head, self.named, self.actor, trig.sub_event_type,
                             prep_object=trig.roles.get("actor1") == "prep_object")
        sub = _cued(trig, roles)
        evidence: dict[str, tuple[Evidence, ...]] = {"sub_event_type": (self._ev(hit.start, hit.end),)}
        evidence["event_type"] = evidence["sub_event_type"]
        evidence["notes"] = (self._ev(sent.start_char, sent.end_char),)
        for name, role in (("actor1", roles.actor1), ("actor2", roles.actor2)):
            if role:
                evidence[name] = (self._ev(role.start, role.end),)
        if roles.assoc_actor_1:
            evidence["assoc_actor_1"] = tuple(self._ev(r.start, r.end) for r in roles.assoc_actor_1)
        date, precision = event_date(timex)
        if timex is not None:
            evidence["event_date"] = evidence["time_precision"] = (self.doc.evidence(timex.start, timex.end, EXTRACTOR, VERSION),)
        where, place = self._location(sent, hit, roles, countries)
        if where is not None:
            evidence["location"] = evidence["country"] = (self._ev(where.start, where.end),)
        if count is not None:
            evidence["fatalities"] = (self._ev(sent.start_char + count.start, sent.start_char + count.end),)
        country = place.country if place else (countries[-1] if countries else None)
        if roles.actor1 is None:
            default = default_actor1(sub, country)
            if default is not None:  # the trigger is the evidence: "were arrested" says the police acted
                roles = replace(roles, actor1=Role(default, hit.start, hit.end))
                evidence["actor1"] = (self._ev(hit.start, hit.end),)
        known = sum(x is not None for x in (date, roles.actor1, roles.actor2, place))
        return Event(event_date=date, time_precision=precision, event_type=event_type_of(sub), sub_event_type=sub,
                     actor1=roles.actor1.name if roles.actor1 else None,
                     assoc_actor_1=tuple(r.name for r in roles.assoc_actor_1),
                     actor2=roles.actor2.name if roles.actor2 else None, assoc_actor_2=(),
                     country=country,
                     admin1=place.admin1 if place else None,
                     location=where.canonical if where else None, latitude=place.latitude if place else None,
                     longitude=place.longitude if place else None, geo_precision=place.geo_precision if place else None,
                     fatalities=count.value if count else None, notes=sent.text, evidence=evidence,
                     confidence=round(0.4 + 0.12 * known + (0.02 * trig.priority / 10), 3),
                     timex=timex.value if timex else None)

    def _location(self, sent: SpacySpan, hit: TriggerHit, roles, countries: tuple[str, ...]):
        used = {r.name for r in (roles.actor1, roles.actor2, *roles.assoc_actor_1) if r}
        places = [m for m in self.towns if sent.start_char <= m.start < sent.end_char
                  and m.canonical not in used and _locative(self.pdoc, m, hit)]
        if places:
            towns = [m for m in places if not is_facility(m)]
            best = min(places, key=lambda m: (m in self.qualifiers, bool(towns) and is_facility(m),
                                              is_modifier(m, self.pdoc, self.places), not is_attached(m, self.pdoc, hit.token),
                                              m.start < hit.start and hit.trigger.roles.get("actor1") != "prep_object",
                                              abs(m.start - hit.start)))
        elif self.place is not None and _CITY_WORDS.search(sent.text):
            best = self.place
        else:
            return None, None
        written = _with_context(self.pdoc.text, best)
        return best, geocode(written, countries=countries) or geocode(best.canonical)

    def _add_fatalities(self, event: Event, sent: SpacySpan) -> Event:
        count = sentence_count(sent)
        if count is None or event.fatalities is not None:
            return event
        evidence = dict(event.evidence)
        victims = killed_class(sent) if event.actor2 is None else None
        if victims is not None:
            evidence["actor2"] = (self._ev(victims.start, victims.end),)
            event = replace(event, actor2=victims.name)
        evidence["fatalities"] = (self._ev(sent.start_char + count.start, sent.start_char + count.end),)
        evidence["notes"] = (self.doc.evidence(evidence["notes"][0].start, self.base + sent.end_char, EXTRACTOR, VERSION),)
        return replace(event, fatalities=count.value, notes=evidence["notes"][0].text, evidence=evidence)


_LOC_PREPS = frozenset("in at near on outside into across around inside off within over of from towards".split())
_EVENT_NAME = re.compile(r"^(the )?(fall|battle|siege|liberation|capture|sack|massacre|raid) of\b", re.I)
_EVENT_NOUNS = frozenset("fall battle siege liberation capture sack massacre recapture occupation".split())
_ON_PERSONS = frozenset({"Abduction/forced disappearance", "Arrests", "Sexual violence"})
_ATTACKS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _locative(pdoc: SpacyDoc, m: Mention, hit: TriggerHit) -> bool:
    """Whether a place names where the event happened: after a locative preposition, or the target of an attack."""
    if _EVENT_NAME.match(m.text):
        return False
    tok = mention_root(pdoc, m)
    if tok is not None and names_agreement(tok) and hit.trigger.sub_event_type == "Agreement":
        return True
    for _ in range(4):
        if tok is None or tok.dep_ not in ("compound", "appos", "conj", "amod", "nmod", "poss", "npadvmod"):
            break
        tok = tok.head
    if tok is None:
        return True
    clause = _clause(tok)
    introduced = {c.lower_ for c in clause.children}
    if clause.dep_ == "relcl" and clause.i != _clause(pdoc[hit.token]).i and "where" not in introduced \
            and not (clause.head.ent_type_ == "DATE" and "when" in introduced):
        return False  # "..., when a Russian fleet attacked ... at Sinop" and "the camp where they were held in X" do count
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _EVENT_NOUNS:
        named = tok.head.head
        return named.dep_ == "pobj" and named.head.lower_ == "at"  # "at the Battle of Nezib"; not "the Fall of Mosul"
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _LOC_PREPS
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        if hit.trigger.sub_event_type in _ON_PERSONS:
            return False  # "Ovalle and Sanchez were kidnapped": people are kidnapped, not places
        return event_type_of(hit.trigger.sub_event_type) in _ATTACKS or hit.trigger.control
    return True


def _anaphoric(tok) -> bool:
    """ "The protest was peaceful", "the attack": a noun that refers back to the event just reported."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _descriptive(tok) -> bool:
    """A bare participle describing a noun ("a car park occupied by the British"): a state, not the event reported."""
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _clause(tok):
    """The verb heading the clause a token sits in (relative and adverbial clauses are their own)."""
    for _ in range(12):
        if tok.dep_ in ("relcl", "ccomp", "acl", "ROOT") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _subject(doc: Document, context: PageContext | None) -> Role | None:
    """The page's subject, when it is an actor: what "the group" and "it" first refer to."""
    if context and context.subject:
        name = canonical_actor(context.subject) or context.subject
    else:
        name = canonical_actor(doc.source.title or "")  # a canonical name already
    return Role(name, 0, 0) if name else None


_PLACE_CONTEXT = re.compile(r"(?:\s+(?:village|town|city|district|area|camp))?\s*\([^()]{1,80}\)")


def _with_context(text: str, m: Mention) -> str:
    """A place with the parenthesis that situates it, as event notes write it:
    "Gulane village (Cadale, Middle Shabelle)" is geocoded through Cadale, not a namesake."""
    follows = _PLACE_CONTEXT.match(text, m.end)
    return text[m.start:follows.end()] if follows else m.text


def _countries(sent: SpacySpan, mentions: list[Mention]) -> tuple[str, ...]:
    """The countries a sentence names, in order."""
    out = []
    for m in mentions:
        if m.kind == "place" and sent.start_char <= m.start < sent.end_char:
            place = geocode(m.canonical)
            if place is not None and place.kind == "country" and place.country:
                out.append(place.country)
    return tuple(out)


def _cued(trig, roles) -> str:
    cues, sub = trig.cues, trig.sub_event_type
    actor1 = roles.actor1.name if roles.actor1 else None
    state = is_state(actor1)
    if "person_object" in cues and roles.person_object:
        # with no one named, the narrative's "X was captured" is an arrest by the state
        return cues["person_object"]["state" if actor1 is None or state else "non_state"]
    if "actor1_state" in cues and state:
        return cues["actor1_state"]
    if "actor1_non_state" in cues and actor1 and not state:
        return cues["actor1_non_state"]
    if "victim_civilian" in cues and roles.victim_civilian:
        return cues["victim_civilian"]
    return sub


def _irrealis(token) -> bool:
    """A trigger under "planned to", "threatening to": not an event that happened."""
    t = token
    for _ in range(3):
        if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in irrealis_lemmas():
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _habitual(pdoc: SpacyDoc, hits: list[TriggerHit]) -> bool:
    """A dateless sentence in the present or present perfect tells what usually happens, not an event."""
    for hit in hits:
        verb = pdoc[hit.token]
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        auxes = {a.lower_ for v in (verb, verb.head if verb.dep_ == "conj" else verb) for a in v.children if a.dep_ in ("aux", "auxpass")}
        if auxes & {"has", "have", "will", "would", "can", "may", "could"} or verb.tag_ in ("VBP", "VBZ", "VB"):
            continue
        if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes & {"was", "were", "had"}):
            return False
    return True


def _merge(events: list[Event]) -> list[Event]:
    """One event per day, place and type: a later mention with a vaguer or equal date adds nothing."""
    out: list[Event] = []
    for event in events:
        if not any(e.sub_event_type == event.sub_event_type and e.location and e.location == event.location
                   and e.actor1 == event.actor1 and _same_day(e, event) for e in out):
            out.append(event)
    return out


def _same_day(a: Event, b: Event) -> bool:
    return a.event_date == b.event_date and a.time_precision == b.time_precision
