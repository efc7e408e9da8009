"""All text measuring and line breaking: the one place that knows about fonts.

Layouts hand this module styled runs and a width; it returns lines of positioned segments.
Shaping for other scripts (HarfBuzz, right-to-left) belongs here, behind the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from activate_pack.pack.markup import Block, Run
from activate_pack.text.fonts import (DEFAULT_FAMILY, FAMILIES, FONT_DIR, Family,
                                      UnknownFontFamily, ascent, family, family_names, font_name,
                                      missing_glyphs, unit_width, width)

__all__ = [
    "DEFAULT_FAMILY", "FAMILIES", "FONT_DIR", "Family", "Flow", "Item", "Laid", "Layouter",
    "Line", "Segment", "Style", "UnknownFontFamily", "ascent", "family", "family_names",
    "font_name", "missing_glyphs", "width",
]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text in one font, at a position relative to its line."""

    x: float
    text: str
    font: str
    size: float
    colour: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text: its baseline (downwards from the top of the box) and its segments."""

    y: float
    width: float
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Style:
    """How a block of text looks, relative to the box's base size."""

    family: str = DEFAULT_FAMILY
    scale: float = 1.0
    leading: float = 1.25
    bold: bool = False
    italic: bool = False
    colour: str = "#000000"
    space_before: float = 0.45
    """Space above a new paragraph, in multiples of the base size."""
    align: str = "left"
    marker_colour: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """A block of runs with its style; list items carry their marker ('•' or '3.')."""

    runs: tuple[Run, ...]
    style: Style
    marker: str | None = None
    new_paragraph: bool = True


@dataclass
class Flow:
    """Text for one box: items in order. Built once, laid out at several sizes while fitting."""

    items: list[Item] = field(default_factory=list)

    def add(self, runs: tuple[Run, ...] | str, style: Style, marker: str | None = None,
            new_paragraph: bool = True) -> None:
        """Append a paragraph (plain text becomes a single run in the style's weight)."""
        if isinstance(runs, str):
            runs = (Run(runs, style.bold, style.italic),)
        if runs:
            self.items.append(Item(runs, style, marker, new_paragraph))

    def add_blocks(self, blocks: list[Block], style: Style, first_new: bool = True) -> None:
        """Append parsed markup blocks, numbering and bulleting list items."""
        for index, block in enumerate(blocks):
            runs = tuple(Run(r.text, r.bold or style.bold, r.italic or style.italic)
                         for r in block.runs)
            marker = "•" if block.kind == "bullet" else (
                f"{block.number}." if block.kind == "number" else None)
            new = block.new_paragraph if index else (first_new and block.new_paragraph)
            self.add(runs, style, marker, new)

    @property
    def words(self) -> int:
        """Number of words, for 'cut about N words' advice."""
        return sum(len("".join(r.text for r in item.runs).split()) for item in self.items)

    def missing_glyphs(self) -> set[str]:
        """Characters in the flow that its fonts cannot draw."""
        missing: set[str] = set()
        for item in self.items:
            for run in item.runs:
                missing |= missing_glyphs(run.text, font_name(item.style.family, run.bold, run.italic))
            if item.marker:
                missing |= missing_glyphs(item.marker, font_name(item.style.family))
        return missing


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[tuple[str, str], ...]  # (text, font name)
    unit: float                          # width at size 1
    space_font: str | None                # font of the space after it, None if no space follows


def _words(item: Item) -> list[_Word]:
    """Split an item's runs into words that may span style changes ("**bold**,")."""
    words: list[_Word] = []
    pieces: list[tuple[str, str]] = []
    for run in item.runs:
        name = font_name(item.style.family, run.bold, run.italic)
        parts = run.text.replace("\n", " ").split(" ")
        for index, part in enumerate(parts):
            if index > 0:  # a space came before this part: the current word ends
                if pieces:
                    words.append(_make_word(pieces, name))
                    pieces = []
            if part:
                pieces.append((part, name))
    if pieces:
        words.append(_make_word(pieces, None))
    return words


