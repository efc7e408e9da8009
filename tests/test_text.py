"""The text module: the font table."""

from __future__ import annotations

from pathlib import Path

import pytest

from activate_pack.text import (DEFAULT_FAMILY, FAMILIES, FONT_DIR, UnknownFontFamily, family,
                                family_names, font_name)
from activate_pack.text.fonts import load_table

# --- The font table -----------------------------------------------------------------------------

def test_the_font_table_loads_and_names_its_default() -> None:
    default, families = load_table()
    assert default == DEFAULT_FAMILY and default in families
    assert family_names()[0] == DEFAULT_FAMILY and set(family_names()) == set(FAMILIES)
    for name in family_names():
        entry = family(name)
        assert entry.scripts and entry.line_height >= 1.0
        assert all(fallback in families for fallback in entry.fallbacks)


@pytest.mark.parametrize("name", family_names())
def test_every_font_file_in_the_table_exists_and_is_truetype(name: str) -> None:
    for style in ("regular", "bold", "italic", "bolditalic"):
        path = family(name).path(style)
        assert path.parent == FONT_DIR and path.is_file(), path
        assert path.suffix == ".ttf" and path.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true")
        assert font_name(name, "bold" in style, "italic" in style)


def test_an_unknown_family_is_a_clear_error() -> None:
    with pytest.raises(UnknownFontFamily, match="unknown font family 'atkinsn'.*did you mean"):
        family("atkinsn")
    with pytest.raises(UnknownFontFamily, match=f"'comic-sans'; the bundled families are {DEFAULT_FAMILY}"):
        font_name("comic-sans")


def test_a_table_without_every_style_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "fonts.yaml"
    table.write_text("default: x\nfamilies:\n  x:\n    files: {regular: X.ttf}\n")
    with pytest.raises(ValueError, match="needs files for exactly regular, bold"):
        load_table(table)
    table.write_text("default: y\nfamilies:\n  x:\n    files: {regular: a, bold: b, italic: c, "
                     "bolditalic: d}\n")
    with pytest.raises(ValueError, match="'y' is not a family"):
        load_table(table)
