"""A page's own date anchors the dates it leaves without a year (rule ``page-own-year``).

An article about one event says when it happened in its infobox ("Date: 5–6 September
1972"). A date its prose writes without a year ("On 6 September") refers to that year,
unless the paragraph itself has named a year before it: the narrative reference the tagger
carries over from an earlier paragraph may be a digression ("in its publication of
1 December 2015, The New York Times reported ..."). The rule's data is ``page_year`` in
``data/events/triggers.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from annalyst.data import load_yaml
from annalyst.extract.time import Timex, tag_dates
from annalyst.model import Document, Span
from annalyst.read.labels import field_of

_YEAR_WRITTEN = re.compile(r"\d{3,4}|'\d\d\b")
_LEADING_YEAR = re.compile(r"^(\d{4}|XXXX)(?=-|$|T)")
_YEARS = re.compile(r"(?:^|(?<=/))(\d{4})(?=\D|$)")  # each year of an ISO date or EDTF interval
# a date written as a day or a month ("6 September", "in March"), not a relative one ("two years later")
_CALENDAR = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                       r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?")


@lru_cache(maxsize=1)
def _rule() -> dict:
    return load_yaml("events/triggers.yaml")["page_year"]


def own_year(doc: Document) -> int | None:
    """The one year a page's infobox dates its subject to, if its date row names exactly one."""
    years: set[int] = set()
    for row in doc.structure.infobox:
        if field_of(row.label) not in _rule()["fields"] or not row.value_lines:
            continue
        first = row.value_lines[0]
        for t in tag_dates(doc.text[first.start:first.end]):
            for bound in (t.earliest, t.latest):
                if not bound:
                    continue
                if bound.startswith("-") or not bound[:4].isdigit():
                    return None  # BC, or no year: no one year to anchor on
                years.add(int(bound[:4]))
    return years.pop() if len(years) == 1 else None


def anchored(timexes: list[Timex], spans: tuple[Span, ...], year: int | None) -> list[Timex]:
    """The timexes, those written without a year in a paragraph that names none before them
    moved to the page's own year."""
    if year is None:
        return timexes
    out = []
    for t in timexes:
        para = next((s for s in spans if s.start <= t.start < s.end), None)
        if para is None or t.type != "DATE" or _YEAR_WRITTEN.search(t.text) or not _CALENDAR.search(t.text) \
                or not _LEADING_YEAR.match(t.value) or _dated_before(timexes, para, t) \
                or t.value.startswith(f"{year:04d}"):
            out.append(t)
            continue
        out.append(_in_year(t, year) or t)
    return out


def _dated_before(timexes: list[Timex], para: Span, t: Timex) -> bool:
    return any(para.start <= o.start < t.start and _YEAR_WRITTEN.search(o.text) for o in timexes)


def _in_year(t: Timex, year: int) -> Timex | None:
    """The timex moved to ``year``: every year it holds shifted by the same offset (a winter from
    December to February stays one), or None when a day would not exist there (29 February)."""
    head = _LEADING_YEAR.match(t.value).group(1)
    if head == "XXXX":
        return replace(t, value=f"{year:04d}{t.value[4:]}")
    offset = year - int(head)

    def moved(value: str | None) -> str | None:
        return _YEARS.sub(lambda m: f"{int(m.group(1)) + offset:04d}", value) if value else value

    fields = {"value": moved(t.value), "edtf": moved(t.edtf), "earliest": moved(t.earliest), "latest": moved(t.latest)}
    for day in (fields["earliest"], fields["latest"]):
        if day and not _valid(day):
            return None
    return replace(t, **fields, alternatives=tuple(moved(a) for a in t.alternatives))


def _valid(iso: str) -> bool:
    try:
        dt.date.fromisoformat(iso[:10])
    except ValueError:
        return len(iso) < 10  # a month or a year is valid; a day must exist
    return True
