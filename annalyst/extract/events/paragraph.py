"""A page and its paragraphs read sentence by sentence: which sentences report events, with what the
page and the paragraph so far leave unsaid ("the city", "they", the page's own group)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc as SpacyDoc, Span as SpacySpan

from annalyst.extract.actors import canonical_actor
from annalyst.extract.nlp import Mention, PageContext
from annalyst.extract.places import geocode
from annalyst.extract.time import Timex
from annalyst.model import Document, Event, Evidence, Span

from .clauses import anaphoric, descriptive, earlier, habitual, irrealis, is_reason
from .cues import armed_group
from .fatalities import Count, sentence_count
from .reports import ReportFrame
from .roles import Role, killed_class
from .stages import EXTRACTOR, VERSION, Draft, run_stages, to_event
from .triggers import TriggerHit, category_trigger, find_triggers
from .victims import MILITARY, military_of
from .when import date_groups, finest, is_tally, saying_when
from .where import is_country, is_person, is_qualifier, parsed_places

__all__ = ["Page", "Paragraph", "merge_same", "countries_named"]


class Page:
    """What the page says of itself that its sentences leave unsaid: its subject, the sides of its war,
    the town its battle was for."""

    def __init__(self, doc: Document, context: PageContext | None):
        self.doc = doc
        self.subject = _subject(doc, context)
        written = (context.subject, *context.aliases) if context and context.subject else (doc.source.title,)
        self.subject_names = (*written, self.subject.name) if self.subject is not None else ()
        # the perpetrator of violence no sentence attributes: the page's subject, if it is a non-state armed group
        # (not a state, a party or a person: what happens on their pages is not all their doing)
        self.perpetrator = self.subject if self.subject is not None and armed_group(self.subject.name) else None
        sides = context.sides if context is not None else ()
        self.sides = sides if len(sides) == 2 else ()
        self.setting = context.setting if context is not None else None
        self.kind = context.kind if context is not None else None

    def named_at(self, *written: str) -> Span | None:
        """Where the page first writes one of these names (the evidence for a value it implies)."""
        names = tuple(sorted({w for w in written if w and w.strip()}, key=lambda w: (-len(w), w)))
        first = _any_of(names).search(self.doc.text) if names else None
        return Span(first.start(), first.end()) if first else None


class Paragraph:
    """One paragraph's sentences, with the last place and actor named (for "the city", "they")."""

    def __init__(self, page: Page, base: int, pdoc: SpacyDoc, mentions: list[Mention], timexes: list[Timex],
                 frame: ReportFrame | None = None):
        self.page, self.doc, self.base, self.pdoc, self.mentions = page, page.doc, base, pdoc, mentions
        self.frame = frame
        self.text = pdoc.text  # spaCy joins its tokens again on every access: read it once
        end = base + len(self.text)
        self.timexes = [t for t in timexes if base <= t.start and t.end <= end]
        parsed = parsed_places(pdoc, mentions)
        # a name inside a temporal expression is part of the date ("480 BC" is no British Columbia)
        self.places = sorted([m for m in [m for m in mentions if m.kind == "place"] + parsed
                              if not any(t.start < base + m.end and base + m.start < t.end for t in self.timexes)],
                             key=lambda m: m.start)
        # what each place is does not change from trigger to trigger: read it once;
        # ACLED's location is a town or a region, never a whole country
        self.towns = [m for m in self.places if not is_country(m) and not is_person(m, pdoc, self.places)]
        self.qualifiers = {m for m in self.places if is_qualifier(m, self.places, self.text)}
        self.named = sorted(mentions + parsed, key=lambda m: m.start)
        self.place: Mention | None = None
        self.actor: Role | None = page.subject
        self.last_timex: Timex | None = None
        self.last_event: Event | None = None

    def events(self) -> list[Event]:
        out: list[Event] = []
        for sent in self.pdoc.sents:
            sent_timexes = saying_when([t for t in self.timexes if sent.start_char <= t.start - self.base < sent.end_char],
                                      self.pdoc, self.base)
            hits = [h for h in find_triggers(sent) if not irrealis(self.pdoc[h.token])
                    and not (self.frame is not None and is_reason(self.pdoc[h.token]))]
            again = hits and all(h.trigger.fatality_only or anaphoric(self.pdoc[h.token]) for h in hits)
            # a later sentence's deaths are the event's: in a report (one incident, ACLED's and GTD's one
            # note one event) also when dated ("Kennedy died of his wounds the following day")
            if out and (again or not hits) and (not sent_timexes or (self.frame is not None and not hits)):
                out[-1] = self._add_fatalities(out[-1], sent)
            elif hits and (sent_timexes or not habitual(self.pdoc, hits)):
                # what the sentence says of deaths and countries is the same for each of its events
                count, countries = sentence_count(sent), countries_named(sent, self.mentions)
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
            self.last_event = out[-1] if out else None
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
        event = self._event(sent, [hit], None, sentence_count(sent), countries_named(sent, self.mentions))
        return [event] if event is not None else []

    def _dated_to_a_day(self) -> bool:
        return self.frame is not None and self.frame.date is not None and self.frame.date.time_precision == 1

    def _remember(self, sent: SpacySpan, sent_timexes: list[Timex]) -> None:
        for m in self.towns:
            if sent.start_char <= m.start < sent.end_char and m not in self.qualifiers:
                self.place = m
        if sent_timexes:
            self.last_timex = sent_timexes[-1]

    def ev(self, start: int, end: int) -> Evidence:
        """Evidence for pdoc[start:end] (paragraph offsets) as offsets into doc.text."""
        return self.doc.evidence(self.base + start, self.base + end, EXTRACTOR, VERSION)

    def _event(self, sent: SpacySpan, hits: list[TriggerHit], timex: Timex | None, count: Count | None,
               countries: tuple[str, ...], dated_list: bool = False) -> Event | None:
        """The event one sentence reports at its main trigger, read by the stages (see stages.py)."""
        hit = max(hits, key=lambda h: (not descriptive(self.pdoc[h.token]), not earlier(self.pdoc[h.token]),
                                       h.trigger.priority))
        draft = run_stages(self, Draft(sent, hit, timex, count, countries, dated_list))
        return to_event(draft) if draft is not None else None

    def implied_ev(self, at: Span | None, hit: TriggerHit) -> Evidence:
        """Where the page names an actor a sentence implies; the trigger when the text at hand never does."""
        return self.doc.evidence(at.start, at.end, EXTRACTOR, VERSION) if at else self.ev(hit.start, hit.end)

    def _add_fatalities(self, event: Event, sent: SpacySpan) -> Event:
        count = sentence_count(sent)
        if count is None or event.fatalities is not None:
            return event
        evidence = dict(event.evidence)
        victims = killed_class(sent) if event.actor2 is None else None
        if victims is not None:
            evidence["actor2"] = (self.ev(victims.start, victims.end),)
            event = replace(event, actor2=military_of(event.country) if victims.name == MILITARY else victims.name)
        evidence["fatalities"] = (self.ev(sent.start_char + count.start, sent.start_char + count.end),)
        evidence["notes"] = (self.doc.evidence(evidence["notes"][0].start, self.base + sent.end_char, EXTRACTOR, VERSION),)
        return replace(event, fatalities=count.value, notes=evidence["notes"][0].text, evidence=evidence)


