"""Check a pack as a build would, writing nothing, and gather every problem from every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from activate_pack.layout import contrast
from activate_pack.errors import PackError, Problem, Problems
from activate_pack.layout.spec import LayoutSpec, layout_dirs, load_layout
from activate_pack.pack.paths import default_pack_dir
from activate_pack.pack.load import load_pack
from activate_pack.pack.model import Pack

EDITION_NAMES = {"a6": "A6 cards", "a4": "A4 pack"}
"""How a problem found in only one edition says where it was found."""


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


def check(pack_dir: Path, sizes: tuple[str, ...] = ("a6", "a4")) -> Report:
    """Load the pack and lay out every edition without rendering, collecting every problem."""
    problems = Problems()
    pack: Pack | None = None
    try:
        pack = load_pack(pack_dir)
    except PackError as exc:
        problems.extend(exc.problems)
    dirs = layout_dirs(pack_dir, default_pack_dir())
    specs: dict[str, LayoutSpec] = {}
    for size in sizes:
        try:
            specs[size] = load_layout(size, dirs)
        except PackError as exc:
            problems.extend(exc.problems)
    for spec in specs.values():
        contrast.check(spec, dirs, problems)
    if pack is not None:
        alt_text(pack, problems)
        placeholders(pack_dir, problems)
        per_edition = {size: layout_problems(pack, size, spec) for size, spec in specs.items()}
        problems.extend(merge_editions(per_edition))
    return Report(tuple(_ordered(problems.items)))


def layout_problems(pack: Pack, size: str, spec: LayoutSpec) -> list[Problem]:
    """Lay out one edition and return its problems (text that does not fit, missing glyphs…)."""
    from activate_pack.layout import pages

    found = Problems()
    try:
        pages.edition(pack, size, spec, found)
    except PackError as exc:  # something the layout lacks stops this edition: say what
        found.extend(exc.problems)
    return found.items


def merge_editions(per_edition: dict[str, list[Problem]]) -> list[Problem]:
    """Problems found in every edition once; the rest marked with the edition they are in."""
    keys = {size: {_key(p) for p in items} for size, items in per_edition.items()}
    shared = set.intersection(*keys.values()) if keys else set()
    merged: list[Problem] = []
    for size, items in per_edition.items():
        for problem in items:
            if _key(problem) in shared:
                if problem not in merged:
                    merged.append(problem)
                continue
            edition = EDITION_NAMES.get(size, size)
            merged.append(Problem(f"{edition}: {problem.message}", problem.path, problem.line,
                                  problem.column, problem.card, problem.severity))
    return merged


def alt_text(pack: Pack, problems: Problems) -> None:
    """Warn about pictures (and a logo) without a description for people who cannot see them."""
    for card in pack.cards:
        if card.image is not None and not (card.image.alt or "").strip():
            where = pack.locations.get(card.id)
            problems.add("image.alt: this picture has no description; add 'alt:' with a few "
                         "words saying what it shows, for people who cannot see it",
                         where.path if where else None, where.line if where else None,
                         card=card.id, severity="warning")
    logo = pack.logo
    if logo is not None and not (logo.image.alt or "").strip():
        problems.add("logo.alt: the logo has no description; add 'alt:' saying whose logo it "
                     "is, for people who cannot see it", logo.location.path,
                     logo.location.line, severity="warning")


def placeholders(pack_dir: Path, problems: Problems) -> None:
    """Warn about the stand-in group name that ``new`` writes when no organisation is given."""
    from activate_pack.pack.paths import PACK_FILE
    from activate_pack.output.newpack import PLACEHOLDER

    text = (pack_dir / PACK_FILE).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        if PLACEHOLDER in line and not line.lstrip().startswith("#"):
            problems.add(f"'{PLACEHOLDER}' is still here: put the name of your group or "
                         "organisation instead, so the credits name you", PACK_FILE, number,
                         severity="warning")


def _key(problem: Problem) -> tuple[object, ...]:
    return (problem.message, problem.path, problem.line, problem.column, problem.card,
            problem.severity)


def _ordered(items: list[Problem]) -> list[Problem]:
    """Without repeats, sorted by file and line so an editor can step through them."""
    unique: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    for item in items:
        if _key(item) not in seen:
            seen.add(_key(item))
            unique.append(item)
    return sorted(unique, key=lambda p: (p.path or "", p.line or 0, p.column or 0))
