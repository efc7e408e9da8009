"""Right-to-left pages: a laid-out page mirrored about its centre line, so its start is the right.

Layouts are written with the start of a line on the left. For a language written right to left
the layout's ``mirror:`` setting names the kinds of page that mirror: every box moves to the
other side (a band, a label, a column, a picture, a logo, a page number), while what is inside a
box is never flipped: text is already set right to left within its box (with list markers on the
right), and pictures keep their orientation. Only positions change, so mirroring is a matter of
numbers and can be tested as such.

A page mirrors only if its own text reads right to left: a card or guide page a translation
leaves in English keeps its English layout, page number and credit line where they are in
English, inside an Urdu or Arabic pack.

Boxes shared by many pages (a card back, a credit line) stay shared after mirroring, so the
renderer still draws them once.
"""

from __future__ import annotations

from dataclasses import replace

from activate_pack.layout.boxes import Box, Code, Document, Icon, ImageBox, Page, Rect, TextBox
from activate_pack.layout.spec import LayoutSpec
from activate_pack.text import language_direction


def mirrors(spec: LayoutSpec, language: str) -> frozenset[str]:
    """The kinds of page that mirror for ``language`` under ``spec`` (none for left-to-right)."""
    if language_direction(language) != "rtl":
        return frozenset()
    return frozenset(spec.mirror.rtl)


FURNITURE = frozenset({"credit", "folio"})
"""Roles of the text every page carries, in the pack's language whatever the page's own."""


def reads_rtl(page: Page) -> bool:
    """Whether a page's own text reads right to left: its title's first line, else its first
    text box's (the credit line and page number aside); a page without text says yes."""
    boxes = page.texts("title") or [b for b in page.texts() if b.role not in FURNITURE]
    first = next((box.lines[0] for box in boxes if box.lines), None)
    return first is None or first.direction == "rtl"


def mirror_box(box: Box, width: float) -> Box:
    """``box`` moved to the other side of a page ``width`` points wide."""
    if isinstance(box, (Rect, ImageBox, TextBox, Icon)):  # an icon moves, as a picture does
        return replace(box, x=width - box.x - box.w)
    if isinstance(box, Code):  # a QR code moves, but is never flipped: it would not scan
        return replace(box, x=width - box.x - box.size)
    return replace(box, x1=width - box.x1, x2=width - box.x2)


class Mirror:
    """Mirrors pages, keeping shared boxes (and shared tuples of boxes) shared."""

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds
        self._boxes: dict[int, Box] = {}
        self._faces: dict[int, tuple[Box, ...]] = {}
        self._keep: list[object] = []  # the originals, so their ids are not reused meanwhile

    def box(self, box: Box, width: float) -> Box:
        """One box, mirrored once however many pages hold it."""
        if id(box) not in self._boxes:
            self._keep.append(box)
            self._boxes[id(box)] = mirror_box(box, width)
        return self._boxes[id(box)]

    def page(self, page: Page) -> Page:
        """``page`` mirrored, if its kind mirrors and its text reads right to left; otherwise
        ``page`` itself."""
        if page.kind not in self.kinds or not reads_rtl(page):
            return page
        if id(page.boxes) not in self._faces:
            self._keep.append(page.boxes)
            self._faces[id(page.boxes)] = tuple(self.box(b, page.width) for b in page.boxes)
        return replace(page, boxes=self._faces[id(page.boxes)])

    def document(self, doc: Document) -> Document:
        """Every page of ``doc`` that mirrors, mirrored."""
        if not self.kinds:
            return doc
        return replace(doc, pages=tuple(self.page(p) for p in doc.pages))
