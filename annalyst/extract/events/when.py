"""Which date goes with which trigger: the dates that say when, one event per date, tallies left out.

    >>> event_date(None)
    (None, None)
"""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc, Span as SpacySpan

from annalyst.extract.time import Timex
from annalyst.extract.time.when import day_number

from .fatalities import parse_number
from .triggers import TriggerHit

__all__ = ["event_date", "date_groups", "saying_when", "finest", "is_tally"]


def _width(timex: Timex) -> int | None:
    """Days from a date's earliest to its latest day; None when it has no latest day."""
    if not timex.latest:
        return None
    return day_number(timex.latest) - day_number(timex.earliest)


def event_date(timex: Timex | None) -> tuple[str | None, int | None]:
    """ACLED's event_date (the earliest possible day) and time_precision (1 day, 2 week, 3 month or more)."""
    if timex is None or not timex.earliest:
        return None, None
    if timex.precision == "day":
        return timex.earliest, 1
    days = _width(timex)
    return timex.earliest, 1 if days == 0 else 2 if days is not None and days <= 7 else 3


def finest(timexes: list[Timex]) -> list[Timex]:
    """Dates, dropping one that only contains a finer date of the same sentence ("In 1949 ... on 24 February")."""
    widths = [_width(t) or 0 for t in timexes]
    return [t for i, t in enumerate(timexes)
            if not any(j != i and day_number(t.earliest) <= day_number(o.earliest)
                       and day_number(o.latest or o.earliest) <= day_number(t.latest or t.earliest)
                       and widths[j] < widths[i] for j, o in enumerate(timexes))]


def saying_when(timexes: list[Timex], pdoc: SpacyDoc, base: int) -> list[Timex]:
    """Dates that say when, without those naming a thing ("the 1638 National Covenant", "their September 2010
    ceasefire"), when the sentence has both."""
    def naming(t: Timex) -> bool:
        span = pdoc.char_span(t.start - base, t.end - base, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in ("compound", "amod", "nummod", "nmod") and root.head.pos_ in ("NOUN", "PROPN") \
            and not span.start <= root.head.i < span.end
    kept = [t for t in timexes if not naming(t)]
    return kept if kept else timexes


def date_groups(sent: SpacySpan, hits: list[TriggerHit], timexes: list[Timex], base: int):
    """(timex, triggers) pairs: each trigger goes to its nearest date; a date listed after another with no verb of its own repeats that event."""
    if not timexes:
        yield None, hits
        return
    by_timex: dict[int, list[TriggerHit]] = {}
    nearest = {h.token: min(range(len(timexes)), key=lambda i: _gap(h, timexes[i], base)) for h in hits}
    for hit in hits:
        governor = _governor(sent.doc[hit.token], nearest)
        by_timex.setdefault(nearest[governor], []).append(hit)
    for i in range(len(timexes) - 1, 0, -1):  # "In July and August 2019 ... attacks": both months
        if i in by_timex and i - 1 not in by_timex and _coordinated(sent, timexes[i - 1], timexes[i], base):
            by_timex[i - 1] = by_timex[i]
    previous: list[TriggerHit] | None = None
    for i, timex in enumerate(timexes):
        if i in by_timex:
            previous = by_timex[i]
            yield timex, previous
        elif previous and _listed(sent, timexes[i - 1], timex, timexes[i + 1] if i + 1 < len(timexes) else None, base):
            yield timex, previous


def _governor(tok, hit_tokens) -> int:
    """The trigger a trigger word depends on ("signed a peace deal": the deal is the signing), else itself."""
    t = tok
    for _ in range(3):
        if t.dep_ not in ("dobj", "nsubjpass", "attr", "pobj", "prep", "compound", "amod") or t.head.i == t.i:
            break
        t = t.head
        if t.i in hit_tokens and t.pos_ == "VERB":
            return t.i
    return tok.i


def is_tally(sent: SpacySpan, hit: TriggerHit, timex: Timex | None) -> bool:
    """ "planting 36 bombs in 1991", "296 bomb attacks": a tally over a year or more, not one event."""
    if timex is not None and timex.precision not in ("year", "decade", "century"):
        return False
    tok = sent.doc[hit.token]
    if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in ("campaign", "wave", "series"):
        return True
    # "296 bomb attacks, arson and other attacks": the conjuncts of a tally are in it
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    for noun in dict.fromkeys((tok, first, *(c for c in tok.children if c.dep_ == "dobj"))):
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in _TALLIED:
            continue
        counts = [parse_number(c.text) for c in noun.children if c.dep_ == "nummod"]
        if any(n is not None and n >= 3 for n in counts) or any(c.lower_ in _MANY for c in noun.children):
            return True
    return False


_TALLIED = frozenset("attack bomb bombing raid killing assassination kidnapping ambush operation strike airstrike "
                     "shooting explosion".split())
_MANY = frozenset("fewer more many several numerous multiple dozens hundreds".split())


def _coordinated(sent: SpacySpan, first: Timex, second: Timex, base: int) -> bool:
    between = sent.doc.text[first.end - base:second.start - base]
    return bool(re.fullmatch(r"\s*(,|and|or|, and)\s*", between))


def _gap(hit: TriggerHit, timex: Timex, base: int) -> int:
    start, end = timex.start - base, timex.end - base
    return max(start - hit.end, hit.start - end, 0)


def _listed(sent: SpacySpan, before: Timex, timex: Timex, after: Timex | None, base: int) -> bool:
    stop = (after.start - base) if after else sent.end_char
    between = [t for t in sent if before.end - base <= t.idx < timex.start - base or timex.end - base <= t.idx < stop]
    return not any(t.pos_ == "VERB" for t in between)

