"""The command line: each command parses its arguments, calls the library, prints. Each command
imports the part of the library it calls, so that ``--help`` and the commands that only read the
store do not load what ingesting needs."""
from __future__ import annotations

import json
import os
import re
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Optional

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from annalyst.errors import AnnalystError

if TYPE_CHECKING:
    from rich.table import Table

    from annalyst.store.db import Store

# plain help text, as Unix tools print it (and without loading Rich's Markdown renderer)
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn wiki pages about armed groups and conflicts into a cited knowledge base.")
err = Console(stderr=True)
DbOption = typer.Option(None, "--db", help="The store (default: $ANNALYST_DB, else ./annalyst.db).")
EXPORT_FORMATS = ("acled-csv", "ucdp-csv", "geojson", "graphml", "jsonld", "quickstatements", "timelinejs", "csv",
                  "parquet", "json")  # annalyst.export.FORMATS, named here so that --help imports no exporter


def _db_path(db: Optional[Path]) -> Path:
    return db or Path(os.environ.get("ANNALYST_DB", "annalyst.db"))


def _store(db: Optional[Path]) -> "Store":
    from annalyst.store.db import open_store
    return open_store(_db_path(db))


def _console() -> Console:
    """Standard output; wide enough for citations when it is not a terminal."""
    return Console(width=None if sys.stdout.isatty() else 160)


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)


class Engine(str, Enum):
    pool = "pool"
    spark = "spark"


# the master URLs Spark accepts ("Master URLs" in Spark's submitting-applications guide)
_SPARK_MASTER = re.compile(r"local(\[(\d+|\*)(,\d+)?\])?|yarn|(spark|k8s)://\S+")


def _spark_master(value: str) -> str:
    if not _SPARK_MASTER.fullmatch(value):
        raise typer.BadParameter(f"{value!r}: expected local, local[N], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT")
    return value


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Page files, folders (read recursively) or MediaWiki"
                                                         " XML dumps (.xml, .xml.bz2, .xml.gz); - for a page on"
                                                         " standard input."),
           db: Optional[Path] = DbOption,
           workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                                 help="Processes that extract pages (default: every core)."),
           engine: Engine = typer.Option(Engine.pool, "--engine", help="pool (this machine's cores) or spark."),
           master: str = typer.Option("local[*]", "--master", callback=_spark_master,
                                      help="With --engine spark: local[N] or spark://HOST:PORT."),
           parquet: Optional[Path] = typer.Option(None, "--parquet", help="With --engine spark: keep the Parquet"
                                                  " tables of the results in this (empty or new) folder."),
           as_json: bool = typer.Option(False, "--json", help="Print one JSON object per page stored, then the totals.")
           ) -> None:
    """Read pages and store their profiles, with evidence for every value."""
    if parquet is not None and engine is not Engine.spark:
        raise typer.BadParameter("only Spark writes Parquet: add --engine spark", param_hint="--parquet")
    from rich.progress import Progress, TextColumn

    from annalyst.pipeline import ingest as ingest_pages
    store = _store(db)
    stdin_page = _stdin_page() if any(str(p) == "-" for p in paths) else None
    paths = [stdin_page if str(p) == "-" else p for p in paths]
    with Progress(*Progress.get_default_columns(), TextColumn("{task.completed} pages"),
                  TextColumn("{task.fields[rate]}"), console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None, visible=False, rate="")
        started = time.monotonic()

        def advance(label: str) -> None:
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1, visible=True, rate=f"{done / max(time.monotonic() - started, 1e-6):.1f} pages/s")

        report = ingest_pages(paths, store, on_total=lambda n: bar.update(task, total=n or None),
                              advance=advance, workers=workers, engine=engine.value, master=master,
                              parquet=parquet)
    def shown(text) -> str:  # the page read from standard input, as the user named it
        return str(text).replace(str(stdin_page), "<stdin>") if stdin_page else str(text)

    for path, status in report.stored:
        print(json.dumps({"path": shown(path), "status": status}, ensure_ascii=False) if as_json
              else f"{status}: {shown(path)}")
    report.errors = [shown(line) for line in report.errors]
    for line in report.errors:
        _fail(line)
    if as_json:
        print(json.dumps({"summary": report.summary(), "errors": report.errors}, ensure_ascii=False))
    else:
        err.print(report.summary(), highlight=False, soft_wrap=True)
    store.close()
    raise typer.Exit(1 if report.errors else 0)


