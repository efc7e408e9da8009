"""Print inks for ``--cmyk``: every layout colour becomes one CMYK mix, the same everywhere.

A layout may name the exact inks for some colours (its ``cmyk:`` table, e.g. body text as 100%
black); other colours are converted through the press's ICC profile (``icc.py``), greys to
black ink only. Pages come back with colours written as ``device-cmyk(c m y k)`` in percent,
which the renderer draws as DeviceCMYK, and small light text gets a one-ink ground
(``knockout.py``). Pictures are checked here, so one that cannot be
converted stops the build before anything is drawn; the renderer converts their pixels.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Mapping

from activate_pack.errors import Problems
from activate_pack.layout.boxes import Box, Code, Icon, ImageBox, Page, Rect, Rule, TextBox
from activate_pack.layout.icc import PictureError, picture_to_press, srgb_to_inks
from activate_pack.layout.knockout import make_safe

Inks = tuple[float, float, float, float]


def inks(colour: str, table: Mapping[str, Inks]) -> Inks:
    """CMYK percentages for a '#RRGGBB' colour: from the table if listed, else through ICC."""
    for key, value in table.items():
        if key.lower() == colour.lower():
            return value
    return srgb_to_inks(colour)


def black_only(values: Inks) -> Inks:
    """The same darkness in black ink alone: an icon's thin lines cannot rely on four plates
    meeting exactly, so they print in one (white stays paper)."""
    c, m, y, k = (v / 100 for v in values)
    # The share of light the four inks would leave, roughly, and black that leaves as much.
    light = (1 - c * 0.75) * (1 - m * 0.75) * (1 - y * 0.6) * (1 - k)
    return (0.0, 0.0, 0.0, round((1 - light) * 100, 1))


def device_cmyk(values: Inks) -> str:
    """The colour notation the renderer reads as DeviceCMYK (percentages)."""
    return "device-cmyk(" + " ".join(f"{v:g}" for v in values) + ")"


class InkConverter:
    """Rewrites pages' colours as inks, keeping shared objects shared.

    Layout gives alike faces the very same boxes (and repeated credit lines the same text box),
    so the renderer can draw them once as forms; converted copies are shared the same way.
    """

    def __init__(self, table: Mapping[str, Inks], root: Path | None = None) -> None:
        self.table = table
        self.root = root
        self.problems = Problems()
        """Pictures that cannot be converted, each named once."""
        self._pictures: set[str] = set()
        self._colours: dict[str, str] = {}
        self._done: dict[int, object] = {}
        self._keep: list[object] = []  # originals stay alive, so their ids are never reused

    def colour(self, value: str) -> str:
        """One colour as inks."""
        if value not in self._colours:
            self._colours[value] = device_cmyk(inks(value, self.table))
        return self._colours[value]

    def page(self, page: Page) -> Page:
        """A page with every box's colours as inks."""
        key = id(page.boxes)
        if key not in self._done:
            self._keep.append(page.boxes)
            inked = replace(page, boxes=tuple(self.box(b) for b in page.boxes))
            self._done[key] = make_safe(inked).boxes  # small text knocked out of one ink only
        return replace(page, boxes=self._done[key])  # type: ignore[arg-type]

    def box(self, box: Box) -> Box:
        """One box with its colours as inks."""
        key = id(box)
        if key in self._done:
            return self._done[key]  # type: ignore[return-value]
        new: Box = box
        if isinstance(box, Rect):
            new = replace(box, fill=box.fill and self.colour(box.fill),
                          stroke=box.stroke and self.colour(box.stroke))
        elif isinstance(box, Rule):
            new = replace(box, colour=self.colour(box.colour))
        elif isinstance(box, TextBox):
            lines = tuple(replace(line, segments=tuple(replace(s, colour=self.colour(s.colour))
                                                       for s in line.segments))
                          for line in box.lines)
            new = replace(box, lines=lines)
        elif isinstance(box, Code):
            new = replace(box, colour=self.colour(box.colour))
        elif isinstance(box, Icon):
            new = replace(box, colour=device_cmyk(black_only(inks(box.colour, self.table))))
        elif isinstance(box, ImageBox):
            self._picture(box.path)
        self._keep.append(box)
        self._done[key] = new
        return new

    def _picture(self, path: str) -> None:
        if path in self._pictures:
            return
        self._pictures.add(path)
        try:
            picture_to_press(path)
        except PictureError as exc:
            shown = _shown(Path(path), self.root)
            self.problems.add(f"the picture {shown} cannot be converted to CMYK for --cmyk: {exc}; "
                              "save it again as an RGB or CMYK JPEG or PNG", shown)


def _shown(path: Path, root: Path | None) -> str:
    """A picture's path as the pack names it (inside the pack), else its file name."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.name
