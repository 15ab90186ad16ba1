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
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_LIKE = re.compile(rf"^\d|\d\s*[–—-]\s*\d|\b(?:born|died)\b|^{_MONTH}\s+\d{{1,2}}(?:,?\s*\d{{3,4}})?$")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# IPA (Help:IPA): in brackets or slashes; outside them, only its stress and length marks and
# its non-syllabic and tie diacritics, which no alphabet writes names with
_IPA = re.compile(r"\[[^\]]*\]?|/[^/\s][^/]*/")
_IPA_LETTERS = re.compile("[ˈˌːˑ\u032f\u0361]")
# a pronunciation respelling (Help:Pronunciation respelling key): "MAY-də-burk", "-⁠doh-"
_RESPELLING = re.compile(r"^-|-$|\u2060|^(?=.*\b[A-Z]{2,}\b)(?=.*\b[a-z]+\b)[A-Za-z]+(?:-[A-Za-z]+)+$")


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
        name = _clean(_cued(text, part) or "")
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


def _cued(text: str, span: Span) -> str:
    value = L.CITATION.sub("", text[span.start:span.end])
    value = re.sub(r"^\s*(?:the|The)\s+", "", value)
    return " ".join(value.replace("\u00a0", " ").split()).strip(" ,;()\"'“”")


def _parenthesis(text: str, inner: Span) -> list[Name]:
    """Names inside the parenthesis after the subject: "(ISIL, ISIS, IS; also Da'esh)"."""
    found: list[Name] = []
    skip = tuple(p.lower() for p in load_yaml("lead_cues.yaml")["skip_prefixes"])
    for part in _split(text, inner, r"[;,]|\s+or\s+"):
        raw = _BIDI.sub("", L.CITATION.sub("", text[part.start:part.end])).strip(" ,;)")
        raw = re.sub(r"\s*\(?listen\)?", "", raw)
        if not raw or raw.lower().startswith(skip) or raw.startswith(("[", "/")):
            continue
        kind, lang, value = _classify(raw)
        if kind is None:  # a pronunciation or a variety of English: no name
            continue
        previous = found[-1] if found else None
        if kind == "alias" and previous and previous.script and not L.script_info(value)[0]:
            kind, lang = "romanization", previous.lang  # "Arabic: فتح, Fatḥ"
        if kind == "romanization" and lang is None and previous is not None:
            lang = previous.lang
        found.extend(_split_scripts(_name(value, kind, lang, part)))
    return [n for n in found if n is not None]


_LABEL = re.compile(r"^([^\W\d][\w'’.–-]*(?: [\w'’.–-]+){0,3})\s*:\s*(.+)$")


def _classify(raw: str) -> tuple[str | None, str | None, str]:
    """(kind, language, value) of one part of the parenthesis; kind None when it is no name.

    "Spanish: Sendero Luminoso" is a native name in Spanish; "Sioux: Dakȟóta itókaga" one in
    Sioux (the label as written where ISO 639 has no code for it); "pinyin: Zhōngguó" a
    romanization; "UK: ..." and "Commonwealth English: ..." are pronunciations.
    """
    cues = load_yaml("lead_cues.yaml")
    low = raw.lower()
    for prefix, kind in sorted(cues["alias_prefixes"].items(), key=lambda kv: -len(kv[0])):
        p = prefix.lower()
        if low.startswith(p + " ") or (p.endswith(":") and low.startswith(p)):
            return kind, None, raw[len(prefix):].strip(" :\u00a0")
    m = _LABEL.match(raw)
    if m:
        label, rest = m.group(1).strip(), m.group(2).strip(" \u00a0")
        if label.casefold() in _folded("pronunciation_labels"):
            return None, None, rest
        if label.casefold() in _folded("romanization_labels"):
            return "romanization", None, rest
        if label[:1].isupper():
            return "native_name", _language(label) or label, rest
    return "alias", None, raw


@lru_cache(maxsize=None)
def _folded(key: str) -> frozenset[str]:
    """A word list of ``lead_cues.yaml``, case-folded, built once."""
    return frozenset(x.casefold() for x in load_yaml("lead_cues.yaml")[key])


_LOGOGRAPHIC = frozenset({"CJK", "HANGUL", "HIRAGANA", "KATAKANA", "YI"})


def too_short(value: str) -> bool:
    """One letter of an alphabet is a symbol ("σ", "X"), not a name; one character of a
    logographic script ("秦") may be a whole name."""
    letters = re.findall(r"[^\W\d_]", value)
    return not letters or (len(letters) < 2 and L.foreign_script(value) not in _LOGOGRAPHIC)


def _clean(value: str) -> str | None:
    """A name without IPA, "(listen)" or stray quotes; None when what is left is no name."""
    cues = load_yaml("lead_cues.yaml")
    value = _IPA.sub(" ", _BIDI.sub("", value))
    value = " ".join(value.split()).strip("\"'“”‘’ ,;:(")
    if too_short(value) or _IPA_LETTERS.search(value):
        return None
    if _RESPELLING.search(value) or re.match(cues["gloss_pattern"], value):
        return None
    gloss = re.match(r"^([A-Z][\w ]{1,30}?) for ", value)
    if gloss and _language(gloss.group(1)):  # "Latin for Mount Olympus"; not "Popular Front for ..."
        return None
    if value.casefold() in _folded("pronunciation_labels"):
        return None  # "Commonwealth English" names a variety of English, not the subject
    return value


def _split_scripts(name: "Name | None") -> list["Name | None"]:
    """A native name followed by its romanization in one part becomes two names, each with
    its script: "حركة المقاومة الإسلامية Ḥarakah al-Muqāwamah" -> Arabic + romanization."""
    if name is None:
        return [name]
    words = name.value.split(" ")
    if not (name.script or L.foreign_script(words[0])):
        return [name]
    cut = next((i for i, w in enumerate(words) if i and L.foreign_script(w) is None
                and any(L.script_of(c) == "LATIN" for c in w)), None)
    if cut is None:
        return [name]
    native, roman = " ".join(words[:cut]).strip(" –-"), " ".join(words[cut:]).strip(" –-")
    if not native or not roman or L.script_info(roman)[0]:
        return [name]
    script, default_lang = L.script_info(native)
    kind = "native_name" if name.kind == "alias" else name.kind
    return [Name(native, kind, name.span, name.lang or default_lang, script or name.script),
            Name(roman, "romanization", name.span, name.lang or default_lang, None)]


def _name(value: str, kind: str, lang: str | None, span: Span) -> Name | None:
    value = _clean(value) or ""
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
