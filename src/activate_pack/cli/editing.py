"""Commands for people editing a pack: check, schema, watch and preview.

Importing this module adds the commands to the ``activate-pack`` app (``cli.py`` does so), so
the app keeps one home while these commands keep theirs. Heavy modules are imported inside each
command, so ``activate-pack --help`` stays instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import (
    CardsOption,
    PackArg,
    Size,
    _progress,
    _warn,
    app,
    card_ids,
    fail,
    locate,
)
from activate_pack.cli import outputs
from activate_pack.errors import PackError, summarised


PREVIEW_BAR = 20
"""Pages of previews from which a progress bar is shown (on a terminal)."""


def _sizes(size: Size) -> tuple[str, ...]:
    from activate_pack.layout.editions import SIZES

    return SIZES if size is Size.all else (size.value,)


@app.command()
def check(
    pack: PackArg = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Fail (exit code 1) on warnings too, such as low-resolution pictures or "
                         "pictures without a description.")] = False,
    size: outputs.SizeOption = None,
    print_mode: outputs.PrintOption = None,
    duplex: outputs.DuplexOption = None,
    cmyk: outputs.CmykOption = False,
    cards: CardsOption = None,
    lang: outputs.LangOption = None,
) -> None:
    """Check a pack for problems, writing nothing.

    Without options, checks every output there is: each size, plain and in every way of
    printing, in the pack's own language and every translation (each translation's state in
    one line). With build's options (--size, --print, --duplex, --cmyk, --cards, --lang),
    checks exactly the files 'activate-pack build' with the same options would write, and
    gives the same verdict. Reports every problem as FILE:LINE: message, then the outputs
    checked and a count.
    """
    from activate_pack.output.check import check as run_check
    from activate_pack.output.check import check_outputs

    wanted = outputs.chosen("check", size, print_mode, duplex, cmyk, cards, lang) \
        if outputs.given(size, print_mode, duplex, cmyk, cards, lang) else None
    try:
        pack_dir = locate(pack)
        report = run_check(pack_dir) if wanted is None else \
            check_outputs(pack_dir, wanted.sizes, wanted.options, wanted.cards, wanted.lang)
    except PackError as error:
        raise fail(error) from None
    for line in summarised(report.problems):
        typer.echo(line)
    if report.checked:
        typer.echo(f"Checked: {'; '.join(report.checked)}.")
    typer.echo(report.summary())
    if report.failed(strict):
        raise typer.Exit(1)


@app.command()
def schema(
    kind: Annotated[Optional[str], typer.Option(
        "--kind", "-k", help="Only the schema for one kind of file: pack, labels, recipes, "
                             "questions, ingredients, guide, layout (a file in layouts/) or "
                             "sheet (a file in layouts/sheets/). Default: one schema for every "
                             "file in content/.",
        show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write to this file (ending .json), or into this folder one file per "
                            "kind. Default: print to the screen.", show_default=False)] = None,
) -> None:
    """Print or write the JSON Schemas editors use.

    Editors such as VS Code use them to check and complete pack files as you type.
    """
    from activate_pack.output.schemas import schema_for, write
    from activate_pack.pack.schema import dumps

    try:
        if out is None:
            typer.echo(dumps(schema_for(kind)), nl=False)
            return
        for path in write(out, kind):
            typer.echo(f"wrote {path}")
    except PackError as error:
        raise fail(error) from None


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
        sizes = ("a6",) if chosen and size is Size.all else _sizes(size)
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
        run_watch(pack_dir, _sizes(size), out, typer.echo)
    except KeyboardInterrupt:
        pass
    typer.echo("Stopped watching.")
