"""Numeric dates: the document's own order first, then a written convention, then the caller's locale;
an ambiguous one stays ambiguous (annalyst/extract/time/numeric.py)."""
from __future__ import annotations

import pytest

from annalyst.extract.time import tag_dates
from annalyst.extract.time.numeric import document_order, order_for_country


def _dates(text, **kw):
    return [(t.text, t.value, t.precision, t.alternatives) for t in tag_dates(text, **kw) if t.type == "DATE"]


@pytest.mark.parametrize("text, expected", [
    # GTD incident summaries open with MM/DD/YYYY (GTD Codebook): a day, never a year alone
    ("12/18/2014: Assailants set fire to a mosque in Austin, Texas, United States.", ("12/18/2014", "2014-12-18")),
    ("03/04/2015: An explosive device detonated outside a police station.", ("03/04/2015", "2015-03-04")),
    # a field above 12 settles the order
    ("The ceasefire of 25/04/2015 held for a week.", ("25/04/2015", "2015-04-25")),
    ("Polls closed on 11/28/2010 in Port-au-Prince.", ("11/28/2010", "2010-11-28")),
    # dotted dates are day-first (CLDR de, ru, pl, tr)
    ("Das Abkommen wurde am 18.12.2014 unterzeichnet.", ("18.12.2014", "2014-12-18")),
    ("the agreement of 02.03.1999 was signed", ("02.03.1999", "1999-03-02")),
    # year-first (CLDR ja, zh, ko) and ISO
    ("The strike began on 2014/12/18 in Osaka.", ("2014/12/18", "2014-12-18")),
    ("Reported on 2019-07-04 by the agency.", ("2019-07-04", "2019-07-04")),
])
def test_numeric_dates_read_as_days(text, expected):
    found = _dates(text, mode="news")
    assert found[0][:2] == expected and found[0][2] == "day"


def test_the_documents_own_date_decides_the_others():
    text = "Talks opened on 03/04/2015 and closed on 25/04/2015."
    assert [v for _, v, _, _ in _dates(text)] == ["2015-04-03", "2015-04-25"]


def test_an_ambiguous_date_stays_ambiguous(real):
    # Grunge.txt (Wikipedia, CC BY-SA 4.0): nothing in the sentence says which field is the day
    text = real("wild/Grunge.txt", "Cabaret Metro, Chicago, 10/12/91")
    (t,) = tag_dates(text)
    assert (t.value, t.precision, t.alternatives) == ("1991", "year", ("1991-10-12", "1991-12-10"))
    assert (t.earliest, t.latest, t.edtf) == ("1991-10-12", "1991-12-10", "[1991-10-12,1991-12-10]")


@pytest.mark.parametrize("order, value", [("mdy", "1991-10-12"), ("dmy", "1991-12-10")])
def test_the_callers_locale_decides_when_the_text_does_not(order, value):
    (t,) = tag_dates("Cabaret Metro, Chicago, 10/12/91", date_order=order)
    assert (t.value, t.precision, t.alternatives) == (value, "day", ())


@pytest.mark.parametrize("country, order", [("US", "mdy"), ("PH", "mdy"), ("GB", "dmy"), ("IQ", "dmy"), (None, None)])
def test_country_orders_follow_cldr(country, order):
    assert order_for_country(country) == order


def test_a_gtd_header_anchors_the_report_in_news_mode():
    text = "12/18/2014: Assailants attacked a mosque on Sunday. The victims were taken to hospital the next day."
    found = {t.text: t.value for t in tag_dates(text, mode="news")}
    assert found["Sunday"] == "2014-12-14" and found["the next day"] == "2014-12-15"


@pytest.mark.parametrize("text", [
    "the 13/13/2014 entry",              # no month is 13
    "filed on 31/02/2014",               # no 31 February
    "build 10.0.19041 of Windows",       # a version, not 10.0.1904
    "scores of 24/7/365 service",        # a rate
    "the 9/11 Commission reported",      # a name without a year
])
def test_numbers_with_slashes_that_are_no_dates(text):
    assert _dates(text) == []


def test_a_range_of_ambiguous_dates_keeps_each_end_ambiguous():
    found = [(t.value, t.edtf) for t in tag_dates("from 03/04/2015 to 05/06/2015")]
    assert found == [("2015", "[2015-03-04,2015-04-03]"), ("2015", "[2015-05-06,2015-06-05]")]


def test_document_order_ignores_conflicting_evidence():
    assert document_order("on 25/04/2015 and on 11/28/2010") is None
    assert document_order("on 25/04/2015 and on 11/28/2010", "mdy") == "mdy"
