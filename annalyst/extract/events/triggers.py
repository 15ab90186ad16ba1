"""Event triggers from ``annalyst/data/events/triggers.yaml``, found in a spaCy sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from annalyst.data import load_yaml
from annalyst.extract.actors import actor_table

__all__ = ["Trigger", "TriggerHit", "triggers", "sub_event_types", "category_trigger", "cue_pattern", "instruments", "natural_causes", "find_triggers", "event_type_of", "irrealis_lemmas", "default_actor1",
           "country_actor", "subject_acts"]


@dataclass(frozen=True)
class Trigger:
    """One named lexicon rule: words or patterns reporting one ACLED sub-event type, and the codebook
    section (``source``) whose definition it implements."""

    name: str
    source: str
    sub_event_type: str
    lemmas: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    pos: frozenset[str]
    priority: int
    cues: dict = field(default_factory=dict, hash=False, compare=False)
    roles: dict = field(default_factory=dict, hash=False, compare=False)
    control: bool = False
    fatality_only: bool = False
    requires_armed: bool = False


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in a text: its character offsets (into the sentence's doc) and the token it sits on."""

    trigger: Trigger
    start: int
    end: int
    token: int  # index of the head token in the spaCy doc


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """``triggers.yaml``, parsed once: load_yaml reads and parses the file on every call."""
    return load_yaml("events/triggers.yaml")


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon (cached)."""
    return tuple(Trigger(t["name"], t["source"], t["sub_event_type"], frozenset(t.get("lemmas") or ()),
                         tuple(re.compile(p, re.I) for p in t.get("patterns") or ()),
                         frozenset(t.get("pos") or ()), int(t.get("priority", 50)), t.get("cues") or {},
                         t.get("roles") or {}, bool(t.get("control")), bool(t.get("fatality_only")),
                         bool(t.get("requires_armed")))
                 for t in _lexicon()["triggers"])


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    return {sub: etype for etype, subs in _lexicon()["types"].items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """ACLED's event_type for a sub_event_type."""
    return _types()[sub_event_type]


@lru_cache(maxsize=1)
def irrealis_lemmas() -> frozenset[str]:
    return frozenset(_lexicon().get("irrealis") or ())


@lru_cache(maxsize=256)
def default_actor1(sub_event_type: str, country: str | None) -> str | None:
    """Who acts when a sentence names no one ("were arrested" -> the country's police), as ACLED codes it."""
    rule = (_lexicon().get("default_actor1") or {}).get(sub_event_type)
    if rule is None:
        return None
    return (country and country_actor(rule["template"], country)) or rule["bare"]


@lru_cache(maxsize=1024)
def country_actor(template: str, country: str) -> str | None:
    """The actor of one country whose name fills a template ("Police Forces of {country}", "PE")."""
    for name, actor in actor_table().actors.items():
        if actor.countries == (country,) and _fills(template, name):
            return name
    return None


def needs_armed_actor(event_type: str, page_kind: str | None) -> bool:
    """Whether an event of this type on a page of this kind needs an armed actor (``armed_actor_required``)."""
    rule = _lexicon().get("armed_actor_required") or {}
    return page_kind in rule.get("page_kinds", ()) and event_type in rule.get("event_types", ())


def subject_acts(sub_event_type: str) -> bool:
    """Whether a page's non-state subject is the perpetrator of such an event when the sentence names none."""
    return sub_event_type in _subject_acts()


@lru_cache(maxsize=1)
def _subject_acts() -> frozenset[str]:
    return frozenset(_lexicon().get("subject_acts") or ())


def _fills(template: str, name: str) -> bool:
    head, _, tail = template.partition("{country}")
    return name.startswith(head) and name.endswith(tail)


def find_triggers(sent: SpacySpan) -> list[TriggerHit]:
    """Every trigger in a sentence, by position; a pattern hit outranks a lemma hit on the same words."""
    doc, base, text = sent.doc, sent.start_char, sent.text
    hits: list[TriggerHit] = []
    for trig in (triggers() if _any_pattern().search(text) else ()):  # most sentences match none: one pass says so
        for pattern in trig.patterns:
            for m in pattern.finditer(text):
                span = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
                if span is not None:
                    hits.append(TriggerHit(trig, base + m.start(), base + m.end(), _head(span)))
    by_word = _by_word()
    for tok in sent:
        lemma, lower = tok.lemma_.lower(), tok.lower_
        found = by_word.get(lemma, ())
        if lower != lemma and lower in by_word:
            found = tuple(dict.fromkeys(found + by_word[lower]))
        for trig in found:
            if not trig.pos or tok.pos_ in trig.pos:
                hits.append(TriggerHit(trig, tok.idx, tok.idx + len(tok), tok.i))
    spans = _not_event_spans(sent)
    hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in spans)]
    return sorted(_dedupe(hits), key=lambda h: h.start)


