"""The anchors of one text: the document date and the narrative reference date.

In narrative mode an expression without a year ("in April", "the 9th") takes
it from the last date the text gave in full, and each resolved date becomes
the new reference. In news mode the document date anchors such expressions,
and the tense of the sentence picks the year.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from annalyst.data import load_yaml

from .lexicon import Lexicon
from .when import When, days_in_month

@lru_cache(maxsize=1)
def _tense_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(future, past) cue patterns from ``data/time/tense.yaml``."""
    data = load_yaml("time/tense.yaml")
    words = lambda ws: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ws, key=len, reverse=True))
    future = re.compile(rf"\b(?:{words(data['future'])})\b", re.I)
    # a regular past is a lower-case word in -ed ("Ahmed", "United", "Red" are names), not a noun in -ed
    not_past = f"(?!(?:{words(data['not_past'])})\\b)"
    past = re.compile(rf"\b(?:(?i:{words(data['irregular_past'] + data['past_prepositions'])})|{not_past}[a-z]{{2,}}ed)\b")
    return future, past


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“‘(]|\s*$)|\n")  # not the dots of "p.m." or "a.m. on"


class Context:
    """Mutable reading state for one call of the tagger (never shared)."""

    def __init__(self, text: str, lex: Lexicon, mode: str, anchor: dt.date | None):
        self.text, self.lex, self.mode = text, lex, mode
        self.dct = anchor
        self.year = anchor.year if anchor else None
        self.month = anchor.month if anchor else None
        self.day = anchor.day if anchor else None
        # (year, month, day) written in full by the next expression of the
        # same sentence: "In April and June 1955", "(May-August 1950)".
        self.hint: tuple[int, int | None, int | None] | None = None
        # The year the text named last, even in an aside: "that year" means it.
        self.named_year: int | None = None
        # Which field of a numeric date is the day ("mdy", "dmy"), or None: see numeric.py.
        self.date_order: str | None = None

    def set_dct(self, w: When) -> None:
        """Take ``w`` (a day) as the document's date, when the caller gave none."""
        self.dct = dt.date(w.year, w.month, w.day) if w.year >= 1 else None
        if self.dct is not None:
            self.year, self.month, self.day = w.year, w.month, w.day

    # -- the reference date -------------------------------------------------
    def ref(self) -> When | None:
        """The current reference date at its own precision."""
        if self.year is None:
            return None
        if self.month is None:
            return When("year", self.year)
        if self.day is None:
            return When("month", self.year, self.month)
        return When("day", self.year, self.month, self.day)

    def update(self, w: When) -> None:
        """Make ``w`` the narrative reference, keeping finer parts it agrees with."""
        if w.year is None or w.precision in ("decade", "century"):
            return
        if w.year != self.year:
            self.year, self.month, self.day = w.year, None, None
        if w.precision in ("month", "week", "day") and w.month is not None:
            if w.month != self.month:
                self.month, self.day = w.month, None
            if w.precision in ("week", "day") and w.day is not None:
                self.day = w.day

    # -- choosing a year --------------------------------------------------------
    def base(self, deictic: bool = False) -> tuple[int | None, int | None, int | None]:
        """The (year, month, day) that an expression is relative to."""
        if deictic and self.mode == "news" and self.dct:
            return self.dct.year, self.dct.month, self.dct.day
        return self.year, self.month, self.day

    def year_for_month(self, month: int, start: int) -> int | None:
        """The year of a month written without one, at offset ``start``."""
        if self.hint is not None:
            year, hint_month, _ = self.hint
            return year - 1 if hint_month is not None and month > hint_month else year
        if self.mode == "news" and self.dct:
            return self._year_by_tense(month, start)
        if self.year is None:
            return None
        if self.month is None:
            return self.year
        forward = (month - self.month) % 12
        if forward <= self.lex.month_forward_window:
            return self.year + (1 if month < self.month else 0)
        return self.year - (1 if month > self.month else 0)

    def _year_by_tense(self, month: int, start: int) -> int:
        """The past month in past narration, the coming one in future narration; with no tense,
        the one nearest the document date ("opens in January", written in December: next year)."""
        tense = self.tense(start)
        year = self.dct.year
        if tense == "past" and month > self.dct.month:
            return year - 1
        if tense == "future" and month < self.dct.month:
            return year + 1
        if tense is None and abs(month - self.dct.month) > 6:
            return year + (1 if month < self.dct.month else -1)
        return year

    def tense(self, start: int, end: int | None = None) -> str | None:
        """'past', 'future' or None, from the words of the sentence before ``start``; with
        ``end``, from the rest of the sentence when nothing before decides ("On Sunday, gunmen
        killed ...")."""
        lo = max(0, start - 120)
        before = self.text[lo:start]
        cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
        windows = [before[cut:]]
        if end is not None:
            after = self.text[end:end + 120]
            stop = _SENTENCE_END.search(after)
            windows.append(after[:stop.start()] if stop else after)
        future, past = _tense_cues()
        for i, window in enumerate(windows):
            # the cue nearest the expression decides: the last one before it, or the first after it
            cues = [(m.start(), "future") for m in future.finditer(window)] + \
                   [(m.start(), "past") for m in past.finditer(window)]
            if cues:
                return (max if i == 0 else min)(cues)[1]
        return None


def shift_day(year: int, month: int, day: int, days: int) -> tuple[int, int, int]:
    """The day ``days`` after (or before) the given one, proleptic Gregorian."""
    if year >= 1:
        try:
            d = dt.date(year, month, day) + dt.timedelta(days=days)
            return d.year, d.month, d.day
        except (OverflowError, ValueError):
            pass
    step = 1 if days > 0 else -1
    for _ in range(abs(days)):
        day += step
        if day > days_in_month(year, month):
            day, month = 1, month + 1
        elif day < 1:
            month -= 1
            if month < 1:
                month, year = 12, year - 1
            day = days_in_month(year, month)
        if month > 12:
            month, year = 1, year + 1
    return year, month, day


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + months, 12)
    return y, m + 1
