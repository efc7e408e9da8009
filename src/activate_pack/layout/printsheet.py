"""The first sheet of a home-printing file: how to print, a 50 mm check bar, alignment marks.

Printed double-sided like the cards, its back carries crosses that land inside the circles on
its front when the printer's flip setting is right, so a user can check one sheet before
printing the whole pack. Every word comes from the ``printing`` group of labels.yaml.
"""

from __future__ import annotations

from activate_pack.pack import markup
from activate_pack.layout.boxes import Box, Page, Rect, Rule, TextBox
from activate_pack.layout.context import Ctx
from activate_pack.layout.cards import footer
from activate_pack.layout.fit import fit
from activate_pack.layout.impose import Area, flip
from activate_pack.layout.spec import MM
from activate_pack.text import Flow

BAR = 50 * MM
"""The check bar's length: a user measures it with a ruler to catch 'fit to page' scaling."""

RING = 3.5 * MM
"""Radius of the circles on the front; a cross on the back should land inside one."""

ARM = 2.2 * MM
"""Half the length of each line of a cross on the back."""

TARGETS = ((0.12, 0.7), (0.5, 0.2), (0.86, 0.55))
"""Where the circles sit across and up their band (fractions). Not symmetric, so a wrong
flip moves at least one cross well away from its circle."""

WHERE = ("content/labels.yaml", None)


def _footer_top(ctx: Ctx) -> float:
    """The top of the credit line's region, in points from the bottom of the page."""
    _, y, _, h = ctx.spec.region("footer")
    return y + h


def _steps(ctx: Ctx, texts: list[tuple[str, str]]) -> Flow:
    """Numbered paragraphs (marker, text with **bold**) in the layout's body style."""
    main = ctx.spec.colours_for("about").main
    flow = Flow()
    for marker, text in texts:
        flow.add(markup.inline(" ".join(text.split())),
                 ctx.style(marker_colour=main, leading=ctx.spec.size("body").leading,
                           space_before=0.6), marker=marker)
    return flow


def _title(ctx: Ctx, text: str, top: float) -> tuple[TextBox, float]:
    """A heading hung from ``top``; returns it and the height below it that is still free."""
    spec = ctx.spec
    x, w, h = spec.margin * MM, spec.width - 2 * spec.margin * MM, 16 * MM
    head = Flow()
    head.add(text, ctx.style(bold=True, colour=spec.colours_for("about").main))
    box = fit(head, x, top - h, w, h, spec.size("heading"), "title", ctx.problems, None,
              "the heading of the printing instructions", WHERE)
    return box, top - box.used_height - 6 * MM


def _text(ctx: Ctx, flow: Flow, top: float, height: float, what: str) -> tuple[TextBox, float]:
    """Body text hung from ``top``; returns it and where the next thing may start."""
    spec = ctx.spec
    x, w = spec.margin * MM, spec.width - 2 * spec.margin * MM
    box = fit(flow, x, top - height, w, height, spec.size("body"), "body", ctx.problems, None,
              what, WHERE)
    return box, top - box.used_height - 5 * MM


def instructions_front(ctx: Ctx, duplex: str) -> tuple[Page, list[tuple[float, float]]]:
    """The instruction sheet's front, and the centres of its alignment circles (if duplex)."""
    spec, labels = ctx.spec, ctx.labels.printing
    double = duplex in ("long", "short")
    boxes: list[Box] = []
    title, top = _title(ctx, labels.title, spec.height - spec.margin * MM)
    boxes.append(title)
    steps = [("1.", labels.first if double else labels.first_single), ("2.", labels.scale),
             ("3.", getattr(labels.duplex, duplex)), ("4.", labels.check_bar)]
    box, top = _text(ctx, _steps(ctx, steps), top, 105 * MM, "the printing instructions")
    boxes.append(box)
    # The check bar: solid, with end ticks so the ruler has something precise to meet.
    x = spec.margin * MM + 8 * MM
    ink = spec.colours.text
    bar_h = 3 * MM
    boxes.append(Rect(x, top - bar_h, BAR, bar_h, fill=ink))
    for end in (x, x + BAR):
        boxes.append(Rule(end, top - bar_h - 2 * MM, end, top + 2 * MM, ink, 0.5))
    caption = Flow()
    caption.add(labels.bar, ctx.style(bold=True))
    boxes.append(fit(caption, x + BAR + 4 * MM, top - bar_h - 1.5 * MM, 40 * MM, 6 * MM,
                     spec.size("body"), "body", ctx.problems, None, "the check bar's caption",
                     WHERE))
    top -= bar_h + 10 * MM
    number = 5
    targets: list[tuple[float, float]] = []
    if double:
        box, top = _text(ctx, _steps(ctx, [(f"{number}.", labels.alignment)]), top, 40 * MM,
                         "the alignment check")
        boxes.append(box)
        number += 1
        band = Area(spec.margin * MM + RING, top - 42 * MM, spec.width - 2 * (spec.margin * MM + RING),
                    42 * MM)
        for fx, fy in TARGETS:
            cx, cy = band.x + fx * band.w, band.y + fy * band.h
            targets.append((cx, cy))
            boxes.append(Rect(cx - RING, cy - RING, 2 * RING, 2 * RING, stroke=ink,
                              stroke_width=0.75, radius=RING))
        top = band.y - 6 * MM
    last = labels.cutting if duplex != "fold" else labels.folding
    box, _ = _text(ctx, _steps(ctx, [(f"{number}.", last)]), top,
                   max(top - _footer_top(ctx) - 4 * MM, 20 * MM), "the cutting advice")
    boxes.append(box)
    boxes += footer(ctx, None, spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "instructions", face="front"), targets


def instructions_back(ctx: Ctx, duplex: str, targets: list[tuple[float, float]]) -> Page:
    """The instruction sheet's back: crosses behind the front's circles, and what they mean."""
    spec, labels = ctx.spec, ctx.labels.printing
    ink = spec.colours.text
    boxes: list[Box] = []
    crosses = []
    for cx, cy in targets:
        spot = flip(Area(cx, cy, 0, 0), spec.width, spec.height, duplex)
        crosses.append((spot.x, spot.y))
        boxes.append(Rule(spot.x - ARM, spot.y, spot.x + ARM, spot.y, ink, 0.75))
        boxes.append(Rule(spot.x, spot.y - ARM, spot.x, spot.y + ARM, ink, 0.75))
    # The words go in the taller free band above or below the crosses, so they never overlap.
    high = max((y for _, y in crosses), default=0.0) + RING + 8 * MM
    low = min((y for _, y in crosses), default=spec.height) - RING - 8 * MM
    floor = _footer_top(ctx) + 4 * MM
    above = spec.height - spec.margin * MM - high >= low - floor
    title, top = _title(ctx, labels.back_title, spec.height - spec.margin * MM if above else low)
    boxes.append(title)
    flow = Flow()
    flow.add(markup.inline(" ".join(labels.back_text.split())),
             ctx.style(leading=spec.size("body").leading))
    box, _ = _text(ctx, flow, top, max(top - (high if above else floor), 20 * MM),
                   "the back of the check sheet")
    boxes.append(box)
    boxes += footer(ctx, None, spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "instructions", face="back")
