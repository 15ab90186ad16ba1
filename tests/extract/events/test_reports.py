"""Event reports read by their conventions (annalyst/extract/events/reports.py, report_event.py, national.py).

The report-style texts here are written for these tests in the manner of ACLED notes and GTD incident
summaries; each restates an event that a page in ../shared/corpus reports (named beside it), and none is
an item of the development sets. The non-events are real sentences from ../shared/corpus/wild (English
Wikipedia, CC BY-SA 4.0, Wikipedia contributors).
"""
from __future__ import annotations

import pytest

from annalyst.extract.events import events_from_text
from annalyst.extract.events.reports import read_frame
from annalyst.extract.events.rules import rules_of
from annalyst.extract.events.triggers import event_type_of, sub_event_types, triggers

from ...conftest import CORPUS


def one(text: str, anchor: str | None = None):
    events = events_from_text(text, anchor_date=anchor)
    assert len(events) == 1, [e.sub_event_type for e in events]
    return events[0]


# --- the date lead ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, anchor, date, precision", [
    ("On 10 June 2014, IS militants overran the Iraqi army base at Ghizlani (Mosul, Ninewa).", None, "2014-06-10", 1),
    ("Around 17 October 2017 (as reported), SDF fighters cleared the last IS pockets in the stadium of "
     "Ar-Raqqa (Ar-Raqqa, Ar-Raqqa).", None, "2017-10-17", 2),
    ("Between 20 and 23 August 2017, PMF units advanced on Tal Afar (Tal Afar, Ninewa) and clashed with IS.", None,
     "2017-08-20", 2),
    ("On 31 August, Iraqi forces clashed with IS militants in Al-Ayadiya (Tal Afar, Ninewa).", "2017-09-01", "2017-08-31", 1),
    ("11/13/2015: Assailants opened fire on diners at a restaurant terrace in Paris, Ile-de-France, France.", None,
     "2015-11-13", 1),
    ("In May 2017, Maute group militants seized parts of Marawi (Marawi, Lanao del Sur).", None, "2017-05-01", 3),
])
def test_date_lead(text, anchor, date, precision):
    event = one(text, anchor)
    assert (event.event_date, event.time_precision) == (date, precision)


@pytest.mark.parametrize("text", [
    "13/25/2014: An assailant fired at a police car.",  # no such month: the lead rule does not apply
    "The convoy left at 1400, heading north.",
])
def test_no_date_lead(text):
    assert read_frame(text).date is None


# --- the category prefix --------------------------------------------------------------------------
@pytest.mark.parametrize("text, sub_event_type", [
    ("Movement of forces: On 4 November 2016, Iraqi Special Operations Forces moved into the Gogjali district of "
     "Mosul (Mosul, Ninewa).", "Change to group/activity"),
    ("Defusal: On 9 July 2017, Iraqi engineers defused explosives left by IS in the Old City of Mosul (Mosul, Ninewa).",
     "Disrupted weapons use"),
    ("Looting: On 11 June 2014, IS militants emptied the Central Bank branch in Mosul (Mosul, Ninewa).",
     "Looting/property destruction"),
    ("Armed clash: On 15 October 2017, SDF fighters fought IS in the Al-Naim roundabout area of Ar-Raqqa "
     "(Ar-Raqqa, Ar-Raqqa).", "Armed clash"),
])
def test_category_prefix_names_the_sub_event_type(text, sub_event_type):
    event = one(text)
    assert event.sub_event_type == sub_event_type
    assert event.evidence["sub_event_type"][0].extractor.startswith("extract.events.reports.")


# --- places as the report writes them --------------------------------------------------------------
@pytest.mark.parametrize("text, location, admin1, country", [
    # the locality written before its "(District, Region)"
    ("On 23 May 2017, Maute militants clashed with soldiers in Basak Malutlut village (Marawi, Lanao del Sur).",
     "Basak Malutlut", "Autonomous Region in Muslim Mindanao", "PH"),
    # a neighbourhood of a named town gives the town
    ("On 12 June 2017, IS militants fired mortars at SDF positions in the Al-Sinaa neighbourhood of Ar-Raqqa city "
     "(Ar-Raqqa, Ar-Raqqa).", "Ar-Raqqa", "Ar-Raqqah", "SY"),
    # GTD: city, state, country; the candidate inside the named state is chosen
    ("11/13/2015: Assailants opened fire on diners at a restaurant terrace in Paris, Ile-de-France, France.",
     "Paris", "Ile-de-France", "FR"),
    ("04/19/1995: A truck bomb exploded outside a federal building in Oklahoma City, Oklahoma, United States.",
     "Oklahoma City", "Oklahoma", "US"),
])
def test_location_with_its_parents(text, location, admin1, country):
    event = one(text)
    assert (event.location, event.admin1, event.country) == (location, admin1, country)


