"""Icons drawn as vector paths on a ReportLab canvas, stroked as their icon set draws them."""

from __future__ import annotations

from typing import Any, Callable

from activate_pack.layout.boxes import Icon
from activate_pack.layout.iconset import Shape, icon

_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


def draw_icon(canvas: Any, box: Icon, dx: float, dy: float,
              colour_of: Callable[[str], Any]) -> None:
    """Draw ``box``'s icon into its square, offset by (dx, dy), in its colour.

    ``colour_of`` turns a layout colour ('#RRGGBB' or the inks of ``--cmyk``) into ReportLab's.
    The icon keeps its proportions and is centred in the box; its lines scale with it, so a
    larger icon has the same look as a small one. Each icon in each colour is drawn once per
    document, as a form that every page showing it reuses: smaller files, the same marks.
    """
    forms: dict[tuple[str, str], str] = canvas.__dict__.setdefault("_icon_forms", {})
    key = (box.name, box.colour)
    if key not in forms:
        forms[key] = f"Icon{len(forms)}"
        # A unit square, with room for the round ends of lines that reach the icon's edge.
        canvas.beginForm(forms[key], -0.1, -0.1, 1.1, 1.1)
        _draw_unit(canvas, icon(box.name), colour_of(box.colour))
        canvas.endForm()
    size = min(box.w, box.h)
    canvas.saveState()
    canvas.translate(box.x + dx + (box.w - size) / 2, box.y + dy + (box.h - size) / 2)
    canvas.scale(size, size)
    canvas.doForm(forms[key])
    canvas.restoreState()


def _draw_unit(canvas: Any, shape: Shape, colour: Any) -> None:
    """The icon in a 1 × 1 square, centred, in ``colour``."""
    vx, vy, vw, vh = shape.view
    scale = 1 / max(vw, vh)
    canvas.saveState()
    # SVG counts y downwards from the top: the page's y runs upwards from the bottom.
    canvas.translate((1 - vw * scale) / 2, 1 - (1 - vh * scale) / 2)
    canvas.scale(scale, -scale)
    canvas.translate(-vx, -vy)
    path = _path(canvas, shape)
    if shape.filled:
        canvas.setFillColor(colour)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=1)
    else:
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(shape.stroke_width)
        canvas.setLineCap(_CAPS.get(shape.cap, 1))
        canvas.setLineJoin(_JOINS.get(shape.join, 1))
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _path(canvas: Any, shape: Shape) -> Any:
    """The icon's outlines as one ReportLab path."""
    path = canvas.beginPath()
    for outline in shape.outlines:
        for op, v in outline:
            if op == "M":
                path.moveTo(*v)
            elif op == "L":
                path.lineTo(*v)
            elif op == "C":
                path.curveTo(*v)
            else:
                path.close()
    return path
