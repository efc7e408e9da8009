"""Adaptations: `new`, then local edits, then a build whose PDFs credit the original and list
exactly what changed, in print and in the XMP metadata."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pypdf
import pytest
import yaml
from typer.testing import CliRunner

from conftest import require_tool

from activate_pack.output.build import build
from activate_pack.cli import app
from activate_pack.errors import PackError
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack
from activate_pack.output.newpack import new_pack

BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
ORIGINAL = ("Adapted from Activate Pack by Activate Pack contributors "
            "(https://github.com/activate-pack/activate-pack), licensed CC BY-SA 4.0.")
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "cc": "http://creativecommons.org/ns#", "xmpRights": "http://ns.adobe.com/xap/1.0/rights/"}

NEW_CARD = """\
id: riverside-clean-up
title: Riverside clean-up
summary: Neighbours meet by the river in {{ locality }} once a month to pick litter and chat.
ingredients: [parks-and-green-spaces]
method:
  - Ask the council for bags and grabbers.
  - Pick a Saturday morning.
time: A morning a month
effort: low
"""


def _edit(root: Path, key: str, value: object) -> None:
    """Change one top-level line of content/pack.yaml, keeping its comments."""
    path = root / "content" / "pack.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: {json.dumps(value)}"
             if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def adapted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`new mytown --locality Reading`, one card edited, one added, one removed, built once."""
    base = tmp_path_factory.mktemp("adapt")
    root = base / "mytown"
    result = CliRunner().invoke(app, ["new", str(root), "--locality", "Reading",
                                      "--organisation", "Reading Neighbours"])
    assert result.exit_code == 0, result.output
    walk = (default_pack_dir() / "content/recipes/walk-and-talk.yaml").read_text(encoding="utf-8")
    (root / "content/recipes/walk-and-talk.yaml").write_text(
        walk.replace("title: Walk and talk", "title: Walk and talk in {{ locality }}"),
        encoding="utf-8")
    (root / "content/recipes/riverside-clean-up.yaml").write_text(NEW_CARD, encoding="utf-8")
    _edit(root, "remove", ["pocket-park"])
    built = build(root, ("a6", "a4"), root / "dist")
    return {"root": root, **{item.path.name.split("-")[-2]: item.path for item in built}}


def _text(pdf: Path, page: int) -> str:
    return pypdf.PdfReader(pdf).pages[page].extract_text()


def _xmp(pdf: Path) -> ET.Element:
    reader = pypdf.PdfReader(pdf)
    return ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())


def test_colophon_lists_exactly_the_changes(adapted: dict[str, Path]) -> None:
    text = _text(adapted["a4"], -1)
    flat = " ".join(text.split())
    assert ORIGINAL in flat
    assert "Reading" in text
    changes = text.split("Changes", 1)[1].split("Licence", 1)[0]
    lines = [line.strip() for line in changes.strip().splitlines()]
    # Readers know cards by their titles and local details by what they say, not by ids.
    # A title with a comma in it stays whole in the list.
    assert lines[:3] == ["Cards added: ‘Riverside clean-up’.",
                         "Cards changed: ‘Walk and talk in Reading’.",
                         "Cards left out: ‘Pick up, green up’."]
    # Local details are named, never quoted: a contact's phone number stays on its cards.
    details = " ".join(lines[3:])
    assert "Local details: locality, organisation." in details, details
    assert "Reading Neighbours" not in details


def test_about_card_credits_the_original_and_summarises(adapted: dict[str, Path]) -> None:
    flat = " ".join(_text(adapted["a6"], 0).split())
    assert ORIGINAL in flat
    assert "Cards added: ‘Riverside clean-up’." in flat
    assert "Cards left out: ‘Pick up, green up’." in flat
    assert "riverside-clean-up" not in flat
    assert "Local details: Reading" not in flat  # named, if listed, never quoted


