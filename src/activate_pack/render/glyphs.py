"""Drawing shaped runs: glyphs by id at their own positions, with the real text as /ActualText.

ReportLab writes TrueType text as codes of a font subset, one code per character. A shaped
glyph (an Arabic letter's joining form, a Gurmukhi vowel sign moved before its consonant, a
Bengali conjunct) often has no character of its own, so it is given a private-use code that
maps to its glyph id, as ReportLab's own shaping does. Such codes mean nothing to a reader,
so each character is wrapped in marked content whose /ActualText is that character, in
logical order: copying, searching and reading aloud then give the real words.

Every word is placed with its own text matrix (Tm) and its glyphs moved to by 'Td', never with
text rise (Ts): ReportLab 4.4 to 5.1 leave their stored rise stale in one shortcut of
``PDFTextObject.setRise``, which moves Nastaliq's stacked glyphs up to 10 pt off their place;
explicit positions avoid it.
"""

from __future__ import annotations

from functools import lru_cache
from math import inf
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics

PRIVATE_START = 0xE000
PRIVATE_END = 0xF8FF


def glyph_char(font: str, gid: int, advance: float) -> str:
    """A character of ``font`` that draws glyph ``gid``: its own, or a private-use code."""
    face = pdfmetrics.getFont(font).face
    chars = face.glyphToChar.get(gid)
    if chars:
        return chr(chars[0])
    code = getattr(face, "_next_private", PRIVATE_START)
    while code in face.charToGlyph:
        code += 1
    if code > PRIVATE_END:
        raise ValueError(f"{font}: more shaped glyphs than private-use codes")
    face._next_private = code + 1
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = round(advance * 1000)
    return chr(code)


@lru_cache(maxsize=4096)
def actual_text(text: str) -> str:
    """The PDF operator opening marked content that carries ``text`` as its real text."""
    encoded = ("\ufeff" + text).encode("utf-16-be")
    return f"/Span <</ActualText <{encoded.hex().upper()}>>> BDC"


def clusters(glyphs: tuple[Any, ...], text: str,
             size: float) -> list[tuple[str, list[tuple[Any, float]]]]:
    """Shaped glyphs grouped by cluster, in logical order, each glyph with its pen x (from 0,
    where the first glyph's pen is).

    The glyphs stay where shaping put them (visual order, left to right); only the order in
    which they are written changes, so a reader that follows the content stream and one that
    sorts by position both meet the words in the order they are read.
    """
    pen = 0.0
    placed: dict[int, list[tuple[Any, float]]] = {}
    for glyph in glyphs:
        group = placed.get(glyph.cluster)
        if group is None:
            placed[glyph.cluster] = [(glyph, pen)]
        else:
            group.append((glyph, pen))
        pen += glyph.advance * size
    starts = sorted(placed)
    ends = [*starts[1:], len(text)]
    return [(text[start:end], placed[start]) for start, end in zip(starts, ends)]


ANCHOR = "\u200b"
"""ZERO WIDTH SPACE: drawn at the edges of each character's box. Every bundled font draws it
as a glyph with no width and no ink, so it needs no invisible rendering mode around it."""


Groups = list[tuple[str, list[tuple[Any, float]]]]
Boxes = list[tuple[str, list[tuple[Any, float]], float, float]]


def word_boxes(word: Groups, rtl: bool, size: float) -> Boxes:
    """Each character of a word (its clusters, in logical order) with the box it owns:
    (character, the glyphs drawn with it, start x, width).

    Left to right, a character owns its share of its cluster's advance. Right to left, it owns
    its share of the word's width, counted from the right: in Arabic script a letter joined to
    the next often has next to no advance of its own (Nastaliq hangs it on its neighbour), so
    cluster shares would overlap or vanish, and a reader sorting by position would misplace the
    letter. A cluster's glyphs are given with its first character only.
    """
    none: list[tuple[Any, float]] = []
    boxes: Boxes = []
    if not rtl:
        for chars, glyphs in word:
            if len(glyphs) == 1:  # most clusters: the same numbers as below, sooner
                left, share = glyphs[0][1], glyphs[0][0].advance * size / max(len(chars), 1)
            else:
                left = min([pen for _, pen in glyphs])
                share = sum([glyph.advance for glyph, _ in glyphs]) * size / max(len(chars), 1)
            boxes += [(char, glyphs if index == 0 else none, left + share * index, share)
                      for index, char in enumerate(chars)]
        return boxes
    left, right = _extent(word, size)
    chars = [(char, glyphs if index == 0 else none)
             for text, glyphs in word for index, char in enumerate(text)]
    share = (right - left) / len(chars)
    return [(char, held, right - share * index, share)
            for index, (char, held) in enumerate(chars, 1)]


