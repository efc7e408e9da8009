"""The ``check`` command: every problem a build would meet, with nothing written."""

from __future__ import annotations

from typing import Annotated

import typer

from activate_pack.cli import outputs
from activate_pack.cli.app import CardsOption, PackArg, app, fail, locate
from activate_pack.errors import PackError, summarised


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
