"""Normalise relative expressions, times of day, durations, sets and references.

"two days later", "the following year" and "that afternoon" resolve against
the context's reference date; "six years", "a few days" and "daily" need none.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Callable

from .anchor import Context, shift_day, shift_month
from .normalise import Reading, _date, _g, _norm, _part_mod, _prev_word, number, shift_of, weekday_date
from .when import When, timex_value

_MAX_SHIFT_DAYS = 366 * 200


def _shifted(ctx: Context, unit: str, n: int, deictic: bool = False) -> When | None:
    """The reference date moved by ``n`` units, at the unit's precision."""
    y, mo, d = ctx.base(deictic)
    if y is None:
        return None
    if unit in ("day", "night", "week", "fortnight"):
        days = n * {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit]
        if mo is None or d is None or abs(days) > _MAX_SHIFT_DAYS:
            return When("day", y, mo) if days == 0 or unit == "day" else None
        return When("day", *shift_day(y, mo, d, days))
    if unit == "month":
        return When("month", *shift_month(y, mo, n)) if mo is not None else None
    years = {"year": 1, "decade": 10, "century": 100}.get(unit)
    return When("year", y + n * years) if years else None


def _unit(text: str) -> str:
    word = _norm(text)
    return word[:-1] if word.endswith("s") and word != "s" else word


def relative_count(ctx: Context, m: re.Match[str]) -> list[Reading]:
    num = _g(ctx, m, "num")
    n = number(ctx, num)
    direction = _norm(_g(ctx, m, "dir"))
    sign = ctx.lex.direction[direction]
    if n is None:
        return [Reading(m.start(), m.end(), "DATE", ctx.lex.vague_direction[sign])]
    unit = _unit(_g(ctx, m, "unit"))
    if ctx.mode == "news" and direction in ("after", "before", "prior") and _complement_follows(ctx, m.end()):
        # "three days after the vote": the count is a duration, "after" a signal (TimeML 1.2.1)
        spec = ctx.lex.units.get(unit)
        span_end = m.start() + len(m.group()) - len(_g(ctx, m, "dir")) - 1
        return [Reading(m.start(), span_end, "DURATION", _duration_value(spec, n))] if spec else []
    ago = direction == "ago"
    w = _shifted(ctx, unit, int(n) * sign, deictic=ago)
    if w is None:
        return [Reading(m.start(), m.end(), "DATE", ctx.lex.vague_direction[sign])]
    if ctx.mode == "news" and unit in ("week", "fortnight") and w.precision == "day" and w.year >= 1:
        # in news, "two weeks ago" names a week, at the unit's granularity (TempEval-3), as "two
        # years ago" names a year; narrative keeps the day, which WikiWars' "twelve days later" shows
        week = _week_of(w)
        return [Reading(m.start(), m.end(), "DATE", timex_value(week), None, week, moves_anchor=not ago)]
    return [replace(r, moves_anchor=not ago) for r in _date(ctx, m, w)]


def _week_of(w: When) -> When:
    """The ISO week (Monday to Sunday) that holds the day ``w``."""
    day = dt.date(w.year, w.month, w.day)
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return When("week", monday.year, monday.month, monday.day)


def _complement_follows(ctx: Context, end: int) -> bool:
    """Whether a noun phrase or clause follows "after"/"before" ("after the vote", "before he left")."""
    return bool(re.match(r"[ \u00a0]+[\w\"'“‘]", ctx.text[end:end + 3]))


def relative_vague(ctx: Context, m: re.Match[str]) -> list[Reading]:
    sign = ctx.lex.direction[_norm(_g(ctx, m, "dir"))]
    if _norm(_g(ctx, m, "dir")) in ("on", "after", "before", "prior"):
        return []
    return [Reading(m.start(), m.end(), "DATE", ctx.lex.vague_direction[sign])]


def relative_unit(ctx: Context, m: re.Match[str]) -> list[Reading]:
    unit = _unit(_g(ctx, m, "unit"))
    if unit not in ("day", "week", "month", "year"):
        return []
    sign = -1 if _norm(_g(ctx, m, "dir_word")) == "before" else 1
    w = _shifted(ctx, unit, sign)
    return _date(ctx, m, w) if w else []


