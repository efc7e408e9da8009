"""A card's picture: placed in the layout's ``image`` region, above the card text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from activate_pack.pack import images
from activate_pack.layout.boxes import Box, ImageBox
from activate_pack.layout.spec import MM

if TYPE_CHECKING:
    from activate_pack.layout.context import AnyCard, Ctx


def card_picture(ctx: Ctx, card: AnyCard) -> tuple[list[Box], float]:
    """The card's picture box (if any) and how many points it takes from the top of the body."""
    spec = ctx.spec
    if card.image is None or not spec.has_region("image", card.kind):
        return [], 0.0
    x, y, w, h = spec.region("image", card.kind)
    _, body_y, _, body_h = spec.region("body", card.kind)
    # The body loses everything from its top down to just below the picture's region.
    taken = max(0.0, body_y + body_h - y + spec.gaps.picture * MM)
    path, line = ctx.where(card.id) or (None, None)
    found, message = images.inspect(Path(ctx.pack.folders.get(card.id, ctx.pack.root)),
                                    card.image.file)
    if found is None:
        ctx.problems.add(message or "image.file: this picture cannot be used", path, line,
                         card=card.id)
        return [], taken
    pw, ph = images.placed_size(found, w, h)
    images.check_resolution(found, pw, card.image.file, ctx.problems, path, line, card.id)
    # Centred across the region and hung from its top, so text below starts at a fixed place.
    box = ImageBox(x + (w - pw) / 2, y + h - ph, pw, ph, str(found.path), card.image.alt)
    return [box], taken
