"""Pages as pictures: PDF pages rasterised with PDFium, thumbnails, PNG bytes, contact sheets.

The images come from PDF bytes (rasterised with pypdfium2), not from a second drawing of the
layout, so what a reviewer sees is what the print shop gets.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # Pillow is imported inside the functions that use it
    from PIL.Image import Image as PILImage

THUMB_WIDTH = 200
"""Width of a thumbnail on the contact sheet, in pixels."""
BACKGROUND = "#EEEEEE"
INK = "#1A1A1A"


def rasterise(pdf: bytes, width: int, only: list[int] | None = None) -> Iterator[PILImage]:
    """Each page of a PDF in turn (or the pages numbered ``only``, from 0), as Pillow images."""
    import pypdfium2 as pdfium

    # One page at a time: a whole pack held as bitmaps would take hundreds of megabytes.
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)) if only is None else only:
            page = document[index]
            try:
                image = page.render(scale=(width - 0.01) / page.get_width()).to_pil()
            finally:
                page.close()
            yield image if image.mode == "RGB" else image.convert("RGB")
    finally:
        document.close()


def thumbnail(image: PILImage) -> PILImage:
    """A copy of a page image THUMB_WIDTH pixels wide, for the contact sheet."""
    from PIL import Image

    height = round(THUMB_WIDTH * image.height / image.width)
    # Shrink in cheap steps first, then filter well: fast and still sharp.
    return image.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS, reducing_gap=2.0)


def png(image: PILImage) -> bytes:
    """An image as PNG bytes (deterministic: no time stamps)."""
    out = io.BytesIO()
    # Light compression: files barely grow, and encoding is several times faster.
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def contact_sheet(thumbs: list[PILImage], captions: list[str], heading: str,
                  columns: int) -> PILImage:
    """A grid of thumbnails with a caption under each and a heading at the top."""
    from PIL import Image, ImageDraw, ImageFont

    from activate_pack.text import DEFAULT_FAMILY, family

    regular, bold = family(DEFAULT_FAMILY).path("regular"), family(DEFAULT_FAMILY).path("bold")
    caption_font = ImageFont.truetype(str(regular), 13)
    heading_font = ImageFont.truetype(str(bold), 24)
    thumb_h = max(thumb.height for thumb in thumbs)
    gap, caption_h, top = 16, 22, 64
    columns = max(1, min(columns, len(thumbs)))
    rows = math.ceil(len(thumbs) / columns)
    sheet = Image.new("RGB", (gap + columns * (THUMB_WIDTH + gap),
                              top + rows * (thumb_h + caption_h + gap)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((gap, 20), heading, font=heading_font, fill=INK)
    for index, (thumb, caption) in enumerate(zip(thumbs, captions)):
        x = gap + (index % columns) * (THUMB_WIDTH + gap)
        y = top + (index // columns) * (thumb_h + caption_h + gap)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + THUMB_WIDTH, y + thumb.height), outline="#BBBBBB")
        text = caption
        while draw.textlength(text, font=caption_font) > THUMB_WIDTH and len(text) > 2:
            text = text[:-2] + "…"
        draw.text((x, y + thumb_h + 4), text, font=caption_font, fill=INK)
    return sheet
