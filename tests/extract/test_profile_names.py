"""Names and aliases on real pages of ../shared/corpus/wild (CC BY-SA 4.0, Wikipedia
contributors): the name as the title is written, aliases that are names and nothing else.
All pages are from the tuning part of bench/data/profiles."""
from __future__ import annotations

import re

import pytest

from annalyst.extract.profile import extract_profile
from annalyst.read.page import read_page
from tests.conftest import CORPUS


@pytest.mark.parametrize("page, name", [
    ("PoliticsofSyria.txt", "Politics of Syria"),          # the lead writes "the politics of Syria"
    ("Alexandria,WestDunbartonshire.txt", "Alexandria, West Dunbartonshire"),
    ("5thmillenniumBC.txt", "5th millennium BC"),
    ("NationalBolivarianArmedForcesofVenezuela.txt", "National Bolivarian Armed Forces of Venezuela"),
    ("DB(car).txt", "DB (car)"),                           # the disambiguation is part of the title
    ("HecklerKoch.txt", "Heckler & Koch"),                 # the scrape dropped the "&"; the page has it
    ("Commutatorsubgroup.txt", "Commutator subgroup"),
    ("Aberdare.txt", "Aberdare"),
])
def test_name_is_the_title_as_written(page, name):
    doc = read_page(CORPUS / "wild" / page)
    x = extract_profile(doc)
    assert x.subject.name == name
    assert all(doc.text[e.start:e.end] == e.text for e in x.subject.evidence)


def _aliases(page):
    return extract_profile(read_page(CORPUS / "wild" / page)).aliases


@pytest.mark.parametrize("page", ["Aristophanes.txt", "BlackForest.txt", "Bishkek.txt", "Hamburg.txt",
                                  "Plutarch.txt", "Volapük.txt", "Palaeography.txt", "Gastroenterology.txt",
                                  "OlympusMons.txt", "EdgarRiceBurroughs.txt", "Allanvariance.txt"])
def test_aliases_carry_no_ipa_label_respelling_or_gloss(page):
    for alias in _aliases(page):
        assert not re.search(r"[\[\]/ˈˌː]", alias.name), alias
        assert not re.match(r"^[A-Z][\w ]{1,30}:\s", alias.name), alias
        assert not re.search(r"^-|-$|\u2060", alias.name), alias
        assert not re.match(r"^(?:UK|US|Commonwealth English|Latin for)\b", alias.name), alias
        assert not re.match(r"^(?:January|May|September)\s+\d", alias.name), alias
        assert len(re.findall(r"[^\W\d_]", alias.name)) >= 2, alias


@pytest.mark.parametrize("page, value, kind, lang", [
    ("Bishkek.txt", "Бишкек", "native_name", "Kyrgyz"),        # "Kyrgyz: Бишкек": the label is the language
    ("BlackForest.txt", "Schwarzwald", "native_name", "de"),   # "German: Schwarzwald [ˈʃvaʁt͡svalt]"
    ("China.txt", "中国", "native_name", "zh"),
    ("China.txt", "Zhōngguó", "romanization", "zh"),           # "pinyin: Zhōngguó"
    ("Pisistratus.txt", "Πεισίστρατος", "native_name", "Greek"),
    ("Pisistratus.txt", "Peisistratos", "romanization", "Greek"),  # one part, two scripts: two names
])
def test_language_labels_parse_off_and_scripts_split(page, value, kind, lang):
    found = [(a.name, a.kind, a.lang) for a in _aliases(page)]
    assert (value, kind, lang) in found, found


def test_a_native_name_and_its_romanization_are_two_aliases():
    x = extract_profile(read_page(CORPUS / "wikipedia" / "Hamas.txt"))
    names = {(a.name, a.kind, a.script) for a in x.aliases}
    assert ("حركة المقاومة الإسلامية", "expansion", "Arab") in names
    assert ("Ḥarakah al-Muqāwamah al-ʾIslāmiyyah", "romanization", None) in names


@pytest.mark.parametrize("page, official", [
    ("Kurdistan_Scotland_says_Yes.txt", "Republic of Kurdistan"),        # a state form of the name
    ("Scotland_Scotland_says_Yes.txt", "Commonwealth of Scotland"),
    ("North_Korea_Scotland_says_Yes.txt", "Democratic People's Republic of Korea"),  # ISO 3166's official name
])
def test_a_states_official_name_above_its_infobox_is_an_alias(page, official):
    """../shared/corpus/althistory (CC BY-SA 3.0, Alternative History wiki contributors)."""
    doc = read_page(CORPUS / "althistory" / page)
    names = [(a.name, a.kind) for a in extract_profile(doc).aliases]
    assert (official, "official_name") in names


def test_no_official_name_on_a_page_that_is_no_state():
    doc = read_page(CORPUS / "wikipedia" / "Hamas.txt")
    assert not [a for a in extract_profile(doc).aliases if a.kind == "official_name"]
