"""The wikitext reader: what each template and tag shows, and the way back to the markup.

The names and values are taken from pages of ../shared/corpus (the seed, Kurdistan, the Erbil
Conference); the markup around them follows each template's documented form.
"""
from __future__ import annotations

import re

import pytest

from annalyst.model import Source
from annalyst.read.page import read_page
from annalyst.read.wikitext import looks_like_wikitext, parse_wikitext
from tests.conftest import CORPUS, FIXTURES

SOURCE = Source(id="page", title="Republic of Kurdistan")
SEED_WIKITEXT = FIXTURES / "read" / "isil-seed.wikitext"


def _row_values(markup: str, param: str) -> list[str]:
    doc = parse_wikitext("{{Infobox country\n| " + param + " = " + markup + "\n}}\nKurdistan is a nation.", SOURCE)
    (row,) = [r for r in doc.structure.infobox]
    return [doc.text[ln.start:ln.end] for ln in row.value_lines]


@pytest.mark.parametrize("markup, shown", [
    ("{{flag|Russia}}", ["Russia"]),
    ("{{flagicon|Russia}} [[Russia (Scotland says \"Yes\")|Russia]]", ["Russia Russia"]),
    ("{{plainlist|1= * [[Russia]]\n* [[Scotland]]}}", ["Russia", "Scotland"]),  # the first item on "1="'s line
    ("{{plainlist|\n* [[Russia]]\n* [[Scotland]]\n}}", ["Russia", "Scotland"]),
    ("{{flatlist|\n* Russia\n* Scotland\n}}", ["Russia", "Scotland"]),
    ("{{hlist|Russia|Scotland}}", ["Russia", "Scotland"]),
    ("{{Unbulleted list|Russia|Scotland}}", ["Russia", "Scotland"]),
    ("{{ubl|[[Masoud Barzani]]|[[Mustafa Qadir]]}}", ["Masoud Barzani", "Mustafa Qadir"]),
    ("Russia<br>Scotland", ["Russia", "Scotland"]),
    ("Russia<br />Scotland<BR/>Syria", ["Russia", "Scotland", "Syria"]),
    ("Masoud Barzani <small>(2015–present)</small>", ["Masoud Barzani (2015–present)"]),
    ("{{start date|2015|12|21}}", ["21 December 2015"]),
    ("{{Start date|2015|12}}", ["December 2015"]),
    ("{{convert|70000|km2|sqmi}}", ["70000 km2"]),
    ("[[Abu Bakr al-Baghdadi]]{{KIA}}", ["Abu Bakr al-Baghdadi†"]),
    ("'''Kurdish'''&nbsp;language", ["Kurdish\u00a0language"]),
    ("Kurdish<ref>{{cite web|title=Languages of Kurdistan}}</ref>", ["Kurdish[1]"]),
    ("Kurdish<!-- and Arabic? -->", ["Kurdish"]),
    ("{{lang|ku|Komara Kurdistanê}}", ["Komara Kurdistanê"]),
])
def test_a_template_shows_as_the_page_shows_it(markup, shown):
    assert _row_values(markup, "official_languages") == shown


@pytest.mark.parametrize("markup, shown", [
    ("[[Erbil]]", "Erbil"),
    ("[[Erbil Conference (Scotland says \"Yes\")|Erbil Conference]]", "Erbil Conference"),
    ("[[Erbil#History|Erbil]]", "Erbil"),
    ("[[Erbil#History]]", "Erbil"),
    ("[[File:Erbil Citadel.jpg|thumb|The citadel]]", ""),
    ("[[Category:Kurdistan]]", ""),
    ("[http://example.org the conference site]", "the conference site"),
    ("{{citation needed|date=March 2016}}", ""),
    ("{{#if: x | shown }}", ""),
])
def test_links_and_hidden_markup_in_prose(markup, shown):
    doc = parse_wikitext(f"The meeting in {markup} made Kurdistan independent after a week of talks there.", SOURCE)
    assert doc.text.split("\n")[-2] == f"The meeting in {shown} made Kurdistan independent after a week of talks there."


def test_a_reused_note_keeps_its_number_and_text():
    doc = parse_wikitext(
        "Kurdistan is a sovereign nation.<ref name=\"erbil\">{{cite news |title=Erbil Conference ends"
        " |work=Kurdistan 24 |date=21 December 2015}}</ref> It declared its independence after the Erbil"
        " Conference, which met for a week.<ref>Second note.</ref> Its allies are Russia and Scotland.<ref name=erbil />",
        SOURCE)
    notes = doc.structure.footnotes
    assert [doc.text[f.marker.start:f.marker.end] for f in notes] == ["[1]", "[2]", "[1]"]
    assert [doc.text[f.text.start:f.text.end] for f in notes] == [
        "Erbil Conference ends. Kurdistan 24. 21 December 2015.", "Second note.",
        "Erbil Conference ends. Kurdistan 24. 21 December 2015."]
    assert notes[0].name == notes[2].name == "erbil"


def test_every_rendered_value_points_into_the_wikitext():
    doc = read_page(SEED_WIKITEXT)
    assert doc.markup == SEED_WIKITEXT.read_text(encoding="utf-8")
    for row in doc.structure.infobox:
        for line in row.value_lines:
            shown = doc.text[line.start:line.end]
            span = doc.markup_span(line.start, line.end)
            assert span is not None, row.label
            written = doc.markup[span.start:span.end]
            # the words shown are in the markup they came from ("Al-Raqqah" in "[[Raqqa|Al-Raqqah]]")
            assert all(word in written for word in re.findall(r"[^\W\d][\w'-]*", shown)), (shown, written)
    first = doc.structure.paragraphs[0]
    span = doc.markup_span(first.start, first.start + 40)
    assert doc.markup[span.start:span.end] == "The '''Islamic State of Iraq and the Levant"


def test_the_prose_ends_at_the_appendices():
    doc = read_page(SEED_WIKITEXT)
    prose = "\n".join(doc.text[p.start:p.end] for p in doc.structure.paragraphs)
    assert "Main Faze of Military intervention" in prose
    assert "Category" not in doc.text and "References" not in prose


@pytest.mark.parametrize("path, wikitext", [
    (SEED_WIKITEXT, True),
    (CORPUS / "seed" / "isil-scotland-says-yes.txt", False),
    (CORPUS / "althistory" / "Kurdistan_Scotland_says_Yes.txt", False),
    (CORPUS / "wikipedia" / "Hamas.txt", False),
])
def test_wikitext_is_told_from_a_scrape(path, wikitext):
    assert looks_like_wikitext(path.read_text(encoding="utf-8")) is wikitext
