"""Text the tool makes from the volunteer's words (the about card, the colophon, translated
labels) that does not fit: the message points at the line holding the words to shorten."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from typer.testing import CliRunner

from activate_pack.cli import app
from conftest import PACK_YAML

runner = CliRunner()


def _line_of(text: str, start: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(start))


def _long_pack(people: int = 25) -> str:
    """A pack.yaml whose authors fill the about card and whose description fills the colophon."""
    authors = "".join(f"  - name: Volunteer number {n} of the Testville Friends\n"
                      for n in range(people))
    description = " ".join(["This pack helps neighbours find what they have and share it."] * 45)
    text = PACK_YAML.replace("  - name: Test Author\n", authors)
    return text.replace("locality: Testville\n",
                        f"locality: Testville\ndescription: \"{description}\"\n")


def test_an_about_card_too_full_names_the_fields_of_pack_yaml_to_shorten(
        make_pack: Callable[..., Path]) -> None:
    text = _long_pack(45)  # the licence is on the card's back: the front holds more names
    root = make_pack(**{"content/pack.yaml": text})
    result = runner.invoke(app, ["check", str(root), "--size", "a6"])
    about = [row for row in result.output.splitlines() if "the about card does not fit" in row]
    authors = _line_of(text, "authors:")
    assert about and all(row.startswith(f"content/pack.yaml:{authors}: ") for row in about), \
        result.output
    # The wordiest field first, with how much to take from it; never the bare word count only.
    assert f"in authors (line {authors})" in about[0], about[0]
    assert "; it is made from your words: cut about " in about[0]


def test_a_colophon_too_full_points_at_the_description(make_pack: Callable[..., Path]) -> None:
    text = _long_pack()
    root = make_pack(**{"content/pack.yaml": text})
    result = runner.invoke(app, ["check", str(root), "--size", "a4"])
    colophon = [row for row in result.output.splitlines() if "the colophon does not fit" in row]
    line = _line_of(text, "description:")
    assert colophon and colophon[0].startswith(f"content/pack.yaml:{line}: "), result.output
    assert "on its page" in colophon[0] and f"in description (line {line})" in colophon[0]
    assert f"in authors (line {_line_of(text, 'authors:')})" in colophon[0]


TRANSLATION = """\
translators: [{name: Ola}]
cards:
  warm-hello:
    title: Cześć
    question: Co jedliście na śniadanie?
    prompts: ["Kto je zrobił?", "Gdzie je zjedliście?"]
labels:
  kinds:
    question: Pytanie tak bardzo długie, że nie mieści się w pasku karty, choć pasek jest szeroki i długi
  facilitator:
    recipe_worksheet:
      fields:
        - Nasz pomysł, opisany tak długo, że ten nagłówek pola nie zmieści się w żadnej ramce
        - Na jakie wyzwanie odpowiada
        - Dla kogo
        - Składniki, które już mamy
        - Jak to zrobić
        - Pierwszy mały krok i kto go zrobi
"""


def test_a_translated_label_too_long_is_reported_at_its_line_of_the_translation(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": TRANSLATION})
    result = runner.invoke(app, ["check", str(root), "--lang", "pl"])
    rows = [row for row in result.output.splitlines() if "does not fit" in row]
    label = _line_of(TRANSLATION, "    question: Pytanie")
    field = _line_of(TRANSLATION, "        - Nasz pomysł")
    kind = [row for row in rows if "kinds.question (the card label, translated)" in row]
    # One message, at the label's own line: not one per card, nor one for each place it is
    # printed (the card label, the card back, the A4 cover's card shapes), nor at the cards.
    # The A4 pack shows the A6 cards as printed, so both editions give the same message.
    assert len(kind) == 1, result.output
    assert all(row.startswith(f"content/translations/pl.yaml:{label}: ") and "(card " not in row
               for row in kind), kind
    heading = [row for row in rows if "recipe_worksheet.fields.0" in row]
    assert heading and heading[0].startswith(f"content/translations/pl.yaml:{field}: "), rows
    assert "shorten the translation by about" in heading[0]
    assert all(row.startswith("content/translations/pl.yaml:") for row in rows), rows
