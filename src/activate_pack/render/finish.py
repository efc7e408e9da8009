"""What makes a PDF the same bytes for the same content and different bytes for different content.

- The dates are the document's date (``SOURCE_DATE_EPOCH``, else the pack's newest source file).
- Each font subset gets a tag made from a hash of the font's name and the characters in it:
  ReportLab names every first subset ``AAAAAA+``, where ISO 32000-1 §9.6.4 wants distinct tags.
- The file identifier ``/ID`` and the XMP instance id are a hash of the finished file, so two
  variants of a pack, or two versions of it, never share one.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from reportlab.pdfbase.pdfdoc import PDFDocument

from activate_pack.render import reportlab
from activate_pack.render.xmp import INSTANCE_PLACEHOLDER

_ID = re.compile(rb"/ID\s*\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def set_date(doc: PDFDocument, epoch: int) -> None:
    """Make ``epoch`` (UTC) the document's creation and modification date."""
    reportlab.set_date(doc, epoch)


def subset_tag(font_name: bytes, characters: list[int]) -> bytes:
    """Six capital letters made from a hash of a font's name and a subset's characters."""
    digest = hashlib.sha256(font_name + b"\0" + ",".join(map(str, characters)).encode()).digest()
    return bytes(_LETTERS[b % 26] for b in digest[:6])


def embed_fonts(doc: PDFDocument) -> None:
    """Write the fonts' subsets now, each tagged by :func:`subset_tag` instead of 'AAAAAA'
    (the fonts of shaped text, render/glyphfonts.py, tag their own)."""
    reportlab.embed_fonts(doc, subset_tag)


def stamp_ids(data: bytes | bytearray) -> bytes | bytearray:
    """The file with ``/ID`` and the XMP instance id set from a hash of its content."""
    found = list(_ID.finditer(data))
    if not found:
        return data
    match = found[-1]
    blank = b"0" * 32
    # Hashed piece by piece, the two ids blanked: no copy of a large file is made for it.
    view = memoryview(data)
    hashed = hashlib.sha256(view[:match.start(1)])
    for piece in (blank, view[match.end(1):match.start(2)], blank, view[match.end(2):]):
        hashed.update(piece)
    digest = hashed.digest()
    file_id = digest[:16].hex().upper().encode()
    stamped = data if isinstance(data, bytearray) else bytearray(data)  # a new file: in place
    stamped[match.start(1):match.end(1)] = file_id
    stamped[match.start(2):match.end(2)] = file_id
    instance = f"uuid:{uuid.UUID(bytes=digest[16:32], version=4)}".encode()
    placeholder = INSTANCE_PLACEHOLDER.encode()
    assert len(instance) == len(placeholder)  # same length: no offset in the file moves
    at = stamped.find(placeholder)
    if at >= 0:
        stamped[at:at + len(placeholder)] = instance
    return stamped
