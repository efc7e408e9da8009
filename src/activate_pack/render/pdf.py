"""Draw laid-out pages with ReportLab, and write the document information and XMP metadata."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Callable

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from reportlab.pdfgen.canvas import Canvas

from activate_pack import __version__
from activate_pack.layout.boxes import (REPEATED, Code, Document, Icon, ImageBox, Page, Rect,
                                         Rule, TextBox)
from activate_pack.pack.sources.images import PRINT_PPI
from activate_pack.render import compact, finish, pdfx
from activate_pack.render.glyphs import draw_lines
from activate_pack.render.icons import draw_icon
from activate_pack.render.bookmarks import outlines
from activate_pack.render.reportlab import (Info, PlainStream, QuickTextCanvas, binary_streams,
                                            compress_last_page, document, last_drawing_shown,
                                            page_code, tidy_last_page, use_info)
from activate_pack.render.tagging import FOOTERS, FaceTags, Tags, latin_is_foreign
from activate_pack.render.xmp import build_epoch, xmp
from activate_pack.text import DEFAULT_FAMILY, font_name

CREATOR = f"activate-pack {__version__}"


@dataclass(frozen=True)
class Rendition:
    """How a document is rendered besides its pages: its variant, and whether it is for a press.

    ``inks`` says the pages' colours are the press's inks already (``--cmyk``): the file gets
    the output intent of ``layout/icc.py`` and pictures in those inks. ``press`` makes it a
    PDF/X-4 file, which only a print shop's sheets are (trimmed, with bleed): a ``--cmyk``
    file without them makes no claim it could not keep.
    """

    variant: str = ""
    """What the output's file name adds ('-shop-cmyk'): part of the document id."""
    press: bool = False
    inks: bool = False
    ppi: float = PRINT_PPI
    """Pixels per inch pictures are resampled to for their place: less for a screen file."""


class PackCanvas(QuickTextCanvas):
    """A canvas that knows how pictures are to be drawn (as they are, or in the press's inks)
    and collects the document's structure as its pages are drawn; its text goes the quick way
    (render/reportlab.py)."""

    tags: Tags
    ppi: float = PRINT_PPI
    """Pixels per inch pictures get for their place (``Rendition.ppi``)."""

    def picture(self, path: str, w: float, h: float) -> str | ImageReader:
        """A picture as it is drawn into a w × h box: its file, or its pixels turned upright
        as its EXIF asks and no more of them than the box needs in print (``for_placement``).

        Each picture is read once per document and size, and known by its size and
        modification time as well as its path: ``watch`` builds again in the same process,
        and a picture saved again under the same name must be drawn anew.
        """
        found = os.stat(path)
        key = (path, found.st_size, found.st_mtime_ns, round(w, 2), round(h, 2))
        pictures: dict[tuple[str, int, int, float, float], str | ImageReader] = \
            self.__dict__.setdefault("_pictures", {})
        if key not in pictures:
            pictures[key] = _prepared(path, w, h, self.ppi)
        return pictures[key]


@lru_cache(maxsize=1024)
def _colour(value: str) -> Color:
    if value.startswith("device-cmyk("):  # inks chosen by layout/inks.py for --cmyk
        return CMYKColor(*(float(v) / 100 for v in value[12:-1].split()))
    return HexColor(value)


class Forms:
    """Boxes and pages that repeat (the same object on many pages) are drawn once, as forms."""

    def __init__(self, canvas: Canvas, pages: tuple[Page, ...]) -> None:
        self.canvas = canvas
        self.page_counts = Counter(id(p.boxes) for p in pages)
        self.box_counts = Counter(id(b) for p in pages for b in p.boxes if isinstance(b, TextBox))
        self.names: dict[int, str] = {}

    def draw(self, key: int, width: float, height: float, draw: Callable[[], None],
             dx: float = 0.0, dy: float = 0.0) -> None:
        """Draw via a form named for ``key``, defining it on first use."""
        canvas = self.canvas
        if key not in self.names:
            self.names[key] = f"F{len(self.names)}"
            canvas.beginForm(self.names[key], 0, 0, width, height)
            draw()
            canvas.endForm()
        if dx or dy:
            canvas.saveState()
            canvas.translate(dx, dy)
            canvas.doForm(self.names[key])
            canvas.restoreState()
        else:
            canvas.doForm(self.names[key])


