"""The ``watch`` command: rebuild the PDFs whenever a pack file is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from activate_pack.cli.app import PackArg, Size, app, fail, locate
from activate_pack.errors import PackError


@app.command()
def watch(
    pack: PackArg = None,
    size: Annotated[Size, typer.Option(
        "--size", "-s", help="Which pack to rebuild: a6 (community cards), a4 (facilitator "
                             "pack) or all.")] = Size.all,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the PDF files into.")] = Path("dist"),
) -> None:
    """Rebuild the PDFs whenever a pack file is saved.

    Problems are printed and watching goes on; stop with Ctrl+C.
    """
    from activate_pack.output.watch import watch as run_watch

    try:
        pack_dir = locate(pack)
    except PackError as error:
        raise fail(error) from None
    try:
        run_watch(pack_dir, size.sizes(), out, typer.echo)
    except KeyboardInterrupt:
        pass
    typer.echo("Stopped watching.")
