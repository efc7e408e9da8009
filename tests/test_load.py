"""Model rules: each rule's failure and the message a pack editor sees."""

from __future__ import annotations

import re

from pathlib import Path
from typing import Callable

import pytest

from activate_pack.errors import PackError
from activate_pack.pack.sources.paths import default_pack_dir, find_pack
from activate_pack.pack.loading.load import load_pack


def problems(root: Path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack(root)
    return [str(p) for p in info.value.problems]


def test_default_pack_loads_with_the_promised_content() -> None:
    pack = load_pack(default_pack_dir())
    assert len([r for r in pack.recipes if not r.blank]) >= 12
    assert len(pack.questions) >= 24
    phases = pack.kinds["question"].fields["phase"].choices
    asset_types = pack.kinds["ingredient"].fields["asset_type"].choices
    assert len(phases) == 6 and len(asset_types) == 6
    assert all(sum(q.phase == phase for q in pack.questions) >= 4 for phase in phases)
    assert all(sum(i.asset_type == t for i in pack.ingredients) >= 4 for t in asset_types)
    assert any(r.blank for r in pack.recipes) and any(i.blank for i in pack.ingredients)
    assert len(pack.guide) >= 5
    assert pack.info.licence == "CC-BY-SA-4.0"


def test_small_pack_loads(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    assert [c.id for c in pack.cards] == ["warm-hello", "cooks", "soup-club"]
    assert pack.locations["soup-club"].path == "content/recipes/soup-club.yaml"


def test_unknown_field_suggests_the_nearest(make_pack: Callable[..., Path]) -> None:
    root = make_pack(content__recipes__soup_club_yaml=None, **{
        "content/recipes/soup-club.yaml": "id: soup-club\ntitle: Soup\nsumary: Soup.\n"})
    found = problems(root)
    assert any("content/recipes/soup-club.yaml:3:1: unknown field 'sumary' (did you mean 'summary'?)"
               " (card soup-club)" == p for p in found), found
    # One mistake, one message: the misspelling is not also reported as a missing summary.
    assert not any("summary: this field is required" in p for p in found), found
    assert len(found) == 1


def test_wrong_type_and_bad_value_name_the_line(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": """\
        - id: q-one
          title: One
          question: Why?
          prompts: Just one prompt
          phase: warmup
        """})
    found = problems(root)
    assert any(p.startswith("content/questions/warm-up.yaml:4:") and "prompts: expected a list" in p
               for p in found), found
    assert any(p.startswith("content/questions/warm-up.yaml:5:") and "'warmup' is not allowed" in p
               and "did you mean 'warm-up'" in p for p in found), found


def test_prompt_count_is_checked(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": """\
        - id: q-one
          title: One
          question: Why?
          prompts: [a, b, c, d, e]
          phase: explore
        """})
    assert any("prompts: has more than 4 items" in p for p in problems(root))


def test_duplicate_ids_point_at_the_first_use(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/ingredients/more.yaml": """\
        - id: cooks
          title: More cooks
          prompt: Who else cooks?
        """})
    [found] = problems(root)
    # Files are read in name order, so the second use is in skills.yaml.
    assert found == ("content/ingredients/skills.yaml:1: the id 'cooks' is already used in "
                     "content/ingredients/more.yaml:1; every card needs its own id (card cooks)")


def test_unknown_ingredient_suggests_nearest_id(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": """\
        id: soup-club
        title: Soup club
        summary: Soup.
        ingredients: [cook]
        """})
    found = problems(root)
    assert any("no ingredient card with the id 'cook'; did you mean 'cooks'?" in p
               and "(card soup-club)" in p for p in found), found


def test_every_problem_is_reported_at_once(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{
        "content/recipes/soup-club.yaml": "id: Soup Club\ntitle: Soup\nsummary: x\n",
        "content/questions/warm-up.yaml": "- id: q\n  title: Q\n  question: Q?\n  prompts: [a, b]\n",
        "content/guide/02-broken.yaml": "id: g\ntitle: [unclosed\n",
    })
    found = problems(root)
    assert any("content/recipes/soup-club.yaml:1:" in p and "not a valid id" in p for p in found)
    assert any("content/questions/warm-up.yaml" in p and "phase: this field is required" in p
               for p in found)
    assert any("content/guide/02-broken.yaml:2:" in p and "bracket that opens here" in p
               for p in found), found


def test_unknown_licence_lists_valid_ids(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    text = (root / "content/pack.yaml").read_text().replace("CC-BY-SA-4.0", "CC-BY-SA-3.0")
    (root / "content/pack.yaml").write_text(text)
    [found] = problems(root)
    assert found.startswith("content/pack.yaml:7:")
    assert "unknown licence 'CC-BY-SA-3.0'" in found and "CC-BY-SA-4.0" in found


def test_markup_characters_are_plain_text(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/ingredients/skills.yaml": """\
        - id: cooks
          title: Cooks & bakers <3
          asset_type: gifts-and-skills
          prompt: "Who cooks for < £5 & shares?"
        """})
    card = load_pack(root).card("cooks")
    assert card.title == "Cooks & bakers <3"


def test_find_pack(tmp_path: Path, make_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_pack()
    assert find_pack(root) == root
    monkeypatch.chdir(root)
    assert find_pack(None) == root
    monkeypatch.chdir(tmp_path)
    assert find_pack(None) == default_pack_dir()
    with pytest.raises(PackError, match="not a pack folder"):
        find_pack(tmp_path)
    with pytest.raises(PackError, match="no such folder"):
        find_pack(tmp_path / "missing")


@pytest.mark.parametrize("name", ["content/pack.yaml", "content/labels.yaml", "layouts/a6.yaml",
                                  "content/recipes/soup-club.yaml"])
def test_files_linked_from_outside_the_pack_are_refused(tmp_path: Path, make_pack: Callable[..., Path],
                                                       name: str) -> None:
    from activate_pack.output.build import build

    root = make_pack()
    outside = tmp_path / "secret.yaml"
    outside.write_text((root / "content/pack.yaml").read_text() if name.endswith("pack.yaml")
                       else "title: not yours\n")
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    with pytest.raises(PackError) as info:
        build(root, ("a6",), tmp_path / "out")
    assert any(p.path == name and "link to somewhere outside the pack folder" in p.message
               for p in info.value.problems), info.value.problems



def test_text_fields_print_exactly_as_typed(make_pack) -> None:
    from conftest import PACK_YAML, RECIPE

    recipe = (RECIPE.replace("title: Soup club", "title: No")
              .replace("time: An evening a week", "time: 1:30"))
    pack_yaml = re.sub(r"(?m)^version: .*$", "version: 1.10", PACK_YAML)
    pack_yaml += "variables:\n  contact: 01234567\n"
    root = make_pack(**{"content/recipes/soup-club.yaml": recipe, "content/pack.yaml": pack_yaml})
    pack = load_pack(root)
    [card] = pack.recipes
    assert (card.title, card.time) == ("No", "1:30")
    assert pack.info.version == "1.10"
    assert pack.variables["contact"] == "01234567"


def test_a_choice_not_on_the_list_is_quoted_as_typed(make_pack) -> None:
    from conftest import RECIPE

    root = make_pack(**{"content/recipes/soup-club.yaml": RECIPE.replace("effort: low",
                                                                         "effort: Lowish")})
    with pytest.raises(PackError) as info:
        load_pack(root)
    assert "effort: 'Lowish' is not allowed; use 'low', 'medium' or 'high' (did you mean 'low'?)" \
        in str(info.value)
    assert load_pack(make_pack(**{"content/recipes/soup-club.yaml": RECIPE.replace(
        "effort: low", "effort: Medium ")})).recipes[0].effort == "medium"


def test_a_list_item_indented_one_space_too_far_is_a_warning_at_its_line(
        make_pack: Callable[..., Path]) -> None:
    """YAML reads it as more text of the item above: say so where it happened."""
    from activate_pack.output.check import check
    from conftest import RECIPE

    recipe = RECIPE.replace("  - Cook.\n", "   - Cook.\n")
    root = make_pack(**{"content/recipes/soup-club.yaml": recipe})
    problems = [p for p in check(root).problems if p.path == "content/recipes/soup-club.yaml"]
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].severity == "warning"
    assert problems[0].line == recipe.splitlines().index("   - Cook.") + 1
    assert "became more text of the item above" in problems[0].message
    clean = [p for p in check(make_pack()).problems if p.path == "content/recipes/soup-club.yaml"]
    assert clean == []


def test_a_value_wrapped_in_curly_quotes_is_a_warning_at_its_line(
        make_pack: Callable[..., Path]) -> None:
    """Word's quotes are letters to YAML: they would print round the contact's details."""
    from activate_pack.output.check import check
    from conftest import PACK_YAML

    pack_yaml = PACK_YAML + "variables:\n  contact: “Priya on 01922 000 111”\n"
    root = make_pack(**{"content/pack.yaml": pack_yaml})
    found = [p for p in check(root).problems if "curly quotes" in p.message]
    assert [(p.path, p.line, p.severity) for p in found] == [
        ("content/pack.yaml", len(pack_yaml.splitlines()), "warning")]
    straight = make_pack(**{"content/pack.yaml": pack_yaml.replace("“", '"').replace("”", '"')})
    assert not [p for p in check(straight).problems if "curly quotes" in p.message]
