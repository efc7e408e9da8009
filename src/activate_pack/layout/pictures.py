"""A card's picture: placed in the layout's ``image`` region, above the card text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from activate_pack.pack import images
from activate_pack.layout.boxes import Box, ImageBox
from activate_pack.layout.spec import MM

if TYPE_CHECKING:
    from activate_pack.compose.content import Face
    from activate_pack.layout.context import Ctx


def card_picture(ctx: Ctx, face: Face) -> tuple[list[Box], float]:
    """The card's picture box (if any) and how many points it takes from the top of the body."""
    spec = ctx.spec
    picture = face.picture.picture if face.picture else None
    if picture is None or not spec.has_region("image", face.kind):
        return [], 0.0
    x, y, w, h = spec.region("image", face.kind)
    _, body_y, _, body_h = spec.region("body", face.kind)
    # The body loses everything from its top down to just below the picture's region.
    taken = max(0.0, body_y + body_h - y + spec.gaps.picture * MM)
    path, line = ctx.where(face.card) or (None, None)
    found = ctx.pack.pictures.get((picture.folder, picture.file))
    if found is None:  # refused when the pack was loaded, and reported there
        return [], taken
    pw, ph = images.placed_size(found, w, h)
    images.check_resolution(found, pw, picture.file, ctx.problems, path, line, face.card)
    # Centred across the region and hung from its top, so text below starts at a fixed place.
    box = ImageBox(x + (w - pw) / 2, y + h - ph, pw, ph, str(found.path), picture.alt)
    return [box], taken
