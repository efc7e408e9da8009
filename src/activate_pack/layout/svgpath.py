"""SVG path data (the ``d`` of a ``<path>``) as absolute moves, lines and cubic curves.

PDF paths know only straight lines and cubic curves, so relative commands become absolute,
horizontal and vertical lines become lines, quadratic curves become the cubic curves they
equal, and elliptical arcs (which the icon sets use for every rounded corner) become at most
four cubic curves each, one per quarter turn or less.
"""

from __future__ import annotations

import math
import re
from typing import Iterator

Point = tuple[float, float]
Op = tuple[str, tuple[float, ...]]
"""One step of an outline: ('M', (x, y)), ('L', (x, y)), ('C', (x1, y1, x2, y2, x, y)) or
('Z', ())."""


class IconError(ValueError):
    """An icon file that cannot be read as a plain stroked icon."""


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"\s*,?\s*([MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
LIMIT = 1e5
"""No coordinate of an icon is this large: a larger one is a mistake or a trap."""


def numbers(text: str) -> list[float]:
    """The numbers in an attribute's value, each within ±LIMIT."""
    found = [float(n) for n in _NUMBER.findall(text)]
    if any(not math.isfinite(v) or abs(v) > LIMIT for v in found):
        raise IconError("a coordinate is out of range")
    return found


def _tokens(d: str) -> list[str | float]:
    """Commands and numbers; an arc's two flags may be written together ('a2 2 0 01 4 4')."""
    out: list[str | float] = []
    pos, command, count = 0, "", 0
    while pos < len(d):
        if d[pos:].strip(" \t\r\n,") == "":
            break
        # An arc's 4th and 5th arguments are single-digit flags, which need no separator.
        if command in "Aa" and count % 7 in (3, 4):
            match = re.compile(r"\s*,?\s*([01])").match(d, pos)
        else:
            match = _TOKEN.match(d, pos)
        if match is None:
            raise IconError(f"path data cannot be read at '{d[pos:pos + 12].strip()}'")
        text = match.group(1)
        pos = match.end()
        if text.isalpha():
            command, count = text, 0
            out.append(text)
        else:
            value = float(text)
            if not math.isfinite(value) or abs(value) > LIMIT:
                raise IconError("a coordinate is out of range")
            out.append(value)
            count += 1
    return out


def path_outlines(d: str) -> Iterator[tuple[Op, ...]]:
    """The outlines (one per subpath) that path data ``d`` draws, in absolute coordinates."""
    outline: list[Op] = []
    x = y = sx = sy = 0.0
    handles: tuple[Point | None, Point | None] = (None, None)  # the previous curve's, for S, T
    for upper, rel, v in _commands(d):
        if rel and upper not in ("H", "V", "A", "Z"):
            v = [n + (x if i % 2 == 0 else y) for i, n in enumerate(v)]
        if upper == "M":
            if len(outline) > 1:
                yield tuple(outline)
            x, y = sx, sy = v[0], v[1]
            outline = [("M", (x, y))]
            handles = (None, None)
        elif upper == "Z":
            if outline:
                outline.append(("Z", ()))
            x, y = sx, sy
            yield tuple(outline)
            outline = [("M", (x, y))]
            handles = (None, None)
        else:
            if not outline:
                outline = [("M", (x, y))]
            ops, (x, y), handles = _segment(upper, rel, v, x, y, *handles)
            outline += ops
    if len(outline) > 1:
        yield tuple(outline)


def _commands(d: str) -> Iterator[tuple[str, bool, list[float]]]:
    """Each command of path data ``d``: its letter in upper case, whether it is relative, and
    its numbers. A command's letter may be left out when it repeats."""
    tokens = _tokens(d)
    index = 0
    command = ""
    while index < len(tokens):
        token = tokens[index]
        if isinstance(token, str):
            command = token
            index += 1
        elif not command or command in "Zz":
            raise IconError("path data has numbers without a command before them")
        upper = command.upper()
        need = _ARGS[upper]
        args = tokens[index:index + need]
        if len(args) < need or any(isinstance(a, str) for a in args):
            raise IconError(f"path data: '{command}' needs {need} numbers")
        index += need
        if upper == "Z" and index < len(tokens) and not isinstance(tokens[index], str):
            raise IconError("path data has numbers after 'Z'")
        yield upper, command != upper, [float(a) for a in args]
        if upper == "M":
            command = "L" if command == upper else "l"  # further pairs after a move are lines


