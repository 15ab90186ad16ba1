"""The page reader on real pages from ../shared/corpus (CC BY-SA; see its README)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from annalyst.errors import InputError
from annalyst.read.page import parse_page, read_page
from tests.conftest import CORPUS, SEED


def _span(doc, span):
    return doc.text[span.start:span.end]


@pytest.mark.parametrize("path, title, licence", [
    (SEED, "Islamic State of Iraq and the Levant", "CC BY-SA"),
    (CORPUS / "althistory" / "Erbil_Conference_Scotland_says_Yes.txt", "Erbil Conference", "CC BY-SA 3.0"),
    (CORPUS / "realworld" / "Battle_of_Tal_Afar_2017_wikipedia.txt", "Battle of Tal Afar (2017)", "CC BY-SA 4.0"),
    (CORPUS / "wikipedia" / "ShiningPath.txt", "Shining Path", "CC BY-SA 4.0"),
    (CORPUS / "wikipedia" / "ETA(separatistgroup).txt", "ETA", "CC BY-SA 4.0"),
])
def test_title_and_licence(path, title, licence):
    doc = read_page(path)
    assert _span(doc, doc.structure.title) == title
    assert doc.source.licence == licence


@pytest.mark.parametrize("path, url", [
    (CORPUS / "althistory" / "Kurdistan_Scotland_says_Yes.txt",
     "http://althistory.wikia.com/wiki/Kurdistan_(Scotland_says_%22Yes%22)"),
    (CORPUS / "realworld" / "Peshmerga_simple_wikipedia.txt", "https://simple.wikipedia.org/wiki/Peshmerga"),
])
def test_front_matter_gives_url_and_keeps_offsets(path, url):
    doc = read_page(path)
    assert doc.source.url == url
    assert doc.text == path.read_text(encoding="utf-8")
    ev = doc.source.licence_evidence
    assert doc.text[ev.start:ev.end] == ev.text and ev.text.startswith("CC BY-SA")


@pytest.mark.parametrize("label, first_value", [
    ("Participant in", "Military intervention against ISIL"),
    ("Originated\u00a0as", "Jamāʻat al-Tawḥīd wa-al-Jihād"),  # label with a no-break space
    ("Battles and wars", "Military intervention against ISIL"),  # label wrapped: "and wars"
    ("Ideology", "Salafism"),
])
def test_seed_infobox_rows(label, first_value):
    doc = read_page(SEED)
    row = next(r for r in doc.structure.infobox if r.label == label)
    assert _span(doc, row.value_lines[0]) == first_value


def test_seed_continuation_line_joins_its_row():
    doc = read_page(SEED)
    row = next(r for r in doc.structure.infobox if r.label == "Ideology")
    assert [_span(doc, v) for v in row.value_lines] == ["Salafism", "Salafi jihadism"]


@pytest.mark.parametrize("path, label, value", [
    (CORPUS / "realworld" / "Peshmerga_simple_wikipedia.txt", "Active", "Early 1920s–present"),  # glued label
    (CORPUS / "realworld" / "Battle_of_Tal_Afar_2017_wikipedia.txt", "Partof",
     "the War in Iraq (2013–2017) and the US-led intervention in Iraq (2014–2021)"),  # "- Param: value"
])
def test_rows_in_other_layouts(path, label, value):
    doc = read_page(path)
    row = next(r for r in doc.structure.infobox if r.label == label)
    assert _span(doc, row.value_lines[0]) == value


@pytest.mark.parametrize("page, label, value", [
    # labels Infobox country renders that no profile field names: still rows, not prose or another row's value
    ("Padania_Scotland_says_Yes.txt", "Official languages", "Italian"),
    ("Kurdistan_Scotland_says_Yes.txt", "Demonym", "Kurd"),
    ("Canada_Scotland_says_Yes.txt", "Calling code", "+ 1"),
    ("United_Kingdom_Scotland_says_Yes.txt", "Currency", "Pound (£)"),
])
def test_rows_with_labels_the_templates_render(page, label, value):
    doc = read_page(CORPUS / "althistory" / page)
    row = next(r for r in doc.structure.infobox if r.label == label)
    assert _span(doc, row.value_lines[0]).startswith(value)


def test_seed_media_native_name_paragraphs_footer():
    doc = read_page(SEED)
    s = doc.structure
    assert [(m.file, m.caption) for m in s.media] == [
        ("AQMI Flag asymmetric.svg", "Black Standard Flag"), ("AQMI Flag asymmetric.svg", None)]
    assert _span(doc, s.native_name).startswith("لدولة")
    assert _span(doc, s.paragraphs[0]).startswith("The Islamic State of Iraq and the Levant (ISIL")
    assert len(s.paragraphs) == 7
    assert _span(doc, s.footer) == "Community content is available under CC-BY-SA unless otherwise noted."


def test_citation_markers_are_found_in_wikipedia_pages():
    doc = read_page(CORPUS / "wikipedia" / "ShiningPath.txt")
    marks = [_span(doc, c) for c in doc.structure.citations]
    assert marks[:3] == ["[1]", "[2]", "[3]"]


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (b"Title\ncaf\xe9 au lait\n", "not UTF-8"),
])
def test_bad_files_raise_input_error_naming_the_file(tmp_path, raw, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_page(path)
    assert str(path) in str(info.value) and reason in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(list("abc XYZ\n\u00a0-:;()[]1,.–\u0627") + [
        "Active ", "Allies ", "---\n", "and wars", "[12]", ".svg", "license: CC BY-SA\n", "12345,\n",
        " is a ", "(ISIL, IS; also X)", "Strength 5–7", "Headquarters A, B", "Spanish: X"]),
        max_size=120).map("".join)))
def test_reader_never_raises_but_input_error_and_spans_slice_back(text):
    try:
        doc = parse_page(text, "prop")
    except InputError:
        return
    s = doc.structure
    spans = [s.title, s.native_name, s.footer, *s.paragraphs, *s.citations,
             *(r.label_span for r in s.infobox), *(v for r in s.infobox for v in r.value_lines)]
    for span in spans:
        if span is not None:
            assert 0 <= span.start <= span.end <= len(text)
    from annalyst.extract.profile import extract_profile
    x = extract_profile(doc)
    evidence = [*x.subject.evidence, *(e for f in x.facts for e in f.evidence),
                *(e for a in x.aliases for e in a.evidence)]
    for ev in evidence:
        assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("page, lead", [
    # Template:Obsolete, Template:Construction and Fandom's ad-blocker notice sit above the infobox
    ("Flenebrulux_Scotland_says_Yes.txt", "The Flenebrulux Union (Dutch: Flenebrulux Unie"),
    ("Italy_Scotland_says_Yes.txt", "Italy (Italian: Italia), officially known as the Italian Rep"),
    ("Hong_Kong_Scotland_says_Yes.txt", "Hong Kong (Chinese: 香港"),
    ("Basque_Country_Scotland_says_Yes.txt", "The Basque Country is an Autonomous Country"),
])
def test_a_site_notice_is_never_the_lead(page, lead):
    doc = read_page(CORPUS / "althistory" / page)
    assert _span(doc, doc.structure.paragraphs[0]).startswith(lead)
    assert not any("no longer part of" in _span(doc, p) or "under construction" in _span(doc, p)
                   for p in doc.structure.paragraphs)
