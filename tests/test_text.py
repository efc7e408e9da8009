"""The text module: the font table, Unicode line breaking, grapheme clusters, alignment, widths."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from uniseg.graphemecluster import grapheme_cluster_boundaries
from uniseg.linebreak import line_break_boundaries

from activate_pack.pack.model import markup
from activate_pack.text import (DEFAULT_FAMILY, FAMILIES, FONT_DIR, Flow, Layouter, Style,
                                UnknownFontFamily, break_opportunities, family, family_names,
                                font_name, width)
from activate_pack.text.breaking import _TABLE, is_fast
from activate_pack.text.fonts import load_table

GURMUKHI = "ਪੰਜਾਬੀ ਵਿੱਚ ਸਵਾਗਤ ਹੈ"
BENGALI = "বাংলা ভাষায় স্বাগতম"


def lay(text: str, box_width: float, size: float = 10.0, **style: object) -> list[str]:
    """The lines ``text`` breaks into in a box ``box_width`` points wide."""
    flow = Flow()
    flow.add(text, Style(**style))  # type: ignore[arg-type]
    return [line.text for line in Layouter(flow).lay(size, box_width).lines]


def uax14(text: str) -> list[int]:
    """Break opportunities straight from uniseg, without our fast path."""
    return [at for at in line_break_boundaries(text) if 0 < at < len(text)]


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
    message = f"'comic-sans'; the bundled families are {DEFAULT_FAMILY}"
    with pytest.raises(UnknownFontFamily, match=message):
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


# --- Grapheme clusters --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [GURMUKHI, BENGALI])
@pytest.mark.parametrize("box_width", [12.0, 18.0, 25.0, 40.0, 70.0])
def test_indic_text_is_never_split_inside_a_grapheme_cluster(text: str, box_width: float) -> None:
    clusters = set(grapheme_cluster_boundaries(text))
    assert len(clusters) < len(text) + 1  # the text has clusters of several code points
    lines = lay(text, box_width)
    at, starts = 0, []
    for line in lines:
        assert text.startswith(line, at), (line, text[at:])
        starts.append(at)
        at += len(line)
        if text[at:at + 1] == " ":
            at += 1  # the space a line broke at is not drawn
    assert at == len(text)  # the lines give back the whole text, in order
    assert all(start in clusters for start in starts), (lines, starts)
    if box_width < 20:  # narrow enough that words had to be cut
        assert any(text[start - 1] != " " for start in starts[1:])


# --- Line breaking (UAX #14) ---------------------------------------------------------------------

def test_no_break_before_a_closing_bracket_or_exclamation_mark() -> None:
    assert break_opportunities("Bonjour !") == ()
    assert break_opportunities("see (the notes )") == (4, 9)  # not before the ")"
    assert break_opportunities("a ( b") == (2,)  # nor after an opening bracket and spaces
    full = width("aaa bbb !", font_name(DEFAULT_FAMILY), 10)
    assert lay("aaa bbb !", full - 1) == ["aaa", "bbb !"]
    full = width("aaa (bbb )", font_name(DEFAULT_FAMILY), 10)
    assert lay("aaa (bbb )", full - 1) == ["aaa", "(bbb )"]


def test_a_break_after_a_hyphen_is_allowed() -> None:
    assert break_opportunities("well-being") == (5,)
    assert break_opportunities("well\u2010being") == (5,)  # U+2010 HYPHEN, through uniseg
    assert break_opportunities("-5 and 3-4") == (3, 7)  # a minus sign and a range stay whole
    # U+2010 breaks in running text; a word too long for its line is cut after a hyphen first.
    text = "one well\u2010being"
    narrow = width("one well\u2010b", font_name(DEFAULT_FAMILY), 10)
    assert lay(text, narrow) == ["one well\u2010", "being"]
    assert lay("overlong-compound", width("overlong-comp", font_name(DEFAULT_FAMILY), 10)) == [
        "overlong-", "compound"]


def test_web_addresses_and_compounds_stay_whole_when_they_fit_on_a_line() -> None:
    url = "https://creativecommons.org/licenses/by-sa/4.0/"
    font = font_name(DEFAULT_FAMILY)
    assert lay(f"Licence: {url}", width(url, font, 10) + 1) == ["Licence:", url]
    # The compound moves whole; 'or' goes with it, so the paragraph does not end in a lone word.
    assert lay("lend help or know-how?", width("lend help or know-", font, 10) + 1) == [
        "lend help", "or know-how?"]
    # Too long for any line: cut after a '/', never inside it.
    assert lay(url, width("https://creativecommons.org/lic", font, 10)) == [
        "https://creativecommons.org/", "licenses/by-sa/4.0/"]
    # Where the greedy cut would leave "4.0/" alone, the two pieces are evened out instead.
    assert lay(url, width("https://creativecommons.org/licenses/by-sa/4", font, 10)) == [
        "https://creativecommons.org/", "licenses/by-sa/4.0/"]
    # Narrower still: cut as late as fits while the rest is too long for a line, then evened.
    assert lay(url, width("https://creativecommons.", font, 10)) == [
        "https://", "creativecommons.org/", "licenses/by-sa/4.0/"]


@pytest.mark.parametrize("text", [
    "Hi!Bye a/b a/1 1/2 a.1 a .5 -a a -b (a)b a(b) 'quoted' \"x\" ( y a–b a – b 0:00–0:15",
    "Activate Pack · Activate Pack contributors · CC BY-SA 4.0 · https://example.org/x",
    "Müller’s “café” — naïve… 50% £5", GURMUKHI, BENGALI, "日本語のテキスト", "ไทย ภาษา",
])
def test_break_opportunities_are_those_of_uax14(text: str) -> None:
    assert list(break_opportunities(text)) == uax14(text)


def test_the_fast_class_table_matches_the_unicode_data() -> None:
    from uniseg.linebreak import line_break

    resolved = {"AI": "AL"}  # ambiguous width resolves to alphabetic outside East Asia (LB1)
    letters = {"A": "AL", "N": "NU", "S": "SP", "I": "IS", "E": "EX", "H": "HY", "Y": "SY",
               "B": "BA", "O": "OP", "C": "CP", "Q": "QU", "P": "QU", "F": "QU", "D": "B2",
               "L": "IN"}
    for code, letter in _TABLE.items():
        found = str(line_break(chr(code)))
        assert resolved.get(found, found) == letters[letter], (chr(code), found)
        if letter in "PF":  # opening and closing quotation marks, for LB15a and LB15b
            assert unicodedata.category(chr(code)) == {"P": "Pi", "F": "Pf"}[letter]


FAST_ALPHABET = "aZé1 .,:;!?-/–—…|()[]'\"‘’“”«»·•©"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=FAST_ALPHABET, max_size=14))
def test_the_fast_path_agrees_with_uniseg(text: str) -> None:
    assert is_fast(text)
    assert list(break_opportunities(text)) == uax14(text)


MIXED_ALPHABET = "a1   .-(‘’”—%$ক্া\u00a0\t!/)}日»"
SCRIPTS_ALPHABET = "a1  .-(”ক্া১کےۓ،۔؟۴ਪੰਜ।੬\u200c\u200d\u064b"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MIXED_ALPHABET, max_size=16))
def test_words_that_need_the_full_algorithm_get_its_answers_in_any_company(text: str) -> None:
    assert list(break_opportunities(text)) == uax14(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=SCRIPTS_ALPHABET, max_size=16))
def test_words_of_letters_in_other_scripts_break_as_uax14_says(text: str) -> None:
    assert list(break_opportunities(text)) == uax14(text)


def test_the_letters_that_skip_the_full_algorithm_are_alphabetic_or_combining() -> None:
    from uniseg.linebreak import line_break

    from activate_pack.text.breaking import PLAIN_LETTERS

    classes = {str(line_break(char)) for char in PLAIN_LETTERS}
    assert classes - {"AI"} == {"AL", "CM"}  # '·' is AI, which resolves to AL (LB1)
    assert "\u0627" in PLAIN_LETTERS and "\u0a70" in PLAIN_LETTERS and "\u06d4" not in PLAIN_LETTERS


def test_each_stand_in_has_the_line_break_class_of_the_character_it_stands_for() -> None:
    from uniseg.linebreak import line_break

    from activate_pack.text.breaking import _STAND_INS

    def resolved(char: str) -> str:
        found = str(line_break(char))
        return {"AI": "AL", "CM": "AL"}.get(found, found)  # a mark stands in only after a letter

    assert {"\u06d4", "\u061f", "\u060c", "\u0964", "\u06f4", "\u0a6c"} <= {chr(c) for c in _STAND_INS}
    for code, stand_in in _STAND_INS.items():
        assert resolved(chr(code)) == resolved(stand_in), (hex(code), stand_in)


def test_other_scripts_and_number_signs_take_the_full_algorithm() -> None:
    assert is_fast("A plain sentence, with (brackets) - and 1/2, “quoted” — don’t…")
    assert not is_fast("50%") and not is_fast(GURMUKHI) and not is_fast("a\tb")


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


@pytest.mark.parametrize("text", [" ”\u064b ", " ”\u064b a", "1 ”\u064b ", "a ”\u064b b"])
def test_a_closing_quote_with_a_mark_after_leading_spaces_breaks_as_uax14_says(text: str) -> None:
    # Found by the property test above: a closing quote followed by a combining mark takes the
    # mark as part of itself (LB9), so no break before it when a space follows (LB15b).
    assert list(break_opportunities(text)) == uax14(text)
