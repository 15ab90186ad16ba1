"""The actor gazetteer: written names of armed and conflict actors -> one canonical name.

Knowledge lives in ``annalyst/data/actors.yaml`` (hand entries, plus ACLED-style state
actors generated for every country: "Military Forces of Iraq", "Government of Iraq").
Lookups go exact, then folded (accents, apostrophes, case, "the"), then fuzzy over the
gazetteer's names, so that "Pershmerga" and "al-Queda" find their actor. Finding
actors and places in parsed text is :mod:`annalyst.extract.nlp`.

>>> canonical_actor("Pershmerga"), canonical_actor("al-Queda"), canonical_actor("Da'esh")
('Peshmerga', 'al-Qaeda', 'Islamic State')
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Iterable, Iterator

from annalyst.data import load_yaml

__all__ = ["canonical_actor",
           "actor_table", "fuzzy_actor", "FUZZY_CUTOFF"]

# Measured with fuzz.ratio on folded names over the cases in tests/extract/test_actors.py
# and the corpus pages: true misspellings score 87.5 ("al-Queda") to 97 ("Red Army
# Fraction"); the closest near misses that the guards in _other_name do not already
# reject score 85.7 ("Tamada"/"Tatmadaw") and 83.3 ("Continuity"/"Continuity IRA").
# Two-letter slips in short names ("Peshmargah" 84.2, "Daeesh" 83.3) are given up.
FUZZY_CUTOFF = 87.0
# Written names shorter than this are abbreviations or common words: exact only. Choices
# may be one shorter, so that "Hammas" finds "Hamas" while "Hama" never looks.
FUZZY_MIN_LENGTH = 6


@dataclass(frozen=True)
class Actor:
    """One gazetteer actor: its canonical name, ACLED category and countries."""

    name: str
    kind: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class ActorTable:
    """The gazetteer, indexed: exact written forms, folded names, fuzzy choices by first letter."""

    actors: dict[str, Actor]
    exact: dict[str, str]
    folded: dict[str, str]
    context_only: dict[str, tuple[str, ...]]
    fuzzy_choices: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    known_words: frozenset[str]  # folded demonyms and country names


def fold(name: str) -> str:
    """A name folded for comparison: no accents, one apostrophe and dash, lower case, no "the"."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = _QUOTES.sub("'", _DASHES.sub("-", name)).casefold()
    name = _SPACES.sub(" ", name).strip()
    return _THE.sub("", name)


_QUOTES = re.compile(r"[’‘ʼʻ`´]")
_DASHES = re.compile(r"[‐‑‒–—−]")
_SPACES = re.compile(r"\s+")
_THE = re.compile(r"^the\s+|'s$")


@lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    """The actor gazetteer from ``annalyst/data/actors.yaml``, indexed (cached)."""
    data = load_yaml("actors.yaml")
    actors: dict[str, Actor] = {}
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    context_only: dict[str, list[str]] = {}
    fuzzy: list[tuple[str, str]] = []
    for name, kind, countries, forms in _entries(data):
        actors.setdefault(name, Actor(name, kind, countries))
        for written, form in forms:
            if form == "context_only":
                context_only.setdefault(written, []).append(name)
                continue
            for variant in _case_variants(written):
                exact.setdefault(variant, name)
            if form == "abbr":
                continue
            key = fold(written)
            folded.setdefault(key, name)
            if form in ("name", "alias", "native") and len(key) >= FUZZY_MIN_LENGTH - 1:
                fuzzy.append((key, name))
    known = {fold(w) for c in data["countries"] for w in (c["name"], *c["demonyms"])}
    known |= {fold(p["demonym"]) for p in data["peoples"]}
    return ActorTable(actors, exact, folded, {k: tuple(v) for k, v in context_only.items()},
                      by_initial(fuzzy), frozenset(known))


