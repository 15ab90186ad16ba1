"""Years BC and before 1000: TIMEX3 "BC0480", EDTF astronomical "-0479", and time order everywhere."""
from __future__ import annotations

import pytest

from annalyst.extract.time import tag_dates
from annalyst.extract.time.when import date_key, day_number


@pytest.mark.parametrize("path, text, value, edtf", [
    ("wild/Delian League.txt", "The Delian League, founded in 478 BC", "BC0478", "-0477"),
    ("wild/Delian League.txt", "By 431 BC, the threat", "BC0431", "-0430"),
    ("wild/5thmillenniumBC.txt", "began around 4800 BC", "BC4800", "-4799"),
])
def test_bc_years(real, path, text, value, edtf):
    (t,) = tag_dates(real(path, text))
    assert (t.value, t.edtf, t.precision) == (value, edtf, "year")
    assert t.earliest == f"{edtf}-01-01" and t.latest == f"{edtf}-12-31"


def test_a_bc_range_is_one_interval(real):
    text = real("wild/Broch.txt", "a sheep bone dating to between 390 and 200 BC")
    found = [(t.value, t.edtf) for t in tag_dates(text)]
    assert found == [("BC0390", "-0389/-0199"), ("BC0200", "-0389/-0199")]


@pytest.mark.parametrize("path, text, value", [
    ("wild/BrunoofQuerfurt.txt", "In 998, Bruno entered", "0998"),
    ("wild/BlackForest.txt", "first mentioned in 819.", "0819"),
])
def test_three_digit_years_where_the_phrase_ends_after_them(real, path, text, value):
    assert [t.value for t in tag_dates(real(path, text))] == [value]


@pytest.mark.parametrize("text", ["1 in 959; at age 40", "in 845 cases of the disease"])
def test_three_digit_numbers_that_are_no_years(text):
    assert [t.value for t in tag_dates(text) if t.type == "DATE"] == []


def test_years_before_1000_ad():
    assert [t.value for t in tag_dates("The city was sacked in AD 410 and again in 455 AD.")] == ["0410", "0455"]


def test_day_numbers_count_every_day_once_across_year_zero():
    from annalyst.extract.time.when import days_in_month
    previous = None
    for year in range(-801, 3):  # two 400-year cycles before AD 1, leap years -400 and -800 included
        for month in range(1, 13):
            for day in range(1, days_in_month(year, month) + 1):
                iso = (f"{year:04d}" if year >= 0 else f"-{-year:04d}") + f"-{month:02d}-{day:02d}"
                n = day_number(iso)
                assert previous is None or n == previous + 1, iso
                previous = n
    assert day_number("-0400-03-01") - day_number("-0400-02-28") == 2   # -400 (401 BC) is a leap year
    assert day_number("-0001-03-01") - day_number("-0001-02-28") == 1   # -1 (2 BC) is not


def test_day_numbers_run_in_time_order_across_year_zero():
    days = ["-4799-01-01", "-0499-12-31", "-0043-03-15", "0000-01-01", "0410-08-24", "1999-12-31", "2014-12-18"]
    assert [day_number(d) for d in days] == sorted(day_number(d) for d in days)
    assert sorted(reversed(days), key=date_key) == days
    assert day_number("1970-01-01") == 0 and day_number("2000-03-01") - day_number("2000-02-28") == 2


@pytest.mark.parametrize("path, text, value, old_style", [
    ("wikipedia/CrimeanWar.txt", "On 16 October\u00a0[O.S. 4 October]\u00a01853", "1853-10-16", "1853-10-04"),
    ("wild/SaintPetersburg.txt", "31 August\u00a0[O.S. 18 August]\u00a01914", "1914-08-31", "1914-08-18"),
    ("wild/SaintPetersburg.txt", "27 May\u00a0[O.S. 16 May]\u00a01703", "1703-05-27", "1703-05-16"),
])
def test_old_style_dates_are_kept_as_alternatives(real, path, text, value, old_style):
    (t,) = tag_dates(real(path, text))  # Wikipedia writes them with no-break spaces, kept here
    assert (t.value, t.alternatives, t.precision) == (value, (old_style,), "day")


def test_an_old_style_leap_day_the_gregorian_calendar_lacks():
    (t,) = tag_dates("11 March [O.S. 29 February] 1700")  # 1700 is a Julian leap year, not a Gregorian one
    assert (t.value, t.alternatives) == ("1700-03-11", ("1700-02-29",))


def test_old_style_across_new_year():
    (t,) = tag_dates("January 2, 1917 [O.S. December 20, 1916]")
    assert (t.value, t.alternatives) == ("1917-01-02", ("1916-12-20",))
