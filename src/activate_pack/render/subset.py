"""A TrueType subset whose glyphs stand where shaping put them, each with its shaped advance.

Code ``n`` of the subset draws glyph ``n``: a composite glyph made of the original glyphs of a
cluster, each moved by the offset shaping gave it (Nastaliq's cascade lifts letters by up to
half an em), as wide as the cluster's shaped advance. So a shaped word is drawn as one string on its baseline, like any
text, and the widths the PDF gives (/Widths) are the advances the embedded font has: readers
find glyphs on one line and spaces between words where they are, and validators find the
widths agree.

The original glyphs follow the codes' glyphs, with the glyphs their composites are made of.
Tables are written as ReportLab's own subsetter writes them (``TTFontFile.makeSubset``).
"""

from __future__ import annotations

from struct import pack, unpack
from typing import Any

from reportlab.pdfbase.ttfonts import (GF_ARG_1_AND_2_ARE_WORDS, GF_ARGS_ARE_XY_VALUES,
                                       GF_MORE_COMPONENTS, GF_WE_HAVE_A_SCALE,
                                       GF_WE_HAVE_A_TWO_BY_TWO, GF_WE_HAVE_AN_X_AND_Y_SCALE,
                                       TTFontMaker)

Entry = tuple[tuple[tuple[int, int, int], ...], int]
"""What a code draws: ((original glyph id, x offset, y offset) for each glyph, advance), in
font units."""


def _components(data: bytes) -> list[tuple[int, int]]:
    """Where each component's glyph id is in a composite glyph's data, and the id."""
    found = []
    at, flags = 10, GF_MORE_COMPONENTS
    while flags & GF_MORE_COMPONENTS:
        flags, gid = unpack(">HH", data[at:at + 4])
        found.append((at + 2, gid))
        at += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
        if flags & GF_WE_HAVE_A_SCALE:
            at += 2
        elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
            at += 4
        elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
            at += 8
    return found


def make_subset(face: Any, entries: list[Entry | None]) -> bytes:
    """A TrueType font in which code ``n`` draws ``entries[n]`` (None: nothing; code 0 is
    the original's .notdef)."""
    glyf = face.get_table("glyf")
    positions = face.glyphPos

    def original(gid: int) -> bytes:
        return glyf[positions[gid]:positions[gid + 1]]

    count = len(entries)
    index: dict[int, int] = {}  # original glyph id → its glyph in the subset
    originals: list[int] = []
    queue = [gid for entry in entries if entry is not None for gid, _, _ in entry[0]]
    while queue:
        gid = queue.pop(0)
        if gid in index:
            continue
        index[gid] = count + len(originals)
        originals.append(gid)
        data = original(gid)
        if len(data) > 10 and unpack(">h", data[:2])[0] < 0:
            queue += [component for _, component in _components(data)]
    most = max((len(entry[0]) for entry in entries if entry is not None), default=1)
    glyphs: list[bytes] = [original(0)]
    metrics: list[tuple[int, int]] = [tuple(face.hmetrics[0])]
    for entry in entries[1:]:
        inked = [(gid, dx, dy, original(gid)) for gid, dx, dy in entry[0]] if entry else []
        inked = [(gid, dx, dy, data) for gid, dx, dy, data in inked if data]
        if entry is None or not inked:  # no ink (a space, an unused code): advance only
            glyphs.append(b"")
            metrics.append((entry[1] if entry else 0, 0))
            continue
        boxes = [(dx, dy, unpack(">hhhh", data[2:10])) for _, dx, dy, data in inked]
        left = min(dx + box[0] for dx, _, box in boxes)
        bottom = min(dy + box[1] for _, dy, box in boxes)
        right = max(dx + box[2] for dx, _, box in boxes)
        top = max(dy + box[3] for _, dy, box in boxes)
        parts = [pack(">hhhhh", -1, left, bottom, right, top)]
        for number, (gid, dx, dy, _) in enumerate(inked, 1):
            more = GF_MORE_COMPONENTS if number < len(inked) else 0
            parts.append(pack(">HHhh", more | GF_ARG_1_AND_2_ARE_WORDS | GF_ARGS_ARE_XY_VALUES,
                              index[gid], dx, dy))
        glyphs.append(b"".join(parts))
        metrics.append((entry[1], left))
    for gid in originals:
        data = original(gid)
        if len(data) > 10 and unpack(">h", data[:2])[0] < 0:
            for at, component in _components(data):
                data = data[:at] + pack(">H", index[component]) + data[at + 2:]
        glyphs.append(data)
        metrics.append(tuple(face.hmetrics[gid]))
    return _font(face, glyphs, metrics, count, most)


def _font(face: Any, glyphs: list[bytes], metrics: list[tuple[int, int]], codes: int,
          components: int) -> bytes:
    """The font file: glyphs, their metrics, a character map of ``codes`` codes; composite
    glyphs of up to ``components`` components."""
    output = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        try:
            output.add(tag, face.get_table(tag))
        except KeyError:  # cvt, fpgm and prep are optional
            pass
    output.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)
    # ReportLab reads a left side bearing as unsigned: it is a signed number.
    output.add("hmtx", b"".join(pack(">HH", max(int(advance), 0), int(side) & 0xFFFF)
                                for advance, side in metrics))
    hhea = face.get_table("hhea")
    widest = max(advance for advance, _ in metrics)
    hhea = hhea[:10] + pack(">H", max(widest, unpack(">H", hhea[10:12])[0])) + hhea[12:34] \
        + pack(">H", len(metrics)) + hhea[36:]
    output.add("hhea", hhea)
    maxp = face.get_table("maxp")
    maxp = maxp[:4] + pack(">H", len(glyphs)) + maxp[6:]
    if len(maxp) >= 32:  # a composite around each glyph: one more level of components
        depth = unpack(">H", maxp[28:30])[0] + 1
        points, contours = unpack(">HH", maxp[6:10])
        composite_points, composite_contours = unpack(">HH", maxp[10:14])
        maxp = maxp[:10] + pack(">HH", max(points, composite_points),
                                max(contours, composite_contours)) + maxp[14:26] \
            + pack(">HH", max(components, unpack(">H", maxp[26:28])[0]), depth) + maxp[30:]
    output.add("maxp", maxp)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + codes * 2, 0, 0, codes, *range(codes)]
    output.add("cmap", pack(f">{len(cmap)}H", *cmap))
    offsets, pos, padded = [], 0, []
    for data in glyphs:
        offsets.append(pos)
        data += b"\0" * (-len(data) % 4)
        padded.append(data)
        pos += len(data)
    offsets.append(pos)
    output.add("glyf", b"".join(padded))
    long = (pos >> 1) > 0xFFFF
    output.add("loca", pack(f">{len(offsets)}L", *offsets) if long
               else pack(f">{len(offsets)}H", *(offset >> 1 for offset in offsets)))
    head = face.get_table("head")
    output.add("head", head[:50] + pack(">H", 1 if long else 0) + head[52:])
    return output.makeStream()
