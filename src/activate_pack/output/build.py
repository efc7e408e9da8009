"""``build``: prepare every output, stop on any error, then render and write them all at once."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from activate_pack.errors import PackError, Problem
from activate_pack.layout.editions import SIZES
from activate_pack.output.plan import Output, Prepared, languages_wanted, prepare, variants
from activate_pack.layout.printing import PrintOptions

__all__ = ["SIZES", "Built", "Warn", "build", "planned"]

Warn = Callable[[Problem], None]
"""Receives warnings (problems that do not stop a build), e.g. to print them."""


@dataclass(frozen=True)
class Built:
    """One file the build wrote."""

    path: Path
    pages: int
    bytes: int


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cycle collector out of layout and drawing.

    Both make millions of small objects and no reference cycles to speak of; the collector's
    repeated passes over them cost a fifth of a 10,000-card build. What was loaded is frozen
    out of its view, and it runs again as soon as the build is done.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def planned(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path = Path("dist"),
            options: PrintOptions | None = None, cards: list[str] | None = None,
            languages: str | None = None) -> Prepared:
    """The outputs a build with these options writes, laid out, and every problem with them:
    what ``build`` renders, and what ``check`` with the same options reports."""
    wanted = variants(sizes, options, languages_wanted(pack_dir, languages))
    return prepare(pack_dir, wanted, out_dir, cards=cards, detail=languages not in (None, "all"))


def build(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path,
          progress: Callable[[str, int, int], None] | None = None,
          warn: Warn | None = None, options: PrintOptions | None = None,
          cards: list[str] | None = None, languages: str | None = None,
          strict: bool = False, jobs: int | None = None) -> list[Built]:
    """Build the requested editions of the pack in ``pack_dir`` into ``out_dir``.

    ``options`` asks for a print-ready variant (``--print``, ``--duplex``, ``--cmyk``); ``cards``
    for some cards only; ``languages`` for a translation (``--lang``: a tag, or 'all'). Every
    problem ``check`` would report for these outputs stops the build (and, with ``strict``,
    every warning); warnings go to ``warn``. Outputs are rendered in up to ``jobs`` worker
    processes (default: one per processor available); the files are the same whatever it is.
    """
    from activate_pack.compose.notices import creators as pack_creators
    from activate_pack.layout.fit import clear_caches
    from activate_pack.output import workers
    from activate_pack.output.write import Staging

    with _collector_paused():
        prepared = planned(pack_dir, sizes, out_dir, options, cards, languages)
        if prepared.report.failed(strict):
            raise PackError(prepared.report.errors or  # --strict: warnings stop it too
                            [replace(p, severity="error") for p in prepared.report.warnings])
        if warn is not None:
            for problem in (*prepared.report.warnings, *prepared.report.notes):
                warn(problem)
        assert prepared.pack is not None  # no errors, so the pack loaded
        creators = {lang: pack_creators(p) for lang, p in prepared.packs.items()}
        source_url = prepared.pack.info.source_url
        outputs: list[Output | None] = list(prepared.outputs)
        prepared.outputs, prepared.pack, prepared.packs = [], None, {}
        clear_caches()  # fitted text is kept for reuse while laying out; drawing needs none
        jobs = min(jobs or workers.available(), len(outputs))
        targets = [o.path for o in outputs if o is not None]
        counts = [len(o.imposed) for o in outputs if o is not None]
        sizes_of = [o.variant.edition.size for o in outputs if o is not None]
        with Staging(targets) as staging:
            def render(index: int) -> tuple[str, int]:
                """Render output ``index`` into its temporary file; its name and size."""
                output = outputs[index]
                assert output is not None
                outputs[index] = None  # let go once drawn: a large pack's memory stays down
                size, count = sizes_of[index], counts[index]
                callback = (lambda done: progress(size, done, count)) \
                    if progress and jobs == 1 else None
                return _render_to_file(output, creators[output.variant.language], source_url,
                                       staging.owner, jobs == 1, callback)

            def finished(index: int, result: tuple[str, int]) -> None:
                if progress and jobs > 1:
                    progress(sizes_of[index], counts[index], counts[index])

            results = workers.run(range(len(targets)), render, jobs, finished)
            for path, (tmp, _) in zip(targets, results):
                staging.add(path, tmp)
            staging.commit()
    return [Built(path, count, size) for path, count, (_, size) in zip(targets, counts, results)]


def _render_to_file(output: Output, creators: list[str], source_url: str, owner: int,
                    hold: bool, progress: Callable[[int], None] | None) -> tuple[str, int]:
    """Render one output and write it to a temporary file beside its target: (name, bytes)."""
    from activate_pack.output.write import stage
    from activate_pack.render.sheets import render_imposed

    data = render_imposed(output.imposed, creators, source_url, progress)
    return stage(output.path, lambda handle: handle.write(data), owner, hold), len(data)
