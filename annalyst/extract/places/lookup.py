"""Places geocoded offline: a written place name -> a point, its country and admin1.

Names are looked up in the gazetteer (see ``gazetteer``): exactly, then without generic
words ("Aleppo Governorate") or cues ("near Mosul", "northern Nineveh"), then fuzzily.
``geo_precision`` follows ACLED: 1 a town, 2 near a town or part of a region, 3 a region or
a country. Lookups are cached::

    >>> geocode("Al-Raqqah", countries=("SY",)).name
    'Ar Raqqah'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .gazetteer import _Entry, _gazetteer
from .written import _bare, _cues, normalise

# Measured on FUZZY_CASES in tests/extract/test_places.py (rapidfuzz ratio, normalised keys):
# variants that only fuzzy matching reaches score 88.9 (Kurdestan), 92.3 (Aleppoo, Ninewah),
# 94.1 (Fallouja), 95.2 (Deir Ezzor), 96.6 (Middle Shabelle); names of six letters or more
# that are not places score at most 82.4 (Peshmerga 82.4, Baathist 80.0, Kurdish 80.0).
# Shorter words sit too close to short towns (Shia-Shiga 88.9, Assad-Assa 88.9), so they are
# never matched fuzzily.
FUZZY_THRESHOLD = 86.0
FUZZY_MIN_LENGTH = 6

_KIND_TIER = {"region": 2, "country": 2, "city": 1, "admin1": 1, "admin2": 1}

_PARENTHESES = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<context>[^()]*)\)\s*$")


@dataclass(frozen=True)
class Place:
    """A written place name, resolved to a point, with ACLED's ``geo_precision``."""

    written: str
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    kind: str  # city | country | admin1 | admin2 | region
    source: str  # geonames:<id> | pycountry:<code> | geonames-admin1:<cc>.<code> | regions:<name>

    def as_dict(self) -> dict:
        return asdict(self)


def _rank(entry: _Entry, countries: tuple[str, ...]) -> tuple:
    """Countries and regions first, then the document's countries in the order given, then size."""
    preference = next((len(countries) - i for i, cc in enumerate(countries)
                       if cc == entry.country or cc in entry.countries), 0)
    return (_KIND_TIER[entry.kind], preference, entry.weight)


def _best(indexes: Iterable[int], countries: tuple[str, ...], within: tuple[tuple[str, str | None], ...] = ()) -> _Entry | None:
    entries = [_gazetteer().entry(i) for i in indexes]
    if within:
        entries = _inside(entries, within)
    return max(entries, key=lambda e: _rank(e, countries)) if entries else None


def _inside(entries: list[_Entry], within: tuple[tuple[str, str | None], ...]) -> list[_Entry]:
    """The candidates inside the admin units the text writes ("Bristol, Tennessee"); failing that, inside
    their country; a namesake in another country never ("(Balcad, Middle Shabelle)" is in Somalia)."""
    in_admin = [e for e in entries if any(e.country == cc and admin and e.admin1 == admin for cc, admin in within)]
    return in_admin or [e for e in entries if any(e.country == cc for cc, _ in within)]


def _exact(key: str, countries: tuple[str, ...], within: tuple[tuple[str, str | None], ...] = ()) -> _Entry | None:
    gazetteer = _gazetteer()
    for candidate in (key, _cues().generic.sub("", key)):
        bare = _bare(candidate)
        found = gazetteer.exact(candidate) or gazetteer.exact(bare) or gazetteer.bare(bare)
        if found and candidate != key and _cues().area_word.search(key):  # "Aleppo Governorate"
            found = [i for i in found if gazetteer.entry(i).kind != "city"] or found
        if found and (best := _best(found, countries, within)) is not None:
            return best
    return None


def _fuzzy(key: str, countries: tuple[str, ...], within: tuple[tuple[str, str | None], ...] = ()) -> _Entry | None:
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    gazetteer = _gazetteer()
    pools = [gazetteer.pool(key[0]), *(gazetteer.country_pool(cc, key[0]) for cc in countries)]
    matches = [m for pool in pools
               for m in process.extract(key, pool, scorer=fuzz.ratio, limit=5,
                                        score_cutoff=FUZZY_THRESHOLD)]
    if not matches:
        return None
    top = max(score for _, score, _ in matches)
    return _best((i for name, score, _ in matches if score == top
                  for i in gazetteer.exact(name)), countries, within)


