"""Stream a MediaWiki XML dump (.xml, .xml.bz2, .xml.gz) page by page, never the whole file.

mwxml walks the dump's pages and revisions; we hand it the XML events of defusedxml's parser
instead of the standard library's (which mwxml uses on its own), so that a dump that defines
entities is refused rather than expanded. For each page of the article namespace (0) the latest
revision is kept, with the page id, revision id and timestamp on its Source; a redirect is no page
but another name of its target (:class:`Redirect`); any other page is skipped with its reason.
The wikitext itself is rendered later (:func:`annalyst.read.wikitext.parse_wikitext`), where the
page is extracted: in a worker process, or on a Spark executor.
"""
from __future__ import annotations

import bz2
import io
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote, urlsplit

import mwxml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from mwxml.element_iterator import ElementIterator, EventPointer
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

from annalyst.data import load_yaml
from annalyst.errors import InputError
from annalyst.model import Document, Source
from annalyst.read.wikitext import parse_wikitext

__all__ = ["DumpPage", "Redirect", "Skipped", "is_dump", "read_dump", "page_document", "page_url", "write_dump"]

_MAGIC = {b"BZh": "bz2", b"\x1f\x8b": "gzip"}


@dataclass(frozen=True)
class DumpPage:
    """One article of a dump, its latest revision's wikitext not yet rendered."""

    source: Source
    markup: str


@dataclass(frozen=True)
class Redirect:
    """A redirect page: another title of the page it points to (Wikipedia:Redirect)."""

    title: str
    target: str
    source_id: str
    page_id: int | None


@dataclass(frozen=True)
class Skipped:
    """A page that is no article, with the reason."""

    title: str
    reason: str


def page_document(page: DumpPage) -> Document:
    """The page rendered: a Document like any reader's."""
    return parse_wikitext(page.markup, page.source)


def is_dump(path: Path) -> bool:
    """A MediaWiki dump, by its compression or its root element."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if any(head.startswith(m) for m in _MAGIC):
        return True
    return b"<mediawiki" in head


def _open(path: Path) -> "_Decompressed":
    """The dump's XML as a stream of bytes, decompressed and counted (see :class:`_Decompressed`)."""
    raw = path.open("rb")
    head = raw.read(3)
    raw.seek(0)
    return _Decompressed(raw, next((k for m, k in _MAGIC.items() if head.startswith(m)), None))


class _Decompressed(io.RawIOBase):
    """A dump's bytes, decompressed from bz2 or gzip (several streams or members one after another,
    as parallel compressors write them), counting what it gives (where a dump went wrong).

    The bz2 and gzip modules' own readers raise at a truncated end and lose what that read had
    decoded; this one gives every byte before the cut, then raises EOFError."""

    _CHUNK = 1 << 16

    def __init__(self, raw, kind: str | None):
        self.raw, self.kind, self.count = raw, kind, 0
        self.pending = b""
        self.decompressor = self._fresh()

    def _fresh(self):
        if self.kind == "bz2":
            return bz2.BZ2Decompressor()
        return zlib.decompressobj(zlib.MAX_WBITS | 16) if self.kind == "gzip" else None

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()

    def readinto(self, buffer) -> int:
        data = self._read(len(buffer))
        buffer[:len(data)] = data
        self.count += len(data)
        return len(data)

    def _read(self, want: int) -> bytes:
        if self.decompressor is None:
            return self.raw.read(want)
        while True:
            d = self.decompressor
            if d.eof:  # one stream ended: another may follow
                rest = d.unused_data or self.raw.read(self._CHUNK)
                if not rest:
                    return b""
                self.decompressor, self.pending = self._fresh(), rest
                continue
            if self.kind == "bz2" and not d.needs_input:
                chunk = b""  # output is waiting from the input already given
            else:
                chunk = self.pending or self.raw.read(self._CHUNK)
                self.pending = b""
                if not chunk:
                    raise EOFError(f"the {self.kind} stream ended before its end-of-stream marker")
            data = d.decompress(chunk, want)
            if self.kind == "gzip":
                self.pending = d.unconsumed_tail
            if data:
                return data