def _make_word(pieces: list[tuple[str, str]], space_font: str | None) -> _Word:
    return _Word(tuple(pieces), sum(unit_width(t, f) for t, f in pieces), space_font)


@dataclass(frozen=True, slots=True)
class Laid:
    """A flow laid out at one size: its lines and total height."""

    size: float
    lines: tuple[Line, ...]
    height: float


class Layouter:
    """Lays a flow out at any size; words are measured once and reused between sizes."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._words = [_words(item) for item in flow.items]

    def lay(self, size: float, box_width: float) -> Laid:
        """Break the flow into lines of at most ``box_width`` points at base size ``size``."""
        lines: list[Line] = []
        y = 0.0
        for index, (item, words) in enumerate(zip(self.flow.items, self._words)):
            style = item.style
            fs = size * style.scale
            lead = fs * style.leading
            if index and item.new_paragraph:
                y += size * style.space_before
            indent = 0.0
            marker_seg: Segment | None = None
            if item.marker:
                marker_font = font_name(style.family, item.runs[0].bold if item.runs else False)
                # Numbered items share one indent (up to '88.'), so their text lines up.
                widest = "88." if item.marker[-1:] in ".)" else item.marker
                indent = max(width(item.marker, marker_font, fs), width(widest, marker_font, fs),
                             fs * 0.6) + fs * 0.4
                marker_seg = Segment(0.0, item.marker, marker_font, fs,
                                     style.marker_colour or style.colour)
            for number, (line_words, line_width) in enumerate(_break(words, fs, box_width - indent)):
                # The first baseline of the box sits one ascent down; later ones one leading on.
                y += lead if lines else fs * ascent(font_name(style.family))
                segs = _place(line_words, fs, style.colour, indent)
                if number == 0 and marker_seg is not None:
                    segs = (marker_seg, *segs)
                if style.align == "center":
                    offset = (box_width - line_width - indent) / 2
                    segs = tuple(Segment(s.x + offset, s.text, s.font, s.size, s.colour)
                                 for s in segs)
                lines.append(Line(y, line_width + indent, segs))
        # Room for descenders below the last baseline.
        height = y + (size * 0.3 if lines else 0.0)
        return Laid(size, tuple(lines), height)


def _break(words: list[_Word], size: float, avail: float) -> list[tuple[list[_Word], float]]:
    """Greedy line breaking; a word wider than the line is split between characters."""
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
            result.extend((([c], c.unit * size)) for c in chunks[:-1])
            word = chunks[-1]
            w = word.unit * size
        space = unit_width(" ", current[-1].space_font) * size if current and current[-1].space_font else 0.0
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
    text = "".join(t for t, _ in word.pieces)
    font = word.pieces[0][1]
    chunks: list[_Word] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unit_width(text[start:end + 1], font) * size <= avail:
            end += 1
        if end < len(text):
            cut = max(text.rfind("/", start, end), text.rfind("-", start, end))
            if cut > start:
                end = cut + 1
        last = end >= len(text)
        chunks.append(_Word(((text[start:end], font),), unit_width(text[start:end], font),
                            word.space_font if last else None))
        start = end
    return chunks


def _place(words: list[_Word], size: float, colour: str, x0: float) -> tuple[Segment, ...]:
    segs: list[Segment] = []
    x = x0
    for index, word in enumerate(words):
        for text, font in word.pieces:
            if segs and segs[-1].font == font and abs(segs[-1].x + width(segs[-1].text, font, size) - x) < 1e-6:
                prev = segs.pop()
                segs.append(Segment(prev.x, prev.text + text, font, size, colour))
            else:
                segs.append(Segment(x, text, font, size, colour))
            x += width(text, font, size)
        if index < len(words) - 1 and word.space_font:
            space = " "
            prev = segs[-1]
            if prev.font == word.space_font:
                segs[-1] = Segment(prev.x, prev.text + space, prev.font, size, colour)
            else:
                segs.append(Segment(x, space, word.space_font, size, colour))
            x += width(space, word.space_font, size)
    return tuple(segs)
