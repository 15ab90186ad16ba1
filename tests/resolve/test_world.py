"""One world from many pages (annalyst/resolve/world.py), on the seed's wiki: names that pages
write differently are one entity, different entities stay apart, and an analyst's decisions
survive re-ingest."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from annalyst.pipeline import ingest
from annalyst.resolve import entity_for, events_of, world_profile
from annalyst.resolve.entities import names_of
from annalyst.resolve.world import _without_demonym, _without_status, lookup
from annalyst.store.db import open_store
from tests.conftest import CORPUS, SEED

runner = CliRunner()


@pytest.mark.parametrize("names", [
    ("Kurdistan", "Republic of Kurdistan", "an independent Kurdistan", "Independent Kurdistan",
     "the independent Kurdistan"),
    ("Peshmerga", "Pershmerga", "Kurdish Peshmerga"),
    ("Islamic State of Iraq and the Levant", "ISIL", "ISIS", "Islamic State"),
    ("Erbil Conference", "كۆنگرەى هەولێر"),
])
def test_names_pages_write_differently_are_one_entity(althistory, names):
    found = {n: entity_for(althistory, n) for n in names}
    assert None not in found.values(), found
    assert len(set(found.values())) == 1, found


@pytest.mark.parametrize("a, b", [
    ("Syria", "Syrian opposition"),
    ("Iraq", "Kurdistan"),
    ("Peshmerga", "Islamic State"),
    ("Scotland", "Northern Isles"),
])
def test_different_entities_stay_apart(althistory, a, b):
    assert entity_for(althistory, a) is not None and entity_for(althistory, b) is not None
    assert entity_for(althistory, a) != entity_for(althistory, b)


def test_a_region_is_not_a_name_of_the_state_it_is_named_after(althistory):
    """ "the border of Iraqi Kurdistan" (a region of Iraq, named only in prose) is no name of the state Kurdistan."""
    assert "iraqi kurdistan" not in {n.casefold() for n in names_of(althistory, "Kurdistan")}
    assert "Kurdistan" in names_of(althistory, "Kurdistan")


def test_every_name_another_page_gives_is_cited_with_its_rule(althistory):
    shown = world_profile(althistory, entity_for(althistory, "Kurdistan"))
    names = {n["value"]: n for n in shown["names_across_pages"]}
    independent = names["an independent Kurdistan"]
    assert independent["rule"] == "status-premodifier"
    sources = {e["source_id"] for e in independent["evidence"]}
    assert "Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes" in sources
    text = {e["source_id"]: e for e in independent["evidence"]}
    doc = althistory.db.execute("SELECT text FROM documents WHERE source_id = ?",
                                ("Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes",)).fetchone()["text"]
    e = text["Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes"]
    assert doc[e["start"]:e["end"]] == e["text"] == "an independent Kurdistan"


def test_an_actor_no_page_is_about_is_one_entity_with_its_events_from_every_page(althistory):
    shown = world_profile(althistory, entity_for(althistory, "Pershmerga"))
    assert shown["name"]["value"] == "Peshmerga"
    assert {n["value"] for n in shown["names_across_pages"]} >= {"Peshmerga", "Pershmerga"}
    sources = {e["source_id"] for e in shown["events"]}
    assert "Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes" in sources
    assert any("Iraqi_Civil_War" in s for s in sources)
    assert events_of(althistory, "Kurdish Peshmerga") == shown["events"]


@pytest.mark.parametrize("written, rest", [
    ("an independent Kurdistan", "Kurdistan"),
    ("Independent Kurdistan", "Kurdistan"),
    ("the self-proclaimed Donetsk People's Republic", "Donetsk People's Republic"),
    ("an autonomous Rojava", "Rojava"),
])
def test_status_words_before_a_state_describe_it(written, rest):
    assert _without_status(written) == rest


@pytest.mark.parametrize("written", ["Free Syrian Army", "New Zealand", "United Kingdom", "the Kurdistan",
                                     "independent"])
def test_names_that_begin_otherwise_keep_their_words(written):
    assert _without_status(written) is None


@pytest.mark.parametrize("written, rest", [("Kurdish Peshmerga", "Peshmerga"), ("the Iraqi Peshmerga", "Peshmerga")])
def test_a_demonym_before_a_group_qualifies_it(written, rest):
    assert _without_demonym(written) == rest


def test_a_demonym_that_is_the_whole_name_is_no_qualifier():
    assert _without_demonym("Kurdish") is None


def test_an_override_survives_a_full_reingest(tmp_path):
    page = tmp_path / "kurdistan.txt"
    page.write_text((CORPUS / "althistory" / "Kurdistan_Scotland_says_Yes.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    db = tmp_path / "annalyst.db"
    store = open_store(db)
    assert not ingest([SEED, page], store).errors
    isil, kurdistan = entity_for(store, "ISIL"), entity_for(store, "Kurdistan")
    assert isil != kurdistan
    result = runner.invoke(app, ["split", "--db", str(db), "Islamic State of Iraq and the Levant", "ISIS"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["merge", "--db", str(db), "Kurdistan", "Republic of Kurdistan"])
    assert result.exit_code == 0, result.output
    assert entity_for(store, "ISIS") not in (None, isil)
    # every page changes and is stored again: the decisions are kept apart from the sources
    page.write_text(page.read_text(encoding="utf-8") + "\nKurdistan held a census.\n", encoding="utf-8")
    seed_copy = tmp_path / "seed.txt"
    seed_copy.write_text(SEED.read_text(encoding="utf-8") + "\nThe group was discussed.\n", encoding="utf-8")
    report = ingest([seed_copy, page], store)
    assert not report.errors and {s for _, s in report.stored} <= {"added", "replaced"}
    assert entity_for(store, "ISIS") not in (None, entity_for(store, "ISIL"))
    assert entity_for(store, "Kurdistan") == entity_for(store, "Republic of Kurdistan")
    assert lookup(store, "ISIS") == entity_for(store, "ISIS")


def test_an_override_of_an_unknown_name_is_refused(tmp_path):
    db = tmp_path / "annalyst.db"
    assert not ingest([SEED], open_store(db)).errors
    result = runner.invoke(app, ["merge", "--db", str(db), "ISIL", "Nowhere Brigade"])
    assert result.exit_code == 1 and "Nowhere Brigade" in result.output


def test_an_overrides_file_with_a_bad_item_names_it_and_writes_nothing(tmp_path):
    db = tmp_path / "annalyst.db"
    store = open_store(db)
    assert not ingest([SEED], store).errors
    bad = tmp_path / "overrides.yaml"
    bad.write_text("- merge: [ISIL, ISIS]\n- split: [ISIL]\n", encoding="utf-8")
    result = runner.invoke(app, ["overrides", "--db", str(db), str(bad)])
    assert result.exit_code == 1
    assert store.db.execute("SELECT count(*) FROM overrides").fetchone()[0] == 0
    good = tmp_path / "good.yaml"
    good.write_text("- split: [ISIL, ISIS]\n  note: another group\n", encoding="utf-8")
    assert runner.invoke(app, ["overrides", "--db", str(db), str(good)]).exit_code == 0
    assert entity_for(store, "ISIS") != entity_for(store, "ISIL")
