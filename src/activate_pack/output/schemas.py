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
from activate_pack.pack.model.kinds import Kinds, read_kinds

KINDS = (*pack_schemas.KINDS, *layout_schemas.KINDS)
"""Every kind of file with a schema: pack.yaml, labels, cards, guide pages, layouts, sheets
(the cards of the default pack's kinds; a pack that declares more has more)."""


def _declared(pack_dir: Path | None) -> Kinds | None:
    """The kinds of card the pack in ``pack_dir`` declares (None: the default pack's)."""
    return None if pack_dir is None else read_kinds(pack_dir)


def _known(kind: str, declared: Kinds | None) -> None:
    names = (*pack_schemas.kinds_table(declared), *layout_schemas.KINDS)
    if kind not in names:
        raise PackError(f"there is no schema called '{kind}'; choose one of: {', '.join(names)}")


def schema_for(kind: str | None = None, pack_dir: Path | None = None) -> dict[str, Any]:
    """The schema of one kind of file, or (``None``) one schema for any file in content/, for
    the pack in ``pack_dir`` (its own kinds of card included)."""
    declared = _declared(pack_dir)
    if kind is not None:
        _known(kind, declared)
    return _schema(kind, declared)


def _schema(kind: str | None, declared: Kinds | None) -> dict[str, Any]:
    if kind in layout_schemas.KINDS:
        return layout_schemas.schema_for(kind)
    return pack_schemas.schema_for(kind, declared)


def write(out: Path, kind: str | None = None, pack_dir: Path | None = None) -> list[Path]:
    """Write one schema to ``out`` if it ends in .json, else one file per kind into ``out``."""
    declared = _declared(pack_dir)  # the pack's kinds.yaml read once, for every schema
    if kind is not None:
        _known(kind, declared)
    if out.suffix.lower() == ".json":
        write_atomic(out, dumps(_schema(kind, declared)).encode("utf-8"))
        return [out]
    written = []
    names = [*pack_schemas.kinds_table(declared), *layout_schemas.KINDS]
    for name in [kind] if kind else names:
        path = out / schema_file(name)
        write_atomic(path, dumps(_schema(name, declared)).encode("utf-8"))
        written.append(path)
    return written
