"""The "Information box" dict line of rendered Wikipedia scrapes (../shared/corpus/wild and
wikipedia, CC BY-SA 4.0, Wikipedia contributors): every row read, every value a span of the
stored line, the line never prose."""
from __future__ import annotations

import ast

import pytest

from annalyst.extract.profile import extract_profile
from annalyst.read.page import read_page
from annalyst.read.pydict import dict_rows, unescape
from annalyst.model import Span
from tests.conftest import CORPUS

PAGES = ["wikipedia/Hamas.txt", "wikipedia/Fatah.txt", "wild/Aage Bohr.txt", "wild/Bishkek.txt",
         "wild/Telescope.txt", "wild/DepecheMode.txt", "wild/Munichmassacre.txt"]


def _box(doc):
    lines = doc.text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.strip() == "Information box")
    return ast.literal_eval(lines[i + 1])


@pytest.mark.parametrize("page", [p for p in PAGES if "Information box" in (CORPUS / p).read_text(encoding="utf-8")])
def test_every_row_is_read_with_spans_into_the_line(page):
    doc = read_page(CORPUS / page)
    box = _box(doc)
    rows = [r for r in doc.structure.infobox if r.form == "dict"]
    assert len(rows) == len(box)
    line = doc.structure.data_lines[-1]
    for row, (key, value) in zip(rows, box.items()):
        assert line.start <= row.value_span.start <= row.value_span.end <= line.end
        cell = "\n".join(unescape(doc.text[s.start:s.end]) for s in row.value_lines)
        assert [x.strip() for x in cell.split("\n")] == [x.strip() for x in value.split("\n") if x.strip()]
        if key.strip() and not key.strip().startswith("•"):
            assert row.label == " ".join(key.split())


@pytest.mark.parametrize("page", PAGES)
def test_data_lines_are_never_prose(page):
    doc = read_page(CORPUS / page)
    for para in doc.structure.paragraphs:
        for data in doc.structure.data_lines:
            assert para.end <= data.start or para.start >= data.end


@pytest.mark.parametrize("field, value", [
    ("founders", "Sheikh Ahmed Yassin"), ("founders", "Mohammed Hassan Shama'a"), ("leaders", "Fawzi Barhoum"),
    ("headquarters", "Gaza City, Gaza Strip"), ("ideology", "Islamism"), ("allies", "Hezbollah"),
    ("opponents", "Fatah"), ("designated_terrorist_by", "Japan"), ("founded", "1987-12-10"),  # as EDTF, from "10 December 1987; 35 years ago"
    ("chief_of_the_political_bureau", "Ismail Haniyeh"),  # a label the table does not know keeps its own
])
def test_hamas_gains_its_infobox_facts_each_cited(field, value):
    doc = read_page(CORPUS / "wikipedia" / "Hamas.txt")
    facts = [f for f in extract_profile(doc).facts if f.field == field]
    values = [f.value.get("value", f.value.get("edtf")) if isinstance(f.value, dict) else f.value for f in facts]
    assert value in values, values
    fact = facts[values.index(value)]
    assert fact.evidence[0].text == doc.text[fact.evidence[0].start:fact.evidence[0].end]
    assert fact.evidence[0].start > doc.text.index("Information box")
    assert not any("[" in str(v) for v in values)  # citation markers stay out of values


def test_group_headings_qualify_the_lines_below():
    doc = read_page(CORPUS / "wikipedia" / "Hamas.txt")
    allies = {f.value: f.qualifiers for f in extract_profile(doc).facts if f.field == "allies"}
    assert allies["Iran"] == ("State allies",) and allies["Hezbollah"] == ("Non-state allies",)
    assert "State allies:" not in allies


@pytest.mark.parametrize("source, value", [
    ("{'A': 'x\\\\ny'}", ["x\\\\ny"]),        # an escaped backslash before n is no line break
    ("{'A': 'one\\ntwo'}", ["one", "two"]),
    ("{'A': \"People's\"}", ["People's"]),
    ("{'A': 'People\\'s'}", ["People\\'s"]),  # the span keeps the escape; unescape reads it
])
def test_cells_split_on_escaped_line_breaks_only(source, value):
    rows = dict_rows(source, Span(0, len(source)))
    assert [source[s.start:s.end] for s in rows[0].value_lines] == value


@pytest.mark.parametrize("source", ["{'A': 'x'", "{1: 2}", "['A', 'x']", "{'A': f(x)}", "not a dict"])
def test_what_is_not_a_literal_dict_of_strings_gives_no_rows(source):
    rows = dict_rows(source, Span(0, len(source)))
    assert not rows
