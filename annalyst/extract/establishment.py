"""A state's establishment rows: the dated events an Infobox country lists under its founding.

"Template:Infobox country" pairs ``established_event1`` with ``established_date1`` (and so on);
a rendered page writes each pair as a sub-row of the infobox, the event's name and then its
date::

     -  Erbil Conference 17th December 2015
     -  Declaration of Independence 21th December 2015

Each such line above the lead becomes an ``established_events`` fact of the page's subject:
``{"event": "Erbil Conference", "edtf": "2015-12-17", "text": "17th December 2015"}``. The
event's name is kept as written; :mod:`annalyst.resolve.world` finds the entity it names on
other pages, so that another page's date for the same event can be compared with it.
A sub-row whose date is not at its end ("2014 estimate 6.5 million") is a census row, not one
of these.

The same template's ``leader_title1`` / ``leader_name1`` pairs render as sub-rows too
(" -  Prime Minister Haider al-Abadi"): each becomes an ``office_holders`` fact, the title from
``annalyst/data/offices.yaml`` and the holder's name after it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from annalyst.data import load_yaml
from annalyst.extract.time import tag_dates
from annalyst.model import Document, Fact

EXTRACTOR = "extract.establishment"
FIELD = "established_events"

# a rendered sub-row: a dash or bullet, then the row's text
_SUB_ROW = re.compile(r"^[ \t\u00a0]*[-–•·][ \t\u00a0]+(?P<row>\S.*?)[ \t\u00a0]*$", re.M)
_WORD = re.compile(r"[^\W\d_]{2,}")


def establishment_facts(doc: Document, subject_id: str) -> Iterator[Fact]:
    """One fact per dated sub-row between the page's title and its lead."""
    s = doc.structure
    end = s.paragraphs[0].start if s.paragraphs else s.body_start
    # the infobox lies between a title line and the lead; a title found inside the lead starts nothing
    start = s.title.end if s.title is not None and s.title.end <= end else s.body_start
    for m in _SUB_ROW.finditer(doc.text, start, end):
        row, offset = m.group("row"), m.start("row")
        dates = [t for t in tag_dates(row) if t.type == "DATE" and t.edtf]
        if not dates or dates[-1].end != len(row.rstrip()):
            continue
        date = dates[-1]
        name = row[:date.start].strip(" \t\u00a0-–:,")
        if not _WORD.search(name) or any(t.start < date.start for t in dates):
            continue  # no name before the date, or a second date in it ("2011 estimate ... 2012")
        evidence = (doc.evidence(offset, offset + date.end, EXTRACTOR),)
        yield Fact(subject_id, FIELD, {"event": name, "edtf": date.edtf, "text": date.text}, evidence)


OFFICE_FIELD = "office_holders"


@lru_cache(maxsize=1)
def _office_pattern() -> re.Pattern:
    titles = sorted(load_yaml("offices.yaml")["titles"], key=len, reverse=True)
    alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    # the title, an optional "of <state>", then the holder's name (two or three capitalised words)
    return re.compile(rf"^(?P<title>{alts})(?:\s+of\s+(?P<state>(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*?))?"
                      rf"\s+(?P<person>[A-Z][\w'.-]*(?:\s+(?:al-|bin\s|de\s|van\s)?[A-Z][\w'.-]*){{1,2}})$")


def office_holder(row: str) -> dict | None:
    """{"title", "state" (or None), "person"} for a sub-row naming an office and its holder:
    "Prime Minister Haider al-Abadi", "President of Russia Vladimir Putin"."""
    m = _office_pattern().match(" ".join(row.split()))
    if not m:
        return None
    return {"title": " ".join(m.group("title").split()), "state": m.group("state"), "person": m.group("person")}


def office_facts(doc: Document, subject_id: str) -> Iterator[Fact]:
    """One fact per office sub-row of a state's infobox (the office-holders it lists as current)."""
    s = doc.structure
    end = s.paragraphs[0].start if s.paragraphs else s.body_start
    start = s.title.end if s.title is not None and s.title.end <= end else s.body_start
    for m in _SUB_ROW.finditer(doc.text, start, end):
        holder = office_holder(m.group("row"))
        if holder is not None:
            yield Fact(subject_id, OFFICE_FIELD, holder, (doc.evidence(m.start("row"), m.end("row"), EXTRACTOR),))
