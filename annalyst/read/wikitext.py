"""Read MediaWiki wikitext into a Document: the page as it would show, with the way back to its markup.

The extractors read what a reader of the page sees, so the wikitext is rendered to plain text
(``Document.text``) in the layout of a rendered scrape: the title, the infobox as "Label value"
rows (with Infobox country's establishment and leader pairs as " -  " sub-rows), then the prose.
The wikitext is kept as read (``Document.markup``), and every stretch of the text records the
stretch of markup it came from (``Document.origin``; :meth:`Document.markup_span` maps a span back).

wikitextparser gives the spans of templates, links and tags; how each template shows is data
(``annalyst/data/wikitext.yaml``, from the templates' documentation). Infobox parameters map to
fields through the same table as the plain-text reader's labels (``infobox_fields.yaml``), so
"originated_as", "previous" and "dates" mean what "Originated as", "Preceded by" and "Active" mean.
``<ref>`` notes become footnotes: a marker "[1]" in the text, as MediaWiki shows it, and the note's
text after the prose; a reused ``<ref name=x/>`` gets the first one's number.
"""
from __future__ import annotations

import bisect
import calendar
import html
import re
from functools import lru_cache

import wikitextparser as wtp

from annalyst.data import load_yaml
from annalyst.errors import InputError
from annalyst.model import Document, Evidence, Footnote, InfoboxRow, Media, Source, Span, Structure
from annalyst.read import lines as L
from annalyst.read.labels import field_of, field_spec
from annalyst.read.writer import Writer

__all__ = ["parse_wikitext", "parse_wikitext_file", "looks_like_wikitext"]

_HEADING = re.compile(r"^(=+)[ \t]*(.+?)[ \t]*\1[ \t]*$", re.M)
# removed from copied text: bold and italic quotes, line-start list markers, heading equals signs,
# magic words, and stray HTML tags; a line break tag becomes a new line
_NOISE = re.compile(r"'{2,}|^[*#:;]+[ \t]*|^=+[ \t]*|[ \t]*=+[ \t]*$|__[A-Z]+__|</?[a-zA-Z][^<>]*?/?>"
                    r"|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", re.M)
_BREAK = re.compile(r"<br\s*/?>|</br>", re.I)
_NUMBERED = re.compile(r"^(?:[a-z_]+?)(\d+)$")


@lru_cache(maxsize=None)
def _conventions() -> dict:
    data = load_yaml("wikitext.yaml")
    templates = data["templates"]
    kinds = {}
    for kind in ("first", "second", "lists_positional", "lists_bulleted", "dates", "quantities", "citations"):
        for name in templates[kind]:
            kinds[name] = kind
    return {"kinds": kinds, "symbols": templates["symbols"], "media": data["media"],
            "layout": set(data["layout"]), "layout_suffixes": tuple(data["layout_suffixes"]),
            "closing": set(data["closing_sections"]), "hidden": tuple(p + ":" for p in data["hidden_link_prefixes"]),
            "infobox": tuple(data["infobox_prefixes"])}


def _name(written: str) -> str:
    return " ".join(written.replace("_", " ").split()).casefold()


def _param(written: str) -> str:
    return "_".join(written.split()).casefold()


def looks_like_wikitext(text: str) -> bool:
    """Whether a text is wikitext: an infobox template, or links and headings in the markup's own form."""
    head = text[:20000]
    return bool(re.search(r"\{\{\s*[Ii]nfobox", head)) or (
        head.count("[[") >= 3 and bool(re.search(r"^==[^=\n]+==\s*$|'''", head, re.M)))


