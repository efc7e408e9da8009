"""Drawing shaped runs: each cluster of glyphs as one code of a font that knows its text.

Each HarfBuzz cluster is drawn with a code of the document's font of shaped text
(render/glyphfonts.py): the code's glyph is the cluster's glyphs where shaping put them, and
its text the cluster's characters, so a word is one string on its baseline and its text comes
from the font's ToUnicode. Poppler, PDFium, pdf.js and PDFBox give the words in the order they
are read; none needs /ActualText.

How the text is given is set by what those readers do with it (tests/test_searchable.py
measures each):

- Right to left, the clusters are written from left to right, as they are seen, each with
  its text reversed: readers turn a right-to-left line round character by character, and so
  give the words back in the order they are read.
- pdf.js moves on by no width after a glyph whose text holds a combining mark, or ends with
  a format character. So a cluster's marks after its first letter go with a blank glyph of
  their own, and a cluster that is only marks passes its advance on to the next, whose ink
  is moved back by as much. No glyph has no width, or pdf.js counts a space twice.
- Punctuation of no direction (a comma, a full stop) in a right-to-left word is followed by
  a right-to-left mark, so Poppler keeps it with the word it ends.

A word is placed with its own text matrix (Tm), never with text rise (Ts): ReportLab 4.4 to
5.1 leave their stored rise stale in one shortcut of ``PDFTextObject.setRise``.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable

from reportlab.lib.rl_accel import fp_str

from activate_pack.render.glyphfonts import GlyphFont, glyph_font
from activate_pack.render.reportlab import end_shaped_text, page_code, shaped_text, text_code

RLM = "\u200f"


def draw_shaped(text_object: Any, seg: Any, x: float, baseline: float) -> None:
    """Draw one shaped segment into a ReportLab text object, word by word, from the left.

    A word's operators depend only on its shape: they are made once per document and font
    (``_part_operators``), and placed with one 'Tm' wherever the word recurs.
    """
    out = _Writer(text_object, seg.font, seg.size)
    rtl = seg.direction == "rtl"
    pen = x
    for part, shaped in seg.parts:
        # A word is shaped on its own (text.shaping.shape_parts): its text, language and
        # direction, in this font, decide its glyphs.
        key = (rtl, seg.lang, part)
        operators = out.words.get(key)
        if operators is None:
            operators = out.words[key] = _part_operators(out.glyphs, part, shaped.glyphs, rtl)
        out.code.append(f"1 0 0 1 {fp_str(pen, baseline)} Tm {operators}")
        pen += shaped.width * seg.size
    out.close()


def _cluster_end(glyphs: tuple[Any, ...], cluster: int, length: int) -> int:
    """Where a cluster's characters end: at the next cluster's start, or the text's end."""
    following = [glyph.cluster for glyph in glyphs if glyph.cluster > cluster]
    return min(following) if following else length


def _part_operators(font: GlyphFont, part: str, glyphs: tuple[Any, ...], rtl: bool) -> str:
    """A word's operators (with the spaces after it): one string of codes from its pen.

    Cluster by cluster (a cluster's glyphs are next to each other, left to right): one code
    draws all its glyphs and stands for its letters, with the advance up to the cluster's
    end; a blank glyph stands for its combining marks, if any (see the module's notes).
    """
    upem = font.upem
    code: list[str] = []
    pen = 0  # where shaping's pen is, in font units
    drawn = 0  # where the text position is after the codes written so far
    start, count = 0, len(glyphs)
    while start < count:
        cluster = glyphs[start].cluster
        end = start + 1
        while end < count and glyphs[end].cluster == cluster:
            end += 1
        text = part[cluster:_cluster_end(glyphs, cluster, len(part))]
        if rtl and _neutral(text):
            text += RLM
        head, tail = _split(text)
        if rtl:
            head, tail = head[::-1], tail[::-1]
        inked = []
        at = pen
        for glyph in glyphs[start:end]:
            inked.append((glyph.gid, at + round(glyph.dx * upem) - drawn,
                          round(glyph.dy * upem)))
            at += round(glyph.advance * upem)
        pen = at
        # Never none: pdf.js measures the gap before a glyph from the last glyph with a width,
        # so after a space a glyph with none would bring a second space.
        advance = max(pen - drawn, 1) if _carries_advance(head) else 0
        letters = font.code((tuple(inked), head, advance))
        marks = font.code(((), tail, 0)) if tail else ""
        # Right to left, readers turn the text round: the marks come first.
        code += [marks, letters] if rtl else [letters, marks]
        drawn += advance
        start = end
    return f"<{''.join(code)}> Tj"


