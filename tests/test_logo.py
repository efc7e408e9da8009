"""A pack's logo: on every card back, the about card and the cover; inherited by adaptations;
found safely; credited; and read back from the real PDFs."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import jsonschema
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from activate_pack.compose.typography import typeset
from activate_pack.output.build import build
from conftest import layout_document
from activate_pack.output.check import check
from activate_pack.errors import PackError
from activate_pack.layout.boxes import ImageBox, Page, Rect, TextBox
from activate_pack.layout.spec import MM, layout_dirs, load_layout
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack
from activate_pack.output.newpack import new_pack
from activate_pack.pack.loading.schema import schema_for

LOGO_RGB = (230, 20, 140)
"""A colour no layout uses, so a pixel of it can only be the logo."""

LOGO_YAML = """\
logo:
  file: {file}
  alt: The Test Group logo
  credit: {{title: Logo, author: Test Group, licence: All rights reserved, exception: true}}
"""

DIRS = layout_dirs(default_pack_dir(), default_pack_dir())


def _is_logo(size: tuple[int, int]) -> bool:
    """The test logo (900 × 300), whatever pixels its place needed: three times as wide."""
    return round(size[0] / size[1]) == 3 and size[0] <= 900


A6_LOGO = (187, 62)
"""The test logo as the A6 pack's screen file embeds it: 150 ppi at the largest place it has
there (a file for printing has twice as many pixels across: 374 × 125)."""


def _png(path: Path, size: tuple[int, int] = (900, 300), rgb: tuple[int, int, int] = LOGO_RGB) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, rgb).save(path, "PNG")
    return path


def _with_logo(root: Path, file: str = "images/logo.png", block: str = LOGO_YAML) -> int:
    """Add a logo to the pack's pack.yaml; return the line of its 'logo:' key."""
    pack_yaml = root / "content/pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8").rstrip("\n") + "\n"
    line = text.count("\n") + 1
    pack_yaml.write_text(text + block.format(file=file), encoding="utf-8")
    return line


@pytest.fixture
def logo_pack(make_pack: Callable[..., Path]) -> Path:
    root = make_pack()
    _png(root / "content/images/logo.png")
    _with_logo(root)
    return root


def drawn_images(pdf: Path) -> list[list[tuple[int, int]]]:
    """Per page, the (width, height) of every image drawn, following forms into their content."""
    with pikepdf.open(pdf) as doc:
        return [_walk(page, page.Resources) for page in doc.pages]


def _walk(owner: object, resources: pikepdf.Dictionary) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    xobjects = resources.get("/XObject", {})
    for operands, operator in pikepdf.parse_content_stream(owner):
        if str(operator) == "Do":
            xobject = xobjects[operands[0]]
            if xobject.Subtype == "/Image":
                found.append((int(xobject.Width), int(xobject.Height)))
            elif xobject.Subtype == "/Form":
                found += _walk(xobject, xobject.get("/Resources", resources))
    return found