def _dump(stream) -> mwxml.Dump:
    # mwxml's own Dump.from_file, but over defusedxml's iterparse (entities forbidden)
    pointer = EventPointer(iterparse(stream, events=("start", "end"), forbid_dtd=False, forbid_entities=True,
                                     forbid_external=True))
    _, root = next(pointer)
    return mwxml.Dump.from_element(ElementIterator(root, pointer))


def read_dump(path: str | Path) -> Iterator[DumpPage | Redirect | Skipped]:
    """Each page of a dump in order: an article to extract, a redirect, or a page skipped.

    A dump that cannot be read on (truncated, malformed, defining entities) raises InputError naming
    the file and the uncompressed byte where it stopped, after the pages before it."""
    path = Path(path)
    counted = None
    try:
        with _open(path) as counted:
            dump = _dump(counted)  # unbuffered: a buffer would lose the bytes read before a truncated end
            base = dump.site_info.base or ""
            licence = _licence(base)
            for page in dump:
                yield _item(page, base, licence)
    except (ParseError, mwxml.errors.MalformedXML) as exc:
        raise InputError(path, f"not a readable MediaWiki dump ({exc})", _at(counted)) from None
    except DefusedXmlException as exc:
        raise InputError(path, f"refused: the XML {type(exc).__name__} ({exc})", _at(counted)) from None
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(path, f"truncated or corrupt compressed dump ({exc})", _at(counted)) from None


def _at(counted) -> str | None:
    return f"byte {counted.count} (uncompressed)" if counted is not None else None


def _item(page, base: str, licence: str | None) -> DumpPage | Redirect | Skipped:
    title = page.title or ""
    latest = None
    for revision in page:  # keep only the newest revision's text
        if latest is None or (str(revision.timestamp or ""), revision.id or 0) >= (
                str(latest.timestamp or ""), latest.id or 0):
            latest = revision
    url = page_url(base, title)
    if page.namespace != 0:
        return Skipped(title, f"namespace {page.namespace}")
    if page.redirect:
        return Redirect(title, page.redirect, url, page.id)
    if latest is None or not (latest.text or "").strip():
        return Skipped(title, "no text")
    model = getattr(latest, "model", None)
    if model not in (None, "wikitext"):
        return Skipped(title, f"content model {model}")
    source = Source(id=url, title=title, url=url if url.startswith("http") else None, licence=licence,
                    page_id=page.id, revision_id=latest.id,
                    timestamp=str(latest.timestamp) if latest.timestamp else None)
    return DumpPage(source, latest.text)


def page_url(base: str, title: str) -> str:
    """A page's address as its wiki writes it: the base's path with the title, spaces as underscores."""
    if not base.startswith("http"):
        return title
    root = base.rsplit("/", 1)[0]
    return f"{root}/{quote(title.replace(' ', '_'), safe='/:(),!*;@$')}"


def _licence(base: str) -> str | None:
    host = urlsplit(base).hostname or ""
    for suffix, licence in _dump_hosts().items():
        if host == suffix or host.endswith("." + suffix):
            return licence
    return None


@lru_cache(maxsize=1)
def _dump_hosts() -> dict[str, str]:
    return load_yaml("licences.yaml")["dump_hosts"]


def write_dump(pages: Iterable[tuple], out, base: str = "https://example.org/wiki/Main_Page",
               sitename: str = "annalyst test wiki") -> None:
    """Write (title, wikitext) or (title, wikitext, revision id) pages as a MediaWiki XML export
    (schema 0.11) to a binary stream: the form of dump that benchmarks and tests build from corpus
    pages. Page ids count from 1, and so do revision ids where none is given."""
    out.write(('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n'
               f"  <siteinfo>\n    <sitename>{escape(sitename)}</sitename>\n    <base>{escape(base)}</base>\n"
               '    <namespaces>\n      <namespace key="0" case="first-letter" />\n    </namespaces>\n'
               "  </siteinfo>\n").encode())
    for number, (title, text, *revision) in enumerate(pages, start=1):
        out.write((f"  <page>\n    <title>{escape(title)}</title>\n    <ns>0</ns>\n    <id>{number}</id>\n"
                   f"    <revision>\n      <id>{revision[0] if revision else number}</id>\n      <timestamp>2026-01-01T00:00:00Z</timestamp>\n"
                   f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                   f'      <text xml:space="preserve">{escape(text)}</text>\n    </revision>\n  </page>\n').encode())
    out.write(b"</mediawiki>\n")
