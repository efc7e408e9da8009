"""Imposition as numbers: slots, duplex flips, crop marks, cut guides and bleed."""

from __future__ import annotations

import pytest

from activate_pack.layout.boxes import Page, Rect
from activate_pack.layout.impose import (Area, Placement, Sheet, cut_guides, edge_backgrounds,
                                         grid, home_sheets, shop_sheets)
from activate_pack.layout.spec import MM

A4 = (210 * MM, 297 * MM)
A6 = (105 * MM, 148 * MM)
TOLERANCE = 0.1 * MM


def cards(n: int) -> list[tuple[Page, Page]]:
    """n (front, back) pairs of A6 faces, each face told apart by its card id."""
    return [(Page(*A6, (), "card", f"c{i}", "front"), Page(*A6, (), "card", f"c{i}", "back"))
            for i in range(n)]


def corners(placement: Placement) -> dict[str, tuple[float, float]]:
    """Where a face's own corners land on its sheet, following its rotation."""
    a = placement.area
    local = {"top-left": (0, a.h), "top-right": (a.w, a.h), "bottom-left": (0, 0),
             "bottom-right": (a.w, 0)}
    if placement.rotate == 180:
        return {name: (a.x + a.w - u, a.y + a.h - v) for name, (u, v) in local.items()}
    assert placement.rotate == 0
    return {name: (a.x + u, a.y + v) for name, (u, v) in local.items()}


def turn_over(point: tuple[float, float], duplex: str) -> tuple[float, float]:
    """Where a point printed on the back of a sheet lies, seen from the front, after the
    printer turns the paper over its long edge (left-right) or its short edge (top-bottom)."""
    x, y = point
    return (A4[0] - x, y) if duplex == "long" else (x, A4[1] - y)


# Turning a card over like a book page puts the back's top-left behind the front's top-right.
BEHIND = {"top-left": "top-right", "top-right": "top-left", "bottom-left": "bottom-right",
          "bottom-right": "bottom-left"}


