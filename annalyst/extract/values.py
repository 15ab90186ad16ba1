"""Typed infobox values: lists, periods (EDTF), number ranges, qualifiers.

Every function takes a span of the document text and gives values with the span
each one came from, so that evidence can quote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf

from annalyst.data import load_yaml
from annalyst.model import Span
from annalyst.read.lines import CITATION, strip_span

_SEPARATORS = re.compile(r"[;•·\n]|,?\s[*#]+\s")  # "; ", bullets, "* a * b" wikitext lists
_QUALIFIER = re.compile(r"\s*\(([^()]*)\)\s*$")
_DASH = r"\s*(?:[-–—]|to|until)\s*"
_YEAR = r"(\d{3,4})(s)?"
_PERIOD = re.compile(
    rf"^(?:c\.\s*|circa\s+)?(?:(early|mid|late)[- ]?\s*)?{_YEAR}"
    rf"(?:{_DASH}(?:(early|mid|late)[- ]?\s*)?(?:{_YEAR}|(present|now|ongoing|today)))?$", re.I)
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|k)?"
_RANGE = re.compile(rf"^(~|c\.|circa|est\.?|approx\.?|about|around|over|at least|up to)?\s*{_NUMBER}"
                    rf"(\+)?(?:\s*(?:[-–—]|to)\s*{_NUMBER})?", re.I)
_SCALE = {"thousand": 1000, "k": 1000, "million": 1_000_000}


@dataclass(frozen=True)
class Item:
    """One value as written, the span it came from, and qualifiers split off it."""

    text: str
    span: Span
    qualifiers: tuple[str, ...] = ()


def items(text: str, spans: tuple[Span, ...], split: bool = True, commas: bool = False) -> list[Item]:
    """The values in the given spans: split on ";", bullets and line breaks when ``split``,
    and on commas outside parentheses too when ``commas`` (a list of names on one line:
    "Sheikh Ahmed Yassin, Abdel Aziz al-Rantissi, ... and Hassan Yousef")."""
    found: list[Item] = []
    for span in spans:
        pieces = _pieces(text, span) if split else [span]
        if commas:
            pieces = [p for piece in pieces for p in _comma_pieces(text, piece)]
        for piece in pieces:
            item = _item(text, piece)
            if item is not None:
                found.append(item)
    return found


def _pieces(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    for m in _SEPARATORS.finditer(text, span.start, span.end):
        out.append(Span(pos, m.start()))
        pos = m.end()
    out.append(Span(pos, span.end))
    return out


def _comma_pieces(text: str, span: Span) -> list[Span]:
    """A span split on commas (and a last ", and") outside parentheses."""
    out, pos, depth = [], span.start, 0
    for i in range(span.start, span.end):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(text[i], 0)
        if text[i] == "," and depth <= 0:
            out.append(Span(pos, i))
            pos = i + 1
    out.append(Span(pos, span.end))
    trimmed = []
    for piece in out:
        m = re.match(r"(?:\[[^\]]{1,20}\]|[\s;])*(?:and|or)\s+", text[piece.start:piece.end])
        trimmed.append(Span(piece.start + m.end(), piece.end) if m else piece)
    return trimmed


def _item(text: str, span: Span) -> Item | None:
    span = _without_trailing_citations(text, _lead_trimmed(text, strip_span(text, span)))
    if span.end <= span.start:
        return None
    raw = text[span.start:span.end]
    qualifiers: list[str] = []
    value = CITATION.sub("", raw)
    while (m := _QUALIFIER.search(value)) and _is_qualifier(m.group(1)) and m.start() > 0:
        qualifiers.insert(0, m.group(1).strip())
        value = value[:m.start()]
    value = " ".join(value.replace("\u00a0", " ").replace("()", "").split()).strip(" ,:'\"")
    value = _FLAG_ALT.sub("", value) or value
    return Item(value, span, tuple(qualifiers)) if any(c.isalnum() for c in value) else None


# citation markers, separators, and a rendered sub-row's dash (" -  President of Russia Vladimir Putin")
# a flag icon's alternative text glued to the name it stands beside ({{flagicon}}, {{flag}}):
# "Flag of Kurdistan.svgKurdistan", "Flag of Turkey.svg Turkey", "Flag of Syrian KurdistanRojava"
# -> "Kurdistan", "Turkey", "Rojava"; a value that is only a flag's name stays
_FLAG_ALT = re.compile(r"^Flag of (?:[^;]*?\.(?i:svg|png|gif|jpe?g)\s*(?=\S)|.*?(?<=[a-z])(?=[A-Z]))")
_LEADING_NOISE = re.compile(r"(?:" + CITATION.pattern + r"|[\s;,]|[-–](?=\s))+")


def _lead_trimmed(text: str, span: Span) -> Span:
    """Without leading citation markers, separators and sub-row dashes (",;[3] 'Isa al-Nashshar")."""
    start = span.start
    while True:
        m = _LEADING_NOISE.match(text, start, span.end)
        if not m or m.end() == start:
            return Span(start, span.end)
        start = m.end()


def _without_trailing_citations(text: str, span: Span) -> Span:
    end = span.end
    while True:
        m = re.search(CITATION.pattern + r"\s*$", text[span.start:end])
        if not m:
            return strip_span(text, Span(span.start, end))
        end = span.start + m.start()


@lru_cache(maxsize=None)
def _qualifier_words() -> re.Pattern:
    words = sorted(load_yaml("qualifiers.yaml")["words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _is_qualifier(inner: str) -> bool:
    """A parenthesis that qualifies a value ("alleged", "2006–2010"), not one that names it."""
    return bool(re.search(r"\d", inner) or _qualifier_words().search(inner))


def period(value: str) -> str | None:
    """An EDTF interval or date for a period as infoboxes write it.

    "1999-2018" -> "1999/2018"; "2002–present" -> "2002/.."; "Early 1920s–present" ->
    "192X/.."; "1987" -> "1987". None when the text is not such a period.
    """
    m = _PERIOD.match(value.strip())
    if not m:
        return None
    _, y1, dec1, _, y2, dec2, open_end = m.groups()
    start = _year(y1, dec1)
    if y2 is None and open_end is None:
        out = start
    else:
        out = f"{start}/{'..' if open_end else _year(y2, dec2)}"
    return out if all(_valid_edtf(end) for end in out.split("/")) else None


def _valid_edtf(end: str) -> bool:
    """Each end is checked alone: edtf 5 rejects "192X/.." although EDTF level 1 allows it."""
    if end == "..":
        return True
    try:
        parse_edtf(end)
    except Exception:  # the edtf library's parse errors share no base class worth naming
        return False
    return True


def _year(year: str, decade: str | None) -> str:
    year = year.zfill(4)
    return year[:3] + "X" if decade else year


def number_range(value: str) -> dict | None:
    """Both ends of a number or range: "52,600–257,900" -> {"low": 52600, "high": 257900}."""
    m = _RANGE.match(value.strip())
    if not m:
        return None
    hedge, n1, s1, plus, n2, s2 = m.groups()
    low = _number(n1, s1)
    high = _number(n2, s2) if n2 else (None if plus else low)
    if n2 and s2 and not s1:  # "2–3 million": the scale is written once, on the high end
        low = _number(n1, s2)
    out: dict = {"low": low, "high": high}
    if hedge:
        out["hedge"] = hedge.lower().rstrip(".")
    return out


def _number(digits: str, scale: str | None) -> int:
    n = float(digits.replace(",", ""))
    return int(round(n * _SCALE.get((scale or "").lower(), 1)))
