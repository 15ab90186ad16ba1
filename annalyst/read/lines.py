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


def spaced_title(written: str, text: str, within: tuple[Span, ...]) -> str:
    """A title whose scrape squeezed its spaces out ("PoliticsofSyria"), with them restored.

    The spaces come from where the page itself writes the title as a whole word (the first
    of ``within`` that does, an "&" the scrape dropped included); failing that, from the
    page's own words, and then from word frequencies (wordninja: unigrams of English
    Wikipedia). The title's own letters and case are kept: "Politics of Syria", although
    the lead writes "the politics of Syria". A parenthesised disambiguation is restored on
    its own: "ETA(separatistgroup)" -> "ETA (separatist group)".
    """
    written = written.strip()
    m = re.match(r"^(.*?)\s*\(([^()]*)\)$", written)
    if m and m.group(1):
        return f"{spaced_title(m.group(1), text, within)} ({spaced_title(m.group(2), text, within)})"
    if " " in written or len(written) < 2:
        return written
    for span in within:
        found = _written_spaced(written, text, span)
        if found:
            return found
    return _segmented(written, text)


def _written_spaced(written: str, text: str, span: Span) -> str | None:
    """The title with the separators the page writes between its characters, if the page
    writes it as a whole word; the title's own characters (and case) are kept."""
    chars = [re.escape(c) for c in written]
    pattern = re.compile(r"(?<!\w)" + "".join(c + r"(\s?&\s?|\s)?" for c in chars[:-1]) + chars[-1] + r"(?!\w)", re.I)
    m = pattern.search(text, span.start, span.end)
    if not m:
        return None
    out = []
    for i, ch in enumerate(written):
        out.append(ch)
        sep = m.group(i + 1) if i < len(written) - 1 else None
        if sep:
            out.append(" & " if "&" in sep else " ")
    return "".join(out)


_ORDINAL = {"st", "nd", "rd", "th", "s"}


def _segmented(written: str, text: str) -> str:
    """Spaces between runs of letters and digits, from the page's words, else wordninja's.

    A digit run after letters stays glued ("M198", "ZX80"), and so does an ordinal or
    plural after digits ("5th", "1990s"); a comma takes a space after it ("London, Texas").
    """
    vocabulary = {w.casefold() for w in re.findall(r"[^\W_]+", text)}
    out = []
    for part in re.split(r"([^\W_]+)", written):
        if part and part[0].isalnum():
            vocabulary.discard(part.casefold())  # the squeezed title itself is no word
            words = _page_words(part, vocabulary) or _wordninja(part)
            out.append(_glued(words))
        else:
            out.append(part)
    joined = "".join(out)
    joined = re.sub(r",(?=[^\s\d])", ", ", joined)
    return re.sub(r"(?<=\w)&(?=\w)", " & ", joined)


def _page_words(run: str, vocabulary: set[str]) -> list[str] | None:
    """The run cut into the fewest words the page itself uses (digit runs count as words)."""
    n = len(run)
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n  # (words so far, where the last began)
    for end in range(1, n + 1):
        for begin in range(max(0, end - 30), end):
            piece = run[begin:end]
            if best[begin] is None or not (piece.isdigit() or (len(piece) > 1 and piece.casefold() in vocabulary)):
                continue
            count = best[begin][0] + 1
            if best[end] is None or count < best[end][0]:
                best[end] = (count, begin)
    if best[n] is None:
        return None
    words, end = [], n
    while end > 0:
        begin = best[end][1]
        words.insert(0, run[begin:end])
        end = begin
    return words


def _wordninja(run: str) -> list[str]:
    import wordninja
    words = wordninja.split(run)
    return words if "".join(words) == run else [run]  # it drops what it cannot place


def _glued(words: list[str]) -> str:
    out = ""
    for w in words:
        if out and ((out[-1].isalpha() and w[0].isdigit()) or (out[-1].isdigit() and w.casefold() in _ORDINAL)):
            out += w
        else:
            out += (" " if out else "") + w
    return out