def pixel(pdf: Path, index: int, x: float, y: float, dpi: int = 144) -> tuple[int, int, int]:
    """The colour at (x, y) points, PDF coordinates (from the bottom left), of page ``index``."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[index].render(scale=dpi / 72).to_pil().convert("RGB")
        scale = dpi / 72
        return image.getpixel((int(x * scale), int(image.height - y * scale)))  # type: ignore[return-value]
    finally:
        doc.close()


def _near(found: tuple[int, int, int], wanted: tuple[int, int, int], tolerance: int = 10) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, wanted))


def _logo_box(page: Page) -> ImageBox:
    (box,) = [b for b in page.boxes if isinstance(b, ImageBox)]
    return box


def _built(root: Path, out: Path) -> dict[str, Path]:
    return {item.path.name.split("-")[-2]: item.path for item in build(root, ("a6", "a4"), out)}


def test_logo_on_every_back_the_about_card_and_the_cover(logo_pack: Path, tmp_path: Path) -> None:
    pdfs = _built(logo_pack, tmp_path / "out")
    pack = load_pack(logo_pack)
    a6 = drawn_images(pdfs["a6"])
    doc = layout_document(pack, "a6", load_layout("a6", DIRS))
    assert len(a6) == len(doc.pages) == 2 * (len(pack.cards) + 1)
    for number, (page, found) in enumerate(zip(doc.pages, a6), 1):
        # Every back, and the front of the about card; no other front.
        # The logo (three times as wide as high), at no more pixels than its place needs.
        expected = [A6_LOGO] if page.face == "back" or page.card == "about" else []
        assert found == expected, (number, page.card, page.face, found)
    a4 = drawn_images(pdfs["a4"])
    # The cover, and each recipe's back as the A4 pack shows it beside room to write.
    a4_pages = layout_document(pack, "a4", load_layout("a4", DIRS)).pages
    assert len(a4[0]) == 1 and _is_logo(a4[0][0])
    for page, found in zip(a4_pages[1:], a4[1:]):
        assert (len(found) == 1 and _is_logo(found[0])) if page.face == "reverse" else not found
    assert any(page.face == "reverse" for page in a4_pages)
    # Pixels: the logo's colour where layout put it, on a white panel where the page is coloured.
    cover = a4_pages[0]
    for pdf, index, page in ((pdfs["a6"], 0, doc.pages[0]), (pdfs["a6"], 1, doc.pages[1]),
                             (pdfs["a6"], 3, doc.pages[3]), (pdfs["a4"], 0, cover)):
        box = _logo_box(page)
        centre = (box.x + box.w / 2, box.y + box.h / 2)
        assert _near(pixel(pdf, index, *centre), LOGO_RGB), (pdf.name, index)
        assert _near(pixel(pdf, index, centre[0], box.y + box.h + 0.8 * MM), (255, 255, 255)), \
            (pdf.name, index)
        assert any(isinstance(b, Rect) and b.fill == "#FFFFFF" and b.radius for b in page.boxes)


def test_without_a_logo_no_image_is_drawn(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    pdfs = _built(make_pack(), tmp_path / "out")
    assert not any(drawn_images(pdfs["a6"])) and not any(drawn_images(pdfs["a4"]))
    assert load_pack(make_pack()).logo is None


def test_backs_stay_shared_forms_and_the_logo_is_embedded_once(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    plain = build(make_pack(), ("a6",), tmp_path / "plain")[0].path

    def forms_and_images(pdf: Path) -> tuple[int, int]:
        with pikepdf.open(pdf) as doc:
            streams = [o for o in doc.objects if isinstance(o, pikepdf.Stream)]
            forms = sum(1 for o in streams if o.get("/Subtype") == "/Form")
            images = sum(1 for o in streams if o.get("/Subtype") == "/Image")
        return forms, images

    root = make_pack()
    _png(root / "content/images/logo.png")
    _with_logo(root)
    with_logo = build(root, ("a6",), tmp_path / "logo")[0].path
    assert forms_and_images(with_logo) == (forms_and_images(plain)[0], 1)


def test_layout_keeps_the_logo_inside_the_safe_zone_and_off_the_text(logo_pack: Path) -> None:
    pack = load_pack(logo_pack)
    for name, size in (("a6", "a6"), ("a6-home", "a6"), ("a4", "a4")):
        spec = load_layout(name, DIRS)
        doc = layout_document(pack, size, spec)
        safe = max(spec.safe, spec.inset + 1) * MM  # at home, inside the coloured area too
        pages = [p for p in doc.pages if any(isinstance(b, ImageBox) for b in p.boxes)]
        assert pages
        for page in pages:
            logo = _logo_box(page)
            panels = [b for b in page.boxes if isinstance(b, Rect) and b.fill == "#FFFFFF"]
            for box in [logo, *panels]:
                assert box.x >= safe - 0.01 and box.y >= safe - 0.01, (name, page.card, box)
                assert box.x + box.w <= page.width - safe + 0.01, (name, page.card, box)
                assert box.y + box.h <= page.height - safe + 0.01, (name, page.card, box)
            outer = panels[0] if panels else logo
            for text in page.boxes:
                if not isinstance(text, TextBox) or not text.lines:
                    continue
                overlaps_x = text.x < outer.x + outer.w and outer.x < text.x + text.w
                bottom = text.top - text.used_height
                overlaps_y = bottom < outer.y + outer.h and outer.y < text.top
                assert not (overlaps_x and overlaps_y), (name, page.card, text.role)
            # Proportions kept: 900 × 300 pixels stay three to one.
            assert logo.w / logo.h == pytest.approx(3.0, rel=0.001)


def test_an_adaptation_inherits_its_base_logo_from_the_base_folder(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    base = make_pack()
    _png(base / "content/images/logo.png")
    line = _with_logo(base)
    town = tmp_path / "town"
    new_pack(town, base=base, locality="Reading")
    for path in sorted(base.rglob("*"), reverse=True):  # the copy inside town must be enough
        path.unlink() if path.is_file() else path.rmdir()
    pack = load_pack(town)
    assert pack.logo is not None
    assert Path(pack.logo.folder) == town / "upstream"
    assert (pack.logo.location.path, pack.logo.location.line) == ("upstream/content/pack.yaml", line)
    assert not (town / "content/images").exists()
    assert pack.changes is not None and pack.changes.logo is None
    pages = drawn_images(build(town, ("a6",), tmp_path / "out")[0].path)
    assert sum(1 for found in pages if len(found) == 1 and _is_logo(found[0])) \
        == len(pack.cards) + 2


def test_an_adaptations_own_logo_replaces_the_base_logo(make_pack: Callable[..., Path],
                                                        tmp_path: Path) -> None:
    base = make_pack()
    _png(base / "content/images/logo.png")
    _with_logo(base)
    town = tmp_path / "town"
    new_pack(town, base=base, locality="Reading")
    _png(town / "content/images/ours.png", (600, 600), (20, 120, 230))
    _with_logo(town, "images/ours.png")
    pack = load_pack(town)
    assert pack.logo is not None and Path(pack.logo.folder) == town
    assert pack.changes is not None and pack.changes.logo == "changed"
    pdfs = _built(town, tmp_path / "out")
    sizes = {size for found in drawn_images(pdfs["a6"]) for size in found}
    assert len(sizes) == 1 and all(w == h for w, h in sizes), sizes  # square: ours
    about = pdfium.PdfDocument(str(pdfs["a6"]))[0].get_textpage().get_text_range()
    assert typeset(pack.labels.adaptation.logo_changed, "en") in " ".join(about.split())
    # The logo is not under the pack's licence: the colophon lists it with the exceptions.
    with pikepdf.open(pdfs["a4"]) as doc:
        count = len(doc.pages)
    colophon = pdfium.PdfDocument(str(pdfs["a4"]))[count - 1].get_textpage().get_text_range()
    assert "Logo, Test Group, All rights reserved" in " ".join(colophon.split())


def test_an_empty_logo_line_leaves_the_base_logo_off(make_pack: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    base = make_pack()
    _png(base / "content/images/logo.png")
    _with_logo(base)
    town = tmp_path / "town"
    new_pack(town, base=base, locality="Reading")
    assert "original's logo" in (town / "content/pack.yaml").read_text(encoding="utf-8")
    _with_logo(town, block="logo:\n")
    pack = load_pack(town)
    assert pack.logo is None and pack.changes is not None and pack.changes.logo == "removed"
    assert not any(drawn_images(build(town, ("a6",), tmp_path / "out")[0].path))


@pytest.mark.parametrize("file, words", [
    ("/etc/passwd", "absolute path"),
    ("../secret.png", "points outside"),
    ("images/../../secret.png", "points outside"),
    ("images/out.png", "link to somewhere outside"),
    ("images/none.png", "there is no picture"),
    ("images/not-a-picture.png", "not a picture"),
])
def test_unsafe_or_broken_logos_are_refused_with_file_and_line(
        make_pack: Callable[..., Path], tmp_path: Path, file: str, words: str) -> None:
    root = make_pack()
    secret = _png(tmp_path / "secret.png")
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/out.png").symlink_to(secret)
    (root / "content/images/not-a-picture.png").write_text("hello", encoding="utf-8")
    line = _with_logo(root, file)
    out = tmp_path / "out"
    with pytest.raises(PackError) as caught:
        build(root, ("a6", "a4"), out)
    message = str(caught.value)
    assert f"content/pack.yaml:{line}: logo.file: " in message and words in message, message
    assert not out.exists() or not list(out.iterdir())


def test_logo_credits_follow_the_picture_rules(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    _png(root / "content/images/logo.png")
    line = _with_logo(root, block="logo:\n  file: {file}\n  alt: Our logo\n")
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert f"content/pack.yaml:{line}: logo: say who owns this logo" in str(caught.value)
    (root / "content/pack.yaml").write_text(
        (root / "content/pack.yaml").read_text(encoding="utf-8")
        + "  credit: {author: Someone, licence: CC-BY-ND-4.0}\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert (f"content/pack.yaml:{line}: logo.credit.licence: this logo cannot be used in this "
            "pack under its own licence: it is licensed CC BY-ND 4.0") in str(caught.value)
    assert "exception: true" in str(caught.value)


def test_missing_alt_text_and_low_resolution_are_warnings(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    _png(root / "content/images/logo.png", (90, 30))
    line = _with_logo(root, block=LOGO_YAML.replace("  alt: The Test Group logo\n", ""))
    report = check(root)
    assert not report.errors
    alt = [p for p in report.warnings if p.message.startswith("logo.alt:")]
    assert [(p.path, p.line) for p in alt] == [("content/pack.yaml", line)]
    blurred = [p for p in report.warnings if "logo.file" in p.message and "pixels per inch" in p.message]
    # Once per edition at most, judged where the logo is printed largest.
    assert 1 <= len(blurred) <= 2 and all(p.line == line for p in blurred)


def test_same_input_gives_the_same_bytes(logo_pack: Path, tmp_path: Path) -> None:
    one = _built(logo_pack, tmp_path / "one")
    two = _built(logo_pack, tmp_path / "two")
    for size in ("a6", "a4"):
        assert one[size].read_bytes() == two[size].read_bytes()


def test_the_starter_example_builds_once_uncommented(tmp_path: Path) -> None:
    town = tmp_path / "town"
    new_pack(town, locality="Reading", organisation="Reading Neighbours")
    pack_yaml = town / "content/pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    start = text.index("# logo:")
    block = text[start:text.index("\n\n", start)]
    pack_yaml.write_text(text.replace(block, textwrap.dedent(block.replace("# ", "", 1).replace(
        "\n# ", "\n"))), encoding="utf-8")
    _png(town / "content/images/logo.png", (1200, 400))
    pack = load_pack(town)
    assert pack.logo is not None and pack.logo.image.alt == "Reading Neighbours logo"
    assert [c.author for c in pack.exceptions] == ["Reading Neighbours"]
    assert not check(town).errors
    assert "logo" in (town / "README.md").read_text(encoding="utf-8")


def test_the_schema_knows_the_logo() -> None:
    validator = jsonschema.Draft202012Validator(schema_for("pack"))
    base = {"title": "T", "authors": [{"name": "A"}], "licence": "CC-BY-4.0",
            "source_url": "https://example.org", "copyright": "© A"}
    good = base | {"logo": {"file": "images/logo.png", "alt": "Our logo",
                            "credit": {"author": "A", "licence": "CC0-1.0"}}}
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors(base | {"logo": {"file": "x.png", "colour": "red"}}))
    description = schema_for("pack")["$defs"]["PackInfo"]["properties"]["logo"]["description"]
    assert "card back" in description
