"""Profile facts from prose: founded, dissolved, part of, split from, areas, opponents, milestones.

The sentences are real: from the pages in ../shared/corpus (English Wikipedia, CC BY-SA 4.0, and
the seed's wiki, CC BY-SA 3.0), each under the subject of the page it comes from. The negatives are
real sentences too, where the same words state nothing about the page's subject.
"""
from __future__ import annotations

import pytest

from annalyst.extract.prose_facts import milestone_type, prose_facts
from annalyst.read.page import parse_page


def _facts(subject: str, sentence: str, aliases: tuple[str, ...] = ()):
    doc = parse_page(f"{subject}\n\n{sentence}\n", "test-page")
    return [f for f in prose_facts(doc, "actor:x", (subject, *aliases))], doc


def _values(facts, field):
    out = []
    for f in facts:
        if f.field == field:
            v = f.value
            out.append(v.get("edtf") or v.get("value") if isinstance(v, dict) else v)
    return out


@pytest.mark.parametrize("subject, aliases, sentence, field, expected", [
    ("Islamic State of Iraq and the Levant", ("ISIL",),
     "The group originated as Jamāʻat al-tawḥīd wa-al-jihād in 1999, as part of al-Queda, before splitting "
     "from the group and declaring a global caliphate in 2014.", "founded", ["1999"]),
    ("Islamic State of Iraq and the Levant", ("ISIL",),
     "In September of 2018 after multiple defeats at the hands of\u00a0Iraq\u00a0and\u00a0Syrian Opposition\u00a0ISIL "
     "collapsed in on itself.", "dissolved", ["2018-09"]),
    ("Batasuna", (), "The former political party Batasuna, disbanded in 2003, pursued the same political goals "
     "as ETA.", "dissolved", ["2003"]),
    ("Republican Action Against Drugs", ("RAAD",), "Also in 2008, Republican Action Against Drugs (RAAD) was "
     "formed in Derry.", "founded", ["2008"]),
    ("Northern Ireland Civil Rights Association", ("NICRA",), "In January 1967 the Northern Ireland Civil Rights "
     "Association (NICRA) was formed by a diverse group of people.", "founded", ["1967-01"]),
    ("Islamic State of Iraq and the Levant", ("ISIL",),
     "The group originated as Jamāʻat al-tawḥīd wa-al-jihād in 1999, as part of al-Queda.", "part_of", ["al-Qaeda"]),
    ("Lehi", (), "Lehi split from the Irgun militant group in 1940 in order to continue fighting the British.",
     "split_from", ["Irgun"]),
    ("Shining Path", (), "It was an offshoot of the Peruvian Communist Party in the 1960s.", "split_from",
     ["Peruvian Communist Party"]),
    ("Islamic State of Iraq and the Levant", ("ISIL", "ISIS", "IS", "Da'esh"),
     "The Islamic State of Iraq and the Levant (ISIL, ISIS, IS; also Da'esh) is a jihadist and terror group, "
     "mainly located in the Middle East, specifically Iraq, Syria and, more recently, Kurdistan.",
     "areas_of_operation", ["Iraq", "Syria", "Kurdistan"]),
    ("Islamic State of Iraq and the Levant", ("ISIL",),
     "In September of 2018 after multiple defeats at the hands of\u00a0Iraq\u00a0and\u00a0Syrian Opposition\u00a0ISIL "
     "collapsed in on itself.", "opponents", ["Iraq", "Syrian Opposition"]),
    ("Islamic State of Iraq and the Levant", ("ISIL",),
     "Kurdistan has effectively started to oppose ISIL in many areas, causing it to lose much land.",
     "opponents", ["Kurdistan"]),
])
def test_prose_fact(subject, aliases, sentence, field, expected):
    facts, doc = _facts(subject, sentence, aliases)
    assert _values(facts, field) == expected
    for f in facts:  # every value cites the text it was read from
        for e in f.evidence:
            assert doc.text[e.start:e.end] == e.text


