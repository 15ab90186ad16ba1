"""Every page of ../shared/corpus/wikipedia ingests; profiles are sensible (CC BY-SA 4.0)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("wiki") / "annalyst.db"
    result = runner.invoke(app, ["ingest", str(CORPUS / "wikipedia"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("added:") == len(list((CORPUS / "wikipedia").glob("*.txt")))
    return path


def _show(db, name):
    result = runner.invoke(app, ["show", name, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("query, name, alias, native, lang", [
    ("Shining Path", "Shining Path", "PCP", "Sendero Luminoso", "es"),
    ("FARC", "Revolutionary Armed Forces of Colombia", "FARC–EP", "Fuerzas Armadas Revolucionarias de Colombia – Ejército del Pueblo", "es"),
    ("Hamas", "Hamas", "Ḥamās", "حماس", "ar"),
    ("Provisional IRA", "Provisional Irish Republican Army", "IRA", "Óglaigh na hÉireann", "ga"),
    ("RAF", "Red Army Faction", "Baader–Meinhof Group", "Rote Armee Fraktion", "de"),
    ("Fatah", "Fatah", "Palestinian National Liberation Movement", "فتح", "ar"),
    ("Six-Day War", "Six-Day War", "June War", "מִלְחֶמֶת שֵׁשֶׁת הַיָּמִים", "he"),
])
def test_profile_has_name_aliases_native_names(db, query, name, alias, native, lang):
    found = _show(db, query)
    assert found["name"]["value"] == name
    assert alias in [a["value"] for a in found["aliases"]]
    natives = {(n["value"], n["lang"]) for n in found.get("native_name", [])}
    assert (native, lang) in natives
    assert found["license"]["value"] == "CC BY-SA 4.0"
