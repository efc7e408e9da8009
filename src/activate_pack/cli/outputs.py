"""The options that choose a build's outputs, shared by ``build`` and ``check``.

Both commands take them with the same names, help and meaning, and turn them into outputs with
the one function here, so ``check`` with a build's options checks exactly the files that build
would write, and gives the same verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from activate_pack.cli.app import Duplex, PrintMode, Size, card_ids, language, usage

if TYPE_CHECKING:
    from activate_pack.layout.printing import PrintOptions

SizeOption = Annotated[Optional[Size], typer.Option(
    "--size", "-s", help="Which pack: a6 (community cards), a4 (facilitator pack) or all. "
                         "Default: all, or a6 with --print home or --cards.",
    show_default=False)]

PrintOption = Annotated[Optional[PrintMode], typer.Option(
    "--print", help="The print-ready file: 'shop' for a print shop (3 mm bleed, crop marks, "
                    "trim box), 'home' for a desktop printer (four A6 cards to an A4 sheet, "
                    "with a first sheet explaining how to print). Default: one card face or "
                    "page per PDF page.", show_default=False)]

DuplexOption = Annotated[Optional[Duplex], typer.Option(
    "--duplex", help="With --print home: how the backs are printed. 'long' (default): "
                     "double-sided, flip on long edge; 'short': flip on short edge; 'fold': "
                     "front and back side by side, to fold and glue; 'none': fronts only.",
    show_default=False)]

CmykOption = Annotated[bool, typer.Option(
    "--cmyk", help="Colours as CMYK printing inks (body text as 100% black), as many print "
                   "shops ask.")]

LangOption = Annotated[Optional[str], typer.Option(
    "--lang", help="A translation: a language the pack has under content/translations/, or "
                   "the pack it adapts has (e.g. 'ur', 'pa-Guru'), or 'all' for the pack's own "
                   "language and every translation. Default: the pack's own language "
                   "('check' given no output option at all: every language).",
    show_default=False)]


@dataclass(frozen=True)
class Outputs:
    """The outputs the options ask for: sizes, how they are printed, which cards, languages."""

    sizes: tuple[str, ...]
    options: PrintOptions
    cards: list[str] | None
    lang: str | None


def chosen(command: str, size: Size | None, print_mode: PrintMode | None,
           duplex: Duplex | None, cmyk: bool, cards: str | None, lang: str | None) -> Outputs:
    """The outputs the output options ask for; a usage error (exit 2) for options that clash."""
    from activate_pack.layout.editions import SIZES
    from activate_pack.layout.printing import PrintOptions

    if duplex is not None and print_mode is not PrintMode.home:
        raise usage("--duplex is for home printing: add --print home, or leave --duplex out",
                    command)
    if print_mode is PrintMode.home and size not in (None, Size.a6):
        raise usage("--print home is for the A6 cards (the facilitator pack is A4 already: "
                    "print it at 100%); use --size a6, or leave --size out", command)
    language(lang, command)
    ids = card_ids(cards, command)
    if ids and size not in (None, Size.a6):
        raise usage("--cards makes A6 cards only (the facilitator pack is printed whole); "
                    "use --size a6, or leave --size out", command)
    if size is None:
        size = Size.a6 if print_mode is PrintMode.home or ids else Size.all
    return Outputs(SIZES if size is Size.all else (size.value,),
                   PrintOptions(print_mode.value if print_mode else None,
                                duplex.value if duplex else "long", cmyk), ids, lang)


def given(size: Size | None, print_mode: PrintMode | None, duplex: Duplex | None, cmyk: bool,
          cards: str | None, lang: str | None) -> bool:
    """True when any output option was given on the command line."""
    return any(value not in (None, False) for value in (size, print_mode, duplex, cmyk, cards,
                                                         lang))
