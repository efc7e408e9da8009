"""One orchestrator: check meets what every build would, layouts refine built-ins, names work.

Through the real command line, as a volunteer would meet each case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.layout.editions import EDITIONS, SIZES
from activate_pack.output.newpack import new_pack
from activate_pack.output.plan import prepare
from activate_pack.output.variants import every_variant
from activate_pack.pack.sources.paths import default_pack_dir

runner = CliRunner()

FOUR_UP = (default_pack_dir() / "layouts/sheets/a4-four-up.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_check_plans_every_print_mode_the_layouts_offer() -> None:
    from activate_pack.layout.spec import load_layout

    dirs = [default_pack_dir() / "layouts"]
    specs = {size: load_layout(EDITIONS[size].layout, dirs) for size in SIZES}
    found = {(v.edition.size, v.options.mode) for v in every_variant(SIZES, specs)}
    assert found == {("a6", None), ("a6", "shop"), ("a6", "home"), ("a4", None), ("a4", "shop")}


@pytest.mark.parametrize("columns, words", [
    ("9", "columns: the number 9 is too large; the most is 8"),
    ("3", "need 315 × 296 mm, more than the 210 × 297 mm paper"),
])
def test_a_home_sheet_too_wide_fails_check_at_its_line(
        make_pack: Callable[..., Path], columns: str, words: str) -> None:
    sheet = FOUR_UP.replace("columns: 2", f"columns: {columns}")
    root = make_pack(layouts__sheets__a4_four_up=None)
    target = root / "layouts/sheets/a4-four-up.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(sheet, encoding="utf-8")
    code, output = run("check", str(root))
    assert code == 1
    assert f"layouts/sheets/a4-four-up.yaml:{line_of(sheet, 'columns:')}" in output
    assert words in output
    assert "No problems found" not in output
    code, output = run("build", str(root), "--print", "home", "--out", str(root / "out"))
    assert code == 1 and words in output and not (root / "out").exists()


def test_an_unknown_font_is_named_with_its_line_by_check_and_build(
        make_pack: Callable[..., Path]) -> None:
    layout = "extends: a6\ndescription: mine\nfont: noto\n"
    root = make_pack(layouts__a6__yaml=None)
    (root / "layouts").mkdir()
    (root / "layouts/a6.yaml").write_text(layout, encoding="utf-8")
    for args in (("check", str(root)), ("build", str(root), "--out", str(root / "out"))):
        code, output = run(*args)
        assert code == 1, output
        assert "layouts/a6.yaml:3:1: font: there is no bundled font family called 'noto'" in output
        assert "atkinson" in output
    assert not (root / "out").exists()


def _band_colours(pdf: Path) -> list[tuple[int, int, int]]:
    """The colour at the middle of the top band of every page."""
    document = pdfium.PdfDocument(pdf)
    colours = []
    for index in range(len(document)):
        image = document[index].render(scale=0.5).to_pil().convert("RGB")
        colours.append(image.getpixel((image.width // 2, 3)))
    document.close()
    return colours


def test_an_adaptation_refines_the_built_in_layout_of_the_same_name(tmp_path: Path) -> None:
    root = new_pack(tmp_path / "town", locality="Reading", organisation="Reading Neighbours").root
    (root / "layouts").mkdir(exist_ok=True)
    (root / "layouts/a6.yaml").write_text(
        "extends: a6\nkinds:\n  recipe: {main: '#B00020'}\n", encoding="utf-8")
    code, output = run("build", str(root), "--size", "a6", "--out", str(tmp_path / "out"))
    assert code == 0, output
    [pdf] = (tmp_path / "out").glob("*.pdf")
    colours = _band_colours(pdf)
    red = [c for c in colours if abs(c[0] - 0xB0) < 6 and c[1] < 8 and abs(c[2] - 0x20) < 6]
    teal = [c for c in colours if c == (0x00, 0x69, 0x5C)]
    recipes = len(list((default_pack_dir() / "content/recipes").glob("*.yaml")))
    assert len(red) >= 2 * recipes - 2  # front band and back of each recipe card (blank included)
    assert not teal  # the built-in recipe colour is gone
    code, output = run("check", str(root))
    assert code == 0, output


def test_a_circle_of_two_same_named_layouts_is_still_a_circle(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    (root / "layouts").mkdir()
    (root / "layouts/a6.yaml").write_text("extends: mine\n", encoding="utf-8")
    (root / "layouts/mine.yaml").write_text("extends: a6\n", encoding="utf-8")
    code, output = run("check", str(root))
    assert code == 1
    assert "layouts extend each other in a circle: a6 → mine → a6" in output


def test_extends_takes_a_name_not_a_path(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    (root / "layouts").mkdir()
    (root / "layouts/a6.yaml").write_text("extends: ../../a6\n", encoding="utf-8")
    code, output = run("check", str(root))
    assert code == 1
    assert "layouts/a6.yaml:1: extends: '../../a6' is not a name: a layout is named, not given as a path" in output


URDU = """\
title: کمیونٹی کارڈز
language: ur
authors:
  - name: Test Author
licence: CC-BY-SA-4.0
source_url: https://example.org/test-pack
copyright: "© 2026 Test Author"
"""


def test_a_title_in_urdu_names_files_after_the_folder_and_check_says_so(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(content__pack__yaml=None)
    (root / "content/pack.yaml").write_text(URDU, encoding="utf-8")
    code, output = run("check", str(root))
    assert "content/pack.yaml:1: warning: title: the title has no Latin letters" in output
    assert "'pack-a6-community.pdf'" in output  # the folder is called 'pack' here
    urdu_folder = tmp_path / "urdu-cards"
    root.rename(urdu_folder)
    code, output = run("check", str(urdu_folder))
    assert "'urdu-cards-a6-community.pdf'" in output
    # The file names the build would write (building needs an Urdu font, which the packs in
    # community languages bring; until then the missing glyphs are reported, by name).
    planned = prepare(urdu_folder, out_dir=tmp_path / "out")
    assert {o.path.name for o in planned.outputs} >= {"urdu-cards-a6-community.pdf",
                                                      "urdu-cards-a4-facilitator.pdf"}


def test_a_slug_names_the_files(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(content__pack__yaml=None)
    (root / "content/pack.yaml").write_text(URDU + "slug: ur-community\n", encoding="utf-8")
    code, output = run("check", str(root))
    assert "no Latin letters" not in output
    planned = prepare(root, out_dir=tmp_path / "out")
    assert "ur-community-a6-community.pdf" in {o.path.name for o in planned.outputs}


def test_build_stops_on_every_error_check_finds(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    (root / "layouts").mkdir()
    (root / "layouts/a6.yaml").write_text(
        "extends: a6\nkinds:\n  recipe: {main: '#D4AF37'}\n", encoding="utf-8")  # gold on white text
    _, checked = run("check", str(root))
    code, built = run("build", str(root), "--out", str(root / "out"))
    assert code == 1 and not (root / "out").exists()
    contrast = [line for line in checked.splitlines() if "contrast" in line]
    assert contrast and all(line in built for line in contrast)


def test_every_edition_is_declared_once() -> None:
    assert SIZES == ("a6", "a4")
    assert {e.layout for e in EDITIONS.values()} <= {p.stem for p in (default_pack_dir() / "layouts").glob("*.yaml")}
    prepared = prepare(default_pack_dir())
    assert not prepared.report.errors, prepared.errors
    assert {(o.variant.edition.size, o.variant.options.mode) for o in prepared.outputs} == {
        ("a6", None), ("a6", "shop"), ("a6", "home"), ("a4", None), ("a4", "shop")}
