"""Shaped scripts, proved against an independent shaper: glyphs read back from the PDF.

For a line of each script, the glyphs the PDF draws (read with pdfplumber, their outlines
measured in the embedded subset font) and their positions must match what uharfbuzz makes of
the same text in the source font, glyph for glyph, within 0.1 pt. pdftotext must give the
words back in logical order.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any, Callable

import pdfplumber
import pikepdf
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
import pytest
import uharfbuzz as hb

from activate_pack.errors import PackError
from activate_pack.output.build import build
from activate_pack.text import FONT_DIR, Flow, Layouter, Style
from activate_pack.text.scripts import direction, itemise, run_levels, visual_order

from conftest import require_tool, yaml_strings

LINES = {
    "ur": ("پسندیدہ جگہ", "NotoNastaliqUrdu-Bold", "rtl"),      # Nastaliq's cascade
    "ar": ("مكان مفضل", "NotoNaskhArabic-Bold", "rtl"),          # joining, right to left
    "pa-Guru": ("ਕਿਹੜੀ ਥਾਂ", "NotoSansGurmukhi-Bold", "ltr"),    # sihari before its consonant
    "bn": ("প্রিয় জায়গা", "NotoSansBengali-Bold", "ltr"),       # a conjunct with reph-less ra
}

PACK_TRANSLATION = """\
translators:
  - name: Test Translator
reviewed: false
cards:
  warm-hello:
    title: {title}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from conftest import GUIDE, INGREDIENTS, PACK_YAML, QUESTIONS, RECIPE

    root = tmp_path_factory.mktemp("shaped") / "pack"
    files = {"content/pack.yaml": PACK_YAML, "content/recipes/soup-club.yaml": RECIPE,
             "content/questions/warm-up.yaml": QUESTIONS,
             "content/ingredients/skills.yaml": INGREDIENTS, "content/guide/01-hello.yaml": GUIDE}
    files |= {f"content/translations/{lang}.yaml": PACK_TRANSLATION.format(title=text)
              for lang, (text, _, _) in LINES.items()}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("shaped-out")
    return {lang: build(root, ("a6",), out, languages=lang)[0].path for lang in LINES}


Box = tuple[float, float, float, float]
"""Where ink is: left, bottom, right, top, in points."""


def _reference(text: str, font_file: str, lang: str, size: float) -> list[Box]:
    """The ink of each cluster (its glyphs together) as uharfbuzz alone shapes ``text``."""
    blob = hb.Blob.from_file_path(str(FONT_DIR / f"{font_file}.ttf"))
    face = hb.Face(blob)
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.language = lang
    # Clusters as the text module asks for them (a mark its own cluster): the PDF draws each
    # cluster as one glyph, and its ink is the cluster's glyphs' together.
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font, buf)
    scale = size / face.upem
    pen, clusters = 0.0, {}
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        box = _ink(font.get_glyph_extents(info.codepoint), pen + pos.x_offset * scale,
                   pos.y_offset * scale, scale)
        if box is not None:
            found = clusters.get(info.cluster)
            clusters[info.cluster] = box if found is None else (
                min(found[0], box[0]), min(found[1], box[1]), max(found[2], box[2]),
                max(found[3], box[3]))
        pen += pos.x_advance * scale
    return list(clusters.values())


def _ink(extents: Any, x: float, y: float, scale: float) -> Box | None:
    """A glyph's ink drawn with its origin at (x, y), or None if it has none."""
    if extents is None or not (extents.width and extents.height):
        return None
    left, top = x + extents.x_bearing * scale, y + extents.y_bearing * scale
    return (left, top + extents.height * scale, left + extents.width * scale, top)


@pytest.mark.parametrize("lang", list(LINES))
def test_a_line_matches_an_independent_shaper(built: dict[str, Path], lang: str) -> None:
    """The ink of each cluster, where the PDF draws it, is where uharfbuzz puts that
    cluster's ink: the PDF draws each cluster's glyphs as one glyph of its font."""
    text, font_file, _ = LINES[lang]
    drawn, size = _glyphs(built[lang], font_file)
    expected = _reference(text, font_file, lang.split("-")[0], size)
    assert len(drawn) == len(expected), (len(drawn), len(expected))
    # The line's origin: the leftmost ink in both.
    first = min(expected)
    for anchor in drawn:
        dx, dy = anchor[0] - first[0], anchor[1] - first[1]
        unused = list(drawn)
        for box in expected:
            moved = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
            match = next((d for d in unused
                          if all(abs(a - b) <= 0.1 for a, b in zip(d, moved))), None)
            if match is None:
                break
            unused.remove(match)
        else:
            return
    raise AssertionError(f"{lang}: glyphs or positions differ from uharfbuzz's")


