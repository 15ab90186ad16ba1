"""The web app through its HTTP interface (FastAPI's test client): search, profiles whose values
link to their highlighted sentence, the source view, the timeline, contradictions, the JSON twins,
and hostile page text rendered inert."""
from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from annalyst.web import create_app
from annalyst.web.app import CSP
from tests.conftest import FIXTURES

ISIL = "actor:islamic-state-of-iraq-and-the-levant"


@pytest.fixture(scope="module")
def client(althistory):
    path = althistory.db.execute("PRAGMA database_list").fetchone()["file"]
    return TestClient(create_app(path))


def _marked(html: str) -> str:
    """The text the source page highlights (every <mark> segment, tags inside removed)."""
    return unescape(re.sub(r"<[^>]+>", "", "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.S))))


@pytest.mark.parametrize("query", ["Da'esh", "ISIS", "ISIL", "islamic state of iraq"])
def test_a_search_by_any_name_reaches_the_profile(client, query):
    hits = client.get("/api/search", params={"q": query}).json()
    assert hits[0]["key"] == ISIL
    page = client.get("/", params={"q": query}).text
    link = unescape(re.search(r'<a href="(/entity\?[^"]+)"', page).group(1))
    profile = client.get(link)
    assert profile.status_code == 200
    assert re.search(r"<h1[^>]*>Islamic State of Iraq and the Levant</h1>", profile.text)


def test_a_value_links_to_its_sentence_highlighted_in_the_source(client):
    profile = client.get("/entity", params={"id": ISIL}).text
    row = re.search(r'<tr class="field-strength">.*?</tr>', profile, re.S).group(0)
    link = unescape(re.search(r'<a class="value" href="([^"]+)"', row).group(1))
    assert link.endswith("#hl")
    source = client.get(link)
    assert source.status_code == 200 and 'id="hl"' in source.text
    assert _marked(source.text) == "52,600–257,900"


def test_the_source_view_labels_every_extracted_span(client):
    profile = client.get("/api/entity", params={"id": ISIL}).json()
    source = client.get("/api/source", params={"id": profile["sources"][0]["id"]}).json()
    kinds = {k for g in source["segments"] for k in g["kinds"]}
    assert {"strength", "headquarters", "event sub_event_type", "native_name"} <= kinds
    assert "".join(g["text"] for g in source["segments"]) == althistory_text(client, profile["sources"][0]["id"])


def althistory_text(client, source_id):
    return "".join(g["text"] for g in client.get("/api/source", params={"id": source_id}).json()["segments"])


def test_the_arabic_name_is_marked_for_right_to_left_rendering(client):
    profile = client.get("/entity", params={"id": ISIL}).text
    assert re.search(r'<span dir="auto" lang="ar"><a class="value" href="[^"]+">لدولة الإسلامية', profile)


def test_the_timeline_puts_the_tal_afar_fighting_in_order(client):
    events = client.get("/api/timeline", params={"place": "Tal Afar"}).json()["events"]
    days = [e["days"][0] for e in events]
    assert days == sorted(days) and {"2016-03-08", "2016-03-10", "2016-03-14"} <= set(days)
    page = client.get("/timeline", params={"place": "Tal Afar"}).text
    shown = re.findall(r'<span class="when">(\d{4}-\d\d-\d\d)</span>', page)
    assert shown == days


def test_a_year_is_shown_as_a_span_of_days(client):
    page = client.get("/timeline").text
    assert re.search(r'precision-span[^>]*>\s*<span class="when"><span class="span-of-days">2014-01-01 – 2014-12-31',
                     page)


def test_contradictions_show_both_quotes_each_linked_to_its_highlighted_source(client):
    found = [c for c in client.get("/api/contradictions").json() if c["entity"] == "Erbil Conference"]
    values = {tuple(sorted(str(cl["value"]) for cl in c["claims"])) for c in found}
    assert ("2015-12-17", "2015-12-21") in values
    page = client.get("/contradictions").text
    section = next(s for s in re.findall(r'<section class="contradiction.*?</section>', page, re.S)
                   if "Erbil Conference" in s and "2015-12-17" in s and "2015-12-21" in s)
    links = re.findall(r'<a class="cite" href="([^"]+)">“(.*?)”</a>', section)
    assert len(links) >= 2
    for link, quote in links:
        assert _marked(client.get(unescape(link)).text) == unescape(quote)


def test_the_network_links_isil_to_boko_haram_as_allies(client):
    edges = client.get("/api/network").json()["edges"]
    assert {"source": ISIL, "target": "actor:boko-haram", "type": "ally"}.items() <= next(
        e for e in edges if e["target"] == "actor:boko-haram" and e["source"] == ISIL).items()


def test_the_map_layers_have_markers_at_mosul_and_tal_afar(client):
    features = client.get("/api/map").json()["features"]
    placed = {f["properties"].get("location") for f in features if f["geometry"]}
    assert {"Mosul", "Tal Afar"} <= placed


def test_every_page_allows_only_its_own_assets_and_has_no_cdn_docs(client):
    for path in ("/", "/timeline", "/contradictions", "/openapi.json"):
        assert client.get(path).headers["content-security-policy"] == CSP
    assert client.get("/docs").status_code == 404
    schema = client.get("/openapi.json").json()
    assert {"/api/search", "/api/entity", "/api/source", "/api/timeline", "/api/contradictions", "/api/network",
            "/api/map"} <= set(schema["paths"])


@pytest.mark.parametrize("path, params, status", [("/entity", {"id": "actor:nobody"}, 404),
                                                  ("/api/source", {"id": "no-such-page"}, 404),
                                                  ("/api/timeline", {"from": "May 2016"}, 400),
                                                  ("/api/entity", {}, 422)])
def test_bad_requests_get_client_errors(client, path, params, status):
    assert client.get(path, params=params).status_code == status


def test_hostile_page_text_is_shown_inert(tmp_path):
    store = open_store(tmp_path / "hostile.db")
    assert not ingest([FIXTURES / "web" / "hostile-page.txt"], store).errors
    source_id = store.db.execute("SELECT id FROM sources").fetchone()[0]
    client = TestClient(create_app(tmp_path / "hostile.db"))
    pages = [client.get("/source", params={"id": source_id}).text, client.get("/", params={"q": "Brigade"}).text,
             client.get("/timeline").text]
    pages += [client.get(unescape(link)).text for link in re.findall(r'href="(/entity\?[^"]+)"', pages[1])]
    assert len(pages) == 4
    for html in pages:
        assert not re.search(r"<script|<img|href=\"javascript:", html, re.I)
        assert not re.search(r"<[^>]*\son\w+=", html, re.I)  # no event-handler attribute anywhere
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in pages[0]
