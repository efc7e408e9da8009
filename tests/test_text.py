"""The text module: the font table, alignment, the widths segments carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from activate_pack.pack import markup
from activate_pack.text import (DEFAULT_FAMILY, FAMILIES, FONT_DIR, Flow, Layouter, Style,
                                UnknownFontFamily, family, family_names, font_name, width)
from activate_pack.text.fonts import load_table

def lay(text: str, box_width: float, size: float = 10.0, **style: object) -> list[str]:
    """The lines ``text`` breaks into in a box ``box_width`` points wide."""
    flow = Flow()
    flow.add(text, Style(**style))  # type: ignore[arg-type]
    return [line.text for line in Layouter(flow).lay(size, box_width).lines]


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


# --- Line breaking -----------------------------------------------------------------------------

def test_web_addresses_and_compounds_stay_whole_when_they_fit_on_a_line() -> None:
    url = "https://creativecommons.org/licenses/by-sa/4.0/"
    font = font_name(DEFAULT_FAMILY)
    assert lay(f"Licence: {url}", width(url, font, 10) + 1) == ["Licence:", url]
    assert lay("lend help or know-how?", width("lend help or know-", font, 10) + 1) == [
        "lend help or", "know-how?"]
    # Too long for any line: cut after a '/', never inside it.
    assert lay(url, width("https://creativecommons.org/lic", font, 10)) == [
        "https://creativecommons.org/", "licenses/by-sa/4.0/"]


# --- Alignment and the records ------------------------------------------------------------------

@pytest.mark.parametrize(("align", "direction", "side"), [
    ("start", "ltr", "left"), ("end", "ltr", "right"), ("center", "ltr", "center"),
    ("start", "rtl", "right"), ("end", "rtl", "left"), ("center", "rtl", "center"),
    ("left", "rtl", "left"), ("right", "ltr", "right"),
])
def test_alignment_follows_the_direction(align: str, direction: str, side: str) -> None:
    flow = Flow()
    flow.add("Short line", Style(align=align, direction=direction, lang="en"))
    [line] = Layouter(flow).lay(10, 200).lines
    left = line.segments[0].x
    right = line.segments[-1].x + line.segments[-1].width
    expected = {"left": (0.0, line.width), "right": (200 - line.width, 200.0),
                "center": ((200 - line.width) / 2, (200 + line.width) / 2)}[side]
    assert (left, right) == pytest.approx(expected)
    assert line.direction == direction and line.lang == "en"
    assert all(s.direction == direction and s.lang == "en" for s in line.segments)


def test_a_list_marker_moves_with_its_line() -> None:
    flow = Flow()
    flow.add("Item", Style(align="end"), marker="•")
    [line] = Layouter(flow).lay(10, 200).lines
    marker, text = line.segments
    assert marker.text == "•" and text.x + text.width == pytest.approx(200)
    assert text.x - marker.x == pytest.approx(line.width - text.width)


def test_bad_alignment_or_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="align must be one of start, end, center"):
        Style(align="justify")
    with pytest.raises(ValueError, match="direction must be 'ltr' or 'rtl'"):
        Style(direction="ttb")


def test_segments_carry_their_measured_width() -> None:
    flow = Flow()
    flow.add_blocks(markup.parse("Plain words and **bold** ones, *laid* over several lines."),
                    Style())
    flow.add("Bold paragraph.", Style(bold=True))
    laid = Layouter(flow).lay(10, 90)
    assert len(laid.lines) > 2 and len({s.font for line in laid.lines for s in line.segments}) == 3
    for line in laid.lines:
        for seg in line.segments:
            assert seg.width == pytest.approx(width(seg.text, seg.font, seg.size))
        ends = [s.x + s.width for s in line.segments]
        assert all(a == pytest.approx(b.x) for a, b in zip(ends, line.segments[1:]))


def test_the_family_line_height_is_the_default_leading() -> None:
    flow = Flow()
    flow.add("one two three four five six", Style())
    first, second = Layouter(flow).lay(10, 40).lines[:2]
    assert second.y - first.y == pytest.approx(10 * family(DEFAULT_FAMILY).line_height)
