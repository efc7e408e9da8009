"""PDF/X-4 for ``--cmyk``: the output intent, the version keys, and pictures in the press's inks.

ReportLab has no API for output intents, so the objects are written with its low-level PDF
classes. The press condition and its ICC profile come from ``layout/icc.py``, the same
profile the colours were converted with.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFStream, PDFString,
                                       PDFZCompress)
from reportlab.pdfgen.canvas import Canvas

from activate_pack.errors import PackError, Problem
from activate_pack.layout.icc import PRESS, PictureError, picture_to_press
from activate_pack.render.reportlab import (add_catalog_entry, cmyk_reader, commented,
                                            document)

VERSION = "PDF/X-4"
"""What ``GTS_PDFXVersion`` says in the document information and the XMP."""

PDF_VERSION = (1, 6)
"""PDF/X-4 files are PDF 1.6."""

JPEG_QUALITY = 92
"""Photographs converted to CMYK are saved again as JPEG at this quality, without subsampling."""


def add_output_intent(canvas: Canvas) -> None:
    """Give the document a PDF/X output intent that embeds the press's CMYK profile."""
    doc = document(canvas)
    profile = PDFStream(PDFDictionary({"N": 4, "Alternate": PDFName("DeviceCMYK")}),
                        PRESS.profile.read_bytes(), filters=[PDFZCompress])
    commented(profile, "output intent ICC profile")
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(PRESS.identifier),
        "OutputCondition": PDFString(PRESS.condition),
        "RegistryName": PDFString(PRESS.registry),
        "Info": PDFString(PRESS.info),
        "DestOutputProfile": doc.Reference(profile),
    })
    add_catalog_entry(doc, "OutputIntents", PDFArray([intent]))


class PressPictures:
    """Pictures converted to the press's inks, each once per document."""

    def __init__(self) -> None:
        self._readers: dict[tuple[str, float, float], ImageReader] = {}

    def __call__(self, path: str, w: float, h: float) -> ImageReader:
        """The picture at ``path`` as CMYK pixels with its transparency, ready to draw into a
        w × h box (no more pixels than the box needs in print)."""
        key = (path, round(w, 2), round(h, 2))
        if key not in self._readers:
            self._readers[key] = _reader(path, w, h)
        return self._readers[key]


def _reader(path: str, w: float, h: float) -> ImageReader:
    try:
        pixels, alpha = picture_to_press(path, (w, h))
    except PictureError as exc:  # checked when the pages were inked: a file changed since
        raise PackError(Problem(f"the picture cannot be converted to CMYK: {exc}", path)) from None
    if alpha is None and Path(path).suffix.lower() in (".jpg", ".jpeg"):
        # A photograph stays a JPEG: a fifth of the size of its pixels deflated. ReportLab
        # passes the file through and marks it as Adobe CMYK, which is what Pillow writes.
        data = io.BytesIO()
        pixels.save(data, "JPEG", quality=JPEG_QUALITY, subsampling=0)
        data.seek(0)
        return ImageReader(data)
    # ReportLab keeps CMYK pixels as they are; their transparency is handed over as the soft
    # mask it would have split off an RGBA picture.
    return cmyk_reader(pixels, pixels.tobytes(), alpha)

