"""The temporal tagger on real sentences (../shared/corpus, CC BY-SA) and on any text.

WikiWars cases take their span and value from the gold TIMEX3 of
../shared/corpus/wikiwars-dev (Mazur and Dale 2010; Derczynski et al. 2012).
"""
from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from annalyst.errors import AnnalystError
from annalyst.extract.time import TemporalArgumentError, Timex, tag_dates
from tests.conftest import CORPUS, SEED

WIKIWARS = CORPUS / "wikiwars-dev"
SCORER = CORPUS.parent / "tools" / "score_timex.py"
WIKIWARS_DATE = "2009-12-19"
DATA = Path(__file__).resolve().parents[2] / "annalyst" / "data" / "time"


@lru_cache(maxsize=None)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _tagged(path: Path, anchor: str | None = None) -> tuple[Timex, ...]:
    return tuple(tag_dates(_read(path), anchor))


def _find(timexes, text: str, occurrence: int = 0) -> Timex:
    found = [t for t in timexes if t.text == text]
    assert len(found) > occurrence, f"{text!r} not tagged; got {[t.text for t in timexes]}"
    return found[occurrence]


@lru_cache(maxsize=None)
def _gold(doc: str):
    spec = importlib.util.spec_from_file_location("score_timex", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    _, text, gold = scorer.read_gold(str(WIKIWARS / f"{doc}.tml"))
    return text, gold, tuple(tag_dates(text, WIKIWARS_DATE, "narrative"))


# --- the seed page ---------------------------------------------------------------

@pytest.mark.parametrize("text, value, mod, earliest, latest", [
    ("the 8th March 2016", "2016-03-08", None, "2016-03-08", "2016-03-08"),
    ("the 9th", "2016-03-09", None, "2016-03-09", "2016-03-09"),
    ("the 10th", "2016-03-10", None, "2016-03-10", "2016-03-10"),
    ("the 14th", "2016-03-14", None, "2016-03-14", "2016-03-14"),
    ("late 2014", "2014", "END", "2014-09-01", "2014-12-31"),
    ("July 9, 2017", "2017-07-09", None, "2017-07-09", "2017-07-09"),
    ("June 2014", "2014-06", None, "2014-06-01", "2014-06-30"),
    ("September of 2018", "2018-09", None, "2018-09-01", "2018-09-30"),
])
def test_seed_dates(text, value, mod, earliest, latest):
    t = _find(_tagged(SEED), text)
    assert (t.value, t.mod, t.earliest, t.latest) == (value, mod, earliest, latest)


@pytest.mark.parametrize("text", ["1999", "2018"])
def test_seed_active_range_is_one_interval(text):
    t = _find(_tagged(SEED), text)
    assert (t.edtf, t.earliest, t.latest) == ("1999/2018", "1999-01-01", "2018-12-31")
    assert "Active 1999-2018" in _read(SEED)[t.start - 12:t.end + 5]


# --- WikiWars: span and value as the gold annotates them --------------------------

@pytest.mark.parametrize("doc, text, value, mod", [
    ("01_WW2", "September 1, 1939", "1939-09-01", ""),
    ("01_WW2", "early October", "1939-10", "START"),
    ("01_WW2", "February of 1940", "1940-02", ""),
    ("01_WW2", "that same day", "1940-05-10", ""),
    ("01_WW2", "the end of the month", "1940-05", "END"),
    ("01_WW2", "twelve days later", "1940-06-22", ""),
    ("01_WW2", "a few days", "PXD", ""),
    ("01_WW2", "the previous year", "1940", ""),
    ("01_WW2", "mid-September", "1942-09", "MID"),
    ("03_AmCivWar", "90 days", "P90D", ""),
    ("03_AmCivWar", "the spring of 1862", "1862-SP", ""),
    ("03_AmCivWar", "the following day", "1863-07-04", ""),
    ("03_AmCivWar", "early in 1862", "1862", "START"),
    ("05_VietnamWar", "20 July 1956", "1956-07-20", ""),
    ("05_VietnamWar", "the summer of 1955", "1955-SU", ""),
    ("05_VietnamWar", "3:00 a.m.", "1965-01-31T03:00", ""),
    ("05_VietnamWar", "two days later", "1964-08-04", ""),
    ("07_IraqWar", "mid-2007", "2007", "MID"),
    ("07_IraqWar", "the latter half of 2008", "2008-H2", ""),
    ("07_IraqWar", "24 hours", "PT24H", ""),
    ("07_IraqWar", "weekly", "XXXX-WXX", ""),
    ("09_GrecoPersian", "493 BC", "BC0493", ""),
    ("09_GrecoPersian", "ca. 466 BC", "BC0466", "APPROX"),
    ("09_GrecoPersian", "the 470s BC", "BC047", ""),
    ("09_GrecoPersian", "the 4th century BC", "BC03", ""),
    ("11_ChineseCivWar", "the late 1980s", "198", "END"),
    ("11_ChineseCivWar", "the early 21st century", "20", "START"),
    ("11_ChineseCivWar", "January 24 of the same year", "1955-01-24", ""),
    ("13_RussianCivWar", "The day before", "1918-02-22", ""),
    ("13_RussianCivWar", "October, 1917", "1917-10", ""),
    ("15_MexicanRev", "early 1913", "1913", "START"),
    ("15_MexicanRev", "now", "PRESENT_REF", ""),
])
def test_wikiwars_gold(doc, text, value, mod):
    plain, gold, timexes = _gold(doc)
    g = next(g for g in gold if g["text"] == text)
    ours = [t for t in timexes if (t.start, t.end) == (g["start"], g["end"])]
    assert ours, f"{text!r} at {g['start']} not tagged with the gold span"
    assert (ours[0].value, ours[0].mod or "") == (g["value"], g["mod"]) == (value, mod)
    assert plain[ours[0].start:ours[0].end] == text


@pytest.mark.parametrize("doc, text, edtf, earliest, latest, precision", [
    ("01_WW2", "early October", "1939-10-01/1939-10-10", "1939-10-01", "1939-10-10", "month"),
    ("05_VietnamWar", "the summer of 1955", "1955-22", "1955-06-01", "1955-08-31", "season"),
    ("07_IraqWar", "the latter half of 2008", "2008-41", "2008-07-01", "2008-12-31", "season"),
    ("09_GrecoPersian", "the 470s BC", "-0478/-0469", "-0478-01-01", "-0469-12-31", "decade"),
    ("09_GrecoPersian", "ca. 466 BC", "-0465~", "-0465-01-01", "-0465-12-31", "year"),
    ("11_ChineseCivWar", "the early 21st century", "2000-01/2033-04", "2000-01-01", "2033-04-30",
     "century"),
    ("11_ChineseCivWar", "the late 1980s", "1986-09/1989-12", "1986-09-01", "1989-12-31", "decade"),
])
def test_wikiwars_edtf_and_bounds(doc, text, edtf, earliest, latest, precision):
    _, _, timexes = _gold(doc)
    t = _find(timexes, text)
    assert (t.edtf, t.earliest, t.latest, t.precision) == (edtf, earliest, latest, precision)
    parse_edtf(t.edtf)


@pytest.mark.parametrize("doc, first, second, values", [
    ("03_AmCivWar", "1861", "1863", ("1861", "1863")),      # "Eastern Theater 1861-1863"
    ("07_IraqWar", "2007", "08", ("2007", "2008")),         # "in 2007-08"
    ("09_GrecoPersian", "499", "493 BC", ("BC0499", "BC0493")),
    ("15_MexicanRev", "April 6", "7", ("1915-04-06", "1915-04-07")),
])
def test_wikiwars_ranges_are_two_expressions(doc, first, second, values):
    _, _, timexes = _gold(doc)
    for a, b in zip(timexes, timexes[1:]):
        if (a.text, b.text) == (first, second) and b.start - a.end <= 1:
            assert (a.value, b.value) == values
            assert a.edtf == b.edtf and "/" in a.edtf
            return
    pytest.fail(f"range {first}-{second} not found")


# --- other real pages ----------------------------------------------------------------

@pytest.mark.parametrize("path, text, value, occurrence", [
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "autumn 1947", "1947-FA", 0),
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "the morning of 15 May", "1948-05-15TMO", 0),
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "The day after", "1948-05-16", 0),
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "21", "1921", 0),          # "1920–21"
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "13 May", "1948-05-13", 1),  # "on 11–13 May"
    (CORPUS / "wikipedia" / "1948Arab–IsraeliWar.txt", "Five days later", "1948-04-04", 0),
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "27", "1854-03-27", 0),        # "on 27 and 28 March 1854"
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "early in the spring of 1853", "1853-SP", 0),
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "the early 1800s", "18", 0),
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "29", "1829", 0),              # "(1828–29)"
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "August 1854", "1854-08", 0),  # "(July–August 1854)"
    (CORPUS / "wikipedia" / "CrimeanWar.txt", "July", "1854-07", 0),
    (CORPUS / "althistory" / "Japan_Scotland_says_Yes.txt", "late 1800s", "18", 0),
    (CORPUS / "althistory" / "Kurdistan_Scotland_says_Yes.txt", "the 7th century A.D.", "06", 0),
    (CORPUS / "althistory" / "Northern_Isles_Scotland_says_Yes.txt", "A week later", "2015-05-09", 0),
])
def test_wikipedia_pages(path, text, value, occurrence):
    assert _find(_tagged(path), text, occurrence).value == value


