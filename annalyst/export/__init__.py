"""Exports: the store written in the formats analysts' tools read. Public API.

Each format is one module of this package with ``write(selection, out) -> counts``: ``out`` is a
text stream, or a folder for the formats that write one file per table. :func:`export` picks the
module, writes to a temporary file beside the target and moves it into place only when the whole
export succeeded (an existing file is never left half written), and writes the attribution of every
source the export used: a ``SOURCES.md`` beside the output, as CC BY-SA requires.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from annalyst.export.select import FilterError, Filters, Selection
from annalyst.store.db import Store

__all__ = ["FORMATS", "export", "Export", "Filters", "FilterError", "Selection", "sources_markdown"]

# format -> (module, whether it writes a folder of files)
FORMATS: dict[str, tuple[str, bool]] = {
    "acled-csv": ("annalyst.export.acled", False),
    "ucdp-csv": ("annalyst.export.ucdp", False),
    "geojson": ("annalyst.export.geojson", False),
    "graphml": ("annalyst.export.graphml", False),
    "jsonld": ("annalyst.export.jsonld", False),
    "quickstatements": ("annalyst.export.quickstatements", False),
    "timelinejs": ("annalyst.export.timelinejs", False),
    "csv": ("annalyst.export.csv_tables", True),
    "parquet": ("annalyst.export.parquet_tables", True),
    "json": ("annalyst.export.profiles", False),
}


@dataclass
class Export:
    """What an export wrote: counts, the sources it used, and the files (none for standard output)."""

    format: str
    counts: dict
    sources: list[dict]
    files: list[str] = field(default_factory=list)
    credits: str | None = None  # the SOURCES.md written


def export(store: Store, format: str, out: str | Path = "-", filters: Filters = Filters()) -> Export:
    """Write the store (as ``filters`` select it) in ``format`` to ``out`` (``-``: standard output;
    for ``csv`` and ``parquet``, a folder), and its sources' attribution to ``<out>.SOURCES.md``
    (in the folder: ``SOURCES.md``)."""
    module_name, folder = FORMATS[format]
    module = importlib.import_module(module_name)
    selection = Selection(store, filters)
    if str(out) == "-":
        if folder:
            raise FilterError(f"--format {format} writes one file per table: give --out FOLDER")
        counts = module.write(selection, sys.stdout)
        sys.stdout.flush()
        return Export(format, counts, selection.sources())
    target = Path(out)
    if folder:
        return _to_folder(module, selection, format, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            counts = module.write(selection, stream)
        notice = target.with_name(f"{target.name}.SOURCES.md")
        _write_text(notice, sources_markdown(selection.sources(), format))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Export(format, counts, selection.sources(), [str(target), str(notice)], str(notice))


def _to_folder(module, selection: Selection, format: str, target: Path) -> Export:
    """One file per table in a fresh folder beside ``target``, moved into place when complete."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FilterError(f"{target}: --out must be a new or empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        counts = module.write(selection, temporary)
        (temporary / "SOURCES.md").write_text(sources_markdown(selection.sources(), format), encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return Export(format, counts, selection.sources(), sorted(str(p) for p in target.iterdir()),
                  str(target / "SOURCES.md"))


def _write_text(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def sources_markdown(sources: list[dict], format: str) -> str:
    """The attribution of an export: every source it used, with its address and licence."""
    lines = [f"# Sources of this {format} export", "",
             "Written by annalyst from the sources below. Each value in the export cites the source it came",
             "from. Text under a CC BY-SA licence may be reused with attribution to its source, and what is",
             "made from it must be shared under the same licence.", "",
             "| source | address | licence | retrieved |", "| --- | --- | --- | --- |"]
    for s in sources:
        cells = (s["title"], s["url"] or s["id"], s["licence"] or "not stated", s["retrieved"] or s["timestamp"] or "")
        lines.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"
