"""Pictures on cards: safe paths, safe opening, print resolution, and placement in the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pikepdf
import pytest
from PIL import Image

from activate_pack.pack.sources import images
from activate_pack.output.build import build
from activate_pack.output.check import check

CARD = """\
id: hello
title: Hello
question: What did you have for breakfast?
prompts: [Who made it?, Where did you eat it?]
phase: warm-up
image:
  file: {file}
  alt: {alt}
  credit: {{author: Test Author, licence: CC-BY-4.0}}
"""


def _image(path: Path, size: tuple[int, int], colour: str = "#2E7D32", fmt: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def _pack(make_pack: Callable[..., Path], file: str, alt: str = "A green square") -> Path:
    return make_pack(**{"content/questions/warm-up.yaml": CARD.format(file=file, alt=alt)})


def test_a_good_picture_passes(tmp_path: Path) -> None:
    _image(tmp_path / "content/images/ok.png", (1200, 600))
    found, message = images.inspect(tmp_path, "images/ok.png")
    assert message is None and found is not None
    assert (found.width, found.height) == (1200, 600)
    assert found.path == tmp_path / "content/images/ok.png"


@pytest.mark.parametrize("file, words", [
    ("/etc/passwd", "absolute path"),
    ("C:\\Users\\me\\photo.png", "absolute path"),
    ("../outside.png", "points outside"),
    ("images/../../outside.png", "points outside"),
    ("images\\..\\..\\outside.png", "points outside"),
    ("", "give the path"),
])
def test_paths_leading_outside_are_refused(tmp_path: Path, file: str, words: str) -> None:
    _image(tmp_path / "outside.png", (10, 10))
    found, message = images.inspect(tmp_path / "pack", file)
    assert found is None and message is not None and words in message


def test_a_link_leading_outside_is_refused_and_one_inside_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    outside = _image(tmp_path / "elsewhere.png", (600, 600))
    inside = _image(root / "content/images/real.png", (600, 600))
    (root / "content/images/out.png").symlink_to(outside)
    (root / "content/images/in.png").symlink_to(inside)
    assert "outside the pack" in (images.inspect(root, "images/out.png")[1] or "")
    assert images.inspect(root, "images/in.png")[1] is None


def test_wrong_format_and_damaged_files(tmp_path: Path) -> None:
    _image(tmp_path / "content/a.gif", (50, 50), fmt="GIF")
    assert "GIF image" in (images.inspect(tmp_path, "a.gif")[1] or "")
    (tmp_path / "content/b.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    assert images.inspect(tmp_path, "b.png")[0] is None
    (tmp_path / "content/folder.png").mkdir()
    assert "folder" in (images.inspect(tmp_path, "folder.png")[1] or "")


def test_oversized_file_and_pixel_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _image(tmp_path / "content/big.png", (400, 300))
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 100_000)
    images._inspect.cache_clear()
    message = images.inspect(tmp_path, "big.png")[1] or ""
    assert "too large (400 × 300 pixels)" in message
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 10**8)
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 100)
    images._inspect.cache_clear()  # verdicts are cached per file version, not per limit
    assert "at most 0.0 MB" in (images.inspect(tmp_path, "big.png")[1] or "")


def test_a_changed_picture_is_seen_again(tmp_path: Path) -> None:
    path = _image(tmp_path / "content/p.png", (100, 100))
    assert images.inspect(tmp_path, "p.png")[0].width == 100  # type: ignore[union-attr]
    path.write_bytes(b"now broken, and a different size")
    assert images.inspect(tmp_path, "p.png")[0] is None


@pytest.fixture(scope="module")
def built_with_picture(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small pack with a 1500 × 500 picture on its question card, built once."""
    from conftest import INGREDIENTS, PACK_YAML, RECIPE

    root = tmp_path_factory.mktemp("picture") / "pack"
    for name, text in {"content/pack.yaml": PACK_YAML, "content/recipes/soup.yaml": RECIPE,
                       "content/ingredients/skills.yaml": INGREDIENTS,
                       "content/questions/q.yaml": CARD.format(file="images/wide.png",
                                                               alt="A wide green band")}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _image(root / "content/images/wide.png", (1500, 500), "#2E7D32")
    out = root.parent / "out"
    built = build(root, ("a6", "a4"), out)
    return {item.path.name.split("-")[-2]: item.path for item in built}


