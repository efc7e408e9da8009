"""Shaping with HarfBuzz, for runs whose script needs it (Latin text never comes here).

A run is shaped once per (text, font) and kept: its glyph ids, advances and offsets at size 1,
in points, in visual order (HarfBuzz puts a right-to-left run's glyphs left to right). Its width
is what line breaking measures, and its glyphs are what the PDF draws, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Iterable, NamedTuple

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics

from activate_pack.text.scripts import direction

_HB_SCRIPTS = {"Arab": "Arab", "Guru": "Guru", "Beng": "Beng", "Latn": "Latn"}


class Glyph(NamedTuple):
    """One shaped glyph at size 1: its id, its advance, and its offset from the pen.

    A named tuple, not a class of its own: a pack's shaped text has hundreds of thousands.
    """

    gid: int
    advance: float
    dx: float
    dy: float
    cluster: int
    """Index in the run's text of the first character the glyph stands for."""


_glyph = tuple.__new__
"""Makes a Glyph from a tuple of its fields, as Glyph._make does, at half the cost of Glyph()."""


@dataclass(frozen=True, slots=True)
class Shaped:
    """A run of text shaped in one font: glyphs in visual order and its width, at size 1."""

    glyphs: tuple[Glyph, ...]
    width: float
    missing: tuple[str, ...]
    """Characters the font has no glyph for (HarfBuzz gave .notdef)."""
    top: float = 0.0
    """How far the highest glyph's ink reaches above the baseline (``ink_top``)."""
    ink: tuple[tuple[float, float, float, float], ...] = field(default=(), compare=False)
    """Boxes that hold the word's ink, from its start: (left, right, top, bottom), for spacing
    lines by their ink (text.ink). Made from the glyphs, so not compared."""
    bottom: float = field(default=0.0, compare=False)
    """How far the lowest glyph's ink reaches below the baseline (negative below it)."""


@lru_cache(maxsize=None)
def _face(font: str) -> tuple[hb.Font, int]:
    """The HarfBuzz font of a registered ReportLab TrueType font, and its units per em.

    Made from the font's file (the face's ``filename``), the bytes ReportLab read and embeds:
    shaping and drawing agree on glyph ids.
    """
    data = Path(pdfmetrics.getFont(font).face.filename).read_bytes()
    face = hb.Face(hb.Blob(data))
    return hb.Font(face), face.upem


@lru_cache(maxsize=65536)
def shape(text: str, font: str, script: str, lang: str | None = None) -> Shaped:
    """Shape ``text`` in the registered font ``font`` as ``script``, in the run's direction."""
    hb_font, upem = _face(font)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.direction = direction(script)
    buf.script = _HB_SCRIPTS.get(script, script)
    if lang:
        buf.language = lang
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    glyphs = tuple([_glyph(Glyph, (info.codepoint, pos.x_advance / upem, pos.x_offset / upem,
                                   pos.y_offset / upem, info.cluster))
                    for info, pos in zip(buf.glyph_infos, buf.glyph_positions)])
    missing = [text[g.cluster] for g in glyphs
               if g.gid == 0 and text[g.cluster] not in " \u200c\u200d"]
    total = 0.0
    for glyph in glyphs:
        total += glyph.advance
    ink = word_ink(font, glyphs)
    return Shaped(glyphs, total, tuple(dict.fromkeys(missing)),
                  max((box[2] for box in ink), default=0.0), ink,
                  min((box[3] for box in ink), default=0.0))


Part = tuple[str, Shaped]
"""A word with the spaces after it, and its shape."""


def shape_parts(parts: tuple[str, ...], font: str, script: str,
                lang: str | None = None) -> tuple[tuple[Part, ...], float]:
    """The words of a run (each with the spaces after it) shaped one by one, in visual order,
    left to right, and their width together, at size 1.

    A space ends Arabic joining and Indic syllables, and the bundled fonts neither kern nor
    substitute across one, so a line put together from its shaped words draws the same glyphs
    at the same places as the line shaped whole (tests/test_shaping.py checks this on every
    shipped translation). Words recur where lines do not: each word is shaped once, and drawn
    from operators made once (render.glyphs).
    """
    shaped = [(part, shape(part, font, script, lang)) for part in parts]
    if direction(script) == "rtl":  # HarfBuzz gives visual order: the last word comes first
        shaped.reverse()
    width = 0.0
    for _, one in shaped:
        width += one.width
    return tuple(shaped), width


