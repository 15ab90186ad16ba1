"""Line-level helpers for readers: spans of lines, prose tests, scripts, citations."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from annalyst.data import load_yaml
from annalyst.model import Span

CITATION = re.compile(
    r"\[(?:\d{1,3}|[a-z]{1,2}|[A-Z]|note \d+|nb \d+|citation needed|clarification needed"
    r"|better source needed|source\?|when\?|who\?|which\?|change \| change source)\]")
_WS = " \t\r\u00a0\u2009\u200b\ufeff"


@dataclass(frozen=True)
class Line:
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Every line from ``start`` on, as offsets without the line break."""
    found, pos = [], start
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        found.append(Line(pos, end - 1 if end > pos and text[end - 1] == "\r" else end))
        if nl < 0:
            break
        pos = nl + 1
    return found


def strip_span(text: str, span: Span) -> Span:
    """The span without surrounding white space (no-break spaces included)."""
    s, e = span.start, span.end
    while s < e and (text[s] in _WS or text[s] == "\n"):
        s += 1
    while e > s and (text[e - 1] in _WS or text[e - 1] == "\n"):
        e -= 1
    return Span(s, e)


def is_blank(text: str, ln: Line) -> bool:
    return not text[ln.start:ln.end].strip(_WS)


def words(content: str) -> int:
    return len(content.split())


def is_prose(text: str, ln: Line) -> bool:
    """A line that reads as a paragraph: enough words to be sentences."""
    return words(CITATION.sub("", text[ln.start:ln.end])) >= 12


def ends_like_sentence(content: str) -> bool:
    return bool(re.search(r"[.!?][\"'”’)\]]*\s*$", CITATION.sub("", content)))


def squeeze(s: str) -> str:
    """Letters and digits only, case-folded: for comparing titles however they are spaced."""
    return "".join(ch for ch in unicodedata.normalize("NFC", s).casefold() if ch.isalnum())


def find_squeezed(text: str, title: str | None, within: Span | None) -> Span | None:
    """Where ``title`` occurs in ``within`` if spaces were ignored ("ShiningPath")."""
    if not title or within is None:
        return None
    chars = [re.escape(c) for c in title if not c.isspace()]
    if not chars:
        return None
    m = re.compile(r"\s?".join(chars), re.I).search(text, within.start, within.end)
    return Span(m.start(), m.end()) if m else None


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The writing system of a letter as its Unicode name's first word ("ARABIC"), or None."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first == "CJK" else first or None


def foreign_script(content: str) -> str | None:
    """The non-Latin script most of the letters are written in, if any."""
    counts: dict[str, int] = {}
    for ch in content:
        sc = script_of(ch)
        if sc:
            counts[sc] = counts.get(sc, 0) + 1
    total = sum(counts.values())
    if not total:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if best != "LATIN" and counts[best] * 2 > total else None


def is_foreign_script(content: str) -> bool:
    return foreign_script(content) in load_yaml("scripts.yaml")["scripts"]


def script_info(content: str) -> tuple[str | None, str | None]:
    """(ISO 15924 script, default language) of a native-script name."""
    entry = load_yaml("scripts.yaml")["scripts"].get(foreign_script(content) or "")
    return (entry["script"], entry["lang"]) if entry else (None, None)


def citations(text: str, start: int = 0) -> list[Span]:
    return [Span(m.start(), m.end()) for m in CITATION.finditer(text, start)]


@lru_cache(maxsize=None)
def _licence_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p["pattern"], re.I), p["licence"]) for p in load_yaml("licences.yaml")["patterns"]]


def licence_name(content: str) -> str | None:
    """The short licence name a text states ("CC-BY-SA" -> "CC BY-SA"), or None."""
    for pattern, name in _licence_patterns():
        if pattern.search(content):
            return name
    return None


_TITLE_DECOR = re.compile(r"^\s*=+\s*(.*?)\s*=+\s*$|^(.*?)\s+[–—-]\s+Wikipedia\b.*$")


def title_text(content: str) -> str:
    """A title line without heading marks ("= T =") or a site suffix ("T – Wikipedia, ...")."""
    m = _TITLE_DECOR.match(content)
    return (m.group(1) if m.group(1) is not None else m.group(2)) if m else content.strip()


def title_span(text: str, span: Span) -> Span:
    """The span of the title inside its line, decorations left out."""
    content = text[span.start:span.end]
    inner = title_text(content)
    at = content.find(inner) if inner else -1
    return strip_span(text, Span(span.start + at, span.start + at + len(inner))) if at >= 0 else strip_span(text, span)


def without_disambiguation(title: str) -> str:
    """A title without its trailing parenthesis: "Erbil Conference (Scotland says "Yes")" -> "Erbil Conference"."""
    stripped = re.sub(r"\s*\([^()]*\)\s*$", "", title.strip())
    return stripped or title.strip()
