"""A card's picture: placed in the layout's ``image`` region, above the card text or in its band.

A region above the body takes room from the text, so it shrinks (SCALES) before words are asked
to be cut. A region in the coloured band, beside the title (as the A6 recipe cards have it, for
they say the most), takes no room from the text: the title stops short of it instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from activate_pack.errors import Problems
from activate_pack.pack.sources import images
from activate_pack.layout import styles
from activate_pack.layout.boxes import Box, ImageBox, TextBox
from activate_pack.layout.fit import fit
from activate_pack.text import Flow
from activate_pack.layout.spec import MM, LayoutSpec

if TYPE_CHECKING:
    from activate_pack.compose.content import Face
    from activate_pack.layout.context import Ctx


SCALES = (1.0, 0.8, 0.65, 0.5)
"""How far a picture's region may shrink, from its top, to leave the card's text room: to half
its height, before the text is asked to be cut."""

CREDIT_LINES = 2
"""Most lines a picture's credit may take under it (a long name or licence wraps)."""


def in_band(spec: LayoutSpec, kind: str) -> bool:
    """True if the kind's picture region lies in the band, beside the title, not over the text."""
    if not (spec.has_region("image", kind) and spec.has_region("band", kind)):
        return False
    _, y, _, _ = spec.region("image", kind)
    _, band_y, _, _ = spec.region("band", kind)
    return y >= band_y - 0.01


def _found(ctx: Ctx, face: Face) -> images.ImageFile | None:
    """The face's picture file as inspected when the pack was loaded (None: it has none)."""
    picture = face.picture.picture if face.picture else None
    return ctx.pack.pictures.get((picture.folder, picture.file)) if picture else None


def _credit_height(ctx: Ctx, face: Face, lines: int = 1) -> float:
    size = ctx.spec.size("credit", face.kind)
    return lines * size.size * size.leading * 1.4


def narrow_in_band(ctx: Ctx, face: Face) -> bool:
    """True if the band would print the picture narrower than the layout's least width."""
    found = _found(ctx, face)
    if found is None or not in_band(ctx.spec, face.kind):
        return False
    _, _, w, h = ctx.spec.region("image", face.kind)
    if face.picture and face.picture.picture and face.picture.picture.credit \
            and _under_band(ctx, face) is None:
        h -= _credit_height(ctx, face)
    return images.placed_size(found, w, h)[0] < ctx.spec.pictures.least * ctx.spec.width - 0.01


def title_stop(ctx: Ctx, face: Face, narrow: bool = False) -> float | None:
    """Where the label and title must stop across (points), when the picture is in the band
    (``narrow``: even where the band prints it narrower than the least width)."""
    if face.picture is None or face.picture.picture is None or not in_band(ctx.spec, face.kind) \
            or (not narrow and narrow_in_band(ctx, face)):
        return None
    x, _, _, _ = ctx.spec.region("image", face.kind)
    return x - ctx.spec.gaps.picture * MM


def _region(ctx: Ctx, face: Face, band: bool) -> tuple[float, float, float, float]:
    """The picture's region: the kind's own, or, off the band, the layout's above the text."""
    spec = ctx.spec
    if not band and in_band(spec, face.kind) and spec.has_region("image"):
        return spec.region("image")
    return spec.region("image", face.kind)


def card_picture(ctx: Ctx, face: Face, scale: float = 1.0, problems: Problems | None = None,
                 narrow: bool = False) -> tuple[list[Box], float]:
    """The card's picture box (if any) and how many points it takes from the top of the body.

    ``scale`` shrinks the picture's region from its top, though not below the layout's least
    width unless ``narrow``, which also keeps a picture in the band however narrow it prints
    there (see ``title_stop``); problems go to ``problems``.
    """
    spec = ctx.spec
    problems = ctx.problems if problems is None else problems
    picture = face.picture.picture if face.picture else None
    if picture is None or not spec.has_region("image", face.kind):
        return [], 0.0
    band = title_stop(ctx, face, narrow) is not None
    x, y, w, h = _region(ctx, face, band)
    if not band:
        y, h = y + h * (1 - scale), h * scale
    found = _found(ctx, face)
    if found is not None and not band and not narrow:  # the height its least width needs
        least = min(w, spec.pictures.least * spec.width)
        credit_h = _credit_height(ctx, face, CREDIT_LINES) if picture.credit else 0.0
        need = least * found.height / found.width + credit_h
        if need > h:
            y, h = y - (need - h), need
    _, body_y, _, body_h = spec.region("body", face.kind)
    # The body loses everything from its top down to just below the picture's region.
    taken = max(0.0, body_y + body_h - y + spec.gaps.picture * MM)
    path, line = ctx.where(face.card, "image.file") or (None, None)
    if found is None:  # refused when the pack was loaded, and reported there
        return [], taken
    boxes: list[Box] = []
    if picture.credit:  # its author and licence, at the foot of its region, as CC BY asks
        credit, taken_up = _credit(ctx, face, picture.credit, x, y, w, band, problems)
        if taken_up:
            y, h = y + taken_up, h - taken_up
        boxes.append(credit)
    pw, ph = images.placed_size(found, w, h)
    images.check_resolution(found, pw, picture.file, problems, path, line, face.card)
    # Centred across the region and hung from its top, so text below starts at a fixed place.
    boxes.insert(0, ImageBox(x + (w - pw) / 2, y + h - ph, pw, ph, str(found.path), picture.alt))
    return boxes, taken


def _credit(ctx: Ctx, face: Face, text: str, x: float, y: float, w: float, band: bool,
            problems: Problems) -> tuple[TextBox, float]:
    """The picture's credit and the height it takes from the foot of the picture's region
    (none when it fits on the paper just below the band, so the band is all picture)."""
    spec = ctx.spec
    size = spec.size("credit", face.kind)
    line_h = _credit_height(ctx, face)
    where = ctx.where(face.card, "image.credit")
    under = _under_band(ctx, face) if band else None
    if under is not None:
        tried = Problems()
        below = fit(_credit_flow(ctx, face, text, spec.colours.muted), x, under, w, line_h, size,
                    "picture-credit", tried, face.card, "the picture's credit", where)
        if not tried.errors:
            return below, 0.0
    # On the band, in the colour of the band's own text, so it can be read there.
    flow = _credit_flow(ctx, face, text,
                        spec.colours_for(face.kind).on_main if band else spec.colours.muted)
    for lines in range(1, CREDIT_LINES + 1):  # as few lines as it needs
        tried = Problems()
        credit = fit(flow, x, y, w, lines * line_h, size, "picture-credit", tried, face.card,
                     "the picture's credit", where)
        if not tried.errors:
            break
    problems.extend(tried.items)
    return credit, lines * line_h


def _credit_flow(ctx: Ctx, face: Face, credit: str, colour: str) -> Flow:
    """The picture's credit, centred, as the picture above it is, so the two read as one."""
    flow = Flow()
    styles.add_runs(ctx, flow, "credit", "credit", face.kind,
                    (ctx.writer.run(credit, "picture-credit"),), colour=colour, align="center")
    return flow


def _under_band(ctx: Ctx, face: Face) -> float | None:
    """Where a credit line fits between the band and the text (its bottom, points), if it does."""
    spec = ctx.spec
    _, band_y, _, _ = spec.region("band", face.kind)
    _, body_y, _, body_h = spec.region("body", face.kind)
    gap, line_h = band_y - (body_y + body_h), _credit_height(ctx, face)
    return band_y - line_h - (gap - line_h) / 2 if gap >= line_h else None
