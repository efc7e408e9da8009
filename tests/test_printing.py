"""Print-ready output read back from real PDFs: page boxes, crop marks, sheets, duplex, inks."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from activate_pack.output.build import build
from conftest import layout_document
from activate_pack.errors import PackError
from activate_pack.layout.boxes import ImageBox, TextBox
from activate_pack.layout.impose import grid
from activate_pack.layout.spec import MM, layout_dirs, load_layout
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack
from activate_pack.layout.printing import PrintOptions

PACK = load_pack(default_pack_dir())
DIRS = layout_dirs(default_pack_dir(), default_pack_dir())
KIND_COLOURS = {kind: load_layout("a6", DIRS).colours_for(kind).main
                for kind in ("recipe", "question", "ingredient", "about")}
CARDS = len(PACK.cards) + 1  # and the about card


def mm(value: object) -> float:
    return round(float(value) / MM, 3)  # type: ignore[arg-type]


def box_mm(box: object) -> tuple[float, ...]:
    return tuple(mm(v) for v in box)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("shop")
    built = build(default_pack_dir(), ("a6", "a4"), out, options=PrintOptions("shop"))
    return {item.path.name.split("-")[2]: item.path for item in built}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("home")
    return {duplex: build(default_pack_dir(), ("a6",), out,
                          options=PrintOptions("home", duplex))[0].path
            for duplex in ("long", "short", "fold", "none")}


def test_shop_file_names_leave_the_plain_build_alone(shop: dict[str, Path],
                                                     home: dict[str, Path]) -> None:
    assert shop["a6"].name == "activate-pack-a6-community-shop.pdf"
    assert shop["a4"].name == "activate-pack-a4-facilitator-shop.pdf"
    assert {p.name for p in home.values()} == {
        "activate-pack-a6-community-home.pdf", "activate-pack-a6-community-home-short.pdf",
        "activate-pack-a6-community-home-fold.pdf", "activate-pack-a6-community-home-fronts.pdf"}
    assert not (shop["a6"].parent / "activate-pack-a6-community.pdf").exists()


@pytest.mark.parametrize("size, trim", [("a6", (105, 148)), ("a4", (210, 297))])
def test_shop_page_boxes(shop: dict[str, Path], size: str, trim: tuple[int, int]) -> None:
    reader = PdfReader(shop[size])
    assert len(reader.pages) == (2 * CARDS if size == "a6" else len(reader.pages))
    for page in reader.pages:
        t, b, m = box_mm(page.trimbox), box_mm(page.bleedbox), box_mm(page.mediabox)
        assert (t[2] - t[0], t[3] - t[1]) == pytest.approx(trim, abs=0.001)
        assert b == pytest.approx((t[0] - 3, t[1] - 3, t[2] + 3, t[3] + 3), abs=0.001)
        # The page is enlarged beyond the bleed to hold crop marks 4 + 5 mm out.
        assert m[0] <= t[0] - 9 and m[1] <= t[1] - 9 and m[2] >= t[2] + 9 and m[3] >= t[3] + 9


def test_shop_crop_marks_lie_outside_the_bleed_and_colour_runs_into_it(shop: dict[str, Path]) -> None:
    dpi = 150
    page = pdfium.PdfDocument(shop["a6"])[0]  # the about card: its band runs to three edges
    image = page.render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB")
    px = dpi / 25.4  # pixels per mm
    trim = (11, 11, 116, 159)  # mm from the page's bottom-left, as the TrimBox test reads
    height_mm = image.height / px

    def at(x_mm: float, y_mm: float) -> tuple[int, int, int]:
        return image.getpixel((int(x_mm * px), int((height_mm - y_mm) * px)))  # type: ignore[return-value]

    dark = 0
    for y in range(image.height):
        for x in range(image.width):
            xm, ym = x / px, height_mm - y / px
            inside_bleed = 8 - 0.3 <= xm <= 119 + 0.3 and 8 - 0.3 <= ym <= 162 + 0.3
            if inside_bleed or sum(image.getpixel((x, y))) > 600:
                continue
            # Anything printed outside the bleed must be a crop mark on a trim line.
            on_line = (min(abs(xm - v) for v in (trim[0], trim[2])) < 0.6
                       or min(abs(ym - v) for v in (trim[1], trim[3])) < 0.6)
            assert on_line, (round(xm, 1), round(ym, 1))
            dark += 1
    assert dark > 8 * 5 * px * 0.5  # eight marks of about 5 mm each
    # The middle of each mark is dark: top-left corner, vertical and horizontal marks …
    assert sum(at(trim[0], trim[3] + 6.5)) < 450 and sum(at(trim[0] - 6.5, trim[3])) < 450
    # … and the paper between the bleed and the marks is clear (1 mm).
    assert sum(at(trim[0], trim[3] + 3.5)) > 700 and sum(at(trim[0] - 3.5, trim[3])) > 700
    # The about card's band colour fills the bleed above the trim.
    band = KIND_COLOURS["about"]
    rgb = tuple(int(band[i:i + 2], 16) for i in (1, 3, 5))
    assert at(50, trim[3] + 1.5) == pytest.approx(rgb, abs=12)
    assert at(trim[0] - 1.5, trim[3] - 5) == pytest.approx(rgb, abs=12)


@pytest.mark.parametrize("layout", ["a6", "a6-home"])
def test_text_and_pictures_inside_the_safe_zone_on_every_card(layout: str) -> None:
    spec = load_layout(layout, DIRS)
    doc = layout_document(PACK, "a6", spec)
    safe = spec.safe * MM
    assert spec.safe >= 5
    for page in doc.pages:
        for box in page.boxes:
            if isinstance(box, TextBox):
                left, bottom, right, top = box.x, box.top - box.h, box.x + box.w, box.top
            elif isinstance(box, ImageBox):
                left, bottom, right, top = box.x, box.y, box.x + box.w, box.y + box.h
            else:
                continue
            assert left >= safe - 0.01 and bottom >= safe - 0.01, (page.card, page.face, box)
            assert right <= page.width - safe + 0.01 and top <= page.height - safe + 0.01, \
                (page.card, page.face, box)


def test_home_sheets_page_count_and_order(home: dict[str, Path]) -> None:
    sheets = -(-CARDS // 4)
    counts = {duplex: len(PdfReader(path).pages) for duplex, path in home.items()}
    assert counts == {"long": 2 + 2 * sheets, "short": 2 + 2 * sheets,
                      "fold": 1 + -(-CARDS // 2), "none": 1 + sheets}
    reader = PdfReader(home["long"])
    for page in reader.pages:
        assert box_mm(page.mediabox) == pytest.approx((0, 0, 210, 297), abs=0.01)
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    labels = PACK.labels.printing
    assert labels.title in texts[0] and labels.bar in texts[0]
    assert "Actual size" in texts[0] and "Flip on long edge" in texts[0]
    assert labels.back_title in texts[1]
    # Fronts then backs: the first sheet of fronts shows four titles, its backs none of them.
    first = [PACK.cards[i].title for i in range(3)]
    assert all(title in texts[2] for title in first)
    assert not any(title in texts[3] for title in first)
    assert "Flip on short edge" in " ".join(PdfReader(home["short"]).pages[0].extract_text().split())


def render(path: Path, index: int, dpi: int = 60) -> Image.Image:
    return pdfium.PdfDocument(path)[index].render(scale=dpi / 72).to_pil().convert("RGB")


def kind_at(image: Image.Image, x_mm: float, y_mm_from_top: float) -> str | None:
    """Which kind's colour (or None for paper) is at a point of a rendered A4 sheet."""
    px = image.width / 210
    colour = image.getpixel((int(x_mm * px), int(y_mm_from_top * px)))
    for kind, hexa in KIND_COLOURS.items():
        rgb = tuple(int(hexa[i:i + 2], 16) for i in (1, 3, 5))
        if all(abs(a - b) <= 12 for a, b in zip(colour, rgb)):  # type: ignore[arg-type]
            return kind
    assert sum(colour) > 700, colour  # type: ignore[arg-type]
    return None


