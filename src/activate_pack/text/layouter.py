"""Laying a flow into lines: words between break opportunities, greedy breaking, placement."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Sequence

from activate_pack.text.breaking import grapheme_boundaries, line_breaks
from activate_pack.text.fonts import ascent, family, family_names, font_name, unit_width, width
from activate_pack.text.ink import clearance, extent, spacing
from activate_pack.text.lastlines import balanced_width, bound_breaks, no_lone_word
from activate_pack.text.runs import Span, font_spans
from activate_pack.text.bidi import mirrored
from activate_pack.text.scripts import (COMMON, direction, paragraph_direction, run_levels,
                                        visual_order)
from activate_pack.text.shaping import shape_parts, shaped_width
from activate_pack.text.lines import Flow, FlowParagraph, Laid, Line, Segment, Style

Piece = tuple[str, str, float, str]
"""Text in one font and script, with its advance width at size 1: (text, font, width, script)."""

SEPARATORS = frozenset("·•|")
"""Marks that only separate the parts of a line (the credit's ' · '): one that a break leaves
at the end of a line is not drawn, as the break separates the parts already. Right to left it
would hang at the line's far left, before the Latin words it follows."""

PREFERRED_CUTS = "/-"
"""A word too long for a line is cut after one of these if it can be, as web addresses are."""


@dataclass(frozen=True, slots=True)
class _Word:
    """Text between two break opportunities, less the space that ends it."""

    pieces: tuple[Piece, ...]
    unit: float                # width at size 1
    space_font: tuple[str, str] | None  # font and script of the space after it, if one follows
    space_unit: float = 0.0    # that space's width at size 1


def measure(part: str, font: str, script: str, lang: str | None = None) -> float:
    """Advance width at size 1: shaped for scripts that need it, else from the font's widths
    (for COMMON, punctuation set right to left in the Latin font: as it is drawn, mirrored)."""
    if script == "Latn":
        return unit_width(part, font)
    if script == COMMON:
        return unit_width(mirrored(part), font)
    return shaped_width(part, font, script, lang)


def _pieces(text: str, spans: Sequence[Span], start: int, stop: int,
            lang: str | None = None) -> list[Piece]:
    """The pieces of ``text[start:stop]``, one per span it touches."""
    pieces: list[Piece] = []
    for run_start, run_end, font, script in spans:
        if run_end <= start:
            continue
        if run_start >= stop:
            break
        part = text[max(start, run_start):min(stop, run_end)]
        pieces.append((part, font, measure(part, font, script, lang), script))
    return pieces


def _font_at(spans: Sequence[Span], index: int) -> tuple[str, str]:
    return next((font, script) for start, end, font, script in spans if start <= index < end)


def words(item: FlowParagraph) -> list[_Word]:
    """Split an item into words at its line-break opportunities; words may span style changes."""
    text, spans = font_spans(item)
    lang = item.style.lang
    if not text:
        return []
    result: list[_Word] = []
    start = 0
    breaks = bound_breaks(text, line_breaks(text), lang)
    if len(spans) == 1:  # one font and script, as most text is: each word is one piece
        [(_, _, font, script)] = spans
        font_script, space = (font, script), measure(" ", font, script, lang)
        for end in (*breaks, len(text)):
            if text[end - 1] == " ":
                part = text[start:end - 1]
                unit = measure(part, font, script, lang)
                result.append(_Word(((part, font, unit, script),), unit, font_script, space))
            else:
                part = text[start:end]
                unit = measure(part, font, script, lang)
                result.append(_Word(((part, font, unit, script),), unit, None))
            start = end
        return result
    for end in (*breaks, len(text)):
        stop, space_font, space = end, None, 0.0
        if text[end - 1] == " ":
            stop, space_font = end - 1, _font_at(spans, end - 1)
            space = measure(" ", *space_font, lang)
        pieces = tuple(_pieces(text, spans, start, stop, lang))
        result.append(_Word(pieces, sum(p[2] for p in pieces), space_font, space))
        start = end
    return result


class Layouter:
    """Lays a flow out at any size; words are measured once and reused between sizes."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._words = [words(item) for item in flow.items]
        self._setting = [_setting(item) for item in flow.items]
        # Each item's style in its paragraph's direction, made once for every size tried.
        self._styles = [item.style if paragraph == item.style.direction
                        else replace(item.style, direction=paragraph)
                        for item, (paragraph, _, _) in zip(flow.items, self._setting)]

    def lay(self, size: float, box_width: float) -> Laid:
        """Break the flow into lines of at most ``box_width`` points at base size ``size``."""
        lines: list[Line] = []
        y = 0.0
        above: tuple[Segment, ...] = ()  # the line above
        above_ink = (0.0, 0.0)
        above_shaped = False
        for index, (item, item_words) in enumerate(zip(self.flow.items, self._words)):
            paragraph, line_height, first_font = self._setting[index]
            style = self._styles[index]
            fs = size * style.scale
            latin = family(style.family).line_height
            # A layout's leading is for its Latin font; taller scripts get theirs in proportion.
            leading = (style.leading * line_height / latin if style.leading is not None
                       else line_height)
            lead = fs * leading
            gap = size * style.space_before if index and item.new_paragraph else 0.0
            indent, marker_seg = _marker(item, style, fs, box_width, paragraph)
            factor = style.offset_factor
            start = 0.0 if paragraph == "rtl" else indent
            avail = box_width - indent
            if style.balance:
                avail = balanced_width(partial(_line_count, item_words, fs), avail)
            broken = no_lone_word(_break(item_words, fs, avail), fs, avail, _text)
            for number, (line_words, _) in enumerate(broken):
                if number < len(broken) - 1:
                    line_words = _without_separator(line_words)
                # The first baseline of the box sits one ascent down; later ones one leading on.
                # (The Latin font's ascent, or the ink of the tallest shaped glyph if higher:
                # Nastaliq's declared ascent is nearly two ems, far above most of its letters,
                # and would push every one-line label out of its box.)
                segs, line_width = _place(line_words, fs, style, start, paragraph,
                                          box_width - indent, factor)
                shaped = any(s.parts for s in segs)
                if number == 0 and marker_seg is not None and segs:
                    segs = _marked(segs, marker_seg, indent, paragraph)
                # How high and deep the line's ink reaches, where shaped lines are spaced by it.
                ink = extent(segs) if shaped or above_shaped else (0.0, 0.0)
                if lines:
                    step = gap + _lead(segs, lead, line_height, latin)
                    if shaped or above_shaped:
                        # Lines of shaped scripts are spaced by their ink where it needs more
                        # room than the leading (text.ink).
                        step = spacing(above, segs, step, clearance(fs), above_ink[1], ink[0])
                    y += step
                else:
                    top = fs * ascent(font_name(style.family))
                    y += gap + (max(top, ink[0]) if shaped else top)
                above, above_ink, above_shaped, gap = segs, ink, shaped, 0.0
                lines.append(Line(y, line_width + indent, segs, style.direction, style.lang,
                                  index))
        # Room for descenders below the last baseline.
        height = y + (size * 0.3 if lines else 0.0)
        return Laid(size, tuple(lines), height)


def _marker(item: FlowParagraph, style: Style, fs: float, box_width: float,
            paragraph: str) -> tuple[float, Segment | None]:
    """A list item's indent and its marker ('•', '3.'), placed at the start of its first line
    (none for text that is not a list item)."""
    if not item.marker:
        return 0.0, None
    marker_font = font_name(style.family, item.runs[0].bold if item.runs else False)
    # Numbered items share one indent (up to '88.'), so their text lines up.
    widest = "88." if item.marker[-1:] in ".)" else item.marker
    marker_width = width(item.marker, marker_font, fs)
    indent = max(marker_width, width(widest, marker_font, fs), fs * 0.6) + fs * 0.4
    # Right-to-left lists put their markers on the right.
    marker_x = box_width - marker_width if paragraph == "rtl" else 0.0
    return indent, Segment(marker_x, item.marker, marker_font, fs,
                           style.marker_colour or style.colour, marker_width, style.direction,
                           style.lang)


def _marked(segs: tuple[Segment, ...], marker: Segment, indent: float,
            paragraph: str) -> tuple[Segment, ...]:
    """A first line with its item's marker, which moves with the line, before its start (on
    the right in right-to-left text)."""
    edge = (max(s.x + s.width for s in segs) + indent - marker.width
            if paragraph == "rtl" else min(s.x for s in segs) - indent)
    return (replace(marker, x=edge), *segs)


def _without_separator(line: list[_Word]) -> list[_Word]:
    """A line's words less a separator that a break leaves at its end (see SEPARATORS)."""
    if len(line) > 1 and "".join(p[0] for p in line[-1].pieces) in SEPARATORS:
        return line[:-1]
    return line