def test_changed_and_added_cards_say_so_in_their_credit(adapted: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(adapted["a6"])
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    walk = next(t for t in texts[1:] if "Walk and talk in Reading" in t)  # after the about card
    assert "changed by Reading Neighbours" in walk
    river = next(t for t in texts if "Riverside clean-up" in t and "litter" in t)
    assert "Neighbours meet by the river in Reading" in river
    assert "added by Reading Neighbours" in river
    other = next(t for t in texts if "Fix-it cafe" in t)
    assert "adapted from Activate Pack by Activate Pack contributors" in other
    assert not any("neglected corner" in t for t in texts)  # the card left out


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_xmp_carries_licence_and_adapted_from(adapted: dict[str, Path], size: str) -> None:
    root = _xmp(adapted[size])
    desc = root.find(".//rdf:Description", NS)
    assert desc.find("cc:license", NS).get(f"{{{NS['rdf']}}}resource") == BY_SA
    assert desc.find("xmpRights:Marked", NS).text == "True"
    assert desc.find("xmpRights:WebStatement", NS).text == BY_SA
    creators = [li.text for li in desc.findall("dc:creator/rdf:Seq/rdf:li", NS)]
    assert creators == ["Activate Pack contributors", "Reading Neighbours"]
    rights = desc.find("dc:rights/rdf:Alt/rdf:li", NS).text
    assert ORIGINAL in rights and "Changes:" in rights and "Riverside clean-up" in rights
    assert "riverside-clean-up" not in rights and "locality:" not in rights
    usage = desc.find("xmpRights:UsageTerms/rdf:Alt/rdf:li", NS).text
    assert usage == rights
    info = pypdf.PdfReader(adapted[size]).metadata
    assert info["/Author"] == "Activate Pack contributors and Reading Neighbours"
    assert info["/Rights"] == rights


def test_exiftool_shows_the_licence(adapted: dict[str, Path]) -> None:
    require_tool("exiftool", "libimage-exiftool-perl")
    out = subprocess.run(["exiftool", str(adapted["a6"]), str(adapted["a4"])],
                         capture_output=True, text=True, check=True).stdout
    assert out.count(f"License                         : {BY_SA}") == 2
    assert out.count("Marked                          : True") == 2


def test_upstream_attribution_is_intact(adapted: dict[str, Path]) -> None:
    data = yaml.safe_load((adapted["root"] / "content/pack.yaml").read_text(encoding="utf-8"))
    assert data["extends"] == "default"
    assert data["upstream"]["title"] == "Activate Pack"
    assert data["upstream"]["authors"] == ["Activate Pack contributors"]
    assert data["upstream"]["licence"] == "CC-BY-SA-4.0"
    assert data["history"][-1]["who"] == "Reading Neighbours"
    assert (adapted["root"] / "README.md").read_text(encoding="utf-8").count("activate-pack build")


def _new(tmp_path: Path, name: str = "town", **options: str) -> Path:
    return new_pack(tmp_path / name, locality="Testford", organisation="Test Group",
                    **options).root


def _problems(root: Path) -> str:
    with pytest.raises(PackError) as info:
        load_pack(root)
    return str(info.value)


def test_dropping_sharealike_is_refused_with_the_reason(tmp_path: Path) -> None:
    root = _new(tmp_path)
    _edit(root, "licence", "CC-BY-4.0")
    message = _problems(root)
    assert message.startswith("content/pack.yaml:")
    assert "ShareAlike" in message


def test_adding_noncommercial_is_refused(tmp_path: Path) -> None:
    root = _new(tmp_path)
    _edit(root, "licence", "CC-BY-NC-SA-4.0")
    assert "NonCommercial" in _problems(root)


def test_tampered_upstream_credit_is_refused(tmp_path: Path) -> None:
    root = _new(tmp_path)
    path = root / "content/pack.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '    - "Activate Pack contributors"', '    - "Somebody Else"'), encoding="utf-8")
    assert "upstream: the base pack's credit must stay as it is" in _problems(root)


def test_adaptation_of_an_adaptation_keeps_history_and_credits(tmp_path: Path) -> None:
    first = _new(tmp_path, "first")
    second = new_pack(tmp_path / "second", base=first, locality="Otherby",
                      organisation="Second Group").root
    pack = load_pack(second)
    assert [u.title for u in pack.upstream] == ["Activate Pack: Testford", "Activate Pack"]
    assert len(pack.info.history) == 2
    from activate_pack.compose.notices import creators

    assert creators(pack) == ["Activate Pack contributors", "Test Group", "Second Group"]
    # Dropping the first adaptation's history entry is refused.
    text = (second / "content/pack.yaml").read_text(encoding="utf-8")
    start = text.index("  - who: \"Test Group\"")
    end = text.index("  - who: \"Second Group\"")
    (second / "content/pack.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert "history: the earlier entry" in _problems(second)


def test_noderivatives_base_cannot_be_adapted(make_pack: Callable[..., Path],
                                              tmp_path: Path) -> None:
    from conftest import PACK_YAML

    base = make_pack(**{"content/pack.yaml": PACK_YAML.replace("CC-BY-SA-4.0", "CC-BY-ND-4.0")})
    with pytest.raises(PackError) as info:
        new_pack(tmp_path / "nd", base=base)
    assert "NoDerivatives" in str(info.value)
    assert not (tmp_path / "nd").exists()


def test_remove_and_order_are_checked(tmp_path: Path) -> None:
    root = _new(tmp_path)
    _edit(root, "remove", ["pocket-prak"])
    _edit(root, "order", ["repair-cafe", "no-such-card"])
    message = _problems(root)
    assert ("remove: the base pack has no card or page with the id 'pocket-prak'; "
            "did you mean 'pocket-park'?") in message
    assert "order: there is no card with the id 'no-such-card'" in message
    assert "(card pocket-prak)" not in message and "(card no-such-card)" not in message


def test_order_puts_cards_first_and_counts_as_a_change(tmp_path: Path) -> None:
    root = _new(tmp_path)
    _edit(root, "order", ["repair-cafe", "chatty-bench"])
    pack = load_pack(root)
    assert [c.id for c in pack.recipes[:2]] == ["repair-cafe", "chatty-bench"]
    assert pack.changes is not None and pack.changes.reordered


def test_extends_must_stay_inside_the_pack(tmp_path: Path) -> None:
    root = _new(tmp_path)
    _edit(root, "extends", "../elsewhere")
    assert "must be 'default' or a folder inside this pack" in _problems(root)


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["new", str(tmp_path / "busy"), "--locality", "Reading"])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert (tmp_path / "busy" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_new_needs_a_place(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", str(tmp_path / "town")])
    assert result.exit_code == 2
    assert "say which place your version is for, e.g. --locality Reading" in result.output
    assert not (tmp_path / "town").exists()


def test_a_new_pack_holds_a_layout_of_changes_only(tmp_path: Path) -> None:
    root = _new(tmp_path)
    layout = yaml.safe_load((root / "layouts/a6.yaml").read_text(encoding="utf-8"))
    assert layout == {"extends": "a6"}  # every example is a comment until the user wants it
    text = (root / "layouts/a6.yaml").read_text(encoding="utf-8")
    text = text.replace("# kinds:", "kinds:").replace("#   recipe:", "  recipe:")
    (root / "layouts/a6.yaml").write_text(text.replace("#00695C", "#7A1F3D"), encoding="utf-8")
    built = build(root, ("a6",), tmp_path / "out")
    assert built[0].pages > 100


def test_removing_the_credit_or_the_history_of_an_adaptation_is_refused(tmp_path: Path) -> None:
    root = _new(tmp_path)
    pack_yaml = root / "content/pack.yaml"
    original = pack_yaml.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    for field, words in (("upstream", "upstream: this pack adapts another"),
                         ("history", "history: say what your version changes")):
        lines = original.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        end = next((i for i in range(start + 1, len(lines))
                    if lines[i] and not lines[i].startswith((" ", "-", "#"))), len(lines))
        pack_yaml.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
        assert field in data and field not in yaml.safe_load(pack_yaml.read_text(encoding="utf-8"))
        problems = _problems(root)
        assert words in problems, problems
        assert problems.count("history:") <= 1  # one mistake, one message
    pack_yaml.write_text(original, encoding="utf-8")


def test_choices_are_read_whatever_their_case(make_pack) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": RECIPE_EFFORT})
    assert load_pack(root).recipes[0].effort == "low"


RECIPE_EFFORT = """\
id: soup-club
title: Soup club
summary: Neighbours cook soup together once a week.
effort: Low
"""


IMAGE_CARD = """\
- id: cooks
  title: Keen cooks
  asset_type: gifts-and-skills
  prompt: Who near you loves to cook?
  image:
    file: images/cooks.png
{credit}
"""


@pytest.mark.parametrize("credit, expected", [
    ("", "say who made this picture"),
    ("    credit: {author: A. Painter, licence: CC-BY-ND-4.0}", "NoDerivatives"),
    ("    credit: {author: A. Painter, licence: All rights reserved}", "unknown licence"),
])
def test_image_credits_must_fit_the_licence(make_pack: Callable[..., Path], credit: str,
                                            expected: str) -> None:
    root = make_pack(**{"content/ingredients/skills.yaml": IMAGE_CARD.format(credit=credit)})
    message = _problems(root)
    assert expected in message and "(card cooks)" in message


def test_a_noncommercial_picture_is_not_met_with_advice_the_pack_cannot_follow(
        tmp_path: Path) -> None:
    # An adaptation of a ShareAlike pack cannot take a NonCommercial licence: the picture has
    # to go, or its author has to allow it.
    root = _new(tmp_path)
    (root / "content/ingredients/skills.yaml").write_text(IMAGE_CARD.format(
        credit="    credit: {author: A. Painter, licence: CC-BY-NC-4.0}"), encoding="utf-8")
    message = _problems(root)
    assert "NonCommercial licence" not in message and "CC-BY-NC-SA-4.0" not in message
    assert "this picture cannot be used in this pack under its own licence" in message
    assert "may not be used commercially" in message
    assert "Use another picture, or ask its author for permission" in message
    assert "(CC BY 4.0, CC BY-SA 4.0, CC0 1.0)" in message
    assert "'exception: true'" in message and message.count("\n") == 0


def test_image_exception_is_listed(make_pack: Callable[..., Path]) -> None:
    credit = ("    credit: {title: Cooking, author: A. Painter, licence: CC-BY-ND-4.0, "
              "exception: true}")
    root = make_pack(**{"content/ingredients/skills.yaml": IMAGE_CARD.format(credit=credit)})
    from PIL import Image

    (root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), "#336699").save(root / "content/images/cooks.png")
    pack = load_pack(root)  # pictures are opened when the pack loads: this one must exist
    assert [c.author for c in pack.exceptions] == ["A. Painter"]


def test_a_copied_base_keeps_its_layouts(tmp_path: Path) -> None:
    from activate_pack.layout.spec import layout_dirs

    first = _new(tmp_path, "first")
    second = new_pack(tmp_path / "second", base=first).root
    dirs = layout_dirs(second, default_pack_dir())
    assert dirs == [second / "layouts", second / "upstream" / "layouts",
                    default_pack_dir() / "layouts"]


def test_own_labels_are_laid_over_the_base_labels(tmp_path: Path, make_pack) -> None:
    from activate_pack.pack.loading.load import load_pack
    from activate_pack.output.newpack import new_pack

    base = make_pack(**{"content/labels.yaml": "kinds:\n  question: Pytanie\n  recipe: Przepis\n"})
    town = tmp_path / "town"
    new_pack(town, base=base, locality="Reading")
    (town / "content" / "labels.yaml").write_text("kinds:\n  recipe: Our recipe\n")
    labels = load_pack(town).labels
    assert labels.kinds.question == "Pytanie"      # from the base's translation
    assert labels.kinds.recipe == "Our recipe"     # the adaptation's own word
    assert labels.kinds.ingredient == "Ingredient"  # the default wording underneath both


def test_a_mistake_in_pack_yaml_gives_no_false_errors_about_ingredients(tmp_path: Path) -> None:
    root = _new(tmp_path)
    run = CliRunner().invoke(app, ["copy", "walk-and-talk", "--pack", str(root)])
    assert run.exit_code == 0, run.output
    text = (root / "content/pack.yaml").read_text(encoding="utf-8")
    (root / "content/pack.yaml").write_text(
        text.replace("variables:\n", "variables:\n  meeting-place: the library\n", 1),
        encoding="utf-8")
    message = _problems(root)
    assert "meeting-place" in message and "is not a usable variable name" in message
    assert "ingredient" not in message and message.count("\n") == 0, message


def test_the_stand_in_group_name_is_one_warning_naming_every_line(tmp_path: Path) -> None:
    """`new` without --organisation writes a stand-in name in several places of pack.yaml:
    one mistake, one message, at the first place and naming the others."""
    from activate_pack.output.check import check
    from activate_pack.pack.loading.advice import PLACEHOLDER

    root = new_pack(tmp_path / "town", locality="Testford").root
    lines = [n for n, line in enumerate(
        (root / "content/pack.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER in line and not line.lstrip().startswith("#")]
    assert len(lines) > 2
    found = [p for p in check(root).problems if PLACEHOLDER in p.message]
    assert len(found) == 1
    assert (found[0].path, found[0].line) == ("content/pack.yaml", lines[0])
    others = ", ".join(map(str, lines[1:-1]))
    assert f"(and on lines {others} and {lines[-1]})" in found[0].message


def test_a_tab_in_a_card_that_order_names_is_the_one_message(tmp_path: Path) -> None:
    """The card's own mistake, at its line; not also 'order: there is no card …'."""
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "town", locality="Reading").root
    (root / "content/recipes/canal-walk.yaml").write_text(
        "id: canal-walk\ntitle: Canal walk\nsummary: A walk by the canal.\n"
        "ingredients: [volunteer-time]\nmethod:\n\t- Meet at the lock.\n  - Walk.\n"
        "time: An hour\neffort: low\n", encoding="utf-8")
    _edit(root, "order", ["canal-walk"])
    result = CliRunner().invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    problems = [row for row in result.output.splitlines()
                if ": " in row and not row.startswith("Checked")]
    assert problems == [problems[0]] and problems[0].startswith(
        "content/recipes/canal-walk.yaml:6:1: a tab character"), result.output
