"""Events from prose, sentence by sentence: trigger, date, actors, place, fatalities, each cited."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator

from spacy.tokens import Doc as SpacyDoc, Span as SpacySpan

from annalyst.errors import AnnalystError
from annalyst.extract.actors import actor_table, canonical_actor
from annalyst.extract.nlp import Mention, PageContext, find_mentions, load_nlp, named_like_armed_group
from annalyst.extract.places import geocode
from annalyst.extract.time import Timex, tag_dates
from annalyst.model import Document, Evidence, Source, Span

from .fatalities import Count, sentence_count
from .record import Event
from .national import national_actor
from .reports import NUMERIC_LEADS, ReportFrame, read_frame, text_country
from .rules import rules_of
from .report_event import one_event
from .roles import Role, Roles, assign_roles, is_state, killed_class, state_country
from .sides import side_of
from .triggers import TriggerHit, category_trigger, cue_pattern, default_actor1, instruments, natural_causes, event_type_of, find_triggers, irrealis_lemmas, subject_acts
from .victims import MILITARY, military_of
from .when import date_groups, event_date, finest, is_tally, saying_when
from .where import (is_attached, is_country, is_facility, is_modifier, is_person, is_qualifier, mention_root,
                    names_agreement, parsed_places)

__all__ = ["Report", "extract_events", "extract_many", "events_from_text", "text_report"]

EXTRACTOR = "extract.events"
VERSION = "0.1"
_CITY_WORDS = re.compile(r"\b(the|this|that) (city|town|village|stronghold|settlement)\b|\bthere\b", re.I)


@dataclass(frozen=True)
class Report:
    """A text to read events from, and what to read it with: the date it was written (an event report's
    anchor; "news" mode resolves relative dates against it), the page's context, the tagger's mode."""

    doc: Document
    anchor_date: str | None = None
    context: PageContext | None = None
    mode: str = "narrative"
    kind: str = "page"  # "report": an event report, read with its conventions, one event unless it says otherwise


def events_from_text(text: str, anchor_date=None, source_id: str = "text", mode: str | None = None,
                     context: PageContext | None = None) -> list[Event]:
    """Events in a plain text (an event report, a sentence, with the context of its page if it has one);
    "news" mode when an anchor date is given."""
    report = text_report(text, anchor_date, source_id, mode, context)
    return extract_events(report.doc, report.anchor_date, report.context, report.mode, report.kind)


def text_report(text: str, anchor_date=None, source_id: str = "text", mode: str | None = None,
                context: PageContext | None = None) -> Report:
    """A plain text as a Report: "news" mode when an anchor date is given; an event report unless the
    context of a page is given (then it is a sentence of that page)."""
    mode = mode or ("news" if anchor_date else "narrative")
    return Report(Document(Source(id=source_id, title=source_id), text), anchor_date, context, mode,
                  kind="report" if context is None else "page")


def extract_events(doc: Document, anchor_date=None, context: PageContext | None = None,
                   mode: str = "narrative", kind: str = "page") -> list[Event]:
    """The events a document's prose reports; over ``doc.structure.paragraphs`` when the reader found them."""
    result = next(extract_many([Report(doc, anchor_date, context, mode, kind)]))
    if isinstance(result, AnnalystError):
        raise result
    return result


def extract_many(reports: Iterable[Report], batch_size: int = 128) -> Iterator[list[Event] | AnnalystError]:
    """Each report's events, in order, or the error that stopped that report (a bad anchor date).

    The paragraphs of up to ``batch_size`` reports go through spaCy together (``nlp.pipe``): the
    model runs several times faster over a batch than over one short report at a time.
    """
    nlp = load_nlp()
    it = iter(reports)
    while chunk := list(islice(it, batch_size)):
        read = [_read(report) for report in chunk]
        pdocs = nlp.pipe(text for r in read if not isinstance(r, AnnalystError) for text in r.texts())
        for r in read:
            if isinstance(r, AnnalystError):
                yield r
                continue
            events: list[Event] = []
            for span, pdoc in zip(r.spans, pdocs):
                mentions = find_mentions(pdoc, r.context)
                if r.frame is not None:  # "MUNICH, Sept. 5 (AP) —", "Government regains territory:" name no party
                    mentions = [m for m in mentions if not any(a <= span.start + m.start < b for a, b in r.frame.header())]
                events += _Paragraph(r.page, span.start, pdoc, mentions, r.timexes, r.frame).events()
            yield _merge(events) if r.frame is None else one_event(events, r.frame, r.page.doc)


