"""Right-to-left pages mirror: positions as numbers, for Urdu and Arabic against English."""

from __future__ import annotations

from pathlib import Path

import pytest

from activate_pack.layout.boxes import Document, ImageBox, Page, Rect, TextBox
from activate_pack.layout.mirror import Mirror, mirror_box
from activate_pack.layout.spec import MM, layout_dirs, load_layout
from activate_pack.output.build import build
from conftest import layout_document
from activate_pack.layout.printing import PrintOptions
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir
from test_printing import check_backs_behind_fronts

DEFAULT = default_pack_dir()
DIRS = layout_dirs(DEFAULT, DEFAULT)


@pytest.fixture(scope="module")
def docs() -> dict[tuple[str, str], Document]:
    made = {}
    for lang in ("en", "ur", "ar"):
        pack = load_pack(DEFAULT, language=None if lang == "en" else lang)
        for size in ("a6", "a4"):
            made[lang, size] = layout_document(pack, size, load_layout(size, DIRS))
    return made


def _card(doc: Document, card: str, face: str = "front") -> Page:
    return next(p for p in doc.pages if p.card == card and p.face == face)


def _ink(box: TextBox) -> tuple[float, float]:
    """Where a text box's words start and end across the page (points)."""
    segs = [s for line in box.lines for s in line.segments]
    return box.x + min(s.x for s in segs), box.x + max(s.x + s.width for s in segs)


def _segment_x(page: Page, text: str) -> float:
    for box in page.texts():
        for line in box.lines:
            for seg in line.segments:
                if text in seg.text:
                    return box.x + seg.x
    raise AssertionError(f"{text!r} is not on the page")


def _folio_and_credit(page: Page) -> tuple[TextBox, TextBox]:
    return page.texts("folio")[0], page.texts("credit")[0]


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_a4_page_numbers_and_credit_line_change_sides(docs, lang: str) -> None:
    spec = load_layout("a4", DIRS)
    margin = spec.margin * MM
    # The first set's divider: translated, so it reads right to left (the guide pages after it
    # are left in English by the translations, and keep the English layout).
    english = docs["en", "a4"].pages[2]
    folio, credit = _folio_and_credit(english)
    assert folio.x > credit.x  # English: the page number at the right
    assert folio.x + folio.w == pytest.approx(spec.width - margin)
    page = docs[lang, "a4"].pages[2]
    assert page.kind == "divider"
    folio, credit = _folio_and_credit(page)
    assert folio.x < credit.x  # right to left: the page number at the left
    assert folio.x == pytest.approx(margin)
    assert credit.x + credit.w == pytest.approx(spec.width - margin)


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_a4_contents_numbers_and_colour_bars_change_sides(docs, lang: str) -> None:
    def sides(doc: Document) -> tuple[float, float, float]:
        page = next(p for p in doc.pages if p.kind == "contents")
        numbers = [b for b in page.texts() if b.text.strip().isdigit()]
        entries = [b for b in page.texts() if b.text and not b.text.strip().isdigit()
                   and b.role != "credit" and b.role != "folio"]
        bars = [b for b in page.boxes if isinstance(b, Rect) and b.fill and b.w < 5 * MM]
        return (sum(b.x for b in numbers) / len(numbers), sum(b.x for b in entries) / len(entries),
                sum(b.x for b in bars) / len(bars))

    numbers, entries, bars = sides(docs["en", "a4"])
    assert bars < entries < numbers
    numbers, entries, bars = sides(docs[lang, "a4"])
    assert numbers < entries < bars  # the page numbers at the left, where a line of Urdu ends


URDU_GUIDE = """\
translators: [{name: Test Translator}]
reviewed: false
guide:
  guide-hello:
    title: سلام
    body: ایک چھوٹا سا صفحہ۔
"""


