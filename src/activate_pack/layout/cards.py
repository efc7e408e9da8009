"""Card faces: composed card content placed on the front and back of A6 (or A4) pages."""

from __future__ import annotations

from activate_pack.compose import cards as compose
from activate_pack.compose import notices
from activate_pack.compose.content import Block, Face, Run
from activate_pack.errors import Problems
from activate_pack.layout import sources, styles
from activate_pack.layout.boxes import Box, ImageBox, Page, Rect, Rule, TextBox
from activate_pack.layout.context import AnyCard, Ctx
from activate_pack.layout.fit import fit
from activate_pack.layout.icons import back_icon, label_icon, label_room
from activate_pack.layout.logo import place_logo
from activate_pack.layout.pictures import SCALES, card_picture, narrow_in_band, title_stop
from activate_pack.layout.qr import place_code
from activate_pack.layout.spec import MM
from activate_pack.text import Flow
from activate_pack.text.ink import extent


def text_box(ctx: Ctx, flow: Flow, region: str, role: str, kind: str | None,
             card: str | None = None, what: str | None = None,
             stop: float | None = None, label: str | None = None,
             indent: float = 0.0) -> TextBox:
    """Fit a flow into a named region of the layout (ending at x = ``stop``, if given, and
    starting ``indent`` points in); a ``label`` that a translation gives is reported at its
    line there, not at the card."""
    x, y, w, h = ctx.spec.region(region, kind)
    if stop is not None:
        w = min(w, stop - x)
    x, w = x + indent, w - indent
    advise = sources.translated(ctx.pack, label, ctx.label_index, what or role) \
        if label else None
    return fit(flow, x, y, w, h, ctx.spec.size(role, kind), role, ctx.problems, card, what,
               ctx.where(card), advise)


CREDIT = "or credit your group instead of each person (the line is printed on every page)"
"""The other way to shorten a credit line too long for the cards."""


def footer(ctx: Ctx, kind: str | None, colour: str, card: str | None = None) -> list[Box]:
    """The credit line every page carries, as real text (one shared box per distinct line)."""
    text = ctx.card_credits.get(card or "", ctx.credit)
    key = (text, kind or "", colour)
    if key not in ctx.footers:
        flow = Flow()
        styles.add_runs(ctx, flow, "credit", "credit", kind, (ctx.writer.run(text, "credit"),),
                        colour=colour)
        x, y, w, h = ctx.spec.region("footer", kind)
        ctx.footers[key] = fit(flow, x, y, w, h, ctx.spec.size("credit", kind), "credit",
                               ctx.problems, card, "the credit line", ctx.where(card),
                               sources.shorten(ctx.pack, "the credit line",
                                               sources.credited(ctx.pack), "the cards", CREDIT))
    return [ctx.footers[key]]


def header(ctx: Ctx, face: Face, stop: float | None = None) -> list[Box]:
    """The coloured band with the kind label and the title (ending at x = ``stop``, if given)."""
    kind = face.kind
    x, y, w, h = ctx.spec.region("band", kind)
    boxes: list[Box] = [Rect(x, y, w, h, fill=ctx.spec.colours_for(kind).main, bleed=True)]
    label = styles.add_runs(ctx, Flow(), "header", "kind-label", kind, face.label)
    label_box = text_box(ctx, label, "label", "label", kind, face.card, "the card label", stop,
                         _line(face.label), label_room(ctx.spec, kind))
    boxes += [*label_icon(ctx.spec, kind, label_box, ctx.spec.colours_for(kind).on_main),
              label_box]
    heading = styles.add_runs(ctx, Flow(), "header", "title", kind, face.title)
    boxes.append(text_box(ctx, heading, "title", "title", kind, face.card, "title", stop))
    return boxes


def write_in_lines(ctx: Ctx, x: float, top: float, w: float, bottom: float, kind: str,
                   areas: tuple[Block, ...]) -> list[Box]:
    """Labelled areas of ruled lines that share the space between ``top`` and ``bottom``."""
    boxes: list[Box] = []
    if not areas:
        return boxes
    spec, geo = ctx.spec, ctx.spec.write_in
    gap = geo.gap * MM
    share = (top - bottom) / len(areas)
    label_h = spec.size("body").smallest * geo.label
    for index, area in enumerate(areas):
        area_top = top - index * share
        flow = styles.flow_of(ctx, kind, kind, (area,))
        boxes.append(fit(flow, x, area_top - label_h, w, label_h, spec.size("body"),
                         "label", ctx.problems, what="a write-in heading",
                         advise=sources.translated(ctx.pack, area.text, ctx.label_index,
                                                   "a write-in heading")))
        y = area_top - label_h - gap
        while y >= area_top - share + gap * geo.clear:
            boxes.append(Rule(x, y, x + w, y, spec.colours.rule, geo.rule))
            y -= gap
    return boxes


