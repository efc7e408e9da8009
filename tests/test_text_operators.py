"""Text operators: the canvas's quick way with known characters writes what ReportLab writes."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from activate_pack.render.pdf import PackCanvas
from activate_pack.text import DEFAULT_FAMILY, font_name


def _strings() -> list[tuple[str, str]]:
    """(font, text) pairs: repeats, spaces, a no-break space, an empty string, characters
    beyond the first subset and one the font lacks, in two fonts."""
    regular, bold = font_name(DEFAULT_FAMILY), font_name(DEFAULT_FAMILY, bold=True)
    face = pdfmetrics.getFont(regular).face
    extra = "".join(chr(c) for c in sorted(face.charToGlyph) if 0xA1 <= c < 0xFFFF)[:250]
    assert len(extra) == 250  # enough characters to fill the first subset and go on
    plain = ["Hello", " ", "Hello world", "", "no\u00a0break", "Hello", " ", "hello, world!"]
    mixed = [extra[:150], "Hello " + extra[150:], extra[:20] + " and (more)", "Hello",
             "\u4e00 lacks", " ", "Hello world", "\\ (escaped) \\"]
    return [(font, text) for font in (regular, bold, regular) for text in plain + mixed]


def _code(canvas: Canvas) -> list[str]:
    for font, text in _strings():
        shown = canvas.beginText(10, 10)
        shown.setFont(font, 11)
        shown.textOut(text)
        shown.textLine(text)
        canvas.drawText(shown)
    return list(canvas._code)


def test_pack_canvas_writes_text_as_reportlab_does() -> None:
    ours = PackCanvas(io.BytesIO(), invariant=1)
    theirs = Canvas(io.BytesIO(), invariant=1)
    assert type(ours.beginText()) is not type(theirs.beginText())  # the quick way is taken
    assert _code(ours) == _code(theirs)
    font = pdfmetrics.getFont(font_name(DEFAULT_FAMILY))
    assert font.state[ours._doc].subsets == font.state[theirs._doc].subsets
    assert len(font.state[ours._doc].subsets) > 1
