"""The A4 facilitator pack's own pages: cover, contents, dividers, guide, templates, colophon."""

from __future__ import annotations

from dataclasses import replace

from activate_pack.compose import pages as compose
from activate_pack.compose.content import Face
from activate_pack.errors import Problems
from activate_pack.layout import sources, styles
from activate_pack.layout.boxes import Box, Page, Rect, Rule
from activate_pack.layout.cards import footer
from activate_pack.layout.context import Ctx
from activate_pack.layout.decor import cover_cards, divider_stack
from activate_pack.layout.fit import fit, fit_or_grow
from activate_pack.layout.logo import place_logo
from activate_pack.layout.spec import MM
from activate_pack.pack.model.markup import TextRun
from activate_pack.pack.model.pack import GuidePage
from activate_pack.text import Flow
from activate_pack.text.ink import extent


def _page_area(ctx: Ctx) -> tuple[float, float, float, float]:
    return ctx.spec.region("page")


def folio(ctx: Ctx, number: int, colour: str) -> Box:
    """The page number at the bottom right."""
    flow = Flow()
    text = (ctx.writer.run(compose.folio(ctx.pack, number), "folio", bold=True),)
    styles.add_runs(ctx, flow, "folio", "folio", None, text, colour=colour, align="center")
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


def _heading_flow(ctx: Ctx, context: str, face: Face) -> Flow:
    """A page's title followed by its blocks, in one flow."""
    flow = styles.add_runs(ctx, Flow(), context, "title", face.kind, face.title)
    return styles.add_blocks(ctx, flow, context, face.kind, face.blocks)


def cover(ctx: Ctx) -> Page:
    """The cover: the pack's title over a card of each kind, in the kinds' colours."""
    spec = ctx.spec
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=spec.colours_for("about").main,
                             bleed=True)]
    for kind, (sx, sy, sw, sh) in spec.stripes.items():
        boxes.append(Rect(sx * MM, spec.height - (sy + sh) * MM, sw * MM, sh * MM,
                          fill=spec.colours_for(kind).main, bleed=True))
    boxes += cover_cards(ctx)
    face = compose.cover(ctx.pack)
    x, y, w, h = spec.region("cover_title")
    boxes.append(fit(_heading_flow(ctx, "cover", face), x, y, w, h,
                     spec.size("cover"), "title", ctx.problems, None, "the cover",
                     ("content/pack.yaml", None)))
    # Below the title, in line with it, just above the coloured bands.
    boxes += place_logo(ctx, face.logo, "logo", None, align="left", valign="bottom",
                        panel=True)[0]
    return Page(spec.width, spec.height, tuple(boxes), "cover")


RULE_CLEAR = 1.0
"""Points kept between a contents entry's ink and the dotted rules above and below it."""

Entry = tuple[str, int, str, bool]
"""A contents line: title, page number, colour kind, and whether it is a page within a set."""


def contents(ctx: Ctx, entries: list[Entry]) -> Page:
    """The contents page: each set, its pages where there is room, and the colophon."""
    spec, geo = ctx.spec, ctx.spec.contents
    x, y, w, h = _page_area(ctx)
    boxes: list[Box] = []
    head = styles.add_runs(ctx, Flow(), "contents", "title", None,
                           compose.contents(ctx.pack).title)
    title_h = geo.heading * MM
    boxes.append(fit(head, x, y + h - title_h, w, title_h, spec.size("heading"), "title",
                     ctx.problems))
    top = y + h - title_h - geo.gap * MM
    room = top - (y + geo.gap * MM)
    # Rows shrink to fit a long guide; if even small rows do not fit, only sets are listed.
    row = min(geo.row * MM, room / max(1, len(entries)))
    if row < geo.min_row * MM:
        entries = [e for e in entries if not e[3]]
        row = min(geo.row * MM, room / max(1, len(entries)))
    lift, bar_w, trim = (v * MM for v in geo.bar)
    number_w = geo.number * MM
    for index, (title, number, kind, within) in enumerate(entries):
        row_top = top - index * row
        colour = spec.colours_for(kind).main
        role = "subentry" if within else "body"
        indent = (geo.sub_indent if within else geo.indent) * MM
        if not within:
            boxes.append(Rect(x, row_top - row + lift, bar_w, row - trim, fill=colour))
        flow = Flow()
        flow.add((TextRun(title, bold=not within),), ctx.style())
        # The entry's ink stays between its dotted rule and the one above, whatever its
        # script: a tall Nastaliq entry may use the room up to the rule above, and one whose
        # letters sink below its rule moves up, as far as that allows. Its number stands on
        # the entry's baseline. Both lead to the page (folio n is the document's page n - 1).
        rule_y = row_top - row + geo.rule_lift * MM
        ceiling = row_top + geo.rule_lift * MM - RULE_CLEAR
        entry = fit_or_grow(flow, x + indent, rule_y + RULE_CLEAR, w - indent - number_w
                            - geo.number_gap * MM, row_top - rule_y - RULE_CLEAR,
                            spec.size("body"), role, ctx.problems, "a contents entry",
                            spare=ceiling - row_top, downwards=False,
                            advise=sources.translated(ctx.pack, title, ctx.label_index,
                                                      "a contents entry"))
        if entry.lines:
            last = entry.lines[-1]
            low = entry.top - last.y + extent(last.segments)[1]  # the ink's lowest point
            rise = min(max(0.0, rule_y + RULE_CLEAR - low), ceiling - entry.top)
            entry = replace(entry, top=entry.top + max(rise, 0.0))
        boxes.append(replace(entry, link=number - 1))
        num = Flow()
        num.add(compose.folio(ctx.pack, number), ctx.style(
            bold=not within, colour=colour if not within else spec.colours.muted, align="center"))
        folio = fit(num, x + w - number_w, row_top - row, number_w, row, spec.size("body"),
                    role, ctx.problems)
        if entry.lines and folio.lines:
            folio = replace(folio, top=entry.top - entry.lines[0].y + folio.lines[0].y)
        boxes.append(replace(folio, link=number - 1))
        boxes.append(Rule(x + indent, rule_y, x + w, rule_y, spec.colours.rule, spec.lines.dotted,
                          spec.lines.dash))
    return Page(spec.width, spec.height, tuple(boxes), "contents")


