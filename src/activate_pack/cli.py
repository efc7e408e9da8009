"""The command line: thin wrappers that parse options, call one function and report."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack import __version__
from activate_pack.errors import PackError

app = typer.Typer(
    name="activate-pack",
    help="Turn YAML card descriptions into print-ready PDF card packs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Size(str, Enum):
    a4 = "a4"
    a6 = "a6"
    all = "all"


class PrintMode(str, Enum):
    shop = "shop"
    home = "home"


class Duplex(str, Enum):
    long = "long"
    short = "short"
    fold = "fold"
    none = "none"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"activate-pack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = None,
) -> None:
    """Turn YAML card descriptions into print-ready PDF card packs."""


def fail(error: PackError) -> typer.Exit:
    """Print every problem of a PackError, and return the exit for code 1."""
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    count = len(error.problems)
    typer.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
    return typer.Exit(1)


def _usage(message: str) -> typer.Exit:
    """Print a problem with the options given, and return the exit for code 2 (usage)."""
    typer.echo(f"activate-pack build: {message}", err=True)
    typer.echo("Try 'activate-pack build --help' for the options.", err=True)
    return typer.Exit(2)


def _warn(problem: object) -> None:
    typer.echo(str(problem), err=True)


def _human(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


PackArg = Annotated[Optional[Path], typer.Argument(
    help="The pack folder (the one holding content/pack.yaml). Default: the current folder if it "
         "is a pack, otherwise the built-in Activate Pack.", show_default=False)]


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
) -> None:
    """Build the PDF card packs."""
    from activate_pack.build import SIZES, build as run_build
    from activate_pack.load import find_pack
    from activate_pack.printing import PrintOptions

    if duplex is not None and print_mode is not PrintMode.home:
        raise _usage("--duplex is for home printing: add --print home, or leave --duplex out")
    if print_mode is PrintMode.home and size not in (None, Size.a6):
        raise _usage("--print home is for the A6 cards (the facilitator pack is A4 already: "
                     "print it at 100%); use --size a6, or leave --size out")
    if size is None:
        size = Size.a6 if print_mode is PrintMode.home else Size.all
    sizes = SIZES if size is Size.all else (size.value,)
    options = PrintOptions(print_mode.value if print_mode else None,
                           duplex.value if duplex else "long", cmyk)
    try:
        pack_dir = find_pack(pack)
        with _progress() as progress:
            built = run_build(pack_dir, sizes, out, progress, warn=_warn, options=options)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        typer.echo("Stopped. Files written by earlier builds are unchanged.", err=True)
        raise typer.Exit(130) from None
    for item in built:
        typer.echo(f"wrote {item.path}  ({item.pages} pages, {_human(item.bytes)})")


class _progress:
    """Shows a progress bar on long builds when the output is a terminal."""

    THRESHOLD = 300  # pages; shorter builds finish before a bar would help

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        self._tasks: dict[str, int] = {}
        return self.update if sys.stderr.isatty() else None

    def update(self, size: str, done: int, total: int) -> None:
        if total < self.THRESHOLD:
            return
        if self._bar is None:
            from rich.progress import Progress

            self._bar = Progress(transient=True)
            self._bar.start()
        if size not in self._tasks:
            self._tasks[size] = self._bar.add_task(f"{size.upper()} pages", total=total)
        self._bar.update(self._tasks[size], completed=done)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


# check, schema, preview and watch live in their own module; importing it adds them to the app.
from activate_pack import cli_editing  # noqa: E402,F401
from activate_pack import cli_adapt  # noqa: E402,F401  (new: start a local adaptation)


def main() -> None:
    """Entry point of the ``activate-pack`` command."""
    app()


if __name__ == "__main__":
    main()
