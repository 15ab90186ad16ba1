"""MediaWiki XML dumps: streamed in any compression, the latest revision of each article, redirects
as names, other pages skipped with their reason, re-ingest by revision, and bad dumps refused."""
from __future__ import annotations

import bz2
import gzip
import io
import json

import pytest
from typer.testing import CliRunner

from annalyst import pipeline
from annalyst.cli import app
from annalyst.read.dump import Redirect, read_dump, write_dump
from annalyst.resolve import world
from annalyst.store.db import open_store
from tests.conftest import CORPUS, FIXTURES

DUMP = FIXTURES / "read" / "isil-seed.xml"
SEED_TITLE = 'Islamic State of Iraq and the Levant (Scotland says "Yes")'


def _compressed(tmp_path, suffix: str):
    raw = DUMP.read_bytes()
    path = tmp_path / f"dump{suffix}"
    path.write_bytes({".xml": raw, ".xml.bz2": bz2.compress(raw), ".xml.gz": gzip.compress(raw)}[suffix])
    return path


@pytest.mark.parametrize("suffix", [".xml", ".xml.bz2", ".xml.gz"])
def test_every_compression_gives_the_same_pages(tmp_path, suffix):
    items = list(read_dump(_compressed(tmp_path, suffix)))
    assert [type(i).__name__ for i in items] == ["DumpPage", "Redirect", "Skipped", "Skipped"]
    page, redirect, talk, category = items
    assert (page.source.page_id, page.source.revision_id, page.source.timestamp) == (101, 2002, "2018-10-01T12:00:00Z")
    assert "1999-2018" in page.markup and "1999-2017" not in page.markup  # the newest revision only
    assert page.source.licence == "CC BY-SA 3.0"  # the wiki's own (licences.yaml dump_hosts)
    assert page.source.id == ("https://althistory.fandom.com/wiki/"
                              "Islamic_State_of_Iraq_and_the_Levant_(Scotland_says_%22Yes%22)")
    assert redirect == Redirect('ISIL (Scotland says "Yes")', SEED_TITLE,
                                "https://althistory.fandom.com/wiki/ISIL_(Scotland_says_%22Yes%22)", 102)
    assert (talk.reason, category.reason) == ("namespace 1", "namespace 14")


def test_a_redirect_names_the_page_it_points_to(tmp_path):
    store = open_store(tmp_path / "a.db")
    report = pipeline.ingest([DUMP], store, workers=1)
    assert not report.errors and report.redirects == 1
    subject = world.lookup(store, SEED_TITLE.split(" (")[0])
    assert subject is not None and world.lookup(store, 'ISIL (Scotland says "Yes")') == subject
    assert report.summary() == "pages read: 4; stored: 1 (added 1); skipped: 3 (redirect: 1, namespace 1: 1, namespace 14: 1); failed: 0"


def _corpus_pages(n: int) -> list[tuple[str, str]]:
    pages = []
    for path in sorted((CORPUS / "althistory").glob("*.txt"))[:n]:
        text = path.read_text(encoding="utf-8")
        pages.append((path.stem.replace("_", " "), text[text.index("---", 3) + 4:]))
    return pages


def _write(path, pages) -> None:
    with bz2.open(path, "wb") as out:
        write_dump(pages, out, base="https://althistory.fandom.com/wiki/Main_Page")


def test_a_page_whose_revision_is_stored_is_not_read_again(tmp_path, monkeypatch):
    pages = _corpus_pages(3)
    dump = tmp_path / "wiki.xml.bz2"
    _write(dump, pages)
    store = open_store(tmp_path / "a.db")
    assert [s for _, s in pipeline.ingest([dump], store, workers=1).stored] == ["added"] * 3
    facts = "SELECT source_id, field, value FROM facts ORDER BY id"
    before = [tuple(r) for r in store.db.execute(facts)]
    # a new revision of the second page: only it is extracted again, and only its facts change
    title, text = pages[1]
    _write(dump, [pages[0], (title, text + "\n\nThe unrest spread to Diyarbakır in March 2016.", 7), pages[2]])
    extracted = []
    real = pipeline.extract_job
    monkeypatch.setattr(pipeline, "extract_job", lambda job: (extracted.append(job.label), real(job))[1])
    report = pipeline.ingest([dump], store, workers=1)
    assert [s for _, s in report.stored] == ["unchanged", "replaced", "unchanged"]
    assert extracted == [f"{dump}:{title}"]
    changed = store.db.execute("SELECT id FROM sources WHERE revision_id = 7").fetchone()["id"]
    after = [tuple(r) for r in store.db.execute(facts)]
    assert [r for r in before if r[0] != changed] == [r for r in after if r[0] != changed]
    text = store.db.execute("SELECT text FROM documents WHERE source_id = ?", (changed,)).fetchone()["text"]
    assert "Diyarbakır in March 2016" in text