@dataclass(frozen=True)
class _Read:
    """A report before parsing: its paragraphs, its dates, its page."""

    page: "_Page"
    spans: tuple[Span, ...]
    timexes: list[Timex]
    context: PageContext | None
    frame: ReportFrame | None = None  # an event report's conventions (None for a page)

    def texts(self) -> Iterator[str]:
        """Each paragraph's text for the parser; a report's dateline and category prefix blanked out, so that
        "Government regains territory:" or "MUNICH (AP) —" is no clause of it (offsets are kept)."""
        text = self.page.doc.text
        if self.frame is not None:
            for start, end in self.frame.labels():
                text = text[:start] + " " * (end - start) + text[end:]
        return (text[s.start:s.end] for s in self.spans)


def _read(report: Report) -> _Read | AnnalystError:
    doc = report.doc
    try:
        # a clock time in a dated report ("at 21:16") is on the report's day: the tagger gives it that date
        timexes = [t for t in tag_dates(doc.text, anchor_date=report.anchor_date, mode=report.mode)
                   if t.earliest and (t.type == "DATE" or t.type == "TIME" and report.anchor_date)]
    except AnnalystError as exc:
        return exc
    spans = doc.structure.paragraphs or (Span(0, len(doc.text)),)
    frame, context = None, report.context
    if report.kind == "report":
        frame = read_frame(doc.text, report.anchor_date)
        if frame.dateline is not None:  # the dateline's date is when the report was filed
            timexes = [t for t in timexes if t.start >= frame.dateline.end]
        if frame.date is not None and frame.date.rule in NUMERIC_LEADS:
            # "12/18/2014:" is read by its rule as a day; the tagger would take the year alone
            timexes = [t for t in timexes if t.end <= frame.date.start or t.start >= frame.date.end]
        if frame.country:  # an abbreviation several actors share is read as the report's country means it
            context = replace(context or PageContext(), countries=(frame.country, *(context.countries if context else ())))
    return _Read(_Page(doc, context), spans, timexes, context, frame)


class _Page:
    """What the page says of itself that its sentences leave unsaid: its subject, the sides of its war,
    the town its battle was for."""

    def __init__(self, doc: Document, context: PageContext | None):
        self.doc = doc
        self.subject = _subject(doc, context)
        written = (context.subject, *context.aliases) if context and context.subject else (doc.source.title,)
        self.subject_names = (*written, self.subject.name) if self.subject is not None else ()
        # the perpetrator of violence no sentence attributes: the page's subject, if it is a non-state armed group
        # (not a state, a party or a person: what happens on their pages is not all their doing)
        self.perpetrator = self.subject if self.subject is not None and _armed_group(self.subject.name) else None
        sides = context.sides if context is not None else ()
        self.sides = sides if len(sides) == 2 else ()
        self.setting = context.setting if context is not None else None

    def named_at(self, *written: str) -> Span | None:
        """Where the page first writes one of these names (the evidence for a value it implies)."""
        names = tuple(sorted({w for w in written if w and w.strip()}, key=lambda w: (-len(w), w)))
        first = _any_of(names).search(self.doc.text) if names else None
        return Span(first.start(), first.end()) if first else None