def longest(card: AnyCard, names: tuple[str, ...]) -> str | None:
    """The field of ``names`` with the most words on this card: the one to cut words from."""
    def words(value: object) -> int:
        if isinstance(value, (list, tuple)):
            return sum(words(v) for v in value)
        return len(str(value).split()) if value else 0
    counts = {name: words(getattr(card, name, None)) for name in names}
    best = max(counts, key=lambda name: counts[name], default=None)
    return best if best is not None and counts[best] else None


def _sides(ctx: Ctx, card: AnyCard) -> tuple[str, ...]:
    """The faces whose fields a card's front page shows: the A6 front holds its own alone
    when the kind puts words on its back; the A4 pack's card page holds both."""
    decl = ctx.pack.kinds[card.kind]
    return ("front",) if decl.faces.back and not ctx.notes else compose.SIDES


def card_front(ctx: Ctx, card: AnyCard) -> Page:
    """The front of a card: band, title, body text (and notes in the facilitator pack), credit."""
    spec = ctx.spec
    kind = card.kind
    sides = _sides(ctx, card)
    face = compose.card_front(ctx.pack, card, sides)
    cut_from = longest(card, ctx.pack.kinds[kind].faces.of(sides))
    bx, by, bw, bh = spec.region("body", kind)
    geo = spec.write_in
    flow = styles.flow_of(ctx, kind, kind, face.blocks)
    # Write-in areas below the text keep a heading and a few ruled lines each.
    area = geo.gap * MM * geo.lines + spec.size("body").smallest * geo.label
    reserve = len(face.write_ins) * area
    # A picture sits above the text, which gets less room; if the text does not fit, the
    # picture shrinks (to half its height, or its least width), then goes back to the band
    # if the band would take it, or below its least width, before words are asked to be cut.
    tries = [(1.0, False)]
    if face.picture is not None and not face.blank and title_stop(ctx, face) is None:
        tries = [(scale, narrow) for narrow in (False, True) for scale in SCALES]
        if title_stop(ctx, face, narrow=True) is not None:
            tries = tries[:len(SCALES) + 1]
    cuts: list[int] = []  # words to cut with the picture at its least width, try by try

    def counted(cut: int, words: int, size: float) -> None:
        cuts.append(cut)  # the message stays fit's own

    for scale, narrow in tries:
        tried = Problems()
        picture, taken = card_picture(ctx, face, scale, tried, narrow)
        text = None
        if not face.blank:
            text = fit(flow, bx, by + reserve, bw, bh - taken - reserve,
                       spec.size("body", kind), "body", tried, card.id, "the card text",
                       ctx.where(card.id), None if narrow else counted, cut_from=cut_from)
        if not tried.errors:
            break
    ctx.problems.extend(tried.items)
    if narrow and cuts and narrow_in_band(ctx, face):
        _small_picture(ctx, card, picture, cuts[-1])
    boxes: list[Box] = header(ctx, face, title_stop(ctx, face, narrow)) + picture
    bh -= taken
    if face.blank:
        share = geo.intro.get(kind, geo.intro_default)
        blank = ctx.pack.kinds[kind].blank
        intro_box = fit(flow, bx, by + bh * (1 - share), bw, bh * share, spec.size("body", kind),
                        "body", ctx.problems, card.id, blank.intro if blank else "the card text",
                        ctx.where(card.id))
        boxes.append(intro_box)
        top = intro_box.top - _ink_bottom(intro_box) - geo.after_intro * MM
        boxes += write_in_lines(ctx, bx, top, bw, by, kind, face.write_ins)
    else:
        assert text is not None
        boxes.append(text)
        boxes += write_in_lines(ctx, bx, by + reserve, bw, by, kind, face.write_ins)
    if ctx.notes and spec.has_region("notes", kind):
        boxes += notes_panel(ctx, face)
    boxes += footer(ctx, kind, spec.colours.muted, card.id)
    return Page(spec.width, spec.height, tuple(boxes), "card", card.id, "front", kind)


