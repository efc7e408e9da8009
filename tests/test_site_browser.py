"""The download page and the HTML edition in a real browser: Chromium, driven by Playwright, checked by axe-core.

Chromium comes from Debian's package (``.ci/run`` installs it); Playwright never downloads a
browser of its own here. Without Chromium these tests are skipped, except under CI=true.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from conftest import require_tool
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.pack.paths import default_pack_dir

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (375, 1280)
PAGES = ("index.html", "en-gb/questions.html", "en-gb/recipes.html",
         # each translation: its download page and a page of its cards, right to left too
         *(page for tag in ("ur", "pa-guru", "bn", "ar", "pl", "ro")
           for page in (f"index-{tag}.html", f"{tag}/questions.html")))
"""The download page, and pages of the HTML edition: one of question cards, one of recipes."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, started once for the module."""
    path = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack's site, made once."""
    out = tmp_path_factory.mktemp("site-browser") / "public"
    result = CliRunner().invoke(app, ["site", str(default_pack_dir()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _open(browser, url: str, width: int):  # type: ignore[no-untyped-def]
    """A page at ``width`` pixels, loaded, with the requests that failed."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, failed


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_in_chromium(browser, public: Path, width: int, name: str, tmp_path: Path) -> None:
    """Whole (no failed request, image or font), no sideways scrolling, no axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    page, failed = _open(browser, (public / name).as_uri(), width)
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
        shot = tmp_path / f"{Path(name).stem}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()
