"""The temporal tagger: find dates, times, durations and sets in a text and normalise them.

One scan of the text with the compiled rules of ``rules.yaml`` finds the
expressions; each is normalised in text order, so that the narrative
reference date moves forward with the text; ranges ("1999-2018", "from
April 6-7") are then linked so that both ends carry the range's interval.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from annalyst.errors import AnnalystError

from . import normalise, numeric, relative
from .anchor import Context
from .lexicon import Lexicon, lexicon
from .normalise import Reading
from .when import bounds, day_number, edtf, timex_value

MODES = ("narrative", "news")
_KINDS = {**normalise.KINDS, **relative.KINDS}
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*\Z")
_HINT_GAP = 24  # "5:34 AM Baghdad time on March 20, 2003"
# What may stand between an expression and the next one it borrows a year from:
# "April and June 1955", "(May-August 1950)", "5:34 AM Baghdad time on March 20, 2003".
_HINT_JOIN = re.compile(r"[\s,(]*(?:and|or|to|until|till|through|[-–—/]|(?:\w+ )?time on|on)?[\s,]*\Z")
_HEADER_END = re.compile(r"\s*(?::|[-–—]\s|\n)")
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
# Start of text or line, or end of a sentence, then at most one word ("In").
_SENTENCE_OPENING = re.compile(r"(?:\A|\n|[.!?][\"')]?(?:\[[\w ]+\])*\s)\s*(?:[A-Z][a-z]*\s+)?\Z")


class TemporalArgumentError(AnnalystError, ValueError):
    """A bad argument to the tagger (mode or anchor date), never a bad text."""


@dataclass(frozen=True)
class Timex:
    """One temporal expression: a span of the text and its TIMEX3 and EDTF readings."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    edtf: str | None
    earliest: str | None
    latest: str | None
    precision: str | None
    # Other values the text allows: an ambiguous numeric date's two days, an Old Style date.
    alternatives: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "mod": self.mod, "edtf": self.edtf,
                "earliest": self.earliest, "latest": self.latest, "precision": self.precision,
                "alternatives": list(self.alternatives)}


def _anchor(anchor_date: str | dt.date | None) -> dt.date | None:
    if anchor_date is None or isinstance(anchor_date, dt.date):
        return anchor_date.date() if isinstance(anchor_date, dt.datetime) else anchor_date
    if isinstance(anchor_date, str):
        try:
            return dt.date.fromisoformat(anchor_date.strip())
        except ValueError:
            pass
    raise TemporalArgumentError(f"anchor_date {anchor_date!r}: expected YYYY-MM-DD")


def tag_dates(text: str, anchor_date: str | dt.date | None = None,
              mode: str = "narrative", date_order: str | None = None) -> list[Timex]:
    """The temporal expressions of ``text``, in order, with offsets into ``text``.

    ``date_order`` ("mdy" or "dmy") is the caller's locale for numeric dates; the
    document's own evidence overrides it (see numeric.py).

    >>> [t.value for t in tag_dates("On the 8th March 2016 ... By the 9th they had won.")]
    ['2016-03-08', '2016-03-09']
    """
    if mode not in MODES:
        raise TemporalArgumentError(f"mode {mode!r}: expected one of {', '.join(MODES)}")
    if date_order not in (None, *numeric.ORDERS):
        raise TemporalArgumentError(f"date_order {date_order!r}: expected one of {', '.join(numeric.ORDERS)}")
    anchor = _anchor(anchor_date)
    if not isinstance(text, str):
        raise TemporalArgumentError(f"text: expected str, got {type(text).__name__}")
    lex = lexicon()
    ctx = Context(text, lex, mode, anchor)
    ctx.date_order = numeric.document_order(text, date_order)
    readings: list[Reading] = []
    matches = list(lex.scanner.finditer(text))
    for i, match in enumerate(matches):
        ctx.hint = _hint(ctx, text, match, matches[i + 1] if i + 1 < len(matches) else None)
        written_year = lex.group(match, "year") is not None
        for reading in _normalise(ctx, lex, match):
            if _moves_anchor(text, readings[-1] if readings else None, reading, ctx, written_year):
                ctx.update(reading.when)
            if reading.when is not None and reading.when.year is not None and reading.type == "DATE":
                ctx.named_year = reading.when.year
            if not readings and ctx.dct is None and mode == "news" and _is_header(text, reading):
                ctx.set_dct(reading.when)  # "12/18/2014: Assailants ...": the report's own date
            readings.append(reading)
    return _timexes(text, lex, _link_ranges(text, readings))


def _is_header(text: str, reading: Reading) -> bool:
    """Whether ``reading`` is a day written as the text's heading ("12/18/2014:", "2014-12-18 -")."""
    w = reading.when
    return (w is not None and w.precision == "day" and w.day is not None and w.year is not None
            and not text[:reading.start].strip() and bool(_HEADER_END.match(text, reading.end)))


