"""Smaller files: the small objects of a finished PDF packed into compressed object streams.

ReportLab writes every object on its own, uncompressed, with a cross-reference table. A tagged
PDF has thousands of small objects (one per heading, paragraph and list entry of the structure
tree), so this rewrites the file as PDF 1.5 allows (ISO 32000-1 §7.5.7, §7.5.8): streams stay
as they are, every other object goes into compressed object streams, and a cross-reference
stream says where each one is. PDF/X-4 allows both. The same bytes in give the same bytes out.
"""

from __future__ import annotations

import re
import zlib

PER_STREAM = 200
"""Objects packed into one object stream: readers unpack a stream to reach any object in it."""

_HEADER = re.compile(rb"%PDF-1\.(\d)")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SECTION = re.compile(rb"xref\s+0\s+(\d+)\s+")
_REF = re.compile(rb"/(Root|Info)\s+(\d+)\s+0\s+R")
_ID = re.compile(rb"/ID\s*(\[<[0-9A-Fa-f]*><[0-9A-Fa-f]*>\])")
_OBJ = re.compile(rb"(\d+) 0 obj\s")


def pack(data: bytes) -> bytes:
    """The file rewritten with object streams and a cross-reference stream.

    A file this module does not recognise as ReportLab's (one cross-reference section, every
    object of generation 0) is returned as it is.
    """
    end = _STARTXREF.search(data)
    header = _HEADER.match(data)
    if end is None or header is None:
        return data
    xref_at = int(end.group(1))
    section = _SECTION.match(data, xref_at)
    if section is None:
        return data
    count = int(section.group(1))
    table = data[section.end():section.end() + 20 * count]
    trailer = data[section.end() + 20 * count:end.start()]
    offsets = {number: int(table[20 * number:20 * number + 10])
               for number in range(1, count) if table[20 * number + 17:20 * number + 18] == b"n"}
    refs = dict((k.decode(), int(v)) for k, v in _REF.findall(trailer))
    file_id = _ID.search(trailer)
    if "Root" not in refs or len(offsets) != count - 1:
        return data
    starts = sorted(offsets.items(), key=lambda item: item[1])
    bodies: dict[int, bytes] = {}
    streams: list[tuple[int, bytes]] = []
    for index, (number, start) in enumerate(starts):
        stop = starts[index + 1][1] if index + 1 < len(starts) else xref_at
        whole = data[start:stop]
        opened = _OBJ.match(whole)
        if opened is None or int(opened.group(1)) != number:
            return data
        body = whole[opened.end():whole.rindex(b"endobj")].strip()
        if body.endswith(b"endstream"):
            streams.append((number, whole))
        else:
            bodies[number] = body
    version = max(int(header.group(1)), 5)
    out = bytearray(data[:_first_object(data)])
    out[:header.end()] = b"%%PDF-1.%d" % version
    where: dict[int, tuple[int, int, int]] = {}  # number: (type, offset or stream, index)
    for number, whole in streams:
        where[number] = (1, len(out), 0)
        out += whole.rstrip() + b"\n"
    packed = sorted(bodies)
    next_number = count
    for first in range(0, len(packed), PER_STREAM):
        chunk = packed[first:first + PER_STREAM]
        heads, content = [], bytearray()
        for index, number in enumerate(chunk):
            heads.append(b"%d %d" % (number, len(content)))
            content += bodies[number] + b"\n"
            where[number] = (2, next_number, index)
        head = b" ".join(heads) + b"\n"
        compressed = zlib.compress(bytes(head + content), 6)
        where[next_number] = (1, len(out), 0)
        out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
                b"\nstream\r\n" % (next_number, len(chunk), len(head), len(compressed)))
        out += compressed + b"\nendstream\nendobj\n"
        next_number += 1
    xref_number = next_number
    where[xref_number] = (1, len(out), 0)
    rows = bytearray(b"\x00" + (0).to_bytes(4, "big") + (0xFFFF).to_bytes(2, "big"))
    for number in range(1, xref_number + 1):
        kind, field, index = where[number]
        rows += bytes([kind]) + field.to_bytes(4, "big") + index.to_bytes(2, "big")
    compressed = zlib.compress(bytes(rows), 6)
    keys = b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in sorted(refs.items()))
    ident = b" /ID " + file_id.group(1) if file_id else b""
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s%s /Filter /FlateDecode "
            b"/Length %d >>\nstream\r\n" % (xref_number, xref_number + 1, keys, ident,
                                           len(compressed)))
    out += compressed + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % where[xref_number][1]
    return bytes(out)


def _first_object(data: bytes) -> int:
    """Where the first object starts: the header and its binary comment line come before."""
    found = _OBJ.search(data)
    return found.start() if found else len(data)
