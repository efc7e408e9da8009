"""JSON Schemas for editors: valid, described, accepting the default pack, refusing mistakes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.output.schemas import write
from activate_pack.pack.loading.schema import KINDS, LISTABLE, schema_comment, schema_for
from activate_pack.pack.sources.source import read_yaml

runner = CliRunner()
Validator = jsonschema.Draft202012Validator


def default_files() -> Iterator[tuple[str, Path]]:
    """(kind, path) of every YAML file of the default pack."""
    content = default_pack_dir() / "content"
    yield "pack", content / "pack.yaml"
    yield "labels", content / "labels.yaml"
    for kind in LISTABLE:
        for path in sorted((content / kind).glob("*.yaml")):
            yield kind, path


def _data(path: Path) -> Any:
    return read_yaml(path, path.name)


@pytest.mark.parametrize("kind", [None, *KINDS])
def test_each_schema_is_valid_draft_2020_12(kind: str | None) -> None:
    schema = schema_for(kind)
    Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, where)


def test_every_field_has_a_description() -> None:
    fields = list(_properties(schema_for(None)))
    assert len(fields) > 100
    missing = [where for where, prop in fields if not prop.get("description")]
    assert not missing, missing


def test_the_default_content_validates() -> None:
    checked = 0
    combined = Validator(schema_for(None))
    for kind, path in default_files():
        data = _data(path)
        errors = [e.message for e in Validator(schema_for(kind)).iter_errors(data)]
        assert not errors, (path, errors[:3])
        assert combined.is_valid(data), path
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("kind, text, words", [
    ("questions", "id: q\ntitle: Q\nquestion: Q?\nprompts: [a, b]\nphase: warm-up\npromts: [x]\n",
     "promts"),
    ("questions", "id: q\ntitle: Q\nquestion: Q?\nprompts: just one\nphase: warm-up\n", "array"),
    ("questions", "id: q\ntitle: Q\nquestion: Q?\nprompts: [a, b]\nphase: warmup\n", "warmup"),
    ("recipes", "- id: Not A Slug\n  title: T\n  summary: S\n", "does not match"),
    ("recipes", "id: r\ntitle: T\n", "summary"),
    ("pack", "title: T\nauthors: [{name: A}]\nlicence: CC-BY-5.0\nsource_url: u\ncopyright: c\n",
     "CC-BY-5.0"),
    ("labels", "kinds:\n  recipe: 5\n", "not of type 'string'"),
    ("guide", "[]\n", "should be non-empty"),
])
def test_broken_files_fail(tmp_path: Path, kind: str, text: str, words: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    errors = list(Validator(schema_for(kind)).iter_errors(_data(path)))
    assert errors
    # anyOf wraps the real reasons: look through the whole error tree.
    reasons = []
    stack = list(errors)
    while stack:
        error = stack.pop()
        reasons.append(error.message)
        stack.extend(error.context or [])
    assert any(words in reason for reason in reasons), reasons


def test_labels_may_override_only_some_wording(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("kinds:\n  recipe: Project idea\n", encoding="utf-8")
    assert Validator(schema_for("labels")).is_valid(_data(path))


def test_cli_prints_a_schema_that_validates_the_default_content() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    validator = Validator(schema)
    for _, path in default_files():
        assert validator.is_valid(_data(path)), path
    one = runner.invoke(app, ["schema", "--kind", "recipes"])
    assert json.loads(one.output)["title"].endswith("recipes")
    wrong = runner.invoke(app, ["schema", "--kind", "recipe"])
    assert wrong.exit_code == 1 and "choose one of: pack, labels, questions, ingredients, recipes" in wrong.output


def test_schema_comment_points_at_the_written_files(tmp_path: Path) -> None:
    written = runner.invoke(app, ["schema", "--out", str(tmp_path / "schemas")])
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(
        f"{kind}.schema.json" for kind in (*KINDS, "layout", "sheet"))
    places = {"pack": "content/pack.yaml", "labels": "content/labels.yaml",
              **{kind: f"content/{kind}/some-file.yaml" for kind in LISTABLE}}
    for kind, place in places.items():
        line = schema_comment(kind)
        assert line.startswith("# yaml-language-server: $schema=")
        relative = line.split("=", 1)[1]
        target = ((tmp_path / place).parent / relative).resolve()
        assert target == (tmp_path / "schemas" / f"{kind}.schema.json").resolve(), kind
        assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith(kind)


def test_schema_comment_is_ignored_by_the_loader(make_pack) -> None:
    from activate_pack.pack.loading.load import load_pack

    root = make_pack(**{"content/guide/01-hello.yaml": schema_comment("guide") + "\n"
                                                       "id: guide-hello\ntitle: Hi\nbody: Text.\n"})
    assert load_pack(root).guide[0].title == "Hi"


def test_single_file_output(tmp_path: Path) -> None:
    [path] = write(tmp_path / "pack.json", "pack")
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Activate Pack: pack"


def test_a_new_pack_carries_the_schemas_its_files_point_at(tmp_path: Path) -> None:
    from activate_pack.output.newpack import new_pack

    created = new_pack(tmp_path / "town", locality="Reading", organisation="Reading Neighbours")
    pack_yaml = (created.root / "content/pack.yaml").read_text(encoding="utf-8")
    [comment] = [line for line in pack_yaml.splitlines() if "$schema=" in line]
    target = (created.root / "content" / comment.split("=", 1)[1]).resolve()
    assert target.is_file(), target
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith("pack")


# Layout files and sheet templates: described, accepting the built-in ones, refusing mistakes.

LAYOUT_KINDS = {"layout": "layouts", "sheet": "layouts/sheets"}


@pytest.mark.parametrize("kind", list(LAYOUT_KINDS))
def test_layout_schemas_describe_every_field(kind: str) -> None:
    from activate_pack.output.schemas import schema_for as any_schema

    schema = any_schema(kind)
    Validator.check_schema(schema)
    assert schema["$id"].endswith(kind) and schema["description"]
    fields = list(_properties(schema))
    assert len(fields) > (100 if kind == "layout" else 15)
    missing = [where for where, prop in fields if not prop.get("description")]
    assert not missing, missing


@pytest.mark.parametrize("kind, folder", list(LAYOUT_KINDS.items()))
def test_the_built_in_layouts_and_sheets_validate(kind: str, folder: str) -> None:
    result = runner.invoke(app, ["schema", "--kind", kind])
    assert result.exit_code == 0, result.output
    validator = Validator(json.loads(result.output))
    files = sorted((default_pack_dir() / folder).glob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        errors = [e.message for e in validator.iter_errors(_data(path))]
        assert not errors, (path, errors)


def test_the_layout_schema_takes_a_two_line_layout_and_refuses_mistakes() -> None:
    from activate_pack.output.schemas import schema_for as any_schema

    validator = Validator(any_schema("layout"))
    assert validator.is_valid({"extends": "a6", "kinds": {"recipe": {"main": "#00695C"}}})
    assert not validator.is_valid({"extends": "a6", "kinds": {"recipe": {"mian": "#00695C"}}})
    assert not validator.is_valid({"kinds": {"recipe": {"main": "green"}}})
    assert not validator.is_valid({"margin": 500})
    assert not validator.is_valid({"regions": {"image": [7, 33.5, 91]}})
    sheet = Validator(any_schema("sheet"))
    assert not sheet.is_valid({"columns": 99})


def test_a_new_pack_layout_points_at_the_layout_schema(tmp_path: Path) -> None:
    from activate_pack.output.newpack import new_pack

    created = new_pack(tmp_path / "town", locality="Reading")
    layout = (created.root / "layouts/a6.yaml").read_text(encoding="utf-8")
    comment = layout.splitlines()[0]
    target = (created.root / "layouts" / comment.split("=", 1)[1]).resolve()
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith("layout")
    data = _data(created.root / "layouts/a6.yaml")
    assert Validator(json.loads(target.read_text(encoding="utf-8"))).is_valid(data)


def test_the_translations_schema_takes_made_from_and_the_default_translations(
        tmp_path: Path) -> None:
    validator = Validator(schema_for("translations"))
    for path in sorted((default_pack_dir() / "content/translations").glob("*.yaml")):
        assert validator.is_valid(_data(path)), path
    path = tmp_path / "pl.yaml"
    path.write_text("translators: [{name: Ola}]\ncards: {hello: {title: Cześć}}\n"
                    "made_from: {cards: {hello: {title: 185f8db32271}}}\n", encoding="utf-8")
    assert validator.is_valid(_data(path))
    made = schema_for("translations")["$defs"]["TranslationFile"]["properties"]["made_from"]
    assert "English" in made["description"]
    for wrong in ("made_form: {}", "made_from: {card: {hello: {title: 185f8db32271}}}"):
        path.write_text(f"translators: [{{name: Ola}}]\n{wrong}\n", encoding="utf-8")
        assert not validator.is_valid(_data(path)), wrong
