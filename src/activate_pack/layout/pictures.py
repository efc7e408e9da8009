"""A card's picture: placed in the layout's ``image`` region, above the card text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from activate_pack.errors import Problems
from activate_pack.pack import images
from activate_pack.layout import styles
from activate_pack.layout.boxes import Box, ImageBox
from activate_pack.layout.fit import fit
from activate_pack.text import Flow
from activate_pack.layout.spec import MM

if TYPE_CHECKING:
    from activate_pack.compose.content import Face
    from activate_pack.layout.context import Ctx


SCALES = (1.0, 0.8, 0.65, 0.5)
"""How far a picture's region may shrink, from its top, to leave the card's text room: to half
its height, before the text is asked to be cut."""


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
    x, y, w, h = spec.region("image", face.kind)
    y, h = y + h * (1 - scale), h * scale
    _, body_y, _, body_h = spec.region("body", face.kind)
    # The body loses everything from its top down to just below the picture's region.
    taken = max(0.0, body_y + body_h - y + spec.gaps.picture * MM)
    path, line = ctx.where(face.card) or (None, None)
    found = ctx.pack.pictures.get((picture.folder, picture.file))
    if found is None:  # refused when the pack was loaded, and reported there
        return [], taken
    boxes: list[Box] = []
    if picture.credit:  # its author and licence, at the foot of its region, as CC BY asks
        size = spec.size("credit", face.kind)
        credit_h = size.size * size.leading * 1.4
        flow = Flow()
        styles.add_runs(ctx, flow, "credit", "credit", face.kind,
                        (ctx.writer.run(picture.credit, "picture-credit"),),
                        colour=spec.colours.muted)
        boxes.append(fit(flow, x, y, w, credit_h, size, "picture-credit", problems,
                         face.card, "the picture's credit", (path, line) if path else None))
        y, h = y + credit_h, h - credit_h
    pw, ph = images.placed_size(found, w, h)
    images.check_resolution(found, pw, picture.file, problems, path, line, face.card)
    # Centred across the region and hung from its top, so text below starts at a fixed place.
    boxes.insert(0, ImageBox(x + (w - pw) / 2, y + h - ph, pw, ph, str(found.path), picture.alt))
    return boxes, taken
