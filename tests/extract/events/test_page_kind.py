"""Events on pages that are not about armed actors or wars, from real sentences of
../shared/corpus/wild (CC BY-SA 4.0, Wikipedia contributors)."""
from __future__ import annotations

import pytest

from annalyst.extract.events import events_from_text
from annalyst.extract.nlp import PageContext
from annalyst.pipeline import events_of_pages
from tests.conftest import CORPUS

ON_A_TOWN_OR_PERSON_PAGE = PageContext(kind="other")


@pytest.mark.parametrize("sentence", [
    "Olmsted often clashed with the park commissioners, notably with Chief Commissioner Green.",
    "Once grown, Horus fought and defeated Set to become king himself.",
    "The two men clashed, de Gaulle refused to jeopardize the Resistance by including a movement that gathered information from POWs.",
    "Under the spell, king Högni and king Heðinn battled for one hundred and forty-three years, as soon as they fell down they had to stand up again and fight on.",
])
def test_quarrels_myths_and_metaphors_are_no_battles(sentence):
    assert events_from_text(sentence, context=ON_A_TOWN_OR_PERSON_PAGE, mode="narrative") == []
    # what drops them is the page's kind: on a war's page the same sentence is read as a clash
    assert events_from_text(sentence, context=PageContext(kind="conflict"), mode="narrative") != []


def test_a_killing_of_civilians_stays_whoever_did_it():
    """ACLED codes an unnamed or lone perpetrator as an unidentified armed group."""
    found = events_from_text("On 30 January 1948, Gandhi was assassinated by Nathuram Godse in New Delhi.",
                             context=ON_A_TOWN_OR_PERSON_PAGE, mode="narrative")
    assert [(e.event_type, e.fatalities) for e in found] == [("Violence against civilians", 1)]


@pytest.mark.parametrize("sentence, actor", [
    ("[43] Over 7,500 Filipino soldiers fought on the United Nations' side to help South Korea.",
     "Military Forces of the Philippines"),
    ("In 1702, the Dutch, who were interested in Shetland's herring fisheries, fought a naval battle against French warships just off the island.",
     "Military Forces of the Netherlands"),
])
def test_a_battle_with_an_armed_actor_stays_on_any_page(sentence, actor):
    found = events_from_text(sentence, context=ON_A_TOWN_OR_PERSON_PAGE, mode="narrative")
    assert [e.actor1 for e in found if e.event_type == "Battles"] == [actor]


def test_a_page_own_date_anchors_its_yearless_dates():
    """"By around 1:30 am on 6 September" on the Munich massacre's page (Date: 5–6 September 1972)
    is 1972-09-06, though the paragraph before cites The New York Times of 1 December 2015."""
    (_, events), = events_of_pages([CORPUS / "wild" / "Munichmassacre.txt"])
    dated = {e.evidence["event_date"][0].text: e.event_date for e in events if e.evidence.get("event_date")}
    assert dated["6 September"] == "1972-09-06"
    assert dated["5 September"] == "1972-09-05"


def test_no_event_comes_from_an_information_box_line():
    path = CORPUS / "wikipedia" / "Hamas.txt"
    box = path.read_text(encoding="utf-8").index("Information box")
    (_, events), = events_of_pages([path])
    assert events and all(ev.start < box for e in events for spans in e.evidence.values() for ev in spans)


@pytest.mark.parametrize("text, value", [
    ("By around 1:30 am on 6 September, the battle was over.", "1972-09-06"),  # moved to the page's year
    ("In 1973 the commandos returned. On 6 September they struck.", "1973-09-06"),  # the paragraph named a year
    ("Two years later the case was closed.", None),  # a relative date is not moved
])
def test_page_year_moves_only_yearless_calendar_dates(text, value):
    from annalyst.extract.events.page_year import anchored
    from annalyst.extract.time import tag_dates
    from annalyst.model import Span
    timexes = anchored(tag_dates(text, anchor_date="2015-12-01"), (Span(0, len(text)),), 1972)
    dated = [t.value for t in timexes if "September" in t.text]
    assert dated == ([value] if value else [])
    if value is None:
        assert all(not t.value.startswith("1972") for t in timexes)


@pytest.mark.parametrize("date_row, year", [
    ("- Date: 5–6 September 1972", 1972), ("- Date: 15 March 44 BC", None), ("- Date: 1939–1945", None),
])
def test_a_page_has_one_own_year_only_when_its_date_row_says_one_year(date_row, year):
    from annalyst.extract.events.page_year import own_year
    from annalyst.read.page import parse_page
    text = f"= Some event =\n\n{date_row}\n\nThe event was a siege that the chroniclers of the age describe at length.\n"
    assert own_year(parse_page(text, default_id="page")) == year