class _Paragraph:
    """One paragraph's sentences, with the last place and actor named (for "the city", "they")."""

    def __init__(self, page: _Page, base: int, pdoc: SpacyDoc, mentions: list[Mention], timexes: list[Timex],
                 frame: ReportFrame | None = None):
        self.page, self.doc, self.base, self.pdoc, self.mentions = page, page.doc, base, pdoc, mentions
        self.frame = frame
        parsed = parsed_places(pdoc, mentions)
        self.places = sorted([m for m in mentions if m.kind == "place"] + parsed, key=lambda m: m.start)
        # what each place is does not change from trigger to trigger: read it once;
        # ACLED's location is a town or a region, never a whole country
        self.towns = [m for m in self.places if not is_country(m) and not is_person(m, pdoc, self.places)]
        self.qualifiers = {m for m in self.places if is_qualifier(m, self.places, pdoc.text)}
        self.named = sorted(mentions + parsed, key=lambda m: m.start)
        self.timexes = [t for t in timexes if base <= t.start and t.end <= base + len(pdoc.text)]
        self.place: Mention | None = None
        self.actor: Role | None = page.subject
        self.last_timex: Timex | None = None

    def events(self) -> list[Event]:
        out: list[Event] = []
        for sent in self.pdoc.sents:
            sent_timexes = saying_when([t for t in self.timexes if sent.start_char <= t.start - self.base < sent.end_char],
                                      self.pdoc, self.base)
            hits = [h for h in find_triggers(sent) if not _irrealis(self.pdoc[h.token])
                    and not (self.frame is not None and _reason(self.pdoc[h.token]))]
            again = hits and all(h.trigger.fatality_only or _anaphoric(self.pdoc[h.token]) for h in hits)
            if out and not sent_timexes and (again or not hits):
                out[-1] = self._add_fatalities(out[-1], sent)
            elif hits and (sent_timexes or not _habitual(self.pdoc, hits)):
                # what the sentence says of deaths and countries is the same for each of its events
                count, countries = sentence_count(sent), _countries(sent, self.mentions)
                groups = list(date_groups(sent, hits, finest(sent_timexes), self.base))
                for timex, group in groups:
                    if not self._dated_to_a_day():  # "three pipe bombs exploded" on one day is one event
                        group = [h for h in group if not is_tally(sent, h, timex)]
                    if not group:
                        continue
                    event = self._event(sent, group, timex or (None if sent_timexes else self.last_timex),
                                        count, countries, dated_list=len(groups) > 1)
                    if event is None:
                        continue
                    out.append(event)
                    if out[-1].actor1 and "actor1" in out[-1].evidence:
                        ev = out[-1].evidence["actor1"][0]
                        self.actor = Role(out[-1].actor1, ev.start - self.base, ev.end - self.base)
            self._remember(sent, sent_timexes)
        if not out and self.frame is not None and self.frame.category is not None:
            out = self._categorised()
        return out

    def _categorised(self) -> list[Event]:
        """A report whose category prefix says what happened ("Looting: ...") when no trigger word does:
        the event is its first sentence's, read at that sentence's main verb."""
        sent = next((s for s in self.pdoc.sents if s.end_char > self.frame.category.end - self.base), None)
        if sent is None:
            return []
        root = sent.root
        trigger = category_trigger(self.frame.category.value)
        hit = TriggerHit(trigger, root.idx, root.idx + len(root), root.i)
        event = self._event(sent, [hit], None, sentence_count(sent), _countries(sent, self.mentions))
        return [event] if event is not None else []

    def _dated_to_a_day(self) -> bool:
        return self.frame is not None and self.frame.date is not None and self.frame.date.time_precision == 1

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
               countries: tuple[str, ...], dated_list: bool = False) -> Event | None:
        hit = max(hits, key=lambda h: (not _descriptive(self.pdoc[h.token]), not _earlier(self.pdoc[h.token]),
                                       h.trigger.priority))
        trig = hit.trigger
        head = self.pdoc[hit.token]
        roles = assign_roles(sent, head, self.named, self.actor, trig.sub_event_type,
                             prep_object=trig.roles.get("actor1") == "prep_object")
        if dated_list and timex is not None:
            roles = self._party_of_date(roles, timex)
        report = self.frame is not None
        sub, cue = _cued(trig, roles, self.pdoc.text if report else sent.text, head, report)
        roles = _crowd_roles(roles, sub, trig)
        if sub == "Peaceful protest":  # ACLED: what a protest is against is no party to it; only an intervening actor is
            roles = replace(roles, actor2=None)
        evidence: dict[str, tuple[Evidence, ...]] = {
            "sub_event_type": (self.doc.evidence(self.base + hit.start, self.base + hit.end,
                                                 f"{EXTRACTOR}.triggers.{trig.name}", VERSION),)}
        if cue is not None:
            evidence["sub_event_type"] += (replace(evidence["sub_event_type"][0], extractor=f"{EXTRACTOR}.cues.{cue}"),)
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
        if self.frame is not None and self.frame.country:  # a report's places are first sought in its country
            countries = tuple(dict.fromkeys((*countries, self.frame.country)))
        where, place = self._location(sent, hit, roles, countries)
        if where is not None:
            evidence["location"] = evidence["country"] = (self._ev(where.start, where.end),)
        if count is not None:
            evidence["fatalities"] = (self._ev(sent.start_char + count.start, sent.start_char + count.end),)
        country = place.country if place else (countries[-1] if countries else None)
        if roles.actor2 is not None and roles.actor2.name == MILITARY:  # "killed 13 government soldiers in Ayacucho"
            whose = _victims_country(sent, roles) or country or _state_country(sent, self.named)
            roles = replace(roles, actor2=replace(roles.actor2, name=military_of(whose)))
        roles = self._implied(sent, hit, sub, roles, evidence)
        if self.frame is not None and (roles.actor1 is None or _unnamed(roles.actor1.name)):
            roles = self._claimed(roles, evidence)
        if roles.actor2 is None and event_type_of(sub) == "Violence against civilians":
            # ACLED's violence against civilians has civilians as its target by definition ("the massacre")
            roles = replace(roles, actor2=Role("Civilians", hit.start, hit.end))
            evidence["actor2"] = (self._ev(hit.start, hit.end),)
        if roles.actor1 is None:
            default = default_actor1(sub, country)
            if default is not None:  # the trigger is the evidence: "were arrested" says the police acted
                roles = replace(roles, actor1=Role(default, hit.start, hit.end))
                evidence["actor1"] = (self._ev(hit.start, hit.end),)
        if trig.requires_armed and sub == trig.sub_event_type and not (roles.actor1 and _political(roles.actor1.name)):
            return None  # "ASEAN was founded", "residents moved to the city": no violent group's activity
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

    def _party_of_date(self, roles: Roles, timex: Timex) -> Roles:
        """ "armistices with Egypt on 24 February, Lebanon on 23 March, ...": each date, the party named just before it."""
        if roles.actor2 is None:
            return roles
        at = timex.start - self.base
        named = next((m for m in self.named if m.end <= at and (m.kind == "actor" or is_country(m))
                      and _DATE_AFTER.fullmatch(self.pdoc.text[m.end:at])), None)
        if named is None or roles.actor1 is not None and named.canonical == roles.actor1.name:
            return roles
        return replace(roles, actor2=Role(named.canonical, named.start, named.end))

    def _implied(self, sent: SpacySpan, hit: TriggerHit, sub: str, roles: Roles, evidence: dict) -> Roles:
        """Actors the sentence leaves to its page: the page's group as the perpetrator of violence no one
        is named for; "the two sides" of the page's war; the other side, when only one is named."""
        page = self.page
        perpetrator = page.perpetrator
        if roles.actor1 is None and perpetrator is not None and subject_acts(sub) \
                and (roles.actor2 is None or roles.actor2.name != perpetrator.name):
            # "Ponto was shot and killed" on the Red Army Faction's page: the page's group did it
            roles = replace(roles, actor1=perpetrator)
            evidence["actor1"] = (self._implied_ev(page.named_at(*page.subject_names), hit),)
        if not page.sides:
            return roles
        both = _BOTH_SIDES.search(sent.text)
        if roles.actor1 is None and both is not None:  # "both countries clashed", "the two sides signed"
            one, two = page.sides[0][0], page.sides[1][0]
            at = self._ev(sent.start_char + both.start(), sent.start_char + both.end())
            roles = replace(roles, actor1=Role(one.name, 0, 0), actor2=roles.actor2 or Role(two.name, 0, 0))
            evidence["actor1"] = (at,)
            evidence.setdefault("actor2", (at,))
        elif roles.actor1 is not None and roles.actor2 is None and event_type_of(sub) in _FIGHTING:
            side = side_of(roles.actor1.name, page.sides)
            other = page.sides[1 - side] if side is not None else ()
            if len(other) == 1:  # "Iraqi troops began their offensive" on the Battle of Mosul's page
                roles = replace(roles, actor2=Role(other[0].name, 0, 0))
                evidence["actor2"] = (self._implied_ev(page.named_at(other[0].written, other[0].name), hit),)
        return roles

    def _claimed(self, roles: Roles, evidence: dict) -> Roles:
        """ "ETA claimed responsibility", "sources attributed the attack to X": the report names the perpetrator."""
        text = self.pdoc.text
        for rule in rules_of("reports", "claims"):
            for m in rule.pattern.finditer(text):
                lo, hi = m.span("actor")
                named = [n for n in self.named if n.kind == "actor" and lo <= n.start < hi and not is_state(n.canonical)
                         and (roles.actor2 is None or n.canonical != roles.actor2.name)]
                if named:
                    first = named[-1] if rule.name in ("claimed-responsibility", "members-carried-out") else named[0]
                    evidence["actor1"] = (self.doc.evidence(self.base + first.start, self.base + first.end,
                                                            f"{EXTRACTOR}.reports.{rule.name}", VERSION),)
                    return replace(roles, actor1=Role(first.canonical, first.start, first.end))
        return roles

    def _implied_ev(self, at: Span | None, hit: TriggerHit) -> Evidence:
        """Where the page names an actor a sentence implies; the trigger when the text at hand never does."""
        return self.doc.evidence(at.start, at.end, EXTRACTOR, VERSION) if at else self._ev(hit.start, hit.end)

    def _location(self, sent: SpacySpan, hit: TriggerHit, roles, countries: tuple[str, ...]):
        used = {r.name for r in (roles.actor1, roles.actor2, *roles.assoc_actor_1) if r}
        places = [m for m in self.towns if sent.start_char <= m.start < sent.end_char
                  and m.canonical not in used and _locative(self.pdoc, m, hit)]
        if places:
            text = self.pdoc.text
            towns = [m for m in places if not is_facility(m, text)]
            best = min(places, key=lambda m: (m in self.qualifiers, bool(towns) and is_facility(m, text),
                                              is_modifier(m, self.pdoc, self.places), not is_attached(m, self.pdoc, hit.token),
                                              m.start < hit.start and hit.trigger.roles.get("actor1") != "prep_object",
                                              abs(m.start - hit.start)))
        elif self.place is not None and _CITY_WORDS.search(sent.text):
            best = self.place
        elif self.page.setting and (words := _CITY_WORDS.search(sent.text)):
            # "entered the city" on the Battle of Mosul's page, before the paragraph names a town
            start = sent.start_char + words.start()
            best = Mention(start, start + len(words.group()), words.group(), "place", self.page.setting, "context")
            return best, geocode(self.page.setting, countries=countries)
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
            event = replace(event, actor2=military_of(event.country) if victims.name == MILITARY else victims.name)
        evidence["fatalities"] = (self._ev(sent.start_char + count.start, sent.start_char + count.end),)
        evidence["notes"] = (self.doc.evidence(evidence["notes"][0].start, self.base + sent.end_char, EXTRACTOR, VERSION),)
        return replace(event, fatalities=count.value, notes=evidence["notes"][0].text, evidence=evidence)