def _line_count(words: list[_Word], size: float, width: float) -> int:
    """How many lines ``words`` break into at ``width`` (for balancing a heading)."""
    return len(_break(words, size, width))


def _text(word: _Word) -> str:
    return "".join(piece[0] for piece in word.pieces)


def _lead(segs: tuple[Segment, ...], lead: float, tallest: float, latin: float) -> float:
    """The distance to a line's baseline: its item's leading, less where the line holds only
    Latin text (a Latin line of a paragraph that also has Nastaliq keeps Latin spacing), or
    Latin text and another script's punctuation (the Urdu comma between English titles)."""
    if tallest == latin or any(s.parts is not None and not _punctuation(s.text) for s in segs):
        return lead
    return lead * latin / tallest


def _punctuation(text: str) -> bool:
    """True if ``text`` is only punctuation, symbols and spaces: no letter, digit or mark."""
    return not any(unicodedata.category(char)[0] in "LMN" for char in text)


def _setting(item: FlowParagraph) -> tuple[str, float, str]:
    """An item's paragraph direction, line height (its tallest script's) and first font."""
    style = item.style
    text, spans = font_spans(item)
    base = font_name(style.family)
    if not spans or all(script == "Latn" for *_, script in spans):
        return style.base or style.direction, family(style.family).line_height, base
    names = {name.rsplit("-", 1)[0] for _, _, name, _ in spans}
    height = max(family(name).line_height for name in names if name in family_names())
    first = spans[0][2]
    return style.base or paragraph_direction(text, style.direction), height, first


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
        space = current[-1].space_unit * size if current else 0.0
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
    spans: list[Span] = []
    for part, font, _, script in word.pieces:
        start = spans[-1][1] if spans else 0
        spans.append((start, start + len(part), font, script))
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
                end = _balanced(preferred, widths, first, size, avail)
        pieces = tuple(_pieces(text, spans, bounds[first], bounds[end]))
        last = end >= len(widths)
        chunks.append(_Word(pieces, sum(p[2] for p in pieces), word.space_font if last else None,
                            word.space_unit if last else 0.0))
        first = end
    return chunks


