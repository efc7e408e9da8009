"""A4 card pages built round the card: the A6 face at its printed size, notes, prompts, lines.

The card is not set again for A4: the A6 layout lays it out, exactly as the card is printed,
and its boxes are moved onto the A4 page. So what the facilitator reads is what the people at
the table hold, at the same size, in the same words and lines.

Why one face per page, the card in a corner: A4 is as wide as two A6 cards side by side (210
mm) and a millimetre taller than two stacked, so two faces at their printed size would reach
the paper's edges, which home printers cannot print and which leave nowhere for notes. One
face per page keeps a margin all round, the notes beside the card and room to write below; a
recipe, which has two sides worth reading, takes two pages, its front and then its back, each
with room to write.

In a right-to-left language the whole A4 page mirrors (layout/mirror.py), which puts the card
on the right and mirrors the card's own boxes within it: the card as the A6 pack prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from activate_pack.compose import cards as compose
from activate_pack.compose.content import Block, Face
from activate_pack.compose.pages import prompts
from activate_pack.layout.boxes import (REPEATED, Box, Code, Icon, ImageBox, Page, Rect, Rule,
                                         TextBox)
from activate_pack.layout.cards import card_back, card_front, notes_panel, write_in_lines
from activate_pack.layout.context import AnyCard, Ctx
from activate_pack.layout.spec import MM, CardPage, LayoutSpec


def moved(box: Box, dx: float, dy: float) -> Box:
    """``box`` moved by (dx, dy) points; a background no longer bleeds, as it is off the edge."""
    if isinstance(box, Rect):
        return replace(box, x=box.x + dx, y=box.y + dy, bleed=False)
    if isinstance(box, Rule):
        return replace(box, x1=box.x1 + dx, y1=box.y1 + dy, x2=box.x2 + dx, y2=box.y2 + dy)
    if isinstance(box, TextBox):
        return replace(box, x=box.x + dx, top=box.top + dy)
    if isinstance(box, (ImageBox, Code, Icon)):
        return replace(box, x=box.x + dx, y=box.y + dy)
    raise TypeError(f"cannot move {type(box).__name__}")


_REPEATED = REPEATED | {"back"}
"""The roles of a back's text that repeat what the front says: its kind, its title, the pack's
name. A back's own words (a recipe's method) are read, after the front's."""


def _decorative(box: Box) -> Box:
    """A card back's words (its kind, the pack's name) and logo as artifacts, as on the A6
    back: the front and the cover say them."""
    if isinstance(box, TextBox) and box.role in _REPEATED:
        items = max((line.item for line in box.lines), default=0) + 1
        return replace(box, tags=("Artifact",) * items)
    if isinstance(box, ImageBox):
        return replace(box, alt=None)
    return box


@dataclass
class CardPages:
    """Lays out the A4 pages of cards: ``ctx`` the A4 pack's, ``card`` the A6 layout's."""

    ctx: Ctx
    card: Ctx
    _moved: dict[int, Box] = field(default_factory=dict)
    _keep: list[Box] = field(default_factory=list)  # the originals, so ids are not reused
    _prompts: dict[tuple[str, str, tuple[Block, ...]], list[Box]] = field(default_factory=dict)

    @classmethod
    def of(cls, ctx: Ctx, card_spec: LayoutSpec) -> CardPages:
        """Card pages for the A4 pack ``ctx``, its cards drawn with ``card_spec``."""
        # The cards share the A4 pack's index of translated labels: a label too long for both
        # is one message.
        return cls(ctx, Ctx(ctx.pack, card_spec, ctx.problems, label_index=ctx.label_index))

    @property
    def geo(self) -> CardPage:
        """The card page's settings (layout/spec.py)."""
        assert self.ctx.spec.card_page is not None
        return self.ctx.spec.card_page

    def _placed(self, face: Page) -> list[Box]:
        """A card face's boxes where the card sits on the A4 page, with a line round it."""
        spec, geo = self.ctx.spec, self.geo
        dx = geo.at[0] * MM
        dy = spec.height - geo.at[1] * MM - face.height
        boxes: list[Box] = []
        for box in face.boxes:  # a box many faces share (a credit line) stays shared
            if id(box) not in self._moved:
                self._keep.append(box)
                self._moved[id(box)] = moved(_decorative(box) if face.face == "back" else box,
                                             dx, dy)
            boxes.append(self._moved[id(box)])
        if geo.outline:
            boxes.append(Rect(dx, dy, face.width, face.height, stroke=spec.colours.rule,
                              stroke_width=geo.outline))
        return boxes

    def _notes(self, face: Face) -> list[Box]:
        """The notes panel beside the card, ruled below its notes for the facilitator's own."""
        spec = self.ctx.spec
        boxes = notes_panel(self.ctx, face)
        _, y, _, _ = spec.region("notes", face.kind)
        pad, gap = spec.notes.pad * MM, spec.write_in.gap * MM
        for text in (b for b in boxes if isinstance(b, TextBox)):
            line = text.top - text.used_height - gap
            while line >= y + pad:
                boxes.append(Rule(text.x, line, text.x + text.w, line, spec.colours.rule,
                                  spec.write_in.rule))
                line -= gap
        return boxes

    def _lines(self, kind: str, region: str, prompts: tuple[Block, ...]) -> list[Box]:
        """Each prompt as a heading with ruled lines below it, sharing ``region`` (laid out
        once for every page of a kind: they are alike)."""
        key = (kind, region, prompts)
        if key not in self._prompts:
            x, y, w, h = self.ctx.spec.region(region, kind)
            self._prompts[key] = write_in_lines(self.ctx, x, y + h, w, y, kind, prompts)
        return list(self._prompts[key])

    def _page(self, boxes: list[Box], card: AnyCard, face: str) -> Page:
        # The card's own credit line, drawn with it, is the page's: it is not said twice.
        spec = self.ctx.spec
        return Page(spec.width, spec.height, tuple(boxes), "card", card.id, face, card.kind)

    def pages(self, card: AnyCard) -> list[Page]:
        """A card's A4 pages: its front with notes and prompts; the back of a kind that
        carries words there (``backs``), with lines."""
        pack = self.ctx.pack
        boxes = self._placed(card_front(self.card, card))
        boxes += self._notes(compose.card_front(pack, card))
        boxes += self._lines(card.kind, "prompts", prompts(pack))
        pages = [self._page(boxes, card, "front")]
        backs = self.geo.backs
        if backs is None:
            backs = tuple(kind for kind, decl in pack.kinds.kinds.items() if decl.faces.back)
        if card.kind in backs:
            boxes = self._placed(card_back(self.card, card.kind, card, card.id))
            more = prompts(pack, back=True)
            half = max(1, len(more) // 2)  # the first beside the card, the rest below it
            boxes += self._lines(card.kind, "notes", more[:half])
            boxes += self._lines(card.kind, "prompts", more[half:])
            pages.append(self._page(boxes, card, "reverse"))
        return pages
