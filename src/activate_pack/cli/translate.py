"""The ``translate`` commands: PO files for translators, out of a pack and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import PackArg, app, fail, locate, usage
from activate_pack.errors import PackError

translate_app = typer.Typer(help="Translate a pack with gettext PO files (Weblate, Poedit …).",
                            no_args_is_help=True)
app.add_typer(translate_app, name="translate")

LangOption = Annotated[str, typer.Option(
    "--lang", help="The language, as a tag such as 'pl', 'ur' or 'pa-Guru'.", show_default=False)]


@translate_app.command("export")
def export(
    lang: LangOption,
    pack: PackArg = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The PO file to write. Default: <lang>.po in this folder.",
        show_default=False)] = None,
) -> None:
    """Write every string of the pack to a PO file, with any translation the pack has."""
    from activate_pack.output.translate import export as run_export

    from activate_pack.pack.translations import tag_problem

    wrong = tag_problem(lang)
    if wrong:
        raise usage(f"--lang: {wrong}", "translate export")
    target = out or Path(f"{lang}.po")
    try:
        count = run_export(locate(pack), lang, target)
    except PackError as error:
        raise fail(error) from None
    typer.echo(f"wrote {target}  ({count} strings)")


@translate_app.command("import")
def import_(
    po_file: Annotated[Path, typer.Argument(help="The PO file to read.", show_default=False)],
    pack: PackArg = None,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="The language. Default: the PO file's 'Language:' header.",
        show_default=False)] = None,
) -> None:
    """Read a translated PO file into the pack's content/translations/<lang>.yaml."""
    from activate_pack.output.translate import import_po

    try:
        pack_dir = locate(pack)
        target, changed = import_po(pack_dir, po_file, lang)
    except PackError as error:
        raise fail(error) from None
    shown = target.relative_to(pack_dir).as_posix()
    typer.echo(f"wrote {shown}" if changed else f"{shown} is unchanged")
