"""The A4 pack built round the cards, read back from the PDFs: each card page shows the A6 card
as it is printed (same words, same places, same sizes), the notes beside it and lines to write
on; a recipe's back follows its front; the cover and dividers draw card shapes; pictures get a
third of the card's width."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
import pytest

MM = 72 / 25.4
CARD_W, CARD_H = 105 * MM, 148 * MM
AT = 11 * MM  # layouts/a4.yaml card_page.at: the card's top-left corner (top-right in Urdu)
A4_W = 210 * MM


def _card_chars(page: Any, left: float, top: float = AT) -> list[tuple[str, float, float, float]]:
    """Each character inside the card's place on a page: its text, its place measured from
    the card's top-left corner, and its size (points)."""
    return sorted((c["text"], c["x0"] - left, c["top"] - top, c["size"])
                  for c in page.chars
                  if left - 0.5 <= c["x0"] and c["x1"] <= left + CARD_W + 0.5
                  and top - 0.5 <= c["top"] and c["bottom"] <= top + CARD_H + 0.5)


def _faces(pdf: Path) -> list[tuple[tuple[str, float, float, float], ...]]:
    """Every card face of an A6 PDF but the about card, as ``_card_chars`` sees it."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [tuple(_card_chars(page, 0.0, 0.0)) for page in doc.pages[2:]]


def _a4_cards(pdf: Path, left: float) -> list[tuple[tuple[str, float, float, float], ...]]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [tuple(chars) for page in doc.pages if (chars := _card_chars(page, left))]


@pytest.fixture(scope="module")
def urdu(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default pack in Urdu, A6 and A4."""
    from activate_pack.output.build import build
    from activate_pack.pack.sources.paths import default_pack_dir

    built = build(default_pack_dir(), ("a6", "a4"), tmp_path_factory.mktemp("ur"),
                  languages="ur")
    return {item.path.name.split("-")[-2]: item.path for item in built}


Chars = tuple[tuple[str, float, float, float], ...]


def _same(one: Chars, two: Chars) -> bool:
    """Whether two faces have the same letters at the same places and sizes (to 0.05 pt)."""
    if Counter(c[0] for c in one) != Counter(c[0] for c in two):
        return False
    by_text: dict[str, list[tuple[str, float, float, float]]] = {}
    for char in two:
        by_text.setdefault(char[0], []).append(char)
    return all(any(all(abs(a - b) < 0.05 for a, b in zip(char[1:], other[1:]))
                   for other in by_text[char[0]]) for char in one)


def _matches(faces: list[Chars], shown: list[Chars]) -> list[int]:
    """For each face, how many of the pages ``shown`` show it."""
    return [sum(_same(face, page) for page in shown) for face in faces]


def test_each_card_page_shows_the_a6_card_as_printed(default_pdfs: dict[str, Path]) -> None:
    """Every front (and every recipe's back) of the A6 pack is on an A4 page, at the top left,
    each letter where the A6 card has it and at its size."""
    faces = _faces(default_pdfs["a6"])
    fronts, backs = faces[::2], faces[1::2]
    shown = _a4_cards(default_pdfs["a4"], AT)
    assert len(fronts) == 65
    assert _matches(fronts, shown) == [1] * 65
    # And the sixteen recipes' backs (the other kinds' backs are not shown).
    assert sum(any(_same(back, page) for back in backs) for page in shown) == 16


def test_in_urdu_the_card_sits_at_the_top_right(urdu: dict[str, Path]) -> None:
    fronts = _faces(urdu["a6"])[::2]
    right = AT + CARD_W  # measured from the right edge of the page
    shown = _a4_cards(urdu["a4"], A4_W - right)
    assert _matches(fronts, shown) == [1] * 65


