"""Check a pack as a build would, writing nothing, and gather every problem from every stage."""

from __future__ import annotations

from pathlib import Path

from activate_pack.layout.editions import SIZES
from activate_pack.output.plan import Report, prepare


def check(pack_dir: Path, sizes: tuple[str, ...] = SIZES, language: str = "all") -> Report:
    """Prepare every output of ``sizes`` as a build would, in every print mode, writing nothing.

    ``language`` 'all' checks the pack's own language and every translation, each
    translation's state in one line; a language tag checks that translation, every gap listed.
    """
    return prepare(pack_dir, sizes=sizes, languages=language).report
