"""The ``site`` command: every PDF, preview pictures and a download page, ready to publish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from activate_pack.cli.app import (JobsOption, PackArg, _human, _warn, app, fail, locate,
                                   stopped)
from activate_pack.errors import PackError


@app.command()
def site(
    pack: PackArg = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the site into: index.html, the PDFs, preview "
                            "pictures, the stylesheet and fonts.")] = Path("dist/site"),
    jobs: JobsOption = None,
) -> None:
    """Build a download page with every PDF, ready to publish.

    Writes the A6 cards (for the screen, a home printer and a print shop), the A4 facilitator
    pack, preview pictures and an index.html that lists them with their sizes, page counts and
    checksums. Open index.html in a browser, or put the folder on any web host.
    """
    import time

    from activate_pack.output.site import site as run_site
    from activate_pack.output.write import terminate_as_interrupt

    started = time.perf_counter()
    try:
        pack_dir = locate(pack)
        with terminate_as_interrupt():
            made = run_site(pack_dir, out, warn=_warn, jobs=jobs)
    except PackError as error:
        raise fail(error) from None
    except KeyboardInterrupt as interrupt:  # Ctrl+C, or SIGTERM: temporary files are gone
        raise stopped(interrupt, "runs") from None
    for pdf in made.pdfs:
        typer.echo(f"wrote {out / pdf.path}  ({pdf.pages} pages, {_human(pdf.size)})")
    for page in made.pages:
        typer.echo(f"wrote {page}")
    typer.echo(f"{len(made.files)} files in {out}, in {time.perf_counter() - started:.1f} s; "
               f"open {made.pages[0]} in a browser to see the page.")