class _Glyphs(PDFLayoutAnalyzer):
    """pdfminer's renderer, keeping each character code drawn with its font and matrix."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.drawn: list[tuple[str, int, tuple[float, ...], float]] = []

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs,  # type: ignore[override]
                    graphicstate):
        self.drawn.append((font.fontname, cid, tuple(matrix), fontsize))
        return font.char_width(cid) * fontsize * scaling


def _glyphs(path: Path, font_file: str) -> tuple[list[Box], float]:
    """The title's ink, glyph by glyph of the embedded font, where pdfminer finds it drawn."""
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        manager = PDFResourceManager()
        device = _Glyphs(manager)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number == 2:
                interpreter.process_page(page)
                break
    drawn = [d for d in device.drawn if d[0].endswith(font_file)]
    size = max(d[3] * d[2][0] for d in drawn)
    drawn = [d for d in drawn if abs(d[3] * d[2][0] - size) < 0.01]
    with pikepdf.open(path) as doc:
        fonts = doc.pages[2].Resources.Font
        font = next(fonts[k] for k in fonts.keys()
                    if str(fonts[k].BaseFont)[1:] == drawn[0][0])
        descendant = font.DescendantFonts[0]
        assert descendant.CIDToGIDMap == pikepdf.Name.Identity
        data = bytes(descendant.FontDescriptor.FontFile2.read_bytes())
    face = hb.Face(hb.Blob(data))
    subset = hb.Font(face)
    found = [_ink(subset.get_glyph_extents(cid), matrix[4], matrix[5], size / face.upem)
             for _, cid, matrix, _ in drawn]
    return [box for box in found if box is not None], size


def test_each_code_of_shaped_text_is_as_wide_as_its_glyph(built: dict[str, Path]) -> None:
    """The widths a PDF gives its fonts (/W) are the advances its embedded fonts have, as a
    validator (PDFBox's preflight) checks them."""
    checked = 0
    for path in built.values():
        with pikepdf.open(path) as doc:
            for font in _type0_fonts(doc):
                descendant = font.DescendantFonts[0]
                face = hb.Face(hb.Blob(bytes(
                    descendant.FontDescriptor.FontFile2.read_bytes())))
                subset = hb.Font(face)
                widths = list(descendant.W)
                start, listed = int(widths[0]), widths[1]
                for offset, width in enumerate(listed):
                    advance = subset.get_glyph_h_advance(start + offset) * 1000 / face.upem
                    assert abs(float(width) - advance) < 0.01, (font.BaseFont, offset, width)
                    checked += 1
    assert checked > 20