def _lookup(written: str, countries: tuple[str, ...], fuzzy: bool = True,
            within: tuple[tuple[str, str | None], ...] = ()) -> _Entry | None:
    key = normalise(written)
    if not key:
        return None
    return _exact(key, countries, within) or (_fuzzy(key, countries, within) if fuzzy else None)


def _place(written: str, entry: _Entry, geo_precision: int) -> Place:
    return Place(written, entry.name, entry.country, entry.admin1, entry.latitude,
                 entry.longitude, geo_precision, entry.kind, entry.source)


def _with_cue(head: str, countries: tuple[str, ...],
              within: tuple[tuple[str, str | None], ...] = ()) -> tuple[_Entry, int] | None:
    """A place named with a cue: "near Mosul" (2), "eastern Aleppo" (1), "northern Nineveh" (2).

    Exact names come before fuzzy ones, so that "near Mosul" is not a misspelling of a town.
    """
    for fuzzy in (False, True):
        entry = _lookup(head, countries, fuzzy, within)
        if entry is not None:
            return entry, entry.geo_precision
        for cue, town, area in ((_cues().near, 2, 3), (_cues().part, 1, 2)):
            rest = cue.sub("", head, count=1)
            if rest != head and (entry := _lookup(rest, countries, fuzzy, within)) is not None:
                return entry, 3 if entry.kind == "country" else town if entry.kind == "city" else area
    return None


def _parents(context: list[str], countries: tuple[str, ...]) -> list[_Entry]:
    """The written parents of a place, in the one country where most of them are found, broadest first,
    each looked up inside the ones after it: "(Balcad, Middle Shabelle)" finds Middle Shabelle, then the
    Balcad inside it, not Balad in Iraq; "(Bossaso, Bari)" is in Somalia, not in Italy's Bari."""
    parts = [p for p in reversed(context) if p.strip()]
    options = [e.country for e in (_lookup(p, countries) for p in parts) if e is not None and e.country]
    if not options:
        return []
    best = max(dict.fromkeys([*options, *countries]),
               key=lambda cc: (sum(_lookup(p, countries, within=((cc, None),)) is not None for p in parts),
                               cc in countries, -options.index(cc) if cc in options else -99))
    known: list[_Entry] = []
    for part in parts:
        within = tuple((e.country, e.admin1 if e.kind != "country" else None) for e in known) or ((best, None),)
        entry = _lookup(part, countries, within=within) or _lookup(part, countries, within=((best, None),))
        if entry is not None:
            known.append(entry)
    return known[::-1]


@lru_cache(maxsize=100_000)
def _geocode(written: str, countries: tuple[str, ...], near: bool) -> Place | None:
    head, context = written.strip(), []
    if (match := _PARENTHESES.match(head)) is not None:
        head, context = match["head"], match["context"].split(",")
    elif "," in head and _lookup(head, countries) is None:
        head, *context = head.split(",")
    known = _parents(context, countries)
    preferred = tuple(dict.fromkeys([*(e.country for e in known if e.country), *countries]))
    within = tuple((e.country, e.admin1 if e.kind != "country" else None) for e in known if e.country)
    found = _with_cue(head, preferred, within) if head.strip() else None
    if found is None and known:  # "Gulane village (Cadale, Middle Shabelle)": near Cadale
        entry = known[0]
        found = entry, 2 if entry.kind == "city" else entry.geo_precision
    if found is None:
        return None
    entry, precision = found
    if near and entry.kind == "city":
        precision = max(precision, 2)
    return _place(written, entry, precision)


def geocode(written: str, countries: Sequence[str] = (), near: bool = False) -> Place | None:
    """The place a written name refers to, preferring the document's ``countries``; None if unknown.

    ``near=True`` says the text puts the event near the place, which makes a town precision 2.
    """
    codes = tuple(dict.fromkeys(c.upper() for c in countries if c))
    return _geocode(written, codes, near)


def place_names() -> Iterable[tuple[str, str]]:
    """(written form, kind) of known places, for a spaCy PhraseMatcher or EntityRuler: countries,
    subdivisions, regions and aliases in full, cities of 15,000 people or more (which forms: the
    gazetteer's ``_matcher_forms``). Smaller places are still found by geocode()."""
    return _gazetteer().matcher_forms()
