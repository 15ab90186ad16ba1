"""Read a plain-text scrape of a wiki page into a Document.

Three layouts are recognised, all as plain text:

- a bare scrape (the seed): title line, native-name line, infobox rows, prose,
  licence footer;
- a page behind a front-matter block (``---`` / ``source:`` / ``license:`` /
  ``retrieved-from:`` / ``---``), as in ``althistory/`` and ``realworld/``;
- a rendered Wikipedia article that starts with an id line and a title line
  (``28521,`` / ``ShiningPath,``), as in ``wikipedia/``.

The text is kept exactly as read; everything found is a span into it.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from annalyst.data import load_yaml
from annalyst.errors import InputError
from annalyst.model import Document, Evidence, InfoboxRow, Media, Source, Span, Structure
from annalyst.read import lines as L
from annalyst.read.labels import label_pattern, param_row, wrapped_label
from annalyst.read.pydict import dict_rows

EXTRACTOR = "read.page"

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_WIKI_HEADER = re.compile(r"\A(\d+),[ \t]*\r?\n([^\n]*?\S[^\n]*?),[ \t]*\r?\n")
_IMAGE = re.compile(r"[^\n]*?\.(?:svg|png|jpe?g|gif|tiff?|webp)\b", re.I)
_DUMP_ROW = re.compile(r"\s*[-*]\s+[A-Za-z][\w ]{0,40}:")  # "- Target: ..." of a dumped infobox
_COPULA = re.compile(r"\b(?:is|was|are|were|refers to|has been|had been)\b")


WIKITEXT_SUFFIXES = (".wikitext", ".wiki", ".mediawiki")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
STDIN = "-"  # a path that means standard input, as Unix tools take it


def read_page(path: str | Path) -> Document:
    """Read one page file: a plain-text scrape, wikitext or a saved HTML page (told by the file's
    suffix, else by its markup); raise InputError naming the file when it cannot be a page."""
    from annalyst.read.html import looks_like_html, parse_html
    from annalyst.read.wikitext import looks_like_wikitext, parse_wikitext_file
    path = Path(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    stem = "stdin" if str(path) == STDIN else path.stem
    if suffix in HTML_SUFFIXES or (suffix not in WIKITEXT_SUFFIXES and looks_like_html(text)):
        return parse_html(text, default_id=stem)
    if suffix in WIKITEXT_SUFFIXES or looks_like_wikitext(text):
        return parse_wikitext_file(text, default_id=stem)
    return parse_page(text, default_id=stem, fallback_title=stem)


def read_text(path: Path) -> str:
    """A file's text exactly as stored (no newline translation), or InputError naming it; ``-`` is
    standard input."""
    stdin = str(path) == STDIN
    try:
        raw = sys.stdin.buffer.read() if stdin else path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(raw, "<stdin>" if stdin else path)


def decode(raw: bytes, path: object) -> str:
    """UTF-8 text of a page file, or InputError for empty, binary or non-UTF-8 input."""
    if not raw.strip():
        raise InputError(path, "empty file")
    if b"\x00" in raw:
        raise InputError(path, f"binary file (NUL byte at byte offset {raw.index(0)})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (invalid byte at byte offset {exc.start})") from None


def parse_page(text: str, default_id: str, fallback_title: str | None = None) -> Document:
    """Parse page text (already decoded) into a Document with its structure.

    The source's id is the page's address when its front matter gives one, else ``default_id``.
    """
    if not text.strip():
        raise InputError(default_id, "empty page")
    meta, body_start, licence_span = front_matter(text)
    wiki = _WIKI_HEADER.match(text, body_start)
    title_hint = title_from_url(meta.get("source", ""))
    header: Span | None = None
    if wiki:
        body_start, title_hint = wiki.end(), L.without_disambiguation(wiki.group(2))
        header = Span(wiki.start(2), wiki.end(2))
    lines = L.split_lines(text, body_start)
    footer = _footer(text, lines)
    if footer is not None:
        lines = [ln for ln in lines if ln.start < footer.start]
    lines, dumped, data_lines = _dict_infobox(text, lines)
    lead = _lead_index(text, lines)
    title_idx, title = _locate_title(text, lines, title_hint, lead)
    zone = lines[(title_idx + 1 if title_idx is not None else 0):(lead if lead is not None else 0)]
    native, rows, media = _infobox(text, zone)
    if dumped:  # the dict holds the whole infobox; rows above the lead are fragments of it
        rows = dumped
    paragraphs = tuple(ln.span for ln in lines[lead:] if L.is_prose(text, ln) and not _is_data(text, ln)
                       ) if lead is not None else ()
    licence = meta.get("license") or (text[footer.start:footer.end] if footer else None)
    if licence is None and wiki:
        licence = load_yaml("licences.yaml")["layouts"]["wikipedia_rendered"]
    url = meta.get("source", "")
    source_id = url if url.startswith("http") else default_id
    lic_span = licence_span if meta.get("license") else footer
    if header is not None:  # the header writes the title; the page says where its spaces go
        shown = L.spaced_title(text[header.start:header.end], text,
                               ((paragraphs[0],) if paragraphs else ()) + (Span(body_start, len(text)),))
    elif title is not None and title_idx is None and title_hint:  # found in the lead: the hint keeps its case
        shown = title_hint
    else:
        shown = text[title.start:title.end].strip() if title else (title_hint or fallback_title or source_id)
    source = Source(
        id=source_id,
        title=shown,
        url=url if url.startswith("http") else None,
        licence=L.licence_name(licence) if licence else None,
        retrieved=meta.get("retrieved-from"),
        licence_evidence=Evidence(source_id, lic_span.start, lic_span.end, text[lic_span.start:lic_span.end],
                                  EXTRACTOR) if lic_span else None,
    )
    structure = Structure(title=title, native_name=native, infobox=rows, media=media,
                          paragraphs=paragraphs, citations=tuple(L.citations(text, body_start)),
                          footer=footer, body_start=body_start, header=header,
                          data_lines=data_lines + tuple(r.value_span for r in rows if r.form == "param"))
    return Document(source=source, text=text, structure=structure)


def _dict_infobox(text: str, lines: list[L.Line]) -> tuple[list[L.Line], tuple[InfoboxRow, ...], tuple[Span, ...]]:
    """Lines without the "Information box" marker and its dict line, the rows of that line,
    and the spans of both lines (infobox data, never prose)."""
    markers = {m.casefold() for m in load_yaml("infobox_fields.yaml")["dict_markers"]}
    kept: list[L.Line] = []
    rows: list[InfoboxRow] = []
    data: list[Span] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if text[ln.start:ln.end].strip().casefold() in markers:
            j = i + 1
            while j < len(lines) and L.is_blank(text, lines[j]):
                j += 1
            found = dict_rows(text, lines[j].span) if j < len(lines) else None
            if found is not None:
                rows.extend(found)
                data += [L.strip_span(text, ln.span), L.strip_span(text, lines[j].span)]
                i = j + 1
                continue
        kept.append(ln)
        i += 1
    return kept, tuple(rows), tuple(data)


def _is_data(text: str, ln: L.Line) -> bool:
    """A line that dumps infobox data ("- Param: value", a literal dict), not prose."""
    content = text[ln.start:ln.end]
    return bool(_DUMP_ROW.match(content)) or content.lstrip().startswith(("{'", '{"'))


def front_matter(text: str) -> tuple[dict[str, str], int, Span | None]:
    """The front-matter fields, where the body starts, and the span of the licence value."""
    m = _FRONT.match(text)
    if not m:
        return {}, 0, None
    meta: dict[str, str] = {}
    licence_span = None
    for line in re.finditer(r"^([A-Za-z-]+):[ \t]*(.*?)[ \t]*$", m.group(1), re.M):
        key = line.group(1).lower()
        meta[key] = line.group(2)
        if key in ("license", "licence"):
            meta["license"] = line.group(2)
            licence_span = Span(m.start(1) + line.start(2), m.start(1) + line.end(2))
    return meta, m.end(), licence_span


@lru_cache(maxsize=None)
def _notice() -> re.Pattern:
    """A line that opens with one of the site notices of data/notices.yaml."""
    patterns = "|".join(f"(?:{n['pattern']})" for n in load_yaml("notices.yaml")["notices"])
    return re.compile(rf"\s*(?:{patterns})", re.I)


def title_from_url(url: str) -> str | None:
    """The page title a wiki address spells ("Battle_of_Mosul_(2016%E2%80%932017)")."""
    if not url.startswith("http"):
        return None
    last = unquote(url.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ").strip()
    return last if re.search(r"[^\W\d_]", last) else None


def _footer(text: str, lines: list[L.Line]) -> Span | None:
    """The licence footer among the last lines, if the page kept one."""
    cues = [c.lower() for c in load_yaml("licences.yaml")["footer_cues"]]
    for ln in reversed(lines[-8:]):
        content = text[ln.start:ln.end]
        if any(c in content.lower() for c in cues) and L.licence_name(content):
            return L.strip_span(text, ln.span)
    return None


def _lead_index(text: str, lines: list[L.Line]) -> int | None:
    """Index of the lead paragraph: the first sentence-like line that is not an infobox row.

    Best is a line with a copula ("is", "was") that ends like a sentence; then one with
    a copula (excerpts cut lines short); then any line long enough to be prose. A wiki's
    notice above the infobox (data/notices.yaml: "This page is obsolete") is never the lead.
    """
    ranked: dict[int, int] = {}
    for i, ln in enumerate(lines):
        content = text[ln.start:ln.end]
        if label_pattern().match(content) or _DUMP_ROW.match(content) or not L.is_prose(text, ln) \
                or _notice().match(content):
            continue
        rank = 0 if _COPULA.search(content) and L.ends_like_sentence(content) else (
            1 if _COPULA.search(content) else 2)
        if rank == 0:
            return i
        ranked.setdefault(rank, i)
    return ranked.get(1, ranked.get(2))


def _locate_title(text: str, lines: list[L.Line], hint: str | None,
                  lead: int | None) -> tuple[int | None, Span | None]:
    """The title line (index and span), or where the lead names the page's subject.

    With a hint (from the source address or a Wikipedia header) the title is the line
    that spells it, with or without its disambiguation ("Erbil Conference" for
    "Erbil Conference (Scotland says "Yes")"); failing that, the hint as the lead
    sentence writes it. Without a hint, the first non-blank line is the title.
    """
    stop = lead if lead is not None else len(lines)
    if hint:
        wanted = {L.squeeze(hint), L.squeeze(L.without_disambiguation(hint))}
        for i, ln in enumerate(lines[:stop]):
            if L.squeeze(L.title_text(text[ln.start:ln.end])) in wanted:
                return i, L.title_span(text, ln.span)
        within = lines[lead].span if lead is not None else None
        return None, (L.find_squeezed(text, hint, within)
                      or L.find_squeezed(text, L.without_disambiguation(hint), within))
    for i, ln in enumerate(lines[:stop]):
        if not L.is_blank(text, ln):
            return i, L.title_span(text, ln.span)
    return None, None


def _infobox(text: str, zone: list[L.Line]) -> tuple[Span | None, tuple[InfoboxRow, ...], tuple[Media, ...]]:
    """Native name, rows and media found between the title and the lead."""
    native: Span | None = None
    rows: list[_OpenRow] = []
    media: list[Media] = []
    current: _OpenRow | None = None  # the row that continuation lines extend
    after_image = False
    for ln in zone:
        content = text[ln.start:ln.end]
        if L.is_blank(text, ln):
            after_image = False
            continue
        stripped = L.strip_span(text, ln.span)
        if native is None and not rows and L.is_foreign_script(content):
            native, current = stripped, None
        elif _IMAGE.fullmatch(content.strip()):
            media.extend(_media(text, stripped))
            after_image, current = True, None
        elif after_image and media[-1].caption is None and not label_pattern().match(content):
            media[-1] = replace(media[-1], caption=text[stripped.start:stripped.end], caption_span=stripped)
            after_image = False
        elif (row := _row(text, ln)) is not None:
            current, after_image = row, False
            rows.append(row)
        elif current is not None:
            current.values.append(stripped)
    return native, tuple(r.freeze() for r in rows), tuple(media)


@dataclass
class _OpenRow:
    """A row while the reader may still add continuation lines to it."""

    label: str
    label_span: Span
    values: list[Span]
    form: str = "rendered"

    def freeze(self) -> InfoboxRow:
        v = self.values
        value_span = Span(v[0].start, v[-1].end) if v else Span(self.label_span.end, self.label_span.end)
        return InfoboxRow(self.label, self.label_span, value_span, tuple(v), self.form)


def _row(text: str, ln: L.Line) -> _OpenRow | None:
    """A new infobox row starting on this line, if its label is a known one."""
    content = text[ln.start:ln.end]
    m = label_pattern().match(content)
    if m:
        value = L.strip_span(text, Span(ln.start + m.end(), ln.end))
        label_span = Span(ln.start + m.start("label"), ln.start + m.end("label"))
        return _OpenRow(text[label_span.start:label_span.end], label_span,
                        [value] if value.end > value.start else [])
    m = param_row(content)
    if m:
        label_span = Span(ln.start + m.start("label"), ln.start + m.end("label"))
        value = L.strip_span(text, Span(ln.start + m.end(), ln.end))
        return _OpenRow(m.group("label"), label_span, [value] if value.end > value.start else [], "param")
    full = wrapped_label(content.strip())
    if full:
        return _OpenRow(full, L.strip_span(text, ln.span), [])
    return None


def _media(text: str, span: Span) -> list[Media]:
    """One Media per image file name on the line (a line may hold several)."""
    found = []
    for m in re.finditer(r"\S.*?\.(?:svg|png|jpe?g|gif|tiff?|webp)\b", text[span.start:span.end], re.I):
        s = Span(span.start + m.start(), span.start + m.end())
        found.append(Media(file=text[s.start:s.end], file_span=s))
    return found


