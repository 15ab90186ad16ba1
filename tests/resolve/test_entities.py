"""One entity for a page's profile and its events (annalyst/resolve), on the seed
(../shared/corpus/seed, CC BY-SA) and real Wikipedia pages (CC BY-SA 4.0)."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from annalyst.pipeline import ingest
from annalyst.resolve import events_of, names_of
from annalyst.store.db import open_store
from tests.conftest import CORPUS, SEED

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("resolve") / "annalyst.db"
    report = ingest([SEED, CORPUS / "wild" / "Telescope.txt"], open_store(path))
    assert not report.errors
    return open_store(path)


@pytest.mark.parametrize("name", ["ISIL", "ISIS", "Da'esh", "Islamic State of Iraq and the Levant", "Islamic State"])
def test_the_profile_and_its_events_are_one_entity_under_any_name(store, name):
    assert "Islamic State" in names_of(store, name)
    found = events_of(store, name)
    assert len(found) >= 5
    assert all("Islamic State" in (e["actor1"], e["actor2"], *(e["assoc_actor_1"] or [])) for e in found)
    assert [e["id"] for e in found] == [e["id"] for e in events_of(store, "ISIL")]


def test_show_lists_the_events_and_the_actor_name_with_a_citation(store, tmp_path):
    db = store.db.execute("PRAGMA database_list").fetchone()["file"]
    result = runner.invoke(app, ["show", "ISIS", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert len(shown["events"]) == len(events_of(store, "ISIL"))
    (actor_name,) = shown["actor_names"]
    assert actor_name["value"] == "Islamic State"
    text = SEED.read_text(encoding="utf-8")
    ev = actor_name["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["text"] and "Islamic State" in ev["text"]
    assert "Islamic State" not in [a["value"] for a in shown["aliases"]]  # the page's own names stay apart


def test_a_page_that_is_no_actor_gets_no_actor_names(store):
    db = store.db.execute("PRAGMA database_list").fetchone()["file"]
    shown = json.loads(runner.invoke(app, ["show", "Telescope", "--json", "--db", db]).stdout)
    assert shown["kind"] == "other" and "actor_names" not in shown


def test_the_store_imports_nothing_from_the_extractors_or_readers():
    """Layering: the store saves and reads the types of model.py; it never imports extract/ or read/."""
    store_dir = Path(__file__).resolve().parents[2] / "annalyst" / "store"
    for path in sorted(store_dir.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("annalyst.extract", "annalyst.read")), (path.name, node.module)


def test_opponents_come_from_territory_the_subject_loses_or_takes_never_from_its_allies():
    """The seed's battles for Tal Afar and Mosul name the Peshmerga and the Iraqi security forces;
    an event coder's "clash" with a named ally would not make it an opponent."""
    from dataclasses import replace as _replace
    from annalyst.pipeline import page_events
    from annalyst.extract.profile import extract_profile
    from annalyst.read.page import read_page
    from annalyst.resolve.entities import resolve_page
    from tests.conftest import SEED
    doc = read_page(SEED)
    profile = extract_profile(doc)
    events = page_events(doc, profile)
    resolved = resolve_page(profile, events)
    derived = {f.value for f in resolved.facts if f.field == "opponents"
               and f.evidence[0].extractor == "resolve.entities"}
    assert derived == {"Peshmerga", "Military Forces of Iraq"}
    # the same battles, with the Peshmerga named an ally on the page: no longer an opponent
    allied = _replace(profile, facts=(*profile.facts, _replace(
        next(f for f in profile.facts if f.field == "allies"), value="Peshmerga")))
    derived = {f.value for f in resolve_page(allied, events).facts if f.field == "opponents"
               and f.evidence[0].extractor == "resolve.entities"}
    assert derived == {"Military Forces of Iraq"}