_DATE_AFTER = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_BOTH_SIDES = re.compile(r"\b(?:both|the two) (?:countries|sides|nations|states|armies|governments|parties)\b", re.I)
_FIGHTING = frozenset({"Battles", "Explosions/Remote violence"})
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
    if clause.dep_ == "acl" and clause.tag_ == "VBG" and _doer(clause.head):
        return False  # "founded by professionals working in the Persian Gulf States": where the doers work;
        # but "the USS Liberty, a vessel sailing off Arish" was attacked there
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


# What a report names as the reason for or topic of its event is not the event it reports:
# "arrested two men over the killing", "marched in protest at the kidnappings", "to protest the shooting".
_REASON_PREPS = frozenset("over after following since before until".split())
# "arrested for the bombing", "sentenced for the killing"; but "blamed X for an attack" is the attack's report
_LEGAL_VERBS = frozenset("arrest detain charge convict sentence jail imprison try indict prosecute punish "
                         "extradite execute hang acquit indictment conviction trial verdict charge sentence "
                         "guilty inquiry investigation".split())
_TOPIC_PREPS = frozenset("at against about over".split())
_TOPIC_HEADS = frozenset("protest anger outrage condemnation demonstration rally march vigil strike".split())
_TOPIC_VERBS = frozenset("protest condemn denounce mourn commemorate investigate probe deny blame".split())


