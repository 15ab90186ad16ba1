"""Names from the lead sentence of real pages (../shared/corpus, CC BY-SA)."""
from __future__ import annotations

import pytest

from annalyst.extract.names import lead_names
from annalyst.read.page import read_page
from tests.conftest import CORPUS, SEED


def _names(path):
    doc = read_page(path)
    return doc, lead_names(doc, doc.source.title.split(" (")[0])


@pytest.mark.parametrize("path, kind, value, lang", [
    (SEED, "alias", "ISIL", None),
    (SEED, "alias", "IS", None),
    (SEED, "alias", "Da'esh", None),
    (CORPUS / "wikipedia" / "ShiningPath.txt", "native_name", "Sendero Luminoso", "es"),
    (CORPUS / "wikipedia" / "ShiningPath.txt", "abbreviation", "PCP", None),
    (CORPUS / "wikipedia" / "RevolutionaryArmedForcesofColombia.txt", "alias", "FARC–EP", None),
    (CORPUS / "wikipedia" / "RevolutionaryArmedForcesofColombia.txt", "alias", "FARC", None),
    (CORPUS / "wikipedia" / "Hamas.txt", "native_name", "حماس", "ar"),
    (CORPUS / "wikipedia" / "Hamas.txt", "romanization", "Ḥamās", "ar"),  # the Arabic name, romanized
    (CORPUS / "wikipedia" / "ProvisionalIrishRepublicanArmy.txt", "native_name", "Óglaigh na hÉireann", "ga"),
    (CORPUS / "wikipedia" / "Lehi(militantgroup).txt", "alias", "Stern Gang", None),
    (CORPUS / "wikipedia" / "YomKippurWar.txt", "alias", "Ramadan War", None),
    (CORPUS / "realworld" / "Peshmerga_simple_wikipedia.txt", "native_name", "پێشمەرگە", "ku"),
])
def test_lead_names(path, kind, value, lang):
    doc, names = _names(path)
    match = [n for n in names if n.value == value and n.kind == kind]
    assert match, [(n.value, n.kind) for n in names]
    assert match[0].lang == lang
    assert value in doc.text[match[0].span.start:match[0].span.end]


@pytest.mark.parametrize("path, not_a_name", [
    (CORPUS / "wikipedia" / "RedArmyFaction.txt", "active 1970–1998"),
    (CORPUS / "wikipedia" / "Hamas.txt", "UK"),
    (CORPUS / "wikipedia" / "IrishCivilWar.txt", "28 June 1922 – 24 May 1923"),
])
def test_lead_parenthesis_noise_is_not_a_name(path, not_a_name):
    _, names = _names(path)
    assert not_a_name not in [n.value for n in names]
