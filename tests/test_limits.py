"""The stated limits: each is refused in the load stage, quickly, with a message naming it."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from activate_pack.errors import PackError
from activate_pack.pack.loading import limits
from activate_pack.pack.loading.load import load_pack

BAD = Path(__file__).resolve().parent / "bad_packs"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_bad_packs import huge_pictures, many_cards  # noqa: E402


def _refused_quickly(root: Path, seconds: float = 5.0) -> str:
    started = time.perf_counter()
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert time.perf_counter() - started < seconds
    return str(caught.value)


def test_a_hundred_thousand_cards_are_refused_within_seconds(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(BAD / "limit-too-many-cards", root)
    many_cards(root)
    assert f"more than {limits.MAX_CARDS:,} cards" in _refused_quickly(root)


def test_cards_written_in_any_style_are_counted_too(make_pack: Callable[..., Path]) -> None:
    flow = "".join(f"- {{title: Q, id: q-{n}, question: Why?, prompts: [a, b], phase: plan}}\n"
                   for n in range(limits.MAX_CARDS + 1))  # exact count, after parsing
    root = make_pack(**{"content/questions/flow.yaml": flow})
    # Parsed before counted: a file is at most 2 MB, so this stays within seconds too.
    assert f"more than {limits.MAX_CARDS:,} cards" in _refused_quickly(root, 20.0)


def test_pictures_past_the_total_pixel_limit_are_refused_from_their_headers(
        tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(BAD / "limit-picture-pixels", root)
    huge_pictures(root)
    message = _refused_quickly(root)
    assert f"more than {limits.MAX_TOTAL_PIXELS:,} pixels in all" in message
    assert "content/questions/big.yaml" in message


def test_one_text_past_the_limit_is_refused_with_its_line(make_pack: Callable[..., Path]) -> None:
    body = "word " * (limits.MAX_TEXT_CHARS // 5 + 10)
    root = make_pack(**{"content/guide/01-hello.yaml": f"id: g\ntitle: G\nbody: {body}\n"})
    message = _refused_quickly(root)
    assert "content/guide/01-hello.yaml:3: body: too long (" in message
    assert f"at most {limits.MAX_TEXT_CHARS:,}" in message
    assert message.count("\n") == 0  # one mistake, one message


def test_placeholders_that_would_expand_past_the_limit_are_refused_before_expanding(
        make_pack: Callable[..., Path]) -> None:
    pack = ("title: T\nauthors: [{name: A}]\nlicence: CC-BY-SA-4.0\n"
            "source_url: https://example.org\ncopyright: c\n"
            f"variables:\n  big: {'x' * 15_000}\n")
    question = "id: q\ntitle: Q\nquestion: '{{ big }}{{ big }}'\nprompts: [a, b]\nphase: plan\n"
    root = make_pack(**{"content/pack.yaml": pack, "content/questions/big.yaml": question})
    message = _refused_quickly(root)
    assert "content/questions/big.yaml:3: question: with its placeholders filled in" in message
    assert "30,0" in message


def test_the_default_pack_is_well_within_every_limit() -> None:
    from activate_pack.pack.sources.paths import default_pack_dir

    pack = load_pack(default_pack_dir())
    assert len(pack.cards) + len(pack.guide) < limits.MAX_CARDS // 100
