"""The HTML reader: Fandom's portable infobox, Wikipedia's table.infobox, and the article's own prose.

The page structure follows the two wikis' documented markup; the words come from pages of
../shared/corpus (Kurdistan and the Erbil Conference, Scotland says "Yes").
"""
from __future__ import annotations

import pytest

from annalyst.extract.profile import extract_profile
from annalyst.read.html import looks_like_html, parse_html
from tests.conftest import CORPUS, FIXTURES

LEAD = ("<p>Kurdistan (\"Land of the Kurds\") is a sovereign nation located in the Middle East, around the"
        " geographic area of the Zagros and Tauras Mountains.</p>")


def _page(box: str, body: str = LEAD) -> str:
    return (f"<!DOCTYPE html><html><head><title>Kurdistan | Alternative History | Fandom</title></head><body>"
            f"<h1 class=\"page-header__title\">Kurdistan (Scotland says \"Yes\")</h1>"
            f"<div class=\"mw-parser-output\">{box}{body}</div></body></html>")


def _rows(doc) -> dict[str, list[str]]:
    return {r.label: [doc.text[ln.start:ln.end] for ln in r.value_lines] for r in doc.structure.infobox}


FANDOM = """<aside class="portable-infobox">
<h2 class="pi-item pi-title" data-source="name">Republic of Kurdistan</h2>
<section class="pi-item pi-group"><h2 class="pi-item pi-header">Government</h2>
<div class="pi-item pi-data" data-source="government_type"><h3 class="pi-data-label">Government</h3>
<div class="pi-data-value">Presidential federal republic</div></div>
<div class="pi-item pi-data" data-source="official_languages"><h3 class="pi-data-label">Official languages</h3>
<div class="pi-data-value"><a href="/wiki/Kurdish">Kurdish</a><br>Arabic</div></div></section>
<table class="pi-horizontal-group"><thead><tr>
<th class="pi-data-label" data-source="founded">Founded</th><th class="pi-data-label" data-source="capital">Capital</th>
</tr></thead><tbody><tr><td class="pi-data-value" data-source="founded">21 December 2015</td>
<td class="pi-data-value" data-source="capital">Erbil</td></tr></tbody></table>
</aside>"""


def test_fandom_rows_are_keyed_on_their_parameter():
    rows = _rows(parse_html(_page(FANDOM), "kurdistan"))
    assert rows == {"Government": ["Presidential federal republic"], "Official languages": ["Kurdish", "Arabic"],
                    "Founded": ["21 December 2015"], "Capital": ["Erbil"]}


def test_a_fandom_row_of_a_known_parameter_takes_its_field():
    box = FANDOM.replace('data-source="founded">Founded', 'data-source="founded">Date of birth')
    doc = parse_html(_page(box), "kurdistan")
    founded = [f for f in extract_profile(doc).facts if f.field == "founded"]
    assert [f.value["edtf"] for f in founded] == ["2015-12-21"]


WIKIPEDIA = """<table class="infobox"><tbody>
<tr><th colspan="2" class="infobox-above">Republic of Kurdistan</th></tr>
<tr><th class="infobox-label">Government</th><td class="infobox-data">Presidential federal republic</td></tr>
<tr class="mergedrow"><th class="infobox-label">• President</th><td class="infobox-data">Masoud Barzani</td></tr>
<tr><th class="infobox-header" colspan="2">Independence</th></tr>
<tr class="mergedrow"><th class="infobox-label">• Declaration of Independence</th><td class="infobox-data">21 December 2015</td></tr>
<tr><th class="infobox-label">Allies</th><td class="infobox-data"><div class="plainlist"><ul><li>Russia</li><li>Scotland</li></ul></div></td></tr>
</tbody></table>"""


def test_wikipedia_sub_rows_read_as_a_scrape_shows_them():
    doc = parse_html(_page(WIKIPEDIA), "kurdistan")
    assert _rows(doc) == {"Government": ["Presidential federal republic"], "Allies": ["Russia", "Scotland"]}
    profile = extract_profile(doc)
    events = [f.value for f in profile.facts if f.field == "established_events"]
    assert events == [{"event": "Declaration of Independence", "edtf": "2015-12-21", "text": "21 December 2015"}]
    holders = [f.value for f in profile.facts if f.field == "office_holders"]
    assert [(h["title"], h["person"]) for h in holders] == [("President", "Masoud Barzani")]


@pytest.mark.parametrize("noise", [
    '<div class="hatnote">For the region, see Kurdistan (region).</div>',
    '<div class="navbox"><table><tr><td>Scotland says "Yes" pages: Scotland · Kurdistan · Erbil Conference</td></tr></table></div>',
    '<h2>History<span class="mw-editsection">[edit]</span></h2>',
    '<style>.mw-parser-output .infobox { border: 1px solid }</style>',
    '<script>var wgPageName = "Kurdistan";</script>',
    '<div id="toc" class="toc"><ul><li>1 History</li><li>2 Politics</li></ul></div>',
])
def test_the_site_around_the_article_is_no_prose(noise):
    doc = parse_html(_page("", body=noise + LEAD), "kurdistan")
    body = doc.text[doc.structure.body_start:]
    assert body.strip().startswith("History\nKurdistan (\"Land") or body.strip().startswith("Kurdistan (\"Land")
    assert "edit" not in body and "wgPageName" not in body and "border" not in body and "·" not in body


def test_the_prose_ends_at_the_appendices():
    body = LEAD + "<h2><span class=\"mw-headline\">References</span></h2><ol><li>Kurdistan 24, a long note that is" \
                  " written as a sentence of more than twelve words in all.</li></ol>"
    doc = parse_html(_page("", body=body), "kurdistan")
    assert len(doc.structure.paragraphs) == 1 and "Kurdistan 24" not in doc.text


@pytest.mark.parametrize("path, html", [
    (FIXTURES / "read" / "isil-seed.fandom.html", True),
    (FIXTURES / "read" / "isil-seed.wikipedia.html", True),
    (FIXTURES / "read" / "isil-seed.wikitext", False),
    (CORPUS / "althistory" / "Kurdistan_Scotland_says_Yes.txt", False),
])
def test_html_is_told_from_other_pages(path, html):
    assert looks_like_html(path.read_text(encoding="utf-8")) is html


def test_a_licence_named_in_the_prose_is_no_licence_line():
    body = LEAD + ("<p>The laws of the Kurdistan Parliament are licensed under a Creative Commons Attribution-ShareAlike"
                   " licence in 2016, so that every citizen could copy them.</p>")
    doc = parse_html(_page("", body=body), "kurdistan")
    assert doc.source.licence is None and doc.structure.footer is None
    assert doc.text.count("Creative Commons") == 1