@pytest.mark.parametrize("path, phrase", [
    (CORPUS / "althistory" / "Syrian_Civil_War_Scotland_says_Yes.txt", "Arab Spring"),
    (CORPUS / "althistory" / "Syrian_Civil_War_Scotland_says_Yes.txt", "Arab Winter"),
    (CORPUS / "althistory" / "Russia_Scotland_says_Yes.txt", "the 9th highest"),
    (CORPUS / "althistory" / "Flanders_Scotland_says_Yes.txt", "Summer (DST)"),
    (CORPUS / "althistory" / "South_Korea_Scotland_says_Yes.txt", "the 38th Parallel"),
    ("05_VietnamWar", "3,500 United States Marines"),
    ("07_IraqWar", "Resolution 1483"),
])
def test_not_dates_on_real_pages(path, phrase):
    text = _gold(path)[0] if isinstance(path, str) else _read(path)
    at = text.index(phrase)
    hits = [t for t in tag_dates(text) if t.start < at + len(phrase) and at < t.end]
    assert hits == []


@pytest.mark.parametrize("text, values", [
    ("The war began on 2\u00a0April 1982 and ended on 14\u00a0June.", ["1982-04-02", "1982-06-14"]),
    ("It was signed on February 30, 1918.", []),
    ("At dawn on 1 November 2016 the assault resumed.", ["2016-11-01TMO", "2016-11-01"]),
    ("In AD 9 three legions were lost.", ["0009"]),
    ("The siege lasted two and a half years.", ["P2.5Y"]),
    ("By the winter of 1914–15 the front had frozen.", ["1915-WI"]),
    ("In the 18th and 19th centuries", ["17", "18"]),
])
def test_written_forms(text, values):
    assert [t.value for t in tag_dates(text)] == values


