"""Icons on card faces: which one stands for a card, and where it goes.

The layout's ``icons:`` section names an icon for each card kind, workshop phase and asset
type (so an adaptation changes an icon by naming another) and says where icons go: at the
start of a card front's kind label, and above the words on a card back. Layouts are written
start-on-the-left, so in a right-to-left language the mirrored page puts the icon on the
right, where reading starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from activate_pack.layout.boxes import Box, Icon, TextBox
from activate_pack.layout.spec import MM, LayoutSpec

if TYPE_CHECKING:
    from activate_pack.layout.context import AnyCard


def icon_name(spec: LayoutSpec, kind: str, card: AnyCard | None = None) -> str | None:
    """The icon that stands for a card: its phase's or asset type's, else its kind's."""
    icons = spec.icons
    phase = getattr(card, "phase", None)
    if phase is not None and phase in icons.phases:
        return icons.phases[phase]
    asset = getattr(card, "asset_type", None)
    if asset is not None and asset in icons.asset_types:
        return icons.asset_types[asset]
    return icons.kinds.get(kind)


def label_room(spec: LayoutSpec, kind: str) -> float:
    """How far (points) a card front's kind label moves along to make room for its icon."""
    if spec.icons.label <= 0 or kind not in spec.icons.kinds:
        return 0.0
    return (spec.icons.label + spec.icons.gap) * MM


def label_icon(spec: LayoutSpec, kind: str, label: TextBox, colour: str) -> list[Box]:
    """The kind's icon at the start of its label, centred on the label's capitals."""
    name = spec.icons.kinds.get(kind)
    if name is None or spec.icons.label <= 0:
        return []
    size = spec.icons.label * MM
    x = label.x - label_room(spec, kind)
    if label.lines:
        # The middle of the capitals: cap height is about 0.7 of the size in the bundled fonts.
        middle = label.top - label.lines[0].y + 0.35 * label.size
    else:
        rx, ry, rw, rh = spec.region("label", kind)
        middle = ry + rh / 2
    return [Icon(x, middle - size / 2, size, size, name, colour)]


def back_icon(spec: LayoutSpec, kind: str, card: AnyCard | None, colour: str) -> list[Box]:
    """The icon on a card back: the card's phase, asset type or kind, in the back's region."""
    name = icon_name(spec, kind, card)
    if name is None or spec.icons.back is None:
        return []
    x, y, w, h = spec.icons.back
    return [Icon(x * MM, spec.height - (y + h) * MM, w * MM, h * MM, name, colour)]

