"""Normalise one recognised expression: its TIMEX3 type, value and mod, in context.

Each rule kind of ``rules.yaml`` has a function here. A function takes the
context and the regex match and gives zero or more :class:`Reading`; zero
means the match was not a temporal expression after all ("the fall of Paris").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from . import numeric
from .anchor import Context
from .when import When, days_in_month, timex_value, year_text

_WORD = re.compile(r"[\w.%'#$]+")


@dataclass(frozen=True)
class Reading:
    """A normalised expression before the EDTF view is added."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    when: When | None = None
    range_end: bool = False
    moves_anchor: bool = True   # False for "two years ago": speech, not narrative
    alternatives: tuple[When, ...] = ()  # other readings: an Old Style date, or ambiguity's
    ambiguous: bool = False              # the text allows each of ``alternatives`` equally


def _g(ctx: Context, m: re.Match[str], name: str) -> str | None:
    return ctx.lex.group(m, name)


def _span(m: re.Match[str], name: str) -> tuple[int, int]:
    return m.span(f"{m.lastgroup}_{name}")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _date(ctx: Context, m: re.Match[str], w: When, mod: str | None = None,
          typ: str = "DATE") -> list[Reading]:
    if w.time:
        typ = "TIME"
    if mod in ("H1", "H2") and w.precision == "year":
        w, mod = When("season", w.year, season=mod), None
    return [Reading(m.start(), m.end(), typ, timex_value(w), mod or None, w)]


def _part_mod(ctx: Context, m: re.Match[str]) -> str | None:
    for name in ("part", "partpost", "part2"):
        text = _g(ctx, m, name)
        if text:
            key = _norm(text)
            mod = ctx.lex.part.get(key, ctx.lex.part_post.get(key))
            if mod:
                return mod
    if _g(ctx, m, "approx"):
        return "APPROX"
    quant = _g(ctx, m, "quant")
    return ctx.lex.quantity.get(_norm(quant)) or None if quant else None


def number(ctx: Context, text: str | None) -> float | None:
    """The number a count word stands for; None when vague ("several")."""
    if text is None:
        return None
    key = _norm(text)
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    if key in ctx.lex.cardinals:
        return float(ctx.lex.cardinals[key])
    parts = key.split()
    if len(parts) == 2 and all(p in ctx.lex.cardinals for p in parts):
        return float(ctx.lex.cardinals[parts[0]] + ctx.lex.cardinals[parts[1]])
    return None


def _year(ctx: Context, m: re.Match[str], name: str = "year") -> int | None:
    text = _g(ctx, m, name)
    if not text:
        return None
    era = _g(ctx, m, "era")
    n = int(text)
    if era and ctx.lex.eras.get(era.replace(" ", "")) == "BC":
        return 1 - n
    return n


def _bc(ctx: Context, m: re.Match[str]) -> bool:
    """Whether the era written in the match is BC ("the 470s BC")."""
    era = _g(ctx, m, "era")
    return bool(era) and ctx.lex.eras.get(era) == "BC"


def shift_of(ctx: Context, word: str) -> int:
    """Periods a lower-case shift word moves: "next" 1, "previous" and "last" -1, "that" 0."""
    # "last" stays out of references.yaml's shift words: they also build the SHIFT and
    # RELYEAR patterns, which "last" would widen.
    return -1 if word == "last" else ctx.lex.shift.get(word, 0)


def _relyear(ctx: Context, m: re.Match[str]) -> int | None:
    text = _g(ctx, m, "relyear")
    if not text or ctx.year is None:
        return None
    word = _norm(text).split()[-1]
    shift = ctx.lex.shift.get(word, 0)
    return (ctx.named_year if shift == 0 and ctx.named_year is not None else ctx.year) + shift


def _month(ctx: Context, m: re.Match[str]) -> int:
    return ctx.lex.months[_g(ctx, m, "month").lower().rstrip(".")]


def _real_day(year: int | None, month: int | None, day: int) -> bool:
    """Whether the day exists ("February 30" does not); unknown parts allow any."""
    if month is None:
        return 1 <= day <= 31
    return 1 <= day <= days_in_month(2000 if year is None else year, month)


