"""The ``schema`` command: the JSON Schemas editors check pack files with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import PackArg, app, fail
from activate_pack.errors import PackError


@app.command()
def schema(
    kind: Annotated[Optional[str], typer.Option(
        "--kind", "-k", help="Only the schema for one kind of file: pack, labels, a folder "
                             "of cards (recipes, questions, ingredients, and any the pack "
                             "declares in content/kinds.yaml), guide, layout (a file in "
                             "layouts/) or sheet (a file in layouts/sheets/). Default: one "
                             "schema for every file in content/.",
        show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write to this file (ending .json), or into this folder one file per "
                            "kind. Default: print to the screen.", show_default=False)] = None,
    pack: PackArg = None,
) -> None:
    """Print or write the JSON Schemas editors use.

    Editors such as VS Code use them to check and complete pack files as you type.
    """
    from activate_pack.output.schemas import schema_for, write
    from activate_pack.pack.loading.schema import dumps

    from activate_pack.pack.sources.paths import find_pack

    try:
        pack_dir = find_pack(pack)  # outside a pack: the default pack's kinds, said by no notice
        if out is None:
            typer.echo(dumps(schema_for(kind, pack_dir)), nl=False)
            return
        for path in write(out, kind, pack_dir):
            typer.echo(f"wrote {path}")
    except PackError as error:
        raise fail(error) from None
