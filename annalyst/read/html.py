"""Read a saved wiki page in HTML into a Document: Fandom's portable infobox or Wikipedia's
``table.infobox``, and the article's own prose without the site around it.

The page is rendered to plain text in the layout of a rendered scrape (the title, "Label value"
rows, then the prose), which the extractors read; the HTML is kept as read (``Document.markup``).
selectolax parses the HTML; the page's structure is read from the classes the two wikis document:

- Fandom (Help:Infoboxes, the portable infobox markup): ``aside.portable-infobox`` holds the title
  (``.pi-title``), images (``figure.pi-image`` with ``.pi-caption``) and rows
  (``.pi-data[data-source=PARAM]`` with ``.pi-data-label`` and ``.pi-data-value``), in groups
  (``section.pi-group``) and horizontal groups (``table.pi-horizontal-group``, whose label and value
  cells carry the same ``data-source``). A row is keyed on its parameter, as a wikitext infobox is.
- Wikipedia (Template:Infobox): ``table.infobox`` with ``th.infobox-above`` (the title),
  ``td.infobox-image`` and ``.infobox-caption``, and rows of ``th.infobox-label`` and
  ``td.infobox-data``, whose labels map through the label table; a label written "• President" is a
  sub-row under the row above it, as a scrape shows it (" -  President Masoud Barzani").

The prose is the article body (``.mw-parser-output``) up to its appendices, without navigation
boxes, edit links, hatnotes, tables of contents, styles and scripts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from annalyst.data import load_yaml
from annalyst.errors import InputError
from annalyst.model import Document, Evidence, InfoboxRow, Media, Source, Span, Structure
from annalyst.read import lines as L
from annalyst.read.labels import label_pattern
from annalyst.read.wikitext import row_label
from annalyst.read.writer import Writer

__all__ = ["parse_html", "looks_like_html"]

EXTRACTOR = "read.html"
_BLOCKS = frozenset("p div li ul ol dl dd dt tr table tbody thead section figure figcaption blockquote "
                    "h1 h2 h3 h4 h5 h6 aside caption center pre hr".split())
_SKIP_TAGS = frozenset("script style noscript template head nav footer link meta button input select".split())
# classes that are the site around the article, not the article (Wikipedia's and Fandom's skins)
_SKIP_CLASSES = frozenset(
    "mw-editsection navbox navbox-styles vertical-navbox sidebar toc mw-references-wrap reflist references "
    "hatnote shortdescription mw-empty-elt noprint metadata ambox portable-infobox infobox thumb "
    "mw-jump-link catlinks printfooter mw-cite-backlink sistersitebox authority-control "
    "page-footer global-footer global-navigation".split())
_SPACE = re.compile(r"[ \t\r\n\f]+")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page."""
    head = text.lstrip()[:2000].casefold()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


@lru_cache(maxsize=None)
def _closing() -> frozenset[str]:
    return frozenset(load_yaml("wikitext.yaml")["closing_sections"])


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())