def _images_on_pages(pdf: Path) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {}
    with pikepdf.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            for raw in page.get_images().values():
                found.setdefault(number, []).append((int(raw.Width), int(raw.Height)))
    return found


def test_the_picture_is_on_the_card_front_in_both_editions(built_with_picture) -> None:
    import pypdfium2 as pdfium

    for size, pdf in built_with_picture.items():
        placed = _images_on_pages(pdf)
        # Once, on one page; in these screen files at the pixels its place needs on screens.
        [[(width, height)]] = list(placed.values())
        assert width <= 1500 and abs(width / height - 3) < 0.02, (size, placed)
        number = next(iter(placed))
        doc = pdfium.PdfDocument(str(pdf))
        try:
            page = doc[number - 1]
            text = page.get_textpage().get_text_range()
            assert "What did you have for breakfast?" in " ".join(text.split())
            # Pixels: the picture's green is drawn, centred across the page, above the text.
            bitmap = page.render(scale=1).to_pil().convert("RGB")
            w, h = bitmap.size
            column = [bitmap.getpixel((w // 2, y)) for y in range(h)]
            green = [y for y, px in enumerate(column) if abs(px[0] - 0x2E) < 12
                     and abs(px[1] - 0x7D) < 12 and abs(px[2] - 0x32) < 12]
            assert green, size
            # On A4 the card is drawn as printed, in the page's top corner.
            assert (0.15 if size == "a6" else 0.1) * h < green[0] < 0.45 * h, (size, green[0], h)
        finally:
            doc.close()


def test_low_resolution_is_a_warning_naming_card_and_picture(
        make_pack: Callable[..., Path]) -> None:
    root = _pack(make_pack, "images/small.png")
    _image(root / "content/images/small.png", (240, 120))
    report = check(root)
    assert not report.errors
    warning = next(p for p in report.warnings if "pixels per inch" in p.message)
    assert warning.card == "hello" and "content/images/small.png" in warning.message
    assert "240 × 120" in warning.message


def test_missing_alt_text_is_a_warning(make_pack: Callable[..., Path]) -> None:
    root = _pack(make_pack, "images/ok.png", alt="''")
    _image(root / "content/images/ok.png", (3000, 1500))
    report = check(root)
    assert not report.errors
    assert [p.card for p in report.warnings if "image.alt" in p.message] == ["hello"]


def test_pictures_of_inherited_cards_come_from_the_base(tmp_path: Path,
                                                         make_pack: Callable[..., Path]) -> None:
    from activate_pack.output.newpack import new_pack

    base = _pack(make_pack, "images/green.png")
    _image(base / "content/images/green.png", (201, 201))  # no larger than its place needs
    town = tmp_path / "town"
    new_pack(town, base=base, locality="Reading")
    built = build(town, ("a6",), tmp_path / "out")
    pages = _images_on_pages(built[0].path)
    assert any((201, 201) in found for found in pages.values()), pages


def _sideways_photo(path: Path) -> Path:
    """A photo stored 600 wide and 300 high, with EXIF orientation 6: taken upright (tall)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    photo = Image.new("RGB", (600, 300), "#2E7D32")
    for x in range(0, 100):  # a red stripe along the stored top: it ends up on the right
        for y in range(0, 30):
            photo.putpixel((x * 6, y), (200, 30, 30))
    exif = Image.Exif()
    exif[images.EXIF_ORIENTATION] = 6
    photo.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    return path


def test_a_phone_photo_is_placed_and_printed_upright(make_pack, tmp_path: Path) -> None:
    root = _pack(make_pack, "images/phone.jpg")
    _sideways_photo(root / "content/images/phone.jpg")
    found, message = images.inspect(root, "images/phone.jpg")
    assert message is None and (found.width, found.height) == (300, 600)
    built = build(root, ("a6",), tmp_path / "out")
    # Drawn with its pixels turned upright (and no more of them than its place needs).
    sizes = [size for found in _images_on_pages(built[0].path).values() for size in found]
    assert len(sizes) == 1 and sizes[0][1] == 2 * sizes[0][0], sizes
    from activate_pack.layout.printing import PrintOptions

    pressed = build(root, ("a6",), tmp_path / "cmyk", options=PrintOptions(cmyk=True))
    pressed_sizes = [size for found in _images_on_pages(pressed[0].path).values()
                     for size in found]
    # The press's inks too, upright; at print resolution, so more pixels than on screen.
    assert len(pressed_sizes) == 1 and pressed_sizes[0][1] == 2 * pressed_sizes[0][0], \
        pressed_sizes
    assert pressed_sizes[0][0] > sizes[0][0], (pressed_sizes, sizes)


# Every recipe card of the default pack takes a picture with its credit, on A6 and A4, without
# a word cut: a third of the card's width or more (a 3:2 photo fills the band beside the title,
# its credit just below the band); the A4 pack shows the A6 card.

PICTURE = ("image:\n  file: images/river.jpg\n  alt: The river at dusk\n"
           "  credit: {author: Sam Jones, licence: CC-BY-4.0}\n")


@pytest.fixture(scope="module")
def every_recipe_pictured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from activate_pack.output.newpack import new_pack
    from activate_pack.pack.sources.paths import default_pack_dir

    root = new_pack(tmp_path_factory.mktemp("pictured") / "town", locality="Reading",
                    organisation="Reading Neighbours").root
    _image(root / "content/images/river.jpg", (2400, 1600), "#1565C0", "JPEG")
    for path in sorted((default_pack_dir() / "content/recipes").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        (root / "content/recipes" / path.name).write_text(text + PICTURE, encoding="utf-8")
    report = check(root)
    assert not report.errors, "\n".join(str(p) for p in report.errors)
    built = build(root, ("a6", "a4"), root / "dist")
    return {item.path.name.split("-")[-2]: item.path for item in built}


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_every_recipe_card_takes_a_picture_without_cutting_words(
        every_recipe_pictured: dict[str, Path], size: str) -> None:
    import pdfplumber

    from activate_pack.pack.sources.paths import default_pack_dir

    recipes = len(list((default_pack_dir() / "content/recipes").glob("*.yaml")))
    pdf = every_recipe_pictured[size]
    placed = _images_on_pages(pdf)
    # The river photo (3:2), at the pixels its place needs.
    pictured = [n for n, found in placed.items()
                if any(abs(w / h - 1.5) < 0.02 and w < 2400 for w, h in found)]
    assert len(pictured) == recipes
    with pdfplumber.open(pdf) as doc:
        for number in pictured:
            page = doc.pages[number - 1]
            text = " ".join((page.extract_text() or "").split())
            assert "Picture: Sam Jones, CC BY 4.0" in text, (size, number)
            [picture] = page.images
            # The body text: below the picture and its credit, above the credit line.
            body = [c["size"] for c in page.chars if c["size"] > 8
                    and picture["bottom"] + 1 < c["top"] < page.height * 0.85]
            # Still legible: the body size (its commonest) is no smaller than the A6 layout's
            # least, on the A6 card and on the A4 page that shows it.
            assert max(set(body), key=body.count) >= 10 - 0.05, (size, number)
            assert picture["x1"] - picture["x0"] >= 105 * 72 / 25.4 / 3 - 0.1, (size, number)
            # The credit is centred under its picture, on A6 and A4 alike.
            credit = [c for c in page.chars if picture["bottom"] - 1 < c["top"]
                      < picture["bottom"] + 12 and c["size"] < 8]
            assert credit, (size, number)
            middle = (min(c["x0"] for c in credit) + max(c["x1"] for c in credit)) / 2
            assert abs(middle - (picture["x0"] + picture["x1"]) / 2) < 1.0, (size, number)
            # Beside the title (in the band) or below it: no letter of it runs under the picture.
            title = [c for c in page.chars if c["size"] > 11 and c["top"] < picture["bottom"]
                     and c["x0"] < picture["x1"]]  # on A4, the notes beside the card aside
            assert title and all(c["x1"] < picture["x0"] or c["bottom"] <= picture["top"]
                                 for c in title), (size, number)


def test_a_misspelt_picture_name_gets_a_did_you_mean(make_pack: Callable[..., Path]) -> None:
    root = _pack(make_pack, "images/rivr.png")
    _image(root / "content/images/river.png", (1200, 800))
    report = check(root)
    [error] = report.errors
    assert error.message.startswith("image.file: there is no picture at content/images/rivr.png "
                                    "(did you mean 'images/river.png'?)"), error.message


def test_a_picture_named_in_other_capitals_is_pointed_out(make_pack: Callable[..., Path]) -> None:
    """A phone's 'River.JPG' written as 'river.jpg' works on a laptop but not where packs are
    built for the web; the message names the file that is there."""
    root = _pack(make_pack, "images/river.jpg")
    _image(root / "content/images/River.JPG", (1200, 800))
    [error] = check(root).errors
    assert "(did you mean 'images/River.JPG'?)" in error.message, error.message


def _picture_colours(pdf: Path) -> list[tuple[int, ...]]:
    """The colour in the middle of each picture the PDF draws, read back by pikepdf."""
    found = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for raw in page.get_images().values():
                image = pikepdf.PdfImage(raw).as_pil_image().convert("RGB")
                found.append(image.getpixel((image.width // 2, image.height // 2)))
    return found


def test_watch_draws_a_picture_saved_again_under_the_same_name(make_pack,
                                                                 tmp_path: Path) -> None:
    """A phone photo (turned upright as it is drawn) replaced while ``watch`` runs: the
    rebuilt cards show the new picture, not the one drawn before in the same process."""
    from activate_pack.output.watch import watch

    root = _pack(make_pack, "images/phone.jpg")
    photo = _sideways_photo(root / "content/images/phone.jpg")
    out = tmp_path / "dist"
    seen: dict[str, list[tuple[int, ...]]] = {}

    def batches():
        [a6] = out.glob("*a6*.pdf")
        seen["before"] = _picture_colours(a6)
        green = Image.open(photo)
        exif = green.getexif()
        Image.new("RGB", green.size, "#1565C0").save(photo, "JPEG", exif=exif.tobytes(),
                                                     quality=95)
        yield {photo}
        seen["after"] = _picture_colours(a6)

    watch(root, ("a6",), out, lambda _: None, batches=batches())
    [before], [after] = seen["before"], seen["after"]
    assert before[1] > 100 and before[2] < 80, before  # green
    assert after[2] > 150 and after[1] < 120, after  # blue


def test_a_12_megapixel_photo_is_embedded_at_the_resolution_its_place_needs(
        make_pack, tmp_path: Path) -> None:
    """Not whole: the A6 PDF stays small, in plain, shop CMYK and A4 builds, and the file a
    volunteer put in the pack is left as it was."""
    import hashlib
    import random

    from activate_pack.layout.printing import PrintOptions

    root = _pack(make_pack, "images/photo.jpg")
    photo = root / "content/images/photo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)  # a photo-like picture: detail everywhere, so it compresses badly
    Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3)).save(photo, quality=92)
    before = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert photo.stat().st_size > 5_000_000
    for options in (None, PrintOptions("shop", cmyk=True)):
        built = build(root, ("a6", "a4"), tmp_path / f"out-{options is None}", options=options)
        for item in built:
            if item.path.name.endswith("a6-community.pdf") or "shop" in item.path.name:
                assert item.bytes < 2_000_000, (item.path.name, item.bytes)
            sizes = [s for found in _images_on_pages(item.path).values() for s in found]
            assert sizes and all(w * h < 4000 * 3000 / 4 for w, h in sizes), sizes
            assert all(w >= 200 for w, _ in sizes)  # still enough for print
    assert hashlib.sha256(photo.read_bytes()).hexdigest() == before
