"""Right-to-left pages read right: fonts per language, credit lines, furniture, contents."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from activate_pack.layout.boxes import Page
from activate_pack.output.plan import prepare, variants
from activate_pack.pack.paths import default_pack_dir
from activate_pack.text.scripts import has_rtl


@lru_cache(maxsize=None)
def laid_pages(lang: str, size: str) -> tuple[Page, ...]:
    """The default pack's pages in ``lang``, laid out as a build lays them."""
    prepared = prepare(default_pack_dir(), variants((size,), languages=[lang]), Path("unused"))
    assert not prepared.report.errors, prepared.report.errors
    [output] = prepared.outputs
    return tuple(output.imposed.pages)


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_urdu_words_are_nastaliq_on_every_page(size: str) -> None:
    """Urdu letters are Nastaliq even in a paragraph left in English (the pack's title on the
    back of a card the translation does not cover): the font is chosen for the document."""
    fonts = {seg.font.rsplit("-", 1)[0]
             for page in laid_pages("ur", size) for box in page.texts()
             for line in box.lines for seg in line.segments if has_rtl(seg.text)}
    assert fonts == {"nastaliq"}


def test_arabic_words_stay_naskh() -> None:
    fonts = {seg.font.rsplit("-", 1)[0]
             for page in laid_pages("ar", "a6") for box in page.texts()
             for line in box.lines for seg in line.segments if has_rtl(seg.text)}
    assert fonts == {"naskh"}


@pytest.mark.parametrize("lang", ["ur", "ar", "pl"])
def test_no_credit_line_starts_or_ends_with_a_separator(lang: str) -> None:
    """A ' · ' that a line break leaves at a line's end is not drawn: right to left it hung at
    the far left, before 'Activate Pack contributors'."""
    checked = 0
    for page in laid_pages(lang, "a6"):
        for box in page.texts("credit"):
            for line in box.lines:
                # Left to right as drawn: a right-to-left segment's text runs the other way.
                shown = "".join(seg.text[::-1] if seg.direction == "rtl" else seg.text
                                for seg in line.segments).strip()
                assert shown[:1] != "·" and shown[-1:] != "·", (page.card, shown)
                checked += 1
    assert checked > 100
