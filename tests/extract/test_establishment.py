"""A state's infobox sub-rows (Template:Infobox country): dated establishment events and office
holders, on rows as rendered pages write them (the seed's wiki, CC BY-SA 3.0, and Wikipedia)."""
from __future__ import annotations

import pytest

from annalyst.extract.establishment import FIELD, establishment_facts, office_holder
from annalyst.extract.values import items
from annalyst.model import Span
from annalyst.read.page import parse_page

PAGE = """Kurdistan

Republic of Kurdistan
Capital Erbil
Official languages Kurdish
Legislature Kurdistan Parliament
 -  {row}
 -  Total 70,000 km2
Kurdistan is a sovereign nation located in the Middle East, around the Zagros Mountains.
"""


@pytest.mark.parametrize("row, event, edtf", [
    ("Erbil Conference 17th December 2015", "Erbil Conference", "2015-12-17"),
    ("Confederation July 1, 1867", "Confederation", "1867-07-01"),
    ("Chinese Withdrawal October 1958", "Chinese Withdrawal", "1958-10"),
    ("Independence Declared 2015", "Independence Declared", "2015"),
    ("Anglo-Irish Treaty 6 December 1921", "Anglo-Irish Treaty", "1921-12-06"),
])
def test_a_dated_sub_row_is_an_establishment_event(row, event, edtf):
    doc = parse_page(PAGE.format(row=row), "kurdistan")
    (fact,) = establishment_facts(doc, "place:kurdistan")
    assert fact.field == FIELD and fact.value["event"] == event and fact.value["edtf"] == edtf
    e = fact.evidence[0]
    assert doc.text[e.start:e.end] == e.text == row


@pytest.mark.parametrize("row", ["2014 estimate 6.5 million", "2011 census 63,181,775", "President Masoud Barzani",
                                 "Water (%) 1.34", "Density 280/km2"])
def test_census_leader_and_area_rows_are_no_events(row):
    assert list(establishment_facts(parse_page(PAGE.format(row=row), "kurdistan"), "place:kurdistan")) == []


@pytest.mark.parametrize("row, title, state, person", [
    ("President Masoud Barzani", "President", None, "Masoud Barzani"),
    ("Prime Minister of Iraq Haider al-Abadi", "Prime Minister", "Iraq", "Haider al-Abadi"),
    ("Deputy Prime Minister Nick Clegg", "Deputy Prime Minister", None, "Nick Clegg"),
    ("President Michael D. Higgins", "President", None, "Michael D. Higgins"),
    ("Queen Elizabeth II", "Queen", None, "Elizabeth II"),
    ("President of Russia Vladimir Putin", "President", "Russia", "Vladimir Putin"),
])
def test_an_office_sub_row_names_the_office_and_its_holder(row, title, state, person):
    assert office_holder(row) == {"title": title, "state": state, "person": person}


@pytest.mark.parametrize("row", ["Upper house Senate", "Minister of Peshmerga Affairs", "Total 70,000 km2",
                                 "Presidential federal republic"])
def test_rows_that_name_no_office_holder(row):
    assert office_holder(row) is None


@pytest.mark.parametrize("written, value", [
    ("Flag of Kurdistan.svgKurdistan", "Kurdistan"),            # Fandom: file name glued to the name
    ("Flag of Turkey.svg Turkey", "Turkey"),
    ("Flag of Syrian KurdistanRojava", "Rojava"),               # alt text glued to the name
    ("Flag of Syria 2011, observed.svg Free Syrian Army", "Free Syrian Army"),
    ("Flag of the United States", "Flag of the United States"),  # only a flag: kept as written
    ("Flagstaff", "Flagstaff"),
])
def test_a_flag_icons_text_before_a_name_is_dropped(written, value):
    (item,) = items(written, (Span(0, len(written)),))
    assert item.text == value