class _Renderer:
    """Renders stretches of one page's wikitext, in order, into one writer."""

    def __init__(self, markup: str):
        self.m = markup
        self.parsed = wtp.parse(markup)
        found = [(t.span, "template", t) for t in self.parsed.templates]
        found += [(f.span, "drop", f) for f in self.parsed.parser_functions]
        found += [(c.span, "drop", c) for c in self.parsed.comments]
        found += [(t.span, "table", t) for t in self.parsed.tables]
        found += [(w.span, "link", w) for w in self.parsed.wikilinks]
        found += [(x.span, "external", x) for x in self.parsed.external_links]
        found += [(t.span, "tag", t) for t in self.parsed.get_tags()]
        found.sort(key=lambda c: (c[0][0], -c[0][1]))
        self.constructs = found
        self.starts = [c[0][0] for c in found]
        self.notes: list[tuple[str | None, int, int]] = []  # (name, markup start, end) of each note
        self.note_number: dict[str, int] = {}
        self.markers: list[tuple[Span, int]] = []

    # ------------------------------------------------------------------ stretches

    def render(self, a: int, b: int, w: Writer) -> None:
        """Render markup[a:b]: its text copied, its constructs shown as MediaWiki shows them."""
        i = bisect.bisect_left(self.starts, a)
        pos = a
        while i < len(self.constructs) and self.starts[i] < b:
            (s, e), kind, obj = self.constructs[i]
            i += 1
            if s < pos or e > b:
                continue  # inside a construct already rendered, or reaching past the stretch
            self._copy(pos, s, w)
            getattr(self, "_" + kind)(obj, s, e, w)
            pos = e
        self._copy(pos, b, w)

    def _copy(self, a: int, b: int, w: Writer) -> None:
        pos = a
        for m in _NOISE.finditer(self.m, a, b):
            w.write(self.m[pos:m.start()], pos, m.start())
            token = m.group()
            if _BREAK.fullmatch(token):
                w.newline()
            elif token.startswith("&"):
                w.write(html.unescape(token), m.start(), m.end())
            pos = m.end()
        w.write(self.m[pos:b], pos, b)

    def stripped(self, a: int, b: int) -> tuple[int, int]:
        while a < b and self.m[a].isspace():
            a += 1
        while b > a and self.m[b - 1].isspace():
            b -= 1
        return a, b

    # ------------------------------------------------------------------ constructs

    def _drop(self, obj, s: int, e: int, w: Writer) -> None:
        return None

    _table = _drop

    def _link(self, link, s: int, e: int, w: Writer) -> None:
        start = w.pos
        self._link_text(s, e, w)
        w.envelope(start, s, e)

    def _link_text(self, s: int, e: int, w: Writer) -> None:
        inner_start, inner_end = s + 2, e - 2
        bar = self.m.find("|", inner_start, inner_end)
        target = self.m[inner_start:bar if bar >= 0 else inner_end].strip()
        if _name(target.lstrip(":")).startswith(_conventions()["hidden"]) and not target.startswith(":"):
            return
        if bar >= 0 and self.m[bar + 1:inner_end].strip():
            self.render(*self.stripped(bar + 1, inner_end), w)
        else:
            a, b = self.stripped(inner_start, bar if bar >= 0 else inner_end)
            hash_ = self.m.find("#", a, b)
            self._copy(a + (self.m[a] == ":"), hash_ if hash_ > a else b, w)

    def _external(self, link, s: int, e: int, w: Writer) -> None:
        if self.m[s] == "[":
            space = self.m.find(" ", s, e)
            if space >= 0:
                self.render(*self.stripped(space + 1, e - 1), w)
        else:
            self._copy(s, e, w)  # a bare address shows as written

    def _tag(self, tag, s: int, e: int, w: Writer) -> None:
        name = tag.name.casefold()
        open_end = self.m.find(">", s, e) + 1
        close = self.m.rfind("</", s, e)
        inner = (open_end, close) if close >= open_end else None
        if name == "br":
            w.newline()
        elif name == "ref":
            self._note(tag, s, e, inner, w)
        elif name == "nowiki" and inner:
            w.write(self.m[inner[0]:inner[1]], *inner)
        elif name in ("references", "gallery", "math", "syntaxhighlight", "source", "score", "timeline",
                      "imagemap", "templatestyles", "noinclude", "includeonly", "style", "script"):
            return
        elif inner:
            self.render(inner[0], inner[1], w)

    def _note(self, tag, s: int, e: int, inner, w: Writer) -> None:
        name = (tag.attrs.get("name") or "").strip() or None
        if name in self.note_number:
            number = self.note_number[name]
        else:
            if inner is None and name:
                return  # a reuse of a note defined nowhere on the page: MediaWiki shows an error
            self.notes.append((name, *(inner or (e, e))))
            number = len(self.notes)
            if name:
                self.note_number[name] = number
        self.markers.append((w.write(f"[{number}]", s, e), number))

    def _template(self, t, s: int, e: int, w: Writer) -> None:
        name = _name(t.name)
        rules = _conventions()
        if name in rules["symbols"]:
            w.write(rules["symbols"][name], s, e)
            return
        kind = rules["kinds"].get(name)
        if kind in ("first", "second"):
            arg = self.positional(t, 1 if kind == "first" else 2)
            if arg:
                start = w.pos
                self.render(*arg, w)
                w.envelope(start, s, e)
        elif kind == "lists_positional":
            self._items([a for a in self.positionals(t)], w)
        elif kind == "lists_bulleted":
            arg = self.positional(t, 1)
            if arg:
                self._items(self.bullets(*arg), w)
        elif kind == "dates":
            shown = _date_text([self.m[a:b] for a, b in self.positionals(t)[:3]])
            if shown:
                w.write(shown, s, e)
        elif kind == "quantities":
            values = [self.m[a:b] for a, b in self.positionals(t)]
            if values:
                ranged = len(values) >= 4 and values[1] in ("to", "-", "–", "and", "or", "by", "x")
                w.write(" ".join(values[:4] if ranged else values[:2]), s, e)
        elif kind == "citations":
            self._cite(t, w)
        # any other template shows nothing of the page's own text (hatnotes, navboxes, maintenance tags)

    def _cite(self, t, w: Writer) -> None:
        """A citation's title, its work and its date, each from its own parameter."""
        args = self.arguments(t)
        parts = []
        for names in (("title",), ("website", "work", "newspaper", "journal", "magazine", "publisher"),
                      ("date", "year")):
            given = [args[n] for n in names if n in args and args[n][0] < args[n][1]]
            parts += given[:1]
        for i, (a, b) in enumerate(parts):
            if i:
                w.write(". ")
            self.render(a, b, w)
        if parts:
            w.write(".")

    def _items(self, items: list[tuple[int, int]], w: Writer) -> None:
        for a, b in items:
            w.newline()
            self.render(a, b, w)
        w.newline()

    # ------------------------------------------------------------------ arguments

    def arguments(self, t) -> dict[str, tuple[int, int]]:
        """Each argument's name (positional ones by number) -> its value's stretch, stripped."""
        out: dict[str, tuple[int, int]] = {}
        number = 0
        for arg in t.arguments:
            a, b = arg.span
            if arg.positional:
                number += 1
                key, start = str(number), a + 1
            else:
                key, start = _param(arg.name), a + arg.string.index("=") + 1
            out[key] = self.stripped(start, b)
        return out

    def positional(self, t, n: int) -> tuple[int, int] | None:
        value = self.arguments(t).get(str(n))
        return value if value and value[0] < value[1] else None

    def positionals(self, t) -> list[tuple[int, int]]:
        args = self.arguments(t)
        return [args[k] for k in sorted((k for k in args if k.isdigit()), key=int) if args[k][0] < args[k][1]]

    def bullets(self, a: int, b: int) -> list[tuple[int, int]]:
        """The items of a bulleted value, each line's "*" dropped: the first item too, on the line of
        the parameter's "=" ({{plainlist|1= * A}})."""
        items = []
        for m in re.finditer(r"[^\n]+", self.m[a:b]):
            line_a, line_b = self.stripped(a + m.start(), a + m.end())
            while line_a < line_b and self.m[line_a] in "*#":
                line_a += 1
            line_a, line_b = self.stripped(line_a, line_b)
            if line_a < line_b:
                items.append((line_a, line_b))
        return items


