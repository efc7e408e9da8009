"""One problem, one message: repeats printed once, many alike capped with a count."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.errors import Problem, summarised
from conftest import PACK_YAML

runner = CliRunner()


def test_exact_repeats_are_printed_once() -> None:
    problem = Problem("title: too long", "content/a.yaml", 3)
    assert summarised([problem, problem, problem]) == ["content/a.yaml:3: title: too long"]


def test_many_alike_are_capped_after_a_few_examples() -> None:
    alike = [Problem(f"the card text does not fit; cut about {n} words", f"content/{n}.yaml", n)
             for n in range(1, 146)]
    other = Problem("unknown field 'titel'", "content/z.yaml", 1)
    lines = summarised([*alike[:2], other, *alike[2:]], keep=5)
    assert lines[:2] == [str(alike[0]), str(alike[1])]
    assert lines[2] == str(other)
    assert lines[3:6] == [str(p) for p in alike[2:5]]
    # The count still names every place to fix, in one line.
    assert lines[6] == "  … and 140 more like this, at: " + "; ".join(
        f"content/{n}.yaml:{n}" for n in range(6, 146))
    assert len(lines) == 7


def test_capped_overflows_still_name_every_card_to_cut() -> None:
    alike = [Problem(f"A6 cards: the card text does not fit; cut about {n} words",
                     f"content/recipes/r{n}.yaml", 1, card=f"r{n}") for n in range(1, 10)]
    lines = summarised(alike, keep=5)
    assert lines[-1] == ("  … and 4 more like this, at: content/recipes/r6.yaml:1 (card r6); "
                         "content/recipes/r7.yaml:1 (card r7); content/recipes/r8.yaml:1 "
                         "(card r8); content/recipes/r9.yaml:1 (card r9)")


def test_fewer_than_the_cap_are_all_shown() -> None:
    alike = [Problem(f"cut about {n} words", card=f"c{n}") for n in range(5)]
    assert summarised(alike, keep=5) == [str(p) for p in alike]


def _authors(count: int, name: str = "Volunteer Number") -> str:
    people = "".join(f"  - name: {name} {n}\n" for n in range(count))
    return PACK_YAML.replace("authors:\n  - name: Test Author\n", "authors:\n" + people)


def test_a_credit_line_too_long_for_any_card_is_one_message_per_edition(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    many = "".join(f"""\
- id: card-{n}
  title: Card {n}
  question: Question {n}?
  prompts: ["One", "Two"]
  phase: explore
""" for n in range(40))
    # As many people as pack.yaml allows (100), with long names: no credit line holds them.
    long = "Volunteer from the Community Garden and Allotment Society, Number"
    root = make_pack(**{"content/pack.yaml": _authors(100, long),
                        "content/questions/many.yaml": many})
    result = runner.invoke(app, ["build", str(root), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1
    for output in (result.output, runner.invoke(app, ["check", str(root)]).output):
        credit = [line for line in output.splitlines() if "the credit line" in line]
        # The A6 cards' line (which the A4 pack's card pages show too, as printed) and the
        # A4 pack's own pages' line.
        assert len(credit) == 2, output
        # The cards' line names no edition (it is the same in both); the A4 pages' line does.
        assert sorted(line.split(": ")[1] for line in credit) == [
            "A4 pack", "the credit line does not fit on the cards even at 6 pt; it is made from "
            "your words"], credit
        # At the authors' line, the wordiest of the fields the line is made from.
        at = _authors(100, long).splitlines().index("authors:") + 1
        assert all(line.startswith(f"content/pack.yaml:{at}: ") and f"in authors (line {at})"
                   in line and "(card " not in line for line in credit), credit
        assert len(output.splitlines()) < 10


FAR_FIELDS = """\
id: soup-club
title: Soup club
summary: Neighbours cook soup together once a week.
method:
  - Find a kitchen.
  - Cook.
time: An evening a week
effort: low
ingredients:
  - cooks
  - cookz
image:
  file: images/{file}
  credit:
    author: A. Painter
    licence: {licence}
"""


def _report(root: Path) -> str:
    result = runner.invoke(app, ["check", str(root)])
    assert "Traceback" not in result.output
    return result.output


def test_content_problems_point_at_the_field_not_the_first_line_of_the_card(
        make_pack: Callable[..., Path]) -> None:
    recipe = "content/recipes/soup-club.yaml"
    root = make_pack(**{recipe: FAR_FIELDS.format(file="gone.png", licence="CC-BY-ND-4.0")})
    output = _report(root)
    assert f"{recipe}:11: ingredients: there is no ingredient card with the id 'cookz'" in output
    assert f"{recipe}:16: image.credit.licence:" in output
    # With the credit right, the picture itself is looked at: the missing file, at its field.
    root = make_pack(**{recipe: FAR_FIELDS.format(file="gone.png", licence="CC-BY-4.0")
                        .replace("  - cookz\n", "")})
    output = _report(root)
    assert f"{recipe}:12: image.file:" in output, output
    assert f"{recipe}:1:" not in output


def test_a_picture_without_alt_text_is_warned_about_at_its_field(
        make_pack: Callable[..., Path]) -> None:
    from PIL import Image

    recipe = "content/recipes/soup-club.yaml"
    root = make_pack(**{recipe: FAR_FIELDS.format(file="soup.png", licence="CC-BY-4.0")
                        .replace("  - cookz\n", "")})
    (root / "content/images").mkdir()
    Image.new("RGB", (300, 200), "#336699").save(root / "content/images/soup.png")
    output = _report(root)
    # No 'alt:' to point at: the message points at 'image:', where it belongs.
    assert f"{recipe}:11: warning: image.alt: this picture has no description" in output
    # Too few pixels for the card, which both editions print at its A6 size: said once.
    assert f"{recipe}:12: warning: image.file:" in output
    assert f"{recipe}:1:" not in output


def test_a_list_item_with_a_colon_is_told_to_be_quoted(make_pack) -> None:
    """'- Cook: soup for everyone' reads as a field named 'Cook': the message counts the item
    as people do and says what to write."""
    from activate_pack.output.check import check
    from conftest import RECIPE

    assert "  - Cook.\n" in RECIPE
    root = make_pack(**{"content/recipes/soup-club.yaml":
                        RECIPE.replace("  - Cook.\n", "  - Cook: soup for everyone\n")})
    [problem] = [p for p in check(root).problems if p.severity == "error"]
    assert (problem.path, problem.line) == ("content/recipes/soup-club.yaml", 7)
    assert "method, item 2: expected text, but the ': ' after 'Cook' made it a field name; " \
           "put the whole text in quotes" in problem.message
