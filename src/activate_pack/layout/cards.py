"""Card faces: the front and back of recipe, question, ingredient and about cards."""

from __future__ import annotations


from activate_pack.pack import markup
from activate_pack.compose import notices
from activate_pack.layout.context import AnyCard, Ctx
from activate_pack.layout.boxes import Box, Page, Rect, Rule, TextBox
from activate_pack.layout.fit import fit
from activate_pack.layout.logo import TEXT_GAP, place_logo
from activate_pack.layout.pictures import card_picture
from activate_pack.layout.spec import MM
from activate_pack.pack.licences import author_names, licence
from activate_pack.pack.markup import Run
from activate_pack.pack.model import IngredientCard, QuestionCard, RecipeCard
from activate_pack.text import Flow, Style

def kind_label(ctx: Ctx, card: AnyCard | None, kind: str) -> str:
    """The small line above a card title, e.g. 'Question · Explore'."""
    labels = ctx.labels
    name = getattr(labels.kinds, kind)
    if isinstance(card, QuestionCard):
        return f"{name} · {labels.phase(card.phase)}"
    if isinstance(card, IngredientCard) and card.asset_type:
        return f"{name} · {labels.asset_type(card.asset_type)}"
    return name


def text_box(ctx: Ctx, flow: Flow, region: str, role: str, kind: str | None,
             card: str | None = None, what: str | None = None,
             stop: float | None = None) -> TextBox:
    """Fit a flow into a named region of the layout (ending at x = ``stop``, if given)."""
    x, y, w, h = ctx.spec.region(region, kind)
    if stop is not None:
        w = min(w, stop - x)
    return fit(flow, x, y, w, h, ctx.spec.size(role, kind), role, ctx.problems, card, what,
               ctx.where(card))


def footer(ctx: Ctx, kind: str | None, colour: str, card: str | None = None) -> list[Box]:
    """The credit line every page carries, as real text (one shared box per distinct line)."""
    text = ctx.card_credits.get(card or "", ctx.credit)
    key = (text, kind or "", colour)
    if key not in ctx.footers:
        flow = Flow()
        flow.add(text, ctx.style(colour=colour))
        ctx.footers[key] = text_box(ctx, flow, "footer", "credit", kind, card, "the credit line")
    return [ctx.footers[key]]


def header(ctx: Ctx, card: AnyCard | None, kind: str, title: str,
           stop: float | None = None) -> list[Box]:
    """The coloured band with the kind label and the title (ending at x = ``stop``, if given)."""
    colours = ctx.spec.colours_for(kind)
    x, y, w, h = ctx.spec.region("band", kind)
    boxes: list[Box] = [Rect(x, y, w, h, fill=colours.main, bleed=True)]
    label = Flow()
    label.add(kind_label(ctx, card, kind).upper(), ctx.style(colour=colours.on_main, bold=True))
    card_id = card.id if card else None
    boxes.append(text_box(ctx, label, "label", "label", kind, card_id, "the card label", stop))
    heading = Flow()
    heading.add(markup.inline(title, bold=True), ctx.style(colour=colours.on_main, bold=True,
                                                           leading=ctx.spec.size("title", kind).leading))
    boxes.append(text_box(ctx, heading, "title", "title", kind, card_id, "title", stop))
    return boxes


def write_in_lines(ctx: Ctx, x: float, top: float, w: float, bottom: float, gap: float,
                   labels: list[str], label_style: Style) -> list[Box]:
    """Labelled areas of ruled lines that share the space between ``top`` and ``bottom``."""
    boxes: list[Box] = []
    if not labels:
        return boxes
    share = (top - bottom) / len(labels)
    size = ctx.spec.size("body").smallest
    for index, text in enumerate(labels):
        area_top = top - index * share
        flow = Flow()
        flow.add(text, label_style)
        label_h = size * 1.6
        boxes.append(fit(flow, x, area_top - label_h, w, label_h, ctx.spec.size("body"),
                         "label", ctx.problems, what="a write-in heading"))
        y = area_top - label_h - gap
        while y >= area_top - share + gap * 0.3:
            boxes.append(Rule(x, y, x + w, y, ctx.spec.colours.rule, 0.6))
            y -= gap
    return boxes