def test_notes_prompts_and_lines_beside_and_below_each_card(
        default_pdfs: dict[str, Path]) -> None:
    import pdfplumber

    from activate_pack.pack.loading.load import load_pack
    from activate_pack.pack.sources.paths import default_pack_dir

    labels = load_pack(default_pack_dir()).labels.facilitator
    fronts = reverses = 0
    with pdfplumber.open(default_pdfs["a4"]) as doc:
        for page in doc.pages:
            words = " ".join((page.extract_text() or "").split())
            if labels.notes not in words and labels.back_prompts[0] not in words:
                continue  # not a card page
            beside = " ".join((page.crop((AT + CARD_W, 0, page.width, AT + CARD_H))
                               .extract_text() or "").split())
            below = " ".join((page.crop((0, AT + CARD_H, page.width, page.height))
                              .extract_text() or "").split())
            rules = [e for e in page.edges if e["orientation"] == "h"
                     and e["width"] > 60 * MM and e["top"] > AT + CARD_H]
            assert len(rules) >= 6, page.page_number
            if labels.notes in beside:
                fronts += 1
                assert all(prompt in below for prompt in labels.prompts), page.page_number
            else:  # a recipe's back: lines beside it, the other prompts below
                reverses += 1
                assert labels.back_prompts[0] in beside and labels.back_prompts[-1] in below
                assert len([e for e in page.edges if e["orientation"] == "h"
                            and e["x0"] > AT + CARD_W]) >= 6
    assert (fronts, reverses) == (65, 16)


def test_a_card_is_read_once_and_its_back_is_decoration(default_pdfs: dict[str, Path]) -> None:
    """The structure tree holds one heading for each card page (the card's title), none for a
    recipe's back (its words repeat the front's); each bookmark leads to its card."""
    pdftotext = subprocess.run(["pdftotext", "-layout", str(default_pdfs["a4"]), "-"],
                               capture_output=True, text=True, check=True).stdout.split("\f")
    with pikepdf.open(default_pdfs["a4"]) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        headings = Counter(pages[o.Pg.objgen] for o in pdf.objects
                           if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/H1")
        with pdf.open_outline() as outline:
            sets = [item for item in outline.root if item.children]
            cards = [child for item in sets[1:4] for child in item.children]
            assert len(cards) == 65
            for item in cards:
                index = pages[item.destination[0].objgen]
                assert headings[index] == 1, item.title
                assert item.title in pdftotext[index], item.title
                # The page after a recipe's front is its back: no heading, no bookmark.
                if item in sets[3].children:
                    assert headings[index + 1] == 0


def _pixel(pdf: Path, number: int, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[number - 1].render(scale=2).to_pil().convert("RGB")
        return image.getpixel((round(x_mm * MM * 2), round(y_mm * MM * 2)))
    finally:
        doc.close()


def _near(pixel: tuple[int, int, int], colour: str) -> bool:
    want = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return all(abs(a - b) <= 6 for a, b in zip(pixel, want))


def test_the_cover_shows_a_card_of_each_kind_and_a_divider_a_stack(
        default_pdfs: dict[str, Path]) -> None:
    from activate_pack.layout.spec import layout_dirs, load_layout
    from activate_pack.pack.sources.paths import default_pack_dir

    spec = load_layout("a4", layout_dirs(default_pack_dir(), default_pack_dir()))
    assert set(spec.decor.cards) == {"recipe", "question", "ingredient"}
    for kind, (x, y, w, h) in spec.decor.cards.items():
        colours = spec.kinds[kind]
        assert _near(_pixel(default_pdfs["a4"], 1, x + w / 2, y + h * 0.12), colours.main), kind
        assert _near(_pixel(default_pdfs["a4"], 1, x + w / 2, y + h * 0.5), colours.tint), kind
        assert not _near(_pixel(default_pdfs["a4"], 1, x + w / 2, y + h * 0.5),
                         spec.kinds["about"].main)
    # Set 2's divider (page 13: the contents page says so) shows a stack of question cards.
    assert pdftotext_page(default_pdfs["a4"], 13).startswith("Set 2")
    assert spec.decor.stack is not None
    x, y, w, h = spec.decor.stack
    assert _near(_pixel(default_pdfs["a4"], 13, x + w - 10, y + h - 10),
                 spec.kinds["question"].tint)
    assert _near(_pixel(default_pdfs["a4"], 13, x + 2, y + h - 2), spec.kinds["question"].main)


def pdftotext_page(pdf: Path, number: int) -> str:
    """One page's text, as Poppler reads it."""
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout.strip()


PICTURED = """\
image:
  file: images/{file}
  alt: A photo
  credit: {{author: Sam Jones, licence: CC-BY-4.0}}
"""


def test_a_portrait_photo_takes_a_third_of_the_card(make_pack, tmp_path: Path) -> None:
    """A portrait photo, on a question and on a recipe, is printed a third of the A6 card's
    width or more (not a stamp in the band), and as large on the A4 card page."""
    import pdfplumber
    from PIL import Image

    from conftest import RECIPE

    from activate_pack.output.build import build

    root = make_pack(**{
        "content/recipes/soup-club.yaml": RECIPE + PICTURED.format(file="tall.jpg"),
        "content/questions/warm-up.yaml": (
            "- id: warm-hello\n  title: Hello\n  question: What did you have for breakfast?\n"
            "  prompts: [Who made it?, Where?]\n  phase: warm-up\n" + "".join("  " + line + "\n" for line in
                                           PICTURED.format(file="tall.jpg").splitlines()))})
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 1200), "#1565C0").save(root / "content/images/tall.jpg")
    built = {item.path.name.split("-")[-2]: item.path
             for item in build(root, ("a6", "a4"), tmp_path / "out")}
    for size, pdf in built.items():
        with pdfplumber.open(pdf) as doc:
            widths = [image["x1"] - image["x0"] for page in doc.pages for image in page.images]
        assert len(widths) == 2, size
        assert all(w >= 105 * MM / 3 - 0.1 for w in widths), (size, [w / MM for w in widths])