def _extent(word: Groups, size: float) -> tuple[float, float]:
    """The left and right edges of a word's glyphs."""
    left, right = inf, -inf
    for _, glyphs in word:
        for glyph, pen in glyphs:
            if pen < left:
                left = pen
            end = pen + glyph.advance * size
            if end > right:
                right = end
    return left, right


def draw_shaped(text_object: Any, seg: Any, x: float, baseline: float) -> None:
    """Draw one shaped segment into a ReportLab text object, word by word.

    Glyphs are drawn by id where shaping put them. Character by character, in logical order,
    each gets marked content whose /ActualText is that character, opened and closed by a
    zero-width anchor on the baseline at the edges of the box it owns (``word_boxes``). Readers
    that follow the content stream read the characters in logical order; readers that go by
    position (pdftotext) find each one where it is seen, on the line, whatever offsets
    Nastaliq's cascade gives its glyphs.

    A word's operators depend only on its shape: they are made once per document, font and
    size (``_part_operators``), and placed with one 'Tm' wherever the word recurs.
    """
    size = seg.size
    out = _Writer(text_object, seg.font, size)
    rtl = seg.direction == "rtl"
    words, code, lang = out.words, out.code, seg.lang
    placed = []  # each word with its pen, from left to right
    pen = x
    for part, shaped in seg.parts:
        placed.append((part, shaped, pen))
        pen += shaped.width * size
    if rtl:  # written in the order they are read
        placed.reverse()
    for part, shaped, pen in placed:
        # A word is shaped on its own (text.shaping.shape_parts): its text, language and
        # direction, in this font, decide its glyphs; the subset in use decides its 'Tf's.
        key = (out.subset, rtl, lang, part)
        found = words.get(key)
        if found is None:
            found = words[key] = _part_operators(out, part, shaped.glyphs, rtl, size)
        operators, subset, offset = found
        code.append(f"1 0 0 1 {fp_str(pen + offset, baseline)} Tm {operators}")
        out.subset = subset
    out.close()


def _part_operators(out: _Writer, part: str, glyphs: tuple[Any, ...], rtl: bool,
                    size: float) -> tuple[str, int, float]:
    """A word's operators (with the spaces after it), the subset in use after them, and where
    the 'Tm' before them goes, from the word's pen.

    Inside the word, operators move by 'Td' from one position to the next, each position
    rounded to a thousandth of a point (so the rounding never adds up): spaces are drawn as
    their glyphs, and every other character with its /ActualText, anchors and glyphs.
    """
    groups = clusters(glyphs, part, size)
    # What is drawn, in order: (None, x, y, text before, text after) for an anchor, or
    # (glyph, x, y, '', '') for a glyph, x from the word's pen.
    drawn: list[tuple[Any, float, float, str, str]] = []
    count, index = len(groups), 0
    while index < count:
        if groups[index][0].isspace():  # a space's glyph, where shaping put it; no /ActualText
            drawn += [(glyph, pen + glyph.dx * size, glyph.dy * size, "", "")
                      for glyph, pen in groups[index][1]]
            index += 1
            continue
        end = index + 1
        while end < count and not groups[end][0].isspace():
            end += 1
        for char, held, start, share in word_boxes(groups[index:end], rtl, size):
            drawn.append((None, start, 0.0, actual_text(char), ""))
            drawn += [(glyph, pen + glyph.dx * size, glyph.dy * size, "", "")
                      for glyph, pen in held]
            drawn.append((None, start + share, 0.0, "", "EMC"))
        index = end
    anchor_subset, anchor_shown = out.found(ANCHOR)
    origin = drawn[0][1]
    outer, out.code = out.code, []
    at_x = at_y = 0.0  # where the last 'Td' (or the 'Tm' at the start) put the line matrix
    for glyph, x, y, before, after in drawn:
        if before:
            out.code.append(before)
        if glyph is None:
            subset, shown = anchor_subset, anchor_shown
        else:
            subset, shown = out.glyphs.get(glyph.gid) or out.found_id(glyph.gid, glyph.advance)
        if out.subset != subset:
            out.use(subset)
        x, y = round(x - origin, 3), round(y, 3)
        if x != at_x or y != at_y:
            out.code.append(f"{fp_str(x - at_x, y - at_y)} Td")
            at_x, at_y = x, y
        out.code.append(shown)
        if after:
            out.code.append(after)
    operators, out.code = " ".join(out.code), outer
    return operators, out.subset, origin