def _stdin_page() -> Path:
    """Standard input saved as a page file (``stdin.txt``: its source id is ``stdin`` unless its front
    matter gives an address), since the workers that extract pages read files."""
    import atexit
    import shutil
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="annalyst-stdin-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    page = folder / "stdin.txt"
    page.write_bytes(sys.stdin.buffer.read())
    return page


@app.command()
def show(name: str, as_json: bool = typer.Option(False, "--json", help="Print JSON."),
         db: Optional[Path] = DbOption) -> None:
    """A page subject's profile (any kind, found by title, name or alias): each value with its citation."""
    store = _store(db)
    from annalyst.resolve import entity_for, world_profile
    entity_id = entity_for(store, name)
    if entity_id is None:
        _fail(f"{name!r}: no such entity in {_db_path(db)}")
        raise typer.Exit(1)
    # its page's profile, the names every page gives it, its events from every page under any of them
    found = world_profile(store, entity_id)
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        _console().print(_profile_table(found))


def _profile_table(found: dict) -> "Table":
    from rich.table import Table
    table = Table(title=found["name"]["value"], show_lines=False)
    for column in ("field", "value", "cited from"):
        table.add_column(column, overflow="fold")
    for field, items in found.items():
        if field == "kind":  # a string, cited by the rules that decided it
            items = [{"value": items, "evidence": found.get("kind_evidence", [])}]
        elif field == "events":  # each event as its date and type, cited where its type was read
            items = [{"value": f"{e['event_date'] or 'undated'} {e['sub_event_type']}",
                      "evidence": [{"source_id": e["source_id"], **x} for x in
                                   (e["evidence"].get("sub_event_type") or e["evidence"].get("event_date") or [])]}
                     for e in items]
        elif field == "names_across_pages":  # each with the rule that tied it
            items = [{**i, "value": f"{i['value']} ({i['rule']})"} for i in items]
        elif field == "sources_disagree":  # each source's value of a field the sources contradict each other on
            items = [{**i, "value": f"{i['field']}: {i['value']} ({i['title']})"} for i in items]
        elif field in ("id", "sources", "kind_evidence"):
            continue
        for item in items if isinstance(items, list) else [items]:
            value = item.get("value") or item.get("edtf") or item.get("file") or json.dumps(
                {k: v for k, v in item.items() if k in ("low", "high")})
            ev = item.get("evidence") or [{}]
            cite = f"{ev[0].get('source_id', '')}:{ev[0].get('start', '')}-{ev[0].get('end', '')} “{ev[0].get('text', '')}”"
            table.add_row(field, str(value), cite if ev[0] else "")
    return table