def _lead(label: str, text: str, style: Style) -> tuple[Run, ...]:
    """'Label: text' with the label in bold."""
    return (Run(f"{label}: ", True, style.italic), *markup.inline(text, style.bold, style.italic))


def recipe_flow(ctx: Ctx, card: RecipeCard) -> Flow:
    """The body text of a recipe card."""
    labels = ctx.labels.recipe
    main = ctx.spec.colours_for("recipe").main
    body = ctx.style()
    head = ctx.style(bold=True, colour=main, space_before=0.6)
    flow = Flow()
    flow.add_blocks(markup.parse(card.summary), ctx.style(scale=1.05))
    if card.challenge:
        flow.add(_lead(labels.challenge, card.challenge, body), body)
    if card.who_for:
        flow.add(_lead(labels.who_for, card.who_for, body), body)
    if card.ingredients:
        names = [next((c.title for c in ctx.pack.ingredients if c.id == ref), ref)
                 for ref in card.ingredients]
        flow.add(_lead(labels.ingredients, ", ".join(names), body), body)
    if card.method:
        flow.add(labels.method, head)
        for number, step in enumerate(card.method, 1):
            flow.add(markup.inline(step), ctx.style(marker_colour=main), marker=f"{number}.",
                     new_paragraph=False)
    facts = []
    if card.time:
        facts.append(f"**{labels.time}:** {card.time}")
    if card.effort:
        facts.append(f"**{labels.effort}:** {labels.effort_levels.get(card.effort, card.effort)}")
    if facts:
        flow.add(markup.inline("  ·  ".join(facts)), ctx.style(space_before=0.6))
    if card.first_step:
        flow.add(_lead(labels.first_step, card.first_step, body), body)
    if card.inspired_by:
        source = card.inspired_by.name + (f", {card.inspired_by.place}" if card.inspired_by.place else "")
        flow.add(f"{labels.inspired_by}: {source}",
                 ctx.style(italic=True, colour=ctx.spec.colours.muted, scale=0.9))
    return flow


def question_flow(ctx: Ctx, card: QuestionCard) -> Flow:
    """The body text of a question card."""
    main = ctx.spec.colours_for("question").main
    flow = Flow()
    flow.add(markup.inline(card.question, bold=True), ctx.style(scale=1.3, bold=True, colour=main,
                                                                leading=1.18))
    for index, prompt in enumerate(card.prompts):
        flow.add(markup.inline(prompt), ctx.style(marker_colour=main, space_before=0.9 if index == 0 else 0.35),
                 marker="•", new_paragraph=True)
    return flow


def ingredient_flow(ctx: Ctx, card: IngredientCard) -> Flow:
    """The body text of an ingredient card."""
    main = ctx.spec.colours_for("ingredient").main
    flow = Flow()
    flow.add(markup.inline(card.prompt, bold=True), ctx.style(scale=1.2, bold=True, colour=main,
                                                              leading=1.18))
    if card.uses:
        flow.add(ctx.labels.ingredient.uses, ctx.style(bold=True, colour=main, space_before=0.8))
        flow.add_blocks(markup.parse(card.uses), ctx.style(), first_new=False)
    return flow


