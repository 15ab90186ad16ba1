"""The command line: each command parses its arguments, calls the library, prints."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from annalyst.errors import AnnalystError
from annalyst.pipeline import ingest as ingest_pages
from annalyst.read.page import read_text
from annalyst.store.db import open_store
from annalyst.store.profiles import export as export_store, find_entity, profile

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn wiki pages about armed groups and conflicts into a cited knowledge base.")
err = Console(stderr=True)
DbOption = typer.Option(None, "--db", help="The store (default: $ANNALYST_DB, else ./annalyst.db).")


def _db_path(db: Optional[Path]) -> Path:
    return db or Path(os.environ.get("ANNALYST_DB", "annalyst.db"))


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Page files or folders (read recursively)."),
           db: Optional[Path] = DbOption) -> None:
    """Read pages and store their profiles, with evidence for every value."""
    store = open_store(_db_path(db))
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None, visible=False)
        report = ingest_pages(paths, store,
                              on_total=lambda n: bar.update(task, total=n, visible=n > 1),
                              advance=lambda p: bar.advance(task))
    for path, status in report.stored:
        print(f"{status}: {path}")
    for line in report.errors:
        _fail(line)
    store.close()
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def show(name: str, as_json: bool = typer.Option(False, "--json", help="Print JSON."),
         db: Optional[Path] = DbOption) -> None:
    """An actor's profile: each value with its citation (source, offsets, quoted text)."""
    store = open_store(_db_path(db))
    entity_id = find_entity(store, name)
    if entity_id is None:
        _fail(f"{name!r}: no such entity in {_db_path(db)}")
        raise typer.Exit(1)
    found = profile(store, entity_id)
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        Console(width=None if sys.stdout.isatty() else 140).print(_profile_table(found))


def _profile_table(found: dict) -> Table:
    table = Table(title=found["name"]["value"], show_lines=False)
    for column in ("field", "value", "cited from"):
        table.add_column(column, overflow="fold")
    for field, items in found.items():
        if field in ("id", "kind", "sources"):
            continue
        for item in items if isinstance(items, list) else [items]:
            value = item.get("value") or item.get("edtf") or item.get("file") or json.dumps(
                {k: v for k, v in item.items() if k in ("low", "high")})
            ev = item.get("evidence") or [{}]
            cite = f"{ev[0].get('source_id', '')}:{ev[0].get('start', '')}-{ev[0].get('end', '')} “{ev[0].get('text', '')}”"
            table.add_row(field, str(value), cite if ev[0] else "")
    return table


@app.command()
def export(format: str = typer.Option("json", "--format", help="Only json for now."),
           db: Optional[Path] = DbOption) -> None:
    """Everything stored: profiles, events and sources."""
    if format != "json":
        _fail(f"--format {format}: unknown format (known: json)")
        raise typer.Exit(2)
    print(json.dumps(export_store(open_store(_db_path(db))), ensure_ascii=False, indent=2))


@app.command()
def dates(file: Path = typer.Argument(..., help="A text file; offsets index its text exactly as read."),
          anchor_date: Optional[str] = typer.Option(None, "--anchor-date", help="YYYY-MM-DD"),
          mode: str = typer.Option("narrative", "--mode", help="narrative | news"),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The temporal expressions in a text, normalised to TIMEX3 and EDTF."""
    from annalyst.extract.time import tag_dates
    found = [t.as_dict() for t in tag_dates(read_text(file), anchor_date=anchor_date, mode=mode)]
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    table = Table("offsets", "text", "type", "value", "mod", "earliest", "latest")
    for t in found:
        table.add_row(f"{t['start']}-{t['end']}", t["text"], t["type"], t["value"], t["mod"] or "",
                      t["earliest"] or "", t["latest"] or "")
    Console(width=None if sys.stdout.isatty() else 140).print(table)


def main() -> None:
    try:
        app()
    except AnnalystError as exc:
        _fail(str(exc))
        sys.exit(1)
