"""``build``: prepare every output, stop on any error, then render and write them all at once."""

from __future__ import annotations

import gc
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from activate_pack.errors import PackError, Problem
from activate_pack.layout.editions import SIZES
from activate_pack.output.plan import Later, Output, Prepared, Report, prepare
from activate_pack.output.variants import languages_wanted, variants
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
            languages: str | None = None, later: bool = False) -> Prepared:
    """The outputs a build with these options writes, laid out (or, with ``later``, ready to
    be), and every problem with them: what ``build`` renders, and what ``check`` with the same
    options reports."""
    wanted = variants(sizes, options, languages_wanted(pack_dir, languages))
    return prepare(pack_dir, wanted, out_dir, cards=cards, detail=languages not in (None, "all"),
                   later=later)


Made = tuple[list[Problem], "tuple[str, int, int] | None"]
"""What a worker made of one output: the problems laying it out met, and its temporary file,
size and page count (None when it was not drawn)."""


def build(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path,
          progress: Callable[[str, int, int], None] | None = None,
          warn: Warn | None = None, options: PrintOptions | None = None,
          cards: list[str] | None = None, languages: str | None = None,
          strict: bool = False, jobs: int | None = None) -> list[Built]:
    """Build the requested editions of the pack in ``pack_dir`` into ``out_dir``.

    ``options`` asks for a print-ready variant (``--print``, ``--duplex``, ``--cmyk``); ``cards``
    for some cards only; ``languages`` for a translation (``--lang``: a tag, or 'all'). Every
    problem ``check`` would report for these outputs stops the build (and, with ``strict``,
    every warning); warnings go to ``warn``. Each output is laid out and rendered in one of up
    to ``jobs`` worker processes (default: one per processor available), side by side; the
    files are the same whatever it is, and none is written unless every one can be.
    """
    existed = out_dir.exists()
    try:
        with _collector_paused():
            return _built(pack_dir, sizes, out_dir, progress, warn, options, cards, languages,
                          strict, jobs)
    except BaseException:
        if not existed:  # nothing was written: not even the folder that would have held it
            with suppress(OSError):
                out_dir.rmdir()
        raise


def _built(pack_dir: Path, sizes: tuple[str, ...], out_dir: Path,
           progress: Callable[[str, int, int], None] | None, warn: Warn | None,
           options: PrintOptions | None, cards: list[str] | None, languages: str | None,
           strict: bool, jobs: int | None) -> list[Built]:
    """``build``'s work: each output laid out and drawn in a worker, then all committed."""
    from activate_pack.layout.fit import clear_caches
    from activate_pack.output import workers
    from activate_pack.output.write import Staging

    prepared = planned(pack_dir, sizes, out_dir, options, cards, languages, later=True)
    _stop_if_failed(prepared.report, strict)  # the pack or a layout could not be read
    later = prepared.later
    assert later is not None and prepared.pack is not None  # no errors: the pack loaded
    source_url = prepared.pack.info.source_url
    prepared.pack, prepared.packs = None, {}
    targets = [path for _, _, path in later.jobs]
    jobs = min(jobs or workers.available(), len(targets)) or 1
    with Staging(targets) as staging:
        drawing = _Drawing(later, source_url, progress, jobs, staging.owner)
        made = workers.run(range(len(targets)), drawing.make, jobs, drawing.finished)
        clear_caches()  # fitted text is kept for reuse while laying out (see _Drawing.make)
        for path, (_, file) in zip(targets, made):
            if file is not None:
                staging.add(path, file[0])
        report = later.report({variant: problems for (variant, _, _), (problems, _)
                               in zip(later.jobs, made)})
        _stop_if_failed(report, strict)  # nothing is committed: the files staged go
        if warn is not None:
            for problem in (*report.warnings, *report.notes):
                warn(problem)
        staging.commit()
    return [Built(path, file[2], file[1]) for path, (_, file) in zip(targets, made)
            if file is not None]


def _stop_if_failed(report: Report, strict: bool) -> None:
    """Raise every error of ``report`` (with ``strict``, every warning too, as errors)."""
    if report.failed(strict):
        raise PackError(report.errors or  # --strict: warnings stop it too
                        [replace(p, severity="error") for p in report.warnings])


@dataclass
class _Drawing:
    """Lays out and renders one output of a build at a time, in whichever process runs it."""

    later: Later
    source_url: str
    progress: Callable[[str, int, int], None] | None
    jobs: int
    """How many processes draw: with one, this process reports each page as it is drawn."""
    owner: int
    """The process that stages the files (write.Staging)."""
    creators: dict[str | None, list[str]] = field(default_factory=dict)

    def make(self, index: int) -> Made:
        """Output ``index`` laid out, then drawn into a temporary file unless its layout found
        an error (the build stops then, and drawing would be wasted)."""
        output, problems = self.later.output(index)
        if output is None or any(p.severity == "error" for p in problems):
            return problems, None
        creators = self._creators(output)
        if self.jobs > 1 or index == len(self.later.jobs) - 1:
            # Nothing more is laid out in this process: the text kept for reuse while laying
            # out is let go before drawing, which a large pack's memory needs; so is the pack,
            # unless this is a worker, whose pack is its first process's (freeing a forked
            # copy would only copy its pages).
            from activate_pack.layout.fit import clear_caches

            clear_caches()
            if self.jobs == 1:
                self.later.laid.packs.clear()
        count, size, told = len(output.imposed), output.variant.edition.size, self.progress
        callback = (lambda done: told(size, done, count)) \
            if told is not None and self.jobs == 1 else None
        tmp, length = _render_to_file(output, creators, self.source_url, self.owner,
                                      self.jobs == 1, callback)
        return problems, (tmp, length, count)

    def _creators(self, output: Output) -> list[str]:
        from activate_pack.compose.notices import creators

        lang = output.variant.language
        if lang not in self.creators:
            self.creators[lang] = creators(self.later.laid.packs[lang])
        return self.creators[lang]

    def finished(self, index: int, made: Made) -> None:
        """Says a worker's output is done, when workers draw (one process reports per page)."""
        _, file = made
        if self.progress and self.jobs > 1 and file is not None:
            size = self.later.jobs[index][0].edition.size
            self.progress(size, file[2], file[2])


def _render_to_file(output: Output, creators: list[str], source_url: str, owner: int,
                    hold: bool, progress: Callable[[int], None] | None) -> tuple[str, int]:
    """Render one output and write it to a temporary file beside its target: (name, bytes)."""
    from activate_pack.output.write import stage
    from activate_pack.render.sheets import render_imposed

    data = render_imposed(output.imposed, creators, source_url, progress)
    return stage(output.path, lambda handle: handle.write(data), owner, hold), len(data)