def test_a4_guide_accent_bar_sits_at_the_start(docs, make_pack) -> None:
    spec = load_layout("a4", DIRS)
    ax, _, aw, _ = spec.region("accent")
    # English, and a guide page a translation leaves in English, start on the left.
    root = make_pack(**{"content/translations/ur.yaml": URDU_GUIDE.split("guide:")[0]})
    left = layout_document(load_pack(root, language="ur"), "a4",
                           load_layout("a4", layout_dirs(root, DEFAULT)))
    root = make_pack(**{"content/translations/ur.yaml": URDU_GUIDE})
    translated = layout_document(load_pack(root, language="ur"), "a4",
                                 load_layout("a4", layout_dirs(root, DEFAULT)))
    for doc, x in ((docs["en", "a4"], ax), (left, ax), (translated, spec.width - ax - aw)):
        page = next(p for p in doc.pages if p.kind == "guide")
        accent = [b for b in page.boxes if isinstance(b, Rect) and b.w == pytest.approx(aw)]
        assert accent and accent[0].x == pytest.approx(x), page.texts("title")[0].text


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_an_rtl_card_title_starts_at_the_right_margin(docs, lang: str) -> None:
    spec = load_layout("a6", DIRS)
    page = _card(docs[lang, "a6"], "warm-up-favourite-place")
    title = page.texts("title")[0]
    _, right = _ink(title)
    assert right == pytest.approx(spec.width - spec.margin * MM, abs=0.5)
    left, _ = _ink(_card(docs["en", "a6"], "warm-up-favourite-place").texts("title")[0])
    assert left == pytest.approx(spec.margin * MM, abs=0.5)


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_rtl_list_markers_sit_right_of_their_text(docs, lang: str) -> None:
    page = _card(docs[lang, "a6"], "warm-up-favourite-place")
    body = page.texts("body")[0]
    marked = [line for line in body.lines if line.segments and line.segments[0].text == "•"]
    assert marked
    for line in marked:
        marker, *words = line.segments
        assert marker.x > max(s.x for s in words)
    english = _card(docs["en", "a6"], "warm-up-favourite-place").texts("body")[0]
    line = next(line for line in english.lines if line.segments[0].text == "•")
    assert line.segments[0].x < min(s.x for s in line.segments[1:])


URDU_SOUP = """\
translators: [{name: Test Translator}]
reviewed: false
labels:
  recipe: {time: وقت}
cards:
  soup-club:
    title: سوپ کلب
    summary: پڑوسی ہر ہفتے مل کر سوپ پکاتے ہیں۔
    method: [باورچی خانہ ڈھونڈیں۔, پکائیں۔]
    time: ہر ہفتے ایک شام
"""


def test_an_urdu_field_label_sits_right_of_its_value(make_pack) -> None:
    root = make_pack(**{"content/translations/ur.yaml": URDU_SOUP})
    pack = load_pack(root, language="ur")
    doc = layout_document(pack, "a6", load_layout("a6", layout_dirs(root, DEFAULT)))
    page = _card(doc, "soup-club", "back")  # the time is on the back of a recipe
    assert _segment_x(page, "وقت") > _segment_x(page, "شام")


def test_only_positions_change_and_shared_boxes_stay_shared(docs) -> None:
    english, urdu = docs["en", "a6"], docs["ur", "a6"]
    width = english.pages[0].width
    backs = [p for p in urdu.pages if p.face == "back" and p.card_kind == "question"]
    assert len({id(p.boxes) for p in backs}) < len(backs)  # alike backs still share one tuple
    credits = {id(b) for p in urdu.pages for b in p.texts("credit")}
    assert len(credits) < len(urdu.pages) / 2  # credit lines still shared, drawn once
    box = TextBox(10, 100, 30, 20, 9, (), "body")
    assert mirror_box(box, width) == TextBox(width - 40, 100, 30, 20, 9, (), "body")
    assert mirror_box(mirror_box(box, width), width) == box
    assert Mirror(frozenset()).document(english) is english  # Latin pages: untouched


def test_english_pages_do_not_mirror_and_the_layout_says_which_pages_do() -> None:
    from activate_pack.layout.mirror import mirrors

    spec = load_layout("a6", DIRS)
    assert mirrors(spec, "en-GB") == frozenset()
    assert mirrors(spec, "pa-Guru") == frozenset()
    assert "card" in mirrors(spec, "ur") and "instructions" not in mirrors(spec, "ar")


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_urdu_backs_sit_behind_their_fronts_when_printed_at_home(tmp_path: Path,
                                                                 duplex: str) -> None:
    (built,) = build(DEFAULT, ("a6",), tmp_path, options=PrintOptions("home", duplex),
                     languages="ur")
    assert check_backs_behind_fronts(built.path, 2, duplex) == ["about", "question",
                                                               "question", "question"]


