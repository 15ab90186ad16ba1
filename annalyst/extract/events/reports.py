"""What an event report's conventions say before any sentence is parsed: its date lead, category
prefix, the place with its administrative parents, and the coder's fatality remarks.

The conventions are named rules in ``annalyst/data/events/reports.yaml`` (ACLED's notes, GTD's
incident summaries); each value found keeps the name of the rule that found it.

    >>> frame = read_frame("12/18/2014: An assailant shot a man in Bristol, Tennessee, United States.")
    >>> frame.date.value, frame.date.rule, frame.place.written
    ('2014-12-18', 'gtd-numeric-lead', 'Bristol')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from annalyst.data import load_yaml
from annalyst.extract.actors import canonical_actor
from annalyst.extract.places import Place, geocode

from .rules import Rule, rules_of
from .triggers import event_type_of, sub_event_types

__all__ = ["Found", "FoundDate", "FoundPlace", "ReportFrame", "read_frame", "text_country", "NUMERIC_LEADS"]


@dataclass(frozen=True)
class Found:
    """A value a rule read, with the characters it was read from (offsets into the report's text)."""

    value: object
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class FoundDate(Found):
    time_precision: int = 1


@dataclass(frozen=True)
class FoundPlace(Found):
    """The named locality (``written``), what it was geocoded to, and its parents as written."""

    written: str = ""
    place: Place | None = None
    parents: tuple[str, ...] = ()


NUMERIC_LEADS = frozenset({"gtd-numeric-lead", "iso-date-lead"})


@dataclass(frozen=True)
class ReportFrame:
    """What a report's conventions say; any part may be missing."""

    date: FoundDate | None = None
    dateline: FoundPlace | None = None  # where the report was filed: not the event's place or date
    category: Found | None = None
    place: FoundPlace | None = None
    fatalities: Found | None = None
    country: str | None = None

    def labels(self) -> tuple[tuple[int, int], ...]:
        """The spans that label the report rather than tell it: the dateline, the category prefix, and a
        numeric date lead ("12/18/2014:", read here, not by the parser)."""
        return tuple((f.start, f.end) for f in (self.dateline, self.category) if f is not None)

    def header(self) -> tuple[tuple[int, int], ...]:
        """The spans of the report's conventions that name no party: dateline, category prefix, date lead."""
        return tuple((f.start, f.end) for f in (self.dateline, self.category, self.date) if f is not None)


def read_frame(text: str, anchor_date: str | None = None) -> ReportFrame:
    """The report conventions found in ``text``; the anchor supplies a year the date lead leaves out."""
    dateline = _dateline(text)
    body = text if dateline is None else " " * dateline.end + text[dateline.end:]  # offsets kept
    place = _place(body)
    country = next((f.place.country for f in (place, dateline) if f and f.place and f.place.country), None)
    rest = text[dateline.end:] if dateline else text
    return ReportFrame(date=_date(rest, anchor_date, dateline), dateline=dateline, category=_category(rest, dateline),
                       place=place, fatalities=_fatalities(text), country=country or text_country(body))


# --- dates ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    months = load_yaml("time/calendar.yaml")["months"]
    return {name.casefold(): int(number) for number, names in months.items() for name in names}


def _date(text: str, anchor_date: str | None, dateline: Found | None = None) -> FoundDate | None:
    """The date lead, read after the dateline if there is one (``text`` then starts there)."""
    shift = dateline.end if dateline else 0
    for rule in rules_of("reports", "dates"):
        m = rule.pattern.search(text)
        if m is None:
            continue
        value = _date_value(m, rule, anchor_date)
        if value is not None:
            return FoundDate(value, shift + m.start(), shift + m.end(), rule.name, int(rule.result.get("time_precision", 1)))
    return None


def _dateline(text: str) -> FoundPlace | None:
    for rule in rules_of("reports", "datelines"):
        m = rule.pattern.match(text)
        if m is None or len(m["place"]) < 3:
            continue
        written = m["place"].strip().title()
        place = geocode(f"{written} ({m['admin']})" if m["admin"] else written)
        if place is not None:
            return FoundPlace(written, m.start(), m.end(), rule.name, written=written, place=place)
    return None


def _date_value(m: re.Match, rule: Rule, anchor_date: str | None) -> str | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    month_written = groups.get("month_first") or groups.get("month")
    month = int(month_written) if month_written and month_written.isdigit() else _months().get((month_written or "").casefold())
    if month is None and "month" in m.groupdict() and not month_written and rule.result.get("time_precision") == 3:
        month = 1  # a year alone: its first day, at precision 3
    year = groups.get("year_first") or groups.get("year") or (anchor_date[:4] if anchor_date else None)
    day = groups.get("day") or groups.get("day_us") or ("1" if rule.result.get("time_precision") == 3 else None)
    if not (month and year and day):
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None  # "13/25/2014" is no date: the lead rule does not apply


# --- category prefixes -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _own_names() -> re.Pattern:
    """Every ACLED sub-event type's own name, as a prefix ("Armed clash: ...")."""
    names = sorted(sub_event_types(), key=len, reverse=True)
    return re.compile(r"^\s*(?P<name>" + "|".join(map(re.escape, names)) + r")\s*:", re.I)


def _category(text: str, dateline: Found | None = None) -> Found | None:
    shift = dateline.end if dateline else 0
    own = _own_names().match(text)
    if own is not None:
        name = next(s for s in sub_event_types() if s.casefold() == own["name"].casefold())
        return Found(name, shift + own.start("name"), shift + own.end("name"), "prefix-sub-event-type")
    for rule in rules_of("reports", "categories"):
        m = rule.pattern.match(text)
        if m is not None:
            event_type_of(rule.result["sub_event_type"])  # a typo in the data fails here, loudly
            return Found(rule.result["sub_event_type"], shift + m.start(), shift + m.end(), rule.name)
    return None


# --- places -------------------------------------------------------------------------------

# a coder's remark in parentheses, not a place's parents: "(as reported)", "(coded separately)", "[size=...]"
_REMARKS = re.compile(r"^(?:[Aa]s reported|[Cc]oded|[Ss]ize=|[Aa]pprox|[Ee]stimated|[Rr]eportedly|[Uu]nconfirmed|"
                      r"[Ll]ocal time|\d|[a-z])")
_LEADING = re.compile(r"^(?:(?:The|In|At|Near|On|Of|Outside|Around|From|To|Between|And|A|An)\s+)+")


def _place(text: str) -> FoundPlace | None:
    for rule in rules_of("reports", "locations"):
        for m in rule.pattern.finditer(text):
            found = _situated(m, rule)
            if found is not None:
                return found
    return None


def _situated(m: re.Match, rule: Rule) -> FoundPlace | None:
    """A locality and its written parents, when the parents are places (not a coder's remark)."""
    admin = m["admin"].strip()
    if _REMARKS.match(admin):
        return None
    parents = tuple(p.strip() for p in admin.split(",") if p.strip())
    if any(_named_actor(p) for p in parents):  # "Red Army Faction (RAF)": an abbreviation, not a place's parents
        return None
    if "country" in m.groupdict() and m["country"]:
        country = geocode(m["country"].strip())
        if country is None or country.kind != "country":
            return None
        parents += (m["country"].strip(),)
    written, start = _trim(m["place"], m.start("place"))
    if not written:
        return None
    part, of, town = written.rpartition(" of ")
    if of and town and town[:1].isupper() and geocode(f"{town} ({', '.join(parents)})") is not None:
        # "the Old City of Mosul (Mosul, Ninewa)": a part of a named town gives the town (ACLED, Location)
        written, start = town, start + len(part) + len(of)
    place = geocode(f"{written} ({', '.join(parents)})")
    if place is None or not any(geocode(p) for p in parents):
        return None
    return FoundPlace(written, start, start + len(written), rule.name, written=written, place=place, parents=parents)


def _named_actor(written: str) -> bool:
    """An abbreviation ("RAF", "GIA") or an actor's name written in parentheses."""
    return (written.isupper() and len(written) <= 8) or canonical_actor(written) is not None


def _trim(written: str, start: int) -> tuple[str, int]:
    """The place name without the sentence words a capitalised run may begin with ("In Baidoa")."""
    lead = _LEADING.match(written)
    if lead is not None:
        written, start = written[lead.end():], start + lead.end()
    return written.strip(" -"), start


# --- fatalities -------------------------------------------------------------------------

def _fatalities(text: str) -> Found | None:
    for rule in rules_of("reports", "fatalities"):
        for m in rule.pattern.finditer(text):
            value = _count(m["n"]) if "n" in m.groupdict() else int(rule.result["value"])
            if value is None:
                continue  # "In total, many were killed": no number
            at = "n" if "n" in m.groupdict() else 0
            return Found(value, m.start(at), m.end(at), rule.name)
    return None


def attacker_deaths(text: str) -> Found | None:
    """The attackers a GTD summary says died ("the bomber was also killed"), to be added to its victims."""
    for rule in rules_of("reports", "attacker_deaths"):
        m = rule.pattern.search(text)
        if m is None:
            continue
        plural = m["who"].lower().endswith(("s", "men")) and m["who"].lower() != "gunman"
        if m["n"].lower() in ("the", "a"):
            value = None if plural else 1  # "the attackers were also killed": how many, the text does not say here
        else:
            value = _count(m["n"])
        if value:
            return Found(value, m.start(), m.end(), rule.name)
    return None


def _count(written: str) -> int | None:
    from .fatalities import parse_number  # here: reading a report's frame never needs spaCy
    return parse_number(written.lower())


# --- the report's country ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _country_words() -> tuple[re.Pattern, dict[str, str]]:
    """Country names and demonyms of the actor table (``actors.yaml``), as one pattern."""
    codes: dict[str, str] = {}
    for country in load_yaml("actors.yaml")["countries"]:
        for written in (country["name"], *country["demonyms"]):
            codes.setdefault(written, country["code"])
    names = sorted(codes, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"), codes


def text_country(text: str) -> str | None:
    """The country a report names first, by name or demonym ("Somali troops" -> SO), or None."""
    pattern, codes = _country_words()
    m = pattern.search(text)
    return codes[m.group()] if m else None
