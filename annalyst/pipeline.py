"""The main job: pages in, cited profiles (and events) stored. Each page is read,
extracted and saved on its own, so one bad page never stops the others.

The extraction stages (spaCy, the temporal tagger, the gazetteer) are imported by the functions
that extract, not at the top: a process that only reads input and stores rows (a Spark driver,
the command line before it knows its command) never loads them.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from annalyst.engines.pool import default_workers, run
from annalyst.errors import AnnalystError, InputError, PageError
from annalyst.model import Document
from annalyst.read.dump import DumpPage, Redirect, is_dump, page_document, read_dump
from annalyst.read.page import read_page, read_text
from annalyst.resolve.contradictions import record as record_contradictions
from annalyst.resolve.coreference import record as record_event_groups
from annalyst.resolve.entities import resolve_page
from annalyst.resolve.world import resolve_world
from annalyst.store.db import Store
from annalyst.store.rows import source_rows
from annalyst.store.search import record as record_search

if TYPE_CHECKING:
    from annalyst.extract.events import Event, Report
    from annalyst.extract.profile import Extraction


@dataclass
class IngestReport:
    """What happened to each page: stored (added / replaced / unchanged), skipped or failed (each
    with its reason, counted), and an error line for each input or page that could not go through."""

    stored: list[tuple[Path | str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    redirects: int = 0

    @property
    def read(self) -> int:
        """Pages read: stored, skipped (redirects among them) and failed."""
        return len(self.stored) + sum(self.skipped.values()) + sum(self.failed.values())

    def summary(self) -> str:
        """One line: pages read, stored by verdict, skipped and failed by reason."""
        verdicts = Counter(status for _, status in self.stored)
        def reasons(counts: Counter) -> str:
            return f" ({', '.join(f'{r}: {n}' for r, n in counts.most_common())})" if counts else ""
        stored = ", ".join(f"{v} {verdicts[v]}" for v in ("added", "replaced", "unchanged") if verdicts[v])
        return (f"pages read: {self.read}; stored: {len(self.stored)}" + (f" ({stored})" if stored else "")
                + f"; skipped: {sum(self.skipped.values())}{reasons(self.skipped)}"
                + f"; failed: {sum(self.failed.values())}{reasons(self.failed)}")


@dataclass(frozen=True)
class Job:
    """One page to extract: a page file, or a page of a dump. ``label`` names it in the report;
    ``file`` is the input file it came from."""

    label: str
    file: Path
    path: Path | None = None  # a page file
    page: DumpPage | None = None  # a dump's page


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
           advance: Callable[[str], None] = lambda label: None,
           workers: int | None = None, engine: str = "pool", master: str = "local[*]",
           parquet: str | Path | None = None) -> IngestReport:
    """Read, extract and store every page under ``paths`` (page files, folders, dumps); errors are
    collected, not raised. Pages are extracted on ``workers`` processes (all cores by default, one
    per page file at most), or on Spark executors (``engine="spark"``, at ``master``; their Parquet
    tables kept in ``parquet`` if given), and stored by this process, each in its own transaction."""
    report = IngestReport()
    files, folders = page_files(paths, report)
    dumps = {path for _, path in files if is_dump(path)}
    on_total(0 if dumps else len(files))  # a dump's length is known only at its end
    if workers is None:
        workers = default_workers() if dumps else max(1, min(default_workers(), len(files)))
    stored_under: set[Path] = set()  # the files that gave a page
    jobs = _jobs(files, dumps, store, report, stored_under)
    if engine == "spark":
        from annalyst.engines import spark
        results = spark.run(extract_job, jobs, master, parquet)
    elif engine == "pool":
        results = run(extract_job, jobs, workers, warm=warm)
    else:
        raise ValueError(f"engine {engine!r}: expected pool or spark")
    for job, result in results:
        if isinstance(result, _Failure):
            report.errors.append(result.message)
            report.failed[result.reason] += 1
        else:
            status = store.save_rows(result)
            report.stored.append((job.path or job.label, status))
            stored_under.add(job.file)
        advance(job.label)
    # a folder that gave no page (empty, or every file in it failed) is an error of its own
    given = {g for g, path in files if path in stored_under}
    report.errors += [str(InputError(f, "folder has no readable pages")) for f in folders if f not in given]
    if any(status != "unchanged" for _, status in report.stored) or report.redirects or _unresolved(store):
        resolve_world(store)  # one world from every page stored, the new ones with the old
        record_contradictions(store)  # and where its sources disagree
        record_event_groups(store)  # and which events several sources tell, for the exports
        record_search(store)  # and the search index of the web app
    return report


def _unresolved(store: Store) -> bool:
    """Whether the store holds sources but no search index: one stored by an annalyst older than the
    derived tables (search, event groups), which re-ingesting its pages fills."""
    return bool(store.db.execute("SELECT (SELECT count(*) FROM sources) > 0"
                                 " AND NOT EXISTS (SELECT 1 FROM search)").fetchone()[0])


def _jobs(files: list[tuple[Path, Path]], dumps: set[Path], store: Store, report: IngestReport,
          stored_under: set[Path]) -> Iterator[Job]:
    """A job for each page file and each article of each dump, in order; a dump's redirects are
    stored as other names of their targets, its other pages counted as skipped, and an article whose
    revision is already stored is reported unchanged without being extracted again (its dump, in
    ``stored_under``, gave a page)."""
    for _, path in files:
        if path not in dumps:
            yield Job(str(path), path, path=path)
            continue
        try:
            for item in read_dump(path):
                if isinstance(item, DumpPage):
                    label = f"{path}:{item.source.title}"
                    if store.has_revision(item.source):
                        report.stored.append((label, "unchanged"))
                        stored_under.add(path)
                        continue
                    yield Job(label, path, page=item)
                elif isinstance(item, Redirect):
                    store.save_redirect(item)
                    report.redirects += 1
                    report.skipped["redirect"] += 1
                else:
                    report.skipped[item.reason] += 1
        except InputError as exc:  # the dump stops here; the pages before it went through
            report.errors.append(str(exc))
            report.failed["unreadable dump"] += 1


def warm() -> None:
    """Load what every page needs (the spaCy model, the temporal tagger's patterns) before workers fork."""
    from annalyst.extract.nlp import load_nlp
    from annalyst.extract.time.lexicon import lexicon
    load_nlp()
    lexicon()


@dataclass(frozen=True)
class _Failure:
    message: str  # the one-line error, naming the page
    reason: str  # what the summary counts it under


def extract_job(job: Job):
    """(job, the page's rows for the store) for one page, or (job, _Failure): runs in a worker process."""
    from annalyst.extract.events import territory_control
    from annalyst.extract.profile import extract_profile
    try:
        doc = read_page(job.path) if job.path is not None else page_document(job.page)
        profile = extract_profile(doc)
        events = page_events(doc, profile)
        return job, source_rows(doc, resolve_page(profile, events), events, territory_control(events))
    except InputError as exc:
        return job, _Failure(str(exc) if job.path is not None else f"{job.label}: {exc.reason}", exc.reason)
    except Exception as exc:  # noqa: BLE001 - one page's bug must not cost the batch
        return job, _Failure(str(PageError(job.label, exc)), f"extraction failed ({type(exc).__name__})")


def page_events(doc: Document, profile: Extraction) -> list[Event]:
    """The events a page's prose reports, read with what the page says about its own subject."""
    from annalyst.extract.events import extract_events
    from annalyst.extract.profile import page_context
    return extract_events(doc, context=page_context(profile, doc))


def events_of_pages(paths: Iterable[Path]) -> Iterator[tuple[Path, list[Event] | AnnalystError]]:
    """Each page's events, or the error that stopped that page (the others still go through)."""
    from annalyst.extract.profile import extract_profile
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
    from annalyst.extract.events import extract_many
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
    from annalyst.extract.events import text_report
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
