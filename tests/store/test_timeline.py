"""The stored timeline runs in time order, BC years included, which ISO strings do not sort into."""
from __future__ import annotations

from annalyst.extract.events import extract_events, territory_control, text_report
from annalyst.extract.profile import extract_profile
from annalyst.store.db import open_store
from annalyst.store.profiles import export
from annalyst.store.timeline import timeline

REPORTS = [  # stored in this order, dated in another
    ("modern", "In 2014, ISIS fighters attacked Mosul and killed 40 civilians."),
    ("late", "In 52 BC, Roman legions besieged Alesia and killed thousands of Gallic fighters."),
    ("early", "In 480 BC, Persian forces attacked Athens and burned the city."),
]


def _store(db_path):
    store = open_store(db_path)
    for source_id, text in REPORTS:
        report = text_report(text, source_id=source_id)
        events = extract_events(report.doc, kind=report.kind)
        store.save(report.doc, extract_profile(report.doc), events, territory_control(events))
    return store


def test_timeline_orders_bc_years_before_later_ones(db_path):
    dates = [e["event_date"] for e in timeline(_store(db_path))]
    assert dates == ["-0479-01-01", "-0051-01-01", "2014-01-01"]


def test_export_uses_the_same_order(db_path):
    assert [e["source_id"] for e in export(_store(db_path))["events"]] == ["early", "late", "modern"]
