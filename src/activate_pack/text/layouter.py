"""Laying a flow into lines: words between break opportunities, greedy breaking, placement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from activate_pack.text.breaking import grapheme_boundaries, line_breaks
from activate_pack.text.fonts import ascent, family, font_name, unit_width, width
from activate_pack.text.lines import Flow, Item, Laid, Line, Segment, Style

Piece = tuple[str, str, float]
"""Text in one font, with its advance width at size 1: (text, font name, width)."""

_SPACES = re.compile(" {2,}")
PREFERRED_CUTS = "/-"
"""A word too long for a line is cut after one of these if it can be, as web addresses are."""


@dataclass(frozen=True, slots=True)
class _Word:
    """Text between two break opportunities, less the space that ends it."""

    pieces: tuple[Piece, ...]
    unit: float                # width at size 1
    space_font: str | None     # font of the space after it, None if no space follows


def _runs(item: Item) -> tuple[str, list[tuple[int, int, str]]]:
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


def _pieces(text: str, spans: list[tuple[int, int, str]], start: int, stop: int) -> list[Piece]:
    """The pieces of ``text[start:stop]``, one per run it touches."""
    pieces: list[Piece] = []
    for run_start, run_end, font in spans:
        if run_end <= start:
            continue
        if run_start >= stop:
            break
        part = text[max(start, run_start):min(stop, run_end)]
        pieces.append((part, font, unit_width(part, font)))
    return pieces


def _font_at(spans: list[tuple[int, int, str]], index: int) -> str:
    return next(font for start, end, font in spans if start <= index < end)


def words(item: Item) -> list[_Word]:
    """Split an item into words at its line-break opportunities; words may span style changes."""
    text, spans = _runs(item)
    if not text:
        return []
    result: list[_Word] = []
    start = 0
    for end in (*line_breaks(text), len(text)):
        stop, space_font = end, None
        if text[end - 1] == " ":
            stop, space_font = end - 1, _font_at(spans, end - 1)
        pieces = tuple(_pieces(text, spans, start, stop))
        result.append(_Word(pieces, sum(p[2] for p in pieces), space_font))
        start = end
    return result


class Layouter:
    """Lays a flow out at any size; words are measured once and reused between sizes."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._words = [words(item) for item in flow.items]

    def lay(self, size: float, box_width: float) -> Laid:
        """Break the flow into lines of at most ``box_width`` points at base size ``size``."""
        lines: list[Line] = []
        y = 0.0
        for index, (item, item_words) in enumerate(zip(self.flow.items, self._words)):
            style = item.style
            fs = size * style.scale
            leading = style.leading if style.leading is not None else family(style.family).line_height
            lead = fs * leading
            if index and item.new_paragraph:
                y += size * style.space_before
            indent = 0.0
            marker_seg: Segment | None = None
            if item.marker:
                marker_font = font_name(style.family, item.runs[0].bold if item.runs else False)
                # Numbered items share one indent (up to '88.'), so their text lines up.
                widest = "88." if item.marker[-1:] in ".)" else item.marker
                marker_width = width(item.marker, marker_font, fs)
                indent = max(marker_width, width(widest, marker_font, fs), fs * 0.6) + fs * 0.4
                marker_seg = Segment(0.0, item.marker, marker_font, fs,
                                     style.marker_colour or style.colour, marker_width,
                                     style.direction, style.lang)
            factor = style.offset_factor
            broken = _break(item_words, fs, box_width - indent)
            for number, (line_words, line_width) in enumerate(broken):
                # The first baseline of the box sits one ascent down; later ones one leading on.
                y += lead if lines else fs * ascent(font_name(style.family))
                segs = _place(line_words, fs, style, indent)
                if number == 0 and marker_seg is not None:
                    segs = (marker_seg, *segs)
                if factor:
                    offset = (box_width - line_width - indent) * factor
                    segs = tuple(Segment(s.x + offset, s.text, s.font, s.size, s.colour, s.width,
                                         s.direction, s.lang) for s in segs)
                lines.append(Line(y, line_width + indent, segs, style.direction, style.lang))
        # Room for descenders below the last baseline.
        height = y + (size * 0.3 if lines else 0.0)
        return Laid(size, tuple(lines), height)


def _break(words: list[_Word], size: float, avail: float) -> list[tuple[list[_Word], float]]:
    """Greedy line breaking; a word wider than the line is split between grapheme clusters."""
    result: list[tuple[list[_Word], float]] = []
    current: list[_Word] = []
    current_w = 0.0
    for word in words:
        w = word.unit * size
        if w > avail:
            if current:
                result.append((current, current_w))
                current, current_w = [], 0.0
            chunks = _split_long(word, size, avail)
            result.extend(([c], c.unit * size) for c in chunks[:-1])
            word = chunks[-1]
            w = word.unit * size
        space_font = current[-1].space_font if current else None
        space = unit_width(" ", space_font) * size if space_font else 0.0
        if current and current_w + space + w > avail:
            result.append((current, current_w))
            current, current_w = [], 0.0
            space = 0.0
        current.append(word)
        current_w += space + w
    if current:
        result.append((current, current_w))
    return result


def _split_long(word: _Word, size: float, avail: float) -> list[_Word]:
    """Split a too-long word (such as a web address) into pieces that fit, preferring after '/'."""
    text = "".join(p[0] for p in word.pieces)
    spans: list[tuple[int, int, str]] = []
    for part, font, _ in word.pieces:
        start = spans[-1][1] if spans else 0
        spans.append((start, start + len(part), font))
    bounds = grapheme_boundaries(text)
    # A cluster is measured piece by piece, in case a style change falls inside it.
    widths = [sum(p[2] for p in _pieces(text, spans, a, b)) for a, b in zip(bounds, bounds[1:])]
    chunks: list[_Word] = []
    first = 0  # index of the chunk's first cluster
    while first < len(widths):
        end, total = first + 1, widths[first]
        while end < len(widths) and (total + widths[end]) * size <= avail:
            total += widths[end]
            end += 1
        if end < len(widths):
            preferred = [c for c in range(first + 1, end + 1)
                         if text[bounds[c] - 1] in PREFERRED_CUTS and bounds[c] - 1 > bounds[first]]
            if preferred:
                end = preferred[-1]
        pieces = tuple(_pieces(text, spans, bounds[first], bounds[end]))
        last = end >= len(widths)
        chunks.append(_Word(pieces, sum(p[2] for p in pieces), word.space_font if last else None))
        first = end
    return chunks


def _place(words: list[_Word], size: float, style: Style, x0: float) -> tuple[Segment, ...]:
    """Segments for one line's words, runs of one font merged; widths are carried, not measured."""
    merged: list[list] = []  # [x, text, font, width], open for merging
    x = x0
    last = len(words) - 1
    for index, word in enumerate(words):
        pieces = word.pieces
        if index < last and word.space_font:
            pieces = (*pieces, (" ", word.space_font, unit_width(" ", word.space_font)))
        for text, font, unit in pieces:
            advance = unit * size
            if merged and merged[-1][2] == font:
                merged[-1][1] += text
                merged[-1][3] += advance
            else:
                merged.append([x, text, font, advance])
            x += advance
    return tuple(Segment(sx, text, font, size, style.colour, sw, style.direction, style.lang)
                 for sx, text, font, sw in merged)
