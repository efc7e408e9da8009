"""The A4 facilitator pack's own pages: cover, contents, dividers, guide, templates, colophon."""

from __future__ import annotations

from activate_pack.pack import markup
from activate_pack.pack.labels import TemplateLabels
from activate_pack.layout.boxes import Box, Page, Rect, Rule
from activate_pack.layout.context import Ctx
from activate_pack.layout.cards import attribution_flow, footer
from activate_pack.layout.fit import fit
from activate_pack.layout.logo import place_logo
from activate_pack.layout.spec import MM
from activate_pack.pack.model import GuidePage
from activate_pack.text import Flow

SET_KINDS = {"guide": "about", "questions": "question", "ingredients": "ingredient",
             "recipes": "recipe", "templates": "about"}
"""The colour each set's divider and pages use."""


def _page_area(ctx: Ctx) -> tuple[float, float, float, float]:
    return ctx.spec.region("page")


def folio(ctx: Ctx, number: int, colour: str) -> Box:
    """The page number at the bottom right."""
    flow = Flow()
    flow.add(str(number), ctx.style(colour=colour, bold=True, align="center"))
    x, y, w, h = ctx.spec.region("folio")
    return fit(flow, x, y, w, h, ctx.spec.size("credit"), "folio", ctx.problems)


def with_footer(ctx: Ctx, page: Page, number: int, kind: str | None = None,
                on_colour: bool = False) -> Page:
    """Add the credit line and page number to a page that has none yet."""
    colour = ctx.spec.colours_for(kind).on_main if on_colour and kind else ctx.spec.colours.muted
    boxes = list(page.boxes)
    if not page.texts("credit"):
        boxes += footer(ctx, kind, colour, page.card)
    boxes.append(folio(ctx, number, colour))
    return Page(page.width, page.height, tuple(boxes), page.kind, page.card, page.face,
                page.card_kind)


def cover(ctx: Ctx) -> Page:
    """The cover: the pack's title on bands of the three card colours."""
    spec, info = ctx.spec, ctx.pack.info
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=spec.colours_for("about").main,
                             bleed=True)]
    stripe = spec.height * 0.06
    for index, kind in enumerate(("question", "ingredient", "recipe")):
        boxes.append(Rect(0, stripe * (index + 1.6), spec.width, stripe * 0.8,
                          fill=spec.colours_for(kind).main, bleed=True))
    x, y, w, h = _page_area(ctx)
    on = spec.colours_for("about").on_main
    flow = Flow()
    flow.add(markup.inline(info.title, bold=True), ctx.style(bold=True, colour=on))
    if info.subtitle:
        flow.add(info.subtitle, ctx.style(colour=on, scale=0.5, space_before=0.4))
    flow.add(ctx.labels.editions.facilitator, ctx.style(colour=on, scale=0.42, bold=True,
                                                                space_before=0.9))
    extra = " · ".join(p for p in (info.locality, f"{ctx.labels.about.version} {info.version}") if p)
    flow.add(extra, ctx.style(colour=on, scale=0.32, space_before=0.3))
    boxes.append(fit(flow, x, y + h * 0.45, w, h * 0.55, spec.size("cover"), "title",
                     ctx.problems, None, "the cover", ("content/pack.yaml", None)))
    # Below the title, in line with it, just above the coloured bands.
    boxes += place_logo(ctx, "logo", None, align="left", valign="bottom", panel=True)[0]
    return Page(spec.width, spec.height, tuple(boxes), "cover")


Entry = tuple[str, int, str, bool]
"""A contents line: title, page number, colour kind, and whether it is a page within a set."""


