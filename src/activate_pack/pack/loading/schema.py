"""JSON Schemas (draft 2020-12) for pack files, generated from the model, for editors.

With the schema files in a pack's ``schemas/`` folder and a ``# yaml-language-server: $schema=…``
line at the top of each YAML file (see :func:`schema_comment`), editors such as VS Code (with the
Red Hat YAML extension) check and complete fields as the user types.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from activate_pack.errors import PackError
from activate_pack.pack.model.kinds import Kinds, default_kinds
from activate_pack.pack.model.licences import LICENCES
from activate_pack.pack.model.pack import GuidePage, PackInfo
from activate_pack.pack.loading.translations import TranslationFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
"""Folder of a pack (next to content/) that holds its schema files."""

def kinds_table(declared: Kinds | None = None) -> dict[str, tuple[type[BaseModel], str]]:
    """Kind of file → the model that validates it and what the file is, for the kinds of card
    ``declared`` (default: those the default pack declares in content/kinds.yaml)."""
    declared = declared or default_kinds()
    return {
        "pack": (PackInfo, "content/pack.yaml: the pack's title, authors, licence and source."),
        "labels": (declared.labels_model, "content/labels.yaml: the printed words that are not "
                   "card text. Every field may be left out; missing ones keep the default "
                   "pack's wording."),
        **{declared.folder(kind): (model, f"A file in content/{declared.folder(kind)}/: one "
                                          "card, or a list of cards.")
           for kind, model in declared.models.items()},
        "guide": (GuidePage, "A file in content/guide/: one page of the facilitator guide, or "
                             "a list of pages."),
        "translations": (TranslationFile, "A file in content/translations/: one language's "
                                          "translation, named by its tag (ur.yaml, "
                                          "pa-Guru.yaml)."),
    }


KINDS = kinds_table()
"""The files of a pack with the default pack's kinds of card, and their models."""


def _listable(declared: Kinds | None) -> tuple[str, ...]:
    """Kinds of file that may hold one mapping or a list of them: cards and guide pages."""
    return (*(declared or default_kinds()).folders, "guide")


LISTABLE = _listable(None)
"""The default pack's kinds of file that may hold one mapping or a list of them."""


def schema_file(kind: str) -> str:
    """File name of one kind's schema, e.g. 'recipes.schema.json'."""
    return f"{kind}.schema.json"


def schema_comment(kind: str, declared: Kinds | None = None) -> str:
    """The first line for a pack file of ``kind``, pointing editors at the pack's schema.

    The path is relative to the YAML file: pack.yaml and labels.yaml sit in content/, card and
    guide files one folder deeper, and the schemas in the pack's ``schemas/`` folder.
    """
    _known(kind, declared)
    up = "../../" if kind in _listable(declared) or kind == "translations" else "../"
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_file(kind)}"


def _known(kind: str, declared: Kinds | None = None) -> None:
    table = kinds_table(declared)
    if kind not in table:
        raise PackError(f"there is no schema called '{kind}'; choose one of: {', '.join(table)}")


def _definitions(declared: Kinds) -> dict[str, Any]:
    """Every model's schema in one shared ``$defs``, with every field described."""
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (model, "validation") for model, _ in kinds_table(declared).values()]
    _, top = models_json_schema(models, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = top["$defs"]
    for definition in defs.values():
        describe_groups(definition, defs)
    defs["PackInfo"]["properties"]["licence"]["enum"] = list(LICENCES)
    # labels.yaml only overrides some wording: nothing in it is required.
    for name in _reachable({"$ref": "#/$defs/Labels"}, defs):
        defs[name] = optional_everywhere(defs[name])
    return defs


def describe_groups(node: dict[str, Any], defs: dict[str, Any]) -> None:
    """Describe each field of ``node`` that holds a group of fields by the group's docstring."""
    for prop in node.get("properties", {}).values():
        if "description" not in prop:
            ref = prop.get("$ref") or next((a["$ref"] for a in prop.get("anyOf", [])
                                            if "$ref" in a), None)
            if ref:
                prop["description"] = defs[ref.rsplit("/", 1)[1]].get("description", "")


def optional_everywhere(node: Any) -> Any:
    """A copy of a schema with nothing required."""
    if isinstance(node, dict):
        return {k: optional_everywhere(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [optional_everywhere(v) for v in node]
    return node


def _body(kind: str, defs: dict[str, Any], declared: Kinds) -> dict[str, Any]:
    model, _ = kinds_table(declared)[kind]
    ref = {"$ref": f"#/$defs/{model.__name__}"}
    if kind in _listable(declared):
        return {"anyOf": [ref, {"type": "array", "items": ref, "minItems": 1}]}
    return ref


def _reachable(root: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """Only the definitions a schema refers to, directly or through others."""
    keep: dict[str, Any] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.rsplit("/", 1)[1]
                if name not in keep:
                    keep[name] = defs[name]
                    stack.append(defs[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return dict(sorted(keep.items()))


def schema_for(kind: str | None = None, declared: Kinds | None = None) -> dict[str, Any]:
    """The schema for one kind of pack file, or (``None``) one schema accepting any of them,
    for the kinds of card ``declared`` (default: the default pack's)."""
    if kind is not None:
        _known(kind, declared)
    # A fresh copy each time: callers may change it.
    return json.loads(_schema_text(kind, declared or default_kinds()))


@lru_cache(maxsize=32)
def _schema_text(kind: str | None, declared: Kinds) -> str:
    """The schema as JSON text (kinds of card made from one declaration are one object)."""
    defs = _definitions(declared)
    if kind is None:
        body: dict[str, Any] = {"anyOf": [_body(k, defs, declared) for k in kinds_table(declared)]}
        title, description = "Activate Pack files", (
            "Any file of an Activate Pack: pack.yaml, labels.yaml, or a file of cards or guide "
            "pages. Use the schema of one kind (activate-pack schema --kind …) for exact checks.")
        name = "pack-files"
    else:
        body = _body(kind, defs, declared)
        title, description = f"Activate Pack: {kind}", kinds_table(declared)[kind][1]
        name = kind
    schema = {"$schema": DRAFT, "$id": f"urn:activate-pack:schema:{name}", "title": title,
              "description": description, **body}
    schema["$defs"] = _reachable(body, defs)
    return json.dumps(schema)


def dumps(schema: dict[str, Any]) -> str:
    """A schema as JSON text, the same bytes every time."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
