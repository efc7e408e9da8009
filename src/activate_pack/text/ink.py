"""Where a line's ink really is, so that lines of tall scripts are spaced apart by it.

A font's declared ascent and descent say little about Nastaliq: its letters cascade down to
the left, marks stack above and below, and a word's ink can reach well past both. Spacing
lines by a multiple of the size either wastes room or lets a descender of one line run into a
tall letter of the next. So each shaped word keeps boxes of its ink from HarfBuzz's glyph
extents, and two lines are set at least as far apart as the ink of the lower line rising
above its baseline, plus the ink of the upper line sinking below its own, wherever the two
lie one over the other, plus a little clearance: where the leading gives less room.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from activate_pack.text.lines import Segment
from activate_pack.text.shaping import char_ink

CLEARANCE = 0.08
"""White kept between the ink of two lines, and beside it, as a fraction of the size."""
LEAST_CLEARANCE = 0.6
"""The least of that white, in points, whatever the size: most of a pixel at 100 dpi."""


def clearance(size: float) -> float:
    """The white kept between the ink of two lines of text ``size`` points high."""
    return max(CLEARANCE * size, LEAST_CLEARANCE)


@lru_cache(maxsize=8192)
def _plain_ink(text: str, font: str) -> tuple[float, float] | None:
    """How far the ink of unshaped (Latin) text rises and sinks at size 1, from its glyphs."""
    found = [ink for char in set(text) if (ink := char_ink(font, char)) is not None]
    return (max(i[0] for i in found), min(i[1] for i in found)) if found else None


def extent(segments: Sequence[Segment]) -> tuple[float, float]:
    """How far a line's ink rises above its baseline and sinks below it, in points."""
    rise, sink = 0.0, 0.0
    for seg in segments:
        if seg.parts is None:
            ink = _plain_ink(seg.text, seg.font)
            top, bottom = ink if ink is not None else (0.0, 0.0)
        else:
            top = max([one.top for _, one in seg.parts])
            bottom = min([one.bottom for _, one in seg.parts])
        rise, sink = max(rise, top * seg.size), min(sink, bottom * seg.size)
    return rise, sink


def _boxes(segments: Sequence[Segment], limit: float, pad: float,
           tall: bool) -> list[tuple[float, float, float]]:
    """The ink boxes of a line that rise above ``limit`` (``tall``) or sink below it, in
    points, as (left, right, how far up or down), widened by ``pad`` on either side. A word
    whose ink stays within the limit is passed over at once."""
    found = []
    side = 2 if tall else 3
    sign = 1.0 if tall else -1.0  # compare as heights above the limit either way
    for seg in segments:
        size = seg.size
        edge = sign * limit / size  # the limit at size 1
        if seg.parts is None:
            ink = _plain_ink(seg.text, seg.font)
            if ink is not None and sign * ink[side - 2] > edge:
                found.append((seg.x - pad, seg.x + seg.width + pad, ink[side - 2] * size))
            continue
        x = seg.x
        for _, one in seg.parts:
            if sign * (one.top if tall else one.bottom) > edge:
                found.extend([(x + box[0] * size - pad, x + box[1] * size + pad,
                               box[side] * size) for box in one.ink if sign * box[side] > edge])
            x += one.width * size
    return found


def spacing(upper: Sequence[Segment], lower: Sequence[Segment], step: float,
            clearance: float, sink: float, rise: float) -> float:
    """The baseline distance from ``upper`` to ``lower``: ``step``, or more where the ink of
    ``lower`` would come within ``clearance`` of the ink of ``upper`` above it. ``sink`` is
    how deep the upper line's ink goes, ``rise`` how high the lower line's reaches
    (``extent``).

    Only ink that could come that near is looked at: boxes of the lower line that rise higher
    than ``step`` allows above the upper line's deepest ink, and of the upper line that sink
    lower than ``step`` allows above the lower line's highest; a line has few of either.
    """
    room = step - clearance  # the ink of the two lines may reach this far together
    if rise - sink <= room:
        return step
    tall = _boxes(lower, room + sink, clearance / 2, True)
    deep = _boxes(upper, rise - room, clearance / 2, False)
    needed = step
    for left, right, top in tall:
        for other_left, other_right, bottom in deep:
            if other_left < right and left < other_right and top - bottom + clearance > needed:
                needed = top - bottom + clearance
    return needed
