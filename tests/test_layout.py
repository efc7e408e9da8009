"""Layout as numbers: fitting, safe zones, page sizes and layout inheritance."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import layout_document
from activate_pack.errors import PackError, Problems
from activate_pack.layout.boxes import TextBox
from activate_pack.layout.fit import fit
from activate_pack.layout.spec import MM, TypeSize, layout_dirs, load_layout
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack
from activate_pack.text import Flow, Layouter, Style, width

DEFAULT = default_pack_dir()


@pytest.fixture(scope="module")
def docs():
    pack = load_pack(DEFAULT)
    dirs = layout_dirs(DEFAULT, DEFAULT)
    return {size: layout_document(pack, size, load_layout(size, dirs)) for size in ("a6", "a4")}


def words(n: int) -> str:
    return " ".join(f"word{i % 10}" for i in range(n))


def test_text_that_fits_keeps_its_size() -> None:
    flow = Flow()
    flow.add("Short text.", Style())
    problems = Problems()
    box = fit(flow, 0, 0, 200, 100, TypeSize(size=12, min=8), "body", problems)
    assert box.size == 12 and not problems.items


def test_text_shrinks_in_half_point_steps_to_fit() -> None:
    flow = Flow()
    flow.add(words(60), Style())
    problems = Problems()
    box = fit(flow, 0, 0, 200, 120, TypeSize(size=14, min=6), "body", problems)
    assert not problems.items
    assert 6 <= box.size < 14 and (box.size * 2) == int(box.size * 2)
    assert box.used_height <= 120 + 0.01
    # Half a point larger would not have fitted.
    assert Layouter(flow).lay(box.size + 0.5, 200).height > 120


def test_text_that_cannot_fit_says_how_much_to_cut() -> None:
    flow = Flow()
    flow.add(words(200), Style())
    problems = Problems()
    fit(flow, 0, 0, 200, 100, TypeSize(size=10, min=10), "body", problems, card="c1",
        what="summary", where=("content/recipes/c1.yaml", 3))
    [problem] = problems.items
    assert problem.card == "c1" and problem.path == "content/recipes/c1.yaml" and problem.line == 3
    assert "summary does not fit" in problem.message
    cut = int(problem.message.split("cut about ")[1].split()[0])
    # Cutting that many words makes it fit (or nearly: it is an estimate); cutting none does not.
    flow2 = Flow()
    flow2.add(words(200 - cut), Style())
    assert Layouter(flow2).lay(10, 200).height <= 100 + 10 * 1.25 * 2
    assert 40 < cut < 200


def test_characters_the_font_lacks_are_named() -> None:
    flow = Flow()
    flow.add("Snow ☃ and 𝄞", Style())
    problems = Problems()
    fit(flow, 0, 0, 200, 100, TypeSize(size=10), "title", problems, card="snow", what="title")
    [problem] = problems.items
    assert "U+2603" in problem.message and "U+1D11E" in problem.message and problem.card == "snow"


def test_polish_and_romanian_letters_are_covered() -> None:
    flow = Flow()
    flow.add("Zażółć gęślą jaźń. Șase țări în România.", Style(bold=True))
    flow.add("ĄĆĘŁŃÓŚŹŻ ăâîșțĂÂÎȘȚ", Style(italic=True))
    assert flow.missing_glyphs() == set()


def test_lines_never_exceed_their_box(docs) -> None:
    for doc in docs.values():
        for page in doc.pages:
            for box in page.texts():
                for line in box.lines:
                    end = max(s.x + width(s.text.rstrip(), s.font, s.size) for s in line.segments)
                    assert end <= box.w + 0.01, (page.card, box.role, line.text)
                assert box.used_height <= box.h + 0.01, (page.card, box.role)


def test_text_stays_in_the_safe_zone(docs) -> None:
    for size, doc in docs.items():
        safe = 5 * MM
        for page in doc.pages:
            for box in page.texts():
                if not box.lines:
                    continue
                bottom = box.top - box.used_height
                assert box.x >= safe and box.x + box.w <= page.width - safe, (size, page.card, box.role)
                assert bottom >= safe and box.top <= page.height - safe, (size, page.card, box.role)


def test_page_sizes_are_exact(docs) -> None:
    assert {(round(p.width / MM, 3), round(p.height / MM, 3)) for p in docs["a6"].pages} == {(105, 148)}
    assert {(round(p.width / MM, 3), round(p.height / MM, 3)) for p in docs["a4"].pages} == {(210, 297)}


def test_every_a6_card_has_a_front_then_a_back(docs) -> None:
    pages = docs["a6"].pages
    assert [p.face for p in pages] == ["front", "back"] * (len(pages) // 2)
    assert all(a.card == b.card for a, b in zip(pages[::2], pages[1::2]))


def test_a4_order_cover_contents_sets_colophon(docs) -> None:
    kinds = [p.kind for p in docs["a4"].pages]
    assert kinds[:3] == ["cover", "contents", "divider"] and kinds[-1] == "colophon"
    assert kinds.count("divider") == 5
    assert [p.face for p in docs["a4"].pages if p.kind == "template"] == [
        "recipe_worksheet", "asset_map", "action_plan"]
    # Facilitator notes appear on A4 card pages only: beside each card's front; a recipe's
    # back has a page of its own, with room to write.
    cards = [p for p in docs["a4"].pages if p.kind == "card"]
    assert all(p.texts("notes") for p in cards if p.face == "front")
    assert [p.card for p in cards if p.face == "reverse"] == [
        p.card for p in cards if p.face == "front" and p.card_kind == "recipe"]
    assert not any(p.texts("notes") for p in docs["a6"].pages)


def test_contents_page_numbers_point_at_the_dividers(docs) -> None:
    pages = docs["a4"].pages
    contents = pages[1]
    numbers = [int(b.text) for b in contents.texts("body") if b.text.isdigit()]
    assert numbers, "no page numbers on the contents page"
    for number in numbers[:-1]:
        assert pages[number - 1].kind == "divider"
    assert pages[numbers[-1] - 1].kind == "colophon"
    # Under the sets: the guide's pages and the templates, each pointing at its own page.
    titles = [b.text for b in contents.texts("subentry") if not b.text.isdigit()]
    pointed = [int(b.text) for b in contents.texts("subentry") if b.text.isdigit()]
    assert len(titles) == len(pointed) == len(load_pack(DEFAULT).guide) + 3
    for title, number in zip(titles, pointed):
        page = pages[number - 1]
        assert page.kind in ("guide", "template")
        assert " ".join(title.split()) in " ".join(t.text.replace("\n", " ") for t in page.texts("title"))


def write_layout(root: Path, name: str, text: str) -> None:
    (root / "layouts").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / f"{name}.yaml").write_text(text)


def test_layout_extends_and_overrides(tmp_path: Path) -> None:
    write_layout(tmp_path, "a6", "extends: base\npage: [100, 140]\nmargin: 6\n"
                 "type: {body: {size: 9}}\nregions: {body: [6, 30, 88, 90]}\n")
    spec = load_layout("a6", layout_dirs(tmp_path, DEFAULT))
    assert spec.page == (100, 140) and spec.kinds["recipe"].main  # colours come from base
    assert spec.region("body") == pytest.approx((6 * MM, (140 - 120) * MM, 88 * MM, 90 * MM))


@pytest.mark.parametrize("text, line, message", [
    # Without quotes, YAML reads '#7A1F3D' as a note: the colour is empty.
    ("extends: a6\nkinds:\n  recipe:\n    main: #7A1F3D\n", 4,
     'kinds.recipe.main: a colour must be in quotes, such as "#7A1F3D"'),
    ('extends: a6\nkinds: {recipe: {main: "7A1F3D"}}\n', 2,
     "kinds.recipe.main: '7A1F3D' is not a colour; write a colour as # and six hex digits"),
])
def test_a_colour_written_wrongly_is_explained(tmp_path: Path, text: str, line: int,
                                              message: str) -> None:
    write_layout(tmp_path, "a6", text)
    with pytest.raises(PackError) as info:
        load_layout("a6", layout_dirs(tmp_path, DEFAULT))
    [p] = info.value.problems
    assert (p.path, p.line) == ("layouts/a6.yaml", line) and p.message.startswith(message), p


def test_layout_missing_parent_is_named(tmp_path: Path) -> None:
    write_layout(tmp_path, "mine", "extends: nowhere\n")
    with pytest.raises(PackError) as info:
        load_layout("mine", layout_dirs(tmp_path, DEFAULT))
    [p] = info.value.problems
    assert p.path == "layouts/mine.yaml" and p.line == 1
    assert "no layout called 'nowhere'" in p.message and "a6" in p.message


def test_layout_circle_is_refused(tmp_path: Path) -> None:
    write_layout(tmp_path, "one", "extends: two\n")
    write_layout(tmp_path, "two", "extends: one\n")
    with pytest.raises(PackError, match="in a circle: one → two → one"):
        load_layout("one", layout_dirs(tmp_path, DEFAULT))


def test_text_box_type(docs) -> None:
    first = docs["a6"].pages[0]
    assert all(isinstance(b, TextBox) for b in first.texts())
    assert first.texts("credit")[0].text.replace("\n", " ").count("CC BY-SA 4.0") == 1


def test_credit_line_is_at_least_6pt_and_readable(docs) -> None:
    from activate_pack.layout import contrast
    from activate_pack.layout.boxes import Rect

    for doc in docs.values():
        for page in doc.pages:
            [credit] = page.texts("credit")
            assert credit.size >= 6
            # The background under the credit line: the last filled rectangle covering it.
            background = "#FFFFFF"
            for box in page.boxes:
                if isinstance(box, Rect) and box.fill and box.x <= credit.x and \
                        box.y <= credit.top - credit.h and box.y + box.h >= credit.top:
                    background = box.fill
            for line in credit.lines:
                for seg in line.segments:
                    assert contrast.ratio(seg.colour, background) >= 4.5, (page.card, seg.colour, background)