def test_grid_fills_a4_with_four_a6_slots() -> None:
    slots = grid(A4, A6, 2, 2)
    expected_mm = [(0, 148.5), (105, 148.5), (0, 0.5), (105, 0.5)]  # reading order, from top
    assert [(round(s.x / MM, 3), round(s.y / MM, 3)) for s in slots] == expected_mm
    assert all(s.w == pytest.approx(105 * MM) and s.h == pytest.approx(148 * MM) for s in slots)


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("count", [1, 4, 5, 7, 66])
def test_every_back_lies_behind_its_own_front(duplex: str, count: int) -> None:
    sheets = home_sheets(cards(count), A4, 2, 2, duplex, None)
    assert len(sheets) == 2 * -(-count // 4)
    assert [s.side for s in sheets] == ["front", "back"] * (len(sheets) // 2)
    checked = 0
    for front_sheet, back_sheet in zip(sheets[0::2], sheets[1::2]):
        backs = {p.face.card: p for p in back_sheet.placements}
        assert len(backs) == len(front_sheet.placements)  # a part-filled sheet too
        for front in front_sheet.placements:
            back = backs[front.face.card]
            assert front.face.face == "front" and back.face.face == "back"
            front_at = corners(front)
            for name, point in corners(back).items():
                x, y = turn_over(point, duplex)
                fx, fy = front_at[BEHIND[name]]
                assert abs(x - fx) <= TOLERANCE and abs(y - fy) <= TOLERANCE, (duplex, name)
            checked += 1
    assert checked == count


def test_short_edge_backs_are_turned_and_long_edge_backs_are_not() -> None:
    long = home_sheets(cards(4), A4, 2, 2, "long", None)
    short = home_sheets(cards(4), A4, 2, 2, "short", None)
    assert {p.rotate for p in long[1].placements} == {0}
    assert {p.rotate for p in short[1].placements} == {180}
    # Long edge: the first card's back is top right; short edge: bottom left.
    assert long[1].placements[0].area.x == pytest.approx(105 * MM)
    assert long[1].placements[0].area.y == pytest.approx(148.5 * MM)
    assert short[1].placements[0].area.x == pytest.approx(0)
    assert short[1].placements[0].area.y == pytest.approx(0.5 * MM)


def test_fold_puts_each_back_beside_its_front_mirrored_about_the_fold() -> None:
    sheets = home_sheets(cards(5), A4, 2, 2, "fold", (8 * MM, 12 * MM))
    assert len(sheets) == 3 and all(s.side == "single" for s in sheets)
    folds = [m for m in sheets[0].marks if m.kind == "fold"]
    assert {round(m.x1 / MM, 3) for m in folds} == {105.0}
    fold_x = 105 * MM
    for sheet in sheets:
        faces = {(p.face.card, p.face.face): p for p in sheet.placements}
        for (card, side), front in faces.items():
            if side != "front":
                continue
            back = faces[(card, "back")]
            front_at = corners(front)
            for name, (x, y) in corners(back).items():
                fx, fy = front_at[BEHIND[name]]
                assert abs((2 * fold_x - x) - fx) <= TOLERANCE and abs(y - fy) <= TOLERANCE


def test_fronts_only() -> None:
    sheets = home_sheets(cards(5), A4, 2, 2, "none", None)
    assert [len(s.placements) for s in sheets] == [4, 1]
    assert all(p.face.face == "front" for s in sheets for p in s.placements)


def test_cut_guides_on_a4_four_up() -> None:
    slots = grid(A4, A6, 2, 2)
    marks = cut_guides(*A4, slots, 8 * MM, 12 * MM)
    in_mm = {tuple(round(v / MM, 2) for v in (m.x1, m.y1, m.x2, m.y2)) for m in marks}
    assert in_mm == {
        (105, 297, 105, 285), (105, 0, 105, 12),      # ticks at the top and bottom edges
        (0, 148.5, 12, 148.5), (210, 148.5, 198, 148.5),  # ticks at the left and right edges
        (97, 148.5, 113, 148.5), (105, 140.5, 105, 156.5),  # the cross where the cards meet
        # The cards leave half a millimetre above and below them: guides there too, the
        # crosses cut short by the paper's edge.
        (0, 0.5, 12, 0.5), (210, 0.5, 198, 0.5), (97, 0.5, 113, 0.5), (105, 0, 105, 8.5),
        (0, 296.5, 12, 296.5), (210, 296.5, 198, 296.5), (97, 296.5, 113, 296.5),
        (105, 288.5, 105, 297),
    }
    # Only the front of each pair of sheets carries guides.
    sheets = home_sheets(cards(4), A4, 2, 2, "long", (8 * MM, 12 * MM))
    assert sheets[0].marks and not sheets[1].marks


def test_shop_page_boxes_and_crop_marks() -> None:
    face = Page(*A6, (), "card", "c0", "front")
    (sheet,) = shop_sheets([face], 3 * MM, 4 * MM, 5 * MM, 2 * MM)
    mm = lambda a: tuple(round(v / MM, 4) for v in a)  # noqa: E731
    assert mm((sheet.width, sheet.height)) == (127, 170)
    assert mm(sheet.trim) == (11, 11, 105, 148)
    assert mm(sheet.bleed) == (8, 8, 111, 154)
    assert sheet.placements[0].area == sheet.trim
    assert len(sheet.marks) == 8 and {m.kind for m in sheet.marks} == {"crop"}
    bleed = sheet.bleed
    assert bleed is not None
    for m in sheet.marks:
        length = abs(m.x2 - m.x1) + abs(m.y2 - m.y1)
        assert length == pytest.approx(5 * MM)
        # Outside the bleed, 1 mm clear of it: the whole mark is beyond one of its edges …
        gap = 1 * MM - 1e-6
        assert (max(m.x1, m.x2) <= bleed.x - gap or min(m.x1, m.x2) >= bleed.right + gap
                or max(m.y1, m.y2) <= bleed.y - gap or min(m.y1, m.y2) >= bleed.top + gap)
        # … inside the page, and in line with a trim edge.
        assert 0 <= min(m.x1, m.x2) and max(m.x1, m.x2) <= sheet.width
        assert 0 <= min(m.y1, m.y2) and max(m.y1, m.y2) <= sheet.height
        trim = sheet.trim
        assert trim is not None
        on_x = any(abs(m.x1 - v) < 1e-6 and m.x1 == m.x2 for v in (trim.x, trim.right))
        on_y = any(abs(m.y1 - v) < 1e-6 and m.y1 == m.y2 for v in (trim.y, trim.top))
        assert on_x or on_y


def test_edge_backgrounds_grow_into_bleed_and_shrink_for_home() -> None:
    w, h = A6
    band = Rect(0, h - 29 * MM, w, 29 * MM, fill="#000000", bleed=True)
    whole = Rect(0, 0, w, h, fill="#000000", bleed=True)
    panel = Rect(10, 10, 50, 50, fill="#000000")
    page = Page(w, h, (band, whole, panel), "card")
    grown = edge_backgrounds(page, 3 * MM).boxes
    assert grown[0] == Rect(-3 * MM, h - 29 * MM, w + 6 * MM, 32 * MM, fill="#000000", bleed=True)
    assert grown[1] == Rect(-3 * MM, -3 * MM, w + 6 * MM, h + 6 * MM, fill="#000000", bleed=True)
    assert grown[2] == panel  # not a page-edge background: left alone
    shrunk = edge_backgrounds(page, -6 * MM).boxes
    assert Area(shrunk[0].x, shrunk[0].y, shrunk[0].w, shrunk[0].h) == pytest.approx(
        (6 * MM, h - 29 * MM, w - 12 * MM, 23 * MM))
    assert (shrunk[1].x, shrunk[1].y) == pytest.approx((6 * MM, 6 * MM))


def test_sheet_is_plain_data() -> None:
    sheet = Sheet(1.0, 2.0, ())
    assert sheet.side == "single" and sheet.kind == "cards" and sheet.trim is None