def test_the_about_card_logo_and_the_cover_logo_change_sides(make_pack) -> None:
    from test_logo import _png, _with_logo

    # The pack's title in Urdu: the about card and the cover read right to left.
    root = make_pack(**{"content/translations/ur.yaml": URDU_SOUP + "pack: {title: ٹیسٹ پیک}\n"})
    _png(root / "content/images/logo.png")
    _with_logo(root)
    dirs = layout_dirs(root, DEFAULT)
    a6, a4 = load_layout("a6", dirs), load_layout("a4", dirs)
    for lang, rtl in (("en", False), ("ur", True)):
        pack = load_pack(root, language=None if lang == "en" else lang)
        about = layout_document(pack, "a6", a6).pages[0]
        (logo,) = [b for b in about.boxes if isinstance(b, ImageBox)]
        title = about.texts("title")[0]
        if rtl:  # the logo at the left of the band, the title running from the right margin
            assert logo.x + logo.w < title.x
            assert title.x + title.w == pytest.approx(a6.width - a6.margin * MM)
        else:
            assert title.x + title.w < logo.x
            assert title.x == pytest.approx(a6.margin * MM)
        cover = layout_document(pack, "a4", a4).pages[0]
        (logo,) = [b for b in cover.boxes if isinstance(b, ImageBox)]
        assert (logo.x > a4.width / 2) is rtl, lang


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_the_rtl_credit_line_has_one_separator_between_licence_and_title(docs, lang: str) -> None:
    # The '·' before the web address ends the first line when the address wraps: it is not
    # drawn (at the line's far left it dangled before the Latin words), nor doubled beside the
    # title's own separator ('4.0 · · title').
    credit = _card(docs[lang, "a6"], "warm-up-favourite-place").texts("credit")[0]
    first = credit.lines[0]
    assert len(credit.lines) == 2 and credit.lines[1].text.startswith("https://")
    (licence,) = [s for s in first.segments if "4.0" in s.text]
    assert licence.text.rstrip().endswith("4.0")
    leftmost = min(first.segments, key=lambda s: s.x)
    assert leftmost is licence and leftmost.text.startswith("Activate")
    assert "".join(s.text for s in first.segments).count("·") == 2  # title · authors · licence


def test_a_web_address_ending_an_rtl_line_keeps_its_slash() -> None:
    from activate_pack.text import Flow, Layouter, Style

    flow = Flow()
    flow.add("حقيبة التفعيل · https://creativecommons.org/licenses/by-sa/4.0/", Style(lang="ar"))
    (line,) = Layouter(flow).lay(8, 600).lines
    (address,) = [s for s in line.segments if "https" in s.text]
    assert address.text.endswith("4.0/")


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_a_line_that_opens_with_latin_words_starts_on_the_right(docs, lang: str) -> None:
    # The cover's edition line names the place first ('Dudley · ورژن 1.0.0'): in Urdu or
    # Arabic it still starts at the right, with the place's name rightmost.
    box, line = next((b, ln) for b in docs[lang, "a4"].pages[0].texts() for ln in b.lines
                     if "Dudley" in ln.text)
    rightmost = max(line.segments, key=lambda s: s.x)
    assert rightmost.text.strip() == "Dudley"
    assert rightmost.x + rightmost.width == pytest.approx(box.w, abs=0.5)
    english = next(ln for b in docs["en", "a4"].pages[0].texts() for ln in b.lines
                   if "Dudley" in ln.text)
    assert min(s.x for s in english.segments) == pytest.approx(0, abs=0.5)


def test_english_a_translation_left_out_keeps_its_direction(tmp_path: Path) -> None:
    # A copy of the pack whose Arabic leaves the guide out: its English stays left to right,
    # markers left.
    import shutil

    import yaml

    root = tmp_path / "pack"
    shutil.copytree(DEFAULT / "content", root / "content")
    overlay = root / "content/translations/ar.yaml"
    data = yaml.safe_load(overlay.read_text(encoding="utf-8"))
    del data["guide"]
    overlay.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    doc = layout_document(load_pack(root, language="ar"), "a4",
                          load_layout("a4", layout_dirs(root, DEFAULT)))
    page = next(p for p in doc.pages if p.kind == "guide")
    body = max(page.texts(), key=lambda b: len(b.lines))
    marked = [ln for ln in body.lines if ln.segments and ln.segments[0].text in ("•", "1.")]
    assert marked and all(ln.segments[0].x < ln.segments[1].x for ln in marked)
    assert min(s.x for ln in body.lines for s in ln.segments) == pytest.approx(0, abs=0.5)
