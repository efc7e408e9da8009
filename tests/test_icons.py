"""Icons: the bundled set read safely, drawn on every card face, in black ink for the press,
tagged as decoration beside words or as a figure with alt text alone, chosen by name."""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from activate_pack.layout.boxes import Document, Icon
from activate_pack.layout.iconset import ICON_DIR, IconError, icon, names, parse
from activate_pack.layout.svgpath import path_outlines
from activate_pack.output.build import build
from activate_pack.output.plan import prepare
from activate_pack.output.variants import variants
from activate_pack.layout.printing import PrintOptions
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.render.pdf import render

SCALE = 2.0
"""Pixels per point when pages are rasterised to look for the icons."""


def test_every_bundled_icon_reads_and_is_listed_with_its_checksum() -> None:
    sources = (ICON_DIR / "SOURCES.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| ([a-z0-9-]+)\.svg \| `([0-9a-f]{64})` \|$", sources, re.M))
    assert sorted(listed) == list(names())
    for name in names():
        data = (ICON_DIR / f"{name}.svg").read_bytes()
        assert hashlib.sha256(data).hexdigest() == listed[name], name
        shape = icon(name)
        assert shape.outlines and shape.stroke_width == 2 and shape.cap == "round"
    assert (ICON_DIR / "LICENSE").read_text(encoding="utf-8").startswith("ISC License")


def _on_curve(p0: tuple[float, float], c: tuple[float, ...], t: float) -> tuple[float, float]:
    x1, y1, x2, y2, x3, y3 = c
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
            u ** 3 * p0[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3)


@pytest.mark.parametrize("d", ["M2 12a10 10 0 1 0 20 0a10 10 0 1 0-20 0",
                               "M2 12A10 10 0 1022 12a10 10 0 10-20 0",  # flags run together
                               "M22 12a10 10 45 0 1-20 0 10 10 0 0 1 20 0z"])
def test_arcs_become_curves_that_stay_on_the_circle(d: str) -> None:
    [outline] = list(path_outlines(d))
    point = outline[0][1]
    curves = 0
    for op, values in outline[1:]:
        if op == "C":
            for t in (0.25, 0.5, 0.75):
                x, y = _on_curve((point[0], point[1]), values, t)
                assert math.hypot(x - 12, y - 12) == pytest.approx(10, abs=0.01)
            point = values[4:6]
            curves += 1
    assert curves == 4  # two half circles, each in two quarter-turn curves


def test_relative_commands_quadratics_and_smooth_curves_end_where_svg_says() -> None:
    [outline] = list(path_outlines("m1 1h4v2H1V5l2 2q2 2 4 0t4 0c1 1 2 1 3 0s2-1 3 0"))
    ends = [values[-2:] for _, values in outline]
    assert ends == [(1, 1), (5, 1), (5, 3), (1, 3), (1, 5), (3, 7), (7, 7), (11, 7), (14, 7),
                    (17, 7)]


@pytest.mark.parametrize(("svg", "says"), [
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/><title>&b;</title></svg>',
     "document type"),
    (b'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg/>', "document type"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
     "<image> is not one of the elements"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><g transform="scale(9)"/></svg>', "transform"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1e400 1"/></svg>', "out of range"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1 2"/></svg>', "needs 2"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 %"/></svg>', "cannot be read"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="' + b"L1 1" * 3000 + b'"/></svg>',
     "more than"),
    (b"<svg>" + b" " * 40_000 + b"</svg>", "at most"),
    (b"<svg><path></svg>", "not well-formed"),
])
def test_hostile_or_broken_svg_is_refused_with_a_reason(svg: bytes, says: str) -> None:
    with pytest.raises(IconError, match=re.escape(says)):
        parse("hostile", svg)


@lru_cache(maxsize=None)
def _card_pages(lang: str | None) -> Document:
    """The default pack's A6 cards in ``lang``, laid out as a build lays them."""
    prepared = prepare(default_pack_dir(), variants(("a6",), languages=[lang]), Path("unused"))
    assert not prepared.report.errors, prepared.report.errors
    [output] = prepared.outputs
    return replace(output.imposed.doc, pages=tuple(output.imposed.pages))


