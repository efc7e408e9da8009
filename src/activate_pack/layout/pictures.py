"""A card's picture: placed in the layout's ``image`` region, above the card text or in its band.

A region above the body takes room from the text, so it shrinks (SCALES) before words are asked
to be cut. A region in the coloured band, beside the title (as the A6 recipe cards have it, for
they say the most), takes no room from the text: the title stops short of it instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from activate_pack.errors import Problems
from activate_pack.pack import images
from activate_pack.layout import styles
from activate_pack.layout.boxes import Box, ImageBox
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


def title_stop(ctx: Ctx, face: Face) -> float | None:
    """Where the label and title must stop across (points), when the picture is in the band."""
    if face.picture is None or face.picture.picture is None or not in_band(ctx.spec, face.kind):
        return None
    x, _, _, _ = ctx.spec.region("image", face.kind)
    return x - ctx.spec.gaps.picture * MM


def card_picture(ctx: Ctx, face: Face, scale: float = 1.0,
                 problems: Problems | None = None) -> tuple[list[Box], float]:
    """The card's picture box (if any) and how many points it takes from the top of the body.

    ``scale`` shrinks the picture's region from its top; problems go to ``problems``.
    """
    spec = ctx.spec
    problems = ctx.problems if problems is None else problems
    picture = face.picture.picture if face.picture else None
    if picture is None or not spec.has_region("image", face.kind):
        return [], 0.0
    band = in_band(spec, face.kind)
    x, y, w, h = spec.region("image", face.kind)
    if not band:
        y, h = y + h * (1 - scale), h * scale
    _, body_y, _, body_h = spec.region("body", face.kind)
    # The body loses everything from its top down to just below the picture's region.
    taken = max(0.0, body_y + body_h - y + spec.gaps.picture * MM)
    path, line = ctx.where(face.card, "image.file") or (None, None)
    found = ctx.pack.pictures.get((picture.folder, picture.file))
    if found is None:  # refused when the pack was loaded, and reported there
        return [], taken
    boxes: list[Box] = []
    if picture.credit:  # its author and licence, at the foot of its region, as CC BY asks
        size = spec.size("credit", face.kind)
        line_h = size.size * size.leading * 1.4
        # On the band, in the colour of the band's own text, so it can be read there.
        colour = spec.colours_for(face.kind).on_main if band else spec.colours.muted
        flow = Flow()
        # Centred, as the picture above it is, so the two read as one.
        styles.add_runs(ctx, flow, "credit", "credit", face.kind,
                        (ctx.writer.run(picture.credit, "picture-credit"),), colour=colour,
                        align="center")
        where = ctx.where(face.card, "image.credit")
        for lines in range(1, CREDIT_LINES + 1):  # as few lines as it needs: the rest is picture
            tried = Problems()
            credit = fit(flow, x, y, w, lines * line_h, size, "picture-credit", tried,
                         face.card, "the picture's credit", where)
            if not tried.errors:
                break
        problems.extend(tried.items)
        boxes.append(credit)
        y, h = y + lines * line_h, h - lines * line_h
    pw, ph = images.placed_size(found, w, h)
    images.check_resolution(found, pw, picture.file, problems, path, line, face.card)
    # Centred across the region and hung from its top, so text below starts at a fixed place.
    boxes.insert(0, ImageBox(x + (w - pw) / 2, y + h - ph, pw, ph, str(found.path), picture.alt))
    return boxes, taken