def draw_page(canvas: Canvas, page: Page, dx: float = 0.0, dy: float = 0.0,
              forms: Forms | None = None, tags: Tags | None = None) -> None:
    """Draw one page's boxes, offset by (dx, dy); repeated boxes go through ``forms``.

    With ``tags``, the page is a section of the document's structure (a card back, an
    artifact: see render/tagging.py); without, it is drawn untagged (into a form).
    """
    words = page.face == "back" and any(isinstance(box, TextBox) and box.role == "body"
                                        for box in page.boxes)
    if tags is not None and page.face == "back" and not words:
        _draw_back(canvas, page, dx, dy, forms, tags)
        return
    marks = FaceTags(canvas, tags, page.kind, page.card_kind, continuing=words) \
        if tags is not None else None
    for box in page.boxes:
        if words and marks is not None and isinstance(box, TextBox) and box.role in REPEATED:
            marks.artifact()  # the kind label and title, as the front has them
            _draw_text(canvas, box, dx, dy)
            continue
        if words and marks is not None and isinstance(box, ImageBox):
            marks.artifact()  # the pack's logo, as on every back
            _draw_image(canvas, box, dx, dy)
            continue
        if forms is not None and isinstance(box, TextBox) and forms.box_counts[id(box)] > 1 \
                and (marks is None or box.role in FOOTERS):
            if marks is not None:  # marked content cannot be shared: only footers repeat
                marks.artifact(pagination=True)
            forms.draw(id(box), page.width, page.height,
                       partial(_draw_text, canvas, box, 0.0, 0.0), dx, dy)
            continue
        if isinstance(box, TextBox):
            if marks is None:
                _draw_text(canvas, box, dx, dy)
            else:
                marks.text(box, dx, dy, _colour)
        elif isinstance(box, Code):  # on a card front or page: a link, as on a card back
            if marks is None:
                _draw_code(canvas, box, dx, dy)
            else:
                marks.code(box, dx, dy, partial(_draw_code, canvas, box, dx, dy))
        elif isinstance(box, ImageBox):
            if marks is None:
                _draw_image(canvas, box, dx, dy)
            else:
                marks.figure(box, dx, dy, partial(_draw_image, canvas, box, dx, dy))
        elif isinstance(box, Icon):  # a Figure if it has alt text, else decoration
            if marks is None:
                draw_icon(canvas, box, dx, dy, _colour)
            else:
                marks.figure(box, dx, dy, partial(draw_icon, canvas, box, dx, dy, _colour))
        else:
            if marks is not None:
                marks.artifact()
            _draw_shape(canvas, box, dx, dy)
    if marks is not None:
        marks.close()


def _draw_back(canvas: Canvas, page: Page, dx: float, dy: float, forms: Forms | None,
               tags: Tags) -> None:
    """A card back without the card's words: an artifact but for its QR code, a link to the
    card's web page (a back that carries the card's words, a recipe's method, continues its
    front's section instead)."""
    codes = [box for box in page.boxes if isinstance(box, Code)]
    Tags.artifact(page_code(canvas))
    draw_page(canvas, replace(page, boxes=tuple(b for b in page.boxes if not isinstance(b, Code)))
              if codes else page, dx, dy, forms)
    Tags.end(page_code(canvas))
    if codes:
        marks = FaceTags(canvas, tags, page.kind, page.card_kind)
        for box in codes:
            marks.code(box, dx, dy, partial(_draw_code, canvas, box, dx, dy))


def _draw_shape(canvas: Canvas, box: Rect | Rule, dx: float, dy: float) -> None:
    if isinstance(box, Rect):
        if box.fill:
            canvas.setFillColor(_colour(box.fill))
        if box.stroke:
            canvas.setStrokeColor(_colour(box.stroke))
            canvas.setLineWidth(box.stroke_width)
        if box.radius:
            canvas.roundRect(box.x + dx, box.y + dy, box.w, box.h, box.radius,
                             stroke=1 if box.stroke else 0, fill=1 if box.fill else 0)
        else:
            canvas.rect(box.x + dx, box.y + dy, box.w, box.h,
                        stroke=1 if box.stroke else 0, fill=1 if box.fill else 0)
    else:
        canvas.setStrokeColor(_colour(box.colour))
        canvas.setLineWidth(box.width)
        if box.dash:  # a solid line needs no dash pattern: every dashed one is reset after it
            canvas.setDash(list(box.dash))
        canvas.line(box.x1 + dx, box.y1 + dy, box.x2 + dx, box.y2 + dy)
        if box.dash:
            canvas.setDash([])


