"""Day numbers for ISO dates of any year, BC included: how stored dates are put in time order.

Kept apart from the temporal tagger so that the store can order what it holds without
importing an extractor.
"""
from __future__ import annotations

import re

__all__ = ["day_number", "day_of", "span_width", "date_key"]

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
