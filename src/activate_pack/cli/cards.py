"""Commands for people adapting a pack: ``cards``, ``copy`` and ``diff``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import PackArg, app, fail, locate
from activate_pack.errors import PackError, json_visible, visible


@app.command()
def cards(
    pack: PackArg = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", "-k", help="Only cards of this kind: one the pack declares (see "
                             "content/kinds.yaml), or 'about'.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the list as JSON, for other programs.")] = False,
) -> None:
    """List every card: its id, kind, title and where it comes from.

    In your own version of a pack, each card is 'original' (from the pack you adapted,
    unchanged), 'changed' or 'added'.
    """
    from activate_pack.output.adaptation import rows
    from activate_pack.pack.loading.load import load_pack

    try:
        loaded = load_pack(locate(pack))
    except PackError as error:
        raise fail(error) from None
    known = [*loaded.kinds, "about"]
    if kind is not None and kind not in known:
        raise typer.BadParameter(f"'{kind}' is not a kind of card of this pack; choose one of: "
                                 f"{', '.join(known)}", param_hint="'--kind'")
    listed = rows(loaded, kind)
    if as_json:
        typer.echo(json_visible(json.dumps([row.as_dict() for row in listed], ensure_ascii=False,
                                           indent=2)))
        return
    width = max((len(row.id) for row in listed), default=2)
    for row in listed:
        typer.echo(f"{row.id:<{width}}  {row.kind:<10}  {row.origin:<9}  {visible(row.title)}")
    counts: dict[str, int] = {}
    for row in listed:
        counts[row.origin] = counts.get(row.origin, 0) + 1
    summary = ", ".join(f"{n} {origin}" for origin, n in counts.items())
    typer.echo(f"{len(listed)} cards" + (f": {summary}" if summary else ""))


@app.command()
def copy(
    ids: Annotated[list[str], typer.Argument(
        help="The ids of the original cards to copy (see 'activate-pack cards').",
        show_default=False)],
    pack: Annotated[Optional[Path], typer.Option(
        "--pack", "-p", help="Your version of the pack. Default: the current folder.",
        show_default=False)] = None,
) -> None:
    """Copy original cards into your version of the pack, ready to edit.

    Each card is written to the same file name as in the original, so your copy replaces the
    original card when you build.
    """
    from activate_pack.output.adaptation import copy_cards
    from activate_pack.pack.loading.load import load_pack

    try:
        pack_dir = locate(pack)
        written = copy_cards(pack_dir, load_pack(pack_dir), ids)
    except PackError as error:
        raise fail(error) from None
    for path in written:
        typer.echo(f"wrote {visible(path.relative_to(pack_dir).as_posix())}")
    typer.echo("Edit the copies, keeping each card's 'id:' line; then run 'activate-pack build'.")


@app.command()
def diff(pack: PackArg = None) -> None:
    """Say what your version changes compared with the pack it adapts.

    These are the words the build prints on the 'about this pack' card, in the colophon and in
    the PDF's details.
    """
    from activate_pack.compose import notices
    from activate_pack.pack.loading.load import load_pack

    try:
        loaded = load_pack(locate(pack))
    except PackError as error:
        raise fail(error) from None
    if not loaded.upstream:
        typer.echo("This pack is not an adaptation of another pack, so it has no changes to "
                   "report.")
        return
    for sentence in notices.credit_sentences(loaded):
        typer.echo(visible(sentence))
    lines = notices.change_lines(loaded)
    typer.echo(f"{visible(loaded.labels.adaptation.changes)}:" if lines else "No changes yet.")
    for line in lines:
        typer.echo(f"  {visible(line)}")
