"""The main job: pages in, cited profiles (and events) stored. Each page is read,
extracted and saved on its own, so one bad page never stops the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from annalyst.errors import AnnalystError, InputError
from annalyst.extract.profile import extract_profile
from annalyst.read.page import read_page
from annalyst.store.db import Store


@dataclass
class IngestReport:
    """What happened to each page: stored (added / replaced / unchanged) or an error line."""

    stored: list[tuple[Path, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def page_files(paths: Iterable[str | Path], report: IngestReport) -> list[Path]:
    """The files named, with folders read recursively; missing paths become errors."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not found:
                report.errors.append(str(InputError(path, "folder has no readable pages")))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            report.errors.append(str(InputError(path, "no such file or folder")))
    return files


def ingest(paths: Iterable[str | Path], store: Store,
           on_total: Callable[[int], None] = lambda total: None,
           advance: Callable[[Path], None] = lambda path: None) -> IngestReport:
    """Read, extract and store every page under ``paths``; errors are collected, not raised."""
    paths = list(paths)
    report = IngestReport()
    files = page_files(paths, report)
    on_total(len(files))
    for path in files:
        try:
            report.stored.append((path, ingest_file(path, store)))
        except AnnalystError as exc:
            report.errors.append(str(exc))
        advance(path)
    _folders_without_pages(paths, report)
    return report


def ingest_file(path: Path, store: Store) -> str:
    """One page: read, extract, save in one transaction. Returns the store's verdict."""
    doc = read_page(path)
    return store.save(doc, extract_profile(doc))


def _folders_without_pages(paths: list[str | Path], report: IngestReport) -> None:
    """A folder whose files all failed is an error of its own (an empty one already is)."""
    stored_under = [p for p, _ in report.stored]
    for raw in paths:
        folder = Path(raw)
        if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")) \
                and not any(folder in p.parents for p in stored_under):
            report.errors.append(str(InputError(folder, "folder has no readable pages")))
