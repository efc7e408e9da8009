"""Imposition: where card faces and marks go on printed sheets. Pure geometry in points.

Nothing here draws. Every position is in PDF coordinates (origin at the bottom-left of the
sheet, as the sheet is printed), so duplex mirroring, bleed and crop marks can be tested as
numbers. ``render/sheets.py`` turns the result into PDF pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple, Sequence

from activate_pack.layout.boxes import Page, Rect
from activate_pack.layout.spec import MM

DUPLEX = ("long", "short", "fold", "none")
"""How home sheets are printed: turned over on the long or short edge, folded, or fronts only."""

EDGE = 0.2 * MM
"""A cut line this close to the sheet edge needs no guide: the edge is the cut. The half
millimetre left above and below two A6 rows on A4 is further than this, and gets its guides."""

CROP_GAP = 1.0
"""Millimetres of clear paper between the bleed edge and the crop marks: a mark that touches
the bleed shows on the card when the cut wanders into the bleed."""


REGISTRATION = "registration"
"""The colour name of crop marks: printed on every plate, so it shows whatever the inks."""


@dataclass(frozen=True)
class MarkStyle:
    """How one kind of mark is drawn: colour ('#RRGGBB', inks, or 'registration'), width, dash."""

    colour: str
    width: float
    dash: tuple[float, ...] = ()


class Area(NamedTuple):
    """A rectangle: bottom-left corner, width and height, in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def grow(self, d: float) -> Area:
        """The rectangle made larger by ``d`` on every side (smaller if ``d`` is negative)."""
        return Area(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)


@dataclass(frozen=True)
class Mark:
    """A printed line that helps cutting: 'crop' (print shop), 'cut' or 'fold' (home)."""

    x1: float
    y1: float
    x2: float
    y2: float
    kind: str


@dataclass(frozen=True)
class Placement:
    """A face on a sheet: ``area`` is where its trim lands; ``rotate`` is 0 or 180 degrees."""

    face: Page
    area: Area
    rotate: int = 0


@dataclass(frozen=True)
class Sheet:
    """One printed page: faces, marks, and the page boxes a print shop reads."""

    width: float
    height: float
    placements: tuple[Placement, ...]
    marks: tuple[Mark, ...] = ()
    side: str = "single"
    """'front' or 'back' of a double-sided sheet, or 'single'."""
    kind: str = "cards"
    """'cards' or 'instructions'."""
    trim: Area | None = None
    bleed: Area | None = None


def flip(area: Area, width: float, height: float, duplex: str) -> Area:
    """Where to print on the back of a sheet so as to land behind ``area`` on its front.

    A printer turning the paper over its long edge (portrait) mirrors left and right; over its
    short edge, top and bottom. The result is in the back page's own coordinates.
    """
    if duplex == "long":
        return Area(width - area.x - area.w, area.y, area.w, area.h)
    if duplex == "short":
        return Area(area.x, height - area.y - area.h, area.w, area.h)
    raise ValueError(f"no flip for duplex {duplex!r}")


def back_turn(duplex: str) -> int:
    """How far a card's back is turned on the back sheet (degrees).

    After a short-edge flip the back sheet reads upright when the paper is turned top over
    bottom, but a card is turned over like a book page; a half turn makes it read upright then.
    """
    return 180 if duplex == "short" else 0


def grid(paper: tuple[float, float], face: tuple[float, float], columns: int,
         rows: int) -> list[Area]:
    """Slots for faces, centred on the paper, in reading order (top row first, left to right)."""
    width, height = paper
    fw, fh = face
    left = (width - columns * fw) / 2
    bottom = (height - rows * fh) / 2
    return [Area(left + c * fw, bottom + (rows - 1 - r) * fh, fw, fh)
            for r in range(rows) for c in range(columns)]


def crop_marks(trim: Area, offset: float, length: float) -> list[Mark]:
    """Two marks at each corner of the trim, continuing its edges outward past ``offset``."""
    marks = []
    for x, sx in ((trim.x, -1), (trim.right, 1)):
        for y, sy in ((trim.y, -1), (trim.top, 1)):
            marks.append(Mark(x + sx * offset, y, x + sx * (offset + length), y, "crop"))
            marks.append(Mark(x, y + sy * offset, x, y + sy * (offset + length), "crop"))
    return marks


def shop_sheets(faces: Sequence[Page], bleed: float, offset: float, length: float,
                margin: float) -> list[Sheet]:
    """One face per page, the page enlarged to hold the bleed and the crop marks beyond it."""
    sheets = []
    room = offset + length + margin
    for face in faces:
        trim = Area(room, room, face.width, face.height)
        sheets.append(Sheet(face.width + 2 * room, face.height + 2 * room,
                            (Placement(face, trim),), tuple(crop_marks(trim, offset, length)),
                            trim=trim, bleed=trim.grow(bleed)))
    return sheets