def _carries_advance(text: str) -> bool:
    """Whether pdf.js moves on by a glyph's width when the glyph stands for ``text``: not
    when the text holds a combining mark (Mn) or ends with a format character (Cf)."""
    found = _ADVANCES.get(text)
    if found is None:
        found = _ADVANCES[text] = bool(text) and unicodedata.category(text[-1]) != "Cf" and \
            not any(unicodedata.category(char) == "Mn" for char in text)
    return found


_ADVANCES: dict[str, bool] = {}


def _neutral(text: str) -> bool:
    """Whether ``text`` is punctuation of no direction of its own (a comma, a full stop)."""
    return bool(text) and not text.isspace() and all(
        unicodedata.bidirectional(char) in ("CS", "ON", "ES", "ET") for char in text)


def _split(text: str) -> tuple[str, str]:
    """A cluster's text before its first combining mark, and from there: pdf.js gives the
    glyph whose text holds a mark no width, so the marks go with a blank glyph of their own."""
    for index, char in enumerate(text):
        if index and unicodedata.category(char) == "Mn":
            return text[:index], text[index:]
    return text, ""


class _Writer:
    """Writes glyphs as PDF text operators straight into a ReportLab text object.

    The glyphs are drawn in the document's font of shaped glyphs (:class:`GlyphFont`); the
    text object is left knowing that its font must be set again before ReportLab writes text.
    Operators are gathered and handed over as one string at the end (ReportLab joins a text
    object's code with spaces, so the stream is the same).
    """

    def __init__(self, text_object: Any, font: str, size: float) -> None:
        self.text_object = text_object
        canvas, doc, last_font = shaped_text(text_object)
        self.glyphs: GlyphFont = glyph_font(doc, font)
        self.key = (font, fp_str(size))
        # The font is set unless shaped text of this font and size was the last drawn.
        self.code: list[str] = [] if last_font == self.key \
            else [self.glyphs.operator(self.key[1])]
        # A word's operators by its shape, for this font, once per document.
        shaped: dict[str, dict[tuple[Any, ...], str]] | None = \
            canvas.__dict__.get("_shaped_words")  # a cache of ours, ended with the canvas
        if shaped is None:
            shaped = canvas.__dict__["_shaped_words"] = {}
        words = shaped.get(font)
        if words is None:
            words = shaped[font] = {}
        self.words: dict[tuple[Any, ...], str] = words

    def close(self) -> None:
        """Hand the operators to the text object, and leave it knowing the font in use."""
        # Not a subset ReportLab knows: ReportLab's next text sets its own font first.
        end_shaped_text(self.text_object, " ".join(self.code), self.key)


def draw_lines(canvas: Any, box: Any, pieces: list[tuple[Any, tuple[Any, ...]]], dx: float,
               dy: float, colour_of: Any, spaced: bool = False,
               language_of: Callable[[Any], tuple[str, ...] | None] | None = None) -> None:
    """Draw segments of a text box's lines as one text object: (line, its segments) pairs.

    ``colour_of`` turns a segment's colour ('#RRGGBB' or inks) into a ReportLab colour.
    ``spaced`` ends each line but the last with a space, where the line broke: a reader that
    follows the tags then reads 'already has', not 'alreadyhas'. ``language_of`` gives, for a
    segment in another language than its element's, the operators that go before and after
    it (render/tagging.py), or None; with a third item, they go inside the text object (a web
    address's Link inside its paragraph's line, which text extraction then reads as one line).
    """
    text = canvas.beginText()
    colour = font = last = None
    for number, (line, segments) in enumerate(pieces):
        if spaced and number and last is not None:
            if font is None:
                text.setFont(*last)
                font = last
            text.textOut(" ")
        baseline = box.top - line.y + dy
        cursor = None  # where the text cursor stands after the previous segment
        for seg in segments:
            other = language_of(seg) if language_of is not None else None
            inside = other is not None and len(other) > 2
            if other and inside:  # marked content nested in the text object: one line read as one
                text_code(text).append(other[0])
            elif other:  # marked content of its own, outside text objects as all marked content
                canvas.drawText(text)
                page_code(canvas).append(other[0])
                text, colour, font, cursor = canvas.beginText(), None, None, None
            if (seg.font, seg.size) != font:
                text.setFont(seg.font, seg.size)
                font = last = (seg.font, seg.size)
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
            if other and inside:
                text_code(text).append(other[1])
            elif other:
                canvas.drawText(text)
                page_code(canvas).append(other[1])
                text, colour, font, cursor = canvas.beginText(), None, None, None
    canvas.drawText(text)