def _draw_image(canvas: Canvas, box: ImageBox, dx: float, dy: float) -> None:
    # Prepared for the largest place it has in the document: one copy, however often drawn.
    w, h = getattr(canvas, "picture_sizes", {}).get(box.path, (box.w, box.h))
    picture = (canvas.picture(box.path, w, h) if isinstance(canvas, PackCanvas)
               else _prepared(box.path, w, h))
    canvas.drawImage(picture, box.x + dx, box.y + dy, box.w, box.h,
                     preserveAspectRatio=True, anchor="c", mask="auto")


def _draw_text(canvas: Canvas, box: TextBox, dx: float, dy: float) -> None:
    draw_lines(canvas, box, [(line, line.segments) for line in box.lines], dx, dy, _colour)


def _draw_code(canvas: Canvas, box: Code, dx: float, dy: float) -> None:
    """A QR code as one filled path, a rectangle per run of dark modules (its link: tagging.py).

    The path is drawn in module units (whole numbers), which keeps each code to a few hundred
    bytes once compressed.
    """
    count = len(box.rows)
    path = canvas.beginPath()
    for row, modules in enumerate(box.rows):
        start = None
        for col, dark in enumerate(modules + "0"):
            if dark == "1" and start is None:
                start = col
            elif dark != "1" and start is not None:
                path.rect(start, count - row - 1, col - start, 1)
                start = None
    canvas.saveState()
    canvas.translate(box.x + dx, box.y + dy)
    canvas.scale(box.size / count, box.size / count)
    canvas.setFillColor(_colour(box.colour))
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def picture_sizes(pages: list[Page]) -> dict[str, tuple[float, float]]:
    """The largest box each picture is drawn into across ``pages`` (points, w and h)."""
    found: dict[str, tuple[float, float]] = {}
    for page in pages:
        for box in page.boxes:
            if isinstance(box, ImageBox):
                w, h = found.get(box.path, (0.0, 0.0))
                found[box.path] = (max(w, box.w), max(h, box.h))
    return found


PHOTO_QUALITY = 90
"""JPEG quality of a photograph made smaller for its place: indistinguishable in print."""


def _prepared(path: str, w: float, h: float, ppi: float = PRINT_PPI) -> str | ImageReader:
    """A picture as it is drawn into a w × h box: its file as it is, or its pixels upright and
    no more of them than ``ppi`` needs; a photograph (a JPEG) stays a JPEG, a fraction of its
    pixels' size."""
    from activate_pack.pack.sources.images import for_placement

    image = for_placement(path, w, h, ppi)
    if image is None:
        return path
    if image.mode in ("RGB", "L", "CMYK") and path.lower().endswith((".jpg", ".jpeg")):
        data = io.BytesIO()
        image.save(data, "JPEG", quality=PHOTO_QUALITY)
        data.seek(0)
        return ImageReader(data)
    return ImageReader(image)


def end_page(canvas: Canvas, index: int, progress: Callable[[int], None] | None) -> None:
    """Finish page ``index`` (from 0): close it, end its structure, compress it, report
    progress."""
    canvas.showPage()
    page = tidy_last_page(canvas)
    tags = getattr(canvas, "tags", None)
    if tags is not None:
        tags.end_page(page)
    compress_last_page(canvas, PAGE_COMPRESSION)
    if progress:
        progress(index + 1)


PAGE_COMPRESSION = 5
"""zlib's level for pages' drawing commands: level 5 compresses a page in 60% of level 6's time,
for files about 3% larger (measured when shaped pages were many times larger than they are)."""


def render(doc: Document, creators: list[str], attribution_name: str, attribution_url: str,
           progress: Callable[[int], None] | None = None,
           pages: list[Page] | None = None, rendition: Rendition = Rendition()) -> bytes:
    """Render a document to PDF bytes: same input, same bytes.

    If ``pages`` is given, those pages are drawn instead of ``doc.pages`` and the list is
    emptied as they are drawn, so a large pack's layout is freed while its PDF is written.
    """
    with binary_streams():
        queue = pages if pages is not None else list(doc.pages)
        first = queue[0]
        canvas = new_canvas(io.BytesIO(), doc, (first.width, first.height), creators,
                            attribution_name, attribution_url, rendition)
        _draw_pages(canvas, doc, queue, progress)
        return save(canvas)


