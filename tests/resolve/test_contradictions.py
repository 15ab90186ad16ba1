"""Contradictions between sources, on the seed (../shared/corpus/seed, CC BY-SA) with one claim
changed in a copy of it, and harmless variants that must not be reported."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from annalyst.pipeline import ingest
from annalyst.resolve.contradictions import contradictions
from annalyst.store.db import open_store
from tests.conftest import SEED

runner = CliRunner()


def _with(tmp_path, old: str, new: str):
    copy = tmp_path / "isil-other-page.txt"
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new), encoding="utf-8")
    store = open_store(tmp_path / "annalyst.db")
    assert not ingest([SEED, copy], store).errors
    return store


def _with_copy(tmp_path, page, old: str, new: str):
    """A store holding a real page and a copy of it, from a mirror's address, with ``old`` once made ``new``."""
    text = page.read_text(encoding="utf-8")
    assert text.count(old) == 1
    copy = tmp_path / f"{page.stem}-copy.txt"
    copy.write_text(re.sub(r"^(source: https?://)", r"\1mirror.", text.replace(old, new), count=1, flags=re.M),
                    encoding="utf-8")
    store = open_store(tmp_path / "annalyst.db")
    assert not ingest([page, copy], store).errors
    return store


@pytest.mark.parametrize("old, new, kind", [
    ("Active 1999-2018", "Active 1999-2016", "dates"),        # the periods end in different years
    ("Active 1999-2018", "Active 2001-2018", "dates"),
    ("52,600–257,900", "1,000–2,000", "counts"),              # ranges that do not overlap
])
def test_claims_that_cannot_both_hold_are_reported_with_both_citations(tmp_path, old, new, kind):
    store = _with(tmp_path, old, new)
    everything = contradictions(store)
    found = [c for c in everything if c.kind == kind]
    assert [(c.kind, c.entity) for c in found] == [(kind, "Islamic State of Iraq and the Levant")]
    # a shorter life also puts the page's own events outside the other copy's life: implied, and nothing else
    assert {c.kind for c in everything} - {kind} <= {"outside-life"}
    sources = {claim["source_id"] for claim in found[0].claims}
    assert sources == {SEED.stem, "isil-other-page"}
    quotes = [claim["evidence"][0]["text"] for claim in found[0].claims]
    assert any(new.split()[-1] in q for q in quotes)


@pytest.mark.parametrize("old, new", [
    ("Active 1999-2018", "Active 1999-2018"),                  # the same claim twice
    ("52,600–257,900", "200,000"),                             # a count inside the range
    ("52,600–257,900", "40,000+"),                             # an open range that overlaps
])
def test_harmless_variants_are_not_reported(tmp_path, old, new):
    assert contradictions(_with(tmp_path, old, new)) == []


