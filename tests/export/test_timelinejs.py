"""timelinejs checked against TimelineJS3's JSON format (a JSON schema written from its
documentation): one slide per dated event, a year drawn as a span, source text escaped."""
from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import FIXTURES
from tests.export.conftest import by_key

SCHEMA = json.loads((FIXTURES / "export" / "timelinejs3.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("store_name", ["seed_store", "althistory", "synthetic"])
def test_the_file_is_valid_timelinejs3_json(store_name, request, write):
    store = request.getfixturevalue(store_name)
    path, done = write(store, "timelinejs")
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    dated = sum(1 for e in by_key(store).values() if e["event_date"])
    assert len(document["events"]) == done.counts["written"] == dated > 0
    assert len({e["unique_id"] for e in document["events"]}) == len(document["events"])


def test_a_year_is_a_span_and_a_day_is_a_day(synthetic, write):
    path, _ = write(synthetic, "timelinejs")
    slides = json.loads(path.read_text(encoding="utf-8"))["events"]
    years = [s for s in slides if set(s["start_date"]) == {"year"}]
    days = [s for s in slides if set(s["start_date"]) == {"year", "month", "day"}]
    assert years and days
    assert all(s["end_date"] == {"year": s["start_date"]["year"], "month": 12, "day": 31} for s in years)
    assert all("end_date" not in s for s in days)


def test_source_text_is_escaped(tmp_path):
    from annalyst.export.timelinejs import _text

    html = _text({"notes": '<script>alert(1)</script> & <img src=x onerror=alert(2)>', "actor1": "<b>",
                  "actor2": None, "tellings": []})
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