def _reason(tok) -> bool:
    """Whether a trigger word names the reason for or the topic of another event."""
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:  # "the rocket attacks"
        tok = tok.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in _REASON_PREPS and prep.head.pos_ in ("VERB", "NOUN") or \
                prep.lower_ == "for" and prep.head.lemma_.lower() in _LEGAL_VERBS:
            return True
        return prep.lower_ in _TOPIC_PREPS and prep.head.lemma_.lower() in _TOPIC_HEADS
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _TOPIC_VERBS


def _doer(noun) -> bool:
    """Whether a noun is who acts: a subject, or the object of an agent "by"."""
    return noun.dep_ == "nsubj" or noun.dep_ == "pobj" and noun.head.dep_ == "agent"


def _anaphoric(tok) -> bool:
    """ "The protest was peaceful", "the attack": a noun that refers back to the event just reported."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _descriptive(tok) -> bool:
    """A bare participle describing a noun ("a car park occupied by the British", "protesting students"):
    a state or a kind, not the event reported."""
    if tok.tag_ == "VBG" and tok.dep_ == "amod":
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _earlier(tok) -> bool:
    """ "two weeks after the bombing of ... in Frankfurt, the group set off a car bomb": an event named
    to date another one, not the one reported."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before", "since", "following", "until")


