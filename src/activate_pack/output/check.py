"""Check a pack as a build would, writing nothing, and gather every problem from every stage."""

from __future__ import annotations

from pathlib import Path

from activate_pack.layout.editions import SIZES
from activate_pack.output.build import planned
from activate_pack.output.plan import Report, prepare
from activate_pack.layout.printing import PrintOptions


def check(pack_dir: Path, sizes: tuple[str, ...] = SIZES, language: str = "all") -> Report:
    """Prepare every output of ``sizes`` as a build would, in every print mode, writing nothing.

    ``language`` 'all' checks the pack's own language and every translation, each
    translation's state in one line; a language tag checks that translation, every gap listed.
    """
    return prepare(pack_dir, sizes=sizes, languages=language).report


def check_outputs(pack_dir: Path, sizes: tuple[str, ...], options: PrintOptions,
                  cards: list[str] | None = None, language: str | None = None) -> Report:
    """Check exactly the outputs ``build`` with the same options would write, writing nothing:
    the same problems, so the same verdict."""
    return planned(pack_dir, sizes, options=options, cards=cards, languages=language).report
