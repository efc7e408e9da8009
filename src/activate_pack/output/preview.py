"""PNG previews drawn from the real PDF: one image per card face, and a contact sheet per size.

The images come from the PDF bytes a build would write (rasterised with pypdfium2), not from a
second drawing of the layout, so what a reviewer sees is what the print shop gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from activate_pack.layout.boxes import Page
from activate_pack.layout.editions import EDITIONS
from activate_pack.output.build import Warn
from activate_pack.output.plan import file_stem, prepare, slug
from activate_pack.output.variants import variants
from activate_pack.pack.model.pack import Pack
from activate_pack.render.raster import contact_sheet, png, rasterise, thumbnail

if TYPE_CHECKING:  # Pillow is imported inside the functions that use it
    from PIL.Image import Image as PILImage

SHEET_COLUMNS = {"a6": 8, "a4": 6}
DEFAULT_WIDTH = 700
"""Width of each page image, in pixels: sharp on screen, quick to write for a whole pack."""


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


def preview(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path, width: int = DEFAULT_WIDTH,
            warn: Warn | None = None, cards: list[str] | None = None,
            progress: Callable[[str, int, int], None] | None = None,
            language: str | None = None) -> Previewed:
    """Build each edition in memory and write its page images and contact sheet into ``out_dir``.

    ``progress`` is told (edition, pages done, pages in all) as each page image is drawn, as
    ``build`` tells it of each page rendered. ``language``: in that translation.
    """
    from activate_pack.output.write import write_atomic
    from activate_pack.render.sheets import render_imposed

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
        pdf = render_imposed(output.imposed, creators(pack), pack.info.source_url)
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

