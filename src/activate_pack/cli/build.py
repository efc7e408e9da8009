"""The ``build`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import (
    CardsOption,
    Duplex,
    JobsOption,
    PackArg,
    PrintMode,
    Size,
    _human,
    _progress,
    _warn,
    app,
    card_ids,
    fail,
    language,
    locate,
    stopped,
    usage,
)
from activate_pack.errors import PackError


@app.command()
def build(
    pack: PackArg = None,
    size: Annotated[Optional[Size], typer.Option(
        "--size", "-s", help="Which pack to build: a6 (community cards), a4 (facilitator pack) "
                             "or all. Default: all, or a6 with --print home.",
        show_default=False)] = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the PDF files into.")] = Path("dist"),
    print_mode: Annotated[Optional[PrintMode], typer.Option(
        "--print", help="Make a print-ready file: 'shop' for a print shop (3 mm bleed, crop "
                        "marks, trim box), 'home' for a desktop printer (four A6 cards to an "
                        "A4 sheet, with a first sheet explaining how to print). Default: one "
                        "card face or page per PDF page.", show_default=False)] = None,
    duplex: Annotated[Optional[Duplex], typer.Option(
        "--duplex", help="With --print home: how the backs are printed. 'long' (default): "
                         "double-sided, flip on long edge; 'short': flip on short edge; "
                         "'fold': front and back side by side, to fold and glue; 'none': "
                         "fronts only.", show_default=False)] = None,
    cmyk: Annotated[bool, typer.Option(
        "--cmyk", help="Write colours as CMYK printing inks (body text as 100% black), as "
                       "many print shops ask.")] = False,
    cards: CardsOption = None,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="Build a translation: a language the pack has under "
                       "content/translations/, or the pack it adapts has (e.g. 'ur', "
                       "'pa-Guru'), or 'all' for the pack's own language and every "
                       "translation. Default: the pack's own language.",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Stop on warnings too, such as text a translation leaves in "
                         "English.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Build the PDF card packs."""
    from activate_pack.layout.editions import SIZES
    from activate_pack.output.build import build as run_build
    from activate_pack.output.printing import PrintOptions
    from activate_pack.output.write import terminate_as_interrupt

    if duplex is not None and print_mode is not PrintMode.home:
        raise usage("--duplex is for home printing: add --print home, or leave --duplex out")
    if print_mode is PrintMode.home and size not in (None, Size.a6):
        raise usage("--print home is for the A6 cards (the facilitator pack is A4 already: "
                     "print it at 100%); use --size a6, or leave --size out")
    language(lang)
    chosen = card_ids(cards)
    if chosen and size not in (None, Size.a6):
        raise usage("--cards makes A6 cards only (the facilitator pack is printed whole); "
                    "use --size a6, or leave --size out")
    if size is None:
        size = Size.a6 if print_mode is PrintMode.home or chosen else Size.all
    sizes = SIZES if size is Size.all else (size.value,)
    options = PrintOptions(print_mode.value if print_mode else None,
                           duplex.value if duplex else "long", cmyk)
    try:
        pack_dir = locate(pack)
        with terminate_as_interrupt(), _progress() as progress:
            built = run_build(pack_dir, sizes, out, progress, warn=_warn, options=options,
                              cards=chosen, languages=lang, strict=strict,
                              jobs=jobs)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt as interrupt:  # Ctrl+C, or SIGTERM: temporary files are gone
        raise stopped(interrupt) from None
    for item in built:
        typer.echo(f"wrote {item.path}  ({item.pages} pages, {_human(item.bytes)})")
