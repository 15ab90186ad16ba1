"""The web app in a real browser: Playwright drives headless Chromium (the Debian package,
/usr/bin/chromium) against the server tests/web/conftest.py starts, over a store of the seed's wiki,
realworld/ and the Wikipedia corpus. Each test saves a screenshot under test-output/web/."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "web"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    tab.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert errors == []  # no script failed on the page


def test_search_for_daesh_reaches_the_isil_profile(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "Da'esh")
    page.press("input[name=q]", "Enter")
    page.get_by_role("link", name="Islamic State of Iraq and the Levant").first.click()
    expect(page.locator("h1")).to_have_text("Islamic State of Iraq and the Levant")


def test_the_strength_value_opens_its_source_highlighted(server, page):
    page.goto(server + "/entity?id=actor%3Aislamic-state-of-iraq-and-the-levant")
    page.locator("tr.field-strength a.value").click()
    mark = page.locator("mark")
    expect(mark.first).to_be_visible()
    assert "".join(mark.all_text_contents()) == "52,600–257,900"
    shown = mark.first.evaluate("m => getComputedStyle(m.querySelector('.span') || m).backgroundColor")
    assert shown == mark.first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.url.endswith("#hl") and page.evaluate("document.getElementById('hl').getBoundingClientRect().top") < 900


def test_the_timeline_shows_the_tal_afar_events_in_order(server, page):
    page.goto(server + "/timeline?place=Tal+Afar")
    days = page.locator("ol.timeline li .when").all_text_contents()
    assert [d for d in days if d in ("2016-03-08", "2016-03-10", "2016-03-14")] == ["2016-03-08", "2016-03-10",
                                                                                 "2016-03-14"]


def test_the_map_has_markers_at_mosul_and_tal_afar(server, page):
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("path.event-marker").count() > 0
    places = page.locator("#places li").all_text_contents()
    assert "Mosul" in places and "Tal Afar" in places
    assert page.locator("#map svg path").count() > 100  # the countries of the basemap, drawn from world-atlas


def test_the_network_links_isil_to_boko_haram_as_allies(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#network[data-ready=true]")
    expect(page.locator("#relations li", has_text="Islamic State of Iraq and the Levant — ally → Boko Haram")
           ).to_have_count(1)
    assert page.locator("#network canvas").count() == 1


def test_the_contradictions_page_shows_the_erbil_conference_dates_side_by_side(server, page):
    page.goto(server + "/contradictions")
    section = page.locator("section.contradiction", has_text="Erbil Conference").filter(has_text="2015-12-17") \
        .filter(has_text="2015-12-21").first
    claims = section.locator(".claim")
    expect(claims).to_have_count(2)
    boxes = [claims.nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 5 and boxes[0]["x"] < boxes[1]["x"]  # side by side
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "contradictions-page.png"))
    quote = claims.nth(1).locator("a.cite").first
    text = quote.text_content().strip("“”")
    quote.click()
    assert "".join(page.locator("mark").all_text_contents()) == text


def test_the_arabic_name_is_rendered_right_to_left(server, page):
    page.goto(server + "/entity?id=actor%3Aislamic-state-of-iraq-and-the-levant")
    arabic = page.locator("span[lang=ar]").first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_a_hostile_page_runs_no_script(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "Brigade")
    page.press("input[name=q]", "Enter")
    links = [a.get_attribute("href") for a in page.locator("ul.results a").all()]
    assert any(link.startswith("/source") for link in links) and any(link.startswith("/entity") for link in links)
    for link in links:
        page.goto(server + link)
        assert page.evaluate("window.pwned") is None  # the payload would set it
    page.goto(server + "/timeline")
    assert page.evaluate("window.pwned") is None
