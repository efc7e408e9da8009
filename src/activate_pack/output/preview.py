"""PNG previews drawn from the real PDF: one image per card face, and a contact sheet per size.

The images come from the PDF bytes a build would write (rasterised with pypdfium2), not from a
second drawing of the layout, so what a reviewer sees is what the print shop gets.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from activate_pack.layout.boxes import Page
from activate_pack.layout.editions import EDITIONS
from activate_pack.output.build import Warn
from activate_pack.output.plan import file_stem, prepare, slug, variants
from activate_pack.pack.model import Pack

if TYPE_CHECKING:  # Pillow is imported inside the functions that use it
    from PIL.Image import Image as PILImage

THUMB_WIDTH = 200
"""Width of a thumbnail on the contact sheet, in pixels."""
SHEET_COLUMNS = {"a6": 8, "a4": 6}
DEFAULT_WIDTH = 700
"""Width of each page image, in pixels: sharp on screen, quick to write for a whole pack."""
BACKGROUND = "#EEEEEE"
INK = "#1A1A1A"


@dataclass
class Previewed:
    """What a preview run wrote."""

    faces: int = 0
    sheets: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def image_name(page: Page, number: int) -> str:
    """File name of a page's image: '<card>-<face>.png' for cards, else 'page-NNN-<kind>.png'."""
    if page.kind == "card" and page.card:
        return f"{page.card}-{page.face or 'front'}.png"
    what = page.card or page.face or page.kind
    return f"page-{number:03d}-{slug(what) or 'page'}.png"


def label(page: Page, number: int) -> str:
    """The caption under a thumbnail: the card id, or the page number and kind."""
    if page.kind == "card" and page.card:
        return page.card
    return f"{number} · {page.card or page.face or page.kind}"


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


def preview(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path, width: int = DEFAULT_WIDTH,
            warn: Warn | None = None, cards: list[str] | None = None,
            progress: Callable[[str, int, int], None] | None = None,
            language: str | None = None) -> Previewed:
    """Build each edition in memory and write its page images and contact sheet into ``out_dir``.

    ``progress`` is told (edition, pages done, pages in all) as each page image is drawn, as
    ``build`` tells it of each page rendered. ``language``: in that translation.
    """
    from activate_pack.output.write import write_atomic

    prepared = prepare(pack_dir, variants(sizes, languages=[language]), out_dir, cards=cards)
    pack = prepared.ready(warn)
    from activate_pack.compose.notices import creators

    stem = file_stem(pack, pack_dir)
    # Everything is drawn and encoded before the first file is written, so a failure part-way
    # leaves the previous previews as they were.
    files: dict[Path, bytes] = {}
    result = Previewed()
    for output in prepared.outputs:
        size = output.variant.edition.size
        faces = list(output.imposed.pages)
        pdf = output.imposed.render(creators(pack), pack.info.source_url)
        thumbs: list[tuple[int, Page, PILImage]] = []
        pages = zip(faces, rasterise(pdf, width))
        for number, (page, image) in enumerate(pages, 1):
            files[out_dir / size / image_name(page, number)] = png(image)
            if progress is not None:
                progress(size, number, len(faces))
            result.faces += page.kind == "card"
            if page.face != "back":  # card backs repeat, so the contact sheet leaves them out
                thumbs.append((number, page, thumbnail(image)))
        sheet = _sheet(pack, size, thumbs)
        path = out_dir / f"{stem}-{size}-contact-sheet.png"
        files[path] = png(sheet)
        result.sheets.append(path)
    for path, data in files.items():
        write_atomic(path, data)
    result.files = list(files)
    return result


def _sheet(pack: Pack, size: str, chosen: list[tuple[int, Page, PILImage]]) -> PILImage:
    """The contact sheet of one edition, headed with the pack's title and the edition's name."""
    edition = getattr(pack.labels.editions, EDITIONS[size].name)
    return contact_sheet([thumb for _, _, thumb in chosen],
                         [label(page, number) for number, page, _ in chosen],
                         f"{pack.info.title} · {edition}", SHEET_COLUMNS.get(size, 6))