def divider(ctx: Ctx, entry: compose.SetEntry) -> Page:
    """A set's divider page: its number, name and introduction on the set's colour, over a
    stack of its cards."""
    spec = ctx.spec
    face = compose.divider(ctx.pack, entry)
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=spec.colours_for(face.kind).main,
                             bleed=True), *divider_stack(ctx, face.kind, entry.name)]
    flow = styles.add_runs(ctx, Flow(), "divider", "set-number", face.kind, face.label)
    styles.add_runs(ctx, flow, "divider", "title", face.kind, face.title)
    styles.add_blocks(ctx, flow, "divider", face.kind, face.blocks)
    x, y, w, h = spec.region("divider_text")
    boxes.append(fit(flow, x, y, w, h, spec.size("cover"), "title", ctx.problems, None,
                     f"the divider of set {entry.number}", ("content/labels.yaml", None)))
    return Page(spec.width, spec.height, tuple(boxes), "divider", face=entry.name,
                card_kind=face.kind)


def guide_page(ctx: Ctx, page: GuidePage) -> Page:
    """One page of the facilitator guide."""
    spec = ctx.spec
    face = compose.guide_page(ctx.pack, page)
    ax, ay, aw, ah = spec.region("accent")
    boxes: list[Box] = [Rect(ax, ay, aw, ah, fill=spec.colours_for(face.kind).main)]
    head = styles.add_runs(ctx, Flow(), "guide", "title", face.kind, face.title)
    x, y, w, h = spec.region("guide_title")
    boxes.append(fit(head, x, y, w, h, spec.size("heading"), "title",
                     ctx.problems, page.id, "heading", ctx.where(page.id)))
    x, y, w, h = spec.region("guide_body")
    boxes.append(fit(styles.flow_of(ctx, "guide", face.kind, face.blocks), x, y, w, h,
                     spec.size("body"), "body", ctx.problems, page.id, "body", ctx.where(page.id)))
    return Page(spec.width, spec.height, tuple(boxes), "guide", page.id)


def _template_head(ctx: Ctx, face: Face) -> tuple[list[Box], float]:
    spec = ctx.spec
    x, y, w, h = spec.region("template_head")
    title = "".join(r.text for r in face.title)
    box = fit(_heading_flow(ctx, "template", face), x, y, w, h, spec.size("heading"), "title",
              ctx.problems, None, f"the {title} heading", ("content/labels.yaml", None),
              sources.translated(ctx.pack, title, ctx.label_index, "a worksheet heading"))
    return [box], box.top - box.used_height - spec.worksheet.after_head * MM


def _labelled_area(ctx: Ctx, face: Face, index: int, x: float, top: float, w: float, h: float,
                   lines: bool = True) -> list[Box]:
    spec, geo = ctx.spec, ctx.spec.worksheet
    colour = spec.colours_for(face.kind).main
    boxes: list[Box] = [Rect(x, top - h, w, h, stroke=colour, stroke_width=spec.lines.border,
                             radius=geo.radius * MM)]
    flow = styles.flow_of(ctx, "template", face.kind, face.write_ins[index:index + 1])
    label_h, pad = geo.label * MM, geo.pad * MM
    boxes.append(fit(flow, x + pad, top - label_h - geo.label_drop * MM, w - 2 * pad, label_h,
                     spec.size("notes"), "label", ctx.problems, None, "a template heading",
                     advise=sources.translated(ctx.pack, face.write_ins[index].text,
                                               ctx.label_index, "a worksheet heading")))
    if lines:
        gap = geo.line_gap * MM
        yy = top - label_h - gap
        while yy > top - h + pad:
            boxes.append(Rule(x + pad, yy, x + w - pad, yy, spec.colours.rule, spec.lines.rule))
            yy -= gap
    return boxes