@pytest.mark.parametrize("written, country, admin1", [
    ("Bristol (Tennessee, United States)", "US", "Tennessee"),   # not Bristol, England, nor a Missouri namesake
    ("Bristol (Virginia, United States)", "US", "Virginia"),
    ("Tal Afar (Tal Afar, Ninewa)", "IQ", "Ninawa"),
])
def test_geocoding_honours_the_written_hierarchy(written, country, admin1):
    from annalyst.extract.places import geocode
    place = geocode(written)
    assert (place.country, place.admin1) == (country, admin1)


def test_an_abbreviation_in_parentheses_is_no_place():
    # "(ETA)" is the group's abbreviation, not the parents of a place called "Freedom"
    event = one("05/02/1976: Members of Basque Fatherland and Freedom (ETA) bombed a barracks in Gernika, Biscay, Spain.")
    assert event.location == "Gernika"


# --- fatalities: the coder's statement decides ------------------------------------------------------
@pytest.mark.parametrize("text, fatalities", [
    ("On 9 June 2014, IS militants attacked an army checkpoint in Mosul (Mosul, Ninewa). Unspecified number of "
     "fatalities coded as 10.", 10),
    ("On 17 October 2017, SDF fighters clashed with IS in Ar-Raqqa (Ar-Raqqa, Ar-Raqqa). 60 fatalities split across "
     "3 events and coded as 20 for this event.", 20),
    ("On 6 June 2017, SDF fighters and IS militants clashed in Al-Mashlab (Ar-Raqqa, Ar-Raqqa). Total fatalities coded "
     "as 12.", 12),
    ("On 25 May 2017, Maute militants clashed with soldiers in Marawi (Marawi, Lanao del Sur). 3 fatalities.", 3),
    # the injured are not dead, and an age is not a count
    ("On 24 November 2015, FSA fighters fired on a Russian airman near Yamadi (Latakia, Lattakia), wounding him. "
     "He was 45.", None),
    ("07/22/1973: Ahmed Bouchiki, 34, was shot dead by assailants in Lillehammer, Oppland, Norway.", 1),
])
def test_fatalities_from_the_coders_statement(text, fatalities):
    assert one(text).fatalities == fatalities