def _draw_pages(canvas: PackCanvas, doc: Document, queue: list[Page],
                progress: Callable[[int], None] | None) -> None:
    """Draw the pages of ``queue``, each let go once drawn."""
    # A page drawn more than once (card backs of one kind, say) becomes a form drawn once and
    # reused: smaller files, faster builds. Layout hands out the very same boxes object for
    # faces that are alike, so identity finds them without hashing every page's content.
    forms = Forms(canvas, tuple(queue))
    canvas.tags.latin_foreign = latin_is_foreign(doc.language, queue)
    canvas.picture_sizes = picture_sizes(queue)
    queue.reverse()  # pop() from the end hands the pages over in order
    index = 0
    while queue:
        page = queue.pop()
        canvas.setPageSize((page.width, page.height))
        if forms.page_counts[id(page.boxes)] > 1 and page.face == "back":
            # Card backs repeat: drawn once as a form, an artifact wherever it is shown.
            Tags.artifact(page_code(canvas))
            forms.draw(id(page.boxes), page.width, page.height,
                       partial(draw_page, canvas, page))
            Tags.end(page_code(canvas))
        else:
            draw_page(canvas, page, forms=forms, tags=canvas.tags)
        end_page(canvas, index, progress)
        index += 1
    del page  # the last page too: nothing of the layout is kept while the file is saved


def save(canvas: Canvas) -> bytes:
    """Finish the file: its structure, fonts with distinct subset tags, small objects packed
    into object streams, then ids made from its content."""
    tags: Tags = canvas.tags
    doc = document(canvas)
    tags.finish(canvas)
    outlines(doc, tags.headings, getattr(canvas, "sections", ()))
    finish.embed_fonts(doc)
    last_drawing_shown(canvas)
    # Copied into bytes once: below the peak, which comes while the objects are written.
    return bytes(finish.stamp_ids(compact.write(doc, canvas)))


def document_id(doc: Document, rendition: Rendition) -> str:
    """An XMP document id that stays the same across versions of one output of one pack."""
    key = "\n".join((doc.title, doc.author, doc.language, doc.licence_url, rendition.variant))
    return f"uuid:{uuid.UUID(bytes=hashlib.sha256(key.encode()).digest()[:16], version=4)}"


def new_canvas(out: io.BytesIO, doc: Document, size: tuple[float, float], creators: list[str],
               attribution_name: str, attribution_url: str,
               rendition: Rendition = Rendition()) -> PackCanvas:
    """A canvas writing to ``out`` with the document's information and XMP metadata set."""
    # The initial font is our own, so no unembedded Helvetica is ever referenced.
    canvas = PackCanvas(out, pagesize=size, invariant=1, pageCompression=1, lang=doc.language,
                        initialFontName=font_name(DEFAULT_FAMILY), initialFontSize=10,
                        pdfVersion=pdfx.PDF_VERSION if rendition.press else None)
    finish.set_date(document(canvas), build_epoch(doc.date))
    canvas.ppi = rendition.ppi
    info = Info()
    info.licence_url, info.rights = doc.licence_url, doc.rights
    if rendition.press:
        info.pdfx = pdfx.VERSION
    if rendition.inks or rendition.press:
        pdfx.add_output_intent(canvas)
        canvas.picture = pdfx.PressPictures()  # type: ignore[method-assign]
    use_info(canvas, info)
    canvas.tags = Tags(doc.language, links=not rendition.press, source=doc.source_language)
    canvas.sections = doc.sections
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.author)
    canvas.setSubject(doc.subject)
    canvas.setKeywords(", ".join(doc.keywords))
    canvas.setCreator(CREATOR)
    canvas.setProducer(CREATOR)
    metadata = PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                         xmp(doc, creators, attribution_name, attribution_url, CREATOR,
                             document_id(doc, rendition),
                             pdfx.VERSION if rendition.press else None), filters=[])
    canvas.setCatalogEntry("Metadata", document(canvas).Reference(metadata))
    return canvas
