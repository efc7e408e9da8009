"""Fitting text into boxes: shrink in steps to the minimum size, or say how much to cut."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

from activate_pack.errors import Problems
from activate_pack.layout.boxes import TextBox
from activate_pack.layout.spec import TypeSize
from activate_pack.text import Flow, FlowParagraph, Laid, Layouter

Advice = Callable[[int, int, float], "tuple[str, tuple[str, int | None]] | None"]
"""Words a message about text that does not fit, from the words to cut, the words there are
and the smallest size tried, with the file and line it points at (see layout/sources.py);
None leaves the usual message."""

STEP = 0.5
"""Font sizes are tried in half-point steps."""

def fit(flow: Flow, x: float, y: float, w: float, h: float, size: TypeSize, role: str,
        problems: Problems, card: str | None = None, what: str | None = None,
        where: tuple[str, int | None] | None = None, advise: Advice | None = None,
        cut_from: str | None = None, place: str = "on the card") -> TextBox:
    """Lay ``flow`` in the box (x, y = bottom, w, h) at the largest size that fits.

    If even the minimum size overflows, a problem naming the card, the text and about how many
    words to cut (from the field ``cut_from``, if given) is recorded, and the text is laid at
    the minimum size (the build then fails, so nothing is ever clipped silently). ``place``
    says where the text goes, in the message. ``advise``, for text made from several of the
    volunteer's fields, words the message and says where from (cut, words, size).
    """
    sizes = _sizes(size)
    best = _largest_fit(tuple(flow.items), w, h, tuple(sizes))
    if best is None:
        best = Layouter(flow).lay(sizes[-1], w)
        words = flow.words
        # Lines over the box, turned into words at the text's average words per line: short
        # list items make this an estimate, so the message says "about".
        lines = max(1, len(best.lines))
        over_lines = math.ceil((best.height - h) / (best.height / lines))
        cut = min(words, max(1, math.ceil(over_lines * words / lines)))
        path, line = where if where else (None, None)
        subject = what or role
        advice = f"cut about {cut} word{'s' if cut != 1 else ''} (of {words})"
        if cut_from:
            advice = (f"cut about {cut} word{'s' if cut != 1 else ''} from {cut_from} "
                      f"(the text has {words})")
        message = f"{subject} does not fit {place} even at {sizes[-1]:g} pt; {advice}"
        advised = advise(cut, words, sizes[-1]) if advise is not None else None
        if advised is not None:  # said at the line holding the words, for every card alike
            message, (path, line), card = *advised, None
        problems.add(message, path, line, card=card)
    missing = _missing(tuple(flow.items))
    if missing:
        chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(missing))
        path, line = where if where else (None, None)
        problems.add(f"{what or role}: the bundled fonts have no shape for {chars}; "
                     "replace or remove the character", path, line, card=card)
    return TextBox(x, y + h, w, h, best.size, best.lines, role,
                   tuple(item.tag for item in flow.items))


def fit_or_grow(flow: Flow, x: float, y: float, w: float, h: float, size: TypeSize, role: str,
                problems: Problems, what: str, where: tuple[str, int | None] | None = None,
                spare: float = 0.0, downwards: bool = True,
                advise: Advice | None = None) -> TextBox:
    """``fit``, but text that does not fit even at its smallest size may take up to ``spare``
    points more, below the box (``downwards``) or above it: room the page has, for lines of a
    tall script spaced by their ink. Text that fits stays exactly as ``fit`` places it."""
    found = Problems()
    box = fit(flow, x, y, w, h, size, role, found, None, what, where, advise)
    if found.errors and spare > 0:
        found = Problems()
        box = fit(flow, x, y - spare if downwards else y, w, h + spare, size, role, found,
                  None, what, where, advise)
    problems.extend(found.items)
    return box


@lru_cache(maxsize=4096)
def _missing(items: tuple[FlowParagraph, ...]) -> frozenset[str]:
    """Characters of the flow its fonts lack (cached like the fitting itself)."""
    return frozenset(Flow(list(items)).missing_glyphs())


@lru_cache(maxsize=4096)
def _largest_fit(items: tuple[FlowParagraph, ...], w: float, h: float, sizes: tuple[float, ...]) -> Laid | None:
    """The flow laid at the largest of ``sizes`` that fits in w × h, or None.

    Cached: credit lines, card backs and labels repeat on many pages with the same text.
    """
    layouter = Layouter(Flow(list(items)))
    laid = layouter.lay(sizes[0], w)
    if laid.height <= h + 0.01:  # most text fits at its starting size: one layout pass
        return laid
    # Binary search for the largest size that fits: height grows with size.
    lo, hi = 1, len(sizes) - 1
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        laid = layouter.lay(sizes[mid], w)
        if laid.height <= h + 0.01:
            best, hi = laid, mid - 1
        else:
            lo = mid + 1
    return best


@lru_cache(maxsize=256)
def _sizes(size: TypeSize) -> list[float]:
    sizes = []
    current = size.size
    while current >= size.smallest - 1e-6:
        sizes.append(round(current, 2))
        current -= STEP
    if not sizes or sizes[-1] > size.smallest + 1e-6:
        sizes.append(size.smallest)
    return sizes


def clear_caches() -> None:
    """Forget fitted text kept for reuse (a large pack's layout is done, its memory is wanted)."""
    _largest_fit.cache_clear()
    _missing.cache_clear()
