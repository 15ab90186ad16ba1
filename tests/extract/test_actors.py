"""Tests for annalyst.extract.actors and the gazetteer pipeline in annalyst.extract.nlp.

Sentences come from ../shared/corpus (seed/: Alternative History wiki, CC BY-SA;
realworld/ and wikipedia/: Wikipedia contributors, CC BY-SA 4.0). Each test first checks
that its sentence really is in the corpus file it cites.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycountry
import pytest

from annalyst.data import load_yaml
from annalyst.extract.actors import FUZZY_CUTOFF, actor_table, canonical_actor, fuzzy_actor
from annalyst.extract.mentions import context_actor, find_mentions
from annalyst.extract.nlp import Mention, PageContext, load_nlp

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = "seed/isil-scotland-says-yes.txt"
KINDS = {"state forces", "rebel group", "political militia", "identity militia", "rioters", "protesters",
         "civilians", "external/other forces", "government", "political party"}


@lru_cache(maxsize=None)
def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def mentions_of(sentence: str, source: str, context: PageContext | None = None) -> list[Mention]:
    assert sentence in corpus_text(source), f"not in {source}: {sentence!r}"
    return find_mentions(load_nlp()(sentence), context)


def triples(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.text, m.kind, m.canonical) for m in mentions}


@pytest.mark.parametrize("source, sentence, expected", [
    (SEED, "On the 8th March 2016, the Pershmerga, using Russian equipment, such as T-72s and 2A65-Msta-Bs, "
           "launched a majaor assault and retook Tal Afar from ISIL.",
     {("Pershmerga", "actor", "Peshmerga"), ("Tal Afar", "place", "Tal Afar"), ("ISIL", "actor", "Islamic State")}),
    (SEED, "The group originated as Jamāʻat al-tawḥīd wa-al-jihād in 1999, as part of al-Queda, before splitting "
           "from the group and declaring a global caliphate in 2014",
     {("al-Queda", "actor", "al-Qaeda"), ("Jamāʻat al-tawḥīd wa-al-jihād", "actor", "Jama'at al-Tawhid wal-Jihad")}),
    (SEED, "On the 14th, Major gains were made by the Peshmerga, pushing ISIL forces to the centre of the city.",
     {("Peshmerga", "actor", "Peshmerga"), ("ISIL forces", "actor", "Islamic State")}),
    (SEED, "While their main aim was to protect civilians and provide medical help, specifically to refugees, "
           "the forces have fired against Da'esh forces when under attack.",
     {("Da'esh", "actor", "Islamic State")}),
    (SEED, "Furthermore, from April UN forces started to arrive in Syria, Kurdistan and Iraq.",
     {("UN forces", "actor", "United Nations"), ("Syria", "place", "Syria"), ("Iraq", "place", "Iraq")}),
    (SEED, "In July 2017, ISIL suffered a severe blow when Iraqi security forces, backed by Kurdish and U.S. Air "
           "Force fighter jets, reclaimed Mosul.",
     {("Iraqi security forces", "actor", "Military Forces of Iraq"),
      ("U.S. Air Force", "actor", "Military Forces of the United States"), ("Mosul", "place", "Mosul")}),
    (SEED, "The Iraqi government declared victory in Mosul on July 9, 2017.",
     {("Iraqi government", "actor", "Government of Iraq")}),
    # the page has no-break spaces around "Iraq and Syrian Opposition"
    (SEED, "In September of 2018 after multiple defeats at the hands of\u00a0Iraq\u00a0and\u00a0Syrian Opposition"
           "\u00a0ISIL collapsed in on itself",
     {("Syrian Opposition", "actor", "Syrian Opposition"), ("ISIL", "actor", "Islamic State")}),
    ("realworld/Battle_of_Marawi_wikipedia_kiwix.txt",
     "between Philippine government security forces and militants affiliated with the Islamic State of Iraq and "
     "the Levant (ISIL), including the Maute and Abu Sayyaf Salafi jihadist groups.",
     {("Philippine government security forces", "actor", "Military Forces of the Philippines"),
      ("Islamic State of Iraq and the Levant", "actor", "Islamic State"), ("Abu Sayyaf", "actor", "Abu Sayyaf")}),
    ("realworld/Battle_of_Raqqa_2017_wikipedia_mirror.txt",
     "launched by the Syrian Democratic Forces (SDF) against the Islamic State (ISIL)",
     {("Syrian Democratic Forces", "actor", "Syrian Democratic Forces"), ("SDF", "actor", "Syrian Democratic Forces"),
      ("Islamic State", "actor", "Islamic State")}),
    ("wikipedia/ContinuityIrishRepublicanArmy.txt",
     "Since 1994, the CIRA has waged a campaign in Northern Ireland against the British Army and the Police "
     "Service of Northern Ireland (PSNI), formerly the Royal Ulster Constabulary.",
     {("CIRA", "actor", "Continuity Irish Republican Army"),
      ("British Army", "actor", "Military Forces of the United Kingdom"),
      ("Police Service of Northern Ireland", "actor", "Police Forces of the United Kingdom"),
      ("Royal Ulster Constabulary", "actor", "Police Forces of the United Kingdom")}),
    ("wikipedia/Lehi(militantgroup).txt", "Lehi split from the Irgun militant group in 1940",
     {("Lehi", "actor", "Lehi"), ("Irgun", "actor", "Irgun")}),
    ("wikipedia/Fatah–Hamasconflict.txt", "is an ongoing political and strategic conflict between Fatah and Hamas",
     {("Fatah", "actor", "Fatah"), ("Hamas", "actor", "Hamas")}),
    ("wikipedia/ShiningPath.txt", "The Shining Path (Spanish: Sendero Luminoso), officially the Communist Party of Peru",
     {("Shining Path", "actor", "Shining Path"), ("Sendero Luminoso", "actor", "Shining Path"),
      ("Communist Party of Peru", "actor", "Shining Path")}),
    ("wikipedia/FalklandsWar.txt", "By mid-April, the Royal Air Force had set up an airbase",
     {("Royal Air Force", "actor", "Military Forces of the United Kingdom")}),
])
def test_mentions_in_real_sentences(source: str, sentence: str, expected: set) -> None:
    assert expected <= triples(mentions_of(sentence, source))


@pytest.mark.parametrize("sentence, written, label, canonical", [
    ("retook Tal Afar from ISIL", "Tal Afar", "GPE", "Tal Afar"),
    ("retook Tal Afar from ISIL", "ISIL", "ACTOR", "Islamic State"),
    ("Major gains were made by the Peshmerga", "Peshmerga", "ACTOR", "Peshmerga"),
])
def test_gazetteer_wins_over_the_model(sentence: str, written: str, label: str, canonical: str) -> None:
    assert sentence in corpus_text(SEED)
    ents = {ent.text: (ent.label_, ent.ent_id_) for ent in load_nlp()(sentence).ents}
    assert ents[written] == (label, canonical)


ISIL_CONTEXT = PageContext(subject="Islamic State of Iraq and the Levant", aliases=("ISIL", "ISIS", "IS", "Da'esh"),
                           allies=("Boko Haram", "Jundallah (Pakistan)", "Abu Sayyaf"), opponents=("Many nations",),
                           countries=("IQ", "SY"))
RAF_CONTEXT = PageContext(subject="Red Army Faction", aliases=("RAF", "Baader–Meinhof Group"), countries=("DE",))
PIRA_CONTEXT = PageContext(subject="Provisional Irish Republican Army",
                           aliases=("Provisional IRA", "Irish Republican Army", "IRA", "Provos"), countries=("GB", "IE"))
FALKLANDS_CONTEXT = PageContext(subject=None, countries=("AR", "GB"))


@pytest.mark.parametrize("source, sentence, context, written, canonical", [
    (SEED, "The Islamic State of Iraq and the Levant (ISIL, ISIS, IS; also Da'esh) is a jihadist and terror group",
     ISIL_CONTEXT, "IS", "Islamic State"),
    (SEED, "The Islamic State of Iraq and the Levant (ISIL, ISIS, IS; also Da'esh) is a jihadist and terror group",
     ISIL_CONTEXT, "Islamic State of Iraq and the Levant", "Islamic State"),
    (SEED, "Jundallah (Pakistan); Caucasus Emirate", ISIL_CONTEXT, "Jundallah (Pakistan)", "Jundallah (Pakistan)"),
    ("wikipedia/RedArmyFaction.txt", "The RAF described itself as a communist, anti-imperialist, and urban guerrilla "
     "group", RAF_CONTEXT, "RAF", "Red Army Faction"),
    ("wikipedia/FalklandsWar.txt", "39 Squadron RAF, disguised in Chilean Air Force markings", FALKLANDS_CONTEXT,
     "RAF", "Military Forces of the United Kingdom"),
    ("wikipedia/ProvisionalIrishRepublicanArmy.txt", "due to a split within the previous incarnation of the IRA",
     PIRA_CONTEXT, "IRA", "Provisional Irish Republican Army"),
])
def test_page_context(source: str, sentence: str, context: PageContext, written: str, canonical: str) -> None:
    found = {m.text: m for m in mentions_of(sentence, source, context)}
    assert found[written].canonical == canonical
    assert found[written].kind == "actor"


@pytest.mark.parametrize("written, context, canonical", [
    ("RAF", RAF_CONTEXT, "Red Army Faction"),  # the page's own abbreviation
    ("RAF", FALKLANDS_CONTEXT, "Military Forces of the United Kingdom"),  # the one of the page's countries
    ("Provos", PIRA_CONTEXT, "Provisional Irish Republican Army"),
    ("RAF", PageContext(), None),  # ambiguous with nothing to go on
    ("Hamas", RAF_CONTEXT, None),  # the page says nothing of it: the gazetteer decides, not the page
])
def test_context_actor(written: str, context: PageContext, canonical: str | None) -> None:
    assert context_actor(written, context) == canonical


@pytest.mark.parametrize("source, sentence, written, canonical", [
    ("wikipedia/RedArmyFaction.txt", "The RAF described itself as a communist, anti-imperialist, and urban "
     "guerrilla group", "RAF", "RAF"),  # ambiguous (Royal Air Force, Red Army Faction) without a context: as written
    ("wikipedia/ProvisionalIrishRepublicanArmy.txt", "due to a split within the previous incarnation of the IRA",
     "IRA", "Irish Republican Army"),
    (SEED, "Opponents Many nations", "Many nations", None),
])
def test_without_context(source: str, sentence: str, written: str, canonical: str | None) -> None:
    context = ISIL_CONTEXT if "Many nations" in sentence else None
    found = {m.text: m.canonical for m in mentions_of(sentence, source, context) if m.kind == "actor"}
    assert found.get(written) == canonical


@pytest.mark.parametrize("source, sentence, written", [
    ("wikipedia/YomKippurWar.txt", "On the morning of October 17, the force was attacked by the 23rd Egyptian "
     "Armored Brigade, but managed to repulse the attack.", "23rd Egyptian Armored Brigade"),
    ("wikipedia/YomKippurWar.txt", "The Egyptian 1st Mechanized Brigade launched a failed attack southward",
     "Egyptian 1st Mechanized Brigade"),
    ("wikipedia/YomKippurWar.txt", "Facing them were 450 soldiers of the Jerusalem Brigade, spread out in 16 forts",
     "Jerusalem Brigade"),
])
def test_model_organisations_named_like_armed_groups(source: str, sentence: str, written: str) -> None:
    found = {m.text: m for m in mentions_of(sentence, source)}
    assert found[written].kind == "actor" and found[written].source == "model"


@pytest.mark.parametrize("source, sentence, expected", [
    (SEED, "Iraqi security forces, backed by Kurdish and U.S. Air Force fighter jets, reclaimed Mosul.",
     {("Kurdish", "actor", "Kurdish forces")}),
    ("wikipedia/YomKippurWar.txt", "Fighting commenced when Egyptian and Syrian forces crossed their corresponding "
     "ceasefire lines with Israel", {("Egyptian", "actor", "Military Forces of Egypt"),
                                     ("Syrian forces", "actor", "Military Forces of Syria")}),
])
def test_coordinated_demonyms(source: str, sentence: str, expected: set) -> None:
    assert expected <= triples(mentions_of(sentence, source))


@pytest.mark.parametrize("source, sentence, written, canonical", [
    (SEED, "eventually resulting in the Fall of Mosul, Iraq's", "Mosul", "Mosul"),
])
def test_event_names_yield_their_place(source: str, sentence: str, written: str, canonical: str) -> None:
    found = {m.text: m for m in mentions_of(sentence, source)}
    assert found[written].kind == "place" and found[written].canonical == canonical


@pytest.mark.parametrize("source, sentence, written", [
    ("wikipedia/FalklandsWar.txt", "On one of these flights on 7 June, an Air Force Learjet 35A was", "Air Force"),
    ("wikipedia/Hamas.txt", "the number of members is known only to the Brigades leadership", "Brigades"),
    ("wikipedia/YomKippurWar.txt", "the Chinese Farm", "Chinese Farm"),
])
def test_not_actors(source: str, sentence: str, written: str) -> None:
    found = mentions_of(sentence, source)
    assert all(not (m.text == written and m.kind == "actor" and m.source in ("model", "fuzzy")) for m in found)


# True misspellings (from the corpus, and common slips of the same names) and near
# misses: real words and names that sit close to an actor's name but are not it.
# The closest near misses score 85.7 ("Tamada" ~ "Tatmadaw") and 83.3 ("Continuity" ~
# "Continuity IRA"); the furthest true misspelling in this list scores 87.5 ("al-Queda").
@pytest.mark.parametrize("written, canonical", [
    ("Pershmerga", "Peshmerga"), ("al-Queda", "al-Qaeda"), ("Peshmergah", "Peshmerga"), ("Hezbolah", "Hezbollah"),
    ("Boko Haran", "Boko Haram"), ("Shinning Path", "Shining Path"), ("Hammas", "Hamas"),
    ("Abu Sayaaf", "Abu Sayyaf"), ("Haganna", "Haganah"), ("Red Army Fraction", "Red Army Faction"),
    ("Syrain Opposition", "Syrian Opposition"), ("Al Quaeda", "al-Qaeda"), ("Talibans", "Taliban"),
    ("Provisonal IRA", "Provisional Irish Republican Army"),
    ("Islamic State of Iraq and the Levan", "Islamic State"),
    ("Iranian Army", None), ("Serbian Army", None), ("Peshawar", None), ("Hamburg", None), ("Continuity", None),
    ("Provisional Government", None), ("Ottoman", None), ("Royalist", None), ("Islamist", None),
    ("Parliament", None), ("Palestinians", None), ("Argentina", None), ("Leaders", None), ("Medical", None),
    ("Persian", None), ("Egyptian", None), ("Kurdistan", None), ("Haifa", None), ("Harel", None),
    ("Tamada", None), ("Chinese Farm", None), ("2nd Infantry Division", None), ("Special Boat Service", None),
])
def test_fuzzy_threshold(written: str, canonical: str | None) -> None:
    hit = fuzzy_actor(written)
    assert (hit[0] if hit else None) == canonical
    if hit:
        assert hit[1] >= FUZZY_CUTOFF


@pytest.mark.parametrize("written, canonical", [
    ("Da'esh", "Islamic State"), ("Daesh", "Islamic State"), ("ISIS", "Islamic State"),
    ("the Islamic State of Iraq and the Levant", "Islamic State"), ("Kurdish Peshmerga", "Peshmerga"),
    ("Iraqi security forces", "Military Forces of Iraq"), ("Iraqi government", "Government of Iraq"),
    ("Egyptians", "Military Forces of Egypt"), ("Russian fleet", "Military Forces of Russia"),
    ("Colombian military aircraft", "Military Forces of Colombia"),
    ("U.S. Air Force", "Military Forces of the United States"), ("Russian forces", "Military Forces of Russia"),
    ("Argentine forces", "Military Forces of Argentina"), ("PLA", "Military Forces of China"),
    ("Indian Army", "Military Forces of India"), ("IDF", "Military Forces of Israel"),
    ("Jundallah (Pakistan)", "Jundallah (Pakistan)"), ("Sendero Luminoso", "Shining Path"),
    ("Óglaigh na hÉireann", "Irish Republican Army"), ("حماس", "Hamas"),
    ("צבא ההגנה לישראל", "Military Forces of Israel"), ("Rote Armee Fraktion", "Red Army Faction"),
    ("Euskadi Ta Askatasuna", "ETA"), ("FARC–EP", "FARC"), ("Iraqi civilians", "Civilians (Iraq)"),
    ("al-Shabaab", "Al Shabaab"), ("Somali police", "Police Forces of Somalia"), ("Kurdish fighters", "Kurdish forces"),
    ("Many nations", None), ("Scotland", None), ("", None),
])
def test_canonical_actor(written: str, canonical: str | None) -> None:
    assert canonical_actor(written) == canonical


@pytest.mark.parametrize("source", [SEED, "realworld/Battle_of_Tal_Afar_2017_wikipedia.txt",
                                    "wikipedia/Fatah.txt", "althistory/Iraqi_Civil_War_Scotland_says_Yes.txt"])
def test_mentions_are_views_into_the_text(source: str) -> None:
    text = corpus_text(source)
    found = find_mentions(load_nlp()(text), ISIL_CONTEXT)
    assert found, source
    assert all(text[m.start:m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert {m.kind for m in found} <= {"actor", "place"}
    assert {m.source for m in found} <= {"gazetteer", "context", "fuzzy", "model"}


def test_actor_data_file() -> None:
    data = load_yaml("actors.yaml")
    header = (Path(__file__).resolve().parents[2] / "annalyst" / "data" / "actors.yaml").read_text()[:2000]
    assert "CC BY-SA" in header and "ACLED" in header
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK", "SU"}
    for entry in data["actors"]:
        assert entry["kind"] in KINDS, entry["name"]
        assert set(entry.get("countries") or ()) <= codes, entry["name"]
    assert len(actor_table().actors) >= 300


def test_hand_written_forms_name_one_actor() -> None:
    owners: dict[str, set[str]] = {}
    for entry in load_yaml("actors.yaml")["actors"]:
        forms = [entry["name"], *(entry.get("aliases") or ()), *(entry.get("abbr") or ()),
                 *(n for names in (entry.get("native") or {}).values() for n in names),
                 *(entry.get("misspellings") or ())]
        for written in forms:
            owners.setdefault(written, set()).add(entry["name"])
    assert {w: o for w, o in owners.items() if len(o) > 1} == {}
