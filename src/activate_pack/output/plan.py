"""The one orchestrator: plan any output, check all it needs, lay it out, ready to render.

``build``, ``check``, ``preview`` and ``watch`` all go through :func:`prepare`, so ``check``
meets every problem a build would (print sheet templates included), and a build stops on every
error ``check`` reports. An output is an edition (data, in ``layout/editions.py``) in a print
variant; the plain build is the trivial imposition, one face per page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.layout import contrast
from activate_pack.layout.boxes import Document
from activate_pack.layout.editions import EDITIONS, SIZES, Edition
from activate_pack.layout.spec import LayoutSpec, layout_dirs, load_layout
from activate_pack.output import packwords
from activate_pack.output.dates import source_date
from activate_pack.output.variants import (Variant, every_variant, languages_wanted, merge_variants,
                                           ordered, outputs_named)
from activate_pack.layout.printing import Imposed, Plan, PrintOptions
from activate_pack.layout.printing import plan as print_plan
from activate_pack.pack.loading import advice
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import PACK_FILE, default_pack_dir


@dataclass
class Output:
    """An output laid out and imposed, with the file it goes to: ready to render."""

    variant: Variant
    path: Path
    imposed: Imposed


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found, in file and line order."""

    problems: tuple[Problem, ...]
    checked: tuple[str, ...] = ()
    """The outputs these problems were looked for in, as people name them."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        """What is worth knowing but asks nothing of anyone (a draft translation's state)."""
        return [p for p in self.problems if p.severity == "note"]

    def failed(self, strict: bool = False) -> bool:
        """True if the pack would not build (or, with ``strict``, has any warning)."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """The count line printed after the problems."""
        e, w = len(self.errors), len(self.warnings)
        if not e and not w:
            return "No problems found."
        return (f"{e} error{'s' if e != 1 else ''} and {w} warning{'s' if w != 1 else ''} found.")


@dataclass
class Prepared:
    """What :func:`prepare` found: the pack, the outputs, and every problem in order."""

    pack: Pack | None
    outputs: list[Output] = field(default_factory=list)
    report: Report = Report(())
    packs: dict[str | None, Pack] = field(default_factory=dict)
    """The pack in each language laid out (None: its own language)."""
    later: Later | None = None
    """With ``prepare(..., later=True)``: the outputs still to lay out, one by one."""

    def ready(self, warn: Callable[[Problem], None] | None = None,
              language: str | None = None) -> Pack:
        """The pack (in ``language``, if a translation), once nothing stops the outputs.

        Every error is raised; warnings and notes are handed to ``warn``.
        """
        if self.report.errors:
            raise PackError(self.report.errors)
        if warn is not None:
            for problem in (*self.report.warnings, *self.report.notes):
                warn(problem)
        assert self.pack is not None  # no errors, so the pack loaded
        return self.packs.get(language, self.pack) if language else self.pack


def _packs(pack: Pack, pack_dir: Path, langs: list[str | None], general: Problems,
           asked: bool = True, detail: bool = True) -> dict[str | None, Pack]:
    """The loaded pack in each language asked for; a translation's problems are collected.

    Unless the languages were ``asked`` for (``check`` goes through them all), a language
    the pack only inherits from its base reports its errors, not its gaps: those are the
    base's, and an adaptation that never meant to print in that language need not hear them.
    Without ``detail`` (several languages at once), a translation's gaps are one line.
    """
    from activate_pack.pack.loading.translations import own_languages, translate

    own = set(own_languages(pack_dir))

    found: dict[str | None, Pack] = {}
    for lang in langs:
        if lang is None or lang == pack.info.language:
            found[lang] = pack
            continue
        try:
            found[lang] = translate(pack, pack_dir, lang, detail=detail)
        except PackError as exc:
            general.extend(exc.problems)
            continue
        added = found[lang].warnings[len(pack.warnings):]
        general.extend([p for p in added if asked or lang in own or p.severity == "error"])
    return found


def prepare(pack_dir: Path, wanted: list[Variant] | None = None, out_dir: Path = Path("dist"),
            sizes: tuple[str, ...] = SIZES, cards: list[str] | None = None,
            asked: bool | None = None, languages: str | None = "all",
            detail: bool | None = None, later: bool = False,
            loaded: Pack | None = None) -> Prepared:
    """Load the pack and everything the outputs need, lay them out and impose them.

    Problems from every stage are collected, not raised: a build raises them, ``check`` lists
    them. ``wanted`` None means every variant of ``sizes`` (the ``check`` case). ``cards``
    keeps only those cards' faces, for printing a few without reprinting the pack. ``asked``
    says whether the languages were asked for (by default, when ``wanted`` is given): if not,
    a language the pack only inherits reports its errors, not its gaps (see ``_packs``).
    ``languages`` is what ``check`` covers when ``wanted`` is None ('all', or one tag).
    ``detail`` lists every gap of a translation (default: when one language is asked for
    by name); otherwise each translation's state is one line. With ``later``, no output is
    laid out: ``Prepared.later`` lays each out when asked (a build does, in its workers), and
    the report holds what was found before layout. ``loaded`` is the pack in ``pack_dir``
    already loaded (by the process a worker was forked from), to be used as it is.
    """
    general = Problems()
    pack, whole = _load(pack_dir, cards, general, loaded)
    dirs = layout_dirs(pack_dir, default_pack_dir())
    editions = [EDITIONS[size] for size in sizes] if wanted is None \
        else list(dict.fromkeys(v.edition for v in wanted))
    specs = _layouts(editions, dirs, general)
    if asked is None:
        asked = wanted is not None  # else check: every language there is
    if detail is None:
        detail = (languages not in (None, "all") if wanted is None
                  else len({v.language for v in wanted} - {None}) == 1)
    if wanted is None:
        wanted = every_variant(sizes, specs, languages_wanted(pack_dir, languages))
    plans = _print_plans(wanted, specs, dirs, general)
    result = Prepared(pack)
    undrawn: set[str] = set()
    laid, jobs = _LaidOut({}, "", None), []
    if pack is not None:
        assert whole is not None
        undrawn = _check_pack(pack, pack_dir, general)
        stem = file_stem(pack, pack_dir, general)
        langs = list(dict.fromkeys(v.language for v in wanted))
        result.packs = _translated(pack, whole, pack_dir, langs, cards, general, asked, detail)
        laid = _LaidOut(result.packs, pack.info.version, source_date(pack, pack_dir))
        jobs = [(variant, plan, out_dir / output_name(stem, variant, selected=bool(cards)))
                for variant, plan in plans.items()
                if variant.language in result.packs]  # else its translation could not be read
    outputs = Later(laid, jobs, cards, general.items, undrawn,
                    outputs_named(wanted, pack.info.language if pack else None))
    if later:
        result.later, result.report = outputs, outputs.report({})
        return result
    per_variant: dict[Variant, list[Problem]] = {}
    for index in range(len(jobs)):
        output, per_variant[jobs[index][0]] = outputs.output(index)
        result.outputs += [output] if output is not None else []
    result.report = outputs.report(per_variant)
    return result


def _load(pack_dir: Path, cards: list[str] | None, general: Problems,
          loaded: Pack | None = None) -> tuple[Pack | None, Pack | None]:
    """The pack to build (only ``cards``, if given) and the whole pack, None where they could
    not be read: a translation's entries are checked against every card, chosen or not.
    ``loaded`` is the pack already loaded from ``pack_dir``, if it is."""
    from activate_pack.output.adaptation import select

    pack: Pack | None = None
    whole: Pack | None = None
    try:
        pack = whole = loaded or load_pack(pack_dir)
        if cards:
            pack = select(pack, cards)
    except PackError as exc:
        general.extend(exc.problems)
    return pack, whole


def _layouts(editions: list[Edition], dirs: list[Path],
             general: Problems) -> dict[str, LayoutSpec]:
    """Each edition's layout by size, read once whatever the variants, its colours checked."""
    specs: dict[str, LayoutSpec] = {}
    for edition in editions:
        try:
            specs[edition.size] = load_layout(edition.layout, dirs)
        except PackError as exc:
            general.extend(exc.problems)
            continue
        contrast.check(specs[edition.size], general)
    return specs


def _print_plans(wanted: list[Variant], specs: dict[str, LayoutSpec], dirs: list[Path],
                 general: Problems) -> dict[Variant, Plan]:
    """The print plan of each variant whose layout was read and whose plan could be made."""
    # A print plan depends on the edition and the print options, not on the language.
    made: dict[tuple[str, PrintOptions], Plan | None] = {}
    plans: dict[Variant, Plan] = {}
    for variant in wanted:
        plan_key = (variant.edition.size, variant.options)
        if plan_key not in made and variant.edition.size in specs:
            try:
                made[plan_key] = print_plan(specs[variant.edition.size], dirs, variant.options)
            except PackError as exc:
                made[plan_key] = None
                general.extend(exc.problems)
        made_plan = made.get(plan_key)
        if made_plan is not None:
            plans[variant] = made_plan
    return plans


def _check_pack(pack: Pack, pack_dir: Path, general: Problems) -> set[str]:
    """The pack's own warnings and advice, added to ``general``; the characters of pack.yaml
    no font draws, already reported there (see ``packwords``)."""
    general.extend(list(pack.warnings))
    undrawn = packwords.check(pack, general)
    advice.alt_text(pack, general)
    advice.placeholders(pack_dir, general)
    return undrawn


def _translated(pack: Pack, whole: Pack, pack_dir: Path, langs: list[str | None],
                cards: list[str] | None, general: Problems, asked: bool,
                detail: bool) -> dict[str | None, Pack]:
    """The pack in each of ``langs``, only ``cards`` if given; problems go to ``general``."""
    from activate_pack.output.adaptation import select

    if not cards:
        return _packs(pack, pack_dir, langs, general, asked, detail)
    # Translated whole, then the cards chosen kept: the overlay names them all.
    found = Problems()
    packs = {lang: select(done, cards) for lang, done in
             _packs(whole, pack_dir, langs, found, asked, detail).items()}
    general.extend([p for p in found.items if p.card is None or p.card in cards])
    return packs


@dataclass
class _LaidOut:
    """Each language's documents, laid out once for every variant that shares them."""

    packs: dict[str | None, Pack]
    version: str
    date: int | None
    done: dict[tuple[str, str, str | None], tuple[Document | None, list[Problem]]] = \
        field(default_factory=dict)

    def of(self, variant: Variant, plan: Plan,
           keep: bool = True) -> tuple[Document | None, list[Problem]]:
        """The variant's document (None if its layout stopped) and the problems laying it met;
        kept for the variants laid out alike unless ``keep`` is false (none is left to ask)."""
        doc_key = self.key(variant, plan)
        if not keep:
            return self.done.pop(doc_key, None) or self._laid(variant, plan)
        if doc_key not in self.done:  # variants laid out alike share one layout pass
            self.done[doc_key] = self._laid(variant, plan)
        return self.done[doc_key]

    @staticmethod
    def key(variant: Variant, plan: Plan) -> tuple[str, str, str | None]:
        """What a variant's layout depends on: not the print plan's key, but the faces'
        layout and the language too."""
        return (variant.edition.size, plan.faces.name, variant.language)

    def _laid(self, variant: Variant, plan: Plan) -> tuple[Document | None, list[Problem]]:
        """The variant laid out now (None if a part the layout lacks stops it: said which)."""
        found = Problems()
        try:
            laid = replace(lay_out(self.packs[variant.language], variant.edition, plan.faces,
                                   found), version=self.version, date=self.date)
        except PackError as exc:
            return None, found.items + exc.problems
        return laid, found.items


def _output(laid: _LaidOut, variant: Variant, plan: Plan, path: Path, cards: list[str] | None,
            keep: bool = True) -> tuple[Output | None, list[Problem]]:
    """The variant laid out and imposed (None if either stopped), and the problems met; its
    layout kept for variants laid out alike unless ``keep`` is false."""
    doc, found_items = laid.of(variant, plan, keep)
    found = list(found_items)
    if doc is None:
        return None, found
    if cards:  # the chosen cards only: not the about card, nor any other page
        doc = replace(doc, pages=tuple(p for p in doc.pages if p.card in cards))
    try:
        imposed = plan.impose(laid.packs[variant.language], doc)
    except PackError as exc:
        return None, found + exc.problems
    return Output(variant, path, imposed), found


@dataclass
class Later:
    """The outputs of a prepared pack, each laid out when asked, and what reports on them.

    ``build`` asks for each in a worker process of its own, which then draws it: outputs are
    laid out side by side, and the first process holds no laid-out page.
    """

    laid: _LaidOut
    jobs: list[tuple[Variant, Plan, Path]]
    """Each output: its variant, print plan and file."""
    cards: list[str] | None
    general: list[Problem]
    undrawn: set[str]
    checked: tuple[str, ...]

    def output(self, index: int) -> tuple[Output | None, list[Problem]]:
        """Output ``index`` laid out and imposed (None if it could not be), and its problems.

        Each output is asked for once; a layout no later output shares is not kept, so its
        pages can be let go as they are drawn."""
        variant, plan, path = self.jobs[index]
        key = _LaidOut.key(variant, plan)
        keep = any(_LaidOut.key(v, p) == key for v, p, _ in self.jobs[index + 1:])
        return _output(self.laid, variant, plan, path, self.cards, keep)

    def report(self, found: dict[Variant, list[Problem]]) -> Report:
        """Every problem, with ``found`` in the outputs laid out (by variant), merged across
        them: one cause, one message."""
        everything = self.general + merge_variants(found)
        return Report(tuple(ordered(packwords.without_echoes(everything, self.undrawn))),
                      self.checked)


def lay_out(pack: Pack, edition: Edition, spec: LayoutSpec, problems: Problems) -> Document:
    """Lay out one edition of the pack with ``spec``, recording problems."""
    from activate_pack.layout import pages

    return pages.edition(pack, edition.size, spec, problems)


def slug(text: str) -> str:
    """A file-name-safe stem in ASCII: 'Activate Pack' → 'activate-pack' ('' if no Latin letters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_stem(pack: Pack, pack_dir: Path, problems: Problems | None = None) -> str:
    """The stem of the pack's file names: its ``slug:``, else made from its title.

    A title with no Latin letters (Urdu, say) gives no stem, so the pack's folder name or the
    last part of its source address is used, and a warning says which name that makes.
    """
    info = pack.info
    if info.slug:
        return info.slug
    stem = slug(info.title)
    if stem:
        return stem
    folder = pack_dir.resolve().name
    source = urlsplit(info.source_url).path.rstrip("/").rsplit("/", 1)[-1]
    stem = slug(folder) or slug(source) or "cards"
    if problems is not None:
        problems.add(f"title: the title has no Latin letters to name files with, so they will "
                     f"be called '{stem}-a6-community.pdf' and so on; to choose the name, add a "
                     "line such as 'slug: my-pack' (lowercase letters, digits and hyphens)",
                     PACK_FILE, pack.info_line("title"), severity="warning")
    return stem


def output_name(stem: str, variant: Variant, selected: bool = False) -> str:
    """File name of an output: '<stem>-a6-community.pdf' ('…-shop.pdf' for --print shop).

    A build of chosen cards only (``--cards``) adds '-cards', so it never replaces the pack.
    """
    edition = variant.edition
    chosen = "-cards" if selected else ""
    lang = f"-{variant.language}" if variant.language else ""
    return f"{stem}{lang}-{edition.size}-{edition.name}{chosen}{variant.options.suffix()}.pdf"