def test_check_prints_json_and_markdown(tmp_path):
    _with(tmp_path, "Active 1999-2018", "Active 1999-2016")
    db = str(tmp_path / "annalyst.db")
    result = runner.invoke(app, ["check", "--db", db, "--format", "json", "--kind", "dates"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["field"] == "active" and {c["value"] for c in item["claims"]} == {"1999/2018", "1999/2016"}
    markdown = runner.invoke(app, ["check", "--db", db, "--format", "markdown"]).stdout
    assert markdown.startswith("## Contradictions between sources") and "1999-2016" in markdown
    assert runner.invoke(app, ["check", "--db", db, "--kind", "nonsense"]).exit_code == 2


def test_the_erbil_conference_conflict_is_reported_with_all_three_citations(althistory):
    """The ISIL page says "in late 2014", the Kurdistan page's infobox "17th December 2015", the
    conference's own page "Signed on 21st December 2015"."""
    found = [c for c in contradictions(althistory, "dates") if c.entity == "Erbil Conference"]
    quotes = {q["evidence"][0]["text"] for c in found for q in c.claims}
    assert quotes == {"late 2014", "Erbil Conference 17th December 2015", "21st December 2015"}
    severity = {frozenset(str(q["value"]) for q in c.claims): c.severity for c in found}
    assert severity[frozenset({"late 2014", "2015-12-17"})] == "high"
    assert severity[frozenset({"2015-12-17", "2015-12-21"})] == "low"  # days apart: a meeting, then its signing
    for c in found:
        for claim in c.claims:
            e = claim["evidence"][0]
            doc = althistory.db.execute("SELECT text FROM documents WHERE source_id = ?", (e["source_id"],)).fetchone()
            assert doc["text"][e["start"]:e["end"]] == e["text"]


def test_the_markdown_report_makes_page_text_inert(althistory):
    from annalyst.resolve.contradictions import as_markdown
    text = as_markdown(contradictions(althistory, "dates"))
    assert "Kurdistan \\(Scotland says" in text  # brackets of a title escaped, the link kept
    assert "](<http://althistory.wikia.com/wiki/Kurdistan_" in text


@pytest.mark.parametrize("entity, field, values", [
    # Scotland's infobox, the United Kingdom's ("Scottish Independence") and the Northern Isles' prose
    ("Scotland", "independence", {"2015-05-01", "2015-05-05", "2015-03-15"}),
    # the Syrian Civil War's infobox date against "in 2015 Syria was plunged into civil war"
    ("Syria", "civil war", {"2011-03-15/..", "2015"}),
])
def test_a_states_milestones_dated_differently_across_pages_are_reported(althistory, entity, field, values):
    found = [c for c in contradictions(althistory, "dates") if c.entity == entity and c.field == field]
    assert found
    assert {claim["value"] for c in found for claim in c.claims} == values
    for c in found:
        assert c.claims[0]["source_id"] != c.claims[1]["source_id"]
        for claim in c.claims:  # each quote slices back out of its stored page
            e = claim["evidence"][0]
            doc = althistory.db.execute("SELECT text FROM documents WHERE source_id = ?", (e["source_id"],)).fetchone()
            assert doc["text"][e["start"]:e["end"]] == e["text"]


def test_a_sources_most_precise_date_is_its_claim(althistory):
    """Scotland's page says "May 2015" in prose and "1 May 2015" in its infobox: the 1st is its claim,
    so the United Kingdom's 5 May contradicts it (closely), and no page contradicts itself."""
    found = [c for c in contradictions(althistory, "dates") if c.entity == "Scotland"]
    pair = [c for c in found if {cl["value"] for cl in c.claims} == {"2015-05-01", "2015-05-05"}]
    assert [c.severity for c in pair] == ["low"]


def test_a_profile_lists_every_sources_value_where_they_disagree(althistory):
    from annalyst.resolve import entity_for, world_profile
    shown = world_profile(althistory, entity_for(althistory, "Scotland"))
    values = {(i["field"], i["value"], i["title"]) for i in shown["sources_disagree"]}
    assert {v[:2] for v in values} == {("independence", "2015-03-15"), ("independence", "2015-05-01"),
                                       ("independence", "2015-05-05")}
    assert len({v[2] for v in values}) == 3  # three pages, each with its own value
    assert all(i["evidence"] for i in shown["sources_disagree"])


def test_the_timeline_tells_one_event_once_with_every_telling(althistory):
    """The retaking of Tal Afar on 8 March 2016 is told by the ISIL page and the Iraqi Civil War page."""
    from annalyst.resolve.coreference import merged_timeline
    from annalyst.store.timeline import timeline
    merged = merged_timeline(althistory)
    tal_afar = [e for e in merged
                if e["location"] == "Tal Afar" and e["sub_event_type"] == "Government regains territory"]
    assert len(tal_afar) == 1
    assert len({t["source_id"] for t in tal_afar[0]["tellings"]}) == 2
    assert len(merged) < len(timeline(althistory))


def test_the_mosul_conflict_two_holders_at_once(althistory):
    """The Iraqi Civil War page has Mosul liberated by April 2016; the ISIL page has ISIL holding it from
    June 2014 until Iraqi forces reclaimed it in July 2017."""
    found = [c for c in contradictions(althistory, "holders") if c.entity == "Mosul"]
    assert found
    values = {claim["value"] for c in found for claim in c.claims}
    assert "Islamic State from 2014-06 until 2017-07" in values
    assert any(v.endswith("from 2016-04") for v in values)
    assert {claim["source_id"] for c in found for claim in c.claims} >= {
        "Islamic_State_of_Iraq_and_the_Levant_Scotland_says_Yes"}


PHILIPPINES = SEED.parent.parent / "althistory" / "Philippines_Scotland_says_Yes.txt"


@pytest.mark.parametrize("new, reported", [
    (" -  Independence recognized July 4, 1948", True),     # another day for the same row
    (" -  Independence recognized July 1946", False),       # the same day, less precisely
])
def test_an_establishment_row_of_no_known_milestone_is_compared_by_its_label(tmp_path, new, reported):
    """Infobox country's established_event rows are one-time events of their state, whatever they are."""
    old = " -  Independence recognized July 4, 1946"
    store = _with_copy(tmp_path, PHILIPPINES, old, new)
    found = [c for c in contradictions(store, "dates") if c.field == "independence recognized"]
    assert bool(found) is reported


def test_a_state_called_federal_and_unitary_is_reported_even_by_one_page(althistory):
    """The United Kingdom's infobox says "Federal Parliamentary Constitutional Monarchy", its lead "It is a
    unitary state": one page contradicting itself is a continuity error too."""
    found = [c for c in contradictions(althistory, "attributes") if c.entity == "United Kingdom"]
    assert [c.field for c in found] == ["form of state"]
    quotes = sorted(claim["evidence"][0]["text"] for claim in found[0].claims)
    assert quotes == ["Federal Parliamentary Constitutional Monarchy", "unitary"]
    assert {claim["source_id"] for claim in found[0].claims} == {
        "https://althistory.fandom.com/wiki/United_Kingdom_(Scotland_says_%22Yes%22)"}


CANADA = SEED.parent.parent / "althistory" / "Canada_Scotland_says_Yes.txt"


@pytest.mark.parametrize("new, reported", [
    ("Government Unitary parliamentary constitutional monarchy", True),   # another form
    ("Government Federal constitutional monarchy", False),                # the same form, reworded
    ("Government Parliamentary constitutional monarchy", False),          # no form at all
])
def test_a_copy_giving_another_form_of_state_is_reported(tmp_path, new, reported):
    old = "Government Federal parliamentary constitutional monarchy"
    store = _with_copy(tmp_path, CANADA, old, new)
    assert bool(contradictions(store, "attributes")) is reported


LEHI = SEED.parent.parent / "wikipedia" / "Lehi(militantgroup).txt"


@pytest.mark.parametrize("new, reported", [
    ("'Dissolved': 'May 1948'", False),     # coarser: the page itself tells its 29 May 1948 event after the 28th
    ("'Dissolved': '28 May 1946'", True),   # two years earlier: the copy's life ends before events it does not tell
])
def test_a_source_that_tells_an_event_does_not_put_it_outside_its_life(tmp_path, new, reported):
    """Lehi's page dates its dissolution to 28 May 1948 and tells a change of the group on the 29th: its
    own afterlife, not a contradiction, for its copy as for itself."""
    old = "'Dissolved': '28 May 1948; 75 years ago'"
    store = _with_copy(tmp_path, LEHI, old, new)
    assert bool(contradictions(store, "outside-life")) is reported
