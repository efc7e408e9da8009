"""Recipes on both sides of the A6 card, and no card's running text below 12 pt."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Callable

import pdfplumber
import pytest
import pypdfium2
import pypdfium2.raw as pdfium_raw
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.output.build import build
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir

runner = CliRunner()
FOOTNOTE = 7.0
"""Credit lines (6 pt) and picture credits are not running text: characters this small are
left out of the median."""


def _medians(pdf: Path) -> list[float]:
    """The median size of each page's running-text characters, as PDFium reads them."""
    doc = pypdfium2.PdfDocument(str(pdf))
    found = []
    try:
        for index in range(len(doc)):
            page = doc[index].get_textpage()
            sizes = [pdfium_raw.FPDFText_GetFontSize(page, c) for c in range(page.count_chars())]
            running = [s for s in sizes if s > FOOTNOTE]
            found.append(statistics.median(running) if running else 0.0)
    finally:
        doc.close()
    return found


@pytest.fixture(scope="module")
def every_language_a6(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The default pack's A6 cards in its own language and every translation."""
    out = tmp_path_factory.mktemp("a6-every-language")
    return [item.path for item in build(default_pack_dir(), ("a6",), out, languages="all")]


def test_every_a6_page_sets_its_running_text_at_12_pt_or_more(
        every_language_a6: list[Path]) -> None:
    # Every page: the about card's two sides, every card's front and back (a ring back's
    # pack title is its smallest words), blank cards, in every language the pack ships.
    assert len(every_language_a6) == 7
    small = []
    for pdf in every_language_a6:
        medians = _medians(pdf)
        assert len(medians) == 132 and all(medians), pdf.name  # every page has running text
        small += [(pdf.name, index + 1, round(m, 2)) for index, m in enumerate(medians) if m < 12]
    assert small == []


def test_the_about_card_shares_its_attribution_between_its_sides(
        default_pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(default_pdfs["a6"]) as pdf:
        front, back = (" ".join(pdf.pages[n].extract_text().split()) for n in (0, 1))
    assert "Made by" in front and "Get the pack and its source" in front
    assert "Licence" in back and "Made by" not in back
    # Nothing is left out to make room: the licence's summary and the icons' credit are there.
    assert "You may copy, share and adapt" in back and "Icons: Lucide" in back
    assert "do not endorse" in back


def test_a_recipe_has_its_method_on_the_back(default_pdfs: dict[str, Path]) -> None:
    pack = load_pack(default_pack_dir())
    recipe = next(c for c in pack.recipes if not getattr(c, "blank", False))
    number = pack.cards.index(recipe)
    with pdfplumber.open(default_pdfs["a6"]) as pdf:
        front = pdf.pages[2 + 2 * number].extract_text()
        back = pdf.pages[3 + 2 * number].extract_text()
    flat = " ".join(back.split())
    assert recipe.title in front and recipe.title in back
    assert " ".join(recipe.summary.split()[:4]) in " ".join(front.split())
    assert "Method" in back and "Method" not in front
    assert "Ingredients:" in back and "Time:" in back and "A first small step:" in flat
    assert " ".join(recipe.method[0].split()[:3]) in flat


def test_a_blank_recipe_has_write_in_lines_on_both_sides(default_pdfs: dict[str, Path]) -> None:
    pack = load_pack(default_pack_dir())
    blank = next(c for c in pack.recipes if getattr(c, "blank", False))
    number = pack.cards.index(blank)
    headings = pack.labels.recipe.blank_lines
    with pdfplumber.open(default_pdfs["a6"]) as pdf:
        for index, wanted in ((2 + 2 * number, headings[:2]), (3 + 2 * number, headings[2:])):
            page = pdf.pages[index]
            # The printed words have typographic apostrophes (compose.typography).
            text = " ".join(page.extract_text().replace("\u2019", "'").split())
            assert all(" ".join(h.split()) in text for h in wanted), (index, text)
            ruled = [line for line in page.lines if abs(line["y0"] - line["y1"]) < 0.1
                     and line["x1"] - line["x0"] > 100]
            assert len(ruled) >= 4, index


def test_a_method_too_long_for_12_pt_asks_to_cut_words_from_it(
        make_pack: Callable[..., Path]) -> None:
    step = ("Talk to every neighbour on the street about the idea and ask them what they "
            "would like to bring, then write it all down")
    method = "\n".join(f"  - {step} ({n})." for n in range(1, 13))
    root = make_pack(**{"content/recipes/soup-club.yaml": (
        "id: soup-club\ntitle: Soup club\nsummary: Neighbours cook soup together.\n"
        "ingredients: [cooks]\nmethod:\n" + method + "\ntime: An evening a week\n")})
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert "content/recipes/soup-club.yaml:1:" in result.output
    assert "does not fit on the card even at 12 pt" in result.output
    assert "words from method" in result.output
