"""The tagger's knowledge, read from ``annalyst/data/time/*.yaml`` once and cached.

The recognition rules in ``rules.yaml`` are regular expressions with
``{PLACEHOLDERS}`` that stand for the lexicons; :func:`lexicon` fills them in
and compiles them into one :class:`Scanner`, so that a text is scanned once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from annalyst.data import load_yaml

from .scanner import Scanner

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)(?::([a-z_0-9]+))?\}")
_GROUP = re.compile(r"\(\?P<([a-z_0-9]+)>")


@dataclass(frozen=True)
class Lexicon:
    """Everything the tagger knows about English dates, and its compiled scanner."""

    months: dict[str, int]
    abbreviated_months: frozenset[str]
    ambiguous_months: frozenset[str]
    month_cues: frozenset[str]
    seasons: dict[str, dict[str, Any]]
    parts_of_day: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    weekdays: dict[str, int]
    eras: dict[str, str]
    year_blockers_before: frozenset[str]
    year_blockers_after: frozenset[str]
    street: re.Pattern[str]          # what follows a house number: "W. Flagler St."
    name_heads: frozenset[str]       # "Movement" in "the 2 June Movement"
    not_in_news: frozenset[str]
    address_words: frozenset[str]    # "at" in "at 1714 W. Flagler St."
    measure_verbs: frozenset[str]    # "stood" in "the toll stood at 1200": a count, not a clock time
    duration_prepositions: frozenset[str]
    cardinals: dict[str, float]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    set_words: dict[str, str]
    part: dict[str, str]
    part_post: dict[str, str]
    quantity: dict[str, str]
    fraction: dict[str, tuple[int, int]]
    refs: dict[str, str]
    shift: dict[str, int]
    direction: dict[str, int]
    vague_direction: dict[int, str]
    deictic: dict[str, int]
    month_forward_window: int
    kinds: tuple[str, ...]
    scanner: Scanner
    group_names: frozenset[str]  # every named group of the rules, prefixed with its rule

    def kind(self, match: re.Match[str]) -> str:
        """The kind of the rule that made ``match``."""
        return self.kinds[int(match.lastgroup[1:])]

    def group(self, match: re.Match[str], name: str) -> str | None:
        """The text of the group ``name`` of the rule that made ``match``."""
        group = f"{match.lastgroup}_{name}"
        return match.group(group) if group in self.group_names else None


def _load(name: str) -> dict[str, Any]:
    return load_yaml(f"time/{name}")


def _alt(words, flags: str = "i") -> str:
    """A regex alternation of ``words``, longest first, spaces matching any space."""
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", "[ \u00a0]+") for p in parts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _months(months: dict[int, list[str]]) -> str:
    """Month names, full or abbreviated; only an abbreviation takes a dot ("Sept.")."""
    full = [names[0] for names in months.values()]
    short = [n for names in months.values() for n in names[1:]]
    return f"{_alt(full, '')[3:-1]}|(?:{_alt(short, '')[3:-1]})\\.?"


def _number_words(cardinals: dict[str, float]) -> str:
    tens = [w for w, v in cardinals.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, v in cardinals.items() if 1 <= v <= 9 and w not in ("a", "an")]
    compound = f"{_alt(tens, '')}(?:[- ]{_alt(ones, '')})?"
    return f"(?i:{compound}|{_alt(cardinals, '')[3:-1]})"


def _placeholders(cal, num, units, mods, refs) -> dict[str, str]:
    era = _alt(cal["eras"], "")
    unit_words = list(units["units"])
    pods = list(cal["parts_of_day"])
    part = [p + " " for p in mods["part"]] + ["mid-"]
    shifts = list(refs["shift"])
    return {
        "MONTH": f"(?P<month>{_months(cal['months'])})",
        "DAY": r"(?P<day>[12]\d|3[01]|0?[1-9])(?!\d)",
        "YEAR": (r"(?P<year>(?<![\d,.$£€#])(?:[12]\d{3}(?![\d%]|,\d{3})|\d{1,4}"
                 rf"(?= ?{era}(?!\w))))(?: ?(?P<era>{era}))?"),
        "ERA": f"(?P<era>{era})",
        "NUM": rf"(?P<num>\d+(?:\.\d+)?|{_number_words(num['cardinals'])}|{_alt(num['vague'])})",
        "UNIT": f"(?P<unit>{_alt(unit_words)})",
        "UNITS": f"(?P<unit>{_alt(unit_words)})(?i:s)?",
        "SEASON": f"(?P<season>{_alt(cal['seasons'])})",
        "NAMEDSEASON": f"(?P<named_season>{_alt(cal['named_seasons'])})",
        "PART": f"(?P<part>{_alt(part)})",
        "PARTPOST": f"(?P<partpost>{_alt(w + ' ' for w in mods['part_post'])})",
        "POD": f"(?P<pod>{_alt(pods)})",
        "POD_OF": f"(?P<pod_of>(?i:early in )?(?i:the )?(?i:early )?{_alt(pods)}(?i: hours)? (?i:of) )",
        "RELYEAR": f"(?P<relyear>{_alt(['the ' + w for w in shifts] + shifts)}) (?i:year)",
        "SHIFT": f"(?P<shift>{_alt(refs['shift'])})",
        "DIR": f"(?P<dir>{_alt(refs['direction'])})",
        "REF": f"(?P<ref>{_alt(r for r in refs['refs'] if r not in refs['ref_tail'])}"
               + "".join(f"|(?<={re.escape(k[:-len(v)])}){re.escape(v)}" for k, v in refs["ref_tail"].items())
               + ")",
        "SETWORD": f"(?P<setword>{_alt(units['set_words'])})",
        "HOLIDAY": f"(?P<holiday>{_alt(cal['holidays'], '')})",
        "WEEKDAY": f"(?P<weekday>{_alt(cal['weekdays'], '')})",
        "ORD": f"(?P<ord>{_alt(num['ordinals'])})",
        "APPROX": f"(?P<approx>{_alt(mods['approx'])} ?)",
        "QUANT": f"(?P<quant>{_alt(mods['quantity'])} )",
        "DAYFOLLOW": _alt(cal["day_followers"], ""),
        "ZONE": f"(?P<zone>{_alt(cal['time_zones'], '')})",
        "CLOCKAPPROX": f"(?P<approx>{_alt(mods['clock_approx'])} )",
        "CLOCKDAY": f"(?:,? (?:{_alt(cal['weekdays'], '')[:-1].replace('(?:', '(?P<weekday>', 1)})|(?P<clock_deictic>(?i:yesterday|today|tomorrow))))",
    }


def _street(cal) -> re.Pattern[str]:
    """A street address after a number: an optional directional, up to three capitalised words, a suffix."""
    direction = _alt(cal["street_directions"], "")
    suffix = _alt(cal["street_suffixes"], "")
    return re.compile(rf"[ \u00a0]+(?:{direction}[ \u00a0]+)?(?:[A-Z][\w'’-]*\.?[ \u00a0]+){{0,3}}{suffix}\b")


def _spaces(pattern: str) -> str:
    """Let each literal space of a rule match a no-break space too ("2\u00a0April")."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " ":
            ch = " \u00a0" if in_class else "[ \u00a0]"
        out.append(ch)
    return "".join(out)


