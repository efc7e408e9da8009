"""Layout as data: styles of composed roles, geometry and the edition come from layout YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from activate_pack.errors import Problems
from activate_pack.layout import pages
from activate_pack.layout.boxes import Rect, Rule
from activate_pack.layout.cards import card_back, card_front
from activate_pack.layout.context import Ctx
from activate_pack.layout.spec import MM, layout_dirs, load_layout
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir


def _spec(root: Path, name: str = "a6"):  # type: ignore[no-untyped-def]
    return load_layout(name, layout_dirs(root, default_pack_dir()))


def test_kind_label_capitals_are_a_style(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    pack = load_pack(root)
    page = card_front(Ctx(pack, _spec(root), Problems()), pack.questions[0])
    assert page.texts("label")[0].text == "QUESTION · WARM UP"
    root = make_pack(**{"layouts/a6.yaml": "extends: a6\nstyles:\n  header:\n"
                                          "    kind-label: {case: as-written}\n"})
    page = card_front(Ctx(pack, _spec(root), Problems()), pack.questions[0])
    assert page.texts("label")[0].text == "Question · Warm up"


def test_role_colours_come_from_the_layout(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"layouts/a6.yaml": "extends: a6\nstyles:\n  question:\n"
                                          "    question: {colour: '#123456', scale: 1.3}\n"})
    pack = load_pack(root)
    page = card_front(Ctx(pack, _spec(root), Problems()), pack.questions[0])
    body = page.texts("body")[0]
    assert body.lines[0].segments[0].colour == "#123456"


def test_write_in_lines_follow_the_layout_gap(make_pack: Callable[..., Path]) -> None:
    blank = ("id: blank\ntitle: Your own\nblank: true\n"
             "prompt: What else does your area have?\n")

    def gaps(root: Path) -> set[float]:
        pack = load_pack(root)
        card = next(c for c in pack.ingredients if c.blank)
        page = card_front(Ctx(pack, _spec(root), Problems()), card)
        ys = sorted(b.y1 for b in page.boxes if isinstance(b, Rule))
        return {round(b - a, 2) for a, b in zip(ys, ys[1:])}

    assert round(7.5 * MM, 2) in gaps(make_pack(**{"content/ingredients/blank.yaml": blank}))
    wide = make_pack(**{"content/ingredients/blank.yaml": blank,
                        "layouts/a6.yaml": "extends: a6\nwrite_in: {gap: 9}\n"})
    assert round(9 * MM, 2) in gaps(wide) and round(7.5 * MM, 2) not in gaps(wide)


def test_card_back_ring_is_a_region(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"layouts/a6.yaml": "extends: a6\nback:\n  ring: [10, 20, 50, 50]\n"})
    pack = load_pack(root)
    spec = _spec(root)
    page = card_back(Ctx(pack, spec, Problems()), "question", pack.questions[0], "warm-hello")
    ring = [b for b in page.boxes if isinstance(b, Rect) and b.stroke][0]
    assert (round(ring.x / MM, 3), round((spec.height - ring.y - ring.h) / MM, 3),
            round(ring.w / MM, 3)) == (10, 20, 50)


def test_the_layout_declares_its_edition(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    pack = load_pack(root)
    assert _spec(root, "a6").edition == "community"
    assert _spec(root, "a4").edition == "facilitator"
    doc = pages.edition(pack, "a6", _spec(root, "a4"), Problems())
    assert doc.pages[0].kind == "cover"  # the a4 layout lays out the A4 pack, whatever the size


def test_styles_are_made_once_per_layout_and_arguments(make_pack: Callable[..., Path]) -> None:
    from activate_pack.layout.styles import _style, style

    root = make_pack()
    pack = load_pack(root)
    ctx = Ctx(pack, _spec(root), Problems())
    asked = [("question", "question", "question", False, {}),
             ("question", "question", "question", True, {}),
             ("question", "question", "recipe", False, {}),
             ("header", "title", "question", False, {"lang": "cy"}),
             ("credit", "credit", "question", False, {"colour": "#654321"}),
             ("credit", "credit", "question", False, {"colour": "#123456"})]
    made = [style(ctx, c, r, k, repeat, **extra) for c, r, k, repeat, extra in asked]
    assert made == [_style(ctx, c, r, k, repeat, extra) for c, r, k, repeat, extra in asked]
    assert all(style(ctx, c, r, k, repeat, **extra) is found
               for (c, r, k, repeat, extra), found in zip(asked, made))
    assert made[4].colour == "#654321" and made[5].colour == "#123456"
    other = make_pack(**{"layouts/a6.yaml": "extends: a6\nstyles:\n  question:\n"
                                            "    question: {colour: '#123456'}\n"})
    changed = style(Ctx(pack, _spec(other), Problems()), "question", "question", "question")
    assert changed.colour == "#123456" != made[0].colour
