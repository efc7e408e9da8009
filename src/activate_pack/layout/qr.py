"""A card back's QR code: the web address of the card's page, as modules in a layout region.

The code sits on a paper-white square (a QR code needs light round it: four modules, the
"quiet zone" of ISO/IEC 18004) and its dark modules are in the text colour, which prints in
black ink only. It is encoded at error-correction level M, so a scuffed or folded card still
scans. The layout's ``code`` region says where it goes; without one, backs have no code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from activate_pack.layout.boxes import Box, Code, Rect
from activate_pack.layout.spec import MM

if TYPE_CHECKING:
    from activate_pack.compose.content import Face
    from activate_pack.layout.context import Ctx

QUIET = 4
"""Light modules round the code on each side."""

SMALLEST_MODULE = 0.3 * MM
"""Below this a phone held over a card struggles to read the code."""


@lru_cache(maxsize=4096)
def modules(text: str) -> tuple[str, ...]:
    """The QR code for ``text``: rows of '1' (dark) and '0' (light), top row first.

    Choosing the best of the eight masks takes ReportLab's encoder about 30 ms a code, so each
    address is encoded once however many outputs (screen, home, shop) print it.
    """
    # Imported here: ReportLab's barcode package loads its drawing and platypus modules, a
    # third of a second that a pack without a site_url (no codes to print) need not wait.
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    return tuple("".join("1" if code.isDark(row, col) else "0" for col in range(count))
                 for row in range(count))


def place_code(ctx: Ctx, face: Face, kind: str) -> list[Box]:
    """The boxes of a face's QR code in the ``code`` region: none without an address or region."""
    if not face.address or not ctx.spec.has_region("code", kind):
        return []
    x, y, w, h = ctx.spec.region("code", kind)
    side = min(w, h)
    x, y = x + (w - side) / 2, y + (h - side) / 2
    rows = modules(face.address)
    module = side / (len(rows) + 2 * QUIET)
    if module < SMALLEST_MODULE and not ctx.code_warned:
        ctx.code_warned = True
        ctx.problems.add(
            f"the web address {face.address} is too long for a QR code that phones can read "
            f"on this card ({module / MM:.2f} mm squares, {SMALLEST_MODULE / MM:g} mm at "
            "least); give a shorter site_url, or a larger 'code' region in the layout",
            "content/pack.yaml", card=face.card, severity="warning")
    alt = "".join(run.text for run in face.extra.get("code", ()))
    pad = QUIET * module
    return [Rect(x, y, side, side, fill=ctx.spec.colours.paper, radius=min(module * 2, 1 * MM)),
            Code(x + pad, y + pad, side - 2 * pad, rows, ctx.spec.colours.text, face.address, alt)]