class _Text:
    """Shows a node's text as a browser lays it out: blocks on their own lines, spaces collapsed."""

    def __init__(self, w: Writer, stop_at_appendix: bool = False):
        self.w = w
        self.stop_at_appendix = stop_at_appendix
        self.stopped = False

    def show(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if self.stopped:
                return
            tag = child.tag
            if tag == "-text":
                self._words(child.text_content or "")
            elif tag == "br":
                self.w.newline()
            elif tag in _SKIP_TAGS or tag.startswith("-") or _classes(child) & _SKIP_CLASSES:
                continue
            elif tag in ("h2", "h3") and self.stop_at_appendix and _name(child.text()) in _closing():
                self.stopped = True
            elif tag in _BLOCKS:
                self.w.newline()
                self.show(child)
                self.w.newline()
            else:
                if tag in ("td", "th") and self.w.parts and not self.w.parts[-1].endswith((" ", "\n")):
                    self.w.write(" ")
                self.show(child)

    def _words(self, raw: str) -> None:
        text = _SPACE.sub(" ", raw)
        at_line_start = not self.w.parts or self.w.parts[-1].endswith("\n")
        if at_line_start or self.w.parts[-1].endswith(" "):
            text = text.lstrip(" ")
        if text:
            self.w.write(text)


def _name(written: str) -> str:
    return " ".join(written.replace("[edit]", "").split()).casefold()


def _shown(node: LexborNode, w: Writer) -> Span:
    """Write a node's text; its span, without the white space around it."""
    start = w.pos
    _Text(w).show(node)
    return w.stripped_since(start)


def parse_html(markup: str, default_id: str) -> Document:
    """A saved page's HTML as a Document: its address from its canonical link, its licence from
    the licence line its wiki prints, its infobox and its prose."""
    tree = LexborHTMLParser(markup)
    body = tree.body
    if body is None or not (body.text() or "").strip():
        raise InputError(default_id, "HTML page with no text")
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") or "") if canonical else ""
    source_id = url if url.startswith("http") else default_id
    w = Writer()
    title_text = _title(tree) or default_id
    title = w.write(title_text)
    w.newline()
    native, rows, media = None, (), ()
    box = tree.css_first("aside.portable-infobox") or tree.css_first("table.infobox")
    if box is not None:
        reader = _fandom_rows if box.tag == "aside" else _wikipedia_rows
        native, rows, media = reader(box, w)
    w.newline()
    w.write("\n")
    body_start = w.pos
    content = tree.css_first(".mw-parser-output") or tree.css_first("#mw-content-text") or body
    _Text(w, stop_at_appendix=True).show(content)
    w.newline()
    text_so_far = w.text()
    paragraphs = tuple(ln.span for ln in L.split_lines(text_so_far, body_start) if L.is_prose(text_so_far, ln))
    licence_span, licence = _licence(tree, w)
    text = w.text()
    source = Source(id=source_id, title=L.without_disambiguation(title_text),
                    url=url if url.startswith("http") else None, licence=licence,
                    licence_evidence=Evidence(source_id, licence_span.start, licence_span.end,
                                              text[licence_span.start:licence_span.end], EXTRACTOR)
                    if licence_span else None)
    structure = Structure(title=title, native_name=native, infobox=rows, media=media, paragraphs=paragraphs,
                          citations=tuple(L.citations(text, body_start)), body_start=body_start,
                          footer=licence_span)
    return Document(source=source, text=text, structure=structure, markup=markup)


def _title(tree: LexborHTMLParser) -> str | None:
    for selector in ("h1#firstHeading", "h1.page-header__title", "h1"):
        node = tree.css_first(selector)
        if node is not None and node.text(strip=True):
            return " ".join(node.text().split())
    node = tree.css_first("title")
    if node is not None and node.text(strip=True):
        return re.split(r" [-|–] ", " ".join(node.text().split()))[0]
    return None


def _licence(tree: LexborHTMLParser, w: Writer) -> tuple[Span | None, str | None]:
    """The licence line the wiki prints below the article, written after the prose as a scrape keeps it."""
    cues = [c.casefold() for c in load_yaml("licences.yaml")["footer_cues"]]
    # the wikis' footer elements only: a sentence of the article that mentions a licence is no licence line
    for selector in (".license-description", "#footer-info-copyright", "#footer-info", ".page-footer", "#footer",
                     "footer"):
        for node in tree.css(selector):
            line = " ".join(node.text().split())
            if any(c in line.casefold() for c in cues) and (name := L.licence_name(line)):
                w.newline()
                w.write("\n")
                return w.write(line), name
    return None, None


# ---------------------------------------------------------------------- Fandom

def _fandom_rows(box: LexborNode, w: Writer):
    rows: list[InfoboxRow] = []
    media: list[Media] = []
    native = None
    for node in box.css(".pi-data, figure.pi-image, table.pi-horizontal-group"):
        classes = _classes(node)
        if node.tag == "figure":
            media.append(_media(node, node.css_first("figcaption"), w))
        elif node.tag == "table":
            labels = {c.attributes.get("data-source"): c for c in node.css("th.pi-data-label")}
            for cell in node.css("td.pi-data-value"):
                param = cell.attributes.get("data-source") or ""
                shown = labels.get(param)
                rows.append(_row(w, row_label(param, shown.text() if shown else None), cell))
        elif "pi-data" in classes:
            param = node.attributes.get("data-source") or ""
            value = node.css_first(".pi-data-value")
            if value is None:
                continue
            if param == "native_name":
                native = _shown(value, w)
                w.newline()
                continue
            shown = node.css_first(".pi-data-label")
            rows.append(_row(w, row_label(param, shown.text() if shown else None), value))
    return native, tuple(rows), tuple(media)


# ---------------------------------------------------------------------- Wikipedia

def _wikipedia_rows(box: LexborNode, w: Writer):
    rows: list[InfoboxRow] = []
    media: list[Media] = []
    native = None
    for tr in box.css("tr"):
        if tr.parent is not None and tr.parent.tag in ("tbody", "thead") and _outer_table(tr) != box:
            continue  # a row of a table inside a cell
        above = tr.css_first(".infobox-above")
        label = tr.css_first("th.infobox-label")
        data = tr.css_first("td.infobox-data")
        image = tr.css_first(".infobox-image")
        if above is not None:
            for node in above.css("[lang]"):
                if node.attributes.get("lang") not in ("en", None):
                    native = _shown(node, w)
                    w.newline()
                    break
        elif image is not None:
            img = image.css_first("img")
            if img is not None:
                media.append(_media(img, image.css_first(".infobox-caption"), w))
        elif label is not None and data is not None:
            written = " ".join(label.text().replace("\u00a0", " ").split())
            if written.startswith(("•", "-", "–")):  # a sub-row of the row above
                w.newline()
                w.write(" -  " + written.lstrip("•-– "))
                w.write(" ")
                _shown(data, w)
                w.newline()
            else:
                rows.append(_row(w, written, data))
        else:
            cell = tr.css_first(".infobox-subheader, .infobox-full-data")
            line = " ".join(cell.text().split()) if cell is not None else ""
            m = label_pattern().match(line)
            if m and m.end() < len(line):  # a subheader that is a row ("Participant in ...")
                rows.append(_row(w, m.group("label"), cell, skip=len(m.group(0))))
    return native, tuple(rows), tuple(media)


def _outer_table(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


# ---------------------------------------------------------------------- rows

def _row(w: Writer, label: str, value: LexborNode, skip: int = 0) -> InfoboxRow:
    """A "Label value" row; ``skip``: characters of the value's text that are its label (a subheader)."""
    if skip:
        return w.row(label, lambda: w.write(" ".join(value.text().split())[skip:]))
    return w.row(label, lambda: _Text(w).show(value))


def _media(node: LexborNode, caption: LexborNode | None, w: Writer) -> Media:
    img = node if node.tag == "img" else node.css_first("img")
    attrs = img.attributes if img is not None else {}
    name = attrs.get("data-image-name") or attrs.get("alt") or ""
    w.newline()
    file = w.write(name)
    w.newline()
    cap = _shown(caption, w) if caption is not None else None
    w.newline()
    caption_text = w.since(cap.start)[:cap.end - cap.start] if cap else None
    return Media(file=name, file_span=file, caption=caption_text, caption_span=cap)
