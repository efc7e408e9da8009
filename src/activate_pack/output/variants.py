"""The outputs of a build as people name them, and one message per cause across them.

An output is a ``Variant``: an edition (A6 cards or the A4 pack), printed one way, in one
language. ``merge_variants`` turns the problems each output met into one message per cause,
naming every output it is in ('A6 cards and A4 pack (--lang ar, --lang ur)').
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from activate_pack.errors import Problem
from activate_pack.layout.editions import EDITIONS, SIZES, Edition
from activate_pack.layout.printing import PrintOptions
from activate_pack.layout.spec import LayoutSpec


@dataclass(frozen=True)
class Variant:
    """One output: an edition, printed one way, in one language (None: the pack's own)."""

    edition: Edition
    options: PrintOptions = PrintOptions()
    language: str | None = None

    @property
    def shown(self) -> str:
        """Where a problem found only in this output was found: 'A6 cards (--print home)'."""
        mode = f" (--print {self.options.mode})" if self.options.mode else ""
        lang = f" (--lang {self.language})" if self.language else ""
        return self.edition.shown + mode + lang


def variants(sizes: tuple[str, ...] = SIZES, options: PrintOptions | None = None,
             languages: list[str | None] | None = None) -> list[Variant]:
    """The outputs of one build: each of ``sizes`` printed as ``options`` say, per language."""
    return [Variant(EDITIONS[size], options or PrintOptions(), language)
            for language in (languages or [None]) for size in sizes]


def every_variant(sizes: tuple[str, ...], specs: dict[str, LayoutSpec],
                  languages: list[str | None] | None = None) -> list[Variant]:
    """Each edition plain and in every print mode its layout offers, in every language:
    what ``check`` checks. ``specs`` are the loaded layouts, by size; one missing (it could
    not be loaded, and was reported) gives the plain edition only."""
    found = []
    for size in sizes:
        edition = EDITIONS[size]
        modes = specs[size].printing if size in specs else {}
        found += [Variant(edition), *(Variant(edition, PrintOptions(mode)) for mode in modes)]
    return [replace(v, language=lang) for lang in (languages or [None]) for v in found]


def languages_wanted(pack_dir: Path, wanted: str | None) -> list[str | None]:
    """The languages ``--lang`` asks for: None is the pack's own, 'all' every one it has."""
    from activate_pack.pack.loading.translations import languages

    if wanted is None:
        return [None]
    if wanted == "all":
        return [None, *languages(pack_dir)]
    return [wanted]


def outputs_named(wanted: list[Variant], own: str | None) -> tuple[str, ...]:
    """Each edition with the ways it is printed and its languages (``own``: the pack's)."""
    from activate_pack.pack.loading.translations import language_name

    named = []
    for edition in dict.fromkeys(v.edition for v in wanted):
        mine = [v for v in wanted if v.edition == edition]
        modes = ["as it is" if v.options.mode is None else f"--print {v.options.mode}"
                 for v in dict.fromkeys(replace(v, language=None) for v in mine)]
        langs = [language_name(v.language or own or "en")
                 for v in dict.fromkeys(replace(v, options=PrintOptions()) for v in mine)]
        named.append(f"{edition.shown} ({', '.join(modes)}; {', '.join(langs)})")
    return tuple(named)


def merge_variants(found: dict[Variant, list[Problem]]) -> list[Problem]:
    """Problems met in every output once; the rest prefixed with the output they are in.

    A print variant adds only what its plain edition does not already report at the same
    place: one mistake (a card text too long, a logo too small) gives one message, in the
    words of the edition people read, not one per way of printing it.
    """
    # The plain edition of each variant is that of its own language: another language's
    # problems are not this one's.
    plain = {(v.edition, v.language): items for v, items in found.items()
             if v.options == PrintOptions()}
    places = {key: {_place(p) for p in items} for key, items in plain.items()}
    found = {v: [p for p in items if (v.edition, v.language) not in plain
                 or v.options == PrintOptions() or _place(p) not in places[v.edition, v.language]]
             for v, items in found.items()}
    # A problem is everyone's when every output has it, itself or through its plain edition.
    keys = {v: {_key(p) for p in items + plain.get((v.edition, v.language), [])}
            for v, items in found.items()}
    shared = set.intersection(*keys.values()) if keys else set()
    merged: list[Problem] = []
    where: dict[tuple[object, ...], tuple[Problem, list[Variant]]] = {}
    for variant, items in found.items():
        for problem in items:
            if _key(problem) in shared:
                merged.append(problem)
            elif variant not in where.setdefault(_key(problem), (problem, []))[1]:
                where[_key(problem)][1].append(variant)
    # One message for one cause, naming every output it is in.
    for problem, variants in where.values():
        merged.append(Problem(f"{_outputs(variants)}: {problem.message}", problem.path,
                              problem.line, problem.column, problem.card, problem.severity))
    return merged


def _outputs(variants: list[Variant]) -> str:
    """The outputs a problem is in, said shortly: 'A6 cards and A4 pack (--lang ar, --lang ur)'
    when it is in every way of printing each of them in those languages, else each named."""
    editions = list(dict.fromkeys(v.edition for v in variants))
    langs = list(dict.fromkeys(v.language for v in variants))
    modes = list(dict.fromkeys(v.options.mode for v in variants))
    if len(variants) == 1 or len(variants) != len(editions) * len(langs) * len(modes):
        return "; ".join(v.shown for v in variants)
    mode = " (" + ", ".join(f"--print {m}" for m in modes) + ")" if any(modes) else ""
    lang = " (" + ", ".join(f"--lang {lang}" for lang in langs) + ")" if any(langs) else ""
    return " and ".join(e.shown for e in editions) + mode + lang


def ordered(items: list[Problem]) -> list[Problem]:
    """Without repeats, sorted by file and line so an editor can step through them."""
    unique = list(dict.fromkeys(items))
    return sorted(unique, key=lambda p: (p.path or "", p.line or 0, p.column or 0))


def _place(problem: Problem) -> tuple[object, ...]:
    return (problem.path, problem.line, problem.card, problem.severity)


def _key(problem: Problem) -> tuple[object, ...]:
    return (problem.message, problem.path, problem.line, problem.column, problem.card,
            problem.severity)