def relative_shift(ctx: Context, m: re.Match[str]) -> list[Reading]:
    unit = _g(ctx, m, "unit").lower()
    word = _norm(_g(ctx, m, "shift") or _g(ctx, m, "shift_word"))
    mod = _part_mod(ctx, m)
    if word in ("the",) and not mod and not _g(ctx, m, "partpost"):
        return []
    # "for the next year" lasts a year; "planned for (early) next year" is a date
    if word in ("next", "past", "last") and not mod and m.group().lower().startswith("the ") \
            and _prev_word(ctx, m.start()) in ctx.lex.duration_prepositions:
        code = ctx.lex.units[unit]["code"]
        return [Reading(m.start(), m.end(), "DURATION", f"P1{code}")]
    shift = shift_of(ctx, word)
    # "next week" counts from the document's date; "the next day" from the last date told
    deictic = word in ("this", "next", "last") and ctx.mode == "news" \
        and not re.match(r"(?i)(?:the|that) ", m.group())
    if unit == "year" and shift == 0 and not deictic and ctx.named_year is not None:
        return _date(ctx, m, When("year", ctx.named_year), mod)
    w = _shifted(ctx, unit, shift, deictic)
    if w is None:
        y = ctx.base(deictic)[0]
        w = When("year", y) if unit == "year" and y is not None else None
    if w is None:
        return [Reading(m.start(), m.end(), "DATE", "XXXX" if unit == "year" else "XXXX-XX", mod)]
    if unit == "week" and w.precision == "day" and w.year >= 1:
        week = _week_of(w)
        return [Reading(m.start(), m.end(), "DATE", timex_value(week), mod, week)]
    return _date(ctx, m, w, mod)


