"""The first sheet of a home-printing file: how to print, a 50 mm check bar, alignment marks.

Printed double-sided like the cards, its back carries crosses that land inside the circles on
its front when the printer's flip setting is right, so a user can check one sheet before
printing the whole pack. Every word comes from the ``printing`` group of labels.yaml.
"""

from __future__ import annotations

from activate_pack.compose import pages as compose
from activate_pack.compose.content import Block, Face
from activate_pack.layout import styles
from activate_pack.layout.boxes import Box, Page, Rect, Rule, TextBox
from activate_pack.layout.cards import footer
from activate_pack.layout.context import Ctx
from activate_pack.layout.fit import fit, fit_or_grow
from activate_pack.layout.impose import Area, flip
from activate_pack.layout.spec import MM
from activate_pack.text import Flow

WHERE = ("content/labels.yaml", None)


def _footer_top(ctx: Ctx) -> float:
    """The top of the credit line's region, in points from the bottom of the page."""
    _, y, _, h = ctx.spec.region("footer")
    return y + h


def _block(face: Face, role: str) -> list[Block]:
    return [b for b in face.blocks if b.role == role]


def _title(ctx: Ctx, face: Face, top: float) -> tuple[TextBox, float]:
    """A heading hung from ``top``; returns it and the height below it that is still free."""
    spec, geo = ctx.spec, ctx.spec.print_sheet
    x, w, h = spec.margin * MM, spec.width - 2 * spec.margin * MM, geo.heading * MM
    head = styles.add_runs(ctx, Flow(), "print", "title", face.kind, face.title)
    box = fit(head, x, top - h, w, h, spec.size("heading"), "title", ctx.problems, None,
              "the heading of the printing instructions", WHERE)
    return box, top - box.used_height - geo.after_heading * MM


def _text(ctx: Ctx, flow: Flow, top: float, height: float, what: str,
          spare: float = 0.0) -> tuple[TextBox, float]:
    """Body text hung from ``top``; returns it and where the next thing may start.

    Text that does not fit its ``height`` even at the smallest size may take up to ``spare``
    more, room the page has below it (a translation's lines spaced by their tall letters).
    """
    spec = ctx.spec
    x, w = spec.margin * MM, spec.width - 2 * spec.margin * MM
    box = fit_or_grow(flow, x, top - height, w, height, spec.size("body"), "body",
                      ctx.problems, what, WHERE, spare)
    return box, top - box.used_height - spec.print_sheet.after_text * MM


def _steps(ctx: Ctx, face: Face, role: str) -> Flow:
    """Numbered steps in the layout's body style (their role is 'step' wherever they stand)."""
    flow = Flow()
    for block in _block(face, role):
        for index, item in enumerate(block.items):
            # A list in a tagged PDF (L, LI, Lbl, LBody): a screen reader says 'list of 4'.
            flow.add(styles.runs(ctx, "print", "step", item.runs),
                     styles.style(ctx, "print", "step", face.kind), marker=item.marker,
                     new_paragraph=not item.joined, tag="LI" if index else "L")
    return flow


def instructions_front(ctx: Ctx, duplex: str) -> tuple[Page, list[tuple[float, float]]]:
    """The instruction sheet's front, and the centres of its alignment circles (if duplex)."""
    spec, geo = ctx.spec, ctx.spec.print_sheet
    face = compose.print_front(ctx.pack, duplex)
    boxes: list[Box] = []
    title, top = _title(ctx, face, spec.height - spec.margin * MM)
    boxes.append(title)
    box, top = _text(ctx, _steps(ctx, face, "steps"), top, geo.steps * MM,
                     "the printing instructions")
    boxes.append(box)
    # The check bar: solid, with end ticks so the ruler has something precise to meet.
    x = spec.margin * MM + geo.bar_indent * MM
    ink = spec.colours.text
    bar, bar_h, tick = geo.bar * MM, geo.bar_height * MM, geo.tick * MM
    boxes.append(Rect(x, top - bar_h, bar, bar_h, fill=ink))
    for end in (x, x + bar):
        boxes.append(Rule(end, top - bar_h - tick, end, top + tick, ink, spec.lines.tick))
    gap, drop, cap_w, cap_h = (v * MM for v in geo.caption)
    caption = styles.flow_of(ctx, "print", face.kind, _block(face, "bar-caption"))
    boxes.append(fit(caption, x + bar + gap, top - bar_h - drop, cap_w, cap_h,
                     spec.size("body"), "body", ctx.problems, None, "the check bar's caption",
                     WHERE))
    top -= bar_h + geo.after_bar * MM
    targets: list[tuple[float, float]] = []
    if _block(face, "alignment"):
        below = (geo.band + geo.after_band + geo.min_text + geo.floor) * MM + _footer_top(ctx)
        box, top = _text(ctx, _steps(ctx, face, "alignment"), top, geo.alignment * MM,
                         "the alignment check",
                         top - geo.alignment * MM - spec.print_sheet.after_text * MM - below)
        boxes.append(box)
        ring, band_h = geo.ring * MM, geo.band * MM
        band = Area(spec.margin * MM + ring, top - band_h,
                    spec.width - 2 * (spec.margin * MM + ring), band_h)
        for fx, fy in geo.targets:
            cx, cy = band.x + fx * band.w, band.y + fy * band.h
            targets.append((cx, cy))
            boxes.append(Rect(cx - ring, cy - ring, 2 * ring, 2 * ring, stroke=ink,
                              stroke_width=spec.lines.mark, radius=ring))
        top = band.y - geo.after_band * MM
    box, _ = _text(ctx, _steps(ctx, face, "last-step"), top,
                   max(top - _footer_top(ctx) - geo.floor * MM, geo.min_text * MM),
                   "the cutting advice")
    boxes.append(box)
    boxes += footer(ctx, None, spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "instructions", face="front"), targets


def instructions_back(ctx: Ctx, duplex: str, targets: list[tuple[float, float]]) -> Page:
    """The instruction sheet's back: crosses behind the front's circles, and what they mean."""
    spec, geo = ctx.spec, ctx.spec.print_sheet
    face = compose.print_back(ctx.pack)
    ink = spec.colours.text
    arm, ring, clear = geo.arm * MM, geo.ring * MM, geo.clear * MM
    boxes: list[Box] = []
    crosses = []
    for cx, cy in targets:
        spot = flip(Area(cx, cy, 0, 0), spec.width, spec.height, duplex)
        crosses.append((spot.x, spot.y))
        boxes.append(Rule(spot.x - arm, spot.y, spot.x + arm, spot.y, ink, spec.lines.mark))
        boxes.append(Rule(spot.x, spot.y - arm, spot.x, spot.y + arm, ink, spec.lines.mark))
    # The words go in the taller free band above or below the crosses, so they never overlap.
    high = max((y for _, y in crosses), default=0.0) + ring + clear
    low = min((y for _, y in crosses), default=spec.height) - ring - clear
    floor = _footer_top(ctx) + geo.floor * MM
    above = spec.height - spec.margin * MM - high >= low - floor
    title, top = _title(ctx, face, spec.height - spec.margin * MM if above else low)
    boxes.append(title)
    flow = styles.flow_of(ctx, "print", face.kind, face.blocks)
    box, _ = _text(ctx, flow, top, max(top - (high if above else floor), geo.min_text * MM),
                   "the back of the check sheet")
    boxes.append(box)
    boxes += footer(ctx, None, spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "instructions", face="back")