def _balanced(cuts: list[int], widths: list[float], first: int, size: float,
              avail: float) -> int:
    """Where to cut a long word, of the ``cuts`` after '/' or '-' that fit from ``first``.

    The last that fits, unless what is left then fits on one line: then the cut that makes
    the two pieces most nearly even: "https://creativecommons.org/" then
    "licenses/by-sa/4.0/", not "4.0/" alone on the last line.
    """
    rest = sum(widths[cuts[-1]:])
    if rest * size > avail:
        return cuts[-1]
    whole = sum(widths[first:])
    fitting = [c for c in cuts if (whole - sum(widths[first:c])) * size <= avail]
    return min(fitting, key=lambda c: abs(whole - 2 * sum(widths[first:c])))


def _place(words: list[_Word], size: float, style: Style, x0: float, paragraph: str = "ltr",
           room: float = 0.0, factor: float = 0.0) -> tuple[tuple[Segment, ...], float]:
    """Segments for one line's words, in visual order, and the line's width; widths are
    carried, not measured. ``factor`` of the ``room`` the line leaves goes before it (1 to set
    it at the end, 0.5 to centre it).

    Pieces of one font and script merge into a segment; a segment of a script that needs
    shaping carries its shaped words (the same glyphs as the segment shaped whole: see
    text.shaping.shape_parts). A line with right-to-left text is then
    reordered by the bidirectional algorithm's rule L2, run by run.
    """
    # [text, font, width at size 1, script, words: the text cut after each run of spaces]
    merged: list[list[Any]] = []
    last = len(words) - 1
    for index, word in enumerate(words):
        pieces = word.pieces
        if index < last and word.space_font:
            font, script = word.space_font
            pieces = (*pieces, (" ", font, word.space_unit, script))
        for text, font, unit, script in pieces:
            if merged and merged[-1][1] == font and merged[-1][3] == script:
                run = merged[-1]
                run[0] += text
                run[2] += unit
                if script in ("Latn", COMMON):  # never shaped: its words are not wanted
                    continue
                if run[4][-1][-1:] == " " and text[:1] != " ":
                    run[4].append(text)
                else:
                    run[4][-1] += text
            else:
                merged.append([text, font, unit, script, [text]])
    runs = []
    for text, font, unit, script, parts in merged:
        shaped, way = None, "ltr"
        if script == COMMON:  # drawn as seen: right to left, mirrored
            text, way = mirrored(text)[::-1], "rtl"
        elif script != "Latn":
            shaped, unit = shape_parts(tuple(parts), font, script, style.lang)
            way = direction(script)
        runs.append((text, font, unit * size, way, shaped))
    if all(r[4] is None and r[3] == "ltr" for r in runs):
        # Latin text only: its segments keep the paragraph's direction, in logical order.
        runs = [(t, f, a, style.direction, g) for t, f, a, _, g in runs]
    elif paragraph == "rtl" or any(r[3] == "rtl" for r in runs):
        runs = [runs[i] for i in visual_order(run_levels([r[3] for r in runs], paragraph))]
    width = sum([r[2] for r in runs])
    offset = (room - width) * factor if factor else 0.0
    segments = []
    x = x0
    for text, font, advance, way, shaped in runs:
        segments.append(Segment(x + offset, text, font, size, style.colour, advance, way,
                                style.lang, shaped))
        x += advance
    return tuple(segments), width
