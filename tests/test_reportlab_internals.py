"""The ReportLab internals the renderer relies on are still there, with the shape it uses.

activate-pack reaches past ReportLab's public API in a few places, for speed, for
reproducible bytes and for tagged PDF; docs/reportlab.md lists each one and why. A new
ReportLab release may rename or reshape any of them without notice. These tests look at each
internal directly, so an upgrade fails here, with the patch point named, rather than as a
wrong byte somewhere in a PDF.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

import activate_pack
from activate_pack.render import reportlab as boundary

FONT_FILE = (Path(activate_pack.__file__).parent / "fonts"
             / "AtkinsonHyperlegibleNext-Regular.ttf")
FONT = "reportlab-internals-probe"
"""Registered under a name of its own, so the renderer's fonts are left as they are."""

Drawn = tuple[Canvas, PDFTextObject, TTFont]


def rely(ok: object, point: str, what: str) -> None:
    """Fail, naming the patch point, when an internal is not what ``point`` relies on."""
    if not ok:
        pytest.fail(f"ReportLab changed under {point}: {what}. "
                    "See docs/reportlab.md for what this patch point does and how to update it.")


def params(function: object) -> list[str]:
    """The parameter names of ``function``, in order."""
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def source(function: object) -> str:
    """The source of a ReportLab function, to see which module-level names it looks up."""
    return inspect.getsource(function)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def drawn() -> Iterator[Drawn]:
    """A canvas with one line of TrueType text drawn on it, as the renderer draws."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    canvas = Canvas(io.BytesIO(), invariant=1, pageCompression=1)
    text = canvas.beginText()
    text.setFont(FONT, 10)
    text.textOut("Hello")
    yield canvas, text, pdfmetrics.getFont(FONT)


# The canvas and its text objects


def test_text_object_formats_text_through_one_method(drawn: Drawn) -> None:
    point = "render/reportlab.py: _Text._formatText"
    rely(callable(getattr(PDFTextObject, "_formatText", None)), point,
         "PDFTextObject._formatText is gone")
    rely(params(PDFTextObject._formatText) == ["self", "text"], point,
         f"PDFTextObject._formatText now takes {params(PDFTextObject._formatText)}")
    for method in ("textOut", "textLine"):
        rely("self._formatText(" in source(getattr(PDFTextObject, method)), point,
             f"PDFTextObject.{method} no longer goes through _formatText")
    _, text, font = drawn
    for name, kind in (("_canvas", Canvas), ("_fontname", str), ("_curSubset", int),
                       ("_fontsize", (int, float)), ("_leading", (int, float)),
                       ("_code", list)):
        rely(isinstance(getattr(text, name, None), kind), point,
             f"a text object's {name} is missing or no longer a {kind}")
    rely(getattr(font, "_dynamicFont", None) == 1, point, "TTFont._dynamicFont is not 1")
    rely(callable(getattr(Canvas, "_escape", None)), point, "Canvas._escape is gone")


def test_canvas_begin_text_can_be_overridden() -> None:
    point = "render/reportlab.py: QuickTextCanvas.beginText"
    rely(params(Canvas.beginText) == ["self", "x", "y", "direction"], point,
         f"Canvas.beginText now takes {params(Canvas.beginText)}")


def test_font_state_per_document(drawn: Drawn) -> None:
    point = "render/reportlab.py: _first_subset, embed_fonts"
    canvas, _, font = drawn
    rely(hasattr(font, "state") and callable(getattr(font.state, "get", None)), point,
         "TTFont.state is no longer a mapping from document to its state")
    state = font.state.get(canvas._doc)
    rely(state is not None, point, "TTFont.state holds nothing for a document drawn in")
    rely(isinstance(getattr(state, "assignments", None), dict)
         and state.assignments.get(ord("H")) == ord("H"), point,
         "a font state's assignments no longer map each character to its code (ASCII to itself)")
    rely(isinstance(getattr(state, "subsets", None), list)
         and all(isinstance(s, list) for s in state.subsets), point,
         "a font state's subsets are no longer lists of character codes")
    rely(params(font.getSubsetInternalName) == ["subset", "doc"], point,
         "TTFont.getSubsetInternalName(subset, doc) changed")


def test_info_dictionary_formats_from_the_document_time_stamp(drawn: Drawn) -> None:
    point = "render/reportlab.py: Info.format"
    canvas, _, _ = drawn
    rely(isinstance(getattr(canvas._doc, "_timeStamp", None), TimeStamp), point,
         "PDFDocument._timeStamp is no longer a TimeStamp")
    info = pdfdoc.PDFInfo()
    for name in ("title", "author", "subject", "keywords", "creator", "producer", "trapped",
                 "_dateFormatter"):
        rely(hasattr(info, name), point, f"PDFInfo has no {name}")
    rely({"ts", "dateFormatter"} <= set(params(pdfdoc.PDFDate)), point,
         "PDFDate(ts=, dateFormatter=) changed")


def test_pages_keep_their_drawing_until_saved(drawn: Drawn) -> None:
    point = "render/reportlab.py: compress_last_page, tidy_last_page"
    canvas = Canvas(io.BytesIO(), invariant=1, pageCompression=1)
    canvas.drawString(10, 10, "x")
    canvas.showPage()
    pages = getattr(getattr(canvas._doc, "Pages", None), "pages", None)
    rely(isinstance(pages, list) and len(pages) == 1, point,
         "PDFDocument.Pages.pages is not the list of pages shown so far")
    rely(isinstance(getattr(pages[0], "stream", None), str), point,
         "a shown page no longer keeps its drawing commands as text in .stream")
    rely("filters" in params(pdfdoc.PDFStream), point, "PDFStream(..., filters=) changed")
    rely(hasattr(pages[0], "Trans") and hasattr(pages[0], "XObjects"), point,
         "a shown page no longer has its Trans and XObjects entries as attributes")


def test_binary_streams_are_set_for_a_while_and_put_back() -> None:
    point = "render/reportlab.py: binary_streams"
    before = rl_config.useA85
    with boundary.binary_streams():
        rely(rl_config.useA85 == 0, point, "rl_config.useA85 cannot be set")
    rely(rl_config.useA85 == before, point, "rl_config.useA85 is not put back")
    rely("rl_config.useA85" in source(pdfdoc.PDFImageXObject.__init__), point,
         "pictures no longer read rl_config.useA85 as they are drawn")


def test_canvas_options_and_globals_the_renderer_sets() -> None:
    point = "render/reportlab.py: use_info, binary_streams; render/pdf.py: new_canvas"
    rely({"invariant", "pageCompression", "lang", "initialFontName", "initialFontSize",
          "pdfVersion"} <= set(params(Canvas.__init__)), point, "Canvas() options changed")
    rely(hasattr(rl_config, "useA85"), point, "rl_config.useA85 is gone")
    canvas = Canvas(io.BytesIO())
    doc = canvas._doc
    rely(isinstance(getattr(doc, "info", None), pdfdoc.PDFInfo), point,
         "PDFDocument.info is no longer a PDFInfo the renderer can replace")
    rely(callable(getattr(doc, "Reference", None)) and hasattr(doc, "Catalog"), point,
         "PDFDocument.Reference or .Catalog is gone")


def test_canvas_save_shows_a_last_page_the_same_way() -> None:
    point = "render/reportlab.py: last_drawing_shown"
    rely("if len(self._code): self.showPage()" in source(Canvas.save), point,
         "Canvas.save no longer shows a last page when _code holds drawing")


def test_marked_content_goes_into_the_canvas_code(drawn: Drawn) -> None:
    point = "render/reportlab.py: page_code, text_code"
    canvas, _, _ = drawn
    rely(isinstance(getattr(canvas, "_code", None), list), point,
         "Canvas._code is no longer the list of the page's operators")


# Shaped text and fonts of our own


def test_font_resources_of_our_own(drawn: Drawn) -> None:
    point = "render/reportlab.py: add_font, add_font_resource, compresses"
    canvas, _, _ = drawn
    doc = canvas._doc
    rely(isinstance(getattr(doc, "fontMapping", None), dict), point,
         "PDFDocument.fontMapping is no longer a dict of font names to resource names")
    basic = doc.idToObject.get("BasicFonts")
    rely(isinstance(getattr(basic, "dict", None), dict), point,
         "the document's BasicFonts object (every page's font resources) is gone")
    rely(hasattr(doc, "compression"), point, "PDFDocument.compression is gone")


def test_annotations_and_rectangles_on_the_page(drawn: Drawn) -> None:
    point = "render/reportlab.py: page_rect, annotate_page"
    canvas, _, _ = drawn
    rely(isinstance(getattr(canvas, "_annotationrefs", None), list), point,
         "Canvas._annotationrefs is no longer the list of the page's annotations")
    rely(params(Canvas._absRect) == ["self", "rect", "relative"], point,
         f"Canvas._absRect now takes {params(Canvas._absRect)}")
    rely("page.Annots = self._annotationrefs" in source(Canvas._setAnnotations), point,
         "Canvas._annotationrefs no longer become the page's /Annots")


def test_writer_reaches_text_object_and_subsets(drawn: Drawn) -> None:
    point = "render/reportlab.py: shaped_text, end_shaped_text"
    canvas, text, font = drawn
    rely(getattr(text, "_canvas", None) is canvas and hasattr(canvas, "_doc"), point,
         "a text object's _canvas._doc is gone")
    found = font.splitString("H", canvas._doc)
    rely(isinstance(found, list) and len(found) == 1 and isinstance(found[0][0], int)
         and isinstance(found[0][1], bytes), point,
         "TTFont.splitString(text, doc) no longer gives [(subset, bytes)]")


# Writing the file


def test_document_writing_steps_the_compactor_repeats(drawn: Drawn) -> None:
    point = "render/reportlab.py: prepare_to_write, written_objects, file_header (a copy of PDFDocument.GetPDFData and format)"
    getdata, fmt = source(pdfdoc.PDFDocument.GetPDFData), source(pdfdoc.PDFDocument.format)
    for step in ("fnt.addObjects(self)", "self.info.digest(self.signature)",
                 "self.Outlines.prepare(self, canvas)", "self.Outlines.ready<0",
                 "return self.format()"):
        rely(step in getdata, point, f"PDFDocument.GetPDFData no longer does {step!r}")
    for step in ("self.encrypt.prepare(self)", "numbertoid", "PDFIndirectObject",
                 "PDFFile(self._pdfVersion)"):
        rely(step in fmt, point, f"PDFDocument.format no longer uses {step!r}")
    canvas, _, _ = drawn
    doc = canvas._doc
    for name, kind in (("delayedFonts", list), ("numberToId", dict), ("idToObject", dict),
                       ("idToObjectNumberAndVersion", dict), ("_pdfVersion", tuple)):
        rely(isinstance(getattr(doc, name, None), kind), point,
             f"PDFDocument.{name} is missing or no longer a {kind.__name__}")
    for name in ("ID", "Reference"):
        rely(callable(getattr(doc, name, None)), point, f"PDFDocument.{name} is gone")
    rely(callable(getattr(doc.encrypt, "register", None)), point,
         "the document's encrypt.register is gone")
    rely(isinstance(pdfdoc.PDFFile((1, 4)).strings[0], bytes), point,
         "PDFFile(version).strings[0] is no longer the header bytes")


def test_module_level_formatting_can_be_swapped() -> None:
    point = "render/reportlab.py: quick_formatting"
    rely(params(pdfdoc.format) == ["element", "document", "toplevel"], point,
         f"pdfdoc.format now takes {params(pdfdoc.format)}")
    rely(callable(pdfdoc.PDFName), point, "pdfdoc.PDFName is no longer a function")
    # The swap works only while pdfdoc's own classes look both up as module globals.
    dictionary = source(pdfdoc.PDFDictionary.format)
    rely("format(PDFName(k),document)" in dictionary.replace(" ", ""), point,
         "PDFDictionary.format no longer looks up format and PDFName at call time")
    rely(hasattr(pdfdoc.PDFObjectReference, "format") and callable(pdfdoc.pdfdocEnc), point,
         "pdfdoc.PDFObjectReference or pdfdoc.pdfdocEnc is gone")
    rely(hasattr(rl_config, "invariant") and hasattr(rl_config, "pdfComments"), point,
         "rl_config.invariant or rl_config.pdfComments is gone")


# Reproducible bytes


def test_time_stamp_fields() -> None:
    point = "render/reportlab.py: set_date"
    stamp = TimeStamp(invariant=1)
    for name in ("t", "lt", "YMDhms", "dhh", "dmm", "tzname"):
        rely(hasattr(stamp, name), point, f"TimeStamp has no {name}")


def test_subset_tags_come_from_one_module_function() -> None:
    point = "render/reportlab.py: embed_fonts"
    rely(callable(getattr(ttfonts, "SUBSETN", None)), point, "ttfonts.SUBSETN is gone")
    rely("SUBSETN(n)" in source(TTFont.addObjects), point,
         "TTFont.addObjects no longer asks ttfonts.SUBSETN(n) for each subset's tag")


# Catalog, pages and pictures


def test_catalog_keys_and_image_reader_pixels() -> None:
    rely(isinstance(getattr(pdfdoc.PDFCatalog, "__NoDefault__", None), list),
         "render/reportlab.py: add_catalog_entry", "PDFCatalog.__NoDefault__ is no longer a list")
    rely(isinstance(getattr(pdfdoc.PDFPage, "__NoDefault__", None), list),
         "render/reportlab.py: add_page_entries", "PDFPage.__NoDefault__ is no longer a list")
    getter = source(ImageReader.getRGBData)
    rely("self._data" in getter and "self._dataA" in getter, "render/reportlab.py: cmyk_reader",
         "ImageReader.getRGBData no longer hands back _data (and _dataA as the soft mask)")


# Structure tree objects


def test_objects_and_references_tagging_writes(drawn: Drawn) -> None:
    point = "render/reportlab.py: IndirectObject, object_ref, array_bytes, document_pages, OutlineRoot"
    rely("isinstance(element,PDFObject)" in source(pdfdoc.format).replace(" ", "")
         and "element.format(document)" in source(pdfdoc.format), point,
         "pdfdoc.format no longer asks a PDFObject subclass to format(document) itself")
    canvas, _, _ = drawn
    doc = canvas._doc
    held = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Probe")})
    reference = doc.Reference(held)
    name = getattr(held, "__InternalName__", None)
    rely(name is not None and name in doc.idToObject, point,
         "a registered object no longer carries its __InternalName__")
    number = doc.idToObjectNumberAndVersion.get(name) if name else None
    rely(isinstance(number, tuple) and reference.format(doc) == b"%d %d R" % number, point,
         "a reference no longer formats as 'number version R'")
    for count in (3, 10, 11, 25):
        rely(pdfdoc.PDFArray(list(range(count))).format(doc)
             == boundary.array_bytes([b"%d" % n for n in range(count)]), point,
             f"PDFArray of {count} numbers is no longer written as render/reportlab.py's array_bytes "
             "writes it (a line break after every ten items)")
    outlines = doc.Outlines
    rely(hasattr(outlines, "ready") and params(outlines.prepare) == ["document", "canvas"],
         point, "the document's Outlines no longer have ready and prepare(document, canvas)")


# text/ and layout/


def test_face_metrics_text_reads(drawn: Drawn) -> None:
    _, _, font = drawn
    rely(isinstance(getattr(font.face, "ascent", None), (int, float)), "text/fonts.py: ascent",
         "TTFontFace.ascent is gone")
    rely(getattr(font.face, "filename", None) == str(FONT_FILE), "text/shaping.py: _face",
         "TTFontFace.filename is no longer the file the font was read from")
    rely(isinstance(getattr(font.face, "charToGlyph", None), dict), "text/fonts.py: _drawable",
         "TTFontFace.charToGlyph is no longer a dict of characters to glyph ids")


def test_qr_encoder() -> None:
    point = "layout/qr.py: modules"
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData("https://example.org/")
    code.make()
    count = code.getModuleCount()
    rely(isinstance(count, int) and count >= 21, point, "QRCode.getModuleCount changed")
    rely(isinstance(code.isDark(0, 0), bool) and code.isDark(0, 0), point,
         "QRCode.isDark(row, col) changed (a finder pattern's corner is dark)")