def _hint(ctx: Context, text: str, match: re.Match[str], following: re.Match[str] | None):
    """The full date of the next expression, if the same sentence holds both."""
    if following is None or following.start() - match.end() > _HINT_GAP \
            or not _HINT_JOIN.match(text, match.end(), following.start()):
        return None
    try:
        if lexicon().kind(following) == "weekday":  # "1 p.m. on Wednesday": that Wednesday's clock time
            day = normalise.weekday_date(ctx, following)
            return (day.year, day.month, day.day) if day else None
        return normalise.explicit_year(ctx, following)
    except (KeyError, ValueError, TypeError, OverflowError):
        return None


def _moves_anchor(text: str, previous: Reading | None, reading: Reading, ctx: Context,
                  written_year: bool) -> bool:
    """Whether ``reading`` becomes the narrative reference date.

    Narrative time moves at the openings of sentences and headings ("In July
    2017, ..."). In the middle of a sentence, a year alone ("declassified in
    2005"), a date written in an earlier year than the reference ("the city
    had fallen in June 2014": a flashback) or a date in a sentence about plans
    ("would end by August 31, 2010") is an aside and leaves the reference
    where it was. Nor do the second end of a range of years ("1963-1969") and
    of "between March 1965 and November 1968" move it.
    """
    when = reading.when
    if when is None or reading.type not in ("DATE", "TIME") or not reading.moves_anchor:
        return False
    if previous is None or ctx.year is None or when.year is None:
        return True
    if text[previous.end:reading.start].strip() == "and" and _after_between(text, previous.start):
        return False  # "between March 1965 and November 1968": time stays at the start
    if when.precision == "year" and (reading.range_end or (
            previous.when is not None and reading.start - previous.end < 12
            and _RANGE_JOIN.match(text[previous.end:reading.start]))):
        return False
    if _in_parentheses(text, reading.start):
        return False
    if _SENTENCE_OPENING.search(text, max(0, reading.start - 40), reading.start):
        return True
    if when.precision in ("year", "season"):
        return ctx.month is None and when.year >= ctx.year
    if written_year and when.year < ctx.year:
        return False
    return ctx.tense(reading.start) != "future"


def _after_between(text: str, start: int) -> bool:
    return text[max(0, start - 9):start].lower().strip().endswith("between")


def _in_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` is inside a parenthesis opened shortly before it: an aside."""
    opened = text.rfind("(", max(0, start - 40), start)
    return opened >= 0 and ")" not in text[opened:start]


def _normalise(ctx: Context, lex: Lexicon, match: re.Match[str]) -> list[Reading]:
    try:
        return _KINDS[lex.kind(match)](ctx, match)
    except (KeyError, ValueError, OverflowError, TypeError):
        # A malformed piece of text ("February 30", an unknown word form) is
        # simply not a date: the tagger never fails on its input.
        return []


def _link_ranges(text: str, readings: list[Reading]) -> list[tuple[Reading, Reading | None]]:
    """Pair each reading with the other end of the range it belongs to, if any."""
    partner: dict[int, int] = {}
    for i in range(len(readings) - 1):
        a, b = readings[i], readings[i + 1]
        if a.when is None or b.when is None or a.type != "DATE" or b.type != "DATE":
            continue
        between = text[a.end:b.start]
        if not (b.range_end or _RANGE_JOIN.match(between)):
            continue
        if between.strip() == "and" and not _after_between(text, a.start):
            continue
        partner[i], partner[i + 1] = i + 1, i
    return [(r, readings[partner[i]] if i in partner else None) for i, r in enumerate(readings)]


def _timexes(text: str, lex: Lexicon, pairs: list[tuple[Reading, Reading | None]]) -> list[Timex]:
    views = {id(r): _edtf_view(lex, r) for r, _ in pairs}
    out = []
    for r, other in pairs:
        form, lo, hi, precision = views[id(r)]
        if other is not None and form and views.get(id(other), (None,))[0] and not (r.ambiguous or other.ambiguous):
            first, last = (r, other) if r.start < other.start else (other, r)
            f1, f2 = views[id(first)], views[id(last)]
            if f1[1] and f2[2] and day_number(f1[1]) <= day_number(f2[2]):
                form, lo, hi = f"{f1[0].rstrip('~')}/{f2[0].rstrip('~')}", f1[1], f2[2]
        out.append(Timex(r.start, r.end, text[r.start:r.end], r.type, r.value, r.mod,
                         form, lo, hi, precision, tuple(timex_value(w) for w in r.alternatives)))
    return out


def _edtf_view(lex: Lexicon, r: Reading) -> tuple[str | None, str | None, str | None, str | None]:
    if r.when is None or r.type not in ("DATE", "TIME"):
        return None, None, None, None
    if r.ambiguous:  # one of a set of days (EDTF level 2: "[a,b]")
        days = [bounds(w)[0] for w in r.alternatives]
        return f"[{','.join(edtf(w, None, None) for w in r.alternatives)}]", min(days, key=day_number), \
            max(days, key=day_number), r.when.precision
    span = bounds(r.when, lex.fraction.get(r.mod) if r.mod else None)
    lo, hi = span if span else (None, None)
    return edtf(r.when, r.mod, span), lo, hi, r.when.precision