# --- the two anchoring modes -------------------------------------------------------

# Written for the test, in the manner of the seed page.
NARRATIVE = ("The offensive began on 3 May 2015. By the 9th the town had fallen. "
             "In April the group had lost Tikrit.")


@pytest.mark.parametrize("anchor, expected", [
    (None, ["2015-05-03", "2015-05-09", "2015-04"]),
    ("2009-12-19", ["2015-05-03", "2015-05-09", "2015-04"]),
])
def test_narrative_mode_follows_the_text(anchor, expected):
    assert [t.value for t in tag_dates(NARRATIVE, anchor)] == expected


@pytest.mark.parametrize("text, expected", [
    ("In April the group lost Tikrit. By the 9th it had gone.", ["XXXX-04", "XXXX-XX-09"]),
    ("two days later", ["FUTURE_REF"]),
])
def test_narrative_mode_without_anchor_invents_nothing(text, expected):
    assert [t.value for t in tag_dates(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The group said it had captured the town in November.", "2015-11"),
    ("The group will hold a congress in November.", "2016-11"),
    ("The group will hold a congress in March.", "2016-03"),
    ("The ministry said the attack happened yesterday.", "2016-01-09"),
    ("Elections are due next year.", "2017"),
    ("Fighting continued last year.", "2015"),
    ("The rebels were driven out in the summer.", "2015-SU"),
    ("The army will attack in the summer.", "2016-SU"),
])
def test_news_mode_uses_document_date_and_tense(text, expected):
    assert [t.value for t in tag_dates(text, dt.date(2016, 1, 10), "news")] == [expected]


