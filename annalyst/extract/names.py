"""Names from prose: the page's subject and the other names its lead sentence gives.

"The Islamic State of Iraq and the Levant (ISIL, ISIS, IS; also Da'esh) is ..." gives
four aliases; "(Spanish: Sendero Luminoso)" a native name in Spanish; "FARC–EP or
FARC" two aliases; ", officially the Communist Party of Peru" another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from annalyst.data import load_yaml
from annalyst.model import Document, Span
from annalyst.read import lines as L

EXTRACTOR = "extract.names"


@dataclass(frozen=True)
class Name:
    """A name of the subject found in prose, with the span its evidence quotes."""

    value: str
    kind: str  # alias | abbreviation | native_name | romanization | translation | expansion
    span: Span
    lang: str | None = None
    script: str | None = None


def subject_span(doc: Document, title: str) -> Span | None:
    """Where the lead paragraph names the page's subject, spaces ignored."""
    lead = doc.structure.paragraphs[0] if doc.structure.paragraphs else None
    if lead is None:
        return None
    head = Span(lead.start, min(lead.end, lead.start + len(title) + 40))
    return L.find_squeezed(doc.text, title, head)


def lead_names(doc: Document, title: str) -> list[Name]:
    """Aliases, abbreviations and native names that the lead sentence gives its subject."""
    text = doc.text
    at = subject_span(doc, title)
    if at is None:
        return []
    paragraphs = doc.structure.paragraphs
    # a scrape may break the lead sentence over two lines, inside its parenthesis
    lead_end = _sentence_end(text, at.end, paragraphs[min(1, len(paragraphs) - 1)].end)
    names: list[Name] = []
    pos = at.end
    while pos < lead_end:
        pos = _SKIP.match(text, pos).end()
        extension = _EXTENSION.match(text, pos, lead_end)
        if extension:  # "Revolutionary Armed Forces of Colombia – People's Army (..."
            pos = _SKIP.match(text, extension.end()).end()
        if pos < lead_end and text[pos] == "(":
            close = _matching_paren(text, pos, lead_end)
            names.extend(_parenthesis(text, Span(pos + 1, close)))
            pos = close + 1
            continue
        cue = _cue_at(text, pos)
        if cue is None:
            break
        pos, found = _cued_names(text, pos + len(cue), lead_end)
        names.extend(found)
    return names


_SKIP = re.compile(r"[\s,]*(?:\[[^\]]*\]\s*)*")
_EXTENSION = re.compile(r"\s*[–—-]\s*[A-Z][^(),]{0,40}?(?=\s*\()")
_DATE_LIKE = re.compile(r"^\d|\d\s*[–—-]\s*\d|\b(?:born|died)\b")


def _sentence_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"\s(?:is|was|are|were|refers to|has been|took place)\s").search(text, start, limit)
    return m.start() if m else limit


def _matching_paren(text: str, open_at: int, limit: int) -> int:
    depth = 0
    for i in range(open_at, limit):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return limit


@lru_cache(maxsize=None)
def _cues() -> list[str]:
    return sorted(load_yaml("lead_cues.yaml")["after_subject"], key=len, reverse=True)


def _cue_at(text: str, pos: int) -> str | None:
    """The lead cue ("also known as") that starts at ``pos``, if any."""
    for cue in _cues():
        end = pos + len(cue)
        if text[pos:end].lower() == cue and (end >= len(text) or not text[end].isalnum()):
            return cue
    return None


def _cued_names(text: str, start: int, limit: int) -> tuple[int, list[Name]]:
    """Names after "also known as": up to the next clause, split on commas and "or"."""
    m = re.compile(r"[^,;(]*(?:,\s*(?:the\s+)?[A-Z][^,;(]*)*").match(text, start, limit)
    end = m.end() if m else start
    found = []
    for part in _split(text, Span(start, end), r",|\s+or\s+|\s+and\s+"):
        name = _clean(text, part)
        if name and (name[0].isupper() or name[0].isdigit()) and not _DATE_LIKE.search(name.lstrip("0123456789 ")):
            found.append(Name(name, "alias", part))
    return end, found


_DEPTH = {"(": 1, "[": 1, ")": -1, "]": -1}


