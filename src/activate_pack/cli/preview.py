"""The ``preview`` command: PNG images of the pages, drawn from the real PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from activate_pack.cli.app import CardsOption, PackArg, Size, _progress, _warn, app, card_ids, fail, locate
from activate_pack.errors import PackError

PREVIEW_BAR = 20
"""Pages of previews from which a progress bar is shown (on a terminal)."""


@app.command()
def preview(
    pack: PackArg = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the PNG images into.")] = Path("dist/preview"),
    size: Annotated[Size, typer.Option(
        "--size", "-s", help="Which pack to preview: a6 (community cards), a4 (facilitator "
                             "pack) or all.")] = Size.all,
    width: Annotated[int, typer.Option(
        "--width", "-w", min=100, max=4000,
        help="Width of each page image, in pixels.")] = 700,
    cards: CardsOption = None,
) -> None:
    """Write PNG images of every card face.

    Also writes a contact sheet per size; the images are drawn from the real PDFs.
    """
    from activate_pack.output.preview import preview as run_preview

    try:
        pack_dir = locate(pack)
        chosen = card_ids(cards)
        sizes = ("a6",) if chosen and size is Size.all else size.sizes()
        # Drawing page images is slower than writing PDF pages: a bar helps sooner.
        with _progress(PREVIEW_BAR, "page images") as progress:
            written = run_preview(pack_dir, sizes, out, width, warn=_warn, cards=chosen,
                                  progress=progress)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        typer.echo("Stopped. Files written by earlier runs are unchanged.", err=True)
        raise typer.Exit(130) from None
    for sheet in written.sheets:
        typer.echo(f"wrote {sheet}")
    pages = len(written.files) - len(written.sheets)
    typer.echo(f"wrote {pages} page images ({written.faces} of them card faces) into {out}")
