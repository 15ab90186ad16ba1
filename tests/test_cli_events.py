"""The event commands: events from pages and from event reports, stored events, the timeline."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from tests.conftest import CORPUS, SEED

runner = CliRunner()
EXPECTED = json.loads((CORPUS / "seed" / "expected-events.json").read_text(encoding="utf-8"))
# An ACLED-style note, as in the issue (ACLED notes are short event reports).
NOTE = ("On 8 April 2025, government forces and clan militia attacked Al Shabaab in Gulane village "
        "(Cadale, Middle Shabelle). 3 militants were killed.")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("events") / "annalyst.db"
    assert runner.invoke(app, ["ingest", str(SEED), "--db", str(path)]).exit_code == 0
    return path


def test_events_json_gives_one_object_per_event_with_evidence():
    result = runner.invoke(app, ["events", str(SEED), "--json"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert len(records) >= sum(e["must"] for e in EXPECTED["events"])
    for record in records:
        assert record["event_type"] and record["sub_event_type"]
        for spans in record["evidence"].values():
            for ev in spans:
                assert text[ev["start"]:ev["end"]] == ev["text"]


def test_jsonl_reports_one_line_each_and_bad_lines_named(tmp_path):
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps({"id": "r1", "text": NOTE, "date": "2025-04-09"}) + "\n"
                       + "{not json\n" + json.dumps({"id": "r3"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["events", "--jsonl", str(reports)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["r1"]
    event = out[0]["events"][0]
    assert (event["event_date"], event["time_precision"], event["fatalities"]) == ("2025-04-08", 1, 3)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [e.split(": ")[1] for e in errors] == [f"{reports}:2", f"{reports}:3"]


def test_ingest_stores_events_and_the_timeline_is_in_date_order(db):
    result = runner.invoke(app, ["timeline", "--json", "--db", str(db)])
    dates = [json.loads(line)["event_date"] for line in result.stdout.splitlines()]
    assert len(dates) >= sum(e["must"] for e in EXPECTED["events"])
    assert dates == sorted(dates)


@pytest.mark.parametrize("name", ["Peshmerga", "Pershmerga"])
def test_timeline_of_an_actor_by_any_written_name(db, name):
    result = runner.invoke(app, ["timeline", name, "--json", "--db", str(db)])
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all("Peshmerga" in (e["actor1"], e["actor2"], *e["assoc_actor_1"]) for e in events)
    assert {e["event_date"] for e in events} >= {"2016-03-08", "2016-03-10", "2016-03-14"}


def test_export_carries_territory_control(db):
    exported = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", str(db)]).stdout)
    rows = {(r["place"], r["from"]) for r in exported["territory_control"]}
    assert {(r["place"], r["from"]) for r in EXPECTED["territory_control"]} <= rows
