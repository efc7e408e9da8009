"""Layouts and sheet templates are checked like content: bounded numbers, named gaps, lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from activate_pack.errors import PackError
from activate_pack.layout.sheets import load_sheet
from activate_pack.layout.spec import load_layout
from activate_pack.pack.sources.paths import default_pack_dir

DEFAULT_LAYOUTS = default_pack_dir() / "layouts"


def _layouts(tmp_path: Path, **files: str) -> list[Path]:
    folder = tmp_path / "pack" / "layouts"
    for name, text in files.items():
        path = folder / f"{name.replace('__', '/')}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [folder, DEFAULT_LAYOUTS]


def _problem(tmp_path: Path, name: str = "mine", **files: str) -> str:
    with pytest.raises(PackError) as info:
        load_layout(name, _layouts(tmp_path, **files))
    [problem] = info.value.problems
    return str(problem)


@pytest.mark.parametrize("line, words", [
    ("margin: -3", "margin: the number -3 is too small; the least is 0"),
    ("page: [0, 148]", "page, item 1: the number 0 is too small; the least is 20"),
    ("page: [105, 1.0e+300]", "page, item 2: the number 1e+300 is too large; the most is 1500"),
    ("margin: 1e400", "margin: expected an ordinary number, not infinity"),
    ("margin: '.nan'", "margin: expected a number, found '.nan'"),
    ("font: comic-sans", "no bundled font family called 'comic-sans'"),
    ("regions: {body: [0, 0, 0, 10]}", "has no area"),
    ("regions: {body: [50, 50, 100, 10]}", "reaches off the 105 × 148 mm page"),
    ("type: {body: {size: 10, min: 12}}", "make min at most 10"),
    ("type: {body: {size: .inf}}", "not finite"),
])
def test_bad_values_are_named_at_their_line(tmp_path: Path, line: str, words: str) -> None:
    message = _problem(tmp_path, mine=f"extends: a6\n{line}\n")
    assert message.startswith("layouts/mine.yaml:2"), message
    assert words in message


def test_a_problem_in_a_parent_is_reported_at_the_parent_once(tmp_path: Path) -> None:
    base = (DEFAULT_LAYOUTS / "base.yaml").read_text(encoding="utf-8")
    dirs = _layouts(tmp_path, base=base.replace("font: atkinson", "font: nosuch"))
    for name in ("a6", "a4"):
        with pytest.raises(PackError) as info:
            load_layout(name, dirs)
        [problem] = info.value.problems
        assert (problem.path, problem.line) == ("layouts/base.yaml", 3)


@pytest.mark.parametrize("use, words", [
    (lambda spec: spec.region("nowhere"), "no region 'nowhere'"),
    (lambda spec: spec.size("shouting"), "no type style 'shouting'"),
    (lambda spec: spec.colours_for("poem"), "no colours for the card kind 'poem'"),
])
def test_what_a_layout_lacks_is_a_pack_error(use: object, words: str) -> None:
    spec = load_layout("a6", [DEFAULT_LAYOUTS])
    with pytest.raises(PackError) as info:
        use(spec)  # type: ignore[operator]
    assert words in str(info.value) and str(info.value).startswith(("layouts/a6.yaml:",
                                                                      "layouts/base.yaml:"))


@pytest.mark.parametrize("text, words", [
    ("paper: [0.001, 0.001]\ncolumns: 2\n", "the least is 50"),
    ("paper: [210, 297]\ncolumns: 100\n", "the most is 8"),
    ("paper: [210, .nan]\n", "not finite"),
    ("paper: [210, 297]\ncut_guides: {dash: [0, 0]}\n", "cut_guides.dash, item 1"),
    ("crop_marks: {offset: 1e400}\n", "expected an ordinary number"),
])
def test_sheet_templates_are_bounded(tmp_path: Path, text: str, words: str) -> None:
    dirs = _layouts(tmp_path, sheets__mine=text)
    with pytest.raises(PackError) as info:
        load_sheet("mine", dirs)
    assert words in str(info.value) and "layouts/sheets/mine.yaml" in str(info.value)