def _clause(tok):
    """The verb heading the clause a token sits in (relative and adverbial clauses are their own)."""
    for _ in range(12):
        if tok.dep_ in ("relcl", "ccomp", "acl", "ROOT") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


@lru_cache(maxsize=256)
def _any_of(names: tuple[str, ...]) -> re.Pattern:
    """One pattern for several whole names, the longest first."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


_NON_STATE_ARMED = frozenset({"rebel group", "political militia", "identity militia"})


def _armed_group(name: str) -> bool:
    actor = actor_table().actors.get(name)
    return actor.kind in _NON_STATE_ARMED if actor is not None else named_like_armed_group(name)


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


def _countries(sent: SpacySpan, mentions: list[Mention]) -> tuple[str, ...]:
    """The countries a sentence names, in order."""
    out = []
    for m in mentions:
        if m.kind == "place" and sent.start_char <= m.start < sent.end_char:
            place = geocode(m.canonical)
            if place is not None and place.kind == "country" and place.country:
                out.append(place.country)
    return tuple(out)


def _cued(trig, roles, text: str, head=None, report: bool = False) -> tuple[str, str | None]:
    """The sub-event type the trigger's cues give, and the named text cue that decided it (if one did)."""
    cues = trig.cues
    attacker = _attacker_noun(head) if head is not None else None
    for cue in ("by_aircraft", "by_artillery"):
        if cue in cues and attacker in instruments(cue):  # "Egyptian warplanes bombed", "an Iraqi Scud missile struck"
            return cues[cue], cue
    for cue in ("without_fighting", "protest_target", "protest_violence", "protest_dispersed", "protest_violent"):
        if cue in cues and cue_pattern(cue).search(text):
            return cues[cue], cue
    if "victim_armed" in cues and roles.actor2 is not None and _armed(roles.actor2.name):
        return cues["victim_armed"], "victim_armed"  # "beat a soldier": ACLED's fighting between armed groups
    if report and "victim_civilian" in cues and roles.actor2 is not None and not _armed(roles.actor2.name) \
            and not roles.victim_civilian:
        # ACLED: a battle needs armed, organised groups on both sides; a report's unarmed target is attacked
        return cues["victim_civilian"], "victim_unarmed"
    return _role_cued(trig, roles), None