def recipe_worksheet(ctx: Ctx) -> Page:
    """A blank recipe to fill in: one ruled area per heading."""
    spec, geo = ctx.spec, ctx.spec.worksheet
    face = compose.template(ctx.pack, "recipe_worksheet")
    boxes, top = _template_head(ctx, face)
    x, y, w, _ = _page_area(ctx)
    gap = geo.gap * MM
    share = (top - y - geo.bottom * MM) / len(face.write_ins)
    for index in range(len(face.write_ins)):
        boxes += _labelled_area(ctx, face, index, x, top - index * share, w, share - gap)
    return Page(spec.width, spec.height, tuple(boxes), "template", face="recipe_worksheet")


def asset_map(ctx: Ctx) -> Page:
    """Six areas, one per kind of asset, around the name of the place."""
    spec, geo = ctx.spec, ctx.spec.worksheet
    face = compose.template(ctx.pack, "asset_map")
    boxes, top = _template_head(ctx, face)
    x, y, w, _ = _page_area(ctx)
    cols, gap = geo.map_columns, geo.gap * MM
    rows = (len(face.write_ins) + cols - 1) // cols
    cell_w = (w - gap) / cols
    cell_h = (top - y - geo.bottom * MM) / rows
    for index in range(len(face.write_ins)):
        col, row = index % cols, index // cols
        boxes += _labelled_area(ctx, face, index, x + col * (cell_w + gap), top - row * cell_h,
                                cell_w, cell_h - gap, lines=False)
    return Page(spec.width, spec.height, tuple(boxes), "template", face="asset_map")


def action_plan(ctx: Ctx) -> Page:
    """A table with a column per heading and ruled rows to write in."""
    spec, geo = ctx.spec, ctx.spec.worksheet
    face = compose.template(ctx.pack, "action_plan")
    boxes, top = _template_head(ctx, face)
    x, y, w, _ = _page_area(ctx)
    colours = spec.colours_for(face.kind)
    # The first column (what) is widest, the last (done) narrowest.
    first, middle, last = geo.columns
    weights = [first] + [middle] * (len(face.write_ins) - 2) + [last]
    total = sum(weights)
    widths = [w * wt / total for wt in weights]
    head_h = geo.table_head * MM
    bottom = y + geo.bottom * MM
    boxes.append(Rect(x, top - head_h, w, head_h, fill=colours.tint))
    pad, drop = geo.cell_pad * MM, geo.cell_drop * MM
    cx = x
    for index, cw in enumerate(widths):
        flow = styles.flow_of(ctx, "template", face.kind, face.write_ins[index:index + 1])
        boxes.append(fit(flow, cx + pad, top - head_h + drop, cw - 2 * pad, head_h - 2 * drop,
                         spec.size("notes"), "label", ctx.problems, None, "a column heading",
                         advise=sources.translated(ctx.pack, face.write_ins[index].text,
                                                   ctx.label_index, "a column heading")))
        cx += cw
    row = geo.table_row * MM
    yy = top - head_h
    while yy - row >= bottom:
        yy -= row
        boxes.append(Rule(x, yy, x + w, yy, spec.colours.rule, spec.lines.rule))
    cx = x
    for cw in widths[:-1]:
        cx += cw
        boxes.append(Rule(cx, top, cx, yy, spec.colours.rule, spec.lines.rule))
    boxes.append(Rect(x, yy, w, top - yy, stroke=colours.main,
                      stroke_width=spec.lines.border))
    return Page(spec.width, spec.height, tuple(boxes), "template", face="action_plan")


def colophon(ctx: Ctx) -> Page:
    """The colophon: the full attribution and licence."""
    spec = ctx.spec
    face = compose.colophon(ctx.pack)
    x, y, w, h = spec.region("colophon_title")
    head = styles.add_runs(ctx, Flow(), "colophon", "title", face.kind, face.title)
    boxes: list[Box] = [fit(head, x, y, w, h, spec.size("heading"), "title", ctx.problems)]
    x, y, w, h = spec.region("colophon_body")
    # Like the about card, a full page (a long list of changes in a taller script, say) gives
    # up the licence's plain-words summary before it fails: those words are the tool's.
    for brief in ("list", "tight"):
        blocks = compose.colophon(ctx.pack, brief).blocks
        tried = Problems()
        body = fit(styles.flow_of(ctx, "about", face.kind, blocks), x, y, w, h,
                   spec.size("notes"), "body", tried, None, "the colophon",
                   ("content/pack.yaml", None),
                   sources.shorten(ctx.pack, "the colophon", sources.contributors(
                       ctx.pack, blocks)))
        if not tried.errors:
            break
    ctx.problems.extend(tried.items)
    boxes.append(body)
    return Page(spec.width, spec.height, tuple(boxes), "colophon", "colophon")