@app.command()
def export(format: str = typer.Option("json", "--format", "-f", help=" | ".join(EXPORT_FORMATS) + "."),
           out: str = typer.Option("-", "--out", "-o", help="The file to write (csv and parquet: a new folder);"
                                   " - for standard output. A SOURCES.md beside it credits every source."),
           actor: Optional[str] = typer.Option(None, "--actor", help="Only what this actor (any of its names) takes part in."),
           place: Optional[str] = typer.Option(None, "--place", help="Only events at this place, or in this country."),
           start: Optional[str] = typer.Option(None, "--from", help="Only events that can be on or after this ISO date."),
           end: Optional[str] = typer.Option(None, "--to", help="Only events that can be on or before this ISO date."),
           types: list[str] = typer.Option([], "--type", help="Only this ACLED event or sub-event type (repeatable)."),
           db: Optional[Path] = DbOption) -> None:
    """The store in a format other tools read: ACLED or UCDP CSV, GeoJSON, GraphML, JSON-LD, ..."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{format!r}: expected one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    from annalyst.export import FORMATS, FilterError, Filters, export as write_export
    if FORMATS[format][1] and out == "-":
        raise typer.BadParameter(f"--format {format} writes one file per table: give a folder", param_hint="--out")
    try:
        filters = Filters(actor, place, start, end, tuple(types))
    except FilterError as exc:
        raise typer.BadParameter(str(exc)) from None
    done = write_export(_store(db), format, out, filters)
    left = ", ".join(f"{n} {why}" for why, n in done.counts.get("left_out", {}).items())
    err.print(f"{format}: {done.counts['written']} written" + (f"; left out: {left}" if left else "")
              + f"; {len(done.sources)} sources" + (f", credited in {done.credits}" if done.credits else
                                                  " (give --out FILE to write their credits to FILE.SOURCES.md)"),
              highlight=False, soft_wrap=True)


@app.command()
def check(db: Optional[Path] = DbOption,
          format: str = typer.Option("text", "--format", help="text | json | markdown."),
          kind: Optional[str] = typer.Option(
              None, "--kind", help="Only this kind: dates | counts | holders | ally-opponent | outside-life | places"
              " | offices.")) -> None:
    """Claims of different sources that cannot both hold, each with both citations (the report the
    last ingest or override recorded)."""
    from annalyst.resolve.report import KINDS, as_markdown, recorded
    if format not in ("text", "json", "markdown") or (kind is not None and kind not in KINDS):
        _fail(f"--format {format}, --kind {kind}: expected text, json or markdown, and a kind of {', '.join(KINDS)}")
        raise typer.Exit(2)
    found = [c for c in recorded(_store(db)) if kind is None or c.kind == kind]
    if format == "json":
        print(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
    elif format == "markdown":
        print(as_markdown(found), end="")
    else:
        from rich.markup import escape  # page text is data, never Rich markup
        from rich.table import Table
        table = Table("entity", "field", "kind", "severity", "claim", "cited from", title="contradictions")
        for c in found:
            for claim in c.claims:
                ev = claim["evidence"][0] if claim["evidence"] else {}
                table.add_row(*(escape(str(x)) for x in (
                    c.entity, c.field, c.kind, c.severity, claim["value"],
                    f"{claim['source_id']}:{ev.get('start', '')}-{ev.get('end', '')} “{ev.get('text', '')}”")))
        _console().print(table)


@app.command()
def merge(a: str = typer.Argument(..., help="A name of the entity that stays."),
          b: str = typer.Argument(..., help="A name of the entity merged into it."),
          note: Optional[str] = typer.Option(None, "--note", help="Why, for the record."),
          db: Optional[Path] = DbOption) -> None:
    """Record that A and B are one entity. Kept apart from the sources: it survives re-ingest."""
    _override("merge", a, b, note, db)


@app.command()
def split(a: str = typer.Argument(..., help="A name of the entity."),
          b: str = typer.Argument(..., help="A name the rules tied to it that means another entity."),
          note: Optional[str] = typer.Option(None, "--note", help="Why, for the record."),
          db: Optional[Path] = DbOption) -> None:
    """Record that the name B does not mean A. Kept apart from the sources: it survives re-ingest."""
    _override("split", a, b, note, db)


@app.command()
def overrides(file: Path = typer.Argument(..., help="YAML: a list of {merge: [A, B]} or {split: [A, B]}, "
                                                    "each with an optional note."),
              db: Optional[Path] = DbOption) -> None:
    """Record every merge and split a data file lists (all or none of them)."""
    from annalyst.resolve.world import read_overrides
    decisions = read_overrides(file)  # an InputError (file and item) before anything is written
    store = _store(db)
    from annalyst.resolve.world import add_overrides
    add_overrides(store, decisions)
    print(f"recorded: {len(decisions)} decisions from {file}")


def _override(action: str, a: str, b: str, note: Optional[str], db: Optional[Path]) -> None:
    from annalyst.resolve import entity_for
    from annalyst.resolve.world import add_overrides
    store = _store(db)
    missing = [n for n in (a, b) if entity_for(store, n) is None]
    if missing:
        _fail(f"{missing[0]!r}: no such entity in {_db_path(db)}")
        raise typer.Exit(1)
    add_overrides(store, [(action, a, b, note)])
    print(f"recorded: {action} {a!r} {b!r}")


@app.command()
def dates(file: Path = typer.Argument(..., help="A text file (- for standard input); offsets index its text"
                                               " exactly as read."),
          anchor_date: Optional[str] = typer.Option(None, "--anchor-date", help="YYYY-MM-DD"),
          mode: str = typer.Option("narrative", "--mode", help="narrative | news"),
          date_order: Optional[str] = typer.Option(
              None, "--date-order", help="mdy | dmy: how numeric dates are written, when the text does not show it."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The temporal expressions in a text, normalised to TIMEX3 and EDTF."""
    from annalyst.extract.time import tag_dates
    from annalyst.read.page import read_text
    found = [t.as_dict() for t in tag_dates(read_text(file), anchor_date=anchor_date, mode=mode,
                                            date_order=date_order)]
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    table = Table("offsets", "text", "type", "value", "mod", "earliest", "latest", "or")
    for t in found:
        table.add_row(f"{t['start']}-{t['end']}", t["text"], t["type"], t["value"], t["mod"] or "",
                      t["earliest"] or "", t["latest"] or "", ", ".join(t["alternatives"]))
    _console().print(table)


