"""ucdp-csv read back with pandas: GED's columns, days from the stored date's span, deaths from the
fatality ranges, and only organised violence."""
from __future__ import annotations

import pandas as pd
import pytest

from annalyst.data import load_yaml
from annalyst.export.select import event_days
from annalyst.export.ucdp import priogrid_gid
from tests.export.conftest import by_key

RULES = load_yaml("exports/ucdp.yaml")


def _iso(ymd):
    return f"{'-' if ymd[0] < 0 else ''}{abs(ymd[0]):04d}-{ymd[1]:02d}-{ymd[2]:02d}"


def test_each_row_is_a_stored_event_of_organised_violence_with_its_days_and_deaths(synthetic, write):
    path, done = write(synthetic, "ucdp-csv")
    frame = pd.read_csv(path, dtype={"relid": str, "date_start": str, "date_end": str})
    assert list(frame.columns) == RULES["columns"]
    assert len(frame) == done.counts["written"] > 0
    stored = by_key(synthetic)
    for row in frame.itertuples():
        event = stored[row.relid]
        assert event["event_type"] in RULES["organised_violence"]
        first, last = event_days(event)
        assert (row.date_start, row.date_end) == (_iso(first), _iso(last))
        figure = event["fatalities"]
        if figure is None:
            assert pd.isna(row.best) and pd.isna(row.low) and pd.isna(row.high)
        elif isinstance(figure, dict):
            assert (row.low, row.best, row.high) == (figure["low"], figure["low"], figure["high"])
        else:
            assert row.low == row.best == row.high == figure
        assert row.type_of_violence == (3 if event["event_type"] == "Violence against civilians" else 1)
        assert row.geom_wkt == f"POINT ({row.longitude} {row.latitude})"


@pytest.mark.parametrize("timex, code", [("2016-03-08", 1), ("2016-03", 4), ("2016", 5), ("-0049", 5)])
def test_date_prec_follows_the_width_of_the_stored_date(timex, code):
    from annalyst.export import ucdp

    days = event_days({"timex": timex})
    assert ucdp._date_prec({"days": [_iso(days[0]), _iso(days[1])]}, RULES) == code


def test_other_events_are_counted_not_written(synthetic, write):
    _, done = write(synthetic, "ucdp-csv")
    assert done.counts["left_out"]["not organised violence"] > 0  # protests, riots, agreements


@pytest.mark.parametrize("lat, lon, gid", [(-89.9, -179.9, 1), (-89.9, 179.9, 720), (89.9, 179.9, 259200),
                                           (0.25, 0.25, 180 * 720 + 360 + 1)])
def test_priogrid_cells_are_numbered_from_the_south_west_corner(lat, lon, gid):
    assert priogrid_gid(lat, lon) == gid
