"""The ``new`` command: start a local adaptation of a pack.

Importing this module adds the command to the ``activate-pack`` app (``cli.py`` does so). The
work happens in :mod:`activate_pack.output.newpack`, which raises PackError for every user mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from activate_pack.cli.app import app, fail, stopped, usage
from activate_pack.errors import PackError


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(
        help="The folder to create for your version of the pack. It must not exist yet, or be "
             "empty.", show_default=False)],
    base: Annotated[Optional[Path], typer.Option(
        "--from", help="The pack to adapt (a folder holding content/pack.yaml); it is copied "
                       "into the new folder. Default: the built-in Activate Pack.",
        show_default=False)] = None,
    locality: Annotated[Optional[str], typer.Option(
        "--locality", help="The place your version is for, e.g. 'Reading' (needed). Card "
                           "text can use it as {{ locality }}.", show_default=False)] = None,
    organisation: Annotated[Optional[str], typer.Option(
        "--organisation", help="Your group or organisation, credited as the adapter.",
        show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option(
        "--title", help="The title of your version. Default: the original's title and your "
                        "place.", show_default=False)] = None,
    source_url: Annotated[Optional[str], typer.Option(
        "--source-url", help="Where people will get your version. Default: the original's "
                             "address, until you publish yours.", show_default=False)] = None,
) -> None:
    """Start your own version of a pack, for your area, that keeps the credit to the original."""
    from activate_pack.output.newpack import new_pack

    from activate_pack.output.write import terminate_as_interrupt

    if not (locality or "").strip():
        raise usage("say which place your version is for, e.g. --locality Reading (card "
                    "text can use it as {{ locality }})", "new")

    try:
        with terminate_as_interrupt():
            created = new_pack(folder, base, locality, organisation, title, source_url)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt as interrupt:  # the half-made folder is already removed
        raise stopped(interrupt, "Stopped. The new folder was not made; run the command "
                                 "again.") from None
    typer.echo(f"created {created.root}")
    for path in created.files:
        typer.echo(f"  {path.relative_to(created.root).as_posix()}")
    typer.echo(f"Next: read {created.root / 'README.md'}, edit content/pack.yaml, then run "
               f"'activate-pack build' in {created.root}.")


@app.command()
def upgrade(
    folder: Annotated[Optional[Path], typer.Argument(
        help="The pack folder that 'activate-pack new' made. Default: the current folder.",
        show_default=False)] = None,
) -> None:
    """Build your pack on GitHub with this activate-pack: rewrite its version and lock file."""
    from activate_pack.output.pins import upgrade as rewrite

    try:
        done = rewrite(folder or Path.cwd())
    except PackError as error:
        raise fail(error) from None
    typer.echo(f"activate-pack {done.before} -> {done.after}")
    for path in done.files:
        typer.echo(f"  {path}")
    typer.echo("Commit both files; the next push builds with this release.")
