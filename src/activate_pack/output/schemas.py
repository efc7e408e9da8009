"""The JSON Schemas for editors: pack files (from the model) and layout files (from the layout
specs), printed or written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from activate_pack.errors import PackError
from activate_pack.layout import schema as layout_schemas
from activate_pack.output.write import write_atomic
from activate_pack.pack.loading import schema as pack_schemas
from activate_pack.pack.loading.schema import dumps, schema_file

KINDS = (*pack_schemas.KINDS, *layout_schemas.KINDS)
"""Every kind of file with a schema: pack.yaml, labels, cards, guide pages, layouts, sheets."""

def _known(kind: str) -> None:
    if kind not in KINDS:
        raise PackError(f"there is no schema called '{kind}'; choose one of: {', '.join(KINDS)}")


def schema_for(kind: str | None = None) -> dict[str, Any]:
    """The schema of one kind of file, or (``None``) one schema for any file in content/."""
    if kind is not None:
        _known(kind)
    if kind in layout_schemas.KINDS:
        return layout_schemas.schema_for(kind)
    return pack_schemas.schema_for(kind)


def write(out: Path, kind: str | None = None) -> list[Path]:
    """Write one schema to ``out`` if it ends in .json, else one file per kind into ``out``."""
    if kind is not None:
        _known(kind)
    if out.suffix.lower() == ".json":
        write_atomic(out, dumps(schema_for(kind)).encode("utf-8"))
        return [out]
    written = []
    for name in [kind] if kind else list(KINDS):
        path = out / schema_file(name)
        write_atomic(path, dumps(schema_for(name)).encode("utf-8"))
        written.append(path)
    return written