# --- actors under ACLED's names ---------------------------------------------------------------------
@pytest.mark.parametrize("text, actor1, actor2", [
    # generic mentions are the state forces of the report's country
    ("On 4 June 2014, ISIL militants clashed with government security forces in Samarra (Samarra, Salah al-Din).",
     "Islamic State", "Military Forces of Iraq"),
    ("On 20 May 2017, gunmen shot and killed a police officer in Marawi (Marawi, Lanao del Sur).",
     "Unidentified Armed Group (Philippines)", "Police Forces of the Philippines"),
    # an abbreviation several actors share is read by the report's country
    ("On 3 March 2025, SNA troops clashed with Al Shabaab in Balcad (Balcad, Middle Shabelle).",
     "Military Forces of Somalia", "Al Shabaab"),
    ("On 9 October 2019, the SNA attacked YPG positions in Tal Abyad (Tal Abyad, Ar-Raqqa).",
     "Free Syrian Army", "People's Defense Units"),
    # "A and B clashed with C": B is associated with A, C is the other side
    ("On 25 May 2017, soldiers and police clashed with Maute militants in Marawi (Marawi, Lanao del Sur).",
     "Military Forces of the Philippines", "Maute"),
    # a claim names the perpetrator
    ("07/07/2005: A bomb exploded on a bus in Tavistock Square, London, England, United Kingdom, killing 13 "
     "passengers. Al-Qaeda later claimed responsibility.", "al-Qaeda", "Civilians (United Kingdom)"),
])
def test_actor_names(text, actor1, actor2):
    event = one(text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_associated_actor():
    event = one("On 25 May 2017, soldiers and police clashed with Maute militants in Marawi (Marawi, Lanao del Sur).")
    assert event.assoc_actor_1 == ("Police Forces of the Philippines",)


def test_place_word_in_an_actor_name_is_not_the_location():
    event = one("On 2 February 2025, Puntland Dervish Force troops clashed with IS militants in Balli Khadar "
                "(Bossaso, Bari).")
    assert (event.actor1, event.location) == ("Puntland Security Forces", "Balli Khadar")


# --- one-sided violence is an attack, whichever verb names the victim ---------------------------------
@pytest.mark.parametrize("text", [
    "On 13 November 2015, gunmen shot and killed a civilian outside a cafe in Paris (Paris, Ile-de-France).",
    "On 20 May 2017, Maute militants beat and injured the driver of a truck in Marawi (Marawi, Lanao del Sur).",
    "On 12 June 2014, ISIL militants assaulted a taxi driver in Mosul (Mosul, Ninewa).",
])
def test_violence_against_civilians_is_an_attack(text):
    assert one(text).sub_event_type == "Attack"


# --- one note, one event ------------------------------------------------------------------------------
def test_the_report_is_about_its_first_event():
    event = one("On 8 July 2017, Iraqi forces retook the Old City of Mosul (Mosul, Ninewa) from IS. The attack "
                "had begun months before. Officials said the fighting was over.")
    assert (event.sub_event_type, event.location, event.event_date) == ("Government regains territory", "Mosul", "2017-07-08")


# --- every ACLED sub-event type, by its definition ------------------------------------------------------
SUB_EVENTS = [
    ("Armed clash", "On 25 May 2017, soldiers clashed with Maute militants in Marawi (Marawi, Lanao del Sur)."),
    ("Government regains territory", "On 9 July 2017, Iraqi forces recaptured the Old City of Mosul (Mosul, Ninewa) from IS."),
    ("Non-state actor overtakes territory", "On 10 June 2014, IS militants seized control of Mosul (Mosul, Ninewa)."),
    ("Chemical weapon", "On 21 October 2016, IS militants fired shells filled with mustard gas at Qayyarah (Mosul, Ninewa)."),
    ("Air/drone strike", "On 8 June 2017, Coalition aircraft carried out airstrikes on IS positions in Ar-Raqqa (Ar-Raqqa, Ar-Raqqa)."),
    ("Suicide bomb", "On 12 November 2015, a suicide bomber blew himself up in Bourj el-Barajneh (Baabda, Mount Lebanon)."),
    ("Shelling/artillery/missile attack", "On 3 July 2017, IS militants shelled SDF positions in Ar-Raqqa (Ar-Raqqa, Ar-Raqqa)."),
    ("Remote explosive/landmine/IED", "On 14 June 2017, an IED planted by IS exploded near a checkpoint in Tal Afar (Tal Afar, Ninewa)."),
    ("Grenade", "On 30 May 2017, Maute militants threw a grenade at a checkpoint in Marawi (Marawi, Lanao del Sur)."),
    ("Sexual violence", "In 2014, IS militants raped Yazidi women in Sinjar (Sinjar, Ninewa)."),
    ("Attack", "On 3 August 2014, IS militants massacred Yazidi civilians in Kocho (Sinjar, Ninewa)."),
    ("Abduction/forced disappearance", "On 23 May 2017, Maute militants abducted a priest in Marawi (Marawi, Lanao del Sur)."),
    ("Peaceful protest", "On 4 February 2008, thousands of people marched against FARC in Bogota (Bogota, Bogota)."),
    ("Protest with intervention", "On 2 March 2016, police fired tear gas to disperse protesters in Diyarbakir (Sur, Diyarbakir)."),
    ("Excessive force against protesters", "On 30 January 1972, soldiers opened fire on a civil rights march in Derry "
     "(Derry, Northern Ireland), killing 13 protesters."),
    ("Violent demonstration", "On 7 July 2017, rioters threw stones at police and burned cars in Hamburg (Hamburg, Hamburg)."),
    ("Mob violence", "On 27 June 1844, a mob stormed the jail in Carthage (Hancock, Illinois) and killed two prisoners."),
    ("Agreement", "On 23 June 2016, FARC and the government signed a ceasefire agreement in Havana (Havana, La Habana)."),
    ("Arrests", "On 12 September 1992, police arrested Abimael Guzman in Lima (Lima, Lima)."),
    ("Change to group/activity", "On 30 June 2017, Iraqi troops were sighted moving towards Tal Afar (Tal Afar, Ninewa)."),
    ("Disrupted weapons use", "On 9 July 2017, Iraqi engineers defused an IED in the Old City of Mosul (Mosul, Ninewa)."),
    ("Headquarters or base established", "On 5 May 2017, IS militants set up a checkpoint at the entrance of Tal Afar "
     "(Tal Afar, Ninewa)."),
    ("Looting/property destruction", "On 11 June 2014, IS militants looted the central bank branch in Mosul (Mosul, Ninewa)."),
    ("Non-violent transfer of territory", "On 19 July 2012, Kurdish fighters took control of Kobani (Ain al Arab, Aleppo) "
     "after government forces withdrew; there were no clashes."),
    ("Other", "On 29 June 2014, IS declared a caliphate in Mosul (Mosul, Ninewa)."),
]


def test_the_sub_event_cases_cover_all_25_types():
    assert sorted(s for s, _ in SUB_EVENTS) == sorted(sub_event_types())


@pytest.mark.parametrize("sub_event_type, text", SUB_EVENTS)
def test_every_sub_event_type(sub_event_type, text):
    assert one(text).sub_event_type == sub_event_type


# --- real non-events --------------------------------------------------------------------------------------
def _sentence(page: str, starts: str) -> str:
    text = (CORPUS / "wild" / page).read_text(encoding="utf-8")
    at = text.index(starts)
    end = text.index(".", at) + 1
    return text[at:end]


@pytest.mark.parametrize("page, starts", [
    ("BostonRedSox.txt", "With the count at two balls and one strike"),
    ("BostonRedSox.txt", "The Red Sox captured their twelfth American League pennant"),
    ("DavidBeckham.txt", "With United leading 2–0, Beckham noticed"),
    ("BertBell.txt", "Sitting towards the end of the field"),
])
def test_real_non_events(page, starts):
    assert events_from_text(_sentence(page, starts)) == []


# --- the rules are named data with a source -----------------------------------------------------------------
@pytest.mark.parametrize("file, section", [
    ("reports", "dates"), ("reports", "datelines"), ("reports", "categories"), ("reports", "locations"),
    ("reports", "fatalities"), ("reports", "claims"), ("actors", "generic"), ("triggers", "not_events"),
])
def test_rules_have_names_and_sources(file, section):
    rules = rules_of(file, section)
    assert rules and all(r.name and r.source for r in rules)
    assert len({r.name for r in rules}) == len(rules)


def test_triggers_have_names_sources_and_real_types():
    names = [t.name for t in triggers()]
    assert len(set(names)) == len(names)
    assert all(t.source.startswith("ACLED") and event_type_of(t.sub_event_type) for t in triggers())


# --- fatalities: GTD's nkill counts victims and the attackers who died ----------------------------
# (restating the Bataclan and Stade de France attacks of realworld/November_2015_Paris_attacks_wikipedia.txt,
# the Munich massacre of wild/Munichmassacre.txt and Lord Moyne's assassination of wikipedia/Lehi(militantgroup).txt)
@pytest.mark.parametrize("text, fatalities", [
    ("11/13/2015: At 2140, three gunmen opened fire on concert-goers at the Bataclan theatre in Paris, "
     "Ile-de-France, France. Eighty-nine people were killed; the three gunmen were also killed.", 92),
    ("11/13/2015: At 2140, three gunmen opened fire on concert-goers at the Bataclan theatre in Paris, "
     "Ile-de-France, France. Eighty-nine people were killed and two of the gunmen were also killed by police.", 91),
    ("09/05/1972: Members of Black September stormed the apartments of the Israeli team in the Olympic Village in "
     "Munich, Bavaria, West Germany, and took nine hostages. Two team members were killed. In total, 17 people were "
     "killed, including five of the assailants.", 17),
    ("11/06/1944: Two Lehi gunmen shot Lord Moyne, the British Minister Resident in the Middle East, outside his "
     "residence in Cairo, Cairo, Egypt. Moyne died of his wounds in hospital.", 1),
    # attackers who lived add nothing; nor do attackers the victims' count already holds, or none at all
    ("11/13/2015: At 2120, a suicide bomber detonated an explosive belt outside the Stade de France in Saint-Denis, "
     "Ile-de-France, France. One passer-by was killed; the bomber was wounded and arrested.", 1),
    ("11/13/2015: At 2140, three gunmen opened fire on concert-goers at the Bataclan theatre in Paris, "
     "Ile-de-France, France. Two police officers and a gunman were killed.", 3),
    ("11/13/2015: At 2140, three gunmen opened fire on concert-goers at the Bataclan theatre in Paris, "
     "Ile-de-France, France. Eighty-nine people were killed. None of the attackers were killed.", 89),
    ("11/13/2015: At 2140, gunmen opened fire on concert-goers at the Bataclan theatre in Paris, "
     "Ile-de-France, France. Eighty-nine people were killed, and Smith died later in hospital.", 90),
])
def test_gtd_fatalities_count_victims_and_dead_attackers(text, fatalities):
    assert one(text).fatalities == fatalities