def _not_event_spans(sent: SpacySpan) -> list[tuple[int, int]]:
    """Where a sentence's words name no political violence ("a heart attack", "a players' strike"), as doc
    offsets; a phrase about fiction or media voids the whole sentence."""
    found = []
    for rule in not_event_rules():
        for m in rule.pattern.finditer(sent.text):
            whole = bool(rule.result.get("whole_sentence"))
            found.append((sent.start_char, sent.end_char) if whole else (sent.start_char + m.start(), sent.start_char + m.end()))
    return found


@lru_cache(maxsize=1)
def not_event_rules():
    from .rules import rules_of  # the rule loader reads the same lexicon file
    return rules_of("triggers", "not_events")


@lru_cache(maxsize=1)
def natural_causes() -> frozenset[str]:
    """Head nouns of killers that are no actor: earthquakes, storms, illness (``natural_causes``)."""
    return frozenset(_lexicon().get("natural_causes") or ())


@lru_cache(maxsize=1)
def _any_pattern() -> re.Pattern:
    """Every trigger pattern in one alternation, to skip sentences that no pattern can match."""
    return re.compile("|".join(f"(?:{p.pattern})" for t in triggers() for p in t.patterns), re.I)


def may_hold_trigger(text: str) -> bool:
    """Whether any sentence of ``text`` can hold a trigger, read from its words alone: False means
    :func:`find_triggers` finds none there, so the text need not be parsed to look for events."""
    return bool(_any_pattern().search(text) or _written_forms().search(text))


@lru_cache(maxsize=1)
def _written_forms() -> re.Pattern:
    """The start of every written form of a trigger lemma: the lemma without a final "e" ("captur"
    for captured, capturing), its -ying and -ies forms, and the irregular forms the model's own
    lemmatizer tables map to it ("fought" is "fight"). A superset: it may match words no trigger is."""
    from annalyst.extract.nlp import load_nlp
    lemmas = set(_by_word())
    forms: set[str] = set()
    for lemma in lemmas:
        if lemma.endswith("e"):
            forms |= {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"} if len(lemma) < 5 else {lemma[:-1]}
            if lemma.endswith("ie"):
                forms.add(lemma[:-2] + "ying")
        elif lemma.endswith("y"):
            forms |= {lemma, lemma[:-1] + "i"}
        else:
            forms.add(lemma)
    exceptions = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    for pos in ("verb", "noun", "adj", "adv"):
        for form, found in (exceptions.get(pos) or {}).items():
            if lemmas.intersection(found):
                forms.add(form)
    # not after a letter: the tokenizer splits a word after a hyphen or a digit ("counter-attack", "pre-attack")
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                      + ")", re.I)


@lru_cache(maxsize=1)
def _by_word() -> dict[str, tuple[Trigger, ...]]:
    """Lemma -> the triggers listing it, so a sentence's words are looked up once each."""
    index: dict[str, tuple[Trigger, ...]] = {}
    for trig in triggers():
        for lemma in trig.lemmas:
            index[lemma] = index.get(lemma, ()) + (trig,)
    return index


def _head(span: SpacySpan) -> int:
    """The verb a matched phrase reports: its syntactic root when that is a verb ("a bomb planted by X was found")."""
    if span.root.pos_ == "VERB":
        return span.root.i
    verbs = [t for t in span if t.pos_ == "VERB"] or [t for t in span if t.pos_ == "AUX"]
    return (verbs[0] if verbs else span.root).i


def _dedupe(hits: list[TriggerHit]) -> list[TriggerHit]:
    """One hit per head token: the highest-priority trigger on it."""
    best: dict[int, TriggerHit] = {}
    for hit in hits:
        old = best.get(hit.token)
        if old is None or hit.trigger.priority > old.trigger.priority:
            best[hit.token] = hit
    return list(best.values())


def sub_event_types() -> tuple[str, ...]:
    """ACLED's 25 sub-event types, in the codebook's order."""
    return tuple(_types())


@lru_cache(maxsize=None)
def cue_pattern(cue: str) -> re.Pattern:
    """The pattern of a named cue (``cue_patterns`` in triggers.yaml)."""
    return re.compile(_lexicon()["cue_patterns"][cue]["pattern"], re.I)


@lru_cache(maxsize=None)
def instruments(cue: str) -> frozenset[str]:
    """The attacker nouns of a named cue ("by_aircraft": plane, jet, drone ...)."""
    return frozenset(_lexicon()["instruments"][cue])


@lru_cache(maxsize=None)
def category_trigger(sub_event_type: str) -> Trigger:
    """The trigger a report's category prefix stands for ("Looting:" -> Looting/property destruction)."""
    return Trigger("category-prefix", "ACLED 2023, Notes: the coder's category names the sub-event type",
                   sub_event_type, frozenset(), (), frozenset(), 1)