class _Writer:
    """Writes glyphs as PDF text operators straight into a ReportLab text object.

    ReportLab's ``textOut`` measures and re-encodes every call; a shaped line places each glyph
    on its own, so this keeps ReportLab's font subsets and its idea of the current subset, and
    writes 'Tm' and 'Tj' itself. Operators are gathered and handed over as one string at the
    end (ReportLab joins a text object's code with spaces, so the stream is the same).
    """

    def __init__(self, text_object: Any, font: str, size: float) -> None:
        self.code: list[str] = []
        self.text_object = text_object
        self.font_name = font
        self.font = pdfmetrics.getFont(font)
        self.doc = text_object._canvas._doc
        self.size = fp_str(size)
        self.subset = text_object._curSubset
        # A character's subset and code, once per document: ReportLab's encoding is per call.
        # Glyph ids are looked up the same way, so a glyph's character is found once.
        canvas = text_object._canvas
        if not hasattr(canvas, "_shaped_codes"):
            canvas._shaped_codes = {}
            canvas._shaped_glyphs = {}
            canvas._shaped_fonts = {}
        self.codes = canvas._shaped_codes.setdefault(font, {})
        self.glyphs = canvas._shaped_glyphs.setdefault(font, {})
        # Subset → its 'Tf' operator at this size: shaped text may switch subsets per glyph.
        self.switches = canvas._shaped_fonts.setdefault((font, self.size), {})
        # A word's operators by its shape (see _word), for this font and size.
        if not hasattr(canvas, "_shaped_words"):
            canvas._shaped_words = {}
        self.words = canvas._shaped_words.setdefault((font, self.size), {})

    def found(self, char: str) -> tuple[int, str]:
        """The subset of a character of the font, and the operator that shows it."""
        found = self.codes.get(char)
        if found is None:
            [(subset, data)] = self.font.splitString(char, self.doc)
            found = self.codes[char] = (subset, f"<{data.hex()}> Tj")
        return found

    def found_id(self, gid: int, advance: float) -> tuple[int, str]:
        """The subset of glyph ``gid`` (``advance`` wide at size 1), and the operator."""
        found = self.glyphs.get(gid)
        if found is None:
            found = self.glyphs[gid] = self.found(glyph_char(self.font_name, gid, advance))
        return found

    def use(self, subset: int) -> None:
        """Switch the text object to another subset of the font."""
        switch = self.switches.get(subset)
        if switch is None:
            name = self.font.getSubsetInternalName(subset, self.doc)
            switch = self.switches[subset] = f"{name} {self.size} Tf"
        self.code.append(switch)
        self.subset = subset

    def close(self) -> None:
        """Hand the operators to the text object, and leave it knowing the subset in use."""
        if self.code:
            self.text_object._code.append(" ".join(self.code))
        self.text_object._curSubset = self.subset


def draw_lines(canvas: Any, box: Any, pieces: list[tuple[Any, tuple[Any, ...]]], dx: float,
               dy: float, colour_of: Any, spaced: bool = False) -> None:
    """Draw segments of a text box's lines as one text object: (line, its segments) pairs.

    ``colour_of`` turns a segment's colour ('#RRGGBB' or inks) into a ReportLab colour.
    ``spaced`` ends each line but the last with a space, where the line broke: a reader that
    follows the tags then reads 'already has', not 'alreadyhas'.
    """
    text = canvas.beginText()
    colour = None
    font = None
    for number, (line, segments) in enumerate(pieces):
        if spaced and number and font is not None:
            text.textOut(" ")
        baseline = box.top - line.y + dy
        cursor = None  # where the text cursor stands after the previous segment
        for seg in segments:
            if (seg.font, seg.size) != font:
                text.setFont(seg.font, seg.size)
                font = (seg.font, seg.size)
            if seg.colour != colour:
                text.setFillColor(colour_of(seg.colour))
                colour = seg.colour
            x = box.x + seg.x + dx
            if seg.parts is not None:  # shaped: glyphs by id, the real text alongside
                draw_shaped(text, seg, x, baseline)
                cursor = None
                continue
            if cursor is None or abs(cursor - x) > 0.01:
                text.setTextOrigin(x, baseline)
            text.textOut(seg.text)
            cursor = x + seg.width
    canvas.drawText(text)
