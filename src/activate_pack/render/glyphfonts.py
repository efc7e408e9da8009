"""Fonts of shaped text, one per font and document: codes, widths and text of their own.

A shaped glyph (an Arabic letter's joining form, a Gurmukhi vowel sign moved before its
consonant, a Bengali conjunct, a Nastaliq dot) often has no character of its own, and one
glyph may stand for different text in different words. So shaped text is not written through
ReportLab's character codes: a document gives each HarfBuzz cluster it draws (its glyphs,
where shaping put them, and its characters) a two-byte code of its own, in the order it first
draws them, in one composite (Type 0) font per font (ISO 32000-1 §9.7), so a word never
changes fonts halfway.

- The code's glyph in the embedded subset (render/subset.py) is made of the cluster's glyphs,
  each moved by the offset shaping gave it, and is as wide as the cluster's advance: so the
  widths (/W) and the font agree, and a word is one string on its baseline, as readers
  expect of a line of text.
- ``ToUnicode`` maps the code to the cluster's characters. Readers that know no /ActualText
  (pdf.js, PDFium, MuPDF) then copy and search the real words.

Nothing is kept between documents: a file's bytes depend on its own content only.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics

from activate_pack.render.reportlab import add_font, add_font_resource, compresses
from activate_pack.render.subset import Entry, make_subset

Key = tuple[tuple[tuple[int, int, int], ...], str, int]
"""What a code draws: ((glyph id, x offset, y offset) for each glyph of a cluster, the text it
stands for, advance), in font units. No glyph: a blank that only gives text."""


class GlyphFont:
    """The shaped glyphs of one font in one document, and the PDF font that draws them."""

    def __init__(self, font_name: str, doc: Any) -> None:
        self.font = pdfmetrics.getFont(font_name)
        self.doc = doc
        self.codes: dict[Key, int] = {}  # code 0 is .notdef; the rest in order of first use
        # A resource name unique in the document; embedded with ReportLab's own fonts when
        # the file is saved, however it is saved (addObjects).
        self.name = add_font(doc, f"{font_name} (shaped)", self)
        self.upem = self.font.face.unitsPerEm

    def code(self, key: Key) -> str:
        """The code (four hex digits) that draws a glyph as :data:`Key` gives it."""
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = len(self.codes) + 1
            if found > 0xFFFF:
                raise ValueError(f"{self.font.fontName}: more than 65,535 shaped glyphs")
        return f"{found:04x}"

    def operator(self, size: str) -> str:
        """The operator that makes this font the text object's font at ``size``."""
        return f"/{self.name} {size} Tf"

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name for it)
        """Add the font to the document: Type 0 font, CID font, widths, ToUnicode, font file."""
        face = self.font.face
        keys = list(self.codes)
        entries: list[Entry | None] = [None, *((glyphs, advance) for glyphs, _, advance in keys)]
        base = (_tag(face.name, keys) + b"+" + face.name + face.subfontNameX).decode("pdfdoc")
        scale = 1000 / self.upem
        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0}),
            "FontDescriptor": self._descriptor(base, make_subset(face, entries)),
            "DW": 0,
            "W": pdfdoc.PDFArray([1, pdfdoc.PDFArray([_number(key[2] * scale)
                                                      for key in keys])]),
            "CIDToGIDMap": pdfdoc.PDFName("Identity")})
        cmap = pdfdoc.PDFStream()
        cmap.content = to_unicode(base, [key[1] for key in keys])
        if compresses(doc):
            cmap.filters = [pdfdoc.PDFZCompress]
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(base), "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(cmap)})
        add_font_resource(doc, self.name, font)

    def _descriptor(self, base: str, data: bytes) -> Any:
        """A reference to the font descriptor with the font file, as ReportLab writes its own
        (``TTFontFace.addSubsetObjects``)."""
        face, doc = self.font.face, self.doc
        font_file = pdfdoc.PDFStream()
        font_file.content = data
        font_file.dictionary["Length1"] = len(data)
        if compresses(doc):
            font_file.filters = [pdfdoc.PDFZCompress]
        symbolic, nonsymbolic = 1 << 2, 1 << 5
        return doc.Reference(pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("FontDescriptor"), "Ascent": face.ascent,
            "CapHeight": face.capHeight, "Descent": face.descent,
            "Flags": (face.flags & ~nonsymbolic) | symbolic,
            "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base),
            "ItalicAngle": face.italicAngle, "StemV": face.stemV,
            "FontFile2": doc.Reference(font_file)}))


def _number(value: float) -> float | int:
    """A width as short as it can be written: whole where it is whole."""
    rounded = round(value, 3)
    return int(rounded) if rounded == int(rounded) else rounded


def glyph_fonts(doc: Any) -> dict[str, GlyphFont]:
    """The document's fonts of shaped glyphs, by font name (made as they are first used)."""
    found: dict[str, GlyphFont] | None = doc.__dict__.get("_glyph_fonts")  # a cache of ours
    if found is None:
        found = doc.__dict__["_glyph_fonts"] = {}
    return found


def glyph_font(doc: Any, font_name: str) -> GlyphFont:
    """The document's font of shaped glyphs of ``font_name``."""
    fonts = glyph_fonts(doc)
    found = fonts.get(font_name)
    if found is None:
        found = fonts[font_name] = GlyphFont(font_name, doc)
    return found


def _tag(face_name: bytes, keys: list[Key]) -> bytes:
    """Six capital letters from a hash of a font's name and the glyphs its subset holds."""
    digest = hashlib.sha256(face_name + b"\0" + repr(keys).encode()).digest()
    return bytes(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[b % 26] for b in digest[:6])


def to_unicode(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap (ISO 32000-1 §9.10.3) mapping two-byte codes from 1 to their text."""
    rows = [f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>"
            for code, text in enumerate(texts, 1)]
    body = [line for start in range(0, len(rows), 100)  # at most 100 to a block
            for line in (f"{len(rows[start:start + 100])} beginbfchar", *rows[start:start + 100],
                         "endbfchar")]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", "<< /Registry (Adobe)", "/Ordering (UCS)", "/Supplement 0",
        ">> def", f"/CMapName /{name}-UCS def", "/CMapType 2 def", "1 begincodespacerange",
        "<0000> <FFFF>", "endcodespacerange", *body, "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])
