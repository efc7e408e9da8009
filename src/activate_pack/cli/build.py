"""The ``build`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from activate_pack.cli.app import (
    CardsOption,
    JobsOption,
    PackArg,
    _human,
    _progress,
    _warn,
    app,
    fail,
    locate,
    stopped,
)
from activate_pack.cli import outputs
from activate_pack.errors import PackError


@app.command()
def build(
    pack: PackArg = None,
    size: outputs.SizeOption = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the PDF files into.")] = Path("dist"),
    print_mode: outputs.PrintOption = None,
    duplex: outputs.DuplexOption = None,
    cmyk: outputs.CmykOption = False,
    cards: CardsOption = None,
    lang: outputs.LangOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Stop on warnings too, such as text a translation leaves in "
                         "English.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Build the PDF card packs."""
    from activate_pack.output.build import build as run_build
    from activate_pack.output.write import terminate_as_interrupt

    wanted = outputs.chosen("build", size, print_mode, duplex, cmyk, cards, lang)
    try:
        pack_dir = locate(pack)
        with terminate_as_interrupt(), _progress() as progress:
            built = run_build(pack_dir, wanted.sizes, out, progress, warn=_warn,
                              options=wanted.options, cards=wanted.cards,
                              languages=wanted.lang, strict=strict, jobs=jobs)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt as interrupt:  # Ctrl+C, or SIGTERM: temporary files are gone
        raise stopped(interrupt) from None
    for item in built:
        typer.echo(f"wrote {item.path}  ({item.pages} pages, {_human(item.bytes)})")
