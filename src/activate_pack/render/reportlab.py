"""Every place the renderer reaches past ReportLab's public API, each with its reason.

The public API, used everywhere else, is what ReportLab's user guide shows: the canvas and its
text objects, ``pdfmetrics``, ``ImageReader``, colours, and ``pdfdoc``'s object classes (a
``PDFObject`` writes itself through ``format(document)``; the document's ``Reference``). What
else the renderer needs (a private attribute, a module global swapped for a while, a method
overridden, an attribute of ReportLab's objects set by hand, a step of ReportLab's copied) is
here and nowhere else, for one of three reasons: speed, the same bytes for the same input, or
PDF features ReportLab lacks (tagged PDF, PDF/X, CMYK pictures with transparency).

Every entry was tested with the ReportLab versions in :data:`TESTED_WITH`. docs/reportlab.md
lists them for whoever upgrades; tests/test_reportlab_internals.py fails, naming the entry,
when a release changes what one relies on, and tests/test_reportlab_boundary.py fails when
another module touches an internal itself.
"""

from __future__ import annotations

import time
import zlib
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterator

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.pdfdoc import (PDFCatalog, PDFDate, PDFDictionary, PDFDocument, PDFInfo,
                                      PDFName, PDFObject, PDFStream, PDFString)
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

TESTED_WITH = ("5.1.0",)
"""The ReportLab releases every entry of this module was tested with (requirements.lock)."""


# The canvas and its text objects.


def page_code(canvas: Canvas) -> list[str]:
    """The operators of the page (or form) being drawn, for marked content (BDC/EMC) and
    tagging's spans: ReportLab has no call that opens marked content. Tested: 5.1.0."""
    return canvas._code


def text_code(text: PDFTextObject) -> list[str]:
    """The operators of a text object, for marked content inside a line (a link in its
    paragraph's line). Tested: 5.1.0."""
    return text._code


def document(canvas: Canvas) -> PDFDocument:
    """The document a canvas draws into: its objects, fonts and catalog. Tested: 5.1.0."""
    return canvas._doc


def page_rect(canvas: Canvas, rect: tuple[float, float, float, float]
              ) -> tuple[float, float, float, float]:
    """A rectangle in the page's coordinates, as ReportLab places a link's (the current
    transformation applied): for link annotations and figures' boxes. Tested: 5.1.0."""
    left, bottom, right, top = canvas._absRect(rect, relative=1)
    return left, bottom, right, top


def annotate_page(canvas: Canvas, ref: Any) -> None:
    """Put an annotation (registered already) on the page being drawn: ReportLab's own links
    cannot carry a structure parent. Tested: 5.1.0."""
    canvas._annotationrefs.append(ref)


class QuickTextCanvas(Canvas):
    """A canvas whose text objects write text in a font's first subset quickly (:class:`_Text`).

    Overrides ``Canvas.beginText``, which ``drawString`` and tagging's lines go through.
    Tested: 5.1.0.
    """

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> PDFTextObject:
        """A text object that writes text in a font's first subset quickly (:class:`_Text`)."""
        return _Text(self, x, y, direction=direction)


class _Text(PDFTextObject):
    """A ReportLab text object that writes most text without going character by character.

    ReportLab finds the subset and code of each character of a string in turn (speed: most of a
    large pack's time). When every character of a string already has its code in a font's
    first subset, as soon happens with Latin text, the string is turned into its codes in one
    step instead: the same operators. Anything else (new characters, other subsets, other
    fonts, empty text) goes ReportLab's way. Overrides ``PDFTextObject._formatText``, which
    ``textOut`` and ``textLine`` call. Tested: 5.1.0.
    """

    _curSubset: int  # ReportLab's: the subset the last text was shown in

    def _formatText(self, text: str) -> str:
        font = pdfmetrics.getFont(self._fontname)
        if not text or type(text) is not str or not getattr(font, "_dynamicFont", 0):
            return super()._formatText(text)
        canvas = self._canvas
        codes = _first_subset(canvas, font)
        if codes is None or not codes[0].issuperset(text):
            return super()._formatText(text)
        shown = f"({canvas._escape(text.translate(codes[1]).encode('latin-1'))}) Tj"
        if self._curSubset == 0:
            return shown
        self._curSubset = 0
        name = font.getSubsetInternalName(0, canvas._doc)
        return f"{name} {fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL {shown}"