@pytest.mark.parametrize("subject, aliases, sentence, field", [
    # another entity under the subject's name: the original IRA, not the Provisional IRA
    ("Provisional Irish Republican Army", ("IRA", "PIRA"),
     "The original IRA was formed in 1913 as the Irish Volunteers, at a time when all of Ireland was part of "
     "the United Kingdom.", "founded"),
    ("Provisional Irish Republican Army", ("IRA", "PIRA", "Provisional IRA"),
     "The Real IRA was formed in November 1997 when senior Provisional IRA members, including "
     "quartermaster-general Michael McKevitt, resigned over acceptance of the Mitchell Principles.", "founded"),
    # two other groups formed, the subject's names only in what they call themselves
    ("Continuity Irish Republican Army", ("CIRA", "Continuity IRA", "Óglaigh na hÉireann"),
     "In February 2006, the Independent Monitoring Commission claimed in a report on paramilitary activity that two "
     "groups, styling themselves as \"Óglaigh na hÉireann\" and \"Saoirse na hÉireann\", had been formed after a "
     "split in the Continuity IRA either in early 2006 or late 2005.", "founded"),
    # a date the tagger anchors, with no year written: no founding date
    ("Hamas", (), "Israel's religious affairs official in Gaza, Avner Cohen, later regretfully concluded that "
     "Hamas was created at the time, with Israel's blessing.", "founded"),
    # the subject's name inside another's ("FNLA-UNITA government")
    ("UNITA", (), "This joint FNLA-UNITA government was dissolved on 11 February 1976 after a MPLA offensive.",
     "dissolved"),
    # a transitive verb: the subject founded something else
    ("Islamic State of Iraq and the Levant", ("ISIL",), "In 2015 ISIL established a province in Libya.", "founded"),
    # no subject: a sentence about an outpost on the Falklands' page
    ("Falkland Islands", (), "A small military outpost was established at King Edward Point on South Georgia, "
     "but it was closed in 2001.", "founded"),
    # "part of" with no name after it
    ("Falkland Islands", (), "In 1994, Argentina adopted a new constitution, which declared the Falkland Islands "
     "as part of one of its provinces by law.", "part_of"),
])
def test_not_a_prose_fact(subject, aliases, sentence, field):
    facts, _ = _facts(subject, sentence, aliases)
    assert _values(facts, field) == []


@pytest.mark.parametrize("subject, sentence, milestone", [
    ("Northern Isles", "On the 15th March 2015, Scotland formally left the United Kingdom, and Orkney and "
     "Shetland for transferred to the Northern Isles Dependency.", ("independence", "Scotland", "2015-03-15")),
    ("Scotland", "Scotland is an Independent sovereign state located in the North of the Island of Great Britain, "
     "in North-West Europe. It gained independence from the United Kingdom in May 2015.",
     ("independence", None, "2015-05")),
    ("Syria", "With the rise of ISIL and anti-government demonstrators, in 2015 Syria was plunged into civil war.",
     ("civil war", "Syria", "2015")),
])
def test_milestone(subject, sentence, milestone):
    facts, _ = _facts(subject, sentence)
    found = [(f.value["type"], f.value["of"], f.value["edtf"]) for f in facts if f.field == "milestones"]
    assert found == [milestone]


@pytest.mark.parametrize("sentence", [
    # leaving a body is not a state's independence
    "In 2016 the United Kingdom left the European Union after a referendum.",
    # an independence movement, undated and not gained
    "Meanwhile, Spain shows concern as the Catalan parliament arranges its own independence movements.",
])
def test_not_a_milestone(sentence):
    facts, _ = _facts("Spain", sentence)
    assert [f for f in facts if f.field == "milestones"] == []


@pytest.mark.parametrize("label, milestone", [
    ("Independence", "independence"),
    ("Independence from United KIngdom", "independence"),
    ("Independence From Spain", "independence"),
    ("Declaration of Independence", "declaration of independence"),
    ("Independence recognized", None),
    ("Union with England", None),
    ("Erbil Conference", None),
])
def test_milestone_type(label, milestone):
    assert milestone_type(label) == milestone


@pytest.mark.parametrize("subject, sentence, form", [
    ("United Kingdom", "It is a unitary state and shares land borders with the Commonwealth of Scotland.", "unitary"),
    ("United States", "The United States of America, commonly referred to as the United States, is a federal "
     "republic composed of 50 states, the federal district of Washington, D.C., and several territories.", "federal"),
    # a form word that qualifies no state: a court, a page's other subject
    ("Hamas", "In 2004, a federal court in the United States found Hamas liable.", None),
    ("Hamas", "A German federal court ruled in 2004 that Hamas was a unified organisation.", None),
])
def test_form_of_state(subject, sentence, form):
    """Wikidata P122: a state is unitary, federal or confederal (annalyst/data/forms_of_state.yaml)."""
    facts, doc = _facts(subject, sentence)
    found = [f for f in facts if f.field == "form_of_state"]
    assert [f.value for f in found] == ([form] if form else [])
    for f in found:
        assert doc.text[f.evidence[0].start:f.evidence[0].end].lower() == form
