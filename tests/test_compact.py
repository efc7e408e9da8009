"""Object streams: a finished PDF's small objects packed, the file smaller and read the same."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from activate_pack.render.compact import _HEADER, _ID, PER_STREAM, _packed, write
from conftest import require_tool

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SECTION = re.compile(rb"xref\s+0\s+(\d+)\s+")
_REF = re.compile(rb"/(Root|Info)\s+(\d+)\s+0\s+R")


_OBJ = re.compile(rb"(\d+) 0 obj\s")


def _first_object(data: bytes) -> int:
    """Where the first object starts: the header and its binary comment line come before."""
    found = _OBJ.search(data)
    return found.start() if found else len(data)


def pack(data: bytes) -> bytes | bytearray:
    """The file rewritten with object streams and a cross-reference stream, from its bytes.

    ``compact.write`` makes its file from ReportLab's objects; this reads the file ReportLab
    saved instead, so the two are checked against each other.

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
    objects: list[tuple[int, bytes]] = []
    for index, (number, start) in enumerate(starts):
        stop = starts[index + 1][1] if index + 1 < len(starts) else xref_at
        whole = data[start:stop]
        opened = _OBJ.match(whole)
        if opened is None or int(opened.group(1)) != number:
            return data
        objects.append((number, whole[opened.end():whole.rindex(b"endobj")]))
    objects.sort()  # in the order of their numbers, as ReportLab writes them anyway
    return _packed(data[:_first_object(data)], int(header.group(1)), objects, refs,
                   file_id.group(1) if file_id else None)


def _reportlab_file(pages: int) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for number in range(pages):
        canvas.drawString(72, 720, f"Page {number + 1}")
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(f"Page {number + 1}", f"p{number}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_packed_file_holds_the_same_objects_in_object_streams(tmp_path: Path) -> None:
    data = _reportlab_file(300)
    packed = pack(data)
    assert len(packed) < len(data) * 0.8
    assert packed.startswith(b"%PDF-1.5\n") and packed.endswith(b"%%EOF\n")
    assert pack(data) == packed  # the same bytes in, the same bytes out
    before, after = pikepdf.open(io.BytesIO(data)), pikepdf.open(io.BytesIO(packed))
    assert len(after.pages) == 300
    with before.open_outline() as one, after.open_outline() as two:
        assert [i.title for i in one.root] == [i.title for i in two.root]
    streams = [o for o in after.objects if isinstance(o, pikepdf.Stream)
               and o.get("/Type") == "/ObjStm"]
    assert len(streams) >= 2 and all(int(s.N) <= PER_STREAM for s in streams)
    path = tmp_path / "packed.pdf"
    path.write_bytes(packed)
    qpdf = require_tool("qpdf", "qpdf")
    run = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and "No syntax or stream encoding errors" in run.stdout, run.stdout


def test_what_is_not_a_reportlab_file_is_left_as_it_is() -> None:
    for data in (b"", b"%PDF-1.4\nnot really\n", b"%PDF-1.4\nstartxref\n5\n%%EOF\n"):
        assert pack(data) == data


def _reportlab_canvas(pages: int) -> tuple[Canvas, io.BytesIO]:
    """A canvas with pages, bookmarks, links, text in two fonts and a form, ready to be saved."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pagesize=(297.6378, 419.5276))
    canvas.beginForm("mark")
    canvas.rect(0, 0, 10, 10, fill=1)
    canvas.endForm()
    for number in range(pages):
        canvas.setFont("Helvetica-Bold" if number % 2 else "Times-Roman", 12)
        canvas.drawString(72, 720, f"Page {number + 1} (of {pages})")
        canvas.doForm("mark")
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(f"Page {number + 1}", f"p{number}")
        canvas.linkURL(f"https://example.org/{number}?a=(b)", (72.5, 700.25, 200.75, 720 + number / 3))
        canvas.showPage()
    canvas.drawString(72, 720, "Drawn after the last page: a page of its own")
    return canvas, out


def test_writing_a_document_gives_the_bytes_packing_its_saved_file_gives() -> None:
    for pages in (1, 7, 450):  # 450 pages: several object streams
        saved, out = _reportlab_canvas(pages)
        saved.save()
        unsaved, _ = _reportlab_canvas(pages)
        unsaved.showPage()
        written = write(unsaved._doc, unsaved)
        assert written == pack(out.getvalue())
        assert len(pikepdf.open(io.BytesIO(written)).pages) == pages + 1