def _date_text(parts: list[str]) -> str | None:
    """Template:Start date's (year, month, day) as the page shows it: "12 June 2014"."""
    try:
        numbers = [int(p.strip()) for p in parts if p.strip()]
    except ValueError:
        return None
    if not numbers:
        return None
    year, month, day = (numbers + [None, None])[:3]
    if month is None:
        return str(year)
    if not 1 <= month <= 12:
        return None
    return f"{day} {calendar.month_name[month]} {year}" if day else f"{calendar.month_name[month]} {year}"


# ---------------------------------------------------------------------- the page

def parse_wikitext(markup: str, source: Source, start: int = 0) -> Document:
    """A page's wikitext as a Document about ``source`` (its title is the page's title). The markup
    before ``start`` (a file's front matter) is copied as it is, ahead of the page."""
    if not markup[start:].strip():
        raise InputError(source.id, "empty page")
    r = _Renderer(markup)
    rules = _conventions()
    infobox = next((t for (s, e), kind, t in r.constructs
                    if kind == "template" and s >= start and _name(t.name).startswith(rules["infobox"])), None)
    w = Writer()
    w.write(markup[:start], 0, start)
    args = r.arguments(infobox) if infobox is not None else {}
    title = w.write(source.title)  # the page's title, as its file or dump names it: no stretch of the markup
    w.newline()
    native = None
    if "native_name" in args and args["native_name"][0] < args["native_name"][1]:
        native = _written(r, w, args["native_name"])
        w.newline()
    rows, media = _infobox_rows(r, w, args) if infobox is not None else ((), ())
    w.newline()
    w.write("\n")
    body_start = w.pos
    end = _prose_end(markup)
    a, b = (infobox.span if infobox is not None else (start, start))
    for lo, hi in ((start, min(a, end)), (b, end)) if b <= end else ((start, min(a, end)),):
        if lo < hi:
            r.render(lo, hi, w)
            w.newline()
    text_so_far = w.text()
    paragraphs = tuple(ln.span for ln in L.split_lines(text_so_far, body_start) if L.is_prose(text_so_far, ln))
    footnotes = _footnotes(r, w)
    text = w.text()
    structure = Structure(title=title, native_name=native, infobox=rows, media=media, paragraphs=paragraphs,
                          citations=tuple(f.marker for f in footnotes),
                          body_start=body_start, footnotes=footnotes)
    return Document(source=source, text=text, structure=structure, markup=markup, origin=tuple(w.origin))