def card_front(ctx: Ctx, card: AnyCard) -> Page:
    """The front of a card: band, title, body text (and notes in the facilitator pack), credit."""
    spec = ctx.spec
    kind = card.kind
    boxes: list[Box] = header(ctx, card, kind, card.title)
    bx, by, bw, bh = spec.region("body", kind)
    picture, taken = card_picture(ctx, card)  # a picture sits above the text, which gets less room
    boxes += picture
    bh -= taken
    label_style = ctx.style(bold=True, colour=spec.colours_for(kind).main)
    gap = 8.5 * MM if spec.width > 400 else 7.5 * MM
    if isinstance(card, RecipeCard) and card.blank:
        intro = Flow()
        intro.add_blocks(markup.parse(card.summary), ctx.style(italic=True))
        intro_box = fit(intro, bx, by + bh * 0.78, bw, bh * 0.22, spec.size("body", kind), "body",
                        ctx.problems, card.id, "summary", ctx.where(card.id))
        boxes.append(intro_box)
        top = intro_box.top - intro_box.used_height - 3 * MM
        boxes += write_in_lines(ctx, bx, top, bw, by, gap, ctx.labels.recipe.blank_lines, label_style)
    elif isinstance(card, IngredientCard) and card.blank:
        intro = Flow()
        intro.add(markup.inline(card.prompt, bold=True), ctx.style(scale=1.2, bold=True,
                                                                   colour=spec.colours_for(kind).main))
        intro_box = fit(intro, bx, by + bh * 0.75, bw, bh * 0.25, spec.size("body", kind), "body",
                        ctx.problems, card.id, "prompt", ctx.where(card.id))
        boxes.append(intro_box)
        top = intro_box.top - intro_box.used_height - 3 * MM
        boxes += write_in_lines(ctx, bx, top, bw, by, gap, ctx.labels.ingredient.blank_lines,
                                label_style)
    else:
        if isinstance(card, RecipeCard):
            flow = recipe_flow(ctx, card)
        elif isinstance(card, QuestionCard):
            flow = question_flow(ctx, card)
        else:
            flow = ingredient_flow(ctx, card)
        write_in = isinstance(card, IngredientCard)
        reserve = (gap * 2 + spec.size("body").smallest * 1.6) if write_in else 0.0
        boxes.append(fit(flow, bx, by + reserve, bw, bh - reserve, spec.size("body", kind), "body",
                         ctx.problems, card.id, "the card text", ctx.where(card.id)))
        if write_in:
            boxes += write_in_lines(ctx, bx, by + reserve, bw, by, gap,
                                    [ctx.labels.ingredient.local_example], label_style)
    if ctx.notes and spec.has_region("notes", kind):
        boxes += notes_panel(ctx, card)
    boxes += footer(ctx, kind, spec.colours.muted, card.id)
    return Page(spec.width, spec.height, tuple(boxes), "card", card.id, "front", kind)


def notes_panel(ctx: Ctx, card: AnyCard) -> list[Box]:
    """The facilitator notes under a card on its A4 page."""
    spec = ctx.spec
    x, y, w, h = spec.region("notes", card.kind)
    colours = spec.colours_for(card.kind)
    pad = 5 * MM
    boxes: list[Box] = [Rect(x, y, w, h, fill=colours.tint, radius=3 * MM)]
    flow = Flow()
    flow.add(ctx.labels.facilitator.notes, ctx.style(bold=True, colour=colours.main))
    if card.notes:
        flow.add_blocks(markup.parse(card.notes), ctx.style(), first_new=True)
    boxes.append(fit(flow, x + pad, y + pad, w - 2 * pad, h - 2 * pad, spec.size("notes"), "notes",
                     ctx.problems, card.id, "notes", ctx.where(card.id)))
    return boxes


def card_back(ctx: Ctx, kind: str, card: AnyCard | None, card_id: str) -> Page:
    """The back of a card: the kind's colour edge to edge, its name and the pack's name."""
    spec = ctx.spec
    sub = kind_label(ctx, card, kind).split(" · ", 1)
    credit = ctx.card_credits.get(card_id, ctx.credit)
    key = (kind, sub[-1], credit)
    if key in ctx.backs:  # the same boxes object: the renderer draws it once and reuses it
        return Page(spec.width, spec.height, ctx.backs[key], "card", card_id, "back", kind)
    colours = spec.colours_for(kind)
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=colours.main, bleed=True)]
    ring = min(spec.width, spec.height) * 0.34
    cx, cy = spec.width / 2, spec.height * 0.56
    boxes.append(Rect(cx - ring, cy - ring, ring * 2, ring * 2, stroke=colours.tint,
                      stroke_width=1.2, radius=ring))
    flow = Flow()
    name = getattr(ctx.labels.kinds, kind)
    flow.add(name, ctx.style(bold=True, colour=colours.on_main, align="center"))
    if len(sub) > 1:
        flow.add(sub[1], ctx.style(colour=colours.on_main, align="center", scale=0.7))
    flow.add(ctx.pack.info.title, ctx.style(colour=colours.on_main, align="center", scale=0.55,
                                            space_before=1.2))
    box_h = ring * 1.3
    boxes.append(fit(flow, cx - ring * 0.9, cy - box_h / 2, ring * 1.8, box_h,
                     spec.size("back"), "back", ctx.problems, card_id, "the card back"))
    boxes += place_logo(ctx, "logo", kind, panel=True)[0]
    boxes += footer(ctx, kind, colours.on_main, card_id)
    ctx.backs[key] = tuple(boxes)
    return Page(spec.width, spec.height, ctx.backs[key], "card", card_id, "back", kind)


