"""The pack's logo: found safely, then placed in proportion in a layout region.

The layout says where the logo may go (a ``logo`` region on card backs and the A4 cover, an
``about_logo`` region in the band of the A6 "about this pack" card); the page it is on says
which edge of the region it keeps to, so it lines up with that page's text. On a coloured page the logo sits
on a white rounded panel: logos are drawn for white paper, and a dark mark on a dark colour
would all but vanish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from activate_pack.pack.sources import images
from activate_pack.layout.boxes import Box, ImageBox, Rect
from activate_pack.layout.spec import MM

if TYPE_CHECKING:
    from activate_pack.compose.content import Block
    from activate_pack.layout.context import Ctx

Align = Literal["left", "centre", "right"]
Area = tuple[float, float, float, float]
VAlign = Literal["top", "middle", "bottom"]


def find_logo(ctx: Ctx) -> images.ImageFile | None:
    """The pack's logo file, checked once per document, so a problem is reported once."""
    if ctx.logo_checked:
        return ctx.logo_file
    ctx.logo_checked = True
    logo = ctx.pack.logo
    if logo is None:
        return None
    # Inspected when the pack was loaded, inside the content/ folder of the pack that set it.
    found = ctx.pack.pictures.get((logo.folder, logo.image.file))
    ctx.logo_file = found
    return found


def place_logo(ctx: Ctx, logo: Block | None, region: str, kind: str | None,
               align: Align = "centre", valign: VAlign = "middle",
               panel: bool = False) -> tuple[list[Box], Area | None]:
    """The logo's boxes in a region, and the area they cover (x, y, w, h in points).

    Nothing without a logo, or where the layout has no such region.
    """
    found = find_logo(ctx) if logo is not None and logo.picture is not None else None
    if found is None or not ctx.spec.has_region(region, kind):
        return [], None
    x, y, w, h = ctx.spec.region(region, kind)
    pad = h * ctx.spec.gaps.logo_pad if panel else 0.0
    pw, ph = images.placed_size(found, w - 2 * pad, h - 2 * pad)
    ctx.logo_widths.append(pw)
    # The outer box (the panel, or the logo itself) keeps to the region's chosen edges.
    ow, oh = pw + 2 * pad, ph + 2 * pad
    ox = {"left": x, "centre": x + (w - ow) / 2, "right": x + w - ow}[align]
    oy = {"top": y + h - oh, "middle": y + (h - oh) / 2, "bottom": y}[valign]
    boxes: list[Box] = []
    if panel:
        boxes.append(Rect(ox, oy, ow, oh, fill=ctx.spec.colours.paper,
                          radius=min(pad, ctx.spec.gaps.logo_radius * MM)))
    alt = logo.picture.alt if logo is not None and logo.picture is not None else None
    boxes.append(ImageBox(ox + pad, oy + pad, pw, ph, str(found.path), alt))
    return boxes, (ox, oy, ow, oh)


def check_print_size(ctx: Ctx) -> None:
    """Warn once per document if the logo has too few pixels where it is printed largest."""
    logo = ctx.pack.logo
    if logo is None or ctx.logo_file is None or not ctx.logo_widths:
        return
    images.check_resolution(ctx.logo_file, max(ctx.logo_widths), logo.image.file, ctx.problems,
                            logo.location.path, logo.location.line, None, field="logo.file")
