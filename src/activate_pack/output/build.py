"""The build, stage by stage: load → layout → render → write. Nothing is written until all is checked."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from activate_pack.errors import Problem, Problems
from activate_pack.layout.boxes import Document
from activate_pack.layout.spec import LayoutSpec, layout_dirs, load_layout
from activate_pack.pack.paths import default_pack_dir
from activate_pack.pack.load import load_pack
from activate_pack.pack.model import Pack
from activate_pack.output.printing import Imposed, PrintOptions, plan as print_plan

SIZES = ("a6", "a4")
EDITIONS = {"a6": "community", "a4": "facilitator"}
"""Layout name → edition: the A6 community cards and the A4 facilitator pack."""


@dataclass(frozen=True)
class Built:
    """One file the build wrote."""

    path: Path
    pages: int
    bytes: int


def slug(text: str) -> str:
    """A file-name-safe slug: 'Activate Pack' → 'activate-pack'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "pack"


def output_name(pack: Pack, size: str, options: PrintOptions | None = None) -> str:
    """File name of an edition: '<pack-slug>-a6-community.pdf' ('…-shop.pdf' for --print shop)."""
    suffix = options.suffix() if options else ""
    return f"{slug(pack.info.title)}-{size}-{EDITIONS[size]}{suffix}.pdf"


Warn = Callable[[Problem], None]
"""Receives warnings (problems that do not stop a build), e.g. to print them."""


def layout_document(pack: Pack, size: str, spec: LayoutSpec, warn: Warn | None = None) -> Document:
    """Lay out one edition, raising PackError with every error found; warnings go to ``warn``."""
    from activate_pack.layout import pages

    problems = Problems()
    doc = pages.edition(pack, size, spec, problems)
    problems.raise_if_errors()
    if warn:
        for problem in problems.items:
            warn(problem)
    return doc


def render_document(pack: Pack, doc: Document, progress: Callable[[int], None] | None = None,
                    imposed: Imposed | None = None) -> bytes:
    """Render a laid-out document to PDF bytes (as imposed sheets or inks, if given)."""
    from activate_pack.render.pdf import render

    from activate_pack.compose.notices import creators as pack_creators

    creators = pack_creators(pack)  # original authors first, then adapters
    if imposed is not None:
        return imposed.render(creators, doc.author, pack.info.source_url, progress)
    return render(doc, creators, doc.author, pack.info.source_url, progress)


def _render_handing_over(creators: list[str], source_url: str, docs: dict[str, Document],
                         progress: Callable[[str, int, int], None] | None) -> dict[str, bytes]:
    """Render each document, letting go of its laid-out pages as they are drawn.

    Everything has been checked by now, so the layout is not needed after drawing; freeing it
    page by page keeps a 10,000-card build's memory down while ReportLab saves the file.
    """
    from activate_pack.layout.fit import clear_caches
    from activate_pack.render.pdf import render

    clear_caches()  # fitted text is kept for reuse while laying out; drawing does not need it
    rendered: dict[str, bytes] = {}
    for size in list(docs):
        doc = docs.pop(size)
        pages = list(doc.pages)  # the only holder of the pages from here on
        doc = replace(doc, pages=())
        total = len(pages)
        callback = (lambda done, s=size, t=total: progress(s, done, t)) if progress else None
        rendered[size] = render(doc, creators, doc.author, source_url, callback, pages)
    return rendered


def build(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path,
          progress: Callable[[str, int, int], None] | None = None,
          warn: Warn | None = None, options: PrintOptions | None = None) -> list[Built]:
    """Build the requested editions of the pack in ``pack_dir`` into ``out_dir``.

    ``options`` asks for a print-ready variant (``--print``, ``--duplex``, ``--cmyk``).
    """
    from activate_pack.output.write import write_all

    pack = load_pack(pack_dir)
    dirs = layout_dirs(pack_dir, default_pack_dir())
    specs = {size: load_layout(size, dirs) for size in sizes}
    plans = ({size: print_plan(specs[size], dirs, options) for size in sizes}
             if options and not options.plain else {})
    docs = {size: layout_document(pack, size, plans[size].faces if plans else specs[size], warn)
            for size in sizes}
    imposed = {size: plan.impose(pack, docs[size]) for size, plan in plans.items()}
    counts = {size: len(imposed[size]) if imposed else len(doc.pages) for size, doc in docs.items()}
    paths = {size: out_dir / output_name(pack, size, options) for size in sizes}
    rendered: dict[str, bytes] = {}
    if imposed:
        for size in sizes:
            callback = (lambda done, s=size, t=counts[size]: progress(s, done, t)) if progress else None
            rendered[size] = render_document(pack, docs[size], callback, imposed[size])
    else:
        from activate_pack.compose.notices import creators as pack_creators

        creators, source_url = pack_creators(pack), pack.info.source_url
        del pack  # the cards are laid out: let the model go too before the big save
        rendered = _render_handing_over(creators, source_url, docs, progress)
    write_all([(paths[size], data) for size, data in rendered.items()])
    return [Built(paths[size], counts[size], len(data)) for size, data in rendered.items()]
