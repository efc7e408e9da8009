"""`activate-pack preview`: a PNG of every card face from the real PDF, and contact sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack.output.build import build
from activate_pack.cli import app
from activate_pack.pack.loading.load import load_pack

runner = CliRunner()


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small test pack previewed once (both sizes) and built once, for comparison."""
    from conftest import GUIDE, INGREDIENTS, PACK_YAML, QUESTIONS, RECIPE

    base = tmp_path_factory.mktemp("preview")
    root = base / "pack"
    for name, text in {"content/pack.yaml": PACK_YAML, "content/recipes/soup-club.yaml": RECIPE,
                       "content/questions/warm-up.yaml": QUESTIONS,
                       "content/ingredients/skills.yaml": INGREDIENTS,
                       "content/guide/01-hello.yaml": GUIDE}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["preview", str(root), "--out", str(base / "preview"),
                                 "--width", "400"])
    assert result.exit_code == 0, result.output
    built = build(root, ("a6", "a4"), base / "pdf")
    return {"root": root, "out": base / "preview",
            **{item.path.name.split("-")[-2]: item.path for item in built}}


def test_a_png_for_every_card_face(previewed) -> None:
    pack = load_pack(previewed["root"])
    a6 = previewed["out"] / "a6"
    expected = {"about-front.png", "about-back.png"}
    for card in pack.cards:
        expected |= {f"{card.id}-front.png", f"{card.id}-back.png"}
    assert {p.name for p in a6.iterdir()} == expected
    assert len(list(a6.iterdir())) == len(PdfReader(previewed["a6"]).pages)
    a4 = {p.name for p in (previewed["out"] / "a4").iterdir()}
    assert {f"{card.id}-front.png" for card in pack.cards} <= a4
    assert len(a4) == len(PdfReader(previewed["a4"]).pages)
    assert "page-001-cover.png" in a4
    for path in [*a6.iterdir(), *(previewed["out"] / "a4").iterdir()]:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.width == 400, path


def test_images_are_drawn_from_the_pdf(previewed) -> None:
    import pypdfium2 as pdfium

    pack = load_pack(previewed["root"])
    recipe = pack.recipes[0]
    # The page of the PDF showing the recipe front, rasterised here independently.
    reader = PdfReader(previewed["a6"])
    # (Its method is on the back, which follows.)
    number = next(i for i, page in enumerate(reader.pages) if recipe.title in page.extract_text()
                  and "Method" not in page.extract_text())
    doc = pdfium.PdfDocument(str(previewed["a6"]))
    try:
        page = doc[number]
        reference = page.render(scale=400 / page.get_width()).to_pil().convert("RGB")
    finally:
        doc.close()
    with Image.open(previewed["out"] / "a6" / f"{recipe.id}-front.png") as image:
        shown = image.convert("RGB")
    assert shown.size == reference.size
    # The band at the top is the recipe colour from the layout, as in the PDF.
    assert shown.getpixel((200, 10)) == reference.getpixel((200, 10)) == (0x00, 0x69, 0x5C)
    changed = ImageChops.difference(shown, reference).convert("L").point(
        lambda v: 255 if v > 8 else 0)
    assert changed.histogram()[255] < shown.width * shown.height * 0.01


def test_contact_sheets(previewed) -> None:
    for size, columns in (("a6", 8), ("a4", 6)):
        sheet = previewed["out"] / f"test-pack-{size}-contact-sheet.png"
        with Image.open(sheet) as image:
            assert image.format == "PNG"
            pages = len(PdfReader(previewed[size]).pages)
            shown = pages // 2 if size == "a6" else pages  # A6 backs repeat, so are left out
            rows = -(-shown // columns)
            width = 16 + min(columns, shown) * (200 + 16)
            assert image.width == width
            assert image.height > 64 + rows * 200  # at least the thumbnails' height per row


def test_a_broken_pack_writes_no_previews(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": "- id: q\n  title: [oops\n"})
    out = tmp_path / "preview"
    result = runner.invoke(app, ["preview", str(root), "--out", str(out)])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not out.exists()


def test_preview_reports_progress_like_build(make_pack: Callable[..., Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import activate_pack.cli.preview as preview_command

    seen: list[tuple[str, int, int]] = []

    class Recorder:
        def __init__(self, threshold: int, what: str) -> None:
            assert what == "page images" and threshold <= 20

        def __enter__(self):  # type: ignore[no-untyped-def]
            return lambda size, done, total: seen.append((size, done, total))

        def __exit__(self, *exc: object) -> None:
            pass

    monkeypatch.setattr(preview_command, "_progress", Recorder)
    result = runner.invoke(app, ["preview", str(make_pack()), "--out", str(tmp_path / "p"),
                                 "--width", "200"])
    assert result.exit_code == 0, result.output
    for size in ("a6", "a4"):
        mine = [(done, total) for s, done, total in seen if s == size]
        assert mine and [d for d, _ in mine] == list(range(1, mine[0][1] + 1))
        assert len(list((tmp_path / "p" / size).glob("*.png"))) == mine[0][1]