def notes_panel(ctx: Ctx, face: Face) -> list[Box]:
    """The facilitator notes under a card on its A4 page."""
    spec = ctx.spec
    x, y, w, h = spec.region("notes", face.kind)
    pad, radius = spec.notes.pad * MM, spec.notes.radius * MM
    boxes: list[Box] = [Rect(x, y, w, h, fill=spec.colours_for(face.kind).tint, radius=radius)]
    flow = styles.flow_of(ctx, "notes", face.kind, face.notes)
    boxes.append(fit(flow, x + pad, y + pad, w - 2 * pad, h - 2 * pad, spec.size("notes"), "notes",
                     ctx.problems, face.card, "the text of the facilitator notes",
                     ctx.where(face.card, "notes"), cut_from="notes",
                     place="in their panel beside the card"))
    return boxes


def _small_picture(ctx: Ctx, card: AnyCard, placed: list[Box], cut: int) -> None:
    """Warn that a photo went back to the band, narrower than the layout's least width, to
    leave the card's text room at its smallest size; say how to print it larger."""
    image = next((box for box in placed if isinstance(box, ImageBox)), None)
    if image is None:
        return
    least = ctx.spec.pictures.least * ctx.spec.width / MM
    path, line = ctx.where(card.id, "image.file") or (None, None)
    ctx.problems.add(
        f"image: the picture prints {image.w / MM:.0f} mm wide in the coloured band, less than "
        f"the {least:.0f} mm the layout gives a photo, because the card's text needs the room "
        f"below; to print it larger, shorten the text on the card's front by about {cut} "
        f"word{'s' if cut != 1 else ''}", path, line, card=card.id, severity="warning")


def _ink_bottom(box: TextBox) -> float:
    """How far below the box's top its text reaches: its last line's ink, where that sinks
    further than a Latin line's room below the baseline (Urdu's Nastaliq does)."""
    if not box.lines:
        return 0.0
    last = box.lines[-1]
    return last.y + max(0.3 * box.size, -extent(last.segments)[1])


