"""Lines of shaped scripts are spaced by their real ink: no line's letters touch another's.

The check renders each page twice with our renderer, once with the even lines of every text
box and once with the odd ones (all in black, without backgrounds), rasterises both with PDFium,
and looks for a pixel inked in both: a place where a line's ink meets the line above or below.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from activate_pack.layout.boxes import Document, TextBox
from activate_pack.output.plan import prepare
from activate_pack.output.variants import variants
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.render.pdf import render
from activate_pack.text import Flow, Layouter, Style

DPI = 150
INKED = 160
"""A pixel darker than this (of 255) is ink: at least a third of it covered."""


def _alternate_lines(doc: Document, parity: int) -> Document:
    """The document with every other line of each text box only, in black, and nothing else."""
    pages = []
    for page in doc.pages:
        boxes = tuple(
            replace(box, lines=tuple(
                replace(line, segments=tuple(replace(s, colour="#000000") for s in line.segments))
                for number, line in enumerate(box.lines) if number % 2 == parity))
            for box in page.boxes if isinstance(box, TextBox))
        pages.append(replace(page, boxes=boxes))
    return replace(doc, pages=tuple(pages))


def _ink(doc: Document) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(render(doc, [], "test", "https://example.org"))
    return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            .point(lambda v: 255 if v < INKED else 0) for page in pdf]


def touching_pages(lang: str | None, size: str) -> list[int]:
    """Page numbers (from 1) where the ink of two neighbouring lines of a text box meets."""
    prepared = prepare(default_pack_dir(), variants((size,), languages=[lang]), Path("unused"))
    assert not prepared.report.errors, prepared.report.errors
    [output] = prepared.outputs
    doc = replace(output.imposed.doc, pages=tuple(output.imposed.pages))
    even, odd = _ink(_alternate_lines(doc, 0)), _ink(_alternate_lines(doc, 1))
    return [number for number, (a, b) in enumerate(zip(even, odd), 1)
            if ImageChops.multiply(a, b).getbbox() is not None]


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_no_urdu_line_touches_its_neighbour(size: str) -> None:
    assert touching_pages("ur", size) == []


def test_the_check_finds_lines_that_touch() -> None:
    """The same check on English at a leading too tight for its letters finds contacts."""
    doc = Document((), "t", "a", "s", (), "en", "https://example.org", "r")
    flow = Flow()
    flow.add("Typography flying; jumpy glyphs, quirky ÄÖÜ hedges. " * 3,
             Style(leading=0.6))
    laid = Layouter(flow).lay(20, 300)
    from activate_pack.layout.boxes import Page

    box = TextBox(20, 380, 300, 360, laid.size, laid.lines, "body")
    doc = replace(doc, pages=(Page(340, 400, (box,), "card"),))
    even, odd = _ink(_alternate_lines(doc, 0)), _ink(_alternate_lines(doc, 1))
    assert ImageChops.multiply(even[0], odd[0]).getbbox() is not None


def test_latin_lines_keep_their_leading() -> None:
    """Latin text is spaced by its leading alone, whatever its ink: English pages do not move."""
    flow = Flow()
    flow.add("A plain English paragraph, long enough to run over several lines. " * 4,
             Style(leading=1.1))
    laid = Layouter(flow).lay(10, 150)
    steps = {round(b.y - a.y, 6) for a, b in zip(laid.lines, laid.lines[1:])}
    assert len(laid.lines) > 3 and steps == {11.0}


def test_nastaliq_lines_are_spaced_by_their_ink() -> None:
    """A Nastaliq line with a deep descender above one with a tall letter gets more room than
    its leading, and one without them keeps the leading."""
    style = Style(lang="ur", direction="rtl", base="rtl", leading=1.25)
    deep, plain = Flow(), Flow()
    # Two lines of a card whose descenders and tall letters once met at the leading alone.
    deep.add("اس علاقے میں کون رہتا ہے، اور کن", style)
    deep.add("لوگوں کو ہم کم ہی دیکھتے یا سنتے ہیں؟", replace(style, space_before=0.0))
    plain.add("بات", style)
    plain.add("بات", replace(style, space_before=0.0))
    for flow, wider in ((deep, True), (plain, False)):
        laid = Layouter(flow).lay(10, 400)
        step = laid.lines[1].y - laid.lines[0].y
        assert (step > 19.0 + 0.01) == wider, step  # 19: Nastaliq's 1.9 × 10


@pytest.mark.parametrize("lang", [None, "ur", "ar", "bn", "pa-Guru"])
def test_contents_entries_keep_to_their_leaders(lang: str | None) -> None:
    """On the A4 contents page each entry's number stands on the entry's baseline, and no
    entry's ink touches a dotted leader, in every script."""
    from activate_pack.layout.boxes import Rule

    prepared = prepare(default_pack_dir(), variants(("a4",), languages=[lang]), Path("unused"))
    [output] = prepared.outputs
    [page] = [p for p in output.imposed.pages if p.kind == "contents"]
    entries = [b for b in page.boxes if isinstance(b, TextBox) and b.link is not None]
    for entry, number in zip(entries[::2], entries[1::2]):
        assert entry.top - entry.lines[0].y == pytest.approx(number.top - number.lines[0].y), \
            (entry.text, number.text)
    doc = replace(output.imposed.doc, pages=(page,))
    rules = tuple(replace(b, colour="#000000", dash=None) for b in page.boxes
                  if isinstance(b, Rule))
    texts = tuple(replace(b, lines=tuple(
        replace(line, segments=tuple(replace(s, colour="#000000") for s in line.segments))
        for line in b.lines)) for b in entries)
    [leaders] = _ink(replace(doc, pages=(replace(page, boxes=rules),)))
    [words] = _ink(replace(doc, pages=(replace(page, boxes=texts),)))
    assert ImageChops.multiply(leaders, words).getbbox() is None