def check_backs_behind_fronts(path: Path, front_index: int, duplex: str) -> list[str | None]:
    """Render a sheet of fronts and its backs, turn the backs over as the printer does, and
    compare the colour of each card's band with the colour behind it."""
    front = render(path, front_index)
    back = render(path, front_index + 1)
    # Seen through the paper from the front, the back is mirrored left-right after a
    # long-edge flip and top-bottom after a short-edge one.
    seen = ImageOps.mirror(back) if duplex == "long" else ImageOps.flip(back)
    kinds = []
    for slot in grid((210, 297), (105, 148), 2, 2):  # millimetres in, millimetres out
        left, top = slot.x, 297 - slot.top
        band = kind_at(front, left + 8, top + 20)  # in the coloured band, left of the title
        behind = kind_at(seen, left + 8, top + 20)
        middle = kind_at(seen, left + 52.5, top + 140)  # low down on the back, below the ring
        # A back in the kind's colour is that colour low down too; a back that carries the
        # card's words (a recipe's) has its band at the top, as the front does, and paper below.
        assert band == behind and middle in (band, None), (slot, band, behind, middle)
        kinds.append(band)
    return kinds


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_rendered_backs_sit_behind_their_fronts(home: dict[str, Path], duplex: str) -> None:
    # Sheet 1 of cards: the about card then questions; sheet 7: the last question, then
    # ingredients. Both mix kinds, so a back in the wrong slot shows.
    assert check_backs_behind_fronts(home[duplex], 2, duplex) == ["about", "question",
                                                                 "question", "question"]
    assert check_backs_behind_fronts(home[duplex], 2 + 2 * 6, duplex) == [
        "question", "ingredient", "ingredient", "ingredient"]


