"""The records text is described and laid out in: styles, flows of items, lines of segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from activate_pack.pack.model.markup import TextBlock, TextRun
from activate_pack.text.fonts import DEFAULT_FAMILY, font_name, missing_glyphs
from activate_pack.text.shaping import Glyph, Part, join_parts

ALIGNMENTS = ("start", "end", "center", "left", "right")
"""'start' and 'end' follow the text's direction; 'left' and 'right' are the page's sides."""
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text in one font, at a position relative to its line, with its advance width."""

    x: float
    text: str
    font: str
    size: float
    colour: str
    width: float
    direction: str = "ltr"
    lang: str | None = None
    parts: tuple[Part, ...] | None = None
    """For a shaped run: its words, each with the spaces after it, as (text, shape) pairs
    (text.shaping.Shaped, at size 1) in visual order, left to right. The renderer draws their
    glyphs by id and carries the text as the real text; a word that recurs is drawn alike."""

    @property
    def glyphs(self) -> tuple[Glyph, ...] | None:
        """A shaped run's glyphs in visual order, clusters counted in the whole run's text, as
        shaping the run whole gives them (tests/test_shaping.py checks they are the same)."""
        if self.parts is None:
            return None
        return join_parts(self.parts, self.direction == "rtl")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text: its baseline (downwards from the top of the box) and its segments."""

    y: float
    width: float
    segments: tuple[Segment, ...]
    direction: str = "ltr"
    lang: str | None = None
    item: int = 0
    """Which item of its flow the line belongs to (the paragraph, heading or list entry)."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Style:
    """How a block of text looks, relative to the box's base size."""

    family: str = DEFAULT_FAMILY
    scale: float = 1.0
    leading: float | None = None
    """Line spacing as a multiple of the size; None takes the family's line height."""
    bold: bool = False
    italic: bool = False
    colour: str = "#000000"
    space_before: float = 0.45
    """Space above a new paragraph, in multiples of the base size."""
    align: str = "start"
    marker_colour: str | None = None
    direction: str = "ltr"
    """Which side 'start' is: 'ltr' (left) or 'rtl' (right)."""
    lang: str | None = None
    """BCP 47 language of the text, if known."""
    home: str | None = None
    """The language of the document the text is in, which chooses the font for letters of a
    script ``lang`` is not written in (text.fonts.script_family)."""
    balance: bool = False
    """Break a paragraph that wraps into lines of even length (headings), not a full line and
    a short one: the same number of lines, each narrower (text.lastlines.balanced_width)."""
    base: str | None = None
    """The paragraph's direction when its language fixes it ('rtl' for Urdu, so a line that
    opens with a name or a web address still starts on the right); None: from its first
    strong letter (UAX #9 rules P2 and P3)."""

    def __post_init__(self) -> None:
        if self.align not in ALIGNMENTS:
            raise ValueError(f"align must be one of {', '.join(ALIGNMENTS)}, not {self.align!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be 'ltr' or 'rtl', not {self.direction!r}")
        if self.base is not None and self.base not in DIRECTIONS:
            raise ValueError(f"base must be 'ltr', 'rtl' or None, not {self.base!r}")

    @property
    def offset_factor(self) -> float:
        """Share of a line's free room that goes before it: 0 left, 0.5 centred, 1 right."""
        side = self.align
        if side in ("start", "end"):
            starts_left = self.direction == "ltr"
            side = "left" if (side == "start") == starts_left else "right"
        return {"left": 0.0, "center": 0.5, "right": 1.0}[side]


@dataclass(frozen=True, slots=True)
class FlowParagraph:
    """A block of runs with its style; list items carry their marker ('•' or '3.')."""

    runs: tuple[TextRun, ...]
    style: Style
    marker: str | None = None
    new_paragraph: bool = True
    tag: str = "P"
    """What the item is in a tagged PDF: 'P', 'H1', 'H2', 'L' (an entry that starts a list),
    'LI' (one that continues it) or 'Artifact'; text passes it on, the renderer reads it.
    A list entry has a marker: its line's first segment, the entry's label."""
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Fitting looks flows up by value in its caches, several times for each box: the
        # hash of the runs and style is taken once, not at every lookup.
        object.__setattr__(self, "_hash", hash((self.runs, self.style, self.marker,
                                                self.new_paragraph, self.tag)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Made again where it is unpickled: a string's hash differs from process to process.
        return (FlowParagraph, (self.runs, self.style, self.marker, self.new_paragraph,
                                self.tag))


@dataclass
class Flow:
    """Text for one box: items in order. Built once, laid out at several sizes while fitting."""

    items: list[FlowParagraph] = field(default_factory=list)

    def add(self, runs: tuple[TextRun, ...] | str, style: Style, marker: str | None = None,
            new_paragraph: bool = True, tag: str = "P") -> None:
        """Append a paragraph (plain text becomes a single run in the style's weight)."""
        if isinstance(runs, str):
            runs = (TextRun(runs, style.bold, style.italic),)
        if runs:
            self.items.append(FlowParagraph(runs, style, marker, new_paragraph, tag))

    def add_blocks(self, blocks: list[TextBlock], style: Style, first_new: bool = True) -> None:
        """Append parsed markup blocks, numbering and bulleting list items."""
        for index, block in enumerate(blocks):
            runs = tuple(TextRun(r.text, r.bold or style.bold, r.italic or style.italic)
                         for r in block.runs)
            marker = "•" if block.kind == "bullet" else (
                f"{block.number}." if block.kind == "number" else None)
            new = block.new_paragraph if index else (first_new and block.new_paragraph)
            listed = bool(self.items) and self.items[-1].marker is not None
            self.add(runs, style, marker, new,
                     "P" if marker is None else "LI" if listed else "L")

    @property
    def words(self) -> int:
        """Number of words, for 'cut about N words' advice."""
        return sum(len("".join(r.text for r in item.runs).split()) for item in self.items)

    def missing_glyphs(self) -> set[str]:
        """Characters in the flow that its fonts cannot draw, after shaping."""
        from activate_pack.text.runs import font_spans
        from activate_pack.text.scripts import COMMON
        from activate_pack.text.shaping import shape

        missing: set[str] = set()
        for item in self.items:
            text, spans = font_spans(item)
            for start, end, name, script in spans:
                part = text[start:end]
                missing |= missing_glyphs(part, name)
                if script not in ("Latn", COMMON):  # word by word, as the layouter shapes
                    for word in part.split(" "):
                        if word:
                            missing.update(shape(word, name, script, item.style.lang).missing)
            if item.marker:
                missing |= missing_glyphs(item.marker, font_name(item.style.family))
        return missing


@dataclass(frozen=True, slots=True)
class Laid:
    """A flow laid out at one size: its lines and total height."""

    size: float
    lines: tuple[Line, ...]
    height: float
