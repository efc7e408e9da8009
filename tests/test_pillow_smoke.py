"""A smoke test against a second, independent text engine: Pillow with libraqm.

A line of each shaped script is laid out and drawn into a PDF by our own code, rendered by
PDFium at a known scale, and compared with the same text drawn by Pillow (FreeType, HarfBuzz
and FriBiDi through libraqm) in the same font at the same size: the width of the ink, and the
overlap of the two ink masks once their boxes are aligned. Pixels are not expected to match,
since two rasterisers differ in anti-aliasing, so the thresholds are loose; but a line that
was not shaped, or whose words came out in the wrong order, must fail, and the negative
controls inside the test prove that it would.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, features
from reportlab.pdfgen.canvas import Canvas

from activate_pack.layout.boxes import Page, TextBox
from activate_pack.render.pdf import draw_page
from activate_pack.text import FONT_DIR, Flow, Layouter, Style

pytestmark = pytest.mark.skipif(not features.check("raqm"), reason="Pillow has no libraqm")

SIZE = 36.0
"""Type size in points."""
SCALE = 3.0
"""Pixels per point, for PDFium and Pillow alike."""

LINES = {
    "ur": ("ہمارے محلے میں سب سے اچھی جگہ", "NotoNastaliqUrdu-Regular.ttf", "rtl"),
    "ar": ("أفضل مكان في حيّنا", "NotoNaskhArabic-Regular.ttf", "rtl"),
    "pa": ("ਤੁਹਾਡੀ ਪ੍ਰਿਯ ਥਾਂ ਕਿੱਥੇ ਹੈ, ਅਤੇ ਕਿਉਂ?", "NotoSansGurmukhi-Regular.ttf", "ltr"),
    "bn": ("আমাদের পাড়ার সবচেয়ে প্রিয় জায়গা", "NotoSansBengali-Regular.ttf", "ltr"),
}
"""One line per script: Nastaliq's cascade, Naskh's joining, Gurmukhi's vowel sign i drawn
before its consonant (and a subjoined ra), Bengali's vowel signs and conjuncts. Measured here:
our line overlaps Pillow's by 0.89 to 0.96 with the same ink width to the pixel; unshaped
text by 0.08 to 0.54, and the words reversed by 0.11 to 0.39."""

WIDTH_TOLERANCE = 0.03
"""The ink widths may differ by this share: rounding and hinting, never a missing ligature."""
MIN_OVERLAP = 0.8
"""Least intersection over union of the two ink masks (each widened by a pixel)."""


def _ink(image: Image.Image) -> Image.Image:
    """A black-and-white mask of the ink, cropped to its bounding box."""
    mask = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    box = mask.getbbox()
    assert box is not None, "nothing was drawn"
    return mask.crop(box)


def _ours(text: str, lang: str) -> Image.Image:
    """The line as our text module lays it out and our renderer draws it, seen by PDFium."""
    flow = Flow()
    flow.add(text, Style(lang=lang))
    page_w, page_h = 1400.0, 200.0
    lines = Layouter(flow).lay(SIZE, page_w - 40).lines
    assert len(lines) == 1
    box = TextBox(20, page_h - 40, page_w - 40, 160, SIZE, lines, "body")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(page_w, page_h))
    draw_page(canvas, Page(page_w, page_h, (box,), "card"))
    canvas.showPage()
    canvas.save()
    pdf = pdfium.PdfDocument(out.getvalue())
    return _ink(pdf[0].render(scale=SCALE).to_pil())


def _pillow(text: str, font_file: str, lang: str, direction: str,
            engine: ImageFont.Layout = ImageFont.Layout.RAQM) -> Image.Image:
    """The line as Pillow draws it, with libraqm (or, for a control, without shaping)."""
    font = ImageFont.truetype(str(FONT_DIR / font_file), round(SIZE * SCALE),
                              layout_engine=engine)
    image = Image.new("L", (int(1500 * SCALE), int(200 * SCALE)), 255)
    options = {"direction": direction, "language": lang} if engine == ImageFont.Layout.RAQM \
        else {}
    ImageDraw.Draw(image).text((20 * SCALE, 40 * SCALE), text, font=font, fill=0, **options)
    return _ink(image)


def overlap(a: Image.Image, b: Image.Image) -> float:
    """Intersection over union of two ink masks, aligned at their boxes' top-left corners and
    each widened by a pixel, so anti-aliasing differences do not count."""
    width, height = max(a.width, b.width), max(a.height, b.height)
    masks = []
    for mask in (a, b):
        canvas = Image.new("L", (width, height), 0)
        canvas.paste(mask, (0, 0))
        masks.append(canvas.filter(ImageFilter.MaxFilter(3)))
    both = ImageChops.multiply(masks[0], masks[1])
    either = ImageChops.lighter(masks[0], masks[1])
    inter = sum(both.histogram()[1:])
    union = sum(either.histogram()[1:])
    return inter / union


def _width_ratio(a: Image.Image, b: Image.Image) -> float:
    return abs(a.width - b.width) / b.width


def _similar(ours: Image.Image, theirs: Image.Image) -> bool:
    return _width_ratio(ours, theirs) <= WIDTH_TOLERANCE and overlap(ours, theirs) >= MIN_OVERLAP


@pytest.mark.parametrize("lang", list(LINES))
def test_our_line_looks_like_pillows(lang: str) -> None:
    text, font_file, direction = LINES[lang]
    ours = _ours(text, lang)
    theirs = _pillow(text, font_file, lang, direction)
    ratio, iou = _width_ratio(ours, theirs), overlap(ours, theirs)
    assert ratio <= WIDTH_TOLERANCE, (lang, ours.size, theirs.size)
    assert iou >= MIN_OVERLAP, (lang, iou)
    # Negative controls: the same comparison must fail for text drawn without shaping, and
    # for the words in the wrong order.
    unshaped = _pillow(text, font_file, lang, direction, ImageFont.Layout.BASIC)
    assert not _similar(unshaped, theirs), (lang, _width_ratio(unshaped, theirs),
                                            overlap(unshaped, theirs))
    reversed_words = _pillow(" ".join(reversed(text.split())), font_file, lang, direction)
    assert not _similar(reversed_words, theirs), (lang, overlap(reversed_words, theirs))
    assert not _similar(_ours(" ".join(reversed(text.split())), lang), theirs), lang
