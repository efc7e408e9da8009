"""Check a pack as a build would, writing nothing, and gather every problem from every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from activate_pack.errors import Problem
from activate_pack.layout.editions import SIZES
from activate_pack.output.plan import prepare


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found, in file and line order."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def failed(self, strict: bool = False) -> bool:
        """True if the pack would not build (or, with ``strict``, has any warning)."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """The count line printed after the problems."""
        if not self.problems:
            return "No problems found."
        e, w = len(self.errors), len(self.warnings)
        return (f"{e} error{'s' if e != 1 else ''} and {w} warning{'s' if w != 1 else ''} found.")


def check(pack_dir: Path, sizes: tuple[str, ...] = SIZES) -> Report:
    """Prepare every output of ``sizes`` as a build would, in every print mode, writing nothing."""
    return Report(tuple(prepare(pack_dir, sizes=sizes).problems))
