"""Smaller files: the small objects of a finished PDF packed into compressed object streams.

ReportLab writes every object on its own, uncompressed, with a cross-reference table. A tagged
PDF has thousands of small objects (one per heading, paragraph and list entry of the structure
tree), so this rewrites the file as PDF 1.5 allows (ISO 32000-1 §7.5.7, §7.5.8): streams stay
as they are, every other object goes into compressed object streams, and a cross-reference
stream says where each one is. PDF/X-4 allows both. The same bytes in give the same bytes out.

:func:`write` makes that file from ReportLab's document itself, object by object, without the
file ReportLab would save first: a build saves the time of writing and re-reading it.
"""

from __future__ import annotations

import re
import zlib
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDocument

PER_STREAM = 200
"""Objects packed into one object stream: readers unpack a stream to reach any object in it."""

_HEADER = re.compile(rb"%PDF-1\.(\d)")
_ID = re.compile(rb"/ID\s*(\[<[0-9A-Fa-f]*><[0-9A-Fa-f]*>\])")
_OBJ = re.compile(rb"(\d+) 0 obj\s")


def write(doc: PDFDocument, canvas: Any) -> bytearray:
    """A ReportLab document written straight into a file with object streams.

    The same bytes as repacking the file ReportLab would save (``tests/test_compact.py`` does
    that with a reader of its own), without writing that file
    and reading it back: each object is formatted as ReportLab formats it, in the same order,
    and goes into an object stream (or, if it is a stream, into the file) at once.
    """
    # What ReportLab's GetPDFData does before formatting (fonts are embedded already).
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    # What its format() does, object by object; new objects may be registered on the way.
    doc.encrypt.prepare(doc)
    refs = {"Root": doc.Reference(doc.Catalog), "Info": doc.Reference(doc.info)}
    numbers, objects = doc.numberToId, doc.idToObject
    where = doc.idToObjectNumberAndVersion

    from activate_pack.render.tagging import Element

    spent = (pdfdoc.PDFPage, Element)  # emptied once formatted

    def formatted() -> Iterator[tuple[int, bytes]]:
        # Each object is let go once formatted (others refer to it by number only), so a
        # large document is not held twice, as objects and as bytes, while it is written.
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

    with _quick_formatting():
        head = pdfdoc.PDFFile(doc._pdfVersion).strings[0]
        return _packed(head, doc._pdfVersion[1], formatted(),
                       {key: where[ref.name][0] for key, ref in refs.items()},
                       lambda: _file_id(doc))


def _file_id(doc: PDFDocument) -> bytes | None:
    """The document's ``/ID`` array, as ReportLab would write it."""
    found = _ID.search(b"/ID " + doc.ID())
    return found.group(1) if found else None


@contextmanager
def _quick_formatting() -> Iterator[None]:
    """While a document is formatted, ReportLab's commonest steps are taken in fewer moves.

    ReportLab formats every value through one function, and makes each dictionary key's PDF
    name character by character, in every dictionary it writes (a page has ten keys, a
    document thousands of pages). Here names are made once, and names, numbers and references
    are written at once; everything else goes ReportLab's way. The bytes are the same.
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


def _packed(head: bytes, minor: int, objects: Iterable[tuple[int, bytes]],
            refs: dict[str, int], file_id: bytes | None | Callable[[], bytes | None]
            ) -> bytearray:
    """The file from its header and its objects: (number, what is between 'obj' and 'endobj').

    Objects come in the order of their numbers, from 1, as ReportLab writes them; they may
    be made as they are asked for, and ``file_id`` once they all are. Every ``PER_STREAM``
    small objects are compressed as soon as they have come, so only their compressed form
    is kept until the file's end, where the object streams go.
    """
    out = bytearray(head)
    out[:_HEADER.match(head).end()] = b"%%PDF-1.%d" % max(minor, 5)  # type: ignore[union-attr]
    # The cross-reference stream's rows, made as the objects come (7 bytes each: type, offset
    # or object stream, index), rather than a table of every object kept until the end.
    rows = bytearray(_row(0, 0, 0xFFFF))
    chunk: list[tuple[int, bytes]] = []
    streams: list[tuple[int, int, bytes]] = []  # (objects, length of the head, compressed)
    count = 1
    for number, content in objects:
        if number != count:
            raise ValueError(f"object {number} came where {count} was due")
        count += 1
        body = content.strip()
        if body.endswith(b"endstream"):  # streams stay as they are, in the file
            rows += _row(1, len(out), 0)
            # An end-of-line between the data and 'endstream' (ISO 32000-1 §7.3.8.1), outside
            # the stream's length; ReportLab writes the keyword straight after the data.
            end = content.rindex(b"endstream")
            out += b"%d 0 obj\n%s\n%s%sendobj\n" % (number, content[:end], content[end:],
                                                    b"" if content.endswith(b"\n") else b"\n")
            continue
        rows += _row(2, len(streams), len(chunk))  # its stream's number is known at the end
        chunk.append((number, body))
        if len(chunk) == PER_STREAM:
            streams.append(_object_stream(chunk))
            chunk = []
    if chunk:
        streams.append(_object_stream(chunk))
    if callable(file_id):
        file_id = file_id()
    for at in range(7, len(rows), 7):  # object streams are numbered after every other object
        if rows[at] == 2:
            rows[at + 1:at + 5] = (int.from_bytes(rows[at + 1:at + 5], "big") + count
                                   ).to_bytes(4, "big")
    next_number = count
    for objects_in, first, compressed in streams:
        rows += _row(1, len(out), 0)
        out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
                b"\nstream\r\n" % (next_number, objects_in, first, len(compressed)))
        out += compressed + b"\nendstream\nendobj\n"
        next_number += 1
    xref_number, xref_at = next_number, len(out)
    rows += _row(1, xref_at, 0)
    compressed = zlib.compress(bytes(rows), 6)
    keys = b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in sorted(refs.items()))
    ident = b" /ID " + file_id if file_id else b""
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s%s /Filter /FlateDecode "
            b"/Length %d >>\nstream\r\n" % (xref_number, xref_number + 1, keys, ident,
                                           len(compressed)))
    out += compressed + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return out  # not copied into bytes: a large file is held once


def _row(kind: int, field: int, index: int) -> bytes:
    """One row of the cross-reference stream (/W [1 4 2])."""
    return bytes([kind]) + field.to_bytes(4, "big") + index.to_bytes(2, "big")


def _object_stream(chunk: list[tuple[int, bytes]]) -> tuple[int, int, bytes]:
    """Objects packed into one compressed object stream: (their count, head length, data)."""
    heads: list[bytes] = []
    stream_data = bytearray()
    for number, body in chunk:
        heads.append(b"%d %d" % (number, len(stream_data)))
        stream_data += body + b"\n"
    head = b" ".join(heads) + b"\n"
    return len(chunk), len(head), zlib.compress(bytes(head + stream_data), 6)


def _first_object(data: bytes) -> int:
    """Where the first object starts: the header and its binary comment line come before."""
    found = _OBJ.search(data)
    return found.start() if found else len(data)
