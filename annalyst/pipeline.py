"""The main job: pages in, cited profiles (and events) stored. Each page is read,
extracted and saved on its own, so one bad page never stops the others."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annalyst.errors import AnnalystError, InputError, PageError
from annalyst.extract.events import Event, Report, extract_events, extract_many, territory_control, text_report
from annalyst.extract.profile import Extraction, extract_profile, page_context
from annalyst.model import Document
from annalyst.read.page import read_page, read_text
from annalyst.resolve.entities import resolve_page
from annalyst.resolve.contradictions import record as record_contradictions
from annalyst.resolve.world import resolve_world
from annalyst.store.db import Store


@dataclass
class IngestReport:
    """What happened to each page: stored (added / replaced / unchanged) or an error line."""

    stored: list[tuple[Path, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def page_files(paths: Iterable[str | Path], report: IngestReport) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(path as given, file) for every file named, folders read recursively, and the folders
    given; missing paths become errors."""
    files: list[tuple[Path, Path]] = []
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folders.append(path)
            files.extend((path, p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            files.append((path, path))
        else:
            report.errors.append(str(InputError(path, "no such file or folder")))
    return files, folders


def ingest(paths: Iterable[str | Path], store: Store,
           on_total: Callable[[int], None] = lambda total: None,
           advance: Callable[[Path], None] = lambda path: None) -> IngestReport:
    """Read, extract and store every page under ``paths``; errors are collected, not raised."""
    report = IngestReport()
    files, folders = page_files(paths, report)
    on_total(len(files))
    stored_under: set[Path] = set()
    for given, path in files:
        try:
            report.stored.append((path, ingest_file(path, store)))
            stored_under.add(given)
        except AnnalystError as exc:
            report.errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - one page's bug must not cost the batch
            report.errors.append(str(PageError(path, exc)))
        advance(path)
    # a folder that gave no page (empty, or every file in it failed) is an error of its own
    report.errors += [str(InputError(f, "folder has no readable pages")) for f in folders if f not in stored_under]
    if any(status != "unchanged" for _, status in report.stored):
        resolve_world(store)  # one world from every page stored, the new ones with the old
        record_contradictions(store)  # and where its sources disagree
    return report


def ingest_file(path: Path, store: Store) -> str:
    """One page: read, extract profile and events, save in one transaction. Returns the store's verdict."""
    doc = read_page(path)
    profile = extract_profile(doc)
    events = page_events(doc, profile)
    return store.save(doc, resolve_page(profile, events), events, territory_control(events))


def page_events(doc: Document, profile: Extraction) -> list[Event]:
    """The events a page's prose reports, read with what the page says about its own subject."""
    return extract_events(doc, context=page_context(profile, doc))


def events_of_pages(paths: Iterable[Path]) -> Iterator[tuple[Path, list[Event] | AnnalystError]]:
    """Each page's events, or the error that stopped that page (the others still go through)."""
    for path in paths:
        try:
            doc = read_page(path)
            yield path, page_events(doc, extract_profile(doc))
        except InputError as exc:
            yield path, exc
        except Exception as exc:  # noqa: BLE001 - one page's bug must not cost the others
            yield path, PageError(path, exc)


def report_events(path: Path) -> Iterator[tuple[str, list[Event]] | InputError]:
    """Events of each event report in a JSON-lines file: {"id", "text", "date": optional anchor}.

    A bad line yields an InputError naming the file and line; the other lines still go through.
    The reports are read in batches (see :func:`extract_many`), in the file's order.
    """
    lines = list(_event_reports(path))
    results = extract_many(line[2] for line in lines if not isinstance(line, InputError))
    for line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        number, report_id, _ = line
        result = next(results)
        yield InputError(path, str(result), position=number) if isinstance(result, AnnalystError) else (report_id, result)


def _event_reports(path: Path) -> Iterator[tuple[int, str, Report] | InputError]:
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            report = json.loads(line)
            text, report_id = report["text"], str(report.get("id", number))
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            yield InputError(path, f"not an event report ({type(exc).__name__}: {exc})", position=number)
            continue
        yield number, report_id, text_report(text, anchor_date=report.get("date"), source_id=report_id)
