"""Profiles read back from the store: values merged across pages, contradictions reported."""
from __future__ import annotations

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