def join_parts(parts: tuple[Part, ...], rtl: bool) -> tuple[Glyph, ...]:
    """The glyphs of words in visual order (``shape_parts``), as one run: each glyph's cluster
    counted from the start of the whole run's text."""
    starts: list[int] = []
    at = 0
    for text, _ in (reversed(parts) if rtl else parts):
        starts.append(at)
        at += len(text)
    if rtl:
        starts.reverse()
    return tuple(chain.from_iterable(
        [_glyph(Glyph, (gid, advance, dx, dy, cluster + start))
         for gid, advance, dx, dy, cluster in one.glyphs] if start else one.glyphs
        for (_, one), start in zip(parts, starts)))


@lru_cache(maxsize=None)  # one entry per glyph of a bundled font, as the font itself
def glyph_ink(font: str, gid: int) -> tuple[float, float, float, float] | None:
    """A glyph's ink from its origin at size 1, (left, width, top, bottom) with top and
    bottom upwards, from HarfBuzz's glyph extents; None for a glyph with no ink."""
    hb_font, upem = _face(font)
    extents = hb_font.get_glyph_extents(gid)
    if extents is None or not (extents.width and extents.height):
        return None
    top = extents.y_bearing / upem
    return (extents.x_bearing / upem, extents.width / upem, top,
            top + extents.height / upem)  # HarfBuzz's height runs downwards: it is negative


@lru_cache(maxsize=None)
def char_ink(font: str, char: str) -> tuple[float, float] | None:
    """How far the ink of one character of ``font`` rises and sinks at size 1, unshaped."""
    hb_font, _ = _face(font)
    gid = hb_font.get_nominal_glyph(ord(char))
    ink = glyph_ink(font, gid) if gid else None
    return (ink[2], ink[3]) if ink else None


CHUNK = 0.3
"""A word's ink is kept as boxes about this wide (in ems): a few per word, not one per glyph."""

Box = tuple[float, float, float, float]
"""Ink at size 1, relative to its word's start: (left, right, top, bottom), with top and
bottom measured upwards from the baseline (bottom negative below it)."""


def word_ink(font: str, glyphs: Iterable[Glyph]) -> tuple[Box, ...]:
    """Boxes holding the ink of a shaped word's glyphs, each about CHUNK wide: the glyphs
    whose ink starts in one chunk share a box (blank glyphs, such as spaces, have none)."""
    chunks: dict[int, list[float]] = {}
    pen = 0.0
    for glyph in glyphs:
        ink = glyph_ink(font, glyph.gid)
        if ink is not None:
            left, wide, top, bottom = ink
            x = pen + glyph.dx + left
            top, bottom = glyph.dy + top, glyph.dy + bottom
            box = chunks.get(int(x // CHUNK))
            if box is None:
                chunks[int(x // CHUNK)] = [x, x + wide, top, bottom]
            else:
                box[0], box[1] = min(box[0], x), max(box[1], x + wide)
                box[2], box[3] = max(box[2], top), min(box[3], bottom)
        pen += glyph.advance
    return tuple((a, b, c, d) for a, b, c, d in chunks.values())


def ink_top(font: str, glyphs: Iterable[Glyph]) -> float:
    """The highest point any of ``glyphs`` reaches above the baseline, at size 1.

    Nastaliq stacks letters far above a Latin ascent, yet declares an ascent of nearly two
    ems: the first line of a box is placed by the ink that is really there.
    """
    tops = [g.dy + ink[2] for g in glyphs if (ink := glyph_ink(font, g.gid)) is not None]
    return max(tops, default=0.0)


def shaped_width(text: str, font: str, script: str, lang: str | None = None) -> float:
    """Advance width of ``text`` shaped in ``font``, at size 1."""
    return shape(text, font, script, lang).width