def _written(r: _Renderer, w: Writer, stretch: tuple[int, int]) -> Span:
    start = w.pos
    r.render(*stretch, w)
    return w.stripped_since(start)


def _prose_end(markup: str) -> int:
    """Where the page's own prose ends: its first appendix heading ("References", "External links")."""
    closing = _conventions()["closing"]
    for m in _HEADING.finditer(markup):
        if _name(m.group(2)) in closing:
            return m.start()
    return len(markup)


def _footnotes(r: _Renderer, w: Writer) -> tuple[Footnote, ...]:
    """Each note's text after the prose, one line each, and a footnote for every marker."""
    if not r.notes:
        return ()
    w.newline()
    w.write("\n")
    texts = []
    for number, (name, a, b) in enumerate(r.notes, start=1):
        w.write(f"^{number} ")
        texts.append(_written(r, w, (a, b)))
        w.newline()
    names = {number: name for number, (name, _, _) in enumerate(r.notes, start=1)}
    return tuple(Footnote(marker, texts[number - 1], names[number]) for marker, number in r.markers)


def _infobox_rows(r: _Renderer, w: Writer, args: dict[str, tuple[int, int]]):
    """The infobox as a rendered page shows it: a "Label value" row per parameter with a value,
    images as media, and Infobox country's numbered pairs as sub-rows after the rows."""
    rules = _conventions()
    captions = {c for cs in rules["media"].values() for c in cs}
    rows: list[InfoboxRow] = []
    media: list[Media] = []
    pairs: dict[str, dict[str, dict[str, tuple[int, int]]]] = {"established": {}, "leader": {}}
    for key, stretch in args.items():
        if stretch[0] >= stretch[1] or key.isdigit() or key in ("name", "native_name", "conventional_long_name",
                                                                   "common_name") or key in captions:
            continue
        if key in rules["layout"] or key.endswith(rules["layout_suffixes"]):
            continue
        pair = re.fullmatch(r"(established|leader)_(event|date|title|name)(\d+)", key)
        if pair:
            pairs[pair.group(1)].setdefault(pair.group(3), {})[pair.group(2)] = stretch
            continue
        if key in rules["media"]:
            media.append(_media(r, w, stretch, [args[c] for c in rules["media"][key] if c in args]))
            continue
        rows.append(w.row(row_label(key), lambda: r.render(*stretch, w)))
    for kind, parts in (("leader", ("title", "name")), ("established", ("event", "date"))):
        for number in sorted(pairs[kind], key=int):
            found = pairs[kind][number]
            if all(p in found for p in parts):
                w.newline()
                w.write(" -  ")
                r.render(*found[parts[0]], w)
                w.write(" ")
                r.render(*found[parts[1]], w)
                w.newline()
    return tuple(rows), tuple(media)


def row_label(param: str, shown: str | None = None) -> str:
    """The label a row of parameter ``param`` shows: its field's own (the first of infobox_fields.yaml),
    else the label the page shows (``shown``), else the parameter's words."""
    known = field_of(param) if param else None
    if known and field_spec(known).get("labels"):
        return field_spec(known)["labels"][0]
    if shown and shown.strip():
        return " ".join(shown.replace("\u00a0", " ").split())
    words = param.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _media(r: _Renderer, w: Writer, stretch: tuple[int, int], captions: list[tuple[int, int]]) -> Media:
    w.newline()
    file = _written(r, w, stretch)
    caption = None
    w.newline()
    for c in captions:
        if c[0] < c[1]:
            caption = _written(r, w, c)
            w.newline()
            break
    shown = w.since(file.start)
    file_name = re.sub(r"^(?:File|Image):", "", shown[:file.end - file.start], flags=re.I)
    caption_text = shown[caption.start - file.start:caption.end - file.start] if caption else None
    return Media(file=file_name, file_span=file, caption=caption_text, caption_span=caption)


def parse_wikitext_file(text: str, default_id: str) -> Document:
    """A wikitext file as read: its front matter (as in ``../shared/corpus``: source, license) gives
    the source's address, title and licence; the markup's offsets stay those of the whole file."""
    from annalyst.read.page import front_matter, title_from_url
    meta, body_start, licence_span = front_matter(text)
    url = meta.get("source", "")
    source_id = url if url.startswith("http") else default_id
    licence = meta.get("license")
    source = Source(id=source_id, title=L.without_disambiguation(title_from_url(url) or default_id),
                    url=url if url.startswith("http") else None,
                    licence=L.licence_name(licence) if licence else None, retrieved=meta.get("retrieved-from"),
                    licence_evidence=Evidence(source_id, licence_span.start, licence_span.end,
                                              text[licence_span.start:licence_span.end], "read.wikitext")
                    if licence_span else None)
    return parse_wikitext(text, source, start=body_start)