def _lines(values: list[float], low: float, high: float) -> list[float]:
    """Distinct cut positions strictly inside (low, high), away from the paper's edges."""
    found: list[float] = []
    for value in sorted(values):
        if low + EDGE < value < high - EDGE and not any(abs(value - f) < 0.01 for f in found):
            found.append(value)
    return found


def cut_guides(width: float, height: float, slots: Sequence[Area], cross: float, tick: float,
               folds: Sequence[float] = ()) -> list[Mark]:
    """Ticks in from the sheet edges along each cut, a cross where cuts meet, dashed folds.

    ``folds`` are x positions that are folded rather than cut: they get a fold line down each
    slot instead of ticks.
    """
    xs = _lines([v for s in slots for v in (s.x, s.right)], 0, width)
    ys = _lines([v for s in slots for v in (s.y, s.top)], 0, height)
    is_fold = [any(abs(x - f) < 0.01 for f in folds) for x in xs]
    marks: list[Mark] = []
    for x, fold in zip(xs, is_fold):
        if fold:
            for slot in slots:
                if abs(slot.right - x) < 0.01:
                    marks.append(Mark(x, slot.y, x, slot.top, "fold"))
        else:
            marks += [Mark(x, height, x, height - tick, "cut"), Mark(x, 0, x, tick, "cut")]
    for y in ys:
        marks += [Mark(0, y, tick, y, "cut"), Mark(width, y, width - tick, y, "cut")]
        for x, fold in zip(xs, is_fold):
            marks.append(Mark(x - cross, y, x + cross, y, "cut"))
            if not fold:
                # Near the top or bottom edge the cross is cut short by the paper.
                marks.append(Mark(x, max(0.0, y - cross), x, min(height, y + cross), "cut"))
    return marks


def home_sheets(cards: Sequence[tuple[Page, Page]], paper: tuple[float, float], columns: int,
                rows: int, duplex: str, guides: tuple[float, float] | None) -> list[Sheet]:
    """Sheets of cards for a desktop printer: (front, back) pairs placed for ``duplex``.

    'long' and 'short': a sheet of fronts, then its sheet of backs, each back where it lands
    behind its own front after the printer's flip (a part-filled last sheet too). 'fold': each
    front with its back beside it, to fold along the line between. 'none': fronts only.
    ``guides`` is (cross, tick) for cut guides, or None for none.
    """
    if not cards:
        return []
    face = (cards[0][0].width, cards[0][0].height)
    width, height = paper
    slots = grid(paper, face, columns, rows)
    if duplex == "fold":
        # Columns pair up: front on the left, back on the right. Folding along the line
        # between them lays the back behind its front, both reading upright.
        pairs = [(slots[i], slots[i + 1]) for i in range(0, len(slots) - 1, 2)]
        folds = [front.right for front, _ in pairs]
        marks = tuple(cut_guides(width, height, slots, *guides, folds)) if guides else ()
        sheets = []
        for start in range(0, len(cards), len(pairs)):
            placed = []
            for (front, back), (f_slot, b_slot) in zip(cards[start:start + len(pairs)], pairs):
                placed += [Placement(front, f_slot), Placement(back, b_slot)]
            sheets.append(Sheet(width, height, tuple(placed), marks))
        return sheets
    marks = tuple(cut_guides(width, height, slots, *guides)) if guides else ()
    sheets = []
    for start in range(0, len(cards), len(slots)):
        batch = cards[start:start + len(slots)]
        fronts = tuple(Placement(front, slot) for (front, _), slot in zip(batch, slots))
        if duplex == "none":
            sheets.append(Sheet(width, height, fronts, marks))
            continue
        backs = tuple(Placement(back, flip(slot, width, height, duplex), back_turn(duplex))
                      for (_, back), slot in zip(batch, slots))
        # Guides go on the fronts only: the sheet is cut face up, and guides on both sides
        # would show through slightly apart if the printer's alignment is a little off.
        sheets.append(Sheet(width, height, fronts, marks, side="front"))
        sheets.append(Sheet(width, height, backs, (), side="back"))
    return sheets


def edge_backgrounds(page: Page, grow: float) -> Page:
    """The page with each background edge that lies on the page edge moved outward by ``grow``.

    Positive for a print shop's bleed (colour runs past the trim, so a slightly wandering cut
    leaves no white sliver); negative for home printing, where colour must stop short of the
    edge the printer cannot reach.
    """
    if not grow:
        return page
    near = 0.01
    boxes = []
    for box in page.boxes:
        if isinstance(box, Rect) and box.bleed:
            x1, y1, x2, y2 = box.x, box.y, box.x + box.w, box.y + box.h
            x1 = x1 - grow if x1 <= near else x1
            y1 = y1 - grow if y1 <= near else y1
            x2 = x2 + grow if x2 >= page.width - near else x2
            y2 = y2 + grow if y2 >= page.height - near else y2
            box = replace(box, x=x1, y=y1, w=x2 - x1, h=y2 - y1)
        boxes.append(box)
    return replace(page, boxes=tuple(boxes))