def _expand(pattern: str, slots: dict[str, str], prefix: str) -> str:
    def fill(m: re.Match[str]) -> str:
        body = slots[m.group(1)]
        if m.group(2):
            body = _GROUP.sub(f"(?P<{m.group(2)}>", body, count=1)
        return body
    filled = _PLACEHOLDER.sub(fill, _spaces(pattern))
    return _GROUP.sub(lambda g: f"(?P<{prefix}_{g.group(1)}>", filled)


def _core_words(cal, num, units, refs) -> frozenset[str]:
    """Words one of which every rule contains (besides digits): where to look."""
    phrases = [n for names in cal["months"].values() for n in names]
    phrases += list(cal["seasons"]) + list(cal["parts_of_day"]) + list(cal["holidays"])
    phrases += cal["named_seasons"]
    phrases += list(cal["weekdays"]) + list(num["cardinals"]) + list(num["ordinals"])
    phrases += list(units["units"]) + list(units["set_words"]) + list(refs["refs"])
    phrases += list(refs["deictic"]) + ["time", "period", "date", "fortnights"]
    words = {w.lower() for p in phrases for w in re.findall(r"\w+", str(p))}
    words |= {w + "s" for w in units["units"]} | {"centuries"}
    return frozenset(words - {"a", "an", "the", "of", "s", "day's"})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the YAML lexicons and compile the scanner (once per process)."""
    cal, num, units = _load("calendar.yaml"), _load("numbers.yaml"), _load("units.yaml")
    mods, refs, rules = _load("modifiers.yaml"), _load("references.yaml"), _load("rules.yaml")
    slots = _placeholders(cal, num, units, mods, refs)
    kinds, alternatives = [], []
    for i, rule in enumerate(rules["rules"]):
        kinds.append(rule["kind"])
        alternatives.append(f"(?P<r{i}>{_expand(rule['pattern'], slots, f'r{i}')})")
    scanner = Scanner(alternatives, _core_words(cal, num, units, refs))
    months = {name.lower(): int(m) for m, names in cal["months"].items() for name in names}
    return Lexicon(
        months=months,
        abbreviated_months=frozenset(n for names in cal["months"].values() for n in names[1:]),
        ambiguous_months=frozenset(cal["ambiguous_months"]),
        month_cues=frozenset(cal["month_cues"]), seasons=cal["seasons"],
        parts_of_day=cal["parts_of_day"],
        holidays={k.lower(): tuple(v) for k, v in cal["holidays"].items()},
        weekdays={k.lower(): v for k, v in cal["weekdays"].items()}, eras=cal["eras"],
        year_blockers_before=frozenset(w.lower() for w in cal["year_blockers_before"]),
        year_blockers_after=frozenset(w.lower() for w in cal["year_blockers_after"]),
        street=_street(cal), name_heads=frozenset(cal["name_heads"]),
        address_words=frozenset(cal["address_words"]), measure_verbs=frozenset(cal["measure_verbs"]),
        not_in_news=frozenset(refs["not_in_news"]),
        duration_prepositions=frozenset(refs["duration_prepositions"]),
        cardinals=num["cardinals"], vague=frozenset(num["vague"]), ordinals=num["ordinals"],
        units=units["units"], set_words=units["set_words"], part=mods["part"],
        part_post=mods["part_post"], quantity=mods["quantity"],
        fraction={k: tuple(v) for k, v in mods["fraction"].items()},
        refs=refs["refs"], shift=refs["shift"], direction=refs["direction"],
        vague_direction={int(k): v for k, v in refs["vague_direction"].items()},
        deictic=refs["deictic"], month_forward_window=int(refs["month_forward_window"]),
        kinds=tuple(kinds), scanner=scanner,
        group_names=frozenset(name for rule in alternatives for name in _GROUP.findall(rule)))
