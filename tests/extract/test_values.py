"""Infobox value typing, on values as real infoboxes write them (../shared/corpus)."""
from __future__ import annotations

import pytest

from annalyst.extract.values import items, number_range, period
from annalyst.model import Span


@pytest.mark.parametrize("written, edtf", [
    ("1999-2018", "1999/2018"),             # seed
    ("2002–present", "2002/.."),
    ("Early 1920s–present", "192X/.."),     # realworld/Peshmerga_simple_wikipedia.txt
    ("1987", "1987"),
    ("1959 to 2018", "1959/2018"),
    ("the group's heyday", None),
])
def test_period(written, edtf):
    assert period(written) == edtf


@pytest.mark.parametrize("written, low, high", [
    ("52,600–257,900", 52600, 257900),       # seed: both ends kept
    ("410,000(disputed, see Structure)", 410000, 410000),
    ("40,000+ Iraqi soldiers", 40000, None),  # realworld/Battle_of_Tal_Afar_2017_wikipedia.txt
    ("1,500–2,000 militants (per Iraq and US)", 1500, 2000),
    ("2–3 million", 2_000_000, 3_000_000),
])
def test_number_range_keeps_both_ends(written, low, high):
    got = number_range(written)
    assert (got["low"], got["high"]) == (low, high)


@pytest.mark.parametrize("written, values, qualifiers", [
    ("Boko Haram; Ansar al-Sharia; Jundallah (Pakistan)", ["Boko Haram", "Ansar al-Sharia", "Jundallah (Pakistan)"],
     [(), (), ()]),
    ("Abu Bakr al-Baghdadi (2010–2019)[4]\nAbu Ibrahim (alleged)", ["Abu Bakr al-Baghdadi", "Abu Ibrahim"],
     [("2010–2019",), ("alleged",)]),
    ("Salafism • Salafi jihadism", ["Salafism", "Salafi jihadism"], [(), ()]),
])
def test_list_items_and_qualifiers(written, values, qualifiers):
    got = items(written, (Span(0, len(written)),))
    assert [i.text for i in got] == values
    assert [i.qualifiers for i in got] == qualifiers
    for i in got:
        assert i.text.split(" (")[0] in written[i.span.start:i.span.end]
