"""Numeric dates: "12/18/2014", "18.12.2014", "2014/12/18", and which field is the day.

The order comes from, in turn (``data/time/numeric.yaml``):

1. the document itself: a date with a field above 12 shows the order of all its
   slashed and dashed dates, unless two such dates disagree;
2. a written convention (a GTD summary opens with "MM/DD/YYYY:");
3. the order the caller names (the report's country, through CLDR's short dates).

With none of these, a date both orders can read ("03/04/2015") stays ambiguous:
its value is the year it surely has, and both days are kept as alternatives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from annalyst.data import load_yaml

ORDERS = ("mdy", "dmy")
# the dates the rules read: slashed with two or four year digits, dashed with four
_SLASHED = re.compile(r"(?<![\d/.,-])([0-3]?\d)(?:/([0-3]?\d)/(?:[12]\d{3}|\d{2})(?![\d/])"
                      r"|-([0-3]?\d)-[12]\d{3}(?![\d-]))")


@dataclass(frozen=True)
class Conventions:
    written: tuple[tuple[str, re.Pattern[str], str], ...]  # (name, pattern, order)
    month_first: frozenset[str]
    pivot: int


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    data = load_yaml("time/numeric.yaml")
    written = tuple((c["name"], re.compile(c["pattern"]), c["order"]) for c in data["conventions"])
    return Conventions(written, frozenset(data["month_first"]), int(data["two_digit_pivot"]))


def order_for_country(country: str | None) -> str | None:
    """The order a country writes numeric dates in (ISO 3166-1 alpha-2), or None if unknown."""
    if not country:
        return None
    return "mdy" if country.upper() in conventions().month_first else "dmy"


def document_order(text: str, given: str | None = None) -> str | None:
    """The field order of the slashed and dashed dates of ``text``: its own evidence first,
    then a written convention, then ``given``; None when nothing decides."""
    seen: set[str] = set()
    for m in _SLASHED.finditer(text):
        a, b = int(m.group(1)), int(m.group(2) or m.group(3))
        if a > 12 and 1 <= b <= 12:
            seen.add("dmy")
        elif b > 12 and 1 <= a <= 12:
            seen.add("mdy")
    if len(seen) == 1:
        return seen.pop()
    if not seen:
        for _name, pattern, order in conventions().written:
            if pattern.match(text):
                return order
    return given


def full_year(written: str) -> int:
    """A written year; two digits by POSIX strptime's %y ("69"-"99" 1900s, else 2000s)."""
    n = int(written)
    if len(written) > 2:
        return n
    return n + (1900 if n >= conventions().pivot else 2000)


def readings(first: int, second: int, order: str | None) -> list[tuple[int, int]]:
    """The (month, day) pairs a date "first/second/year" can mean: one when the fields or
    ``order`` decide, two when neither does; every pair is a real month and day number."""
    pairs = {"mdy": (first, second), "dmy": (second, first)}
    possible = {o: p for o, p in pairs.items() if 1 <= p[0] <= 12 and 1 <= p[1] <= 31}
    if len(set(possible.values())) <= 1:
        return list(dict.fromkeys(possible.values()))
    return [possible[order]] if order in possible else list(possible.values())
