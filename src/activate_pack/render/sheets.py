"""Draw imposed sheets: card faces placed (and turned) on sheets, marks, and page boxes."""

from __future__ import annotations

import io
from typing import Callable, Sequence

from reportlab.lib.colors import CMYKColorSep, Color
from reportlab.pdfgen.canvas import Canvas

from activate_pack.layout.boxes import Document
from activate_pack.layout.impose import REGISTRATION, Area, MarkStyle, Placement, Sheet
from activate_pack.layout.printing import Imposed
from activate_pack.render.tagging import Tags, latin_is_foreign
from activate_pack.render.pdf import (Forms, PackCanvas, Rendition, _colour, draw_page, end_page,
                                      new_canvas, save)
from activate_pack.render.reportlab import binary_streams, page_code

def _paint(colour: str) -> Color:
    if colour == REGISTRATION:
        # A separation called All: 100% of every ink, the printers' registration colour.
        return CMYKColorSep(1, 1, 1, 1, spotName="All")
    return _colour(colour)


def _box(area: Area | None) -> tuple[float, float, float, float] | None:
    return (area.x, area.y, area.right, area.top) if area else None


class _Faces:
    """Faces placed more than once (a card back of one kind, say) are drawn once as forms."""

    def __init__(self, canvas: Canvas, sheets: Sequence[Sheet], pad: float) -> None:
        faces = tuple(p.face for s in sheets for p in s.placements)
        self.canvas = canvas
        self.pad = pad  # the form must hold backgrounds that run into the bleed
        self.texts = Forms(canvas, faces)
        self.names: dict[int, str] = {}

    def draw(self, placement: Placement) -> None:
        """Draw a face with its trim at the placement's area, turned if it asks."""
        canvas, face, area = self.canvas, placement.face, placement.area
        canvas.saveState()
        if placement.rotate == 180:
            canvas.translate(area.right, area.top)
            canvas.rotate(180)
        else:
            canvas.translate(area.x, area.y)
        key = id(face.boxes)
        tags = canvas.tags
        if self.texts.page_counts[key] > 1 and face.face == "back":
            Tags.artifact(page_code(canvas))  # a back drawn once, shown as an artifact: tagging.py
            if key not in self.names:
                self.names[key] = f"Sheet{len(self.names)}"
                canvas.beginForm(self.names[key], -self.pad, -self.pad,
                                 face.width + self.pad, face.height + self.pad)
                draw_page(canvas, face)
                canvas.endForm()
            canvas.doForm(self.names[key])
            Tags.end(page_code(canvas))
        else:
            draw_page(canvas, face, forms=self.texts, tags=tags)
        canvas.restoreState()


def render_sheets(doc: Document, sheets: Sequence[Sheet], styles: dict[str, MarkStyle],
                  creators: list[str], attribution_name: str, attribution_url: str,
                  pad: float = 0.0, progress: Callable[[int], None] | None = None,
                  rendition: Rendition = Rendition()) -> bytes:
    """Render imposed sheets to PDF bytes, with the document's metadata: same input, same bytes.

    ``styles`` says how to draw each kind of mark; ``pad`` is how far faces' backgrounds may
    run past their trim (the bleed).
    """
    with binary_streams():
        first = sheets[0]
        canvas = new_canvas(io.BytesIO(), doc, (first.width, first.height), creators,
                            attribution_name, attribution_url, rendition)
        _draw_sheets(canvas, doc, sheets, styles, pad, progress, rendition)
        return save(canvas)


def _draw_sheets(canvas: PackCanvas, doc: Document, sheets: Sequence[Sheet],
                 styles: dict[str, MarkStyle], pad: float,
                 progress: Callable[[int], None] | None, rendition: Rendition) -> None:
    """Draw each sheet: its faces, then its marks, as artifacts."""
    faces = _Faces(canvas, sheets, pad)
    canvas.tags.latin_foreign = latin_is_foreign(
        doc.language, [p.face for s in sheets for p in s.placements])
    for index, sheet in enumerate(sheets):
        canvas.setPageSize((sheet.width, sheet.height))
        # Boxes apply to the pages that follow until changed, so every page sets all of them.
        whole = (0.0, 0.0, sheet.width, sheet.height) if rendition.press else None
        canvas.setTrimBox(_box(sheet.trim) or whole)  # PDF/X wants one on every page
        canvas.setBleedBox(_box(sheet.bleed))
        for placement in sheet.placements:
            faces.draw(placement)
        Tags.artifact(page_code(canvas))  # crop marks and cut guides
        for kind in sorted({m.kind for m in sheet.marks}):
            style = styles[kind]
            canvas.setStrokeColor(_paint(style.colour))
            canvas.setLineWidth(style.width)
            canvas.setDash(list(style.dash) if style.dash else [])
            canvas.lines([(m.x1, m.y1, m.x2, m.y2) for m in sheet.marks if m.kind == kind])
            canvas.setDash([])
        Tags.end(page_code(canvas))
        end_page(canvas, index, progress)


def render_imposed(imposed: Imposed, creators: list[str], attribution_url: str,
                   progress: Callable[[int], None] | None = None) -> bytes:
    """PDF bytes of an imposed document's pages (or sheets), with the document's metadata.

    The pages are handed to the renderer, which lets each go once drawn: ``imposed`` is
    spent afterwards, and a large pack's layout is freed while its file is written.
    """
    from activate_pack.pack.sources.images import PRINT_PPI, SCREEN_PPI
    from activate_pack.render.pdf import render

    doc, sheet = imposed.doc, imposed.sheet
    inked = imposed.inks is not None
    # PDF/X-4 only for a print shop's sheets: trimmed, with bleed (render/pdf.py). The
    # plain file, one face a page in screen colours, is the one read on screens.
    rendition = Rendition(imposed.variant, press=inked and sheet is not None and not sheet.many,
                          inks=inked, ppi=SCREEN_PPI if sheet is None and not inked else PRINT_PPI)
    if sheet is None:
        pages, imposed.pages = imposed.pages, []
        return render(doc, creators, doc.author, attribution_url, progress, pages, rendition)
    sheets, imposed.sheets = imposed.sheets, []
    return render_sheets(doc, sheets, imposed.mark_styles(), creators, doc.author,
                         attribution_url, imposed.pad, progress, rendition)