def test_a_page_that_breaks_an_extractor_costs_only_itself(tmp_path, monkeypatch):
    pages = _corpus_pages(3)
    dump = tmp_path / "wiki.xml.bz2"
    _write(dump, pages)
    import annalyst.extract.profile as profile
    real = profile.extract_profile

    def fragile(doc):
        if doc.source.title == pages[1][0]:
            raise ZeroDivisionError("a bug")
        return real(doc)
    monkeypatch.setattr(profile, "extract_profile", fragile)
    store = open_store(tmp_path / "a.db")
    report = pipeline.ingest([dump], store, workers=1)
    assert len(report.stored) == 2 and report.failed == {"extraction failed (ZeroDivisionError)": 1}
    assert len(report.errors) == 1 and pages[1][0] in report.errors[0] and "ZeroDivisionError" in report.errors[0]
    assert "failed: 1 (extraction failed (ZeroDivisionError): 1)" in report.summary()


def test_a_dump_defining_entities_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE mediawiki [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<mediawiki><siteinfo><base>&b;</base></siteinfo>'
                    "</mediawiki>\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(bomb), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert f"{bomb}:" in result.output and "EntitiesForbidden" in result.output and "Traceback" not in result.output
    assert open_store(tmp_path / "a.db").db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_a_truncated_dump_keeps_the_pages_before_the_cut(tmp_path):
    pages = _corpus_pages(4)
    raw = io.BytesIO()
    write_dump(pages, raw)
    whole = raw.getvalue()
    cut = whole.index(b"<page>", whole.index(b"<page>", whole.index(b"<page>") + 1) + 1)  # after two pages
    dump = tmp_path / "cut.xml.gz"
    dump.write_bytes(gzip.compress(whole)[: len(gzip.compress(whole[:cut])) - 20])
    store = open_store(tmp_path / "a.db")
    report = pipeline.ingest([dump], store, workers=1)
    assert report.errors and str(dump) in report.errors[0]
    assert 1 <= len(report.stored) <= 2 and report.failed["unreadable dump"] == 1


def test_two_workers_store_what_one_does(tmp_path):
    dump = tmp_path / "wiki.xml.bz2"
    _write(dump, _corpus_pages(6))
    contents = []
    for workers in (1, 2):
        store = open_store(tmp_path / f"{workers}.db")
        assert not pipeline.ingest([dump], store, workers=workers).errors
        contents.append([tuple(r) for r in store.db.execute(
            "SELECT f.source_id, f.field, f.value, f.qualifiers, e.start, e.\"end\" FROM facts f"
            " JOIN evidence e ON e.fact_id = f.id ORDER BY f.source_id, f.id, e.id")])
    assert contents[0] and contents[0] == contents[1]


def test_the_dump_page_keeps_its_markup(tmp_path):
    store = open_store(tmp_path / "a.db")
    pipeline.ingest([DUMP], store, workers=1)
    row = store.db.execute("SELECT d.markup, d.origin, d.text FROM documents d").fetchone()
    assert row["markup"].startswith("{{Infobox militant organization")
    origin = json.loads(row["origin"])
    assert origin and all(0 <= a < b <= len(row["text"]) for a, b, _, _ in origin)


def test_a_folder_holding_a_dump_stored_before_is_no_error(tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "wiki.xml").write_bytes(DUMP.read_bytes())
    store = open_store(tmp_path / "a.db")
    assert not pipeline.ingest([folder], store, workers=1).errors
    again = pipeline.ingest([folder], store, workers=1)
    assert not again.errors and [s for _, s in again.stored] == ["unchanged"]


def test_an_unknown_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(DUMP), "--engine", "dask", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2 and "dask" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("master", ["nonsense", "local[2", "spark:/host:7077", "local[two]"])
def test_a_master_spark_does_not_accept_is_a_usage_error(tmp_path, master):
    result = CliRunner().invoke(app, ["ingest", str(DUMP), "--engine", "spark", "--master", master,
                                      "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2 and "--master" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "a.db").exists() or not open_store(tmp_path / "a.db").db.execute(
        "SELECT count(*) FROM sources").fetchone()[0]


def test_parquet_without_spark_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(DUMP), "--parquet", str(tmp_path / "out"), "--db",
                                      str(tmp_path / "a.db")])
    assert result.exit_code == 2 and "--engine spark" in result.output and not (tmp_path / "a.db").exists()