def _prev_word(ctx: Context, start: int) -> str:
    words = _WORD.findall(ctx.text[max(0, start - 30):start])
    return words[-1].lower() if words else ""


def _next_word(ctx: Context, end: int) -> str:
    m = _WORD.search(ctx.text, end, min(len(ctx.text), end + 30))
    return m.group().lower() if m else ""


# --- calendar dates ----------------------------------------------------------

def iso_date(ctx: Context, m: re.Match[str]) -> list[Reading]:
    y, mo, d = int(_g(ctx, m, "year")), int(_g(ctx, m, "month")), int(_g(ctx, m, "day"))
    if not _real_day(y, mo, d):
        return []
    hour = _g(ctx, m, "hour")
    time = f"{hour}:{_g(ctx, m, 'minute')}" if hour else None
    return _date(ctx, m, When("day", y, mo, d, time=time))


def numeric_date(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"12/18/2014", "18-12-2014", "3/4/15": month or day first as the document writes them."""
    year = numeric.full_year(_g(ctx, m, "nyear"))
    pairs = [(mo, d) for mo, d in numeric.readings(int(_g(ctx, m, "n1")), int(_g(ctx, m, "n2")), ctx.date_order)
             if _real_day(year, mo, d)]
    if not pairs:
        return []
    if len(pairs) == 1:
        return _date(ctx, m, When("day", year, *pairs[0]))
    # Nothing says which field is the day: the year is certain, the two days are alternatives.
    options = tuple(When("day", year, mo, d) for mo, d in sorted(pairs))
    return [Reading(m.start(), m.end(), "DATE", timex_value(When("year", year)), None,
                    When("year", year), moves_anchor=False, alternatives=options, ambiguous=True)]


def dual_date(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"16 October [O.S. 4 October] 1853": the New Style (Gregorian) date is the value, the Old
    Style (Julian) one an alternative, as Wikipedia's Manual of Style (dates) writes them."""
    year, mon, day = _year(ctx, m), _month(ctx, m), int(_g(ctx, m, "day"))
    os_mon, os_day = ctx.lex.months[_g(ctx, m, "os_month").lower().rstrip(".")], int(_g(ctx, m, "os_day"))
    os_year = int(_g(ctx, m, "os_year")) if _g(ctx, m, "os_year") else year - (1 if os_mon > mon else 0)
    julian_days = 29 if os_mon == 2 and os_year % 4 == 0 else days_in_month(2001, os_mon)
    if not (_real_day(year, mon, day) and 1 <= os_day <= julian_days):  # the Julian calendar's leap years
        return []
    new, old = When("day", year, mon, day), When("day", os_year, os_mon, os_day)
    return [Reading(m.start(), m.end(), "DATE", timex_value(new), None, new, alternatives=(old,))]


def numeric_fixed(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"2014/12/18" (year first) and "18.12.2014" (dotted, always day first): one reading."""
    year, mo, d = int(_g(ctx, m, "year")), int(_g(ctx, m, "month")), int(_g(ctx, m, "day"))
    return _date(ctx, m, When("day", year, mo, d)) if _real_day(year, mo, d) else []


def date(ctx: Context, m: re.Match[str]) -> list[Reading]:
    month, day = _month(ctx, m), int(_g(ctx, m, "day"))
    year = _year(ctx, m)
    if year is None and _in_name(ctx, m):
        return []
    if year is None:
        year = _relyear(ctx, m) if _g(ctx, m, "relyear") else ctx.year_for_month(month, m.start())
    if not _real_day(year, month, day):
        if _year(ctx, m) is not None or not _real_day(None, month, day):
            return []
        year = None  # February 29 in a guessed year that has none: leave the year open
    pod = _g(ctx, m, "pod_of")
    time = ctx.lex.parts_of_day.get(_norm(pod).split(" of")[0].split()[-1]) if pod else None
    if pod and "early" in _norm(pod) and time is None:
        time = "MO"
    return _date(ctx, m, When("day", year, month, day, time=time), _part_mod(ctx, m))


def day_range(ctx: Context, m: re.Match[str]) -> list[Reading]:
    month = _month(ctx, m)
    year = _year(ctx, m)
    if year is None:
        year = ctx.year_for_month(month, m.start())
    d1, d2 = int(_g(ctx, m, "day")), int(_g(ctx, m, "day2"))
    if d2 <= d1 or not _real_day(year, month, d2):
        return []
    s1, s2 = _span(m, "day"), _span(m, "day2")
    month_first = _span(m, "month")[0] < s1[0]
    first = (m.start(), s1[1]) if month_first else s1
    second = (s2[0], m.end())
    w1, w2 = When("day", year, month, d1), When("day", year, month, d2)
    return [Reading(*first, "DATE", timex_value(w1), None, w1),
            Reading(*second, "DATE", timex_value(w2), None, w2, range_end=True)]


def _shifted_month(ctx: Context, mon: int, word: str) -> int | None:
    """The year of "last May" (the latest May before the anchor's month), "next May" (the first
    after it), "this May" (the anchor's year): against the document date in news."""
    y, ref_month, _ = ctx.base(deictic=True)
    if y is None or ref_month is None:
        return y
    shift = -1 if word == "past" else 1 if word == "coming" else shift_of(ctx, word)
    if shift < 0:
        return y if mon < ref_month else y - 1
    if shift > 0:
        return y if mon > ref_month else y + 1
    return y


def month(ctx: Context, m: re.Match[str]) -> list[Reading]:
    name, mon = _g(ctx, m, "month"), _month(ctx, m)
    mod = _part_mod(ctx, m)
    year = _year(ctx, m)
    shift_word = _g(ctx, m, "shift_word")
    if shift_word:
        return _date(ctx, m, When("month", _shifted_month(ctx, mon, shift_word.lower()), mon))
    if _g(ctx, m, "year_shift"):  # "September last year"
        y = ctx.base(deictic=True)[0]
        shift = shift_of(ctx, _g(ctx, m, "year_shift").lower())
        return _date(ctx, m, When("month", None if y is None else y + shift, mon), mod)
    if year is None and _g(ctx, m, "relyear"):
        year = _relyear(ctx, m)
    elif year is None:
        cue = _prev_word(ctx, m.start()) in ctx.lex.month_cues or ctx.text[m.end():m.end() + 1] in "-–"
        if not mod and not cue and (name in ctx.lex.ambiguous_months
                                    or name.rstrip(".") in ctx.lex.abbreviated_months):
            return []  # "May", "Mar" alone are words, not months
        year = ctx.year_for_month(mon, m.start())
    return _date(ctx, m, When("month", year, mon), mod)


def ordinal_day(ctx: Context, m: re.Match[str]) -> list[Reading]:
    day = int(_g(ctx, m, "day"))
    year, mon, _ = ctx.base()
    if not _real_day(year, mon, day):
        return []
    return _date(ctx, m, When("day", year, mon, day))


def holiday(ctx: Context, m: re.Match[str]) -> list[Reading]:
    mon, day = ctx.lex.holidays[_norm(_g(ctx, m, "holiday")).replace(" ’", " '")]
    year = _year(ctx, m)
    if year is None:
        year = ctx.year_for_month(mon, m.start())
    return _date(ctx, m, When("day", year, mon, day))


def weekday_date(ctx: Context, m: re.Match[str]) -> dt.date | None:
    """The day a weekday names: the nearest one to the anchor, the one before it in past
    narration and after it in future narration (news), or as "last"/"next" says."""
    n = ctx.lex.weekdays[_g(ctx, m, "weekday").lower()]
    y, mo, d = ctx.base(deictic=True)
    if None in (y, mo, d) or y < 1:
        return None
    ref = dt.date(y, mo, d)
    offset = (n - ref.isoweekday() + 3) % 7 - 3
    word = (_g(ctx, m, "shift_word") or "").lower()
    tense = ctx.tense(m.start(), m.end()) if ctx.mode == "news" else None
    if word in ("last", "past") or (not word and tense == "past"):
        offset = offset - 7 if offset > 0 or (word and offset == 0) else offset
    elif word in ("next", "coming") or (not word and tense == "future"):
        offset = offset + 7 if offset < 0 or (word and offset == 0) else offset
    try:
        return ref + dt.timedelta(days=offset)
    except OverflowError:  # a weekday just before 1 January AD 1 or after AD 9999
        return None


def weekday(ctx: Context, m: re.Match[str]) -> list[Reading]:
    n = ctx.lex.weekdays[_g(ctx, m, "weekday").lower()]
    pod = _g(ctx, m, "pod")
    time = ctx.lex.parts_of_day[_norm(pod).replace(" ", "-")] if pod else None
    day = weekday_date(ctx, m)
    if day is None:
        return [Reading(m.start(), m.end(), "TIME" if time else "DATE",
                        f"XXXX-WXX-{n}" + (f"T{time}" if time else ""))]
    return _date(ctx, m, When("day", day.year, day.month, day.day, time=time), _part_mod(ctx, m))


# --- seasons, years, decades, centuries ----------------------------------------

def season(ctx: Context, m: re.Match[str]) -> list[Reading]:
    name = _norm(_g(ctx, m, "season"))
    code = ctx.lex.seasons[name]["code"]
    year = _year(ctx, m)
    if _g(ctx, m, "year2") and code == "WI":  # "the winter of 1914-15" ends in 1915
        year = year // 100 * 100 + int(_g(ctx, m, "year2"))
    shift_word = _g(ctx, m, "shift_word")
    if year is None and _g(ctx, m, "relyear"):
        year = _relyear(ctx, m)
    elif year is None:
        word = _g(ctx, m, "season")
        before = ctx.text[max(0, m.start() - 30):m.start()].split()
        if word[0].isupper() and before and before[-1][0].isupper() and before[-1].lower() not in \
                ctx.lex.month_cues and m.start() == _span(m, "season")[0]:
            return []  # "the Arab Spring": a name, not a season
        if _next_word(ctx, m.end()) in ("time", "dst"):
            return []  # "Summer (DST)", "summer time": a clock setting
        if name == "fall" and not shift_word and (not m.group().lower().startswith("the fall")
                                                 or _next_word(ctx, m.end()) in ("of", "to", "in")):
            return []
        base_year = ctx.base(deictic=bool(shift_word))[0]
        shift = shift_of(ctx, _norm(shift_word).split()[-1]) if shift_word else 0
        if code == "WI" and not shift_word and (ctx.month is None or ctx.month >= 9):
            shift = 1  # a winter after a date in the year is the one that ends next year
        if ctx.hint and not shift_word:
            base_year, shift = ctx.hint[0], 0
        elif ctx.mode == "news" and ctx.dct and not shift_word:
            base_year, shift = ctx.year_for_month(ctx.lex.seasons[name]["months"][0], m.start()), 0
        year = None if base_year is None else base_year + shift
    return _date(ctx, m, When("season", year, season=code), _part_mod(ctx, m))


def named_season(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"the dry season": a recurring season whose months the text does not give."""
    return [Reading(m.start(), m.end(), "DATE", "XXXX-XX")]


def year(ctx: Context, m: re.Match[str]) -> list[Reading]:
    y = _year(ctx, m)
    era = _g(ctx, m, "era")
    mod = _part_mod(ctx, m)
    if not era and not mod:
        following = _next_word(ctx, m.end())
        if y > 2100 or _prev_word(ctx, m.start()) in ctx.lex.year_blockers_before \
                or following in ctx.lex.year_blockers_after or following.rstrip(".") in ctx.lex.year_blockers_after \
                or _house_number(ctx, m):
            return []
    if not era and y < 1000:
        return []
    if not era and ctx.year is not None and ctx.year <= 0 and y < 1000:
        y = 1 - y
    return _date(ctx, m, When("year", y), mod)


def _house_number(ctx: Context, m: re.Match[str]) -> bool:
    """"at 1714 W. Flagler St.": a number before a street name, after a word that introduces an
    address ("at", "on", "near"); "the 1989 Tiananmen Square protests" and "Around 1900 St.
    Petersburg grew" keep their years."""
    return _prev_word(ctx, m.start()) in ctx.lex.address_words and bool(ctx.lex.street.match(ctx.text, m.end()))


def _in_name(ctx: Context, m: re.Match[str]) -> bool:
    """A day and month that a name continues, after "the": "the 2 June Movement", "the 26th of
    July Movement" (not "On April 8 Union cavalry ...")."""
    if not (m.group().lower().startswith("the ") or _prev_word(ctx, m.start()) == "the"):
        return False
    following = re.match(r"[ \u00a0]+([A-Z]\w+)", ctx.text[m.end():m.end() + 40])
    return bool(following) and following.group(1) in ctx.lex.name_heads


def _odds(ctx: Context, start: int) -> bool:
    """"1 in 959", "one in 500": a count before "in" makes the number a ratio, not a year."""
    words = _WORD.findall(ctx.text[max(0, start - 24):start])
    return len(words) >= 2 and (words[-2].replace(",", "").isdigit() or words[-2].lower() in ctx.lex.cardinals)


def year3(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """A three-digit number read as a year, only where the text is about BC years."""
    n = int(_g(ctx, m, "year"))
    after = ctx.text[m.end():m.end() + 14]
    bc_range = re.match(r"(?:[-–]| to | and )\d{1,4} ?B\.?C", after)
    bc_context = ctx.year is not None and ctx.year <= 0 and n <= 1 - ctx.year + 200
    if not bc_range and (not bc_context or _prev_word(ctx, m.start()) in ("of", "and")
                         and not _g(ctx, m, "part")):
        if _prev_word(ctx, m.start()) == "in" and re.match(r"[,.;)](?!\d)", ctx.text[m.end():m.end() + 2]) \
                and not bc_context and not _odds(ctx, m.start()):
            return _date(ctx, m, When("year", n))  # "In 845, Viking raiders ...", "died in 877."
        return []
    return _date(ctx, m, When("year", 1 - n))


def year_range2(ctx: Context, m: re.Match[str]) -> list[Reading]:
    y = int(_g(ctx, m, "year"))
    tail = int(_g(ctx, m, "year2"))
    y2 = y // 100 * 100 + tail
    first = Reading(m.start(), _span(m, "year")[1], "DATE", f"{y:04d}", None, When("year", y))
    if y2 <= y or y > 2100:
        return [first] if y <= 2100 else []
    s = _span(m, "year2")
    return [first, Reading(s[0], s[1], "DATE", f"{y2:04d}", None, When("year", y2), True)]


def quarter(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"the third quarter of 2014", "Q3 2014" (TIMEX3 "2014-Q3"); "this quarter", "last quarter"
    from the document's date in news, or the reference date."""
    if _g(ctx, m, "qnum"):
        n, year = int(_g(ctx, m, "qnum")[1]), numeric.full_year(_g(ctx, m, "year"))
    else:
        word = _norm(_g(ctx, m, "shift_word") or "")
        if word == "the" and not _g(ctx, m, "qord"):
            base = ctx.base()
        else:
            base = ctx.base(deictic=True)
        year, mon = (_year(ctx, m), None) if _year(ctx, m) is not None else (base[0], base[1])
        if _g(ctx, m, "qord"):
            if _year(ctx, m) is None and not (ctx.mode == "news" or "-" in m.group()):
                return []  # "the first quarter" of a game or a shield: a quarter of a year only in news
            word_ = _g(ctx, m, "qord").lower()
            n = int(word_[0]) if word_[0].isdigit() else ctx.lex.ordinals[word_]
            if _year(ctx, m) is None and ctx.mode == "news" and ctx.dct:  # by tense, as a month is
                year = ctx.year_for_month(3 * n - 2, m.start())
        elif mon is None or year is None:
            return [Reading(m.start(), m.end(), "DATE", "XXXX-QX")]
        else:
            n = (mon - 1) // 3 + 1 + shift_of(ctx, word)
            if n < 1:
                year, n = year - 1, 4
            elif n > 4:
                year, n = year + 1, 1
    return [Reading(m.start(), m.end(), "DATE", f"{year_text(year)}-Q{n}")]


def decade(ctx: Context, m: re.Match[str]) -> list[Reading]:
    digits = _g(ctx, m, "decade")
    bc = _bc(ctx, m)
    n = int(digits) // 10
    if len(digits) == 4 and digits.endswith("00"):  # "the 1800s": the century
        return _date(ctx, m, When("century", century=int(digits) // 100, bc=bc), _part_mod(ctx, m))
    if len(digits) == 2:
        written_as_decade = "'" in m.group() or m.group().lower().startswith("the")
        if ctx.year is None or ctx.year <= 0 or not written_as_decade:
            return []
        n = ctx.year // 100 * 10 + n
    elif len(digits) == 1 or (len(digits) == 3 and not bc):
        return []
    return _date(ctx, m, When("decade", decade=n, bc=bc), _part_mod(ctx, m))


def century(ctx: Context, m: re.Match[str]) -> list[Reading]:
    digits, ordinal = _g(ctx, m, "cent"), _g(ctx, m, "ord")
    n = int(digits) if digits else ctx.lex.ordinals.get(_norm(ordinal).replace(" ", "-"))
    if not n:
        return []
    bc = _bc(ctx, m)
    return _date(ctx, m, When("century", century=n - 1, bc=bc), _part_mod(ctx, m))


def century_pair(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"the 18th and 19th centuries": two centuries, as two expressions."""
    bc = _bc(ctx, m)
    first, second = _span(m, "cent"), _span(m, "cent2")
    out = []
    for (start, end), name in (((m.start(), first[1] + 2), "cent"), ((second[0], m.end()), "cent2")):
        w = When("century", century=int(_g(ctx, m, name)) - 1, bc=bc)
        out.append(Reading(start, end, "DATE", timex_value(w), None, w, range_end=name == "cent2"))
    return out


def rel_period(ctx: Context, m: re.Match[str]) -> list[Reading]:
    shift = ctx.lex.shift.get(_g(ctx, m, "shift").lower(), 0)
    unit = _g(ctx, m, "unit").lower()
    if shift and _prev_word(ctx, m.start()) in ctx.lex.duration_prepositions:
        # "over the following decade": how long, not which decade (TimeML 1.2.1, DURATION)
        return [Reading(m.start(), m.end(), "DURATION", "P1DE" if unit == "decade" else "P1CE")]
    if ctx.year is None:
        return []
    bc = ctx.year <= 0
    size = 10 if unit == "decade" else 100
    n = (1 - ctx.year) // size - shift if bc else ctx.year // size + shift
    if unit == "decade":
        return _date(ctx, m, When("decade", decade=n, bc=bc))
    return _date(ctx, m, When("century", century=n, bc=bc))


def explicit_year(ctx: Context, m: re.Match[str]) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) written in full in a match, for expressions before it to borrow."""
    kind = ctx.lex.kind(m)
    if kind not in ("date", "month", "season", "year", "day_range", "iso_date"):
        return None
    text = _g(ctx, m, "year")
    if not text or (kind == "year" and not year(ctx, m)):
        return None
    mon = _g(ctx, m, "month")
    day = _g(ctx, m, "day")
    mon = (int(mon) if mon.isdigit() else ctx.lex.months.get(mon.lower().rstrip("."))) if mon else None
    return _year(ctx, m), mon, int(day) if day and mon else None


KINDS: dict[str, Callable[[Context, re.Match[str]], list[Reading]]] = {
    "iso_date": iso_date, "numeric_date": numeric_date, "numeric_fixed": numeric_fixed,
    "dual_date": dual_date, "date": date, "day_range": day_range, "month": month,
    "ordinal_day": ordinal_day, "holiday": holiday, "weekday": weekday,
    "season": season, "named_season": named_season, "year": year, "year3": year3, "year_range2": year_range2,
    "quarter": quarter, "decade": decade, "century": century, "century_pair": century_pair, "rel_period": rel_period,
}
