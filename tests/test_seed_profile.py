"""The seed's profile, compared field by field with ../shared/corpus/seed/expected-profile.json.

The expected values are read from that file at run time; none are copied here.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from tests.conftest import CORPUS, SEED

EXPECTED = json.loads((CORPUS / "seed" / "expected-profile.json").read_text(encoding="utf-8"))
INFOBOX_FIELDS = [k for k in EXPECTED if not k.startswith("_") and k not in ("from_prose", "media", "license", "aliases")]


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("seed") / "annalyst.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEED), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["show", EXPECTED["name"]["value"], "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _items(value) -> list:
    return value if isinstance(value, list) else [value]


def _matches(expected, got: dict) -> bool:
    """Every key the expected entry gives (but notes and quotes) has the same value."""
    if isinstance(expected, str):
        return got.get("value") == expected
    return all(got.get(k) == v for k, v in expected.items() if k not in ("quote", "note"))


def _quote(expected) -> str:
    return expected if isinstance(expected, str) else expected["quote"]


@pytest.mark.parametrize("field", INFOBOX_FIELDS + ["aliases"])
def test_field_values_match(shown, field):
    wanted = _items(EXPECTED[field])
    got = _items(shown[field])
    for item in wanted:
        assert any(_matches(item, g) for g in got), f"{field}: {item} not in {got}"
    if isinstance(EXPECTED[field], list):
        assert len(got) == len(wanted), f"{field}: {len(got)} values, expected {len(wanted)}"


@pytest.mark.parametrize("field", INFOBOX_FIELDS + ["aliases"])
def test_field_evidence_quotes_the_source(shown, field):
    text = SEED.read_text(encoding="utf-8")
    for item in _items(EXPECTED[field]):
        got = next(g for g in _items(shown[field]) if _matches(item, g))
        assert got["evidence"], f"{field}: no evidence"
        assert any(_quote(item) in ev["text"] for ev in got["evidence"]), (field, got["evidence"])
        for ev in got["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_media_is_kept_apart_from_facts(shown):
    for item in EXPECTED["media"]:
        assert {"file": item["file"], "caption": item["caption"]} in [
            {"file": m["file"], "caption": m["caption"]} for m in shown["media"]]
    stored_values = [g.get("value") for f in INFOBOX_FIELDS for g in _items(shown[f])]
    assert not any(m["file"] in str(v) for m in EXPECTED["media"] for v in stored_values)


def test_licence_from_footer(shown):
    assert shown["license"]["value"] == EXPECTED["license"]["value"]
    assert any(EXPECTED["license"]["quote"] in ev["text"] for ev in shown["license"]["evidence"])
