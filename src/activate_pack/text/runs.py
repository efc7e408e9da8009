"""An item's text as stretches of one font and script: itemising runs for the layouter.

Latin text keeps its runs' fonts (the fast path); other scripts are itemised and each script
run takes the family the font table gives it in the item's language. A common character that
a script's font lacks (such as '·', or Naskh's brackets) borrows the Latin font, and a danda
after a Latin name borrows its script's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from activate_pack.text.fonts import font_name, missing_glyphs, script_family
from activate_pack.text.scripts import (COMMON, direction, is_plain, itemise, paragraph_direction,
                                        script_of)

Span = tuple[int, int, str, str]
"""A stretch of an item's text in one font and script: (start, end, font name, script)."""

_SPACES = re.compile(" {2,}")


@lru_cache(maxsize=4096)
def font_spans(item: Any) -> tuple[str, tuple[Span, ...]]:
    """The text of an item (text.lines.FlowParagraph), with each stretch's font and script.

    Latin text keeps its runs' fonts; other scripts are itemised, and each script run takes the
    family the font table gives its script (in the item's language). An item is measured,
    checked for missing glyphs and laid out: it is itemised once, and the answer kept.
    """
    text, spans = _runs(item)
    if is_plain(text):
        return text, tuple((a, b, font, "Latn") for a, b, font in spans)
    style = item.style
    paragraph = style.base or paragraph_direction(text, style.direction)
    found: list[Span] = []
    items = itemise(text, paragraph)
    for start, end, script in items:
        for a, b, font in spans:
            lo, hi = max(start, a), min(end, b)
            if lo >= hi:
                continue
            if script == "Latn":  # a danda after a Latin name is set in its own script's font
                others = {sc for *_, sc in items if sc != "Latn"}
                weight = font.rsplit("-", 1)[-1]
                for other in sorted(others):
                    own = font_name(script_family(other, style.lang, style.family, style.home),
                                    "bold" in weight, "italic" in weight)
                    part = text[lo:hi]
                    if missing_glyphs(part, font) - missing_glyphs(part, own):
                        found.extend((a, b, f, "Latn" if f == font else other)
                                     for a, b, f, _ in _borrowed(text, lo, hi, font, "Latn", own))
                        break
                else:
                    found.append((lo, hi, font, script))
                continue
            weight = font.rsplit("-", 1)[-1]  # font_name() gives 'family-style'
            own = font_name(script_family(script, style.lang, style.family,
                                           style.home),
                            "bold" in weight, "italic" in weight)
            found.extend(_borrowed(text, lo, hi, own, script, font))
    return text, tuple(found)


def _borrowed(text: str, start: int, end: int, font: str, script: str,
              latin: str) -> list[Span]:
    """A script run split where a common character (such as '·') is only in the Latin font."""
    borrowed = {char for char in missing_glyphs(text[start:end], font)
                if script_of(char) in (COMMON, "Latn") and not missing_glyphs(char, latin)}
    if not borrowed:  # the usual case: the script's font has every character
        return [(start, end, font, script)]
    # A borrowed bracket in a right-to-left run stays right to left: its span's script is
    # COMMON, which the layouter draws right to left, mirrored (UAX #9 rule L4). In a left to
    # right run it is plain Latin text.
    way = COMMON if direction(script) == "rtl" else "Latn"
    spans: list[Span] = []
    for index in range(start, end):
        wanted = (latin, way) if text[index] in borrowed else (font, script)
        if spans and (spans[-1][2], spans[-1][3]) == wanted:
            spans[-1] = (spans[-1][0], index + 1, *wanted)
        else:
            spans.append((index, index + 1, *wanted))
    return spans


def _runs(item: Any) -> tuple[str, list[tuple[int, int, str]]]:
    """The item's text, newlines as spaces and spaces collapsed, with each run's span and font."""
    texts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    at = 0
    after_space = True  # spaces that open the paragraph are dropped
    for run in item.runs:
        text = _SPACES.sub(" ", run.text.replace("\n", " "))
        if after_space:
            text = text.lstrip(" ")
        if text:
            spans.append((at, at + len(text), font_name(item.style.family, run.bold, run.italic)))
            texts.append(text)
            at += len(text)
            after_space = text.endswith(" ")
    return "".join(texts), spans