def by_initial(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Fuzzy choices blocked by first letter: initial -> (sorted folded keys, their values)."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for key, value in pairs:
        groups.setdefault(key[0], set()).add((key, value))
    return {first: tuple(zip(*sorted(group))) for first, group in groups.items()}


def _entries(data: dict) -> Iterator[tuple[str, str, tuple[str, ...], list[tuple[str, str]]]]:
    """(canonical, kind, countries, [(written, form)]): hand entries first, then generated ones."""
    for entry in data["actors"]:
        forms = [(entry["name"], "name")]
        forms += [(a, "alias") for a in entry.get("aliases") or ()]
        forms += [(a, "abbr") for a in entry.get("abbr") or ()]
        forms += [(n, "native") for names in (entry.get("native") or {}).values() for n in names]
        forms += [(m, "misspelling") for m in entry.get("misspellings") or ()]
        forms += [(a, "context_only") for a in entry.get("context_only") or ()]
        yield entry["name"], entry["kind"], tuple(entry.get("countries") or ()), forms
    for country in data["countries"]:
        the_name = ("the " if country.get("the") else "") + country["name"]
        for template in data["templates"]:
            name = template["name"].format(name=country["name"], the_name=the_name)
            forms = [(name, "generated")]
            forms += [(w.format(name=country["name"], the_name=the_name, demonym=d), "generated")
                      for w in template["written"] for d in country["demonyms"]
                      if "{demonym}" in w] + [
                      (w.format(name=country["name"], the_name=the_name), "generated")
                      for w in template["written"] if "{demonym}" not in w]
            yield name, template["kind"], (country["code"],), forms
    for people in data["peoples"]:
        forms = [(w.format(demonym=people["demonym"]), "generated") for w in data["people_written"]]
        yield people["forces"], "identity militia", (), forms


def _case_variants(written: str) -> tuple[str, ...]:
    """The written form, and with a capital first letter when it starts lower case ("al-Qaeda")."""
    if written[:1].islower():
        return written, written[0].upper() + written[1:]
    return (written,)


@lru_cache(maxsize=1)
def conflict_places() -> tuple[tuple[str, str], ...]:
    """(written form, kind) of the conflict places listed in ``actors.yaml``."""
    out = []
    for place in load_yaml("actors.yaml").get("places") or ():
        out += [(written, place["kind"]) for written in (place["name"], *(place.get("aliases") or ()))]
    return tuple(out)


def canonical_actor(name: str) -> str | None:
    """The canonical actor a written name stands for (exact, alias, then fuzzy), or None.

    >>> canonical_actor("Da'esh"), canonical_actor("Iraqi security forces")
    ('Islamic State', 'Military Forces of Iraq')
    """
    table = actor_table()
    for variant in name_variants(name):
        if variant in table.exact:
            return table.exact[variant]
        if (key := fold(variant)) in table.folded:
            return table.folded[key]
    hit = fuzzy_actor(name)
    return hit[0] if hit else None


def name_variants(name: str) -> Iterator[str]:
    """The name, without a leading "the", and without a trailing qualifier: "Jundallah (Pakistan)"."""
    name = _SPACES.sub(" ", name).strip()
    if not name:
        return
    yield name
    bare = re.sub(r"^[Tt]he\s+", "", name)
    yield bare
    unqualified = re.sub(r"\s*\([^)]*\)$", "", bare)  # "Jundallah (Pakistan)"
    if unqualified and unqualified != bare:
        yield unqualified


def closest(key: str, buckets: dict, cutoff: float, rejects) -> tuple[int, float] | None:
    """(index, score) of the best fuzzy choice in ``key``'s first-letter bucket that
    ``rejects(key, choice)`` does not turn down; None below ``cutoff``."""
    if len(key) < FUZZY_MIN_LENGTH:
        return None
    names = buckets.get(key[0], ((), ()))[0]
    from rapidfuzz import fuzz, process  # imported where used: reading the store needs no fuzzy matching

    for choice, score, i in process.extract(key, names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3):
        if not rejects(key, choice):
            return i, score
    return None


@lru_cache(maxsize=4096)
def fuzzy_actor(written: str) -> tuple[str, float] | None:
    """(canonical actor, score) for a misspelt actor name, or None below :data:`FUZZY_CUTOFF`."""
    key = fold(written)
    table = actor_table()
    found = closest(key, table.fuzzy_choices, FUZZY_CUTOFF,
                    lambda k, choice: _other_name(k, choice, table.known_words))
    return (table.fuzzy_choices[key[0]][1][found[0]], found[1]) if found else None


def _other_name(written: str, choice: str, known_words: frozenset[str]) -> bool:
    """Whether ``written`` is another name rather than a misspelling of ``choice``.

    "Iranian Army" is not a misspelt "Indian Army": a word that differs is itself a
    correctly spelt demonym or country. "Ottoman" is not a misspelt "Ottomans": it is
    the adjective of a plural group name. "Chinese Farm" is not a misspelt "Chinese Army":
    each word that differs must itself be close (75 or less is another word, as
    "farm"/"army"; "haran"/"haram" is 80), and numbers must agree.
    """
    if choice == written + "s" or _DIGITS.findall(written) != _DIGITS.findall(choice):
        return True
    ours, theirs = written.split(), choice.split()
    if len(ours) != len(theirs):
        return False
    from rapidfuzz import fuzz

    return any(a != b and (a in known_words or fuzz.ratio(a, b) <= 75) for a, b in zip(ours, theirs))


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def demonym_places() -> dict[str, str]:
    """Demonym -> the place it names: every country's (actors.yaml) and those of places that are not
    countries (annalyst/data/places/demonyms.tsv): "Syrian" -> "Syria", "Scottish" -> "Scotland"."""
    found = {d: c["name"] for c in load_yaml("actors.yaml")["countries"] for d in c["demonyms"]}
    text = files("annalyst.data").joinpath("places", "demonyms.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader([ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")],
                          delimiter="\t", quoting=csv.QUOTE_NONE)
    found.update({r["demonym"]: r["place"] for r in rows})
    return found


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Demonyms the gazetteer knows, as written: "Iraqi", "U.S.", "Kurdish"."""
    data = load_yaml("actors.yaml")
    return frozenset([d for c in data["countries"] for d in c["demonyms"]] + [p["demonym"] for p in data["peoples"]])