@pytest.mark.parametrize("lang", [None, "ur"])
def test_every_card_face_shows_its_icon_on_its_reading_start_side(lang: str | None) -> None:
    """Read back from PDFium's pixels: each icon's square holds its colour, on every face."""
    doc = _card_pages(lang)
    pdf = pdfium.PdfDocument(render(doc, [], "test", "https://example.org"))
    faces = 0
    for number, (page, drawn) in enumerate(zip(doc.pages, pdf), 1):
        icons = [b for b in page.boxes if isinstance(b, Icon)]
        assert len(icons) == 1, f"page {number} ({page.face} of {page.card}) has {len(icons)}"
        [box] = icons
        faces += 1
        if page.face == "front":
            label = next(b for b in page.texts() if b.role == "label")
            # The icon comes first in reading order: left of the label in English, right in Urdu.
            assert (box.x > label.x + label.w - 1) if lang == "ur" else (box.x + box.w < label.x)
        image = drawn.render(scale=SCALE).to_pil().convert("RGB")
        left, top = box.x * SCALE, (page.height - box.y - box.h) * SCALE
        square = image.crop((round(left), round(top), round(left + box.w * SCALE),
                             round(top + box.h * SCALE)))
        want = tuple(int(box.colour[i:i + 2], 16) for i in (1, 3, 5))
        raw = square.tobytes()
        inked = sum(1 for i in range(0, len(raw), 3)
                    if all(abs(raw[i + c] - want[c]) < 40 for c in range(3)))
        assert inked > 0.04 * square.width * square.height, f"page {number}: no icon drawn"
    assert faces == len(doc.pages) == 132


def _icon_forms(pdf: pikepdf.Pdf) -> tuple[dict[tuple[int, int], list[object]], int]:
    """The colour operators and operands of every icon's form (drawn once, reused), and how many
    pages show at least one icon (directly or inside a card back's form)."""
    forms: dict[tuple[int, int], list[object]] = {}
    showing = 0

    def walk(resources: pikepdf.Object) -> bool:
        found = False
        for name, xobject in resources.get("/XObject", {}).items():
            if str(name).startswith("/FormXob.Icon"):
                found = True
                if xobject.objgen not in forms:
                    forms[xobject.objgen] = [
                        item for operands, operator in pikepdf.parse_content_stream(xobject)
                        if str(operator) in ("k", "K", "rg", "RG", "g", "G", "sc", "scn", "SC",
                                             "SCN")
                        for item in (str(operator), *(float(v) for v in operands))]
            elif xobject.get("/Subtype") == "/Form":
                found = walk(xobject.get("/Resources", {})) or found
        return found

    for page in pdf.pages:
        showing += walk(page.obj.get("/Resources", {}))
    return forms, showing


def test_icons_print_in_black_ink_only_with_cmyk(tmp_path: Path) -> None:
    (built,) = build(default_pack_dir(), ("a6",), tmp_path, options=PrintOptions(cmyk=True))
    with pikepdf.open(built.path) as pdf:
        forms, showing = _icon_forms(pdf)
        assert showing == len(pdf.pages) == 132
    assert len(forms) >= 16  # every icon the cards use, each drawn once
    for ops in forms.values():
        assert ops and ops[0] in ("k", "K") and ops[1:4] == [0, 0, 0], ops


