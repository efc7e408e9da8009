"""The print options of ``activate-pack build``: --print, --duplex and --cmyk."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.layout.spec import MM

runner = CliRunner()


def test_help_describes_every_print_option() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for words in ("--print", "shop", "home", "--duplex", "long", "short", "fold", "--cmyk"):
        assert words in result.output


@pytest.mark.parametrize("args, words", [
    (["--duplex", "short"], "--duplex is for home printing"),
    (["--print", "shop", "--duplex", "fold"], "--duplex is for home printing"),
    (["--print", "home", "--size", "a4"], "--print home is for the A6 cards"),
    (["--print", "home", "--size", "all"], "--print home is for the A6 cards"),
    (["--print", "poster"], "poster"),
])
def test_wrong_combinations_are_usage_errors(tmp_path: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path), *args])
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not list(tmp_path.iterdir())


def test_print_home_builds_the_a6_cards_on_a4(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root, out = make_pack(), tmp_path / "out"
    result = runner.invoke(app, ["build", str(root), "--print", "home", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["test-pack-a6-community-home.pdf"]
    reader = PdfReader(out / "test-pack-a6-community-home.pdf")
    # The instruction sheet (two sides), then one sheet of four fronts and its backs.
    assert len(reader.pages) == 4
    assert f"({len(reader.pages)} pages, " in result.output
    width, height = (float(v) / MM for v in reader.pages[2].mediabox[2:])
    assert (round(width, 2), round(height, 2)) == (210, 297)


def test_print_shop_with_cmyk(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    result = runner.invoke(app, ["build", str(root), "--print", "shop", "--cmyk", "-s", "a4",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = PdfReader(tmp_path / "test-pack-a4-facilitator-shop-cmyk.pdf").pages[0]
    trim = [float(v) / MM for v in page.trimbox]
    assert (round(trim[2] - trim[0], 3), round(trim[3] - trim[1], 3)) == (210, 297)