def _type0_fonts(doc: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The document's composite fonts (its fonts of shaped glyphs), once each."""
    found: dict[str, pikepdf.Dictionary] = {}
    for page in doc.pages:
        fonts = page.Resources.get("/Font", {})
        for key in fonts.keys():
            font = fonts[key]
            if font.get("/Subtype") == pikepdf.Name.Type0:
                found[str(font.BaseFont)] = font
    return list(found.values())


@pytest.mark.parametrize("lang", ["ur", "pa-Guru"])
def test_pdftotext_gives_the_words_in_logical_order(built: dict[str, Path], lang: str) -> None:
    tool = require_tool("pdftotext", "poppler-utils")
    text = subprocess.run([tool, "-f", "3", "-l", "3", str(built[lang]), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = LINES[lang][0].split()
    # Invisible format characters (Poppler's bidi embeddings, direction marks) aside.
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    assert " ".join(words) in " ".join(visible.split())


def test_a_url_inside_urdu_stays_latin_and_left_to_right() -> None:
    flow = Flow()
    flow.add("یہ پیک https://example.org پر ہے", Style(lang="ur"))
    line = Layouter(flow).lay(10, 400).lines[0]
    fonts = [(s.text.strip(), s.font, s.direction) for s in line.segments]
    assert ("https://example.org", "atkinson-regular", "ltr") in fonts
    # Read from the right: 'یہ پیک', the address, 'پر ہے'.
    assert line.segments[0].text.strip() == "پر ہے" and line.segments[-1].text.strip() == "یہ پیک"
    assert line.segments[-1].x + line.segments[-1].width == pytest.approx(400)  # starts right


def test_latin_text_is_not_shaped() -> None:
    flow = Flow()
    flow.add("Plain English text, with a URL: https://example.org", Style())
    assert all(s.glyphs is None for s in Layouter(flow).lay(10, 400).lines[0].segments)


def test_runs_are_ordered_by_the_bidi_rules() -> None:
    assert visual_order(run_levels(["rtl", "ltr", "rtl"], "rtl")) == [2, 1, 0]
    assert visual_order(run_levels(["ltr", "rtl", "rtl", "ltr"], "ltr")) == [0, 2, 1, 3]
    assert [s for *_, s in itemise("ab جگہ 12", "rtl")] == ["Latn", "Arab", "Latn"]


def test_a_character_no_font_can_draw_is_named(make_pack: Callable[..., Path],
                                               tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/ur.yaml":
                        PACK_TRANSLATION.format(title="جگہ \u0d05")})  # a Malayalam letter
    with pytest.raises(PackError) as caught:
        build(root, ("a6",), tmp_path / "out", languages="ur")
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("content/translations/ur.yaml:5: title:") and "U+0D05" in s
               and "warm-hello" in s for s in shown), shown


def test_shaped_glyphs_never_use_text_rise(built: dict[str, Path]) -> None:
    """ReportLab 4.4-5.1's setRise keeps a stale rise in one shortcut, which moves Nastaliq
    glyphs by up to 10 pt; every glyph is placed with its own text matrix instead."""
    with pikepdf.open(built["ur"]) as doc:
        stream = doc.pages[2].Contents.read_bytes() if not isinstance(
            doc.pages[2].Contents, pikepdf.Array) else b"".join(
            c.read_bytes() for c in doc.pages[2].Contents)
    assert b" Ts" not in stream
    assert b" Tm <" in stream  # the shaped words are there, each placed by its matrix


def test_a_nastaliq_title_stays_below_the_label_above_it() -> None:
    """The first line of a box is placed by the ink really on it, not by the Latin ascent."""
    from activate_pack.output.plan import prepare
    from activate_pack.output.variants import variants
    from activate_pack.pack.sources.paths import default_pack_dir
    from activate_pack.text.shaping import ink_top

    prepared = prepare(default_pack_dir(), variants(("a6",), languages=["ur"]))
    assert not prepared.report.errors, prepared.report.errors
    [output] = prepared.outputs
    checked = 0
    for page in output.imposed.pages:
        if page.face != "front":
            continue
        label, title = page.texts("label"), page.texts("title")
        if not (label and title and title[0].lines):
            continue
        first = title[0].lines[0]
        tops = [ink_top(s.font, s.glyphs) * s.size for s in first.segments if s.glyphs]
        if not tops:
            continue
        ink = title[0].top - first.y + max(tops)  # in PDF coordinates, upwards
        label_bottom = min(label[0].top - line.y - label[0].size * 0.3 for line in label[0].lines)
        assert ink <= title[0].top + 0.01, (page.card, ink, title[0].top)
        assert ink < label_bottom, (page.card, ink, label_bottom)
        checked += 1
    assert checked >= 12  # the about card and every translated card


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_pdftotext_reads_every_translated_title_whole(tmp_path: Path, lang: str) -> None:
    """Every card title the shipped translation gives, read back in logical order, whole.

    In Nastaliq a letter joined to the next can have next to no advance: 'فخر' once came back
    as 'فر' with its 'خ' elsewhere, because the letter's box fell inside its neighbour's.
    """
    import yaml

    from activate_pack.pack.sources.paths import default_pack_dir

    tool = require_tool("pdftotext", "poppler-utils")
    source = default_pack_dir() / "content" / "translations" / f"{lang}.yaml"
    titles = [card["title"] for card in yaml.safe_load(source.read_text("utf-8"))["cards"].values()
              if "title" in card]
    assert len(titles) >= 12
    (built,) = build(default_pack_dir(), ("a6",), tmp_path, languages=lang)
    text = subprocess.run([tool, str(built.path), "-"], check=True, capture_output=True,
                          text=True).stdout
    lines = {" ".join("".join(c for c in line if unicodedata.category(c) != "Cf").split())
             for line in text.splitlines()}
    missing = [title for title in titles if " ".join(title.split()) not in lines]
    assert not missing, missing


def _shipped_runs() -> list[tuple[str, str, str, str]]:
    """(text, font, script, language) of every shaped run in the shipped translations."""
    import yaml

    from activate_pack.text.fonts import font_name, script_family

    found = []
    for path in sorted((Path(__file__).parent.parent / "content" / "translations").glob("*.yaml")):
        lang = path.stem
        paragraph = direction("Arab") if lang in ("ur", "ar") else "ltr"
        for text in yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = text.replace("\n", " ")
            for start, end, script in itemise(text, paragraph):
                if script != "Latn":
                    font = font_name(script_family(script, lang, "atkinson"))
                    found.append((text[start:end], font, script, lang))
    return found


def _shape_words(parts: tuple[str, ...], font: str, script: str, lang: str | None) -> Any:
    """The run ``"".join(parts)`` put together from its shaped words, as the layouter does
    (``shape_parts``, ``join_parts``): its glyphs, width, missing characters and ink."""
    from itertools import chain

    from activate_pack.text.shaping import Shaped, join_parts, shape_parts

    pieces, _ = shape_parts(parts, font, script, lang)
    glyphs = join_parts(pieces, direction(script) == "rtl")
    total = 0.0
    for glyph in glyphs:  # added in the order shape() adds them, to the very same sum
        total += glyph.advance
    return Shaped(glyphs, total, tuple(dict.fromkeys(chain.from_iterable(
        one.missing for _, one in pieces))), max(one.top for _, one in pieces))


def test_a_line_put_together_from_shaped_words_is_the_line_shaped_whole() -> None:
    from activate_pack.text.shaping import shape

    runs = _shipped_runs()
    assert {script for _, _, script, _ in runs} == {"Arab", "Guru", "Beng"}
    assert any(font.startswith("nastaliq") for _, font, _, _ in runs)
    for text, font, script, lang in runs:
        words = tuple(re.findall(r"^ +|[^ ]+ *", text))  # each word with its spaces
        assert "".join(words) == text
        assert _shape_words(words, font, script, lang) == shape(text, font, script, lang), text


def test_a_word_split_between_two_runs_of_one_font_is_shaped_whole() -> None:
    from activate_pack.pack.model.markup import TextRun as Run
    from activate_pack.text.shaping import shape

    flow = Flow()
    flow.add((Run("آپ کی پسندیدہ ج"), Run("گہ کون سی ہے")), Style(direction="rtl", lang="ur"))
    [line] = Layouter(flow).lay(10, 400).lines
    [seg] = line.segments
    assert seg.text == "آپ کی پسندیدہ جگہ کون سی ہے"
    assert seg.glyphs == shape(seg.text, seg.font, "Arab", "ur").glyphs


def test_a_word_that_recurs_is_drawn_alike_wherever_it_is(make_pack, tmp_path: Path) -> None:
    """A recurring word's operators are written once and placed again (render/glyphs.py): each
    occurrence must draw the same glyphs at the same places relative to its start."""
    root = make_pack(**{"content/translations/ur.yaml": PACK_TRANSLATION.format(
        title="جگہ پسندیدہ جگہ پسندیدہ جگہ")})
    [built] = build(root, ("a6",), tmp_path / "out", languages="ur")
    with pdfplumber.open(built.path) as pdf:
        page = next(p for p in pdf.pages if any("Nastaliq" in c["fontname"] for c in p.chars))
        urdu = [c for c in page.chars if "Nastaliq" in c["fontname"]]
        size = max(c["size"] for c in urdu)
        title = [c for c in urdu if abs(c["size"] - size) < 0.01]
    # Three 'جگہ' and two 'پسندیدہ', in the order they are drawn, split at the spaces.
    words: list[list[tuple[float, float, str]]] = [[]]
    for char in title:
        if char["text"] == " ":
            words.append([])
        else:
            words[-1].append((char["matrix"][4], char["matrix"][5], char["text"]))
    words = [word for word in words if word]
    shapes = [tuple((round(x - word[0][0], 2), round(y - word[0][1], 2), text)
                    for x, y, text in word) for word in words]
    assert len(words) == 5, shapes
    assert shapes[0] == shapes[2] == shapes[4] and shapes[1] == shapes[3]


def test_a_line_of_latin_words_and_urdu_commas_keeps_latin_spacing() -> None:
    """In an Urdu paragraph, a line of English card titles joined by the Urdu comma '، ' is
    spaced as Latin text (the comma's ink is small); a line with an Urdu word takes Nastaliq's
    taller spacing."""
    from activate_pack.pack.model.markup import TextRun as Run

    titles = ["Walk and talk", "Repair cafe", "Memory cafe", "Pocket park", "Skill swap"] * 4

    def gaps(joiner: str, extra: str = "") -> list[float]:
        flow = Flow()
        flow.add((Run(extra + joiner.join(titles)),), Style(direction="rtl", lang="ur"))
        lines = Layouter(flow).lay(10, 200).lines
        assert len(lines) > 3
        return [round(b.y - a.y, 3) for a, b in zip(lines[1:], lines[2:])]

    latin = gaps(", ")
    assert set(gaps("، ")) == set(latin)  # the comma is narrower: lines may break elsewhere
    nastaliq = gaps("، جگہ ")  # an Urdu word on every line
    assert min(nastaliq) > max(latin)
