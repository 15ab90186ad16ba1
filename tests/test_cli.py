"""The command line, bad input first: one line naming the file, non-zero exit, others still stored."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from annalyst.cli import app
from annalyst.store.db import open_store
from tests.conftest import CORPUS, SEED

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Título\nAño de fundación 1999\n".encode("latin-1"), "not UTF-8"),
])
def test_bad_file_is_reported_and_the_good_one_still_stored(tmp_path, db_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = _run("ingest", bad, SEED, "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(bad) in errors[0] and reason in errors[0]
    counts = open_store(db_path).counts()
    assert counts["sources"] == 1 and counts["facts"] > 20


@pytest.mark.parametrize("module, stage", [("annalyst.extract.profile", "extract_profile"),
                                           ("annalyst.pipeline", "page_events")])
def test_a_failure_inside_one_page_skips_that_page_and_the_batch_goes_on(tmp_path, db_path, monkeypatch, module, stage):
    """A bug that fires inside one page (injected here) names that page; the other pages are stored."""
    import importlib

    import annalyst.pipeline as pipeline
    where = importlib.import_module(module)
    pages = [CORPUS / "realworld" / name for name in sorted(p.name for p in (CORPUS / "realworld").iterdir())[:3]]
    poisoned = pages[1]
    poisoned_id = pipeline.read_page(poisoned).source.id
    real = getattr(where, stage)

    def failing(doc, *args, **kwargs):
        if doc.source.id == poisoned_id:
            raise ValueError("Invalid isoformat string: '-1999-12-31'")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(where, stage, failing)
    result = _run("ingest", *pages, "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(poisoned) in errors[0] and "ValueError" in errors[0]
    assert "Traceback" not in result.stderr + result.stdout
    store = open_store(db_path)
    assert store.counts()["sources"] == 2
    assert [f"added: {p}" for p in (pages[0], pages[2])] == result.stdout.splitlines()


def test_missing_path(tmp_path, db_path):
    result = _run("ingest", tmp_path / "nowhere.txt", "--db", db_path)
    assert result.exit_code == 1
    assert "nowhere.txt: no such file or folder" in result.stderr


def test_folder_with_no_readable_pages(tmp_path, db_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "a.bin").write_bytes(b"\x00\x01\x02")
    result = _run("ingest", folder, "--db", db_path)
    assert result.exit_code == 1
    assert f"{folder}: folder has no readable pages" in result.stderr


def test_bad_input_does_not_lose_what_was_stored(tmp_path, db_path):
    assert _run("ingest", SEED, "--db", db_path).exit_code == 0
    before = open_store(db_path).counts()
    bad = tmp_path / "isil-scotland-says-yes.txt"  # same source id, now broken
    bad.write_bytes(b"\xff\xfe broken")
    assert _run("ingest", bad, "--db", db_path).exit_code == 1
    assert open_store(db_path).counts() == before


def test_db_default_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNALYST_DB", str(tmp_path / "env.db"))
    assert _run("ingest", SEED).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_folder_is_read_recursively_and_export_is_json(tmp_path, db_path):
    folder = tmp_path / "pages" / "deep"
    folder.mkdir(parents=True)
    for name in ("Hamas.txt", "ShiningPath.txt"):
        shutil.copy(CORPUS / "wikipedia" / name, folder / name)
    assert _run("ingest", tmp_path / "pages", "--db", db_path).exit_code == 0
    exported = json.loads(_run("export", "--format", "json", "--db", db_path).stdout)
    names = sorted(p["name"]["value"] for p in exported["profiles"])
    assert names == ["Hamas", "Shining Path"]


def test_show_unknown_name_fails_cleanly(db_path):
    _run("ingest", SEED, "--db", db_path)
    result = _run("show", "Nobody At All", "--db", db_path)
    assert result.exit_code == 1 and "Nobody At All" in result.stderr


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_dates_offsets_index_the_file_as_read(tmp_path, newline):
    # Sentences from the seed page; CRLF line ends must not shift the offsets.
    text = newline.join(["On the 8th March 2016, the Pershmerga retook Tal Afar.",
                         "By the 9th they had secured offensive positions around the city."])
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode("utf-8"))
    result = _run("dates", path, "--json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [t["value"] for t in found] == ["2016-03-08", "2016-03-09"]
    for t in found:
        assert text[t["start"]:t["end"]] == t["text"]


def test_dates_news_mode_uses_the_anchor(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("On Tuesday, militants attacked a checkpoint; on 8 April clashes resumed.", encoding="utf-8")
    result = _run("dates", path, "--mode", "news", "--anchor-date", "2025-04-10", "--json")
    values = [t["value"] for t in json.loads(result.stdout)]
    assert "2025-04-08" in values


@pytest.mark.parametrize("args, value, alternatives", [
    ((), "1991", ["1991-10-12", "1991-12-10"]),
    (("--date-order", "mdy"), "1991-10-12", []),
    (("--date-order", "dmy"), "1991-12-10", []),
])
def test_dates_ambiguous_numeric_date_and_the_date_order_option(tmp_path, args, value, alternatives):
    path = tmp_path / "note.txt"
    path.write_text("Cabaret Metro, Chicago, 10/12/91\n", encoding="utf-8")
    (found,) = json.loads(_run("dates", path, *args, "--json").stdout)
    assert (found["value"], found["alternatives"]) == (value, alternatives)


def test_dates_bad_date_order_is_one_clear_error(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("on 10/12/91\n", encoding="utf-8")
    result = _run("dates", path, "--date-order", "ymd")
    assert result.exit_code != 0 and "date_order 'ymd'" in (result.stderr + str(result.exception))


def test_dates_bad_mode_is_one_clear_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("In 2014.", encoding="utf-8")
    result = _run("dates", path, "--mode", "poetry")
    assert result.exit_code != 0 and "poetry" in (result.stderr + str(result.exception))


@pytest.mark.parametrize("module", ["annalyst.cli", "annalyst.pipeline"])
def test_the_command_line_and_the_pipeline_load_no_extraction_stage_until_a_page_is_extracted(module):
    """A Spark driver (and any command before it reads a page) only reads and stores: spaCy, its
    model and the extraction stages stay out of its memory."""
    import subprocess
    import sys
    code = (f"import sys, {module}; print(sorted(m for m in sys.modules"
            " if m == 'spacy' or m.startswith(('annalyst.extract.events', 'annalyst.extract.nlp'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
