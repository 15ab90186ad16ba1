"""Day numbers for ISO dates of any year, BC included: how stored dates are put in time order,
and the first and last day an EDTF date or period can mean.

Kept apart from the temporal tagger so that the store, the resolve stage and the exports can
order and compare what is stored without importing an extractor.
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache

__all__ = ["day_number", "day_of", "span_width", "date_key", "span_days", "period_ends"]

_ISO_DAY = re.compile(r"-?\d{4,}(?:-\d\d){0,2}")


def day_number(iso: str) -> int:
    """The day number of an ISO day, proleptic Gregorian, astronomical years ("-0043-03-15",
    "0500-01-01", "2014-12-18"): ordered as time runs, which their strings are not before year 0.
    A month ("2014-12") or a year ("-0043") counts as its first day."""
    sign = -1 if iso.startswith("-") else 1
    parts = [int(x) for x in iso.lstrip("-").split("-")[:3]]
    return day_of((sign * parts[0], (parts[1:2] or [1])[0], (parts[2:3] or [1])[0]))


def day_of(ymd: tuple[int, int, int]) -> int:
    """The day number of a (year, month, day) tuple, astronomical years: days between two such
    tuples are the difference of their numbers."""
    year, month, day = ymd
    # days from civil (H. Hinnant's algorithm), valid for every year, negative ones included
    y = year - (month <= 2)
    era = y // 400  # Python's floor division already rounds negative years down
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def span_width(days: tuple[tuple[int, int, int], tuple[int, int, int]]) -> int:
    """Days from the first to the last day of a (first, last) span of (year, month, day) tuples."""
    return day_of(days[1]) - day_of(days[0])


def date_key(iso: str | None) -> tuple[int, int]:
    """A sort key for an optional ISO date ("2014-12-18", "-0043", "2014-12-18T14:00"): undated
    (or unreadable) last, the rest in time order."""
    m = _ISO_DAY.match(iso) if iso else None
    return (0, day_number(m.group())) if m else (1, 0)


@lru_cache(maxsize=8192)
def span_days(edtf: str | None) -> tuple[tuple, tuple] | None:
    """The earliest and latest day a date or period can mean, as (year, month, day) tuples."""
    ends = period_ends(edtf)
    if not ends or ends[0] is None and ends[-1] is None:
        return None
    lo = ends[0][0] if ends[0] is not None else (-10**6, 1, 1)
    hi = ends[-1][1] if ends[-1] is not None else (10**6, 12, 31)
    return lo, hi


@lru_cache(maxsize=8192)
def period_ends(edtf: str | None) -> tuple | None:
    """Each end of an EDTF date or interval as its earliest and latest day; an open end is None."""
    if not edtf:
        return None
    out = []
    for part in edtf.split("/"):
        if part in ("..", ""):
            out.append(None)
            continue
        plain = _plain_days(part)
        if plain is not None:
            out.append(plain)
            continue
        try:
            from edtf import parse_edtf  # its grammar takes a tenth of a second to build: only when needed
            parsed = parse_edtf(part)
            # (year, month, day) tuples: strings of years before 1000 or BC would not sort
            out.append((tuple(parsed.lower_fuzzy()[:3]), tuple(parsed.upper_fuzzy()[:3])))
        except Exception:  # the edtf library's parse errors share no base class worth naming
            return None
    return tuple(out)


_PLAIN = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>\d\d))?)?$|^(?P<prefix>\d{2,3})(?P<x>X{1,2})$")


def _plain_days(part: str) -> tuple | None:
    """The first and last day of a plain EDTF date (a year, a month, a day, a decade "201X", a
    century "08XX") without the edtf parser, which takes tens of milliseconds a call; None for
    anything else (seasons, qualifiers, negative years), which the parser reads."""
    m = _PLAIN.match(part)
    if m is None:
        return None
    if m.group("prefix"):
        width = 10 ** len(m.group("x"))
        first = int(m.group("prefix")) * width
        return (first, 1, 1), (first + width - 1, 12, 31)
    year = int(m.group("y"))
    if m.group("m") is None:
        return (year, 1, 1), (year, 12, 31)
    month = int(m.group("m"))
    last = calendar.monthrange(year, month)[1]
    if m.group("d") is None:
        return (year, month, 1), (year, month, last)
    day = int(m.group("d"))
    return ((year, month, day), (year, month, day)) if 1 <= day <= last else None
