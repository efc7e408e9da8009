"""The site in a real browser: Chromium, driven by Playwright, checked by axe-core.

Chromium comes from Debian's package (``.ci/run`` installs it); Playwright never downloads a
browser of its own here. Without Chromium these tests are skipped, except under CI=true. The
site is served over HTTP from 127.0.0.1, as a web host would serve it.
"""

from __future__ import annotations

import functools
import io
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest
from conftest import require_tool
from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.translations import languages

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 1280)
FOLDERS = ["en-gb", *(tag.lower() for tag in languages(default_pack_dir()))]
HOMES = ["index.html", *(f"{folder}/index.html" for folder in FOLDERS[1:])]
PAGES = (*HOMES, *(f"{folder}/questions.html" for folder in FOLDERS), "en-gb/recipes.html",
         "404.html")
"""Each language's home page and a page of its cards (right to left for Urdu and Arabic)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, started once for the module."""
    path = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The default pack's site, made once and served by Python's HTTP server."""
    out = tmp_path_factory.mktemp("site-browser") / "public"
    result = CliRunner().invoke(app, ["site", str(default_pack_dir()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _open(browser, url: str, width: int, height: int = 900):  # type: ignore[no-untyped-def]
    """A page at ``width`` pixels, loaded: with the requests it made and those that failed."""
    page = browser.new_page(viewport={"width": width, "height": height})
    failed: list[str] = []
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return page, failed, asked


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_in_chromium(browser, site_url: str, width: int, name: str) -> None:
    """Whole (no failed request, image or font), no sideways scrolling, no axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    page, failed, _ = _open(browser, site_url + name, width)
    try:
        assert failed == []
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth)"
                               ".map(i => i.src)")
        assert broken == []
        fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded')"
                              ".map(f => f.weight)")
        assert {"400", "700"} <= set(fonts), fonts  # the bundled fonts, not a fallback
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, "
                                       "document.documentElement.clientWidth]")
        assert scroll <= client, f"{scroll - client} px of sideways scrolling at {width} px"
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()


@pytest.mark.parametrize("name, wanted, unwanted", [
    ("index.html", set(), {"Naskh", "Nastaliq", "Bengali", "Gurmukhi"}),
    ("ur/questions.html", {"Nastaliq"}, {"Bengali", "Gurmukhi"}),
    ("bn/index.html", {"Bengali"}, {"Naskh", "Nastaliq", "Gurmukhi"}),
])
def test_a_page_fetches_only_the_fonts_of_the_scripts_it_shows(
        browser, site_url: str, name: str, wanted: set[str], unwanted: set[str]) -> None:
    page, failed, asked = _open(browser, site_url + name, 1280)
    page.close()
    fonts = [url.rsplit("/", 1)[1] for url in asked if url.endswith(".ttf")]
    assert any("Atkinson" in font for font in fonts), fonts
    # The other languages' names come from fonts of their few letters: a few kilobytes each.
    names = [font for font in fonts if font.startswith("name-")]
    assert {"name-bn.ttf", "name-pa.ttf", "name-ar.ttf", "name-ur.ttf"} - {
        f"name-{name.split('/')[0].split('-')[0]}.ttf"} <= set(names), fonts
    for font in names:
        with urllib.request.urlopen(f"{site_url}assets/fonts/{font}") as response:
            assert len(response.read()) < 16_000, font
    assert {w for w in wanted if any(w in font for font in fonts)} == wanted, fonts
    assert not [font for font in fonts if any(u in font for u in unwanted)], fonts
    assert failed == []


@pytest.mark.parametrize("name", HOMES)
def test_the_main_download_is_on_a_phones_first_screen(browser, site_url: str,
                                                       name: str) -> None:
    page, _, _ = _open(browser, site_url + name, 375, 667)
    try:
        box = page.locator("main a.button").bounding_box()
        assert box is not None and box["y"] >= 0
        assert box["y"] + box["height"] <= 667, box
        assert page.locator("main a.button").get_attribute("href", timeout=1000).endswith(".pdf")
    finally:
        page.close()


CONTRAST = """() => {
  const rgb = text => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let back = el.parentElement, colour = 'rgb(255, 255, 255)';
  for (; back; back = back.parentElement) {
    const bg = rgb(getComputedStyle(back).backgroundColor);
    if (bg.length < 4 || bg[3] > 0) { colour = getComputedStyle(back).backgroundColor; break; }
  }
  const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(colour))];
  return {tag: el.tagName, text: el.textContent.trim().slice(0, 40), style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
          ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""
"""The focused element's outline, and its contrast with the background it is drawn on."""


@pytest.mark.parametrize("name", ["index.html", "ur/questions.html", "ar/index.html"])
def test_focus_outlines_stand_out_on_every_background(browser, site_url: str,
                                                      name: str) -> None:
    page, _, _ = _open(browser, site_url + name, 1280)
    try:
        count = page.evaluate("document.querySelectorAll('a[href], summary').length")
        seen = []
        for _ in range(count):
            page.keyboard.press("Tab")
            ring = page.evaluate(CONTRAST)
            seen.append(ring)
            assert ring["style"] != "none" and ring["width"] >= 2, ring
            assert ring["ratio"] >= 3, ring  # WCAG 1.4.11, non-text contrast
        assert {ring["tag"] for ring in seen} >= {"A"}
    finally:
        page.close()


@pytest.mark.parametrize("name", ["en-gb/questions.html", "ur/questions.html"])
def test_a_printed_card_page_gives_each_card_a_sheet_and_no_menus(browser, site_url: str,
                                                                  name: str) -> None:
    page, _, _ = _open(browser, site_url + name, 1280)
    try:
        titles = page.eval_on_selector_all("article.card h2", "hs => hs.map(h => h.innerText)")
        heading = page.inner_text("h1")
        menus = page.eval_on_selector_all(".languages a, .edition-nav a, .skip",
                                          "links => links.map(a => a.textContent.trim())")
        pdf = page.pdf(format="A4")
    finally:
        page.close()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(titles) > 5
    text = "\n".join(p.extract_text() for p in reader.pages)
    for word in menus:
        if word not in (*titles, heading) and word.isascii():  # text Poppler-free readers spell alike
            assert word not in text, word
    if name.startswith("en"):
        for number, title in enumerate(titles):
            assert title in reader.pages[number].extract_text(), (number, title)
