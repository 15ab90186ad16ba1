"""Profiles read back from the store: values merged across pages, contradictions reported."""
from __future__ import annotations

import pytest

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from annalyst.store.profiles import find_entity, profile
from tests.conftest import CORPUS, SEED


def test_same_values_from_two_pages_merge_with_both_citations(db_path):
    store = open_store(db_path)
    copy = CORPUS / "althistory" / "Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes.txt"
    ingest([SEED, copy], store)
    found = profile(store, find_entity(store, "ISIL"))
    assert len(found["allies"]) == 14
    assert {ev["source_id"] for ev in found["active"]["evidence"]} == {SEED.stem, copy.stem}
    assert [a["value"] for a in found["aliases"]].count("ISIS") == 1
    assert "contradicted_by" not in found["active"]


def test_pages_that_disagree_are_reported(db_path, tmp_path):
    other = tmp_path / "isil-other-page.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("Active 1999-2018", "Active 1999-2017"),
                     encoding="utf-8")
    store = open_store(db_path)
    ingest([SEED, other], store)
    active = profile(store, find_entity(store, "ISIL"))["active"]
    assert active["edtf"] == "1999/2018"
    assert [c["edtf"] for c in active["contradicted_by"]] == ["1999/2017"]
    assert active["contradicted_by"][0]["evidence"][0]["source_id"] == "isil-other-page"


def _save(store, *pages):
    from annalyst.extract.profile import extract_profile
    from annalyst.read.page import read_page
    for page in pages:
        doc = read_page(CORPUS / page)
        store.save(doc, extract_profile(doc))


@pytest.mark.parametrize("query, kind", [
    ("Politics of Syria", "other"), ("PoliticsofSyria", "other"), ("Telescope", "other"),
    ("Bishkek", "state_or_place"), ("Hamas", "armed_group"), ("DB (car)", "organization"), ("DB", "organization"),
])
def test_show_finds_every_page_by_its_title_whatever_its_kind(db_path, query, kind):
    store = open_store(db_path)
    _save(store, "wild/PoliticsofSyria.txt", "wild/Telescope.txt", "wild/Bishkek.txt", "wikipedia/Hamas.txt",
          "wild/DB(car).txt")
    found = profile(store, find_entity(store, query))
    assert found["kind"] == kind
    assert found["kind_evidence"] and all(e["extractor"].startswith("extract.kind.") for e in found["kind_evidence"])


def test_a_raw_infobox_label_never_takes_a_profile_key(db_path):
    """ZX80's infobox has a "Media" row: it stays a fact of its own, the page's media stay media."""
    store = open_store(db_path)
    _save(store, "wild/ZX80.txt")
    found = profile(store, find_entity(store, "ZX80"))
    assert isinstance(found["media"], list) and "infobox_media" in found
    assert found["infobox_media"][0]["evidence"][0]["text"]
