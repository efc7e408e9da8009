"""All text measuring and line breaking: the one place that knows about fonts.

Layouts hand this package styled runs and a width; it returns lines of positioned segments that
carry their own widths, so renderers never measure again. The modules:

- ``fonts``: the family table (fonts/fonts.yaml), font registration and metrics;
- ``breaking``: line-break opportunities (UAX #14) and grapheme clusters (UAX #29);
- ``lines``: the records (Style, Flow, FlowParagraph, Line, Segment, Laid);
- ``layouter``: words, greedy line breaking, placement and alignment.

Shaping (HarfBuzz) and right-to-left ordering belong here too, behind the same interface.
"""

from __future__ import annotations

from activate_pack.text.breaking import break_opportunities, grapheme_boundaries, line_breaks
from activate_pack.text.fonts import (DEFAULT_FAMILY, FAMILIES, FONT_DIR, Family,
                                      UnknownFontFamily, ascent, family, family_names, font_name,
                                      missing_glyphs, width)
from activate_pack.text.layouter import Layouter
from activate_pack.text.lines import Flow, FlowParagraph, Laid, Line, Segment, Style
from activate_pack.text.scripts import has_rtl, language_direction

__all__ = [
    "DEFAULT_FAMILY", "FAMILIES", "FONT_DIR", "Family", "Flow", "FlowParagraph", "Laid", "Layouter",
    "Line", "Segment", "Style", "UnknownFontFamily", "ascent", "break_opportunities", "family",
    "family_names", "font_name", "grapheme_boundaries", "has_rtl", "language_direction",
    "line_breaks",
    "missing_glyphs", "width",
]