def test_a_photo_the_text_leaves_no_room_for_is_a_warning_saying_what_to_cut(
        make_pack, tmp_path: Path) -> None:
    """A recipe whose front is full keeps its words at 12 pt and prints a portrait photo small
    in the band; the warning, at the picture's line, says how many words to cut, and cutting
    them prints the photo at the layout's least width."""
    import re

    import pdfplumber
    from PIL import Image

    from conftest import RECIPE

    from activate_pack.output.build import build

    words = ("Neighbours cook soup together once a week in the church hall and share it with "
             "anyone who comes along, bringing vegetables from the allotments and bread from "
             "the bakery on the corner, and every cook teaches one recipe of their own.").split()
    card = (RECIPE.replace("summary: Neighbours cook soup together once a week.",
                           "summary: " + " ".join(words))
            + "challenge: " + " ".join(words[:30]) + "\n"
            + PICTURED.format(file="tall.jpg"))
    root = make_pack(**{"content/recipes/soup-club.yaml": card})
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 1200), "#1565C0").save(root / "content/images/tall.jpg")

    def printed(out: str) -> tuple[float, list[str]]:
        said: list[str] = []
        [item] = build(root, ("a6",), tmp_path / out, warn=lambda p: said.append(str(p)))
        with pdfplumber.open(item.path) as doc:
            [width] = [i["x1"] - i["x0"] for page in doc.pages for i in page.images]
        return width, [s for s in said if "the picture prints" in s]

    width, warned = printed("full")
    assert width < 105 * MM / 3 - 1 and len(warned) == 1, (width / MM, warned)
    line = card.splitlines().index("image:") + 2  # the 'file:' line under 'image:'
    assert warned[0].startswith(f"content/recipes/soup-club.yaml:{line}: warning: "), warned
    cut = int(re.search(r"by about (\d+) word", warned[0]).group(1))
    kept = words[:max(1, len(words) - cut)]
    (root / "content/recipes/soup-club.yaml").write_text(
        card.replace(" ".join(words), " ".join(kept), 1), encoding="utf-8")
    width, warned = printed("cut")
    assert width >= 105 * MM / 3 - 0.1 and not warned, (width / MM, warned)


def test_a_kind_without_cards_has_no_set_in_the_a4_pack(default_copy: Path,
                                                          tmp_path: Path) -> None:
    import shutil

    from activate_pack.output.build import build

    shutil.rmtree(default_copy / "content" / "recipes")
    [a4] = build(default_copy, ("a4",), tmp_path / "out")
    contents = pdftotext_page(a4.path, 2)
    # The sets that are left are numbered on; no divider stands over no cards.
    assert "recipe cards" not in contents.lower() and "Set 5" not in contents
    assert "Set 2" in contents and "Set 4" in contents
    with pikepdf.open(a4.path) as pdf:
        titles = [item.title for item in pdf.open_outline().root]
    assert "Question cards" in titles and "Templates" in titles
    assert not any("recipe cards" in title.lower() for title in titles), titles
