"""Filters: what --actor, --place, --from, --to and --type keep, on every export, and what they leave."""
from __future__ import annotations

import pytest

from annalyst.export import FilterError, Filters, Selection
from annalyst.export.select import event_days, participants
from annalyst.resolve import names_of
from tests.export.conftest import lead_events


def _keys(store, **filters):
    return [e["key"] for e in Selection(store, Filters(**filters)).events()]


@pytest.mark.parametrize("start, end", [("2016", "2016"), ("2015-06", "2016-02"), ("2017-03-01", None),
                                        (None, "2014-12-31"), ("-0100", "-0001")])
def test_a_period_keeps_the_events_whose_days_can_fall_in_it(synthetic, start, end):
    lo = event_days({"timex": start})[0] if start else (-10**6, 1, 1)
    hi = event_days({"timex": end})[1] if end else (10**6, 12, 31)
    kept = list(Selection(synthetic, Filters(start=start, end=end)).events())
    expected = [e for e in lead_events(synthetic).values()
                if (d := event_days(e)) and not (d[1] < lo or hi < d[0])]
    assert len(kept) == len(expected) > 0
    assert all(e["days"] for e in kept)  # an undated event is never in a period


@pytest.mark.parametrize("types", [("Battles",), ("armed clash", "Peaceful protest"), ("Riots",)])
def test_a_type_is_an_event_type_or_a_sub_event_type_in_any_case(synthetic, types):
    kept = list(Selection(synthetic, Filters(types=types)).events())
    wanted = {t.casefold() for t in types}
    assert kept and all({e["event_type"].casefold(), e["sub_event_type"].casefold()} & wanted for e in kept)
    assert len(kept) == sum(1 for e in lead_events(synthetic).values()
                            if {e["event_type"].casefold(), e["sub_event_type"].casefold()} & wanted)


def test_an_actor_keeps_the_events_it_takes_part_in_under_any_of_its_names(althistory):
    names = {n.casefold() for n in names_of(althistory, "ISIS")}
    kept = list(Selection(althistory, Filters(actor="ISIS")).events())
    assert kept and all(names & {n.casefold() for n in participants(e)} for e in kept)
    others = [e for e in lead_events(althistory).values() if not names & {n.casefold() for n in participants(e)}]
    assert len(kept) + len(others) == len(lead_events(althistory)) and others


def test_a_country_keeps_the_events_in_it(synthetic):
    kept = list(Selection(synthetic, Filters(place="Iraq")).events())
    assert kept and {e["country"] for e in kept} == {"IQ"}
    assert len(kept) == sum(1 for e in lead_events(synthetic).values() if e["country"] == "IQ")


def test_filters_combine(synthetic):
    both = set(_keys(synthetic, place="Iraq", types=("Battles",)))
    assert both == set(_keys(synthetic, place="Iraq")) & set(_keys(synthetic, types=("Battles",))) != set()


@pytest.mark.parametrize("filters", [{"types": ("Looting",)}, {"start": "1800", "end": "1801"}])
def test_a_filter_that_matches_nothing_keeps_nothing(synthetic, filters):
    assert _keys(synthetic, **filters) == []


@pytest.mark.parametrize("date", ["2016/05/01", "May 2016", "2016-13", "16"])
def test_a_date_that_is_not_iso_is_refused(date):
    with pytest.raises(FilterError, match="ISO date"):
        Filters(start=date)


def test_an_actor_the_store_does_not_know_is_refused(althistory):
    with pytest.raises(FilterError, match="no such entity"):
        list(Selection(althistory, Filters(actor="Nobody at all")).events())


def test_events_come_in_time_order_bc_first_undated_last(synthetic):
    from annalyst.days import date_key

    dates = [e["event_date"] for e in Selection(synthetic).events()]
    dated = [d for d in dates if d]
    assert dated[0].startswith("-") and dated == sorted(dated, key=date_key)
    assert dates[len(dated):] == [None] * (len(dates) - len(dated)) and len(dates) > len(dated)


def test_an_event_several_sources_tell_is_one_record_with_every_source(althistory):
    groups: dict[int, set[int]] = {}
    for event_id, lead_id in althistory.db.execute("SELECT event_id, lead_id FROM event_groups"):
        groups.setdefault(lead_id, set()).add(event_id)
    records = list(Selection(althistory).events())
    told = {r["id"]: r for r in records if len(r["tellings"]) > 1}
    assert groups and set(told) == set(groups)
    for lead, members in groups.items():
        assert {t["event_id"] for t in told[lead]["tellings"]} == members
        assert len(told[lead]["sources"]) == len({t["source_id"] for t in told[lead]["tellings"]}) > 1
    assert len(records) == althistory.db.execute("SELECT count(*) FROM events").fetchone()[0] - sum(
        len(m) - 1 for m in groups.values())
