"""Calendar values: a point or period at some precision, as TIMEX3, EDTF and day bounds.

Years are astronomical here (1 BC is year 0, 2 BC is -1), so that "the
following year" is always ``year + 1``; TIMEX3 writes them ``BC0001``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from annalyst.days import date_key, day_number  # noqa: F401 - the tagger's day arithmetic, re-exported

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (0, 2),
                  "H1": (1, 6), "H2": (7, 12)}
_EDTF_SEASON = {"SP": 21, "SU": 22, "FA": 23, "WI": 24, "H1": 40, "H2": 41}


@dataclass(frozen=True)
class When:
    """A date or period; unknown parts are None (TIMEX3 writes them X)."""

    precision: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    decade: int | None = None    # 196 for the 1960s; 47 with bc for the 470s BC
    century: int | None = None   # 19 for 1900-1999; 3 with bc for 399-300 BC
    bc: bool = False
    time: str | None = None      # "MO", "NI" or "03:00"

    def with_time(self, time: str | None) -> "When":
        return replace(self, time=time)


def year_text(year: int | None) -> str:
    """TIMEX3 year: 1939 -> '1939', -479 -> 'BC0480', None -> 'XXXX'."""
    if year is None:
        return "XXXX"
    return f"BC{1 - year:04d}" if year <= 0 else f"{year:04d}"


def timex_value(w: When) -> str:
    """The TIMEX3 value of ``w``, e.g. '1939-10', 'BC0480-SU', '196', '1965-01-31TMO', '2013-W10'."""
    if w.precision == "week":  # ``day`` holds the week's Monday
        iso = dt.date(w.year, w.month, w.day).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if w.precision == "decade":
        return ("BC" if w.bc else "") + f"{w.decade:03d}"
    if w.precision == "century":
        return ("BC" if w.bc else "") + f"{w.century:02d}"
    y = year_text(w.year)
    if w.precision == "year":
        return y
    if w.precision == "season":
        return f"{y}-{w.season}"
    month = "XX" if w.month is None else f"{w.month:02d}"
    if w.precision == "month":
        return f"{y}-{month}"
    day = "XX" if w.day is None else f"{w.day:02d}"
    value = f"{y}-{month}-{day}"
    if w.time:
        value += f"T{w.time}"
    return value


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _iso(year: int, month: int, day: int) -> str:
    return f"{_edtf_year(year)}-{month:02d}-{day:02d}"


def _month_span(w: When) -> tuple[int, int] | None:
    """First and last month of ``w`` as absolute month numbers (year * 12 + month - 1)."""
    if w.precision == "decade":
        first = w.decade * 10 if not w.bc else 1 - (w.decade * 10 + 9)
        return first * 12, (first + 9) * 12 + 11
    if w.precision == "century":
        first = w.century * 100 if not w.bc else 1 - (w.century * 100 + 99)
        return first * 12, (first + 99) * 12 + 11
    if w.year is None:
        return None
    if w.precision == "year":
        return w.year * 12, w.year * 12 + 11
    if w.precision == "season":
        a, b = _SEASON_MONTHS[w.season]
        return w.year * 12 + a - 1, w.year * 12 + b - 1
    if w.month is None:
        return None
    return w.year * 12 + w.month - 1, w.year * 12 + w.month - 1


def bounds(w: When, fraction: tuple[int, int] | None = None) -> tuple[str, str] | None:
    """Earliest and latest ISO day of ``w``, narrowed to ``fraction`` twelfths (a mod)."""
    if w.precision == "week":  # Monday to Sunday
        monday = dt.date(w.year, w.month, w.day)
        sunday = monday + dt.timedelta(days=6)
        return monday.isoformat(), sunday.isoformat()
    span = _month_span(w)
    if span is None:
        return None
    first, last = span
    if w.precision == "day" and w.day is not None:
        d = _iso(first // 12, first % 12 + 1, w.day)
        return d, d
    if w.precision == "day" or (w.precision == "month" and fraction is None):
        y, m = divmod(first, 12)
        return _iso(y, m + 1, 1), _iso(y, m + 1, days_in_month(y, m + 1))
    if fraction is not None and w.precision == "month":
        y, m = divmod(first, 12)
        n = days_in_month(y, m + 1)
        lo, hi = n * fraction[0] // 12 + 1, n * fraction[1] // 12
        return _iso(y, m + 1, lo), _iso(y, m + 1, hi)
    if fraction is not None:
        total = last - first + 1
        first, last = first + total * fraction[0] // 12, first + total * fraction[1] // 12 - 1
    (y1, m1), (y2, m2) = divmod(first, 12), divmod(last, 12)
    return _iso(y1, m1 + 1, 1), _iso(y2, m2 + 1, days_in_month(y2, m2 + 1))


def _edtf_year(year: int | None) -> str:
    if year is None:
        return "XXXX"
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


def edtf(w: When, mod: str | None, span: tuple[str, str] | None) -> str | None:
    """The EDTF form: '2014-03-08', '2014-22', '196X', '2014-09/2014-12', '-0479~'."""
    if w.precision == "week" and span is not None:
        return f"{span[0]}/{span[1]}"
    if mod in ("START", "MID", "END", "H1", "H2") and span is not None:
        lo, hi = span
        return f"{lo}/{hi}" if w.precision in ("day", "month") else f"{lo[:-3]}/{hi[:-3]}"
    if w.precision == "decade" and not w.bc:
        text = f"{w.decade:03d}X"
    elif w.precision == "century" and not w.bc:
        text = f"{w.century:02d}XX"
    elif w.precision in ("decade", "century") and span is not None:
        text = f"{span[0][:-6]}/{span[1][:-6]}"
    elif w.precision in ("year", "decade", "century"):
        text = _edtf_year(w.year)
    elif w.precision == "season":
        if w.year is None:
            return None  # EDTF has no season of an unknown year
        text = f"{_edtf_year(w.year)}-{_EDTF_SEASON[w.season]}"
    else:
        month = "XX" if w.month is None else f"{w.month:02d}"
        text = f"{_edtf_year(w.year)}-{month}"
        if w.precision == "day":
            text += "-XX" if w.day is None else f"-{w.day:02d}"
    if mod == "APPROX":
        text += "~"
    elif mod in ("BEFORE", "ON_OR_BEFORE"):
        text = f"../{text}"
    elif mod in ("AFTER", "ON_OR_AFTER"):
        text = f"{text}/.."
    return text
