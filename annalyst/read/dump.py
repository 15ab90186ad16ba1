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
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

import mwxml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from mwxml.element_iterator import ElementIterator, EventPointer
from xml.etree.ElementTree import ParseError

from annalyst.data import load_yaml
from annalyst.errors import InputError
from annalyst.model import Document, Source
from annalyst.read.wikitext import parse_wikitext

__all__ = ["DumpPage", "Redirect", "Skipped", "is_dump", "read_dump", "page_document"]

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


def _open(path: Path):
    with path.open("rb") as f:
        head = f.read(3)
    kind = next((k for m, k in _MAGIC.items() if head.startswith(m)), None)
    if kind == "bz2":
        return bz2.open(path, "rb")
    if kind == "gzip":
        return gzip.open(path, "rb")
    return path.open("rb")


class _Counted(io.RawIOBase):
    """A stream that counts the bytes read through it (where a dump went wrong)."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        buffer[:len(data)] = data
        self.count += len(data)
        return len(data)


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
        with _open(path) as raw:
            counted = _Counted(raw)
            dump = _dump(io.BufferedReader(counted, 1 << 16))
            base = dump.site_info.base or ""
            licence = _licence(base)
            for page in dump:
                yield _item(page, base, licence)
    except (ParseError, mwxml.errors.MalformedXML) as exc:
        raise InputError(path, f"not a readable MediaWiki dump ({exc})", _at(counted)) from None
    except DefusedXmlException as exc:
        raise InputError(path, f"refused: the XML {type(exc).__name__} ({exc})", _at(counted)) from None
    except (EOFError, OSError, gzip.BadGzipFile) as exc:  # bz2 and gzip say "ended before the end-of-stream"
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
