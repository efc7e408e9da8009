"""Listing, copying and picking cards, as someone adapting the pack does it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml
from typer.testing import CliRunner

from conftest import require_tool

from activate_pack.cli import app
from activate_pack.output.newpack import new_pack
from activate_pack.pack.sources.paths import default_pack_dir

runner = CliRunner()
ORIGINAL = default_pack_dir()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def town(tmp_path: Path) -> Path:
    return new_pack(tmp_path / "town", locality="Reading", organisation="Reading Neighbours").root


def listed(root: Path) -> dict[str, dict[str, str]]:
    code, output = run("cards", str(root), "--json")
    assert code == 0, output
    return {row["id"]: row for row in json.loads(output)}


def test_cards_lists_every_card_with_where_it_comes_from(town: Path) -> None:
    rows = listed(town)
    originals = [p for folder in ("recipes", "questions", "ingredients")
                 for p in (ORIGINAL / "content" / folder).glob("*.yaml")]
    count = sum(len(d) if isinstance(d, list) else 1
                for d in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in originals))
    assert len(rows) == count + 1 >= 66  # every card of the original, and the about card
    assert rows["about"]["origin"] == "generated"
    assert {r["origin"] for i, r in rows.items() if i != "about"} == {"original"}
    assert rows["walk-and-talk"]["kind"] == "recipe"
    assert rows["walk-and-talk"]["title"] == yaml.safe_load(
        (ORIGINAL / "content/recipes/walk-and-talk.yaml").read_text(encoding="utf-8"))["title"]
    code, output = run("cards", str(town), "--kind", "question")
    assert code == 0 and "recipe" not in output and "warm-up-good-day" in output


def test_copy_writes_the_original_text_that_builds_unchanged(town: Path, tmp_path: Path) -> None:
    code, output = run("copy", "walk-and-talk", "warm-up-good-day", "warm-up-hidden-talent",
                       "--pack", str(town))
    assert code == 0, output
    recipe = (town / "content/recipes/walk-and-talk.yaml").read_text(encoding="utf-8")
    assert recipe.startswith("# yaml-language-server: $schema=../../schemas/recipes.schema.json")
    original = (ORIGINAL / "content/recipes/walk-and-talk.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(recipe) == yaml.safe_load(original)
    questions = yaml.safe_load((town / "content/questions/warm-up.yaml").read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in yaml.safe_load(
        (ORIGINAL / "content/questions/warm-up.yaml").read_text(encoding="utf-8"))}
    assert questions == [by_id["warm-up-good-day"], by_id["warm-up-hidden-talent"]]
    rows = listed(town)
    assert {rows[i]["origin"] for i in ("walk-and-talk", "warm-up-good-day")} == {"copied"}
    code, output = run("diff", str(town))
    assert code == 0 and "walk-and-talk" not in output  # an unchanged copy is no change
    code, output = run("build", str(town), "--out", str(tmp_path / "out"))
    assert code == 0, output


def test_an_edited_copy_is_changed_and_a_new_card_added(town: Path) -> None:
    run("copy", "walk-and-talk", "--pack", str(town))
    path = town / "content/recipes/walk-and-talk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Riverside ", 1),
                    encoding="utf-8")
    (town / "content/recipes/river.yaml").write_text(
        "id: river-walk\ntitle: River walk\nsummary: Walk by the river together.\n",
        encoding="utf-8")
    rows = listed(town)
    assert rows["walk-and-talk"]["origin"] == "changed"
    assert rows["river-walk"]["origin"] == "added"
    code, output = run("diff", str(town))
    assert code == 0, output
    # The notice names cards as a reader sees them: by their titles.
    assert "Cards added: ‘River walk’." in output
    assert "Cards changed: ‘Riverside Walk and talk’." in output
    assert "river-walk" not in output


def test_copy_refuses_unknown_ids_and_writes_nothing(town: Path) -> None:
    code, output = run("copy", "walk-and-tlak", "--pack", str(town))
    assert code == 1
    assert "there is no original card with the id 'walk-and-tlak' (did you mean 'walk-and-talk'?)" in output
    assert not list((town / "content/recipes").iterdir())


def test_copy_needs_an_adaptation(tmp_path: Path, make_pack) -> None:
    code, output = run("copy", "soup-club", "--pack", str(make_pack()))
    assert code == 1 and "not an adaptation" in output


def test_build_cards_writes_those_cards_only(town: Path, tmp_path: Path) -> None:
    code, output = run("build", str(town), "--cards", "walk-and-talk,warm-up-good-day",
                       "--out", str(tmp_path / "out"))
    assert code == 0, output
    [pdf] = (tmp_path / "out").iterdir()
    assert pdf.name.endswith("-a6-community-cards.pdf")
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 4  # two fronts, two backs
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Walk and talk" in text and "A good day" in text
    assert "about this pack" not in text.lower() and "chatty bench" not in text.lower()
    # The recipe names its ingredients as the whole pack does: by their cards' titles.
    flat = " ".join(text.split())
    assert "Ingredients: Parks and green spaces" in flat and "parks-and-green-spaces" not in flat
    code, output = run("build", str(town), "--cards", "walk-and-talk,nope")
    assert code == 1 and "there is no card with the id 'nope'" in output
    code, output = run("build", str(town), "--size", "a4", "--cards", "walk-and-talk")
    assert code == 2


def test_an_original_id_reused_in_another_file_is_a_warning(town: Path) -> None:
    (town / "content/recipes/my-walk.yaml").write_text(
        "id: walk-and-talk\ntitle: My walk\nsummary: A new walk.\n", encoding="utf-8")
    code, output = run("check", str(town))
    assert "content/recipes/my-walk.yaml:1: warning: id: this replaces the original card " \
           "'walk-and-talk' ('Walk and talk'" in output
    run("copy", "warm-up-good-day", "--pack", str(town))  # the same file name: no warning
    code, output = run("check", str(town))
    assert "warm-up-good-day" not in output


def _modest_adaptation(town: Path) -> None:
    """Two cards removed, one changed, one added with a CC BY picture, three details, a logo."""
    from PIL import Image

    (town / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), "#3377aa").save(town / "content/images/river.png")
    Image.new("RGB", (900, 300), "#aa3322").save(town / "content/images/logo.png")
    pack_yaml = town / "content/pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8").replace(
        'variables:\n  organisation: "Reading Neighbours"\n',
        'variables:\n  organisation: "Reading Neighbours"\n  contact: 01234 567890\n'
        '  meeting_place: the Town Hall\n  time_slot: Tuesday mornings\n')
    text = text.replace("\nremove: []\n", "\nremove: [chatty-bench, youth-podcast]\n")
    text += ("\nlogo:\n  file: images/logo.png\n"
             "  alt: Reading Neighbours logo\n  credit: {author: Reading Neighbours, "
             "licence: CC-BY-SA-4.0, exception: true}\n")
    pack_yaml.write_text(text, encoding="utf-8")
    run("copy", "walk-and-talk", "--pack", str(town))
    recipe = town / "content/recipes/walk-and-talk.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace(
        "title: Walk and talk", "title: Walk and talk in Reading"), encoding="utf-8")
    (town / "content/recipes/local-river.yaml").write_text(
        "id: local-river\ntitle: River clean-up\nsummary: Meet at {{ meeting_place }} and clean "
        "the river bank together.\nimage:\n  file: images/river.png\n  alt: The river at dawn\n"
        "  credit: {author: Sam Jones, licence: CC-BY-4.0}\n", encoding="utf-8")


def test_a_modest_adaptation_builds_and_credits_its_picture(town: Path, tmp_path: Path) -> None:
    import pikepdf

    _modest_adaptation(town)
    code, output = run("build", str(town), "--out", str(tmp_path / "out"))
    assert code == 0, output
    a6, a4 = (next((tmp_path / "out").glob(f"*-{size}-*.pdf")) for size in ("a6", "a4"))
    pages = [page.extract_text() for page in pypdf.PdfReader(a6).pages]
    [card] = [text for text in pages if "River clean-up" in text and "Sam Jones" in text]
    assert "CC BY 4.0" in card
    about = pages[0].lower()
    assert "changes from the original" in about or "cards added" in about
    a4_text = [page.extract_text() for page in pypdf.PdfReader(a4).pages]
    colophon = a4_text[-1]
    assert "Sam Jones" in colophon and "River clean-up" in colophon
    for pdf in (a6, a4):
        with pikepdf.open(pdf) as opened:
            assert b"Sam Jones" in opened.Root.Metadata.read_bytes()


def _remove(root: Path, ids: str) -> int:
    """Set the adaptation's 'remove:' line; its line number."""
    pack_yaml = root / "content/pack.yaml"
    lines = pack_yaml.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("remove:"))
    lines[index] = f"remove: [{ids}]"
    pack_yaml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