def _first_subset(canvas: Canvas, font: TTFont) -> tuple[frozenset[str], dict[int, int]] | None:
    """The characters of ``font`` coded in its first subset in this document, and their codes
    (from the font's per-document ``state.assignments``).

    Made again only when the font has given codes to more characters since. Tested: 5.1.0.
    """
    known: dict[str, tuple[dict[int, int], int, tuple[frozenset[str], dict[int, int]]]] = \
        canvas.__dict__.setdefault("_first_subsets", {})
    found = known.get(font.fontName)
    if found is not None and len(found[0]) == found[1]:
        return found[2]
    state = font.state.get(canvas._doc)
    if state is None:
        return None
    assignments = state.assignments
    table = {char: code for char, code in assignments.items() if code < 256}
    if 32 in table:  # a no-break space is written as a space
        table[0xA0] = table[32]
    codes = (frozenset(map(chr, table)), table)
    known[font.fontName] = (assignments, len(assignments), codes)
    return codes


def shaped_text(text_object: PDFTextObject) -> tuple[Canvas, PDFDocument, Any]:
    """A text object's canvas, document, and the font it last set (ReportLab's subset number,
    or the key :func:`end_shaped_text` left): shaped glyphs are written as operators of our
    own, straight into the text object (render/glyphs.py). Tested: 5.1.0."""
    canvas = text_object._canvas
    return canvas, canvas._doc, text_object._curSubset


def end_shaped_text(text_object: PDFTextObject, operators: str, font_key: Any) -> None:
    """Hand a text object shaped glyphs' operators, and leave it knowing that the font in use
    is not one of ReportLab's subsets, so its next text sets its own font first.
    Tested: 5.1.0."""
    if operators:
        text_object._code.append(operators)
    text_object._curSubset = font_key


# Document information, dates and metadata.


class Info(PDFInfo):
    """The document information dictionary with the licence (and PDF/X version) added, which
    ``PDFInfo`` has no place for. Overrides ``PDFInfo.format``; reads the document's
    ``_timeStamp`` and its own ``_dateFormatter``. Tested: 5.1.0."""

    licence_url = ""
    rights = ""
    pdfx = ""

    def format(self, document: Any) -> bytes:
        stamp = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        return PDFDictionary({
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator), "Producer": PDFString(self.producer),
            "CreationDate": stamp, "ModDate": stamp, "Trapped": PDFName(self.trapped),
            "License": PDFString(self.licence_url), "Rights": PDFString(self.rights),
            **({"GTS_PDFXVersion": PDFString(self.pdfx)} if self.pdfx else {}),
        }).format(document)


def use_info(canvas: Canvas, info: Info) -> None:
    """Make ``info`` the document's information dictionary, before the canvas's ``setTitle``
    and friends fill it in. Tested: 5.1.0."""
    canvas._doc.info = info


def set_date(doc: PDFDocument, epoch: int) -> None:
    """Make ``epoch`` (UTC) the document's creation and modification date, never the clock:
    a ``TimeStamp``'s fields set by hand, and the document's ``_timeStamp``. Tested: 5.1.0."""

    stamp = TimeStamp(invariant=1)
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    doc._timeStamp = stamp


