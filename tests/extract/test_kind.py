"""The kind of a page's subject, on real pages of ../shared/corpus (CC BY-SA 4.0, Wikipedia
contributors). Kinds were labelled by hand in bench/data/profiles/wild-labels.tsv; the pages
below are from its tuning part (never its check part), a few per kind, and the rule families each one exercises."""
from __future__ import annotations

import pytest

from annalyst.extract.profile import extract_profile
from annalyst.read.page import read_page
from tests.conftest import CORPUS


def _kind(path):
    x = extract_profile(read_page(path))
    fact = next(f for f in x.facts if f.field == "kind")
    return x.subject.kind, fact


@pytest.mark.parametrize("page, kind", [
    # armed groups: the lead's "militant group" and a war-faction infobox
    ("wikipedia/Hamas.txt", "armed_group"),
    ("wikipedia/ShiningPath.txt", "armed_group"),
    ("wikipedia/Lehi(militantgroup).txt", "armed_group"),
    # state forces
    ("wild/NationalBolivarianArmedForcesofVenezuela.txt", "state_forces"),
    ("wild/TrinidadandTobagoDefenceForce.txt", "state_forces"),
    # conflicts: the title's pattern and the lead's head
    ("wild/Munichmassacre.txt", "conflict"),
    ("wikipedia/Six-DayWar.txt", "conflict"),
    ("realworld/Battle_of_Raqqa_2017_wikipedia_mirror.txt", "conflict"),
    # people: a biography's dates after the name, an infobox with Born / Died
    ("wild/Aristophanes.txt", "person"),
    ("wild/BrigitteBardot.txt", "person"),
    # states and places
    ("wild/Aberdare.txt", "state_or_place"),
    ("wild/Alexandria,WestDunbartonshire.txt", "state_or_place"),
    ("wild/Bishkek.txt", "state_or_place"),
    # organisations
    ("wild/FreeDemocraticParty(Germany).txt", "organization"),
    ("wild/DepecheMode.txt", "organization"),
    # everything else: common nouns, topics of a place, years, weapons as things
    ("wild/Telescope.txt", "other"),
    ("wild/Militaryacademy.txt", "other"),
    ("wild/PoliticsofSyria.txt", "other"),
    ("wild/5thmillenniumBC.txt", "other"),
    ("wild/70Virginis.txt", "other"),
    ("wild/4-polytope.txt", "other"),
])
def test_page_kind(page, kind):
    got, fact = _kind(CORPUS / page)
    assert got == kind, fact.qualifiers
    assert fact.value == kind and fact.evidence
    doc = read_page(CORPUS / page)
    for ev in fact.evidence:  # each deciding rule cites what it read, and names itself
        assert doc.text[ev.start:ev.end] == ev.text
        assert ev.extractor.startswith("extract.kind.")


@pytest.mark.parametrize("page", [
    "wild/Telescope.txt", "wild/HecklerKoch.txt", "wild/Militaryacademy.txt", "wild/DB(car).txt",
    "wild/FreeDemocraticParty(Germany).txt", "wild/PoliticsofSyria.txt", "wild/CommodoreInternational.txt",
])
def test_not_an_armed_group_nor_a_conflict(page):
    """Pages about instruments, gun makers, parties or a country's politics are neither armed groups nor wars."""
    got, _ = _kind(CORPUS / page)
    assert got not in ("armed_group", "conflict")


def test_only_armed_pages_give_an_actor_context():
    from annalyst.extract.profile import page_context
    armed = extract_profile(read_page(CORPUS / "wikipedia" / "Hamas.txt"))
    thing = extract_profile(read_page(CORPUS / "wild" / "Telescope.txt"))
    assert page_context(armed).subject == "Hamas"
    assert page_context(thing).subject is None
    assert armed.subject.id.startswith("actor:") and thing.subject.id.startswith("other:")
