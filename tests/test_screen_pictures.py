"""Pictures in files read on screens keep fewer pixels than in files meant for printing."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

from PIL import Image

from activate_pack.output.build import build
from activate_pack.layout.printing import PrintOptions
from activate_pack.pack.sources.images import PRINT_PPI, SCREEN_PPI
from conftest import INGREDIENTS, require_tool

PHOTO = ("  image: {file: images/photo.jpg, alt: A busy street market,\n"
         "          credit: {author: Test Author, licence: CC-BY-4.0}}\n")
"""The one picture of the pack, on its ingredient card."""


def _widths(pdf: Path) -> list[int]:
    """The pixel width of every picture in the file, as poppler's pdfimages lists them."""
    listed = subprocess.run([require_tool("pdfimages", "poppler-utils"), "-list", str(pdf)],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    # Columns: page num type width height …; the first two lines are the header. The logo
    # and the picture's soft masks are not in this pack, so every row is the photo.
    return [int(row.split()[3]) for row in listed[2:] if row.split()[2] == "image"]


def test_the_screen_file_embeds_the_photo_at_half_the_print_resolution(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/ingredients/skills.yaml": INGREDIENTS + PHOTO})
    photo = root / "content/images/photo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.radial_gradient("L").resize((4000, 3000)).convert("RGB").save(photo, quality=90)
    [screen] = build(root, ("a6",), tmp_path / "screen")
    [home] = build(root, ("a6",), tmp_path / "home", options=PrintOptions("home"))
    [shop] = build(root, ("a6",), tmp_path / "shop", options=PrintOptions("shop"))
    on_screen, at_home, in_shop = (_widths(b.path) for b in (screen, home, shop))
    assert len(on_screen) == len(at_home) == len(in_shop) == 1, (on_screen, at_home, in_shop)
    # The same place on the card in every file: the pixels follow the resolution asked for.
    assert abs(on_screen[0] / at_home[0] - SCREEN_PPI / PRINT_PPI) < 0.01, (on_screen, at_home)
    assert in_shop == at_home and on_screen[0] < 4000 * SCREEN_PPI / PRINT_PPI
    assert screen.bytes < home.bytes
