"""Print-safe small text for ``--cmyk``: nothing under 8 pt knocked out of more than one ink.

Light text on a colour is paper left unprinted in every ink of that colour. On a press the
plates never line up exactly, so where the colour takes three inks, one of them creeps into
small letters and fills them in. Text of 8 pt and more survives that; smaller text (the 6 pt
credit line on the back of every card) is given a strip of black ink alone behind it, as
light as the colour it sits on, so it is knocked out of that one ink only. The screen build
is untouched: this runs on pages whose colours are inks already (``inks.py``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from activate_pack.layout.boxes import Box, Page, Rect, TextBox
from activate_pack.layout.icc import black_matching
from activate_pack.layout.spec import MM

SMALL = 8.0
"""Text below this size (points) may be knocked out of one ink at most."""

PAD = 0.8 * MM
"""How far the strip reaches above and below the text's lines."""

Inks = tuple[float, float, float, float]


def parse(colour: str) -> Inks | None:
    """The percentages of a 'device-cmyk(c m y k)' colour, or None for any other notation."""
    if not colour.startswith("device-cmyk("):
        return None
    c, m, y, k = (float(v) for v in colour[12:-1].split())
    return (c, m, y, k)


def knocked_out(text: Inks, ground: Inks) -> int:
    """How many of the ground's inks the text leaves out (holes in that many plates)."""
    return sum(1 for t, g in zip(text, ground) if g - t > 0.5)


def extent(box: TextBox) -> tuple[float, float, float, float]:
    """Where a text box's lines are: left, bottom, right, top in points."""
    return box.x, box.top - box.used_height, box.x + box.w, box.top


def ground_under(boxes: Sequence[Box], index: int) -> Rect | None:
    """The last filled rectangle drawn before ``boxes[index]`` that holds all of its text."""
    box = boxes[index]
    assert isinstance(box, TextBox)
    left, bottom, right, top = extent(box)
    for below in reversed(boxes[:index]):
        if isinstance(below, Rect) and below.fill and not below.radius \
                and below.x <= left + 0.01 and below.x + below.w >= right - 0.01 \
                and below.y <= bottom + 0.01 and below.y + below.h >= top - 0.01:
            return below
    return None


def worst_knockout(box: TextBox, ground: Inks) -> int:
    """The most inks any small segment of ``box`` is knocked out of."""
    worst = 0
    for line in box.lines:
        for seg in line.segments:
            inks = parse(seg.colour)
            if seg.size < SMALL and inks is not None:
                worst = max(worst, knocked_out(inks, ground))
    return worst


def make_safe(page: Page) -> Page:
    """The page with a one-ink strip behind each small text knocked out of several inks."""
    boxes = list(page.boxes)
    out: list[Box] = []
    changed = False
    for index, box in enumerate(boxes):
        if isinstance(box, TextBox):
            ground = ground_under(boxes, index)
            inks = parse(ground.fill) if ground is not None and ground.fill else None
            if ground is not None and inks is not None and worst_knockout(box, inks) > 1:
                out.append(_strip(box, ground, inks))
                changed = True
        out.append(box)
    return replace(page, boxes=tuple(out)) if changed else page


def _strip(box: TextBox, ground: Rect, inks: Inks) -> Rect:
    """Black ink alone, as light as the ground, across the ground behind the text's lines."""
    _, bottom, _, top = extent(box)
    black = black_matching(inks)
    # Across the whole ground, so it reads as a band of the design rather than a patch; it
    # runs into the bleed where the ground does.
    return Rect(ground.x, bottom - PAD, ground.w, top - bottom + 2 * PAD,
                fill=f"device-cmyk(0 0 0 {black:g})", bleed=ground.bleed)