def test_cards_lists_a_removed_card_as_removed(town: Path) -> None:
    line = _remove(town, "memory-cafe")
    rows = listed(town)
    assert rows["memory-cafe"]["origin"] == "removed"
    assert rows["memory-cafe"]["kind"] == "recipe"
    assert rows["memory-cafe"]["file"] == f"content/pack.yaml:{line}"
    code, output = run("cards", str(town), "--kind", "recipe")
    assert code == 0 and "removed" in output


def test_removing_an_ingredient_an_original_recipe_needs_points_at_remove(town: Path) -> None:
    """Not at a file of the original the volunteer does not have, and with the fix."""
    line = _remove(town, "empty-shops")
    code, output = run("check", str(town))
    assert code == 1
    errors = [row for row in output.splitlines() if "empty-shops" in row]
    assert len(errors) == 1, output
    assert errors[0].startswith(f"content/pack.yaml:{line}: remove: 'empty-shops'"), errors
    assert "activate-pack copy making-shed" in errors[0]
    assert "content/recipes/making-shed.yaml" not in output


@pytest.mark.parametrize("lang", ["ur", "pl"])
def test_build_cards_in_a_translation(tmp_path: Path, lang: str) -> None:
    """A translated card prints on its own, in its translation; the overlay's entries for the
    cards left out are neither errors nor warnings."""
    pdftotext = require_tool("pdftotext", "poppler-utils")
    code, output = run("build", "--lang", lang, "--cards", "warm-up-good-day",
                       "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "explore-who-lives-here" not in output
    [pdf] = (tmp_path / "out").iterdir()
    assert pdf.name == f"activate-pack-{lang}-a6-community-cards.pdf"
    assert len(pypdf.PdfReader(pdf).pages) == 2
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    overlay = yaml.safe_load((ORIGINAL / "content/translations" / f"{lang}.yaml")
                             .read_text(encoding="utf-8"))
    title = overlay["cards"]["warm-up-good-day"]["title"]
    assert title in text.replace("\u202b", "").replace("\u202c", "")
