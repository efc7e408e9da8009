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
from typing import Any, Callable, Iterable

from reportlab.pdfbase.pdfdoc import PDFDocument

from activate_pack.render.reportlab import (file_header, prepare_to_write, quick_formatting,
                                            written_objects)

PER_STREAM = 200
"""Objects packed into one object stream: readers unpack a stream to reach any object in it."""

_HEADER = re.compile(rb"%PDF-1\.(\d)")
_ID = re.compile(rb"/ID\s*(\[<[0-9A-Fa-f]*><[0-9A-Fa-f]*>\])")


def write(doc: PDFDocument, canvas: Any) -> bytearray:
    """A ReportLab document written straight into a file with object streams.

    The same bytes as repacking the file ReportLab would save (``tests/test_compact.py`` does
    that with a reader of its own), without writing that file
    and reading it back: each object is formatted as ReportLab formats it, in the same order,
    and goes into an object stream (or, if it is a stream, into the file) at once.
    """
    from activate_pack.render.tagging import Element

    refs = prepare_to_write(doc, canvas)
    with quick_formatting():
        head, minor = file_header(doc)
        # Structure elements are numerous too: emptied once formatted, as pages are.
        return _packed(head, minor, written_objects(doc, (Element,)), refs,
                       lambda: _file_id(doc))


def _file_id(doc: PDFDocument) -> bytes | None:
    """The document's ``/ID`` array, as ReportLab would write it."""
    found = _ID.search(b"/ID " + doc.ID())
    return found.group(1) if found else None


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
    streams, count = _objects(out, rows, objects)
    if callable(file_id):
        file_id = file_id()
    _object_streams(out, rows, streams, count)
    _xref_stream(out, rows, count + len(streams), refs, file_id)
    return out  # not copied into bytes: a large file is held once


def _objects(out: bytearray, rows: bytearray, objects: Iterable[tuple[int, bytes]]
             ) -> tuple[list[tuple[int, int, bytes]], int]:
    """Write the streams among ``objects`` into ``out`` and pack the others into compressed
    object streams, a row in ``rows`` for each: the object streams (objects, length of the
    head, compressed), and the number after the last object."""
    chunk: list[tuple[int, bytes]] = []
    streams: list[tuple[int, int, bytes]] = []
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
    return streams, count


def _object_streams(out: bytearray, rows: bytearray, streams: list[tuple[int, int, bytes]],
                    count: int) -> None:
    """Write the object streams, numbered from ``count`` (after every other object), and
    point the rows of the objects they hold at them."""
    for at in range(7, len(rows), 7):
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


def _xref_stream(out: bytearray, rows: bytearray, xref_number: int, refs: dict[str, int],
                 file_id: bytes | None) -> None:
    """Write the cross-reference stream (object ``xref_number``, its own row last) and the
    file's end."""
    xref_at = len(out)
    rows += _row(1, xref_at, 0)
    compressed = zlib.compress(bytes(rows), 6)
    keys = b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in sorted(refs.items()))
    ident = b" /ID " + file_id if file_id else b""
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s%s /Filter /FlateDecode "
            b"/Length %d >>\nstream\r\n" % (xref_number, xref_number + 1, keys, ident,
                                           len(compressed)))
    out += compressed + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at


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