_ARMED_WORDS = re.compile(r"\b(?:forces?|troops|soldiers?|army|military|police|policem[ae]n|officers?|guards?|militants|"
                          r"fighters|rebels|guerrill?as|gunm[ae]n|militias?|brigades?|units?|patrols?|convoy|"
                          r"garrison|armed|navy|fleet|squadron|regiment|battalion|division|marines|troopers?)\b", re.I)


def _political(name: str) -> bool:
    """A listed conflict actor (an armed group, a state, a party) or one named like an armed group."""
    return name in actor_table().actors or _armed(name)


def _armed(name: str) -> bool:
    """Whether an actor is armed and organised: a state's forces, an armed group, or named like one."""
    actor = actor_table().actors.get(name)
    if actor is not None:
        return actor.kind not in ("civilians", "protesters", "government", "political party")
    return is_state(name) or _armed_group(name) or bool(_ARMED_WORDS.search(name))


_CROWD = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|rioters|crowds?|mobs?|youths|residents|"
                    r"supporters|students|activists|workers|villagers)$", re.I)
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def _crowd_roles(roles: Roles, sub: str, trig) -> Roles:
    """ACLED codes demonstrators as "Protesters (Country)" / "Rioters (Country)", the group they side
    with as an associated actor, and whoever acts on them as actor2 (Codebook 2023, Protests, Riots)."""
    actor1 = roles.actor1
    if event_type_of(sub) not in _DEMONSTRATIONS or actor1 is None:
        return roles
    if _CROWD.search(actor1.name):
        return replace(roles, actor1=None)  # the country's protesters or rioters (the default actor)
    if event_type_of(trig.sub_event_type) in _DEMONSTRATIONS and not is_state(actor1.name):
        # "Fatah supporters held protests", "Hamas supporters raided the offices": the crowd's side
        return replace(roles, actor1=None, assoc_actor_1=(actor1, *roles.assoc_actor_1))
    # "police fired tear gas at protesters", "gunmen fired into a rally": who acts on the crowd
    return replace(roles, actor1=None, actor2=actor1)


def _unnamed(name: str) -> bool:
    """ "gunmen", "an assailant", "Unidentified Armed Group": a perpetrator the sentence does not name."""
    found = national_actor(name, "US")
    return name.startswith("Unidentified") or found is not None and found[1] == "generic-unidentified"


def _attacker_noun(head) -> str | None:
    """The head noun of who attacks: the subject of the trigger's verb, or the agent of a passive."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child.lemma_.lower()
        if child.dep_ == "agent":
            return next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), None)
    return None


def _role_cued(trig, roles) -> str:
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
    """A trigger under "planned to", "threatening to", "could be planning attacks", or negated ("has not
    fought"), or done by nature ("an earthquake killed"): not an event that happened (TimeML 1.2.1 §EVENT
    modality and polarity; ACLED 2023, ACLED Events)."""
    if any(c.dep_ == "neg" or c.lower_ in _UNINTENDED for c in token.children) or _attacker_noun(token) in natural_causes():
        return True
    t = token
    for _ in range(3):
        if t.dep_ in ("xcomp", "ccomp", "dobj") and t.head.lemma_.lower() in irrealis_lemmas():
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


# "accidentally shot a friend while hunting": harm no one intended is no political violence (ACLED 2023, ACLED Events)
_UNINTENDED = frozenset({"accidentally", "inadvertently", "unintentionally", "accidently"})


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
