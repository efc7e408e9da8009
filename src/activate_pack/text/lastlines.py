"""Line breaks that read well: no paragraph ends in a lone word, short Polish words stay with
the next, headings that wrap are set in lines of even length.

These change where lines break, never the words: the greedy breaker (text.layouter) chooses
the lines, and this module moves a word from one line to the next where that reads better.
"""

from __future__ import annotations

import re
from typing import Callable, Protocol, Sequence, TypeVar


class Word(Protocol):
    """What a line-breaking word offers here (text.layouter._Word, a frozen dataclass)."""

    @property
    def unit(self) -> float: ...
    @property
    def space_font(self) -> tuple[str, str] | None: ...
    @property
    def space_unit(self) -> float: ...


W = TypeVar("W", bound=Word)
Broken = list[tuple[list[W], float]]

SEPARATORS = frozenset("·•|")
"""Marks that only separate the parts of a line: a word moved to the next line takes one
before it along, so no line starts with one."""

BOUND_AFTER: dict[str, re.Pattern[str]] = {
    # Polish typesetting keeps a one-letter word (a conjunction or preposition) off the end of
    # a line: it is bound to the word after it.
    "pl": re.compile(r"(?:^|(?<=[\s(„\"'\u2018\u201c]))[aiouwzAIOUWZ] (?=\S)"),
}
"""Per language (first part of its tag): short words that never end a line."""


def bound_breaks(text: str, breaks: Sequence[int], lang: str | None) -> Sequence[int]:
    """``breaks`` less those just after a word the language keeps with the next (BOUND_AFTER)."""
    pattern = BOUND_AFTER.get((lang or "").split("-")[0].lower())
    if pattern is None:
        return breaks
    bound = {match.end() for match in pattern.finditer(text)}
    if not bound:
        return breaks
    return [at for at in breaks if at not in bound]


def _tokens(line: list[W]) -> list[list[W]]:
    """A line's words grouped as a reader sees them: runs of words with no space between."""
    groups: list[list[W]] = []
    for index, word in enumerate(line):
        if index and line[index - 1].space_font is None:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def no_lone_word(broken: Broken[W], size: float, avail: float,
                 text_of: Callable[[W], str]) -> Broken[W]:
    """``broken`` with its last line holding more than one word where the line above can give
    one (and keep two), so a paragraph of two lines or more never ends in a lone word."""
    if len(broken) < 2:
        return broken
    last, last_width = broken[-1]
    above, above_width = broken[-2]
    if len(_tokens(last)) != 1 or any(mark in text_of(w) for w in last for mark in "/@"):
        return broken  # a web address on a line of its own is set apart, not left behind
    groups = _tokens(above)
    moved: list[W] = []
    while len(groups) > 2:
        moved = groups.pop() + moved
        if text_of(moved[0]).strip() not in SEPARATORS:
            break
    else:
        return broken
    if len(groups) < 2 or not moved:
        return broken
    kept = [word for group in groups for word in group]
    moved_width = sum(w.unit for w in moved) * size + sum(
        w.space_unit for w in moved[:-1] if w.space_font) * size
    width = moved_width + moved[-1].space_unit * size + last_width
    if width > avail:
        return broken
    kept_width = above_width - moved_width - kept[-1].space_unit * size
    return [*broken[:-2], (kept, kept_width), (moved + last, width)]


def balanced_width(lines_at: Callable[[float], int], avail: float, steps: int = 12) -> float:
    """The narrowest width, down to half of ``avail``, that breaks a heading into no more lines
    than ``avail`` does: its lines come out of even length, not a long one and a short one."""
    wanted = lines_at(avail)
    if wanted < 2:
        return avail
    low, high = avail / 2, avail
    for _ in range(steps):
        middle = (low + high) / 2
        if lines_at(middle) <= wanted:
            high = middle
        else:
            low = middle
    return high
