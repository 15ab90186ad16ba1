"""News mode by the TimeML/TIMEX3 guidelines: values relative to the document's date, by tense."""
from __future__ import annotations

import pytest

from annalyst.extract.time import tag_dates

DCT = "2013-03-24"  # a Sunday


def _tags(text, anchor=DCT):
    return [(t.text, t.type, t.value) for t in tag_dates(text, anchor, "news")]


@pytest.mark.parametrize("text, expected", [
    # a weekday in past narration is the one before the document date; in future narration, after it
    ("Police said on Tuesday that two men had been arrested.", ("Tuesday", "DATE", "2013-03-19")),
    ("On Thursday, gunmen killed five villagers.", ("Thursday", "DATE", "2013-03-21")),
    ("The foreign minister will travel to Cairo on Tuesday.", ("Tuesday", "DATE", "2013-03-26")),
    # a weekday with its part of day is one TIME
    ("The attack happened Friday afternoon near the border.", ("Friday afternoon", "TIME", "2013-03-22TAF")),
    ("Rebels shelled the town on Saturday night.", ("Saturday night", "TIME", "2013-03-23TNI")),
    # last / next: inside the span, counted from the document date
    ("Last May the group split into two factions.", ("Last May", "DATE", "2012-05")),
    ("Elections are due next May.", ("next May", "DATE", "2013-05")),
    ("The talks resume next Tuesday.", ("next Tuesday", "DATE", "2013-03-26")),
    ("He was detained last Friday.", ("last Friday", "DATE", "2013-03-22")),
    # clock times take their zone and weekday
    ("The ceasefire began at 15:00 GMT Saturday.", ("15:00 GMT Saturday", "TIME", "2013-03-23T15:00")),
    # a count with earlier/ago is one date
    ("A month earlier, police had raided the house.", ("A month earlier", "DATE", "2013-02")),
    ("Two weeks ago, rebels seized the town.", ("Two weeks ago", "DATE", "2013-W10")),  # the unit's granularity
    ("Talks collapsed three days after the vote.", ("three days", "DURATION", "P3D")),  # "after" is a signal
    ("The company posted third-quarter results.", ("third-quarter", "DATE", "2012-Q3")),  # past: the last Q3
    ("Profit will rise in the third quarter.", ("the third quarter", "DATE", "2013-Q3")),
    ("The visit is planned for early next year.", ("early next year", "DATE", "2014")),
    ("Sales fell in fiscal 2012.", ("fiscal 2012", "DATE", "2012")),
    ("Rescuers dug through the rubble this morning.", ("this morning", "TIME", "2013-03-24TMO")),
    ("Shelling resumed last night.", ("last night", "TIME", "2013-03-23TNI")),
    ("Police came at 8 a.m. yesterday.", ("8 a.m. yesterday", "TIME", "2013-03-23T08:00")),
    ("Jets struck at about 2340 GMT Wednesday.", ("about 2340 GMT Wednesday", "TIME", "2013-03-20T23:40")),
    ("The strike began in September last year.", ("September last year", "DATE", "2012-09")),
    ("Protests have grown since November.", ("November", "DATE", "2012-11")),  # "since" looks back
    ("Macron spoke in an interview at 1 p.m. on Wednesday.", ("1 p.m.", "TIME", "2013-03-20T13:00")),
    ("Police had sealed the airport a week earlier.", ("a week earlier", "DATE", "2013-W11")),
    # the nearest tense cue decides: "plans to" is far, "since" is next to the month
    ("Unions oppose the plan to raise the age, the ninth strike since January.", ("January", "DATE", "2013-01")),
    # a duration after for/over/during
    ("Growth will slow over the following decade.", ("the following decade", "DURATION", "P1DE")),
    ("Prices rose during the past year.", ("the past year", "DURATION", "P1Y")),
    ("Guards change every morning.", ("every morning", "SET", "XXXX-XX-XXTMO")),
    ("The river floods each spring.", ("each spring", "SET", "XXXX-SP")),
    # a name in -ed is no past tense: the modal decides
    ("The president will visit the United States on Monday.", ("Monday", "DATE", "2013-03-25")),
    ("Talks will resume with Ahmed on Tuesday.", ("Tuesday", "DATE", "2013-03-26")),
    ("Three hours after the blast, police sealed the area.", ("Three hours", "DURATION", "PT3H")),
])
def test_news_expressions(text, expected):
    found = _tags(text)
    text_, type_, value = expected
    hit = [f for f in found if f[0] == text_]
    assert hit, found
    assert hit[0][1] == type_ and (value is None or hit[0][2] == value)


def test_with_no_tense_a_month_is_the_nearest_one():
    found = [(t.text, t.value) for t in tag_dates("The trial of four other men opens in Graz in January.", "2014-12-20", "news")]
    assert found == [("January", "2015-01")]


def test_a_week_is_monday_to_sunday():
    (t,) = tag_dates("Two weeks ago, rebels seized the town.", DCT, "news")
    assert (t.value, t.earliest, t.latest, t.precision) == ("2013-W10", "2013-03-04", "2013-03-10", "week")


@pytest.mark.parametrize("anchor", ["0001-01-01", "9999-12-31"])
def test_weekdays_at_the_edges_of_the_calendar_do_not_raise(anchor):
    text = "March Friday, at 3:00 on next Friday and last Monday"
    found = tag_dates(text, anchor, "news")
    assert [t.text for t in found] == ["Friday", "3:00", "next Friday", "last Monday"]
    assert all(text[t.start:t.end] == t.text for t in found)


def test_the_next_day_counts_from_the_last_date_told():
    found = dict((t, v) for t, _, v in _tags("Fighting broke out on 14 March. The next day, troops withdrew."))
    assert found["The next day"] == "2013-03-15"


@pytest.mark.parametrize("text", [
    "The former minister said the current crisis had recently worsened.",
    "A 22-year-old man died in a five-minute gunfight.",
    "The victim, aged 34, was a teacher.",
])
def test_words_timeml_news_does_not_tag(text):
    assert _tags(text) == []


def test_narrative_mode_keeps_the_wikiwars_conventions():
    # WikiWars tags "former" and adjectival durations ("a ten-day battle")
    found = [(t.text, t.value) for t in tag_dates("The former capital fell after a ten-day battle.")]
    assert found == [("former", "PAST_REF"), ("ten-day", "P10D")]
