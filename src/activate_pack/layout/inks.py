"""Print inks for ``--cmyk``: every layout colour becomes one CMYK mix, the same everywhere.

A layout may name the exact inks for some colours (its ``cmyk:`` table, e.g. body text as 100%
black); other colours are converted by one formula that prints greys with black ink only.
Pages come back with colours written as ``device-cmyk(c m y k)`` in percent, which the renderer
draws as DeviceCMYK. Pictures keep their own colours.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from activate_pack.layout.boxes import Box, Page, Rect, Rule, TextBox

Inks = tuple[float, float, float, float]


def inks(colour: str, table: Mapping[str, Inks]) -> Inks:
    """CMYK percentages for a '#RRGGBB' colour: from the table if listed, else converted."""
    for key, value in table.items():
        if key.lower() == colour.lower():
            return value
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 100.0)
    # Grey component replacement: the grey part of a colour is printed with black alone, so
    # greys never turn into a muddy mix of three inks.
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return tuple(round(v * 100, 1) for v in (c, m, y, k))  # type: ignore[return-value]


def device_cmyk(values: Inks) -> str:
    """The colour notation the renderer reads as DeviceCMYK (percentages)."""
    return "device-cmyk(" + " ".join(f"{v:g}" for v in values) + ")"


class InkConverter:
    """Rewrites pages' colours as inks, keeping shared objects shared.

    Layout gives alike faces the very same boxes (and repeated credit lines the same text box),
    so the renderer can draw them once as forms; converted copies are shared the same way.
    """

    def __init__(self, table: Mapping[str, Inks]) -> None:
        self.table = table
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
            self._done[key] = tuple(self.box(b) for b in page.boxes)
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
        self._keep.append(box)
        self._done[key] = new
        return new