class PlainStream(PDFStream):
    """A stream written as it is, with no ``/Filter`` at all (ReportLab writes an empty one):
    XMP stays readable to tools that search files for it. Overrides ``PDFStream.format``,
    reading its ``dictionary`` and ``content``. Tested: 5.1.0."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary({**self.dictionary.dict, "Length": len(self.content)})
        return dictionary.format(document) + b"\nstream\n" + self.content + b"endstream\n"


def commented(obj: PDFObject, words: str) -> None:
    """Give an object the comment ReportLab writes before it when ``rl_config.pdfComments`` is
    on (``__Comment__``), as it comments its own: for whoever reads the file. Tested: 5.1.0."""
    obj.__Comment__ = words


def add_catalog_entry(doc: PDFDocument, key: str, value: Any) -> None:
    """Set a catalog entry ReportLab's catalog does not list (``/OutputIntents``): the catalog
    writes only the keys of its ``__NoDefault__``. Listed keys go through the canvas's public
    ``setCatalogEntry``. Tested: 5.1.0."""
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, key]
    setattr(catalog, key, value)


class OutlineRoot(PDFDictionary):
    """The outline dictionary, ready as ReportLab asks of its own outlines when saving (``ready``
    and ``prepare(document, canvas)``). Tested: 5.1.0."""

    ready = 1

    def prepare(self, document: Any, canvas: Any) -> None:
        """Nothing to prepare: the items are made already."""


def use_outlines(doc: PDFDocument, root: OutlineRoot) -> None:
    """Make ``root`` the document's outline in place of ReportLab's own (empty) one, shown
    when the file opens. Tested: 5.1.0."""
    doc.Outlines = doc.Catalog.Outlines = root
    doc.Catalog.PageMode = PDFName("UseOutlines")


# Pages.


def tidy_last_page(canvas: Canvas) -> Any:
    """The page just shown, its transition dictionary dropped (ReportLab gives every page an
    empty one: a page turns as it likes) and its dictionary of forms shared with the pages
    that use the same forms. Tested: 5.1.0."""
    page = canvas._doc.Pages.pages[-1]
    page.Trans = None
    xobjects = getattr(page, "XObjects", None)
    if xobjects is not None:
        shared = canvas.__dict__.setdefault("_xobjects", {})
        page.XObjects = shared.setdefault(tuple(xobjects.dict), xobjects)
    return page


def compress_last_page(canvas: Canvas, level: int) -> None:
    """Compress the page just shown now rather than at save time.

    ReportLab keeps every page's drawing commands as text (the page's ``stream``) until the
    whole file is saved; for a 10,000-card pack that text dominates memory. Compressed now,
    as the page's ``Contents``, it takes a quarter of the room. Tested: 5.1.0.
    """
    page = canvas._doc.Pages.pages[-1]
    if getattr(page, "Contents", None) or not getattr(page, "stream", None):
        return
    text = page.stream
    data = text.encode("utf-8") if isinstance(text, str) else text
    stream = PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode")}),
                       zlib.compress(data, level), filters=[])
    commented(stream, "page stream")
    page.Contents, page.stream = stream, None


def add_page_entries(page: Any, **entries: Any) -> None:
    """Give a page object entries ReportLab's page does not list (``StructParents``,
    ``Tabs``): a page writes only the keys of its ``__NoDefault__``. Tested: 5.1.0."""
    page.__NoDefault__ = [*page.__NoDefault__, *entries]
    for key, value in entries.items():
        setattr(page, key, value)


def document_pages(document: PDFDocument) -> list[Any]:
    """The document's page objects so far, for references to pages drawn later.
    Tested: 5.1.0."""
    return document.Pages.pages


def last_drawing_shown(canvas: Canvas) -> None:
    """Show what is drawn after the last page as a page of its own, as ``Canvas.save`` does
    (for files finished without ``save``). Tested: 5.1.0."""
    if len(canvas._code):
        canvas.showPage()


# Structure tree objects that write themselves.


class IndirectObject(PDFObject):
    """A PDF object that is an indirect object wherever it is named (``__RefOnly__``): a
    structure element is written once and referred to from its parent and the parent tree.
    Tested: 5.1.0."""

    __RefOnly__ = 1


def object_ref(document: Any, obj: Any) -> bytes:
    """A reference to ``obj`` as ReportLab writes it ('12 0 R'), registering it if it is new.

    Elements, pages and the structure tree root are registered before the file is written, so
    their numbers are looked up at once (``__InternalName__``, ``idToObject``,
    ``idToObjectNumberAndVersion``) without a reference object made for each. Tested: 5.1.0.
    """
    name = getattr(obj, "__InternalName__", None)
    if name is None or name not in document.idToObject:
        return document.Reference(obj).format(document)
    return b"%d %d R" % document.idToObjectNumberAndVersion[name]


def array_bytes(items: list[bytes]) -> bytes:
    """An array as ReportLab's ``PDFArray.format`` writes it (copied: a line break after every
    ten items), for arrays of thousands of references. Tested: 5.1.0."""
    if len(items) > 10:
        items = list(items)
        for index in reversed(range(10, len(items), 10)):
            items.insert(index, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"


# Fonts.


def embed_fonts(doc: PDFDocument, tag_of: Callable[[bytes, list[int]], bytes]) -> None:
    """Write the fonts' subsets now, each tagged ``tag_of(font name, its characters)``.

    ReportLab asks the module function ``ttfonts.SUBSETN`` for the tag of subset n and tags
    every font's first subset 'AAAAAA'; it is swapped per font while ``font.addObjects(doc)``
    runs (the subsets read from the font's per-document ``state``), and restored. Fonts that
    are not ReportLab's (shaped text, render/glyphfonts.py) add their own objects. The
    document's ``delayedFonts`` are emptied, so saving does not embed them again.
    Tested: 5.1.0.
    """
    original = ttfonts.SUBSETN
    try:
        for font in doc.delayedFonts:
            if not isinstance(font, TTFont):
                font.addObjects(doc)
                continue
            state = font.state.get(doc)
            subsets = [list(s) for s in state.subsets] if state else []
            tags = [tag_of(font.face.name, s) for s in subsets]
            ttfonts.SUBSETN = lambda n, tags=tags: tags[n]
            font.addObjects(doc)
    finally:
        ttfonts.SUBSETN = original
    doc.delayedFonts = []


def add_font(doc: PDFDocument, label: str, font: Any) -> str:
    """Register a font of our own with the document, and return its resource name ('F3', as
    ReportLab names its own): in the document's ``fontMapping``, and among its
    ``delayedFonts``, whose ``addObjects(doc)`` ReportLab calls when it embeds fonts.
    Tested: 5.1.0."""
    name = f"F{len(doc.fontMapping) + 1}"
    doc.fontMapping[label] = "/" + name
    doc.delayedFonts.append(font)
    return name


def add_font_resource(doc: PDFDocument, name: str, font: PDFDictionary) -> None:
    """Put a font dictionary among the fonts every page's resources name (ReportLab's
    ``BasicFonts`` object). Tested: 5.1.0."""
    doc.idToObject["BasicFonts"].dict[name] = doc.Reference(font, name)


def compresses(doc: PDFDocument) -> bool:
    """Whether the document compresses its streams (the canvas's ``pageCompression``).
    Tested: 5.1.0."""
    return bool(doc.compression)


# Pictures.


def cmyk_reader(pixels: Any, data: bytes, alpha: Any | None) -> ImageReader:
    """An ImageReader of CMYK pixels with their transparency as a soft mask.

    ReportLab keeps CMYK pixels as they are; there is no public way to hand it its ``mode``,
    pixel data (``_data``, which ``getRGBData`` returns when set) and soft mask (``_dataA``),
    so they are set by hand. Tested: 5.1.0.
    """
    reader = ImageReader(pixels)
    reader.mode = "CMYK"
    reader._data = data
    reader._dataA = ImageReader(alpha) if alpha is not None else None
    return reader


# Writing the file.


@contextmanager
def binary_streams() -> Iterator[None]:
    """While a document is drawn and written, its streams are binary, not ASCII85 (smaller
    files, faster builds): ``rl_config.useA85`` is read as pictures are drawn and streams
    written, so it is set for that time and put back. Tested: 5.1.0."""
    original = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = original


def prepare_to_write(doc: PDFDocument, canvas: Any) -> dict[str, int]:
    """What ``PDFDocument.GetPDFData`` and ``format`` do before the first object is written
    (copied: fonts, the information's digest, the outline, encryption's preparation), and the
    numbers of the trailer's ``Root`` and ``Info``. Tested: 5.1.0."""
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    doc.encrypt.prepare(doc)
    refs = {"Root": doc.Reference(doc.Catalog), "Info": doc.Reference(doc.info)}
    return {key: doc.idToObjectNumberAndVersion[ref.name][0] for key, ref in refs.items()}


def written_objects(doc: PDFDocument, spent: tuple[type, ...]) -> Iterator[tuple[int, bytes]]:
    """The document's objects, formatted as ``PDFDocument.format`` formats them, in the order
    of their numbers (new objects may be registered on the way): (number, bytes).

    Each object is let go once formatted (others refer to it by number only), so a large
    document is not held twice, as objects and as bytes; pages and objects of the ``spent``
    types are emptied but for their ``__InternalName__``. Tested: 5.1.0.
    """
    numbers, objects = doc.numberToId, doc.idToObject
    where = doc.idToObjectNumberAndVersion
    spent = (pdfdoc.PDFPage, *spent)
    number = 1
    while number in numbers:
        name = numbers[number]
        doc.encrypt.register(*where[name])
        found = objects[name]
        data = pdfdoc.format(found, doc, toplevel=1)
        objects[name] = None
        if type(found) in spent:  # numerous, and what follows names them by number only
            found.__dict__ = {"__InternalName__": name}
        yield number, data
        number += 1


def file_header(doc: PDFDocument) -> tuple[bytes, int]:
    """The file's header as ReportLab writes it for the document's PDF version, and the
    version's minor number. Tested: 5.1.0."""
    return pdfdoc.PDFFile(doc._pdfVersion).strings[0], doc._pdfVersion[1]


@contextmanager
def quick_formatting() -> Iterator[None]:
    """While a document is formatted, ReportLab's commonest steps are taken in fewer moves.

    ReportLab formats every value through one function, and makes each dictionary key's PDF
    name character by character, in every dictionary it writes (a page has ten keys, a
    document thousands of pages). Here names are made once, and names, numbers and references
    are written at once; everything else goes ReportLab's way. The bytes are the same. The
    module globals ``pdfdoc.format`` and ``pdfdoc.PDFName`` are swapped, and restored: this
    works because ``PDFDictionary.format`` and friends look both up at call time. Skipped when
    ``rl_config.pdfComments`` is on without ``invariant``. Tested: 5.1.0.
    """
    original_name, original_format = pdfdoc.PDFName, pdfdoc.format
    if not rl_config.invariant and rl_config.pdfComments:  # comments go ReportLab's way
        yield
        return
    strings: dict[str, bytes] = {}
    reference, encode = pdfdoc.PDFObjectReference, pdfdoc.pdfdocEnc

    def quick(element: Any, document: PDFDocument, toplevel: int = 0) -> bytes:
        kind = type(element)
        if kind is str:
            found = strings.get(element)
            if found is None:
                found = encode(element)
                if len(element) <= 16:  # names and keys repeat; a document's words do not
                    strings[element] = found
            return found
        if kind is int or kind is float:
            return fp_str(element).encode("ascii")
        if kind is reference:
            return b"%d %d R" % document.idToObjectNumberAndVersion[element.name]
        return original_format(element, document, toplevel)

    pdfdoc.PDFName = lru_cache(maxsize=1024)(original_name)
    pdfdoc.format = quick
    try:
        yield
    finally:
        pdfdoc.PDFName, pdfdoc.format = original_name, original_format
