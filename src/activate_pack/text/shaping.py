"""Shaping with HarfBuzz, for runs whose script needs it (Latin text never comes here).

A run is shaped once per (text, font) and kept: its glyph ids, advances and offsets at size 1,
in points, in visual order (HarfBuzz puts a right-to-left run's glyphs left to right). Its width
is what line breaking measures, and its glyphs are what the PDF draws, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
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


@lru_cache(maxsize=None)
def _face(font: str) -> tuple[hb.Font, int]:
    """The HarfBuzz font of a registered ReportLab TrueType font, and its units per em."""
    data = pdfmetrics.getFont(font).face._ttf_data
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
    return Shaped(glyphs, total, tuple(dict.fromkeys(missing)), ink_top(font, glyphs))


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


@lru_cache(maxsize=65536)
def _glyph_top(font: str, gid: int) -> float:
    """How far a glyph's ink reaches above its origin, at size 1 (0 for no ink)."""
    hb_font, upem = _face(font)
    extents = hb_font.get_glyph_extents(gid)
    return extents.y_bearing / upem if extents is not None else 0.0


def ink_top(font: str, glyphs: Iterable[Glyph]) -> float:
    """The highest point any of ``glyphs`` reaches above the baseline, at size 1.

    Nastaliq stacks letters far above a Latin ascent, yet declares an ascent of nearly two
    ems: the first line of a box is placed by the ink that is really there.
    """
    return max((g.dy + _glyph_top(font, g.gid) for g in glyphs), default=0.0)


def shaped_width(text: str, font: str, script: str, lang: str | None = None) -> float:
    """Advance width of ``text`` shaped in ``font``, at size 1."""
    return shape(text, font, script, lang).width