def about_front(ctx: Ctx) -> Page:
    """The 'about this pack' card: the full attribution on one A6 face."""
    spec = ctx.spec
    # The logo goes in the band, beside the title, which stops short of it: the body has no
    # room to spare, as an adaptation's credits and changes fill it.
    logo, at = place_logo(ctx, "about_logo", "about", align="right", panel=True)
    boxes: list[Box] = header(ctx, None, "about", ctx.pack.info.title,
                              stop=at[0] - TEXT_GAP if at else None)
    boxes += logo
    bx, by, bw, bh = spec.region("body", "about")
    boxes.append(fit(attribution_flow(ctx, "about"), bx, by, bw, bh, spec.size("body", "about"),
                     "body", ctx.problems, None, "the about card", ("content/pack.yaml", None)))
    boxes += footer(ctx, "about", spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "card", "about", "front", "about")


def attribution_flow(ctx: Ctx, kind: str, description: bool = False) -> Flow:
    """The full attribution: title, authors, source, licence, copyright and no endorsement."""
    info = ctx.pack.info
    labels = ctx.labels.about
    lic = licence(info.licence)
    main = ctx.spec.colours_for(kind).main
    head = ctx.style(bold=True, colour=main, space_before=0.7)
    flow = Flow()
    flow.add(markup.inline(f"**{info.title}**" + (f": {info.subtitle}" if info.subtitle else "")),
             ctx.style())
    flow.add(f"{labels.version} {info.version}" + (f" · {info.locality}" if info.locality else ""),
             ctx.style(colour=ctx.spec.colours.muted, space_before=0.2))
    if description and info.description:
        flow.add_blocks(markup.parse(info.description), ctx.style())
    flow.add(labels.made_by, head)
    flow.add(author_names([a.name + (f" ({a.organisation})" if a.organisation else "")
                           for a in info.authors]), ctx.style(), new_paragraph=False)
    flow.add(info.copyright, ctx.style(space_before=0.2))
    add_adaptation(ctx, flow, head, full=description)
    flow.add(labels.licence, head)
    flow.add(f"{lic.name} ({lic.short_name})", ctx.style(), new_paragraph=False)
    flow.add(lic.deed_url, ctx.style(), new_paragraph=False)
    flow.add_blocks(markup.parse(labels.licence_note), ctx.style(space_before=0.3))
    flow.add(labels.source, head)
    flow.add(info.source_url, ctx.style(), new_paragraph=False)
    flow.add_blocks(markup.parse(labels.no_endorsement), ctx.style(italic=True, space_before=0.7))
    return flow


def add_adaptation(ctx: Ctx, flow: Flow, head: Style, full: bool) -> None:
    """Where an adapted pack comes from and what changed; ``full`` lists every id (colophon)."""
    pack = ctx.pack
    small = ctx.style(space_before=0.2)
    for sentence in notices.credit_sentences(pack):
        flow.add(sentence, small)
    if pack.changes is not None:
        flow.add(ctx.labels.adaptation.changes, head)
        limit = None if full else notices.SHORT_LIST
        for index, line in enumerate(notices.change_lines(pack, limit)):
            flow.add(line, ctx.style(space_before=0.15) if index else ctx.style(),
                     new_paragraph=True)
    if pack.exceptions:
        flow.add(ctx.labels.adaptation.exceptions, ctx.style(space_before=0.5))
        for credit in pack.exceptions:
            parts = [credit.title, credit.author, credit.licence, credit.source]
            flow.add(", ".join(p for p in parts if p), ctx.style(), marker="•")