def _segment(upper: str, rel: bool, v: list[float], x: float, y: float,
             last_c: Point | None, last_q: Point | None
             ) -> tuple[list[Op], Point, tuple[Point | None, Point | None]]:
    """One line, curve or arc from (x, y) as outline steps, the point it ends at, and the
    handles (cubic, quadratic) a following S or T reflects."""
    if upper in ("L", "H", "V"):
        nx = (v[0] + (x if rel else 0)) if upper == "H" else x if upper == "V" else v[0]
        ny = (v[0] + (y if rel else 0)) if upper == "V" else y if upper == "H" else v[1]
        return [("L", (nx, ny))], (nx, ny), (None, None)
    if upper in ("C", "S"):
        if upper == "S":
            h1 = (2 * x - last_c[0], 2 * y - last_c[1]) if last_c else (x, y)
            v = [*h1, *v]
        return [("C", tuple(v))], (v[4], v[5]), ((v[2], v[3]), None)
    if upper in ("Q", "T"):
        if upper == "T":
            q = (2 * x - last_q[0], 2 * y - last_q[1]) if last_q else (x, y)
            v = [*q, *v]
        qx, qy, ex, ey = v
        return ([("C", (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y),
                        ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey))],
                (ex, ey), (None, (qx, qy)))
    # A: an elliptical arc
    ex, ey = (v[5] + x, v[6] + y) if rel else (v[5], v[6])
    return arc(x, y, v[0], v[1], v[2], v[3] != 0, v[4] != 0, ex, ey), (ex, ey), (None, None)


def arc(x1: float, y1: float, rx: float, ry: float, angle: float, large: bool, sweep: bool,
        x2: float, y2: float) -> list[Op]:
    """An SVG elliptical arc from (x1, y1) to (x2, y2) as cubic curves (SVG 1.1, F.6.5)."""
    if (x1, y1) == (x2, y2):
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [("L", (x2, y2))]
    phi = math.radians(angle % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    px, py = cos * dx + sin * dy, -sin * dx + cos * dy
    scale = px * px / (rx * rx) + py * py / (ry * ry)
    if scale > 1:  # radii too small for the endpoints: grown just enough, as SVG says
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx * rx * ry * ry - rx * rx * py * py - ry * ry * px * px
    den = rx * rx * py * py + ry * ry * px * px
    root = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        root = -root
    cxp, cyp = root * rx * py / ry, -root * ry * px / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2
    start = math.atan2((py - cyp) / ry, (px - cxp) / rx)
    end = math.atan2((-py - cyp) / ry, (-px - cxp) / rx)
    delta = end - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    k = 4 / 3 * math.tan(step / 4)
    ops: list[Op] = []

    def point(t: float) -> tuple[float, float]:
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        return cx + cos * ex - sin * ey, cy + sin * ex + cos * ey

    def tangent(t: float) -> tuple[float, float]:
        ex, ey = -rx * math.sin(t), ry * math.cos(t)
        return cos * ex - sin * ey, sin * ex + cos * ey

    t = start
    for index in range(pieces):
        t2 = t + step
        (ax, ay), (bx, by) = point(t), point(t2)
        (tax, tay), (tbx, tby) = tangent(t), tangent(t2)
        if index == pieces - 1:
            bx, by = x2, y2  # end exactly where the path says
        ops.append(("C", (ax + k * tax, ay + k * tay, bx - k * tbx, by - k * tby, bx, by)))
        t = t2
    return ops
