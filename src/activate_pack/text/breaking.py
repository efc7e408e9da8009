"""Where lines may break and where characters group into clusters."""

from __future__ import annotations

import re

_AFTER_SPACES = re.compile(" +(?=[^ ])")


def break_opportunities(text: str) -> tuple[int, ...]:
    """Indices where a line may break (before ``text[i]``): after each run of spaces."""
    return tuple(match.end() for match in _AFTER_SPACES.finditer(text) if match.start())


def line_breaks(text: str) -> tuple[int, ...]:
    """The break opportunities that line breaking uses."""
    return break_opportunities(text)


def grapheme_boundaries(text: str) -> tuple[int, ...]:
    """Indices between characters, including 0 and ``len(text)``."""
    return tuple(range(len(text) + 1))
