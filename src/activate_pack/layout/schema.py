"""JSON Schemas (draft 2020-12) for layout files and sheet templates, for editors.

Made from the models that load them (spec.py, sheets.py), so the schema and the tool agree. A
layout file holds only what it changes over the layout it extends, so nothing in its schema is
required; a sheet template stands alone.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from activate_pack.layout.sheets import SheetSpec
from activate_pack.layout.spec import LayoutSpec
from activate_pack.pack.loading.schema import DRAFT, describe_groups, optional_everywhere

EXTENDS = {
    "type": "string",
    "description": "The layout this one changes, e.g. 'a6': everything not in this file comes "
                   "from it. A pack's layouts/a6.yaml may extend the built-in 'a6'.",
}

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "layout": (LayoutSpec, "A file in layouts/: the size, margins, type, colours and regions of "
                           "the pages, in millimetres. It may hold only what it changes over "
                           "the layout it extends."),
    "sheet": (SheetSpec, "A file in layouts/sheets/: how card faces are put on printed sheets, "
                         "and the marks that help cut them."),
}
"""Kind of layout file → the model that validates it and what the file is."""


def schema_for(kind: str) -> dict[str, Any]:
    """The schema of a layout file ('layout') or a sheet template ('sheet')."""
    model, description = KINDS[kind]
    body = model.model_json_schema(ref_template="#/$defs/{model}")
    defs = body.pop("$defs", {})
    for node in (body, *defs.values()):
        describe_groups(node, defs)
    # The loader names a layout or sheet after its file: a 'name:' in the file is not read.
    body["properties"].pop("name", None)
    body["required"] = [r for r in body.get("required", []) if r != "name"]
    if kind == "layout":
        body["properties"] = {"extends": EXTENDS, **body["properties"]}
        body, defs = optional_everywhere(body), optional_everywhere(defs)
    body.pop("title", None)
    schema = {"$schema": DRAFT, "$id": f"urn:activate-pack:schema:{kind}",
              "title": f"Activate Pack: {kind}", **body, "description": description}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema
