"""How places are written: the lookup key of a name, and the cue words around it.

The cue words ("near", "northern", "Governorate", "Ar ...") are data, in
``annalyst/data/places/cues.yaml``; their patterns are compiled once, on first use.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from annalyst.data import load_yaml

_APOSTROPHES = re.compile(r"['‘’ʻʼ`´ʿʾ′]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "ı": "i", "ħ": "h", "œ": "oe"})


class _Cues(NamedTuple):
    """The patterns compiled from cues.yaml."""

    near: re.Pattern  # "near ", "10 km north of " at the start of a name
    part: re.Pattern  # "northern ", "rural " at the start of a name
    generic: re.Pattern  # "city of " at the start, " governorate" at the end of a key
    area_word: re.Pattern  # a generic word that names an area
    admin_words: re.Pattern  # words GeoNames adds to admin1 names
    arabic_article: re.Pattern  # "al ", "ar " at the start of a key


def _either(forms: list[str]) -> str:
    """A non-capturing group matching any of ``forms``, tried in order; {n} is a number."""
    return "(?:" + "|".join(re.escape(f).replace(re.escape("{n}"), r"\d+") for f in forms) + ")"


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The cue patterns, from cues.yaml, compiled once."""
    table = load_yaml("places/cues.yaml")
    near, generic = table["near"], table["generic"]
    spaced = [f"{form} " for form in near["distances_before_direction"]]
    near_forms = (f"{_either(near['phrases'])}|{_either(spaced)}?{_either(near['directions'])} of"
                  f"|{_either(near['distances_before_from'])} from")
    return _Cues(
        near=re.compile(f"^(?:{near_forms}) ", re.IGNORECASE),
        part=re.compile(f"^{_either(table['part'])} ", re.IGNORECASE),
        generic=re.compile(f"^{_either(generic['before_name'])} of "
                           f"| {_either(generic['after_name'])}$"),
        area_word=re.compile(rf"\b{_either(table['area_words'])}\b"),
        admin_words=re.compile(rf"\b{_either(table['admin_words'])}\b"),
        arabic_article=re.compile(f"^{_either(table['arabic_articles'])} "),
    )


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
    return _cues().arabic_article.sub("", key)


def _latin(key: str) -> bool:
    return bool(key) and key.isascii()