def time_of_day(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"that afternoon", "the next morning", "the night before"; in news "this morning" and
    "last night" count from the document's date."""
    pod = ctx.lex.parts_of_day[_norm(_g(ctx, m, "pod")).replace(" ", "-")]
    shift_text = _g(ctx, m, "shift")
    shift = ctx.lex.shift.get(_norm(shift_text), 0) if shift_text else 0
    word = _norm(_g(ctx, m, "pod_shift") or shift_text or "")
    if word == "last":
        shift = -1
    if _g(ctx, m, "dir_word"):
        shift = -1 if _norm(_g(ctx, m, "dir_word")) == "before" else 1
    deictic = ctx.mode == "news" and word in ("this", "last")
    w = _shifted(ctx, "day", shift, deictic)
    y, mo, _ = ctx.base(deictic)
    w = w or When("day", y, mo)
    return _date(ctx, m, w.with_time(pod), _part_mod(ctx, m), "TIME")


def same_time(ctx: Context, m: re.Match[str]) -> list[Reading]:
    ref = ctx.ref()
    if ref is None:
        return []
    return _date(ctx, m, ref)


def clock(ctx: Context, m: re.Match[str]) -> list[Reading]:
    hour, minute = int(_g(ctx, m, "hour")), int(_g(ctx, m, "minute") or 0)
    ampm = (_g(ctx, m, "ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not ampm and not _g(ctx, m, "minute"):
        return []
    if ":" not in m.group() and not ampm and (
            ctx.lex.street.match(ctx.text, m.end())  # "at 1714 W. Flagler St.": a house number
            or _prev_word(ctx, max(0, m.start() - 3)) in ctx.lex.measure_verbs):  # "the toll stood at 1200"
        return []
    y, mo, d = ctx.hint if ctx.hint and ctx.hint[2] else ctx.base()
    if d is None and ctx.mode == "news" and ctx.dct:  # no day told yet: the document's own
        y, mo, d = ctx.dct.year, ctx.dct.month, ctx.dct.day
    if _g(ctx, m, "weekday"):  # "15:00 GMT Saturday"
        day = weekday_date(ctx, m)
        y, mo, d = (day.year, day.month, day.day) if day else (None, None, None)
    elif _g(ctx, m, "clock_deictic"):  # "8 a.m. yesterday"
        w = _shifted(ctx, "day", ctx.lex.deictic[_norm(_g(ctx, m, "clock_deictic"))], deictic=True)
        y, mo, d = (w.year, w.month, w.day) if w else (None, None, None)
    w = When("day", y, mo, d, time=f"{hour:02d}:{minute:02d}")
    return [Reading(m.start(), m.end(), "TIME", timex_value(w), "APPROX" if _g(ctx, m, "approx") else None, w)]


def duration(ctx: Context, m: re.Match[str]) -> list[Reading]:
    unit = _unit(_g(ctx, m, "unit"))
    spec = ctx.lex.units.get(unit)
    if spec is None:
        return []
    num = _g(ctx, m, "num")
    if unit == "second" and num and _norm(num) in ("a", "an"):
        return []  # "a second attack"
    tail = m.group().lower()
    if tail.endswith("old") or tail.endswith("of age"):
        return []  # an age ("a 22-year-old man"), not how long something lasted
    if ctx.mode == "news" and _adjectival(ctx, m):
        return []  # "a five-minute gunfight": TempEval-3's news gold does not tag it
    n = number(ctx, num) if num else 1.0
    if n is not None and _g(ctx, m, "half"):
        n += 0.5  # "two and a half years", "a year and a half"
    return [Reading(m.start(), m.end(), "DURATION", _duration_value(spec, n), _part_mod(ctx, m))]


def _duration_value(spec: dict, n: float | None) -> str:
    """TIMEX3 duration of ``n`` units ("PT3H", "P2W", "PXY" when the count is vague)."""
    amount = "X" if n is None else _amount(n * spec.get("factor", 1))
    return f"{'PT' if spec.get('time') else 'P'}{amount}{spec['code']}"


def _adjectival(ctx: Context, m: re.Match[str]) -> bool:
    """A hyphenated count and unit before a noun ("five-minute gunfight"), not a period of its own."""
    text = m.group()
    return bool(re.fullmatch(r"[\w.]+-[a-z]+", text)) and bool(re.match(r"[ \u00a0]+[a-z]", ctx.text[m.end():m.end() + 2]))


def _amount(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def age(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"died at age 79": WikiWars tags it as a duration; TempEval-3's news gold does not."""
    if ctx.mode == "news":
        return []
    n = number(ctx, _g(ctx, m, "num"))
    return [] if n is None else [Reading(m.start(), m.end(), "DURATION", f"P{_amount(n)}Y")]


def same_period(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"this period", "that time": the reference year, the period in view."""
    if ctx.year is None:
        return []
    return _date(ctx, m, When("year", ctx.year))


def duration_vague(ctx: Context, m: re.Match[str]) -> list[Reading]:
    spec = ctx.lex.units.get(_unit(_g(ctx, m, "unit")))
    if spec is None:
        return []
    return [Reading(m.start(), m.end(), "DURATION", _duration_value(spec, None))]


def set_rate(ctx: Context, m: re.Match[str]) -> list[Reading]:
    spec = ctx.lex.units[_unit(_g(ctx, m, "unit"))]
    return [Reading(m.start(), m.end(), "SET", f"P1{spec['code']}")]


def set_part(ctx: Context, m: re.Match[str]) -> list[Reading]:
    pod, season = _g(ctx, m, "pod"), _g(ctx, m, "season")
    if pod:
        code = ctx.lex.parts_of_day[_norm(pod).replace(" ", "-")]
        return [Reading(m.start(), m.end(), "SET", f"XXXX-XX-XXT{code}")]
    return [Reading(m.start(), m.end(), "SET", f"XXXX-{ctx.lex.seasons[_norm(season)]['code']}")]


def set_word(ctx: Context, m: re.Match[str]) -> list[Reading]:
    return [Reading(m.start(), m.end(), "SET", ctx.lex.set_words[_norm(_g(ctx, m, "setword"))])]


def ref(ctx: Context, m: re.Match[str]) -> list[Reading]:
    key = _norm(_g(ctx, m, "ref"))
    if ctx.mode == "news" and key in ctx.lex.not_in_news:
        return []
    value = ctx.lex.refs.get(key) or ctx.lex.refs.get("to " + key)
    if key in ctx.lex.deictic and ctx.mode == "news" and ctx.dct:
        return relative_deictic(ctx, m, key)
    return [Reading(m.start(), m.end(), "DATE", value)] if value else []


def relative_deictic(ctx: Context, m: re.Match[str], key: str | None = None) -> list[Reading]:
    key = key or _norm(m.group())
    w = _shifted(ctx, "day", ctx.lex.deictic[key], deictic=True)
    if w is None:
        return [Reading(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    return _date(ctx, m, w.with_time("NI") if key == "tonight" else w)


def night(ctx: Context, m: re.Match[str]) -> list[Reading]:
    """"at night", "by dawn": a time of some day the text does not say."""
    pod = _g(ctx, m, "pod")
    code = ctx.lex.parts_of_day[_norm(pod)] if pod else "NI"
    if ctx.hint and ctx.hint[2]:  # "at dawn on 1 November 2016"
        return _date(ctx, m, When("day", *ctx.hint, time=code), typ="TIME")
    return [Reading(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{code}")]


KINDS: dict[str, Callable[[Context, re.Match[str]], list[Reading]]] = {
    "relative_count": relative_count, "relative_vague": relative_vague,
    "relative_unit": relative_unit, "relative_shift": relative_shift,
    "time_of_day": time_of_day, "same_time": same_time, "clock": clock,
    "duration": duration, "duration_vague": duration_vague, "duration_bare": duration_vague,
    "set": set_rate, "set_part": set_part, "set_word": set_word, "ref": ref, "night": night,
    "deictic": relative_deictic, "age": age, "same_period": same_period,
}
