"""Values YAML allows but Python refuses: each a located message, never a traceback."""

from __future__ import annotations

import pytest

from activate_pack.errors import PackError
from activate_pack.pack.sources import source
from activate_pack.pack.sources.source import parse

PARSERS = [source.LOADER, source._Loader]


@pytest.fixture(params=PARSERS, ids=["default", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "LOADER", request.param)


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("text, value", [
    ("a: 12", 12), ("a: -1.5", -1.5), ("a: 0x1F", 31),
    ("a: 1_000", "1_000"),  # YAML 1.2: text, which a field of numbers still reads as 1000
    ("a: '.nan'", ".nan"), ("a: '" + "9" * 5000 + "'", "9" * 5000), ("a: 1e400", "1e400"),
])
def test_ordinary_numbers_and_quoted_text_load(text: str, value: object) -> None:
    assert parse(text, "x.yaml")["a"] == value


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("text, words", [
    ("title: ok\nsize: " + "9" * 5000, "5,000 characters long"),
    ("title: ok\nsize: -" + "1" * 41, "42 characters long"),
    ("title: ok\nsize: " + "1" * 60 + ".5", "put it in quotes"),
    ("title: ok\nsize: .nan", "not finite"),
    ("title: ok\nsize: -.Inf", "not finite"),
    ("title: ok\nsize: 1.0e+999", "not finite"),
    ("title: ok\nsize: [1, 2, .inf]", "not finite"),
])
def test_huge_and_non_finite_numbers_are_refused_with_their_line(text: str, words: str) -> None:
    with pytest.raises(PackError) as info:
        parse(text, "content/pack.yaml")
    [problem] = info.value.problems
    assert problem.path == "content/pack.yaml" and problem.line == 2
    assert words in problem.message