@app.command()
def events(files: list[Path] = typer.Argument(None, help="Page files to read events from (- for standard input)."),
           jsonl: Optional[Path] = typer.Option(None, "--jsonl", help='Event reports, one {"id", "text", "date"} a line'
                                                " (- for standard input)."),
           as_json: bool = typer.Option(False, "--json", help="One JSON object per event (per report with --jsonl).")) -> None:
    """Events as ACLED codes them, every field cited: from pages, or from event reports."""
    from annalyst.pipeline import events_of_pages, report_events
    failed = False
    if jsonl is not None:
        for result in report_events(jsonl):
            if isinstance(result, AnnalystError):
                _fail(str(result))
                failed = True
            else:
                print(json.dumps({"id": result[0], "events": [e.as_dict() for e in result[1]]}, ensure_ascii=False))
    for path, result in events_of_pages(files or []):
        if isinstance(result, AnnalystError):
            _fail(str(result))
            failed = True
        elif as_json:
            for event in result:
                print(json.dumps({"source": str(path), **event.as_dict()}, ensure_ascii=False))
        else:
            _console().print(_events_table(str(path), [e.as_dict() for e in result]))
    raise typer.Exit(1 if failed else 0)


@app.command()
def timeline(name: Optional[str] = typer.Argument(None, help="Only events this actor or place takes part in."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON lines."),
             per_source: bool = typer.Option(False, "--per-source",
                                             help="Each source's telling on its own line, not merged."),
             db: Optional[Path] = DbOption) -> None:
    """Stored events in date order, with citations; one event told by several sources is one line."""
    from annalyst.store.timeline import control, timeline as stored_timeline
    store = _store(db)
    from annalyst.resolve import names_of
    from annalyst.resolve.coreference import merged_timeline
    names = names_of(store, name) if name else None
    found = stored_timeline(store, names) if per_source else merged_timeline(store, names)
    if as_json:
        for event in found:
            print(json.dumps(event, ensure_ascii=False))
        return
    console = _console()
    console.print(_events_table(name or "timeline", found))
    held = [r for r in control(store) if name is None or name.casefold() in (r["place"].casefold(), r["holder"].casefold())]
    if held:
        from rich.table import Table
        table = Table("place", "holder", "from", "until", "cited from", title="territory control")
        for r in held:
            table.add_row(r["place"], r["holder"], r["from"] or "", r["until"] or "",
                          f"{r['source_id']}:{r['evidence'][0]['start']}-{r['evidence'][0]['end']} “{r['evidence'][0]['text']}”"
                          if r["evidence"] else "")
        console.print(table)


def _events_table(title: str, found: list[dict]) -> "Table":
    from rich.table import Table
    table = Table(title=title)
    for column in ("date", "event", "actor1", "actor2", "location", "deaths", "cited from"):
        table.add_column(column, overflow="fold")
    for e in found:
        ev = (e["evidence"].get("sub_event_type") or e["evidence"].get("event_date") or [{}])[0]
        where = f"{e.get('source_id', '')}:{ev.get('start', '')}-{ev.get('end', '')}".lstrip(":")
        if e.get("tellings"):
            where += f" (+{len(e['tellings']) - 1} more)"
        if e.get("disagreements"):
            where += " disagree on " + ", ".join(f"{k}: {' / '.join(v)}" for k, v in e["disagreements"].items())
        table.add_row(e["event_date"] or "", e["sub_event_type"], e["actor1"] or "", e["actor2"] or "",
                      e["location"] or "", json.dumps(e["fatalities"]) if e["fatalities"] is not None else "",
                      f"{where} “{ev.get('text', '')}”")
    return table


@app.command()
def serve(db: Optional[Path] = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on (default: this machine only)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535),
          allow_writes: bool = typer.Option(False, "--allow-writes", help="Accept uploads, reviews and merges from"
                                            " requests carrying a bearer token of --token-file."),
          token_file: Optional[Path] = typer.Option(None, "--token-file", help="Tokens, one a line: TOKEN or NAME TOKEN.")
          ) -> None:
    """The knowledge base in a browser, read-only by default: search, profiles with their sources
    highlighted, timeline, map, network, contradictions, and a JSON twin of each under /api."""
    if allow_writes != (token_file is not None):
        raise typer.BadParameter("--allow-writes and --token-file go together", param_hint="--token-file")
    if not _db_path(db).exists():
        _fail(f"{_db_path(db)}: no such store")
        raise typer.Exit(1)
    import uvicorn

    from annalyst.web import create_app
    from annalyst.web.app import read_tokens
    tokens = read_tokens(token_file) if token_file else None
    uvicorn.run(create_app(_db_path(db), tokens), host=host, port=port)


def main() -> None:
    try:
        app()
    except AnnalystError as exc:
        _fail(str(exc))
        sys.exit(1)