SMALL = {
    "content/pack.yaml": """\
        title: Small Pack
        version: "1"
        language: en-GB
        authors: [{name: Test Author}]
        licence: CC-BY-4.0
        source_url: https://example.org/small
        copyright: "© 2026 Test Author"
        """,
    "content/questions/q.yaml": """\
        - {id: q-one, title: One, question: Who?, prompts: [Why?, When?], phase: warm-up}
        - {id: q-two, title: Two, question: What?, prompts: [How?, Where?], phase: explore}
        """,
    "content/ingredients/i.yaml": """\
        - {id: i-one, title: Cooks, asset_type: gifts-and-skills, prompt: Who cooks?}
        - {id: i-two, title: Halls, asset_type: physical-spaces, prompt: Which hall?}
        """,
    "content/recipes/r.yaml": """\
        id: r-one
        title: Soup
        summary: Cook soup together.
        """,
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    for name, text in SMALL.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_part_filled_last_sheet_keeps_backs_behind_fronts(small: Path, tmp_path: Path,
                                                          duplex: str) -> None:
    (built,) = build(small, ("a6",), tmp_path, options=PrintOptions("home", duplex))
    assert len(PdfReader(built.path).pages) == 2 + 4  # six cards: a full sheet, then two
    assert check_backs_behind_fronts(built.path, 2, duplex) == [
        "about", "question", "question", "ingredient"]
    assert check_backs_behind_fronts(built.path, 4, duplex) == ["ingredient", "recipe", None, None]


def test_instruction_sheet_marks_meet_after_the_flip() -> None:
    from activate_pack.errors import Problems
    from activate_pack.layout.boxes import Rect, Rule
    from activate_pack.layout.context import Ctx
    from activate_pack.layout.printsheet import instructions_back, instructions_front

    ctx = Ctx(PACK, load_layout("a4", DIRS), Problems())
    for duplex in ("long", "short"):
        front, targets = instructions_front(ctx, duplex)
        back = instructions_back(ctx, duplex, targets)
        circles = [(b.x + b.w / 2, b.y + b.h / 2) for b in front.boxes
                   if isinstance(b, Rect) and b.radius and b.stroke]
        assert len(circles) == 3
        crosses = [((b.x1 + b.x2) / 2, b.y1) for b in back.boxes
                   if isinstance(b, Rule) and b.y1 == b.y2]
        assert len(crosses) == 3
        seen = sorted((210 * MM - x, y) if duplex == "long" else (x, 297 * MM - y)
                      for x, y in crosses)
        for (cx, cy), (sx, sy) in zip(sorted(circles), seen):
            assert abs(cx - sx) < 0.1 * MM and abs(cy - sy) < 0.1 * MM
        # Not symmetric: the other flip would put the crosses away from the circles.
        other = sorted((210 * MM - x, y) if duplex == "short" else (x, 297 * MM - y)
                       for x, y in crosses)
        assert any(abs(c[0] - o[0]) + abs(c[1] - o[1]) > 10 * MM
                   for c, o in zip(sorted(circles), other))
        assert not ctx.problems.errors


def test_cmyk_build_uses_inks_only(tmp_path: Path, small: Path) -> None:
    (built,) = build(small, ("a6",), tmp_path, options=PrintOptions("shop", cmyk=True))
    assert built.path.name == "small-pack-a6-community-shop-cmyk.pdf"
    pdf = pikepdf.open(built.path)
    content = b""
    for page in pdf.pages:
        content += page.obj.Contents.read_bytes() if isinstance(page.obj.Contents, pikepdf.Stream) \
            else b"".join(c.read_bytes() for c in page.obj.Contents)
        for xobject in page.Resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                content += xobject.read_bytes()
    assert not re.search(rb"\b(rg|RG)\b", content)  # no screen (RGB) colours left
    text = re.findall(rb"BT(.*?)ET", content, re.S)
    assert any(b"0 0 0 1 k" in t for t in text)  # body text in black ink only
    assert b"/All" in content or any("/All" in str(p.Resources.get("/ColorSpace", {}))
                                     for p in pdf.pages)


def test_home_build_is_repeatable(small: Path, tmp_path: Path) -> None:
    one = build(small, ("a6",), tmp_path / "one", options=PrintOptions("home"))[0].path
    two = build(small, ("a6",), tmp_path / "two", options=PrintOptions("home"))[0].path
    assert one.read_bytes() == two.read_bytes()


def test_bad_sheet_template_is_reported_with_its_file(small: Path, tmp_path: Path) -> None:
    sheets = small.parent / "bad" / "layouts" / "sheets"
    root = sheets.parent.parent
    import shutil

    shutil.copytree(small / "content", root / "content")
    sheets.mkdir(parents=True)
    (sheets / "a4-four-up.yaml").write_text("paper: [210, 297]\ncolumns: 3\nrows: 2\n"
                                            "colums: 2\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        build(root, ("a6",), tmp_path, options=PrintOptions("home"))
    assert "layouts/sheets/a4-four-up.yaml:4" in str(caught.value)
    (sheets / "a4-four-up.yaml").write_text("paper: [210, 297]\ncolumns: 3\nrows: 2\n",
                                            encoding="utf-8")
    with pytest.raises(PackError) as caught:
        build(root, ("a6",), tmp_path, options=PrintOptions("home"))
    assert "layouts/sheets/a4-four-up.yaml" in str(caught.value)
    assert "more than the 210 × 297 mm paper" in str(caught.value)
    assert not list(tmp_path.iterdir())  # nothing written


def test_shop_build_warns_about_low_resolution_pictures(small: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "pack"
    shutil.copytree(small / "content", root / "content")
    (root / "content" / "images").mkdir()
    Image.new("RGB", (200, 100), "red").save(root / "content" / "images" / "small.png")
    recipe = root / "content" / "recipes" / "r.yaml"
    recipe.write_text(recipe.read_text() + "image:\n  file: images/small.png\n  alt: Red\n"
                      "  credit: {author: Test, licence: CC0-1.0}\n", encoding="utf-8")
    warnings: list[object] = []
    build(root, ("a6",), tmp_path / "out", warn=warnings.append, options=PrintOptions("shop"))
    assert any("images/small.png" in str(w) and "pixels per inch" in str(w) and "r-one" in str(w)
               for w in warnings), warnings


def test_print_files_pass_qpdf_syntax_check(shop: dict[str, Path], home: dict[str, Path]) -> None:
    for path in [*shop.values(), *home.values()]:
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == [], path


def test_crop_marks_touching_the_bleed_are_refused(small: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "pack"
    shutil.copytree(small / "content", root / "content")
    sheets = root / "layouts" / "sheets"
    sheets.mkdir(parents=True)
    (sheets / "shop.yaml").write_text("bleed: true\ncrop_marks:\n  offset: 3\n  length: 5\n",
                                      encoding="utf-8")
    with pytest.raises(PackError) as caught:
        build(root, ("a6",), tmp_path / "out", options=PrintOptions("shop"))
    assert "layouts/sheets/shop.yaml:3" in str(caught.value)
    assert "closer than 1 mm to the 3 mm bleed" in str(caught.value)
    assert "make it at least 4" in str(caught.value)


def test_the_advice_to_fold_and_glue_gives_a_command_that_runs(home: dict[str, Path],
                                                               make_pack, tmp_path: Path) -> None:
    import shlex

    from typer.testing import CliRunner

    from activate_pack.cli import app

    sheet = " ".join(PdfReader(home["long"]).pages[0].extract_text().split())
    assert "--duplex fold)" not in sheet  # not an option without its command
    assert "-home-fold.pdf" in sheet and home["fold"].name.endswith("-home-fold.pdf")
    command = sheet.split("in the pack\u2019s folder: ", 1)[1]  # printed with its apostrophe
    command = command[:command.index("fold") + len("fold")]
    assert command == "activate-pack build --print home --duplex fold"
    args = shlex.split(command)[1:] + [str(make_pack()), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["test-pack-a6-community-home-fold.pdf"]