def contents(ctx: Ctx, entries: list[Entry]) -> Page:
    """The contents page: each set, its pages where there is room, and the colophon."""
    spec = ctx.spec
    x, y, w, h = _page_area(ctx)
    boxes: list[Box] = []
    head = Flow()
    head.add(ctx.labels.facilitator.contents, ctx.style(bold=True))
    title_h = 16 * MM
    boxes.append(fit(head, x, y + h - title_h, w, title_h, spec.size("heading"), "title",
                     ctx.problems))
    top = y + h - title_h - 8 * MM
    room = top - (y + 8 * MM)
    # Rows shrink to fit a long guide; if even small rows do not fit, only sets are listed.
    row = min(11 * MM, room / max(1, len(entries)))
    if row < 8 * MM:
        entries = [e for e in entries if not e[3]]
        row = min(11 * MM, room / max(1, len(entries)))
    for index, (title, number, kind, within) in enumerate(entries):
        row_top = top - index * row
        colour = spec.colours_for(kind).main
        role = "subentry" if within else "body"
        indent = 13 * MM if within else 7 * MM
        if not within:
            boxes.append(Rect(x, row_top - row + 2.5 * MM, 3 * MM, row - 3 * MM, fill=colour))
        flow = Flow()
        flow.add(title, ctx.style(bold=not within))
        boxes.append(fit(flow, x + indent, row_top - row, w - indent - 23 * MM, row,
                         spec.size("body"), role, ctx.problems, None, "a contents entry"))
        num = Flow()
        num.add(str(number), ctx.style(bold=not within, colour=colour if not within
                                       else spec.colours.muted, align="center"))
        boxes.append(fit(num, x + w - 20 * MM, row_top - row, 20 * MM, row, spec.size("body"),
                         role, ctx.problems))
        boxes.append(Rule(x + indent, row_top - row + 1 * MM, x + w, row_top - row + 1 * MM,
                          spec.colours.rule, 0.4, (1, 2)))
    return Page(spec.width, spec.height, tuple(boxes), "contents")


def divider(ctx: Ctx, number: int, set_name: str) -> Page:
    """A set's divider page: its number, name and introduction on the set's colour."""
    spec = ctx.spec
    kind = SET_KINDS[set_name]
    labels = getattr(ctx.labels.facilitator, set_name)
    colours = spec.colours_for(kind)
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=colours.main, bleed=True)]
    x, y, w, h = _page_area(ctx)
    flow = Flow()
    flow.add(f"{ctx.labels.facilitator.set_word} {number}",
             ctx.style(colour=colours.on_main, bold=True, scale=0.45))
    flow.add(labels.title, ctx.style(colour=colours.on_main, bold=True, space_before=0.2))
    flow.add_blocks(markup.parse(labels.intro), ctx.style(colour=colours.on_main, scale=0.45,
                                                          leading=1.35, space_before=0.6))
    boxes.append(fit(flow, x, y + h * 0.3, w, h * 0.45, spec.size("cover"), "title",
                     ctx.problems, None, f"the divider of set {number}", ("content/labels.yaml", None)))
    return Page(spec.width, spec.height, tuple(boxes), "divider", face=set_name, card_kind=kind)


def guide_page(ctx: Ctx, page: GuidePage) -> Page:
    """One page of the facilitator guide."""
    spec = ctx.spec
    x, y, w, h = _page_area(ctx)
    colour = spec.colours_for("about").main
    boxes: list[Box] = [Rect(x, y + h - 2 * MM, 24 * MM, 2 * MM, fill=colour)]
    head = Flow()
    head.add(markup.inline(page.title, bold=True), ctx.style(bold=True, colour=colour,
                                                             leading=spec.size("heading").leading))
    head_h = 26 * MM
    boxes.append(fit(head, x, y + h - head_h - 4 * MM, w, head_h, spec.size("heading"), "title",
                     ctx.problems, page.id, "heading", ctx.where(page.id)))
    body = Flow()
    body.add_blocks(markup.parse(page.body), ctx.style(leading=spec.size("body").leading,
                                                       marker_colour=colour))
    boxes.append(fit(body, x, y + 8 * MM, w, h - head_h - 14 * MM, spec.size("body"), "body",
                     ctx.problems, page.id, "body", ctx.where(page.id)))
    return Page(spec.width, spec.height, tuple(boxes), "guide", page.id)


def _template_head(ctx: Ctx, labels: TemplateLabels, kind: str) -> tuple[list[Box], float]:
    spec = ctx.spec
    x, y, w, h = _page_area(ctx)
    colour = spec.colours_for(kind).main
    flow = Flow()
    flow.add(labels.title, ctx.style(bold=True, colour=colour))
    flow.add_blocks(markup.parse(labels.intro), ctx.style(scale=0.55, space_before=0.25))
    head_h = 30 * MM
    box = fit(flow, x, y + h - head_h, w, head_h, spec.size("heading"), "title", ctx.problems,
              None, f"the {labels.title} heading", ("content/labels.yaml", None))
    return [box], box.top - box.used_height - 6 * MM


