"""The drawn parts of the A4 cover and set dividers: card shapes in the pack's colours.

The cover shows a card of each kind, as they lie on a table: a band in the kind's colour with
its name, a pale body. A divider shows a small stack of its set's cards. Each card shape has
a place for an icon (``decor.icon`` in the layout), which stays empty while no icon is named
for it in ``decor.icons``: drawing icons belongs to the module that has them.

The shapes and the kind names on them are decoration (artifacts in a tagged PDF): the cover's
title and the divider's heading say what they show.
"""

from __future__ import annotations

from dataclasses import replace

from activate_pack.layout import sources, styles
from activate_pack.layout.boxes import Box, Icon, Rect, Rule, TextBox
from activate_pack.layout.context import Ctx
from activate_pack.layout.fit import fit
from activate_pack.layout.spec import MM, LayoutSpec
from activate_pack.text import Flow

BAND = 0.24
"""Share of a card shape's height its coloured band takes (as on the A6 card: 29 of 148 mm)."""

LINES = ((0.7, 0.76), (0.79, 0.66), (0.88, 0.5))
"""Lines standing for a card's text: how far down its body each is, and how long (shares)."""

STACK = (0.55, 0.3, 0.0)
"""How much lighter (mixed with the paper) each card of a divider's stack is, back to front."""


def mix(colour: str, paper: str, share: float) -> str:
    """``colour`` with ``share`` of ``paper`` mixed in, as a hex colour."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(paper[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def _artifact(box: TextBox) -> TextBox:
    items = max((line.item for line in box.lines), default=0) + 1
    return replace(box, tags=("Artifact",) * items)


def icon(ctx: Ctx, name: str, x: float, y: float, w: float, h: float,
         colour: str) -> list[Box]:
    """The icon named ``name``, square and centred in the box (points); none for no name.

    It stands for the card kind the shape shows, which the cover and divider say in words:
    decoration, so it has no alt text."""
    if not name:
        return []
    side = min(w, h)
    return [Icon(x + (w - side) / 2, y + (h - side) / 2, side, side, name, colour)]


def _icon_of(spec: LayoutSpec, kind: str, key: str) -> str:
    """The decor icon named for ``key`` (a kind, or a set), else the kind's own icon."""
    return spec.decor.icons.get(key) or spec.icons.kinds.get(kind, "")


def card_shape(ctx: Ctx, kind: str, x: float, y: float, w: float, h: float,
               lighter: float = 0.0, name: bool = True, icon_name: str = "") -> list[Box]:
    """A card of ``kind`` drawn small at (x, y) (points, bottom-left): band, body, name."""
    spec = ctx.spec
    colours, geo = spec.colours_for(kind), spec.decor
    paper = spec.colours.paper
    radius = geo.radius * MM
    band_h = h * BAND
    boxes: list[Box] = [
        Rect(x, y, w, h, fill=mix(colours.tint, paper, lighter), stroke=colours.on_main,
             stroke_width=geo.outline, radius=radius),
        Rect(x, y + h - band_h, w, band_h, fill=mix(colours.main, paper, lighter),
             radius=radius),
        # The band's lower corners are square, as on the card.
        Rect(x, y + h - band_h, w, band_h / 2, fill=mix(colours.main, paper, lighter)),
    ]
    if name:
        label = getattr(ctx.labels.kinds, kind)
        flow = styles.add_runs(ctx, Flow(), "header", "kind-label", kind,
                               (ctx.writer.run(label, "kind-label", bold=True),))
        pad = 0.08 * w
        boxes.append(_artifact(fit(
            flow, x + pad, y + h - band_h, w - 2 * pad, band_h - pad, spec.size("label"),
            "decor", ctx.problems, what="the kind's name on the cover",
            advise=sources.translated(ctx.pack, label, ctx.label_index, "the card label"))))
    body = h - band_h
    if geo.icon is not None:
        ix, iy, iw, ih = geo.icon  # a share of the card's body, from its top-left
        boxes += icon(ctx, icon_name, x + ix * w, y + body * (1 - iy - ih), iw * w, ih * body,
                      mix(colours.main, paper, lighter))
    # Lines of 'text' near the foot of the body, so the shape reads as a card.
    ink = mix(colours.main, paper, 0.55 + lighter * 0.45)
    for down, share in LINES:
        ly = y + body * (1 - down)
        boxes.append(Rule(x + 0.12 * w, ly, x + (0.12 + share) * w, ly, ink,
                          spec.lines.border * 2))
    return boxes


def cover_cards(ctx: Ctx) -> list[Box]:
    """A card of each kind on the cover, where ``decor.cards`` puts them."""
    spec = ctx.spec
    boxes: list[Box] = []
    for kind, (cx, cy, cw, ch) in spec.decor.cards.items():
        boxes += card_shape(ctx, kind, cx * MM, spec.height - (cy + ch) * MM, cw * MM, ch * MM,
                            icon_name=_icon_of(spec, kind, kind))
    return boxes


def divider_stack(ctx: Ctx, kind: str, set_name: str) -> list[Box]:
    """A divider's stack of its set's cards, in ``decor.stack``, each a little further up."""
    spec = ctx.spec
    if spec.decor.stack is None:
        return []
    sx, sy, sw, sh = spec.decor.stack
    step = spec.decor.step * MM
    w, h = sw * MM - step * (len(STACK) - 1), sh * MM - step * (len(STACK) - 1)
    x0, y0 = sx * MM, spec.height - (sy + sh) * MM
    boxes: list[Box] = []
    for index, lighter in enumerate(STACK):
        front = index == len(STACK) - 1
        boxes += card_shape(ctx, kind, x0 + index * step, y0 + (len(STACK) - 1 - index) * step,
                            w, h, lighter, name=False,
                            icon_name=_icon_of(spec, kind, set_name) if front else "")
    return boxes
