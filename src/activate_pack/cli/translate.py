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
    "--lang", help="The language, as a tag such as 'pl', 'ur' or 'pa-Guru' (gettext's 'pa_IN' "
    "or 'ur_PK' work too).", show_default=False)]


def _language(lang: str, pack_dir: Path, command: str) -> str:
    """--lang as the pack names its translations: 'ur_PK' → 'ur', 'pa' → 'pa-Guru'."""
    from activate_pack.output.po_read import normalise_tag
    from activate_pack.pack.loading.translations import languages, tag_problem

    tag = normalise_tag(lang, languages(pack_dir))
    if tag is None:
        raise usage(f"--lang: {tag_problem(lang) or 'not a language tag'}", command)
    return tag


@translate_app.command("export")
def export(
    lang: LangOption,
    pack: PackArg = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The PO file to write. Default: <lang>.po in this folder. If it "
        "is there already, its English is kept as the earlier English (#| msgid) of "
        "translations that are out of date.", show_default=False)] = None,
    previews: Annotated[Optional[Path], typer.Option(
        "--previews", help="Also write a PNG of each A6 card face in this language (as "
        "translated so far) into this folder, for translation platforms that show "
        "screenshots.", show_default=False)] = None,
) -> None:
    """Write every string of the pack to a PO file, with any translation the pack has."""
    from activate_pack.output.translate import export as run_export

    try:
        pack_dir = locate(pack)
        language = _language(lang, pack_dir, "translate export")
        target = out or Path(f"{language}.po")
        count = run_export(pack_dir, language, target)
        typer.echo(f"wrote {target}  ({count} strings)")
        if previews is not None:
            from activate_pack.output.preview import preview
            from activate_pack.pack.loading.translations import languages

            done = preview(pack_dir, ("a6",), previews, language=language
                           if language in languages(pack_dir) else None)
            typer.echo(f"wrote {done.faces} card faces into {previews / 'a6'}")
    except PackError as error:
        raise fail(error) from None


@translate_app.command("import")
def import_(
    po_file: Annotated[Path, typer.Argument(help="The PO file to read.", show_default=False)],
    pack: PackArg = None,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="The language. Default: the PO file's 'Language:' header (the two "
        "must agree).", show_default=False)] = None,
) -> None:
    """Merge a translated PO file into the pack's content/translations/<lang>.yaml: only the
    entries it holds change, fuzzy ones wait for review, and a broken file changes nothing."""
    from activate_pack.output.po_import import import_po

    try:
        pack_dir = locate(pack)
        language = _language(lang, pack_dir, "translate import") if lang else None
        done = import_po(pack_dir, po_file, language)
    except PackError as error:
        raise fail(error) from None
    for note in done.notes:
        typer.echo(note)
    shown = done.path.relative_to(pack_dir).as_posix()
    typer.echo(f"wrote {shown}" if done.changed else f"{shown} is unchanged")
    if done.fuzzy:
        many = done.fuzzy != 1
        typer.echo(f"{done.fuzzy} fuzzy {'entries wait' if many else 'entry waits'} for "
                   f"review, not applied: the earlier translation stays until a reviewer "
                   "removes the fuzzy mark")


@translate_app.command("stamp")
def stamp(
    pack: PackArg = None,
    lang: Annotated[str, typer.Option(
        "--lang", help="The language, or 'all' for every translation the pack has.",
        show_default=False)] = "all",
) -> None:
    """Record which English each translation was made from (the English as it is now), for
    translations that have no record yet; later changes to the English are then reported."""
    from activate_pack.output.po_import import stamp as run_stamp
    from activate_pack.pack.loading.translations import own_languages

    try:
        pack_dir = locate(pack)
        wanted = own_languages(pack_dir) if lang == "all" else \
            [_language(lang, pack_dir, "translate stamp")]
        for language in wanted:
            path, count = run_stamp(pack_dir, language)
            typer.echo(f"{path.relative_to(pack_dir).as_posix()}: recorded the English of "
                       f"{count} translations" if path else f"{language}: nothing to record")
    except PackError as error:
        raise fail(error) from None
