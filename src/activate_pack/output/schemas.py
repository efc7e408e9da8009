"""Writing the JSON Schemas for editors (the schemas themselves come from the model)."""

from __future__ import annotations

from pathlib import Path

from activate_pack.output.write import write_atomic
from activate_pack.pack.schema import KINDS, _known, dumps, schema_file, schema_for


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