def test_a_coloured_icon_prints_as_black_ink_of_its_darkness(make_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Yellow icons on the question cards: four inks on screen colours' terms, black alone here."""
    root = make_pack(**{"layouts/a6.yaml": 'extends: a6\nkinds:\n  question: {on_main: "#FFE082"}\n'})
    (built,) = build(root, ("a6",), tmp_path, options=PrintOptions(cmyk=True))
    with pikepdf.open(built.path) as pdf:
        forms, _ = _icon_forms(pdf)
    inked = [ops for ops in forms.values() if ops[4] > 0]  # type: ignore[operator]
    assert inked, forms
    for ops in inked:
        assert ops[0] in ("k", "K") and ops[1:4] == [0, 0, 0] and 0 < ops[4] < 0.5, ops  # type: ignore[operator]
    # The screen file draws the same icons in the kinds' colours.
    (screen,) = build(default_pack_dir(), ("a6",), tmp_path / "screen")
    with pikepdf.open(screen.path) as pdf:
        assert all(ops[0] in ("rg", "RG") for ops in _icon_forms(pdf)[0].values())


def test_an_icon_alone_is_a_figure_with_alt_text_and_one_beside_words_is_decoration() -> None:
    doc = _card_pages(None)
    front = next(p for p in doc.pages if p.face == "front" and p.card_kind == "question")
    alone = Icon(100, 100, 40, 40, "compass", "#4A3A8C", alt="Explore: finding out together")
    page = replace(front, boxes=(*front.boxes, alone))
    data = render(replace(doc, pages=(page,)), [], "test", "https://example.org")
    pdf = pikepdf.open(io.BytesIO(data))
    figures = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        if node.get("/S") == "/Figure":
            figures.append(str(node.get("/Alt")))
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    assert figures == ["Explore: finding out together"]  # the label's icon is not a figure
    # Both icons are drawn (each an icon's form), the label's inside an artifact.
    ops = [(str(o), [str(v) for v in a]) for a, o in pikepdf.parse_content_stream(pdf.pages[0])]
    marks: list[str] = []
    icons_in: list[str] = []
    for op, operands in ops:
        if op in ("BMC", "BDC"):
            marks.append(operands[0])
        elif op == "EMC" and marks:
            marks.pop()
        elif op == "Do" and operands[0].startswith("/FormXob.Icon"):
            icons_in.append(marks[-1] if marks else "")
    assert icons_in == ["/Artifact", "/Figure"]


def test_a_layout_can_choose_another_icon_by_name(make_pack) -> None:  # type: ignore[no-untyped-def]
    root = make_pack(**{"layouts/a6.yaml": "extends: a6\nicons:\n  kinds:\n    recipe: lightbulb\n"
                                           "  asset_types:\n    gifts-and-skills: users\n"})
    prepared = prepare(root, variants(("a6",)), Path("unused"))
    assert not prepared.report.errors
    [output] = prepared.outputs
    chosen = {(p.card, p.face): [b.name for b in p.boxes if isinstance(b, Icon)]
              for p in output.imposed.pages}
    assert chosen[("soup-club", "front")] == ["lightbulb"]
    assert chosen[("soup-club", "back")] == ["lightbulb"]
    assert chosen[("cooks", "back")] == ["users"]  # its asset type's icon
    assert chosen[("warm-hello", "back")] == ["coffee"]  # its phase's, from the base layout
    assert chosen[("cooks", "front")] == ["sprout"]


def test_icons_move_to_the_other_side_in_urdu_and_stay_the_same_icons() -> None:
    """Icons move with mirroring but are never flipped: the same drawing on the other side."""
    doc = _card_pages("ur")
    english = _card_pages(None)
    for page, original in zip(doc.pages, english.pages):
        [mirrored] = [b for b in page.boxes if isinstance(b, Icon)]
        [plain] = [b for b in original.boxes if isinstance(b, Icon)]
        assert mirrored.name == plain.name and mirrored.w == plain.w
        if page.face == "back":
            assert mirrored.x == pytest.approx(page.width - plain.x - plain.w)


def test_the_about_card_and_the_colophon_credit_the_icons(default_pdfs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    about = PdfReader(default_pdfs["a6"]).pages[1].extract_text()  # the about card's back
    assert "Icons: Lucide, ISC License" in about
    colophon = PdfReader(default_pdfs["a4"]).pages[-1].extract_text()
    assert "Icons: Lucide, ISC License\nhttps://lucide.dev" in colophon