def _line(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def text_back(ctx: Ctx, card: AnyCard, face: Face) -> Page:
    """The back of a card whose kind puts words there: band, title, the back's fields (or a
    blank card's write-in areas), the QR code in the band where the layout puts it, credit."""
    spec, kind = ctx.spec, card.kind
    code = place_code(ctx, face, kind)
    stop = None
    if code and spec.has_region("code", kind):
        stop = spec.region("code", kind)[0] - spec.gaps.logo_text * MM
    boxes: list[Box] = header(ctx, face, stop)
    boxes += code
    bx, by, bw, bh = spec.region("body", kind)
    # The pack's logo, when it has one, sits below the text where the text leaves it room:
    # the card's words come first, and are never made smaller for it.
    logo, at = place_logo(ctx, face.logo, "logo", kind, panel=True)
    if face.blank:
        boxes += write_in_lines(ctx, bx, by + bh, bw, by, kind, face.write_ins)
    else:
        cut_from = longest(card, ctx.pack.kinds[kind].faces.back)
        flow = styles.flow_of(ctx, kind, kind, face.blocks)
        text = fit(flow, bx, by, bw, bh, spec.size("body", kind), "body", ctx.problems,
                   card.id, "the text on the card's back", ctx.where(card.id), cut_from=cut_from)
        boxes.append(text)
        if logo and at and text.top - text.used_height - spec.gaps.logo_text * MM >= at[1] + at[3]:
            boxes += logo
    boxes += footer(ctx, kind, spec.colours.muted, card.id)
    return Page(spec.width, spec.height, tuple(boxes), "card", card.id, "back", kind)


def card_back(ctx: Ctx, kind: str, card: AnyCard | None, card_id: str) -> Page:
    """The back of a card: the kind's colour edge to edge, its name and the pack's name (or,
    for a kind that puts words on its back, those words: ``text_back``)."""
    spec = ctx.spec
    if kind == "about" and card is None:
        return about_back(ctx)
    words = compose.text_back(ctx.pack, card) if card is not None else None
    if card is not None and words is not None:
        return text_back(ctx, card, words)
    face = compose.card_back(ctx.pack, card, kind, card_id)
    detail = face.extra.get("detail", ())
    credit = ctx.card_credits.get(card_id, ctx.credit)
    key = (kind, _line(detail or face.title), credit)
    # Alike backs share one tuple of boxes, which the renderer draws once and reuses; a QR
    # code, which opens one card's page, is added to that card's back alone.
    code = tuple(place_code(ctx, face, kind))
    if key in ctx.backs:
        return Page(spec.width, spec.height, ctx.backs[key] + code if code else ctx.backs[key],
                    "card", card_id, "back", kind)
    colours = spec.colours_for(kind)
    boxes: list[Box] = [Rect(0, 0, spec.width, spec.height, fill=colours.main, bleed=True)]
    geo = spec.back
    rx, ry, rw, rh = geo.ring
    boxes.append(Rect(rx * MM, spec.height - (ry + rh) * MM, rw * MM, rh * MM, stroke=colours.tint,
                      stroke_width=geo.stroke, radius=min(rw, rh) * MM / 2))
    flow = styles.add_runs(ctx, Flow(), "back", "kind-name", kind, face.title)
    if detail:
        styles.add_runs(ctx, flow, "back", "kind-detail", kind, detail)
    styles.add_runs(ctx, flow, "back", "pack-title", kind, face.extra["pack"])
    boxes += back_icon(spec, kind, card, colours.on_main)
    tx, ty, tw, th = geo.text
    # The back's words are labels (the kind, its detail) and the pack's title: a translated
    # label too long for it is the label's problem, said at its line of the translation.
    said = " ".join(_line(runs) for runs in (face.title, detail or (), face.extra["pack"]))
    boxes.append(fit(flow, tx * MM, spec.height - (ty + th) * MM, tw * MM, th * MM,
                     spec.size("back"), "back", ctx.problems, card_id, "the card back",
                     advise=sources.translated(ctx.pack, said, ctx.label_index,
                                               "the card back")))
    boxes += place_logo(ctx, face.logo, "logo", kind, panel=True)[0]
    boxes += footer(ctx, kind, colours.on_main, card_id)
    ctx.backs[key] = tuple(boxes)
    return Page(spec.width, spec.height, ctx.backs[key] + code if code else ctx.backs[key],
                "card", card_id, "back", kind)


def about_front(ctx: Ctx) -> Page:
    """The front of the 'about this pack' card: who made the pack."""
    return _about(ctx, "front")


def about_back(ctx: Ctx) -> Page:
    """The back of the 'about this pack' card: its licence and where to get its source."""
    return _about(ctx, "back")


def _about(ctx: Ctx, side: str) -> Page:
    """A side of the 'about this pack' card: the attribution, shared between its two sides so
    that it is set at the body size of every card."""
    spec = ctx.spec
    face = compose.about_front(ctx.pack, side=side)
    # The logo goes in the front's band, beside the title, which stops short of it: the body
    # has no room to spare, as an adaptation's credits and changes fill it. The back carries
    # the logo, as every back does, and the QR code when the pack has a site, below its text.
    front = side == "front"
    logo, at = place_logo(ctx, face.logo, "about_logo" if front else "logo", "about",
                          align="right" if front else "centre", panel=True)
    code = [] if front else \
        place_code(ctx, compose.card_back(ctx.pack, None, "about", "about"), "about")
    boxes: list[Box] = header(ctx, face, stop=at[0] - spec.gaps.logo_text * MM
                              if at and front else None)
    boxes += (logo if front else []) + code
    bx, by, bw, bh = spec.region("body", "about")
    if code:
        _, cy, _, ch = spec.region("code", "about")
        top = by + bh
        by = max(by, cy + ch + spec.gaps.logo_text * MM)
        bh = top - by
    # An adaptation's list of changes and the licence's summary are the tool's words, so the
    # user has none to cut: when the card is full (in a wordier language, say), it says less
    # (counts, then one sentence, then no summary of the licence); the colophon says all.
    for brief in notices.BRIEF:
        blocks = compose.about_front(ctx.pack, brief, side).blocks
        tried = Problems()
        body = fit(styles.flow_of(ctx, "about", "about", blocks), bx, by, bw, bh,
                   spec.size("body", "about"), "body", tried, None, "the about card",
                   ("content/pack.yaml", None),
                   sources.shorten(ctx.pack, "the about card", sources.contributors(
                       ctx.pack, blocks), "the card"))
        if not tried.errors:
            break
    ctx.problems.extend(tried.items)
    boxes.append(body)
    # On the back, the logo goes below the text where the text leaves it room.
    if not front and at and body.top - body.used_height - spec.gaps.logo_text * MM >= at[1] + at[3]:
        boxes += logo
    boxes += footer(ctx, "about", spec.colours.muted)
    return Page(spec.width, spec.height, tuple(boxes), "card", "about", side, "about")