@pytest.mark.parametrize("kwargs", [
    {"mode": "story"}, {"anchor_date": "2016-13-01"}, {"anchor_date": "yesterday"},
    {"anchor_date": 2016},
])
def test_bad_arguments_raise_our_error(kwargs):
    with pytest.raises(TemporalArgumentError) as info:
        tag_dates("In 2016.", **kwargs)
    assert isinstance(info.value, AnnalystError) and isinstance(info.value, ValueError)


# --- output form -------------------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, CORPUS / "wikipedia" / "GulfWar.txt"])
def test_edtf_forms_parse_and_bounds_are_ordered(path):
    timexes = _tagged(path)
    assert timexes
    for t in timexes:
        if t.edtf is not None:
            parse_edtf(t.edtf)
        if t.earliest is not None:
            assert t.earliest <= t.latest
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert (t.precision is None) == (t.type in ("DURATION", "SET") or t.earliest is None
                                         and t.edtf is None)


def test_as_dict_has_exactly_the_fields():
    t = tag_dates("in late 2014")[0]
    assert list(t.as_dict()) == [f.name for f in fields(Timex)]
    assert t.as_dict()["edtf"] == "2014-09/2014-12"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")))
def test_data_files_name_source_and_licence(path):
    header = "".join(line for line in _read(path).splitlines(keepends=True)[:12] if line.startswith("#"))
    assert "Source:" in header and "Licence:" in header


# --- any text at all -------------------------------------------------------------------------

_DATEISH = st.sampled_from([
    "in", "late", "early", "mid-", "the", "9th", "14th", "of", "March", "May", "Sept.", "2014",
    "1999–2018", "499", "BC", "the following year", "two days later", "the same day", "1990s",
    "21st century", "a few", "days", "ago", "3:00", "a.m.", "(", ")", "-", "–", ",", ".", "\n",
    "now", "former", "summer", "winter", "of 2018", "between", "and", "from", "to", "0", "31",
    "February 30", "10000 years later", "Christmas", "Friday", "daily", "per", "week",
    "12/18/2014", "31/02/14", "3/4/15", "18.12.2014", "2014/12/18", ":", "/", "[O.S.", "]", "O.S.",
    "at", "1400", "hours", "GMT", "afternoon", "last", "next", "third-quarter", "fiscal", "Q3",
    "after", "before", "since", "will", "said", "St.", "W.", "Movement", "-year-old", "0000",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_DATEISH, max_size=25).map(" ".join),
                 st.lists(_DATEISH, max_size=25).map("".join)),
       st.sampled_from([None, "2016-03-08", "0001-01-01", "9999-12-31"]),
       st.sampled_from(["narrative", "news"]), st.sampled_from([None, "mdy", "dmy"]))
def test_any_text_never_raises_and_spans_slice_back(text, anchor, mode, order):
    for t in tag_dates(text, anchor, mode, order):
        assert text[t.start:t.end] == t.text
        assert 0 <= t.start < t.end <= len(text)
        assert isinstance(t.value, str)


def _spans(matches):
    return [(m.span(), m.lastgroup) for m in matches]


@pytest.mark.parametrize("path", [SEED, CORPUS / "wikipedia" / "CrimeanWar.txt", "09_GrecoPersian"])
def test_fast_scan_equals_plain_alternation_on_pages(path):
    from annalyst.extract.time.lexicon import lexicon
    scanner = lexicon().scanner
    text = _gold(path)[0] if isinstance(path, str) else _read(path)
    assert _spans(scanner.finditer(text)) == _spans(scanner.reference(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(_DATEISH, max_size=30).map(" ".join))
def test_fast_scan_equals_plain_alternation_on_any_text(text):
    from annalyst.extract.time.lexicon import lexicon
    scanner = lexicon().scanner
    assert _spans(scanner.finditer(text)) == _spans(scanner.reference(text))