def _labelled_area(ctx: Ctx, label: str, x: float, top: float, w: float, h: float,
                   colour: str, lines: bool = True) -> list[Box]:
    spec = ctx.spec
    boxes: list[Box] = [Rect(x, top - h, w, h, stroke=colour, stroke_width=1.0, radius=2 * MM)]
    flow = Flow()
    flow.add(label, ctx.style(bold=True, colour=colour))
    label_h = 9 * MM
    pad = 3 * MM
    boxes.append(fit(flow, x + pad, top - label_h - 1 * MM, w - 2 * pad, label_h,
                     spec.size("notes"), "label", ctx.problems, None, "a template heading"))
    if lines:
        gap = 9 * MM
        yy = top - label_h - gap
        while yy > top - h + 3 * MM:
            boxes.append(Rule(x + pad, yy, x + w - pad, yy, spec.colours.rule, 0.5))
            yy -= gap
    return boxes


def recipe_worksheet(ctx: Ctx) -> Page:
    """A blank recipe to fill in: one ruled area per heading."""
    spec = ctx.spec
    labels = ctx.labels.facilitator.recipe_worksheet
    boxes, top = _template_head(ctx, labels, "recipe")
    x, y, w, _ = _page_area(ctx)
    colour = spec.colours_for("recipe").main
    gap = 4 * MM
    share = (top - y - 6 * MM) / len(labels.fields)
    for index, label in enumerate(labels.fields):
        boxes += _labelled_area(ctx, label, x, top - index * share, w, share - gap, colour)
    return Page(spec.width, spec.height, tuple(boxes), "template", face="recipe_worksheet")


def asset_map(ctx: Ctx) -> Page:
    """Six areas, one per kind of asset, around the name of the place."""
    spec = ctx.spec
    labels = ctx.labels.facilitator.asset_map
    boxes, top = _template_head(ctx, labels, "ingredient")
    x, y, w, _ = _page_area(ctx)
    colour = spec.colours_for("ingredient").main
    cols, rows, gap = 2, (len(labels.fields) + 1) // 2, 4 * MM
    cell_w = (w - gap) / cols
    cell_h = (top - y - 6 * MM) / rows
    for index, label in enumerate(labels.fields):
        col, row = index % cols, index // cols
        boxes += _labelled_area(ctx, label, x + col * (cell_w + gap), top - row * cell_h,
                                cell_w, cell_h - gap, colour, lines=False)
    return Page(spec.width, spec.height, tuple(boxes), "template", face="asset_map")


def action_plan(ctx: Ctx) -> Page:
    """A table with a column per heading and ruled rows to write in."""
    spec = ctx.spec
    labels = ctx.labels.facilitator.action_plan
    boxes, top = _template_head(ctx, labels, "question")
    x, y, w, _ = _page_area(ctx)
    colour = spec.colours_for("question").main
    # The first column (what) is widest, the last (done) narrowest.
    weights = [3.0] + [1.4] * (len(labels.fields) - 2) + [0.7]
    total = sum(weights)
    widths = [w * wt / total for wt in weights]
    head_h = 12 * MM
    bottom = y + 6 * MM
    boxes.append(Rect(x, top - head_h, w, head_h, fill=spec.colours_for("question").tint))
    cx = x
    for label, cw in zip(labels.fields, widths):
        flow = Flow()
        flow.add(label, ctx.style(bold=True, colour=colour))
        boxes.append(fit(flow, cx + 2 * MM, top - head_h + 1 * MM, cw - 4 * MM, head_h - 2 * MM,
                         spec.size("notes"), "label", ctx.problems, None, "a column heading"))
        cx += cw
    row = 14 * MM
    yy = top - head_h
    while yy - row >= bottom:
        yy -= row
        boxes.append(Rule(x, yy, x + w, yy, spec.colours.rule, 0.5))
    cx = x
    for cw in widths[:-1]:
        cx += cw
        boxes.append(Rule(cx, top, cx, yy, spec.colours.rule, 0.5))
    boxes.append(Rect(x, yy, w, top - yy, stroke=colour, stroke_width=1.0))
    return Page(spec.width, spec.height, tuple(boxes), "template", face="action_plan")


def colophon(ctx: Ctx) -> Page:
    """The colophon: the full attribution and licence."""
    spec = ctx.spec
    x, y, w, h = _page_area(ctx)
    colour = spec.colours_for("about").main
    head = Flow()
    head.add(ctx.labels.facilitator.colophon, ctx.style(bold=True, colour=colour))
    head_h = 18 * MM
    boxes: list[Box] = [fit(head, x, y + h - head_h, w, head_h, spec.size("heading"), "title",
                            ctx.problems)]
    boxes.append(fit(attribution_flow(ctx, "about", description=True), x, y + 8 * MM, w,
                     h - head_h - 14 * MM, spec.size("notes"), "body", ctx.problems, None,
                     "the colophon", ("content/pack.yaml", None)))
    return Page(spec.width, spec.height, tuple(boxes), "colophon", "colophon")
