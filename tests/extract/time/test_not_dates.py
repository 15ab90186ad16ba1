"""Numbers that look like years but are not: house numbers, clock times, quantities, ages, names."""
from __future__ import annotations

import pytest

from annalyst.extract.time import tag_dates


@pytest.mark.parametrize("path, text", [
    ("wild/SymbioneseLiberationArmy.txt", "the armed robbery of the Hibernia Bank branch at 1450 Noriega Street in San Francisco"),
    ("wild/DrewBarrymore.txt", "Her star is located at 6925 Hollywood Boulevard"),
    ("wild/DavidBeckham.txt", "at 10 Downing Street to call for more action"),
])
def test_house_numbers_are_no_years(real, path, text):
    assert [t.text for t in tag_dates(real(path, text))] == []


def test_a_us_address_with_a_directional():
    assert [t.text for t in tag_dates("Assailants attacked a home at 1714 W. Flagler St. in Miami.")] == []


@pytest.mark.parametrize("text, year", [
    ("the 1989 Tiananmen Square protests", "1989"),
    ("1989 Tiananmen Square protests", "1989"),
    ("a 1954 Supreme Court ruling", "1954"),
    ("Around 1900 St. Petersburg grew.", "1900"),
    ("the 2017 GST rollout", "2017"),
])
def test_a_year_before_a_street_word_is_still_a_year(text, year):
    assert [t.value for t in tag_dates(text)] == [year]


@pytest.mark.parametrize("text", ["The death toll stood at 1200, officials said.", "1500 hours of video were seized",
                                  "The odds are one in 500."])
def test_counts_are_no_clock_times_or_years(text):
    assert tag_dates(text, "2014-12-18", "news") == []


@pytest.mark.parametrize("text, value", [
    ("Assailants opened fire on the checkpoint at 1400, killing two officers.", "2014-12-18T14:00"),
    ("The convoy was ambushed at 0630 hours on the main road.", "2014-12-18T06:30"),
    ("A device exploded at 2215 hrs near the market.", "2014-12-18T22:15"),
])
def test_four_digit_clock_times(text, value):
    (t,) = [t for t in tag_dates(text, "2014-12-18", "news") if t.type == "TIME"]
    assert t.value == value and t.text.startswith(text.split(" at ")[1][:4])


@pytest.mark.parametrize("path, text, year", [
    ("wild/ZX80.txt", "at 2023 prices", "2023"),                  # a year after "at", with a noun
    ("wild/UniversityofPennsylvania.txt", "at 1924 Olympics", "1924"),
    ("wild/Albert of Brandenburg.txt", "from around 1400 with", "1400"),
])
def test_at_and_a_number_stays_a_year_where_a_clause_goes_on(real, path, text, year):
    assert [(t.type, t.value) for t in tag_dates(real(path, text))] == [("DATE", year)]


@pytest.mark.parametrize("text", [
    "members of the 2 June Movement were arrested",
    "the 26th of July Movement took Havana",
    "the 17 November Revolutionary Organization claimed it",
])
def test_names_that_contain_a_date(text):
    assert [t.text for t in tag_dates(text, "1975-01-01", "news")] == []


def test_a_date_before_a_capitalised_word_without_the_is_a_date():
    assert [t.value for t in tag_dates("On April 8 Union cavalry blocked the road.", "1865-04-01")] == ["1865-04-08"]


@pytest.mark.parametrize("text", ["a 22-year-old soldier", "he was nineteen years old", "men 26 years of age"])
def test_ages_are_not_durations(text):
    assert tag_dates(text) == []
