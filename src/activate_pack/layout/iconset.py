"""The bundled icons (Lucide, see ``icons/SOURCES.md``): read safely and made into plain outlines.

An icon file is SVG, and SVG is XML, which can declare entities that expand without end or
reach for other files. So the files are read with a restricted parser: a document type, an
entity or a processing instruction stops it, and only the elements a stroked icon set uses
(``path``, ``circle``, ``ellipse``, ``rect``, ``line``, ``polyline``, ``polygon`` and
ungrouping ``g``) are accepted. What comes out is numbers only: outlines of moves, lines and
cubic curves in the icon's own units, which the PDF renderer draws as paths and the HTML
edition writes back as SVG path data, so no text from a file ever reaches an output.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterator
from xml.parsers import expat

from activate_pack.layout.svgpath import IconError, Op, numbers as _numbers, path_outlines

ICON_DIR = Path(str(files("activate_pack"))) / "icons"
"""The bundled icons, one SVG file per name, with their licence and sources."""

MAX_BYTES = 32_000
"""Larger than any icon of the sets we use: a bigger file is not an icon."""
MAX_POINTS = 4_000
"""Coordinates an icon may have, so a crafted one cannot make every page slow to draw."""

__all__ = ["ICON_DIR", "IconError", "Op", "Shape", "icon", "names", "parse", "path_data",
           "unknown_icon"]


@dataclass(frozen=True, slots=True)
class Shape:
    """One icon: its outlines in its own units (y downwards, as in SVG) and how they are drawn."""

    name: str
    view: tuple[float, float, float, float]
    """The viewBox: x, y, width, height."""
    outlines: tuple[tuple[Op, ...], ...]
    stroke_width: float
    cap: str
    join: str
    filled: bool
    """True for an icon drawn as filled shapes rather than lines."""


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """The names of the bundled icons, sorted (read once: layouts check every name they use)."""
    return tuple(sorted(p.stem for p in ICON_DIR.glob("*.svg")))


def unknown_icon(name: str) -> str | None:
    """What is wrong with an icon name (a message), or None if it is a bundled icon."""
    from activate_pack.errors import nearest

    known = names()
    if name in known:
        return None
    close = nearest(name, list(known))
    hint = f"did you mean '{close}'? " if close else ""
    return (f"there is no icon called '{name}'; {hint}the icons are: {', '.join(known)} "
            "(icons/SOURCES.md says where they come from)")


@lru_cache(maxsize=64)
def icon(name: str) -> Shape:
    """The bundled icon called ``name``, read once per process."""
    if name not in names():
        raise IconError(unknown_icon(name) or name)
    return parse(name, (ICON_DIR / f"{name}.svg").read_bytes())


_ALLOWED = frozenset({"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline",
                      "polygon", "title", "desc"})
_SVG_NS = "http://www.w3.org/2000/svg"


def parse(name: str, data: bytes) -> Shape:
    """An icon from SVG bytes, read with no document type, entities or foreign elements."""
    if len(data) > MAX_BYTES:
        raise IconError(f"the file is {len(data)} bytes; an icon is at most {MAX_BYTES}")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    elements: list[tuple[str, dict[str, str]]] = []

    def refuse(*_: object) -> None:
        raise IconError("the file declares a document type, entities or processing "
                        "instructions; an icon is plain SVG without them")

    def start(tag: str, attrs: dict[str, str]) -> None:
        space, _, local = tag.rpartition(" ")
        if space not in ("", _SVG_NS) or local not in _ALLOWED:
            raise IconError(f"<{local}> is not one of the elements an icon may use "
                            f"({', '.join(sorted(_ALLOWED))})")
        if "transform" in attrs:
            raise IconError(f"<{local}> has a transform; the icon sets we use have none")
        elements.append((local, attrs))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ProcessingInstructionHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise IconError(f"not well-formed SVG: {exc}") from None
    if not elements or elements[0][0] != "svg":
        raise IconError("the file is not an SVG drawing")
    root = elements[0][1]
    view = _numbers(root.get("viewBox", "0 0 24 24"))
    if len(view) != 4 or view[2] <= 0 or view[3] <= 0:
        raise IconError("the viewBox is not four numbers with a width and height")
    outlines = tuple(o for local, attrs in elements[1:] for o in _outlines(local, attrs) if o)
    if sum(len(step[1]) for outline in outlines for step in outline) > MAX_POINTS:
        raise IconError(f"the drawing has more than {MAX_POINTS} coordinates")
    fill = root.get("fill", "black")
    return Shape(name, (view[0], view[1], view[2], view[3]), outlines,
                 float(_numbers(root.get("stroke-width", "2"))[0] if fill == "none" else 0),
                 root.get("stroke-linecap", "round"), root.get("stroke-linejoin", "round"),
                 fill != "none")


def _outlines(local: str, a: dict[str, str]) -> Iterator[tuple[Op, ...]]:
    """The outlines of one element, as moves, lines and curves."""
    def num(key: str) -> float:
        values = _numbers(a.get(key, "0"))
        return values[0] if values else 0.0

    if local == "path":
        yield from path_outlines(a.get("d", ""))
    elif local in ("circle", "ellipse"):
        rx = num("r") if local == "circle" else num("rx")
        ry = num("r") if local == "circle" else num("ry")
        yield _ellipse(num("cx"), num("cy"), rx, ry)
    elif local == "rect":
        yield _rect(num("x"), num("y"), num("width"), num("height"), num("rx") or num("ry"),
                    num("ry") or num("rx"))
    elif local == "line":
        yield (("M", (num("x1"), num("y1"))), ("L", (num("x2"), num("y2"))))
    elif local in ("polyline", "polygon"):
        values = _numbers(a.get("points", ""))
        points = [(values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
        if points:
            steps: list[Op] = [("M", points[0]), *(("L", p) for p in points[1:])]
            yield tuple(steps + [("Z", ())] if local == "polygon" else steps)


_KAPPA = 0.5522847498
"""How far a cubic curve's handles reach along a quarter circle of radius 1."""


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> tuple[Op, ...]:
    if rx <= 0 or ry <= 0:
        return ()
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return (("M", (cx + rx, cy)),
            ("C", (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry)),
            ("C", (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy)),
            ("C", (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry)),
            ("C", (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy)), ("Z", ()))


def _rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> tuple[Op, ...]:
    if w <= 0 or h <= 0:
        return ()
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return (("M", (x, y)), ("L", (x + w, y)), ("L", (x + w, y + h)), ("L", (x, y + h)),
                ("Z", ()))
    kx, ky = rx * (1 - _KAPPA), ry * (1 - _KAPPA)
    return (("M", (x + rx, y)), ("L", (x + w - rx, y)),
            ("C", (x + w - kx, y, x + w, y + ky, x + w, y + ry)), ("L", (x + w, y + h - ry)),
            ("C", (x + w, y + h - ky, x + w - kx, y + h, x + w - rx, y + h)),
            ("L", (x + rx, y + h)), ("C", (x + kx, y + h, x, y + h - ky, x, y + h - ry)),
            ("L", (x, y + ry)), ("C", (x, y + ky, x + kx, y, x + rx, y)), ("Z", ()))


def path_data(shape: Shape) -> str:
    """The icon's outlines as SVG path data (absolute M, L, C and Z), for the HTML edition."""
    return "".join(op + " ".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in values)
                   for outline in shape.outlines for op, values in outline)

