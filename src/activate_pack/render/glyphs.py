"""Drawing shaped runs: glyphs by id at their own positions, with the real text as /ActualText.

ReportLab writes TrueType text as codes of a font subset, one code per character. A shaped
glyph (an Arabic letter's joining form, a Gurmukhi vowel sign moved before its consonant, a
Bengali conjunct) often has no character of its own, so it is given a private-use code that
maps to its glyph id, as ReportLab's own shaping does. Such codes mean nothing to a reader,
so each run is wrapped in marked content whose /ActualText is the run's text in logical order:
copying, searching and reading aloud then give the real words.

Every glyph is placed with its own text matrix (Tm), never with text rise (Ts): ReportLab
4.4 to 5.1 leave their stored rise stale in one shortcut of ``PDFTextObject.setRise``, which
moves Nastaliq's stacked glyphs up to 10 pt off their place; absolute positions avoid it.
"""

from __future__ import annotations

from functools import lru_cache
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
@lru_cache(maxsize=4096)
def actual_text(text: str) -> str:
    """The PDF operator opening marked content that carries ``text`` as its real text."""
    encoded = ("\ufeff" + text).encode("utf-16-be")
    return f"/Span <</ActualText <{encoded.hex().upper()}>>> BDC"


def clusters(seg: Any, x: float) -> list[tuple[str, list[tuple[Any, float]]]]:
    """A segment's glyphs grouped by cluster, in logical order, each glyph with its pen x.

    The glyphs stay where shaping put them (visual order, left to right); only the order in
    which they are written changes, so a reader that follows the content stream and one that
    sorts by position both meet the words in the order they are read.
    """
    pen = x
    size = seg.size
    placed: dict[int, list[tuple[Any, float]]] = {}
    for glyph in seg.glyphs:
        group = placed.get(glyph.cluster)
        if group is None:
            placed[glyph.cluster] = [(glyph, pen)]
        else:
            group.append((glyph, pen))
        pen += glyph.advance * size
    starts = sorted(placed)
    ends = [*starts[1:], len(seg.text)]
    return [(seg.text[start:end], placed[start]) for start, end in zip(starts, ends)]


ANCHOR = "\u200c"
"""ZERO WIDTH NON-JOINER: a glyph of no width, drawn at the edges of each character's box."""


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
    """Draw one shaped segment into a ReportLab text object.

    Glyphs are drawn by id where shaping put them. Character by character, in logical order,
    each gets marked content whose /ActualText is that character, opened and closed by a
    zero-width anchor on the baseline at the edges of the box it owns (``word_boxes``). Readers
    that follow the content stream read the characters in logical order; readers that go by
    position (pdftotext) find each one where it is seen, on the line, whatever offsets
    Nastaliq's cascade gives its glyphs.
    """
    size = seg.size
    out = _Writer(text_object, seg.font, size)
    rtl = seg.direction == "rtl"
    groups = clusters(seg, x)
    count = len(groups)
    index = 0
    while index < count:
        if groups[index][0].isspace():  # a space's glyph, where shaping put it; no /ActualText
            for glyph, pen in groups[index][1]:
                out.glyph_id(glyph.gid, glyph.advance, pen + glyph.dx * size,
                             baseline + glyph.dy * size)
            index += 1
            continue
        end = index + 1
        while end < count and not groups[end][0].isspace():
            end += 1
        _word(out, groups[index:end], baseline, size, rtl)
        index = end
    out.close()


def _word(out: _Writer, word: Groups, baseline: float, size: float, rtl: bool) -> None:
    """One word's characters with their /ActualText, anchors and glyphs.

    Its operators are placed from the word's start (one 'Tm'), then move by 'Td' from one
    position to the next: they depend only on the word's shape, so a word that recurs in the
    document, as most do, is written once and its operators reused.
    """
    # The characters and their glyphs decide every position in the word (word_boxes), so they
    # and the subset in use are the key; the word's place on the page is not. A word is shaped
    # on its own (text.shaping.shape_words), so its characters, cut into clusters, and its
    # glyph ids stand for its glyphs' advances and offsets too.
    key = (out.subset, rtl, "\0".join([chars for chars, _ in word]),
           tuple([glyph[0] for _, glyphs in word for glyph, _ in glyphs]))
    pen = word[0][1][0][1]  # where the word's first glyph is: the rest is relative to it
    found = out.words.get(key)
    if found is None:
        boxes = word_boxes(word, rtl, size)
        origin = boxes[0][2]
        found = out.words[key] = (*_word_operators(out, boxes, origin, size), origin - pen)
    operators, subset, offset = found
    out.code.append(f"1 0 0 1 {fp_str(pen + offset, baseline)} Tm {operators}")
    out.subset = subset


def _word_operators(out: _Writer, word: Boxes, origin: float, size: float) -> tuple[str, int]:
    """A word's operators after the 'Tm' at its start, and the subset in use after them."""
    anchor_subset, anchor_shown = out.found(ANCHOR)
    outer, out.code = out.code, []
    at = [0.0, 0.0]  # where the last 'Td' (or the 'Tm' at the start) put the line matrix

    def move(x: float, y: float) -> str:
        step = f"{fp_str(x - at[0], y - at[1])} Td"
        at[0], at[1] = x, y
        return step

    def anchor(x: float, before: str, after: str) -> None:
        # Invisible (render mode 3): the Noto fonts draw a thin mark for ZWNJ.
        if out.subset != anchor_subset:
            out.code.append(f"{before}3 Tr")
            out.use(anchor_subset)
            out.code.append(f"{move(x, 0.0)} {anchor_shown} 0 Tr{after}")
        else:
            out.code.append(f"{before}3 Tr {move(x, 0.0)} {anchor_shown} 0 Tr{after}")

    for char, glyphs, start, share in word:
        anchor(start - origin, f"{actual_text(char)} ", "")
        for glyph, pen in glyphs:
            found = out.glyphs.get(glyph.gid) or out.found_id(glyph.gid, glyph.advance)
            if out.subset != found[0]:
                out.use(found[0])
            out.code.append(f"{move(pen - origin + glyph.dx * size, glyph.dy * size)} "
                            f"{found[1]}")
        anchor(start - origin + share, "", " EMC")
    operators, out.code = " ".join(out.code), outer
    return operators, out.subset


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

    def glyph_id(self, gid: int, advance: float, x: float, y: float) -> None:
        """Glyph ``gid`` of the font (``advance`` wide at size 1) at (x, y) on the page."""
        found = self.found_id(gid, advance)
        if found[0] != self.subset:
            self.use(found[0])
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm {found[1]}")

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
            if seg.glyphs is not None:  # shaped: glyphs by id, the real text alongside
                draw_shaped(text, seg, x, baseline)
                cursor = None
                continue
            if cursor is None or abs(cursor - x) > 0.01:
                text.setTextOrigin(x, baseline)
            text.textOut(seg.text)
            cursor = x + seg.width
    canvas.drawText(text)