def _split(text: str, span: Span, sep: str) -> list[Span]:
    """Parts of a span split on ``sep`` outside brackets; a part keeps its "," or ";"
    (and the last one the closing parenthesis), so that evidence quotes "IS;" as written."""
    parts, depth, pos, i = [], 0, span.start, span.start
    pattern = re.compile(sep)
    while i < span.end:
        depth += _DEPTH.get(text[i], 0)
        m = pattern.match(text, i, span.end) if depth == 0 else None
        if m and m.end() > i:
            delim_end = i + 1 if text[i] in ",;" else i
            parts.append(Span(pos, delim_end))
            pos = i = m.end()
            continue
        i += 1
    parts.append(Span(pos, min(span.end + 1, len(text))))
    return [L.strip_span(text, p) for p in parts if text[p.start:p.end].strip(" ,;)")]


def _clean(text: str, span: Span) -> str:
    value = L.CITATION.sub("", text[span.start:span.end])
    value = re.sub(r"^\s*(?:the|The)\s+", "", value)
    return " ".join(value.replace("\u00a0", " ").split()).strip(" ,;()\"'“”")


def _parenthesis(text: str, inner: Span) -> list[Name]:
    """Names inside the parenthesis after the subject: "(ISIL, ISIS, IS; also Da'esh)"."""
    found: list[Name] = []
    skip = tuple(p.lower() for p in load_yaml("lead_cues.yaml")["skip_prefixes"])
    for part in _split(text, inner, r"[;,]|\s+or\s+"):
        raw = L.CITATION.sub("", text[part.start:part.end]).strip(" ,;)")
        raw = re.sub(r"\s*\(listen\)", "", raw)
        if not raw or raw.lower().startswith(skip) or "/" in raw or raw.startswith("["):
            continue
        kind, lang, value = _classify(raw)
        if value.startswith("[") or "pronunciation" in raw.split(":")[0].lower():
            continue
        previous = found[-1] if found else None
        if kind == "alias" and previous and previous.script and not L.script_info(value)[0]:
            kind, lang = "romanization", previous.lang  # "Arabic: فتح, Fatḥ"
        found.extend(_split_scripts(_name(value, kind, lang, part)))
    return [n for n in found if n is not None]


def _classify(raw: str) -> tuple[str, str | None, str]:
    """(kind, language, value) of one part of the parenthesis."""
    low = raw.lower()
    for prefix, kind in sorted(load_yaml("lead_cues.yaml")["alias_prefixes"].items(), key=lambda kv: -len(kv[0])):
        p = prefix.lower()
        if low.startswith(p + " ") or (p.endswith(":") and low.startswith(p)):
            return kind, None, raw[len(prefix):].strip(" :\u00a0")
    lang_name, sep, rest = raw.partition(":")
    if sep and _language(lang_name):
        return "native_name", _language(lang_name), rest.strip(" \u00a0")
    return "alias", None, raw


def _split_scripts(name: "Name | None") -> list["Name | None"]:
    """A native name followed by its romanization in one part becomes two names."""
    if name is None or not name.script:
        return [name]
    m = re.match(r"^([^A-Za-z]*[^\sA-Za-z])\s+([A-Za-z].*)$", name.value)
    if not m or L.script_info(m.group(2))[0]:
        return [name]
    return [Name(m.group(1), name.kind, name.span, name.lang, name.script),
            Name(m.group(2), "romanization", name.span, name.lang, None)]


def _name(value: str, kind: str, lang: str | None, span: Span) -> Name | None:
    value = " ".join(value.split()).strip("\"'“”‘’ ")
    if not value or _DATE_LIKE.search(value) or not any(c.isalpha() for c in value):
        return None
    if kind == "alias" and value[:1].islower():
        return None
    script, default_lang = L.script_info(value)
    if script and kind == "alias":
        kind = "native_name"
    return Name(value, kind, span, lang or (default_lang if kind == "native_name" else None), script)


@lru_cache(maxsize=512)
def _language(name: str) -> str | None:
    """ISO 639 code of a language named in English ("Spanish" -> "es", "Sorani Kurdish" -> "ku")."""
    words = name.strip().split()
    for candidate in (" ".join(words), words[-1] if words else ""):
        if not candidate or not candidate[0].isupper():
            continue
        lang = pycountry.languages.get(name=candidate)
        if lang is not None:
            return getattr(lang, "alpha_2", None) or lang.alpha_3
    return None
