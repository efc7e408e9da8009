"""Check a pack as a build would, writing nothing, and gather every problem from every stage."""

from __future__ import annotations

from pathlib import Path

from activate_pack.layout.editions import SIZES
from activate_pack.output.plan import Report, prepare


def check(pack_dir: Path, sizes: tuple[str, ...] = SIZES) -> Report:
    """Prepare every output of ``sizes`` as a build would, in every print mode, writing nothing."""
    return prepare(pack_dir, sizes=sizes).report