@lru_cache(maxsize=256)
def _any_of(names: tuple[str, ...]) -> re.Pattern:
    """One pattern for several whole names, the longest first."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _subject(doc: Document, context: PageContext | None) -> Role | None:
    """The page's subject, when it is an actor: what "the group" and "it" first refer to."""
    if context and context.subject:
        name = canonical_actor(context.subject) or context.subject
    else:
        name = canonical_actor(doc.source.title or "")  # a canonical name already
    return Role(name, 0, 0) if name else None


def countries_named(sent: SpacySpan, mentions: list[Mention]) -> tuple[str, ...]:
    """The countries a sentence names, in order."""
    out = []
    for m in mentions:
        if m.kind == "place" and sent.start_char <= m.start < sent.end_char:
            place = geocode(m.canonical)
            if place is not None and place.kind == "country" and place.country:
                out.append(place.country)
    return tuple(out)


def merge_same(events: list[Event]) -> list[Event]:
    """One event per day, place and type: a later mention with a vaguer or equal date adds nothing."""
    out: list[Event] = []
    for event in events:
        if not any(e.sub_event_type == event.sub_event_type and e.location and e.location == event.location
                   and e.actor1 == event.actor1 and _same_day(e, event) for e in out):
            out.append(event)
    return out


def _same_day(a: Event, b: Event) -> bool:
    return a.event_date == b.event_date and a.time_precision == b.time_precision
